"""The record and history table models, checked with no view attached: Qt's rules, then every cell."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.services.browse import ListFilter
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.history_panel import HistoryModel
from snhr_desktop.ui.table_models import (
    FacilityAttackTableModel,
    IncidentTableModel,
    RecordTableModel,
    VictimTableModel,
    field_title,
)
from tests.conftest import incident_data, victim_data

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    from snhr_desktop.services.demo import fill_demo

    fill_demo(workspace, victims=60, seed=3)
    return workspace


def texts(model: Any, row: int) -> list[str]:
    return [model.data(model.index(row, column), DISPLAY) for column in range(model.columnCount())]


def live_rows(ws: Workspace, kind: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in ws.store.rows(kind)}


def label(name: str, code: str | None, lang: str = "en") -> str:
    return vocabulary(name).label(code, lang) if code else ""


def place(pcode: str | None, lang: str = "en") -> str:
    return gazetteer().name(pcode, lang) if pcode else ""


@pytest.mark.parametrize("model_class", [IncidentTableModel, VictimTableModel, FacilityAttackTableModel])
def test_models_follow_qt_rules(qtmodeltester, filled: Workspace, languages, model_class) -> None:
    model = model_class(filled)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_incident_cells_match_the_database(filled: Workspace, languages) -> None:
    model = IncidentTableModel(filled)
    rows = live_rows(filled, "incident")
    assert model.rowCount() == len(rows)
    victims = live_rows(filled, "victim").values()
    seen: list[str] = []
    for row in range(model.rowCount()):
        record = rows[model.record_id(row)]
        seen.append(record["id"])
        date = record["date"]
        precision = record["date_precision"]
        expected_date = {"day": date, "month": date[:7], "year": date[:4]}[precision]
        count = sum(1 for v in victims if v["incident_id"] == record["id"])
        assert texts(model, row) == [
            expected_date,
            place(record["governorate"]),
            record["place_ar"] or record["place_en"] or "",
            label("perpetrator", record["perpetrator"]),
            label("attack_type", record["attack_type"]),
            str(count),
        ]
        assert model.data(model.index(row, 0), Qt.ItemDataRole.UserRole) == record["id"]
    assert sorted(seen) == sorted(rows)
    dates = [rows[i]["date"] for i in seen]
    assert dates == sorted(dates, reverse=True)  # newest first by default


def test_victim_cells_match_the_database_in_arabic_order(filled: Workspace, languages) -> None:
    model = VictimTableModel(filled)
    rows = live_rows(filled, "victim")
    assert model.rowCount() == len(rows)
    keys = []
    for row in range(model.rowCount()):
        record = rows[model.record_id(row)]
        keys.append(record["sort_name"])
        assert texts(model, row) == [
            record["name_ar"] or record["name_en"],
            label("sex", record["sex"]),
            "" if record["age"] is None else str(record["age"]),
            label("victim_status", record["status"]),
            record["date_of_death"] or "",
            place(record["governorate"]),
        ]
        tooltip = model.data(model.index(row, VictimTableModel.COL_NAME), Qt.ItemDataRole.ToolTipRole)
        for name in (record["name_ar"], record["name_en"]):
            if name:
                assert name in tooltip
    assert keys == sorted(keys)


def test_facility_cells_match_the_database(filled: Workspace, languages) -> None:
    model = FacilityAttackTableModel(filled)
    rows = live_rows(filled, "facility_attack")
    assert model.rowCount() == len(rows) > 0
    for row in range(model.rowCount()):
        record = rows[model.record_id(row)]
        assert texts(model, row) == [
            record["name_ar"] or record["name_en"] or "",
            label("facility_category", record["category"]),
            label("damage", record["damage"]),
            record["date"] or "",
            place(record["governorate"]),
        ]


def test_labels_and_headers_follow_the_language(qtbot, filled: Workspace, languages) -> None:
    model = VictimTableModel(filled)
    english = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert english == ["Name", "Sex", "Age", "Status", "Date of death", "Governorate"]
    languages.set_language("ar")
    with qtbot.waitSignal(model.headerDataChanged):
        model.retranslate()
    arabic = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert arabic == ["الاسم", "الجنس", "العمر", "الصفة", "تاريخ الوفاة", "المحافظة"]
    record = live_rows(filled, "victim")[model.record_id(0)]
    assert texts(model, 0)[VictimTableModel.COL_SEX] == label("sex", record["sex"], "ar")
    assert texts(model, 0)[VictimTableModel.COL_GOVERNORATE] == place(record["governorate"], "ar")
    assert field_title("date_of_death") == "تاريخ الوفاة"


def test_alignment_and_vertical_header(filled: Workspace, languages) -> None:
    model = VictimTableModel(filled)
    age = model.data(model.index(0, VictimTableModel.COL_AGE), Qt.ItemDataRole.TextAlignmentRole)
    name = model.data(model.index(0, VictimTableModel.COL_NAME), Qt.ItemDataRole.TextAlignmentRole)
    assert age & Qt.AlignmentFlag.AlignTrailing
    assert name & Qt.AlignmentFlag.AlignLeading
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(QModelIndex()) is None


def test_pages_are_read_lazily_and_memory_stays_bounded(
    monkeypatch: pytest.MonkeyPatch, filled: Workspace, languages
) -> None:
    monkeypatch.setattr(RecordTableModel, "PAGE_SIZE", 7)
    monkeypatch.setattr(RecordTableModel, "MAX_PAGES", 3)
    model = VictimTableModel(filled)
    assert model.cached_pages == ()  # counting reads no rows
    expected = live_rows(filled, "victim")
    for row in range(model.rowCount()):
        assert model.record_id(row) in expected
        assert len(model.cached_pages) <= 3
    last_page = (model.rowCount() - 1) // 7
    assert model.cached_pages[-1] == last_page
    model.data(model.index(0, 0))
    assert model.cached_pages[-1] == 0  # most recently used last
    assert len(model.cached_pages) == 3
    assert model.record_id(model.rowCount()) is None


def test_sorting_happens_in_sql(qtbot, filled: Workspace, languages) -> None:
    model = VictimTableModel(filled)
    with qtbot.waitSignal(model.modelReset):
        model.sort(VictimTableModel.COL_AGE, Qt.SortOrder.DescendingOrder)
    rows = live_rows(filled, "victim")
    ages = [rows[model.record_id(r)]["age"] for r in range(model.rowCount())]
    known = [a for a in ages if a is not None]
    assert known == sorted(known, reverse=True)
    assert ages[: len(known)] == known  # unknown ages last when descending
    assert (model.sort_column, model.sort_order) == (
        VictimTableModel.COL_AGE,
        Qt.SortOrder.DescendingOrder,
    )

    incidents = IncidentTableModel(filled)
    incidents.sort(IncidentTableModel.COL_VICTIMS, Qt.SortOrder.DescendingOrder)
    counts = [int(texts(incidents, r)[IncidentTableModel.COL_VICTIMS]) for r in range(incidents.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_filters_and_arabic_search(qtbot, workspace: Workspace, languages) -> None:
    incident = workspace.validate("incident", incident_data())
    other = workspace.validate("incident", incident_data(governorate="SY02", perpetrator="isis"))
    victim = workspace.validate("victim", victim_data(incident.id, name_ar="أحمد الخطيب"))
    someone = workspace.validate(
        "victim", victim_data(other.id, name_ar="محمود العلي", name_en="Mahmoud Al-Ali", governorate="SY02")
    )
    workspace.save_many([incident, other, victim, someone])

    model = VictimTableModel(workspace)
    assert model.rowCount() == 2
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(ListFilter(text="احمد"))
    assert model.rowCount() == 1
    assert model.record_id(0) == victim.id
    model.set_filter(ListFilter(text="mahmoud"))
    assert [model.record_id(0)] == [someone.id]
    model.set_filter(ListFilter(perpetrators=("isis",)))
    assert model.rowCount() == 1 and model.record_id(0) == someone.id

    incidents = IncidentTableModel(workspace)
    incidents.set_filter(ListFilter(governorates=("SY02",)))
    assert incidents.rowCount() == 1 and incidents.record_id(0) == other.id
    incidents.set_filter(ListFilter(text="الرميلة"))
    assert incidents.rowCount() == 2


def test_history_model(qtmodeltester, workspace: Workspace, languages) -> None:
    incident = workspace.validate("incident", incident_data())
    workspace.save(incident)
    changed = workspace.validate(
        "incident", {**incident.snapshot(), "perpetrator": "isis", "place_ar": "حي المشلب"}
    )
    workspace.save(changed)
    model = HistoryModel()
    model.set_entries(workspace.history(incident.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    newest = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert newest[HistoryModel.COL_AUTHOR] == "Test Researcher"
    assert newest[HistoryModel.COL_ACTION] == "Changed"
    lines = newest[HistoryModel.COL_CHANGES].splitlines()
    assert "Perpetrator: International coalition forces → ISIS" in lines
    assert "Place (Arabic): حي الرميلة → حي المشلب" in lines
    oldest = model.data(model.index(1, HistoryModel.COL_CHANGES))
    assert "Governorate: Ar-Raqqa" in oldest.splitlines()
    assert model.data(model.index(1, HistoryModel.COL_ACTION)) == "Created"
    assert len(newest[HistoryModel.COL_TIME]) == len("2016-05-03 12:00")

    workspace.delete("incident", incident.id)
    model.set_entries(workspace.history(incident.id))
    assert model.data(model.index(0, HistoryModel.COL_ACTION)) == "Deleted"
    assert model.data(model.index(0, HistoryModel.COL_CHANGES)) == ""
    qtmodeltester.check(model)


def test_history_in_arabic(workspace: Workspace, languages) -> None:
    incident = workspace.validate("incident", incident_data())
    workspace.save(incident)
    workspace.save(workspace.validate("incident", {**incident.snapshot(), "perpetrator": "isis"}))
    languages.set_language("ar")
    model = HistoryModel()
    model.set_entries(workspace.history(incident.id))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "الوقت"
    assert model.data(model.index(0, HistoryModel.COL_ACTION)) == "تعديل"
    assert model.data(model.index(0, HistoryModel.COL_CHANGES)) == (
        "الجهة المرتكبة: \u2068قوات التحالف الدولي\u2069 ← \u2068تنظيم داعش\u2069"
    )
