"""Probable duplicate victims: parsed names, blocking, explained scores and cautious clusters.

The same person is often documented by two researchers with the name spelt differently, the date
a day off or the age missing. Counting both inflates the toll; merging two people makes a victim
disappear, which is worse. This module finds the candidates and says why; people decide the rest.

Steps (:func:`match_records` in memory, :func:`find_duplicates` streaming from the database):

1. :func:`prepare` parses each name into first, father's, grandfather's and family name, in
   Arabic and in Latin (:func:`parse_arabic`; the separate name fields win over the heuristic),
   as match keys of ``domain.names`` plus their cross-script consonant skeletons, and resolves
   the place of death in the gazetteer.
2. :class:`Frequencies` counts the names (a common name weighs less) and the transliterations
   seen in records written in both scripts (the database's own dictionary: حسين is "Hussein",
   never "Hasan", though both have the skeleton "hsn").
3. :func:`candidate_pairs` blocks: records meet only when they share two of first, father's and
   family name (skeletons) within three days of each other, or by name alone when a date is
   missing; a million victims never means all pairs.
4. :class:`Scorer` weighs each pair (Fellegi–Sunter): the prior log₂(1/N) plus the log₂ Bayes
   factors log₂(m/u) of date, place, governorate and incident (weighed together, as they are not
   independent), of each name part (an agreement worth log₂(m/share of that name); a slip of the
   keyboard told from another name by how common each spelling is), of age and sex. Whole names
   shared by relatives and namesakes count less than the sum of their parts. Patterns that no
   independent comparison can see set a ceiling: the same father's and family name with another
   first name (siblings killed together) or one's first name as the other's father's name
   (father and child) are never duplicates; a different father's or family name at most goes
   to review. The weight is the log₂ odds that the two records are one person; each part of it
   is a :class:`Reason` with a bilingual message (``dup_*`` in the catalogue).
5. :func:`cluster` merges pairs at or above :data:`MATCH_WEIGHT`, strongest first, never joining
   two records that were told apart (or are relatives), and leaves a record that fits two people
   equally well for review. Pairs from :data:`REVIEW_WEIGHT` up that were not merged are the
   review band (:attr:`DuplicateReport.review`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any, Final, NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import extract

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import Message
from snhr_desktop.domain.names import (
    arabic_skeleton,
    article_variants,
    latin_article_variants,
    latin_skeleton,
    normalise_arabic,
    normalise_latin,
    search_key,
)
from snhr_desktop.services.workspace import Workspace

__all__ = [
    "MATCH_WEIGHT",
    "REVIEW_WEIGHT",
    "Cluster",
    "DuplicateReport",
    "Frequencies",
    "NameParts",
    "Prepared",
    "Reason",
    "ScoredPair",
    "Scorer",
    "candidate_pairs",
    "cluster",
    "find_duplicates",
    "match_records",
    "parse_arabic",
    "parse_latin",
    "prepare",
    "score_pair",
    "stream_order",
]

MATCH_WEIGHT: Final = 5.0
"""Pairs at or above this weight (log₂ odds 5: 32 to 1, about 97 %) are one person."""
REVIEW_WEIGHT: Final = -2.0
"""Pairs from this weight up to :data:`MATCH_WEIGHT` are shown to a person for a decision."""
LINK_FLOOR: Final = 2.0
"""Two clusters are joined only if no pair across them weighs less than this (4 to 1 for one
person rather than two)."""
WINDOW_DAYS: Final = 3
"""Records are compared when their dates of death are at most this many days apart (blocking)."""

# --------------------------------------------------------------------------------------------
# Parsing names
# --------------------------------------------------------------------------------------------

# Second halves of compound given names, joined to the word before them: "نور الدين",
# "العبد الله", "زين العابدين". ("عبد ال…", أبو, ابن and بن are joined by normalise_arabic.)
_AR_SECOND_HALVES: Final = frozenset({"الدين", "الله", "العابدين", "الهدي"})
_LA_SECOND_HALVES: Final = frozenset({"din", "adin", "udin", "abdin"})
# Words written before a name that are not part of it ("the child", "the martyr" …).
_AR_TITLES: Final = frozenset({
    "الطفل", "الطفله", "الشهيد", "الشهيده", "الشاب", "الشابه", "المواطن", "المواطنه", "السيده",
    "الحاج", "الحاجه", "المسن", "المسنه", "الرضيع", "الرضيعه",
})
_LA_TITLES: Final = frozenset({"child", "martyr", "mr", "mrs", "ms", "haj", "hajj"})
_UNIDENTIFIED: Final = ("مجهول", "majhul", "unidentified", "unknown", "unnamed")
_AR_ARTICLE: Final = "ال"


class NameParts(NamedTuple):
    """The parts of one name in one script, as match keys; None where not known.

    ``short`` marks a two-word name with no separate father's name field: its second word is
    taken as the family name, but it may be the father's name ("محمد أحمد").
    """

    first: str | None
    father: str | None
    grandfather: str | None
    family: str | None
    mother: str | None
    short: bool = False


def _join_compounds(words: list[str], halves: frozenset[str], article: str | None) -> list[str]:
    joined: list[str] = []
    for word in words:
        if joined and (word in halves or (article is not None and joined[-1] == article)):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


@lru_cache(maxsize=1 << 17)
def _arabic_words(text: str) -> tuple[str, ...]:
    words = [w for w in normalise_arabic(text).split() if not w.isdigit() and not w.isascii()]
    words = _join_compounds(words, _AR_SECOND_HALVES, _AR_ARTICLE)
    while len(words) > 2 and words[0] in _AR_TITLES:
        words = words[1:]
    return tuple(words)


# Latin words that join the word after them in normalise_latin (articles, Abd…, Abu, Ibn, Bin).
_LATIN_PREFIX: Final = re.compile(
    r"(?:[ae](?:l|r|s|sh|t|th|d|dh|z|n)|abd(?:[aeiou]{1,2}[lrs])?|abu|abou|ibn|bin|ben)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)
def _latin_unit(unit: str) -> tuple[str, ...]:
    return tuple(normalise_latin(unit).split())


@lru_cache(maxsize=1 << 17)
def _latin_words(text: str) -> tuple[str, ...]:
    # normalise_latin, a word at a time with the words that join it ("Abd al-Rahman", "Al
    # Khatib"): names are made of few words, so each is normalised once.
    units: list[str] = []
    pending: list[str] = []
    for token in text.split():
        pending.append(token)
        if _LATIN_PREFIX.fullmatch(token) is None:
            units.append(" ".join(pending))
            pending = []
    if pending:
        units.append(" ".join(pending))
    words = [w for unit in units for w in _latin_unit(unit) if not w.isdigit()]
    words = _join_compounds(words, _LA_SECOND_HALVES, None)
    while len(words) > 2 and words[0] in _LA_TITLES:
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def _family_key(word: str, arabic: bool) -> str:
    """A family name without its article, so that "الخطيب", "خطيب" and "Alkhatib" meet."""
    return (article_variants(word) if arabic else latin_article_variants(word))[-1]


FIRST, FATHER, GRANDFATHER, FAMILY = "first", "father", "grandfather", "family"
Layout = tuple[str | None, ...]
"""The part each word of a name stands for (None: a word that is not used)."""

# An article before the last word of a Latin name ("… Al-Khatib", "… al Khatib", "… As-Sayed").
_LATIN_ARTICLE: Final = re.compile(r"(?i)(?:^|\s)(?:[ae]l|[ae][rsntdz]|[ae]sh)[-\s]+[^\s-]+\s*$")


def _has_article(word: str, raw: str, arabic: bool) -> bool:
    if arabic:
        return len(article_variants(word)) == 2
    return len(latin_article_variants(word)) == 2 or _LATIN_ARTICLE.search(raw) is not None


def _layout(
    words: tuple[str, ...], raw: str, arabic: bool, father: tuple[str, ...] | None, family: str | None,
) -> tuple[Layout, bool]:
    """Which part each word of a name is, and whether it is ``short`` (see :class:`NameParts`)."""
    n = len(words)
    if not father and family is None:
        if n == 1:
            return (FIRST,), False
        if n == 2:
            return (FIRST, FAMILY), not _has_article(words[1], raw, arabic)
        if n == 3:
            return (FIRST, FATHER, FAMILY), False
        return (FIRST, FATHER, GRANDFATHER, *([None] * (n - 4)), FAMILY), False
    # Parts given apart win; the words of the name that repeat them are recognised (the family
    # name also when spelt a little differently, or when it carries the article), and the other
    # words fill the remaining parts in order.
    roles: list[str | None] = [FIRST] + [None] * (n - 1)
    low, high = 1, n
    if family is not None and n > 1:
        last = _family_key(words[-1], arabic)
        if (
            last == family
            or (arabic and _has_article(words[-1], raw, arabic))
            or OSA.distance(last, family, score_cutoff=2) <= 1
        ):
            roles[-1], high = FAMILY, n - 1
    if father and low < high and words[low] == father[0]:
        roles[low], low = FATHER, low + 1
        if len(father) > 1 and low < high and words[low] == father[1]:
            roles[low], low = GRANDFATHER, low + 1
    remaining = list(range(low, high))
    if family is None:
        if remaining:
            roles[remaining.pop()] = FAMILY
        if remaining and (not father or len(father) == 1):
            roles[remaining[0]] = GRANDFATHER
    elif not father:
        for index, role in zip(remaining, (FATHER, GRANDFATHER), strict=False):
            roles[index] = role
    elif remaining and len(father) == 1:
        roles[remaining[0]] = GRANDFATHER
    return tuple(roles), False


def _parts(
    words: tuple[str, ...], layout: Layout, short: bool, arabic: bool, father: tuple[str, ...] | None,
    family: str | None, mother: tuple[str, ...] | None,
) -> NameParts:
    first = father_word = grandfather_word = family_word = None
    for word, role in zip(words, layout, strict=False):
        if role is FIRST:
            first = first or word
        elif role is FATHER:
            father_word = father_word or word
        elif role is GRANDFATHER:
            grandfather_word = grandfather_word or word
        elif role is FAMILY:
            family_word = family_word or word
    if father:
        father_word = father[0]
        if len(father) > 1:
            grandfather_word = father[1]
    if family is None and family_word is not None:
        family = _family_key(family_word, arabic)
    return NameParts(first, father_word, grandfather_word, family,
                     mother[0] if mother else None, short)


_ARABIC_LETTER: Final = re.compile("[\u0600-\u06ff\ufb50-\ufefc]")
_UNIDENTIFIED_WORD: Final = re.compile("|".join(_UNIDENTIFIED))


def _is_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


def _unidentified(text: str) -> bool:
    return _UNIDENTIFIED_WORD.search(text.lower()) is not None


def _field_words(value: Any, arabic: bool) -> tuple[str, ...] | None:
    if not value or not isinstance(value, str) or _is_arabic(value) != arabic:
        return None
    words = _arabic_words(value) if arabic else _latin_words(value)
    return words or None


def _parse(
    name: str | None, arabic: bool, father: str | None, family: str | None, mother: str | None,
    layout: tuple[Layout, bool] | None = None,
) -> tuple[NameParts, tuple[Layout, bool]] | None:
    if not name or _unidentified(name) or _is_arabic(name) != arabic:
        return None
    words = _arabic_words(name) if arabic else _latin_words(name)
    if not words:
        return None
    father_words = _field_words(father, arabic)
    family_words = _field_words(family, arabic)
    family_key = _family_key("".join(family_words), arabic) if family_words else None
    if layout is None or len(layout[0]) != len(words):
        layout = _layout(words, name, arabic, father_words, family_key)
    parts = _parts(words, layout[0], layout[1], arabic, father_words, family_key,
                   _field_words(mother, arabic))
    return parts, layout


def parse_arabic(
    name: str | None, father: str | None = None, family: str | None = None,
    mother: str | None = None,
) -> NameParts | None:
    """The parts of an Arabic name, as match keys; None without a usable Arabic name.

    Heuristic, after :func:`normalise_arabic` (which already joins "عبد ال…" and glues أبو, ابن,
    بن to the next word): the second halves of compound names (الدين, الله, العابدين, الهدى) and
    a detached article ("ال خطيب", "آل …") are joined to the word before/after; leading titles
    (الطفل, الشهيد, الحاج …) are dropped. Then, with no father's or family name given apart:
    one word is a first name; two are "first family" (``short`` when the second has no article:
    it may be the father's name); three are "first father family"; four or more "first father
    grandfather … family". A father's or family name given apart wins: the words of the name
    that repeat it are recognised (the last word as the family name also when it is spelt a
    little differently or carries the article) and the other words fill the remaining parts in
    order. The family name is kept without its article. Digits and Latin words are ignored;
    names that say the person is unidentified give None.
    """
    parsed = _parse(name, True, father, family, mother)
    return parsed[0] if parsed else None


def parse_latin(
    name: str | None, father: str | None = None, family: str | None = None,
    mother: str | None = None,
) -> NameParts | None:
    """The parts of a Latin-script name, as :func:`parse_arabic` does, after
    :func:`normalise_latin` (which drops al-/el-, joins Abd… and Abu/Ibn/Bin compounds);
    "Nour al-Din" becomes one word; a glued "Al" of the family name is dropped. (A record's
    Latin name with as many words as its Arabic name is read with the Arabic name's layout:
    see :func:`prepare`.)"""
    parsed = _parse(name, False, father, family, mother)
    return parsed[0] if parsed else None


@lru_cache(maxsize=1 << 16)
def _arabic_word_skeleton(word: str) -> str:
    """:func:`arabic_skeleton` of a word, with the article of a joined second half dropped
    ("نورالدين" → "nrdn", as "Nureddin")."""
    for half in _AR_SECOND_HALVES:
        if word.endswith(half) and len(word) > len(half):
            return arabic_skeleton(word[: -len(half)]) + arabic_skeleton(half)
    return arabic_skeleton(word)


@lru_cache(maxsize=1 << 16)
def _word_skeleton(word: str, arabic: bool) -> str:
    # A name of vowels only (علي → "l" is kept, آية → "") keeps its own key.
    return (_arabic_word_skeleton(word) if arabic else latin_skeleton(word)) or "=" + word


def _skeletons(parts: NameParts, arabic: bool) -> NameParts:
    first, father, grandfather, family, mother, short = parts
    return NameParts(
        None if first is None else _word_skeleton(first, arabic),
        None if father is None else _word_skeleton(father, arabic),
        None if grandfather is None else _word_skeleton(grandfather, arabic),
        None if family is None else _word_skeleton(family, arabic),
        None if mother is None else _word_skeleton(mother, arabic),
        short,
    )


# --------------------------------------------------------------------------------------------
# Prepared records
# --------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Prepared:
    """One victim record reduced to what matching needs (keys, day number, codes)."""

    id: str
    name: str  # the name as written, for people to read
    ar: NameParts | None
    la: NameParts | None
    sk: tuple[NameParts, ...]  # consonant skeletons (of the Arabic, then of the Latin name)
    day: int | None  # date of death as a day number
    period: tuple[int, int] | None  # first and last possible day when the day is not known
    age: int | None
    age_group: str
    sex: str
    governorate: str | None
    incident: str | None
    place: tuple[str, ...] | None  # P-codes from governorate down, or ("~" + text,)

    @property
    def skeleton(self) -> NameParts:
        return self.sk[0]


def _day(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().toordinal()
    if isinstance(value, dt.date):
        return value.toordinal()
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _age(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _period(record: Mapping[str, Any], incident: Mapping[str, Any] | None) -> tuple[int, int] | None:
    """When the day of death is not known: the days it may lie in, from the incident's date at
    its precision (``incident_date``/``incident_precision`` of a joined row, or ``incident``):
    its month or year, or from its day to a month later (died of wounds)."""
    if incident is not None:
        date, precision = incident.get("date"), incident.get("date_precision")
    else:
        date, precision = record.get("incident_date"), record.get("incident_precision")
    first = _day(date)
    if first is None:
        return None
    if precision == "day":  # the incident's day, or (died of wounds) some days after
        return first - 1, first + 30
    if precision not in ("month", "year"):
        return None
    start = dt.date.fromordinal(first)
    if precision == "year":
        return dt.date(start.year, 1, 1).toordinal(), dt.date(start.year, 12, 31).toordinal()
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year, start.month, 1).toordinal(), following.toordinal() - 1


_Names = tuple[NameParts | None, NameParts | None, tuple[NameParts, ...]]


def _names(record: Mapping[str, Any]) -> _Names | None:
    """The Arabic and Latin name parts of a victim and their skeletons; None without a name."""
    father, family, mother = (
        record.get("father_name"), record.get("family_name"), record.get("mother_name")
    )
    arabic = _parse(record.get("name_ar"), True, father, family, mother)
    # The Latin name is mostly a transliteration of the Arabic one: word for word the same parts.
    latin = _parse(
        record.get("name_en"), False, father, family, mother, arabic[1] if arabic else None
    )
    if arabic is None and latin is None:
        return None
    ar = arabic[0] if arabic else None
    la = latin[0] if latin else None
    sk = tuple(_skeletons(p, script) for p, script in ((ar, True), (la, False)) if p is not None)
    return ar, la, sk


def prepare(
    record: Mapping[str, Any], incident: Mapping[str, Any] | None = None
) -> Prepared | None:
    """``record`` (a victim as a dict or a database row) ready for matching; None when it has no
    usable name (unidentified): such records are never proposed as duplicates.

    When the date of death is missing, the incident's date bounds it (``incident``, or the row's
    ``incident_date`` and ``incident_precision``): its month or year, or its day to a month
    later (died of wounds)."""
    names = _names(record)
    if names is None:
        return None
    ar, la, sk = names
    day = _day(record.get("date_of_death"))
    return Prepared(
        id=str(record["id"]),
        name=str(record.get("name_ar") or record.get("name_en")),
        ar=ar,
        la=la,
        sk=sk,
        day=day,
        period=None if day is not None else _period(record, incident),
        age=_age(record.get("age")),
        age_group=str(record.get("age_group") or "unknown"),
        sex=str(record.get("sex") or "unknown"),
        governorate=record.get("governorate") or None,
        incident=record.get("incident_id") or None,
        place=_place(record.get("place_ar"), record.get("place_en"), record.get("governorate")),
    )


@lru_cache(maxsize=1 << 16)
def _resolve(text: str, governorate: str | None) -> tuple[str, ...] | None:
    gaz = gazetteer()
    pcode = gaz.resolve(text, parent=governorate) if governorate else gaz.resolve(text)
    if pcode is None:
        return None
    line = gaz.ancestors(pcode)
    return tuple(line[level] for level in sorted(line))


@lru_cache(maxsize=1 << 16)
def _place(place_ar: Any, place_en: Any, governorate: Any) -> tuple[str, ...] | None:
    """The place of death as its line of P-codes (governorate, district, …), resolved in the
    gazetteer within the governorate; unresolved text is kept as its search key."""
    texts = [t for t in (place_ar, place_en) if isinstance(t, str) and t.strip()]
    gov = governorate if isinstance(governorate, str) and governorate else None
    for text in texts:
        line = _resolve(text.strip(), gov)
        if line is not None:
            return line
    if gov is not None:  # the governorate may be the one that is wrong
        for text in texts:
            line = _resolve(text.strip(), None)
            if line is not None:
                return line
    return ("~" + search_key(texts[0]),) if texts else None


# --------------------------------------------------------------------------------------------
# Name frequencies
# --------------------------------------------------------------------------------------------

AR_GIVEN, AR_FAMILY, LA_GIVEN, LA_FAMILY, SK_GIVEN, SK_FAMILY = range(6)  # kind ^ 1: the other
_DEFAULT_SHARE: Final = (0.02, 0.01, 0.02, 0.01, 0.03, 0.015)
_PSEUDO_COUNT: Final = 200.0  # how much the default share weighs against few observations
_MIN_POPULATION: Final = 10_000  # the prior never assumes fewer records than this
_WELL_KNOWN: Final = 20  # seen in this many bilingual records, a spelling is well known


class Frequencies:
    """How often each name occurs, by kind (given or family name) and script.

    Given names pool first, father's, grandfather's and mother's names. Used for the weight of
    an agreement (a common name weighs less) and to tell a slip from another name: two spellings
    that are both common are two names (حسن and حسين), a rare one next to a common one is a slip.
    """

    def __init__(self) -> None:
        self.counts: list[Counter[str]] = [Counter() for _ in range(6)]
        self.totals = [0] * 6
        self.records = 0
        # Spellings seen together in records written in both scripts, by (family?, Arabic key,
        # Latin key): the database's own dictionary of transliterations.
        self.together: Counter[tuple[bool, str, str]] = Counter()
        self._seen: tuple[Counter[tuple[bool, str]], Counter[tuple[bool, str]],
                          dict[tuple[bool, str], tuple[str, int]]] | None = None

    @classmethod
    def of(cls, records: Iterable[Prepared]) -> Frequencies:
        frequencies = cls()
        for record in records:
            frequencies.add(record)
        return frequencies

    def add(self, record: Prepared) -> None:
        self.add_names((record.ar, record.la, record.sk))

    def add_names(self, names: _Names) -> None:
        ar, la, sk = names
        self.records += 1
        if ar is not None:
            self._add(ar, AR_GIVEN, AR_FAMILY)
        if la is not None:
            self._add(la, LA_GIVEN, LA_FAMILY)
            if ar is not None:
                together = self.together
                for index, get in enumerate(_PART):
                    arabic, latin = get(ar), get(la)
                    if arabic is not None and latin is not None:
                        together[(index == 3, arabic, latin)] += 1
                self._seen = None
        self._add(sk[0], SK_GIVEN, SK_FAMILY)

    def _spellings(self) -> tuple[Counter[tuple[bool, str]], Counter[tuple[bool, str]],
                                  dict[tuple[bool, str], tuple[str, int]]]:
        """How often each Arabic and each Latin key was seen in bilingual records, and the
        Arabic key each Latin key stands for most often (with its count)."""
        if self._seen is None:
            arabic_seen: Counter[tuple[bool, str]] = Counter()
            latin_seen: Counter[tuple[bool, str]] = Counter()
            best: dict[tuple[bool, str], tuple[str, int]] = {}
            for (family, arabic, latin), count in self.together.items():
                arabic_seen[(family, arabic)] += count
                latin_seen[(family, latin)] += count
                if count > best.get((family, latin), ("", 0))[1]:
                    best[(family, latin)] = (arabic, count)
            self._seen = arabic_seen, latin_seen, best
        return self._seen

    def transliterates(self, family: bool, arabic: str, latin: str) -> bool | None:
        """Whether ``latin`` is a usual spelling of ``arabic`` in this database: True when seen
        together, False when both are well known and (almost) never together, else None."""
        together = self.together.get((family, arabic, latin), 0)
        if together >= 2:
            return True
        arabic_seen, latin_seen, _ = self._spellings()
        known = min(arabic_seen.get((family, arabic), 0), latin_seen.get((family, latin), 0))
        if known >= _WELL_KNOWN and together <= 0.01 * known:
            return False
        return None

    def arabic_of(self, family: bool, latin: str) -> str | None:
        """The Arabic name that ``latin`` almost always spells in this database, if any."""
        _, latin_seen, best = self._spellings()
        found = best.get((family, latin))
        if found is None:
            return None
        total = latin_seen[(family, latin)]
        return found[0] if total >= _WELL_KNOWN and found[1] >= 0.8 * total else None

    def _add(self, parts: NameParts, given: int, family: int) -> None:
        counts = self.counts[given]
        added = 0
        for word in (parts.first, parts.father, parts.grandfather, parts.mother):
            if word is not None:
                counts[word] += 1
                added += 1
        self.totals[given] += added
        if parts.family is not None:
            self.counts[family][parts.family] += 1
            self.totals[family] += 1

    def count(self, kind: int, key: str) -> int:
        return self.counts[kind].get(key, 0)

    def share(self, kind: int, key: str) -> float:
        """The smoothed share of ``key`` among names of ``kind`` (never 0)."""
        count = self.counts[kind].get(key, 0)
        return (count + _PSEUDO_COUNT * _DEFAULT_SHARE[kind]) / (self.totals[kind] + _PSEUDO_COUNT)

    @property
    def population(self) -> int:
        return max(self.records, _MIN_POPULATION)


# --------------------------------------------------------------------------------------------
# Comparing names
# --------------------------------------------------------------------------------------------

EXACT, VARIANT, SLIP, SIMILAR, DIFFERENT, MISSING = "exact", "variant", "slip", "similar", \
    "different", "missing"
_AGREEING: Final = frozenset({EXACT, VARIANT, SLIP})
_COMMON: Final = 5  # a name seen this often is an established name, not a slip
_RARE_RATIO: Final = 0.05  # a slip is at most this share as frequent as the name it spoils


_PART: Final = tuple(attrgetter(name) for name in NameParts._fields[:5])


class _Level(NamedTuple):
    level: str
    weight_kind: int  # frequency table for the weight of an agreement
    key: str  # the agreeing key (for its frequency)
    left: str
    right: str


_MISSING_LEVEL: Final = _Level(MISSING, SK_GIVEN, "", "", "")


def _scripts(record: Prepared) -> tuple[NameParts, ...]:
    """The record's name parts in the order of its skeletons (Arabic, then Latin)."""
    return tuple(p for p in (record.ar, record.la) if p is not None)


def _edits_allowed(a: str, b: str) -> int:
    return 2 if min(len(a), len(b)) >= 7 else 1


class Scorer:
    """Scores pairs of :class:`Prepared` records with one set of frequencies; caches word pairs."""

    def __init__(self, frequencies: Frequencies | None = None) -> None:
        self.frequencies = frequencies or Frequencies()
        self.prior = -math.log2(self.frequencies.population)
        self._cache: dict[tuple[int, str, str], str] = {}
        self._near: dict[tuple[int, str], int] = {}
        self._established: dict[int, list[str]] = {}

    # -- one word against another, in one script -----------------------------------------------
    def _same_script(self, kind: int, a: str, b: str) -> str:
        if a == b:
            return EXACT
        cache_key = (kind, a, b) if a < b else (kind, b, a)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._judge(kind, a, b)
        return found

    def _judge(self, kind: int, a: str, b: str) -> str:
        latin = kind in (LA_GIVEN, LA_FAMILY)
        if latin:
            through_arabic = self._latin_by_arabic(kind, a, b)
            if through_arabic is not None:
                return through_arabic
            skeleton_a, skeleton_b = latin_skeleton(a), latin_skeleton(b)
            if skeleton_a and skeleton_a == skeleton_b and JaroWinkler.similarity(a, b) >= 0.85:
                return VARIANT  # vowels written differently: Khaled/Khalid, Yousef/Yusuf
        allowed = _edits_allowed(a, b)
        if OSA.distance(a, b, score_cutoff=allowed + 1) > allowed and not (
            # a slip in the article of one family name: "ااطويل" / "طويل"
            kind == AR_FAMILY and min(
                OSA.distance(_AR_ARTICLE + a, b, score_cutoff=allowed + 1),
                OSA.distance(a, _AR_ARTICLE + b, score_cutoff=allowed + 1),
            ) <= allowed
        ):
            return DIFFERENT
        # How established each spelling is, as a given or a family name ("حمد" is both).
        count = self.frequencies.count
        count_a, count_b = count(kind, a) + count(kind ^ 1, a), count(kind, b) + count(kind ^ 1, b)
        low, high = min(count_a, count_b), max(count_a, count_b)
        if high >= _COMMON and low <= max(2.0, _RARE_RATIO * high):
            # A slip, unless it is as close to another established name ("محمرد": محمد or محمود).
            rare = a if count_a < count_b else b
            return SIMILAR if self._neighbours(kind, rare) > 1 else SLIP
        if low >= _COMMON:
            # Two established names one letter apart: حسن/حسين, محمد/محمود, عمر/عمار. In Latin
            # script two common spellings may still be one name (Iman/Eman).
            return SIMILAR if latin else DIFFERENT
        return SIMILAR

    def _latin_by_arabic(self, kind: int, a: str, b: str) -> str | None:
        """Two Latin spellings compared through the Arabic names they stand for in this
        database: one Arabic name (Iman/Eman) or two (Omar/Ammar)."""
        family = kind == LA_FAMILY
        arabic_a = self.frequencies.arabic_of(family, a)
        arabic_b = self.frequencies.arabic_of(family, b)
        if arabic_a is None or arabic_b is None:
            return None
        return VARIANT if arabic_a == arabic_b else DIFFERENT

    def _neighbours(self, kind: int, word: str) -> int:
        """How many established names are at most one edit from ``word``."""
        found = self._near.get((kind, word))
        if found is None:
            names = self._established.get(kind)
            if names is None:
                counts = self.frequencies.counts
                names = self._established[kind] = [
                    w for w in set(counts[kind]) | set(counts[kind ^ 1])
                    if counts[kind].get(w, 0) + counts[kind ^ 1].get(w, 0) >= _COMMON
                ]
            found = self._near[(kind, word)] = len(
                extract(word, names, scorer=OSA.distance, score_cutoff=1, limit=None)
            )
        return found

    def _skeleton(self, a: str, b: str) -> str:
        if a == b:
            return VARIANT
        if len(a) >= 3 and OSA.distance(a, b, score_cutoff=2) <= 1:
            return SIMILAR
        return DIFFERENT

    def compare(self, a: Prepared, b: Prepared, part: int, family: bool) -> _Level:
        """How part ``part`` (an index of :class:`NameParts`) of two records compares."""
        get = _PART[part]
        arabic: _Level | None = None
        a_parts, b_parts = a.ar, b.ar
        if a_parts is not None and b_parts is not None:
            left, right = get(a_parts), get(b_parts)
            if left is not None and right is not None:
                kind = AR_FAMILY if family else AR_GIVEN
                if left == right:
                    return _Level(EXACT, kind, left, left, right)
                arabic = _Level(self._same_script(kind, left, right), kind, left, left, right)
        a_parts, b_parts = a.la, b.la
        if a_parts is not None and b_parts is not None:
            left, right = get(a_parts), get(b_parts)
            if left is not None and right is not None:
                kind = LA_FAMILY if family else LA_GIVEN
                level = EXACT if left == right else self._same_script(kind, left, right)
                if arabic is None:
                    return _Level(level, kind, left, left, right)
                if level == EXACT and arabic.level in (SLIP, SIMILAR):
                    # The Latin spelling, written from the right name, settles a slip.
                    return _Level(VARIANT, kind, left, arabic.left, arabic.right)
                return arabic
        if arabic is not None:
            return arabic
        kind = SK_FAMILY if family else SK_GIVEN
        best: _Level | None = None
        for i, left_parts in enumerate(a.sk):
            left = get(left_parts)
            if left is None:
                continue
            for j, right_parts in enumerate(b.sk):
                right = get(right_parts)
                if right is None:
                    continue
                left_words, right_words = _scripts(a)[i], _scripts(b)[j]
                left_word, right_word = get(left_words), get(right_words)
                level = self._across(family, left_words is a.ar, left_word, right_words is b.ar,
                                     right_word, left, right)
                if best is None or _RANK[level] < _RANK[best.level]:
                    best = _Level(level, kind, left, left_word, right_word)
        return best if best is not None else _MISSING_LEVEL

    def _across(self, family: bool, left_arabic: bool, left: str, right_arabic: bool,
                right: str, left_skeleton: str, right_skeleton: str) -> str:
        """An Arabic name against a Latin one: by the transliterations seen in this database
        (حسين is spelt Hussein, never Hasan), else by their consonant skeletons."""
        if left_arabic != right_arabic:
            arabic, latin = (left, right) if left_arabic else (right, left)
            known = self.frequencies.transliterates(family, arabic, latin)
            if known is not None:
                return VARIANT if known else DIFFERENT
        return self._skeleton(left_skeleton, right_skeleton)

    def _family_of_short(self, a: Prepared, b: Prepared) -> tuple[_Level, _Level]:
        """Father's and family name levels when one name is "first + one word"."""
        father = self.compare(a, b, 1, False)
        family = self.compare(a, b, 3, True)
        if family.level in _AGREEING:
            return father, family
        short_a = a.skeleton.short
        short_b = b.skeleton.short
        if short_a == short_b:
            return father, family
        # The short name's second word may be the other's father's name ("محمد أحمد").
        short, full = (a, b) if short_a else (b, a)
        swapped = _swap_second_word(short)
        alternative = self.compare(swapped, full, 1, False)
        if alternative.level in _AGREEING:
            return alternative, _Level(MISSING, family.weight_kind, "", "", "")
        return father, family

    # -- the weight ---------------------------------------------------------------------------
    def score(
        self, a: Prepared, b: Prepared, explain: bool = False
    ) -> tuple[float, list[Reason], bool]:
        """The match weight of ``a`` and ``b``, with ``explain`` the reasons for it, and whether
        their names show two relatives (see :meth:`_pattern_cap`).

        For relatives whose ceiling lies below the review band, the weight is that ceiling
        unless ``explain`` is given (it is then an upper bound: nothing more is needed)."""
        reasons: list[Reason] = []
        told = reasons if explain else None
        first = self.compare(a, b, 0, False)
        father, family = self._family_of_short(a, b)
        cap = self._pattern_cap(a, b, first, father, family)
        if cap is not None and cap[0] == _DISTINCT_CEILING and not explain:
            return cap[0], reasons, True
        weight = self.prior + _event_weight(a, b, told)
        grandfather = self.compare(a, b, 2, False)
        mother = self.compare(a, b, 4, False)
        agreement = 0.0
        for role, level, m_exact, disagree in (
            ("first", first, 0.92, _FIRST_DIFFERENT),
            ("father", father, 0.9, _FATHER_DIFFERENT),
            ("family", family, 0.9, _FAMILY_DIFFERENT),
            ("grandfather", grandfather, 0.9, _GRANDFATHER_DIFFERENT),
            ("mother", mother, 0.85, _MOTHER_DIFFERENT),
        ):
            part = self._name_weight(level, m_exact, disagree)
            weight += part
            if part > 0:
                agreement += part
            if told is not None and level.level != MISSING:
                told.append(_name_reason(role, level, part, self.frequencies))
        if agreement > _NAMES_FULL:
            # Names are not independent: relatives and namesakes share whole names far more
            # often than the product of the parts' frequencies says.
            excess = (agreement - _NAMES_FULL) * (1.0 - _NAMES_EXCESS_SHARE)
            weight -= excess
            if explain:
                reasons.append(Reason("dup_names_correlated", -excess))
        weight += _person_weight(a, b, told)
        if cap is None:
            return weight, reasons, False
        if told is not None:
            told.append(Reason(cap[1], min(0.0, cap[0] - weight)))
        return min(weight, cap[0]), reasons, True

    def _name_weight(self, level: _Level, m_exact: float, disagree: float) -> float:
        """log₂(m/u) of one name comparison: an agreement weighs more for a rarer name."""
        kind = level.level
        if kind == MISSING:
            return 0.0
        if kind == EXACT:
            share = self.frequencies.share(level.weight_kind, level.key)
            return min(max(math.log2(m_exact / share), 0.5), 10.0)
        if kind == VARIANT:
            share = self.frequencies.share(level.weight_kind, level.key)
            return min(max(math.log2(m_exact / share) - 1.0, 0.5), 8.0)
        if kind == SLIP:
            return 2.5
        if kind == SIMILAR:
            return 0.0
        return disagree

    def _pattern_cap(
        self, a: Prepared, b: Prepared, first: _Level, father: _Level, family: _Level,
    ) -> tuple[float, str] | None:
        """A ceiling on the weight, and its reason, for pairs of two relatives.

        Siblings killed together share their father's and family name, the date, the place and
        the incident: every comparison but the first name says "one person", and the first name
        alone cannot outweigh them all, so the pattern itself sets a ceiling. A different first
        name under the same father and family is never a duplicate (below the review band); a
        similar one (a slip, or two names such as حسن and حسين in a small data set) at most
        goes to review. The same holds when one's first name is the other's father's name. The
        same first and family name with two different fathers' names (cousins named after one
        grandfather, or namesakes) at most goes to review, and so does the same first name with
        two different family names (two people, or one known by two family names).
        """
        if family.level == DIFFERENT and first.level in _AGREEING:
            return _REVIEW_CEILING, "dup_other_family"
        if family.level not in _AGREEING:
            return None
        if first.level in _AGREEING:
            if father.level == DIFFERENT:
                return _REVIEW_CEILING, "dup_other_father"
            return None
        if father.level in _AGREEING:
            if first.level == DIFFERENT:
                return _DISTINCT_CEILING, "dup_siblings"
            return _REVIEW_CEILING, "dup_siblings"
        if _father_and_child(self, a, b) or _father_and_child(self, b, a):
            return _DISTINCT_CEILING, "dup_father_child"
        return None


# Weights of disagreement, log₂(m/u): m is how often two records of one person disagree so
# (slips beyond one letter, another name used), u how often two people do.
_FIRST_DIFFERENT: Final = -7.0
_FATHER_DIFFERENT: Final = -6.5
_FAMILY_DIFFERENT: Final = -6.0
_GRANDFATHER_DIFFERENT: Final = -4.2
_MOTHER_DIFFERENT: Final = -3.3
# Name agreement beyond this many bits counts only for this share of itself.
_NAMES_FULL: Final = 11.0
_NAMES_EXCESS_SHARE: Final = 0.5
_DISTINCT_CEILING: Final = REVIEW_WEIGHT - 2.0
_REVIEW_CEILING: Final = MATCH_WEIGHT - 1.0
_RANK: Final = {EXACT: 0, VARIANT: 1, SLIP: 2, SIMILAR: 3, DIFFERENT: 4, MISSING: 5}


def _swap_second_word(record: Prepared) -> Prepared:
    """``record`` with the second word of its short name read as the father's name."""

    def moved(parts: NameParts | None) -> NameParts | None:
        if parts is None or not parts.short:
            return parts
        return parts._replace(father=parts.family, family=None, short=False)

    return Prepared(
        record.id, record.name, moved(record.ar), moved(record.la),
        tuple(moved(p) or p for p in record.sk), record.day, record.period, record.age,
        record.age_group,
        record.sex, record.governorate, record.incident, record.place,
    )


def _father_and_child(scorer: Scorer, parent: Prepared, child: Prepared) -> bool:
    """The parent's first name is the child's father's name (and, if known, the parent's
    father's name the child's grandfather's)."""
    shifted = _shift(child)
    if shifted is None:
        return False
    if scorer.compare(parent, shifted, 0, False).level not in (EXACT, VARIANT):
        return False
    return scorer.compare(parent, shifted, 1, False).level != DIFFERENT


def _shift(record: Prepared) -> Prepared | None:
    """``record`` with its father's name as first name and grandfather's as father's."""

    def shifted(parts: NameParts | None) -> NameParts | None:
        if parts is None or parts.father is None:
            return None
        return NameParts(parts.father, parts.grandfather, None, parts.family, None)

    ar, la = shifted(record.ar), shifted(record.la)
    sk = tuple(s for s in (shifted(p) for p in record.sk) if s is not None)
    if not sk:
        return None
    return Prepared(record.id, record.name, ar, la, sk, record.day, record.period, record.age,
                    record.age_group, record.sex, record.governorate, record.incident,
                    record.place)


# Date of death: (largest difference in days, weight). m: share of one person's record pairs
# with that difference (researchers' dates are a day or two off now and then); u: share of
# random pairs (deaths spread over some 3,000 effective days).
_DAY_WEIGHTS: Final = ((0, 10.9), (1, 8.5), (2, 6.9), (3, 4.9), (7, 1.9), (30, -1.6))
_DAY_FAR: Final = -7.6


def _event_weight(a: Prepared, b: Prepared, reasons: list[Reason] | None) -> float:
    """Date, place, governorate and incident: the event in which each was killed.

    They are weighed together because they are not independent: two records of one day and
    one governorate are often of one strike, so the place then adds less than it would alone,
    and the same incident adds nothing once date and place agree.
    """
    weight = 0.0
    close = False
    if a.day is not None and b.day is not None:
        days = abs(a.day - b.day)
        value = _DAY_FAR
        for limit, bound in _DAY_WEIGHTS:
            if days <= limit:
                value = bound
                break
        close = days <= WINDOW_DAYS
        weight += value
        if reasons is not None:
            if days == 0:
                reasons.append(Reason("dup_date_same", value))
            elif close:
                reasons.append(Reason("dup_date_close", value, (("days", days),)))
            else:
                reasons.append(Reason("dup_date_far", value, (("days", days),)))
    else:
        weight += _period_weight(a, b, reasons)
    same_place = False
    if a.place is not None and b.place is not None:
        value, code = _place_weight(a.place, b.place, close)
        same_place = code == "dup_place_same"
        weight += value
        if reasons is not None and code:
            reasons.append(Reason(code, value))
    governorates = (a.governorate, b.governorate)
    if a.place is not None and b.place is not None and not (
        a.place[0].startswith("~") or b.place[0].startswith("~")
    ):
        governorates = (a.place[0], b.place[0])  # places found in the gazetteer say better
    if governorates[0] is not None and governorates[1] is not None:
        value = 3.0 if governorates[0] == governorates[1] else -3.9
        weight += value
        if reasons is not None:
            code = "dup_governorate_same" if value > 0 else "dup_governorate_differs"
            reasons.append(Reason(code, value))
    if a.incident is not None and a.incident == b.incident and not (close and same_place):
        weight += 0.5
        if reasons is not None:
            reasons.append(Reason("dup_incident_same", 0.5))
    return weight


def _period_weight(a: Prepared, b: Prepared, reasons: list[Reason] | None) -> float:
    """Dates known only to the month or year (or one day against a month or year)."""
    first = (a.day, a.day) if a.day is not None else a.period
    second = (b.day, b.day) if b.day is not None else b.period
    if first is None or second is None:
        return 0.0
    span = max(first[1] - first[0], second[1] - second[0])
    gap = max(first[0], second[0]) - min(first[1], second[1])
    if gap <= 0:
        value = _SAME_MONTH if span <= 31 else _SAME_YEAR
        code = "dup_date_same_month" if span <= 31 else "dup_date_same_year"
    elif gap <= WINDOW_DAYS:
        value, code = 0.0, ""
    else:
        value, code = (_PERIOD_NEAR if gap <= 31 else _PERIOD_FAR), "dup_date_other_period"
    if reasons is not None and code:
        reasons.append(Reason(code, value))
    return value


# Deaths known to the month or year: u from the number of months (about 160) or years.
_SAME_MONTH: Final = 6.0
_SAME_YEAR: Final = 2.0
_PERIOD_NEAR: Final = -1.5
_PERIOD_FAR: Final = -6.0


def _person_weight(a: Prepared, b: Prepared, reasons: list[Reason] | None) -> float:
    """Age and sex."""
    weight = 0.0
    if a.age is not None and b.age is not None:
        years = abs(a.age - b.age)
        value = 4.9 if years == 0 else 2.6 if years == 1 else -0.7 if years <= 5 else -4.0
        if years > 10:
            value = -9.0 if years <= 20 else -12.0
        weight += value
        if reasons is not None:
            code = "dup_age_same" if years == 0 else "dup_age_close" if years <= 5 else "dup_age_differs"
            reasons.append(Reason(code, value, (("left", a.age), ("right", b.age))))
    elif "unknown" not in (a.age_group, b.age_group):
        value = 0.7 if a.age_group == b.age_group else -5.5
        weight += value
        if reasons is not None and value < 0:
            reasons.append(Reason("dup_age_group_differs", value))
    if "unknown" not in (a.sex, b.sex):
        value = 1.0 if a.sex == b.sex else -6.6
        weight += value
        if reasons is not None and value < 0:
            reasons.append(Reason("dup_sex_differs", value))
    return weight


def _place_weight(a: tuple[str, ...], b: tuple[str, ...], close: bool) -> tuple[float, str]:
    """Places of death: the same community (or area), one inside the other, or apart.

    With dates of death a few days apart (``close``) the same place says less: on one day a
    governorate has only a few places struck.
    """
    if a == b:
        return (_PLACE_SAME_CLOSE if close else _PLACE_SAME), "dup_place_same"
    if a[0].startswith("~") or b[0].startswith("~"):
        return 0.0, ""  # one of them is not in the gazetteer: nothing to say
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if longer[: len(shorter)] == shorter:
        return (_PLACE_WITHIN_CLOSE if close else _PLACE_WITHIN), "dup_place_within"
    if len(a) > 1 and len(b) > 1 and a[1] == b[1]:
        return _PLACE_SAME_DISTRICT, "dup_place_differs"
    return _PLACE_APART, "dup_place_differs"


# Places, given the governorates (weighed apart): m from how researchers name the place of one
# strike (the community, its area, or another name), u from how many places a governorate has
# (on a day with deaths nearby: how many places were struck that day).
_PLACE_SAME: Final = 4.5
_PLACE_SAME_CLOSE: Final = 1.5
_PLACE_WITHIN: Final = 1.5
_PLACE_WITHIN_CLOSE: Final = 0.5
_PLACE_SAME_DISTRICT: Final = -2.0
_PLACE_APART: Final = -4.0


# --------------------------------------------------------------------------------------------
# Reasons
# --------------------------------------------------------------------------------------------

_ROLES: Final = {
    "first": ("first name", "الاسم الأول"),
    "father": ("father's name", "اسم الأب"),
    "grandfather": ("grandfather's name", "اسم الجد"),
    "family": ("family name", "اسم العائلة"),
    "mother": ("mother's name", "اسم الأم"),
}


class Reason(NamedTuple):
    """One piece of evidence for or against a pair, with its weight (log₂ Bayes factor)."""

    code: str
    weight: float
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def message(self) -> Message:
        return Message.of(self.code, **dict(self.args))

    def render(self, lang: str) -> str:
        return self.message.render(lang)


_NAME_CODES: Final = {
    VARIANT: "dup_name_variant", SLIP: "dup_name_slip", SIMILAR: "dup_name_similar",
    DIFFERENT: "dup_name_differs",
}


def _name_reason(role: str, level: _Level, weight: float, frequencies: Frequencies) -> Reason:
    role_en, role_ar = _ROLES[role]
    args: tuple[tuple[str, Any], ...] = (
        ("role_en", role_en), ("role_ar", role_ar), ("left", level.left), ("right", level.right),
    )
    kind = level.level
    if kind == EXACT:
        common = frequencies.share(level.weight_kind, level.key) >= 0.02
        return Reason("dup_name_same_common" if common else "dup_name_same", weight, args)
    code = _NAME_CODES[kind]
    if level.weight_kind in (SK_GIVEN, SK_FAMILY) and kind == VARIANT:
        code = "dup_name_cross_script"
    return Reason(code, weight, args)


# --------------------------------------------------------------------------------------------
# Scored pairs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """Two records, their match weight and the reasons for it."""

    left: str
    right: str
    weight: float
    reasons: tuple[Reason, ...] = ()
    left_name: str = ""
    right_name: str = ""

    @property
    def probability(self) -> float:
        """The weight as a probability that the two records are one person."""
        return 1.0 / (1.0 + math.pow(2.0, -self.weight))

    def decision(self, match_weight: float = MATCH_WEIGHT,
                 review_weight: float = REVIEW_WEIGHT) -> str:
        """The decision for this pair: "match", "review" or "distinct"."""
        if self.weight >= match_weight:
            return "match"
        return "review" if self.weight >= review_weight else "distinct"

    def explain(self, lang: str) -> list[str]:
        """The reasons in words, strongest first."""
        ordered = sorted(self.reasons, key=lambda r: -abs(r.weight))
        return [f"{r.render(lang)} ({r.weight:+.1f})" for r in ordered]


def score_pair(
    left: Mapping[str, Any] | Prepared,
    right: Mapping[str, Any] | Prepared,
    frequencies: Frequencies | None = None,
) -> ScoredPair:
    """The match weight of two victim records with the reasons for it, in words.

    Without ``frequencies`` (see :class:`Frequencies`) every name counts as moderately common
    and the prior assumes a database of 10,000 victims.
    """
    a = left if isinstance(left, Prepared) else prepare(left)
    b = right if isinstance(right, Prepared) else prepare(right)
    if a is None or b is None:
        raise ValueError("both records need a name to be compared")
    scorer = Scorer(frequencies)
    weight, reasons, _ = scorer.score(a, b, explain=True)
    return ScoredPair(a.id, b.id, weight, tuple(reasons), a.name, b.name)


# --------------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------------

_Key = tuple[Any, ...]


def _window_keys(record: Prepared) -> set[_Key]:
    """Keys of a dated record for comparison with records a few days away.

    Two of first, father's and family name (skeletons, so that Arabic meets Latin): first and
    family, first and father's, so that a slip or a variant in one of those parts still meets
    (a slip in the first name is met through the other script's skeleton, when there is
    one). Records
    that lack a father's or family name (or whose second word may be either) also meet each
    other by first name alone within a governorate.
    """
    keys: set[_Key] = set()
    needy = False
    for parts in record.sk:
        first, father, family = parts.first, parts.father, parts.family
        if first is None:
            continue
        if family is not None:
            keys.add((0, first, family))
            if parts.short:
                keys.add((2, first, family))  # "محمد أحمد" may be first and father
        if father is not None:
            keys.add((2, first, father))
        needy = needy or parts.short or father is None or family is None
    first = record.skeleton.first
    if needy and first is not None:
        keys.add((5, first, record.governorate))
    return keys


_NameKey = tuple[str, str, str | None]
_WholeKey = tuple[str, str, str, str | None]


def _undated_keys(
    record: Prepared,
) -> tuple[frozenset[int] | None, list[_WholeKey], list[tuple[_NameKey, bool]]]:
    """How a record meets records without a day of death, all within a governorate: by the
    whole name (first, father's and family name), whenever; or by first and family (or
    father's) name in the same year when both years are known (from the date, or the period
    of an undated record), else whenever, when one of the two lacks a part (two whole names
    meet only by the whole name). Returns the years, the whole-name keys and the
    (first and second name key, whole) pairs."""
    if record.day is not None:
        years: frozenset[int] | None = frozenset((dt.date.fromordinal(record.day).year,))
    elif record.period is not None:
        years = frozenset(range(dt.date.fromordinal(record.period[0]).year,
                                dt.date.fromordinal(record.period[1]).year + 1))
    else:
        years = None
    governorate = record.governorate
    wholes: list[_WholeKey] = []
    names: list[tuple[_NameKey, bool]] = []
    for parts in record.sk:
        first, father, family = parts.first, parts.father, parts.family
        if first is None:
            continue
        whole = False
        if father is not None and family is not None and not parts.short:
            whole = True
            wholes.append((first, father, family, governorate))
        if family is not None:
            names.append(((first, family, governorate), whole))
        if father is not None:
            names.append(((first, father, governorate), whole))
    return years, wholes, names


def stream_order(records: Iterable[Prepared]) -> list[Prepared]:
    """``records`` in the order :func:`candidate_pairs` needs: undated first, then by date."""
    return sorted(records, key=lambda r: (r.day is not None, r.day or 0))


def candidate_pairs(
    records: Iterable[Prepared], window: int = WINDOW_DAYS
) -> Iterator[tuple[Prepared, Prepared]]:
    """Pairs worth scoring, each once, from ``records`` in :func:`stream_order`.

    A dated record meets the records at most ``window`` days earlier that share one of its
    window keys (sorted neighbourhood over the date: only the last few days are held), and the
    records without a day of death that it meets by :func:`_undated_keys`; those meet each
    other so too. A million victims thus never means all pairs.
    """
    by_whole: dict[_WholeKey, list[Prepared]] = {}
    by_name: dict[_NameKey, list[tuple[Prepared, frozenset[int] | None, bool]]] = {}
    recent: dict[_Key, deque[Prepared]] = {}
    swept = -1
    for record in records:
        seen: set[int] = set()
        if by_name or record.day is None:
            years, wholes, names = _undated_keys(record)
            for whole_key in wholes:
                for other in by_whole.get(whole_key, ()):
                    if id(other) not in seen:
                        seen.add(id(other))
                        yield other, record
            for name_key, whole in names:
                for other, other_years, other_whole in by_name.get(name_key, ()):
                    if (
                        id(other) in seen
                        or (whole and other_whole)
                        or (years is not None and other_years is not None
                            and years.isdisjoint(other_years))
                    ):
                        continue
                    seen.add(id(other))
                    yield other, record
            if record.day is None:
                for whole_key in wholes:
                    by_whole.setdefault(whole_key, []).append(record)
                for name_key, whole in names:
                    by_name.setdefault(name_key, []).append((record, years, whole))
                continue
        day = record.day
        if day - swept > 30:  # forget keys not seen for a while
            recent = {k: q for k, q in recent.items() if q[-1].day >= day - window}  # type: ignore[operator]
            swept = day
        for key in _window_keys(record):
            queue = recent.get(key)
            if queue is None:
                recent[key] = deque((record,))
                continue
            while queue and queue[0].day < day - window:  # type: ignore[operator]
                queue.popleft()
            for other in queue:
                if id(other) not in seen:
                    seen.add(id(other))
                    yield other, record
            queue.append(record)


# --------------------------------------------------------------------------------------------
# Clusters
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cluster:
    """Records taken to be one person, with the links that joined them."""

    ids: tuple[str, ...]
    links: tuple[ScoredPair, ...]


def cluster(
    pairs: Iterable[ScoredPair],
    records: Mapping[str, Prepared],
    scorer: Scorer | None = None,
    match_weight: float = MATCH_WEIGHT,
    floor: float = LINK_FLOOR,
    relatives: Iterable[tuple[str, str]] | None = None,
) -> list[Cluster]:
    """Clusters of the records linked by ``pairs`` at or above ``match_weight``.

    Cautious on purpose, since a wrong merge makes a victim disappear:

    * a record whose two best links (within :data:`AMBIGUITY_MARGIN`) lead to two records that
      cannot be one person fits two people equally well: neither link is taken (both stay in
      the review band);
    * links are taken strongest first, and two clusters are joined only if every pair across
      them weighs at least ``floor`` and none shows two relatives (siblings, parent and child,
      different fathers), scoring pairs not among ``pairs`` now; so a chain A–B–C never joins
      two people A and C that were told apart.

    ``records`` holds the prepared records by id; ``relatives`` the pairs among ``pairs`` known
    to show relatives (all of them are checked again when not given).
    """
    check = _Compatibility(pairs, records, scorer or Scorer(), floor, relatives)
    links = [p for p in check.pairs if p.weight >= match_weight]
    links = _unambiguous(links, check)
    links.sort(key=lambda p: (-p.weight, p.left, p.right))
    members: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    joined: dict[str, list[ScoredPair]] = {}
    for link in links:
        left = owner.get(link.left, link.left)
        right = owner.get(link.right, link.right)
        if left == right:
            continue
        left_ids = members.get(left, [link.left])
        right_ids = members.get(right, [link.right])
        if not all(check(a, b) for a in left_ids for b in right_ids):
            continue
        if len(left_ids) < len(right_ids):
            left, right, left_ids, right_ids = right, left, right_ids, left_ids
        members[left] = left_ids + right_ids
        members.pop(right, None)
        for member in right_ids:
            owner[member] = left
        owner[left] = left
        joined[left] = [*joined.pop(left, []), *joined.pop(right, []), link]
    return sorted(
        (Cluster(tuple(sorted(ids)), tuple(joined.get(root, ()))) for root, ids in members.items()),
        key=lambda c: c.ids,
    )


AMBIGUITY_MARGIN: Final = 3.0
"""A record's two links to different people within this many bits of each other are ambiguous."""


class _Compatibility:
    """Whether two records may be one person: weight at least the floor, and no relatives."""

    def __init__(self, pairs: Iterable[ScoredPair], records: Mapping[str, Prepared],
                 scorer: Scorer, floor: float,
                 relatives: Iterable[tuple[str, str]] | None) -> None:
        self.pairs = list(pairs)
        self.records = records
        self.scorer = scorer
        self.known: dict[tuple[str, str], bool] = {}
        if relatives is not None:
            related = {(a, b) if a < b else (b, a) for a, b in relatives}
            for pair in self.pairs:
                key = (pair.left, pair.right) if pair.left < pair.right else (pair.right, pair.left)
                self.known[key] = pair.weight >= floor and key not in related
        self.floor = floor

    def __call__(self, a: str, b: str) -> bool:
        key = (a, b) if a < b else (b, a)
        found = self.known.get(key)
        if found is None:
            weight, _, related = self.scorer.score(self.records[a], self.records[b])
            found = self.known[key] = weight >= self.floor and not related
        return found


def _unambiguous(links: list[ScoredPair], check: _Compatibility) -> list[ScoredPair]:
    by_record: dict[str, list[ScoredPair]] = {}
    for link in links:
        by_record.setdefault(link.left, []).append(link)
        by_record.setdefault(link.right, []).append(link)
    dropped: set[int] = set()
    for record, own in by_record.items():
        if len(own) < 2:
            continue
        own.sort(key=lambda p: -p.weight)
        best = own[0].weight
        close = [p for p in own if best - p.weight < AMBIGUITY_MARGIN]
        partners = [p.right if p.left == record else p.left for p in close]
        for i, first in enumerate(partners):
            for j in range(i + 1, len(partners)):
                if not check(first, partners[j]):
                    dropped.add(id(close[i]))
                    dropped.add(id(close[j]))
    return [link for link in links if id(link) not in dropped]


# --------------------------------------------------------------------------------------------
# Running it
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DuplicateReport:
    """What :func:`find_duplicates` found.

    ``pairs`` are the pairs at or above the review weight, without their reasons (computing
    them for every pair would cost as much as finding them): :meth:`explained` gives a pair
    with its reasons, for showing.
    """

    records: int = 0  # records with a usable name
    compared: int = 0  # candidate pairs scored
    pairs: list[ScoredPair] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    match_weight: float = MATCH_WEIGHT
    review_weight: float = REVIEW_WEIGHT
    scorer: Scorer = field(default_factory=Scorer, repr=False)
    prepared: dict[str, Prepared] = field(default_factory=dict, repr=False)

    def explained(self, pair: ScoredPair) -> ScoredPair:
        """``pair`` with its reasons."""
        if pair.reasons:
            return pair
        a, b = self.prepared[pair.left], self.prepared[pair.right]
        weight, reasons, _ = self.scorer.score(a, b, explain=True)
        return ScoredPair(a.id, b.id, weight, tuple(reasons), a.name, b.name)

    @property
    def review(self) -> list[ScoredPair]:
        """Pairs for a person to decide, strongest first: those of the review band, and those
        above it that were not merged (an ambiguous record, or a clash with a third record),
        unless both records ended up in one cluster anyway."""
        cluster_of = {i: n for n, c in enumerate(self.clusters) for i in c.ids}
        return sorted(
            (p for p in self.pairs if cluster_of.get(p.left, -1) != cluster_of.get(p.right, -2)),
            key=lambda p: -p.weight,
        )


_Kept = tuple[Prepared, Prepared, float, bool]


def _scan(
    ordered: Iterable[Prepared], scorer: Scorer, review_weight: float,
) -> tuple[list[_Kept], int]:
    kept: list[_Kept] = []
    compared = 0
    score = scorer.score
    for a, b in candidate_pairs(ordered):
        compared += 1
        weight, _, related = score(a, b)
        if weight >= review_weight:
            kept.append((a, b, weight, related))
    return kept, compared


def _report(
    kept: list[_Kept], compared: int, records: int, scorer: Scorer,
    match_weight: float, review_weight: float,
) -> DuplicateReport:
    pairs: list[ScoredPair] = []
    prepared: dict[str, Prepared] = {}
    relatives: list[tuple[str, str]] = []
    for a, b, weight, related in kept:
        pairs.append(ScoredPair(a.id, b.id, weight, (), a.name, b.name))
        prepared[a.id], prepared[b.id] = a, b
        if related:
            relatives.append((a.id, b.id))
    clusters = cluster(pairs, prepared, scorer, match_weight, relatives=relatives)
    return DuplicateReport(
        records, compared, pairs, clusters, match_weight, review_weight, scorer, prepared
    )


def match_records(
    records: Iterable[Mapping[str, Any]],
    match_weight: float = MATCH_WEIGHT,
    review_weight: float = REVIEW_WEIGHT,
    incidents: Iterable[Mapping[str, Any]] = (),
) -> DuplicateReport:
    """Probable duplicates among ``records`` (victims as dicts), all held in memory;
    ``incidents`` (dicts with id, date, date_precision) give the month or year of death of
    victims without a date of death."""
    by_id = {str(i["id"]): i for i in incidents}
    prepared = [
        p for p in (prepare(r, by_id.get(str(r.get("incident_id")))) for r in records)
        if p is not None
    ]
    scorer = Scorer(Frequencies.of(prepared))
    kept, compared = _scan(stream_order(prepared), scorer, review_weight)
    return _report(kept, compared, len(prepared), scorer, match_weight, review_weight)


_NAME_COLUMNS: Final = "name_ar, name_en, father_name, family_name, mother_name"
_VICTIM_ROWS: Final = (
    "SELECT v.id, v.incident_id, v.name_ar, v.name_en, v.father_name, v.family_name, "
    "v.mother_name, v.sex, v.age, v.age_group, v.date_of_death, v.governorate, v.place_ar, "
    "v.place_en, i.date AS incident_date, i.date_precision AS incident_precision "
    # "+v.deleted": not by the index on deleted, so that the date index gives the order.
    "FROM victims v LEFT JOIN incidents i ON i.id = v.incident_id WHERE +v.deleted = 0 "
)


def find_duplicates(
    ws: Workspace,
    threshold: float = MATCH_WEIGHT,
    review_weight: float = REVIEW_WEIGHT,
    progress: Callable[[int, int], None] | None = None,
) -> DuplicateReport:
    """Probable duplicates among the living victims of workspace ``ws``.

    Two passes over the victims table, neither holding it in memory: the first reads only the
    names and counts them (their frequencies weigh agreements); the second reads the victims
    without a date of death, then the others in order of date of death (through the
    ``victims_date`` index), each with its incident's date and precision, and compares each
    with the few records of the last days that share a blocking key (see
    :func:`candidate_pairs`). Only the pairs at or above ``review_weight`` are kept, with their
    records. ``threshold`` is the match weight of automatic clusters. ``progress(done, total)``
    is called every few thousand records in both passes (``total`` is twice the number of
    victims); an exception it raises stops the search (a cancel button).
    """
    db = ws.store.db
    count = int(db.execute("SELECT count(*) FROM victims WHERE deleted = 0").fetchone()[0])
    # Progress counts each victim twice (one step per pass), often enough for a prompt cancel.
    total, every = 2 * count, 2_000
    frequencies = Frequencies()
    names_sql = f"SELECT {_NAME_COLUMNS} FROM victims WHERE deleted = 0"
    for done, row in enumerate(_rows(db, names_sql), 1):
        if progress is not None and done % every == 0:
            progress(done, total)
        names = _names(row)
        if names is not None:
            frequencies.add_names(names)
    scorer = Scorer(frequencies)

    def ordered() -> Iterator[Prepared]:
        undated = _rows(db, _VICTIM_ROWS + "AND v.date_of_death IS NULL")
        dated = _rows(db, _VICTIM_ROWS + "AND v.date_of_death IS NOT NULL ORDER BY v.date_of_death")
        for done, row in enumerate(itertools.chain(undated, dated), count + 1):
            if progress is not None and done % every == 0:
                progress(done, total)
            record = prepare(row)
            if record is not None:
                yield record
        if progress is not None:
            progress(total, total)

    kept, compared = _scan(ordered(), scorer, review_weight)
    return _report(kept, compared, frequencies.records, scorer, threshold, review_weight)


def _rows(db: Any, sql: str) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql)
    names = [c[0] for c in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))
