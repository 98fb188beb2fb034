"""Large imports: rows written as soon as they are checked, by a background writer, all or nothing."""

from __future__ import annotations

import datetime as dt
import gc
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from snhr_desktop.domain import fields
from snhr_desktop.domain.fields import check_code, check_pcode, clean_text, parse_partial_date
from snhr_desktop.domain.ids import is_record_id
from snhr_desktop.domain.names import fts_query
from snhr_desktop.domain.records import Incident, PairDecision, Victim
from snhr_desktop.services import spreadsheet
from snhr_desktop.services.spreadsheet import export_spreadsheet, import_spreadsheet
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.database import sqlite_error
from snhr_desktop.storage.store import TABLES, Change, Store
from tests.conftest import PASSPHRASE, incident_data, victim_data

KINDS = (Incident.kind, Victim.kind, "facility_attack")
NAMES = ("أحمد", "سلمى", "خالد", "هدى", "محمد", "فاطمة", "عمر")
# Latin names that are no prefix of one another: each victim is found by its own.
GIVEN = ("Bakr", "Hadi", "Jamil", "Karim", "Nabil", "Samir", "Wael")
FAMILY = ("Darwish", "Ghazal", "Idlibi", "Masri", "Qabbani", "Tawil", "Zoubi", "Fakhoury")


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "other" / "snhr.db", PASSPHRASE, "Another Researcher")
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def third(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "third" / "snhr.db", PASSPHRASE, "A Third Researcher")
    try:
        yield ws
    finally:
        ws.close()


def fill(ws: Workspace, incidents: int = 4, victims_each: int = 6, first: int = 0) -> None:
    records = []
    for n in range(first, first + incidents):
        incident = ws.validate("incident", incident_data(place_ar=f"حي {n}"))
        records.append(incident)
        records += [
            ws.validate("victim", victim_data(
                incident.id, name_ar=f"{NAMES[m % len(NAMES)]} {NAMES[n % len(NAMES)]} الخطيب",
                name_en=f"{GIVEN[m % len(GIVEN)]} {FAMILY[n]}", age=5 + 7 * m, age_group=None,
            ))
            for m in range(victims_each)
        ]
        records.append(ws.validate("facility_attack", {
            "incident_id": incident.id, "category": "school", "damage": "severe",
        }))
    ws.save_many(records)


def stored(ws: Workspace) -> dict[str, Any]:
    """Everything an import writes, without what differs between databases by design (stamps,
    this device's operation ids and clock)."""
    db = ws.store.db
    tables = {
        kind: sorted(
            tuple(v for k, v in row.items() if k not in ("created_at", "updated_at", "head"))
            for row in ws.store.rows(kind, include_deleted=True)
        )
        for kind in KINDS
    }
    operations = sorted(
        (record_id, kind, action, parents, json.dumps(
            {k: v for k, v in json.loads(snapshot).items() if k not in ("created_at", "updated_at")}
        ))
        for record_id, kind, action, parents, snapshot in db.execute(
            "SELECT record_id, record_kind, action, parents, snapshot FROM operations"
        )
    )
    # Every living victim is found by each of its names, and by nothing else's rowid.
    search = sorted(
        (word, found)
        for word in ("احمد", "سلمي", "خالد", "هدي", "الخطيب", "hadi", "ghazal")
        for (found,) in db.execute(
            "SELECT v.id FROM victim_search s JOIN victims v ON v.rowid = s.rowid "
            "WHERE victim_search MATCH ?", [fts_query(word)],
        )
    )
    heads_are_operations = db.execute(
        "SELECT count(*) FROM victims v JOIN operations o ON o.op_id = v.head"
    ).fetchone()[0]
    return {"tables": tables, "operations": operations, "search": search,
            "heads": heads_are_operations, "seq": ws.store.meta("next_seq")}


@pytest.fixture
def source(workspace: Workspace, tmp_path: Path) -> Path:
    fill(workspace)
    return export_spreadsheet(workspace, tmp_path / "export").target


def test_pipelined_import_stores_what_the_plain_write_path_stores(
    source: Path, other: Workspace, third: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet, "_WRITE_CHUNK", 5)  # many chunks, each of a few kinds
    streamed = import_spreadsheet(other, source)
    # keep_valid takes the other road: every row checked first, then Workspace.apply_in_chunks.
    at_once = import_spreadsheet(third, source, keep_valid=True)
    assert streamed.ok and streamed.applied and at_once.applied
    assert streamed.operations == at_once.operations == 4 + 24 + 4
    for kind in KINDS:
        c, d = streamed.counts[kind], at_once.counts[kind]
        assert (c.created, c.updated, c.unchanged, c.rejected) == (
            d.created, d.updated, d.unchanged, d.rejected
        )
    assert streamed.counts[Victim.kind].created == 24
    ours, theirs = stored(other), stored(third)
    assert ours == theirs
    assert ours["seq"] == "33" and ours["heads"] == 24
    assert len([1 for word, _ in ours["search"] if word == "الخطيب"]) == 24
    assert other.check() == []


def test_a_problem_after_chunks_were_written_leaves_nothing(
    workspace: Workspace, source: Path, tmp_path: Path, other: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spreadsheet, "_WRITE_CHUNK", 2)
    attacks = source / "facility_attacks.csv"
    lines = attacks.read_text(encoding="utf-8-sig").splitlines()
    lines[-1] = lines[-1].replace("school", "spaceport")  # the very last row of the file
    attacks.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    before = stored(other), other.counts(), other.store.meta("next_seq")
    written: list[int] = []
    write = Store.write

    def counting(store: Store, changes: list[Change], author: str) -> Any:
        written.append(len(changes))
        return write(store, changes, author)

    monkeypatch.setattr(Store, "write", counting)

    report = import_spreadsheet(other, source)

    assert not report.ok and not report.applied and report.operations == 0
    assert [(p.sheet, p.row, p.column, p.message.code) for p in report.problems] == [
        ("facility_attacks.csv", 5, "category", "unknown_code")
    ]
    assert sum(written) == 4 + 24 + 2  # all but the chunk with the problem had been written
    assert (stored(other), other.counts(), other.store.meta("next_seq")) == before
    assert other.check() == []
    assert gc.isenabled()


def test_the_import_turns_the_cycle_collector_back_on(
    workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(Exception):  # noqa: B017 - any failure at all
        import_spreadsheet(workspace, tmp_path / "missing.csv")
    assert gc.isenabled()
    gc.disable()
    try:
        import_spreadsheet(workspace, export_spreadsheet(workspace, tmp_path / "e").target)
        assert not gc.isenabled()  # as the caller had it
    finally:
        gc.enable()


def test_a_failed_background_write_is_raised_and_rolled_back(workspace: Workspace) -> None:
    first = workspace.validate("incident", incident_data())
    workspace.save(first)
    second = workspace.validate("incident", incident_data(place_ar="مكان آخر"))
    store = workspace.store
    with pytest.raises(sqlite_error, match="UNIQUE"), store.transaction(), store.pipelined():
        store.set_meta("next_seq", "1")  # the next operation id is already taken
        store.write([Change(second)], "Someone")
    assert workspace.get("incident", second.id) is None
    assert store.meta("next_seq") == "2" and store.operation_count() == 1
    # The store is usable afterwards, pipelined or not.
    with store.transaction(), store.pipelined():
        store.write([Change(second)], "Someone")
    assert workspace.get("incident", second.id) is not None and store.operation_count() == 2


def test_pipelined_writes_read_back_what_is_queued(workspace: Workspace) -> None:
    incident = workspace.validate("incident", incident_data())
    victim = workspace.validate("victim", victim_data(incident.id))
    store = workspace.store
    with store.transaction(), store.pipelined():
        created = store.write([Change(incident), Change(victim)], "Someone")
        assert store.row(Victim.kind, victim.id) is not None  # waits for the writer
        changed = victim.model_copy(update={"notes": "ملاحظة"})
        updated = store.write([Change(changed)], "Someone")
        same = store.write([Change(changed)], "Someone")
    assert [op.action for op in created + updated] == ["create", "create", "update"]
    assert same == []
    assert updated[0].parents == (created[1].op_id,)
    assert [op.seq for op in created + updated] == [1, 2, 3]
    assert store.meta("next_seq") == "4"
    assert store.row(Victim.kind, victim.id)["notes"] == "ملاحظة"  # type: ignore[index]
    found = store.db.execute(
        "SELECT v.id FROM victim_search s JOIN victims v ON v.rowid = s.rowid "
        "WHERE victim_search MATCH ?", [fts_query("الخطيب")],
    ).fetchall()
    assert found == [(victim.id,)]


def test_pipelined_only_inside_a_transaction(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), workspace.store.pipelined():
        pass


def test_new_rows_get_the_rowid_sqlite_would_give(workspace: Workspace) -> None:
    fill(workspace, incidents=2, victims_each=3)
    db = workspace.store.db
    table = TABLES[Victim.kind]
    rowids = [r[0] for r in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
    assert rowids == list(range(1, 7))
    fill(workspace, incidents=1, victims_each=2, first=5)
    rowids = [r[0] for r in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
    assert rowids == list(range(1, 9))
    # Each search entry is its victim's: found by the victim's own name.
    for victim_id, name in db.execute(f"SELECT id, name_en FROM {table}").fetchall():
        found = db.execute(
            "SELECT v.id FROM victim_search s JOIN victims v ON v.rowid = s.rowid "
            "WHERE victim_search MATCH ?", [fts_query(name)],
        ).fetchall()
        assert found == [(victim_id,)]


def test_an_imported_update_relinks_the_same_person(
    workspace: Workspace, tmp_path: Path
) -> None:
    incident = workspace.validate("incident", incident_data())
    a = workspace.validate("victim", victim_data(incident.id))
    b = workspace.validate("victim", victim_data(incident.id, name_en="Ahmad Al-Khatib"))
    workspace.save_many([incident, a, b])
    workspace.save(PairDecision.between(a.id, b.id, "same"))
    db = workspace.store.db
    linked = sorted(db.execute("SELECT id, person_id, linked FROM victims").fetchall())
    assert {person for _, person, _ in linked} == {min(a.id, b.id)}
    with workspace.store.transaction():
        db.execute("UPDATE victims SET person_id = NULL, linked = 0")
    folder = tmp_path / "update"
    folder.mkdir()
    (folder / "victims.csv").write_text(
        f"id,notes\n{a.id},شاهد عيان\n", encoding="utf-8"
    )
    report = import_spreadsheet(workspace, folder)
    assert report.applied and report.counts[Victim.kind].updated == 1
    assert sorted(db.execute("SELECT id, person_id, linked FROM victims").fetchall()) == linked


# -- the cheaper checks say what the full ones say -------------------------------------------------


def reference_is_record_id(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower() and len(text) == 36
    except (ValueError, AttributeError, TypeError):
        return False


@given(st.uuids().map(str), st.sampled_from(["", "upper", "brace", "space", "nohyphen", "x"]))
def test_is_record_id_agrees_with_parsing(value: str, twist: str) -> None:
    text = {
        "": value, "upper": value.upper(), "brace": "{" + value + "}", "space": value + " ",
        "nohyphen": value.replace("-", ""), "x": value[:-1] + "x",
    }[twist]
    assert is_record_id(text) == reference_is_record_id(text)


@given(st.text(max_size=40))
def test_is_record_id_agrees_with_parsing_on_any_text(text: str) -> None:
    assert is_record_id(text) == reference_is_record_id(text)


def test_clean_text() -> None:
    assert clean_text("  Raqqa \t") == "Raqqa"
    assert clean_text(" \n ") is None and clean_text("") is None and clean_text(None) is None
    assert clean_text("Cafe\u0301 ") == "Café"  # NFC
    assert clean_text(3.0) == "3" and clean_text(7) == "7"


def test_remembered_answers_are_the_same_answers() -> None:
    for _ in range(2):
        assert check_code("sex", "ذكر") == "male"
        assert check_code("sex", " female ") == "female"
        with pytest.raises(ValueError, match="robot"):
            check_code("sex", "robot")
        assert check_pcode("SY11", 1) == "SY11"
        assert check_pcode("", 1) is None
        with pytest.raises(ValueError, match="Atlantis"):
            check_pcode("Atlantis", 1)
        assert str(parse_partial_date("٢٠١٦-٠٥")) == "2016-05"
        with pytest.raises(ValueError):
            parse_partial_date("2016-13-45")
    assert parse_partial_date(dt.date(2016, 5, 3)) == parse_partial_date("03/05/2016")


def test_today_is_read_again_once_the_day_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    assert fields._local_today() == dt.date.today()
    monkeypatch.setattr(fields, "_today", (dt.date(2020, 1, 1), 0.0))  # a day that ended long ago
    assert fields._local_today() == dt.date.today()


def test_blank_cells_mean_not_given_whatever_their_type() -> None:
    base = {"incident_id": str(uuid.uuid4()), "name_ar": "أحمد"}
    for blank in ("", "   ", "\t", None):
        for more in ({}, {"age": 30}, {"age": "30"}):  # all text, or not
            victim = Victim.parse({**base, "sex": blank, "notes": blank, **more})
            assert victim.sex == "unknown" and victim.notes is None
            assert victim.age == (30 if more else None)
    with pytest.raises(ValueError, match="required"):
        Victim.parse({**base, "incident_id": "  "})


def test_store_pipelined_is_reentrant(workspace: Workspace) -> None:
    incident = workspace.validate("incident", incident_data())
    store: Store = workspace.store
    with store.transaction(), store.pipelined(), store.pipelined():
        store.write([Change(incident)], "Someone")
    assert workspace.get("incident", incident.id) is not None


def test_progress_may_read_the_database_while_rows_are_written(
    source: Path, other: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet, "_WRITE_CHUNK", 3)
    monkeypatch.setattr(spreadsheet, "_PROGRESS_EVERY", 1)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        # What a window repainting from the database does: a query calling a Python function.
        seen.append(other.store.db.execute(
            "SELECT count(*) FROM victims WHERE normalise(name_ar) LIKE '%الخطيب%'"
        ).fetchone()[0])

    report = import_spreadsheet(other, source, progress=progress)
    assert report.applied and len(seen) >= 3
    assert seen == sorted(seen) and seen[-1] == 24


def test_between_statements(workspace: Workspace) -> None:
    store = workspace.store
    calls: list[str] = []
    assert store.between_statements(lambda: calls.append("plain"), wait=False)
    with store.transaction(), store.pipelined():
        pipeline = store._pipeline
        assert pipeline is not None
        assert store.between_statements(lambda: calls.append("idle writer"), wait=False)
        with pipeline.statement:  # as while the writer runs a statement
            assert not store.between_statements(lambda: calls.append("never"), wait=False)
    assert calls == ["plain", "idle writer"]
