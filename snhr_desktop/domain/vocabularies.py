"""Controlled vocabularies: stable stored codes with Arabic and English labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from snhr_desktop import paths
from snhr_desktop.domain.names import normalise_arabic

__all__ = ["VOCABULARY_NAMES", "Term", "Vocabulary", "vocabulary"]

VOCABULARY_NAMES: Final[tuple[str, ...]] = (
    "perpetrator",
    "attack_type",
    "facility_category",
    "facility_group",
    "sex",
    "age_group",
    "victim_status",
    "special_category",
    "damage",
    "tristate",
    "date_precision",
    "pair_decision",
)
"""The vocabularies shipped in ``resources/vocabularies`` (file name = vocabulary name)."""

_NAME: Final = re.compile(r"[a-z][a-z0-9_]*")
_CODE: Final = re.compile(r"[a-z0-9][a-z0-9_]*")
_SEPARATORS: Final = re.compile(r"[\s_\-‐‑–—]+")
_ARABIC: Final = re.compile("[\u0600-\u06ff]")


def _is_arabic(lang: str) -> bool:
    return lang.lower().startswith("ar")


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a vocabulary: the stored code and its labels."""

    code: str
    label_en: str
    label_ar: str
    group: str | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The label in ``lang``: "ar" (or any "ar…" locale) is Arabic, anything else English."""
        return self.label_ar if _is_arabic(lang) else self.label_en


def _lookup_key(text: str) -> str:
    """How labels are compared: trimmed, case-folded, spaces/underscores/hyphens equivalent."""
    if _ARABIC.search(text):
        text = normalise_arabic(text)
    return _SEPARATORS.sub(" ", text).strip().casefold()


class Vocabulary:
    """An ordered, immutable set of terms, looked up by code or by label in either language."""

    __slots__ = ("_by_code", "_lookup", "description", "name", "terms")

    def __init__(self, name: str, terms: Iterable[Term], description: str = "") -> None:
        self.name = name
        self.description = description
        self.terms: tuple[Term, ...] = tuple(terms)
        self._by_code: dict[str, Term] = {}
        for term in self.terms:
            if term.code in self._by_code:
                raise ValueError(f"vocabulary {name!r}: duplicate code {term.code!r}")
            self._by_code[term.code] = term
        # Codes first, then labels, then aliases: an earlier kind of match is never shadowed.
        self._lookup: dict[str, str] = {}
        for term in self.terms:
            self._lookup.setdefault(_lookup_key(term.code), term.code)
        for term in self.terms:
            for text in (term.label_en, term.label_ar):
                self._lookup.setdefault(_lookup_key(text), term.code)
        for term in self.terms:
            for text in term.aliases:
                self._lookup.setdefault(_lookup_key(text), term.code)

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r}, {len(self.terms)} terms)"

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, code: str) -> Term:
        """The term with ``code``; ``KeyError`` if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a code of vocabulary {self.name!r}") from None

    def codes(self) -> tuple[str, ...]:
        """All codes, in display order."""
        return tuple(self._by_code)

    def label(self, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang``; ``KeyError`` for an unknown code."""
        return self.get(code).label(lang)

    def in_group(self, group: str) -> tuple[Term, ...]:
        """The terms whose ``group`` is ``group``, in display order."""
        return tuple(term for term in self.terms if term.group == group)

    def resolve(self, text: str) -> str | None:
        """The code for ``text`` given as a code, an English or Arabic label, or a known alias.

        Comparison ignores case and surrounding whitespace, treats underscores, spaces and
        hyphens alike, and compares Arabic after :func:`~snhr_desktop.domain.names.normalise_arabic`
        (so hamza forms, ta marbuta, harakat and tatweel do not matter). ``None`` if unknown.
        """
        return self._lookup.get(_lookup_key(text))

    @classmethod
    def from_json(cls, data: Any) -> Vocabulary:
        """Build from the JSON layout ``{"name", "description", "terms": [{"code", "en", "ar",
        "group"?, "aliases"?}]}``; ``ValueError`` if the layout is wrong."""
        if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
            raise ValueError("a vocabulary must be an object with a list of terms")
        name = data.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(f"invalid vocabulary name {name!r}")
        terms = [_term_from_json(name, item) for item in data["terms"]]
        return cls(name, terms, str(data.get("description") or ""))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Read a vocabulary JSON file (UTF-8)."""
        with path.open(encoding="utf-8") as handle:
            return cls.from_json(json.load(handle))


def _term_from_json(vocabulary_name: str, item: Any) -> Term:
    if not isinstance(item, dict):
        raise ValueError(f"vocabulary {vocabulary_name!r}: a term must be an object")
    code, en, ar, group = (item.get(key) for key in ("code", "en", "ar", "group"))
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ValueError(f"vocabulary {vocabulary_name!r}: invalid code {code!r}")
    if not isinstance(en, str) or not isinstance(ar, str) or not en.strip() or not ar.strip():
        raise ValueError(f"vocabulary {vocabulary_name!r}: term {code!r} needs both labels")
    if group is not None and not isinstance(group, str):
        raise ValueError(f"vocabulary {vocabulary_name!r}: term {code!r} has an invalid group")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise ValueError(f"vocabulary {vocabulary_name!r}: term {code!r} has invalid aliases")
    return Term(code, en.strip(), ar.strip(), group or None, tuple(aliases))


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` from ``resources/vocabularies/{name}.json`` (loaded once).

    ``KeyError`` if there is no such vocabulary.
    """
    path = paths.RESOURCES / "vocabularies" / f"{name}.json"
    if not _NAME.fullmatch(name) or not path.is_file():
        raise KeyError(f"unknown vocabulary {name!r}")
    loaded = Vocabulary.load(path)
    if loaded.name != name:
        raise ValueError(f"{path} declares the name {loaded.name!r}")
    return loaded
