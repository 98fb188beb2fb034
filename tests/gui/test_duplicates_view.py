"""The Duplicates tab: scanning, the pairs side by side, deciding by keyboard, undoing, languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services import duplicates
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import duplicates_view
from snhr_desktop.ui.duplicates_view import (
    DIFFERS_BACKGROUND,
    MISSING_BACKGROUND,
    VARIANT_BACKGROUND,
    ComparisonModel,
    DuplicatesPage,
    PairListModel,
    ReasonsModel,
    UndoConfirmation,
    percent_text,
)
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.sync_page import TrustPrompt
from tests.conftest import incident_data, victim_data
from tests.gui.test_sync_page import close_boxes
from tests.unit.test_bundles import Network

RTL = Qt.LayoutDirection.RightToLeft
BACKGROUND = Qt.ItemDataRole.BackgroundRole
LATIN = re.compile(r"[A-Za-z]")


def add_incident(ws: Workspace, **overrides: Any) -> str:
    incident = ws.validate("incident", incident_data(**overrides))
    ws.save(incident)
    return incident.id


def add_victim(ws: Workspace, incident_id: str, **overrides: Any) -> str:
    victim = ws.validate("victim", victim_data(incident_id, **overrides))
    ws.save(victim)
    return victim.id


def document(ws: Workspace) -> dict[str, str]:
    """Two people each written twice by different hands, a brother killed with the first, and a
    woman recorded once: two pairs to review, the Khateeb one the stronger."""
    first = add_incident(ws)
    second = add_incident(ws, place_ar="الرميلة", place_en="Rumaila")
    third = add_incident(
        ws, date="2014-02-10", governorate="SY07", perpetrator="syrian_regime_forces",
        attack_type="shelling", place_ar="جسر الشغور", place_en="Jisr al-Shughur",
    )
    return {
        "ahmad": add_victim(ws, first),
        "ahmad_again": add_victim(
            ws, second, name_ar="احمد عبدالرحمن خطيب", name_en="Ahmed Abdul Rahman Khatib",
            age=None, age_group="adult", date_of_death="2016-05-04",
        ),
        "brother": add_victim(
            ws, first, name_ar="محمود عبد الرحمن الخطيب",
            name_en="Mahmoud Abdulrahman Al-Khateeb", age=29,
        ),
        "stranger": add_victim(
            ws, first, name_ar="فاطمة حسن العلي", name_en="Fatima Hasan Al-Ali", sex="female",
            age=51,
        ),
        "fatima": add_victim(
            ws, third, name_ar="فاطمه حسن العلي", name_en="Fatma Hassan Al-Ali", sex="female",
            age=52, date_of_death="2014-02-10", governorate="SY07",
        ),
        "fatima_again": add_victim(
            ws, third, name_ar="فاطمة حسن العلي", name_en=None, sex="female", age=None,
            date_of_death="2014-02-11", governorate="SY07",
        ),
    }


def pair(ids: dict[str, str], first: str, second: str) -> tuple[str, str]:
    a, b = sorted((ids[first], ids[second]))
    return a, b


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, str]:
    return document(workspace)


@pytest.fixture
def window(
    qtbot: Any, workspace: Workspace, ids: dict[str, str], languages: LanguageManager,
) -> Iterator[MainWindow]:
    main = MainWindow(workspace, languages, Preferences(language="en"))
    qtbot.addWidget(main)
    main.resize(1240, 820)
    main.show()
    qtbot.waitExposed(main)
    yield main
    close_boxes()
    for widget in QApplication.topLevelWidgets():
        if widget is not main and widget.isVisible():
            widget.close()
    main.close()


@pytest.fixture
def page(window: MainWindow) -> DuplicatesPage:
    return window.show_duplicates()


def scan(qtbot: Any, page: DuplicatesPage) -> None:
    page.scan_button.click()
    qtbot.waitUntil(lambda: not page.scanning, timeout=20_000)


def listed(page: DuplicatesPage) -> list[tuple[str, str]]:
    model = page.model
    return [model.data(model.index(row, 0), Qt.ItemDataRole.UserRole)
            for row in range(model.rowCount())]


def selected(page: DuplicatesPage) -> tuple[str, str] | None:
    found = page.current_candidate()
    return (found.victim_a, found.victim_b) if found is not None else None


def select(page: DuplicatesPage, wanted: tuple[str, str]) -> None:
    row = page.model.row_of(wanted)
    assert row is not None, wanted
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert selected(page) == wanted


def lines(page: DuplicatesPage) -> dict[str, tuple[str, str, str, Any]]:
    """Field title -> (first value, second value, state, background) as shown."""
    model = page.comparison_model
    shown = {}
    for row, line in enumerate(model.lines):
        key = line.field if line.section != "incident" else f"incident.{line.field}"
        texts = [model.data(model.index(row, column)) for column in range(3)]
        shown[key] = (texts[1], texts[2], line.state,
                      model.data(model.index(row, 1), BACKGROUND))
    return shown


def linked_columns(ws: Workspace, *victims: str) -> dict[str, tuple[str | None, int]]:
    marks = ",".join("?" * len(victims))
    return {
        row[0]: (row[1], row[2])
        for row in ws.store.db.execute(
            f"SELECT id, person_id, linked FROM victims WHERE id IN ({marks})", list(victims)
        )
    }


def plain(text: str) -> str:
    """A label's text without the direction marks and isolates that place it on screen."""
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)




def press(page: DuplicatesPage, key: Qt.Key, text: str = "") -> None:
    page.view.setFocus()
    if text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, page.view, key, text,
                           Qt.KeyboardModifier.NoModifier)
    else:
        QTest.keyClick(page.view, key)


# ---- the tab -----------------------------------------------------------------------------------


def test_the_tab_is_the_sixth_with_ctrl_6(window: MainWindow) -> None:
    assert window.tabs.tabText(5) == "Duplicates"
    assert window.tabs.widget(5) is window.duplicates_page
    window.tabs.setCurrentIndex(0)
    action = window.tab_actions[5]
    assert action.shortcut().toString() == "Ctrl+6"
    assert action in window.view_menu.actions()
    action.trigger()
    assert window.tabs.currentWidget() is window.duplicates_page


def test_before_a_scan_the_tab_says_so(page: DuplicatesPage) -> None:
    assert page.model.rowCount() == 0
    assert page.list_stack.currentWidget() is page.empty_label
    assert "No scan yet" in page.empty_label.text()
    assert plain(page.scan_label.text()) == "Never scanned"
    assert page.status_buttons["pending"].text() == "To review (0)"
    assert not page.same_button.isEnabled() and not page.note.isEnabled()


def test_scan_fills_the_list_best_first(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace, ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    queue = duplicates.queue(workspace)
    assert len(queue) == 2
    assert listed(page) == [(c.victim_a, c.victim_b) for c in queue]
    assert listed(page)[0] == pair(ids, "ahmad", "ahmad_again")
    assert listed(page)[1] == pair(ids, "fatima", "fatima_again")
    model = page.model
    top = queue[0]
    assert [model.data(model.index(0, c)) for c in range(4)] == [
        top.name_a, top.name_b, percent_text(top.probability), "Likely same",
    ]
    assert model.data(model.index(0, PairListModel.COL_SUGGESTION), Qt.ItemDataRole.ToolTipRole) \
        == "probably the same person"
    assert page.status_buttons["pending"].text() == "To review (2)"
    assert page.status_buttons["decided"].text() == "Decided (0)"
    stamp = duplicates.scanned_at(workspace)
    assert stamp is not None and plain(page.scan_label.text()).startswith("Last scan: 20")
    assert "6 named victims compared" in plain(page.message_label.text())
    # The best pair is selected and shown at once; the list keeps the keyboard.
    assert selected(page) == pair(ids, "ahmad", "ahmad_again")
    assert page.detail_stack.currentIndex() == 0
    assert page.view.hasFocus() or QApplication.focusWidget() is None


def test_a_cancelled_scan_leaves_the_queue_as_it_was(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace,
) -> None:
    # Cancel the moment the scan starts: it stops at its first progress report, before writing.
    page.scan_started.connect(page.cancel_scan)
    scan(qtbot, page)
    assert duplicates.scanned_at(workspace) is None
    assert workspace.store.db.execute("SELECT count(*) FROM duplicate_candidates").fetchone()[0] == 0
    assert page.model.rowCount() == 0
    assert plain(page.message_label.text()) == "Scan cancelled: the list is as it was."
    assert page.scan_button.isEnabled()


def test_the_scan_dialog_cancels_and_waits_for_the_scan_to_stop(
    qtbot: Any, page: DuplicatesPage,
) -> None:
    dialogs = []
    page.scan_started.connect(lambda: dialogs.append(True))
    page.scan_button.click()
    dialog = page.scan_dialog
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    dialog.set_progress(10_000, 25_000)
    assert dialog.label.text() == "Comparing the victims' records: 10,000 of 25,000 read."
    dialog.reject()  # Escape or the Cancel button
    assert dialog.stopping and not dialog.cancel_button.isEnabled()
    assert dialog.label.text() == "Stopping the scan…"
    qtbot.waitUntil(lambda: not page.scanning, timeout=20_000)
    assert dialogs == [True]
    assert plain(page.message_label.text()) == "Scan cancelled: the list is as it was."


# ---- side by side ------------------------------------------------------------------------------


def test_the_selected_pair_side_by_side_with_differences_highlighted(
    qtbot: Any, page: DuplicatesPage, ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    select(page, pair(ids, "ahmad", "ahmad_again"))
    first, second = (page.comparison.victim_a, page.comparison.victim_b)  # type: ignore[union-attr]
    shown = lines(page)
    # Who wrote each record comes first; empty fields on both sides are left out.
    assert page.comparison_model.lines[0].section == "recorded"
    assert shown["author"][:2] == ("Test Researcher", "Test Researcher")
    assert "mother_name" not in shown and "notes" not in shown
    # Spelling variants of one name are softly marked; real differences strongly.
    assert shown["name_ar"][2] == "variant"
    assert {shown["name_ar"][0], shown["name_ar"][1]} == {"أحمد عبد الرحمن الخطيب",
                                                          "احمد عبدالرحمن خطيب"}
    assert shown["name_ar"][3] == VARIANT_BACKGROUND
    ages = {first["age"], second["age"]}
    assert ages == {34, None}
    # An age given in one record only is not a different age: marked apart.
    assert shown["age"][2] == "missing" and shown["age"][3] == MISSING_BACKGROUND
    assert shown["date_of_death"][3] == DIFFERS_BACKGROUND
    assert {shown["age"][0], shown["age"][1]} == {"34", ""}
    assert shown["date_of_death"][2] == "differs"
    assert {shown["date_of_death"][0], shown["date_of_death"][1]} == {"2016-05-03", "2016-05-04"}
    # Codes are shown as their labels; equal fields are not highlighted.
    male = vocabulary("sex").label("male", "en")
    assert shown["sex"] == (male, male, "same", None)
    homs = gazetteer().name("SY11", "en")
    assert shown["governorate"][:2] == (homs, homs)
    model = page.comparison_model
    age_row = next(r for r, line in enumerate(model.lines) if line.field == "age")
    assert model.data(model.index(age_row, 0)) == "− Age"
    assert model.data(model.index(age_row, 0), Qt.ItemDataRole.FontRole) is None
    date_row = next(r for r, line in enumerate(model.lines) if line.field == "date_of_death")
    assert model.data(model.index(date_row, 0)) == "≠ Date of death"
    assert model.data(model.index(date_row, 0), Qt.ItemDataRole.FontRole).bold()
    # Each record's incident under its own fields.
    heading = model.heading_rows()
    assert len(heading) == 1 and model.data(model.index(heading[0], 0)) == "Incident"
    assert page.comparison_view.columnSpan(heading[0], 0) == 3
    assert shown["incident.date"][:2] == ("2016-05-03", "2016-05-03")
    assert shown["incident.place_ar"][2] == "differs"
    perpetrator = vocabulary("perpetrator").label("international_coalition", "en")
    assert shown["incident.perpetrator"] == (perpetrator, perpetrator, "same", None)
    # The pair in words, and the evidence strongest first with its direction.
    assert "أحمد عبد الرحمن الخطيب" in plain(page.pair_label.text())
    assert plain(page.verdict_label.text()).startswith("Probability that they are one person: 99")
    reasons = page.reasons_model
    weights = [r.weight for r in reasons.reasons]
    assert weights == sorted(weights, key=lambda w: -abs(w)) and len(weights) >= 4
    for row, reason in enumerate(reasons.reasons):
        mark = reasons.data(reasons.index(row, ReasonsModel.COL_WEIGHT))
        assert mark.startswith("▲" if reason.weight > 0 else "▼")
        assert reasons.data(reasons.index(row, ReasonsModel.COL_EVIDENCE)) \
            == reason.render("en")
    assert any(r.weight < 0 for r in reasons.reasons)
    assert page.reasons_box.isVisible()
    assert not page.decision_label.isVisible()


def test_double_clicking_a_record_column_opens_its_form(
    qtbot: Any, page: DuplicatesPage, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(duplicates_view, "open_form",
                        lambda ws, kind, record_id, parent: opened.append((kind, record_id)))
    scan(qtbot, page)
    select(page, pair(ids, "ahmad", "ahmad_again"))
    model = page.comparison_model
    page.comparison_view.doubleClicked.emit(model.index(2, ComparisonModel.COL_SECOND))
    page.comparison_view.doubleClicked.emit(model.index(2, ComparisonModel.COL_FIELD))
    assert opened == [("victim", pair(ids, "ahmad", "ahmad_again")[1])]


# ---- deciding ----------------------------------------------------------------------------------


def test_same_person_by_keyboard_links_the_records_and_moves_on(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace, ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    a, b = pair(ids, "ahmad", "ahmad_again")
    assert selected(page) == (a, b)
    operations = workspace.store.operation_count()
    changed: list[tuple[str, list[Any]]] = []
    record_events().changed.connect(lambda kind, ids_: changed.append((kind, ids_)))
    # N goes to the note, Enter back to the list, S decides.
    press(page, Qt.Key.Key_N)
    assert page.note.hasFocus()
    qtbot.keyClicks(page.note, "same mother, same street")
    QTest.keyClick(page.note, Qt.Key.Key_Return)
    assert page.view.hasFocus()
    press(page, Qt.Key.Key_S)

    assert workspace.store.operation_count() == operations + 1
    assert linked_columns(workspace, a, b) == {a: (a, 0), b: (a, 1)}
    [decision] = duplicates.decisions(workspace)
    assert (decision.decision, decision.note) == ("same", "same mother, same street")
    # The next pair is selected at once, the note is empty again, the counts follow.
    assert listed(page) == [pair(ids, "fatima", "fatima_again")]
    assert selected(page) == pair(ids, "fatima", "fatima_again")
    assert page.note.text() == ""
    assert page.status_buttons["pending"].text() == "To review (1)"
    assert page.status_buttons["decided"].text() == "Decided (1)"
    assert plain(page.message_label.text()).startswith("Saved: Same person")
    assert ("pair_decision", [decision.id]) in changed
    assert ("victim", [a, b]) in changed
    # Counted again once the reviewer pauses: the same figures, and the link.
    qtbot.waitUntil(lambda: "Records linked to another of the same person: 1" in plain(page.scan_label.text()),
                    timeout=5000)
    assert page.counts == {"pending": 1, "unsure": 0, "decided": 1}


def test_the_victims_list_marks_linked_records(
    qtbot: Any, window: MainWindow, page: DuplicatesPage, ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    press(page, Qt.Key.Key_S)
    victims = window.show_kind("victim")
    model = victims.model
    names = {model.record_id(row): model.data(model.index(row, 0)) for row in range(model.rowCount())}
    assert names[ids["ahmad"]] == "أحمد عبد الرحمن الخطيب (linked)"
    assert names[ids["ahmad_again"]] == "احمد عبدالرحمن خطيب (linked)"
    assert names[ids["brother"]] == "محمود عبد الرحمن الخطيب"
    row = next(r for r in range(model.rowCount()) if model.record_id(r) == ids["ahmad"])
    assert "counted once" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)


def test_alt_shortcuts_decide_from_anywhere_in_the_tab(
    qtbot: Any, window: MainWindow, page: DuplicatesPage, workspace: Workspace,
    ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.note.setFocus()
    QTest.keyClick(page.note, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert [d.decision for d in duplicates.decisions(workspace)] == ["unsure"]
    assert listed(page) == [pair(ids, "fatima", "fatima_again")]
    assert "(S)" in page.same_button.text() and "Alt+S" in page.same_button.toolTip()


def test_different_people_leave_the_list_and_a_rescan_does_not_bring_them_back(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace, ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    told_apart = pair(ids, "ahmad", "ahmad_again")
    press(page, Qt.Key.Key_D)
    assert told_apart not in listed(page)
    assert linked_columns(workspace, *told_apart) == {told_apart[0]: (None, 0),
                                                      told_apart[1]: (None, 0)}
    scan(qtbot, page)
    assert told_apart not in listed(page)
    assert listed(page) == [pair(ids, "fatima", "fatima_again")]
    page.show_status("decided")
    assert listed(page) == [told_apart]
    assert page.model.headerData(3, Qt.Orientation.Horizontal) == "Decision"
    assert page.model.data(page.model.index(0, 3)) == "Different people"
    assert page.decision_label.isVisible()
    assert plain(page.decision_label.text()).startswith("Decided: Different people — by Test Researcher")


def test_arabic_keys_of_the_same_places_decide_too(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace,
) -> None:
    scan(qtbot, page)
    press(page, Qt.Key.Key_unknown, "ع")  # where U is on an Arabic keyboard
    press(page, Qt.Key.Key_unknown, "ي")  # D
    assert sorted(d.decision for d in duplicates.decisions(workspace)) == ["different", "unsure"]
    assert page.model.rowCount() == 0
    assert page.empty_label.text() == "No pairs to review."


def test_undo_from_the_decided_view_restores_the_pair(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace, ids: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan(qtbot, page)
    a, b = pair(ids, "ahmad", "ahmad_again")
    press(page, Qt.Key.Key_S)
    page.status_buttons["decided"].click()
    assert page.status == "decided" and selected(page) == (a, b)
    assert page.undo_button.isVisible() and page.undo_button.isEnabled()
    asked: list[str] = []

    def answer(result: bool) -> Any:
        def ask(cls: Any, parent: Any, title: str, text: str, confirm: str) -> bool:
            asked.append(text)
            return result
        return classmethod(ask)

    # Declined: nothing changes.
    monkeypatch.setattr(UndoConfirmation, "ask", answer(False))
    operations = workspace.store.operation_count()
    page.undo_button.click()
    assert workspace.store.operation_count() == operations
    assert linked_columns(workspace, a, b)[b] == (a, 1)
    assert "Same person" in asked[0] and "أحمد عبد الرحمن الخطيب" in asked[0]

    # Confirmed (here by the Delete key of the list): the link is withdrawn, the pair is back.
    monkeypatch.setattr(UndoConfirmation, "ask", answer(True))
    press(page, Qt.Key.Key_Delete)
    assert len(asked) == 2
    assert workspace.store.operation_count() == operations + 1
    assert linked_columns(workspace, a, b) == {a: (None, 0), b: (None, 0)}
    assert duplicates.decisions(workspace) == []
    assert page.model.rowCount() == 0 and page.empty_label.text() == "No decisions yet."
    assert plain(page.message_label.text()).startswith("Withdrawn: Same person")
    page.show_status("pending")
    assert (a, b) in listed(page)
    assert page.status_buttons["pending"].text() == "To review (2)"


def test_linking_people_told_apart_is_refused_in_the_users_language(
    qtbot: Any, page: DuplicatesPage, workspace: Workspace, ids: dict[str, str],
    languages: LanguageManager,
) -> None:
    scan(qtbot, page)
    # Elsewhere: the brother is the same person as Ahmad, and not the same as the other record.
    duplicates.decide(workspace, ids["brother"], ids["ahmad"], "same")
    duplicates.decide(workspace, ids["brother"], ids["ahmad_again"], "different")
    record_events().changed.emit("pair_decision", [])
    qtbot.waitUntil(lambda: not page._stale)
    select(page, pair(ids, "ahmad", "ahmad_again"))
    operations = workspace.store.operation_count()
    languages.set_language("ar")
    press(page, Qt.Key.Key_S)
    [text] = close_boxes()
    assert "تقرَّر أن" in text and "محمود عبد الرحمن الخطيب" in text
    assert workspace.store.operation_count() == operations
    assert linked_columns(workspace, ids["ahmad_again"])[ids["ahmad_again"]] == (None, 0)
    assert selected(page) == pair(ids, "ahmad", "ahmad_again")  # still there to be decided


# ---- following changes elsewhere ---------------------------------------------------------------


def test_a_record_deleted_elsewhere_leaves_the_list(
    qtbot: Any, window: MainWindow, page: DuplicatesPage, workspace: Workspace,
    ids: dict[str, str],
) -> None:
    scan(qtbot, page)
    assert not page.changed_label.isVisible()
    workspace.delete("victim", ids["fatima_again"])
    record_events().changed.emit("victim", [ids["fatima_again"]])
    qtbot.waitUntil(lambda: listed(page) == [pair(ids, "ahmad", "ahmad_again")])
    assert page.status_buttons["pending"].text() == "To review (1)"
    assert page.changed_label.isVisible()
    assert page.changed_label.text() == "Records have changed since the last scan."


def test_records_and_decisions_imported_in_bundles_reach_the_tab(
    qtbot: Any, tmp_path: Path, languages: LanguageManager, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(TrustPrompt, "ask", classmethod(lambda cls, *args: True))
    net = Network(tmp_path)
    try:
        researcher = net.join("researcher")
        coordinator = net.join("coordinator")
        ids = document(researcher)
        main = MainWindow(coordinator, languages, Preferences(language="en"))
        qtbot.addWidget(main)
        main.show()
        page = main.show_duplicates()
        scan(qtbot, page)
        assert page.model.rowCount() == 0

        # The researcher's records arrive while the Sync tab is shown.
        main.show_sync()
        assert main.sync_page.import_paths([net.bundle(researcher)]) is not None
        close_boxes()
        main.show_duplicates()
        assert page.changed_label.isVisible()
        scan(qtbot, page)
        assert len(listed(page)) == 2 and not page.changed_label.isVisible()

        # Then the researcher's decision on one pair: it leaves the coordinator's queue.
        duplicates.decide(researcher, ids["ahmad"], ids["ahmad_again"], "same")
        main.show_sync()
        assert main.sync_page.import_paths([net.bundle(researcher)]) is not None
        close_boxes()
        main.show_duplicates()
        assert listed(page) == [pair(ids, "fatima", "fatima_again")]
        assert page.counts == {"pending": 1, "unsure": 0, "decided": 1}
        a, b = pair(ids, "ahmad", "ahmad_again")
        assert linked_columns(coordinator, a, b) == {a: (a, 0), b: (a, 1)}
        main.close()
    finally:
        net.close()


# ---- languages ---------------------------------------------------------------------------------


def test_in_arabic_the_tab_is_right_to_left_with_arabic_labels(
    qtbot: Any, window: MainWindow, page: DuplicatesPage, ids: dict[str, str],
    languages: LanguageManager,
) -> None:
    scan(qtbot, page)
    languages.set_language("ar")
    assert page.layoutDirection() == RTL and page.view.layoutDirection() == RTL
    assert window.tabs.tabText(5) == "المكررات المحتملة"
    texts = {
        "same": page.same_button.text(), "different": page.different_button.text(),
        "unsure": page.unsure_button.text(), "scan": page.scan_button.text(),
        "pending": page.status_buttons["pending"].text(),
    }
    assert texts["same"] == "الشخص نفسه (S)"
    assert texts["pending"] == "للمراجعة (2)"
    for name, text in texts.items():
        assert not LATIN.search(text.replace("(S)", "").replace("(D)", "").replace("(U)", "")), name
    model = page.comparison_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "الحقل", "السجل الأول", "السجل الثاني",
    ]
    shown = lines(page)
    male = vocabulary("sex").label("male", "ar")
    assert shown["sex"][:2] == (male, male) and male == "ذكر"
    homs = gazetteer().name("SY11", "ar")
    assert shown["governorate"][:2] == (homs, homs)
    age_row = next(r for r, line in enumerate(model.lines) if line.field == "age")
    assert model.data(model.index(age_row, 0)) == "− العمر"
    reasons = page.reasons_model
    assert reasons.data(reasons.index(0, 1)) == reasons.reasons[0].render("ar")
    assert plain(page.pair_label.text()).count("«") == 2
    assert plain(page.verdict_label.text()).startswith("احتمال")
    assert page.model.data(page.model.index(0, 3)) == "على الأرجح نفسه"
    assert page.empty_label.text() == "لا توجد أزواج للمراجعة."  # shown when the list empties
    languages.set_language("en")
    assert page.same_button.text() == "Same person (S)"
    assert page.layoutDirection() == Qt.LayoutDirection.LeftToRight


# ---- the models by Qt's rules ------------------------------------------------------------------


def test_models_follow_qt_rules(
    qtbot: Any, qtmodeltester: Any, page: DuplicatesPage, workspace: Workspace,
    ids: dict[str, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan(qtbot, page)
    # Batches of one: the list is read with fetchMore.
    monkeypatch.setattr(PairListModel, "BATCH", 1)
    model = PairListModel(workspace)
    model.load("pending")
    assert model.rowCount() == 1 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.load_through(5)
    assert model.rowCount() == 2 and not model.canFetchMore(QModelIndex())
    comparison = ComparisonModel()
    comparison.set_comparison(duplicates.compare(workspace, ids["ahmad"], ids["ahmad_again"]))
    qtmodeltester.check(comparison)
    reasons = ReasonsModel()
    reasons.set_reasons(duplicates.queue(workspace)[0].reasons)
    qtmodeltester.check(reasons)


def test_percentages_never_claim_certainty() -> None:
    assert percent_text(0.5) == "50%"
    assert percent_text(0.97) == "97%"
    assert percent_text(0.99987) == "99.9%"
    assert percent_text(1.0) == "99.9%"
    assert percent_text(0.001) == "0.1%"
