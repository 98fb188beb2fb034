"""Field rules shared by the records: text cleaning, digits, dates with precision, codes, P-codes."""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import Message
from snhr_desktop.domain.methodology import FIRST_DATE_ISO
from snhr_desktop.domain.names import fold_digits
from snhr_desktop.domain.vocabularies import vocabulary

FIRST_DATE = dt.date.fromisoformat(FIRST_DATE_ISO)

VOCABULARY_TITLES: dict[str, tuple[str, str]] = {
    "perpetrator": ("perpetrator party", "أطراف النزاع"),
    "attack_type": ("attack type", "أنواع الهجمات"),
    "facility_category": ("facility category", "فئات المنشآت"),
    "sex": ("sex", "الجنس"),
    "age_group": ("age group", "الفئات العمرية"),
    "victim_status": ("status", "صفة الضحية"),
    "special_category": ("special category", "الفئات الخاصة"),
    "damage": ("damage level", "درجات الضرر"),
    "tristate": ("yes / no / unknown answer", "نعم / لا / غير معروف"),
    "date_precision": ("date precision", "دقة التاريخ"),
}

LEVEL_TITLES: dict[int, tuple[str, str]] = {
    1: ("governorate", "المحافظة"),
    2: ("district", "المنطقة"),
    3: ("subdistrict", "الناحية"),
    4: ("community", "التجمع السكاني"),
}


def problem(code: str, **args: Any) -> PydanticCustomError:
    """A validation error whose type is a catalogue code, so it renders in either language."""
    return PydanticCustomError(code, Message.of(code, **args).en, args)


def clean_text(value: Any) -> str | None:
    """Trimmed NFC text; empty becomes None. Numbers from spreadsheets become text."""
    if type(value) is str and value.isascii():  # the common case: ASCII is already NFC
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _limited(limit: int) -> BeforeValidator:
    def check(value: Any) -> str | None:
        text = clean_text(value)
        if text is not None and len(text) > limit:
            raise problem("text_too_long", length=len(text), limit=limit)
        return text

    return BeforeValidator(check)


ShortText = Annotated[str | None, _limited(200)]
LongText = Annotated[str | None, _limited(20_000)]


def parse_int(value: Any) -> int | None:
    """A whole number from int, float or text (Arabic-Indic digits accepted); blank is None."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise problem("not_an_integer", value=value)
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise problem("not_an_integer", value=value)
    text = fold_digits(clean_text(value) or "")
    if not text:
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+\.0+", text):
        return int(text.split(".")[0])
    raise problem("not_an_integer", value=value)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or only the year (stored as the period's first day)."""

    value: dt.date
    precision: str  # "day" | "month" | "year"

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def last_day(self) -> dt.date:
        if self.precision == "year":
            return dt.date(self.value.year, 12, 31)
        if self.precision == "month":
            following = dt.date(
                self.value.year + self.value.month // 12, self.value.month % 12 + 1, 1
            )
            return following - dt.timedelta(days=1)
        return self.value


_ISO_FULL = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_YEAR = re.compile(r"(\d{4})")


# Dates read from text, by the text: imports repeat the same few thousand dates.
_DATES: dict[str, PartialDate] = {}
_DATES_KEPT = 50_000


def parse_partial_date(value: Any) -> PartialDate | None:
    """Read a date from a date object or text: YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, MM/YYYY or YYYY.

    Arabic-Indic digits are accepted. Spreadsheet datetimes are taken at their date.
    """
    if type(value) is str:
        known = _DATES.get(value)
        if known is None:
            known = _parse_partial_date(value)
            if known is not None:
                if len(_DATES) >= _DATES_KEPT:
                    _DATES.clear()
                _DATES[value] = known
        return known
    return _parse_partial_date(value)


def _parse_partial_date(value: Any) -> PartialDate | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return PartialDate(value.date(), "day")
    if isinstance(value, dt.date):
        return PartialDate(value, "day")
    raw = clean_text(value)
    if raw is None:
        return None
    text = fold_digits(raw)
    if "T" in text or " " in text:  # "2016-05-03T00:00:00" or "2016-05-03 00:00:00"
        text = re.split(r"[T ]", text, maxsplit=1)[0]
    try:
        if m := _ISO_FULL.fullmatch(text):
            return PartialDate(dt.date(int(m[1]), int(m[2]), int(m[3])), "day")
        if m := _DMY.fullmatch(text):
            return PartialDate(dt.date(int(m[3]), int(m[2]), int(m[1])), "day")
        if m := _ISO_MONTH.fullmatch(text):
            return PartialDate(dt.date(int(m[1]), int(m[2]), 1), "month")
        if m := _MONTH_YEAR.fullmatch(text):
            return PartialDate(dt.date(int(m[2]), int(m[1]), 1), "month")
        if m := _YEAR.fullmatch(text):
            return PartialDate(dt.date(int(m[1]), 1, 1), "year")
    except ValueError:
        pass
    raise problem("not_a_date", value=raw)


_today: tuple[dt.date, float] = (dt.date.min, 0.0)  # today's date, and when it ends


def _local_today() -> dt.date:
    """``date.today()``, read again only once the day is over (validation asks for every date)."""
    global _today
    date, ends = _today
    if time.time() >= ends:
        date = dt.date.today()
        ends = dt.datetime.combine(date + dt.timedelta(days=1), dt.time()).timestamp()
        _today = (date, ends)
    return date


def check_period(date: PartialDate, today: dt.date | None = None) -> None:
    """Dates are not in the future and not before 2011-03-01 (for partial dates: the period)."""
    today = today or _local_today()
    if date.value > today:
        raise problem("date_in_future", value=str(date))
    if date.last_day < FIRST_DATE:
        raise problem("date_too_early", value=str(date))


PRECISION_TEXTS = {
    "day": ("day", "باليوم", "YYYY-MM-DD"),
    "month": ("month", "بالشهر", "YYYY-MM"),
    "year": ("year", "بالسنة", "YYYY"),
}


def precision_mismatch(precision: str) -> PydanticCustomError:
    en, ar, example = PRECISION_TEXTS[precision]
    return problem("date_precision_mismatch", precision_en=en, precision_ar=ar, example=example)


def parse_day(value: Any) -> dt.date | None:
    """A date known to the day, within the documented period."""
    date = parse_partial_date(value)
    if date is None:
        return None
    if date.precision != "day":
        raise precision_mismatch("day")
    check_period(date)
    return date.value


Day = Annotated[dt.date | None, BeforeValidator(parse_day)]


# Codes found for the texts of each vocabulary (vocabularies never change while running).
_CODES: dict[tuple[str, str], str] = {}
_CODES_KEPT = 50_000


def check_code(vocabulary_name: str, value: Any) -> str:
    """A stored vocabulary code; labels in either language are accepted and turned into codes."""
    if type(value) is str:
        key = (vocabulary_name, value)
        code = _CODES.get(key)
        if code is None:
            code = _check_code(vocabulary_name, value)
            if len(_CODES) >= _CODES_KEPT:
                _CODES.clear()
            _CODES[key] = code
        return code
    return _check_code(vocabulary_name, value)


def _check_code(vocabulary_name: str, value: Any) -> str:
    text = clean_text(value)
    if text is None:
        raise problem("required")
    vocab = vocabulary(vocabulary_name)
    if text in vocab:
        return text
    code = vocab.resolve(text)
    if code is None:
        en, ar = VOCABULARY_TITLES.get(vocabulary_name, (vocabulary_name, vocabulary_name))
        raise problem("unknown_code", value=text, vocabulary_en=en, vocabulary_ar=ar)
    return code


def Code(vocabulary_name: str) -> BeforeValidator:
    """Annotation: this field holds a code of the named vocabulary."""
    return BeforeValidator(lambda value: check_code(vocabulary_name, value))


# P-codes found for (text, level, parent) (the gazetteer never changes while running).
_PCODES: dict[tuple[str, int, str | None], str | None] = {}
_PCODES_KEPT = 50_000


def check_pcode(value: Any, level: int, parent: str | None = None) -> str | None:
    """A gazetteer P-code at ``level`` (names and aliases accepted), inside ``parent`` if given."""
    if type(value) is str:
        key = (value, level, parent)
        if key in _PCODES:
            return _PCODES[key]
        pcode = _check_pcode(value, level, parent)
        if len(_PCODES) >= _PCODES_KEPT:
            _PCODES.clear()
        _PCODES[key] = pcode
        return pcode
    return _check_pcode(value, level, parent)


def _check_pcode(value: Any, level: int, parent: str | None) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    gaz = gazetteer()
    place = gaz.get(text.upper())
    pcode = place.pcode if place is not None and place.level == level else None
    if pcode is None:
        pcode = gaz.resolve(text, level=level, parent=parent)
    if pcode is None:
        en, ar = LEVEL_TITLES[level]
        raise problem("unknown_pcode", value=text, level_en=en, level_ar=ar)
    if parent is not None and parent not in gaz.ancestors(pcode).values():
        parent_place = gaz.get(parent)
        en, ar = LEVEL_TITLES[level]
        pen, par = LEVEL_TITLES[parent_place.level if parent_place else 1]
        raise problem(
            "pcode_outside_parent",
            value=text,
            parent=parent,
            level_en=en.capitalize(),
            level_ar=ar,
            parent_en=pen,
            parent_ar=par,
        )
    return pcode


def governorate_code(value: Any) -> str | None:
    return check_pcode(value, 1)


Governorate = Annotated[str | None, BeforeValidator(governorate_code)]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: which field, and what, in both languages."""

    field: str
    message: Message

    def render(self, lang: str) -> str:
        return self.message.render(lang)


_BUILTIN_CODES = {
    "missing": "required",
    "int_parsing": "not_an_integer",
    "int_from_float": "not_an_integer",
}


def problems_from(error: ValidationError) -> list[Problem]:
    """Translate a pydantic error into bilingual problems, one per field."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"]) or "*"
        kind = item["type"]
        ctx = dict(item.get("ctx") or {})
        if kind in _BUILTIN_CODES:
            code = _BUILTIN_CODES[kind]
            args = {"value": item.get("input")} if code == "not_an_integer" else {}
            message = Message.of(code, **args)
        else:
            try:
                message = Message.of(kind, **ctx)
            except KeyError:
                message = Message.of("invalid_value", detail=item["msg"])
        if message.code == "name_required":
            field = "name_ar"  # the name a researcher types first
        problems.append(Problem(field, message))
    return problems


class RecordInvalid(ValueError):
    """A record failed validation; carries every problem found, bilingual."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message.en}" for p in problems))
        self.problems = problems

    def render(self, lang: str) -> str:
        return "\n".join(f"{p.field}: {p.render(lang)}" for p in self.problems)
