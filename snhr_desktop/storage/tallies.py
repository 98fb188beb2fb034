"""Summary tallies: counts of living civilians and facility attacks, kept exact by triggers.

A full summary over a million victims cannot read a million rows in the time a person waits, so
the figures are read from small derived tables that SQLite keeps equal to a recount of the records
on every write (local edits, imports and merges alike: they all end in INSERT … ON CONFLICT DO
UPDATE on the record tables, and links end in UPDATE victims):

* ``victim_tally_day`` and ``victim_tally_month``: living, civilian victims of living incidents,
  by the day (or month) and governorate they are placed at, the incident's perpetrator and the
  victim's special category: the civilians counted (``linked = 0``), among them children, women
  and men by the child age limit in ``tally_settings``, and the civilians left out because they
  are linked as the same person as another record (``linked``).
* ``facility_tally_day`` and ``facility_tally_month``: living facility attacks of living
  incidents by day (month), governorate, perpetrator and category.
* ``incident_tally``: each living incident's counted civilians, with its own date, governorate
  and perpetrator (massacres are incidents with at least the threshold; the threshold is applied
  when reading).

Placement is the summary's: a victim's (or attack's) own date and governorate, else the
incident's. A summary reads the month rows of the whole months of its period and the day rows of
the months it cuts (``services/summary.py``).

The classification of children, women and men depends on the child age limit, which is a
setting: ``tally_settings`` records the limit the tallies were counted with, a summary with
another limit counts from the records instead, and changing the setting rebuilds the tallies
(:func:`rebuild`). The triggers maintain the invariant

    tally = Σ over records of contribution(record, its incident as it is now)

record by record: a victim's or attack's trigger moves its own contribution from its old values
to its new ones against its incident as it is; an incident's trigger moves the contributions of
all its children from the incident's old values to its new ones. Rows whose counts fall to zero
are left in place (they add nothing); :func:`problems` ignores them.

The definitions here are installed by a migration (``m005_summary_tallies``). Changing them
needs a new migration that calls :func:`install` again (it drops and recreates everything); so
does a migration that rebuilds the ``victims``, ``incidents`` or ``facility_attacks`` table (a
table's triggers go with it). :func:`problems` (run by ``Workspace.check``) finds any drift.
"""

from __future__ import annotations

import json
from typing import Final

from sqlite_utils import Database

from snhr_desktop.domain.methodology import DEFAULT_METHODOLOGY

__all__ = ["install", "problems", "rebuild", "tally_age_limit", "usable"]

VICTIM_COUNTS: Final = ("civilians", "children", "women", "men", "linked")
SPANS: Final = ("day", "month")
_KEY = ("governorate", "perpetrator", "category")
_LIVING_CIVILIAN = "{r}.deleted = 0 AND {r}.status = 'civilian'"

# A victim's columns whose change can move its contribution; an incident's and an attack's.
_VICTIM_FIELDS = (
    "incident_id", "deleted", "status", "linked", "date_of_death", "governorate", "sex", "age",
    "age_group", "category",
)
_INCIDENT_FIELDS = ("date", "governorate", "perpetrator", "deleted")
_FACILITY_FIELDS = ("incident_id", "deleted", "date", "governorate", "category")

TABLES: Final = (
    "victim_tally_day", "victim_tally_month", "facility_tally_day", "facility_tally_month",
    "incident_tally", "tally_settings",
)


# -- definitions -----------------------------------------------------------------------------------
def _tables_sql(prefix: str = "", temp: bool = False) -> str:
    """The derived tables; ``prefix`` and ``temp`` make a scratch copy to recount into."""
    create = "CREATE TEMP TABLE" if temp else "CREATE TABLE"
    parts = []
    for span in SPANS:
        parts.append(
            f"{create} {prefix}victim_tally_{span} ({span} TEXT NOT NULL, "
            "governorate TEXT NOT NULL, perpetrator TEXT NOT NULL, category TEXT NOT NULL, "
            + ", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in VICTIM_COUNTS)
            + f", PRIMARY KEY ({span}, governorate, perpetrator, category)) WITHOUT ROWID;"
        )
        parts.append(
            f"{create} {prefix}facility_tally_{span} ({span} TEXT NOT NULL, "
            "governorate TEXT NOT NULL, perpetrator TEXT NOT NULL, category TEXT NOT NULL, "
            "attacks INTEGER NOT NULL DEFAULT 0, "
            f"PRIMARY KEY ({span}, governorate, perpetrator, category)) WITHOUT ROWID;"
        )
    parts.append(
        f"{create} {prefix}incident_tally (incident_id TEXT PRIMARY KEY, day TEXT NOT NULL, "
        "governorate TEXT NOT NULL, perpetrator TEXT NOT NULL, "
        "civilians INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    )
    return "\n".join(parts)


def _victim_values(r: str, *, sign: str, grouped: bool, linked: str | None = None) -> list[str]:
    """The counts one victim row ``r`` adds (``sign`` "+" or "-"), summed when ``grouped``.
    ``linked`` replaces the row's own ``linked`` column (to count from an index without it)."""
    link = linked if linked is not None else f"{r}.linked"
    counted = f"{link} = 0"
    child = f"coalesce({r}.age < s.child_age_limit, {r}.age_group = 'child')"
    adult = f"coalesce({r}.age >= s.child_age_limit, {r}.age_group = 'adult')"
    values = [
        counted,
        f"{counted} AND {child}",
        f"{counted} AND {adult} AND {r}.sex = 'female'",
        f"{counted} AND {adult} AND {r}.sex = 'male'",
        f"{link} <> 0",
    ]
    return [f"{sign}sum({v})" if grouped else f"{sign}({v})" for v in values]


def _adding(columns: tuple[str, ...]) -> str:
    return ", ".join(f"{c} = {c} + excluded.{c}" for c in columns)


def _victim_upsert(
    span: str, r: str, i: str, source: str, where: str, *, sign: str, grouped: bool,
    linked: str | None = None, into: str = "",
) -> str:
    """Add (or take away) the contributions of victims ``r`` of incidents ``i`` to one table."""
    day = f"coalesce({r}.date_of_death, {i}.date)"
    placed = day if span == "day" else f"substr({day}, 1, 7)"
    values = ", ".join(_victim_values(r, sign=sign, grouped=grouped, linked=linked))
    group = " GROUP BY 1, 2, 3, 4" if grouped else ""
    return (
        f"INSERT INTO {into}victim_tally_{span} ({span}, {', '.join(_KEY)}, "
        f"{', '.join(VICTIM_COUNTS)}) "
        f"SELECT {placed}, coalesce({r}.governorate, {i}.governorate), {i}.perpetrator, "
        f"{r}.category, {values} FROM {source} WHERE {where}{group} "
        f"ON CONFLICT DO UPDATE SET {_adding(VICTIM_COUNTS)};"
    )


def _facility_upsert(
    span: str, a: str, i: str, source: str, where: str, *, sign: str, grouped: bool,
    into: str = "",
) -> str:
    day = f"coalesce({a}.date, {i}.date)"
    placed = day if span == "day" else f"substr({day}, 1, 7)"
    value = f"{sign}count(*)" if grouped else f"{sign}1"
    group = " GROUP BY 1, 2, 3, 4" if grouped else ""
    return (
        f"INSERT INTO {into}facility_tally_{span} ({span}, {', '.join(_KEY)}, attacks) "
        f"SELECT {placed}, coalesce({a}.governorate, {i}.governorate), {i}.perpetrator, "
        f"{a}.category, {value} FROM {source} WHERE {where}{group} "
        "ON CONFLICT DO UPDATE SET attacks = attacks + excluded.attacks;"
    )


def _changed(row_fields: tuple[str, ...]) -> str:
    return " OR ".join(f"old.{f} IS NOT new.{f}" for f in row_fields)


def _victim_row(r: str, sign: str) -> list[str]:
    """A victim trigger's statements moving the contribution of ``r`` (new or old)."""
    source = "incidents i, tally_settings s"
    where = (
        f"i.id = {r}.incident_id AND i.deleted = 0 AND {_LIVING_CIVILIAN.format(r=r)}"
    )
    statements = [
        _victim_upsert(span, r, "i", source, where, sign=sign, grouped=False) for span in SPANS
    ]
    counted = f"{_LIVING_CIVILIAN.format(r=r)} AND {r}.linked = 0"
    if sign == "+":
        statements.append(
            "INSERT INTO incident_tally "
            "SELECT i.id, i.date, i.governorate, i.perpetrator, 1 FROM incidents i "
            f"WHERE i.id = {r}.incident_id AND i.deleted = 0 AND {counted} "
            "ON CONFLICT DO UPDATE SET civilians = civilians + 1;"
        )
    else:
        # The incident's row exists exactly when the incident is living (see _incident_row).
        statements.append(
            "UPDATE incident_tally SET civilians = civilians - 1 "
            f"WHERE incident_id = {r}.incident_id AND {counted};"
        )
    return statements


def _facility_row(a: str, sign: str) -> list[str]:
    source = "incidents i"
    where = f"i.id = {a}.incident_id AND i.deleted = 0 AND {a}.deleted = 0"
    return [
        _facility_upsert(span, a, "i", source, where, sign=sign, grouped=False) for span in SPANS
    ]


def _incident_row(i: str, sign: str) -> list[str]:
    """An incident trigger's statements moving its children's contributions with it."""
    victims = _LIVING_CIVILIAN.format(r="v")
    # Forced: with no statistics SQLite may walk a whole index on ``deleted`` instead.
    by_incident = "victims v INDEXED BY victims_incident"
    statements = [
        _victim_upsert(
            span, "v", i, f"{by_incident}, tally_settings s",
            f"v.incident_id = {i}.id AND {victims} AND {i}.deleted = 0",
            sign=sign, grouped=True,
        )
        for span in SPANS
    ]
    statements += [
        _facility_upsert(
            span, "a", i, "facility_attacks a",
            f"a.incident_id = {i}.id AND a.deleted = 0 AND {i}.deleted = 0",
            sign=sign, grouped=True,
        )
        for span in SPANS
    ]
    if sign == "-":
        statements.append(f"DELETE FROM incident_tally WHERE incident_id = {i}.id;")
    else:
        statements.append(
            f"INSERT INTO incident_tally SELECT {i}.id, {i}.date, {i}.governorate, "
            f"{i}.perpetrator, n FROM (SELECT count(*) AS n FROM {by_incident} "
            f"WHERE v.incident_id = {i}.id AND {victims} AND v.linked = 0) "
            f"WHERE n > 0 AND {i}.deleted = 0;"
        )
    return statements


def _trigger(name: str, when: str, statements: list[str]) -> str:
    body = "\n    ".join(statements)
    return f"CREATE TRIGGER {name} {when}\nBEGIN\n    {body}\nEND;"


def _triggers_sql() -> str:
    living_civilian = _LIVING_CIVILIAN.format(r="new"), _LIVING_CIVILIAN.format(r="old")
    triggers = [
        _trigger(
            "tally_victims_insert",
            f"AFTER INSERT ON victims WHEN {living_civilian[0]}",
            _victim_row("new", "+"),
        ),
        _trigger(
            "tally_victims_update",
            f"AFTER UPDATE ON victims WHEN {_changed(_VICTIM_FIELDS)}",
            _victim_row("old", "-") + _victim_row("new", "+"),
        ),
        _trigger(
            "tally_victims_delete",
            f"AFTER DELETE ON victims WHEN {living_civilian[1]}",
            _victim_row("old", "-"),
        ),
        _trigger(
            "tally_incidents_insert",
            "AFTER INSERT ON incidents WHEN new.deleted = 0",
            _incident_row("new", "+"),
        ),
        _trigger(
            "tally_incidents_update",
            f"AFTER UPDATE OF {', '.join(_INCIDENT_FIELDS)} ON incidents "
            f"WHEN {_changed(_INCIDENT_FIELDS)}",
            _incident_row("old", "-") + _incident_row("new", "+"),
        ),
        _trigger(
            "tally_incidents_delete",
            "AFTER DELETE ON incidents WHEN old.deleted = 0",
            _incident_row("old", "-"),
        ),
        _trigger(
            "tally_facility_attacks_insert",
            "AFTER INSERT ON facility_attacks WHEN new.deleted = 0",
            _facility_row("new", "+"),
        ),
        _trigger(
            "tally_facility_attacks_update",
            f"AFTER UPDATE ON facility_attacks WHEN {_changed(_FACILITY_FIELDS)}",
            _facility_row("old", "-") + _facility_row("new", "+"),
        ),
        _trigger(
            "tally_facility_attacks_delete",
            "AFTER DELETE ON facility_attacks WHEN old.deleted = 0",
            _facility_row("old", "-"),
        ),
    ]
    return "\n".join(triggers)


TRIGGERS: Final = (
    "tally_victims_insert", "tally_victims_update", "tally_victims_delete",
    "tally_incidents_insert", "tally_incidents_update", "tally_incidents_delete",
    "tally_facility_attacks_insert", "tally_facility_attacks_update",
    "tally_facility_attacks_delete",
)


# -- filling ---------------------------------------------------------------------------------------
def _fill_sql(into: str = "") -> list[str]:
    """Statements that count every tally from the records into empty tables (``into``: a
    prefix naming scratch copies). They read the summary's covering indexes (migration m002),
    not the wide rows: every living civilian is first counted as if none were linked, then the
    few linked ones (found through ``victims_person``) are moved to the ``linked`` count."""
    civilians = "v.deleted = 0 AND v.status = 'civilian'"
    all_civilians = (
        "victims v INDEXED BY victims_civilian_incident CROSS JOIN incidents i INDEXED BY "
        "incidents_live ON i.id = v.incident_id, tally_settings s"
    )
    linked_civilians = (
        "victims v INDEXED BY victims_person CROSS JOIN incidents i ON i.id = v.incident_id, "
        "tally_settings s"
    )
    linked_where = f"v.person_id IS NOT NULL AND v.linked = 1 AND {civilians} AND i.deleted = 0"
    statements = [
        _victim_upsert("day", "v", "i", all_civilians, f"{civilians} AND i.deleted = 0",
                       sign="", grouped=True, linked="0", into=into),
        _victim_upsert("day", "v", "i", linked_civilians, linked_where,
                       sign="-", grouped=True, linked="0", into=into),
        _victim_upsert("day", "v", "i", linked_civilians, linked_where,
                       sign="", grouped=True, linked="1", into=into),
        f"INSERT INTO {into}victim_tally_month SELECT substr(day, 1, 7), {', '.join(_KEY)}, "
        + ", ".join(f"sum({c})" for c in VICTIM_COUNTS)
        + f" FROM {into}victim_tally_day GROUP BY 1, 2, 3, 4;",
        _facility_upsert(
            "day", "a", "i",
            "facility_attacks a INDEXED BY facility_attacks_live CROSS JOIN incidents i "
            "INDEXED BY incidents_live ON i.id = a.incident_id",
            "a.deleted = 0 AND i.deleted = 0", sign="", grouped=True, into=into,
        ),
        f"INSERT INTO {into}facility_tally_month SELECT substr(day, 1, 7), {', '.join(_KEY)}, "
        f"sum(attacks) FROM {into}facility_tally_day GROUP BY 1, 2, 3, 4;",
        f"INSERT INTO {into}incident_tally SELECT i.id, i.date, i.governorate, i.perpetrator, "
        "x.n FROM (SELECT incident_id, count(*) AS n FROM victims INDEXED BY "
        "victims_civilian_incident WHERE deleted = 0 AND status = 'civilian' "
        "GROUP BY incident_id) x CROSS JOIN incidents i INDEXED BY incidents_live "
        "ON i.id = x.incident_id WHERE i.deleted = 0;",
        f"UPDATE {into}incident_tally SET civilians = civilians - x.n FROM ("
        "SELECT incident_id, count(*) AS n FROM victims v INDEXED BY victims_person "
        f"WHERE v.person_id IS NOT NULL AND v.linked = 1 AND {civilians} "
        f"GROUP BY incident_id) x WHERE {into}incident_tally.incident_id = x.incident_id;",
    ]
    return statements


def _stored_age_limit(db: Database) -> int:
    """The child age limit of the database's methodology setting (the default without one)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'methodology'").fetchone()
    if row is not None:
        value = json.loads(row[0]).get("child_age_limit")
        if isinstance(value, int):
            return value
    return DEFAULT_METHODOLOGY.child_age_limit


def install(db: Database) -> None:
    """Create (or recreate) the tallies and their triggers and count them from the records."""
    for trigger in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in TABLES:
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.executescript(
        _tables_sql()
        + "\nCREATE TABLE tally_settings (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "child_age_limit INTEGER NOT NULL);"
        "\nCREATE INDEX incident_tally_civilians "
        "ON incident_tally(civilians, perpetrator, day, governorate);\n"
        + _triggers_sql()
    )
    rebuild(db, _stored_age_limit(db))


def rebuild(db: Database, child_age_limit: int) -> None:
    """Count every tally again from the records, children by ``child_age_limit`` (a repair,
    or after the methodology's limit changed). Run it inside the caller's transaction."""
    for table in TABLES:
        if table != "tally_settings":
            db.execute(f"DELETE FROM {table}")
    db.execute(
        "INSERT INTO tally_settings (id, child_age_limit) VALUES (1, ?) "
        "ON CONFLICT(id) DO UPDATE SET child_age_limit = excluded.child_age_limit",
        [child_age_limit],
    )
    for statement in _fill_sql():
        db.execute(statement)


def tally_age_limit(db: Database) -> int | None:
    """The child age limit the tallies are counted with (None when there are none)."""
    row = db.execute("SELECT child_age_limit FROM tally_settings WHERE id = 1").fetchone()
    return int(row[0]) if row is not None else None


def usable(db: Database, child_age_limit: int) -> bool:
    """Whether the tallies classify children by ``child_age_limit``."""
    return tally_age_limit(db) == child_age_limit


def problems(db: Database) -> list[str]:
    """Differences between the tallies and a recount of the records (empty when equal)."""
    limit = tally_age_limit(db)
    if limit is None:
        return ["the summary tallies are missing"]
    prefix = "check_"
    for table in TABLES:
        if table != "tally_settings":
            db.execute(f"DROP TABLE IF EXISTS temp.{prefix}{table}")
    found: list[str] = []
    try:
        db.executescript(_tables_sql(prefix, temp=True))
        for statement in _fill_sql(into=prefix):
            db.execute(statement)
        checks = {
            f"victim_tally_{s}": " OR ".join(f"{c} <> 0" for c in VICTIM_COUNTS) for s in SPANS
        }
        checks |= {f"facility_tally_{s}": "attacks <> 0" for s in SPANS}
        checks["incident_tally"] = "civilians <> 0"
        for table, nonzero in checks.items():
            ours = f"SELECT * FROM main.{table} WHERE {nonzero}"
            recount = f"SELECT * FROM temp.{prefix}{table} WHERE {nonzero}"
            (differ,) = db.execute(
                f"SELECT count(*) FROM (SELECT * FROM ({ours} EXCEPT {recount}) "
                f"UNION ALL SELECT * FROM ({recount} EXCEPT {ours}))"
            ).fetchone()
            if differ:
                found.append(f"{differ} rows of {table} differ from a recount of the records")
    finally:
        for table in TABLES:
            if table != "tally_settings":
                db.execute(f"DROP TABLE IF EXISTS temp.{prefix}{table}")
    return found
