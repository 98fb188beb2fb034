"""Conflicts left by merging bundles: each disputed field with every side's value, and decisions.

A record in conflict has several heads (concurrent operations). Its heads are numbered 1, 2, …
oldest first by (hybrid-clock stamp, device id): the same numbers for every field of the record
and on every coordinator's screen. A decision takes, per field, the value of one numbered head
(or keeps what the record shows now) and is written as a local operation that follows all the
heads, so it settles the conflict wherever it travels.

Because a decision follows whole heads, it settles every disputed field of the record at once,
here and wherever it arrives. A person may still decide one field at a time
(:func:`decide_fields`): the choices are kept in this database until every field has one, and
only then is the decision written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from snhr_desktop.domain.clock import HLC
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

    @property
    def time(self) -> dt.datetime:
        """When the side's operation was made (UTC), from its hybrid-clock stamp."""
        return dt.datetime.fromtimestamp(HLC.parse(self.hlc).millis / 1000, tz=dt.UTC)


@dataclass(frozen=True, slots=True)
class Dispute:
    """A field (or ``deleted``) that concurrent operations set differently."""

    field: str
    reason: str  # same_field, delete_edit or invalid_merge
    base: Any  # the value before the concurrent edits (None when unknown)
    sides: tuple[Side, ...]
    chosen: int | None = None  # the side a person chose, kept until every field is decided


@dataclass(frozen=True, slots=True)
class RecordConflict:
    """A record with open conflicts."""

    record_id: str
    kind: str
    label: str
    disputes: tuple[Dispute, ...]
    head: str = ""  # the record's heads (space-separated op ids) its conflicts were derived from

    @property
    def heads(self) -> int:
        return len(self.disputes[0].sides) if self.disputes else 0

    @property
    def undecided(self) -> tuple[str, ...]:
        """The disputed fields with no choice kept for them."""
        return tuple(d.field for d in self.disputes if d.chosen is None)

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
                    "chosen": d.chosen,
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


# Choices kept for a record until every disputed field has one, in ``meta`` under this prefix
# and the record's id: {"heads": the record's heads, "fields": {field: the chosen head's op id}}.
# They hold only while the record has those heads: new operations may bring new values.
CHOICES_KEY = "conflict_choices:"


def _kept_choices(ws: Workspace, record_id: str, head: str) -> dict[str, str]:
    raw = ws.store.meta(CHOICES_KEY + record_id)
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("heads") != head:
        return {}
    fields = data.get("fields")
    if not isinstance(fields, dict):
        return {}
    return {k: v for k, v in fields.items() if isinstance(k, str) and isinstance(v, str)}


def _chosen(sides: tuple[Side, ...], op_id: str | None) -> int | None:
    return next((s.number for s in sides if s.op_id == op_id), None)


def list_conflicts(ws: Workspace, record_id: str | None = None) -> list[RecordConflict]:
    """Records with open conflicts (one record's with ``record_id``), by kind and id, with the
    choices kept for their fields."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in open_conflict_rows(ws.store, record_id):
        grouped.setdefault(row["record_id"], []).append(row)
    found: list[RecordConflict] = []
    for rid, rows in grouped.items():
        kind = rows[0]["record_kind"]
        head = rows[0]["heads"]
        kept = _kept_choices(ws, rid, head)
        # The deletion dispute first: it decides whether the other fields matter at all.
        rows.sort(key=lambda r: (r["field"] != DELETED, r["field"]))
        disputes = []
        for r in rows:
            sides = _sides(r["candidates"], r["provisional"])
            disputes.append(
                Dispute(r["field"], r["reason"], r["base"], sides, _chosen(sides, kept.get(r["field"])))
            )
        found.append(
            RecordConflict(rid, kind, _label(kind, ws.store.row(kind, rid)), tuple(disputes), head)
        )
    return found


def _open_conflict(ws: Workspace, record_id: str) -> RecordConflict:
    conflicts = list_conflicts(ws, record_id)
    if not conflicts:
        raise UserError.of("conflicts_none_for", value=record_id)
    return conflicts[0]


def _check_choices(conflict: RecordConflict, choices: Mapping[str, int | None]) -> None:
    disputes = {d.field: d for d in conflict.disputes}
    for name, number in choices.items():
        if name not in disputes:
            raise UserError.of("conflicts_bad_field", value=name)
        if number is not None and not 1 <= number <= len(disputes[name].sides):
            raise UserError.of("conflicts_bad_choice", value=number)


def _forget_choices(ws: Workspace, record_id: str) -> None:
    """Drop the choices kept for ``record_id``, and any kept for records whose heads have
    changed since (they no longer apply). Inside the caller's transaction."""
    db = ws.store.db
    db.execute("DELETE FROM meta WHERE key = ?", [CHOICES_KEY + record_id])
    for key, raw in db.execute(
        "SELECT key, value FROM meta WHERE key GLOB ?", [CHOICES_KEY + "*"]
    ).fetchall():
        rid = key[len(CHOICES_KEY):]
        kind = ws.store.find_kind(rid)
        row = ws.store.row(kind, rid) if kind else None
        try:
            stale = row is None or json.loads(raw).get("heads") != row["head"]
        except (ValueError, AttributeError):
            stale = True
        if stale:
            db.execute("DELETE FROM meta WHERE key = ?", [key])


def decide_fields(
    ws: Workspace, record_id: str, choices: Mapping[str, int | None]
) -> Operation | None:
    """Decide some of a record's disputed fields: per field the number of the side to keep, or
    None to leave it undecided (withdrawing an earlier choice). Fields not named keep the choice
    made earlier, if any.

    While a field is undecided nothing is written to the record or the log: the choices are
    kept in this database only (they are not sent), and the record stays in conflict, showing
    its provisional values, here and everywhere else. A decision follows every head of the
    record, so an operation written now would settle the undecided fields too, on every
    installation it reaches, with no trace that nobody decided them. Once every field has a
    choice, the decision is written (and returned) as :func:`resolve_conflicts` writes it; it
    travels in this installation's next bundle. Choices that do not make a valid record
    together raise :class:`RecordInvalid` and change nothing.
    """
    conflict = _open_conflict(ws, record_id)
    _check_choices(conflict, choices)
    kept = {d.field: d.chosen for d in conflict.disputes if d.chosen is not None}
    for name, number in choices.items():
        if number is None:
            kept.pop(name, None)
        else:
            kept[name] = number
    if len(kept) == len(conflict.disputes):
        return _decide(ws, conflict, kept, None)
    sides = conflict.disputes[0].sides
    with ws.store.transaction():
        _forget_choices(ws, record_id)
        if kept:
            fields = {name: sides[number - 1].op_id for name, number in sorted(kept.items())}
            ws.store.set_meta(
                CHOICES_KEY + record_id, json.dumps({"heads": conflict.head, "fields": fields})
            )
    return None


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
    record's heads; it travels in this installation's next bundle. It replaces any choices kept
    for the record by :func:`decide_fields`.
    """
    conflict = _open_conflict(ws, record_id)
    choices = dict(choices or {})
    _check_choices(conflict, choices)
    if take is not None and not 1 <= take <= conflict.heads:
        raise UserError.of("conflicts_bad_choice", value=take)
    return _decide(ws, conflict, choices, take)


def _decide(
    ws: Workspace, conflict: RecordConflict, choices: Mapping[str, int], take: int | None
) -> Operation:
    record_id = conflict.record_id
    disputes = {d.field: d for d in conflict.disputes}
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
        _forget_choices(ws, record_id)
        return append_decision(
            ws.store, conflict.kind, record_id, snapshot, delete=delete, author=ws.researcher
        )
