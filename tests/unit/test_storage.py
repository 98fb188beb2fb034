"""Encrypted storage, the operations log and the one write path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import Incident, Victim
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import keys
from snhr_desktop.storage.database import change_passphrase, schema_version
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from tests.conftest import PASSPHRASE, incident_data, victim_data


def add_incident_with_victim(ws: Workspace) -> tuple[Incident, Victim]:
    incident = ws.validate("incident", incident_data())
    victim = ws.validate("victim", victim_data(incident.id))
    ws.save_many([incident, victim])
    return incident, victim  # type: ignore[return-value]


def test_database_file_is_encrypted(workspace: Workspace, db_path: Path) -> None:
    add_incident_with_victim(workspace)
    workspace.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()
    for path in db_path.parent.iterdir():
        content = path.read_bytes()
        assert "الخطيب".encode() not in content and b"Khateeb" not in content, path
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_is_clear_and_changes_nothing(workspace: Workspace, db_path: Path) -> None:
    add_incident_with_victim(workspace)
    workspace.close()
    before = (db_path.read_bytes(), keys.key_file_for(db_path).read_bytes())
    with pytest.raises(UserError) as caught:
        Workspace.open(db_path, "not the passphrase")
    assert caught.value.message.code == "wrong_passphrase"
    assert "عبارة المرور خاطئة" in caught.value.render("ar")
    assert (db_path.read_bytes(), keys.key_file_for(db_path).read_bytes()) == before


def test_change_passphrase_keeps_the_data(workspace: Workspace, db_path: Path) -> None:
    _, victim = add_incident_with_victim(workspace)
    workspace.close()
    data_before = db_path.read_bytes()
    change_passphrase(db_path, PASSPHRASE, "a brand new passphrase")
    assert db_path.read_bytes() == data_before  # not re-encrypted
    with pytest.raises(UserError):
        Workspace.open(db_path, PASSPHRASE)
    with Workspace.open(db_path, "a brand new passphrase") as ws:
        assert ws.get("victim", victim.id) == victim.model_copy(
            update={
                "created_at": ws.get("victim", victim.id).created_at,  # type: ignore[union-attr]
                "updated_at": ws.get("victim", victim.id).updated_at,
            }
        )  # type: ignore[union-attr]


def test_change_passphrase_with_wrong_old_one_fails(workspace: Workspace, db_path: Path) -> None:
    workspace.close()
    key_before = keys.key_file_for(db_path).read_bytes()
    with pytest.raises(UserError) as caught:
        change_passphrase(db_path, "wrong passphrase", "another passphrase")
    assert caught.value.message.code == "wrong_passphrase"
    assert keys.key_file_for(db_path).read_bytes() == key_before


def test_short_passphrase_refused(db_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        Workspace.create(db_path, "short", "R")
    assert caught.value.message.code == "passphrase_too_short"
    assert not db_path.exists()


def test_missing_key_file(workspace: Workspace, db_path: Path) -> None:
    workspace.close()
    keys.key_file_for(db_path).unlink()
    with pytest.raises(UserError) as caught:
        Workspace.open(db_path, PASSPHRASE)
    assert caught.value.message.code == "key_file_missing"


def test_schema_version_and_newer_schema_refused(workspace: Workspace, db_path: Path) -> None:
    assert schema_version(workspace.store.db) == SCHEMA_VERSION
    workspace.store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    workspace.close()
    with pytest.raises(UserError) as caught:
        Workspace.open(db_path, PASSPHRASE)
    assert caught.value.message.code == "newer_schema"


def test_every_change_appends_an_operation(workspace: Workspace) -> None:
    _incident, victim = add_incident_with_victim(workspace)
    edited = workspace.validate("victim", {**victim.snapshot(), "age": 35})
    op = workspace.save(edited)
    assert op is not None and op.action == "update"
    assert workspace.save(edited) is None  # nothing changed, nothing logged
    history = workspace.history(victim.id)
    assert [e.operation.action for e in history] == ["create", "update"]
    assert history[1].changes == {"age": (34, 35)}
    assert history[1].operation.parents == (history[0].operation.op_id,)
    assert history[0].operation.author == "Test Researcher"
    assert history[1].operation.hlc > history[0].operation.hlc
    device = workspace.device_id
    assert [e.operation.op_id for e in history] == [f"{device}:2", f"{device}:3"]
    stored = workspace.get("victim", victim.id)
    assert stored is not None and stored.age == 35 and stored.name_ar == victim.name_ar


def test_delete_is_a_tombstone_and_cascades(workspace: Workspace) -> None:
    incident, victim = add_incident_with_victim(workspace)
    operations = workspace.delete("incident", incident.id)
    assert {(op.record_kind, op.action) for op in operations} == {
        ("incident", "delete"),
        ("victim", "delete"),
    }
    assert workspace.get("victim", victim.id) is None
    assert workspace.get("victim", victim.id, include_deleted=True) is not None
    assert workspace.counts() == {"incident": 0, "victim": 0, "facility_attack": 0}
    assert workspace.history(victim.id)[-1].operation.action == "delete"
    assert workspace.store.db.execute("SELECT count(*) FROM victim_search").fetchone()[0] == 0


def test_operations_are_immutable(workspace: Workspace) -> None:
    add_incident_with_victim(workspace)
    with pytest.raises(Exception, match="immutable"):
        workspace.store.db.execute("UPDATE operations SET author = 'someone else'")
    with pytest.raises(Exception, match="immutable"):
        workspace.store.db.execute("DELETE FROM operations")


def test_victim_needs_a_living_incident(workspace: Workspace) -> None:
    from snhr_desktop.domain.fields import RecordInvalid

    orphan = workspace.validate("victim", victim_data("01890a5d-ac96-774b-bcce-b302099a8057"))
    with pytest.raises(RecordInvalid) as caught:
        workspace.save(orphan)
    assert caught.value.problems[0].message.code == "unknown_incident"
    assert workspace.store.operation_count() == 0


def test_failed_batch_changes_nothing(workspace: Workspace) -> None:
    from snhr_desktop.domain.fields import RecordInvalid

    incident = workspace.validate("incident", incident_data())
    orphan = workspace.validate("victim", victim_data("01890a5d-ac96-774b-bcce-b302099a8057"))
    with pytest.raises(RecordInvalid):
        workspace.save_many([incident, orphan])
    assert workspace.counts()["incident"] == 0 and workspace.store.operation_count() == 0


def test_search_index_holds_normalised_names(workspace: Workspace) -> None:
    from snhr_desktop.domain.names import fts_query

    _, victim = add_incident_with_victim(workspace)
    found = workspace.store.db.execute(
        "SELECT v.id FROM victim_search s JOIN victims v ON v.rowid = s.rowid WHERE victim_search MATCH ?",
        [fts_query("احمد")],
    ).fetchall()
    assert found == [(victim.id,)]


def test_check_reports_a_sound_database(workspace: Workspace) -> None:
    add_incident_with_victim(workspace)
    assert workspace.check() == []


def test_files_are_private_to_the_owner(workspace: Workspace, db_path: Path) -> None:
    add_incident_with_victim(workspace)
    for path in (db_path, keys.key_file_for(db_path), Path(f"{db_path}-wal")):
        assert path.stat().st_mode & 0o077 == 0, path


def test_check_understands_records_with_several_heads(workspace: Workspace) -> None:
    incident, victim = add_incident_with_victim(workspace)
    heads = f"{workspace.store.row('incident', incident.id)['head']} "  # type: ignore[index]
    heads += workspace.store.row("victim", victim.id)["head"]  # type: ignore[index]
    workspace.store.db.execute("UPDATE incidents SET head = ? WHERE id = ?", [heads, incident.id])
    assert workspace.check() == []
    workspace.store.db.execute(
        "UPDATE incidents SET head = ? WHERE id = ?", [heads + " nowhere:9", incident.id]
    )
    assert workspace.check() == ["1 record heads have no operation in the log"]
