"""The methodology settings dialog: the massacre threshold and the child age limit of a database."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.methodology import Methodology
from snhr_desktop.i18n import Retranslating, current_language, install_digit_folding
from snhr_desktop.services.summary import set_methodology
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import busy_cursor, fill

# The allowed ranges, read from the model so that the dialog and the rules cannot disagree.
_FIELDS = Methodology.model_fields


def _bounds(name: str) -> tuple[int, int]:
    low = high = 0
    for rule in _FIELDS[name].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


THRESHOLD_RANGE = _bounds("massacre_threshold")
AGE_LIMIT_RANGE = _bounds("child_age_limit")


class MethodologyDialog(Retranslating, QDialog):
    """Edits the counting rules; OK saves them with ``set_methodology`` and emits ``saved``."""

    saved = Signal(object)  # the stored Methodology

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("methodologyDialog")
        self.ws = ws
        current = ws.methodology
        self.threshold = self._number_field("massacreThreshold", current.massacre_threshold)
        self.age_limit = self._number_field("childAgeLimit", current.child_age_limit)
        self.threshold_label = QLabel()
        self.threshold_label.setBuddy(self.threshold)
        self.threshold_label.setWordWrap(True)
        self.age_label = QLabel()
        self.age_label.setBuddy(self.age_limit)
        self.age_label.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("methodologyError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.threshold_label, self.threshold)
        form.addRow(self.age_label, self.age_limit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def _number_field(self, name: str, value: int) -> QLineEdit:
        field = QLineEdit(str(value))
        field.setObjectName(name)
        field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), field))
        install_digit_folding(field)
        field.setMaximumWidth(field.fontMetrics().horizontalAdvance("0000") + 40)
        field.textEdited.connect(lambda _text: self.error_label.hide())
        return field

    def _read(self, field: QLineEdit, bounds: tuple[int, int], problem: str) -> int | None:
        text = field.text().strip()
        value = int(text) if text.isdigit() else None
        if value is None or not bounds[0] <= value <= bounds[1]:
            self._complain(fill(problem, bounds[0], bounds[1]), field)
            return None
        return value

    def _complain(self, text: str, field: QLineEdit | None = None) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        if field is not None:
            field.setFocus()
            field.selectAll()

    def save(self) -> Methodology | None:
        """Check and store the settings; the dialog stays open with a message when they are
        wrong."""
        threshold = self._read(
            self.threshold,
            THRESHOLD_RANGE,
            self.tr("The massacre threshold must be a whole number from %1 to %2."),
        )
        if threshold is None:
            return None
        age_limit = self._read(
            self.age_limit,
            AGE_LIMIT_RANGE,
            self.tr("The child age limit must be a whole number from %1 to %2."),
        )
        if age_limit is None:
            return None
        try:
            # A new child age limit recounts the summary tallies: seconds on a large database.
            with busy_cursor():
                stored = set_methodology(
                    self.ws, Methodology(massacre_threshold=threshold, child_age_limit=age_limit)
                )
        except UserError as error:
            self._complain(error.render(current_language()))
            return None
        self.saved.emit(stored)
        self.accept()
        return stored

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Methodology settings"))
        self.explanation.setText(
            self.tr("These counting rules apply to every summary and sheet made from this "
                    "database. Changing them changes no record and is not written to the "
                    "history.")
        )
        self.threshold_label.setText(
            fill(self.tr("&Massacre: at least this many civilians killed (%1–%2):"),
                 *THRESHOLD_RANGE)
        )
        self.age_label.setText(
            fill(self.tr("&Child: younger than this age (%1–%2):"), *AGE_LIMIT_RANGE)
        )

