"""One researcher's first day, end to end through the real windows, typed in Arabic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from snhr_desktop.domain.records import Incident, Victim
from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services import settings
from snhr_desktop.services.browse import victims_of_incident
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import forms
from snhr_desktop.ui.app import Startup, choose_language
from snhr_desktop.ui.incident_form import IncidentForm
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.record_form import RecordForm
from snhr_desktop.ui.setup_wizard import SetupWizard
from snhr_desktop.ui.unlock import UnlockDialog
from snhr_desktop.ui.victim_form import VictimForm

RESEARCHER = "سلمى الإدلبي"
PASSPHRASE = "زيتون إدلب 2016 أخضر"
VICTIMS = (
    ("أحمد عبد الرحمن الخطيب", "ذكر", "male"),
    ("فاطمة الخطيب", "أنثى", "female"),
    ("محمد الخطيب", "ذكر", "male"),
)
NO_KEY = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


@pytest.fixture
def flows(qapp: QApplication) -> Iterator[list[Startup]]:
    """The start-ups made by the test; whatever they left open is closed afterwards."""
    made: list[Startup] = []
    yield made
    forms.close_all_forms(force=True)
    for flow in made:
        for widget in (flow.main_window, flow.wizard, flow.unlock_dialog):
            if widget is not None and shiboken6.isValid(widget):
                widget.close()
        flow.shutdown()
    flush()
    qapp.setQuitOnLastWindowClosed(True)


# -- a user's hands ----------------------------------------------------------------------------
def flush() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def target() -> QWidget:
    """Where a key press goes: an open popup first, else the focused widget."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(text: str) -> None:
    # One key event per character, carrying its text: qtbot.keyClicks cannot type Arabic.
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, target(), Qt.Key.Key_unknown, ch, NO_KEY)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_KEY, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(target(), key, modifiers)


def activate(qtbot: Any, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def focused_field(form: RecordForm) -> str | None:
    return form._binding_of(QApplication.focusWidget())


def open_form(kind: str) -> RecordForm:
    found = [f for f in forms.open_forms() if isinstance(f, RecordForm) and f.kind == kind]
    assert len(found) == 1, found
    return found[0]


# -- the day -----------------------------------------------------------------------------------
def test_first_run_incident_with_three_victims_reopen_search_and_switch_language(
    qtbot: Any, qapp: QApplication, db_path: Path, languages: LanguageManager,
    flows: list[Startup],
) -> None:
    # First start: no database yet, so the wizard asks for everything.
    assert not db_path.exists()
    first = Startup(db_path, languages, settings.load_preferences())
    flows.append(first)
    first.start()
    wizard = first.wizard
    assert isinstance(wizard, SetupWizard) and wizard.isVisible()
    activate(qtbot, wizard)
    arabic_button = wizard.language_page.buttons["ar"]
    # On its round indicator (the button is as wide as the page, its centre is empty).
    qtbot.mouseClick(
        arabic_button, Qt.MouseButton.LeftButton, pos=QPoint(8, arabic_button.height() // 2)
    )
    assert QApplication.layoutDirection() == RTL
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.researcher_page
    wizard.researcher_page.name.setFocus()
    type_keys(RESEARCHER)
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.passphrase_page
    wizard.passphrase_page.passphrase.setFocus()
    type_keys(PASSPHRASE)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.passphrase_page.repeat
    type_keys(PASSPHRASE)
    with qtbot.waitSignal(first.ready, timeout=5000):
        qtbot.mouseClick(
            wizard.button(wizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    window = first.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window.layoutDirection() == RTL
    assert window.tabs.tabText(0) == "الحوادث"
    assert first.drafts == []

    # Ctrl+N: a new incident, typed as on an Arabic keyboard.
    activate(qtbot, window)
    press(Qt.Key.Key_N, CTRL)
    incident_form = open_form("incident")
    assert isinstance(incident_form, IncidentForm)
    activate(qtbot, incident_form)
    assert incident_form.layoutDirection() == RTL
    assert focused_field(incident_form) == "date"
    type_keys("٢٠١٦-٠٢-١٤")  # Arabic-Indic digits
    press(Qt.Key.Key_Tab, times=2)
    assert focused_field(incident_form) == "governorate"
    type_keys("ادلب")  # without the hamza: the picker's search still finds إدلب
    press(Qt.Key.Key_Tab, times=4)
    assert focused_field(incident_form) == "place_ar"
    type_keys("حي الجسر القديم")
    press(Qt.Key.Key_Tab, times=2)
    assert focused_field(incident_form) == "perpetrator"
    type_keys("الروسية")
    press(Qt.Key.Key_Tab)
    assert focused_field(incident_form) == "attack_type"
    type_keys("غاره")  # ta marbuta typed as ha
    press(Qt.Key.Key_Tab)
    values = incident_form.values()
    assert (values["date"], values["governorate"]) == ("2016-02-14", "SY07")
    assert (values["perpetrator"], values["attack_type"]) == ("russian_forces", "airstrike")

    # Into the victims table; Enter saves the incident and opens the first victim.
    table = incident_form.victims.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is table
    press(Qt.Key.Key_Return)
    assert incident_form.record is not None, incident_form.form_message.text()
    incident_id = incident_form.record_id
    for name, sex, _code in VICTIMS:
        victim_form = open_form("victim")
        assert isinstance(victim_form, VictimForm)
        activate(qtbot, victim_form)
        assert focused_field(victim_form) == "name_ar"
        type_keys(name)
        press(Qt.Key.Key_Tab, times=5)
        assert focused_field(victim_form) == "sex"
        type_keys(sex)
        press(Qt.Key.Key_Tab, times=3)
        assert focused_field(victim_form) == "status"
        type_keys("مدني")
        press(Qt.Key.Key_Tab)
        press(Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda f=victim_form: not shiboken6.isValid(f) or f._closed)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        if name != VICTIMS[-1][0]:
            press(Qt.Key.Key_Return)
    assert incident_form.victims.model.rowCount() == 3
    assert incident_form.children_tabs.tabText(0) == "الضحايا (3)"

    # Close everything, the database with it.
    window.close()
    first.shutdown()
    flush()
    assert forms.open_forms() == []

    # What was typed is in the database.
    with Workspace.open(db_path, PASSPHRASE) as ws:
        incident = ws.get("incident", incident_id)
        assert isinstance(incident, Incident)
        assert (incident.date, incident.date_precision) == (dt.date(2016, 2, 14), "day")
        assert incident.governorate == "SY07"
        assert incident.place_ar == "حي الجسر القديم"
        assert (incident.perpetrator, incident.attack_type) == ("russian_forces", "airstrike")
        assert incident.researcher == RESEARCHER
        assert ws.researcher == RESEARCHER
        rows = {row["name_ar"]: row["id"] for row in victims_of_incident(ws, incident_id)}
        assert set(rows) == {name for name, _sex, _code in VICTIMS}
        for name, _sex, code in VICTIMS:
            victim = ws.get("victim", rows[name])
            assert isinstance(victim, Victim)
            assert (victim.sex, victim.status) == (code, "civilian")
            assert victim.incident_id == incident_id
            assert victim.date_of_death == dt.date(2016, 2, 14)  # taken from the incident
            assert (victim.governorate, victim.place_ar) == ("SY07", "حي الجسر القديم")
        ahmad = rows[VICTIMS[0][0]]

    # Second start, as a new process would: the remembered language, then the unlock dialog.
    languages.set_language("en")
    preferences = settings.load_preferences()
    languages.set_language(choose_language(preferences, None))
    second = Startup(db_path, languages, preferences)
    flows.append(second)
    second.start()
    dialog = second.unlock_dialog
    assert second.wizard is None and isinstance(dialog, UnlockDialog)
    assert dialog.layoutDirection() == RTL
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.prompt.field
    type_keys(PASSPHRASE)
    with qtbot.waitSignal(second.ready, timeout=5000):
        press(Qt.Key.Key_Return)
    window = second.main_window
    assert isinstance(window, MainWindow) and window.layoutDirection() == RTL
    assert second.drafts == []  # nothing was left unsaved
    activate(qtbot, window)

    # The victims list, searched the way people type: without hamza, with or without "ال".
    press(Qt.Key.Key_2, CTRL)
    panel = window.current_panel
    assert panel is window.panels["victim"]
    assert panel.model.rowCount() == 3
    press(Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is panel.filters.search
    for query, expected in (("احمد", {ahmad}), ("الخطيب", set(rows.values())),
                            ("خطيب", set(rows.values()))):
        press(Qt.Key.Key_A, CTRL)
        type_keys(query)
        assert panel.filters.search.text() == query
        # The list follows a moment after the last key.
        qtbot.waitUntil(lambda q=query: panel.model.list_filter.text == q, timeout=2000)
        found = {panel.model.record_id(row) for row in range(panel.model.rowCount())}
        assert found == expected, query

    # English from the Language menu: mirrored back, every sample relabelled.
    def samples() -> dict[str, str]:
        return {
            "tab": window.tabs.tabText(1),
            "menu": window.language_menu.title(),
            "header": str(panel.model.headerData(0, Qt.Orientation.Horizontal)),
            "search": panel.filters.search.placeholderText(),
            "open": panel.open_button.text(),
            "counts": window.counts_label.text(),
        }

    arabic = samples()
    assert arabic["tab"] == "الضحايا"
    assert "الضحايا: 3" in arabic["counts"]
    assert window.language_actions["en"] in window.language_menu.actions()
    window.language_actions["en"].trigger()
    assert window.layoutDirection() == LTR
    assert QApplication.layoutDirection() == LTR
    assert panel.filters.search.layoutDirection() == LTR
    english = samples()
    assert english == {
        "tab": "Victims",
        "menu": "&Language",
        "header": "Name",
        "search": "Search names, in Arabic or Latin letters",
        "open": "Open",
        "counts": "Incidents: 1   Victims: 3   Facility attacks: 0",
    }
    assert all(english[key] != arabic[key] for key in english)
    assert settings.load_preferences().language == "en"
    # The search and its result are unchanged by the switch.
    assert panel.filters.search.text() == "خطيب" and panel.model.rowCount() == 3
