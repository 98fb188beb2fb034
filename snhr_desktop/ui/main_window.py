"""The main window: menus, the three record lists, counts, preferences and the inactivity lock."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.messages import UserError
from snhr_desktop.i18n import (
    NATIVE_LANGUAGE_NAMES,
    SUPPORTED_LANGUAGES,
    LanguageManager,
    Retranslating,
    current_language,
)
from snhr_desktop.services import settings
from snhr_desktop.services.settings import Preferences
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import fill, run_with_progress, show_error, show_message
from snhr_desktop.ui.duplicates_view import DuplicatesPage
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.idle_lock import IdleWatcher, LockScreen
from snhr_desktop.ui.record_lists import KINDS, RecordListPanel, open_form
from snhr_desktop.ui.summary_view import SummaryPage
from snhr_desktop.ui.sync_page import SyncPage

IDLE_CHOICES = (1, 2, 5, 10, 15, 30, 60)


def version() -> str:
    try:
        return metadata.version("snhr-desktop")
    except metadata.PackageNotFoundError:
        return "0"


class SpreadsheetFiles:
    """Asks where to import from and export to; tests replace these class methods."""

    @classmethod
    def choose_import(cls, parent: QWidget, caption: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, caption, "", filters)
        if not name:
            return None
        path = Path(name)
        # CSV files are imported as the folder that holds incidents.csv, victims.csv, …
        return path.parent if path.suffix.lower() == ".csv" else path

    @classmethod
    def choose_export(cls, parent: QWidget, caption: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(parent, caption, "snhr-export.xlsx", filters)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".xlsx")


class ImportValidRows:
    """Asks whether to import only the valid rows of a refused import; tests replace ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, text: str, details: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText(details)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


class PreferencesDialog(Retranslating, QDialog):
    """Interface language and the minutes of inactivity before the lock."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.setObjectName("preferredLanguage")
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(NATIVE_LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(
            max(0, self.language.findData(preferences.language or current_language()))
        )
        self.idle_minutes = QComboBox()
        self.idle_minutes.setObjectName("idleMinutes")
        choices = sorted(set(IDLE_CHOICES) | {preferences.idle_lock_minutes})
        for minutes in choices:
            self.idle_minutes.addItem(str(minutes), minutes)
        self.idle_minutes.setCurrentIndex(self.idle_minutes.findData(preferences.idle_lock_minutes))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        self.idle_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.idle_label, self.idle_minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def chosen(self, preferences: Preferences) -> Preferences:
        return preferences.with_language(self.language.currentData()).with_idle_lock_minutes(
            self.idle_minutes.currentData()
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.language_label.setText(self.tr("Interface &language:"))
        self.idle_label.setText(self.tr("&Lock after this many minutes without activity:"))


class MainWindow(Retranslating, QMainWindow):
    """The researcher's workplace over one open workspace."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        ws: Workspace,
        languages: LanguageManager,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.languages = languages
        self.preferences = preferences or Preferences()
        self._locked = False
        self._closed = False
        self._researcher = ws.researcher
        self._hidden_windows: list[QWidget] = []
        self._dialogs: list[QDialog] = []

        self.panels = {kind: RecordListPanel(ws, kind) for kind in KINDS}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.setDocumentMode(True)
        for panel in self.panels.values():
            self.tabs.addTab(panel, "")
            panel.counts_changed.connect(self.update_counts)
        self.summary_page = SummaryPage(ws)
        self.tabs.addTab(self.summary_page, "")
        self.sync_page = SyncPage(ws)
        self.tabs.addTab(self.sync_page, "")
        self.duplicates_page = DuplicatesPage(ws)
        self.tabs.addTab(self.duplicates_page, "")
        database = ws.path or Path()
        self.lock_screen = LockScreen(database)
        self.lock_screen.unlocked.connect(self.unlock)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts_label)

        self.idle = IdleWatcher(self.preferences.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.duplicates_page.working.connect(self.idle.poke)  # waiting for a scan is not idling

        self._build_actions()
        self._build_menus()
        record_events().changed.connect(self._records_changed)
        self.resize(1240, 780)
        self.retranslate()  # also shows the counts

    # -- actions and menus ------------------------------------------------------------------
    def _action(self, shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: Callable[[], Any]) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_incident_action = self._action("Ctrl+N", self.new_incident)
        self.import_action = self._action("Ctrl+I", self.import_spreadsheet)
        self.export_action = self._action("Ctrl+E", self.export_spreadsheet)
        self.preferences_action = self._action("Ctrl+,", self.show_preferences)
        self.lock_action = self._action("Ctrl+L", self.lock)
        # Ctrl+L locks from any window, a record form included.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.refresh_action = self._action("F5", self.refresh)
        self.find_action = self._action(QKeySequence.StandardKey.Find, self.focus_search)
        self.tab_actions = [
            self._action(f"Ctrl+{number}", lambda n=number - 1: self.tabs.setCurrentIndex(n))
            # the lists, the summary, sync, then the duplicates
            for number in range(1, len(KINDS) + 4)
        ]
        self.methodology_action = self.summary_page.methodology_action
        self.about_action = self._action(None, self.show_about)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in SUPPORTED_LANGUAGES:
            action = QAction(NATIVE_LANGUAGE_NAMES[lang], self)
            action.setCheckable(True)
            action.setData(lang)
            action.triggered.connect(lambda _checked=False, lang=lang: self.set_language(lang))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        # What must not work while the data are hidden.
        self.data_actions = [
            self.new_incident_action,
            self.import_action,
            self.export_action,
            self.lock_action,
            self.refresh_action,
            self.find_action,
            *self.tab_actions,
            *self.summary_page.page_actions,
            self.methodology_action,
        ]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_incident_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        for action in self.summary_page.page_actions:
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.preferences_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.refresh_action)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.methodology_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    # -- language ---------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch the whole interface to ``lang`` now, and remember it for the next start."""
        if lang != current_language():
            self.languages.set_language(lang)
        self.preferences = self.preferences.with_language(lang)
        settings.save_preferences(self.preferences)
        self._check_language_action()

    def _check_language_action(self) -> None:
        action = self.language_actions.get(current_language())
        if action is not None:
            action.setChecked(True)

    def retranslate(self) -> None:
        title = self.tr("SNHR Desktop")
        if self._researcher:
            title = fill(self.tr("%1 — %2"), title, self._researcher)
        self.setWindowTitle(title)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.new_incident_action.setText(self.tr("&New incident"))
        self.new_incident_action.setToolTip(self.tr("Document a new incident"))
        self.import_action.setText(self.tr("&Import spreadsheet…"))
        self.export_action.setText(self.tr("&Export spreadsheet…"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.lock_action.setText(self.tr("&Lock"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Refresh lists"))
        self.find_action.setText(self.tr("&Search"))
        tab_titles = (
            self.tr("&Incidents"), self.tr("&Victims"), self.tr("&Facility attacks"),
            self.tr("S&ummary"), self.tr("S&ync"), self.tr("&Duplicates"),
        )
        for action, text in zip(self.tab_actions, tab_titles, strict=True):
            action.setText(text)
        self.tabs.setTabText(0, self.tr("Incidents"))
        self.tabs.setTabText(1, self.tr("Victims"))
        self.tabs.setTabText(2, self.tr("Attacks on vital facilities"))
        self.tabs.setTabText(3, self.tr("Summary"))
        self.tabs.setTabText(4, self.tr("Sync"))
        self.tabs.setTabText(5, self.tr("Duplicates"))
        self.about_action.setText(self.tr("&About SNHR Desktop"))
        self._check_language_action()
        self.update_counts()


    # -- what the window shows --------------------------------------------------------------
    @property
    def current_panel(self) -> RecordListPanel:
        panel = self.tabs.currentWidget()
        assert isinstance(panel, RecordListPanel)
        return panel

    def show_kind(self, kind: str) -> RecordListPanel:
        panel = self.panels[kind]
        self.tabs.setCurrentWidget(panel)
        return panel

    def _records_changed(self, _kind: str, _ids: list[Any]) -> None:
        for panel in self.panels.values():  # a delete can reach other kinds too
            panel.forget_total()
        self.update_counts()

    def update_counts(self) -> None:
        if self._closed:
            return
        if self._locked:
            self.counts_label.clear()
            return
        counts = {kind: panel.total() for kind, panel in self.panels.items()}
        self.counts_label.setText(
            fill(
                self.tr("Incidents: %1   Victims: %2   Facility attacks: %3"),
                counts.get("incident", 0),
                counts.get("victim", 0),
                counts.get("facility_attack", 0),
            )
        )

    def refresh(self) -> None:
        for panel in self.panels.values():
            panel.forget_total()
            panel.refresh()
        self.duplicates_page.refresh()
        self.update_counts()

    def focus_search(self) -> None:
        if isinstance(self.tabs.currentWidget(), RecordListPanel):
            self.current_panel.focus_search()

    def show_summary(self) -> SummaryPage:
        self.tabs.setCurrentWidget(self.summary_page)
        return self.summary_page

    def show_sync(self) -> SyncPage:
        self.tabs.setCurrentWidget(self.sync_page)
        return self.sync_page

    def show_duplicates(self) -> DuplicatesPage:
        self.tabs.setCurrentWidget(self.duplicates_page)
        return self.duplicates_page

    def new_incident(self) -> None:
        open_form(self.ws, "incident", None, self)

    # -- the lock ---------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self._locked

    def start_idle_lock(self) -> None:
        self.idle.set_minutes(self.preferences.idle_lock_minutes)
        self.idle.start()

    def lock(self) -> None:
        """Hide every record on screen (this window's lists and every other window) until the
        passphrase is typed again."""
        if self._locked:
            return
        self._locked = True
        self.idle.stop()
        self._hidden_windows = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not self and widget.isVisible() and widget.isWindow()
        ]
        for widget in self._hidden_windows:
            widget.hide()
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard():
            clipboard.clear()
        self.stack.setCurrentWidget(self.lock_screen)
        for action in self.data_actions:
            action.setEnabled(False)
        self.counts_label.clear()
        self.statusBar().clearMessage()
        self.lock_screen.activate()
        self.locked.emit()

    def unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        self.stack.setCurrentWidget(self.tabs)
        for action in self.data_actions:
            action.setEnabled(True)
        windows, self._hidden_windows = self._hidden_windows, []
        for widget in windows:
            try:
                widget.show()
            except RuntimeError:  # deleted while hidden
                continue
        self.update_counts()
        current = self.tabs.currentWidget()
        (current.view if isinstance(current, RecordListPanel) else current).setFocus()
        self.start_idle_lock()
        self.unlocked.emit()

    # -- preferences and about --------------------------------------------------------------
    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.preferences, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.chosen(self.preferences)))
        self._keep(dialog)
        dialog.open()
        return dialog

    def apply_preferences(self, preferences: Preferences) -> None:
        self.preferences = preferences
        settings.save_preferences(preferences)
        if preferences.language and preferences.language != current_language():
            self.languages.set_language(preferences.language)
        self.idle.set_minutes(preferences.idle_lock_minutes)

    def show_about(self) -> QMessageBox:
        text = fill(
            self.tr(
                "SNHR Desktop %1\n\n"
                "Offline documentation of incidents, victims and attacks on vital civilian "
                "facilities. The database is encrypted; nothing readable is written to disk.\n\n"
                "Keyboard: Ctrl+N new incident, Ctrl+F search, Enter open the selected record, "
                "Delete delete it, Ctrl+1/2/3 switch lists, Ctrl+4 summary, Ctrl+5 sync, "
                "Ctrl+6 duplicates, Ctrl+L lock."
            ),
            version(),
        )
        return show_message(self, self.tr("About SNHR Desktop"), text)

    def _keep(self, dialog: QDialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._dialogs.remove(d))

    # -- spreadsheets -----------------------------------------------------------------------
    def _with_progress(self, label: str, work: Callable[[Callable[[int, int], None]], Any]) -> Any:
        self.idle.poke()
        try:
            return run_with_progress(
                self, self.tr("SNHR Desktop"), label, work, on_step=self.idle.poke
            )
        finally:
            self.idle.poke()

    def import_spreadsheet(self) -> None:
        source = SpreadsheetFiles.choose_import(
            self,
            self.tr("Import a spreadsheet"),
            self.tr("Spreadsheets (*.xlsx *.csv)"),
        )
        if source is None:
            return
        from snhr_desktop.services.spreadsheet import import_spreadsheet

        lang = current_language()
        try:
            report = self._with_progress(
                self.tr("Importing…"),
                lambda progress: import_spreadsheet(self.ws, source, progress=progress),
            )
            if not report.applied and report.problems:
                valid = ImportValidRows.ask(
                    self,
                    self.tr("Import refused"),
                    self.tr("Some rows have problems, so nothing was imported. Import only the "
                            "valid rows and leave the others out?"),
                    report.render(lang),
                )
                if valid:
                    report = self._with_progress(
                        self.tr("Importing…"),
                        lambda progress: import_spreadsheet(
                            self.ws, source, keep_valid=True, progress=progress
                        ),
                    )
                else:
                    return
        except (UserError, RecordInvalid) as error:
            show_error(self, self.tr("Import failed"), error.render(lang))
            return
        for kind in KINDS:
            record_events().changed.emit(kind, [])
        self._show_report(self.tr("Import"), report.render(lang))

    def export_spreadsheet(self) -> None:
        target = SpreadsheetFiles.choose_export(
            self,
            self.tr("Export to a spreadsheet"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if target is None:
            return
        from snhr_desktop.services.spreadsheet import export_spreadsheet

        lang = current_language()
        try:
            report = self._with_progress(
                self.tr("Exporting…"),
                lambda progress: export_spreadsheet(self.ws, target, progress=progress),
            )
        except (UserError, RecordInvalid) as error:
            show_error(self, self.tr("Export failed"), error.render(lang))
            return
        text = report.render(lang) + "\n\n" + self.tr(
            "The exported file is not encrypted: keep it on an encrypted drive and delete it "
            "when it is no longer needed."
        )
        self._show_report(self.tr("Export"), text)

    def _show_report(self, title: str, text: str) -> QMessageBox:
        lines = text.splitlines()
        if len(lines) > 12:
            return show_message(self, title, "\n".join(lines[:12]) + "\n…", details=text)
        return show_message(self, title, text)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._locked:
            # Forms decide for themselves whether they may close (unsaved input).
            for widget in QApplication.topLevelWidgets():
                if widget is not self and widget.isVisible() and widget.isWindow():
                    widget.close()
                    if widget.isVisible():
                        event.ignore()
                        return
        self.detach()
        super().closeEvent(event)

    def detach(self) -> None:
        """Stop listening and timing: the window is closing and the workspace may close next."""
        if self._closed:
            return
        self._closed = True
        self.idle.stop()
        record_events().changed.disconnect(self._records_changed)
        for panel in self.panels.values():
            panel.detach()
        self.summary_page.detach()
        self.duplicates_page.detach()
