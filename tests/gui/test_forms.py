"""Record forms driven from the keyboard, in Arabic and English: quick entry, validation, drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from snhr_desktop.domain.records import FacilityAttack, Incident, Victim
from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services import drafts
from snhr_desktop.services.browse import victims_of_incident
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import forms
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.facility_form import FacilityForm
from snhr_desktop.ui.incident_form import ChildRowsModel, IncidentForm
from snhr_desktop.ui.record_form import ConfirmDeleteBox, RecordForm, UnsavedChangesBox
from snhr_desktop.ui.victim_form import VictimForm
from snhr_desktop.ui.widgets import DateField, LookupCombo
from tests.conftest import incident_data, victim_data

# The offscreen platform has no window manager: it says so whenever a window is raised, its size
# limits change or a popup grabs the keyboard. A fact about the test platform, not the forms.


# ---- fixtures and keyboard helpers ----------------------------------------------------------


@pytest.fixture
def arabic(languages: LanguageManager) -> LanguageManager:
    languages.set_language("ar")
    return languages


@pytest.fixture
def ws(workspace: Workspace, qapp: QApplication) -> Iterator[Workspace]:
    """The workspace; every form still open is closed before it is."""
    yield workspace
    forms.close_all_forms(force=True)
    flush_deletions()
    assert forms.open_forms() == []


@pytest.fixture(autouse=True)
def quick_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordForm, "DRAFT_DELAY_MS", 50)
    monkeypatch.setattr(RecordForm, "AUTOSAVE_INTERVAL_MS", 200)
    monkeypatch.setattr(RecordForm, "VALIDATE_DELAY_MS", 20)


def flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def target() -> QWidget:
    """Where a real key press goes: an open popup first, else the focused widget."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(text: str) -> None:
    """Type ``text`` one key at a time (qtbot.keyClicks cannot type Arabic)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, target(), Qt.Key.Key_unknown, ch,
            Qt.KeyboardModifier.NoModifier,
        )


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(target(), key, modifiers)


def tab(times: int = 1) -> None:
    for _ in range(times):
        press(Qt.Key.Key_Tab)


def activate(qtbot: Any, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def focused_field(form: RecordForm) -> str | None:
    return form._binding_of(QApplication.focusWidget())


def plain(text: str) -> str:
    """Text as read, without the isolates that keep dates in order inside Arabic."""
    return text.replace("\u2066", "").replace("\u2069", "")


def only_form(kind: str) -> RecordForm:
    found = [f for f in forms.open_forms() if isinstance(f, RecordForm) and f.kind == kind]
    assert len(found) == 1, found
    return found[0]


def saved_incident(ws: Workspace, **overrides: Any) -> Incident:
    incident = ws.validate("incident", incident_data(**overrides))
    ws.save(incident)
    assert isinstance(incident, Incident)
    return incident


# ---- quick entry: an incident and its victims typed in Arabic ------------------------------


def test_incident_with_three_victims_typed_in_arabic(
    qtbot: Any, ws: Workspace, arabic: LanguageManager
) -> None:
    incident_form = forms.open_record_form(ws, "incident", None)
    assert isinstance(incident_form, IncidentForm)
    activate(qtbot, incident_form)
    assert focused_field(incident_form) == "date"

    type_keys("٢٠١٦-٠٥-٠٣")  # Arabic-Indic digits, as an Arabic keyboard types them
    tab()
    assert focused_field(incident_form) == "date_precision"
    tab()
    assert focused_field(incident_form) == "governorate"
    type_keys("الرقة")
    tab()
    assert focused_field(incident_form) == "district"
    type_keys("الثورة")
    tab(3)  # subdistrict, community left empty
    assert focused_field(incident_form) == "place_ar"
    type_keys("حي الرميلة")
    tab()
    type_keys("Al-Rumaila")
    tab()
    assert focused_field(incident_form) == "perpetrator"
    type_keys("التحالف")
    tab()
    type_keys("غاره")  # ta marbuta typed as ha
    tab()
    assert focused_field(incident_form) == "acknowledged"
    type_keys("لا")
    tab(2)
    assert focused_field(incident_form) == "sources"
    type_keys("شاهد عيان")
    tab()
    assert focused_field(incident_form) == "description_ar"
    type_keys("قصف جوي على الحي")

    # Into the victims table; Enter saves the new incident and opens the first victim.
    incident_form.victims.table.setFocus()
    press(Qt.Key.Key_Return)
    assert incident_form.record is not None, incident_form.form_message.text()
    incident_id = incident_form.record_id

    people = [
        ("أحمد عبد الرحمن الخطيب", "ذكر", "٣٤"),
        ("فاطمة محمد الحسن", "أنثى", "٩"),
        ("خالد عمر العلي", "ذكر", "٦٠"),
    ]
    for number, (name, sex, age) in enumerate(people):
        victim_form = only_form("victim")
        assert isinstance(victim_form, VictimForm)
        activate(qtbot, victim_form)
        assert focused_field(victim_form) == "name_ar"
        assert victim_form.values()["date_of_death"] == "2016-05-03"  # from the incident
        assert victim_form.values()["governorate"] == "SY11"
        assert victim_form.values()["place_ar"] == "حي الرميلة"
        type_keys(name)
        tab(5)
        assert focused_field(victim_form) == "sex"
        type_keys(sex)
        tab()
        type_keys(age)
        tab(2)
        assert focused_field(victim_form) == "status"
        type_keys("مدني")
        tab()
        if number == 0:
            # Ctrl+S saves and goes back to the table, where Enter starts the next victim.
            press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda f=victim_form: not shiboken6.isValid(f) or f._closed)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is incident_form)
            assert QApplication.focusWidget() is incident_form.victims.table
            press(Qt.Key.Key_Return)
        elif number == 1:
            # Ctrl+Enter saves and starts the next victim in the same window.
            press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            assert victim_form.is_new and not victim_form.is_dirty()
            assert victim_form.values()["date_of_death"] == "2016-05-03"
        else:
            press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda f=victim_form: not shiboken6.isValid(f) or f._closed)

    assert incident_form.victims.model.rowCount() == 3
    assert incident_form.children_tabs.tabText(0) == "الضحايا (3)"

    # Everything is in the database as typed.
    incident = ws.get("incident", incident_id)
    assert isinstance(incident, Incident)
    assert incident.date == dt.date(2016, 5, 3) and incident.date_precision == "day"
    assert (incident.governorate, incident.district) == ("SY11", "SY1103")
    assert incident.subdistrict is None and incident.community is None
    assert (incident.place_ar, incident.place_en) == ("حي الرميلة", "Al-Rumaila")
    assert incident.perpetrator == "international_coalition"
    assert incident.attack_type == "airstrike"
    assert incident.acknowledged == "no"
    assert incident.sources == "شاهد عيان"
    assert incident.description_ar == "قصف جوي على الحي"
    assert incident.researcher == "Test Researcher"
    rows = {row["name_ar"]: row for row in victims_of_incident(ws, incident_id)}
    assert set(rows) == {name for name, _sex, _age in people}
    for name, sex, age in people:
        victim = ws.get("victim", rows[name]["id"])
        assert isinstance(victim, Victim)
        assert victim.sex == {"ذكر": "male", "أنثى": "female"}[sex]
        assert victim.age == int(age.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
        assert victim.age_group == ("child" if victim.age < 18 else "adult")
        assert victim.status == "civilian"
        assert victim.date_of_death == dt.date(2016, 5, 3)
        assert (victim.governorate, victim.place_ar) == ("SY11", "حي الرميلة")
        assert victim.incident_id == incident_id

    # Reopened from the database, the forms show the same values.
    incident_form.close()
    flush_deletions()
    reopened = forms.open_record_form(ws, "incident", incident_id)
    assert isinstance(reopened, IncidentForm)
    values = reopened.values()
    assert values["date"] == "2016-05-03" and values["date_precision"] == "day"
    assert (values["governorate"], values["district"]) == ("SY11", "SY1103")
    assert reopened.date_field.edit.text() == "2016-05-03"
    assert reopened.widget("governorate").currentText() == "الرقة"
    assert reopened.widget("perpetrator").currentText() == "قوات التحالف الدولي"
    assert reopened.victims.model.rowCount() == 3
    assert not reopened.is_dirty()
    first = forms.open_record_form(ws, "victim", rows["فاطمة محمد الحسن"]["id"])
    assert isinstance(first, VictimForm)
    assert first.values()["name_ar"] == "فاطمة محمد الحسن"
    assert first.widget("sex").currentText() == "أنثى"
    assert first.values()["age"] == "9"
    assert first.widget("age_group").currentText() == "طفل"
    assert plain(first.link.summary.text()).startswith("2016-05-03 · الرقة")


def test_quick_entry_needs_a_valid_incident(qtbot: Any, ws: Workspace) -> None:
    form = forms.open_record_form(ws, "incident", None)
    assert isinstance(form, IncidentForm)
    activate(qtbot, form)
    form.victims.table.setFocus()
    press(Qt.Key.Key_Return)
    assert form.record is None
    assert [f for f in forms.open_forms() if isinstance(f, VictimForm)] == []
    assert form.message("date").text() == "This field is required."
    assert form.message("governorate").text() == "This field is required."
    assert focused_field(form) == "date"  # the cursor goes to the first problem


def test_quick_entry_of_a_facility_attack(qtbot: Any, ws: Workspace, arabic: Any) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    activate(qtbot, form)
    form.children_tabs.setCurrentWidget(form.facilities)
    form.facilities.table.setFocus()
    press(Qt.Key.Key_Return)
    facility = only_form("facility_attack")
    assert isinstance(facility, FacilityForm)
    activate(qtbot, facility)
    assert focused_field(facility) == "category"
    assert facility.values()["date"] == "2016-05-03"
    type_keys("مدرس")
    tab()
    assert facility.values()["category"] == "school"
    type_keys("مدرسة الرميلة")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not shiboken6.isValid(facility) or facility._closed)
    assert form.facilities.model.rowCount() == 1
    assert form.facilities.model.data(form.facilities.model.index(0, 0)) == "مدرسة"
    stored = ws.get("facility_attack", form.facilities.model.row_id(0) or "")
    assert isinstance(stored, FacilityAttack)
    assert (stored.category, stored.name_ar, stored.incident_id) == (
        "school", "مدرسة الرميلة", incident.id)


def test_deleting_a_victim_from_the_incident(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = saved_incident(ws)
    victim = ws.validate("victim", victim_data(incident.id))
    ws.save(victim)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    victim_form = forms.open_record_form(ws, "victim", victim.id)
    activate(qtbot, form)
    form.victims.table.setFocus()
    form.victims.table.select_row(0)
    questions: list[str] = []
    monkeypatch.setattr(ConfirmDeleteBox, "ask", classmethod(
        lambda cls, parent, text: questions.append(text) or False))
    press(Qt.Key.Key_Delete)
    assert ws.get("victim", victim.id) is not None  # "No" keeps it
    monkeypatch.setattr(ConfirmDeleteBox, "ask", classmethod(lambda cls, parent, text: True))
    press(Qt.Key.Key_Delete)
    assert questions == ["Delete the victim “أحمد عبد الرحمن الخطيب”?"]
    assert ws.get("victim", victim.id) is None
    assert form.victims.model.rowCount() == 0
    assert form.children_tabs.tabText(0) == "Victims (0)"
    flush_deletions()
    assert not shiboken6.isValid(victim_form)  # the deleted victim's form closed itself


# ---- validation ------------------------------------------------------------------------------


def test_inline_messages_in_english_and_arabic(
    qtbot: Any, ws: Workspace, languages: LanguageManager
) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "victim", None, incident_id=incident.id)
    assert isinstance(form, VictimForm)
    activate(qtbot, form)
    form.widget("age").setFocus()
    type_keys("200")
    tab()  # leaving the field shows its problem
    qtbot.waitUntil(lambda: form.message("age").isVisible())
    assert form.message("age").text() == "The age must be between 0 and 120 years (got 200)."
    assert not form.message("name_ar").isVisible()  # not touched yet
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    death = form.widget("date_of_death")
    assert isinstance(death, DateField)
    death.edit.setFocus()
    death.edit.selectAll()
    type_keys(future)
    tab()
    qtbot.waitUntil(lambda: form.message("date_of_death").isVisible())
    assert form.message("date_of_death").text() == f"The date {future} is in the future."

    assert not form.save()
    # Every problem shows at once; the cursor goes to the first field with one: the name.
    assert focused_field(form) == "name_ar"
    assert form.message("name_ar").text() == "Enter the name in Arabic or in Latin script."

    languages.set_language("ar")
    assert form.message("age").text() == "يجب أن يكون العمر بين 0 و120 سنة (القيمة المدخلة 200)."
    assert plain(form.message("date_of_death").text()) == f"التاريخ {future} في المستقبل."
    assert form.label("age").text() == "العمر"

    # Fixing a field clears its message as soon as it is right.
    form.widget("age").setFocus()
    form.widget("age").selectAll()
    type_keys("٤٠")
    qtbot.waitUntil(lambda: not form.message("age").isVisible())
    assert form.values()["age"] == "40"
    death.edit.setFocus()
    death.edit.selectAll()
    type_keys("٢٠١٦-٠٥-٠٣")
    qtbot.waitUntil(lambda: not form.message("date_of_death").isVisible())
    # With the other fields right, the record still needs a name.
    assert not form.save()
    assert form.message("name_ar").text() == "أدخل الاسم بالعربية أو بالأحرف اللاتينية."
    assert focused_field(form) == "name_ar"
    languages.set_language("en")
    assert form.message("name_ar").text() == "Enter the name in Arabic or in Latin script."


def test_incident_date_precision_and_partial_dates(qtbot: Any, ws: Workspace) -> None:
    form = forms.open_record_form(ws, "incident", None)
    assert isinstance(form, IncidentForm)
    activate(qtbot, form)
    type_keys("٢٠١٥-٠٧")
    assert form.values()["date_precision"] == "month"
    form.widget("governorate").set_value("SY02")
    assert form.save()
    incident = ws.get("incident", form.record_id)
    assert isinstance(incident, Incident)
    assert (incident.date, incident.date_precision) == (dt.date(2015, 7, 1), "month")
    assert form.date_field.edit.text() == "2015-07"
    # A day precision with a month typed is refused, next to the date.
    form.date_field.precision.set_value("day")  # type: ignore[union-attr]
    assert not form.save()
    assert "must be written as YYYY-MM-DD" in form.message("date").text()


def test_service_errors_are_shown_not_raised(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch, arabic: Any
) -> None:
    from snhr_desktop.domain.messages import UserError

    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    form.widget("place_ar").set_value("مكان آخر")

    def busy(record: Any) -> None:
        raise UserError.of("database_locked")

    monkeypatch.setattr(ws, "save", busy)
    assert not form.save()
    assert form.form_message.text() == "قاعدة البيانات مشغولة في نافذة أو برنامج آخر؛ أعد المحاولة."

    def broken(record: Any) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(ws, "save", broken)
    assert not form.save()
    assert form.form_message.text() == "تعذّر حفظ السجل: no space left"
    assert form.is_dirty()


# ---- keyboard, closing, drafts ---------------------------------------------------------------


def test_ctrl_s_saves_and_emits_the_change(qtbot: Any, ws: Workspace) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "victim", None, incident_id=incident.id)
    assert isinstance(form, VictimForm)
    activate(qtbot, form)
    type_keys("Omar")
    assert form.is_dirty()
    assert form.windowTitle() == "New victim [*]" and form.isWindowModified()
    with qtbot.waitSignal(record_events().changed) as changed:
        press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == ["victim", [form.record_id]]
    assert not form.is_dirty() and not form.isWindowModified()
    assert form.windowTitle() == "Victim: Omar [*]"
    assert form.status.text().startswith("Saved at ")
    victim = ws.get("victim", form.record_id)
    assert isinstance(victim, Victim) and victim.name_ar == "Omar"
    # Opening the same record again brings this window forward instead of a second one.
    assert forms.open_record_form(ws, "victim", form.record_id) is form


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_closing_with_unsaved_changes_asks(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    activate(qtbot, form)
    asked: list[str] = []
    monkeypatch.setattr(UnsavedChangesBox, "ask", classmethod(
        lambda cls, parent, title: asked.append(title) or answer))

    press(Qt.Key.Key_Escape)  # nothing changed: closes without asking
    assert asked == []
    flush_deletions()
    form = forms.open_record_form(ws, "incident", incident.id)
    activate(qtbot, form)
    form.widget("place_ar").setFocus()
    press(Qt.Key.Key_End)
    type_keys(" الشمالي")
    qtbot.waitUntil(lambda: drafts.draft(ws, f"incident:{incident.id}") is not None)
    press(Qt.Key.Key_Escape)
    assert asked == ["Incident of 2016-05-03 in Ar-Raqqa"]
    stored = ws.get("incident", incident.id)
    assert isinstance(stored, Incident)
    if answer == "cancel":
        assert form in forms.open_forms() and form.is_dirty()
        assert stored.place_ar == "حي الرميلة"
        assert drafts.draft(ws, f"incident:{incident.id}") is not None
    else:
        flush_deletions()
        assert forms.open_forms() == []
        assert drafts.draft(ws, f"incident:{incident.id}") is None
        expected = "حي الرميلة الشمالي" if answer == "save" else "حي الرميلة"
        assert stored.place_ar == expected


def test_a_draft_survives_a_crash(qtbot: Any, ws: Workspace, arabic: Any) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "victim", None, incident_id=incident.id)
    assert isinstance(form, VictimForm)
    activate(qtbot, form)
    type_keys("سامر الأحمد")
    form.widget("age").setFocus()
    type_keys("٢٧")
    key = form.draft_key
    qtbot.waitUntil(lambda: form.status.text().startswith("تغييرات غير محفوظة (حُفظت مسودة"))
    kept = drafts.draft(ws, key)
    assert kept is not None and kept.data["name_ar"] == "سامر الأحمد"

    # The program dies: the window goes away without any closing or saving.
    shiboken6.delete(form)
    flush_deletions()
    assert forms.open_forms() == []

    restored = forms.restore_drafts(ws, None)
    assert len(restored) == 1
    again = restored[0]
    assert isinstance(again, VictimForm)
    assert again.values()["name_ar"] == "سامر الأحمد"
    assert again.values()["age"] == "27"
    assert again.values()["age_group"] == "adult"
    assert again.incident_id == incident.id
    assert again.is_dirty() and again.is_new
    assert again.notice.isVisible()
    assert again.notice.text().startswith("استُعيدت هذه الاستمارة")
    assert forms.restore_drafts(ws, None) == []  # not twice
    assert again.save()
    assert drafts.drafts(ws) == []
    assert not again.notice.isVisible()
    victim = ws.get("victim", again.record_id)
    assert isinstance(victim, Victim) and victim.age == 27


def test_forced_close_keeps_drafts_for_next_time(qtbot: Any, ws: Workspace) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    form.widget("place_en").set_value("North Rumaila")
    clean = forms.open_record_form(ws, "facility_attack", None, incident_id=incident.id)
    assert len(forms.open_forms()) == 2
    assert forms.close_all_forms(force=True)
    flush_deletions()
    assert forms.open_forms() == []
    assert [d.key for d in drafts.drafts(ws)] == [f"incident:{incident.id}"]
    assert not shiboken6.isValid(clean)
    restored = forms.restore_drafts(ws, None)
    assert len(restored) == 1 and isinstance(restored[0], IncidentForm)
    assert restored[0].values()["place_en"] == "North Rumaila"
    assert not restored[0].is_new


def test_close_all_forms_asks_and_stops_on_cancel(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    form.widget("place_en").set_value("Elsewhere")
    monkeypatch.setattr(UnsavedChangesBox, "ask", classmethod(lambda cls, p, t: "cancel"))
    assert not forms.close_all_forms(force=False)
    assert forms.open_forms() == [form]
    monkeypatch.setattr(UnsavedChangesBox, "ask", classmethod(lambda cls, p, t: "discard"))
    assert forms.close_all_forms(force=False)
    flush_deletions()
    assert forms.open_forms() == []


# ---- possible duplicates ---------------------------------------------------------------------


def test_possible_duplicate_warning_while_typing(
    qtbot: Any, ws: Workspace, arabic: Any
) -> None:
    incident = saved_incident(ws)
    earlier = ws.validate("victim", victim_data(
        incident.id, name_ar="أحمد عبد الرحمن", name_en=None, date_of_death="2016-05-02"))
    ws.save(earlier)
    other = saved_incident(ws, date="2016-05-03")
    form = forms.open_record_form(ws, "victim", None, incident_id=other.id)
    assert isinstance(form, VictimForm)
    activate(qtbot, form)
    assert form.values()["date_of_death"] == "2016-05-03"
    type_keys("احمد عبدالرحمن")
    qtbot.waitUntil(lambda: form.duplicates.isVisible(), timeout=2000)
    assert [m["id"] for m in form.duplicates.matches()] == [earlier.id]
    assert "احتمال تكرار" in form.duplicates.title.text()
    assert form.duplicates.continue_button.text() == "متابعة"
    assert focused_field(form) == "name_ar"  # the warning does not take the keyboard

    # "Open" shows the earlier victim in its own form.
    open_buttons = [b for b in form.duplicates.findChildren(type(form.duplicates.continue_button))
                    if b.text() == "فتح"]
    open_buttons[0].click()
    assert forms.find_form("victim", earlier.id) is not None

    # "Continue" hides the warning for these matches; another governorate finds nothing.
    form.duplicates.continue_button.click()
    assert not form.duplicates.isVisible()
    form.check_duplicates()
    assert not form.duplicates.isVisible()
    form._dismissed.clear()
    form.widget("governorate").set_value("SY02")
    assert form.check_duplicates() == []
    form.widget("governorate").set_value("SY11")
    assert len(form.check_duplicates()) == 1


# ---- language ---------------------------------------------------------------------------------


def test_language_switch_relabels_an_open_form(
    qtbot: Any, ws: Workspace, languages: LanguageManager
) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    form.widget("description_ar").set_value("نص")
    assert form.label("perpetrator").text() == "Perpetrator"
    assert form.widget("perpetrator").currentText() == "International coalition forces"
    assert form.windowTitle() == "Incident of 2016-05-03 in Ar-Raqqa [*]"
    assert form.save_button.text() == "Save"
    assert form.layoutDirection() == Qt.LayoutDirection.LeftToRight

    languages.set_language("ar")
    assert form.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert form.label("perpetrator").text() == "الجهة المرتكبة"
    assert form.label("governorate").text() == "المحافظة"
    assert form.widget("perpetrator").currentText() == "قوات التحالف الدولي"
    assert form.widget("governorate").currentText() == "الرقة"
    assert plain(form.windowTitle()) == "حادثة بتاريخ 2016-05-03 في الرقة [*]"
    assert "\u20662016-05-03\u2069" in form.windowTitle()  # the date stays in order
    assert form.save_button.text() == "حفظ"
    assert form.status.text() == "تغييرات غير محفوظة"
    assert form.victims.model.headerData(0, Qt.Orientation.Horizontal) == "الاسم"
    # Text typed in one script keeps its direction whatever the interface language.
    assert form.widget("place_en").layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert form.widget("description_ar").layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert form.is_dirty()  # relabelling changed no value
    assert form.values()["perpetrator"] == "international_coalition"

    languages.set_language("en")
    assert form.label("perpetrator").text() == "Perpetrator"
    assert form.widget("governorate").currentText() == "Ar-Raqqa"


def test_every_visible_text_is_translated(
    qtbot: Any, ws: Workspace, arabic: Any
) -> None:
    incident = saved_incident(ws)
    opened = [
        forms.open_record_form(ws, "incident", incident.id),
        forms.open_record_form(ws, "victim", None, incident_id=incident.id),
        forms.open_record_form(ws, "facility_attack", None, incident_id=incident.id),
    ]
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    latin_allowed = {"Enter", "Ctrl", "Delete", "2016", "F4", "Esc"}
    for form in opened:
        texts = [w.text() for w in form.findChildren(QLabel) if w.isVisibleTo(form)]
        texts += [w.text() for w in form.findChildren(QAbstractButton) if w.isVisibleTo(form)]
        texts += [w.title() for w in form.findChildren(QGroupBox)]
        texts.append(form.windowTitle())
        for text in texts:
            words = [w for w in text.replace("·", " ").split() if w.isascii() and w.isalpha()]
            stray = [w for w in words if not any(w.startswith(a) for a in latin_allowed)]
            assert not stray or text in ("Al-Rumaila neighbourhood",), (form, text)


# ---- the incident's tables ---------------------------------------------------------------


def test_child_rows_model(qtmodeltester: Any, ws: Workspace, languages: Any) -> None:
    incident = saved_incident(ws)
    victim = ws.validate("victim", victim_data(incident.id))
    ws.save(victim)
    model = ChildRowsModel("victim")
    model.set_rows(victims_of_incident(ws, incident.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells == ["أحمد عبد الرحمن الخطيب", "Male", "34", "Civilian", "None", "2016-05-03"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Sex"
    assert model.data(model.index(0, 0), ChildRowsModel.ID_ROLE) == victim.id
    assert model.row_of(victim.id) == 0 and model.row_id(5) is None
    languages.set_language("ar")
    assert model.data(model.index(0, 1)) == "ذكر"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "الجنس"


def test_open_record_form_refuses_missing_records(ws: Workspace) -> None:
    from snhr_desktop.domain.ids import uuid7
    from snhr_desktop.domain.messages import UserError

    with pytest.raises(UserError):
        forms.open_record_form(ws, "victim", uuid7())
    with pytest.raises(UserError):
        forms.open_record_form(ws, "victim", None, incident_id=uuid7())
    with pytest.raises(ValueError, match="no form"):
        forms.open_record_form(ws, "operation", None)


def test_lookup_combo_values_are_what_the_record_stores(qtbot: Any, ws: Workspace) -> None:
    incident = saved_incident(ws)
    form = forms.open_record_form(ws, "incident", incident.id)
    assert isinstance(form, IncidentForm)
    assert all(combo.value() is None or isinstance(combo.value(), str)
               for combo in form.findChildren(LookupCombo))
    record = ws.validate("incident", form.values())
    assert record.facts() == incident.facts() | {"researcher": None}
