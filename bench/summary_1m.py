"""Benchmark: the full summary over a million-victim demo database, beside a hand-written query.

    python bench/summary_1m.py [--db bench/out/demo_1m.db] [--victims N] [--repeat R]

The database at ``--db`` is the shared demo database (``common.demo_database``: built once with
``fill_demo``, seed 1, when it does not exist, reused afterwards; a million victims take minutes);
pending migrations are applied by the first opening, before anything is timed. For each scenario
the script prints the headline of :func:`summarise`, then, in the same process on the same
connection, times it against two hand-written single SQL statements over the record tables for
the same filters: one computing the headline figures only, one computing the same figures as the
summary (each pair run ``--repeat`` times, alternately; the best run counts). It checks that all
three agree, and prints::

    summary[scenario] vs …: ours X s, baseline Y s, ratio Z

It also times the summary counted from the records (``from_records=True``: the same rules
without the tallies), which is what the figures cost before the tallies, for comparison.

Scenarios: ``headline`` (the published example: international coalition forces, 23 September
2014 to 1 May 2017, sub-period from 1 January 2016), ``month`` (every party, May 2016: a monthly
report) and ``everything`` (no filter: every record). Target: under 0.3 s and at most 1.5 times
the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from common import DEMO_CACHE, PASSPHRASE, demo_database, report, timed

from snhr_desktop.services.headline import headline
from snhr_desktop.services.summary import Summary, SummaryFilters, summarise
from snhr_desktop.services.workspace import Workspace

TARGET_SECONDS = 0.3
TARGET_RATIO = 1.5

# -- the hand-written baselines ----------------------------------------------------------------------
# For each scenario, by hand: where its civilians, massacres, facility attacks and acknowledged
# incidents are read from (the covering indexes of the record tables). Two single statements are
# made of them: one with the headline figures only (totals), one with the same figures as the
# summary (totals by governorate, month and party, massacres by governorate, facility attacks by
# category, the records left out as linked to another), as one UNION ALL. Victims linked as the
# same person as another record are left out of every count, as the summary does; they are few
# and found through their own index, so the covering indexes stay covering.
NOT_LINKED = (
    "v.rowid NOT IN (SELECT rowid FROM victims INDEXED BY victims_person "
    "WHERE person_id IS NOT NULL AND linked = 1)"
)
LINKED = (
    "FROM victims v INDEXED BY victims_person JOIN incidents i ON i.id = v.incident_id "
    "WHERE v.person_id IS NOT NULL AND v.linked = 1 AND v.deleted = 0 AND v.status = 'civilian' "
    "AND i.deleted = 0"
)
CHILD = "coalesce(v.age < 18, v.age_group = 'child')"
WOMAN = "(coalesce(v.age >= 18, v.age_group = 'adult') AND v.sex = 'female')"
MAN = "(coalesce(v.age >= 18, v.age_group = 'adult') AND v.sex = 'male')"
SINCE = "coalesce(v.date_of_death, i.date) >= :since"
SPECIALS = ("medical", "media", "civil_defence", "humanitarian")
MASSACRE = (
    "(SELECT count(*) FROM victims v INDEXED BY victims_civilian_incident "
    f"WHERE v.incident_id = m.id AND v.deleted = 0 AND v.status = 'civilian' AND {NOT_LINKED}) >= 5"
)


@dataclass(frozen=True)
class Scenario:
    filters: SummaryFilters
    params: dict[str, Any]
    victims: str  # FROM … WHERE … over victims v and incidents i
    massacres: str  # FROM … WHERE … over the massacres m
    facilities: str  # FROM … WHERE … over facility attacks a and incidents j
    acknowledged: str  # FROM … WHERE … over incidents k
    linked: str = ""  # more conditions on the linked victims v of incidents i (LINKED)

    def headline_sql(self) -> str:
        return (
            f"SELECT count(*), sum({CHILD}), sum({WOMAN}), sum({MAN}), sum({SINCE}), "
            f"(SELECT count(*) {self.massacres}), (SELECT count(*) {self.facilities}), "
            f"(SELECT count(*) {self.acknowledged}), (SELECT count(*) {LINKED}{self.linked}) "
            f"{self.victims}"
        )

    def full_sql(self) -> str:
        specials = ", ".join(f"sum(v.category = '{c}')" for c in SPECIALS)
        padding = ", ".join(["0"] * (6 + len(SPECIALS)))
        return (
            "SELECT 'v', coalesce(v.governorate, i.governorate), "
            "substr(coalesce(v.date_of_death, i.date), 1, 7), i.perpetrator, count(*), "
            f"sum({CHILD}), sum({WOMAN}), sum({MAN}), sum({SINCE}), "
            f"sum({SINCE} AND {CHILD}), sum({SINCE} AND {WOMAN}), {specials} "
            f"{self.victims} GROUP BY 2, 3, 4 "
            f"UNION ALL SELECT 'm', m.governorate, NULL, NULL, count(*), {padding} "
            f"{self.massacres} GROUP BY m.governorate "
            f"UNION ALL SELECT 'f', a.category, NULL, NULL, count(*), {padding} "
            f"{self.facilities} GROUP BY a.category "
            f"UNION ALL SELECT 'a', NULL, NULL, NULL, count(*), {padding} {self.acknowledged} "
            f"UNION ALL SELECT 'l', NULL, NULL, NULL, count(*), {padding} {LINKED}{self.linked}"
        )


def totals_of_full(rows: list[Any]) -> tuple[int, ...]:
    """The headline figures from the rows of :meth:`Scenario.full_sql`."""
    victims = [r for r in rows if r[0] == "v"]
    return (
        *(sum(int(r[k]) for r in victims) for k in (4, 5, 6, 7, 8)),
        sum(int(r[4]) for r in rows if r[0] == "m"),
        sum(int(r[4]) for r in rows if r[0] == "f"),
        sum(int(r[4]) for r in rows if r[0] == "a"),
        sum(int(r[4]) for r in rows if r[0] == "l"),
    )


COALITION = {"party": "international_coalition", "start": "2014-09-23", "end": "2017-05-01",
             "since": "2016-01-01"}
MAY_2016 = {"start": "2016-05-01", "end": "2016-05-31", "since": "9999-12-31"}

SCENARIOS: dict[str, Scenario] = {
    "headline": Scenario(
        SummaryFilters(
            perpetrators=("international_coalition",),
            date_from=dt.date(2014, 9, 23),
            date_to=dt.date(2017, 5, 1),
            since=dt.date(2016, 1, 1),
        ),
        COALITION,
        victims=(
            "FROM incidents i INDEXED BY incidents_live_perpetrator "
            "JOIN victims v INDEXED BY victims_civilian_incident ON v.incident_id = i.id "
            "WHERE i.deleted = 0 AND i.perpetrator = :party AND v.deleted = 0 "
            "AND v.status = 'civilian' AND coalesce(v.date_of_death, i.date) BETWEEN :start AND :end "
            f"AND {NOT_LINKED}"
        ),
        massacres=(
            "FROM incidents m INDEXED BY incidents_live_perpetrator WHERE m.deleted = 0 "
            f"AND m.perpetrator = :party AND m.date BETWEEN :start AND :end AND {MASSACRE}"
        ),
        facilities=(
            "FROM incidents j INDEXED BY incidents_live_perpetrator "
            "JOIN facility_attacks a INDEXED BY facility_attacks_live ON a.incident_id = j.id "
            "WHERE j.deleted = 0 AND a.deleted = 0 AND j.perpetrator = :party "
            "AND coalesce(a.date, j.date) BETWEEN :start AND :end"
        ),
        acknowledged=(
            "FROM incidents k INDEXED BY incidents_acknowledged WHERE k.deleted = 0 "
            "AND k.acknowledged = 'yes' AND k.perpetrator = :party AND k.date BETWEEN :start AND :end"
        ),
        linked=(
            " AND i.perpetrator = :party "
            "AND coalesce(v.date_of_death, i.date) BETWEEN :start AND :end"
        ),
    ),
    "month": Scenario(
        SummaryFilters(date_from=dt.date(2016, 5, 1), date_to=dt.date(2016, 5, 31)),
        MAY_2016,
        victims=(
            "FROM (SELECT * FROM victims v INDEXED BY victims_civilian_date WHERE deleted = 0 "
            f"AND status = 'civilian' AND date_of_death BETWEEN :start AND :end AND {NOT_LINKED} "
            "UNION ALL SELECT * FROM victims v INDEXED BY victims_civilian_date WHERE deleted = 0 "
            f"AND status = 'civilian' AND date_of_death IS NULL AND {NOT_LINKED}) v "
            "JOIN incidents i INDEXED BY incidents_live ON i.id = v.incident_id "
            "WHERE i.deleted = 0 AND coalesce(v.date_of_death, i.date) BETWEEN :start AND :end"
        ),
        massacres=(
            "FROM incidents m INDEXED BY incidents_live_date WHERE m.deleted = 0 "
            f"AND m.date BETWEEN :start AND :end AND {MASSACRE}"
        ),
        facilities=(
            "FROM facility_attacks a INDEXED BY facility_attacks_live "
            "JOIN incidents j INDEXED BY incidents_live ON j.id = a.incident_id "
            "WHERE a.deleted = 0 AND j.deleted = 0 "
            "AND coalesce(a.date, j.date) BETWEEN :start AND :end"
        ),
        acknowledged=(
            "FROM incidents k INDEXED BY incidents_acknowledged WHERE k.deleted = 0 "
            "AND k.acknowledged = 'yes' AND k.date BETWEEN :start AND :end"
        ),
        linked=" AND coalesce(v.date_of_death, i.date) BETWEEN :start AND :end",
    ),
    "everything": Scenario(
        SummaryFilters(),
        {"since": "9999-12-31"},
        victims=(
            "FROM victims v INDEXED BY victims_civilian_incident "
            "JOIN incidents i INDEXED BY incidents_live ON i.id = v.incident_id "
            "WHERE v.deleted = 0 AND v.status = 'civilian' AND i.deleted = 0 "
            f"AND {NOT_LINKED}"
        ),
        massacres=(
            "FROM (SELECT incident_id FROM victims v INDEXED BY victims_civilian_incident "
            f"WHERE deleted = 0 AND status = 'civilian' AND {NOT_LINKED} "
            "GROUP BY incident_id HAVING count(*) >= 5) x "
            "JOIN incidents m INDEXED BY incidents_live ON m.id = x.incident_id WHERE m.deleted = 0"
        ),
        facilities=(
            "FROM facility_attacks a INDEXED BY facility_attacks_live "
            "JOIN incidents j INDEXED BY incidents_live ON j.id = a.incident_id "
            "WHERE a.deleted = 0 AND j.deleted = 0"
        ),
        acknowledged=(
            "FROM incidents k INDEXED BY incidents_acknowledged "
            "WHERE k.deleted = 0 AND k.acknowledged = 'yes'"
        ),
    ),
}


def headline_figures(summary: Summary) -> tuple[int, ...]:
    since = summary.since.civilians_killed if summary.since else 0
    return (summary.civilians_killed, summary.children, summary.women, summary.men, since,
            summary.massacres, summary.facility_attacks, summary.acknowledged_incidents,
            summary.links_applied)


def best(function: Callable[[], Any], other: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The best time of each of two functions, run alternately ``repeat`` times."""
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(timed(function)[1])
        theirs.append(timed(other)[1])
    return min(ours), min(theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEMO_CACHE, help="the demo database (cached)")
    parser.add_argument("--victims", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = demo_database(args.db, args.victims)
    ws, opening = timed(lambda: Workspace.open(path, PASSPHRASE))
    counts = ws.counts()
    print(f"database: {path} ({path.stat().st_size / 2**20:,.0f} MiB), {counts}, "
          f"opened (and migrated if needed) in {opening:.1f} s")
    verdicts = []
    with ws:
        for name, scenario in SCENARIOS.items():
            filters, params = scenario.filters, scenario.params
            headline_sql, full_sql = scenario.headline_sql(), scenario.full_sql()
            first, cold = timed(lambda f=filters: summarise(ws, f))
            recounted, slow = timed(lambda f=filters: summarise(ws, f, from_records=True))
            assert recounted == replace(first, computed_on=recounted.computed_on), name
            ours_figures = headline_figures(first)
            only = tuple(int(x or 0) for x in ws.store.db.execute(headline_sql, params).fetchone())
            full = totals_of_full(ws.store.db.execute(full_sql, params).fetchall())
            assert ours_figures == only == full, (name, ours_figures, only, full)
            print(f"\n[{name}] {headline(first, 'en')}")
            print(f"  {headline(first, 'ar')}")
            print(f"  figures (civilians, children, women, men, since, massacres, facility "
                  f"attacks, acknowledged, links applied): ours {ours_figures}, "
                  f"baselines {only}, {full}")
            print(f"  first run {cold:.3f} s (cold pages); counted from the records (no tallies, "
                  f"the same figures) {slow:.3f} s; best of {args.repeat} below")
            ours, baseline = best(
                lambda f=filters: summarise(ws, f),
                lambda q=headline_sql, p=params: ws.store.db.execute(q, p).fetchone(),
                args.repeat,
            )
            ratio = report(f"summary[{name}] vs one query, headline figures only", ours, baseline)
            ours_again, same = best(
                lambda f=filters: summarise(ws, f),
                lambda q=full_sql, p=params: ws.store.db.execute(q, p).fetchall(),
                args.repeat,
            )
            same_ratio = report(f"summary[{name}] vs one query, the same figures", ours_again, same)
            verdicts.append((name, min(ours, ours_again), ratio, same_ratio))
    print()
    for name, ours, ratio, same_ratio in verdicts:
        fast = "met" if ours < TARGET_SECONDS else "NOT met"
        print(f"target [{name}]: {ours * 1000:.0f} ms (< {TARGET_SECONDS * 1000:.0f} ms: {fast}); "
              f"ratio {ratio:.2f} to the headline-only query, {same_ratio:.2f} to the same-figures "
              f"query (≤ {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'NOT met'}, "
              f"{'met' if same_ratio <= TARGET_RATIO else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
