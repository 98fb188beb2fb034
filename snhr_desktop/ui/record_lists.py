"""The three record lists: a filter bar, the paged table, actions on the selection, its history."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QRegularExpression,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QRegularExpressionValidator,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import Collator, Retranslating, current_language, install_digit_folding, tr
from snhr_desktop.services.browse import ListFilter, RecordList
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import fill, show_error
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.history_panel import HistoryPanel
from snhr_desktop.ui.table_models import (
    PCODE_FIELDS,
    VOCABULARY_FIELDS,
    RecordTableModel,
    model_for,
)
from snhr_desktop.ui.widgets import set_up_row_view

KINDS = ("incident", "victim", "facility_attack")
SEARCH_DELAY_MS = 300
_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

CONTEXT = "RecordListPanel"
FORMS_MISSING_TITLE = QT_TRANSLATE_NOOP("RecordListPanel", "Forms unavailable")
FORMS_MISSING_TEXT = QT_TRANSLATE_NOOP(
    "RecordListPanel", "The record forms are not installed with this copy of the program."
)
DELETE = QT_TRANSLATE_NOOP("RecordListPanel", "Delete")


def open_form(
    ws: Workspace,
    kind: str,
    record_id: str | None,
    parent: QWidget | None = None,
    *,
    incident_id: str | None = None,
) -> QWidget | None:
    """Open the form of a record (new when ``record_id`` is None); None if forms are missing."""
    try:
        from snhr_desktop.ui.forms import open_record_form
    except ImportError:
        show_error(
            parent, tr(CONTEXT, FORMS_MISSING_TITLE), tr(CONTEXT, FORMS_MISSING_TEXT)
        )
        return None
    return open_record_form(ws, kind, record_id, parent, incident_id=incident_id)


def parse_period_text(text: str, *, end: bool) -> dt.date | None:
    """A typed YYYY, YYYY-MM or YYYY-MM-DD as the first (or, with ``end``, last) day it covers."""
    match = _DATE_TEXT.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is None:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if day is None:
        if not end:
            return dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, month, day)


STRETCHED_COLUMN = {"incident": 2, "victim": 0, "facility_attack": 0}


def column_samples(kind: str, key: str) -> list[str]:
    """Texts a column must fit: every label of its vocabulary, or a typical value."""
    lang = current_language()
    vocabulary_name = VOCABULARY_FIELDS.get(kind, {}).get(key)
    if vocabulary_name is not None:
        return [term.label(lang) for term in vocabulary(vocabulary_name)]
    if key in PCODE_FIELDS:
        return [place.name(lang) for place in gazetteer().governorates()]
    if "date" in key:
        return ["0000-00-00"]
    return ["0000"]


class DeleteConfirmation:
    """Asks whether to delete a record; tests replace ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton(tr(CONTEXT, DELETE), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        # A tired hand pressing Enter must not delete anything.
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete


class FilterBar(Retranslating, QWidget):
    """Perpetrator, governorate, period, status (victims) and one search box."""

    changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._now)

        self.perpetrator = QComboBox()
        self.perpetrator.setObjectName("perpetrator")
        self.governorate = QComboBox()
        self.governorate.setObjectName("governorate")
        self.status: QComboBox | None = None
        if kind == "victim":
            self.status = QComboBox()
            self.status.setObjectName("status")
        combos = [self.perpetrator, self.governorate] + ([self.status] if self.status else [])
        for combo in combos:
            # Long labels (perpetrator parties) must not squeeze the search box; the open list
            # still shows them whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
            combo.currentIndexChanged.connect(lambda _index: self._now())

        self.from_label = QLabel()
        self.to_label = QLabel()
        self.date_from = self._date_field("dateFrom")
        self.date_to = self._date_field("dateTo")
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)

        self.clear_button = QPushButton()
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in combos:
            layout.addWidget(combo)
        layout.addSpacing(6)
        layout.addWidget(self.from_label)
        layout.addWidget(self.date_from)
        layout.addWidget(self.to_label)
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)
        self.retranslate()

    def _date_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?"), field)
        )
        install_digit_folding(field)
        width = field.fontMetrics().horizontalAdvance("0000-00-00") + 24
        field.setMinimumWidth(width)
        field.setMaximumWidth(width + 24)
        field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        field.textChanged.connect(lambda _text: self._debounce.start())
        field.editingFinished.connect(self._now)
        return field

    def _now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def clear(self) -> None:
        for combo in (self.perpetrator, self.governorate, self.status):
            if combo is not None:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        for field in (self.search, self.date_from, self.date_to):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self._mark_dates()
        self._now()

    def _period(self, field: QLineEdit, end: bool) -> dt.date | None:
        text = field.text().strip()
        if not text:
            return None
        try:
            return parse_period_text(text, end=end)
        except ValueError:
            return None

    def _mark_dates(self) -> bool:
        ok = True
        for field, end in ((self.date_from, False), (self.date_to, True)):
            bad = bool(field.text().strip()) and self._period(field, end) is None
            field.setStyleSheet("QLineEdit { color: #b3261e; }" if bad else "")
            ok = ok and not bad
        return ok

    def list_filter(self) -> ListFilter:
        self._mark_dates()
        perpetrator = self.perpetrator.currentData()
        governorate = self.governorate.currentData()
        status = self.status.currentData() if self.status is not None else None
        return ListFilter(
            text=self.search.text().strip(),
            perpetrators=(perpetrator,) if perpetrator else (),
            governorates=(governorate,) if governorate else (),
            date_from=self._period(self.date_from, False),
            date_to=self._period(self.date_to, True),
            statuses=(status,) if status else (),
        )

    def _refill(self, combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for code, label in items:
            combo.addItem(label, code)
        found = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        lang = current_language()
        collator = Collator(lang)
        placeholders = {
            "incident": self.tr("Search place or description"),
            "victim": self.tr("Search names, in Arabic or Latin letters"),
            "facility_attack": self.tr("Search facility name"),
        }
        self.search.setPlaceholderText(placeholders[self.kind])
        self.search.setToolTip(self.tr("Search (Ctrl+F)"))
        self._refill(
            self.perpetrator,
            self.tr("All perpetrators"),
            [(t.code, t.label(lang)) for t in vocabulary("perpetrator")],
        )
        self.perpetrator.setToolTip(self.tr("Perpetrator"))
        places = sorted(gazetteer().governorates(), key=lambda p: collator.key(p.name(lang)))
        self._refill(
            self.governorate,
            self.tr("All governorates"),
            [(p.pcode, p.name(lang)) for p in places],
        )
        self.governorate.setToolTip(self.tr("Governorate"))
        if self.status is not None:
            self._refill(
                self.status,
                self.tr("Any status"),
                [(t.code, t.label(lang)) for t in vocabulary("victim_status")],
            )
            self.status.setToolTip(self.tr("Status"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        for field in (self.date_from, self.date_to):
            field.setPlaceholderText(self.tr("YYYY-MM-DD"))
            metrics = field.fontMetrics()
            width = max(metrics.horizontalAdvance(t) for t in ("0000-00-00", field.placeholderText()))
            field.setMinimumWidth(width + 24)
            field.setMaximumWidth(width + 48)
            field.setToolTip(
                self.tr("A year (2016), a month (2016-05) or a day (2016-05-03).")
            )
        self.clear_button.setText(self.tr("Clear filters"))


class RecordTableView(QTableView):
    """A record table: Enter or double-click opens the record, Delete deletes it."""

    open_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_up_row_view(self, Qt.TextElideMode.ElideMiddle)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.selectRow(index.row())
            self.setCurrentIndex(index)
            self.open_requested.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class RecordListPanel(Retranslating, QWidget):
    """One tab of the main window: the list of one kind of record and what can be done with it."""

    counts_changed = Signal()
    _total: int | None = None

    def __init__(self, ws: Workspace, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self._detached = False
        self.filters = FilterBar(kind)
        self.model: RecordTableModel = model_for(kind)(ws, self)
        self.view = RecordTableView()
        self.view.setObjectName(f"{kind}Table")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.view.setSortingEnabled(True)
        self.history = HistoryPanel(ws)

        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        self.new_button = QPushButton()
        self.add_victim_button = QPushButton()
        self.add_facility_button = QPushButton()
        self.open_incident_button = QPushButton()
        self.open_button = QPushButton()
        self.delete_button = QPushButton()
        for button in self._buttons():
            button.setAutoDefault(False)
        self.new_button.setVisible(kind == "incident")
        self.add_victim_button.setVisible(kind == "incident")
        self.add_facility_button.setVisible(kind == "incident")
        self.open_incident_button.setVisible(kind != "incident")

        # The history goes under the list, at full width: its changed fields need the room.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 160])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.add_victim_button)
        buttons.addWidget(self.add_facility_button)
        buttons.addWidget(self.open_incident_button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.filters.changed.connect(self.apply_filter)
        self.view.open_requested.connect(self.open_selected)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._after_reset)
        self.new_button.clicked.connect(self.new_record)
        self.add_victim_button.clicked.connect(lambda: self.add_child("victim"))
        self.add_facility_button.clicked.connect(lambda: self.add_child("facility_attack"))
        self.open_incident_button.clicked.connect(self.open_incident)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        record_events().changed.connect(self._records_changed)
        search = QShortcut(QKeySequence.StandardKey.Find, self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(self.focus_search)

        self.retranslate()
        self._update_actions()

    def _buttons(self) -> list[QPushButton]:
        return [
            self.new_button,
            self.add_victim_button,
            self.add_facility_button,
            self.open_incident_button,
            self.open_button,
            self.delete_button,
        ]

    # -- selection --------------------------------------------------------------------------
    def selected_row(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return index.row()

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return self.model.record_id(row) if row is not None else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.history.show_record(self.model.record_id(current.row()) if current.isValid() else None)
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.selected_id() is not None
        for button in (
            self.open_button,
            self.delete_button,
            self.add_victim_button,
            self.add_facility_button,
            self.open_incident_button,
        ):
            button.setEnabled(selected)

    # -- reading ----------------------------------------------------------------------------
    def apply_filter(self) -> None:
        self.model.set_filter(self.filters.list_filter())
        self._update_summary()

    def refresh(self) -> None:
        """Read the list again, keeping the selected record selected when it is still shown."""
        row = self.selected_row()
        record_id = self.selected_id()
        self.model.refresh()
        if record_id is not None and row is not None:
            found = self.model.row_of(record_id, near=row)
            if found is not None:
                self.select_row(found)
        self._update_summary()

    def _after_reset(self) -> None:
        self.history.show_record(None)
        self._update_actions()

    def detach(self) -> None:
        """Stop following record changes (the workspace is about to close)."""
        if not self._detached:
            self._detached = True
            record_events().changed.disconnect(self._records_changed)

    def _records_changed(self, kind: str, ids: list[Any]) -> None:
        # Incidents show how many victims they have, so victims' changes reach them as well.
        if kind == self.kind or (self.kind == "incident" and kind == "victim"):
            self._total = None
            self.refresh()
            self.counts_changed.emit()
        elif self.history.record_id in ids:
            self.history.reload()

    def total(self) -> int:
        """How many living records of this kind exist (counted once, again after changes)."""
        if self._total is None:
            self._total = RecordList(self.ws, self.kind).count()
        return self._total

    def forget_total(self) -> None:
        self._total = None

    def _update_summary(self) -> None:
        if self._detached:
            return
        shown = self.model.rowCount()
        if self.model.list_filter == ListFilter():
            self._total = shown  # the unfiltered list is the whole count
            self.summary.setText(fill(self.tr("%1 records"), shown))
        else:
            self.summary.setText(fill(self.tr("%1 of %2 records match"), shown, self.total()))

    def _fit_columns(self) -> None:
        """Widths that show the longest label of each coded column in the current language."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            key = self.model.COLUMNS[column].key
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            samples = [title, *column_samples(self.kind, key)]
            width = max(metrics.horizontalAdvance(text) for text in samples) + 28
            header.resizeSection(column, min(width, 320))
        # The free text column (place or name) takes the room left.
        header.setSectionResizeMode(STRETCHED_COLUMN[self.kind], QHeaderView.ResizeMode.Stretch)

    # -- actions ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def new_record(self) -> None:
        open_form(self.ws, self.kind, None, self.window())

    def add_child(self, kind: str) -> None:
        incident_id = self.selected_id()
        if incident_id is not None:
            open_form(self.ws, kind, None, self.window(), incident_id=incident_id)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            open_form(self.ws, self.kind, record_id, self.window())

    def open_incident(self) -> None:
        row = self.selected_row()
        values = self.model.row_values(row) if row is not None else None
        if values and values.get("incident_id"):
            open_form(self.ws, "incident", values["incident_id"], self.window())

    def describe(self, values: dict[str, Any]) -> str:
        """A short description of a row for the confirmation: what a person recognises it by."""
        texts = [
            self.model.cell_text(values, column.key)
            for column in self.model.COLUMNS[:3]
        ]
        return " — ".join(text for text in texts if text)

    def delete_selected(self) -> None:
        row = self.selected_row()
        values = self.model.row_values(row) if row is not None else None
        if values is None:
            return
        record_id = values["id"]
        description = self.describe(values)
        if self.kind == "incident":
            victims = RecordList(self.ws, "victim", ListFilter(incident_id=record_id)).count()
            attacks = RecordList(
                self.ws, "facility_attack", ListFilter(incident_id=record_id)
            ).count()
            text = fill(
                self.tr("Delete this incident?\n\n%1\n\nIts victims (%2) and its attacks on "
                        "facilities (%3) will be deleted with it. The deletion is kept in the "
                        "history."),
                description,
                victims,
                attacks,
            )
        else:
            text = fill(
                self.tr("Delete this record?\n\n%1\n\nThe deletion is kept in the history."),
                description,
            )
        if not DeleteConfirmation.ask(self.window(), self.tr("Delete"), text):
            return
        try:
            operations = self.ws.delete(self.kind, record_id)
        except (UserError, RecordInvalid) as error:
            show_error(self.window(), self.tr("Not deleted"), error.render(current_language()))
            return
        by_kind: dict[str, list[str]] = defaultdict(list)
        for operation in operations:
            by_kind[operation.record_kind].append(operation.record_id)
        # Children first, so the incidents list refreshes once, with its victims already gone.
        for kind in sorted(by_kind, key=lambda k: k == "incident"):
            record_events().changed.emit(kind, by_kind[kind])

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New incident"))
        self.new_button.setToolTip(self.tr("Document a new incident (Ctrl+N)"))
        self.add_victim_button.setText(self.tr("Add victim"))
        self.add_victim_button.setToolTip(self.tr("Add a victim to the selected incident"))
        self.add_facility_button.setText(self.tr("Add facility attack"))
        self.add_facility_button.setToolTip(
            self.tr("Add an attacked vital facility to the selected incident")
        )
        self.open_incident_button.setText(self.tr("Open incident"))
        self.open_incident_button.setToolTip(self.tr("Open the incident this record belongs to"))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the selected record (Enter)"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected record (Delete key)"))
        self.model.retranslate()
        self._fit_columns()
        self._update_summary()


