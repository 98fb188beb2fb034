"""Unsaved form contents, autosaved into the encrypted database so a crash loses nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.store import now_iso


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    kind: str
    data: dict[str, Any]
    saved_at: str


def save_draft(ws: Workspace, key: str, kind: str, data: dict[str, Any]) -> None:
    """Keep ``data`` under ``key`` (e.g. "victim:<id>"), replacing any earlier draft."""
    with ws.store.transaction() as db:
        db.execute(
            "INSERT INTO drafts (draft_key, kind, data, saved_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(draft_key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at",
            [key, kind, json.dumps(data, ensure_ascii=False, default=str), now_iso()],
        )


def discard_draft(ws: Workspace, key: str) -> None:
    with ws.store.transaction() as db:
        db.execute("DELETE FROM drafts WHERE draft_key = ?", [key])


def drafts(ws: Workspace) -> list[Draft]:
    """Drafts left from an earlier session, newest first."""
    rows = ws.store.db.execute(
        "SELECT draft_key, kind, data, saved_at FROM drafts ORDER BY saved_at DESC"
    ).fetchall()
    return [Draft(r[0], r[1], json.loads(r[2]), r[3]) for r in rows]


def draft(ws: Workspace, key: str) -> Draft | None:
    return next((d for d in drafts(ws) if d.key == key), None)
