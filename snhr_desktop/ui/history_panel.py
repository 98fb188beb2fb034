"""The history of one record from the operations log: when, who, what was done, which fields changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.operation import Operation
from snhr_desktop.i18n import Retranslating, current_language, tr
from snhr_desktop.services.workspace import HistoryEntry, Workspace
from snhr_desktop.ui.dialogs import fill
from snhr_desktop.ui.item_models import ReadOnlyTableModel
from snhr_desktop.ui.table_models import display_value, field_title

Index = QModelIndex | QPersistentModelIndex

ACTION_TITLES = {
    "create": QT_TRANSLATE_NOOP("HistoryModel", "Created"),
    "update": QT_TRANSLATE_NOOP("HistoryModel", "Changed"),
    "delete": QT_TRANSLATE_NOOP("HistoryModel", "Deleted"),
}
# Ids and stamps are bookkeeping, not facts a researcher typed.
HIDDEN_FIELDS = frozenset({"id", "incident_id", "created_at", "updated_at"})


def local_time(operation: Operation) -> str:
    """The operation's time on this computer's clock, to the minute, with Western digits."""
    return operation.timestamp.astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryModel(ReadOnlyTableModel[HistoryEntry]):
    """The operations on one record, newest first; one row per operation."""

    CONTEXT = "HistoryModel"
    COL_TIME, COL_AUTHOR, COL_ACTION, COL_CHANGES = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "Time"),
        QT_TRANSLATE_NOOP("HistoryModel", "Author"),
        QT_TRANSLATE_NOOP("HistoryModel", "Action"),
        QT_TRANSLATE_NOOP("HistoryModel", "Changes"),
    )

    @property
    def entries(self) -> tuple[HistoryEntry, ...]:
        return tuple(self._rows)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.set_rows(reversed(entries))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell_text(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop
        return None

    def cell_text(self, entry: HistoryEntry, column: int) -> str:
        op = entry.operation
        if column == self.COL_TIME:
            return local_time(op)
        if column == self.COL_AUTHOR:
            return op.author
        if column == self.COL_ACTION:
            title = ACTION_TITLES.get(op.action)
            return tr(self.CONTEXT, title) if title else op.action
        if column == self.COL_CHANGES:
            return "\n".join(self.change_lines(entry))
        return ""

    def change_lines(self, entry: HistoryEntry) -> list[str]:
        """One line per changed field: "Field: new" on creation, "Field: old → new" later."""
        op = entry.operation
        lang = current_language()
        lines: list[str] = []
        for name, (old, new) in entry.changes.items():
            if name in HIDDEN_FIELDS:
                continue
            title = field_title(name)
            new_text = _shown(op.record_kind, name, new, lang)
            if op.action == "create":
                lines.append(fill(self.tr("%1: %2"), title, new_text))
            else:
                old_text = _shown(op.record_kind, name, old, lang)
                # The arrow points the way the language reads, from the old value to the new.
                lines.append(fill(self.tr("%1: %2 → %3"), title, old_text, new_text))
        return lines


def _shown(kind: str, field: str, value: Any, lang: str) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = display_value(kind, field, value, lang)
    if not text:
        return "—"
    # In an Arabic line a date or a Latin name must keep its own order (2016-05-03 would show as
    # 03-05-2016): each value is isolated and takes the direction of its first letter.
    return f"\u2068{text}\u2069" if lang == "ar" else text


class HistoryPanel(Retranslating, QWidget):
    """Shows the history of the record selected in a list, in the interface language."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._record_id: str | None = None
        self.model = HistoryModel(self)

        self.title = QLabel()
        self.title.setObjectName("historyTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        self.placeholder = QLabel()
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.model.modelReset.connect(self.view.resizeRowsToContents)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        self.retranslate()

    @property
    def record_id(self) -> str | None:
        return self._record_id

    def show_record(self, record_id: str | None) -> None:
        """Show the history of ``record_id`` (None: nothing selected)."""
        self._record_id = record_id
        self.reload()

    def reload(self) -> None:
        entries = self._ws.history(self._record_id) if self._record_id else []
        self.model.set_entries(entries)
        self.stack.setCurrentWidget(self.view if entries else self.placeholder)

    def retranslate(self) -> None:
        self.title.setText(self.tr("History of the selected record"))
        self.placeholder.setText(self.tr("Select a record to see who changed what, and when."))
        self.model.retranslate()
        self.view.resizeRowsToContents()

