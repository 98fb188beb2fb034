"""Large imports: lines read in two parts, checked in a worker process, merged in their order.

Whatever checks the lines (this thread or the worker, in any size of pieces), an import stores the
same records, log and search entries, and refuses a bad bundle with the same message.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snhr_desktop.domain.operation import Operation
from snhr_desktop.services import bundles
from snhr_desktop.services.bundles import (
    _load_line,
    _Malformed,
    _prepare_lines,
    import_bundles,
    operation_line,
    parse_operation,
)
from snhr_desktop.services.offload import Offload, OrderedWork
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import record_row, state_hash
from tests.unit.test_bad_bundles import (
    _line,
    _op,
    manifest_and_lines,
    refused,
    rezip,
    signed,
)
from tests.unit.test_bundles import (
    Network,
    add_incident_with_victim,
    dump,
    edit,
    records,
)


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every bundle checked in the worker process, three lines at a time, the worker being up
    before the first piece. Returns the first sequence number of each piece it checked."""
    monkeypatch.setattr(bundles, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bundles, "CHUNK_LINES", 3)
    checked: list[int] = []
    start, submit = Offload.start, Offload.submit

    def started(self: Offload, module: str) -> None:
        start(self, module)
        assert self.wait_ready()

    def submitted(self: Offload, fn: Any, args: tuple[Any, ...]) -> Any:
        job = submit(self, fn, args)
        if job is not None:
            checked.append(args[2])
        return job

    monkeypatch.setattr(Offload, "start", started)
    monkeypatch.setattr(Offload, "submit", submitted)
    return checked


def researcher(net: Network) -> Workspace:
    """A researcher with creations, edits (some of several fields) and a deletion."""
    ws = net.join("Sara")
    victims = [add_incident_with_victim(ws, name_en=f"Person {n}")[1] for n in range(6)]
    for number, victim in enumerate(victims[:4]):
        edit(ws, "victim", victim.id, notes=f"source {number}")
    edit(ws, "victim", victims[0].id, notes="third source", age=40)
    ws.delete("victim", victims[5].id)
    return ws


def test_the_worker_stores_what_this_thread_stores(net: Network, worker: list[int]) -> None:
    sara = researcher(net)
    path = net.bundle(sara)
    here = net.join("Here")
    there = net.join("There")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bundles, "PARALLEL_FROM", 10**9)  # no worker for this one
        assert import_bundles(here, [path]).ok
    assert worker == []
    report = import_bundles(there, [path])
    assert report.ok

    operations = sara.store.operation_count()
    assert operations == 18  # six incidents and victims, five edits, one deletion
    assert worker == list(range(1, operations + 1, 3))  # every piece went to the worker
    assert records(there) == records(here)
    log = [tuple(r) for r in there.store.db.execute("SELECT * FROM operations ORDER BY seq")]
    assert log == [tuple(r) for r in here.store.db.execute("SELECT * FROM operations ORDER BY seq")]
    assert state_hash(there.store) == state_hash(here.store) == state_hash(sara.store)
    assert report.outcomes[0].counts.new_operations == operations
    # Importing again through the worker changes nothing.
    before = dump(there)
    assert import_bundles(there, [net.bundle(sara)]).outcomes[0].counts.new_operations == 0
    assert dump(there) == before


def test_the_log_keeps_the_text_it_always_kept(net: Network, worker: list[int]) -> None:
    """The snapshot's text comes from the line as it is; for the canonical lines the app writes
    that is the very text the operation would be written out as."""
    sara = researcher(net)
    coordinator = net.join("Coordinator")
    assert import_bundles(coordinator, [net.bundle(sara)]).ok
    cursor = coordinator.store.db.execute("SELECT * FROM operations ORDER BY seq")
    names = [c[0] for c in cursor.description]
    rows = [tuple(r) for r in cursor]
    assert rows and worker
    for row in rows:
        assert Operation.from_row(dict(zip(names, row, strict=True))).row() == row


def test_a_bad_line_in_the_worker_is_refused_as_ever(net: Network, worker: list[int]) -> None:
    sara = researcher(net)
    coordinator = net.join("Coordinator")
    manifest, lines = manifest_and_lines(net, net.bundle(sara))
    lines[7] = _line({**_op(lines[7]), "hlc": "yesterday"})  # in the third piece of three lines
    lines[10] = b"{not json\n"  # a later problem is not the one reported
    outcome = refused(coordinator, signed(net, sara, manifest, lines))
    assert outcome.refused is not None and outcome.refused.code == "bundle_bad_operation"
    assert "Operation 8 (" in outcome.refused.en and "hlc" in outcome.refused.en
    assert f"{sara.device_id}:8" in outcome.refused.en
    assert worker[:3] == [1, 4, 7]


def test_more_lines_than_signed_are_refused_after_the_lines_before(
    net: Network, worker: list[int]
) -> None:
    sara = researcher(net)
    coordinator = net.join("Coordinator")
    path = net.bundle(sara)
    _, lines = manifest_and_lines(net, path)
    surplus = [*lines, lines[-1]]

    outcome = refused(coordinator, rezip(path, net, lambda entries: entries.update(
        {bundles.OPERATIONS: b"".join(surplus)})))
    assert outcome.refused is not None and outcome.refused.code == "bundle_hash_mismatch"

    surplus[4] = b"[]\n"  # a bad line before the surplus is what is reported
    outcome = refused(coordinator, rezip(path, net, lambda entries: entries.update(
        {bundles.OPERATIONS: b"".join(surplus)})))
    assert outcome.refused is not None and outcome.refused.code == "bundle_bad_operation"
    assert "Operation 5 (" in outcome.refused.en


# ------------------------------------------------------------------------------------------------
# Reading a line in two parts
# ------------------------------------------------------------------------------------------------

KEYS = ("snapshot", "op_id", "seq", "parents", "action", 'snap"shot', "snapshot ", "x")
SPACE = st.sampled_from(("", "", "", " ", "\t", "\r", "  ", "\x0c", "\u00a0"))
TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(('"snapshot":', '","snapshot":{', "\\", '"', "}", "snapshot")),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    TEXTS,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=4).map(lambda m: ("obj", m)),
    ),
    max_leaves=8,
)


def render(value: Any, data: st.DataObject, ascii_only: bool) -> str:
    """JSON text with whitespace (valid or not) drawn between tokens; objects may repeat keys."""
    def space() -> str:
        return data.draw(SPACE)

    if isinstance(value, tuple) and value and value[0] == "obj":
        members = [
            f"{space()}{json.dumps(k, ensure_ascii=ascii_only)}{space()}:{space()}"
            f"{render(v, data, ascii_only)}{space()}"
            for k, v in value[1]
        ]
        return "{" + ",".join(members) + space() + "}"
    if isinstance(value, list):
        return "[" + ",".join(space() + render(v, data, ascii_only) + space() for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@settings(max_examples=400, deadline=None)
@given(
    members=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=6),
    ascii_only=st.booleans(),
    tail=st.sampled_from(("", " ", "\r", "\x0c", "x", "}")),
    data=st.data(),
)
def test_a_line_read_in_two_parts_reads_as_a_whole(
    members: list[tuple[str, Any]], ascii_only: bool, tail: str, data: st.DataObject
) -> None:
    line = (render(("obj", members), data, ascii_only) + tail).encode("utf-8")
    try:
        whole: Any = json.loads(line)
    except ValueError:
        with pytest.raises(_Malformed):
            _load_line(line)
        return
    found, text = _load_line(line)
    assert found == whole
    assert list(found) == list(whole)  # the same members in the same order
    if text is not None:
        assert json.loads(text) == whole["snapshot"]


def test_canonical_lines_are_read_in_two_parts(net: Network) -> None:
    for op in log_of(researcher(net)):
        line = operation_line(op).rstrip(b"\n")
        found, text = _load_line(line)
        # What an import stored before: the snapshot read from the line, written out again.
        assert text == parse_operation(line, op.device_id, op.seq).row()[-1]
        assert found["snapshot"] == op.snapshot


def log_of(ws: Workspace) -> list[Operation]:
    cursor = ws.store.db.execute("SELECT * FROM operations ORDER BY seq")
    names = [c[0] for c in cursor.description]
    return [Operation.from_row(dict(zip(names, row, strict=True))) for row in cursor]


def test_prepared_lines_are_what_the_merge_would_compute(net: Network) -> None:
    sara = researcher(net)
    ops = log_of(sara)
    chunk = b"".join(operation_line(op) for op in ops).rstrip(b"\n")
    prepared, problem = _prepare_lines(chunk, sara.device_id, 1)
    assert problem is None and len(prepared) == len(ops)
    for op, (row, parents, snapshot, record) in zip(ops, prepared, strict=True):
        assert row == parse_operation(operation_line(op), op.device_id, op.seq).row()
        assert parents == op.parents and snapshot == op.snapshot
        assert record == record_row(op.record_kind, op.snapshot, op.action == "delete", op.op_id)
    bad = chunk.replace(b'"seq":3,', b'"seq":"3",', 1)
    prepared, problem = _prepare_lines(bad, sara.device_id, 1)
    assert len(prepared) == 2 and problem is not None and problem[0] == 3


# ------------------------------------------------------------------------------------------------
# The worker
# ------------------------------------------------------------------------------------------------


def square_or_die(number: int) -> int:
    """Dies when it meets 13 in a worker process (as a worker killed for its memory would)."""
    if number == 13 and multiprocessing.parent_process() is not None:
        os._exit(1)
    if number < 0:
        raise ValueError(number)
    return number * number


def test_results_come_in_order_whoever_computes_them() -> None:
    offload = Offload()
    try:
        results: list[int] = []
        work = OrderedWork(offload, square_or_die, results.append, limit=100)
        work.put(1)  # the worker is not up yet: done here
        offload.start(__name__)
        assert offload.wait_ready()
        for number in range(2, 30):
            work.put(number)
        work.drain()
        assert results == [n * n for n in range(1, 30)]
        assert offload.broken  # 13 killed the worker: it and what followed were done here
    finally:
        offload.close()


def test_a_failure_is_raised_in_its_turn() -> None:
    offload = Offload()
    try:
        offload.start(__name__)
        assert offload.wait_ready()
        results: list[int] = []
        work = OrderedWork(offload, square_or_die, results.append, limit=10)
        with pytest.raises(ValueError, match="-1"):
            for number in (1, 2, -1, 3, -2):
                work.put(number)
            work.drain()
        assert results == [1, 4]
    finally:
        offload.close()


def slow_in_worker(number: int) -> tuple[int, int]:
    if multiprocessing.parent_process() is not None:
        time.sleep(0.2)
    return number, os.getpid()


def test_the_caller_works_rather_than_wait_for_a_busy_worker() -> None:
    offload = Offload()
    try:
        offload.start(__name__)
        assert offload.wait_ready()
        results: list[tuple[int, int]] = []
        work = OrderedWork(offload, slow_in_worker, results.append, limit=1)
        for number in range(6):
            work.put(number)
        work.drain()
        assert [number for number, _ in results] == list(range(6))
        here = [number for number, pid in results if pid == os.getpid()]
        assert here and len(here) < 6  # some pieces each side
    finally:
        offload.close()
