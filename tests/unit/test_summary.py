"""Summary figures on a crafted dataset: every counting rule and its edge, drill-down, JSON, CLI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from snhr_desktop.cli import main
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.domain.records import PairDecision
from snhr_desktop.services import summary as summary_module
from snhr_desktop.services.summary import (
    FIGURE_KEYS,
    Summary,
    SummaryFilters,
    drill,
    figure_kind,
    set_methodology,
    summarise,
)
from snhr_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE, incident_data

COALITION = "international_coalition"
PERIOD = SummaryFilters(
    perpetrators=(COALITION,), date_from=dt.date(2016, 1, 1), date_to=dt.date(2016, 12, 31)
)
TODAY = dt.date(2024, 6, 30)


@dataclass
class Data:
    """Ids of the crafted records, by the role each plays in the tests."""

    incidents: dict[str, str] = field(default_factory=dict)
    victims: dict[str, str] = field(default_factory=dict)
    facilities: dict[str, str] = field(default_factory=dict)


def _victim(incident_id: str, name: str, **facts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "incident_id": incident_id,
        "name_en": name,
        "sex": "male",
        "status": "civilian",
    }
    data.update(facts)
    return data


def build(ws: Workspace) -> Data:
    """The crafted dataset (see the expected figures in ``test_figures_for_the_coalition_in_2016``)."""
    d = Data()

    def incident(key: str, **facts: Any) -> str:
        record = ws.validate("incident", incident_data(**{"perpetrator": COALITION, **facts}))
        ws.save(record)
        d.incidents[key] = record.id
        return record.id

    def victims(incident_key: str, people: dict[str, dict[str, Any]]) -> None:
        incident_id = d.incidents[incident_key]
        records = [ws.validate("victim", _victim(incident_id, key, **facts)) for key, facts in people.items()]
        ws.save_many(records)
        d.victims.update({r.name_en: r.id for r in records})  # type: ignore[attr-defined]

    def facility(key: str, incident_key: str, **facts: Any) -> None:
        record = ws.validate("facility_attack", {"incident_id": d.incidents[incident_key], **facts})
        ws.save(record)
        d.facilities[key] = record.id

    # I1: a massacre in Ar-Raqqa, acknowledged; every classification edge among its victims.
    incident("I1", date="2016-05-03", governorate="SY11", acknowledged="yes")
    day = {"date_of_death": "2016-05-03", "governorate": "SY11"}
    victims("I1", {
        "age17": {"age": 17, **day},  # a child: younger than 18
        "age18_female": {"sex": "female", "age": 18, **day},  # a woman: 18 is adult
        "age18_male": {"age": 18, **day},  # a man
        "group_child": {"sex": "female", "age_group": "child", **day},  # no age, child group
        "nothing_known": {"sex": "unknown", "age_group": "unknown", **day},
        "group_adult_female": {"sex": "female", "age_group": "adult", **day},  # a woman
        "male_no_age_group": {"age_group": "unknown", **day},  # sex known, age unknown
        "medic": {"age": 40, "category": "medical", **day},
        "fighter": {"age": 25, "status": "non_civilian", **day},
        "status_unknown": {"age": 30, "status": "unknown", **day},
        "deleted_victim": {"age": 30, **day},
    })
    ws.delete("victim", d.victims["deleted_victim"])
    facility("bridge", "I1", category="bridge")  # placed by its incident
    facility("deleted_bridge", "I1", category="bridge")
    ws.delete("facility_attack", d.facilities["deleted_bridge"])

    # I2: 4 civilians and 6 fighters: massacre-sized, but not a massacre.
    incident("I2", date="2016-06-10", governorate="SY02", acknowledged="no")
    people = {f"i2_civilian_{n}": {"age": 20 + n, "date_of_death": "2016-06-10"} for n in range(4)}
    people |= {
        f"i2_fighter_{n}": {"age": 20 + n, "status": "non_civilian", "date_of_death": "2016-06-10"}
        for n in range(6)
    }
    victims("I2", people)
    facility("school", "I2", category="school", date="2016-06-11", governorate="SY03")

    # I3: the first and last day of the period, and a day after it (victims by their own date).
    incident("I3", date="2016-01-01", governorate="SY02")
    victims("I3", {
        "first_day": {"sex": "female", "age": 30, "date_of_death": "2016-01-01"},
        "last_day": {"age": 30, "date_of_death": "2016-12-31"},
        "after_period": {"age": 30, "date_of_death": "2017-01-01"},
    })

    # I4: another perpetrator's massacre and facility attack.
    incident("I4", date="2016-05-03", governorate="SY11", perpetrator="syrian_regime", acknowledged="yes")
    victims("I4", {f"regime_{n}": {"age": 30 + n, "date_of_death": "2016-05-03"} for n in range(6)})
    facility("regime_hospital", "I4", category="hospital")

    # I5: a massacre whose incident was deleted (its victims are tombstoned with it).
    incident("I5", date="2016-03-01", governorate="SY11")
    victims("I5", {f"i5_{n}": {"age": 30 + n} for n in range(5)})
    ws.delete("incident", d.incidents["I5"])

    # I6: five civilians, one deleted: four left, not a massacre.
    incident("I6", date="2016-04-01", governorate="SY07")
    victims("I6", {f"i6_{n}": {"age": 30 + n, "date_of_death": "2016-04-01"} for n in range(5)})
    ws.delete("victim", d.victims["i6_0"])

    # I7: the victim died later, elsewhere: counted in Ar-Raqqa, not in Aleppo.
    incident("I7", date="2016-07-01", governorate="SY02")
    victims("I7", {"died_elsewhere": {"age": 5, "date_of_death": "2016-07-05", "governorate": "SY11"}})

    # I8: known only to the month, victims without their own date or place: the incident's.
    incident("I8", date="2016-08", governorate="SY05")
    victims("I8", {
        "month_woman": {"sex": "female", "age": 50},
        "month_child": {"age": 10},
    })

    # I9: a massacre on the day before the period; its victims died inside it.
    incident("I9", date="2015-12-31", governorate="SY04")
    victims("I9", {f"i9_{n}": {"age": 30 + n, "date_of_death": "2016-01-02"} for n in range(5)})
    facility("market_before", "I9", category="market")  # the incident's date: outside
    facility("market_inside", "I9", category="market", date="2016-01-02")

    # I10: a live victim of an incident deleted without its victims (as after a merge).
    incident("I10", date="2016-09-01", governorate="SY02")
    victims("I10", {"orphan": {"age": 30, "date_of_death": "2016-09-01"}})
    ws.store.db.execute("UPDATE incidents SET deleted = 1 WHERE id = ?", [d.incidents["I10"]])
    ws.store.db.conn.commit()
    return d


@pytest.fixture
def data(workspace: Workspace) -> Data:
    return build(workspace)


def ids(d: Data, *names: str) -> set[str]:
    found = {**d.victims, **d.incidents, **d.facilities}
    return {found[name] for name in names}


def rows(breakdown: tuple[Any, ...]) -> dict[str, int]:
    return {row.code: row.count for row in breakdown}


# -- figures ---------------------------------------------------------------------------------------
def test_figures_for_the_coalition_in_2016(workspace: Workspace, data: Data) -> None:
    s = summarise(workspace, PERIOD, today=TODAY)
    # I1 8, I2 4, I3 2 (first and last day), I6 4, I7 1, I8 2, I9 5
    assert s.civilians_killed == 26
    assert s.children == 4  # age 17, the child group with no age, I7's 5-year-old, I8's 10-year-old
    assert s.women == 4  # female 18, female adult group with no age, first day, I8's woman
    assert s.men == 16
    assert s.unknown_sex_or_age == 2  # sex unknown; male of unknown age and group
    assert s.children + s.women + s.men + s.unknown_sex_or_age == s.civilians_killed
    assert rows(s.special_categories) == {"medical": 1, "media": 0, "civil_defence": 0, "humanitarian": 0}
    assert s.massacres == 1  # only I1 (I2: 4 civilians; I4: other party; I5: deleted; I6: 4 left; I9: before)
    assert rows(s.massacres_by_governorate) == {"SY11": 1}
    assert s.massacres_by_governorate[0].share == 1.0
    assert s.facility_attacks == 3
    assert rows(s.facility_attacks_by_category) == {"bridge": 1, "school": 1, "market": 1}
    assert rows(s.facility_attacks_by_group) == {"infrastructure": 1, "educational": 1, "communal": 1}
    assert s.acknowledged_incidents == 1
    assert rows(s.civilians_by_governorate) == {"SY11": 9, "SY02": 6, "SY04": 5, "SY07": 4, "SY05": 2}
    assert [r.code for r in s.civilians_by_governorate][:2] == ["SY11", "SY02"]
    assert rows(s.civilians_by_perpetrator) == {COALITION: 26}
    months = rows(s.civilians_by_month)
    assert list(months) == [f"2016-{m:02d}" for m in range(1, 13)]  # every month, zeros included
    assert months == {
        "2016-01": 6, "2016-02": 0, "2016-03": 0, "2016-04": 4, "2016-05": 8, "2016-06": 4,
        "2016-07": 1, "2016-08": 2, "2016-09": 0, "2016-10": 0, "2016-11": 0, "2016-12": 1,
    }
    assert s.days == 366  # 2016 is a leap year; both ends included
    assert s.since is None


def test_every_party_and_no_period(workspace: Workspace, data: Data) -> None:
    s = summarise(workspace, today=TODAY)
    # + I3's victim after the period, + I4's six
    assert s.civilians_killed == 26 + 1 + 6
    assert s.massacres == 3  # I1, I4 and I9 (no period: I9 counts)
    assert rows(s.massacres_by_governorate) == {"SY11": 2, "SY04": 1}
    assert s.facility_attacks == 5  # + the regime's hospital, + the market dated before 2016
    assert s.acknowledged_incidents == 2
    assert rows(s.civilians_by_perpetrator) == {COALITION: 27, "syrian_regime": 6}
    assert s.period_start == dt.date(2011, 3, 1) and s.period_end == TODAY


def test_other_perpetrators_only(workspace: Workspace, data: Data) -> None:
    s = summarise(workspace, SummaryFilters(perpetrators=("syrian_regime",)), today=TODAY)
    assert (s.civilians_killed, s.men, s.massacres, s.facility_attacks) == (6, 6, 1, 1)
    assert rows(s.facility_attacks_by_category) == {"hospital": 1}
    # labels in either language are accepted for parties
    same = summarise(workspace, SummaryFilters(perpetrators=("قوات النظام السوري",)), today=TODAY)
    assert same.civilians_killed == 6 and same.filters.perpetrators == ("syrian_regime",)


def test_victims_and_facilities_count_by_their_own_place(workspace: Workspace, data: Data) -> None:
    raqqa = summarise(workspace, replace(PERIOD, governorates=("SY11",)))
    assert raqqa.civilians_killed == 9  # I1 and the victim of I7 (an Aleppo incident)
    assert (raqqa.massacres, raqqa.facility_attacks) == (1, 1)
    aleppo = summarise(workspace, replace(PERIOD, governorates=("Aleppo",)))
    assert aleppo.filters.governorates == ("SY02",)
    assert aleppo.civilians_killed == 6  # I2 and I3; not I7's victim, who died in Ar-Raqqa
    assert aleppo.facility_attacks == 0  # I2's school was in Rural Damascus


def test_massacres_are_placed_by_their_incident(workspace: Workspace, data: Data) -> None:
    """I9 happened on 31 December 2015; its victims died on 2 January 2016."""
    s = summarise(workspace, PERIOD)
    assert s.massacres == 1
    assert drill(workspace, PERIOD, "massacres") == [data.incidents["I1"]]  # not I9
    assert set(drill(workspace, PERIOD, "civilians_by_governorate:SY04")) == ids(
        data, *(f"i9_{n}" for n in range(5))
    )
    winter = SummaryFilters(date_from=dt.date(2015, 12, 1), date_to=dt.date(2015, 12, 31))
    assert summarise(workspace, winter).massacres == 1
    assert summarise(workspace, winter).civilians_killed == 0


def test_sub_period(workspace: Workspace, data: Data) -> None:
    filters = replace(PERIOD, since=dt.date(2016, 6, 1))
    s = summarise(workspace, filters)
    assert s.since is not None
    # I2 4, I7 1, I8 2, and the victim of the period's last day
    assert (s.since.civilians_killed, s.since.children, s.since.women) == (8, 2, 1)
    assert s.since.share == pytest.approx(8 / 26)
    assert set(drill(workspace, filters, "since_women")) == ids(data, "month_woman")
    assert set(drill(workspace, filters, "since_children")) == ids(data, "died_elsewhere", "month_child")
    assert drill(workspace, PERIOD, "since_children") == []  # no sub-period: nothing


def test_methodology_settings_change_the_figures(workspace: Workspace, data: Data) -> None:
    assert workspace.methodology == Methodology()
    stored = set_methodology(workspace, Methodology(massacre_threshold=9, child_age_limit=17))
    assert workspace.methodology == stored
    s = summarise(workspace, PERIOD)
    assert s.methodology.child_age_limit == 17
    assert s.children == 3 and s.men == 17  # the 17-year-old is now an adult man
    assert s.massacres == 0  # I1 has 8 civilians
    # a setting, not a record: nothing in the operations log
    operations = workspace.store.operation_count()
    set_methodology(workspace, Methodology())
    assert workspace.store.operation_count() == operations
    assert summarise(workspace, PERIOD, methodology=Methodology(massacre_threshold=4)).massacres == 3


def test_invalid_methodology_is_refused(workspace: Workspace) -> None:
    bad = Methodology.model_construct(massacre_threshold=1, child_age_limit=18)
    with pytest.raises(UserError) as caught:
        set_methodology(workspace, bad)
    assert caught.value.message.code == "methodology_invalid"
    assert "المنهجية" in caught.value.render("ar")
    assert workspace.methodology == Methodology()


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        (SummaryFilters(perpetrators=("nobody",)), "summary_unknown_perpetrator"),
        (SummaryFilters(governorates=("Atlantis",)), "summary_unknown_governorate"),
        (SummaryFilters(date_from=dt.date(2017, 1, 1), date_to=dt.date(2016, 1, 1)), "summary_period_reversed"),
        (SummaryFilters(date_from=dt.date(2016, 1, 1), since=dt.date(2015, 1, 1)), "summary_since_outside"),
    ],
)
def test_invalid_filters(workspace: Workspace, filters: SummaryFilters, code: str) -> None:
    with pytest.raises(UserError) as caught:
        summarise(workspace, filters)
    assert caught.value.message.code == code


def test_every_reading_plan_gives_the_same_figures(
    workspace: Workspace, data: Data, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted from the records, the summary reads from the parties' incidents, the dates of
    death or everything, by the filters; each way must give the same figures as the tallies."""
    filters = replace(PERIOD, since=dt.date(2016, 6, 1))
    results: dict[str, Summary] = {}
    for plan in ("parties", "dates", "all"):
        monkeypatch.setattr(summary_module._Query, "plan", lambda self, ws, plan=plan: plan)
        results[plan] = summarise(workspace, filters, today=TODAY, from_records=True)
        assert len(drill(workspace, filters, "women")) == results[plan].women
        assert len(drill(workspace, filters, "facility_attacks")) == results[plan].facility_attacks
    assert results["parties"] == results["dates"] == results["all"]
    assert results["all"] == summarise(workspace, filters, today=TODAY)
    no_dates = SummaryFilters(perpetrators=(COALITION,))
    for plan in ("parties", "all"):
        monkeypatch.setattr(summary_module._Query, "plan", lambda self, ws, plan=plan: plan)
        results[plan] = summarise(workspace, no_dates, today=TODAY, from_records=True)
    assert results["parties"] == results["all"] == summarise(workspace, no_dates, today=TODAY)


def test_the_plan_follows_the_filters(workspace: Workspace, data: Data) -> None:
    def plan(filters: SummaryFilters) -> str:
        return summary_module._Query(filters.validated(), Methodology()).plan(workspace)

    assert plan(SummaryFilters()) == "all"
    assert plan(SummaryFilters(perpetrators=(COALITION,))) == "parties"
    assert plan(SummaryFilters(date_from=dt.date(2016, 1, 1))) == "dates"
    assert plan(PERIOD) in ("parties", "dates")


# -- drill-down ------------------------------------------------------------------------------------
def test_drill_down_to_the_records(workspace: Workspace, data: Data) -> None:
    def drilled(key: str) -> set[str]:
        found = drill(workspace, PERIOD, key)
        assert len(found) == len(set(found))
        return set(found)

    assert drilled("children") == ids(data, "age17", "group_child", "died_elsewhere", "month_child")
    assert drilled("women") == ids(data, "age18_female", "group_adult_female", "first_day", "month_woman")
    assert drilled("unknown_sex_or_age") == ids(data, "nothing_known", "male_no_age_group")
    assert drilled("special_categories:medical") == ids(data, "medic")
    assert drilled("special_categories") == ids(data, "medic")
    assert drilled("massacres_by_governorate:SY11") == ids(data, "I1")
    assert drilled("acknowledged_incidents") == ids(data, "I1")
    assert drilled("facility_attacks") == ids(data, "bridge", "school", "market_inside")
    assert drilled("facility_attacks_by_category:bridge") == ids(data, "bridge")
    assert drilled("facility_attacks_by_group:educational") == ids(data, "school")
    assert drilled("civilians_by_month:2016-12") == ids(data, "last_day")
    civilians = drilled("civilians_killed")
    for excluded in ("fighter", "status_unknown", "deleted_victim", "after_period", "orphan",
                     "i6_0", "i5_0", "regime_0", "i2_fighter_0"):
        assert data.victims[excluded] not in civilians
    assert {data.victims["first_day"], data.victims["last_day"]} <= civilians
    # in order of date: the first day comes first, the last day last
    ordered = drill(workspace, PERIOD, "civilians_killed")
    assert ordered[0] == data.victims["first_day"] and ordered[-1] == data.victims["last_day"]


def test_every_figure_drills_to_as_many_records(workspace: Workspace, data: Data) -> None:
    filters = replace(PERIOD, since=dt.date(2016, 6, 1))
    s = summarise(workspace, filters)
    assert s.since is not None
    scalars = {
        "civilians_killed": s.civilians_killed, "children": s.children, "women": s.women,
        "men": s.men, "unknown_sex_or_age": s.unknown_sex_or_age, "massacres": s.massacres,
        "facility_attacks": s.facility_attacks, "acknowledged_incidents": s.acknowledged_incidents,
        "since_civilians_killed": s.since.civilians_killed, "since_children": s.since.children,
        "since_women": s.since.women, "links_applied": s.links_applied,
    }
    breakdowns = {
        "special_categories": s.special_categories,
        "massacres_by_governorate": s.massacres_by_governorate,
        "facility_attacks_by_category": s.facility_attacks_by_category,
        "facility_attacks_by_group": s.facility_attacks_by_group,
        "civilians_by_governorate": s.civilians_by_governorate,
        "civilians_by_month": s.civilians_by_month,
        "civilians_by_perpetrator": s.civilians_by_perpetrator,
    }
    assert set(scalars) | set(breakdowns) == set(FIGURE_KEYS)
    for key, value in scalars.items():
        assert len(drill(workspace, filters, key)) == value, key
    for key, breakdown in breakdowns.items():
        for row in breakdown:
            assert len(drill(workspace, filters, f"{key}:{row.code}")) == row.count, (key, row.code)
    assert figure_kind("massacres_by_governorate:SY11") == "incident"
    assert figure_kind("women") == "victim"
    with pytest.raises(KeyError):
        drill(workspace, filters, "days")


# -- JSON and the command line ---------------------------------------------------------------------
REQUIRED_KEYS = {
    "civilians_killed", "children", "women", "men", "unknown_sex_or_age", "massacres",
    "massacres_by_governorate", "facility_attacks", "facility_attacks_by_category",
    "acknowledged_incidents", "days", "since", "methodology", "filters",
}


def test_json(workspace: Workspace, data: Data) -> None:
    filters = replace(PERIOD, since=dt.date(2016, 6, 1))
    out = summarise(workspace, filters).to_json()
    assert set(out) >= REQUIRED_KEYS
    assert out["massacres_by_governorate"] == [
        {"pcode": "SY11", "name_en": "Ar-Raqqa", "name_ar": "الرقة", "count": 1, "share": 1.0}
    ]
    assert {"code": "bridge", "label_en": "Bridge", "label_ar": "جسر", "group": "infrastructure",
            "count": 1, "share": 0.3333} in out["facility_attacks_by_category"]
    assert out["since"] == {"date": "2016-06-01", "civilians_killed": 8, "children": 2, "women": 1,
                            "share": 0.3077}
    assert out["methodology"] == {"massacre_threshold": 5, "child_age_limit": 18}
    assert out["filters"] == {"perpetrators": [COALITION], "from": "2016-01-01", "to": "2016-12-31",
                              "governorates": [], "since": "2016-06-01"}
    assert out["days"] == 366
    assert out["links_applied"] == 0
    json.dumps(out)  # JSON-ready


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SNHR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("SNHR_LANG", raising=False)
    path = tmp_path / "cli.db"
    with Workspace.create(path, PASSPHRASE, "Test Researcher") as ws:
        build(ws)
    return path


def test_cli_summary_json(cli_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([
        "--db", str(cli_db), "summary", "--perpetrator", COALITION, "--from", "2016-01-01",
        "--to", "2016-12-31", "--since", "2016-06-01", "--json",
    ])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= REQUIRED_KEYS
    assert (out["civilians_killed"], out["children"], out["women"], out["men"]) == (26, 4, 4, 16)
    assert out["massacres"] == 1 and out["facility_attacks"] == 3
    assert out["since"]["civilians_killed"] == 8
    assert out["links_applied"] == 0
    assert out["filters"]["perpetrators"] == [COALITION]
    assert "26 civilians" in out["headline"]["en"]
    assert "26 مدنياً" in out["headline"]["ar"]


def test_cli_summary_counts_a_linked_person_once(
    cli_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(cli_db, PASSPHRASE) as ws:
        victims = drill(ws, PERIOD, "women")
        ws.save(PairDecision.between(victims[0], victims[1], "same"))
    args = ["--db", str(cli_db), "summary", "--perpetrator", COALITION, "--from", "2016-01-01",
            "--to", "2016-12-31"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["civilians_killed"], out["women"], out["links_applied"]) == (25, 3, 1)
    assert "25 civilians" in out["headline"]["en"]
    assert main(["--lang", "ar", *args]) == 0
    assert "للشخص نفسه والمستبعدة كي يحتسب كل شخص مرة واحدة: 1" in capsys.readouterr().out


def test_cli_summary_text_and_errors(cli_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(cli_db), "--lang", "ar", "summary", "--governorate", "SY11",
                 "--perpetrator", COALITION, "--from", "2016-01-01", "--to", "2016-12-31"]) == 0
    out = capsys.readouterr().out
    assert "قتلت قوات التحالف الدولي 9 مدنيين في محافظة الرقة" in out
    assert "المجازر" in out
    assert main(["--db", str(cli_db), "--lang", "en", "summary"]) == 0
    out = capsys.readouterr().out
    assert "33 civilians" in out and "Massacres" in out
    assert main(["--db", str(cli_db), "summary", "--from", "2016-13-01"]) == 1
    assert "2016-13-01" in capsys.readouterr().err
    assert main(["--db", str(cli_db), "--lang", "ar", "summary", "--perpetrator", "nobody"]) == 1
    assert "ليست جهة مرتكبة معروفة" in capsys.readouterr().err
