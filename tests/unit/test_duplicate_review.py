"""The duplicate review queue: scanning, deciding, undoing, remembering, and links that travel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import Incident, PairDecision, Victim
from snhr_desktop.services import duplicates
from snhr_desktop.services.bundles import import_bundles
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.links import relink_all
from snhr_desktop.storage.merge import state_hash
from tests.conftest import incident_data, victim_data
from tests.unit.test_bundles import Network


def add_incident(ws: Workspace, **overrides: Any) -> str:
    incident = ws.validate(Incident.kind, incident_data(**overrides))
    ws.save(incident)
    return incident.id


def add_victim(ws: Workspace, incident_id: str, **overrides: Any) -> str:
    victim = ws.validate(Victim.kind, victim_data(incident_id, **overrides))
    ws.save(victim)
    return victim.id


@pytest.fixture
def documented(workspace: Workspace) -> dict[str, str]:
    """One man written twice by two researchers, his brother killed with him, and a stranger."""
    first = add_incident(workspace)
    second = add_incident(workspace, place_ar="الرميلة", place_en="Rumaila")
    ids = {
        "ahmad": add_victim(workspace, first),
        "ahmad_again": add_victim(
            workspace, second, name_ar="احمد عبدالرحمن خطيب", name_en="Ahmed Abdul Rahman Khatib",
            age=None, age_group="adult", date_of_death="2016-05-04",
        ),
        "brother": add_victim(
            workspace, first, name_ar="محمود عبد الرحمن الخطيب",
            name_en="Mahmoud Abdulrahman Al-Khateeb", age=29,
        ),
        "stranger": add_victim(
            workspace, first, name_ar="فاطمة حسن العلي", name_en="Fatima Hasan Al-Ali",
            sex="female", age=51,
        ),
    }
    return ids


def pair_of(a: str, b: str) -> tuple[str, str]:
    x, y = sorted((a, b))
    return x, y


def pending_pairs(ws: Workspace) -> set[tuple[str, str]]:
    return {(c.victim_a, c.victim_b) for c in duplicates.queue(ws)}


def linked_columns(ws: Workspace, *ids: str) -> dict[str, tuple[str | None, int]]:
    marks = ",".join("?" * len(ids))
    return {
        row[0]: (row[1], row[2])
        for row in ws.store.db.execute(
            f"SELECT id, person_id, linked FROM victims WHERE id IN ({marks})", list(ids)
        )
    }


def test_scan_proposes_the_duplicate_with_reasons_and_never_the_brother(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    result = duplicates.scan(workspace)
    assert result.records == 4
    assert result.pending >= 1
    queue = duplicates.queue(workspace)
    top = queue[0]
    assert (top.victim_a, top.victim_b) == pair_of(documented["ahmad"], documented["ahmad_again"])
    assert top.suggestion == "match"
    english = " ".join(top.explain("en"))
    arabic = " ".join(top.explain("ar"))
    assert "name" in english.lower()
    assert "الاسم" in arabic or "اسم" in arabic
    brothers = pair_of(documented["ahmad"], documented["brother"])
    assert all((c.victim_a, c.victim_b) != brothers or c.suggestion == "review" for c in queue)
    assert pair_of(documented["ahmad"], documented["stranger"]) not in pending_pairs(workspace)
    assert duplicates.queue_counts(workspace) == {
        "pending": len(queue), "unsure": 0, "decided": 0
    }


def test_compare_shows_both_records_and_what_differs(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    duplicates.scan(workspace)
    view = duplicates.compare(workspace, documented["ahmad_again"], documented["ahmad"])
    assert {view.victim_a["id"], view.victim_b["id"]} == {documented["ahmad"],
                                                          documented["ahmad_again"]}
    # Spelling variants of one name are not a difference; the missing age and the date are.
    assert "name_ar" not in view.differing and "name_ar" in view.variants
    assert "name_en" in view.variants
    assert "date_of_death" in view.differing
    assert "age" in view.missing and "age" not in view.differing  # unknown, not different
    assert "sex" not in view.differing
    assert "incident.place_ar" in view.differing
    assert view.candidate is not None and view.candidate.reasons
    assert view.authors == ("Test Researcher", "Test Researcher")


def test_same_person_links_without_deleting_and_undo_restores(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    duplicates.scan(workspace)
    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    operations_before = workspace.store.operation_count()
    decision = duplicates.decide(workspace, b, a, "same", note="same father and mother")
    assert decision.decision == "same" and (decision.victim_a, decision.victim_b) == (a, b)
    assert workspace.store.operation_count() == operations_before + 1
    # Both records stay; the larger id is counted by the smaller one.
    assert workspace.counts()["victim"] == 4
    assert linked_columns(workspace, a, b) == {a: (a, 0), b: (a, 1)}
    assert duplicates.linked_group(workspace, b) == [a, b]
    assert (a, b) not in pending_pairs(workspace)
    assert [d.id for d in duplicates.decisions(workspace, "same")] == [decision.id]

    withdrawn = duplicates.undo(workspace, decision.id)
    assert withdrawn.id == decision.id
    assert linked_columns(workspace, a, b) == {a: (None, 0), b: (None, 0)}
    assert (a, b) in pending_pairs(workspace)
    assert duplicates.decisions(workspace) == []
    # The decision and its withdrawal are both in the log.
    actions = [e.operation.action for e in workspace.history(decision.id)]
    assert actions == ["create", "delete"]


def test_different_people_is_remembered_across_scans(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    duplicates.scan(workspace)
    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    duplicates.decide(workspace, a, b, "different")
    assert (a, b) not in pending_pairs(workspace)
    duplicates.scan(workspace)
    assert (a, b) not in pending_pairs(workspace)
    assert [(c.victim_a, c.victim_b) for c in duplicates.queue(workspace, "decided")] == [(a, b)]
    assert linked_columns(workspace, a, b) == {a: (None, 0), b: (None, 0)}


def test_unsure_is_set_aside_and_changing_a_decision_updates_it(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    duplicates.scan(workspace)
    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    first = duplicates.decide(workspace, a, b, "unsure")
    assert [(c.victim_a, c.victim_b) for c in duplicates.queue(workspace, "unsure")] == [(a, b)]
    assert (a, b) not in pending_pairs(workspace)
    second = duplicates.decide(workspace, a, b, "same")
    assert second.id == first.id  # one record per pair, with its history
    assert workspace.store.count(PairDecision.kind) == 1
    assert [e.operation.action for e in workspace.history(first.id)] == ["create", "update"]
    assert linked_columns(workspace, a, b)[b] == (a, 1)


def test_bad_decisions_change_nothing(workspace: Workspace, documented: dict[str, str]) -> None:
    a, b = documented["ahmad"], documented["ahmad_again"]
    before = workspace.store.operation_count()
    with pytest.raises(UserError) as error:
        duplicates.decide(workspace, a, b, "maybe")
    assert "maybe" in error.value.render("en") and "maybe" in error.value.render("ar")
    with pytest.raises(UserError):
        duplicates.decide(workspace, a, a, "same")
    with pytest.raises(UserError):
        duplicates.decide(workspace, a, "01900000-0000-7000-8000-000000000000", "same")
    with pytest.raises(UserError):
        duplicates.undo(workspace, "01900000-0000-7000-8000-000000000000")
    with pytest.raises(UserError):
        duplicates.queue(workspace, "everything")  # type: ignore[arg-type]
    assert workspace.store.operation_count() == before


def test_a_chain_of_links_cannot_join_people_told_apart(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    ahmad, again, brother = documented["ahmad"], documented["ahmad_again"], documented["brother"]
    duplicates.decide(workspace, ahmad, brother, "different")
    duplicates.decide(workspace, ahmad, again, "same")
    with pytest.raises(UserError) as error:
        duplicates.decide(workspace, again, brother, "same")
    assert "محمود" in error.value.render("ar") or "أحمد" in error.value.render("ar")
    assert duplicates.linked_group(workspace, brother) == [brother]


def test_groups_are_counted_by_their_smallest_living_id(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    incident = add_incident(workspace)
    third = add_victim(workspace, incident, name_ar="أحمد الخطيب", age=34)
    ids = sorted((documented["ahmad"], documented["ahmad_again"], third))
    duplicates.decide(workspace, ids[0], ids[1], "same")
    duplicates.decide(workspace, ids[1], ids[2], "same")
    assert linked_columns(workspace, *ids) == {
        ids[0]: (ids[0], 0), ids[1]: (ids[0], 1), ids[2]: (ids[0], 1)
    }
    # Deleting the record the person is counted by: the next one counts the person.
    workspace.delete(Victim.kind, ids[0])
    assert linked_columns(workspace, ids[1], ids[2]) == {
        ids[1]: (ids[1], 0), ids[2]: (ids[1], 1)
    }
    # Re-deriving everything from scratch gives the same columns.
    before = linked_columns(workspace, *ids)
    with workspace.store.transaction():
        workspace.store.db.execute("UPDATE victims SET person_id = NULL, linked = 0")
        relink_all(workspace.store.db)
    assert linked_columns(workspace, *ids) == before


def test_links_and_their_undoing_travel_in_bundles(net: Network) -> None:
    researcher = net.join("researcher")
    coordinator = net.join("coordinator")
    incident = add_incident(researcher)
    a = add_victim(researcher, incident)
    b = add_victim(researcher, incident, name_ar="احمد عبدالرحمن خطيب", age=None,
                   age_group="adult")
    # The coordinator has the records, then decides: the decision goes back to the researcher.
    assert import_bundles(coordinator, [net.bundle(researcher)]).ok
    decision = duplicates.decide(coordinator, a, b, "same")
    assert import_bundles(researcher, [net.bundle(coordinator)]).ok
    x, y = pair_of(a, b)
    assert linked_columns(researcher, a, b) == {x: (x, 0), y: (x, 1)}
    assert state_hash(researcher.store) == state_hash(coordinator.store)

    # Undone at the researcher's: the undoing reaches the coordinator.
    duplicates.undo(researcher, decision.id)
    assert import_bundles(coordinator, [net.bundle(researcher)]).ok
    assert linked_columns(coordinator, a, b) == {x: (None, 0), y: (None, 0)}
    assert duplicates.decisions(coordinator) == []
    assert state_hash(researcher.store) == state_hash(coordinator.store)


def test_a_decision_arriving_before_its_victims_links_them_when_they_arrive(
    net: Network,
) -> None:
    researcher = net.join("researcher")
    coordinator = net.join("coordinator")
    third = net.join("third")
    incident = add_incident(researcher)
    a = add_victim(researcher, incident)
    b = add_victim(researcher, incident, name_ar="احمد عبدالرحمن خطيب")
    researchers_bundle = net.bundle(researcher)
    assert import_bundles(coordinator, [researchers_bundle]).ok
    duplicates.decide(coordinator, a, b, "same")
    # The third installation receives the decision first, then the victims.
    assert import_bundles(third, [net.bundle(coordinator)]).ok
    x, y = pair_of(a, b)
    assert linked_columns(third, a, b) == {}
    assert import_bundles(third, [researchers_bundle]).ok
    assert linked_columns(third, a, b) == {x: (x, 0), y: (x, 1)}
    assert state_hash(third.store) == state_hash(coordinator.store)


def test_command_line_review(
    workspace: Workspace, documented: dict[str, str], db_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from snhr_desktop.cli import main
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SNHR_LANG", raising=False)
    workspace.close()

    def run(*argv: str) -> int:
        return main(["--db", str(db_path), *argv])

    assert run("--lang", "en", "duplicates", "list") == 0
    assert "No scan yet" in capsys.readouterr().out
    assert run("duplicates", "scan", "--json") == 0
    scanned = json.loads(capsys.readouterr().out)
    assert scanned["records"] == 4 and scanned["pending"] >= 1
    assert run("--lang", "ar", "duplicates", "list", "--reasons") == 0
    out = capsys.readouterr().out
    assert "للمراجعة" in out and "المحافظة نفسها" in out
    assert run("duplicates", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    top = listed["pairs"][0]
    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    assert (top["victim_a"], top["victim_b"]) == (a, b)
    assert top["reasons"] and 0.5 < top["probability"] <= 1

    assert run("--lang", "ar", "duplicates", "show", b, a) == 0
    shown = capsys.readouterr().out
    assert "− العمر" in shown and "≠ تاريخ الوفاة" in shown and "الاسم بالعربية" in shown
    assert run("duplicates", "show", a, b, "--json") == 0
    compared = json.loads(capsys.readouterr().out)
    assert "age" in compared["missing"] and "date_of_death" in compared["differing"]

    assert run("--lang", "en", "duplicates", "decide", a, b, "same", "--note", "same mother") == 0
    assert "Saved: Same person" in capsys.readouterr().out
    assert run("duplicates", "list", "--status", "decided", "--json") == 0
    decided = json.loads(capsys.readouterr().out)
    assert decided["linked_records"] == 1 and decided["decided"] == 1
    decision_id = decided["pairs"][0]["decision_id"]
    assert run("--lang", "ar", "duplicates", "undo", decision_id) == 0
    assert "سُحب القرار" in capsys.readouterr().out
    assert run("--lang", "ar", "duplicates", "undo", decision_id) == 1
    assert "لا يوجد قرار" in capsys.readouterr().err
    assert run("duplicates", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out)["linked_records"] == 0


def test_a_decision_on_a_pair_never_scanned_is_listed_with_its_evidence(
    workspace: Workspace, documented: dict[str, str],
) -> None:
    # No scan here: the decision could have come in a bundle from a coordinator.
    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    duplicates.decide(workspace, a, b, "same")
    decided = duplicates.queue(workspace, "decided")
    assert [(c.victim_a, c.victim_b, c.decision) for c in decided] == [(a, b, "same")]
    assert duplicates.queue_counts(workspace)["decided"] == 1
    view = duplicates.compare(workspace, a, b)
    assert view.candidate is not None and view.candidate.weight > 0
    assert view.candidate.explain("ar")


def test_check_repair_derives_links_and_tallies_again(
    workspace: Workspace, documented: dict[str, str], db_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from snhr_desktop.cli import main
    from snhr_desktop.services.summary import summarise
    from tests.conftest import PASSPHRASE

    a, b = pair_of(documented["ahmad"], documented["ahmad_again"])
    duplicates.decide(workspace, a, b, "same")
    expected = summarise(workspace).to_json()
    # Damage what is derived (as a bug or a hand edit might): links and tallies both drift.
    with workspace.store.transaction():
        workspace.store.db.execute("UPDATE victims SET person_id = NULL, linked = 0")
    assert linked_columns(workspace, a, b)[b] == (None, 0)
    workspace.close()
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(db_path), "--lang", "en", "check"]) == 1
    assert main(["--db", str(db_path), "--lang", "ar", "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "أُعيد الاشتقاق" in out and "قاعدة البيانات سليمة" in out
    with Workspace.open(db_path, PASSPHRASE) as ws:
        assert linked_columns(ws, a, b)[b] == (a, 1)
        assert summarise(ws).to_json() == expected
        assert ws.check() == []
