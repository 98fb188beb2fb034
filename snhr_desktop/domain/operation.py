"""An operation: one immutable entry of the log that records every create, update and delete."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from snhr_desktop.domain.clock import HLC

ACTIONS = ("create", "update", "delete")

# The snapshot's stored text (compact, non-ASCII kept): one encoder for every operation.
_SNAPSHOT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def op_id_for(device_id: str, seq: int) -> str:
    """Operation ids are the device id and the device's sequence number: unique without a server."""
    return f"{device_id}:{seq}"


@dataclass(frozen=True, slots=True)
class Operation:
    op_id: str
    device_id: str
    seq: int
    record_id: str
    record_kind: str
    action: str
    author: str
    hlc: str
    parents: tuple[str, ...]
    snapshot: dict[str, Any] = field(hash=False)

    @property
    def timestamp(self) -> dt.datetime:
        """Wall-clock time of the operation (UTC), from its hybrid-clock stamp."""
        millis = HLC.parse(self.hlc).millis
        return dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)

    def row(self) -> tuple[Any, ...]:
        return (
            self.op_id,
            self.device_id,
            self.seq,
            self.record_id,
            self.record_kind,
            self.action,
            self.author,
            self.hlc,
            json.dumps(list(self.parents)) if self.parents else "[]",
            _SNAPSHOT_JSON.encode(self.snapshot),
        )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Operation:
        return cls(
            op_id=row["op_id"],
            device_id=row["device_id"],
            seq=int(row["seq"]),
            record_id=row["record_id"],
            record_kind=row["record_kind"],
            action=row["action"],
            author=row["author"],
            hlc=row["hlc"],
            parents=tuple(json.loads(row["parents"])),
            snapshot=json.loads(row["snapshot"]),
        )


def changed_fields(
    before: dict[str, Any] | None, after: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Field -> (old, new) for the facts that differ; stamps are not facts."""
    before = before or {}
    stamps = {"created_at", "updated_at"}
    return {
        name: (before.get(name), value)
        for name, value in after.items()
        if name not in stamps and before.get(name) != value
    }
