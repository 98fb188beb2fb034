"""Small helpers shared by the windows: busy cursor, message boxes, questions tests can answer."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

# Boxes opened with open() must outlive the function that opened them.
_open_boxes: list[QMessageBox] = []


def fill(text: str, *values: object) -> str:
    """Put ``values`` in place of %1, %2, … in a translated text (highest numbers first)."""
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", str(values[number - 1]))
    return text


def left_to_right(text: object) -> str:
    """``text`` isolated as left-to-right (file paths, ids) so Arabic sentences do not reorder it."""
    return f"\u2066{text}\u2069"


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor around slow work done on the GUI thread (key derivation, imports)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    # Let the cursor and any "working…" text reach the screen, without running queued clicks.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    details: str = "",
) -> QMessageBox:
    """A window-modal message box shown with ``open()``, deleted when closed."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.NonModal)
    _open_boxes.append(box)
    box.finished.connect(lambda _result, b=box: _forget(b))
    box.open()
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    return show_message(parent, title, text, QMessageBox.Icon.Warning)


def _forget(box: QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)


T = TypeVar("T")
Progress = Callable[[int, int], None]


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    work: Callable[[Progress], T],
    *,
    on_step: Callable[[], Any] | None = None,
    object_name: str = "progress",
) -> T:
    """Run ``work(report)`` under a busy cursor with a modal progress dialog (shown only when the
    work lasts); ``report(done, total)`` moves the bar and calls ``on_step`` (e.g. to tell the
    idle lock the user is still there)."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName(object_name)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoClose(False)
    progress.setWindowTitle(title)

    def report(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))
        if on_step is not None:
            on_step()

    try:
        with busy_cursor():
            return work(report)
    finally:
        progress.close()
        progress.deleteLater()
