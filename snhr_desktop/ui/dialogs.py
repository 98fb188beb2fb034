"""Small helpers shared by the windows: busy cursor, message boxes, questions tests can answer."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QObject, Qt, QThread, Signal
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


class _Worker(QThread):
    """Runs one piece of work; its outcome and progress arrive as queued signals."""

    progressed = Signal(int, int)
    returned = Signal(object)
    raised = Signal(object)

    def __init__(self, work: Callable[[Progress, Callable[[], bool]], Any],
                 stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop.is_set)
        except BaseException as error:  # handed to the GUI thread, which decides what it means
            self.raised.emit(error)
        else:
            self.returned.emit(result)


# Tasks must outlive the function that started them, until their thread has finished.
_running_tasks: list[BackgroundTask] = []


class BackgroundTask(QObject):
    """``work(report, cancelled)`` on a worker thread, under a window-modal progress dialog with a
    Cancel button: the window goes on repainting and answering while it runs.

    The work must not touch widgets or the database connection, which belong to the GUI thread.
    ``report(done, total)`` moves the bar; ``cancelled()`` turns true once Cancel is pressed and
    the work stops at its next check by raising one of ``cancel_errors``. The outcome arrives on
    the GUI thread as ``succeeded(result)``, ``failed(exception)`` or ``cancelled()``, then
    ``finished()``. Quitting the application cancels the work and waits for it.
    """

    progressed = Signal(int, int)  # (done, total) as the bar shows it
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        label: str,
        work: Callable[[Progress, Callable[[], bool]], Any],
        *,
        cancel_errors: tuple[type[BaseException], ...] = (),
        object_name: str = "progress",
        minimum_duration: int = 400,
    ) -> None:
        super().__init__()
        self._stop = threading.Event()
        self._cancel_errors = cancel_errors
        self._latest = (0, 0)
        self._updating = False
        self._worker = _Worker(work, self._stop)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName(object_name)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(minimum_duration)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setLocale(QLocale.c())  # the interface shows Western digits (see i18n)
        self.dialog.canceled.connect(self.cancel)
        self._worker.progressed.connect(self._progress)
        self._worker.returned.connect(self._returned)
        self._worker.raised.connect(self._raised)
        self._worker.finished.connect(self._gone)
        self._worker.finished.connect(self._worker.deleteLater)

    @property
    def running(self) -> bool:
        """Whether the worker thread is still running (its outcome may already have arrived)."""
        return self in _running_tasks

    def start(self) -> None:
        _running_tasks.append(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)
        self._worker.start()

    def cancel(self) -> None:
        """Ask the work to stop; its outcome still arrives (``cancelled`` once it has stopped)."""
        self._stop.set()

    def stop_and_wait(self) -> None:
        self._stop.set()
        if self in _running_tasks:
            self._worker.wait()

    def _progress(self, done: int, total: int) -> None:
        # A modal progress dialog processes events in setValue(), which may deliver the next
        # progress signals: those only note their values, so updates never nest.
        self._latest = (done, total)
        self.progressed.emit(done, total)
        if self._updating:
            return
        self._updating = True
        shown = None
        try:
            while shown != self._latest:
                shown = self._latest
                with contextlib.suppress(RuntimeError):  # the dialog went with its window
                    self.dialog.setMaximum(max(shown[1], 1))
                    self.dialog.setValue(min(shown[0], max(shown[1], 1)))
        finally:
            self._updating = False

    def _returned(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)
        self.finished.emit()

    def _raised(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, self._cancel_errors):
            self.cancelled.emit()
        else:
            self.failed.emit(error)
        self.finished.emit()

    def _end(self) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog went with its window
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()

    def _gone(self) -> None:
        """The thread has finished: the task may be forgotten."""
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self.stop_and_wait)
        if self in _running_tasks:
            _running_tasks.remove(self)
