"""The synthetic victim lists with known truth: determinism, validity, variation, hard negatives."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from snhr_desktop.domain.records import Incident, Victim
from snhr_desktop.services.linkage_data import LinkageData, generate

PERSONS = 1_500


@pytest.fixture(scope="module")
def data() -> LinkageData:
    return generate(PERSONS, seed=7)


def test_same_seed_same_data(data: LinkageData) -> None:
    again = generate(PERSONS, seed=7)
    assert again.victims == data.victims
    assert again.incidents == data.incidents
    assert again.person_of == data.person_of
    other = generate(PERSONS, seed=8)
    assert other.victims != data.victims


def test_exactly_the_persons_asked_for(data: LinkageData) -> None:
    assert len(data.records_of()) == PERSONS
    assert set(data.person_of) == {v["id"] for v in data.victims}


def test_one_to_three_records_per_person(data: LinkageData) -> None:
    sizes = Counter(len(ids) for ids in data.records_of().values())
    assert set(sizes) <= {1, 2, 3}
    assert sizes[1] and sizes[2] and sizes[3]
    assert len(data.victims) / PERSONS == pytest.approx(1.65, abs=0.12)


def test_unidentified_people_are_documented_once(data: LinkageData) -> None:
    by_id = {v["id"]: v for v in data.victims}
    for ids in data.records_of().values():
        if any(by_id[i]["name_ar"] == "مجهول الهوية" for i in ids):
            assert len(ids) == 1


def test_true_pairs_are_the_pairs_of_each_person(data: LinkageData) -> None:
    expected = sum(n * (n - 1) // 2 for n in map(len, data.records_of().values()))
    pairs = data.true_pairs()
    assert len(pairs) == expected
    assert all(a < b and data.person_of[a] == data.person_of[b] for a, b in pairs)


def test_records_are_valid(data: LinkageData) -> None:
    incidents = {i["id"] for i in data.incidents}
    for incident in data.incidents[:300]:
        Incident.model_validate(incident)
    for victim in data.victims[:600]:
        Victim.model_validate(victim)
        assert victim["incident_id"] in incidents


def test_records_of_one_person_differ_as_researchers_write(data: LinkageData) -> None:
    by_id = {v["id"]: v for v in data.victims}
    pairs = [(by_id[a], by_id[b]) for a, b in data.true_pairs()]
    seen: Counter[str] = Counter()
    for a, b in pairs:
        if a["name_ar"] and b["name_ar"] and a["name_ar"] != b["name_ar"]:
            seen["arabic spelling"] += 1
        if bool(a["name_ar"]) != bool(b["name_ar"]):
            seen["latin only"] += 1
        if a["date_of_death"] and b["date_of_death"]:
            days = abs((a["date_of_death"] - b["date_of_death"]).days)
            seen[f"days {min(days, 3)}"] += 1
        if (a["age"] is None) != (b["age"] is None):
            seen["age missing"] += 1
        if a["incident_id"] != b["incident_id"]:
            seen["other incident"] += 1
        if a["incident_id"] == b["incident_id"]:
            seen["same incident"] += 1
    for kind in ("arabic spelling", "latin only", "days 0", "days 1", "days 2", "age missing",
                 "other incident", "same incident"):
        assert seen[kind] > 0, kind
    assert seen["days 3"] < seen["days 2"] < seen["days 1"] < seen["days 0"]


def test_arabic_spelling_habits_appear(data: LinkageData) -> None:
    names = [v["name_ar"] for v in data.victims if v["name_ar"]]
    joined = " ".join(names)
    assert "عبدال" in joined and "عبد ال" in joined  # عبد joined and apart
    assert any(n.startswith("احمد") for n in names) and any(n.startswith("أحمد") for n in names)
    assert "ی" in joined or "ک" in joined  # Persian letters now and then
    latin = [v["name_en"] for v in data.victims if v["name_en"]]
    assert any(n.isupper() for n in latin)
    assert any("Al-" in n for n in latin) and any(" Al " in n for n in latin)


def test_hard_negatives(data: LinkageData) -> None:
    by_id = {v["id"]: v for v in data.victims}
    kinds = Counter(kind for kind, _, _ in data.relations)
    assert kinds["siblings"] and kinds["father_child"] and kinds["namesake"]
    for kind in ("siblings", "father_child", "namesake"):
        pairs = data.related_pairs(kind)
        assert pairs
        assert not pairs & data.true_pairs()
    # Siblings and father/child are killed together: same incident date and governorate.
    records = data.records_of()
    incidents = {i["id"]: i for i in data.incidents}
    for kind, a, b in data.relations:
        if kind == "namesake":
            continue
        first, second = by_id[records[a][0]], by_id[records[b][0]]
        day_a = incidents[first["incident_id"]]["date"]
        day_b = incidents[second["incident_id"]]["date"]
        assert abs((day_a - day_b).days) <= 1


def test_namesakes_are_often_near(data: LinkageData) -> None:
    incidents = {i["id"]: i for i in data.incidents}
    records = data.records_of()
    by_id = {v["id"]: v for v in data.victims}
    gaps = []
    for kind, a, b in data.relations:
        if kind == "namesake":
            day_a = incidents[by_id[records[a][0]]["incident_id"]]["date"]
            day_b = incidents[by_id[records[b][0]]["incident_id"]]["date"]
            assert isinstance(day_a, dt.date)
            gaps.append(abs((day_a - day_b).days))
    assert any(g <= 3 for g in gaps) and any(g > 30 for g in gaps)
