"""The warning shown while typing a victim: saved victims that are probably the same person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.store import victim_name_key

WINDOW_DAYS = 2


def possible_duplicates(
    ws: Workspace,
    values: dict[str, Any],
    *,
    exclude_id: str | None = None,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Saved victims with the same normalised name, a date of death within two days and the
    same governorate as ``values`` (a victim being typed: name_ar/name_en, date_of_death,
    governorate)."""
    key = victim_name_key(values)
    death = values.get("date_of_death")
    if not key or not death:
        return []
    day = death if isinstance(death, dt.date) else dt.date.fromisoformat(str(death))
    low = (day - dt.timedelta(days=WINDOW_DAYS)).isoformat()
    high = (day + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    sql = (
        "SELECT * FROM victims WHERE name_key = ? AND date_of_death BETWEEN ? AND ? "
        "AND deleted = 0 AND id IS NOT ?"
    )
    params: list[Any] = [key, low, high, exclude_id]
    if values.get("governorate"):
        sql += " AND governorate = ?"
        params.append(values["governorate"])
    cursor = ws.store.db.execute(sql + " LIMIT ?", [*params, limit])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
