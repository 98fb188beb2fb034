"""Lists of records for the GUI and the command line: filters, name search, sorting, paging.

Queries are built for a million victims: counts and pages come from indexed SQL, name search
from the FTS5 index over normalised names, and Arabic sorting from a stored normalised key
(after normalisation, code-point order is the Arabic alphabet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from snhr_desktop.domain.names import fts_query, normalise_arabic
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.store import TABLES


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What a list shows. Empty tuples and None mean "no restriction"."""

    text: str = ""
    perpetrators: tuple[str, ...] = ()
    governorates: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    statuses: tuple[str, ...] = ()
    incident_id: str | None = None


# Sortable columns per kind: column name -> SQL expression.
SORTS: dict[str, dict[str, str]] = {
    "incident": {
        "date": "r.date",
        "governorate": "r.governorate",
        "perpetrator": "r.perpetrator",
        "attack_type": "r.attack_type",
        "place": "coalesce(r.place_ar, r.place_en)",
        "victims": "(SELECT count(*) FROM victims v WHERE v.incident_id = r.id AND v.deleted = 0)",
    },
    "victim": {
        "name": "r.sort_name",
        "date_of_death": "r.date_of_death",
        "age": "r.age",
        "sex": "r.sex",
        "status": "r.status",
        "governorate": "r.governorate",
    },
    "facility_attack": {
        "category": "r.category",
        "name": "coalesce(r.name_ar, r.name_en)",
        "date": "r.date",
        "damage": "r.damage",
        "governorate": "r.governorate",
    },
}

_DATE_COLUMN = {"incident": "r.date", "victim": "r.date_of_death", "facility_attack": "r.date"}

# A name search reads the rows it finds (by rowid) and sorts them, except in name order when it
# finds more than this many victims: then walking the name index finds a page of them sooner.
# Walking the index for a rare name reads all of it (~0.1 s for a million victims), while reading
# and sorting a few thousand rows takes a few milliseconds; no other order has such an index.
FEW_MATCHES = 5_000


@dataclass(slots=True)
class RecordList:
    """A filtered, sorted list of one kind of record, read a page at a time."""

    ws: Workspace
    kind: str
    filter: ListFilter = field(default_factory=ListFilter)
    sort: str | None = None
    descending: bool = False
    _where: str = ""
    _params: list[Any] = field(default_factory=list)
    _match: str = ""  # the FTS query of a victims' name search
    _only_match: bool = False  # the name search is the list's only condition
    _matches: int | None = None  # how many victims the name search finds (as last counted)
    _lookup_where: str = ""  # _where reading the found rows by rowid (no index of the table)

    def __post_init__(self) -> None:
        self._where, self._params = self._build_where()

    def _build_where(self) -> tuple[str, list[Any]]:
        f = self.filter
        clauses = ["r.deleted = 0"]
        params: list[Any] = []
        needs_incident = self.kind != "incident" and bool(f.perpetrators)
        incident = "r" if self.kind == "incident" else "i"
        if f.perpetrators:
            clauses.append(f"{incident}.perpetrator IN ({','.join('?' * len(f.perpetrators))})")
            params += f.perpetrators
        if f.governorates:
            clauses.append(f"r.governorate IN ({','.join('?' * len(f.governorates))})")
            params += f.governorates
        date_column = _DATE_COLUMN[self.kind]
        if f.date_from:
            clauses.append(f"{date_column} >= ?")
            params.append(f.date_from.isoformat())
        if f.date_to:
            clauses.append(f"{date_column} <= ?")
            params.append(f.date_to.isoformat())
        if f.statuses and self.kind == "victim":
            clauses.append(f"r.status IN ({','.join('?' * len(f.statuses))})")
            params += f.statuses
        if f.incident_id and self.kind != "incident":
            clauses.append("r.incident_id = ?")
            params.append(f.incident_id)
        text = f.text.strip()
        if text and self.kind == "victim":
            query = fts_query(text)
            if query:
                clauses.append(
                    "r.rowid IN (SELECT rowid FROM victim_search WHERE victim_search MATCH ?)"
                )
                params.append(query)
                self._match = query
                self._only_match = len(clauses) == 2
        elif text:
            like = f"%{normalise_arabic(text)}%"
            columns: tuple[str, ...] = ("place_ar", "place_en", "description_ar", "description_en")
            if self.kind == "facility_attack":
                columns = ("name_ar", "name_en")
            clauses.append("(" + " OR ".join(f"normalise(r.{c}) LIKE ?" for c in columns) + ")")
            params += [like] * len(columns)
        join = " JOIN incidents i ON i.id = r.incident_id" if needs_incident else ""
        rest = f"{join} WHERE " + " AND ".join(clauses)
        self._lookup_where = f"FROM {TABLES[self.kind]} r NOT INDEXED{rest}"
        return f"FROM {TABLES[self.kind]} r{rest}", params

    def _count_matches(self) -> int:
        """How many victims the name search finds, from the search index alone."""
        self._matches = int(
            self.ws.store.db.execute(
                "SELECT count(*) FROM victim_search WHERE victim_search MATCH ?", [self._match]
            ).fetchone()[0]
        )
        return self._matches

    def _planned_where(self, *, name_order: bool = True) -> str:
        """``_where``, or for a name search the same reading only the rows found (see
        :data:`FEW_MATCHES`); ``name_order``: the rows are wanted in the name index's order."""
        if not self._match:
            return self._where
        if not name_order:
            return self._lookup_where
        matches = self._matches if self._matches is not None else self._count_matches()
        return self._lookup_where if matches <= FEW_MATCHES else self._where

    def count(self) -> int:
        if self._match and self._only_match:
            # The search index holds exactly the living victims (the store keeps it so on every
            # write), so its count is the list's; counting the rows would read a whole index.
            return self._count_matches()
        if self._match:
            self._count_matches()
        return int(
            self.ws.store.db.execute(
                f"SELECT count(*) {self._planned_where()}", self._params
            ).fetchone()[0]
        )

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        """Rows ``offset`` to ``offset + limit`` in the current order, as dicts of stored values."""
        order = SORTS[self.kind].get(self.sort or "", "r.rowid")
        direction = "DESC" if self.descending else "ASC"
        cursor = self.ws.store.db.execute(
            f"SELECT r.* {self._planned_where(name_order=self.sort == 'name')} "
            f"ORDER BY {order} {direction}, r.rowid {direction} LIMIT ? OFFSET ?",
            [*self._params, limit, offset],
        )
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def ids(self, limit: int | None = None) -> list[str]:
        sql = f"SELECT r.id {self._where} ORDER BY r.rowid"
        params = list(self._params)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row[0] for row in self.ws.store.db.execute(sql, params)]


def victims_of_incident(ws: Workspace, incident_id: str) -> list[dict[str, Any]]:
    return RecordList(ws, "victim", ListFilter(incident_id=incident_id), sort="name").page(
        0, 100_000
    )


def facility_attacks_of_incident(ws: Workspace, incident_id: str) -> list[dict[str, Any]]:
    return RecordList(ws, "facility_attack", ListFilter(incident_id=incident_id)).page(0, 100_000)


# The columns a drill-down list shows; victims and facility attacks fall back to their incident's
# date and governorate, as the summary counts them.
_DRILL_SQL = {
    "victim": (
        "SELECT v.id, v.name_ar, v.name_en, v.sex, v.age, v.age_group, "
        "coalesce(v.date_of_death, i.date) AS date, "
        "coalesce(v.governorate, i.governorate) AS governorate "
        "FROM victims v JOIN incidents i ON i.id = v.incident_id WHERE v.id IN ({marks})"
    ),
    "incident": (
        "SELECT i.id, i.date, i.governorate, i.place_ar, i.place_en, i.perpetrator, "
        "(SELECT count(*) FROM victims v WHERE v.incident_id = i.id AND v.deleted = 0 "
        "AND v.status = 'civilian') AS civilians FROM incidents i WHERE i.id IN ({marks})"
    ),
    "facility_attack": (
        "SELECT a.id, a.name_ar, a.name_en, a.category, a.damage, "
        "coalesce(a.date, i.date) AS date, coalesce(a.governorate, i.governorate) AS governorate "
        "FROM facility_attacks a JOIN incidents i ON i.id = a.incident_id WHERE a.id IN ({marks})"
    ),
}


def drilled_rows(ws: Workspace, kind: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows behind a figure's ids (see ``services.summary.drill``), in the same order; a
    record deleted since keeps its place with only its id."""
    sql = _DRILL_SQL[kind].format(marks=",".join("?" * len(ids)))
    cursor = ws.store.db.execute(sql, list(ids))
    names = [c[0] for c in cursor.description]
    found = {row[0]: dict(zip(names, row, strict=True)) for row in cursor}
    return [found.get(record_id, {"id": record_id}) for record_id in ids]
