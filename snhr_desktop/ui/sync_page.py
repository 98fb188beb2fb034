"""The Sync page: this installation's keys, exporting and importing bundles, and deciding conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
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
    export_bundle,
    import_bundles,
    read_signer,
)
from snhr_desktop.services.conflicts import RecordConflict, list_conflicts, resolve_conflicts
from snhr_desktop.services.keyring import (
    Keyring,
    Recipient,
    SignerKey,
    read_key_file,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import (
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


class SyncPage(Retranslating, QWidget):
    """A tab of the main window: keys, bundle export and import, and the conflicts to decide."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.ws = ws
        self.report: BundleImportReport | None = None
        self.conflicts: list[RecordConflict] = []
        self.last_export: Path | None = None

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

        # -- conflicts ------------------------------------------------------------------------
        self.conflicts_box = QGroupBox()
        self.conflicts_note = QLabel()
        self.conflicts_note.setWordWrap(True)
        self.conflict_table = _table("conflictTable")
        self.conflict_table.setMinimumHeight(160)
        self.resolve_button = QPushButton()
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_conflicts)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addWidget(self.conflicts_note, 1)
        conflict_buttons.addWidget(self.refresh_button)
        conflict_buttons.addWidget(self.resolve_button)
        conflicts = QVBoxLayout(self.conflicts_box)
        conflicts.addLayout(conflict_buttons)
        conflicts.addWidget(self.conflict_table)

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
        self.resolve_button.setText(self.tr("Decide the selected record"))
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

    def export(self) -> Path | None:
        folder = BundleFiles.choose_folder(self, self.tr("Folder for the bundle"))
        if folder is None:
            return None
        full = self.full_check.isChecked()
        try:
            result = self._with_progress(
                self.tr("Writing the bundle…"),
                lambda progress: export_bundle(self.ws, folder, full=full, progress=progress),
            )
        except UserError as error:
            self._error(error)
            return None
        self.refresh_keys()
        if result.path is None:
            show_message(self, self.tr("Sync"), self.tr("Nothing new to export."))
            return None
        self.last_export = result.path
        text = fill(
            self.tr("Bundle written: %1\n%2 operations, encrypted to: %3"),
            left_to_right(result.path.name), result.operations, ", ".join(result.recipients),
        )
        show_message(self, self.tr("Sync"), text)
        return result.path

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
            report = self._with_progress(
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
        self.conflicts = list_conflicts(self.ws)
        self.show_conflicts()

    def _kind_title(self, kind: str) -> str:
        titles = {
            "incident": self.tr("Incident"),
            "victim": self.tr("Victim"),
            "facility_attack": self.tr("Facility attack"),
        }
        return titles.get(kind, kind)

    def _value(self, kind: str, name: str, value: Any) -> str:
        if name == "deleted":
            return self.tr("Deleted") if value else self.tr("Kept")
        shown = display_value(kind, name, value)
        return shown if shown else self.tr("(empty)")

    def _field(self, name: str) -> str:
        return self.tr("Record deleted?") if name == "deleted" else field_title(name)

    def conflict_rows(self) -> list[tuple[RecordConflict, str]]:
        """(record, field) of each row of the conflict table."""
        return [(c, d.field) for c in self.conflicts for d in c.disputes]

    def show_conflicts(self) -> None:
        rows = [(c, d) for c in self.conflicts for d in c.disputes]
        sides = max((len(d.sides) for _c, d in rows), default=2)
        table = self.conflict_table
        selected = table.currentRow()
        table.clearContents()
        table.setColumnCount(3 + sides + 1)
        table.setHorizontalHeaderLabels(
            [self.tr("Record"), self.tr("Field"), self.tr("Before")]
            + [fill(self.tr("Value %1"), n) for n in range(1, sides + 1)]
            + [self.tr("Keep")]
        )
        table.setRowCount(len(rows))
        for row, (conflict, dispute) in enumerate(rows):
            label = conflict.label or conflict.record_id
            table.setItem(row, 0, _item(f"{self._kind_title(conflict.kind)}: {label}"))
            table.setItem(row, 1, _item(self._field(dispute.field)))
            table.setItem(row, 2, _item(self._value(conflict.kind, dispute.field, dispute.base)))
            choice = QComboBox()
            choice.setObjectName("keepChoice")
            for side in dispute.sides:
                text = self._value(conflict.kind, dispute.field, side.value)
                lines = [text, fill(self.tr("by %1"), side.author)]
                if side.shown:
                    lines.append(self.tr("★ shown for now"))
                item = _item("\n".join(lines))
                if side.shown:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                    item.setBackground(QColor("#FFF1C2"))
                table.setItem(row, 2 + side.number, item)
                choice.addItem(fill(self.tr("Value %1: %2"), side.number, text), side.number)
                if side.shown:
                    choice.setCurrentIndex(choice.count() - 1)
            table.setCellWidget(row, 3 + sides, choice)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        if rows:
            self.conflicts_note.setText(fill(
                self.tr("Records in conflict: %1. Two people changed the same field differently: "
                        "choose the value to keep for each field, select the record, then decide."),
                len(self.conflicts),
            ))
            table.selectRow(selected if 0 <= selected < len(rows) else 0)
        else:
            self.conflicts_note.setText(self.tr("No conflicts."))
        self.resolve_button.setEnabled(bool(rows))

    def choose(self, row: int, number: int) -> None:
        """Pick side ``number`` as the value to keep in ``row`` of the conflict table."""
        widget = self.conflict_table.cellWidget(row, self.conflict_table.columnCount() - 1)
        assert isinstance(widget, QComboBox)
        widget.setCurrentIndex(widget.findData(number))

    def resolve_selected(self) -> bool:
        rows = self.conflict_rows()
        current = self.conflict_table.currentRow()
        if not 0 <= current < len(rows):
            return False
        record = rows[current][0]
        choices: dict[str, int] = {}
        last = self.conflict_table.columnCount() - 1
        for row, (conflict, name) in enumerate(rows):
            widget = self.conflict_table.cellWidget(row, last)
            if conflict.record_id == record.record_id and isinstance(widget, QComboBox):
                choices[name] = int(widget.currentData())
        try:
            resolve_conflicts(self.ws, record.record_id, choices)
        except UserError as error:
            self._error(error)
            return False
        except RecordInvalid:
            show_error(self, self.tr("Sync"),
                       self.tr("The chosen values do not fit together: choose others."))
            return False
        record_events().changed.emit(record.kind, [record.record_id])
        self.refresh_conflicts()
        return True
