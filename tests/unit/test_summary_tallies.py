"""The summary tallies: equal to a recount of the records after every kind of write, links included."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.domain.records import PairDecision
from snhr_desktop.services.bundles import export_bundle, import_bundles
from snhr_desktop.services.summary import (
    SummaryFilters,
    drill,
    repair_tallies,
    set_methodology,
    summarise,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage import tallies
from snhr_desktop.storage.database import schema_version
from snhr_desktop.storage.migrations import SCHEMA_VERSION
from tests.conftest import PASSPHRASE, incident_data
from tests.unit.test_bundles import Network
from tests.unit.test_summary import COALITION, PERIOD, TODAY, Data, build

# Filters that read the tallies every way: whole months only, periods cut inside a month at
# either end or both, a sub-period from a month's first day and from inside a month, one month,
# one day, parties and places.
FILTERS: tuple[SummaryFilters, ...] = (
    SummaryFilters(),
    PERIOD,
    replace(PERIOD, since=dt.date(2016, 6, 1)),
    replace(PERIOD, since=dt.date(2016, 5, 3)),
    SummaryFilters(date_from=dt.date(2016, 1, 2), date_to=dt.date(2016, 12, 30)),
    SummaryFilters(date_from=dt.date(2016, 5, 3), date_to=dt.date(2016, 5, 3)),
    SummaryFilters(date_from=dt.date(2016, 5, 1), date_to=dt.date(2016, 5, 31)),
    SummaryFilters(date_from=dt.date(2015, 12, 31), since=dt.date(2016, 1, 2)),
    SummaryFilters(date_to=dt.date(2016, 7, 4)),
    SummaryFilters(governorates=("SY11",), date_from=dt.date(2016, 4, 15)),
    SummaryFilters(perpetrators=("syrian_regime", COALITION), governorates=("SY02", "SY11")),
)


def assert_exact(ws: Workspace, filters: tuple[SummaryFilters, ...] = FILTERS) -> None:
    """The tallies equal a recount, and summaries from them equal summaries of the records."""
    assert tallies.problems(ws.store.db) == []
    for f in filters:
        quick = summarise(ws, f, today=TODAY)
        assert quick == summarise(ws, f, today=TODAY, from_records=True), f


def civilians(ws: Workspace, filters: SummaryFilters = PERIOD) -> int:
    return summarise(ws, filters, today=TODAY).civilians_killed


@pytest.fixture
def data(workspace: Workspace) -> Data:
    return build(workspace)


def test_the_crafted_dataset_reads_the_same_from_the_tallies(
    workspace: Workspace, data: Data
) -> None:
    assert tallies.usable(workspace.store.db, 18)
    assert_exact(workspace)
    # The published figures of the crafted dataset (test_summary) come from the tallies.
    s = summarise(workspace, PERIOD, today=TODAY)
    assert (s.civilians_killed, s.children, s.women, s.men, s.massacres) == (26, 4, 4, 16, 1)
    assert s.links_applied == 0


def edit(ws: Workspace, kind: str, record_id: str, **changes: Any) -> None:
    record = ws.get(kind, record_id)
    assert record is not None
    ws.save(ws.validate(kind, {**record.snapshot(), **changes}))


def test_updates_move_the_counts(workspace: Workspace, data: Data) -> None:
    ws, v, i = workspace, data.victims, data.incidents
    edit(ws, "victim", v["age18_male"], status="non_civilian")
    assert civilians(ws) == 25
    edit(ws, "victim", v["age17"], age=30, age_group=None)  # a child becomes a man
    edit(ws, "victim", v["fighter"], status="civilian")  # and a fighter a civilian
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.children, s.men) == (26, 3, 17)
    edit(ws, "victim", v["first_day"], date_of_death="2015-12-31")  # out of the period
    edit(ws, "victim", v["last_day"], governorate="SY07")
    edit(ws, "victim", v["i2_civilian_0"], category="media")
    assert_exact(ws)
    assert civilians(ws) == 25
    # A victim moved to another incident takes the party and place of the new one.
    edit(ws, "victim", v["month_child"], incident_id=i["I4"])
    assert summarise(ws, PERIOD).civilians_killed == 24
    assert_exact(ws)


def test_an_incident_carries_its_victims_with_it(workspace: Workspace, data: Data) -> None:
    ws, i = workspace, data.incidents
    edit(ws, "incident", i["I1"], perpetrator="syrian_regime")
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.massacres) == (26 - 8, 0)
    assert summarise(ws, SummaryFilters(perpetrators=("syrian_regime",))).massacres == 2
    edit(ws, "incident", i["I8"], date="2017-02", governorate="SY03")  # victims without their own
    assert summarise(ws, PERIOD).civilians_killed == 26 - 8 - 2
    edit(ws, "incident", i["I9"], date="2016-01-01")  # the massacre moves into the period
    assert_exact(ws)
    ws.delete("incident", i["I2"])  # its victims and facility attacks with it
    assert_exact(ws)
    assert summarise(ws, PERIOD).civilians_killed == 26 - 8 - 2 - 4


def test_deleting_and_restoring(workspace: Workspace, data: Data) -> None:
    ws, v = workspace, data.victims
    ws.delete("victim", v["medic"])
    ws.delete("facility_attack", data.facilities["school"])
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.facility_attacks) == (25, 2)
    assert dict((r.code, r.count) for r in s.special_categories)["medical"] == 0
    assert_exact(ws)
    # A tombstoned record saved again is alive again.
    medic = ws.get("victim", v["medic"], include_deleted=True)
    assert medic is not None
    ws.save(medic)
    assert civilians(ws) == 26
    # Even rows written around the write path are followed (as the crafted dataset's orphan).
    ws.store.db.execute("UPDATE incidents SET deleted = 0 WHERE id = ?", [data.incidents["I10"]])
    assert civilians(ws) == 27
    ws.store.db.execute("DELETE FROM victims WHERE id = ?", [v["orphan"]])
    ws.store.db.execute("DELETE FROM incidents WHERE id = ?", [data.incidents["I3"]])
    ws.store.db.conn.commit()
    assert civilians(ws) == 26 - 2
    assert_exact(ws)


def test_a_linked_person_counts_once_and_the_link_is_reported(
    workspace: Workspace, data: Data
) -> None:
    ws, v = workspace, data.victims
    before = summarise(ws, PERIOD, today=TODAY)
    operation = ws.save(PairDecision.between(v["age17"], v["medic"], "same"))
    assert operation is not None
    decision_id = operation.record_id
    after = summarise(ws, PERIOD, today=TODAY)
    assert after.civilians_killed == before.civilians_killed - 1
    assert after.links_applied == 1
    assert after.to_json()["links_applied"] == 1
    # The record counted is the smaller id; the other one is left out of every figure.
    counted, left_out = sorted((v["age17"], v["medic"]))
    assert drill(ws, PERIOD, "links_applied") == [left_out]
    assert left_out not in drill(ws, PERIOD, "civilians_killed")
    assert counted in drill(ws, PERIOD, "civilians_killed")
    assert len(drill(ws, PERIOD, "civilians_killed")) == after.civilians_killed
    assert after.civilians_killed + after.links_applied == before.civilians_killed
    assert_exact(ws)
    # Outside the filters the link is not counted as applied.
    assert summarise(ws, replace(PERIOD, governorates=("SY02",))).links_applied == 0

    # Undoing the link (deleting the decision) restores the count.
    ws.delete(PairDecision.kind, decision_id)
    again = summarise(ws, PERIOD, today=TODAY)
    assert again == before
    assert_exact(ws)


def test_a_link_can_break_a_massacre(workspace: Workspace, data: Data) -> None:
    """I1 has 8 civilians: with a threshold of 8 it is a massacre until two of them are one."""
    ws, v = workspace, data.victims
    eight = Methodology(massacre_threshold=8)
    assert summarise(ws, PERIOD, methodology=eight).massacres == 1
    ws.save(PairDecision.between(v["age18_male"], v["male_no_age_group"], "same"))
    linked = summarise(ws, PERIOD, methodology=eight)
    assert (linked.massacres, linked.links_applied) == (0, 1)
    assert drill(ws, PERIOD, "massacres", methodology=eight) == []
    # A later "different people" on the same pair undoes the link.
    ws.save(PairDecision.between(v["age18_male"], v["male_no_age_group"], "different"))
    assert summarise(ws, PERIOD, methodology=eight).massacres == 1
    assert_exact(ws)


def test_links_of_non_civilians_are_not_counted_as_applied(
    workspace: Workspace, data: Data
) -> None:
    ws, v = workspace, data.victims
    ws.save(PairDecision.between(v["fighter"], v["status_unknown"], "same"))
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.links_applied) == (26, 0)
    assert_exact(ws)


def test_a_chain_of_links_makes_one_person(workspace: Workspace, data: Data) -> None:
    ws, v = workspace, data.victims
    ws.save_many([
        PairDecision.between(v["i6_1"], v["i6_2"], "same"),
        PairDecision.between(v["i6_2"], v["i6_3"], "same"),
    ])
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.links_applied) == (24, 2)
    # Deleting the record the person was counted by moves the count to another one: still one
    # person, now in two records.
    counted = min(v["i6_1"], v["i6_2"], v["i6_3"])
    assert counted in drill(ws, PERIOD, "civilians_killed")
    ws.delete("victim", counted)
    s = summarise(ws, PERIOD)
    assert (s.civilians_killed, s.links_applied) == (24, 1)
    assert len(set(drill(ws, PERIOD, "civilians_killed")) & {v["i6_1"], v["i6_2"], v["i6_3"]}) == 1
    assert_exact(ws)


def test_a_new_child_age_limit_recounts_the_tallies(workspace: Workspace, data: Data) -> None:
    ws = workspace
    set_methodology(ws, Methodology(child_age_limit=17))
    assert tallies.usable(ws.store.db, 17)
    s = summarise(ws, PERIOD)
    assert (s.children, s.men) == (3, 17)
    assert_exact(ws)
    # A "what if" with another limit is counted from the records, by that limit.
    what_if = summarise(ws, PERIOD, methodology=Methodology(child_age_limit=18))
    assert (what_if.children, what_if.men) == (4, 16)
    set_methodology(ws, Methodology(massacre_threshold=9, child_age_limit=17))  # no recount
    assert tallies.usable(ws.store.db, 17)
    edit(ws, "victim", data.victims["age18_male"], age=16, age_group=None)
    assert summarise(ws, PERIOD).children == 4
    assert_exact(ws)


def test_check_finds_a_wrong_tally_and_repair_recounts(workspace: Workspace, data: Data) -> None:
    ws = workspace
    ws.delete("victim", data.victims["orphan"])  # the crafted dataset's one other problem
    assert ws.check() == []
    ws.store.db.execute("UPDATE victim_tally_month SET women = women + 1 WHERE month = '2016-05'")
    ws.store.db.execute("DELETE FROM incident_tally WHERE incident_id = ?", [data.incidents["I1"]])
    ws.store.db.conn.commit()
    problems = ws.check()
    assert any("victim_tally_month" in p for p in problems)
    assert any("incident_tally" in p for p in problems)
    assert summarise(ws, PERIOD).massacres == 0  # wrong, as the check says
    assert len(repair_tallies(ws)) == 2
    assert ws.check() == []
    assert summarise(ws, PERIOD).massacres == 1
    assert_exact(ws)


def test_the_migration_counts_the_records_already_held(tmp_path: Path) -> None:
    """A database made before the tallies existed gets them, counted, when it is opened."""
    path = tmp_path / "old.db"
    with Workspace.create(path, PASSPHRASE, "Researcher") as ws:
        data = build(ws)
        ws.save(PairDecision.between(data.victims["age17"], data.victims["medic"], "same"))
        expected = summarise(ws, PERIOD, today=TODAY)
        db = ws.store.db
        for trigger in tallies.TRIGGERS:
            db.execute(f"DROP TRIGGER {trigger}")
        for table in tallies.TABLES:
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_summary_tallies'")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        db.conn.commit()
        # Written while there were no tallies: the migration must count it too.
        ws.delete("victim", data.victims["first_day"])
    with Workspace.open(path, PASSPHRASE) as ws:
        assert schema_version(ws.store.db) == SCHEMA_VERSION
        s = summarise(ws, PERIOD, today=TODAY)
        assert s.civilians_killed == expected.civilians_killed - 1
        assert s.links_applied == 1
        assert_exact(ws)


# -- merges ----------------------------------------------------------------------------------------
def sync(net: Network, source: Workspace, target: Workspace) -> None:
    path = export_bundle(source, net.out, full=True).path
    if path is not None:  # None: the source has written nothing yet
        assert import_bundles(target, [path]).ok


def test_merges_from_bundles_keep_the_tallies_exact(net: Network) -> None:
    first, second = net.join("first"), net.join("second")
    data = build(first)
    # The crafted dataset deletes I10 around the write path, which no bundle carries: undo that.
    first.store.db.execute("UPDATE incidents SET deleted = 0 WHERE id = ?", [data.incidents["I10"]])
    first.store.db.conn.commit()
    sync(net, first, second)
    assert summarise(second, PERIOD, today=TODAY) == summarise(first, PERIOD, today=TODAY)
    assert_exact(second)
    # Concurrent edits of the same records on both installations, then an exchange both ways.
    edit(first, "incident", data.incidents["I1"], perpetrator="syrian_regime")
    edit(second, "incident", data.incidents["I1"], date="2016-06-01")
    edit(first, "victim", data.victims["age17"], status="non_civilian")
    edit(second, "victim", data.victims["age17"], age=40, age_group=None)
    second.delete("victim", data.victims["medic"])
    edit(first, "victim", data.victims["medic"], category="media")
    second.save(PairDecision.between(data.victims["i6_1"], data.victims["i6_2"], "same"))
    second.delete("incident", data.incidents["I3"])
    sync(net, first, second)
    sync(net, second, first)
    assert_exact(first)
    assert_exact(second)
    both = [summarise(ws, SummaryFilters(), today=TODAY) for ws in (first, second)]
    assert both[0] == both[1]
    assert both[0].links_applied == 1


# -- any sequence of writes ------------------------------------------------------------------------
STEP = st.tuples(
    st.sampled_from(
        ["incident", "victim", "facility", "edit_victim", "edit_incident", "edit_facility",
         "delete", "link", "unlink", "sync"]
    ),
    st.integers(0, 1),  # which installation
    st.integers(0, 50),
    st.integers(0, 50),
)
VICTIM_EDITS: list[dict[str, Any]] = [
    {"status": "non_civilian"}, {"status": "civilian"}, {"status": "unknown"},
    {"age": 9, "age_group": None}, {"age": 17, "age_group": None}, {"age": 18, "age_group": None},
    {"age": None, "age_group": "child"}, {"age": None, "age_group": "unknown"},
    {"sex": "female"}, {"sex": "unknown"}, {"category": "medical"}, {"category": "none"},
    {"date_of_death": None}, {"date_of_death": "2016-05-31"}, {"date_of_death": "2016-06-01"},
    {"governorate": None}, {"governorate": "SY02"},
]
INCIDENT_EDITS: list[dict[str, Any]] = [
    {"perpetrator": "syrian_regime"}, {"perpetrator": COALITION}, {"date": "2016-05-15"},
    {"date": "2016-06"}, {"governorate": "SY07"}, {"acknowledged": "yes"},
]
FACILITY_EDITS: list[dict[str, Any]] = [
    {"category": "school"}, {"category": "bridge"}, {"date": "2016-05-20"}, {"date": None},
    {"governorate": "SY04"},
]


# Both installations start with two incidents, six victims (two without a date of their own) and
# a facility attack each.
START: list[tuple[str, int, int, int]] = [
    ("incident", 0, 0, 2), ("incident", 0, 1, 20),
    *[("victim", 0, n, n) for n in range(6)], ("facility", 0, 0, 0), ("facility", 0, 1, 0),
    ("sync", 1, 0, 0),
]


def living(ws: Workspace, kind: str) -> list[str]:
    return sorted(row["id"] for row in ws.store.rows(kind))


def step(net: Network, devices: list[Workspace], action: str, who: int, a: int, b: int) -> None:
    ws = devices[who]
    incidents = living(ws, "incident")
    victims = living(ws, "victim")
    if action == "incident" or not incidents:
        ws.save(ws.validate("incident", incident_data(date=f"2016-0{5 + a % 2}-{1 + b % 28:02d}")))
    elif action == "victim":
        facts = {"incident_id": incidents[a % len(incidents)], "name_en": f"Person {b}",
                 "sex": "male", "status": "civilian", "age": 5 + b % 40}
        if b % 3:
            facts["date_of_death"] = f"2016-05-{1 + b % 31:02d}"
        ws.save(ws.validate("victim", facts))
    elif action == "facility":
        ws.save(ws.validate("facility_attack", {
            "incident_id": incidents[a % len(incidents)], "category": "hospital",
        }))
    elif action.startswith("edit_"):
        kind = {"edit_victim": "victim", "edit_incident": "incident",
                "edit_facility": "facility_attack"}[action]
        pool = {"victim": VICTIM_EDITS, "incident": INCIDENT_EDITS,
                "facility_attack": FACILITY_EDITS}[kind]
        ids = living(ws, kind)
        if ids:
            record = ws.get(kind, ids[a % len(ids)])
            assert record is not None
            with contextlib.suppress(RecordInvalid):  # an edit that does not fit the record
                ws.save(ws.validate(kind, {**record.snapshot(), **pool[b % len(pool)]}))
    elif action == "delete":
        kind = ("victim", "incident", "facility_attack")[b % 3]
        ids = living(ws, kind)
        if ids:
            ws.delete(kind, ids[a % len(ids)])
    elif action == "link" and len(victims) >= 2:
        first, second = victims[a % len(victims)], victims[b % len(victims)]
        if first != second:
            ws.save(PairDecision.between(first, second, "same"))
    elif action == "unlink":
        decisions = living(ws, PairDecision.kind)
        if decisions:
            ws.delete(PairDecision.kind, decisions[a % len(decisions)])
    elif action == "sync":
        sync(net, devices[1 - who], ws)


# No shrinking: each example builds two databases, and shrinking a failure took minutes; the
# failing sequence is printed as it was generated.
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=10, max_size=30))
def test_any_sequence_of_writes_and_merges_keeps_the_tallies_exact(
    steps: list[tuple[str, int, int, int]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="snhr-tally-") as folder:
        net = Network(Path(folder))
        try:
            devices = [net.join("one"), net.join("two")]
            for start in START:  # something to edit, link and delete from the first step
                step(net, devices, *start)
            for action, who, a, b in steps:
                step(net, devices, action, who, a, b)
            filters = (
                SummaryFilters(),
                SummaryFilters(date_from=dt.date(2016, 5, 15), date_to=dt.date(2016, 6, 10),
                               since=dt.date(2016, 6, 1)),
                SummaryFilters(perpetrators=(COALITION,), governorates=("SY11",)),
            )
            for ws in devices:
                assert_exact(ws, filters)
        finally:
            net.close()
