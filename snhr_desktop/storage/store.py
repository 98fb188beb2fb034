"""Records and the operations log on one connection: the only code that writes them.

Every change is written together with its operation in the caller's transaction, so the tables
and the log can never disagree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import operator
from collections.abc import Iterable, Iterator, Sequence
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
    words += [search_key(values[n]) for n in ("father_name", "family_name") if values.get(n)]
    if latin:
        words.append(latin)
    return sort_name, name_key, " ".join(words)


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

    # -- metadata ---------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

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

    # -- reading ----------------------------------------------------------------------------
    def row(self, kind: str, record_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {TABLES[kind]} WHERE id = ?", [record_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([c[0] for c in cursor.description], found, strict=True))

    def find_kind(self, record_id: str) -> str | None:
        for kind, table in TABLES.items():
            if self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
                return kind
        return None

    def live_ids(self, kind: str, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that exist and are not deleted."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT id FROM {TABLES[kind]} WHERE deleted = 0 AND id IN ({marks})", chunk
                )
            )
        return found

    def rows(
        self, kind: str, *, include_deleted: bool = False, order: str = "rowid"
    ) -> Iterator[dict[str, Any]]:
        where = "" if include_deleted else "WHERE deleted = 0"
        cursor = self.db.execute(f"SELECT * FROM {TABLES[kind]} {where} ORDER BY {order}")
        names = [c[0] for c in cursor.description]
        for found in cursor:
            yield dict(zip(names, found, strict=True))

    def count(self, kind: str, *, include_deleted: bool = False) -> int:
        where = "" if include_deleted else "WHERE deleted = 0"
        return int(self.db.execute(f"SELECT count(*) FROM {TABLES[kind]} {where}").fetchone()[0])

    def operations_for(self, record_id: str) -> list[Operation]:
        cursor = self.db.execute(
            "SELECT * FROM operations WHERE record_id = ? ORDER BY hlc, device_id, seq", [record_id]
        )
        names = [c[0] for c in cursor.description]
        return [Operation.from_row(dict(zip(names, r, strict=True))) for r in cursor]

    def operation_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM operations").fetchone()[0])

    def _existing(self, kind: str, ids: Sequence[str]) -> dict[str, Existing]:
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
            upserts: list[dict[str, Any]] = []
            for change in kind_changes:
                record = change.record
                before = existing.get(record.id)
                current = record.snapshot()
                facts = {k: v for k, v in current.items() if k not in STAMPS}
                if change.delete:
                    if before is None or before.deleted:
                        continue
                    action = "delete"
                elif before is None:
                    action = "create"
                elif not before.deleted and _same_facts(before.facts, facts):
                    continue
                else:
                    action = "update"
                created = before.created_at if before and before.created_at else stamp
                snapshot = {**current, "created_at": created, "updated_at": stamp}
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
                    snapshot=snapshot,
                )
                seq += 1
                operations.append(op)
                row = {**snapshot, "deleted": 1 if action == "delete" else 0, "head": op.op_id}
                if kind == Victim.kind:
                    row["sort_name"], row["name_key"], row["search_text"] = victim_keys(row)
                upserts.append(row)
                existing[record.id] = Existing(
                    before.rowid if before else -1, op.op_id, action == "delete", created, facts
                )
            self._upsert(kind, upserts)
            if kind == Victim.kind:
                self._reindex_victims(
                    upserts, existing_ids={i for i, e in existing.items() if e.rowid >= 0}
                )
        self.db.conn.executemany(
            "INSERT INTO operations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [op.row() for op in operations],
        )
        self.set_meta("next_seq", str(seq))
        self.set_meta("hlc", str(clock))
        return operations

    def _upsert(self, kind: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = (*RECORD_FIELDS[kind], *DERIVED_COLUMNS.get(kind, ()), "deleted", "head")
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        self.db.conn.executemany(
            f"INSERT INTO {TABLES[kind]} ({names}) VALUES ({marks}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            list(map(operator.itemgetter(*columns), rows)),
        )
        # "Same person" links are derived from decisions and living victims: keep them so.
        if kind == PairDecision.kind:
            relink(self.db, {row[side] for row in rows for side in ("victim_a", "victim_b")})
        elif kind == Victim.kind:
            relink(self.db, {row["id"] for row in rows})

    def _reindex_victims(self, rows: list[dict[str, Any]], existing_ids: set[str]) -> None:
        stale = [(key,) for key in {row["id"] for row in rows} if key in existing_ids]
        if stale:
            self.db.conn.executemany(
                "DELETE FROM victim_search WHERE rowid = (SELECT rowid FROM victims WHERE id = ?)",
                stale,
            )
        latest = {row["id"]: row for row in rows}
        fresh = [(row["search_text"], key) for key, row in latest.items() if not row["deleted"]]
        self.db.conn.executemany(
            "INSERT INTO victim_search (rowid, names) SELECT rowid, ? FROM victims WHERE id = ?",
            fresh,
        )


def _same_facts(stored: dict[str, Any], facts: dict[str, Any]) -> bool:
    return all(_as_stored(facts.get(name)) == value for name, value in stored.items())


def _as_stored(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value
