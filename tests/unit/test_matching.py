"""Probable duplicate victims: parsing names, blocking, explained scores, cautious clusters."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from snhr_desktop.domain.messages import CATALOGUE
from snhr_desktop.domain.records import Incident, Victim
from snhr_desktop.services import matching
from snhr_desktop.services.linkage_data import generate
from snhr_desktop.services.matching import (
    REVIEW_WEIGHT,
    Frequencies,
    ScoredPair,
    candidate_pairs,
    cluster,
    find_duplicates,
    match_records,
    parse_arabic,
    parse_latin,
    prepare,
    score_pair,
    stream_order,
)


def victim(record_id: str, **values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": record_id,
        "incident_id": "inc-" + record_id,
        "sex": "male",
        "date_of_death": "2016-05-03",
        "governorate": "SY11",
    }
    data.update(values)
    return data


def codes(pair: ScoredPair) -> set[str]:
    return {reason.code for reason in pair.reasons}


# ---- parsing names --------------------------------------------------------------------------


def test_parse_full_arabic_name() -> None:
    parts = parse_arabic("أحمد عبد الرحمن الخطيب")
    assert parts is not None
    assert (parts.first, parts.father, parts.family) == ("احمد", "عبدالرحمن", "خطيب")
    assert not parts.short


@pytest.mark.parametrize(
    ("name", "first", "father", "grandfather", "family"),
    [
        ("أحمد الخطيب", "احمد", None, None, "خطيب"),
        ("أحمد محمد علي الخطيب", "احمد", "محمد", "علي", "خطيب"),
        ("الطفل أحمد محمد الخطيب", "احمد", "محمد", None, "خطيب"),  # a title is no name
        ("نور الدين علي العبد الله", "نورالدين", "علي", None, "عبدالله"),
        ("أبو بكر محمد الحلبي", "ابوبكر", "محمد", None, "حلبي"),
        ("زين العابدين حسن آل سعود", "زينالعابدين", "حسن", None, "سعود"),
    ],
)
def test_parse_compounds_titles_and_articles(
    name: str, first: str, father: str | None, grandfather: str | None, family: str
) -> None:
    parts = parse_arabic(name)
    assert parts is not None
    assert (parts.first, parts.father, parts.grandfather, parts.family) == (
        first, father, grandfather, family)


def test_two_words_without_article_may_be_first_and_father() -> None:
    assert parse_arabic("محمد أحمد").short  # type: ignore[union-attr]
    assert not parse_arabic("محمد الأحمد").short  # type: ignore[union-attr]
    assert parse_latin("Mohammed Ahmed").short  # type: ignore[union-attr]
    assert not parse_latin("Mohammed Al-Ahmed").short  # type: ignore[union-attr]


def test_fields_given_apart_win() -> None:
    parts = parse_arabic("أحمد محمد", family="الخطيب")
    assert parts is not None
    assert (parts.father, parts.family) == ("محمد", "خطيب")
    parts = parse_arabic("زينب طارق", father="طارق")
    assert parts is not None
    assert (parts.father, parts.family) == ("طارق", None)
    # The name's last word is the family name even when the field spells it a little differently.
    parts = parse_arabic("صالح الحمعة", family="الجمعة")
    assert parts is not None
    assert (parts.father, parts.family) == (None, "جمعه")


def test_latin_name_takes_the_arabic_layout() -> None:
    record = prepare({"id": "x", "name_ar": "زينب طارق", "father_name": "طارق",
                      "name_en": "Zainab Tareq"})
    assert record is not None and record.la is not None
    assert (record.la.father, record.la.family) == ("tarak", None)


def test_parse_latin() -> None:
    parts = parse_latin("Ahmad Abdul Rahman Al-Khateeb")
    assert parts is not None
    assert (parts.first, parts.father, parts.family) == ("ahmad", "abdrahman", "xatib")
    assert parse_latin("Nour al-Din Ali").first == "nurdin"  # type: ignore[union-attr]
    assert parse_latin("Ahmad Alkhatib").family == "xatib"  # type: ignore[union-attr]


def test_unidentified_records_are_not_matched() -> None:
    assert prepare({"id": "x", "name_ar": "مجهول الهوية", "name_en": "Unidentified"}) is None
    assert prepare({"id": "x"}) is None


# ---- scoring pairs --------------------------------------------------------------------------


def test_the_issue_example_is_one_person() -> None:
    left = victim("a", name_ar="أحمد عبد الرحمن الخطيب", age=34, place_ar="الرقة")
    right = victim("b", name_ar="احمد عبدالرحمن خطيب", date_of_death="2016-05-04")
    pair = score_pair(left, right)
    assert pair.decision() == "match"
    assert {"dup_date_close", "dup_name_same_common", "dup_governorate_same"} <= codes(pair)


def test_cross_script_pair_is_one_person() -> None:
    arabic = victim("a", name_ar="أحمد عبد الرحمن الخطيب")
    latin = victim("b", name_en="Ahmad Abdulrahman Al-Khateeb")
    pair = score_pair(arabic, latin)
    assert pair.decision() == "match"
    assert "dup_name_cross_script" in codes(pair)
    # Shown with each record's own key, not with the skeleton they met on.
    shown = " ".join(pair.explain("en"))
    assert "احمد" in shown and "ahmad" in shown


def test_siblings_killed_together_are_never_merged() -> None:
    common = {"date_of_death": "2016-05-03", "place_ar": "الرقة", "incident_id": "same"}
    first = victim("a", name_ar="أحمد عبد الرحمن الخطيب", age=12, **common)
    second = victim("b", name_ar="محمود عبد الرحمن الخطيب", age=12, mother_name="فاطمة",
                    **common)
    pair = score_pair(first, second)
    assert pair.decision() == "distinct"
    assert "dup_siblings" in codes(pair)


def test_siblings_with_similar_names_go_to_review_at_most() -> None:
    common = {"date_of_death": "2016-05-03", "place_ar": "الرقة", "incident_id": "same"}
    pair = score_pair(victim("a", name_ar="حسن علي الخطيب", age=9, **common),
                      victim("b", name_ar="حسين علي الخطيب", age=9, **common))
    assert pair.decision() != "match"
    assert "dup_siblings" in codes(pair)


def test_two_established_names_one_letter_apart_are_two_names() -> None:
    records = [victim(str(i), name_ar=name) for i, name in enumerate(
        ["حسن محمد الحلبي", "حسين محمد الحلبي"] * 6)]
    frequencies = Frequencies.of(p for p in map(prepare, records) if p is not None)
    pair = score_pair(records[0], records[1], frequencies)
    assert pair.decision() == "distinct"
    assert "dup_name_differs" in codes(pair)


def test_a_slip_of_a_common_name_still_matches() -> None:
    records = [victim(str(i), name_ar="محمد علي الحلبي") for i in range(10)]
    slip = victim("slip", name_ar="مخمد علي الحلبي")
    frequencies = Frequencies.of(p for p in map(prepare, [*records, slip]) if p is not None)
    pair = score_pair(records[0], slip, frequencies)
    assert "dup_name_slip" in codes(pair)
    assert pair.decision() == "match"


def test_transliterations_are_learnt_from_bilingual_records() -> None:
    # حسن and حسين share the skeleton "hsn"; the bilingual records say which Latin spelling
    # goes with which, so siblings written in one script each are still told apart.
    known = [victim(f"h{i}", name_ar="حسن أحمد الحلبي", name_en="Hasan Ahmad Al-Halabi")
             for i in range(25)]
    known += [victim(f"u{i}", name_ar="حسين أحمد الحلبي", name_en="Hussein Ahmad Al-Halabi")
              for i in range(25)]
    frequencies = Frequencies.of(p for p in map(prepare, known) if p is not None)
    arabic = victim("a", name_ar="حسن علي الخطيب", place_ar="الرقة")
    latin = victim("b", name_en="Hussein Ali Al-Khatib", place_ar="الرقة")
    assert score_pair(arabic, latin).decision() == "match"  # skeletons alone cannot tell
    pair = score_pair(arabic, latin, frequencies)
    assert pair.decision() == "distinct"
    assert "dup_siblings" in codes(pair)
    same = score_pair(arabic, victim("c", name_en="Hassan Ali Al-Khatib"), frequencies)
    assert same.decision() == "match"


def test_different_family_names_go_to_review_at_most() -> None:
    common = {"place_ar": "الرقة", "age": 30}
    pair = score_pair(victim("a", name_ar="أيهم بلال العيسى", **common),
                      victim("b", name_ar="أيهم بلال العكلة", **common))
    assert pair.decision() != "match"
    assert "dup_other_family" in codes(pair)


def test_father_and_son_are_never_merged() -> None:
    common = {"date_of_death": "2016-05-03", "place_ar": "الرقة"}
    father = victim("f", name_ar="خالد محمد الخطيب", **common)
    son = victim("s", name_ar="أحمد خالد الخطيب", **common)
    pair = score_pair(father, son)
    assert pair.decision() == "distinct"
    assert "dup_father_child" in codes(pair)


def test_different_fathers_go_to_review_at_most() -> None:
    common = {"date_of_death": "2016-05-03", "place_ar": "الرقة", "age": 30}
    pair = score_pair(victim("a", name_ar="محمد أحمد الخطيب", **common),
                      victim("b", name_ar="محمد خالد الخطيب", **common))
    assert pair.decision() != "match"
    assert "dup_other_father" in codes(pair)


def test_namesake_in_another_incident_long_after_is_distinct() -> None:
    pair = score_pair(victim("a", name_ar="محمد أحمد الخطيب"),
                      victim("b", name_ar="محمد أحمد الخطيب", date_of_death="2014-01-20"))
    assert pair.decision() == "distinct"
    assert "dup_date_far" in codes(pair)


def test_common_names_weigh_less_than_rare_ones() -> None:
    common = [victim(str(i), name_ar="محمد علي الحلبي") for i in range(200)]
    rare = [victim("r1", name_ar="نزار علي الحلبي"), victim("r2", name_ar="نزار علي الحلبي")]
    frequencies = Frequencies.of(p for p in map(prepare, common + rare) if p is not None)
    common_pair = score_pair(common[0], common[1], frequencies)
    rare_pair = score_pair(rare[0], rare[1], frequencies)
    assert rare_pair.weight > common_pair.weight
    assert "dup_name_same_common" in codes(common_pair)


def test_contradictions_lower_the_weight() -> None:
    base = victim("a", name_ar="محمد أحمد الخطيب", age=30)
    same = score_pair(base, victim("b", name_ar="محمد أحمد الخطيب", age=30)).weight
    for change in ({"sex": "female"}, {"age": 60}, {"governorate": "SY02"}):
        other = victim("b", name_ar="محمد أحمد الخطيب", **{"age": 30, **change})
        assert score_pair(base, other).weight < same - 3


def test_every_reason_is_in_the_catalogue_in_both_languages() -> None:
    pairs = [
        score_pair(victim("a", name_ar="أحمد عبد الرحمن الخطيب", age=34, place_ar="الرقة"),
                   victim("b", name_en="Ahmed Abdul Rahman Khatib", age=35, sex="female",
                          date_of_death="2016-07-03", governorate="SY02")),
        score_pair(victim("f", name_ar="خالد محمد الخطيب", incident_id="x"),
                   victim("s", name_ar="أحمد خالد الخطيب", incident_id="x", age_group="child")),
    ]
    for pair in pairs:
        for reason in pair.reasons:
            assert reason.code in CATALOGUE
            english, arabic = reason.render("en"), reason.render("ar")
            assert "{" not in english and "{" not in arabic
            assert english != arabic
    assert all(code in CATALOGUE for code in matching._NAME_CODES.values())


# ---- blocking -------------------------------------------------------------------------------


def test_blocking_compares_few_pairs() -> None:
    data = generate(400, seed=3)
    prepared = [p for p in map(prepare, data.victims) if p is not None]
    pairs = list(candidate_pairs(stream_order(prepared)))
    assert len(pairs) < 5 * len(prepared)  # not all pairs
    assert len({(a.id, b.id) for a, b in pairs}) == len(pairs)  # each pair once
    found = {(min(a.id, b.id), max(a.id, b.id)) for a, b in pairs}
    named = {p.id for p in prepared}
    truth = {(a, b) for a, b in data.true_pairs() if a in named and b in named}
    assert len(found & truth) / len(truth) > 0.95


def test_blocking_by_date_window_and_by_name_for_undated() -> None:
    records = [
        victim("a", name_ar="محمد أحمد الخطيب", date_of_death="2016-05-03"),
        victim("b", name_ar="محمد أحمد الخطيب", date_of_death="2016-05-06"),  # 3 days later
        victim("c", name_ar="محمد أحمد الخطيب", date_of_death="2016-05-20"),  # far
        victim("d", name_ar="محمد أحمد الخطيب", date_of_death=None),  # no date
        victim("e", name_en="Mohammed Ahmed Al-Khateeb", date_of_death="2016-05-04"),
    ]
    prepared = [p for p in map(prepare, records) if p is not None]
    found = {frozenset((a.id, b.id)) for a, b in candidate_pairs(stream_order(prepared))}
    assert frozenset("ab") in found and frozenset("ae") in found
    assert frozenset("ac") not in found
    assert {frozenset("ad"), frozenset("cd")} <= found


# ---- clusters -------------------------------------------------------------------------------


def test_a_record_between_two_siblings_does_not_chain_them() -> None:
    common = {"date_of_death": "2016-05-03", "place_ar": "الرقة", "incident_id": "same"}
    ahmad = victim("a", name_ar="أحمد عبد الرحمن الخطيب", **common)
    mahmoud = victim("m", name_ar="محمود عبد الرحمن الخطيب", **common)
    # A record too short to tell them apart.
    vague = victim("v", name_ar="احمد الخطيب", **common)
    report = match_records([ahmad, mahmoud, vague])
    for found in report.clusters:
        assert not {"a", "m"} <= set(found.ids)


def test_an_ambiguous_record_is_left_for_review() -> None:
    common = {"date_of_death": "2016-05-03", "governorate": "SY11"}
    one = victim("1", name_ar="محمد أحمد الخطيب", age=30, **common)
    two = victim("2", name_ar="محمد خالد الخطيب", age=30, **common)
    vague = victim("v", name_ar="محمد الخطيب", age=30, **common)
    report = match_records([one, two, vague])
    assert not [c for c in report.clusters if "v" in c.ids]
    assert {frozenset((p.left, p.right)) for p in report.review} >= {
        frozenset("1v"), frozenset("2v")}


def test_cluster_joins_strongest_links_first() -> None:
    records = {r["id"]: prepare(r) for r in (
        victim("a", name_ar="أحمد عبد الرحمن الخطيب", age=34),
        victim("b", name_ar="احمد عبدالرحمن خطيب", age=34),
        victim("c", name_en="Ahmad Abdulrahman Al-Khateeb", age=34),
    )}
    prepared = {k: v for k, v in records.items() if v is not None}
    pairs = [score_pair(prepared[x], prepared[y]) for x, y in ("ab", "ac", "bc")]
    found = cluster(pairs, prepared)
    assert [c.ids for c in found] == [("a", "b", "c")]
    assert len(found[0].links) == 2


# ---- running it -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Any:
    return generate(600, seed=11)


def test_match_records_on_generated_data(sample: Any) -> None:
    report = match_records(sample.victims, incidents=sample.incidents)
    truth = sample.true_pairs()
    predicted = {
        (a, b) for c in report.clusters for i, a in enumerate(c.ids) for b in c.ids[i + 1:]
    }
    assert len(predicted & truth) / len(predicted) > 0.97
    assert len(predicted & truth) / len(truth) > 0.85
    assert not predicted & sample.related_pairs("siblings")
    assert not predicted & sample.related_pairs("father_child")
    for pair in report.review[:20]:
        shown = report.explained(pair)
        assert shown.weight >= REVIEW_WEIGHT
        assert shown.reasons and shown.explain("ar")


def test_find_duplicates_reads_the_database_like_match_records(
    workspace: Any, sample: Any
) -> None:
    incidents = [Incident.model_validate(i) for i in sample.incidents]
    victims = [Victim.model_validate(v) for v in sample.victims]
    workspace.save_many([*incidents, *victims])
    progress: list[tuple[int, int]] = []
    report = find_duplicates(workspace, progress=lambda done, total: progress.append(
        (done, total)))
    expected = match_records(sample.victims, incidents=sample.incidents)
    assert [c.ids for c in report.clusters] == [c.ids for c in expected.clusters]
    assert report.records == expected.records
    # Two passes, a step per victim each; reported along the way, not only at the end.
    assert progress[-1] == (2 * len(victims), 2 * len(victims))
    assert all(a[0] < b[0] for a, b in itertools.pairwise(progress))


def test_a_progress_callback_can_cancel_the_search(workspace: Any, sample: Any) -> None:
    workspace.save_many([Incident.model_validate(i) for i in sample.incidents])
    workspace.save_many([Victim.model_validate(v) for v in sample.victims])

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        find_duplicates(workspace, progress=cancel)
