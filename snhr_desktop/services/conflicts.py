"""Conflicts left by merging bundles: each disputed field with every side's value, and decisions.

A record in conflict has several heads (concurrent operations). Its heads are numbered 1, 2, …
oldest first by (hybrid-clock stamp, device id): the same numbers for every field of the record
and on every coordinator's screen. A decision takes, per field, the value of one numbered head
(or keeps what the record shows now) and is written as a local operation that follows all the
heads, so it settles the conflict wherever it travels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.operation import Operation
from snhr_desktop.domain.records import RECORD_TYPES
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.merge import DELETED, Candidate, append_decision, open_conflict_rows
from snhr_desktop.storage.store import now_iso


@dataclass(frozen=True, slots=True)
class Side:
    """One head's value of a disputed field."""

    number: int
    op_id: str
    device_id: str
    author: str
    hlc: str
    value: Any
    shown: bool  # the value the record shows until a person decides


@dataclass(frozen=True, slots=True)
class Dispute:
    """A field (or ``deleted``) that concurrent operations set differently."""

    field: str
    reason: str  # same_field, delete_edit or invalid_merge
    base: Any  # the value before the concurrent edits (None when unknown)
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class RecordConflict:
    """A record with open conflicts."""

    record_id: str
    kind: str
    label: str
    disputes: tuple[Dispute, ...]

    @property
    def heads(self) -> int:
        return len(self.disputes[0].sides) if self.disputes else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "kind": self.kind,
            "label": self.label,
            "fields": [
                {
                    "field": d.field,
                    "reason": d.reason,
                    "base": d.base,
                    "sides": [
                        {
                            "number": s.number,
                            "op_id": s.op_id,
                            "device_id": s.device_id,
                            "author": s.author,
                            "hlc": s.hlc,
                            "value": s.value,
                            "shown": s.shown,
                        }
                        for s in d.sides
                    ],
                }
                for d in self.disputes
            ],
        }


def _label(kind: str, row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if kind == "incident":
        place = row.get("place_ar") or row.get("place_en") or row.get("governorate") or ""
        return f"{row.get('date') or ''} {place}".strip()
    return str(row.get("name_ar") or row.get("name_en") or row.get("category") or "")


def _sides(candidates: list[Candidate], provisional: str) -> tuple[Side, ...]:
    return tuple(
        Side(i, c.op_id, c.device_id, c.author, c.hlc, c.value, c.op_id == provisional)
        for i, c in enumerate(candidates, start=1)
    )


def list_conflicts(ws: Workspace, record_id: str | None = None) -> list[RecordConflict]:
    """Records with open conflicts (one record's with ``record_id``), by kind and id."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in open_conflict_rows(ws.store, record_id):
        grouped.setdefault(row["record_id"], []).append(row)
    found: list[RecordConflict] = []
    for rid, rows in grouped.items():
        kind = rows[0]["record_kind"]
        # The deletion dispute first: it decides whether the other fields matter at all.
        rows.sort(key=lambda r: (r["field"] != DELETED, r["field"]))
        disputes = tuple(
            Dispute(r["field"], r["reason"], r["base"], _sides(r["candidates"], r["provisional"]))
            for r in rows
        )
        found.append(RecordConflict(rid, kind, _label(kind, ws.store.row(kind, rid)), disputes))
    return found


def resolve_conflicts(
    ws: Workspace,
    record_id: str,
    choices: Mapping[str, int] | None = None,
    *,
    take: int | None = None,
) -> Operation:
    """Decide a record's conflicts: per field the number of the side to keep (``choices``), for
    the fields not named the side ``take`` (default: what the record shows now).

    The decision is validated like any edit, then written as a local operation following all the
    record's heads; it travels in this installation's next bundle.
    """
    conflicts = list_conflicts(ws, record_id)
    if not conflicts:
        raise UserError.of("conflicts_none_for", value=record_id)
    conflict = conflicts[0]
    choices = dict(choices or {})
    disputes = {d.field: d for d in conflict.disputes}
    for name, number in choices.items():
        if name not in disputes:
            raise UserError.of("conflicts_bad_field", value=name)
        if not 1 <= number <= len(disputes[name].sides):
            raise UserError.of("conflicts_bad_choice", value=number)
    if take is not None and not 1 <= take <= conflict.heads:
        raise UserError.of("conflicts_bad_choice", value=take)
    row = ws.store.row(conflict.kind, record_id)
    if row is None:  # a conflict row always has its record
        raise UserError.of("record_not_found", value=record_id)
    fields = RECORD_TYPES[conflict.kind].model_fields
    values = {name: row[name] for name in fields}
    delete = False
    for name, dispute in disputes.items():
        chosen = choices.get(name, take)
        side = dispute.sides[chosen - 1] if chosen is not None else None
        if name == DELETED:
            delete = bool(side.value) if side is not None else False
        elif side is not None:
            values[name] = side.value
    record = ws.validate(conflict.kind, {k: v for k, v in values.items() if k not in ("created_at",
                                                                                      "updated_at")})
    snapshot = {**record.snapshot(), "created_at": row["created_at"], "updated_at": now_iso()}
    with ws.store.transaction():
        return append_decision(
            ws.store, conflict.kind, record_id, snapshot, delete=delete, author=ws.researcher
        )
