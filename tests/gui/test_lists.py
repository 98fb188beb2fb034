"""The main window's lists: language switching and mirroring, filters, search, opening, deleting,
history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from snhr_desktop.i18n import NATIVE_LANGUAGE_NAMES
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import main_window as main_window_module
from snhr_desktop.ui import record_lists
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.record_lists import DeleteConfirmation, RecordListPanel, parse_period_text
from snhr_desktop.ui.table_models import VictimTableModel
from tests.conftest import incident_data, victim_data

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def records(workspace: Workspace) -> dict[str, Any]:
    """Two incidents; three victims (one named أحمد with hamza); one facility attack."""
    first = workspace.validate("incident", incident_data())
    second = workspace.validate(
        "incident",
        incident_data(date="2019-02-13", governorate="SY12", perpetrator="syrian_regime",
                      place_ar="غباغب", place_en="Ghabagheb"),
    )
    ahmad = workspace.validate("victim", victim_data(first.id))
    sara = workspace.validate(
        "victim",
        victim_data(first.id, name_ar="سارة الأحمد", name_en="Sara Al-Ahmad", sex="female", age=9),
    )
    khaled = workspace.validate(
        "victim",
        victim_data(second.id, name_ar="خالد المصري", name_en="Khaled Al-Masri", age=40,
                    status="non_civilian", date_of_death="2019-02-13", governorate="SY12"),
    )
    school = workspace.validate(
        "facility_attack",
        {"incident_id": second.id, "category": "school", "name_ar": "مدرسة غباغب",
         "damage": "partial", "date": "2019-02-13", "governorate": "SY12"},
    )
    workspace.save_many([first, second, ahmad, sara, khaled, school])
    return {"first": first, "second": second, "ahmad": ahmad, "sara": sara, "khaled": khaled,
            "school": school}


@pytest.fixture
def window(qtbot, workspace: Workspace, records, languages) -> Iterator[MainWindow]:
    main = MainWindow(workspace, languages, Preferences(language="en"))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    def fake_open(ws, kind, record_id, parent=None, *, incident_id=None):
        calls.append((kind, record_id, incident_id))
        return None

    monkeypatch.setattr(record_lists, "open_form", fake_open)
    monkeypatch.setattr(main_window_module, "open_form", fake_open)
    return calls


def type_text(widget: QWidget, text: str) -> None:
    # One key event per character carrying its text: qtbot.keyClicks cannot type Arabic.
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def visible_texts(window: MainWindow) -> dict[str, str]:
    """Every text a person can read in the window (and its menus), keyed by where it is."""
    found: dict[str, str] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        key = f"{type(widget).__name__}:{widget.objectName()}:{id(widget)}"
        if isinstance(widget, QLabel | QAbstractButton):
            found[key] = widget.text()
        elif isinstance(widget, QComboBox):
            found[key] = widget.currentText()
        elif isinstance(widget, QLineEdit):
            found[key + ":placeholder"] = widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                found[f"{key}:{index}"] = widget.tabText(index)
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            model = widget.model()
            for section in range(widget.count()):
                if not widget.isSectionHidden(section):
                    found[f"{key}:{section}"] = str(
                        model.headerData(section, Qt.Orientation.Horizontal)
                    )
    for action in window.findChildren(QAction):
        if action.text() and not action.isSeparator():
            found[f"action:{id(action)}"] = action.text()
    for menu_action in window.menuBar().actions():
        found[f"menu:{id(menu_action)}"] = menu_action.text()
    return {key: text for key, text in found.items() if text}


# -- language ---------------------------------------------------------------------------------
def test_language_switch_mirrors_and_translates_everything(
    qtbot, window: MainWindow, preferences_dir: Path
) -> None:
    english = visible_texts(window)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    samples = {
        "tab": window.tabs.tabText(0),
        "file": window.file_menu.title(),
        "lock": window.lock_action.text(),
        "header": window.panels["incident"].model.headerData(0, Qt.Orientation.Horizontal),
        "counts": window.counts_label.text(),
        "clear": window.panels["incident"].filters.clear_button.text(),
    }
    assert samples == {
        "tab": "Incidents",
        "file": "&File",
        "lock": "&Lock",
        "header": "Date",
        "counts": "Incidents: 2   Victims: 3   Facility attacks: 1",
        "clear": "Clear filters",
    }

    window.language_actions["ar"].trigger()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.language_actions["ar"].isChecked()
    arabic = visible_texts(window)
    assert arabic.keys() == english.keys()
    assert window.tabs.tabText(0) == "الحوادث"
    assert window.file_menu.title() == "&ملف"
    assert window.lock_action.text() == "&قفل"
    assert window.counts_label.text() == "الحوادث: 2   الضحايا: 3   الهجمات على المنشآت: 1"
    changed = [key for key in english if english[key] != arabic[key]]
    assert len(changed) > 0.9 * len(english)
    # No English left: only the language menu names English in itself.
    allowed = {NATIVE_LANGUAGE_NAMES["en"]}
    leftovers = {key: text for key, text in arabic.items() if LATIN.search(text) and text not in allowed}
    assert leftovers == {}
    assert Preferences(language="ar") == main_window_module.settings.load_preferences()

    window.language_actions["en"].trigger()
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert visible_texts(window) == english


def test_arabic_layout_is_mirrored_and_nothing_is_cut(qtbot, window: MainWindow) -> None:
    window.set_language("ar")
    for kind in ("incident", "victim", "facility_attack"):
        panel = window.show_kind(kind)
        QApplication.processEvents()
        header = panel.view.horizontalHeader()
        # Column 0 is at the right edge, the last column at the left.
        assert header.sectionViewportPosition(0) > header.sectionViewportPosition(
            header.count() - 1
        )
        bar = panel.filters
        assert bar.search.x() > bar.clear_button.x()
        assert bar.date_from.x() > bar.date_to.x()
        for widget in panel.findChildren(QLabel) + panel.findChildren(QAbstractButton):
            if widget.isVisible() and widget.text() and not (
                isinstance(widget, QLabel) and widget.wordWrap()
            ):
                assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
        for section in range(header.count()):
            title = str(panel.model.headerData(section, Qt.Orientation.Horizontal))
            assert header.sectionSize(section) >= header.fontMetrics().horizontalAdvance(title)


# -- lists ------------------------------------------------------------------------------------
def test_lists_show_the_records_and_counts(window: MainWindow, records) -> None:
    assert window.panels["incident"].model.rowCount() == 2
    assert window.panels["victim"].model.rowCount() == 3
    assert window.panels["facility_attack"].model.rowCount() == 1
    assert window.panels["incident"].summary.text() == "2 records"
    first = window.panels["incident"].model
    assert first.record_id(0) == records["second"].id  # newest first


def test_search_finds_a_hamza_name_typed_without_it(qtbot, window: MainWindow, records) -> None:
    panel = window.show_kind("victim")
    panel.focus_search()
    type_text(panel.filters.search, "احمد")
    assert panel.filters.search.text() == "احمد"
    # Debounced: the list changes a moment after the last key.
    assert panel.model.rowCount() == 3
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=2000)
    found = {panel.model.record_id(row) for row in range(2)}
    # أحمد by his first name, and سارة الأحمد by her family name with the article.
    assert found == {records["ahmad"].id, records["sara"].id}
    assert panel.summary.text() == "2 of 3 records match"
    panel.filters.search.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=2000)


def test_filters(qtbot, window: MainWindow, records) -> None:
    panel = window.show_kind("victim")
    bar = panel.filters
    bar.governorate.setCurrentIndex(bar.governorate.findData("SY12"))
    assert [panel.model.record_id(0)] == [records["khaled"].id]
    assert panel.model.rowCount() == 1
    bar.clear()
    assert panel.model.rowCount() == 3
    assert bar.status is not None
    bar.status.setCurrentIndex(bar.status.findData("civilian"))
    assert panel.model.rowCount() == 2
    bar.clear()
    bar.perpetrator.setCurrentIndex(bar.perpetrator.findData("syrian_regime"))
    assert panel.model.rowCount() == 1

    incidents = window.show_kind("incident")
    dates = incidents.filters
    type_text(dates.date_from, "٢٠١٩")  # typed on an Arabic keyboard
    assert dates.date_from.text() == "2019"
    qtbot.waitUntil(lambda: incidents.model.rowCount() == 1, timeout=2000)
    assert incidents.model.record_id(0) == records["second"].id
    dates.date_from.clear()
    type_text(dates.date_to, "٢٠١٦-٠٥")
    assert dates.date_to.text() == "2016-05"
    qtbot.waitUntil(lambda: incidents.model.record_id(0) == records["first"].id, timeout=2000)
    assert incidents.model.rowCount() == 1


def test_period_text() -> None:
    import datetime as dt

    assert parse_period_text("2016", end=False) == dt.date(2016, 1, 1)
    assert parse_period_text("2016", end=True) == dt.date(2016, 12, 31)
    assert parse_period_text("2016-02", end=True) == dt.date(2016, 2, 29)
    assert parse_period_text("2016-12", end=True) == dt.date(2016, 12, 31)
    assert parse_period_text("2016-05-03", end=True) == dt.date(2016, 5, 3)
    with pytest.raises(ValueError):
        parse_period_text("2016-13-40", end=False)


def test_clicking_a_header_sorts_in_sql(qtbot, window: MainWindow, records) -> None:
    panel = window.show_kind("victim")
    header = panel.view.horizontalHeader()
    model = panel.model
    names = [model.data(model.index(r, 0)) for r in range(3)]
    assert names == ["أحمد عبد الرحمن الخطيب", "خالد المصري", "سارة الأحمد"]  # Arabic order
    x = header.sectionViewportPosition(VictimTableModel.COL_AGE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert model.sort_column == VictimTableModel.COL_AGE
    ages = [model.data(model.index(r, VictimTableModel.COL_AGE)) for r in range(3)]
    order = model.sort_order
    numbers = [int(a) for a in ages]
    assert numbers == sorted(numbers, reverse=order == Qt.SortOrder.DescendingOrder)


def test_enter_and_double_click_open_the_record(
    qtbot, window: MainWindow, records, opened
) -> None:
    panel = window.show_kind("victim")
    panel.view.setFocus()
    panel.select_row(0)
    record_id = panel.selected_id()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened == [("victim", record_id, None)]
    rect = panel.view.visualRect(panel.model.index(1, 0))
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened[-1] == ("victim", panel.model.record_id(1), None)

    incidents = window.show_kind("incident")
    incidents.select_row(0)
    incidents.add_victim_button.click()
    assert opened[-1] == ("victim", None, incidents.selected_id())
    incidents.add_facility_button.click()
    assert opened[-1] == ("facility_attack", None, incidents.selected_id())
    window.new_incident_action.trigger()
    assert opened[-1] == ("incident", None, None)

    attacks = window.show_kind("facility_attack")
    attacks.select_row(0)
    attacks.open_incident_button.click()
    assert opened[-1] == ("incident", records["second"].id, None)


def test_delete_asks_first_then_tombstones(
    qtbot, window: MainWindow, workspace: Workspace, records, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(cls, parent, title, text):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(DeleteConfirmation, "ask", classmethod(ask))
    panel = window.show_kind("victim")
    panel.view.setFocus()
    panel.select_row(0)
    doomed = panel.selected_id()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and panel.model.rowCount() == 3  # refused: nothing happens
    assert workspace.get("victim", doomed) is not None

    answer[0] = True
    with qtbot.waitSignal(record_events().changed) as event:
        panel.delete_button.click()
    assert event.args == ["victim", [doomed]]
    assert workspace.get("victim", doomed) is None
    assert workspace.get("victim", doomed, include_deleted=True) is not None
    assert panel.model.rowCount() == 2
    assert window.counts_label.text() == "Incidents: 2   Victims: 2   Facility attacks: 1"


def test_deleting_an_incident_warns_about_its_victims(
    qtbot, window: MainWindow, workspace: Workspace, records, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        DeleteConfirmation, "ask", classmethod(lambda cls, parent, title, text: asked.append(text) or True)
    )
    panel = window.show_kind("incident")
    row = panel.model.row_of(records["second"].id)
    assert row is not None
    panel.select_row(row)
    panel.delete_selected()
    assert "victims (1)" in asked[0] and "facilities (1)" in asked[0]
    assert "2019-02-13" in asked[0]
    assert panel.model.rowCount() == 1
    assert window.panels["victim"].model.rowCount() == 2
    assert window.panels["facility_attack"].model.rowCount() == 0
    assert workspace.get("victim", records["khaled"].id) is None


def test_history_panel_follows_the_selection_and_changes(
    qtbot, window: MainWindow, workspace: Workspace, records
) -> None:
    panel = window.show_kind("incident")
    assert panel.history.stack.currentWidget() is panel.history.placeholder
    row = panel.model.row_of(records["first"].id)
    panel.select_row(row)
    assert panel.history.record_id == records["first"].id
    assert panel.history.model.rowCount() == 1
    changed = workspace.validate("incident", {**records["first"].snapshot(), "attack_type": "shelling"})
    workspace.save(changed)
    record_events().changed.emit("incident", [changed.id])
    assert panel.selected_id() == records["first"].id  # still selected after the refresh
    history = panel.history.model
    assert history.rowCount() == 2
    assert history.data(history.index(0, history.COL_CHANGES)) == "Attack type: Airstrike → Artillery shelling"
    window.set_language("ar")
    shown = history.data(history.index(0, history.COL_CHANGES))
    assert shown.replace("\u2068", "").replace("\u2069", "") == "نوع الهجوم: غارة جوية ← قصف مدفعي"
    assert panel.history.title.text() == "سجل التغييرات على السجل المحدد"


def test_lists_refresh_when_a_form_saves(window: MainWindow, workspace: Workspace, records) -> None:
    victims = window.panels["victim"]
    incident = records["first"]
    new = workspace.validate("victim", victim_data(incident.id, name_ar="ليلى", name_en="Layla"))
    workspace.save(new)
    record_events().changed.emit("victim", [new.id])
    assert victims.model.rowCount() == 4
    assert window.counts_label.text() == "Incidents: 2   Victims: 4   Facility attacks: 1"
    incidents = window.panels["incident"]
    row = incidents.model.row_of(incident.id)
    assert incidents.model.data(incidents.model.index(row, 5)) == "3"


def test_export_shows_the_report(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("snhr_desktop.services.spreadsheet")
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(
        main_window_module.SpreadsheetFiles, "choose_export", classmethod(lambda cls, *a: target)
    )
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "_show_report", lambda title, text: shown.append((title, text)))
    window.export_action.trigger()
    assert target.exists()
    title, text = shown[0]
    assert title == "Export"
    assert text.startswith(f"Exported 2 incidents, 3 victims and 1 facility attacks to {target}.")
    assert "not encrypted" in text


def test_panel_on_its_own_has_a_working_model(qtbot, workspace: Workspace, records, languages, qtmodeltester) -> None:
    panel = RecordListPanel(workspace, "facility_attack")
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.history.model)
    panel.detach()
