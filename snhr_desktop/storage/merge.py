"""Merging operations from other devices: each record's state as a pure function of its operations.

The state of a record depends only on the *set* of operations held for it, never on the order in
which they arrived, so databases holding the same operations hold the same records:

* Edges of the record's history are the operations' ``parents`` plus, for each device, its
  previous operation on the record (a device always writes on top of everything it holds, so its
  own operations on a record form a chain even when a bundle in between is missing).
* The **heads** are the operations nothing held follows. One head: the record is its snapshot.
* Several heads (concurrent edits): a field merge against their lowest common ancestor. A field
  changed by one side only takes that change; a field changed differently by several heads is a
  **conflict**, shown provisionally with the value of the head that is latest by
  (hybrid-clock stamp, device id, operation id). Heads that disagree about deletion are a
  conflict too, and the record provisionally stays alive (nothing documented disappears until a
  person decides). If the merged fields do not make a valid record together, the record
  provisionally takes the whole of the latest living head and every field that differs is queued.

Conflicts are derived rows (table ``conflicts``), rewritten whenever a record's operations
change. A person's decision is a local operation whose parents are all the heads, so it
supersedes them wherever it travels.

Most incoming operations simply follow the record's current heads; those are applied directly
("fast-forward"), which gives the same result as recomputing the record. The others mark the
record for a recomputation from all its operations.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from snhr_desktop.domain.clock import HLC, receive, tick
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.operation import Operation, op_id_for
from snhr_desktop.domain.records import RECORD_TYPES, Victim
from snhr_desktop.storage.store import RECORD_FIELDS, TABLES, Store, victim_keys

STAMPS = ("created_at", "updated_at")
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(name for name in fields if name not in STAMPS and name != "id")
    for kind, fields in RECORD_FIELDS.items()
}
DELETED = "deleted"  # the conflict "field" of a deletion against a concurrent edit
SAME_FIELD, DELETE_EDIT, INVALID_MERGE = "same_field", "delete_edit", "invalid_merge"
BATCH = 5000  # operations merged per step: memory stays flat however long the stream
_CHUNK = 500  # ids per ``IN (...)`` query
STATE_HASH_FORMAT = b"snhr-desktop-state/1\n"


class OperationRejected(UserError):
    """An incoming operation contradicts what the database holds; nothing of its batch is kept."""

    @classmethod
    def of(cls, code: str, **args: Any) -> OperationRejected:
        return cls(Message.of(code, **args))


def order_key(op: Operation) -> tuple[str, str, str]:
    """The deterministic order of concurrent operations: hybrid-clock stamp, then device id."""
    return (op.hlc, op.device_id, op.op_id)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ------------------------------------------------------------------------------------------------
# The pure part: a record's state from its operations
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One head's side of a conflict."""

    op_id: str
    device_id: str
    author: str
    hlc: str
    value: Any

    def as_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "device_id": self.device_id,
            "author": self.author,
            "hlc": self.hlc,
            "value": self.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        return cls(data["op_id"], data["device_id"], data["author"], data["hlc"], data["value"])


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A field (or the deletion) that concurrent heads disagree about, for a person to decide."""

    field: str
    reason: str
    base: Any
    candidates: tuple[Candidate, ...]  # one per head, oldest first by ``order_key``
    provisional: str  # the op id whose value the record shows until a person decides


@dataclass(frozen=True, slots=True)
class RecordState:
    """What a record is, given the operations held for it."""

    record_id: str
    kind: str
    heads: tuple[str, ...]  # sorted op ids
    snapshot: dict[str, Any]
    deleted: bool
    conflicts: tuple[FieldConflict, ...] = ()

    def row(self) -> dict[str, Any]:
        return record_row(self.kind, self.snapshot, self.deleted, " ".join(self.heads))


def record_row(kind: str, snapshot: dict[str, Any], deleted: bool, head: str) -> dict[str, Any]:
    """The row of the record's table as a local write makes it (victims: derived keys)."""
    row = {name: snapshot.get(name) for name in RECORD_FIELDS[kind]}
    row["deleted"] = 1 if deleted else 0
    row["head"] = head
    if kind == Victim.kind:
        row["sort_name"], row["name_key"], row["search_text"] = victim_keys(row)
    return row


def _parent_map(ops: Sequence[Operation], by_id: dict[str, Operation]) -> dict[str, set[str]]:
    parents = {op.op_id: {p for p in op.parents if p in by_id and p != op.op_id} for op in ops}
    previous: dict[str, str] = {}
    for op in sorted(ops, key=lambda o: (o.device_id, o.seq)):
        if op.device_id in previous:
            parents[op.op_id].add(previous[op.device_id])
        previous[op.device_id] = op.op_id
    return parents


def _ancestors(start: str, parents: dict[str, set[str]]) -> set[str]:
    """``start`` and every operation it follows (iteratively: histories can be long)."""
    seen = {start}
    stack = [start]
    while stack:
        for parent in parents[stack.pop()]:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def _common_ancestor(
    heads: Sequence[Operation], parents: dict[str, set[str]], by_id: dict[str, Operation]
) -> Operation | None:
    """The latest of the lowest common ancestors of ``heads`` (None when they share none)."""
    common = set.intersection(*(_ancestors(head.op_id, parents) for head in heads))
    if not common:
        return None
    # ``common`` holds all ancestors of its members, so the lowest are those nothing in it follows.
    followed = set().union(*(parents[op_id] for op_id in common))
    return max((by_id[op_id] for op_id in common - followed), key=order_key)


def _is_valid(kind: str, snapshot: dict[str, Any]) -> bool:
    try:
        RECORD_TYPES[kind].model_validate(snapshot)
    except ValidationError:
        return False
    return True


def _candidates(heads: Sequence[Operation], values: Sequence[Any]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(h.op_id, h.device_id, h.author, h.hlc, v) for h, v in zip(heads, values, strict=True)
    )


def resolve_record(operations: Iterable[Operation]) -> RecordState:
    """The state of one record from the set of its operations (the order given does not matter)."""
    by_id = {op.op_id: op for op in operations}
    if not by_id:
        raise ValueError("a record needs at least one operation")
    ops = sorted(by_id.values(), key=order_key)
    parents = _parent_map(ops, by_id)
    followed = set().union(*parents.values())
    # A cycle (impossible for honest operations) would leave no head: fall back to the latest.
    heads = [op for op in ops if op.op_id not in followed] or [ops[-1]]
    if len(heads) == 1:
        head = heads[0]
        return RecordState(
            head.record_id, head.record_kind, (head.op_id,), dict(head.snapshot),
            head.action == "delete",
        )
    return _merge_heads(heads, _common_ancestor(heads, parents, by_id))


def _merge_heads(heads: list[Operation], base: Operation | None) -> RecordState:
    """Three-way field merge of concurrent heads (sorted by ``order_key``) against ``base``."""
    latest = heads[-1]
    record_id, kind = latest.record_id, latest.record_kind
    head_ids = tuple(sorted(h.op_id for h in heads))
    alive = [h for h in heads if h.action != "delete"]
    if not alive:  # everyone deleted it: nothing for a person to decide
        return RecordState(record_id, kind, head_ids, dict(latest.snapshot), True)

    conflicts: list[FieldConflict] = []
    if len(alive) < len(heads):
        conflicts.append(
            FieldConflict(
                DELETED,
                DELETE_EDIT,
                None if base is None else base.action == "delete",
                _candidates(heads, [h.action == "delete" for h in heads]),
                alive[-1].op_id,
            )
        )

    merged: dict[str, Any] = {}
    disputed: dict[str, str] = {}  # field -> provisional op id
    for name in FACT_FIELDS[kind]:
        values = [h.snapshot.get(name) for h in heads]
        # Without a common ancestor every head's value counts as a change.
        base_value = None if base is None else base.snapshot.get(name)
        changed = [
            i for i, value in enumerate(values) if base is None or value != base_value
        ]
        if not changed:
            merged[name] = base_value
            continue
        merged[name] = values[changed[-1]]
        if len({_canonical(values[i]) for i in changed}) > 1:
            disputed[name] = heads[changed[-1]].op_id

    created = [str(h.snapshot["created_at"]) for h in heads if h.snapshot.get("created_at")]
    updated = [str(h.snapshot["updated_at"]) for h in heads if h.snapshot.get("updated_at")]
    stamps = {"created_at": min(created, default=None), "updated_at": max(updated, default=None)}

    def snapshot_of(facts: dict[str, Any]) -> dict[str, Any]:
        values = {"id": record_id, **stamps, **facts}
        return {name: values.get(name) for name in RECORD_FIELDS[kind]}

    snapshot = snapshot_of(merged)
    reasons = dict.fromkeys(disputed, SAME_FIELD)
    if not _is_valid(kind, snapshot):
        # The automatic merge combined values that do not make a record together (an age from one
        # side, an age group from the other): show the latest living head whole, queue the rest.
        fallback = alive[-1]
        snapshot = snapshot_of({name: fallback.snapshot.get(name) for name in FACT_FIELDS[kind]})
        for name in FACT_FIELDS[kind]:
            if len({_canonical(h.snapshot.get(name)) for h in heads}) > 1:
                disputed[name] = fallback.op_id
                reasons.setdefault(name, INVALID_MERGE)
    for name in FACT_FIELDS[kind]:
        if name in disputed:
            conflicts.append(
                FieldConflict(
                    name,
                    reasons[name],
                    None if base is None else base.snapshot.get(name),
                    _candidates(heads, [h.snapshot.get(name) for h in heads]),
                    disputed[name],
                )
            )
    return RecordState(record_id, kind, head_ids, snapshot, False, tuple(conflicts))


# ------------------------------------------------------------------------------------------------
# Writing states
# ------------------------------------------------------------------------------------------------


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


@dataclass(slots=True)
class _Current:
    kind: str
    rowid: int | None
    heads: tuple[str, ...]


def _current(store: Store, record_ids: Sequence[str]) -> dict[str, _Current]:
    """Kind, rowid and heads of those of ``record_ids`` that have a row, in any table."""
    found: dict[str, _Current] = {}
    for chunk in _chunks(record_ids):
        for kind, table in TABLES.items():
            for record_id, rowid, head in store.db.execute(
                f"SELECT id, rowid, head FROM {table} WHERE id IN ({_marks(chunk)})", chunk
            ):
                found[record_id] = _Current(kind, int(rowid), tuple((head or "").split()))
    return found


def _held(
    store: Store, record_ids: Sequence[str]
) -> tuple[dict[str, _Current], dict[tuple[str, str], int]]:
    """For those of ``record_ids`` with operations held: their rows (kind, rowid, heads), and
    each device's latest sequence number on each. A record has a row exactly when it has
    operations, so the log says where to look and new records cost one indexed query."""
    kinds: dict[str, str] = {}
    top_seq: dict[tuple[str, str], int] = {}
    for chunk in _chunks(record_ids):
        for record_id, kind, device_id, seq in store.db.execute(
            "SELECT record_id, record_kind, device_id, max(seq) FROM operations "
            f"WHERE record_id IN ({_marks(chunk)}) GROUP BY record_id, device_id",
            chunk,
        ):
            kinds[record_id] = kind
            top_seq[(record_id, device_id)] = int(seq)
    found: dict[str, _Current] = {}
    for kind, table in TABLES.items():
        ids = [rid for rid, held_kind in kinds.items() if held_kind == kind]
        for chunk in _chunks(ids):
            for record_id, rowid, head in store.db.execute(
                f"SELECT id, rowid, head FROM {table} WHERE id IN ({_marks(chunk)})", chunk
            ):
                found[record_id] = _Current(kind, int(rowid), tuple((head or "").split()))
    return found, top_seq


def _operations_of(store: Store, record_ids: Sequence[str]) -> dict[str, list[Operation]]:
    found: dict[str, list[Operation]] = {}
    for chunk in _chunks(record_ids):
        cursor = store.db.execute(
            f"SELECT * FROM operations WHERE record_id IN ({_marks(chunk)})", chunk
        )
        names = [c[0] for c in cursor.description]
        for values in cursor:
            op = Operation.from_row(dict(zip(names, values, strict=True)))
            found.setdefault(op.record_id, []).append(op)
    return found


def _conflict_rows(state: RecordState) -> list[tuple[Any, ...]]:
    heads = " ".join(state.heads)
    return [
        (
            state.record_id,
            c.field,
            state.kind,
            c.reason,
            heads,
            _canonical(c.base),
            _canonical([candidate.as_json() for candidate in c.candidates]),
            c.provisional,
        )
        for c in state.conflicts
    ]


def write_states(store: Store, states: Sequence[RecordState]) -> None:
    """Store records as their states say: rows, victims' derived columns and search, conflicts."""
    ids = [state.record_id for state in states]
    existing = _current(store, ids)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for state in states:
        by_kind.setdefault(state.kind, []).append(state.row())
    for kind, rows in by_kind.items():
        _write_rows(store, kind, rows, {row["id"]: existing[row["id"]].rowid
                                        for row in rows if row["id"] in existing})
    for chunk in _chunks(ids):
        store.db.execute(f"DELETE FROM conflicts WHERE record_id IN ({_marks(chunk)})", chunk)
    store.db.conn.executemany(
        "INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [row for state in states for row in _conflict_rows(state)],
    )


def _write_rows(
    store: Store, kind: str, rows: list[dict[str, Any]], existing: dict[str, int | None]
) -> None:
    """Upsert ``rows``; ``existing`` maps those that have a row already to its rowid."""
    # The same helpers as local writes, so a merged record is stored exactly as a local one.
    # New rows get the rowids SQLite would give them (the next ones, in order), so that the
    # search entries go straight to them.
    next_rowid = store._next_rowid(kind)
    rowids: dict[str, int] = {}
    for row in rows:
        rowid = existing.get(row["id"])
        if rowid is None:
            row["rowid"] = rowid = next_rowid
            next_rowid += 1
        rowids[row["id"]] = rowid
    store._upsert(kind, rows)
    if kind == Victim.kind:
        store._reindex_victims(rows, existing_ids=set(existing), rowids=rowids)


def refresh_records(store: Store, record_ids: Iterable[str]) -> list[RecordState]:
    """Recompute and store records from all their operations; returns their states."""
    ids = sorted(set(record_ids))
    states: list[RecordState] = []
    for chunk in _chunks(ids):
        operations = _operations_of(store, chunk)
        chunk_states = [resolve_record(operations[rid]) for rid in chunk if rid in operations]
        write_states(store, chunk_states)
        states.extend(chunk_states)
    return states


# ------------------------------------------------------------------------------------------------
# Merging a stream of operations
# ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class MergeCounts:
    """What a merge did. Records are counted once each, operations once each."""

    new_operations: int = 0
    known_operations: int = 0
    created: int = 0  # records that did not exist before
    updated: int = 0  # records that existed and received new operations
    conflicted: int = 0  # records touched that are left with open conflicts
    devices: set[str] = field(default_factory=set)


# An operation to merge, with its row of the log and its record row when computed ahead.
Incoming = tuple[Operation, tuple[Any, ...] | None, dict[str, Any] | None]


class Merger:
    """Merges a stream of operations into the database, a batch at a time.

    Must be used inside :meth:`Store.transaction`; the caller commits (or rolls back) the whole.
    Operations already held are skipped (the same id must carry the same operation). Remote
    operations never consume local sequence numbers; the local hybrid clock moves past them.
    """

    def __init__(self, store: Store, batch: int = BATCH) -> None:
        if not store.db.conn.in_transaction:
            raise RuntimeError("Merger must run inside Store.transaction()")
        self.store = store
        self.batch = batch
        self.counts = MergeCounts()
        self._pending: list[Incoming] = []
        self._device = store.device_id
        self._rowid_marks = {
            kind: int(store.db.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
            for kind, table in TABLES.items()
        }
        self._updated: set[str] = set()
        self._conflicted: set[str] = set()
        self._max_hlc: str | None = None
        self._max_own_seq = 0

    def add(
        self,
        op: Operation,
        row: tuple[Any, ...] | None = None,
        record: dict[str, Any] | None = None,
    ) -> None:
        """Queue ``op``. ``row`` (its row of the log) and ``record`` (the record row it makes
        when it follows the record's heads) may come computed ahead, possibly in another
        process: they must be what ``op.row()`` and :func:`record_row` give."""
        self._pending.append((op, row, record))
        if len(self._pending) >= self.batch:
            self.flush()

    def add_all(self, operations: Iterable[Operation]) -> None:
        for op in operations:
            self.add(op)

    def add_prepared(self, items: Sequence[Incoming]) -> None:
        """Like :meth:`add` for each of ``items`` (batches end where they would have)."""
        pending = self._pending
        pending.extend(items)
        while len(pending) >= self.batch:
            batch = pending[: self.batch]
            del pending[: self.batch]
            self._merge(batch)

    def flush(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            self._merge(batch)

    def finish(self) -> MergeCounts:
        """Merge what is pending, move the clock and report."""
        self.flush()
        store = self.store
        counts = self.counts
        counts.created = sum(
            int(store.db.execute(f"SELECT count(*) FROM {TABLES[kind]} WHERE rowid > ?", [mark])
                .fetchone()[0])
            for kind, mark in self._rowid_marks.items()
        )
        counts.updated = len(self._updated)
        counts.conflicted = len(self._conflicted)
        if self._max_hlc is not None:
            local = HLC.parse(store.meta("hlc", "0.0") or "0.0")
            store.set_meta("hlc", str(receive(local, HLC.parse(self._max_hlc))))
        # This device's own operations coming back (a database restored from an old backup):
        # never hand out their sequence numbers again.
        if self._max_own_seq >= int(store.meta("next_seq", "1") or 1):
            store.set_meta("next_seq", str(self._max_own_seq + 1))
        return counts

    # -- one batch --------------------------------------------------------------------------
    def _merge(self, batch: list[Incoming]) -> None:
        fresh = self._drop_known(batch)
        if not fresh:
            return
        store = self.store
        ops = [item[0] for item in fresh]
        record_ids = list(dict.fromkeys([op.record_id for op in ops]))
        current, top_seq = _held(store, record_ids)
        existed = {rid: held.rowid for rid, held in current.items()}  # their rowids
        fresh_ids = {op.op_id for op in ops}
        awaited = self._select_ids("missing_parents", list(fresh_ids))
        outside = sorted({p for op in ops if op.parents for p in op.parents if p not in fresh_ids})
        held_parents = self._select_ids("operations", outside)

        kinds: dict[str, str] = {}
        # Per record fast-forwarded so far, the operation it now is (its row is made once, at
        # the end, from the last one). Records that need a recomputation are ``dirty``.
        latest: dict[str, Incoming] = {}
        dirty: set[str] = set()
        settled: set[str] = set()  # records that had several heads and now have one
        still_missing: dict[str, str] = {}
        done: set[str] = set()
        updated = self._updated
        for item in fresh:
            op = item[0]
            rid = op.record_id
            before = current.get(rid)
            if before is None and rid not in kinds:
                # The common case of an import: a record this database has never held.
                kind = kinds[rid] = op.record_kind
            else:
                kind = kinds.setdefault(rid, before.kind if before is not None else op.record_kind)
                if op.record_kind != kind:
                    raise OperationRejected.of("bundle_kind_mismatch", op_id=op.op_id, value=rid)
            awaited_here = op.op_id in awaited or still_missing.pop(op.op_id, None) is not None
            for parent in op.parents:
                if parent not in done and parent not in held_parents:
                    still_missing[parent] = rid
            done.add(op.op_id)
            key = (rid, op.device_id)
            top = top_seq.get(key, 0)
            if (
                rid not in dirty
                and not awaited_here
                and (before is None or set(before.heads) <= set(op.parents))
                and op.seq > top
            ):
                latest[rid] = item
                if before is not None and len(before.heads) > 1:
                    settled.add(rid)
                current[rid] = _Current(kind, before.rowid if before else None, (op.op_id,))
            else:
                dirty.add(rid)
                latest.pop(rid, None)
            if op.seq > top:
                top_seq[key] = op.seq
            if before is not None and before.rowid is not None and before.rowid <= self._rowid_marks[kind]:
                updated.add(rid)
        self._note(ops)

        store.db.conn.executemany(
            "INSERT OR IGNORE INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row if row is not None else op.row() for op, row, _ in fresh],
        )
        for chunk in _chunks(sorted(awaited)):
            store.db.execute(f"DELETE FROM missing_parents WHERE op_id IN ({_marks(chunk)})", chunk)
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO missing_parents (op_id, record_id) VALUES (?, ?)",
            sorted(still_missing.items()),
        )
        rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in TABLES}
        for op, _, record in latest.values():
            if record is None:
                record = record_row(op.record_kind, op.snapshot, op.action == "delete", op.op_id)
            rows[op.record_kind].append(record)
        for kind, fast in rows.items():
            if fast:
                _write_rows(store, kind, fast, {row["id"]: existed[row["id"]]
                                                for row in fast if row["id"] in existed})
        cleared = sorted(settled - dirty)
        for chunk in _chunks(cleared):
            store.db.execute(f"DELETE FROM conflicts WHERE record_id IN ({_marks(chunk)})", chunk)
        self._conflicted.difference_update(latest)
        for state in refresh_records(store, dirty):
            if state.conflicts:
                self._conflicted.add(state.record_id)
            else:
                self._conflicted.discard(state.record_id)

    def _note(self, operations: list[Operation]) -> None:
        self.counts.new_operations += len(operations)
        self.counts.devices.update([op.device_id for op in operations])
        latest = max([op.hlc for op in operations])
        if self._max_hlc is None or latest > self._max_hlc:
            self._max_hlc = latest
        own = [op.seq for op in operations if op.device_id == self._device]
        self._max_own_seq = max([self._max_own_seq, *own])

    def _drop_known(self, batch: list[Incoming]) -> list[Incoming]:
        """The operations not held yet; a held id with other content is refused."""
        ids = list(dict.fromkeys([item[0].op_id for item in batch]))
        # Ids first (the log's primary key alone): a new bundle's operations are rarely held,
        # and only those that are need reading whole.
        known = sorted(self._select_ids("operations", ids))
        held: dict[str, Operation] = {}
        for chunk in _chunks(known):
            cursor = self.store.db.execute(
                f"SELECT * FROM operations WHERE op_id IN ({_marks(chunk)})", chunk
            )
            names = [c[0] for c in cursor.description]
            for row in cursor:
                stored_op = Operation.from_row(dict(zip(names, row, strict=True)))
                held[stored_op.op_id] = stored_op
        if not held and len(ids) == len(batch):
            return batch
        fresh: list[Incoming] = []
        seen: set[str] = set()
        for item in batch:
            op = item[0]
            stored = held.get(op.op_id)
            # Compared as values: the stored JSON text may order the snapshot's keys differently.
            if stored is not None and stored != op:
                raise OperationRejected.of("bundle_operation_differs", value=op.op_id)
            if stored is not None or op.op_id in seen:
                self.counts.known_operations += 1
                continue
            seen.add(op.op_id)
            fresh.append(item)
        return fresh

    def _select_ids(self, table: str, op_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(op_ids):
            found.update(
                row[0]
                for row in self.store.db.execute(
                    f"SELECT op_id FROM {table} WHERE op_id IN ({_marks(chunk)})", chunk
                )
            )
        return found



# ------------------------------------------------------------------------------------------------
# Local decisions, digests and gaps
# ------------------------------------------------------------------------------------------------


def append_decision(
    store: Store,
    kind: str,
    record_id: str,
    snapshot: dict[str, Any],
    *,
    delete: bool,
    author: str,
) -> Operation:
    """A local operation that follows all the record's heads: a person's decision on a conflict.

    Unlike :meth:`Store.write` it is appended even when the facts equal the provisional ones,
    since what it records is the decision. Must run inside :meth:`Store.transaction`.
    """
    if not store.db.conn.in_transaction:
        raise RuntimeError("append_decision must run inside Store.transaction()")
    row = store.row(kind, record_id)
    if row is None:
        raise KeyError(record_id)
    device_id = store.device_id
    seq = int(store.meta("next_seq", "1") or 1)
    clock = tick(HLC.parse(store.meta("hlc", "0.0") or "0.0"))
    op = Operation(
        op_id=op_id_for(device_id, seq),
        device_id=device_id,
        seq=seq,
        record_id=record_id,
        record_kind=kind,
        action="delete" if delete else "update",
        author=author,
        hlc=str(clock),
        parents=tuple(sorted((row["head"] or "").split())),
        snapshot=snapshot,
    )
    store.db.conn.execute("INSERT INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", op.row())
    store.set_meta("next_seq", str(seq + 1))
    store.set_meta("hlc", str(clock))
    refresh_records(store, [record_id])
    return op


def open_conflict_rows(store: Store, record_id: str | None = None) -> list[dict[str, Any]]:
    """Conflicts still open: derived from the heads the record has now (a later local edit,
    which follows all heads, closes them even before the next merge)."""
    heads = " UNION ALL ".join(f"SELECT id, head FROM {table}" for table in TABLES.values())
    where = "WHERE c.record_id = ?" if record_id else ""
    cursor = store.db.execute(
        f"SELECT c.* FROM conflicts c JOIN ({heads}) r ON r.id = c.record_id AND r.head = c.heads "
        f"{where} ORDER BY c.record_kind, c.record_id, c.field",
        [record_id] if record_id else [],
    )
    names = [c[0] for c in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        row["base"] = json.loads(row["base"]) if row["base"] is not None else None
        row["candidates"] = [Candidate.from_json(c) for c in json.loads(row["candidates"])]
        rows.append(row)
    return rows


def state_hash(store: Store) -> str:
    """SHA-256 of every record's facts and deletion mark, by kind then id.

    Stamps, heads and the operations' order are left out: databases that hold the same records
    have the same digest, whatever way the operations reached them.
    """
    digest = hashlib.sha256(STATE_HASH_FORMAT)
    for kind in sorted(TABLES):
        names = ("id", *sorted(FACT_FIELDS[kind]))
        cursor = store.db.execute(
            f"SELECT deleted, {', '.join(names)} FROM {TABLES[kind]} ORDER BY id"
        )
        for deleted, *values in cursor:
            line = [kind, int(deleted), dict(zip(names, values, strict=True))]
            digest.update(_canonical(line).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], number)
        else:
            ranges.append((number, number))
    return ranges


def missing_ranges(store: Store) -> dict[str, list[tuple[int, int]]]:
    """Per device, the sequence numbers not held: gaps below its latest operation held, and
    operations named as parents but not held. Reported, never blocking."""
    gaps: dict[str, list[tuple[int, int]]] = {}
    latest: dict[str, int] = {}
    device: str | None = None
    expected = 1
    for device_id, seq in store.db.execute(
        "SELECT device_id, seq FROM operations ORDER BY device_id, seq"
    ):
        if device_id != device:
            device, expected = device_id, 1
        if seq > expected:
            gaps.setdefault(device_id, []).append((expected, seq - 1))
        expected = seq + 1
        latest[device_id] = seq
    beyond: dict[str, list[int]] = {}
    for (op_id,) in store.db.execute("SELECT op_id FROM missing_parents"):
        device_id, _, seq_text = op_id.rpartition(":")
        if seq_text.isdigit() and int(seq_text) > latest.get(device_id, 0):
            beyond.setdefault(device_id, []).append(int(seq_text))
    for device_id, seqs in beyond.items():
        start = latest.get(device_id, 0) + 1
        # Everything between the latest held and a missing parent is missing too.
        gaps.setdefault(device_id, []).extend(_ranges(range(start, max(seqs) + 1)))
    return {d: sorted(r) for d, r in sorted(gaps.items())}
