"""Table models over the record lists: paged lazily from SQL, labels in the interface language.

A list may hold a million victims, so a model never loads it whole: ``rowCount`` comes from one
``count()``, and rows are read a page at a time when a view asks for them, keeping only the most
recently used pages (``PAGE_SIZE`` × ``MAX_PAGES`` rows at most), so memory stays flat however
far a user scrolls. Sorting happens in SQL (``RecordList`` sort keys). Stored values are codes
(vocabularies, P-codes); the models show their labels in the active language and switch with it.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from snhr_desktop.domain.fields import PartialDate
from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import current_language, tr
from snhr_desktop.services.browse import ListFilter, RecordList
from snhr_desktop.services.workspace import Workspace

__all__ = [
    "FIELD_TITLES",
    "Column",
    "FacilityAttackTableModel",
    "IncidentTableModel",
    "RecordTableModel",
    "VictimTableModel",
    "display_value",
    "field_title",
    "model_for",
]

Index = QModelIndex | QPersistentModelIndex

LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
TRAILING = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
CENTRED = Qt.AlignmentFlag.AlignCenter

FIELDS = "RecordFields"
TABLE_CONTEXT = "RecordTableModel"

# Field names as people read them; used by column headers and by the history panel.
FIELD_TITLES: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("RecordFields", "Record id"),
    "incident_id": QT_TRANSLATE_NOOP("RecordFields", "Incident"),
    "date": QT_TRANSLATE_NOOP("RecordFields", "Date"),
    "date_precision": QT_TRANSLATE_NOOP("RecordFields", "Date precision"),
    "governorate": QT_TRANSLATE_NOOP("RecordFields", "Governorate"),
    "district": QT_TRANSLATE_NOOP("RecordFields", "District"),
    "subdistrict": QT_TRANSLATE_NOOP("RecordFields", "Subdistrict"),
    "community": QT_TRANSLATE_NOOP("RecordFields", "Community"),
    "place_ar": QT_TRANSLATE_NOOP("RecordFields", "Place (Arabic)"),
    "place_en": QT_TRANSLATE_NOOP("RecordFields", "Place (English)"),
    "perpetrator": QT_TRANSLATE_NOOP("RecordFields", "Perpetrator"),
    "attack_type": QT_TRANSLATE_NOOP("RecordFields", "Attack type"),
    "acknowledged": QT_TRANSLATE_NOOP("RecordFields", "Acknowledged by the perpetrator"),
    "description_ar": QT_TRANSLATE_NOOP("RecordFields", "Description (Arabic)"),
    "description_en": QT_TRANSLATE_NOOP("RecordFields", "Description (English)"),
    "sources": QT_TRANSLATE_NOOP("RecordFields", "Sources"),
    "researcher": QT_TRANSLATE_NOOP("RecordFields", "Researcher"),
    "name_ar": QT_TRANSLATE_NOOP("RecordFields", "Name (Arabic)"),
    "name_en": QT_TRANSLATE_NOOP("RecordFields", "Name (Latin script)"),
    "father_name": QT_TRANSLATE_NOOP("RecordFields", "Father's name"),
    "family_name": QT_TRANSLATE_NOOP("RecordFields", "Family name"),
    "mother_name": QT_TRANSLATE_NOOP("RecordFields", "Mother's name"),
    "sex": QT_TRANSLATE_NOOP("RecordFields", "Sex"),
    "age": QT_TRANSLATE_NOOP("RecordFields", "Age"),
    "age_group": QT_TRANSLATE_NOOP("RecordFields", "Age group"),
    "status": QT_TRANSLATE_NOOP("RecordFields", "Status"),
    "category": QT_TRANSLATE_NOOP("RecordFields", "Category"),
    "date_of_death": QT_TRANSLATE_NOOP("RecordFields", "Date of death"),
    "origin_governorate": QT_TRANSLATE_NOOP("RecordFields", "Governorate of origin"),
    "notes": QT_TRANSLATE_NOOP("RecordFields", "Notes"),
    "damage": QT_TRANSLATE_NOOP("RecordFields", "Damage"),
    "out_of_service": QT_TRANSLATE_NOOP("RecordFields", "Out of service"),
    "name": QT_TRANSLATE_NOOP("RecordFields", "Name"),
    "place": QT_TRANSLATE_NOOP("RecordFields", "Place"),
    "victims": QT_TRANSLATE_NOOP("RecordFields", "Victims"),
    "created_at": QT_TRANSLATE_NOOP("RecordFields", "Created"),
    "updated_at": QT_TRANSLATE_NOOP("RecordFields", "Updated"),
}

# Which vocabulary each coded field uses, per kind of record.
VOCABULARY_FIELDS: dict[str, dict[str, str]] = {
    "incident": {
        "perpetrator": "perpetrator",
        "attack_type": "attack_type",
        "acknowledged": "tristate",
        "date_precision": "date_precision",
    },
    "victim": {
        "sex": "sex",
        "age_group": "age_group",
        "status": "victim_status",
        "category": "special_category",
    },
    "facility_attack": {
        "category": "facility_category",
        "damage": "damage",
        "out_of_service": "tristate",
    },
}
PCODE_FIELDS = frozenset({"governorate", "district", "subdistrict", "community", "origin_governorate"})


def field_title(field: str) -> str:
    """The name of ``field`` in the interface language (the field name itself if unknown)."""
    title = FIELD_TITLES.get(field)
    return tr(FIELDS, title) if title else field


def display_value(kind: str, field: str, value: Any, lang: str | None = None) -> str:
    """A stored value as shown to people: vocabulary labels, place names, ISO dates, text."""
    if value is None or value == "":
        return ""
    lang = lang or current_language()
    vocabulary_name = VOCABULARY_FIELDS.get(kind, {}).get(field)
    if vocabulary_name is not None:
        terms = vocabulary(vocabulary_name)
        return terms.label(value, lang) if value in terms else str(value)
    if field in PCODE_FIELDS:
        places = gazetteer()
        return places.name(value, lang) if value in places else str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a record table: what it shows, its header, how it sorts and aligns."""

    key: str
    title: str  # marked with QT_TRANSLATE_NOOP("RecordFields", …), translated in headerData
    sort: str | None  # a key of browse.SORTS[kind]
    alignment: Qt.AlignmentFlag = LEADING


class RecordTableModel(QAbstractTableModel):
    """Base of the three record tables: lazy, LRU-limited pages of a ``RecordList``."""

    KIND: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    DEFAULT_SORT: ClassVar[tuple[int, Qt.SortOrder]] = (0, Qt.SortOrder.AscendingOrder)
    PAGE_SIZE: ClassVar[int] = 200
    MAX_PAGES: ClassVar[int] = 8

    def __init__(
        self, ws: Workspace, parent: QObject | None = None, list_filter: ListFilter | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._filter = list_filter or ListFilter()
        self._sort_column, self._sort_order = self.DEFAULT_SORT
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._list = self._make_list()
        self._count = self._list.count()

    # -- what the model shows -------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.KIND

    @property
    def list_filter(self) -> ListFilter:
        return self._filter

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def cached_pages(self) -> tuple[int, ...]:
        """The page numbers held in memory, least recently used first."""
        return tuple(self._pages)

    def _make_list(self) -> RecordList:
        column = self.COLUMNS[self._sort_column]
        return RecordList(
            self._ws,
            self.KIND,
            self._filter,
            sort=column.sort,
            descending=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def set_filter(self, list_filter: ListFilter) -> None:
        if list_filter == self._filter:
            return
        self._filter = list_filter
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (records changed): new count, empty cache."""
        self.beginResetModel()
        self._list = self._make_list()
        self._pages.clear()
        self._count = self._list.count()
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: headers and labels are read again."""
        if self.COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self.COLUMNS) - 1)
            )

    # -- rows -------------------------------------------------------------------------------
    def _page(self, number: int) -> list[dict[str, Any]]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._list.page(number * self.PAGE_SIZE, self.PAGE_SIZE)
        self._prepare(page)
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _prepare(self, rows: list[dict[str, Any]]) -> None:
        """Add values a page needs beyond the stored columns (subclasses)."""

    def row_values(self, row: int) -> dict[str, Any] | None:
        """The stored values of ``row`` (a copy), or None outside the list."""
        found = self._row(row)
        return dict(found) if found is not None else None

    def _row(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self.PAGE_SIZE)
        offset = row % self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def record_id(self, row: int) -> str | None:
        found = self._row(row)
        return found["id"] if found is not None else None

    def row_of(self, record_id: str, near: int = 0) -> int | None:
        """The row showing ``record_id``, looked for in the page around ``near`` and in memory."""
        if self._count:
            self._page(max(0, min(near, self._count - 1)) // self.PAGE_SIZE)
        for number, page in self._pages.items():
            for offset, values in enumerate(page):
                if values["id"] == record_id:
                    return number * self.PAGE_SIZE + offset
        return None

    # -- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._count:
                return str(section + 1)  # Western digits, whatever the locale writes
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(FIELDS, column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = tr(FIELDS, column.title)
            if column.sort is not None:
                return text + "\n" + tr(TABLE_CONTEXT, SORT_HINT)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.COLUMNS):
            return None
        if role not in _ROLES:
            return None
        values = self._row(index.row())
        if values is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(values, column.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tooltip(values, column.key) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.UserRole:
            return values["id"]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in SQL; columns without an SQL order keep the current one."""
        if not 0 <= column < len(self.COLUMNS) or self.COLUMNS[column].sort is None:
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        # Rows cannot be followed to their new places without reading them all: start afresh.
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._list = self._make_list()
        self._pages.clear()
        self.endResetModel()

    # -- cells (subclasses say what each column shows) ----------------------------------------
    def cell_text(self, values: dict[str, Any], key: str) -> str:
        if key == "name":  # victims and facilities: the Arabic name, else the Latin one
            return _preferred(values.get("name_ar"), values.get("name_en"))
        return display_value(self.KIND, key, values.get(key))

    def cell_tooltip(self, values: dict[str, Any], key: str) -> str:
        if key == "name":
            return _both(values.get("name_ar"), values.get("name_en"))
        return self.cell_text(values, key)


SORT_HINT = QT_TRANSLATE_NOOP("RecordTableModel", "Click to sort by this column")

_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole,
    }
)


def _both(first: str | None, second: str | None) -> str:
    return "\n".join(text for text in (first, second) if text)


def _preferred(arabic: str | None, latin: str | None) -> str:
    # The stored sort keys order Arabic first, so the shown text follows the same preference.
    return arabic or latin or ""


class IncidentTableModel(RecordTableModel):
    """Incidents: date (at its precision), governorate, place, perpetrator, attack, victims."""

    KIND = "incident"
    COL_DATE, COL_GOVERNORATE, COL_PLACE, COL_PERPETRATOR, COL_ATTACK_TYPE, COL_VICTIMS = range(6)
    COLUMNS = (
        Column("date", FIELD_TITLES["date"], "date", LEADING),
        Column("governorate", FIELD_TITLES["governorate"], "governorate"),
        Column("place", FIELD_TITLES["place"], "place"),
        Column("perpetrator", FIELD_TITLES["perpetrator"], "perpetrator"),
        Column("attack_type", FIELD_TITLES["attack_type"], "attack_type"),
        Column("victims", FIELD_TITLES["victims"], "victims", TRAILING),
    )
    DEFAULT_SORT = (COL_DATE, Qt.SortOrder.DescendingOrder)

    def _prepare(self, rows: list[dict[str, Any]]) -> None:
        for values in rows:
            values["victims"] = RecordList(
                self._ws, "victim", ListFilter(incident_id=values["id"])
            ).count()

    def cell_text(self, values: dict[str, Any], key: str) -> str:
        if key == "date":
            return _date_text(values.get("date"), values.get("date_precision") or "day")
        if key == "place":
            return _preferred(values.get("place_ar"), values.get("place_en"))
        if key == "victims":
            return str(values.get("victims", ""))
        return super().cell_text(values, key)

    def cell_tooltip(self, values: dict[str, Any], key: str) -> str:
        if key == "place":
            return _both(values.get("place_ar"), values.get("place_en"))
        if key == "date" and values.get("date_precision") not in (None, "day"):
            return (
                self.cell_text(values, key)
                + " ("
                + display_value(self.KIND, "date_precision", values["date_precision"])
                + ")"
            )
        return super().cell_tooltip(values, key)


class VictimTableModel(RecordTableModel):
    """Victims: name (Arabic alphabetical order), sex, age, status, date of death, governorate."""

    KIND = "victim"
    COL_NAME, COL_SEX, COL_AGE, COL_STATUS, COL_DATE_OF_DEATH, COL_GOVERNORATE = range(6)
    COLUMNS = (
        Column("name", FIELD_TITLES["name"], "name"),
        Column("sex", FIELD_TITLES["sex"], "sex"),
        Column("age", FIELD_TITLES["age"], "age", TRAILING),
        Column("status", FIELD_TITLES["status"], "status"),
        Column("date_of_death", FIELD_TITLES["date_of_death"], "date_of_death"),
        Column("governorate", FIELD_TITLES["governorate"], "governorate"),
    )
    DEFAULT_SORT = (COL_NAME, Qt.SortOrder.AscendingOrder)
    # A record linked as one person with others ("same person" in the Duplicates tab): the
    # derived ``person_id`` is already in the page's row, so marking it costs nothing.
    LINKED = QT_TRANSLATE_NOOP("RecordTableModel", "%1 (linked)")
    LINKED_TIP = QT_TRANSLATE_NOOP(
        "RecordTableModel",
        "Linked as one person with another record: the person is counted once.",
    )

    def cell_text(self, values: dict[str, Any], key: str) -> str:
        text = super().cell_text(values, key)
        if key == "name" and values.get("person_id"):
            return tr(TABLE_CONTEXT, self.LINKED).replace("%1", text)
        return text

    def cell_tooltip(self, values: dict[str, Any], key: str) -> str:
        text = super().cell_tooltip(values, key)
        if key == "name" and values.get("person_id"):
            return text + "\n" + tr(TABLE_CONTEXT, self.LINKED_TIP)
        return text


class FacilityAttackTableModel(RecordTableModel):
    """Attacks on vital facilities: facility name, category, damage, date, governorate."""

    KIND = "facility_attack"
    COL_NAME, COL_CATEGORY, COL_DAMAGE, COL_DATE, COL_GOVERNORATE = range(5)
    COLUMNS = (
        Column("name", FIELD_TITLES["name"], "name"),
        Column("category", FIELD_TITLES["category"], "category"),
        Column("damage", FIELD_TITLES["damage"], "damage"),
        Column("date", FIELD_TITLES["date"], "date"),
        Column("governorate", FIELD_TITLES["governorate"], "governorate"),
    )
    DEFAULT_SORT = (COL_DATE, Qt.SortOrder.DescendingOrder)


def _date_text(value: Any, precision: str) -> str:
    if not value:
        return ""
    try:
        return str(PartialDate(dt.date.fromisoformat(str(value)), precision))
    except ValueError:
        return str(value)


_MODELS: dict[str, type[RecordTableModel]] = {
    model.KIND: model for model in (IncidentTableModel, VictimTableModel, FacilityAttackTableModel)
}


def model_for(kind: str) -> type[RecordTableModel]:
    return _MODELS[kind]
