"""Exporting a bundle: no transaction held while writing, cancelling leaves nothing behind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop.domain.messages import UserError
from snhr_desktop.services.bundles import (
    MANIFEST,
    OPERATIONS,
    ExportCancelled,
    OperationCounts,
    export_bundle,
    import_bundles,
    line_of_row,
    operation_rows,
    plan_export,
    plan_lines,
    record_export,
    write_export,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import state_hash
from tests.conftest import PASSPHRASE, incident_data, victim_data
from tests.unit.test_bundles import Network, read_bundle


def document(ws: Workspace, victims: int) -> None:
    """One incident with ``victims`` victims: ``victims + 1`` operations."""
    incident = ws.validate("incident", incident_data())
    people = [
        ws.validate("victim", victim_data(incident.id, name_en=f"Victim {n}", age=20 + n % 50))
        for n in range(victims)
    ]
    ws.save_many([incident, *people])


def sent_rows(ws: Workspace) -> list[Any]:
    return ws.store.db.execute("SELECT * FROM bundles_sent").fetchall()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def operations_in(net: Network, path: Path) -> list[int]:
    archive = read_bundle(path, net.identity)
    return [json.loads(line)["seq"] for line in archive.read(OPERATIONS).splitlines()]


# 701 operations, read twice. Progress steps: 102 and 204 while hashing, 280 at the end of that
# reading, 433 and 587 while writing. Each value stops the export at the next check after it:
# hashing, the start of writing, the middle of writing, and just before the file is renamed.
@pytest.mark.parametrize("stop_after", [102, 280, 433, 587])
def test_a_cancelled_export_leaves_no_file_and_no_record(net: Network, stop_after: int) -> None:
    sara = net.join("Sara")
    document(sara, 700)
    latest = [0]

    def progress(done: int, total: int) -> None:
        latest[0] = done

    def cancelled() -> bool:
        return latest[0] >= stop_after

    with pytest.raises(ExportCancelled):
        export_bundle(sara, net.out, progress=progress, cancelled=cancelled)

    assert files_in(net.out) == []  # neither the bundle nor its temporary file
    assert sent_rows(sara) == []
    report = export_bundle(sara, net.out)  # the next export holds the same operations
    assert (report.seq_from, report.seq_to, report.scope) == (1, 701, "full")
    assert report.path is not None and files_in(net.out) == [report.path.name]
    assert operations_in(net, report.path) == list(range(1, 702))
    manifest = json.loads(read_bundle(report.path, net.identity).read(MANIFEST))
    assert manifest["previous_bundle"] is None and manifest["counts"]["operations"] == 701


def test_a_progress_callback_that_raises_stops_the_export_with_its_own_error(
    net: Network,
) -> None:
    sara = net.join("Sara")
    document(sara, 600)

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done > total // 2:
            raise Stop

    with pytest.raises(Stop):  # not the encryptor's wrapping of it
        export_bundle(sara, net.out, progress=progress)
    assert files_in(net.out) == [] and sent_rows(sara) == []
    assert export_bundle(sara, net.out).operations == 601


def test_progress_runs_over_both_readings_to_the_end(net: Network) -> None:
    sara = net.join("Sara")
    document(sara, 999)
    seen: list[tuple[int, int]] = []
    export_bundle(sara, net.out, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1000, 1000)
    dones = [d for d, _t in seen]
    assert dones == sorted(dones) and len(seen) > 6  # steps in both readings, never backwards
    assert {t for _d, t in seen} == {1000}


def test_no_transaction_is_held_while_the_bundle_is_written(net: Network, tmp_path: Path) -> None:
    sara = net.join("Sara")
    document(sara, 600)
    # Another program (here: a second connection) writes to the database during the export.
    other = Workspace.open(tmp_path / "Sara.db", PASSPHRASE)
    written: list[str] = []

    def progress(done: int, total: int) -> None:
        assert not sara.store.db.conn.in_transaction
        if not written and done > total // 2:
            incident = other.validate("incident", incident_data(place_en="Written meanwhile"))
            other.save(incident)  # would wait, then fail as "database busy", under a transaction
            written.append(incident.id)

    try:
        report = export_bundle(sara, net.out, progress=progress)
    finally:
        other.close()
    assert written and report.path is not None
    # The bundle holds exactly what was there when it started; the next one the new operation.
    assert operations_in(net, report.path) == list(range(1, 602))
    later = export_bundle(sara, net.out)
    assert (later.seq_from, later.seq_to) == (602, 602)
    assert later.path is not None and operations_in(net, later.path) == [602]


def test_the_steps_of_an_export_make_the_same_bundle_as_export_bundle(net: Network) -> None:
    """What the Sync tab runs: the plan and the rows on one thread, the writing on another."""
    sara = net.join("Sara")
    coordinator = net.join("Coordinator")
    document(sara, 30)
    plan = plan_export(sara)
    assert plan is not None and (plan.seq_from, plan.seq_to, plan.operations) == (1, 31, 31)
    batches = []
    after = plan.seq_from - 1
    while batch := operation_rows(sara.store, plan, after, limit=7):
        if not batch.rows:
            break
        batches.append(len(batch.rows))
        after = batch.last_seq
    assert batches == [7, 7, 7, 7, 3]
    rows = operation_rows(sara.store, plan, 0, limit=100).rows
    counts = OperationCounts()
    lines = [line_of_row(row, counts) for row in rows]
    assert lines == list(plan_lines(sara.store, plan))
    assert counts.as_json(31) == {"operations": 31, "by_kind": {"incident": 1, "victim": 30},
                                  "by_action": {"create": 31}}
    assert sent_rows(sara) == []  # planning records nothing

    path, manifest_hash = write_export(plan, net.out, lambda: iter(lines), counts)
    assert sent_rows(sara) == []  # nor does writing
    report = record_export(sara, plan, path, manifest_hash)
    assert [row[0] for row in sent_rows(sara)] == [manifest_hash]
    assert report.path == path and report.operations == 31
    assert plan_export(sara) is None  # recorded: nothing new
    assert import_bundles(coordinator, [path]).ok
    assert state_hash(coordinator.store) == state_hash(sara.store)


def test_lines_that_change_between_the_two_readings_write_nothing(net: Network) -> None:
    sara = net.join("Sara")
    document(sara, 3)
    plan = plan_export(sara)
    assert plan is not None
    lines = list(plan_lines(sara.store, plan))
    readings = iter([lines, lines[:-1]])
    with pytest.raises(UserError) as caught:
        write_export(plan, net.out, lambda: iter(next(readings)), OperationCounts())
    assert caught.value.message.code == "bundle_export_changed"
    assert "أعد التصدير" in caught.value.render("ar")
    assert files_in(net.out) == [] and sent_rows(sara) == []


def test_an_unwritable_folder_is_a_clear_error_and_records_nothing(
    net: Network, tmp_path: Path
) -> None:
    sara = net.join("Sara")
    document(sara, 2)
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    with pytest.raises(UserError) as caught:
        export_bundle(sara, not_a_folder / "bundles")
    assert caught.value.message.code == "sheet_unwritable"
    assert str(not_a_folder) in caught.value.render("en")
    assert sent_rows(sara) == []
    assert export_bundle(sara, net.out).operations == 3
