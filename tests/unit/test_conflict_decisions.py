"""Deciding a record's disputed fields one at a time: choices kept, the decision written once
every field is decided, and that decision travelling to other installations."""

from __future__ import annotations

from typing import Any

import pytest

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.messages import UserError
from snhr_desktop.services.bundles import export_bundle, import_bundles
from snhr_desktop.services.conflicts import (
    CHOICES_KEY,
    RecordConflict,
    decide_fields,
    list_conflicts,
    resolve_conflicts,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import state_hash
from tests.unit.test_bundles import Network, dump, edit, shared_victim


def side(conflict: RecordConflict, field: str, value: Any) -> int:
    """The number of the side that set ``field`` to ``value``."""
    dispute = next(d for d in conflict.disputes if d.field == field)
    return next(s.number for s in dispute.sides if s.value == value)


def two_field_conflict(net: Network) -> tuple[Workspace, Workspace, Workspace, Any]:
    """Sara and Omar change the same victim's age and notes differently; two coordinators
    receive both edits and hold the same conflict."""
    sara, omar, first, victim = shared_victim(net)
    second = net.join("Second coordinator")
    import_bundles(second, [net.bundle(sara)])
    edit(sara, "victim", victim.id, age=40, notes="witness: neighbour")
    edit(omar, "victim", victim.id, age=41, notes="witness: brother")
    from_sara, from_omar = net.bundle(sara), net.bundle(omar)
    import_bundles(first, [from_sara, from_omar])
    import_bundles(second, [from_omar, from_sara])
    return first, second, sara, victim


def test_one_field_decided_keeps_the_record_open_and_unchanged(net: Network) -> None:
    first, _second, _sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    assert [d.field for d in conflict.disputes] == ["age", "notes"]
    assert conflict.undecided == ("age", "notes")
    shown = first.get("victim", victim.id)
    assert shown is not None
    before_hash, before_ops = state_hash(first.store), first.store.operation_count()

    assert decide_fields(first, victim.id, {"age": side(conflict, "age", 40)}) is None

    [still] = list_conflicts(first)
    assert [d.field for d in still.disputes] == ["age", "notes"]
    assert {d.field: d.chosen for d in still.disputes} == {
        "age": side(conflict, "age", 40), "notes": None}
    assert still.undecided == ("notes",)
    # Nothing is written until every field is decided: the record shows its provisional values,
    # the log is unchanged, and there is nothing to send.
    assert state_hash(first.store) == before_hash
    assert first.store.operation_count() == before_ops
    assert export_bundle(first, net.out).path is None
    assert still.as_json()["fields"][0]["chosen"] == side(conflict, "age", 40)


def test_the_last_field_decided_writes_the_decision_which_travels(net: Network) -> None:
    first, second, sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    forty, brother = side(conflict, "age", 40), side(conflict, "notes", "witness: brother")
    assert decide_fields(first, victim.id, {"age": forty}) is None

    decision = decide_fields(first, victim.id, {"notes": brother})

    assert decision is not None
    assert set(decision.parents) == {s.op_id for s in conflict.disputes[0].sides}
    decided = first.get("victim", victim.id)
    assert decided is not None and (decided.age, decided.notes) == (40, "witness: brother")
    assert list_conflicts(first) == []
    assert first.store.meta(CHOICES_KEY + victim.id) is None  # the kept choices are gone

    # The second coordinator had the same conflict; the first one's bundle settles it there.
    assert [c.record_id for c in list_conflicts(second)] == [victim.id]
    report = import_bundles(second, [net.bundle(first)])
    assert report.ok and report.totals()["conflicts"] == 0
    assert list_conflicts(second) == []
    there = second.get("victim", victim.id)
    assert there is not None and (there.age, there.notes) == (40, "witness: brother")
    assert state_hash(second.store) == state_hash(first.store)
    # And back to the researcher, who had only her own side.
    import_bundles(sara, [net.bundle(first)])
    assert state_hash(sara.store) == state_hash(first.store)


def test_choices_can_be_withdrawn_and_changed(net: Network) -> None:
    first, _second, _sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    decide_fields(first, victim.id, {"age": side(conflict, "age", 40)})
    decide_fields(first, victim.id, {"age": side(conflict, "age", 41)})
    assert list_conflicts(first)[0].disputes[0].chosen == side(conflict, "age", 41)
    assert decide_fields(first, victim.id, {"age": None}) is None
    assert list_conflicts(first)[0].undecided == ("age", "notes")
    assert first.store.meta(CHOICES_KEY + victim.id) is None


def test_both_fields_at_once_decide_the_record(net: Network) -> None:
    first, _second, _sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    decision = decide_fields(first, victim.id, {
        "age": side(conflict, "age", 41), "notes": side(conflict, "notes", "witness: neighbour")})
    assert decision is not None and list_conflicts(first) == []
    decided = first.get("victim", victim.id)
    assert decided is not None and (decided.age, decided.notes) == (41, "witness: neighbour")


def test_bad_choices_change_nothing(net: Network) -> None:
    first, _second, _sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    decide_fields(first, victim.id, {"age": side(conflict, "age", 40)})
    before = dump(first)
    for choices, code in (({"place_en": 1}, "conflicts_bad_field"),
                          ({"notes": 3}, "conflicts_bad_choice"),
                          ({"notes": 0}, "conflicts_bad_choice")):
        with pytest.raises(UserError) as caught:
            decide_fields(first, victim.id, choices)
        assert caught.value.message.code == code
        assert caught.value.render("ar") != caught.value.render("en")
    with pytest.raises(UserError) as caught:
        decide_fields(first, "01890a5d-ac96-774b-bcce-b302099a8057", {"age": 1})
    assert caught.value.message.code == "conflicts_none_for"
    assert dump(first) == before


def test_choices_that_do_not_fit_together_write_nothing(net: Network) -> None:
    sara, omar, coordinator, victim = shared_victim(net)
    edit(sara, "victim", victim.id, age=None, age_group="unknown")
    start = net.bundle(sara)
    import_bundles(omar, [start])
    import_bundles(coordinator, [start])
    edit(sara, "victim", victim.id, age=10, age_group=None)  # a child, from the age
    edit(omar, "victim", victim.id, age=None, age_group="adult")
    import_bundles(coordinator, [net.bundle(sara), net.bundle(omar)])
    [conflict] = list_conflicts(coordinator)
    assert {d.field for d in conflict.disputes} >= {"age", "age_group"}
    others = {d.field: 1 for d in conflict.disputes if d.field not in ("age", "age_group")}
    decide_fields(coordinator, victim.id, {"age": side(conflict, "age", 10), **others})
    before = dump(coordinator)

    with pytest.raises(RecordInvalid):  # an age of 10 with the age group "adult"
        decide_fields(coordinator, victim.id, {"age_group": side(conflict, "age_group", "adult")})

    assert dump(coordinator) == before  # the earlier choices are still kept, nothing written
    assert list_conflicts(coordinator)[0].undecided == ("age_group",)


def test_kept_choices_lapse_when_new_operations_change_the_conflict(net: Network) -> None:
    first, _second, sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    decide_fields(first, victim.id, {"age": side(conflict, "age", 40)})
    edit(sara, "victim", victim.id, age=42)  # Sara changes her mind: a new value to look at

    import_bundles(first, [net.bundle(sara)])

    [changed] = list_conflicts(first)
    assert changed.undecided == ("age", "notes")
    assert 42 in [s.value for s in changed.disputes[0].sides]
    # The next decision, on any record, clears the lapsed choices away.
    decide_fields(first, victim.id, {"notes": 1})
    assert first.store.meta(CHOICES_KEY + victim.id) is not None
    resolve_conflicts(first, victim.id, take=1)
    assert first.store.meta(CHOICES_KEY + victim.id) is None
    assert list_conflicts(first) == []


def test_resolve_replaces_the_kept_choices(net: Network) -> None:
    first, _second, _sara, victim = two_field_conflict(net)
    [conflict] = list_conflicts(first)
    decide_fields(first, victim.id, {"age": side(conflict, "age", 40)})
    resolve_conflicts(first, victim.id, {"notes": side(conflict, "notes", "witness: brother")},
                      take=side(conflict, "age", 41))
    decided = first.get("victim", victim.id)
    assert decided is not None and (decided.age, decided.notes) == (41, "witness: brother")
    assert first.store.meta(CHOICES_KEY + victim.id) is None
