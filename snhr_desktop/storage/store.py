"""Records and the operations log on one connection: the only code that writes them.

Every change is written together with its operation in the caller's transaction, so the tables
and the log can never disagree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import json
import operator
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from snhr_desktop.domain.clock import HLC, tick
from snhr_desktop.domain.names import normalise_arabic, search_key
from snhr_desktop.domain.operation import Operation, op_id_for
from snhr_desktop.domain.records import RECORD_TYPES, PairDecision, Record, Victim
from snhr_desktop.storage.database import user_errors
from snhr_desktop.storage.links import relink

TABLES = {kind: model.table for kind, model in RECORD_TYPES.items()}
RECORD_FIELDS = {kind: tuple(model.model_fields) for kind, model in RECORD_TYPES.items()}
DERIVED_COLUMNS = {Victim.kind: ("sort_name", "name_key")}
STAMPS = frozenset(("created_at", "updated_at"))
_CHUNK = 500
# Rows are inserted many to a statement (up to this many values, within SQLite's own limit):
# SQLite then runs a whole batch in one call, which is cheaper than a call a row and lets a
# pipelined write overlap the caller's work for longer stretches.
_VALUES_PER_STATEMENT = 200_000
# Writes a pipelined transaction may have queued ahead of the database (bounds their memory).
_PIPELINE_DEPTH = 8


def victim_keys(values: dict[str, Any]) -> tuple[str, str, str]:
    """A victim's derived keys, computed together so each name is normalised once.

    - sort key: sorts in Arabic alphabetical order (after normalisation, code-point order is
      the alphabet); Latin-only names by their case-folded text;
    - name key: the whole name normalised, without spaces: equal for spelling variants;
    - search text: normalised keys of every name in both scripts, for the FTS index.
    """
    name_ar, name_en = values.get("name_ar"), values.get("name_en")
    arabic = normalise_arabic(name_ar) if name_ar else ""
    latin = search_key(name_en) if name_en else ""
    if arabic:
        sort_name, name_key = arabic, arabic.replace(" ", "")
    else:
        sort_name, name_key = str(name_en or "").casefold(), latin.replace(" ", "")
    words = [arabic] if name_ar else []
    words += [_part_key(values[n]) for n in ("father_name", "family_name") if values.get(n)]
    if latin:
        words.append(latin)
    return sort_name, name_key, " ".join(words)


# Fathers' and family names repeat from victim to victim: each is normalised once.
_part_key = functools.lru_cache(maxsize=1 << 14)(search_key)


def victim_name_key(values: dict[str, Any]) -> str:
    """The whole name, normalised, without spaces: equal for spelling variants of one name."""
    return victim_keys(values)[1]


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Change:
    """One record to write: created or updated (``record``), or deleted (``delete``)."""

    record: Record
    delete: bool = False


@functools.cache
def _values_sql(head: str, width: int, rows: int, tail: str) -> str:
    """``head VALUES (?, …), (?, …)… tail`` for ``rows`` rows of ``width`` values."""
    marks = "(" + ", ".join("?" * width) + ")"
    return f"{head} VALUES {', '.join([marks] * rows)} {tail}"


class _Pipeline:
    """Runs the statements of one transaction's writes on a background thread, in order.

    SQLite releases the GIL while it executes a statement (and encrypts the pages it fills), so
    the caller can validate and prepare the next chunk on the other core meanwhile. Only
    statements that call no Python code run here; a failure is kept and raised to the caller at
    its next submit or drain, and every job after it is skipped. The writer holds
    :attr:`statement` while a statement runs (see :meth:`Store.between_statements`).
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=_PIPELINE_DEPTH)
        self._touching: deque[frozenset[str]] = deque()  # ids written by queued jobs, in order
        self._failure: BaseException | None = None
        self._cancelled = False
        self.statement = threading.Lock()
        self.thread = threading.Thread(target=self._work, name="store-writer", daemon=True)
        self.thread.start()
        # What the writes of this transaction keep in memory instead of reading back.
        self.counters: tuple[int, HLC] | None = None
        self.device_id: str | None = None
        self.next_rowid: dict[str, int] = {}

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._failure is None and not self._cancelled:
                    job()
            except BaseException as error:  # raised in the caller's thread
                self._failure = error
            finally:
                self._touching.popleft()
                self._jobs.task_done()
        self._jobs.task_done()

    def submit(self, job: Callable[[], None], ids: Iterable[str] = ()) -> None:
        self.check()
        self._touching.append(frozenset(ids))
        self._jobs.put(job)

    def touches(self, ids: Iterable[str]) -> bool:
        """Whether a job still queued or running writes one of ``ids``."""
        wanted = set(ids)
        return any(not wanted.isdisjoint(written) for written in tuple(self._touching))

    def drain(self) -> None:
        """Wait until every job submitted has run; raise the first failure."""
        self._jobs.join()
        self.check()

    def check(self) -> None:
        if self._failure is not None:
            raise self._failure

    def stop(self, *, cancel: bool) -> None:
        """End the thread (after the queued jobs, or skipping them when ``cancel``)."""
        self._cancelled = cancel
        self._jobs.put(None)
        self.thread.join()


@dataclass(frozen=True, slots=True)
class Existing:
    rowid: int
    head: str | None
    deleted: bool
    created_at: str | None
    facts: dict[str, Any]


class Store:
    """Typed access to one open database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pipeline: _Pipeline | None = None
        # While a pipelined write is being prepared: its jobs, handed over together at its end.
        self._deferred: list[tuple[Callable[[], None], Iterable[str]]] | None = None
        self._values_per_statement: int | None = None

    # -- metadata ---------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        self._settled()
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self._settled()
        self.db.execute(_SET_META, [key, value])

    @property
    def device_id(self) -> str:
        value = self.meta("device_id")
        if value is None:
            raise RuntimeError("database has no device id (not initialised)")
        return value

    # -- transactions -----------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write; known database failures become bilingual user errors."""
        with user_errors(), self.db.atomic() as db:
            yield db

    @contextlib.contextmanager
    def pipelined(self) -> Iterator[None]:
        """Inside :meth:`transaction`: :meth:`write` hands its statements to a background thread
        and returns, so the caller prepares the next chunk while SQLite writes this one.

        For large imports. Everything is written, in order, before the block ends; a database
        failure is raised by a later :meth:`write` or at the end of the block, and the
        transaction then rolls back as usual. Reads through this class wait for the pending
        writes; other readers of the connection see them as they land (as they would see the
        chunks of an unpipelined transaction).
        """
        if not self.db.conn.in_transaction:
            raise RuntimeError("Store.pipelined must run inside Store.transaction()")
        if self._pipeline is not None:
            yield
            return
        if self._values_per_statement is None:  # read here: the writer only runs the writes
            self._values_per_statement = min(_VALUES_PER_STATEMENT, _variable_limit(self.db))
        pipeline = _Pipeline()
        self._pipeline = pipeline
        try:
            yield
            pipeline.drain()
        except BaseException:
            pipeline.stop(cancel=True)
            raise
        else:
            pipeline.stop(cancel=False)
        finally:
            self._pipeline = None

    def between_statements(self, callback: Callable[[], None], *, wait: bool = True) -> bool:
        """Call ``callback`` while no pipelined write runs a statement; whether it was called.

        Code that may use the connection while a pipelined write goes on (a progress callback
        that lets a window repaint from the database) runs through here: a statement that calls
        a Python SQL function, run alongside one of the writer's, could deadlock (each thread
        waiting for what the other holds, the GIL and SQLite's connection mutex). Without
        ``wait`` the callback is skipped, rather than delayed, when a statement is running.
        """
        pipeline = self._pipeline
        if pipeline is None:
            callback()
            return True
        if not pipeline.statement.acquire(blocking=wait):
            return False
        try:
            callback()
        finally:
            pipeline.statement.release()
        return True

    def _statement(self) -> contextlib.AbstractContextManager[Any]:
        """Held around each statement of the pipelined writer (see :meth:`between_statements`)."""
        pipeline = self._pipeline
        if pipeline is not None and threading.current_thread() is pipeline.thread:
            return pipeline.statement
        return contextlib.nullcontext()

    def _settled(self) -> None:
        """Wait for pending pipelined writes, so that a read sees them."""
        if self._pipeline is not None:
            self._pipeline.drain()

    def _run(self, job: Callable[[], None], ids: Iterable[str] = ()) -> None:
        """Run ``job`` (statements writing ``ids``) now, or queue it when pipelined."""
        if self._deferred is not None:
            self._deferred.append((job, ids))
        elif self._pipeline is None:
            job()
        else:
            self._pipeline.submit(job, ids)

    def _insert(
        self, head: str, rows: Sequence[Sequence[Any]], tail: str = "", *, width: int
    ) -> None:
        """``head VALUES … tail`` for ``rows``, many rows to a statement."""
        if not rows:
            return
        if self._values_per_statement is None:
            self._values_per_statement = min(_VALUES_PER_STATEMENT, _variable_limit(self.db))
        per = max(1, self._values_per_statement // width)
        conn = self.db.conn
        for start in range(0, len(rows), per):
            batch = rows[start : start + per]
            values = list(itertools.chain.from_iterable(batch))
            with self._statement():
                conn.execute(_values_sql(head, width, len(batch), tail), values)

    # -- reading ----------------------------------------------------------------------------
    def row(self, kind: str, record_id: str) -> dict[str, Any] | None:
        self._settled()
        cursor = self.db.execute(f"SELECT * FROM {TABLES[kind]} WHERE id = ?", [record_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def find_kind(self, record_id: str) -> str | None:
        self._settled()
        for kind, table in TABLES.items():
            if self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
                return kind
        return None

    def live_ids(self, kind: str, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that exist and are not deleted."""
        self._settled()
        found: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            # "+deleted": by the primary key, never by an index led by ``deleted``.
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT id FROM {TABLES[kind]} WHERE +deleted = 0 AND id IN ({marks})", chunk
                )
            )
        return found

    def rows(
        self, kind: str, *, include_deleted: bool = False, order: str = "rowid"
    ) -> Iterator[dict[str, Any]]:
        self._settled()
        where = "" if include_deleted else "WHERE deleted = 0"
        cursor = self.db.execute(f"SELECT * FROM {TABLES[kind]} {where} ORDER BY {order}")
        names = [c[0] for c in cursor.description]
        for found in cursor:
            yield dict(zip(names, found, strict=True))

    def count(self, kind: str, *, include_deleted: bool = False) -> int:
        self._settled()
        where = "" if include_deleted else "WHERE deleted = 0"
        return int(self.db.execute(f"SELECT count(*) FROM {TABLES[kind]} {where}").fetchone()[0])

    def operations_for(self, record_id: str) -> list[Operation]:
        self._settled()
        cursor = self.db.execute(
            "SELECT * FROM operations WHERE record_id = ? ORDER BY hlc, device_id, seq", [record_id]
        )
        names = [c[0] for c in cursor.description]
        return [Operation.from_row(dict(zip(names, r, strict=True))) for r in cursor]

    def operation_count(self) -> int:
        self._settled()
        return int(self.db.execute("SELECT count(*) FROM operations").fetchone()[0])

    def _existing(self, kind: str, ids: Sequence[str]) -> dict[str, Existing]:
        if self._pipeline is not None and self._pipeline.touches(ids):
            self._pipeline.drain()  # a queued write changes some of them
        table = TABLES[kind]
        fields = RECORD_FIELDS[kind]
        found: dict[str, Existing] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            cursor = self.db.execute(
                f"SELECT rowid AS _rowid, * FROM {table} WHERE id IN ({marks})", chunk
            )
            names = [c[0] for c in cursor.description]
            for values in cursor:
                row = dict(zip(names, values, strict=True))
                found[row["id"]] = Existing(
                    rowid=row["_rowid"],
                    head=row["head"],
                    deleted=bool(row["deleted"]),
                    created_at=row["created_at"],
                    facts={f: row[f] for f in fields if f not in ("created_at", "updated_at")},
                )
        return found

    # -- writing ----------------------------------------------------------------------------
    def write(self, changes: Sequence[Change], author: str) -> list[Operation]:
        """Apply ``changes`` and append one operation each; unchanged records append nothing.

        Must run inside :meth:`transaction`. Returns the operations appended, in order.
        """
        if not self.db.conn.in_transaction:
            raise RuntimeError("Store.write must run inside Store.transaction()")
        pipeline = self._pipeline
        if pipeline is None:
            return self._write(changes, author)
        # One job for the whole write: the writer thread takes the GIL once to start it.
        self._deferred = []
        try:
            operations = self._write(changes, author)
            jobs = self._deferred
        finally:
            self._deferred = None

        def run_all() -> None:
            for job, _ in jobs:
                job()

        pipeline.submit(run_all, [i for _, ids in jobs for i in ids])
        return operations

    def _write(self, changes: Sequence[Change], author: str) -> list[Operation]:
        pipeline = self._pipeline
        if pipeline is not None and pipeline.counters is not None and pipeline.device_id:
            device_id = pipeline.device_id
            seq, clock = pipeline.counters
        else:
            device_id = self.device_id
            seq = int(self.meta("next_seq", "1") or 1)
            clock = HLC.parse(self.meta("hlc", "0.0") or "0.0")
        stamp = now_iso()
        operations: list[Operation] = []
        by_kind: dict[str, list[Change]] = {}
        for change in changes:
            by_kind.setdefault(change.record.kind, []).append(change)
        for kind, kind_changes in by_kind.items():
            existing = self._existing(kind, [c.record.id for c in kind_changes])
            stored = set(existing)
            next_rowid = self._next_rowid(kind)
            rowids: dict[str, int] = {}
            upserts: list[dict[str, Any]] = []
            for change in kind_changes:
                record = change.record
                before = existing.get(record.id)
                current = record.snapshot()
                if change.delete:
                    if before is None or before.deleted:
                        continue
                    action = "delete"
                elif before is None:
                    action = "create"
                elif not before.deleted and _same_facts(before.facts, current):
                    continue
                else:
                    action = "update"
                created = before.created_at if before and before.created_at else stamp
                current["created_at"], current["updated_at"] = created, stamp
                clock = tick(clock)
                # A record merged from concurrent edits has several heads, space-separated.
                parents = tuple(before.head.split()) if before and before.head else ()
                op = Operation(
                    op_id=op_id_for(device_id, seq),
                    device_id=device_id,
                    seq=seq,
                    record_id=record.id,
                    record_kind=kind,
                    action=action,
                    author=author,
                    hlc=str(clock),
                    parents=parents,
                    snapshot=current,
                )
                seq += 1
                operations.append(op)
                row = {**current, "deleted": 1 if action == "delete" else 0, "head": op.op_id}
                if before is None:  # a new row: its rowid is known before it is written
                    row["rowid"] = rowid = next_rowid
                    next_rowid += 1
                else:
                    rowid = before.rowid
                rowids[record.id] = rowid
                if kind == Victim.kind:
                    row["sort_name"], row["name_key"], row["search_text"] = victim_keys(row)
                upserts.append(row)
                # What a later change of the same record in this batch compares with (stamps
                # in ``current`` are ignored by the comparison).
                existing[record.id] = Existing(rowid, op.op_id, action == "delete", created, current)
            self._upsert(kind, upserts)
            if pipeline is not None:
                pipeline.next_rowid[kind] = next_rowid
            if kind == Victim.kind:
                self._reindex_victims(upserts, existing_ids=stored, rowids=rowids)
        op_rows = [op.row() for op in operations]
        self._run(lambda: self._insert("INSERT INTO operations", op_rows, width=10))
        if pipeline is not None:
            pipeline.device_id, pipeline.counters = device_id, (seq, clock)
        meta = [("next_seq", str(seq)), ("hlc", str(clock))]
        self._run(lambda: self._insert("INSERT INTO meta (key, value)", meta, _META_CONFLICT,
                                       width=2))
        return operations

    def _next_rowid(self, kind: str) -> int:
        """The rowid the next new row of ``kind`` gets: SQLite's own choice, max + 1."""
        pipeline = self._pipeline
        if pipeline is not None and kind in pipeline.next_rowid:
            return pipeline.next_rowid[kind]
        self._settled()
        found = self.db.execute(f"SELECT max(rowid) FROM {TABLES[kind]}").fetchone()[0]
        return int(found or 0) + 1

    def _upsert(self, kind: str, rows: list[dict[str, Any]]) -> None:
        """Insert or update ``rows`` (a row with a ``rowid`` key is new and gets that rowid)."""
        if not rows:
            return
        columns = (*RECORD_FIELDS[kind], *DERIVED_COLUMNS.get(kind, ()), "deleted", "head")
        names = ", ".join(columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        values = operator.itemgetter(*columns)
        prepared = [(row.get("rowid"), *values(row)) for row in rows]
        table = TABLES[kind]

        def upsert() -> None:
            self._insert(
                f"INSERT INTO {table} (rowid, {names})",
                prepared,
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                width=len(columns) + 1,
            )
            # "Same person" links are derived from decisions and living victims: keep them so.
            with self._statement():
                if kind == PairDecision.kind:
                    relink(self.db, {row[s] for row in rows for s in ("victim_a", "victim_b")})
                elif kind == Victim.kind:
                    relink(self.db, {row["id"] for row in rows})

        self._run(upsert, ids=[row["id"] for row in rows])

    def _reindex_victims(
        self,
        rows: list[dict[str, Any]],
        existing_ids: set[str],
        rowids: dict[str, int] | None = None,
    ) -> None:
        """Replace the search entries of ``rows``; those of ``existing_ids`` had one before.

        ``rowids`` (id -> rowid of every row) saves finding each row by its id. Deleted
        victims get no entry.
        """
        latest = {row["id"]: row for row in rows}
        if rowids is None:
            stale: list[tuple[Any, ...]] = [(key,) for key in latest if key in existing_ids]
            fresh = [(row["search_text"], key) for key, row in latest.items() if not row["deleted"]]
            where = "(SELECT rowid FROM victims WHERE id = ?)"
        else:
            stale = [(rowids[key],) for key in latest if key in existing_ids]
            fresh = [(rowids[key], row["search_text"]) for key, row in latest.items()
                     if not row["deleted"]]
            where = "?"

        def reindex() -> None:
            if stale:
                with self._statement():
                    self.db.conn.executemany(
                        f"DELETE FROM victim_search WHERE rowid = {where}", stale
                    )
            if rowids is None:
                self.db.conn.executemany(
                    "INSERT INTO victim_search (rowid, names) "
                    "SELECT rowid, ? FROM victims WHERE id = ?",
                    fresh,
                )
            else:
                self._insert("INSERT INTO victim_search (rowid, names)", fresh, width=2)

        self._run(reindex, ids=list(latest))


def _variable_limit(db: Database) -> int:
    """How many ``?`` one statement may hold: the library's compiled limit, else SQLite's
    default (32,766 since SQLite 3.32)."""
    for (option,) in db.execute("PRAGMA compile_options"):
        name, _, value = str(option).partition("=")
        if name == "MAX_VARIABLE_NUMBER" and value.isdigit():
            return int(value)
    return 32_766


_META_CONFLICT = "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
_SET_META = f"INSERT INTO meta (key, value) VALUES (?, ?) {_META_CONFLICT}"


def _same_facts(stored: dict[str, Any], facts: dict[str, Any]) -> bool:
    """Whether ``facts`` says what ``stored`` says (stamps are not facts)."""
    return all(
        name in STAMPS or _as_stored(facts.get(name)) == value for name, value in stored.items()
    )


def _as_stored(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value
