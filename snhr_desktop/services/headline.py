"""The headline sentence of a statement, written from the figures in grammatical Arabic and English.

The sentence follows the form the organisation publishes::

    International coalition forces killed 1,256 civilians, including 383 children and 221 women,
    from 23 September 2014 until 1 May 2017; 80% of them since 1 January 2016. They committed
    51 massacres, 34 of them in Ar-Raqqa governorate (67%) and 12 in Aleppo, and attacked vital
    civilian facilities at least 106 times, 46 of them bridges.

Arabic counted nouns agree with their number (:func:`count_ar`): one is the noun followed by
واحد/واحدة, two is the dual alone (nominative مدنيان, accusative and genitive مدنيَّين), 3 to 10
take the genitive plural, 11 to 99 the accusative singular (مدنياً), and 100 or more the genitive
singular when the number ends in 00, 01 or 02; otherwise its last two digits decide, as they do
when the number is read aloud (1,256 is read "… ستة وخمسون مدنياً", 103 "مئة وثلاثة مدنيين").
Dates use the month names used in Syria (كانون الثاني … كانون الأول). Numbers are written in
Western digits with a comma between thousands in both languages, as the interface does.

Percentages never round to a misleading 0% or 100%: a share that is neither none nor all is
written "less than 1%" or "more than 99%" at the ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Final, Literal

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import Message
from snhr_desktop.domain.vocabularies import vocabulary

if TYPE_CHECKING:
    from snhr_desktop.services.summary import Summary

__all__ = [
    "AR_MONTHS",
    "EN_MONTHS",
    "NOUNS",
    "ArabicNoun",
    "HeadlineFigures",
    "count_ar",
    "count_en",
    "format_date",
    "format_month",
    "format_number",
    "format_percent",
    "headline",
    "headline_from",
    "links_note",
    "methodology_note",
    "scope_lines",
    "summary_report",
]

Case = Literal["nominative", "accusative", "genitive"]

AR_MONTHS: Final = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)
EN_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _is_arabic(lang: str) -> bool:
    return lang.lower().startswith("ar")


# -- numbers, shares and dates ---------------------------------------------------------------------
def format_number(value: int) -> str:
    """Western digits with a comma between thousands (1,256), in either language."""
    return f"{value:,}"


def percent_value(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole``, rounded half up; 0 when ``whole`` is 0."""
    if whole <= 0:
        return 0
    exact = Decimal(part) * 100 / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_percent(part: int, whole: int, lang: str = "en") -> str:
    """The share as "67%"; a share that is neither none nor all never shows as 0% or 100%."""
    value = percent_value(part, whole)
    if 0 < part < whole:
        if value == 0:
            return "أقل من 1%" if _is_arabic(lang) else "less than 1%"
        if value == 100:
            return "أكثر من 99%" if _is_arabic(lang) else "more than 99%"
    return f"{value}%"


def format_date(value: dt.date, lang: str) -> str:
    """"23 September 2014" or "23 أيلول 2014"."""
    months = AR_MONTHS if _is_arabic(lang) else EN_MONTHS
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_month(value: dt.date | str, lang: str) -> str:
    """"September 2014" or "أيلول 2014" (from a date or a "YYYY-MM" text)."""
    if isinstance(value, str):
        year, month = int(value[:4]), int(value[5:7])
    else:
        year, month = value.year, value.month
    months = AR_MONTHS if _is_arabic(lang) else EN_MONTHS
    return f"{months[month - 1]} {year}"


# -- counted nouns ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArabicNoun:
    """The forms of an Arabic noun that a number can call for, and its English forms."""

    singular: str  # indefinite, nominative or genitive: مدني
    accusative: str  # the counted form for 11–99: مدنياً
    dual_nominative: str  # مدنيان
    dual_oblique: str  # accusative and genitive: مدنيَّين
    plural: str  # the genitive plural for 3–10: مدنيين
    feminine: bool
    english: str
    english_plural: str


NOUNS: Final[dict[str, ArabicNoun]] = {
    "civilian": ArabicNoun(
        "مدني", "مدنياً", "مدنيان", "مدنيَّين", "مدنيين", False, "civilian", "civilians"
    ),
    "child": ArabicNoun("طفل", "طفلاً", "طفلان", "طفلين", "أطفال", False, "child", "children"),
    "woman": ArabicNoun("امرأة", "امرأة", "امرأتان", "امرأتين", "نساء", True, "woman", "women"),
    "man": ArabicNoun("رجل", "رجلاً", "رجلان", "رجلين", "رجال", False, "man", "men"),
    "massacre": ArabicNoun(
        "مجزرة", "مجزرة", "مجزرتان", "مجزرتين", "مجازر", True, "massacre", "massacres"
    ),
    "attack": ArabicNoun("هجوم", "هجوماً", "هجومان", "هجومين", "هجمات", False, "attack", "attacks"),
    "incident": ArabicNoun(
        "حادثة", "حادثة", "حادثتان", "حادثتين", "حوادث", True, "incident", "incidents"
    ),
    "day": ArabicNoun("يوم", "يوماً", "يومان", "يومين", "أيام", False, "day", "days"),
    "time": ArabicNoun("مرة", "مرة", "مرتان", "مرتين", "مرات", True, "time", "times"),
    "victim": ArabicNoun("ضحية", "ضحية", "ضحيتان", "ضحيتين", "ضحايا", True, "victim", "victims"),
    "year": ArabicNoun("عام", "عاماً", "عامان", "عامين", "أعوام", False, "year", "years"),
}


def count_ar(number: int, noun: ArabicNoun | str, case: Case = "accusative") -> str:
    """``number`` with its counted noun in correct Arabic: "مدني واحد", "مدنيَّين", "5 مدنيين",
    "25 مدنياً", "100 مدني", "1,256 مدنياً".

    ``case`` is the case of the whole phrase in its sentence; it matters only for one and two
    (accusative "مدنياً واحداً", nominative "مدنيان"). Zero is "0" with the genitive plural
    (callers usually write "لا … " instead).
    """
    forms = NOUNS[noun] if isinstance(noun, str) else noun
    if number < 0:
        raise ValueError("a count cannot be negative")
    if number == 1:
        if case == "accusative":  # "مدنياً واحداً", "امرأةً واحدةً" (written امرأة واحدة)
            return f"{forms.accusative} {'واحدة' if forms.feminine else 'واحداً'}"
        return f"{forms.singular} {'واحدة' if forms.feminine else 'واحد'}"
    if number == 2:
        return forms.dual_nominative if case == "nominative" else forms.dual_oblique
    digits = format_number(number)
    if number == 0:
        return f"0 {forms.plural}"
    last_two = number % 100
    if number >= 100 and last_two <= 2:
        return f"{digits} {forms.singular}"
    if 3 <= last_two <= 10:
        return f"{digits} {forms.plural}"
    return f"{digits} {forms.accusative}"


def count_en(number: int, noun: ArabicNoun | str) -> str:
    """"1 civilian", "1,256 civilians"."""
    forms = NOUNS[noun] if isinstance(noun, str) else noun
    word = forms.english if number == 1 else forms.english_plural
    return f"{format_number(number)} {word}"


def count(number: int, noun: str, lang: str, case: Case = "accusative") -> str:
    """:func:`count_ar` or :func:`count_en` by language."""
    return count_ar(number, noun, case) if _is_arabic(lang) else count_en(number, noun)


# -- parties and places ----------------------------------------------------------------------------
# Parties named by a masculine noun (تنظيم) take a masculine verb; the others are feminine
# nouns or plurals of things (قوات، الميليشيات، فصائل، هيئة، جهات) and take a feminine one.
_MASCULINE_PARTIES: Final = frozenset({"isis"})
# Parties named in English by a singular noun (It … / They …).
_SINGULAR_PARTIES_EN: Final = frozenset({"isis", "hts", "unidentified"})


def _join(items: Sequence[str], lang: str) -> str:
    if _is_arabic(lang):
        return " و".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _subject(perpetrators: Sequence[str], lang: str) -> str:
    if not perpetrators:
        return "أطراف النزاع" if _is_arabic(lang) else "The parties to the conflict"
    terms = vocabulary("perpetrator")
    labels = [terms.label(code, lang) if code in terms else code for code in perpetrators]
    return _join(labels, lang)


def _governorate_phrase(pcodes: Sequence[str], lang: str) -> str:
    """" in Aleppo governorate", " في محافظتي حلب وإدلب"; "" for no governorate filter."""
    if not pcodes:
        return ""
    gaz = gazetteer()
    names = [gaz.name(p, lang) if p in gaz else p for p in pcodes]
    if _is_arabic(lang):
        word = "محافظة" if len(names) == 1 else "محافظتي" if len(names) == 2 else "محافظات"
        return f" في {word} {_join(names, lang)}"
    return f" in {_join(names, lang)} {'governorate' if len(names) == 1 else 'governorates'}"


# -- the figures the sentence needs ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HeadlineFigures:
    """What the headline says; :meth:`from_summary` takes them from a computed summary."""

    period_start: dt.date
    period_end: dt.date
    civilians: int
    children: int
    women: int
    perpetrators: tuple[str, ...] = ()
    governorates: tuple[str, ...] = ()
    start_given: bool = True  # False: the period runs from the start of the records (by month)
    since: dt.date | None = None
    since_civilians: int = 0
    massacres: int = 0
    # (pcode, count), most first
    massacres_by_governorate: tuple[tuple[str, int], ...] = ()
    facility_attacks: int = 0
    # (category code, count), most first
    facility_attacks_by_category: tuple[tuple[str, int], ...] = field(default=())

    @classmethod
    def from_summary(cls, summary: Summary) -> HeadlineFigures:
        filters = summary.filters
        return cls(
            period_start=summary.period_start,
            period_end=summary.period_end,
            civilians=summary.civilians_killed,
            children=summary.children,
            women=summary.women,
            perpetrators=filters.perpetrators,
            governorates=filters.governorates,
            start_given=filters.date_from is not None,
            since=summary.since.date if summary.since else None,
            since_civilians=summary.since.civilians_killed if summary.since else 0,
            massacres=summary.massacres,
            massacres_by_governorate=tuple(
                (row.code, row.count) for row in summary.massacres_by_governorate
            ),
            facility_attacks=summary.facility_attacks,
            facility_attacks_by_category=tuple(
                (row.code, row.count) for row in summary.facility_attacks_by_category
            ),
        )

    @property
    def masculine(self) -> bool:
        return len(self.perpetrators) == 1 and self.perpetrators[0] in _MASCULINE_PARTIES

    @property
    def singular_en(self) -> bool:
        return len(self.perpetrators) == 1 and self.perpetrators[0] in _SINGULAR_PARTIES_EN

    def top_facility(self) -> tuple[str, int] | None:
        """The most attacked named category ("other …" categories say nothing)."""
        for code, number in self.facility_attacks_by_category:
            if number > 0 and code not in _UNNAMED_CATEGORIES:
                return code, number
        return None


def headline(summary: Summary, lang: str) -> str:
    """The headline sentence for ``summary`` in ``lang`` ("ar" or "en")."""
    return headline_from(HeadlineFigures.from_summary(summary), lang)


def headline_from(figures: HeadlineFigures, lang: str) -> str:
    """The headline sentence for ``figures`` in ``lang`` ("ar" or "en")."""
    if _is_arabic(lang):
        return f"{_killed_ar(figures)} {_second_ar(figures)}"
    return f"{_killed_en(figures)} {_second_en(figures)}"


def _period(figures: HeadlineFigures, lang: str) -> tuple[str, str]:
    start = (
        format_date(figures.period_start, lang)
        if figures.start_given
        else format_month(figures.period_start, lang)
    )
    return start, format_date(figures.period_end, lang)


# -- English ---------------------------------------------------------------------------------------
_UNNAMED_CATEGORIES: Final = frozenset({"other", "educational_other"})

# English plural and Arabic indefinite singular/plural for "46 of them bridges" / "على جسور".
FACILITY_NOUNS: Final[dict[str, tuple[str, str, str, str]]] = {
    # code: (English singular, English plural, Arabic singular, Arabic plural)
    "bridge": ("a bridge", "bridges", "جسر", "جسور"),
    "road": ("a road", "roads", "طريق", "طرق"),
    "water_station": ("a water station", "water stations", "محطة مياه", "محطات مياه"),
    "power_station": ("a power station", "power stations", "محطة كهرباء", "محطات كهرباء"),
    "fuel_station": ("a fuel station", "fuel stations", "محطة وقود", "محطات وقود"),
    "dam": ("a dam", "dams", "سد", "سدود"),
    "telecom": (
        "a telecommunications facility", "telecommunications facilities",
        "منشأة اتصالات", "منشآت اتصالات",
    ),
    "school": ("a school", "schools", "مدرسة", "مدارس"),
    "university": ("a university", "universities", "جامعة", "جامعات"),
    "kindergarten": ("a kindergarten", "kindergartens", "روضة أطفال", "رياض أطفال"),
    "hospital": ("a hospital", "hospitals", "مشفى", "مشافٍ"),
    "health_centre": ("a health centre", "health centres", "مركز صحي", "مراكز صحية"),
    "medical_point": ("a medical point", "medical points", "نقطة طبية", "نقاط طبية"),
    "ambulance": ("an ambulance", "ambulances", "سيارة إسعاف", "سيارات إسعاف"),
    "pharmacy": ("a pharmacy", "pharmacies", "صيدلية", "صيدليات"),
    "mosque": ("a mosque", "mosques", "مسجد", "مساجد"),
    "church": ("a church", "churches", "كنيسة", "كنائس"),
    "market": ("a market", "markets", "سوق", "أسواق"),
    "bakery": ("a bakery", "bakeries", "مخبز", "مخابز"),
    "industrial_facility": (
        "an industrial facility", "industrial facilities", "منشأة صناعية", "منشآت صناعية"
    ),
    "cultural_centre": ("a cultural centre", "cultural centres", "مركز ثقافي", "مراكز ثقافية"),
    "archaeological_site": (
        "an archaeological site", "archaeological sites", "موقع أثري", "مواقع أثرية"
    ),
    "idp_camp": ("an IDP camp", "IDP camps", "مخيم للنازحين", "مخيمات للنازحين"),
    "government_building": (
        "a government building", "government buildings", "مبنى حكومي", "مبانٍ حكومية"
    ),
    "civil_defence_centre": (
        "a civil defence centre", "civil defence centres",
        "مركز للدفاع المدني", "مراكز للدفاع المدني",
    ),
}


def _facility_noun(code: str, number: int, lang: str) -> str:
    forms = FACILITY_NOUNS.get(code)
    if forms is None:  # a category added to the vocabulary later: its label in quotes
        label = vocabulary("facility_category").label(code, lang)
        return f"«{label}»" if _is_arabic(lang) else f"“{label}”"
    if _is_arabic(lang):
        return forms[2] if number == 1 else forms[3]
    return forms[0] if number == 1 else forms[1]


def _of_them_en(number: int) -> str:
    return "one of them" if number == 1 else f"{format_number(number)} of them"


def _killed_en(f: HeadlineFigures) -> str:
    start, end = _period(f, "en")
    subject = _subject(f.perpetrators, "en")
    where = _governorate_phrase(f.governorates, "en")
    if f.civilians == 0:
        by = subject[0].lower() + subject[1:] if not f.perpetrators else subject
        return (
            f"No civilians killed by {by}{where} were documented from {start} until {end}."
        )
    text = f"{subject} killed {count_en(f.civilians, 'civilian')}{where}"
    including = [count_en(n, noun) for n, noun in ((f.children, "child"), (f.women, "woman")) if n]
    if including:
        text += f", including {_join(including, 'en')},"
    text += f" from {start} until {end}"
    if f.since is not None:
        share = format_percent(f.since_civilians, f.civilians, "en")
        text += f"; {share} of them since {format_date(f.since, 'en')}"
    return text + "."


def _massacre_detail_en(f: HeadlineFigures) -> str:
    rows = [(p, n) for p, n in f.massacres_by_governorate if n > 0]
    if not rows:
        return ""
    gaz = gazetteer()
    first_code, first = rows[0]
    first_name = gaz.name(first_code, "en")
    if first == f.massacres:
        if f.massacres == 1:
            return f", in {first_name} governorate"
        every = "both of them" if f.massacres == 2 else "all of them"
        return f", {every} in {first_name} governorate"
    text = (
        f", {_of_them_en(first)} in {first_name} governorate "
        f"({format_percent(first, f.massacres, 'en')})"
    )
    if len(rows) > 1:
        second_code, second = rows[1]
        second_text = "one" if second == 1 else format_number(second)
        text += f" and {second_text} in {gaz.name(second_code, 'en')}"
    return text


def _facility_detail_en(f: HeadlineFigures) -> str:
    top = f.top_facility()
    if top is None:
        return ""
    code, number = top
    if number == f.facility_attacks:
        if number == 1:
            return f" ({_facility_noun(code, 1, 'en')})"
        every = "both of them" if number == 2 else "all of them"
        return f", {every} {_facility_noun(code, number, 'en')}"
    return f", {_of_them_en(number)} {_facility_noun(code, number, 'en')}"


def _second_en(f: HeadlineFigures) -> str:
    pronoun = "It" if f.singular_en else "They"
    if f.massacres == 0 and f.facility_attacks == 0:
        them = "it" if f.singular_en else "them"
        return (
            f"No massacres and no attacks on vital civilian facilities by {them} were documented."
        )
    if f.massacres:
        text = f"{pronoun} committed {count_en(f.massacres, 'massacre')}{_massacre_detail_en(f)}"
    else:
        text = f"{pronoun} committed no massacres"
    if f.facility_attacks:
        times = "once" if f.facility_attacks == 1 else f"{format_number(f.facility_attacks)} times"
        text += (
            f", and attacked vital civilian facilities at least {times}{_facility_detail_en(f)}"
        )
    else:
        text += "; no attacks on vital civilian facilities were documented"
    return text + "."


# -- Arabic ----------------------------------------------------------------------------------------
def _of_them_ar(number: int, feminine: bool) -> str:
    """"34 منها", "واحدة منها", "اثنتان منها" (the number is the subject: nominative)."""
    if number == 1:
        return "واحدة منها" if feminine else "واحد منها"
    if number == 2:
        return "اثنتان منها" if feminine else "اثنان منها"
    return f"{format_number(number)} منها"


def _number_word_ar(number: int, feminine: bool) -> str:
    """A bare number as a subject: "واحدة", "اثنتان", "12"."""
    if number == 1:
        return "واحدة" if feminine else "واحد"
    if number == 2:
        return "اثنتان" if feminine else "اثنان"
    return format_number(number)


def _killed_ar(f: HeadlineFigures) -> str:
    start, end = _period(f, "ar")
    subject = _subject(f.perpetrators, "ar")
    where = _governorate_phrase(f.governorates, "ar")
    feminine_verb = not (f.perpetrators and f.perpetrators[0] in _MASCULINE_PARTIES)
    if f.civilians == 0:
        by = "أي من أطراف النزاع" if not f.perpetrators else subject
        return f"لم نوثق مقتل أي مدني على يد {by}{where} منذ {start} حتى {end}."
    verb = "قتلت" if feminine_verb else "قتل"
    text = f"{verb} {subject} {count_ar(f.civilians, 'civilian', 'accusative')}{where}"
    # "بينهم": the children and women are the subject of a nominal clause (nominative).
    including = [
        count_ar(n, noun, "nominative")
        for n, noun in ((f.children, "child"), (f.women, "woman"))
        if n
    ]
    pronoun = "بينهما" if f.civilians == 2 else "بينهم"
    if including:
        text += f"، {pronoun} {_join(including, 'ar')}"
    text += f"، منذ {start} حتى {end}"
    if f.since is not None:
        share = format_percent(f.since_civilians, f.civilians, "ar")
        of = "منهما" if f.civilians == 2 else "منهم"
        text += f"؛ {share} {of} منذ {format_date(f.since, 'ar')}"
    return text + "."


def _massacre_detail_ar(f: HeadlineFigures) -> str:
    rows = [(p, n) for p, n in f.massacres_by_governorate if n > 0]
    if not rows:
        return ""
    gaz = gazetteer()
    first_code, first = rows[0]
    first_name = gaz.name(first_code, "ar")
    if first == f.massacres:
        if f.massacres == 1:
            return f" في محافظة {first_name}"
        every = "كلتاهما" if f.massacres == 2 else "جميعها"  # two massacres: the dual
        return f"، {every} في محافظة {first_name}"
    text = (
        f"، {_of_them_ar(first, True)} في محافظة {first_name} "
        f"({format_percent(first, f.massacres, 'ar')})"
    )
    if len(rows) > 1:
        second_code, second = rows[1]
        text += f" و{_number_word_ar(second, True)} في محافظة {gaz.name(second_code, 'ar')}"
    return text


def _facility_detail_ar(f: HeadlineFigures) -> str:
    top = f.top_facility()
    if top is None:
        return ""
    code, number = top
    if number == f.facility_attacks:
        if number == 1:
            return f" ({_facility_noun(code, 1, 'ar')})"
        every = "كلاهما" if number == 2 else "جميعها"  # two attacks (هجومان): the dual
        return f"، {every} على {_facility_noun(code, number, 'ar')}"
    attacks = count_ar(number, "attack", "nominative")
    return f"، بينها {attacks} على {_facility_noun(code, number, 'ar')}"


def _second_ar(f: HeadlineFigures) -> str:
    masculine = f.masculine
    if f.massacres == 0 and f.facility_attacks == 0:
        to = "له" if masculine else "لها"
        return f"ولم نوثق {to} أي مجزرة ولا أي هجوم على منشآت حيوية مدنية."
    if f.massacres:
        verb = "وارتكب" if masculine else "وارتكبت"
        text = f"{verb} {count_ar(f.massacres, 'massacre', 'accusative')}{_massacre_detail_ar(f)}"
    else:
        text = "ولم يرتكب أي مجزرة" if masculine else "ولم ترتكب أي مجزرة"
    if f.facility_attacks:
        verb = "ونفذ" if masculine else "ونفذت"
        attacks = count_ar(f.facility_attacks, "attack", "genitive")
        if f.facility_attacks == 1:
            text += f"، {verb} هجوماً واحداً على الأقل على منشأة حيوية مدنية"
        else:
            text += f"، {verb} ما لا يقل عن {attacks} على منشآت حيوية مدنية"
        text += _facility_detail_ar(f)
    else:
        to = "له" if masculine else "لها"
        text += f"، ولم نوثق {to} أي هجوم على منشآت حيوية مدنية"
    return text + "."


# -- the plain-text summary (the command line) -----------------------------------------------------
def scope_lines(summary: Summary, lang: str) -> list[str]:
    """The period, parties and governorates a summary covers, one line each."""
    f = summary.filters
    start = (
        format_date(summary.period_start, lang)
        if f.date_from is not None
        else format_month(summary.period_start, lang)
    )
    lines = [
        Message.of(
            "summary_period",
            start=start,
            end=format_date(summary.period_end, lang),
            days=format_number(summary.days),
        ).render(lang)
    ]
    separator = "، " if _is_arabic(lang) else ", "
    if f.perpetrators:
        terms = vocabulary("perpetrator")
        value = separator.join(terms.label(c, lang) for c in f.perpetrators)
        lines.append(Message.of("summary_scope_parties", value=value).render(lang))
    else:
        lines.append(Message.of("summary_scope_all_parties").render(lang))
    if f.governorates:
        gaz = gazetteer()
        value = separator.join(gaz.name(p, lang) for p in f.governorates)
        lines.append(Message.of("summary_scope_governorates", value=value).render(lang))
    else:
        lines.append(Message.of("summary_scope_all_governorates").render(lang))
    return lines


def methodology_note(summary: Summary, lang: str) -> str:
    """The methodology footnote with the settings used, in ``lang``."""
    m = summary.methodology
    return Message.of(
        "summary_methodology",
        age_limit_en=count_en(m.child_age_limit, "year"),
        age_limit_ar=count_ar(m.child_age_limit, "year", "accusative"),
        threshold_en=count_en(m.massacre_threshold, "civilian"),
        threshold_ar=count_ar(m.massacre_threshold, "civilian", "nominative"),
    ).render(lang)


def links_note(summary: Summary, lang: str) -> str | None:
    """The line saying how many records were left out as the same person as another record
    (``None`` when no link applied to the summary's records)."""
    if not summary.links_applied:
        return None
    return Message.of(
        "summary_links_applied", count=format_number(summary.links_applied)
    ).render(lang)


def summary_report(summary: Summary, lang: str) -> str:
    """The summary as plain text: the headline, the scope, every figure and the methodology."""
    gaz = gazetteer()

    def label(code: str, **args: object) -> str:
        return Message.of(code, **args).render(lang)

    def share(part: int, whole: int) -> str:
        return format_percent(part, whole, lang)

    lines = [headline(summary, lang), "", *scope_lines(summary, lang), ""]
    s = summary
    lines.append(f"{label('summary_civilians_killed')}: {format_number(s.civilians_killed)}")
    for code, value in (
        ("summary_children", s.children),
        ("summary_women", s.women),
        ("summary_men", s.men),
        ("summary_unknown_sex_or_age", s.unknown_sex_or_age),
    ):
        lines.append(f"  {label(code)}: {format_number(value)}")
    specials = vocabulary("special_category")
    named = [
        f"{specials.label(r.code, lang) if r.code in specials else r.code} {format_number(r.count)}"
        for r in s.special_categories
    ]
    separator = "، " if _is_arabic(lang) else ", "
    lines.append(f"  {label('summary_special_categories')}: {separator.join(named)}")
    links = links_note(s, lang)
    if links is not None:
        lines.append(f"  {links}")
    if s.since is not None:
        lines.append(
            label(
                "summary_since",
                date=format_date(s.since.date, lang),
                civilians=format_number(s.since.civilians_killed),
                share=share(s.since.civilians_killed, s.civilians_killed),
                children=format_number(s.since.children),
                women=format_number(s.since.women),
            )
        )
    lines.append(f"{label('summary_massacres')}: {format_number(s.massacres)}")
    for row in s.massacres_by_governorate:
        name = gaz.name(row.code, lang) if row.code in gaz else row.code
        lines.append(f"  {name}: {format_number(row.count)} ({share(row.count, row.total)})")
    lines.append(f"{label('summary_facility_attacks')}: {format_number(s.facility_attacks)}")
    categories = vocabulary("facility_category")
    for row in s.facility_attacks_by_category:
        name = categories.label(row.code, lang) if row.code in categories else row.code
        lines.append(f"  {name}: {format_number(row.count)} ({share(row.count, row.total)})")
    lines.append(
        f"{label('summary_acknowledged_incidents')}: {format_number(s.acknowledged_incidents)}"
    )
    lines.append(f"{label('summary_civilians_by_governorate')}:")
    for row in s.civilians_by_governorate:
        name = gaz.name(row.code, lang) if row.code in gaz else row.code
        lines.append(f"  {name}: {format_number(row.count)} ({share(row.count, row.total)})")
    lines.append(f"{label('summary_by_perpetrator')}:")
    perpetrators = vocabulary("perpetrator")
    for row in s.civilians_by_perpetrator:
        name = perpetrators.label(row.code, lang) if row.code in perpetrators else row.code
        lines.append(f"  {name}: {format_number(row.count)} ({share(row.count, row.total)})")
    lines += [
        "",
        label(
            "summary_settings",
            massacre_threshold=s.methodology.massacre_threshold,
            child_age_limit=s.methodology.child_age_limit,
        ),
        methodology_note(s, lang),
    ]
    return "\n".join(lines)
