"""The incident form: date, place, perpetrator and attack, with its victims and facility attacks.

Quick entry: in the victims table Enter adds the next victim. The incident is saved first if it
is new or changed (a victim needs a saved incident); the victim form opens with the incident's
date of death (when known to the day), governorate and place already filled in. Saving that
victim (Ctrl+S) closes it and brings the cursor back to the table, so Enter starts the next.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import Incident
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import current_language
from snhr_desktop.services.browse import facility_attacks_of_incident, victims_of_incident
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.item_models import ReadOnlyTableModel
from snhr_desktop.ui.record_form import (
    ConfirmDeleteBox,
    RecordForm,
    child_defaults,
    form_layout,
)
from snhr_desktop.ui.widgets import (
    DateField,
    FieldMessage,
    PlacePicker,
    TextArea,
    TextField,
    Translated,
    VocabularyCombo,
)

__all__ = ["ChildRowsModel", "ChildTable", "IncidentForm"]

log = logging.getLogger(__name__)

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
Index = QModelIndex | QPersistentModelIndex


class ChildRowsModel(ReadOnlyTableModel[dict[str, Any]]):
    """The victims (or facility attacks) of one incident, as stored rows."""

    CONTEXT = "ChildRowsModel"
    ID_ROLE = Qt.ItemDataRole.UserRole
    # column key, header, vocabulary of its codes (None: shown as stored)
    COLUMNS: ClassVar[dict[str, list[tuple[str, str, str | None]]]] = {
        "victim": [
            ("name", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Name")), None),
            ("sex", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Sex")), "sex"),
            ("age", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Age")), None),
            ("status", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Status")), "victim_status"),
            ("category", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Special category")),
             "special_category"),
            ("date_of_death", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Date of death")), None),
        ],
        "facility_attack": [
            ("category", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Category")), "facility_category"),
            ("name", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Name")), None),
            ("damage", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Damage")), "damage"),
            ("out_of_service", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Out of service")),
             "tristate"),
            ("date", str(QT_TRANSLATE_NOOP("ChildRowsModel", "Date")), None),
        ],
    }

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = self.COLUMNS[kind]
        # The columns depend on the kind of record, so the headers belong to the instance.
        self.HEADERS = tuple(header for _key, header, _vocab in self.columns)

    def row_id(self, row: int) -> str | None:
        return str(self._rows[row]["id"]) if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.ID_ROLE:
            return row["id"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        key, _header, vocab = self.columns[index.column()]
        lang = current_language()
        if key == "name":
            # A victim is known by the Arabic name; a facility by the name in the interface's
            # language when it has one.
            arabic_first = lang == "ar" or self.kind == "victim"
            first, second = ("name_ar", "name_en") if arabic_first else ("name_en", "name_ar")
            return row.get(first) or row.get(second) or ""
        value = row.get(key)
        if value is None:
            return ""
        if vocab is not None:
            terms = vocabulary(vocab)
            return terms.label(value, lang) if value in terms else str(value)
        return str(value)

    def header_alignment(self, section: int) -> None:
        return None  # centred over the short columns of these tables

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section, orientation, role)


class ChildTable(QTableView):
    """A table of linked records driven from the keyboard: Enter (or Insert) adds the next
    one, Ctrl+O or a double click opens the selected one, Delete deletes it."""

    add_requested = Signal()
    open_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, model: ChildRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(120)
        # Not the widest glyph of the font (an Arabic ligature): numbers need only a few digits.
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000") + 12)
        header.resizeSection(0, 220)
        model.headerDataChanged.connect(lambda *_: self.fit_headers())
        self.fit_headers()
        self.doubleClicked.connect(lambda index: self.open_requested.emit(index.row()))
        QShortcut(QKeySequence("Ctrl+O"), self, self._open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def fit_headers(self) -> None:
        """Widen any column whose header text (in the current language) would be cut."""
        header = self.horizontalHeader()
        for section in range(header.count()):
            wanted = header.sectionSizeFromContents(section).width()
            if header.sectionSize(section) < wanted:
                header.resizeSection(section, wanted)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model().rowCount():
            index = self.model().index(row, 0)
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.scrollTo(index)

    def _open_current(self) -> None:
        if self.current_row() >= 0:
            self.open_requested.emit(self.current_row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Insert) and plain:
            self.add_requested.emit()
            return
        if key == Qt.Key.Key_Delete and plain:
            if self.current_row() >= 0:
                self.delete_requested.emit(self.current_row())
            return
        super().keyPressEvent(event)


class _ChildPage(QWidget):
    """One tab under the incident: the table, its buttons and the keyboard hint."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.model = ChildRowsModel(kind, self)
        self.table = ChildTable(self.model, self)
        self.add_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        hint_palette = self.hint.palette()
        hint_palette.setColor(
            self.hint.foregroundRole(), hint_palette.color(hint_palette.ColorRole.PlaceholderText)
        )
        self.hint.setPalette(hint_palette)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.open_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(self.table, 0, 0)
        grid.addLayout(buttons, 0, 1)
        grid.addWidget(self.hint, 1, 0, 1, 2)
        grid.setRowStretch(0, 1)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()

    def update_buttons(self) -> None:
        has_row = self.table.current_row() >= 0
        self.open_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)


class IncidentForm(RecordForm):
    """Every field of an incident, and the victims and facility attacks documented under it."""

    kind = Incident.kind

    def __init__(self, ws: Workspace, record: Incident | None = None,
                 parent: QWidget | None = None, **kwargs: Any) -> None:
        defaults = dict(kwargs.pop("defaults", None) or {})
        defaults.setdefault("researcher", ws.researcher)
        super().__init__(ws, record, parent, defaults=defaults, **kwargs)
        for page in (self.victims, self.facilities):
            page.table.add_requested.connect(lambda kind=page.kind: self.add_child(kind))
            page.add_button.clicked.connect(lambda _c=False, kind=page.kind: self.add_child(kind))
            page.table.open_requested.connect(
                lambda row, kind=page.kind: self.open_child(kind, row))
            page.open_button.clicked.connect(
                lambda _c=False, p=page: self.open_child(p.kind, p.table.current_row()))
            page.table.delete_requested.connect(
                lambda row, kind=page.kind: self.delete_child(kind, row))
            page.delete_button.clicked.connect(
                lambda _c=False, p=page: self.delete_child(p.kind, p.table.current_row()))
        self.refresh_children()
        self.fit_to_screen(1060, 860)

    # ---- layout ------------------------------------------------------------------------------
    def build(self) -> None:
        fields = QWidget(self)
        columns = QGridLayout(fields)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setHorizontalSpacing(10)
        columns.setVerticalSpacing(8)

        self.where_box, where = self.group()
        self.date_field = DateField(with_precision=True)
        self.add_field(where, "date", self.date_field, also=["date_precision"])
        assert self.date_field.precision is not None
        self.bind("date_precision", self.date_field.precision)
        self.places = PlacePicker(self, rows_in=where)
        for combo, label, message, name in zip(
            self.places.combos, self.places.labels, self.places.messages,
            ("governorate", "district", "subdistrict", "community"), strict=True,
        ):
            self.bind(name, combo)
            self.register_message(name, message, label)
        self.add_field(where, "place_ar", TextField(direction=RTL))
        self.add_field(where, "place_en", TextField(direction=LTR))

        self.attack_box, attack = self.group()
        self.add_field(attack, "perpetrator", VocabularyCombo("perpetrator"))
        self.add_field(attack, "attack_type", VocabularyCombo("attack_type"))
        self.add_field(attack, "acknowledged", VocabularyCombo("tristate"))
        self.add_field(attack, "researcher", TextField())
        self.add_field(attack, "sources", TextArea(lines=3))

        # The two descriptions side by side, each with its label above it.
        self.description_box = QGroupBox(self)
        description = QHBoxLayout(self.description_box)
        for name, direction in (("description_ar", RTL), ("description_en", LTR)):
            column = form_layout()
            column.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            description.addLayout(column, 1)
            self.add_field(column, name, TextArea(direction=direction, lines=4))

        columns.addWidget(self.where_box, 0, 0)
        columns.addWidget(self.attack_box, 0, 1)
        columns.addWidget(self.description_box, 1, 0, 1, 2)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        columns.setRowStretch(2, 1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(fields)

        self.children_tabs = QTabWidget(self)
        self.victims = _ChildPage("victim", self.children_tabs)
        self.facilities = _ChildPage("facility_attack", self.children_tabs)
        self.children_tabs.addTab(self.victims, "")
        self.children_tabs.addTab(self.facilities, "")
        self.children_message = FieldMessage(self)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.children_message)
        lower_layout.addWidget(self.children_tabs, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addWidget(splitter, 1)

    def first_field(self) -> QWidget:
        return self.date_field

    def title(self) -> str:
        if self.record is None:
            return self.tr("New incident")
        assert isinstance(self.record, Incident)
        lang = current_language()
        return self.tr("Incident of {date} in {governorate}").format(
            date=self.record.date_text(),
            governorate=gazetteer().name(self.record.governorate, lang),
        )

    def record_values(self, record: Any) -> dict[str, Any]:
        values = super().record_values(record)
        assert isinstance(record, Incident)
        values["date"] = record.date_text()
        return values

    def retranslate(self) -> None:
        self.where_box.setTitle(self.tr("When and where"))
        self.attack_box.setTitle(self.tr("The attack"))
        self.description_box.setTitle(self.tr("Description"))
        self.label("date").setText(self.tr("Date"))
        self.label("place_ar").setText(self.tr("Place (Arabic)"))
        self.label("place_en").setText(self.tr("Place (Latin script)"))
        self.label("perpetrator").setText(self.tr("Perpetrator"))
        self.label("attack_type").setText(self.tr("Attack type"))
        self.label("acknowledged").setText(self.tr("Acknowledged by the perpetrator"))
        self.label("researcher").setText(self.tr("Researcher"))
        self.label("sources").setText(self.tr("Sources"))
        self.label("description_ar").setText(self.tr("In Arabic"))
        self.label("description_en").setText(self.tr("In English"))
        self.align_labels(["date", "governorate", "district", "subdistrict", "community",
                           "place_ar", "place_en"])
        self.date_field.setToolTip(self.tr(
            "YYYY-MM-DD, or YYYY-MM / YYYY when only the month or the year is known"))
        self.victims.add_button.setText(self.tr("Add victim"))
        self.facilities.add_button.setText(self.tr("Add facility attack"))
        for page in (self.victims, self.facilities):
            page.open_button.setText(self.tr("Open"))
            page.delete_button.setText(self.tr("Delete"))
            page.model.retranslate()
        self.victims.hint.setText(self.tr(
            "Enter: add the next victim · Ctrl+O or double click: open · Delete: delete"))
        self.facilities.hint.setText(self.tr(
            "Enter: add the next facility attack · Ctrl+O or double click: open · "
            "Delete: delete"))
        self._retitle_tabs()
        super().retranslate()

    def _retitle_tabs(self) -> None:
        self.children_tabs.setTabText(
            0, self.tr("Victims ({count})").format(count=self.victims.model.rowCount()))
        self.children_tabs.setTabText(
            1, self.tr("Facility attacks ({count})").format(
                count=self.facilities.model.rowCount()))

    # ---- linked records ------------------------------------------------------------------------
    def refresh_children(self) -> None:
        if self.record is None:
            rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
        else:
            try:
                rows = (victims_of_incident(self.ws, self.record_id),
                        facility_attacks_of_incident(self.ws, self.record_id))
            except Exception:
                log.warning("could not list the incident's records", exc_info=True)
                return
        for page, page_rows in zip((self.victims, self.facilities), rows, strict=True):
            current = page.model.row_id(page.table.current_row())
            page.model.set_rows(page_rows)
            if current is not None:
                page.table.select_row(page.model.row_of(current))
            page.update_buttons()
        self._retitle_tabs()

    def records_changed(self, kind: str, ids: list[str]) -> None:
        if kind in ("victim", "facility_attack"):
            self.refresh_children()

    def ensure_saved(self) -> bool:
        """Linked records need a saved incident: save it now if it is new or changed."""
        if self.record is not None and not self.is_dirty():
            return True
        return self.save()

    def add_child(self, kind: str) -> None:
        """Quick entry: open the form of the next victim (or facility attack), pre-filled."""
        self.children_message.clear_messages()
        if not self.ensure_saved():
            return
        assert isinstance(self.record, Incident)
        self.new_child_requested.emit(kind, child_defaults(self.record, kind))

    def _page(self, kind: str) -> _ChildPage:
        return self.victims if kind == "victim" else self.facilities

    def open_child(self, kind: str, row: int) -> None:
        record_id = self._page(kind).model.row_id(row)
        if record_id is not None:
            self.open_requested.emit(kind, record_id)

    def delete_child(self, kind: str, row: int) -> None:
        page = self._page(kind)
        record_id = page.model.row_id(row)
        if record_id is None:
            return
        name = page.model.data(page.model.index(row, 0)) or record_id
        if kind == "victim":
            question = self.tr("Delete the victim “{name}”?").format(name=name)
        else:
            question = self.tr("Delete the attack on “{name}”?").format(name=name)
        if not ConfirmDeleteBox.ask(self, question):
            return
        try:
            self.ws.delete(kind, record_id)
        except UserError as error:
            self.children_message.set_message(error)
            return
        except Exception as error:
            log.exception("deleting %s %s failed", kind, record_id)
            detail = str(error) or type(error).__name__
            self.children_message.set_message(Translated(
                lambda: self.tr("The record could not be deleted: {detail}").format(
                    detail=detail)))
            return
        record_events().changed.emit(kind, [record_id])
        page.table.setFocus()
        page.table.select_row(min(row, page.model.rowCount() - 1))

    def return_from_child(self, kind: str, record_id: str) -> None:
        page = self._page(kind)
        self.children_tabs.setCurrentWidget(page)
        self.refresh_children()
        page.table.select_row(page.model.row_of(record_id))
        self.raise_()
        self.activateWindow()
        page.table.setFocus(Qt.FocusReason.OtherFocusReason)
