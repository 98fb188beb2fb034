"""The Duplicates tab: probable duplicate victims, compared side by side and decided by keyboard.

A coordinator works down the review queue of ``services/duplicates.py``: the pairs of the last
scan, strongest first. The selected pair is shown field by field in the interface language, the
fields that differ highlighted (names spelt differently but read the same, more softly), with
each record's incident, who recorded it, and the matcher's evidence in words. S, D and U (or
Alt+S, Alt+D, Alt+U anywhere in the tab) decide the pair and move to the next one; decisions are
records like any other (in the log, carried by bundles) and can be withdrawn from the Decided
view.

Scanning reads every victim (about 10 s per 100,000), so it runs on a worker thread behind an
application-modal progress dialog whose Cancel stops it at the next progress report, before
anything is written: the previous queue stays as it was.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import PartialDate
from snhr_desktop.domain.messages import Message, UserError
from snhr_desktop.i18n import Retranslating, current_language, tr
from snhr_desktop.services import duplicates
from snhr_desktop.services.duplicates import (
    COMPARED_FIELDS,
    INCIDENT_FIELDS,
    Candidate,
    Comparison,
    ScanResult,
)
from snhr_desktop.services.headline import format_number
from snhr_desktop.services.matching import Reason
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import fill, show_error
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.item_models import ReadOnlyTableModel
from snhr_desktop.ui.record_lists import open_form
from snhr_desktop.ui.table_models import display_value, field_title
from snhr_desktop.ui.widgets import LRI, PDI, bidi_safe, set_up_row_view

__all__ = [
    "STATUSES",
    "ComparisonModel",
    "DuplicatesPage",
    "PairListModel",
    "PairTableView",
    "ReasonsModel",
    "ScanDialog",
    "ScanWorker",
    "UndoConfirmation",
    "percent_text",
]

Index = QModelIndex | QPersistentModelIndex

STATUSES = ("pending", "unsure", "decided")
# Translation contexts of the models' texts (marked with QT_TRANSLATE_NOOP where defined).
PAIRS = "PairListModel"
COMPARISON = "ComparisonModel"
REASONS = "ReasonsModel"
LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
TRAILING = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
TOP_LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop

# Soft backgrounds with dark text, readable under any palette: a difference is unmistakable, a
# spelling variant is only worth a glance.
DIFFERS_BACKGROUND = QColor("#F6CFCA")
VARIANT_BACKGROUND = QColor("#FFF0C4")
MISSING_BACKGROUND = QColor("#E3ECF5")
HEADING_BACKGROUND = QColor("#E3E9F1")
HIGHLIGHT_TEXT = QColor("#1B1F24")
FOR_COLOUR = QColor("#1D6B35")
AGAINST_COLOUR = QColor("#B3261E")

SCAN_DIALOG_DELAY_MS = 250


def percent_text(probability: float) -> str:
    """A probability as a percentage: whole numbers, one decimal near the ends ("99.9%"), so
    that a near-certain pair never reads as a certain one."""
    value = probability * 100
    if value >= 99.5:
        shown = f"{min(math.floor(value * 10) / 10, 99.9):.1f}"
    elif value < 0.5:
        shown = f"{max(math.ceil(value * 10) / 10, 0.1):.1f}"
    else:
        shown = f"{round(value)}"
    return f"{shown}%"


def _local_time(stamp: str | None) -> str:
    """An ISO UTC stamp on this computer's clock, to the minute."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _suggestion_text(suggestion: str, lang: str) -> str:
    return Message.of(f"duplicates_suggestion_{suggestion}").render(lang)


def sentence(text: str) -> str:
    """A sentence of the interface that starts with the interface's direction, whatever name
    comes first in it (Qt takes a paragraph's direction from its first letter), with its dates
    kept left to right."""
    mark = "\u200f" if current_language() == "ar" else "\u200e"
    return mark + bidi_safe(text)


def isolate(text: str) -> str:
    """``text`` (a name) isolated, so that an Arabic name does not turn an English sentence
    right to left, nor a Latin one an Arabic sentence."""
    return f"\u2068{text}\u2069"


# ------------------------------------------------------------------------------------------------
# The list of pairs
# ------------------------------------------------------------------------------------------------


class PairListModel(ReadOnlyTableModel[Candidate]):
    """The pairs of one view of the queue, best first, read a batch at a time (``fetchMore``):
    a large database can have tens of thousands of pairs."""

    CONTEXT = PAIRS
    COL_FIRST, COL_SECOND, COL_PROBABILITY, COL_SUGGESTION = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("PairListModel", "First record"),
        QT_TRANSLATE_NOOP("PairListModel", "Second record"),
        QT_TRANSLATE_NOOP("PairListModel", "Probability"),
        QT_TRANSLATE_NOOP("PairListModel", "Suggestion"),
    )
    DECISION_HEADER = QT_TRANSLATE_NOOP("PairListModel", "Decision")
    # Short forms of the matcher's suggestions, for a narrow column (the tooltip has the long).
    SUGGESTIONS: ClassVar[dict[str, str]] = {
        "match": QT_TRANSLATE_NOOP("PairListModel", "Likely same"),
        "review": QT_TRANSLATE_NOOP("PairListModel", "To check"),
    }
    PROBABILITY_TIP = QT_TRANSLATE_NOOP(
        "PairListModel", "How likely the matcher finds it that both records are one person"
    )
    BATCH: ClassVar[int] = 200

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._status = "pending"
        self._complete = True

    @property
    def status(self) -> str:
        return self._status

    def load(self, status: str | None = None) -> None:
        """Read the first batch of ``status`` (or of the current view) again."""
        self.beginResetModel()
        if status is not None:
            self._status = status
        self._rows = duplicates.queue(self._ws, self._status, self.BATCH, 0)  # type: ignore[arg-type]
        self._complete = len(self._rows) < self.BATCH
        self.endResetModel()

    def load_through(self, row: int) -> None:
        """Read batches until ``row`` is held (or the list ends)."""
        while row >= len(self._rows) and not self._complete:
            self.fetchMore(QModelIndex())

    def candidate(self, row: int) -> Candidate | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, pair: tuple[str, str]) -> int | None:
        for row, found in enumerate(self._rows):
            if (found.victim_a, found.victim_b) == pair:
                return row
        return None

    def header_text(self, section: int) -> str:
        if section == self.COL_SUGGESTION and self._status == "decided":
            return tr(PAIRS, self.DECISION_HEADER)
        return super().header_text(section)

    def header_tooltip(self, section: int) -> str:
        if section == self.COL_PROBABILITY:
            return tr(PAIRS, self.PROBABILITY_TIP)
        return self.header_text(section)

    def header_alignment(self, section: int) -> Qt.AlignmentFlag:
        return TRAILING if section == self.COL_PROBABILITY else LEADING

    # -- Qt's model interface ---------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._complete:
            return
        more = duplicates.queue(
            self._ws, self._status, self.BATCH, len(self._rows)  # type: ignore[arg-type]
        )
        self._complete = len(more) < self.BATCH
        if more:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(found, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_SUGGESTION and self._status != "decided":
                return _suggestion_text(found.suggestion, current_language())
            return self.cell_text(found, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TRAILING if column == self.COL_PROBABILITY else LEADING
        if role == Qt.ItemDataRole.UserRole:
            return (found.victim_a, found.victim_b)
        return None

    def cell_text(self, found: Candidate, column: int) -> str:
        lang = current_language()
        if column == self.COL_FIRST:
            return found.name_a
        if column == self.COL_SECOND:
            return found.name_b
        if column == self.COL_PROBABILITY:
            return percent_text(found.probability)
        if column == self.COL_SUGGESTION:
            if self._status == "decided" and found.decision:
                return duplicates.describe(found.decision, lang)
            short = self.SUGGESTIONS.get(found.suggestion)
            return tr(PAIRS, short) if short else found.suggestion
        return ""


class PairTableView(QTableView):
    """The pairs. Plain keys decide the current pair (S same person, D different people,
    U unsure; the same keys of an Arabic keyboard too), N goes to the note, Delete withdraws
    the decision in force; letters never jump through the list."""

    decision_requested = Signal(str)
    note_requested = Signal()
    undo_requested = Signal()

    DECISION_KEYS: ClassVar[dict[int, str]] = {
        Qt.Key.Key_S: "same", Qt.Key.Key_D: "different", Qt.Key.Key_U: "unsure",
    }
    # س, ي, ع and ى sit where S, D, U and N are on an Arabic keyboard.
    ARABIC_KEYS: ClassVar[dict[str, str]] = {"س": "same", "ي": "different", "ع": "unsure"}
    ARABIC_NOTE = "ى"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_up_row_view(self, Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionsClickable(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier,
        )
        if plain and self.currentIndex().isValid():
            decision = self.DECISION_KEYS.get(event.key()) or self.ARABIC_KEYS.get(event.text())
            if decision is not None:
                self.decision_requested.emit(decision)
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.undo_requested.emit()
                event.accept()
                return
        if plain and (event.key() == Qt.Key.Key_N or event.text() == self.ARABIC_NOTE):
            self.note_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Letters are commands here, not a search."""


# ------------------------------------------------------------------------------------------------
# Side by side
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the comparison: a field of both records and how they compare."""

    section: str  # "recorded", "victim", "heading" or "incident"
    field: str
    first: Any
    second: Any
    state: str = "same"  # "same", "differs", "variant" or "heading"


class ComparisonModel(ReadOnlyTableModel[Line]):
    """Two victim records side by side, one row per field, in the interface language."""

    CONTEXT = COMPARISON
    COL_FIELD, COL_FIRST, COL_SECOND = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("ComparisonModel", "Field"),
        QT_TRANSLATE_NOOP("ComparisonModel", "First record"),
        QT_TRANSLATE_NOOP("ComparisonModel", "Second record"),
    )
    RECORDED_BY = QT_TRANSLATE_NOOP("ComparisonModel", "Recorded by")
    INCIDENT = QT_TRANSLATE_NOOP("ComparisonModel", "Incident")
    DIFFERS_TIP = QT_TRANSLATE_NOOP("ComparisonModel", "The two records differ here")
    VARIANT_TIP = QT_TRANSLATE_NOOP(
        "ComparisonModel", "Written differently, but the same name once spelling is set aside"
    )
    MISSING_TIP = QT_TRANSLATE_NOOP("ComparisonModel", "Given in one record only")
    OPEN_TIP = QT_TRANSLATE_NOOP("ComparisonModel", "Double-click to open this record")
    MARKS: ClassVar[dict[str, str]] = {"differs": "≠ ", "variant": "≈ ", "missing": "− "}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(self._rows)

    def heading_rows(self) -> list[int]:
        return [row for row, line in enumerate(self._rows) if line.state == "heading"]

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.set_rows(self._build(comparison) if comparison is not None else [])

    @staticmethod
    def _build(view: Comparison) -> list[Line]:
        def state(name: str) -> str:
            if name in view.differing:
                return "differs"
            if name in view.missing:
                return "missing"
            return "variant" if name in view.variants else "same"

        lines = [Line("recorded", "author", view.authors[0], view.authors[1])]
        for name in COMPARED_FIELDS:
            first, second = view.victim_a.get(name), view.victim_b.get(name)
            if _empty(first) and _empty(second):
                continue  # nothing on either side: the row would only add noise
            lines.append(Line("victim", name, first, second, state(name)))
        incident_a, incident_b = view.incident_a or {}, view.incident_b or {}
        if incident_a or incident_b:
            lines.append(Line("heading", "incident", None, None, "heading"))
            for name in INCIDENT_FIELDS:
                first, second = incident_a.get(name), incident_b.get(name)
                if name == "date":
                    first = _incident_date(incident_a)
                    second = _incident_date(incident_b)
                if _empty(first) and _empty(second):
                    continue
                lines.append(Line("incident", name, first, second, state(f"incident.{name}")))
        return lines

    def line(self, row: int) -> Line | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt's model interface ---------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {
                "differs": DIFFERS_BACKGROUND,
                "variant": VARIANT_BACKGROUND,
                "missing": MISSING_BACKGROUND,
                "heading": HEADING_BACKGROUND,
            }.get(line.state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return HIGHLIGHT_TEXT if line.state != "same" else None
        if role == Qt.ItemDataRole.FontRole and line.state in ("differs", "heading"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TOP_LEADING if line.section == "victim" and line.field == "notes" else LEADING
        if role == Qt.ItemDataRole.UserRole:
            return line.state
        return None

    def cell_text(self, line: Line, column: int) -> str:
        if column == self.COL_FIELD:
            if line.state == "heading":
                return tr(COMPARISON, self.INCIDENT)
            title = (
                tr(COMPARISON, self.RECORDED_BY)
                if line.section == "recorded" else field_title(line.field)
            )
            return self.MARKS.get(line.state, "") + title
        if line.state == "heading":
            return ""
        value = line.first if column == self.COL_FIRST else line.second
        return _value_text(line, value)

    def _tooltip(self, line: Line, column: int) -> str | None:
        if line.state == "heading":
            return None
        parts = []
        if column != self.COL_FIELD:
            parts.append(self.cell_text(line, column))
        if line.state == "differs":
            parts.append(tr(COMPARISON, self.DIFFERS_TIP))
        elif line.state == "variant":
            parts.append(tr(COMPARISON, self.VARIANT_TIP))
        elif line.state == "missing":
            parts.append(tr(COMPARISON, self.MISSING_TIP))
        if column != self.COL_FIELD:
            parts.append(tr(COMPARISON, self.OPEN_TIP))
        return "\n".join(part for part in parts if part) or None


def _incident_date(incident: dict[str, Any]) -> str | None:
    value = incident.get("date")
    if _empty(value):
        return None
    try:
        return str(PartialDate(dt.date.fromisoformat(str(value)),
                               incident.get("date_precision") or "day"))
    except ValueError:
        return str(value)


def _value_text(line: Line, value: Any) -> str:
    if _empty(value):
        return ""
    if line.section == "recorded" or (line.section == "incident" and line.field == "date"):
        return str(value)
    kind = "incident" if line.section == "incident" else "victim"
    return bidi_safe(display_value(kind, line.field, value))


class ReasonsModel(ReadOnlyTableModel[Reason]):
    """The matcher's evidence on a pair in words, strongest first: ▲ for one person, ▼ against."""

    CONTEXT = REASONS
    COL_WEIGHT, COL_EVIDENCE = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("ReasonsModel", "Weight"),
        QT_TRANSLATE_NOOP("ReasonsModel", "Evidence"),
    )
    FOR_TIP = QT_TRANSLATE_NOOP("ReasonsModel", "Evidence that both records are one person")
    AGAINST_TIP = QT_TRANSLATE_NOOP("ReasonsModel", "Evidence that they are two people")

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(self._rows)

    def set_reasons(self, reasons: Sequence[Reason]) -> None:
        self.set_rows(sorted(reasons, key=lambda r: -abs(r.weight)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        reason = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(reason, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.FOR_TIP if reason.weight > 0 else self.AGAINST_TIP
            return self.cell_text(reason, self.COL_EVIDENCE) + "\n" + tr(REASONS, tip)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_WEIGHT:
            return FOR_COLOUR if reason.weight > 0 else AGAINST_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == self.COL_WEIGHT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEADING
        return None

    def cell_text(self, reason: Reason, column: int) -> str:
        if column == self.COL_WEIGHT:
            sign = "▲" if reason.weight > 0 else "▼" if reason.weight < 0 else "•"
            number = f"{reason.weight:+.1f}".replace("-", "−")
            # Isolated, so that the sign stays before the number in a right-to-left line.
            return f"{sign} {LRI}{number}{PDI}"
        return bidi_safe(reason.render(current_language()))


# ------------------------------------------------------------------------------------------------
# Scanning
# ------------------------------------------------------------------------------------------------


class ScanCancelled(Exception):
    """Raised from the progress report to stop a scan before it writes anything."""


class ScanWorker(QThread):
    """Runs :func:`duplicates.scan` off the interface thread; ``cancel()`` stops it at the next
    progress report (the scan writes its queue only after its last report, so a cancelled scan
    leaves the previous queue untouched)."""

    progressed = Signal(int, int)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._cancel = threading.Event()
        self.result: ScanResult | None = None
        self.error: Exception | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ScanCancelled
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.result = duplicates.scan(self._ws, self._report)
        except ScanCancelled:
            self.cancelled = True
        except Exception as error:  # handed to the interface thread, which shows or raises it
            self.error = error


class ScanDialog(Retranslating, QDialog):
    """Progress of a scan with a Cancel button; Escape and closing the window cancel too. It stays
    up ("Stopping…") until the scan has really stopped, so nothing else writes meanwhile."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report: counting the names comes first
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelScan")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self._done = 0
        self._total = 0
        self.stopping = False
        self._finished = False
        self.retranslate()

    def set_progress(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self._show_text()

    def _show_text(self) -> None:
        if self.stopping:
            self.label.setText(self.tr("Stopping the scan…"))
        elif self._total:
            self.label.setText(fill(
                self.tr("Comparing the victims' records: %1 of %2 read."),
                format_number(self._done), format_number(self._total),
            ))
        else:
            self.label.setText(self.tr("Reading the victims' names…"))

    def reject(self) -> None:
        if self._finished:
            super().reject()
            return
        if not self.stopping:
            self.stopping = True
            self.cancel_button.setEnabled(False)
            self._show_text()
            self.cancel_requested.emit()

    def finish(self) -> None:
        self._finished = True
        self.done(QDialog.DialogCode.Accepted)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scanning for duplicates"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_text()


class UndoConfirmation:
    """Asks whether to withdraw a decision; tests replace ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, confirm: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        withdraw = box.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        # Enter keeps the decision: withdrawing one must be meant.
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is withdraw


# ------------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------------


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setWordWrap(True)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(False)
    return view


def _legend(colour: QColor) -> QLabel:
    label = QLabel()
    label.setStyleSheet(
        f"QLabel {{ background: {colour.name()}; color: {HIGHLIGHT_TEXT.name()};"
        " border-radius: 3px; padding: 2px 8px; }"
    )
    return label


class DuplicatesPage(Retranslating, QWidget):
    """A tab of the main window: the review queue of probable duplicate victims."""

    working = Signal()  # a scan reported progress: the user is waiting, not away
    COUNT_DELAY_MS: ClassVar[int] = 1500
    scan_started = Signal()
    scan_finished = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesPage")
        self.ws = ws
        self._detached = False
        self._loaded = False
        self._stale = False
        self._changed_since_scan = False
        self._writing = False
        self._counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        self._linked = 0
        self._scanned_at: str | None = None
        self._message: Callable[[], str] | None = None
        self.worker: ScanWorker | None = None
        self.scan_dialog: ScanDialog | None = None
        self.comparison: Comparison | None = None

        # -- the views of the queue and the scan -------------------------------------------
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        for number, status in enumerate(STATUSES, 1):
            button = QPushButton()
            button.setObjectName(f"{status}Pairs")
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            button.clicked.connect(lambda _checked=False, s=status: self.show_status(s))
            top.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=status: self.show_status(s))
        self.status_buttons["pending"].setChecked(True)
        top.addStretch(1)
        self.scan_label = QLabel()
        self.scan_label.setObjectName("scanInfo")
        self.changed_label = QLabel()
        self.changed_label.setObjectName("changedSinceScan")
        self.changed_label.setStyleSheet("QLabel { color: #0b5394; }")
        self.changed_label.hide()
        self.scan_button = QPushButton()
        self.scan_button.setObjectName("scanDuplicates")
        self.scan_button.setAutoDefault(False)
        self.scan_button.clicked.connect(self.scan)
        top.addWidget(self.changed_label)
        top.addWidget(self.scan_label)
        top.addWidget(self.scan_button)

        # -- the pairs ------------------------------------------------------------------------
        self.model = PairListModel(ws, self)
        self.view = PairTableView()
        self.view.setObjectName("pairTable")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(PairListModel.COL_FIRST, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PairListModel.COL_SECOND, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            PairListModel.COL_PROBABILITY, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            PairListModel.COL_SUGGESTION, QHeaderView.ResizeMode.ResizeToContents
        )
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyQueue")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty_label)
        self.list_stack.setMinimumWidth(340)

        # -- the selected pair ------------------------------------------------------------------
        self.pair_label = QLabel()
        self.pair_label.setObjectName("pairTitle")
        self.pair_label.setWordWrap(True)
        title_font = QFont(self.pair_label.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.pair_label.setFont(title_font)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("pairVerdict")
        self.verdict_label.setWordWrap(True)
        self.comparison_model = ComparisonModel(self)
        self.comparison_view = _table("comparisonTable")
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.doubleClicked.connect(self._open_record)
        compared = self.comparison_view.horizontalHeader()
        compared.setSectionResizeMode(ComparisonModel.COL_FIELD,
                                      QHeaderView.ResizeMode.ResizeToContents)
        compared.setSectionResizeMode(ComparisonModel.COL_FIRST, QHeaderView.ResizeMode.Stretch)
        compared.setSectionResizeMode(ComparisonModel.COL_SECOND, QHeaderView.ResizeMode.Stretch)
        self.differs_legend = _legend(DIFFERS_BACKGROUND)
        self.variant_legend = _legend(VARIANT_BACKGROUND)
        self.missing_legend = _legend(MISSING_BACKGROUND)
        legend = QHBoxLayout()
        legend.addWidget(self.differs_legend)
        legend.addWidget(self.variant_legend)
        legend.addWidget(self.missing_legend)
        legend.addStretch(1)
        self.reasons_title = QLabel()
        self.reasons_model = ReasonsModel(self)
        self.reasons_view = _table("reasonsTable")
        self.reasons_view.setModel(self.reasons_model)
        reasons_header = self.reasons_view.horizontalHeader()
        reasons_header.setSectionResizeMode(ReasonsModel.COL_WEIGHT,
                                            QHeaderView.ResizeMode.ResizeToContents)
        reasons_header.setSectionResizeMode(ReasonsModel.COL_EVIDENCE,
                                            QHeaderView.ResizeMode.Stretch)
        self.decision_label = QLabel()
        self.decision_label.setObjectName("decisionInForce")
        self.decision_label.setWordWrap(True)
        self.decision_label.setStyleSheet(
            "QLabel { background: #EEF3F9; border: 1px solid #C9D1DB; border-radius: 4px;"
            " padding: 4px 8px; }"
        )

        # The comparison gets the whole height of its column; the evidence goes under the
        # list of pairs, next to the pair it explains.
        self.reasons_box = QWidget()
        reasons_layout = QVBoxLayout(self.reasons_box)
        reasons_layout.setContentsMargins(0, 0, 0, 0)
        reasons_layout.addWidget(self.reasons_title)
        reasons_layout.addWidget(self.reasons_view, 1)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(self.list_stack)
        self.left_splitter.addWidget(self.reasons_box)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setSizes([380, 250])
        self.left_splitter.setChildrenCollapsible(False)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.pair_label)
        detail_layout.addWidget(self.verdict_label)
        detail_layout.addWidget(self.decision_label)
        detail_layout.addWidget(self.comparison_view, 1)
        detail_layout.addLayout(legend)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("noPairSelected")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(detail)
        self.detail_stack.addWidget(self.placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([500, 720])
        self.splitter.setChildrenCollapsible(False)

        # -- deciding -------------------------------------------------------------------------
        self.note_label = QLabel()
        self.note = QLineEdit()
        self.note.setObjectName("decisionNote")
        self.note.setClearButtonEnabled(True)
        self.note_label.setBuddy(self.note)
        self.same_button = QPushButton()
        self.same_button.setObjectName("decideSame")
        self.different_button = QPushButton()
        self.different_button.setObjectName("decideDifferent")
        self.unsure_button = QPushButton()
        self.unsure_button.setObjectName("decideUnsure")
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoDecision")
        self.decision_buttons = {
            "same": self.same_button,
            "different": self.different_button,
            "unsure": self.unsure_button,
        }
        for decision, button in self.decision_buttons.items():
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, d=decision: self.decide(d))
            shortcut = QShortcut(QKeySequence(f"Alt+{decision[0].upper()}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=decision: self.decide(d))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.message_label = QLabel()
        self.message_label.setObjectName("reviewMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        decide_row = QHBoxLayout()
        decide_row.addWidget(self.note_label)
        decide_row.addWidget(self.note, 1)
        decide_row.addWidget(self.same_button)
        decide_row.addWidget(self.different_button)
        decide_row.addWidget(self.unsure_button)
        decide_row.addSpacing(16)
        decide_row.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(decide_row)
        layout.addWidget(self.message_label)
        self.setFocusProxy(self.view)

        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.decision_requested.connect(self.decide)
        self.view.undo_requested.connect(self.undo)
        self.view.note_requested.connect(self._focus_note)
        self.note.returnPressed.connect(self.view.setFocus)
        self.model.modelReset.connect(lambda: self._show_pair(None))
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_if_stale)
        # Counting a large queue takes a moment (0.3 to 1 s at 100,000 victims): after a
        # decision the counts are adjusted at once and counted again only when the reviewer
        # pauses, so that keys pressed in a row never wait for it.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(self.COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._recount)
        record_events().changed.connect(self._records_changed)
        self.retranslate()
        self._update_buttons()

    # -- reading ----------------------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.model.status

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    @property
    def scanning(self) -> bool:
        return self.worker is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            self.reload()

    def show_status(self, status: str) -> None:
        """Show the pairs to review, those set aside as unsure, or those decided."""
        if status not in STATUSES or self.scanning:
            return
        self.status_buttons[status].setChecked(True)
        if status != self.model.status or not self._loaded:
            self.reload(row=0, status=status, counts="now" if not self._loaded else "keep")
        self.view.setFocus()

    def reload(
        self, keep: tuple[str, str] | None = None, row: int | None = None,
        status: str | None = None, counts: Literal["now", "later", "keep"] = "now",
    ) -> None:
        """Read the queue again and select a pair: ``keep`` if it is still listed, else the
        one now at ``row`` (after a decision: the next pair). Without either, the pair selected
        before stays selected, or the one that took its place. The counts are read now, once
        the reviewer pauses ("later"), or not at all ("keep": only the view changed)."""
        if self._detached or self.scanning:
            return
        if keep is None and row is None:
            current = self.current_candidate()
            keep = (current.victim_a, current.victim_b) if current is not None else None
            row = max(self.view.currentIndex().row(), 0)
        self._stale = False
        self._loaded = True
        self.model.load(status)
        if counts == "now":
            self._read_counts()
        elif counts == "later":
            self._count_timer.start()
        found = self.model.row_of(keep) if keep is not None else None
        if found is None:
            found = row or 0
            self.model.load_through(found)
        self._select_row(min(found, self.model.rowCount() - 1))
        self._show_list_state()
        self._update_buttons()

    def _recount(self) -> None:
        if not self._detached and not self.scanning:
            self._read_counts()

    def _read_counts(self) -> None:
        self._count_timer.stop()
        summary = duplicates.queue_summary(self.ws)
        self._counts = {
            "pending": summary.pending, "unsure": summary.unsure, "decided": summary.decided,
        }
        self._linked = summary.linked
        self._scanned_at = summary.scanned_at
        self._show_counts()

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
        else:
            self._show_pair(None)

    def current_candidate(self) -> Candidate | None:
        index = self.view.currentIndex()
        return self.model.candidate(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_pair(self.model.candidate(current.row()) if current.isValid() else None)

    def _show_pair(self, candidate: Candidate | None) -> None:
        comparison: Comparison | None = None
        if candidate is not None:
            try:
                comparison = duplicates.compare(self.ws, candidate.victim_a, candidate.victim_b)
            except UserError:
                # A record deleted since the list was read: read the list again.
                self._stale = True
                self._reload_timer.start()
        self.comparison = comparison
        self.comparison_model.set_comparison(comparison)
        reasons = comparison.candidate.reasons if comparison and comparison.candidate else ()
        self.reasons_model.set_reasons(reasons)
        self.comparison_view.clearSpans()
        for row in self.comparison_model.heading_rows():
            self.comparison_view.setSpan(row, 0, 1, ComparisonModel.COL_SECOND + 1)
        self.comparison_view.resizeRowsToContents()
        self.reasons_view.resizeRowsToContents()
        self.detail_stack.setCurrentIndex(0 if comparison is not None else 1)
        self.reasons_box.setVisible(comparison is not None)
        self._show_pair_texts()
        self._update_buttons()

    def _show_pair_texts(self) -> None:
        view = self.comparison
        lang = current_language()
        if view is None:
            self.pair_label.clear()
            self.verdict_label.clear()
            self.decision_label.hide()
            return
        names = [
            row.get("name_ar") or row.get("name_en") or "" for row in (view.victim_a, view.victim_b)
        ]
        self.pair_label.setText(sentence(fill(self.tr("“%1” and “%2”"), *map(isolate, names))))
        if view.candidate is not None:
            self.verdict_label.setText(sentence(fill(
                self.tr("Probability that they are one person: %1 — the matcher's suggestion: %2."),
                percent_text(view.candidate.probability),
                _suggestion_text(view.candidate.suggestion, lang),
            )))
        else:
            self.verdict_label.clear()
        decision = view.decision
        if decision is None:
            self.decision_label.hide()
            return
        text = fill(
            self.tr("Decided: %1 — by %2, %3."),
            duplicates.describe(decision.decision, lang),
            decision.author or "?",
            _local_time(decision.updated_at),
        )
        if decision.note:
            text += "\n" + fill(self.tr("Note: %1"), decision.note)
        self.decision_label.setText(sentence(text))
        self.decision_label.show()

    def _show_list_state(self) -> None:
        self.list_stack.setCurrentIndex(1 if self.model.rowCount() == 0 else 0)
        if self._scanned_at is None and self.model.status == "pending":
            text = self.tr(
                "No scan yet. “Scan for duplicates” compares every victim with the others and "
                "lists the pairs that may be one person recorded twice."
            )
        else:
            text = {
                "pending": self.tr("No pairs to review."),
                "unsure": self.tr("No pairs set aside as unsure."),
                "decided": self.tr("No decisions yet."),
            }[self.model.status]
        self.empty_label.setText(text)

    def _show_counts(self) -> None:
        labels = {
            "pending": self.tr("To review (%1)"),
            "unsure": self.tr("Unsure (%1)"),
            "decided": self.tr("Decided (%1)"),
        }
        for status, button in self.status_buttons.items():
            button.setText(fill(labels[status], format_number(self._counts[status])))
        if self._scanned_at is None:
            text = self.tr("Never scanned")
        else:
            text = fill(self.tr("Last scan: %1"), _local_time(self._scanned_at))
        if self._linked:
            text += "   " + fill(
                self.tr("Records linked to another of the same person: %1"),
                format_number(self._linked),
            )
        self.scan_label.setText(sentence(text))
        self.changed_label.setVisible(self._changed_since_scan and self._scanned_at is not None)

    def _update_buttons(self) -> None:
        chosen = self.comparison is not None and not self.scanning
        for button in self.decision_buttons.values():
            button.setEnabled(chosen)
        self.note.setEnabled(chosen)
        self.undo_button.setEnabled(
            chosen and self.comparison is not None and self.comparison.decision is not None
        )
        self.undo_button.setVisible(self.model.status != "pending")
        self.scan_button.setEnabled(not self.scanning)

    def _focus_note(self) -> None:
        if self.note.isEnabled():
            self.note.setFocus()
            self.note.selectAll()

    def _open_record(self, index: QModelIndex) -> None:
        view = self.comparison
        if view is None or index.column() == ComparisonModel.COL_FIELD:
            return
        record = view.victim_a if index.column() == ComparisonModel.COL_FIRST else view.victim_b
        open_form(self.ws, "victim", record["id"], self.window())

    def _say(self, message: Callable[[], str] | None) -> None:
        """Show the result of the last action; kept as a function so it follows the language."""
        self._message = message
        self.message_label.setText(sentence(message()) if message is not None else "")

    # -- deciding ---------------------------------------------------------------------------
    def decide(self, decision: str) -> bool:
        """Record ``decision`` on the selected pair and move on to the next pair."""
        candidate = self.current_candidate()
        if candidate is None or self.scanning or self.comparison is None:
            return False
        row = self.view.currentIndex().row()
        note = self.note.text().strip() or None
        try:
            saved = duplicates.decide(self.ws, candidate.victim_a, candidate.victim_b,
                                      decision, note)
        except UserError as error:
            show_error(self.window(), self.tr("Decision not saved"),
                       error.render(current_language()))
            return False
        self.note.clear()
        names = (isolate(candidate.name_a), isolate(candidate.name_b))
        self._say(lambda: fill(
            self.tr("Saved: %1 — “%2” and “%3”."),
            duplicates.describe(saved.decision, current_language()), *names,
        ))
        self._written(saved.id, [candidate.victim_a, candidate.victim_b])
        self._moved(self.model.status, "unsure" if saved.decision == "unsure" else "decided")
        self.reload(keep=None if self.model.status != "decided" else
                    (candidate.victim_a, candidate.victim_b), row=row, counts="later")
        self.view.setFocus()
        return True

    def undo(self) -> bool:
        """Withdraw the decision in force on the selected pair, after asking."""
        view = self.comparison
        if view is None or view.decision is None or self.scanning:
            return False
        decision = view.decision
        lang = current_language()
        label = duplicates.describe(decision.decision, lang)
        names = (isolate(decision.name_a or decision.victim_a),
                 isolate(decision.name_b or decision.victim_b))
        text = fill(
            self.tr("Withdraw the decision “%1” on “%2” and “%3”?\n\nThe pair goes back to the "
                    "pairs to review; the withdrawal is kept in the history."),
            label, *names,
        )
        if not UndoConfirmation.ask(self.window(), self.tr("Undo decision"), text,
                                    self.tr("Withdraw")):
            return False
        row = self.view.currentIndex().row()
        try:
            withdrawn = duplicates.undo(self.ws, decision.id)
        except UserError as error:
            show_error(self.window(), self.tr("Decision not withdrawn"), error.render(lang))
            return False
        self._say(lambda: fill(
            self.tr("Withdrawn: %1 — “%2” and “%3” are to be reviewed again."),
            duplicates.describe(withdrawn.decision, current_language()), *names,
        ))
        self._written(withdrawn.id, [withdrawn.victim_a, withdrawn.victim_b])
        self._moved(self.model.status, "pending")
        self.reload(row=row, counts="later")
        self.view.setFocus()
        return True

    def _moved(self, source: str, target: str) -> None:
        """A pair went from one view to another: the counts until they are read again."""
        if source != target and self._counts.get(source, 0) > 0:
            self._counts[source] -= 1
            self._counts[target] += 1
            self._show_counts()

    def _written(self, decision_id: str, victim_ids: list[str]) -> None:
        """Tell the other views: the decision changed, and with it the victims' links (which
        the lists and every figure follow)."""
        self._writing = True
        try:
            record_events().changed.emit("pair_decision", [decision_id])
            record_events().changed.emit("victim", victim_ids)
        finally:
            self._writing = False

    # -- following changes elsewhere ------------------------------------------------------------
    def _records_changed(self, kind: str, _ids: list[Any]) -> None:
        if self._writing or self._detached:
            return
        if kind not in ("victim", "incident", "pair_decision"):
            return
        if kind == "victim":
            self._changed_since_scan = True
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()  # one reload for the several kinds an import announces

    def refresh(self) -> None:
        """Read the queue again now if it is on screen, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def _reload_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    def detach(self) -> None:
        """Stop listening, and stop a running scan (the workspace is about to close)."""
        if self._detached:
            return
        self._detached = True
        record_events().changed.disconnect(self._records_changed)
        self._reload_timer.stop()
        worker = self.worker
        if worker is not None:
            worker.cancel()
            worker.wait()
            self._scan_done()

    # -- scanning ---------------------------------------------------------------------------
    def scan(self) -> None:
        """Refill the queue from every living victim, on a worker thread."""
        if self.scanning or self._detached:
            return
        worker = ScanWorker(self.ws, self)
        dialog = ScanDialog(self.window())
        dialog.cancel_requested.connect(self.cancel_scan)
        worker.progressed.connect(self._scan_progressed)
        worker.finished.connect(self._scan_done)
        self.worker, self.scan_dialog = worker, dialog
        self._say(lambda: self.tr("Scanning…"))
        self._update_buttons()
        self.scan_started.emit()
        worker.start()
        # A scan of a small database ends before the dialog would be seen: no flash.
        QTimer.singleShot(SCAN_DIALOG_DELAY_MS, self._show_scan_dialog)

    def _scan_progressed(self, done: int, total: int) -> None:
        if self.scan_dialog is not None:
            self.scan_dialog.set_progress(done, total)
        self.working.emit()

    def _show_scan_dialog(self) -> None:
        if self.scan_dialog is not None and self.worker is not None:
            self.scan_dialog.show()

    def cancel_scan(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _scan_done(self) -> None:
        worker, dialog = self.worker, self.scan_dialog
        if worker is None:
            return
        worker.wait()
        self.worker, self.scan_dialog = None, None
        if dialog is not None:
            dialog.finish()
            dialog.deleteLater()
        worker.deleteLater()
        result, error = worker.result, worker.error
        if self._detached:
            return
        self._update_buttons()
        if worker.cancelled:
            self._say(lambda: self.tr("Scan cancelled: the list is as it was."))
        elif isinstance(error, UserError):
            self._say(None)
            show_error(self.window(), self.tr("Scan failed"), error.render(current_language()))
        elif error is not None:
            self._say(None)
            raise error
        elif result is not None:
            self._changed_since_scan = False
            self._say(lambda: Message.of(
                "duplicates_scanned",
                records=format_number(result.records), compared=format_number(result.compared),
                pairs=format_number(result.pairs), pending=format_number(result.pending),
            ).render(current_language()))
        self.reload()
        self.scan_finished.emit()
        self.view.setFocus()

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.scan_button.setText(self.tr("Scan for duplicates"))
        self.scan_button.setToolTip(self.tr(
            "Compare every victim with the others and list the pairs that may be one person "
            "recorded twice. Decisions already taken are kept."
        ))
        self.changed_label.setText(self.tr("Records have changed since the last scan."))
        tips = {
            "pending": self.tr("Pairs nobody has decided yet, most probable first (Alt+1)"),
            "unsure": self.tr("Pairs set aside as unsure (Alt+2)"),
            "decided": self.tr("Pairs decided as the same person or different people (Alt+3)"),
        }
        for status, button in self.status_buttons.items():
            button.setToolTip(tips[status])
        self.same_button.setText(self.tr("Same person (S)"))
        self.same_button.setToolTip(self.tr(
            "Link the two records as one person: both are kept, every figure counts the person "
            "once (S in the list, or Alt+S)"
        ))
        self.different_button.setText(self.tr("Different people (D)"))
        self.different_button.setToolTip(self.tr(
            "Remember that these are two people: the pair is not proposed again "
            "(D in the list, or Alt+D)"
        ))
        self.unsure_button.setText(self.tr("Unsure (U)"))
        self.unsure_button.setToolTip(self.tr(
            "Set the pair aside until somebody can decide (U in the list, or Alt+U)"
        ))
        self.undo_button.setText(self.tr("Undo decision"))
        self.undo_button.setToolTip(self.tr(
            "Withdraw the decision on this pair; it goes back to the pairs to review "
            "(Delete in the list)"
        ))
        self.note_label.setText(self.tr("&Note:"))
        self.note.setPlaceholderText(self.tr("Why (optional; kept with the decision) — N"))
        self.view.setToolTip(self.tr(
            "S same person · D different people · U unsure · N note · Delete undo a decision"
        ))
        self.differs_legend.setText(self.tr("≠ differs"))
        self.variant_legend.setText(self.tr("≈ spelt differently"))
        self.missing_legend.setText(self.tr("− in one record only"))
        self.reasons_title.setText(self.tr("Why the pair was proposed, strongest first:"))
        self.placeholder.setText(self.tr("Select a pair to compare its two records."))
        self.model.retranslate()
        self.comparison_model.retranslate()
        self.reasons_model.retranslate()
        self.comparison_view.resizeRowsToContents()
        self.reasons_view.resizeRowsToContents()
        self._show_counts()
        self._show_list_state()
        self._show_pair_texts()
        if self._message is not None:
            self.message_label.setText(sentence(self._message()))
