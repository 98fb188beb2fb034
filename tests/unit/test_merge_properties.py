"""Property: random edits on three devices, exchanged as bundles, merge to one state in any order.

Three devices create, edit and delete records, now and then import each other's bundles and
decide conflicts. Their final bundles are then imported in every order into fresh databases:
all of them hold exactly the same records (rows, heads, name keys, search entries, open
conflicts) and the same state hash; importing anything again changes nothing; and each device,
once it has everything, is in the same state too (remote merges end where local writes do).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.services.bundles import export_bundle, import_bundles
from snhr_desktop.services.conflicts import list_conflicts, resolve_conflicts
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import refresh_records, state_hash
from snhr_desktop.storage.store import TABLES
from tests.conftest import incident_data, victim_data
from tests.unit.test_bundles import Network, dump, search_entries

KINDS = ("incident", "victim", "facility_attack")
# Each example makes a dozen small databases; in memory-backed storage their fsyncs cost nothing.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
# Small pools of values, so that devices often change the same field (to the same or other values).
# "{who}" is the device's number: some values differ from device to device, some do not.
EDITS: dict[str, list[tuple[str, Any]]] = {
    "incident": [
        ("place_en", "Old city"), ("place_en", "Market {who}"),
        ("perpetrator", "syrian_regime"), ("perpetrator", "russian_forces"),
    ],
    "victim": [
        ("notes", "witness"), ("notes", "record {who}"), ("name_en", "Omar Haddad {who}"),
        ("age", 10), ("age", 30), ("age", None),
    ],
    "facility_attack": [("damage", "destroyed"), ("damage", "partial {who}")],
}
# A scenario is a few rounds. In each, devices work on their own (so their changes are
# concurrent), then some of them import others' bundles, then some decide conflicts they see.
WORK = st.tuples(
    st.integers(0, 2),
    st.sampled_from(("edit",) * 8 + ("delete", "incident", "victim", "facility")),
    st.integers(0, 999),
    st.integers(0, 999),
)
SYNC = st.tuples(st.integers(0, 2), st.just("sync"), st.integers(0, 999), st.just(0))
DECIDE = st.tuples(st.integers(0, 2), st.just("resolve"), st.integers(0, 999), st.integers(0, 999))
ROUND = st.tuples(
    st.lists(WORK, min_size=2, max_size=6),
    st.lists(SYNC, min_size=1, max_size=4),
    st.lists(DECIDE, max_size=3),
)


def start(net: Network, devices: list[Workspace]) -> None:
    """Records every device holds before the random steps: something to edit concurrently."""
    first = devices[0]
    for number in range(2):
        incident = first.validate("incident", incident_data(place_en=f"Start {number}"))
        victim = first.validate("victim", victim_data(incident.id, name_en=f"Victim {number}"))
        first.save_many([incident, victim])
    first.save(first.validate("facility_attack", {"incident_id": incident.id, "category": "bridge"}))
    path = export_bundle(first, net.out, full=True).path
    assert path is not None
    for ws in devices[1:]:
        assert import_bundles(ws, [path]).ok


def alive(ws: Workspace, kind: str) -> list[str]:
    return sorted(row["id"] for row in ws.store.rows(kind))


def apply(net: Network, devices: list[Workspace], step: tuple[int, str, int, int]) -> None:
    who, action, a, b = step
    ws = devices[who]
    incidents = alive(ws, "incident")
    if action == "incident":
        ws.save(ws.validate("incident", incident_data(place_en=f"Place {a % 5}")))
    elif action in ("victim", "facility") and incidents:
        incident = incidents[a % len(incidents)]
        if action == "victim":
            data = victim_data(incident, name_en=f"Person {b % 7}", age=20 + b % 50)
            ws.save(ws.validate("victim", data))
        else:
            ws.save(ws.validate("facility_attack", {"incident_id": incident, "category": "school"}))
    elif action in ("edit", "delete"):
        targets = [(kind, rid) for kind in KINDS for rid in alive(ws, kind)]
        if not targets:
            return
        kind, rid = targets[a % len(targets)]
        if action == "delete":
            ws.delete(kind, rid)
            return
        name, value = EDITS[kind][b % len(EDITS[kind])]
        if isinstance(value, str):
            value = value.format(who=who)
        record = ws.get(kind, rid)
        assert record is not None
        data = {**record.snapshot(), name: value}
        if name == "age":
            data["age_group"] = None  # follows from the age
        with contextlib.suppress(RecordInvalid):  # e.g. a victim whose incident is gone here
            ws.save(ws.validate(kind, data))
    elif action == "sync":
        source = devices[a % 3]
        path = export_bundle(source, net.out, full=True).path
        if source is not ws and path is not None:
            assert import_bundles(ws, [path]).ok
    elif action == "resolve":
        conflicts = list_conflicts(ws)
        if conflicts:
            event("a device saw a conflict")
            conflict = conflicts[a % len(conflicts)]
            try:
                resolve_conflicts(ws, conflict.record_id, take=1 + b % conflict.heads)
                event("a conflict was decided on a device")
            except RecordInvalid:  # that side's values do not fit the rest of the record
                pass


def converged(ws: Workspace) -> dict[str, Any]:
    """Records with heads and derived columns, search entries and open conflicts."""
    db = ws.store.db
    state: dict[str, Any] = {
        table: sorted(db.execute(f"SELECT * FROM {table}").fetchall())
        for table in ("incidents", "victims", "facility_attacks")
    }
    state["search"] = search_entries(ws)
    state["conflicts"] = [c.as_json() for c in list_conflicts(ws)]
    return state


# The autouse fixture that makes key derivation cheap holds no state between examples.
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=st.lists(ROUND, min_size=2, max_size=4))
def test_any_order_of_bundles_gives_the_same_state(rounds: list[Any]) -> None:
    steps = [step for work, syncs, decisions in rounds for step in (*work, *syncs, *decisions)]
    with tempfile.TemporaryDirectory(prefix="snhr-merge-", dir=SCRATCH) as folder:
        net = Network(Path(folder))
        try:
            devices = [net.join(f"device{i}") for i in range(3)]
            start(net, devices)
            for step in steps:
                apply(net, devices, step)
            made = [export_bundle(ws, net.out, full=True).path for ws in devices]
            bundles = [path for path in made if path is not None]  # a device may have done nothing
            event(f"devices with operations: {len(bundles)}")

            states, hashes = [], set()
            for number, order in enumerate(itertools.permutations(range(len(bundles)))):
                coordinator = net.join(f"coordinator{number}")
                report = import_bundles(coordinator, [bundles[i] for i in order])
                assert report.ok and report.missing == {}
                states.append(converged(coordinator))
                hashes.add(state_hash(coordinator.store))
            assert all(state == states[0] for state in states[1:])
            assert len(hashes) == 1
            for dispute in {d["reason"] for c in states[0]["conflicts"] for d in c["fields"]}:
                event(f"open conflict: {dispute}")
            heads = [head for table in ("incidents", "victims", "facility_attacks")
                     for (head,) in coordinator.store.db.execute(f"SELECT head FROM {table}")]
            event(f"records with several heads: {min(sum(' ' in h for h in heads), 3)}")

            # Re-importing anything (again, reversed, twice) changes nothing at all.
            before = dump(coordinator)
            assert import_bundles(coordinator, [*bundles[::-1], *bundles]).ok
            assert dump(coordinator) == before
            # Applying operations as they come is the same as recomputing every record.
            ids = [rid for table in TABLES.values()
                   for (rid,) in coordinator.store.db.execute(f"SELECT id FROM {table}")]
            with coordinator.store.transaction():
                refresh_records(coordinator.store, ids)
            assert converged(coordinator) == states[0]

            # Devices that receive everything end in the same state as the coordinators.
            for ws in devices:
                assert import_bundles(ws, bundles).ok
                assert converged(ws) == states[0]
                assert state_hash(ws.store) in hashes
        finally:
            net.close()
