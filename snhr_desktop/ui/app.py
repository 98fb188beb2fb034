"""Starting the graphical application: language, first-run wizard or unlock, main window, errors."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.i18n import SUPPORTED_LANGUAGES, LanguageManager, current_language
from snhr_desktop.services import settings
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import left_to_right, show_error
from snhr_desktop.ui.main_window import MainWindow
from snhr_desktop.ui.setup_wizard import SetupWizard
from snhr_desktop.ui.unlock import UnlockDialog

ORGANIZATION = "SNHR"
APPLICATION = "SNHR Desktop"
ERROR_LOG = "errors.log"

# Shown in both languages at once: whatever broke may be the language machinery itself.
LOG_NOTE = (
    "Technical details (no record data) were written to {path}.",
    "كُتبت التفاصيل التقنية (دون أي بيانات من السجلات) في {path}.",
)
ERROR_TITLE = "خطأ غير متوقع — Unexpected error"


def system_language() -> str:
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def choose_language(preferences: Preferences, requested: str | None) -> str:
    """The language asked for on the command line (``--lang``), else the saved preference, else
    the system's."""
    for lang in (requested, preferences.language):
        if lang in SUPPORTED_LANGUAGES:
            return str(lang)
    return system_language()


def error_log_path() -> Path:
    return Path(platformdirs.user_data_dir("snhr-desktop", appauthor=False)) / ERROR_LOG


def describe_exception(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """The exception's types and code locations, never its message: messages can hold names."""
    lines = [f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {kind.__module__}.{kind.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    cause = error.__cause__ or error.__context__
    depth = 0
    while cause is not None and depth < 5:
        lines.append(f"  caused by {type(cause).__module__}.{type(cause).__qualname__}")
        for frame in traceback.extract_tb(cause.__traceback__):
            lines.append(f"    {frame.filename}:{frame.lineno} in {frame.name}")
        cause = cause.__cause__ or cause.__context__
        depth += 1
    return "\n".join(lines) + "\n"


class ErrorReporter:
    """``sys.excepthook`` for the GUI: a bilingual box for people, a code-only log for developers."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.log_path = log_path or error_log_path()
        self.box: QMessageBox | None = None
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, UserError):
            # Not a bug: a situation the user must know about, already worded for them.
            show_error(_active_window(), APPLICATION, error.render(current_language()))
            return
        self.write_log(kind, error, tb)
        if self.box is not None and self.box.isVisible():
            return  # one box at a time: a failing paint must not flood the screen
        self.box = self.show_box(kind)

    def write_log(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(describe_exception(kind, error, tb))
        except OSError:
            pass

    def message_text(self, kind: type[BaseException]) -> str:
        unexpected = Message.of("cli_unexpected", detail=kind.__name__)
        arabic = unexpected.ar + "\n" + LOG_NOTE[1].format(path=left_to_right(self.log_path))
        english = unexpected.en + "\n" + LOG_NOTE[0].format(path=self.log_path)
        return arabic + "\n\n" + english

    def show_box(self, kind: type[BaseException]) -> QMessageBox | None:
        if QApplication.instance() is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            ERROR_TITLE,
            self.message_text(kind),
            QMessageBox.StandardButton.Ok,
            _active_window(),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget)
        box.open()
        return box

    def _forget(self) -> None:
        self.box = None


def _active_window() -> QWidget | None:
    return QApplication.activeWindow()


class Startup(QObject):
    """Leads from start to the main window: the wizard (no database yet) or the unlock dialog."""

    ready = Signal(object)  # the MainWindow
    cancelled = Signal()

    def __init__(
        self,
        path: Path,
        languages: LanguageManager,
        preferences: Preferences,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.languages = languages
        self.preferences = preferences
        self.wizard: SetupWizard | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.main_window: MainWindow | None = None
        self.workspace: Workspace | None = None
        self.drafts: list[QWidget] = []

    def start(self) -> None:
        # Between the first dialog closing and the main window opening no window is visible;
        # the application must not take that for the end.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)
        if self.path.exists():
            self.unlock_dialog = UnlockDialog(self.path, self.languages)
            self.unlock_dialog.opened.connect(self._opened)
            self.unlock_dialog.rejected.connect(self._cancel)
            self.unlock_dialog.show()
        else:
            self.wizard = SetupWizard(self.path, self.languages)
            self.wizard.created.connect(self._opened)
            self.wizard.rejected.connect(self._cancel)
            self.wizard.show()

    def _cancel(self) -> None:
        self.cancelled.emit()
        QApplication.quit()

    def _opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        language = current_language()
        if language != self.preferences.language:
            self.preferences = self.preferences.with_language(language)
            settings.save_preferences(self.preferences)
        window = MainWindow(workspace, self.languages, self.preferences)
        self.main_window = window
        window.show()
        window.activateWindow()
        window.start_idle_lock()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(True)
        self.drafts = restore_drafts(workspace, window)
        self.ready.emit(window)

    def shutdown(self) -> None:
        """Close the windows and the database."""
        if self.main_window is not None:
            self.main_window.idle.stop()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def restore_drafts(workspace: Workspace, window: QWidget) -> list[QWidget]:
    """Reopen the forms left unsaved by a crash (nothing when the forms are not installed)."""
    try:
        from snhr_desktop.ui.forms import restore_drafts as reopen
    except ImportError:
        return []
    return list(reopen(workspace, window))


def run(path: Path, lang: str | None = None) -> int:
    """Run the application on the database at ``path``; the exit status."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    reporter = ErrorReporter()
    reporter.install()
    preferences = settings.load_preferences()
    languages = LanguageManager(app)
    languages.install(app, choose_language(preferences, lang))
    startup = Startup(Path(path), languages, preferences)
    startup.start()
    try:
        return int(app.exec())
    finally:
        startup.shutdown()
        reporter.uninstall()
