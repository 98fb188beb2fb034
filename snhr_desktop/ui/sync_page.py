"""The Sync page: this installation's keys, exporting and importing bundles, and deciding conflicts."""

from __future__ import annotations

import queue
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.domain.records import RECORD_TYPES
from snhr_desktop.i18n import Retranslating, current_language, translate
from snhr_desktop.services.bundles import (
    BundleImportReport,
    BundleOutcome,
    ExportCancelled,
    ExportPlan,
    OperationCounts,
    OperationRows,
    import_bundles,
    line_of_row,
    operation_rows,
    plan_export,
    read_signer,
    record_export,
    write_export,
)
from snhr_desktop.services.conflicts import (
    Dispute,
    RecordConflict,
    Side,
    decide_fields,
    list_conflicts,
)
from snhr_desktop.services.keyring import (
    Keyring,
    Recipient,
    SignerKey,
    read_key_file,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import (
    BackgroundTask,
    fill,
    left_to_right,
    run_with_progress,
    show_error,
    show_message,
)
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.table_models import display_value, field_title


class BundleFiles:
    """Asks for folders and files; tests replace these."""

    @classmethod
    def choose_folder(cls, parent: QWidget | None, caption: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, caption)
        return Path(name) if name else None

    @classmethod
    def choose_files(cls, parent: QWidget | None, caption: str, filters: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(parent, caption, "", filters)
        return [Path(name) for name in names]

    @classmethod
    def choose_key_file(cls, parent: QWidget | None, caption: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(parent, caption)
        return Path(name) if name else None


class TrustPrompt:
    """Asks whether to trust an unknown signing key; tests replace ``ask``."""

    @classmethod
    def ask(
        cls, parent: QWidget | None, fingerprint: str, device: str, *, from_file: bool = False
    ) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(translate("TrustPrompt", "Trust this researcher?"))
        text = translate(
            "TrustPrompt",
            "A bundle is signed by a key this database does not trust yet.\n\n"
            "Device: %1\nFingerprint: %2\n\n"
            "Read the fingerprint aloud with the researcher, by phone or in person. Trust the "
            "key only if every digit matches.",
        )
        if from_file:
            text = translate(
                "TrustPrompt",
                "Trust the researcher's signing key in this file?\n\n"
                "Device: %1\nFingerprint: %2\n\n"
                "Read the fingerprint aloud with the researcher, by phone or in person. Trust "
                "the key only if every digit matches.",
            )
        box.setText(fill(text, left_to_right(device), left_to_right(fingerprint)))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


class RowFeed(QObject):
    """The operations a bundle holds, read on the GUI thread (the database connection belongs
    to it) and handed to the worker thread that writes the bundle, a batch at a time.

    Each batch is one short query answered between other events, so the window stays
    responsive and no statement stays open on the connection. The worker asks for the next
    batch as soon as it receives one, so reading overlaps encoding and encrypting.
    """

    _wanted = Signal(bool)  # True: from the start again (the bundle's lines are read twice)

    def __init__(self, read: Callable[[int], OperationRows], start: int) -> None:
        super().__init__()
        self._read = read
        self._start = self._after = start
        self._batches: queue.SimpleQueue[OperationRows | BaseException] = queue.SimpleQueue()
        self._wanted.connect(self._serve, Qt.ConnectionType.QueuedConnection)

    def _serve(self, again: bool) -> None:
        """GUI thread: read the next batch."""
        if again:
            self._after = self._start
        try:
            batch = self._read(self._after)
        except Exception as error:  # the worker raises it, and the export fails with it
            self._batches.put(error)
            return
        self._after = batch.last_seq
        self._batches.put(batch)

    def lines(self, cancelled: Callable[[], bool], counts: OperationCounts) -> Iterator[bytes]:
        """Worker thread: one reading of every line, from the start, counted in ``counts``."""
        counts.start()
        self._wanted.emit(True)
        while True:
            rows = self._take(cancelled)
            if not rows:
                return
            self._wanted.emit(False)
            for row in rows:
                yield line_of_row(row, counts)

    def _take(self, cancelled: Callable[[], bool]) -> list[tuple[Any, ...]]:
        while True:
            try:
                item = self._batches.get(timeout=0.05)
            except queue.Empty:
                # The GUI thread may be busy, or waiting for this thread to stop.
                if cancelled():
                    raise ExportCancelled from None
                continue
            if isinstance(item, BaseException):
                raise item
            return item.rows


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    return table


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class FieldChoice(QGroupBox):
    """One disputed field of a record: the value before the concurrent edits, each side's value
    with who set it and when, and "leave undecided". Tab reaches the checked choice of the group,
    the arrow keys move between its choices."""

    picked = Signal(str, int)  # the field, and the number of its chosen side (0: undecided)

    def __init__(
        self,
        field: str,
        title: str,
        before: str,
        choices: Sequence[tuple[int, str, str]],  # (number, value, who and when); 0: undecided
        number: int,
    ) -> None:
        super().__init__(title)
        self.setObjectName(f"dispute_{field}")
        self.field = field
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        row = 0
        if before:
            label = QLabel(before)
            label.setObjectName("before")
            label.setWordWrap(True)
            grid.addWidget(label, row, 0, 1, 2)
            row += 1
        for side, value, detail in choices:
            short = value if len(value) <= 80 and "\n" not in value else value[:77].split("\n")[0] + "…"
            button = QRadioButton(short)
            button.setObjectName(f"choice_{side}")
            button.setToolTip(value)
            button.setAccessibleDescription(detail)
            self.group.addButton(button, side)
            self.buttons[side] = button
            grid.addWidget(button, row, 0)
            if detail:
                who = QLabel(detail)
                who.setObjectName(f"detail_{side}")
                who.setWordWrap(True)
                who.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary
                grid.addWidget(who, row, 1)
            row += 1
            if short != value:  # a long text is shown whole below its choice
                whole = QLabel(value)
                whole.setWordWrap(True)
                whole.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                whole.setIndent(24)
                grid.addWidget(whole, row, 0, 1, 2)
                row += 1
        (self.buttons.get(number) or self.buttons[0]).setChecked(True)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, number: int, checked: bool) -> None:
        if checked:
            self.picked.emit(self.field, number)

    @property
    def chosen(self) -> int:
        return self.group.checkedId()

    def choose(self, number: int) -> None:
        self.buttons[number].setChecked(True)

    def focus_button(self) -> QRadioButton:
        return self.buttons[self.chosen]


class SyncPage(Retranslating, QWidget):
    """A tab of the main window: keys, bundle export and import, and the conflicts to decide."""

    # The bundle written, or None when nothing was (nothing new, cancelled, refused, failed).
    exportFinished = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.ws = ws
        self.report: BundleImportReport | None = None
        self.conflicts: list[RecordConflict] = []
        self.last_export: Path | None = None
        self.export_task: BackgroundTask | None = None
        self._exported_path: Path | None = None

        # -- keys ----------------------------------------------------------------------------
        self.keys_box = QGroupBox()
        self.signing_title = QLabel()
        self.signing_label = QLabel()
        self.signing_label.setObjectName("signingFingerprint")
        self.signing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.signing_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.signing_label.setFont(font)
        self.create_signing_button = QPushButton()
        self.create_signing_button.clicked.connect(self.create_signing_key)
        self.identity_title = QLabel()
        self.identity_label = QLabel()
        self.identity_label.setObjectName("identityFingerprints")
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_identity_button = QPushButton()
        self.create_identity_button.clicked.connect(self.create_identity)
        self.recipients_title = QLabel()
        self.recipients_table = _table("recipientsTable")
        self.recipients_table.setColumnCount(3)
        self.recipients_table.setMaximumHeight(130)
        self.recipient_name = QLineEdit()
        self.recipient_name.setObjectName("recipientName")
        self.recipient_text = QLineEdit()
        self.recipient_text.setObjectName("recipientText")
        self.recipient_text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.add_recipient_button = QPushButton()
        self.add_recipient_button.clicked.connect(self.add_recipient)
        self.recipient_file_button = QPushButton()
        self.recipient_file_button.clicked.connect(self.add_recipient_file)
        self.trust_file_button = QPushButton()
        self.trust_file_button.setObjectName("trustKeyFile")
        self.trust_file_button.clicked.connect(self.trust_key_file)

        signing_row = QHBoxLayout()
        signing_row.addWidget(self.signing_label, 1)
        signing_row.addWidget(self.create_signing_button)
        signing_row.addWidget(self.trust_file_button)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity_label, 1)
        identity_row.addWidget(self.create_identity_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.recipient_name, 1)
        add_row.addWidget(self.recipient_text, 3)
        add_row.addWidget(self.add_recipient_button)
        add_row.addWidget(self.recipient_file_button)
        keys = QFormLayout(self.keys_box)
        keys.addRow(self.signing_title, signing_row)
        keys.addRow(self.identity_title, identity_row)
        keys.addRow(self.recipients_title, self.recipients_table)
        keys.addRow(QLabel(), add_row)

        # -- export and import -------------------------------------------------------------
        self.bundles_box = QGroupBox()
        self.full_check = QCheckBox()
        self.full_check.setObjectName("fullExport")
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importBundles")
        self.import_button.clicked.connect(self.import_files)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.report_table = _table("importReport")
        self.report_table.setColumnCount(7)
        self.report_table.setMinimumHeight(120)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.full_check)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        bundles = QVBoxLayout(self.bundles_box)
        bundles.addLayout(buttons)
        bundles.addWidget(self.summary_label)
        bundles.addWidget(self.report_table)

        # -- conflicts: the records on one side, the chosen record's disputed fields on the other
        self.conflicts_box = QGroupBox()
        self.conflicts_note = QLabel()
        self.conflicts_note.setObjectName("conflictsNote")
        self.conflicts_note.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_conflicts)
        self.decision_result = QLabel()
        self.decision_result.setObjectName("decisionResult")
        self.decision_result.setWordWrap(True)
        self.record_list = QListWidget()
        self.record_list.setObjectName("conflictRecords")
        self.record_list.setMinimumWidth(220)
        self.record_list.currentRowChanged.connect(self._record_changed)
        self.record_title = QLabel()
        self.record_title.setObjectName("conflictRecordTitle")
        self.record_title.setWordWrap(True)
        self.record_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.record_title.font())
        title_font.setBold(True)
        self.record_title.setFont(title_font)
        # The page scrolls as a whole (and follows the keyboard focus), so the fields need no
        # scroll area of their own.
        self.fields_panel = QWidget()
        self.fields_panel.setMinimumHeight(200)
        self.fields_layout = QVBoxLayout(self.fields_panel)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        self.fields_layout.addStretch(1)
        self.decision_status = QLabel()
        self.decision_status.setObjectName("decisionStatus")
        self.decision_status.setWordWrap(True)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("applyDecision")
        self.apply_button.clicked.connect(self.apply_choices)
        note_row = QHBoxLayout()
        note_row.addWidget(self.conflicts_note, 1)
        note_row.addWidget(self.refresh_button)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.decision_status, 1)
        apply_row.addWidget(self.apply_button)
        detail = QVBoxLayout()
        detail.addWidget(self.record_title)
        detail.addWidget(self.fields_panel, 1)
        detail.addLayout(apply_row)
        split = QHBoxLayout()
        split.addWidget(self.record_list, 1)
        split.addLayout(detail, 3)
        conflicts = QVBoxLayout(self.conflicts_box)
        conflicts.addLayout(note_row)
        conflicts.addWidget(self.decision_result)
        conflicts.addLayout(split)
        self.field_choices: list[FieldChoice] = []
        self.picked: dict[str, int] = {}  # the shown record's choices on screen (0: undecided)
        self.shown_record: str | None = None
        self._decision_text: Callable[[], str] | None = None  # the last outcome, translated

        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.keys_box)
        body.addWidget(self.bundles_box)
        body.addWidget(self.conflicts_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.conflicts = list_conflicts(ws)
        self.signer: SignerKey | None = None
        self.own_recipients: list[str] = []
        self.recipients: list[Recipient] = []
        self.refresh_keys()
        self.retranslate()

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.keys_box.setTitle(self.tr("Keys"))
        self.signing_title.setText(self.tr("This installation's signing key:"))
        self.create_signing_button.setText(self.tr("Create signing key"))
        self.identity_title.setText(self.tr("Encryption key (coordinators):"))
        self.create_identity_button.setText(self.tr("Create encryption key"))
        self.recipients_title.setText(self.tr("Coordinators this installation exports to:"))
        self.recipients_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Fingerprint"), self.tr("Public key")]
        )
        self.recipient_name.setPlaceholderText(self.tr("Coordinator's name"))
        self.recipient_text.setPlaceholderText(self.tr("age1… public key"))
        self.add_recipient_button.setText(self.tr("Add coordinator"))
        self.recipient_file_button.setText(self.tr("From key file…"))
        self.trust_file_button.setText(self.tr("Trust a researcher's key file…"))
        self.bundles_box.setTitle(self.tr("Bundles"))
        self.full_check.setText(self.tr("Everything (full bundle)"))
        self.full_check.setToolTip(
            self.tr("Export every operation of this installation, not only the new ones")
        )
        self.export_button.setText(self.tr("Export bundle…"))
        self.import_button.setText(self.tr("Import bundles…"))
        self.report_table.setHorizontalHeaderLabels([
            self.tr("File"), self.tr("Result"), self.tr("New records"), self.tr("Updated"),
            self.tr("Already held"), self.tr("Conflicts"), self.tr("Reason"),
        ])
        self.conflicts_box.setTitle(self.tr("Conflicts to decide"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.apply_button.setText(self.tr("&Apply"))
        self.apply_button.setToolTip(self.tr("Apply the choices made for this record's fields"))
        self.record_list.setAccessibleName(self.tr("Records in conflict"))
        self._show_decision_result()
        self.show_keys()
        self.show_report()
        self.show_conflicts()


    def _message(self, message: Message) -> str:
        return message.render(current_language())

    def _error(self, error: UserError) -> None:
        show_error(self, self.tr("Sync"), error.render(current_language()))

    # -- keys ---------------------------------------------------------------------------------
    def refresh_keys(self) -> None:
        keyring = Keyring(self.ws.store)
        self.signer = keyring.own_signer()
        self.own_recipients = keyring.own_recipients()
        self.recipients = keyring.recipients()
        self.show_keys()

    def show_keys(self) -> None:
        signer = self.signer
        if signer is None:
            self.signing_label.setText(self.tr("None yet (made with the first export)"))
        else:
            self.signing_label.setText(left_to_right(signer.fingerprint))
        self.create_signing_button.setVisible(signer is None)
        own = self.own_recipients
        if own:
            self.identity_label.setText("\n".join(
                f"{left_to_right(Recipient(r, '').fingerprint)}  {left_to_right(r)}" for r in own
            ))
        else:
            self.identity_label.setText(self.tr("None: this installation cannot open bundles"))
        self.create_identity_button.setVisible(not own)
        recipients = self.recipients
        self.recipients_table.setRowCount(len(recipients))
        for row, recipient in enumerate(recipients):
            self.recipients_table.setItem(row, 0, _item(recipient.name))
            self.recipients_table.setItem(row, 1, _item(left_to_right(recipient.fingerprint)))
            self.recipients_table.setItem(row, 2, _item(left_to_right(recipient.recipient)))
        header = self.recipients_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def create_signing_key(self) -> None:
        with self.ws.store.transaction():
            Keyring(self.ws.store).ensure_signing_key()
        self.refresh_keys()

    def create_identity(self) -> None:
        with self.ws.store.transaction():
            Keyring(self.ws.store).create_identity()
        self.refresh_keys()

    def add_recipient(self) -> bool:
        text = self.recipient_text.text().strip()
        if not text:
            return False
        try:
            with self.ws.store.transaction():
                Keyring(self.ws.store).add_recipient(text, self.recipient_name.text())
        except UserError as error:
            self._error(error)
            return False
        self.recipient_text.clear()
        self.recipient_name.clear()
        self.refresh_keys()
        return True

    def add_recipient_file(self) -> int:
        path = BundleFiles.choose_key_file(self, self.tr("Coordinator's key file"))
        if path is None:
            return 0
        try:
            found = read_key_file(path)
            if not found.recipients:
                raise UserError.of("keys_bad_file", path=str(path))
            with self.ws.store.transaction():
                keyring = Keyring(self.ws.store)
                for recipient in found.recipients:
                    keyring.add_recipient(recipient.recipient, recipient.name)
        except UserError as error:
            self._error(error)
            return 0
        self.refresh_keys()
        return len(found.recipients)

    def trust_key_file(self) -> bool:
        """Accept bundles signed by the researcher whose key file is chosen, after the
        fingerprint has been checked with them."""
        path = BundleFiles.choose_key_file(self, self.tr("Researcher's signing key file"))
        if path is None:
            return False
        try:
            signers = read_key_file(path).signers
            if not signers:
                raise UserError.of("keys_is_not_signing_key", path=str(path))
            key = signers[0]
            if not TrustPrompt.ask(self, key.fingerprint, key.device_id, from_file=True):
                return False
            with self.ws.store.transaction():
                Keyring(self.ws.store).trust(key)
        except UserError as error:
            self._error(error)
            return False
        self.refresh_keys()
        return True

    # -- export and import -------------------------------------------------------------------
    def _with_progress(self, label: str, work: Callable[[Callable[[int, int], None]], Any]) -> Any:
        return run_with_progress(self, self.tr("Sync"), label, work, object_name="syncProgress")

    def export(self) -> bool:
        """Write a bundle into a chosen folder. The operations are read here, a batch at a time,
        while a worker thread encrypts and writes, so the window stays responsive and the export
        can be cancelled. True when the writing started; ``exportFinished`` tells the end."""
        if self.export_task is not None:
            return False
        folder = BundleFiles.choose_folder(self, self.tr("Folder for the bundle"))
        if folder is None:
            return False
        try:
            plan = plan_export(self.ws, full=self.full_check.isChecked())
        except UserError as error:
            self._error(error)
            return False
        self.refresh_keys()  # the first export makes the signing key
        if plan is None:
            show_message(self, self.tr("Sync"), self.tr("Nothing new to export."))
            return False
        store = self.ws.store
        feed = RowFeed(lambda after: operation_rows(store, plan, after), plan.seq_from - 1)

        def work(report: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            counts = OperationCounts()
            return write_export(
                plan, folder, lambda: feed.lines(cancelled, counts), counts, progress=report,
                cancelled=cancelled,
            )

        task = BackgroundTask(
            self, self.tr("Sync"), self.tr("Writing the bundle…"), work,
            cancel_errors=(ExportCancelled,), object_name="syncProgress",
        )
        task.succeeded.connect(lambda written: self._exported(plan, written))
        task.cancelled.connect(self._export_cancelled)
        task.failed.connect(self._export_failed)
        task.finished.connect(lambda: self._export_ended(feed))
        self.export_task = task
        self._exported_path = None
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        task.start()
        return True

    def _exported(self, plan: ExportPlan, written: tuple[Path, str]) -> None:
        path, manifest_hash = written
        try:
            result = record_export(self.ws, plan, path, manifest_hash)
        except UserError as error:
            self._error(error)
            return
        self.last_export = self._exported_path = path
        text = fill(
            self.tr("Bundle written: %1\n%2 operations, encrypted to: %3"),
            left_to_right(path.name), result.operations, ", ".join(result.recipients),
        )
        show_message(self, self.tr("Sync"), text)

    def _export_cancelled(self) -> None:
        show_message(self, self.tr("Sync"), self.tr(
            "Export cancelled. No file was written; the next export holds the same operations."
        ))

    def _export_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._error(error)
        else:  # a bug: the application's error report (log file, bilingual box)
            sys.excepthook(type(error), error, error.__traceback__)

    def _export_ended(self, feed: RowFeed) -> None:
        self.export_task = None
        feed.deleteLater()
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.exportFinished.emit(self._exported_path)

    def _ask_trust(self, paths: Sequence[Path]) -> None:
        """Offer to trust the unknown signers of ``paths`` before importing them."""
        keyring = Keyring(self.ws.store)
        asked: set[bytes] = set()
        for path in paths:
            signer = read_signer(self.ws, path)
            if signer is None or signer.public in asked or keyring.signer_for(signer.public):
                continue
            asked.add(signer.public)
            if TrustPrompt.ask(self, signer.fingerprint, signer.device_id):
                with self.ws.store.transaction():
                    keyring.trust(signer)

    def import_files(self) -> BundleImportReport | None:
        paths = BundleFiles.choose_files(
            self, self.tr("Bundles to import"), self.tr("Bundles (*.zip.age *.age)")
        )
        if not paths:
            return None
        return self.import_paths(paths)

    def import_paths(self, paths: Sequence[Path]) -> BundleImportReport | None:
        try:
            self._ask_trust(paths)
            report: BundleImportReport = self._with_progress(
                self.tr("Importing bundles…"),
                lambda progress: import_bundles(self.ws, list(paths), progress=progress),
            )
        except UserError as error:
            self._error(error)
            return None
        self.report = report
        self.show_report()
        for kind in RECORD_TYPES:
            record_events().changed.emit(kind, [])
        self.refresh_conflicts()
        return report

    def _result(self, outcome: BundleOutcome) -> str:
        if outcome.refused is not None:
            return self.tr("Refused")
        if not outcome.counts.new_operations:
            return self.tr("Unchanged")
        return self.tr("Imported")

    def show_report(self) -> None:
        report = self.report
        if report is None:
            self.summary_label.setText(self.tr("No bundles imported yet."))
            self.report_table.setRowCount(0)
            return
        totals = report.totals()
        text = fill(
            self.tr("Bundles imported: %1 · refused: %2 · new records: %3 · updated records: %4 · "
                    "operations already held: %5 · records in conflict: %6"),
            totals["imported"], totals["refused"], totals["created"], totals["updated"],
            totals["known"], totals["conflicts"],
        )
        if report.missing:
            text += "\n" + self.tr("Some operations are still missing: ask for the bundles between.")
        self.summary_label.setText(text)
        self.report_table.setRowCount(len(report.outcomes))
        for row, outcome in enumerate(report.outcomes):
            c = outcome.counts
            reason = self._message(outcome.refused) if outcome.refused is not None else ""
            values = [
                _item(left_to_right(outcome.path.name)),
                _item(self._result(outcome)),
                _item(str(c.created), True),
                _item(str(c.updated), True),
                _item(str(c.known_operations), True),
                _item(str(c.conflicted), True),
                _item(reason),
            ]
            if outcome.refused is not None:
                values[1].setForeground(Qt.GlobalColor.darkRed)
            for column, item in enumerate(values):
                self.report_table.setItem(row, column, item)
        header = self.report_table.horizontalHeader()
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.report_table.resizeRowsToContents()

    # -- conflicts -----------------------------------------------------------------------------
    def refresh_conflicts(self) -> None:
        """Read the conflicts again; the choices on screen go back to those kept."""
        self.conflicts = list_conflicts(self.ws)
        self.show_conflicts(keep_picks=False)

    def _kind_title(self, kind: str) -> str:
        titles = {
            "incident": self.tr("Incident"),
            "victim": self.tr("Victim"),
            "facility_attack": self.tr("Facility attack"),
            "pair_decision": self.tr("Duplicate decision"),
        }
        return titles.get(kind, kind)

    def _value(self, kind: str, name: str, value: Any) -> str:
        if name == "deleted":
            return self.tr("Deleted") if value else self.tr("Kept")
        shown = display_value(kind, name, value)
        return shown if shown else self.tr("(empty)")

    def _field(self, name: str) -> str:
        return self.tr("Record deleted?") if name == "deleted" else field_title(name)

    def _label(self, conflict: RecordConflict) -> str:
        """The record's name or place (isolated: it may be in either script), or its id."""
        if conflict.label:
            return f"\u2068{conflict.label}\u2069"
        return left_to_right(conflict.record_id)

    def _record_text(self, conflict: RecordConflict) -> str:
        label = self._label(conflict)
        decided = len(conflict.disputes) - len(conflict.undecided)
        return "\n".join([
            f"{self._kind_title(conflict.kind)}: {label}",
            fill(self.tr("%1 of %2 fields decided"), decided, len(conflict.disputes)),
        ])

    def _side_detail(self, side: Side) -> str:
        when = side.time.astimezone().strftime("%Y-%m-%d %H:%M")
        # The name isolated: an Arabic name must not turn an English line right-to-left.
        text = fill(self.tr("%1 · %2 · device %3"), f"\u2068{side.author}\u2069",
                    left_to_right(when), left_to_right(side.device_id))
        if side.shown:
            text += " · " + self.tr("★ shown for now")
        return text

    def _choice_box(self, conflict: RecordConflict, dispute: Dispute) -> FieldChoice:
        reason = Message.of(f"conflict_reason_{dispute.reason}").render(current_language())
        title = f"{self._field(dispute.field)} — {reason}"
        before = ""
        if dispute.field != "deleted" and dispute.base is not None:
            before = fill(self.tr("Before the changes: %1"),
                          self._value(conflict.kind, dispute.field, dispute.base))
        choices = [(0, self.tr("Leave undecided"), "")] + [
            (s.number, self._value(conflict.kind, dispute.field, s.value), self._side_detail(s))
            for s in dispute.sides
        ]
        box = FieldChoice(dispute.field, title, before, choices,
                          self.picked.get(dispute.field, 0))
        box.picked.connect(self._picked)
        return box

    def shown_conflict(self) -> RecordConflict | None:
        return next((c for c in self.conflicts if c.record_id == self.shown_record), None)

    def show_conflicts(self, *, keep_picks: bool = True) -> None:
        """The list of records in conflict, and the disputed fields of the one selected (the
        same as before when it is still in conflict, with the choices on screen unless
        ``keep_picks`` is false)."""
        wanted = self.shown_record
        self.record_list.blockSignals(True)
        self.record_list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(self._record_text(conflict))
            item.setData(Qt.ItemDataRole.UserRole, conflict.record_id)
            self.record_list.addItem(item)
        ids = [c.record_id for c in self.conflicts]
        row = ids.index(wanted) if wanted in ids else (0 if ids else -1)
        self.record_list.setCurrentRow(row)
        self.record_list.blockSignals(False)
        self._show_record(row, keep=keep_picks)
        if self.conflicts:
            self.conflicts_note.setText(fill(
                self.tr("Records in conflict: %1. Two people changed the same fields "
                        "differently. Choose a record, then for each field the value to keep; "
                        "fields left undecided stay open."),
                len(self.conflicts),
            ))
        else:
            self.conflicts_note.setText(self.tr("No conflicts."))

    def _record_changed(self, row: int) -> None:
        self._show_record(row, keep=False)

    def _show_record(self, row: int, *, keep: bool) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        for box in self.field_choices:
            box.setParent(None)
            box.deleteLater()
        self.field_choices = []
        if conflict is None:
            self.shown_record = None
            self.picked = {}
            self.record_title.clear()
            self.decision_status.clear()
            self.apply_button.setEnabled(False)
            return
        kept = {d.field: d.chosen or 0 for d in conflict.disputes}
        if keep and conflict.record_id == self.shown_record:
            kept.update({f: n for f, n in self.picked.items() if f in kept})
        self.picked = kept
        self.shown_record = conflict.record_id
        label = self._label(conflict)
        self.record_title.setText(fill(
            "%1: %2 %3", self._kind_title(conflict.kind), label,
            left_to_right(f"({conflict.record_id})"),
        ))
        previous: QWidget = self.record_list
        for dispute in conflict.disputes:
            box = self._choice_box(conflict, dispute)
            self.fields_layout.insertWidget(len(self.field_choices), box)
            box.show()  # added to a page already on screen
            self.field_choices.append(box)
            # Tab goes from the list through each field's checked choice to Apply.
            for button in box.buttons.values():
                QWidget.setTabOrder(previous, button)
                previous = button
        QWidget.setTabOrder(previous, self.apply_button)
        self._update_status()

    def _picked(self, field: str, number: int) -> None:
        self.picked[field] = number
        self._update_status()

    def _update_status(self) -> None:
        conflict = self.shown_conflict()
        if conflict is None:
            return
        total = len(conflict.disputes)
        decided = sum(1 for n in self.picked.values() if n)
        if decided == total:
            text = self.tr("Every field is decided: Apply writes the decision, which is sent "
                           "with this installation's next bundle.")
        elif decided:
            text = fill(self.tr("%1 of %2 fields decided. Apply keeps these choices here; the "
                                "record stays in conflict, unchanged, until every field is "
                                "decided."), decided, total)
        else:
            text = self.tr("Choose the value to keep for each field.")
        self.decision_status.setText(text)
        kept = {d.field: d.chosen or 0 for d in conflict.disputes}
        self.apply_button.setEnabled(decided > 0 or kept != self.picked)

    def choose(self, field: str, number: int) -> None:
        """Pick side ``number`` (0: undecided) for ``field`` of the shown record."""
        box = next(b for b in self.field_choices if b.field == field)
        box.choose(number)

    def select_record(self, record_id: str) -> None:
        ids = [c.record_id for c in self.conflicts]
        self.record_list.setCurrentRow(ids.index(record_id))

    def apply_choices(self) -> bool:
        """Decide the shown record's fields as chosen on screen: the decision is written once
        every field is decided; until then the choices are kept and the record stays open."""
        conflict = self.shown_conflict()
        if conflict is None:
            return False
        choices = {name: (number or None) for name, number in self.picked.items()}
        try:
            decision = decide_fields(self.ws, conflict.record_id, choices)
        except UserError as error:
            self._error(error)
            return False
        except RecordInvalid:
            show_error(self, self.tr("Sync"),
                       self.tr("The chosen values do not fit together: choose others."))
            return False
        label = self._label(conflict)
        decided = sum(1 for n in choices.values() if n)
        total = len(conflict.disputes)
        if decision is None:
            self._decision_text = lambda: fill(
                self.tr("Choices kept for %1 of %2 fields of “%3”. Nothing is changed or sent "
                        "until every field is decided."), decided, total, label)
        else:
            record_events().changed.emit(conflict.kind, [conflict.record_id])
            self._decision_text = lambda: fill(
                self.tr("Decision written for “%1”. It is sent with this installation's next "
                        "bundle."), label)
        self.refresh_conflicts()
        self._show_decision_result()
        return True

    def _show_decision_result(self) -> None:
        text = self._decision_text() if self._decision_text else ""
        self.decision_result.setText(text)
        self.decision_result.setVisible(bool(text))
