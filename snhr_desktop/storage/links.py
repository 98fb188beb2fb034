"""Victims linked as one person by "same person" decisions: derived columns kept up to date.

A "same person" decision joins two victim records; chains of them make groups. Each group of
living records is counted by one record, its smallest id (the same on every installation,
whatever order the decisions arrived in): that record gets ``person_id`` = its own id and
``linked`` = 0, the others ``person_id`` = that id and ``linked`` = 1. Records in no group have
``person_id`` NULL. Only the groups around the records that changed are recomputed.

Which decision counts for a pair when several reviewers decided it: the most recent living one
(by its ``updated_at`` stamp, then id), so a later "different people" undoes an earlier "same
person" and the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlite_utils import Database

_CHUNK = 400

# The decision that counts for each pair among the given rows: the latest living one.
_EFFECTIVE = """
    SELECT victim_a, victim_b, decision FROM (
        SELECT victim_a, victim_b, decision,
               row_number() OVER (PARTITION BY victim_a, victim_b
                                  ORDER BY updated_at DESC, id DESC) AS n
        FROM pair_decisions WHERE deleted = 0 AND {where}
    ) WHERE n = 1
"""


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


def has_decisions(db: Database) -> bool:
    return db.execute("SELECT 1 FROM pair_decisions LIMIT 1").fetchone() is not None


def _same_links(db: Database, ids: Sequence[str]) -> list[tuple[str, str]]:
    """Effective "same person" pairs touching ``ids`` (either side)."""
    links: list[tuple[str, str]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = _marks(chunk)
        sql = _EFFECTIVE.format(where=f"(victim_a IN ({marks}) OR victim_b IN ({marks}))")
        links.extend(
            (a, b) for a, b, decision in db.execute(sql, [*chunk, *chunk]) if decision == "same"
        )
    return links


def _living(db: Database, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        # "+deleted": by the primary key, not by the index on (deleted, sort_name), which
        # SQLite would otherwise walk whole (a million entries) for a few ids.
        found.update(
            row[0]
            for row in db.execute(
                f"SELECT id FROM victims WHERE +deleted = 0 AND id IN ({_marks(chunk)})", chunk
            )
        )
    return found


def groups_around(db: Database, victim_ids: Iterable[str]) -> tuple[set[str], list[set[str]]]:
    """Every record reachable from ``victim_ids`` through "same person" links (living or not),
    and the groups of living records those links make (groups of two or more)."""
    seen: set[str] = set(victim_ids)
    frontier = list(seen)
    edges: set[tuple[str, str]] = set()
    while frontier:
        found = _same_links(db, frontier)
        frontier = []
        for a, b in found:
            edges.add((a, b))
            for node in (a, b):
                if node not in seen:
                    seen.add(node)
                    frontier.append(node)
    living = _living(db, sorted(seen))
    parent = {node: node for node in living}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        if a in living and b in living:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for node in living:
        groups.setdefault(root(node), set()).add(node)
    return seen, [group for group in groups.values() if len(group) > 1]


def relink(db: Database, victim_ids: Iterable[str], *, write: bool = True) -> int:
    """Re-derive ``person_id`` and ``linked`` for the groups around ``victim_ids``.

    Returns how many victim rows changed (or, with ``write=False``, would change). Cheap when
    nobody has decided anything yet.
    """
    ids = set(victim_ids)
    if not ids or not (has_decisions(db) or _any_linked(db)):
        return 0
    touched, groups = groups_around(db, ids)
    wanted: dict[str, tuple[str | None, int]] = {node: (None, 0) for node in touched}
    for group in groups:
        person = min(group)
        for node in group:
            wanted[node] = (person, 0 if node == person else 1)
    nodes = sorted(wanted)
    current: dict[str, tuple[str | None, int]] = {}
    for start in range(0, len(nodes), _CHUNK):
        chunk = nodes[start : start + _CHUNK]
        for node, person, linked in db.execute(
            f"SELECT id, person_id, linked FROM victims WHERE id IN ({_marks(chunk)})", chunk
        ):
            current[node] = (person, int(linked))
    changes = [
        (person, linked, node)
        for node, (person, linked) in wanted.items()
        if node in current and current[node] != (person, linked)
    ]
    if write:
        db.conn.executemany("UPDATE victims SET person_id = ?, linked = ? WHERE id = ?", changes)
    return len(changes)


def _any_linked(db: Database) -> bool:
    return db.execute("SELECT 1 FROM victims WHERE person_id IS NOT NULL LIMIT 1").fetchone() is not None


def link_problems(db: Database) -> list[str]:
    """Differences between the stored links and the decisions (empty when they agree)."""
    wrong = relink_all(db, write=False)
    return [f"{wrong} victims' person links disagree with the decisions"] if wrong else []


def relink_all(db: Database, *, write: bool = True) -> int:
    """Re-derive the links of every victim any decision names (after a repair or a migration)."""
    ids = [
        row[0]
        for row in db.execute(
            "SELECT victim_a FROM pair_decisions UNION SELECT victim_b FROM pair_decisions "
            "UNION SELECT id FROM victims WHERE person_id IS NOT NULL"
        )
    ]
    return relink(db, ids, write=write)
