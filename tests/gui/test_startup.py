"""Start-up: the first-run wizard, unlocking with slowing retries, the idle lock, crash reports."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QWizard

from snhr_desktop.domain.messages import UserError
from snhr_desktop.i18n import LanguageManager
from snhr_desktop.services import settings
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui import app as app_module
from snhr_desktop.ui.app import (
    ErrorReporter,
    Startup,
    choose_language,
    describe_exception,
)
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.setup_wizard import SetupWizard, passphrase_strength
from snhr_desktop.ui.unlock import PassphrasePrompt, UnlockDialog
from tests.conftest import PASSPHRASE

# The offscreen platform cannot pass size hints to a window manager and says so whenever a shown
# window's minimum size changes; that is the test platform talking, not the application.

WRONG = "definitely not it"


@pytest.fixture
def no_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "restore_drafts", lambda ws, window: [])


@pytest.fixture
def existing(db_path: Path) -> Path:
    Workspace.create(db_path, PASSPHRASE, "باحثة ميدانية").close()
    return db_path


@pytest.fixture
def startup(qapp, db_path: Path, languages: LanguageManager, no_drafts) -> Iterator[Startup]:
    flow = Startup(db_path, languages, Preferences())
    yield flow
    for widget in (flow.main_window, flow.wizard, flow.unlock_dialog):
        if widget is not None:
            widget.close()
    flow.shutdown()
    qapp.setQuitOnLastWindowClosed(True)


def type_text(widget: QWidget, text: str) -> None:
    # One key event per character carrying its text: qtbot.keyClicks cannot type Arabic.
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


# -- first run --------------------------------------------------------------------------------
def test_wizard_creates_the_database_then_the_main_window_shows(
    qtbot, startup: Startup, db_path: Path, preferences_dir: Path
) -> None:
    startup.start()
    wizard = startup.wizard
    assert isinstance(wizard, SetupWizard) and wizard.isVisible()
    assert startup.unlock_dialog is None

    wizard.language_page.buttons["ar"].click()  # switches at once
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.language_page.title() == "أهلاً بك"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "التالي"

    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.researcher_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # name required
    type_text(wizard.researcher_page.name, "سلمى الحمصي")
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.passphrase_page
    assert wizard.currentPage() is page
    finish = wizard.button(QWizard.WizardButton.FinishButton)

    page.passphrase.setText("short")
    assert not finish.isEnabled()
    assert "8" in page.strength.text()
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE + "x")
    assert not finish.isEnabled()
    assert page.mismatch.text() == "عبارتا المرور غير متطابقتين."
    page.repeat.setText(PASSPHRASE)
    assert finish.isEnabled()

    with qtbot.waitSignal(startup.ready, timeout=5000):
        finish.click()
    assert db_path.exists()
    window = startup.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert not wizard.isVisible()
    assert window.ws.researcher == "سلمى الحمصي"
    assert window.tabs.tabText(1) == "الضحايا"
    # The language chosen in the wizard is remembered, and nothing else is in the preferences.
    assert settings.load_preferences().language == "ar"
    stored = (preferences_dir / settings.PREFERENCES_FILE).read_text(encoding="utf-8")
    assert "سلمى" not in stored and PASSPHRASE not in stored


def test_wizard_reports_a_problem_and_stays(qtbot, startup: Startup, db_path: Path) -> None:
    startup.start()
    wizard = startup.wizard
    assert wizard is not None
    wizard.next()
    wizard.setField("researcher", "   ")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # spaces are no name
    wizard.setField("researcher", "Researcher")
    wizard.next()
    db_path.write_bytes(b"")  # something is already there: the core refuses to overwrite it
    wizard.passphrase_page.passphrase.setText(PASSPHRASE)
    wizard.passphrase_page.repeat.setText(PASSPHRASE)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and startup.main_window is None
    assert wizard.passphrase_page.error.text() == UserError.of(
        "database_exists", path=str(db_path)
    ).render("en")
    assert db_path.read_bytes() == b""


def test_passphrase_strength() -> None:
    assert passphrase_strength("abc") == 0
    assert passphrase_strength("abcdefgh") == 1
    assert passphrase_strength("Abcdefgh12") == 2
    assert passphrase_strength("correct horse battery staple") == 4
    assert passphrase_strength("زيتون حلب القديمة 2011") == 4


# -- unlocking --------------------------------------------------------------------------------
def test_unlock_with_wrong_then_right_passphrase(
    qtbot, existing: Path, languages: LanguageManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = UnlockDialog(existing, languages)
    qtbot.addWidget(dialog)
    dialog.show()
    prompt = dialog.prompt
    assert not prompt.button.isEnabled()  # nothing typed yet

    qtbot.keyClicks(prompt.field, WRONG)
    qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
    wrong = UserError.of("wrong_passphrase")
    assert prompt.message.text() == wrong.render("en")
    assert prompt.failures == 1 and prompt.retry_delay_ms == 1000
    assert not prompt.button.isEnabled() and prompt.waiting
    assert prompt.countdown.text() == "You can try again in 1 s."
    assert prompt.field.selectedText() == WRONG  # typing replaces it

    languages.set_language("ar")
    assert prompt.message.text() == wrong.render("ar")
    assert prompt.countdown.text() == "يمكنك المحاولة مجدداً بعد 1 ث."
    assert dialog.heading.text() == "فتح قفل قاعدة البيانات"

    # Pressing Enter while the button waits does nothing.
    qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
    assert prompt.failures == 1

    qtbot.waitUntil(lambda: prompt.button.isEnabled(), timeout=3000)
    assert prompt.countdown.text() == ""
    prompt.submit()
    assert prompt.failures == 2 and prompt.retry_delay_ms == 2000
    assert prompt.countdown.text() == "يمكنك المحاولة مجدداً بعد 2 ث."

    monkeypatch.setattr(prompt, "_wait_until", 0.0)  # skip the rest of the wait
    prompt._tick()
    prompt.field.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.opened) as opened:
        qtbot.mouseClick(prompt.button, Qt.MouseButton.LeftButton)
    workspace = opened.args[0]
    try:
        assert isinstance(workspace, Workspace)
        assert workspace.researcher == "باحثة ميدانية"
        assert dialog.result() == UnlockDialog.DialogCode.Accepted
        assert prompt.field.text() == ""  # the passphrase does not linger in the widget
    finally:
        workspace.close()


def test_retry_delays_double(qtbot, qapp) -> None:
    prompt = PassphrasePrompt()
    qtbot.addWidget(prompt)
    delays = []
    for _ in range(8):
        prompt.fail("no")
        delays.append(prompt.retry_delay_ms)
    assert delays == [1000, 2000, 4000, 8000, 16000, 32000, 64000, 64000]
    prompt.succeeded()
    assert prompt.failures == 0 and not prompt.waiting


def test_startup_unlocks_then_shows_the_main_window_and_drafts(
    qtbot, existing: Path, languages: LanguageManager, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    restored: list[tuple[Workspace, QWidget]] = []
    monkeypatch.setattr(
        app_module, "restore_drafts", lambda ws, window: restored.append((ws, window)) or []
    )
    flow = Startup(existing, languages, Preferences(language="en"))
    try:
        flow.start()
        assert flow.wizard is None and flow.unlock_dialog is not None
        flow.unlock_dialog.prompt.field.setText(PASSPHRASE)
        with qtbot.waitSignal(flow.ready):
            flow.unlock_dialog.prompt.submit()
        assert flow.main_window is not None and flow.main_window.isVisible()
        assert restored == [(flow.workspace, flow.main_window)]
        assert flow.main_window.idle.active
    finally:
        if flow.main_window is not None:
            flow.main_window.close()
        flow.shutdown()
        qapp.setQuitOnLastWindowClosed(True)


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_language(Preferences(language="ar"), "en") == "en"  # an explicit --lang wins
    assert choose_language(Preferences(language="ar"), None) == "ar"
    assert choose_language(Preferences(), "en") == "en"
    monkeypatch.setattr(app_module, "system_language", lambda: "ar")
    assert choose_language(Preferences(), None) == "ar"


def test_preferences_round_trip(preferences_dir: Path) -> None:
    assert settings.load_preferences() == Preferences()
    settings.save_preferences(Preferences(language="ar", idle_lock_minutes=5))
    assert settings.load_preferences() == Preferences(language="ar", idle_lock_minutes=5)
    (preferences_dir / settings.PREFERENCES_FILE).write_text("{not json", encoding="utf-8")
    assert settings.load_preferences() == Preferences()
    assert Preferences().with_idle_lock_minutes(0).idle_lock_minutes == 1


# -- the inactivity lock ----------------------------------------------------------------------
@pytest.fixture
def window(qtbot, workspace: Workspace, languages: LanguageManager) -> Iterator[MainWindow]:
    main = MainWindow(workspace, languages, Preferences(language="en"))
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_idle_lock_hides_all_data_until_the_passphrase(qtbot, window: MainWindow) -> None:
    form = QWidget()  # stands for an open record form
    qtbot.addWidget(form)
    form.setWindowTitle("form")
    form.show()
    window.idle.set_timeout_ms(150)
    window.idle.start()
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    assert window.is_locked
    assert window.stack.currentWidget() is window.lock_screen
    assert not window.tabs.isVisible()
    assert not form.isVisible()
    assert window.counts_label.text() == ""
    assert not window.new_incident_action.isEnabled()
    assert not window.idle.active
    assert window.lock_screen.prompt.field.hasFocus() or not window.isActiveWindow()

    screen = window.lock_screen
    screen.prompt.field.setText(WRONG)
    screen.prompt.submit()
    assert window.is_locked
    assert screen.prompt.message.text() == UserError.of("wrong_passphrase").render("en")

    screen.prompt._wait_until = 0.0
    screen.prompt._tick()
    screen.prompt.field.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked):
        screen.prompt.submit()
    assert not window.is_locked
    assert window.tabs.isVisible() and form.isVisible()
    assert window.new_incident_action.isEnabled()
    assert window.idle.active
    assert "Incidents: 0" in window.counts_label.text()
    assert screen.prompt.field.text() == ""


def test_lock_from_the_menu_shortcut(qtbot, window: MainWindow) -> None:
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(window.locked):
        window.lock_action.trigger()
    assert window.is_locked
    window.lock_action.trigger()  # disabled while locked: nothing happens
    assert window.is_locked


def test_input_postpones_the_idle_lock(qtbot, window: MainWindow) -> None:
    window.idle.set_timeout_ms(400)
    window.idle.start()
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(window.panels["incident"].view, Qt.Key.Key_Down)
    assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)


def test_preferences_dialog_changes_the_idle_minutes(qtbot, window: MainWindow) -> None:
    dialog = window.show_preferences()
    dialog.idle_minutes.setCurrentIndex(dialog.idle_minutes.findData(5))
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert window.preferences.idle_lock_minutes == 5
    assert window.idle.timeout_ms == 5 * 60_000
    assert settings.load_preferences().idle_lock_minutes == 5


# -- errors -----------------------------------------------------------------------------------
def test_unexpected_errors_show_a_bilingual_box_and_log_no_data(
    qtbot, qapp, tmp_path: Path
) -> None:
    log = tmp_path / "logs" / "errors.log"
    reporter = ErrorReporter(log)
    try:
        raise ValueError("أحمد عبد الرحمن — a victim's name")
    except ValueError:
        kind, error, tb = sys.exc_info()
    assert kind is not None and error is not None
    reporter.install()
    try:
        assert sys.excepthook is reporter
        sys.excepthook(kind, error, tb)
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter
    written = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in written
    assert "test_startup.py" in written
    assert "أحمد" not in written and "victim's name" not in written
    box = reporter.box
    assert box is not None and box.isVisible()
    assert "Unexpected error (ValueError)" in box.text()
    assert "خطأ غير متوقع" in box.text()
    assert str(log) in box.text()
    reporter(kind, error, tb)  # a second error while the box is open: logged only
    assert reporter.box is box
    with qtbot.waitSignal(box.finished):
        box.accept()
    assert len(log.read_text(encoding="utf-8").splitlines()) > len(written.splitlines())


def test_user_errors_reaching_the_hook_are_shown_as_messages(qtbot, qapp, tmp_path: Path) -> None:
    reporter = ErrorReporter(tmp_path / "errors.log")
    reporter(UserError, UserError.of("disk_full"), None)
    assert not (tmp_path / "errors.log").exists()
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.findChildren(QLabel)]
    texts = [label.text() for box in boxes for label in box.findChildren(QLabel)]
    assert UserError.of("disk_full").render("en") in texts
    for box in boxes:
        box.close()


def test_describe_exception_follows_causes() -> None:
    try:
        try:
            raise KeyError("secret")
        except KeyError as inner:
            raise RuntimeError("also secret") from inner
    except RuntimeError:
        kind, error, tb = sys.exc_info()
    assert kind is not None and error is not None
    text = describe_exception(kind, error, tb)
    assert "builtins.RuntimeError" in text and "caused by builtins.KeyError" in text
    assert "secret" not in text
