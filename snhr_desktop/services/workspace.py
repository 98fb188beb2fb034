"""The open database as the application sees it: the one write path and the basic reads."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from snhr_desktop.domain.fields import Problem, RecordInvalid
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.methodology import DEFAULT_METHODOLOGY, Methodology
from snhr_desktop.domain.operation import Operation, changed_fields
from snhr_desktop.domain.records import (
    DOCUMENTED_TYPES,
    RECORD_TYPES,
    FacilityAttack,
    Incident,
    Record,
    Victim,
)
from snhr_desktop.storage import database, keys, tallies
from snhr_desktop.storage.database import integrity_problems
from snhr_desktop.storage.links import link_problems, relink_all
from snhr_desktop.storage.store import TABLES, Change, Store

CHILD_KINDS = (Victim.kind, FacilityAttack.kind)


def record_from_row(kind: str, row: dict[str, Any]) -> Record:
    """A stored row as its domain record (trusted data: validated, never rejected silently)."""
    model = RECORD_TYPES[kind]
    return model.model_validate({k: row[k] for k in model.model_fields if k in row})


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a record's history: who changed what and when."""

    operation: Operation
    changes: dict[str, tuple[Any, Any]]


class Workspace:
    """An unlocked database with its researcher and device; all changes go through here."""

    def __init__(self, store: Store, path: Path | None = None) -> None:
        self.store = store
        self.path = path

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: Path, passphrase: str, researcher: str, *, cost: keys.KdfCost | None = None
    ) -> Workspace:
        name = researcher.strip()
        if not name:
            raise RecordInvalid([Problem("researcher", Message.of("required"))])
        db = database.create_database(path, passphrase, cost)
        store = Store(db)
        with store.transaction():
            store.set_meta("device_id", secrets.token_hex(8))
            store.set_meta("researcher", name)
            store.set_meta("next_seq", "1")
        return cls(store, path)

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Workspace:
        return cls(Store(database.open_database(path, passphrase)), path)

    def close(self) -> None:
        self.store.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- identity and settings --------------------------------------------------------------
    @property
    def researcher(self) -> str:
        return self.store.meta("researcher") or ""

    @property
    def device_id(self) -> str:
        return self.store.device_id

    @property
    def methodology(self) -> Methodology:
        raw = self.store.meta("methodology")
        return Methodology.model_validate_json(raw) if raw else DEFAULT_METHODOLOGY

    def validation_context(self) -> dict[str, Any]:
        return {"child_age_limit": self.methodology.child_age_limit}

    # -- validating -------------------------------------------------------------------------
    def validate(self, kind: str, data: dict[str, Any]) -> Record:
        """A record from user input, or :class:`RecordInvalid` with bilingual problems."""
        return RECORD_TYPES[kind].parse(data, context=self.validation_context())

    # -- the one write path -----------------------------------------------------------------
    def apply(self, changes: Sequence[Change]) -> list[Operation]:
        """Write ``changes`` in one transaction, each with its operation; all or nothing."""
        with self.store.transaction():
            self._check_links(changes)
            return self.store.write(changes, self.researcher)

    def apply_in_chunks(
        self,
        changes: Sequence[Change],
        *,
        chunk: int = 5_000,
        progress: Callable[[int, int], None] | None = None,
    ) -> Counter[tuple[str, str]]:
        """Like :meth:`apply` for large imports: still one transaction (all or nothing), but
        written a chunk at a time so memory stays flat; returns counts by (kind, action)."""
        counts: Counter[tuple[str, str]] = Counter()
        with self.store.transaction():
            self._check_links(changes)
            for start in range(0, len(changes), chunk):
                for op in self.store.write(changes[start : start + chunk], self.researcher):
                    counts[(op.record_kind, op.action)] += 1
                if progress is not None:
                    progress(min(start + chunk, len(changes)), len(changes))
        return counts

    def save(self, record: Record) -> Operation | None:
        """Create or update one record; None when nothing changed."""
        operations = self.apply([Change(record)])
        return operations[0] if operations else None

    def save_many(self, records: Iterable[Record]) -> list[Operation]:
        return self.apply([Change(record) for record in records])

    def delete(self, kind: str, record_id: str) -> list[Operation]:
        """Tombstone a record; deleting an incident tombstones its victims and facility attacks."""
        record = self.get(kind, record_id)
        if record is None:
            raise UserError.of("record_not_found", value=record_id)
        changes = [Change(record, delete=True)]
        if kind == Incident.kind:
            for child_kind in CHILD_KINDS:
                for row in self.store.db.execute(
                    f"SELECT * FROM {TABLES[child_kind]} WHERE incident_id = ? AND deleted = 0",
                    [record_id],
                ).fetchall():
                    child = self.get(child_kind, row[0])
                    if child is not None:
                        changes.append(Change(child, delete=True))
        return self.apply(changes)

    def _check_links(self, changes: Sequence[Change]) -> None:
        """Victims and facility attacks must belong to a living incident."""
        created = {c.record.id for c in changes if c.record.kind == Incident.kind and not c.delete}
        deleted = {c.record.id for c in changes if c.record.kind == Incident.kind and c.delete}
        wanted = {
            c.record.incident_id  # type: ignore[attr-defined]
            for c in changes
            if c.record.kind in CHILD_KINDS and not c.delete
        }
        alive = (created | self.store.live_ids(Incident.kind, wanted - created)) - deleted
        missing = sorted(wanted - alive)
        if missing:
            raise RecordInvalid(
                [Problem("incident_id", Message.of("unknown_incident", value=m)) for m in missing]
            )

    # -- reading ----------------------------------------------------------------------------
    def get(self, kind: str, record_id: str, *, include_deleted: bool = False) -> Record | None:
        row = self.store.row(kind, record_id)
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return record_from_row(kind, row)

    def history(self, record_id: str) -> list[HistoryEntry]:
        """Every operation on the record, oldest first, with the fields each one changed."""
        entries: list[HistoryEntry] = []
        previous: dict[str, Any] | None = None
        for op in self.store.operations_for(record_id):
            changes = {} if op.action == "delete" else changed_fields(previous, op.snapshot)
            entries.append(HistoryEntry(op, changes))
            previous = op.snapshot
        return entries

    def counts(self) -> dict[str, int]:
        return {kind: self.store.count(kind) for kind in DOCUMENTED_TYPES}

    def check(self) -> list[str]:
        """Integrity problems (empty when the database is sound)."""
        problems = integrity_problems(self.store.db)
        for kind in CHILD_KINDS:
            orphans = self.store.db.execute(
                f"SELECT count(*) FROM {TABLES[kind]} c LEFT JOIN incidents i ON i.id = c.incident_id "
                "WHERE c.deleted = 0 AND (i.id IS NULL OR i.deleted = 1)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} {kind} records belong to no living incident")
        # A record merged from concurrent edits has several heads, space-separated: check each.
        missing = 0
        for table in TABLES.values():
            missing += self.store.db.execute(
                f"SELECT count(*) FROM {table} r LEFT JOIN operations o ON o.op_id = r.head "
                "WHERE instr(r.head, ' ') = 0 AND o.op_id IS NULL"
            ).fetchone()[0]
            merged = self.store.db.execute(f"SELECT head FROM {table} WHERE instr(head, ' ') > 0")
            for (heads,) in merged.fetchall():
                for op_id in heads.split():
                    found = self.store.db.execute(
                        "SELECT 1 FROM operations WHERE op_id = ?", [op_id]
                    ).fetchone()
                    missing += found is None
        if missing:
            problems.append(f"{missing} record heads have no operation in the log")
        # The summary tallies must equal a recount of the records (seconds on a million victims).
        problems += tallies.problems(self.store.db)
        problems += link_problems(self.store.db)
        return problems

    def repair(self) -> tuple[int, int]:
        """Derive again what is derived from the records, in one transaction: the "same person"
        links, then the summary tallies. Returns (victims relinked, tally differences found)."""
        with self.store.transaction():
            relinked = relink_all(self.store.db)
            differences = tallies.problems(self.store.db)
            if differences:
                tallies.rebuild(self.store.db, self.methodology.child_age_limit)
        return relinked, len(differences)
