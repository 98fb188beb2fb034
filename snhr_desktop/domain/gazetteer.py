"""Syria's administrative gazetteer: OCHA P-codes, bilingual names, aliases, lookup and search."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Final

from snhr_desktop import paths
from snhr_desktop.domain.names import normalise_arabic, normalise_latin

__all__ = ["LEVELS", "Gazetteer", "Place", "gazetteer"]

LEVELS: Final[dict[int, tuple[str, str]]] = {
    1: ("governorate", "محافظة"),
    2: ("district", "منطقة"),
    3: ("subdistrict", "ناحية"),
    4: ("community", "تجمع سكاني"),
}
"""Administrative levels: 1 governorate (SYnn), 2 district (SYnnnn), 3 subdistrict (SYnnnnnn),
4 community (Cnnnn)."""

ARTICLE: Final = "ال"
PLACES_FILE: Final = "syria_admin.csv"
ALIASES_FILE: Final = "syria_admin_aliases.csv"


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative unit or community of the gazetteer."""

    pcode: str
    level: int
    name_en: str
    name_ar: str
    parent: str | None
    lat: float
    lon: float

    def name(self, lang: str) -> str:
        """The name in ``lang``: "ar" (or any "ar…" locale) is Arabic, anything else English."""
        return self.name_ar if lang.lower().startswith("ar") else self.name_en


# --------------------------------------------------------------------------------------------
# Keys:
#   exact:    Arabic by normalise_arabic; Latin case-folded, accents and apostrophes
#             removed, hyphens and other punctuation as spaces ("Dar'a" -> "dara").
#   loose:    the exact key without articles: Arabic ال at word starts, Latin al/el and the
#             sun-letter forms (ar-Raqqa, as-Sweida, Deir ez-Zor, ash-Shaddadi). Lookups use
#             this; the exact key only breaks ties.
#   phonetic: Latin only, names.normalise_latin (Tartous/Tartus, Hasakeh/Hasakah), a fallback.
# --------------------------------------------------------------------------------------------

_ARABIC: Final = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
_COMBINING: Final = re.compile("[\u0300-\u036f]+")
_APOSTROPHES: Final = str.maketrans(dict.fromkeys("'’‘`´ʼʻʿʾ"))
_NON_WORD: Final = re.compile(r"[\W_]+")
# ASCII fast path: letters and digits kept, everything else a space.
_ASCII_FOLD: Final = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes([32] * 128)
_SUN_ARTICLES: Final = {
    "al": "", "el": "", "ar": "r", "er": "r", "as": "s", "es": "s", "ash": "sh", "esh": "sh",
    "at": "t", "et": "t", "ath": "th", "ad": "d", "ed": "d", "adh": "dh", "az": "z", "ez": "z",
    "an": "n", "en": "n",
}
# Designations in front of / after a name; the level they imply (None: no implication).
_DESIGNATIONS: Final[dict[str, int | None]] = {
    "محافظه": 1, "governorate": 1, "province": 1, "muhafazat": 1, "mohafazat": 1,
    "منطقه": 2, "district": 2,
    "ناحيه": 3, "subdistrict": 3, "nahiya": 3, "nahia": 3, "nahiyah": 3,
    "مدينه": None, "city": None, "بلده": None, "town": None, "قريه": None, "village": None,
}


def _is_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def _shown(name: str) -> str:
    return " / ".join(part.strip() for part in name.split("_")) if "_" in name else name


@lru_cache(maxsize=1 << 15)
def _exact_key(text: str) -> str:
    if text.isascii():
        folded = text.lower().encode("ascii").translate(_ASCII_FOLD, b"'`")
        return " ".join(folded.decode("ascii").split())
    if _is_arabic(text):
        return normalise_arabic(text)
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text.casefold().translate(_APOSTROPHES)).strip()


def _loose_key(exact: str) -> str:
    if " " not in exact:
        return exact[2:] if exact.startswith(ARTICLE) and len(exact) > 3 else exact
    words = exact.split(" ")
    if ARTICLE not in exact and _SUN_ARTICLES.keys().isdisjoint(words):
        return exact
    kept: list[str] = []
    last = len(words) - 1
    for index, word in enumerate(words):
        if word.startswith(ARTICLE) and len(word) > 3:
            kept.append(word[2:])
            continue
        article = _SUN_ARTICLES.get(word)
        if article is not None and index < last and words[index + 1].startswith(article):
            continue
        kept.append(word)
    return " ".join(kept)


def _phonetic_key(text: str) -> str:
    return "" if _is_arabic(text) else normalise_latin(text)


def _loose_of(text: str) -> str:
    return _loose_key(_exact_key(text))


def _phonetic_of(text: str) -> str:
    return _phonetic_key(_exact_key(text))


_TIER_KEYS: Final[dict[str, Callable[[str], str]]] = {
    "exact": _exact_key,
    "loose": _loose_of,
    "phonetic": _phonetic_of,
}


def _strip_designation(exact: str) -> tuple[str, int | None, bool]:
    """``exact`` without a leading/trailing designation word, its implied level, and whether
    one was found ("محافظه الرقه" -> ("الرقه", 1, True))."""
    words = exact.split()
    if len(words) > 1:
        for position in (0, -1):
            if words[position] in _DESIGNATIONS:
                level = _DESIGNATIONS[words[position]]
                del words[position]
                return " ".join(words), level, True
        if words[-2:] == ["sub", "district"]:
            return " ".join(words[:-2]), 3, True
    return exact, None, False


# A match: pcode -> True if it matched the place's own name (not only an alias).
_Matches = dict[str, bool]


class Gazetteer:
    """The places by P-code with their hierarchy, and name lookup in both scripts."""

    def __init__(self, places: Iterable[Place], aliases: Iterable[tuple[str, str]] = ()) -> None:
        ordered = sorted(places, key=attrgetter("level"))  # parents before children
        self._places: dict[str, Place] = {}
        self._children: dict[str | None, list[Place]] = {None: []}
        # pcode -> its P-codes from the governorate down to itself
        self._lineage: dict[str, tuple[str, ...]] = {}
        for place in ordered:
            code, parent = place.pcode, place.parent
            if code in self._places:
                raise ValueError(f"duplicate P-code {code}")
            if parent is None:
                self._lineage[code] = (code,)
            elif parent in self._lineage:
                self._lineage[code] = (*self._lineage[parent], code)
            else:
                raise ValueError(f"{code}: unknown parent {parent}")
            self._places[code] = place
            self._children.setdefault(parent, []).append(place)
        for siblings in self._children.values():
            siblings.sort(key=lambda p: (p.name_en.casefold(), p.pcode))

        self._aliases: dict[str, list[str]] = {}
        for pcode, alias in aliases:
            if pcode not in self._places:
                raise ValueError(f"alias {alias!r} for unknown P-code {pcode}")
            self._aliases.setdefault(pcode, []).append(alias)

        # Name indexes, tier -> key -> {pcode: matched by the place's own name, not an alias}.
        # The loose tier (which every lookup uses) is built now, the others on first need.
        self._indexes: dict[str, dict[str, _Matches]] = {}
        self._search_rows: list[tuple[Place, str]] | None = None
        self._phonetic_rows: list[tuple[Place, str]] | None = None
        self._index("loose")

    # ---- construction helpers ---------------------------------------------------------------

    def _all_names(self) -> Iterator[tuple[str, bool, str]]:
        """(pcode, is_own_name, text) for both names of every place and every alias."""
        for place in self._places.values():
            yield place.pcode, True, place.name_en
            yield place.pcode, True, place.name_ar
        for pcode, aliases in self._aliases.items():
            for alias in aliases:
                yield pcode, False, alias

    def _names_of(self, place: Place) -> list[str]:
        return [place.name_en, place.name_ar, *self._aliases.get(place.pcode, ())]

    @staticmethod
    def _blob(forms: Iterable[str]) -> str:
        """The forms of one place as one string: each on its own line, after a space."""
        return "\n " + "\n ".join(dict.fromkeys(form for form in forms if form)) + "\n"

    def _search_index(self) -> list[tuple[Place, str]]:
        if self._search_rows is None:
            rows: list[tuple[Place, str]] = []
            for place in self._places.values():
                forms = [place.pcode.lower()]
                for text in self._names_of(place):
                    exact = _exact_key(text)
                    forms += (exact, _loose_key(exact))
                rows.append((place, self._blob(forms)))
            self._search_rows = rows
        return self._search_rows

    def _index(self, tier: str) -> dict[str, _Matches]:
        index = self._indexes.get(tier)
        if index is None:
            index = {}
            key_of = _TIER_KEYS[tier]
            for code, own, text in self._all_names():
                key = key_of(text)
                if not key:
                    continue
                matches = index.get(key)
                if matches is None:
                    index[key] = {code: own}
                elif not matches.get(code):
                    matches[code] = own
            self._indexes[tier] = index
        return index

    def _phonetic_search_index(self) -> list[tuple[Place, str]]:
        if self._phonetic_rows is None:
            self._phonetic_rows = [
                (place, self._blob(_phonetic_key(_exact_key(t)) for t in self._names_of(place)))
                for place in self._places.values()
            ]
        return self._phonetic_rows

    @classmethod
    def load(cls, directory: Path) -> Gazetteer:
        """Read ``syria_admin.csv`` and ``syria_admin_aliases.csv`` from ``directory``."""
        with (directory / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            columns = {name: index for index, name in enumerate(next(rows))}
            pcode, level, name_en, name_ar, parent, lat, lon = (
                columns[name]
                for name in ("pcode", "level", "name_en", "name_ar", "parent_pcode", "lat", "lon")
            )
            places = [
                Place(
                    row[pcode], int(row[level]), row[name_en], _shown(row[name_ar]),
                    row[parent] or None, float(row[lat]), float(row[lon]),
                )
                for row in rows
                if row
            ]
        # Some OCHA Arabic community names join two names with "_" (الصياح_صياح ظاهرية): the
        # name is shown with " / " and each part is also an alias, so either finds the place.
        aliases: list[tuple[str, str]] = [
            (place.pcode, part.strip())
            for place in places
            if " / " in place.name_ar
            for part in place.name_ar.split(" / ")
        ]
        alias_path = directory / ALIASES_FILE
        if alias_path.is_file():
            with alias_path.open(encoding="utf-8", newline="") as handle:
                rows = csv.reader(handle)
                columns = {name: index for index, name in enumerate(next(rows))}
                alias_pcode, alias = columns["pcode"], columns["alias"]
                aliases += [(row[alias_pcode], row[alias]) for row in rows if row]
        return cls(places, aliases)

    # ---- hierarchy --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, pcode: object) -> bool:
        return isinstance(pcode, str) and pcode in self._places

    def get(self, pcode: str) -> Place | None:
        """The place with this exact P-code, or ``None``."""
        return self._places.get(pcode)

    def places(self, level: int | None = None) -> list[Place]:
        """All places (of ``level`` if given), ordered by level and P-code."""
        return [p for p in self._places.values() if level is None or p.level == level]

    def aliases(self, pcode: str) -> tuple[str, ...]:
        """The other names recorded for ``pcode`` (both scripts)."""
        return tuple(self._aliases.get(pcode, ()))

    def children(self, pcode: str | None) -> list[Place]:
        """The places directly under ``pcode`` (``None``: the governorates), by English name."""
        return list(self._children.get(pcode, ()))

    def governorates(self) -> list[Place]:
        """The 14 governorates, by English name."""
        return self.children(None)

    def ancestors(self, pcode: str) -> dict[int, str]:
        """``{level: pcode}`` from the governorate down to ``pcode`` itself; ``KeyError`` if
        unknown."""
        return {self._places[code].level: code for code in self._lineage[pcode]}

    def name(self, pcode: str, lang: str) -> str:
        """The name of ``pcode`` in ``lang``; ``KeyError`` if unknown."""
        return self._places[pcode].name(lang)

    def _allowed(self, pcode: str, level: int | None, parent: str | None) -> bool:
        if level is not None and self._places[pcode].level != level:
            return False
        return parent is None or (parent != pcode and parent in self._lineage[pcode])

    # ---- lookup -----------------------------------------------------------------------------

    def resolve(
        self, text: str, level: int | None = None, parent: str | None = None
    ) -> str | None:
        """The P-code for ``text``: a P-code (any case), an English or Arabic name, or an alias.

        Names are compared after normalisation: Arabic by ``normalise_arabic``; Latin
        case-folded with accents and apostrophes removed and hyphens as spaces; in both, the
        article is optional (Arabic ال, Latin al-/el- and ar-/as-/ash-/ez- … before the matching
        consonant), so "Raqqa", "Ar-Raqqa", "الرقة" and "محافظة الرقة" all give SY11. If nothing
        matches, Latin text is tried by ``normalise_latin`` spelling (Tartus/Tartous), and last
        without a leading "محافظة"/"منطقة"/"ناحية" or trailing "Governorate"/"District"/
        "Subdistrict" word, which then also sets the level when none is given.

        Only places at ``level`` and inside ``parent`` (any ancestor; not the parent itself)
        count. Of several matches the highest administrative level wins (governorate before
        district before …); a tie is broken by the literal spelling (with the same article),
        then by the place's own name over an alias; if that leaves several, ``None``.
        """
        text = text.strip()
        if not text:
            return None
        place = self._places.get(text.upper())
        if place is not None:
            return place.pcode if self._allowed(place.pcode, level, parent) else None
        exact = _exact_key(text)
        found = self._find(exact, level, parent)
        if found is not None:
            return found or None
        bare, implied, stripped = _strip_designation(exact)
        if stripped and bare:
            if level is not None and implied is not None and implied != level:
                return None
            return self._find(bare, level if level is not None else implied, parent) or None
        return None

    def _find(self, exact: str, level: int | None, parent: str | None) -> str | None:
        """A P-code; "" when the matches are ambiguous; ``None`` when nothing matches."""
        for tier, key in (("loose", _loose_key(exact)), ("phonetic", _phonetic_key(exact))):
            if not key:
                continue
            matches = {
                pcode: own
                for pcode, own in self._index(tier).get(key, {}).items()
                if self._allowed(pcode, level, parent)
            }
            if matches:
                return self._choose(matches, exact)
        return None

    def _choose(self, matches: _Matches, exact: str) -> str:
        """The best of several matches (see :meth:`resolve`); "" if there is no single best."""
        top = min(self._places[pcode].level for pcode in matches)
        best = [pcode for pcode in matches if self._places[pcode].level == top]
        if len(best) > 1:
            literal = self._index("exact").get(exact, {})
            best = [pcode for pcode in best if pcode in literal] or best
        if len(best) > 1:
            best = [pcode for pcode in best if matches[pcode]] or best
        return best[0] if len(best) == 1 else ""

    def search(
        self, text: str, level: int | None = None, parent: str | None = None, limit: int = 20
    ) -> list[Place]:
        """Places for type-to-search, best first, at most ``limit``.

        ``text`` is normalised like :meth:`resolve` and looked for in both names, every alias
        and the P-code: whole-name matches first, then names starting with it, then names with
        a word starting with it (articles are optional: "رقة" and "raq" find الرقة / Ar-Raqqa),
        then names containing it anywhere, and last, Latin spelling variants
        (``normalise_latin``). Within a rank, higher administrative levels come first, then
        English names alphabetically. Restricted to ``level`` and to places inside ``parent``.
        """
        query = _exact_key(text)
        if not query or limit <= 0:
            return []
        whole, start, word = f"\n {query}\n", f"\n {query}", f" {query}"
        ranked: list[tuple[int, int, str, Place]] = []
        seen: set[str] = set()
        for place, blob in self._search_index():
            if query not in blob or not self._allowed(place.pcode, level, parent):
                continue
            if whole in blob:
                rank = 0
            elif start in blob:
                rank = 1
            elif word in blob:
                rank = 2
            else:
                rank = 3
            ranked.append((rank, place.level, place.name_en.casefold(), place))
            seen.add(place.pcode)
        phonetic = _phonetic_key(query)
        if phonetic and len(seen) < limit:
            needle = f" {phonetic}"
            for place, blob in self._phonetic_search_index():
                if (
                    needle in blob
                    and place.pcode not in seen
                    and self._allowed(place.pcode, level, parent)
                ):
                    ranked.append((4, place.level, place.name_en.casefold(), place))
        ranked.sort(key=lambda item: item[:3])
        return [item[3] for item in ranked[:limit]]


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (``resources/gazetteer``), loaded once."""
    return Gazetteer.load(paths.RESOURCES / "gazetteer")
