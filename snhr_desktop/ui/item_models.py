"""The base of the small read-only table models whose rows are all held in a list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from snhr_desktop.i18n import tr

__all__ = ["LEADING", "ReadOnlyTableModel"]

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

LEADING = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter


class ReadOnlyTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat table that is only looked at: one row per item of ``self._rows``, one column per
    text of ``HEADERS``.

    A subclass names its translation ``CONTEXT``, marks each header with
    ``QT_TRANSLATE_NOOP(CONTEXT, …)`` in ``HEADERS`` and writes ``data()``. This base does the
    rest of Qt's interface the same way for all of them: no row has children; cells are enabled
    and selectable, never editable; headers are translated each time ``headerData`` is asked, so
    a language switch only needs :meth:`retranslate`; :meth:`set_rows` shows new rows. A column
    whose header needs more than its text overrides :meth:`header_text`, :meth:`header_tooltip`
    or :meth:`header_alignment`.

    Models that read their rows in batches (``canFetchMore``/``fetchMore``) append to
    ``self._rows`` between ``beginInsertRows`` and ``endInsertRows`` themselves.
    """

    CONTEXT: ClassVar[str] = ""
    # Typed ``object`` because that is what PySide6's stubs give QT_TRANSLATE_NOOP; the texts are
    # str. A subclass whose columns depend on its arguments sets HEADERS on the instance.
    HEADERS: Sequence[object] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Show ``rows`` in place of the current ones (views drop their selection)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: views read every header and cell again."""
        if self.HEADERS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def header_text(self, section: int) -> str:
        """The title of column ``section`` in the interface language."""
        return tr(self.CONTEXT, str(self.HEADERS[section]))

    def header_tooltip(self, section: int) -> str | None:
        """The header's tooltip; none unless a subclass has more to say than the title."""
        return None

    def header_alignment(self, section: int) -> Qt.AlignmentFlag | None:
        """Where the header's text sits (None: Qt's default, centred)."""
        return LEADING

    # -- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.header_alignment(section)
        return None
