"""Synthetic demonstration data: exact counts, valid records, determinism, a realistic mix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.domain.names import fts_query
from snhr_desktop.domain.records import RECORD_TYPES
from snhr_desktop.services import demo
from snhr_desktop.services.demo import DemoReport, fill_demo
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import keys
from snhr_desktop.storage.store import TABLES
from tests.conftest import PASSPHRASE

SAMPLE_VICTIMS = 2_000
CHEAP = keys.KdfCost(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, DemoReport]]:
    """One workspace with the demo sample, shared by the read-only tests of this module."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ws = Workspace.create(path, PASSPHRASE, "Demo Researcher", cost=CHEAP)
    try:
        yield ws, fill_demo(ws, SAMPLE_VICTIMS, seed=1)
    finally:
        ws.close()


def scalar(ws: Workspace, sql: str, *params: Any) -> Any:
    return ws.store.db.execute(sql, params).fetchone()[0]


def facts_of(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The stored fields of ``row`` that belong to the record (no stamps, ids or derived keys)."""
    skip = {"id", "incident_id", "created_at", "updated_at"}
    return {k: row[k] for k in RECORD_TYPES[kind].model_fields if k not in skip}


Rows = list[dict[str, Any]]


def contents(ws: Workspace) -> list[tuple[dict[str, Any], Rows, Rows]]:
    """Every incident with its victims and facility attacks, in writing order, without ids."""
    children: dict[str, dict[str, Rows]] = {"victim": {}, "facility_attack": {}}
    for kind, by_incident in children.items():
        for row in ws.store.rows(kind):
            by_incident.setdefault(row["incident_id"], []).append(facts_of(kind, row))
    return [
        (
            facts_of("incident", row),
            children["victim"].get(row["id"], []),
            children["facility_attack"].get(row["id"], []),
        )
        for row in ws.store.rows("incident")
    ]


def test_counts_match_the_request(filled: tuple[Workspace, DemoReport]) -> None:
    ws, report = filled
    assert report.victims == SAMPLE_VICTIMS
    assert ws.counts() == {
        "incident": report.incidents,
        "victim": SAMPLE_VICTIMS,
        "facility_attack": report.facility_attacks,
    }
    assert report.records == sum(ws.counts().values())
    assert 0 < report.children < report.victims and 0 < report.women < report.victims


def test_every_stored_record_is_fully_valid(filled: tuple[Workspace, DemoReport]) -> None:
    ws, _ = filled
    context = ws.validation_context()
    for kind, model in RECORD_TYPES.items():
        checked = 0
        for row in ws.store.rows(kind):
            data = {name: row[name] for name in model.model_fields}
            record = model.parse(data, context=context)  # raises RecordInvalid on any problem
            assert record.snapshot() == data  # stored exactly as validated
            checked += 1
        assert checked == ws.store.count(kind)


def test_the_same_seed_gives_the_same_records(tmp_path: Path) -> None:
    filled_contents = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        with Workspace.create(tmp_path / f"{name}.db", PASSPHRASE, "Demo Researcher") as ws:
            fill_demo(ws, 300, seed=seed)
            filled_contents.append(contents(ws))
    first, again, other = filled_contents
    assert first == again
    assert first != other


def test_ids_are_fresh_for_every_fill(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b"):
        with Workspace.create(tmp_path / f"{name}.db", PASSPHRASE, "Demo Researcher") as ws:
            fill_demo(ws, 20, seed=3)
            ids.append({row["id"] for row in ws.store.rows("victim")})
    assert not ids[0] & ids[1]  # demo databases can be merged without clashing ids


def test_massacres_children_women_and_combatants(filled: tuple[Workspace, DemoReport]) -> None:
    ws, report = filled
    biggest = scalar(
        ws,
        "SELECT max(n) FROM (SELECT count(*) AS n FROM victims WHERE status = 'civilian' "
        "GROUP BY incident_id)",
    )
    assert biggest >= 5
    massacres = scalar(
        ws,
        "SELECT count(*) FROM (SELECT 1 FROM victims WHERE status = 'civilian' "
        "GROUP BY incident_id HAVING count(*) >= 5)",
    )
    assert massacres == report.massacres > 0
    largest = "SELECT max(n) FROM (SELECT count(*) AS n FROM victims GROUP BY incident_id)"
    assert scalar(ws, largest) <= 40
    share = {
        name: scalar(ws, f"SELECT avg({condition}) FROM victims")
        for name, condition in {
            "children": "age_group = 'child'",
            "women": "sex = 'female' AND age_group = 'adult'",
            "non_civilians": "status = 'non_civilian'",
            "unknown_status": "status = 'unknown'",
            "unknown_age": "age IS NULL",
        }.items()
    }
    assert 0.18 <= share["children"] <= 0.32, share
    assert 0.10 <= share["women"] <= 0.20, share
    assert 0.03 <= share["non_civilians"] <= 0.2, share
    assert 0 < share["unknown_status"] < 0.1, share
    assert 0.1 < share["unknown_age"] < 0.6, share
    assert report.children == scalar(ws, "SELECT count(*) FROM victims WHERE age_group = 'child'")
    assert report.women == scalar(
        ws, "SELECT count(*) FROM victims WHERE sex = 'female' AND age_group = 'adult'"
    )
    # Unknown ages still carry an age group where one is known.
    for group in ("child", "adult", "unknown"):
        assert scalar(ws, "SELECT count(*) FROM victims WHERE age IS NULL AND age_group = ?", group)
    for category in ("medical", "media", "civil_defence"):
        assert scalar(ws, "SELECT count(*) FROM victims WHERE category = ?", category), category


def test_facility_attacks(filled: tuple[Workspace, DemoReport]) -> None:
    ws, report = filled
    assert 1 / 12 <= report.facility_attacks / report.incidents <= 1 / 5
    categories = {
        row[0] for row in ws.store.db.execute("SELECT DISTINCT category FROM facility_attacks")
    }
    assert {"bridge", "school", "hospital", "mosque", "market"} <= categories
    assert scalar(ws, "SELECT count(*) FROM facility_attacks WHERE category = 'bridge'") > 0


def test_places_dates_and_parties(filled: tuple[Workspace, DemoReport]) -> None:
    ws, _ = filled
    governorates = {
        row[0] for row in ws.store.db.execute("SELECT DISTINCT governorate FROM incidents")
    }
    assert governorates == {place.pcode for place in gazetteer().governorates()}
    assert len(governorates) == 14
    assert scalar(ws, "SELECT count(*) FROM incidents WHERE community IS NOT NULL") > 0
    first, last = ws.store.db.execute("SELECT min(date), max(date) FROM incidents").fetchone()
    assert dt.date(2011, 3, 1) <= dt.date.fromisoformat(first) and last <= "2024-12-31"
    parties = ws.store.db.execute(
        "SELECT perpetrator FROM incidents GROUP BY perpetrator ORDER BY count(*) DESC"
    ).fetchall()
    assert parties[0][0] == "syrian_regime" and len(parties) >= 8
    assert scalar(ws, "SELECT count(DISTINCT attack_type) FROM incidents") >= 10
    assert scalar(ws, "SELECT avg(acknowledged = 'yes') FROM incidents") < 0.02
    assert scalar(ws, "SELECT count(*) FROM incidents WHERE date_precision != 'day'") > 0


def test_names_are_bilingual_with_spelling_variants(filled: tuple[Workspace, DemoReport]) -> None:
    ws, _ = filled
    assert scalar(ws, "SELECT avg(name_ar IS NOT NULL AND name_en IS NOT NULL) FROM victims") > 0.8
    spellings = {
        row[0].split()[0]
        for row in ws.store.db.execute(
            "SELECT name_en FROM victims WHERE name_ar LIKE 'محمد %' AND name_en IS NOT NULL"
        )
    }
    assert {"Mohammad", "Muhammad"} <= spellings
    victim = next(ws.store.rows("victim"))
    found = {
        row[0]
        for row in ws.store.db.execute(
            "SELECT rowid FROM victim_search WHERE victim_search MATCH ?",
            [fts_query(victim["name_ar"] or victim["name_en"])],
        )
    }
    assert scalar(ws, "SELECT rowid FROM victims WHERE id = ?", victim["id"]) in found


def test_operations_log_has_one_create_per_record(filled: tuple[Workspace, DemoReport]) -> None:
    ws, report = filled
    assert ws.store.operation_count() == report.records
    assert scalar(ws, "SELECT count(*) FROM operations WHERE action != 'create'") == 0
    assert scalar(ws, "SELECT count(DISTINCT record_id) FROM operations") == report.records
    for kind, table in TABLES.items():
        assert scalar(
            ws,
            f"SELECT count(*) FROM {table} t JOIN operations o ON o.op_id = t.head "
            "WHERE o.record_id = t.id AND o.record_kind = ?",
            kind,
        ) == ws.store.count(kind)


def test_database_check_is_clean(filled: tuple[Workspace, DemoReport]) -> None:
    ws, _ = filled
    assert ws.check() == []


def test_written_in_batches_with_progress(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH_RECORDS", 50)
    calls: list[tuple[int, int]] = []
    report = fill_demo(
        workspace, 200, seed=2, progress=lambda done, total: calls.append((done, total))
    )
    assert len(calls) > 3
    assert calls[-1] == (200, 200)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert workspace.counts()["victim"] == report.victims == 200
    assert workspace.check() == []


def test_children_follow_the_methodology(workspace: Workspace) -> None:
    with workspace.store.transaction():
        workspace.store.set_meta("methodology", Methodology(child_age_limit=15).model_dump_json())
    fill_demo(workspace, 400, seed=5)
    db = workspace.store.db
    assert db.execute("SELECT max(age) FROM victims WHERE age_group = 'child'").fetchone()[0] < 15
    assert db.execute("SELECT min(age) FROM victims WHERE age_group = 'adult'").fetchone()[0] >= 15


def test_nothing_asked_nothing_written(workspace: Workspace) -> None:
    report = fill_demo(workspace, 0)
    assert report.records == 0
    assert workspace.counts() == {"incident": 0, "victim": 0, "facility_attack": 0}


def test_report_in_both_languages() -> None:
    report = DemoReport(incidents=3, victims=7, facility_attacks=1, massacres=1, children=2,
                        women=1, non_civilians=1, seconds=0.25)
    assert "7" in report.render("en") and "massacre" in report.render("en")
    assert "الضحايا: 7" in report.render("ar") and "المجازر: 1" in report.render("ar")
