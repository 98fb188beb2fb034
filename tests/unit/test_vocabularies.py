"""Controlled vocabularies: files, codes, bilingual labels and resolution of typed values."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop import paths
from snhr_desktop.domain.names import normalise_arabic
from snhr_desktop.domain.vocabularies import VOCABULARY_NAMES, Term, Vocabulary, vocabulary

ARABIC_LETTER = re.compile("[\u0621-\u064a]")
LATIN_LETTER = re.compile("[A-Za-z]")
FOLDER = paths.RESOURCES / "vocabularies"

REQUIRED = {
    "perpetrator": {
        "syrian_regime", "russian_forces", "isis", "hts", "armed_opposition", "sdf",
        "international_coalition", "iranian_militias", "turkish_forces", "other", "unidentified",
    },
    "attack_type": {
        "airstrike", "shelling", "barrel_bomb", "missile", "ground_attack", "execution",
        "landmine", "car_bomb", "ied", "cluster_munition", "chemical", "shooting", "sniper",
        "torture", "other", "unknown",
    },
    "facility_category": {
        "bridge", "water_station", "power_station", "road", "fuel_station", "dam", "telecom",
        "school", "university", "kindergarten", "educational_other", "hospital",
        "medical_point", "ambulance", "pharmacy", "mosque", "church", "market", "bakery",
        "industrial_facility", "cultural_centre", "archaeological_site", "idp_camp",
        "government_building", "civil_defence_centre",
    },
    "facility_group": {
        "infrastructure", "educational", "medical", "worship", "communal", "cultural", "camps",
        "official",
    },
    "sex": {"male", "female", "unknown"},
    "age_group": {"child", "adult", "unknown"},
    "victim_status": {"civilian", "non_civilian", "unknown"},
    "special_category": {"none", "medical", "media", "civil_defence", "humanitarian"},
    "damage": {"destroyed", "severe", "partial", "unknown"},
    "tristate": {"yes", "no", "unknown"},
    "date_precision": {"day", "month", "year"},
    "pair_decision": {"same", "different", "unsure"},
}


def test_every_file_is_listed_and_every_name_has_a_file() -> None:
    files = {path.stem for path in FOLDER.glob("*.json")}
    assert files == set(VOCABULARY_NAMES)
    assert set(REQUIRED) == set(VOCABULARY_NAMES)


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_file_layout(name: str) -> None:
    data = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    assert data["name"] == name
    assert isinstance(data["description"], str) and data["description"]
    for term in data["terms"]:
        assert set(term) <= {"code", "en", "ar", "group", "aliases"}


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_codes_unique_and_labels_bilingual(name: str) -> None:
    vocab = vocabulary(name)
    codes = vocab.codes()
    assert len(codes) == len(set(codes)) == len(vocab.terms)
    assert REQUIRED[name] <= set(codes)
    for term in vocab:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", term.code)
        assert term.label_en.strip() == term.label_en and term.label_en
        assert term.label_ar.strip() == term.label_ar and term.label_ar
        assert ARABIC_LETTER.search(term.label_ar), term
        assert not LATIN_LETTER.search(term.label_ar), term
        assert not ARABIC_LETTER.search(term.label_en), term


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_labels_unique_so_they_resolve(name: str) -> None:
    vocab = vocabulary(name)
    en = [term.label_en.casefold() for term in vocab]
    ar = [normalise_arabic(term.label_ar) for term in vocab]
    assert len(en) == len(set(en))
    assert len(ar) == len(set(ar))


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_resolve_by_code_english_and_arabic(name: str) -> None:
    vocab = vocabulary(name)
    for term in vocab:
        assert vocab.resolve(term.code) == term.code
        assert vocab.resolve(term.label_en) == term.code
        assert vocab.resolve(term.label_ar) == term.code
        assert vocab.resolve(f"  {term.label_en.upper()} ") == term.code
        assert vocab.resolve(term.code.replace("_", " ").upper()) == term.code
        assert vocab.resolve(term.code.replace("_", "-")) == term.code


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_aliases_resolve_to_their_own_term(name: str) -> None:
    vocab = vocabulary(name)
    for term in vocab:
        for alias in term.aliases:
            assert vocab.resolve(alias) == term.code, (alias, term.code)


def test_resolve_examples() -> None:
    perpetrator = vocabulary("perpetrator")
    assert perpetrator.resolve("Syrian_Regime") == "syrian_regime"
    assert perpetrator.resolve("قوات النظام السوري") == "syrian_regime"
    assert perpetrator.resolve("هيئة تحرير الشام") == "hts"
    assert perpetrator.resolve("قوات سوريا الديمقراطية") == "sdf"
    assert perpetrator.resolve("قوات التحالف الدولي") == "international_coalition"
    assert perpetrator.resolve("International coalition") == "international_coalition"
    assert perpetrator.resolve("international-coalition") == "international_coalition"
    assert perpetrator.resolve("ISIS") == perpetrator.resolve("داعش") == "isis"
    assert perpetrator.resolve("martians") is None
    assert perpetrator.resolve("") is None
    # Arabic compared after normalisation: hamza, harakat and tatweel do not matter.
    attack = vocabulary("attack_type")
    assert attack.resolve("غارة جوية") == attack.resolve("غاره جويه") == "airstrike"
    assert attack.resolve("بَرْمِيل مُتَفَجِّر") == "barrel_bomb"
    assert attack.resolve("إعدام") == attack.resolve("اعدام") == "execution"
    assert vocabulary("sex").resolve("أنثى") == vocabulary("sex").resolve("انثي") == "female"


def test_term_and_vocabulary_api() -> None:
    sex = vocabulary("sex")
    assert "male" in sex and "martian" not in sex and 3 not in sex
    assert sex.get("female") == Term("female", "Female", "أنثى", None, sex.get("female").aliases)
    assert sex.label("male", "ar") == "ذكر" and sex.label("male", "en") == "Male"
    assert sex.get("male").label("ar_SY") == "ذكر"
    assert [t.code for t in sex] == list(sex.codes())
    with pytest.raises(KeyError):
        sex.get("martian")
    with pytest.raises(KeyError):
        sex.label("martian", "en")


def test_vocabulary_is_cached_and_unknown_names_fail() -> None:
    assert vocabulary("sex") is vocabulary("sex")
    with pytest.raises(KeyError):
        vocabulary("nonexistent")
    with pytest.raises(KeyError):
        vocabulary("../vocabularies/sex")


def test_facility_categories_and_groups() -> None:
    categories = vocabulary("facility_category")
    groups = vocabulary("facility_group")
    assert categories.get("bridge").group == "infrastructure"
    assert categories.get("school").group == "educational"
    assert categories.get("hospital").group == "medical"
    assert categories.get("mosque").group == "worship"
    assert categories.get("idp_camp").group == "camps"
    assert categories.get("civil_defence_centre").group == "official"
    for term in categories:
        assert term.group in groups, term
    for group in groups:
        assert categories.in_group(group.code), group
    assert {t.code for t in categories.in_group("medical")} >= {
        "hospital", "medical_point", "ambulance", "pharmacy",
    }


def test_required_arabic_labels() -> None:
    assert vocabulary("perpetrator").label("syrian_regime", "ar") == "قوات النظام السوري"
    assert vocabulary("perpetrator").label("hts", "ar") == "هيئة تحرير الشام"
    assert vocabulary("perpetrator").label("sdf", "ar") == "قوات سوريا الديمقراطية"
    assert vocabulary("perpetrator").label("international_coalition", "ar") == "قوات التحالف الدولي"


def test_invalid_files_are_rejected(tmp_path: Path) -> None:
    good: dict[str, Any] = {
        "name": "x", "description": "", "terms": [{"code": "a", "en": "A", "ar": "أ"}]
    }
    assert Vocabulary.from_json(good).codes() == ("a",)
    bad_cases = [
        {"name": "x", "terms": [good["terms"][0], {"code": "a", "en": "B", "ar": "ب"}]},
        {"name": "x", "terms": [{"code": "a", "en": "A"}]},
        {"name": "x", "terms": [{"code": "A b", "en": "A", "ar": "أ"}]},
        {"name": "x", "terms": "nope"},
        ["not", "an", "object"],
    ]
    for bad in bad_cases:
        with pytest.raises(ValueError):
            Vocabulary.from_json(bad)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    assert Vocabulary.load(path).name == "x"
