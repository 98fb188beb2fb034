"""The figures a statement publishes, counted from the records by explicit rules, each drillable.

Counting rules (``docs/summary.md`` is the reference for users):

* Only living records count: a victim, incident or facility attack marked deleted never counts,
  and neither does a victim or facility attack whose incident is deleted.
* Victims are placed by their own date and governorate of death, falling back to their
  incident's date and governorate when their own is missing. The perpetrator is the incident's.
* A civilian is a victim whose status is ``civilian``; non-civilians and victims of unknown status
  are never counted as civilians.
* A child is younger than the methodology's child age limit (default 18); when the age is unknown,
  a victim in the child age group. An adult is of at least that age, or in the adult age group when
  the age is unknown. A woman is a female adult, a man a male adult. Everyone else (an adult of
  unknown sex, or a victim of unknown age and age group) is "sex or age unknown", so that
  children + women + men + unknown = civilians killed.
* A massacre is an incident in which at least the methodology's threshold (default 5) of living
  civilians were killed, counting all its civilian victims whatever their own date of death. It is
  placed by the incident's own date and governorate (that is where and when it happened).
* Facility attacks are placed by their own date and governorate, falling back to the incident's.
* Acknowledged incidents: incidents in scope (placed by their own date and governorate) that the
  perpetrator acknowledged.
* Each person counts once: a victim record a reviewer linked as the same person as another record
  (``linked = 1``, ``storage/links.py``) is left out of every figure, massacres included; the
  person is counted by the other record. ``links_applied`` says how many civilian records in
  scope were left out so (civilians killed + links applied = the civilian records in scope).

The figures are read from tallies kept exact by triggers (``storage/tallies.py``) when they were
counted with the methodology's child age limit, otherwise from the records themselves (the same
rules, slower); ``from_records=True`` forces the latter, which is what the tallies are checked
against.

Every figure has a key (:data:`FIGURE_KEYS`, with a ``:code`` suffix for one row of a breakdown)
and :func:`drill` returns the ids of the records behind it, computed on demand with the same
conditions as the figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from pydantic import ValidationError

from snhr_desktop.domain.fields import FIRST_DATE
from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import tallies

__all__ = [
    "FIGURE_KEYS",
    "Breakdown",
    "SinceFigures",
    "Summary",
    "SummaryFilters",
    "drill",
    "figure_kind",
    "parse_date",
    "repair_tallies",
    "set_methodology",
    "summarise",
]

RecordKind = Literal["victim", "incident", "facility_attack"]

FIGURE_KEYS: Final[dict[str, RecordKind]] = {
    # victims (living civilians placed by their own date and governorate)
    "civilians_killed": "victim",
    "children": "victim",
    "women": "victim",
    "men": "victim",
    "unknown_sex_or_age": "victim",
    "special_categories": "victim",  # :CODE (medical, media, civil_defence, humanitarian)
    "civilians_by_governorate": "victim",  # :PCODE
    "civilians_by_month": "victim",  # :YYYY-MM
    "civilians_by_perpetrator": "victim",  # :CODE
    "links_applied": "victim",  # civilian records left out: linked as the same person as another
    "since_civilians_killed": "victim",
    "since_children": "victim",
    "since_women": "victim",
    # incidents
    "massacres": "incident",
    "massacres_by_governorate": "incident",  # :PCODE
    "acknowledged_incidents": "incident",
    # facility attacks
    "facility_attacks": "facility_attack",
    "facility_attacks_by_category": "facility_attack",  # :CODE
    "facility_attacks_by_group": "facility_attack",  # :GROUP
}
"""Drill-down keys and the kind of record each returns. Breakdown keys take a suffix naming
one row (``civilians_by_governorate:SY02``, ``facility_attacks_by_category:bridge``); without
it they return the records of the whole breakdown."""

SPECIAL_CATEGORIES: Final = ("medical", "media", "civil_defence", "humanitarian")


# -- filters ---------------------------------------------------------------------------------------
def parse_date(text: str | dt.date | None) -> dt.date | None:
    """A filter date from "YYYY-MM-DD" (or a date); ``UserError`` when it is not one."""
    if text is None or isinstance(text, dt.date):
        return text
    value = text.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError.of("not_a_date", value=value) from None


@dataclass(frozen=True, slots=True)
class SummaryFilters:
    """Which records a summary covers. Empty tuples and ``None`` mean "no restriction".

    ``date_from`` and ``date_to`` are inclusive; ``since`` starts the sub-period (it must fall in
    the period). Codes may be given as labels in either language (perpetrators) or as names
    (governorates): :meth:`validated` turns them into stored codes.
    """

    perpetrators: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    governorates: tuple[str, ...] = ()
    since: dt.date | None = None

    @classmethod
    def from_text(
        cls,
        perpetrators: Iterable[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        governorates: Iterable[str] = (),
        since: str | None = None,
    ) -> SummaryFilters:
        """Filters as typed (command line, forms): dates as "YYYY-MM-DD", validated."""
        return cls(
            tuple(perpetrators),
            parse_date(date_from),
            parse_date(date_to),
            tuple(governorates),
            parse_date(since),
        ).validated()

    def validated(self) -> SummaryFilters:
        """The filters with codes resolved and checked; ``UserError`` (bilingual) if wrong."""
        terms = vocabulary("perpetrator")
        perpetrators: list[str] = []
        for text in self.perpetrators:
            code = text if text in terms else terms.resolve(text)
            if code is None:
                raise UserError.of("summary_unknown_perpetrator", value=text)
            if code not in perpetrators:
                perpetrators.append(code)
        gaz = gazetteer()
        governorates: list[str] = []
        for text in self.governorates:
            pcode = gaz.resolve(text, level=1)
            if pcode is None:
                raise UserError.of("summary_unknown_governorate", value=text)
            if pcode not in governorates:
                governorates.append(pcode)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError.of(
                "summary_period_reversed", start=str(self.date_from), end=str(self.date_to)
            )
        if self.since is not None and (
            (self.date_from is not None and self.since < self.date_from)
            or (self.date_to is not None and self.since > self.date_to)
        ):
            raise UserError.of("summary_since_outside", value=str(self.since))
        return SummaryFilters(
            tuple(perpetrators), self.date_from, self.date_to, tuple(governorates), self.since
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "perpetrators": list(self.perpetrators),
            "from": _iso(self.date_from),
            "to": _iso(self.date_to),
            "governorates": list(self.governorates),
            "since": _iso(self.since),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- results ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Breakdown:
    """One row of a breakdown: a code (P-code, vocabulary code or month), its count, the total."""

    code: str
    count: int
    total: int

    @property
    def share(self) -> float:
        """The fraction of the total (0 when the total is 0)."""
        return self.count / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class SinceFigures:
    """The victim figures of the sub-period from ``date`` to the end of the period."""

    date: dt.date
    civilians_killed: int
    children: int
    women: int
    period_civilians_killed: int

    @property
    def share(self) -> float:
        """The sub-period's share of the period's civilians killed."""
        total = self.period_civilians_killed
        return self.civilians_killed / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    """Every figure of a summary, with the filters and methodology it was computed with."""

    filters: SummaryFilters
    methodology: Methodology
    period_start: dt.date
    period_end: dt.date
    civilians_killed: int = 0
    children: int = 0
    women: int = 0
    men: int = 0
    unknown_sex_or_age: int = 0
    special_categories: tuple[Breakdown, ...] = ()
    massacres: int = 0
    massacres_by_governorate: tuple[Breakdown, ...] = ()
    facility_attacks: int = 0
    facility_attacks_by_category: tuple[Breakdown, ...] = ()
    facility_attacks_by_group: tuple[Breakdown, ...] = ()
    civilians_by_governorate: tuple[Breakdown, ...] = ()
    civilians_by_month: tuple[Breakdown, ...] = ()
    civilians_by_perpetrator: tuple[Breakdown, ...] = ()
    acknowledged_incidents: int = 0
    since: SinceFigures | None = None
    computed_on: dt.date = field(default_factory=dt.date.today)
    links_applied: int = 0

    @property
    def days(self) -> int:
        """Days in the period, its first and last day included."""
        return (self.period_end - self.period_start).days + 1

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON-ready values (labels in both languages beside every code)."""
        gaz = gazetteer()
        categories = vocabulary("facility_category")
        groups = vocabulary("facility_group")
        perpetrators = vocabulary("perpetrator")
        specials = vocabulary("special_category")

        def place(rows: Iterable[Breakdown]) -> list[dict[str, Any]]:
            return [
                {
                    "pcode": r.code,
                    "name_en": gaz.name(r.code, "en") if r.code in gaz else r.code,
                    "name_ar": gaz.name(r.code, "ar") if r.code in gaz else r.code,
                    "count": r.count,
                    "share": round(r.share, 4),
                }
                for r in rows
            ]

        def coded(rows: Iterable[Breakdown], terms: Any, with_group: bool = False) -> list[
            dict[str, Any]
        ]:
            result: list[dict[str, Any]] = []
            for r in rows:
                known = r.code in terms
                row: dict[str, Any] = {
                    "code": r.code,
                    "label_en": terms.label(r.code, "en") if known else r.code,
                    "label_ar": terms.label(r.code, "ar") if known else r.code,
                    "count": r.count,
                    "share": round(r.share, 4),
                }
                if with_group:
                    row["group"] = terms.get(r.code).group if known else None
                result.append(row)
            return result

        since: dict[str, Any] | None = None
        if self.since is not None:
            since = {
                "date": self.since.date.isoformat(),
                "civilians_killed": self.since.civilians_killed,
                "children": self.since.children,
                "women": self.since.women,
                "share": round(self.since.share, 4),
            }
        return {
            "civilians_killed": self.civilians_killed,
            "children": self.children,
            "women": self.women,
            "men": self.men,
            "unknown_sex_or_age": self.unknown_sex_or_age,
            "special_categories": coded(self.special_categories, specials),
            "massacres": self.massacres,
            "massacres_by_governorate": place(self.massacres_by_governorate),
            "facility_attacks": self.facility_attacks,
            "facility_attacks_by_category": coded(
                self.facility_attacks_by_category, categories, with_group=True
            ),
            "facility_attacks_by_group": coded(self.facility_attacks_by_group, groups),
            "civilians_by_governorate": place(self.civilians_by_governorate),
            "civilians_by_month": [
                {"month": r.code, "count": r.count} for r in self.civilians_by_month
            ],
            "civilians_by_perpetrator": coded(self.civilians_by_perpetrator, perpetrators),
            "acknowledged_incidents": self.acknowledged_incidents,
            "links_applied": self.links_applied,
            "period": {"from": self.period_start.isoformat(), "to": self.period_end.isoformat()},
            "days": self.days,
            "since": since,
            "methodology": self.methodology.model_dump(mode="json"),
            "filters": self.filters.to_json(),
            "computed_on": self.computed_on.isoformat(),
        }


# -- methodology -----------------------------------------------------------------------------------
def set_methodology(ws: Workspace, methodology: Methodology) -> Methodology:
    """Store the counting rules in the database's ``meta`` table, in one transaction.

    The methodology is a setting of the database, not a documented record: changing it writes no
    operation to the log and changes no record; every summary computed afterwards uses it (and
    states it). Raises ``UserError`` ("methodology_invalid") for values outside the allowed ranges.
    Returns the stored, validated settings. A new child age limit recounts the summary tallies
    in the same transaction (seconds on a million victims).
    """
    try:
        checked = Methodology.model_validate(dict(methodology))
    except ValidationError as error:
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise UserError.of("methodology_invalid", detail=detail) from None
    with ws.store.transaction():
        ws.store.set_meta("methodology", checked.model_dump_json())
        if not tallies.usable(ws.store.db, checked.child_age_limit):
            tallies.rebuild(ws.store.db, checked.child_age_limit)
    return checked


def repair_tallies(ws: Workspace) -> list[str]:
    """Compare the summary tallies with a recount of the records and, when they differ, count
    them again (one transaction). Returns the differences found (empty: nothing to repair)."""
    found = tallies.problems(ws.store.db)
    if found:
        with ws.store.transaction():
            tallies.rebuild(ws.store.db, ws.methodology.child_age_limit)
    return found


# -- SQL -------------------------------------------------------------------------------------------
# Records are read from the partial covering indexes of migration m002, never from the wide rows;
# their literal conditions (deleted = 0, status = 'civilian') must stay as they are for SQLite to
# use them. Join orders are forced with CROSS JOIN (SQLite keeps the left table outside) and
# INDEXED BY, chosen by :meth:`_Query.plan` from the filters.
_V_DATE = "coalesce(v.date_of_death, i.date)"
_V_GOV = "coalesce(v.governorate, i.governorate)"
# NULL-safe classifications: with a known age the age decides, otherwise the age group.
_CHILD = "coalesce(v.age < :child_age_limit, v.age_group = 'child')"
_ADULT = "coalesce(v.age >= :child_age_limit, v.age_group = 'adult')"
_WOMAN = f"({_ADULT} AND v.sex = 'female')"
_MAN = f"({_ADULT} AND v.sex = 'male')"
_UNKNOWN = f"NOT ({_CHILD} OR {_WOMAN} OR {_MAN})"
_LIVE_VICTIM = "v.deleted = 0 AND v.status = 'civilian'"
# Victims linked as the same person as another record are left out of every figure. They are few
# and found through their own small index, so the covering indexes above stay covering (the row
# id is in every index entry; ``linked`` is not).
_LINKED_ROWIDS = (
    "SELECT rowid FROM victims INDEXED BY victims_person WHERE person_id IS NOT NULL AND linked = 1"
)
_COUNTED = f"{_LIVE_VICTIM} AND v.rowid NOT IN ({_LINKED_ROWIDS})"

_VICTIMS_BY_INCIDENT = "victims v INDEXED BY victims_civilian_incident"
_VICTIMS_BY_DATE = "victims v INDEXED BY victims_civilian_date"
_INCIDENT_BY_ID = "incidents i INDEXED BY incidents_live ON i.id = {alias}.incident_id"

Plan = Literal["parties", "dates", "all"]
_PLAN_SAMPLE: Final = 20_000


def _marks(prefix: str, values: Sequence[str], params: dict[str, Any]) -> str:
    names = []
    for index, value in enumerate(values):
        name = f"{prefix}{index}"
        params[name] = value
        names.append(f":{name}")
    return ", ".join(names)


@dataclass(slots=True)
class _Query:
    """The scope of a summary as SQL: parameters and the conditions for each kind of record."""

    filters: SummaryFilters
    methodology: Methodology
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        f = self.filters
        self.params["child_age_limit"] = self.methodology.child_age_limit
        self.params["massacre_threshold"] = self.methodology.massacre_threshold
        if f.date_from is not None:
            self.params["date_from"] = f.date_from.isoformat()
        if f.date_to is not None:
            self.params["date_to"] = f.date_to.isoformat()
        if f.since is not None:
            self.params["since"] = f.since.isoformat()
        _marks("p", f.perpetrators, self.params)
        _marks("g", f.governorates, self.params)

    @property
    def dated(self) -> bool:
        return self.filters.date_from is not None or self.filters.date_to is not None

    def conditions(self, date: str, governorate: str, *, parties: bool = True) -> list[str]:
        """The filters on records placed at ``date`` in ``governorate`` (SQL expressions);
        without the parties' when ``parties`` is false (the reading plan already has it)."""
        f = self.filters
        where: list[str] = []
        if f.perpetrators and parties:
            marks = ", ".join(f":p{n}" for n in range(len(f.perpetrators)))
            where.append(f"i.perpetrator IN ({marks})")
        where.extend(self.period(date))
        if f.governorates:
            marks = ", ".join(f":g{n}" for n in range(len(f.governorates)))
            where.append(f"{governorate} IN ({marks})")
        return where

    def period(self, date: str) -> list[str]:
        where = []
        if self.filters.date_from is not None:
            where.append(f"{date} >= :date_from")
        if self.filters.date_to is not None:
            where.append(f"{date} <= :date_to")
        return where

    def plan(self, ws: Workspace) -> Plan:
        """Where to start reading: the selected parties' incidents, the victims' dates of death,
        or every living civilian. With both parties and a period, whichever has fewer incidents
        (the parties' or the period's), counted cheaply: the first count stops at
        :data:`_PLAN_SAMPLE`, the second as soon as it passes the first."""
        if not self.filters.perpetrators:
            return "dates" if self.dated else "all"
        if not self.dated:
            return "parties"
        marks = ", ".join(f":p{n}" for n in range(len(self.filters.perpetrators)))
        (parties,) = ws.store.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM incidents INDEXED BY incidents_live_perpetrator "
            f"WHERE deleted = 0 AND perpetrator IN ({marks}) LIMIT {_PLAN_SAMPLE})",
            self.params,
        ).fetchone()
        period = " AND ".join(self.period("date"))
        (dated,) = ws.store.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM incidents INDEXED BY incidents_live_date "
            f"WHERE deleted = 0 AND {period} LIMIT {int(parties) + 1})",
            self.params,
        ).fetchone()
        return "dates" if int(dated) <= int(parties) else "parties"

    # -- victims --------------------------------------------------------------------------------
    def victim_sources(self, plan: Plan) -> list[tuple[str, str]]:
        """(FROM, WHERE) pairs whose union is every living civilian the filters could select
        (the incident's conditions still to be applied), each read along one index."""
        if plan == "parties":
            marks = ", ".join(f":p{n}" for n in range(len(self.filters.perpetrators)))
            return [
                (
                    "incidents i INDEXED BY incidents_live_perpetrator "
                    f"CROSS JOIN {_VICTIMS_BY_INCIDENT} ON v.incident_id = i.id",
                    f"{_COUNTED} AND i.deleted = 0 AND i.perpetrator IN ({marks})",
                )
            ]
        if plan == "dates":
            own = " AND ".join(self.period("v.date_of_death"))
            return [
                (_VICTIMS_BY_DATE, f"{_COUNTED} AND {own}"),
                (_VICTIMS_BY_DATE, f"{_COUNTED} AND v.date_of_death IS NULL"),
            ]
        return [(_VICTIMS_BY_INCIDENT, _COUNTED)]

    def victim_ids_sql(self, plan: Plan, condition: str) -> str:
        """The ids of the victims in scope that meet ``condition``, by date of death then id."""
        where = " AND ".join(self.conditions(_V_DATE, _V_GOV))
        parts = []
        for source, own in self.victim_sources(plan):
            joined = source if plan == "parties" else (
                f"{source} CROSS JOIN {_INCIDENT_BY_ID.format(alias='v')}"
            )
            parts.append(
                f"SELECT v.id AS id, {_V_DATE} AS day FROM {joined} "
                f"WHERE {own} AND i.deleted = 0{' AND ' + where if where else ''}{condition}"
            )
        return " UNION ALL ".join(parts) + " ORDER BY day, id"

    def victim_figures_sql(self, plan: Plan) -> str:
        """Victim figures in rows of: governorate, month, perpetrator, in the sub-period (0/1),
        special category (or NULL), civilians, children, women, men, then the civilians of each
        of :data:`SPECIAL_CATEGORIES` (see :func:`summarise`)."""
        zeros = ", ".join("0" for _ in SPECIAL_CATEGORIES)
        if plan == "parties":
            # Usually few: grouped straight from the join, by category too (no per-row sums).
            later = f"{_V_DATE} >= :since" if self.filters.since is not None else "0"
            ((source, own),) = self.victim_sources(plan)
            where = " AND ".join([own, *self.conditions(_V_DATE, _V_GOV, parties=False)])
            return (
                f"SELECT {_V_GOV}, substr({_V_DATE}, 1, 7), i.perpetrator, {later}, v.category, "
                f"count(*), sum({_CHILD}), sum({_WOMAN}), sum({_MAN}), {zeros} "
                f"FROM {source} WHERE {where} GROUP BY 1, 2, 3, 4, 5"
            )
        # Otherwise the victims are first counted per incident and own date and place, in the
        # order of the index (no sorting), and only those counts are joined to their incidents
        # and summed: SQLite has no hashed grouping, and sorting every victim is what costs most.
        # Every living civilian ("all"): the special categories are counted apart (special_sql).
        counted = (
            [f"sum(v.category = '{code}')" for code in SPECIAL_CATEGORIES]
            if plan == "dates"
            else ["0" for _ in SPECIAL_CATEGORIES]
        )
        parts = []
        for source, own in self.victim_sources(plan):
            key = (
                "v.date_of_death, v.incident_id, v.governorate"
                if plan == "dates"
                else "v.incident_id, v.date_of_death, v.governorate"
            )
            specials = "".join(f", {c} AS s{n}" for n, c in enumerate(counted))
            parts.append(
                "SELECT v.incident_id AS incident_id, v.date_of_death AS day, "
                f"v.governorate AS gov, count(*) AS n, sum({_CHILD}) AS c, sum({_WOMAN}) AS w, "
                f"sum({_MAN}) AS m{specials} FROM {source} WHERE {own} GROUP BY {key}"
            )
        day, gov = "coalesce(x.day, i.date)", "coalesce(x.gov, i.governorate)"
        later = f"{day} >= :since" if self.filters.since is not None else "0"
        where = " AND ".join(["i.deleted = 0", *self.conditions(day, gov)])
        sums = ", ".join(f"sum(x.s{n})" for n in range(len(SPECIAL_CATEGORIES)))
        return (
            f"SELECT {gov}, substr({day}, 1, 7), i.perpetrator, {later}, NULL, sum(x.n), "
            f"sum(x.c), sum(x.w), sum(x.m), {sums} "
            f"FROM ({' UNION ALL '.join(parts)}) x CROSS JOIN {_INCIDENT_BY_ID.format(alias='x')} "
            f"WHERE {where} GROUP BY 1, 2, 3, 4"
        )

    def special_sql(self, columns: str, condition: str = "") -> str:
        """``columns`` of the civilians in scope who are in a special category (few: read from
        their own small index)."""
        where = " AND ".join(
            [_COUNTED, "v.category <> 'none'", "i.deleted = 0",
             *self.conditions(_V_DATE, _V_GOV)]
        )
        return (
            f"SELECT {columns} FROM victims v INDEXED BY victims_civilian_special "
            f"CROSS JOIN {_INCIDENT_BY_ID.format(alias='v')} WHERE {where}{condition}"
        )

    def linked_sql(self, columns: str, condition: str = "") -> str:
        """``columns`` of the civilians in scope left out because they are linked as the same
        person as another record (few: read from their own small index)."""
        where = " AND ".join(
            [_LIVE_VICTIM, "v.person_id IS NOT NULL AND v.linked = 1", "i.deleted = 0",
             *self.conditions(_V_DATE, _V_GOV)]
        )
        return (
            f"SELECT {columns} FROM victims v INDEXED BY victims_person "
            f"CROSS JOIN {_INCIDENT_BY_ID.format(alias='v')} WHERE {where}{condition}"
        )

    # -- tallies --------------------------------------------------------------------------------
    def tally_parts(self) -> list[tuple[str, str, str, str]]:
        """How to read the tallies for these filters: (table span, its month as SQL, WHERE, in
        the sub-period as SQL) for the month rows of the whole months of the period, then for
        the day rows of each month that the period's ends or the sub-period's start cut."""
        f, params = self.filters, self.params
        cut = set()
        if f.date_from is not None and f.date_from.day != 1:
            cut.add(f.date_from.isoformat()[:7])
        if f.date_to is not None and (f.date_to + dt.timedelta(days=1)).day != 1:
            cut.add(f.date_to.isoformat()[:7])
        if f.since is not None and f.since.day != 1:
            cut.add(f.since.isoformat()[:7])
        scope = []
        if f.perpetrators:
            scope.append(f"perpetrator IN ({', '.join(f':p{n}' for n in range(len(f.perpetrators)))})")
        if f.governorates:
            scope.append(f"governorate IN ({', '.join(f':g{n}' for n in range(len(f.governorates)))})")
        whole = list(scope)
        if f.date_from is not None:
            params["t_from"] = f.date_from.isoformat()[:7]
            whole.append("month >= :t_from")
        if f.date_to is not None:
            params["t_to"] = f.date_to.isoformat()[:7]
            whole.append("month <= :t_to")
        if cut:
            whole.append(f"month NOT IN ({_marks('t_cut', sorted(cut), params)})")
        if f.since is not None:
            params["t_since"] = f.since.isoformat()[:7]
        parts = [
            ("month", "month", " AND ".join(whole) or "1",
             "month >= :t_since" if f.since is not None else "0")
        ]
        for n, month in enumerate(sorted(cut)):
            first, last = f"{month}-01", f"{month}-31"  # "-31" bounds every month as text
            params[f"t_lo{n}"] = max(first, f.date_from.isoformat()) if f.date_from else first
            params[f"t_hi{n}"] = min(last, f.date_to.isoformat()) if f.date_to else last
            parts.append((
                "day", "substr(day, 1, 7)",
                " AND ".join([f"day BETWEEN :t_lo{n} AND :t_hi{n}", *scope]),
                "day >= :since" if f.since is not None else "0",
            ))
        return parts

    # -- incidents ------------------------------------------------------------------------------
    def incident_where(self) -> str:
        """Incidents in scope, placed by their own date and governorate."""
        return " AND ".join(["i.deleted = 0", *self.conditions("i.date", "i.governorate")])

    def massacre_sql(self, columns: str) -> str:
        """``columns`` of the incidents in scope with at least the threshold of living civilian
        victims (all of them, whatever their own date of death)."""
        if self.filters.perpetrators or self.dated:  # few incidents: count each one's victims
            index = "incidents_live_perpetrator" if self.filters.perpetrators else (
                "incidents_live_date"
            )
            return (
                f"SELECT {columns} FROM incidents i INDEXED BY {index} "
                f"WHERE {self.incident_where()} AND ("
                f"SELECT count(*) FROM {_VICTIMS_BY_INCIDENT} "
                f"WHERE v.incident_id = i.id AND {_COUNTED}) >= :massacre_threshold"
            )
        # All incidents: count victims per incident along the index, then keep the massacres.
        return (
            f"SELECT {columns} FROM (SELECT v.incident_id FROM {_VICTIMS_BY_INCIDENT} "
            f"WHERE {_COUNTED} GROUP BY v.incident_id "
            "HAVING count(*) >= :massacre_threshold) x "
            f"CROSS JOIN {_INCIDENT_BY_ID.format(alias='x')} WHERE {self.incident_where()}"
        )

    def acknowledged_sql(self, columns: str) -> str:
        return (
            f"SELECT {columns} FROM incidents i INDEXED BY incidents_acknowledged "
            f"WHERE {self.incident_where()} AND i.acknowledged = 'yes'"
        )

    # -- facility attacks -----------------------------------------------------------------------
    def facility_sql(self, plan: Plan, columns: str, condition: str = "") -> str:
        """``columns`` of the facility attacks in scope (placed by their own date and place),
        read along the same plan as the victims."""
        day, gov = "coalesce(a.date, i.date)", "coalesce(a.governorate, i.governorate)"
        where = " AND ".join(["a.deleted = 0 AND i.deleted = 0", *self.conditions(day, gov)])
        if plan == "parties":
            sources = [
                "incidents i INDEXED BY incidents_live_perpetrator CROSS JOIN facility_attacks a "
                "INDEXED BY facility_attacks_live ON a.incident_id = i.id WHERE"
            ]
        elif plan == "dates":
            by_date = "facility_attacks a INDEXED BY facility_attacks_live_date CROSS JOIN "
            by_date += _INCIDENT_BY_ID.format(alias="a")
            own = " AND ".join(self.period("a.date"))
            sources = [f"{by_date} WHERE {own} AND", f"{by_date} WHERE a.date IS NULL AND"]
        else:
            sources = [
                "facility_attacks a INDEXED BY facility_attacks_live CROSS JOIN "
                f"{_INCIDENT_BY_ID.format(alias='a')} WHERE"
            ]
        return " UNION ALL ".join(
            f"SELECT {columns} FROM {source} {where}{condition}" for source in sources
        )


# -- computing -------------------------------------------------------------------------------------
def _scope(ws: Workspace, filters: SummaryFilters, methodology: Methodology | None) -> _Query:
    return _Query(filters.validated(), methodology or ws.methodology)


@dataclass(slots=True)
class _Counts:
    """The running totals of a summary, whichever way they are read."""

    by_governorate: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_month: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_perpetrator: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    specials: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPECIAL_CATEGORIES, 0))
    civilians: int = 0
    children: int = 0
    women: int = 0
    men: int = 0
    since_civilians: int = 0
    since_children: int = 0
    since_women: int = 0
    links: int = 0
    massacres: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    facilities: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add_victims(
        self, governorate: str, month: str, perpetrator: str, later: int, category: str | None,
        n: int, c: int, w: int, m: int,
    ) -> None:
        """Civilians of one place, month and party (and special category when known)."""
        if not n:
            return
        self.by_governorate[governorate] += n
        self.by_month[month] += n
        self.by_perpetrator[perpetrator] += n
        self.civilians += n
        self.children += c
        self.women += w
        self.men += m
        if later:
            self.since_civilians += n
            self.since_children += c
            self.since_women += w
        if category is not None and category != "none":
            self.specials[category] = self.specials.get(category, 0) + n


def summarise(
    ws: Workspace,
    filters: SummaryFilters | None = None,
    *,
    methodology: Methodology | None = None,
    today: dt.date | None = None,
    from_records: bool = False,
) -> Summary:
    """Every figure for ``filters`` (default: everything), by the database's methodology.

    ``methodology`` overrides the stored settings (for "what if" comparisons); ``today`` is the
    end of a period with no end date (default: the computer's date). The figures come from the
    tallies when they were counted by the methodology's child age limit, otherwise (and always
    with ``from_records``) from the records themselves, by the same rules.
    """
    query = _scope(ws, filters or SummaryFilters(), methodology)
    f = query.filters
    db = ws.store.db
    today = today or dt.date.today()
    period_start = f.date_from or FIRST_DATE
    period_end = f.date_to or max(today, period_start)

    counts = _Counts()
    if not from_records and tallies.usable(db, query.methodology.child_age_limit):
        _count_from_tallies(ws, query, counts)
    else:
        _count_from_records(ws, query, counts)
    (acknowledged,) = db.execute(query.acknowledged_sql("count(*)"), query.params).fetchone()

    civilians = counts.civilians
    massacres = sum(counts.massacres.values())
    facility_attacks = sum(counts.facilities.values())
    by_group: dict[str, int] = defaultdict(int)
    for code, n in counts.facilities.items():
        by_group[_facility_group(code)] += n
    return Summary(
        filters=f,
        methodology=query.methodology,
        period_start=period_start,
        period_end=period_end,
        civilians_killed=civilians,
        children=counts.children,
        women=counts.women,
        men=counts.men,
        unknown_sex_or_age=civilians - counts.children - counts.women - counts.men,
        special_categories=tuple(
            Breakdown(code, n, civilians) for code, n in counts.specials.items()
        ),
        massacres=massacres,
        massacres_by_governorate=_ranked(counts.massacres, massacres),
        facility_attacks=facility_attacks,
        facility_attacks_by_category=_ranked(counts.facilities, facility_attacks),
        facility_attacks_by_group=_ranked(by_group, facility_attacks),
        civilians_by_governorate=_ranked(counts.by_governorate, civilians),
        civilians_by_month=_months(counts.by_month, period_start, period_end, civilians),
        civilians_by_perpetrator=_ranked(counts.by_perpetrator, civilians),
        acknowledged_incidents=int(acknowledged),
        since=(
            SinceFigures(
                f.since, counts.since_civilians, counts.since_children, counts.since_women,
                civilians,
            )
            if f.since is not None
            else None
        ),
        computed_on=today,
        links_applied=counts.links,
    )


def _count_from_records(ws: Workspace, query: _Query, counts: _Counts) -> None:
    """Every figure counted from the records, along the covering indexes of migration m002."""
    db = ws.store.db
    plan = query.plan(ws)
    rows = db.execute(query.victim_figures_sql(plan), query.params)
    for governorate, month, perpetrator, later, category, n, c, w, m, *counted in rows:
        counts.add_victims(governorate, month, perpetrator, later, category, n, c, w, m)
        for code, value in zip(SPECIAL_CATEGORIES, counted, strict=True):
            counts.specials[code] += value
    if plan == "all":  # rare, so read from their own small index (see victim_figures_sql)
        for code, n in db.execute(
            f"SELECT category, count(*) FROM ({query.special_sql('v.category AS category')}) "
            "GROUP BY category",
            query.params,
        ):
            counts.specials[code] = n
    (links,) = db.execute(query.linked_sql("count(*)"), query.params).fetchone()
    counts.links = int(links)
    for (governorate,) in db.execute(query.massacre_sql("i.governorate"), query.params):
        counts.massacres[governorate] += 1
    for code, n in db.execute(
        f"SELECT category, count(*) FROM ({query.facility_sql(plan, 'a.category AS category')}) "
        "GROUP BY category",
        query.params,
    ):
        counts.facilities[code] += n


def _count_from_tallies(ws: Workspace, query: _Query, counts: _Counts) -> None:
    """Every figure summed from the tallies: the month rows of the whole months in the period,
    the day rows of the months its ends or the sub-period's start cut."""
    db = ws.store.db
    params = query.params
    parts = query.tally_parts()
    victims = " UNION ALL ".join(
        f"SELECT governorate, {month}, perpetrator, {later}, category, civilians, children, "
        f"women, men, linked FROM victim_tally_{span} WHERE {where}"
        for span, month, where, later in parts
    )
    for governorate, month, perpetrator, later, category, n, c, w, m, linked in db.execute(
        victims, params
    ):
        counts.add_victims(governorate, month, perpetrator, later, category, n, c, w, m)
        counts.links += linked
    facilities = " UNION ALL ".join(
        f"SELECT category, attacks FROM facility_tally_{span} WHERE {where}"
        for span, _month, where, _later in parts
    )
    for code, n in db.execute(
        f"SELECT category, sum(attacks) FROM ({facilities}) GROUP BY category", params
    ):
        if n:
            counts.facilities[code] += n
    where = " AND ".join(
        ["i.civilians >= :massacre_threshold", *query.conditions("i.day", "i.governorate")]
    )
    for governorate, n in db.execute(
        "SELECT i.governorate, count(*) FROM incident_tally i INDEXED BY incident_tally_civilians "
        f"WHERE {where} GROUP BY i.governorate",
        params,
    ):
        counts.massacres[governorate] += n


def _facility_group(code: str) -> str:
    categories = vocabulary("facility_category")
    group = categories.get(code).group if code in categories else None
    return group or "other"


def _ranked(counts: dict[str, int], total: int) -> tuple[Breakdown, ...]:
    """Rows with a count, the largest first (ties by code, so the order is reproducible)."""
    ordered = sorted(((c, n) for c, n in counts.items() if n), key=lambda r: (-r[1], r[0]))
    return tuple(Breakdown(code, n, total) for code, n in ordered)


def _months(
    counts: dict[str, int], start: dt.date, end: dt.date, total: int
) -> tuple[Breakdown, ...]:
    """Every month of the period in order, those with no victims included (a chart's axis)."""
    present = [m for m, n in counts.items() if n]
    first = min([start.isoformat()[:7], *present])
    last = max([end.isoformat()[:7], *present])
    year, month = int(first[:4]), int(first[5:7])
    rows: list[Breakdown] = []
    while f"{year:04d}-{month:02d}" <= last:
        code = f"{year:04d}-{month:02d}"
        rows.append(Breakdown(code, counts.get(code, 0), total))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(rows)


# -- drilling down ---------------------------------------------------------------------------------
def figure_kind(key: str) -> RecordKind:
    """The kind of record :func:`drill` returns for ``key``; ``KeyError`` for an unknown key."""
    name = key.partition(":")[0]
    if name not in FIGURE_KEYS:
        raise KeyError(f"unknown figure {key!r}")
    return FIGURE_KEYS[name]


def drill(
    ws: Workspace,
    filters: SummaryFilters | None,
    figure_key: str,
    *,
    methodology: Methodology | None = None,
) -> list[str]:
    """The ids of the records behind one figure, ordered by date then id.

    ``figure_key`` is a key of :data:`FIGURE_KEYS`, with ``:CODE`` for one row of a breakdown
    (``massacres_by_governorate:SY11``, ``civilians_by_month:2016-05``). The ids are computed
    now, with the same conditions as the figure, so their number is the figure.
    """
    kind = figure_kind(figure_key)
    name, _, code = figure_key.partition(":")
    query = _scope(ws, filters or SummaryFilters(), methodology)
    params = query.params
    params["code"] = code
    if name == "special_categories":
        condition = " AND v.category = :code" if code else ""
        sql = query.special_sql(f"v.id AS id, {_V_DATE} AS day", condition)
        sql = f"SELECT id FROM ({sql}) ORDER BY day, id"
    elif name == "links_applied":
        sql = query.linked_sql(f"v.id AS id, {_V_DATE} AS day")
        sql = f"SELECT id FROM ({sql}) ORDER BY day, id"
    elif kind == "victim":
        sql = query.victim_ids_sql(query.plan(ws), _victim_condition(name, code, query))
    elif name == "acknowledged_incidents":
        sql = query.acknowledged_sql("i.id AS id, i.date AS day") + " ORDER BY day, id"
    elif kind == "incident":
        condition = " AND i.governorate = :code" if code else ""
        sql = query.massacre_sql("i.id AS id, i.date AS day") + condition + " ORDER BY day, id"
    else:
        condition = ""
        if code and name == "facility_attacks_by_category":
            condition = " AND a.category = :code"
        elif code and name == "facility_attacks_by_group":
            members = [t.code for t in vocabulary("facility_category") if (t.group or "other") == code]
            condition = f" AND a.category IN ({_marks('c', members, params) or 'NULL'})"
        sql = query.facility_sql(
            query.plan(ws), "a.id AS id, coalesce(a.date, i.date) AS day", condition
        )
        sql = f"SELECT id FROM ({sql}) ORDER BY day, id"
    return [row[0] for row in ws.store.db.execute(sql, params)]


def _victim_condition(name: str, code: str, query: _Query) -> str:
    since = ""
    if name.startswith("since_"):
        if query.filters.since is None:
            return " AND 0"
        name = name.removeprefix("since_")
        since = f" AND {_V_DATE} >= :since"
    condition = {
        "civilians_killed": "",
        "children": f" AND {_CHILD}",
        "women": f" AND {_WOMAN}",
        "men": f" AND {_MAN}",
        "unknown_sex_or_age": f" AND {_UNKNOWN}",
        "civilians_by_governorate": f" AND {_V_GOV} = :code" if code else "",
        "civilians_by_month": f" AND substr({_V_DATE}, 1, 7) = :code" if code else "",
        "civilians_by_perpetrator": " AND i.perpetrator = :code" if code else "",
    }[name]
    return condition + since
