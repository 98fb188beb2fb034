"""The review queue of probable duplicate victims: scan, compare side by side, decide, undo.

:func:`scan` runs the matcher (``services/matching.py``) over the living victims and keeps the
pairs worth a person's look, with the evidence in words, in ``duplicate_candidates`` (derived and
local: every installation scans its own records). :func:`queue` lists the pairs nobody has decided
yet, strongest first; :func:`compare` puts two records side by side with the fields that differ.

A decision is a :class:`~snhr_desktop.domain.records.PairDecision` record written through the one
write path, so it is in the operations log, travels in bundles and can be undone:

* "same person" links the two records: both stay, and every figure counts the person once
  (``storage/links.py`` derives ``victims.person_id`` and ``victims.linked``);
* "different people" is remembered, and the pair is never proposed again;
* "unsure" sets the pair aside (listed apart) until somebody decides.

Deciding a pair that already has a decision updates that decision (its history shows both);
:func:`undo` deletes it, and the pair returns to the queue.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.names import article_variants, latin_article_variants, search_key
from snhr_desktop.domain.records import PairDecision, Victim
from snhr_desktop.services.matching import (
    MATCH_WEIGHT,
    REVIEW_WEIGHT,
    Reason,
    ScoredPair,
    find_duplicates,
    prepare,
    score_pair,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.links import groups_around
from snhr_desktop.storage.store import Change, now_iso

__all__ = [
    "COMPARED_FIELDS",
    "DECISIONS",
    "Candidate",
    "Comparison",
    "DecisionRow",
    "QueueSummary",
    "ScanResult",
    "compare",
    "decide",
    "decision_in_force",
    "decisions",
    "describe",
    "linked_group",
    "queue",
    "queue_counts",
    "queue_summary",
    "scan",
    "scanned_at",
    "undo",
]

DECISIONS: Final = ("same", "different", "unsure")
Status = Literal["pending", "unsure", "decided"]

# The victim fields shown side by side, in this order; names are compared by their match keys.
COMPARED_FIELDS: Final = (
    "name_ar", "name_en", "father_name", "family_name", "mother_name", "sex", "age", "age_group",
    "status", "category", "date_of_death", "governorate", "place_ar", "place_en",
    "origin_governorate", "notes",
)
_NAME_FIELDS: Final = frozenset(("name_ar", "name_en", "father_name", "family_name", "mother_name"))
# The incident each record belongs to, shown under the victim's own fields.
INCIDENT_FIELDS: Final = ("date", "governorate", "perpetrator", "attack_type", "place_ar", "place_en")

_CHUNK: Final = 400


def _ordered(first: str, second: str) -> tuple[str, str]:
    a, b = sorted((first.lower(), second.lower()))
    return a, b


def _reasons_json(reasons: Iterable[Reason]) -> str:
    return json.dumps(
        [[r.code, round(r.weight, 2), dict(r.args)] for r in reasons], ensure_ascii=False
    )


def _reasons_from_json(text: str) -> tuple[Reason, ...]:
    return tuple(
        Reason(code, float(weight), tuple(sorted(args.items())))
        for code, weight, args in json.loads(text)
    )


# ------------------------------------------------------------------------------------------------
# Scanning
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found: records compared, pairs kept, and how many of them await a decision."""

    records: int
    compared: int
    pairs: int
    pending: int
    scanned_at: str


def scan(
    ws: Workspace,
    progress: Callable[[int, int], None] | None = None,
    review_weight: float = REVIEW_WEIGHT,
) -> ScanResult:
    """Look for probable duplicates among the living victims and refill the review queue.

    Reads the victims twice without holding them (see :func:`matching.find_duplicates`); only
    the pairs at or above ``review_weight`` are kept, each with its reasons. Decisions already
    taken are untouched: a decided pair stays out of the queue whatever its new score.
    """
    report = find_duplicates(ws, review_weight=review_weight, progress=progress)
    cluster_of = {i: n for n, c in enumerate(report.clusters) for i in c.ids}
    rows: list[tuple[str, str, float, str, str]] = []
    for pair in report.pairs:
        explained = report.explained(pair)
        a, b = _ordered(pair.left, pair.right)
        together = cluster_of.get(pair.left, -1) == cluster_of.get(pair.right, -2)
        suggestion = "match" if together or pair.weight >= MATCH_WEIGHT else "review"
        rows.append((a, b, round(pair.weight, 3), _reasons_json(explained.reasons), suggestion))
    stamp = now_iso()
    with ws.store.transaction():
        ws.store.db.execute("DELETE FROM duplicate_candidates")
        ws.store.db.conn.executemany(
            "INSERT OR REPLACE INTO duplicate_candidates VALUES (?, ?, ?, ?, ?)", rows
        )
        ws.store.set_meta("duplicates_scanned_at", stamp)
    return ScanResult(
        report.records, report.compared, len(rows), queue_counts(ws)["pending"], stamp
    )


def scanned_at(ws: Workspace) -> str | None:
    """When the queue was last filled (ISO time, UTC), or None if never."""
    return ws.store.meta("duplicates_scanned_at")


# ------------------------------------------------------------------------------------------------
# The queue
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair in the queue, with what is needed to list it."""

    victim_a: str
    victim_b: str
    weight: float
    suggestion: str  # "match" or "review"
    reasons: tuple[Reason, ...]
    name_a: str
    name_b: str
    decision: str | None = None  # the decision in force, if any
    decision_id: str | None = None

    @property
    def pair(self) -> ScoredPair:
        return ScoredPair(self.victim_a, self.victim_b, self.weight, self.reasons,
                          self.name_a, self.name_b)

    @property
    def probability(self) -> float:
        return self.pair.probability

    def explain(self, lang: str) -> list[str]:
        return self.pair.explain(lang)

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "victim_a": self.victim_a,
            "victim_b": self.victim_b,
            "name_a": self.name_a,
            "name_b": self.name_b,
            "weight": self.weight,
            "probability": round(self.probability, 4),
            "suggestion": self.suggestion,
            "decision": self.decision,
            "decision_id": self.decision_id,
            "reasons": [
                {"code": r.code, "weight": r.weight, "text": r.render(lang)}
                for r in sorted(self.reasons, key=lambda r: -abs(r.weight))
            ],
        }


# The decision in force for each decided pair: its latest living decision (as in storage/links).
_IN_FORCE: Final = """
    SELECT id, victim_a, victim_b, decision, weight, updated_at FROM (
        SELECT id, victim_a, victim_b, decision, weight, updated_at,
               row_number() OVER (PARTITION BY victim_a, victim_b
                                  ORDER BY updated_at DESC, id DESC) AS n
        FROM pair_decisions WHERE deleted = 0
    ) WHERE n = 1
"""

_QUEUE: Final = f"""
    SELECT c.victim_a, c.victim_b, c.weight, c.suggestion, c.reasons,
           coalesce(va.name_ar, va.name_en, ''), coalesce(vb.name_ar, vb.name_en, ''),
           d.decision, d.id
    FROM duplicate_candidates c
    -- "+deleted": not by the victims' index on deleted, so that the candidates are read in
    -- weight order and a page (LIMIT) stops early: 7 ms instead of 0.5 s at 100,000 victims.
    JOIN victims va ON va.id = c.victim_a AND +va.deleted = 0
    JOIN victims vb ON vb.id = c.victim_b AND +vb.deleted = 0
    LEFT JOIN ({_IN_FORCE}) d ON d.victim_a = c.victim_a AND d.victim_b = c.victim_b
    WHERE {{where}}
    ORDER BY c.weight DESC, c.victim_a, c.victim_b
"""

# Decided pairs come from the decisions, scanned here or not (one may arrive in a bundle);
# the scan adds its reasons when it saw the pair. Most recent decisions first.
_DECIDED: Final = f"""
    SELECT d.victim_a, d.victim_b, coalesce(c.weight, d.weight, 0),
           coalesce(c.suggestion, iif(d.weight >= {MATCH_WEIGHT}, 'match', 'review')),
           coalesce(c.reasons, '[]'),
           coalesce(va.name_ar, va.name_en, ''), coalesce(vb.name_ar, vb.name_en, ''),
           d.decision, d.id
    FROM ({_IN_FORCE}) d
    JOIN victims va ON va.id = d.victim_a AND +va.deleted = 0
    JOIN victims vb ON vb.id = d.victim_b AND +vb.deleted = 0
    LEFT JOIN duplicate_candidates c ON c.victim_a = d.victim_a AND c.victim_b = d.victim_b
    WHERE {{where}}
    ORDER BY d.updated_at DESC, d.id DESC
"""

# Pending: undecided, and not already one person through other links (same person_id).
_WHERE: Final[dict[str, tuple[str, str]]] = {
    "pending": (_QUEUE, "d.decision IS NULL AND NOT (va.person_id IS NOT NULL "
                        "AND va.person_id IS vb.person_id)"),
    "unsure": (_DECIDED, "d.decision = 'unsure'"),
    "decided": (_DECIDED, "d.decision IN ('same', 'different')"),
}


def queue(
    ws: Workspace, status: Status = "pending", limit: int | None = None, offset: int = 0,
) -> list[Candidate]:
    """Pairs with both records living, by status: pending ones (from the last scan) strongest
    first; unsure and decided ones (whether scanned here or not) most recently decided first."""
    if status not in _WHERE:
        raise UserError.of("duplicates_bad_status", value=status)
    query, where = _WHERE[status]
    sql = query.format(where=where)
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [limit, offset]
    return [
        Candidate(a, b, float(weight), suggestion, _reasons_from_json(reasons), name_a, name_b,
                  decision, decision_id)
        for a, b, weight, suggestion, reasons, name_a, name_b, decision, decision_id
        in ws.store.db.execute(sql, params)
    ]


def queue_counts(ws: Workspace) -> dict[str, int]:
    """How many pairs are pending, set aside as unsure, and decided."""
    counts: dict[str, int] = {}
    for status, (query, where) in _WHERE.items():
        sql = f"SELECT count(*) FROM ({query.format(where=where)})"
        counts[status] = int(ws.store.db.execute(sql).fetchone()[0])
    return counts


# ------------------------------------------------------------------------------------------------
# Side by side
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two victim records side by side: their fields, their incidents', what differs and why."""

    victim_a: dict[str, Any]
    victim_b: dict[str, Any]
    incident_a: dict[str, Any] | None
    incident_b: dict[str, Any] | None
    # Victim field names, and "incident.<field>" for incident fields: those that differ, names
    # written differently that read the same once normalised ("أحمد" / "احمد"), and those
    # given in one record only (a missing age is not a different age).
    differing: frozenset[str]
    variants: frozenset[str]
    missing: frozenset[str]
    candidate: Candidate | None  # the queue's entry, with its reasons, if the pair was scanned
    decision: DecisionRow | None  # the decision in force, if any
    authors: tuple[str, str]  # who first recorded each victim


def _name_form(text: str) -> str:
    """A name as compared on screen: normalised, without articles or spaces."""
    words = search_key(text).split()
    return "".join(
        min(article_variants(w), key=len) if w.startswith("ال") else min(
            latin_article_variants(w), key=len)
        for w in words
    )


def _compared(name: str, left: Any, right: Any) -> str:
    """"same", "variant" (a name written differently: same letters once normalised),
    "missing" (given in one record only) or "differs" ("" and nothing are the same)."""
    if left in (None, "") or right in (None, ""):
        return "same" if (left in (None, "")) == (right in (None, "")) else "missing"
    if left == right:
        return "same"
    if name in _NAME_FIELDS:
        return "variant" if _name_form(str(left)) == _name_form(str(right)) else "differs"
    return "differs"


def _victim_row(ws: Workspace, victim_id: str) -> dict[str, Any]:
    row = ws.store.row(Victim.kind, victim_id.lower())
    if row is None:
        raise UserError.of("record_not_found", value=victim_id)
    return row


def _first_author(ws: Workspace, record_id: str) -> str:
    found = ws.store.db.execute(
        "SELECT author FROM operations WHERE record_id = ? ORDER BY hlc LIMIT 1", [record_id]
    ).fetchone()
    return str(found[0]) if found else ""


def compare(ws: Workspace, first: str, second: str) -> Comparison:
    """Records ``first`` and ``second`` side by side (in id order), with what differs."""
    a_id, b_id = _ordered(first, second)
    if a_id == b_id:
        raise UserError.of("pair_same_record")
    a, b = _victim_row(ws, a_id), _victim_row(ws, b_id)
    incident_a = ws.store.row("incident", a["incident_id"])
    incident_b = ws.store.row("incident", b["incident_id"])
    verdicts = {n: _compared(n, a.get(n), b.get(n)) for n in COMPARED_FIELDS}
    if incident_a and incident_b:
        verdicts |= {
            f"incident.{n}": _compared(n, incident_a.get(n), incident_b.get(n))
            for n in INCIDENT_FIELDS
        }
    found = _queue_entry(ws, a_id, b_id) or _scored_now(a, b, incident_a, incident_b)
    return Comparison(
        a, b, incident_a, incident_b,
        frozenset(n for n, v in verdicts.items() if v == "differs"),
        frozenset(n for n, v in verdicts.items() if v == "variant"),
        frozenset(n for n, v in verdicts.items() if v == "missing"),
        found[0] if found else None,
        decision_in_force(ws, a_id, b_id), (_first_author(ws, a_id), _first_author(ws, b_id)),
    )


def _scored_now(
    a: dict[str, Any], b: dict[str, Any],
    incident_a: dict[str, Any] | None, incident_b: dict[str, Any] | None,
) -> list[Candidate]:
    """The pair scored on the spot (a pair the last scan did not keep, or one never scanned):
    every name counts as moderately common, since the database's name counts are not read."""
    left, right = prepare(a, incident_a), prepare(b, incident_b)
    if left is None or right is None:
        return []
    pair = score_pair(left, right)
    suggestion = "match" if pair.weight >= MATCH_WEIGHT else "review"
    return [Candidate(str(a["id"]), str(b["id"]), pair.weight, suggestion, pair.reasons,
                      _name(a), _name(b))]


def _name(row: dict[str, Any]) -> str:
    return str(row.get("name_ar") or row.get("name_en") or "")


def _queue_entry(ws: Workspace, a: str, b: str) -> list[Candidate]:
    sql = _QUEUE.format(where="c.victim_a = ? AND c.victim_b = ?")
    return [
        Candidate(x, y, float(weight), suggestion, _reasons_from_json(reasons), name_a, name_b,
                  decision, decision_id)
        for x, y, weight, suggestion, reasons, name_a, name_b, decision, decision_id
        in ws.store.db.execute(sql, [a, b])
    ]


# ------------------------------------------------------------------------------------------------
# Deciding and undoing
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision in force, with the names of its two records."""

    id: str
    victim_a: str
    victim_b: str
    decision: str
    note: str | None
    weight: float | None
    updated_at: str | None
    name_a: str = ""
    name_b: str = ""
    author: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "victim_a": self.victim_a, "victim_b": self.victim_b,
            "decision": self.decision, "note": self.note, "weight": self.weight,
            "updated_at": self.updated_at, "name_a": self.name_a, "name_b": self.name_b,
            "author": self.author,
        }


_DECISION_ROWS: Final = f"""
    SELECT p.id, p.victim_a, p.victim_b, p.decision, p.note, p.weight, p.updated_at,
           coalesce(va.name_ar, va.name_en, ''), coalesce(vb.name_ar, vb.name_en, ''),
           coalesce((SELECT author FROM operations WHERE op_id = p.head), '')
    FROM pair_decisions p
    JOIN ({_IN_FORCE}) d ON d.id = p.id
    LEFT JOIN victims va ON va.id = p.victim_a
    LEFT JOIN victims vb ON vb.id = p.victim_b
"""


def decision_in_force(ws: Workspace, first: str, second: str) -> DecisionRow | None:
    a, b = _ordered(first, second)
    found = decisions(ws, where="p.victim_a = ? AND p.victim_b = ?", params=[a, b])
    return found[0] if found else None


def decisions(
    ws: Workspace, decision: str | None = None, *, where: str | None = None,
    params: Sequence[Any] = (),
) -> list[DecisionRow]:
    """Decisions in force (latest per pair), most recent first; ``decision`` filters by kind."""
    clauses, values = [], list(params)
    if where:
        clauses.append(where)
    if decision is not None:
        clauses.append("p.decision = ?")
        values.append(decision)
    sql = _DECISION_ROWS + (f" WHERE {' AND '.join(clauses)}" if clauses else "")
    sql += " ORDER BY p.updated_at DESC, p.id DESC"
    return [DecisionRow(*row) for row in ws.store.db.execute(sql, values)]


def decide(
    ws: Workspace, first: str, second: str, decision: str, note: str | None = None,
) -> DecisionRow:
    """Record a reviewer's decision on two living victims; returns the decision in force.

    When the pair already has a decision, that record is updated (so two reviewers' decisions on
    one pair make one history, not two competing records).
    """
    if decision not in DECISIONS:
        raise UserError.of("duplicates_bad_decision", value=decision)
    a, b = _ordered(first, second)
    if a == b:
        raise UserError.of("pair_same_record")
    living = ws.store.live_ids(Victim.kind, [a, b])
    for victim_id in (a, b):
        if victim_id not in living:
            raise UserError.of("record_not_found", value=victim_id)
    weight_row = ws.store.db.execute(
        "SELECT weight FROM duplicate_candidates WHERE victim_a = ? AND victim_b = ?", [a, b]
    ).fetchone()
    weight = float(weight_row[0]) if weight_row else None
    if decision == "same":
        _refuse_joining_people_told_apart(ws, a, b)
    current = decision_in_force(ws, a, b)
    data: dict[str, Any] = {"victim_a": a, "victim_b": b, "decision": decision, "note": note,
                            "weight": weight}
    if current is not None:
        data["id"] = current.id
        record = ws.get(PairDecision.kind, current.id)
        if record is not None:
            data["created_at"] = record.created_at
    record = ws.validate(PairDecision.kind, data)
    ws.apply([Change(record)])
    found = decision_in_force(ws, a, b)
    assert found is not None
    return found


def _refuse_joining_people_told_apart(ws: Workspace, a: str, b: str) -> None:
    """Linking a and b joins their groups: refuse if two records across them were decided to
    be different people (the chain of links would make one person of them)."""
    left, right = linked_group(ws, a), linked_group(ws, b)
    if set(left) & set(right):
        return
    for x in left:
        for y in right:
            if x == a and y == b:
                continue  # this pair's own decision is what is being changed
            told = decision_in_force(ws, x, y)
            if told is not None and told.decision == "different":
                raise UserError.of("duplicates_told_apart", left=told.name_a or told.victim_a,
                                   right=told.name_b or told.victim_b)


def undo(ws: Workspace, decision_id: str) -> DecisionRow:
    """Withdraw a decision (a tombstone in the log, carried by bundles): the pair is undecided
    again, a "same person" link no longer joins the two records. Returns what was withdrawn."""
    found = decisions(ws, where="p.id = ?", params=[decision_id.lower()])
    if not found:
        raise UserError.of("duplicates_no_decision", value=decision_id)
    ws.delete(PairDecision.kind, found[0].id)
    return found[0]


def linked_group(ws: Workspace, victim_id: str) -> list[str]:
    """The living records linked as one person with ``victim_id`` (itself included), by id;
    the first is the record the person is counted by."""
    _, groups = groups_around(ws.store.db, [victim_id.lower()])
    for group in groups:
        if victim_id.lower() in group:
            return sorted(group)
    return [victim_id.lower()]


def describe(decision: str, lang: str) -> str:
    """A decision's label in ``lang``."""
    return Message.of(f"duplicates_decision_{decision}").render(lang)


@dataclass(frozen=True, slots=True)
class QueueSummary:
    """Counts for a status line: pairs pending, unsure and decided; records linked; last scan."""

    pending: int
    unsure: int
    decided: int
    linked: int  # living records counted by another record of the same person
    scanned_at: str | None


def queue_summary(ws: Workspace) -> QueueSummary:
    counts = queue_counts(ws)
    linked = int(ws.store.db.execute(
        "SELECT count(*) FROM victims WHERE linked = 1 AND deleted = 0"
    ).fetchone()[0])
    return QueueSummary(counts["pending"], counts["unsure"], counts["decided"], linked,
                        scanned_at(ws))
