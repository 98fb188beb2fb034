"""The read-only table model base: counts, flags, translated headers, resets and retranslation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt

from snhr_desktop.ui.item_models import LEADING, ReadOnlyTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
HORIZONTAL = Qt.Orientation.Horizontal


class WordsModel(ReadOnlyTableModel[str]):
    """Each word and its length; headers borrowed from a context the Arabic translation has."""

    CONTEXT = "HistoryModel"
    HEADERS = (QT_TRANSLATE_NOOP("HistoryModel", "Time"), QT_TRANSLATE_NOOP("HistoryModel", "Action"))

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY or not 0 <= index.row() < len(self._rows):
            return None
        word = self._rows[index.row()]
        return word if index.column() == 0 else str(len(word))


def test_rows_columns_and_flags(qtmodeltester: Any) -> None:
    model = WordsModel()
    assert (model.rowCount(), model.columnCount()) == (0, 2)
    model.set_rows(iter(["one", "three"]))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert [model.data(model.index(1, c)) for c in range(2)] == ["three", "5"]
    parent = model.index(0, 0)
    assert (model.rowCount(parent), model.columnCount(parent)) == (0, 0)
    flags = model.flags(parent)
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemNeverHasChildren
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_headers_follow_the_language(languages: Any) -> None:
    model = WordsModel()
    assert model.headerData(0, HORIZONTAL) == "Time"
    assert model.headerData(1, HORIZONTAL, Qt.ItemDataRole.TextAlignmentRole) == LEADING
    assert model.headerData(0, HORIZONTAL, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(2, HORIZONTAL) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    languages.set_language("ar")
    assert model.headerData(0, HORIZONTAL) == "الوقت"


def test_set_rows_resets_and_retranslate_covers_every_cell(qtbot: Any) -> None:
    model = WordsModel()
    headers: list[tuple[int, int]] = []
    cells: list[tuple[int, int, int, int]] = []
    model.headerDataChanged.connect(lambda _o, first, last: headers.append((first, last)))
    model.dataChanged.connect(
        lambda tl, br, _roles=(): cells.append((tl.row(), tl.column(), br.row(), br.column()))
    )
    model.retranslate()
    assert (headers, cells) == ([(0, 1)], [])  # no rows: no cell to repaint
    with qtbot.wait_signal(model.modelReset):
        model.set_rows(["a", "bb", "ccc"])
    model.retranslate()
    assert cells == [(0, 0, 2, 1)]
