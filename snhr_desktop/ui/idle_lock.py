"""The inactivity lock: a watcher of keyboard and mouse input, and the screen that hides the data."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from snhr_desktop.domain.messages import UserError
from snhr_desktop.i18n import Retranslating
from snhr_desktop.storage import keys
from snhr_desktop.ui.dialogs import busy_cursor
from snhr_desktop.ui.unlock import PassphrasePrompt

# Input that proves someone is at the keyboard. Mouse moves count: reading without typing is work.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.InputMethod,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once no keyboard or mouse input has reached the application for a while.

    It watches every event through an application-wide filter, but only notes the time of the
    latest input: the timer is restarted when it fires, not at every mouse move.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = max(1, int(timeout_ms))
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._installed = False

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, int(timeout_ms))
        if self.active:
            self._schedule()

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._last_input = time.monotonic()
        self._schedule()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def poke(self) -> None:
        """Count as input now (also used after long operations that took no input)."""
        self._last_input = time.monotonic()

    def _schedule(self) -> None:
        elapsed = int((time.monotonic() - self._last_input) * 1000)
        self._timer.start(max(0, self._timeout_ms - elapsed))

    def _check(self) -> None:
        elapsed = int((time.monotonic() - self._last_input) * 1000)
        if elapsed >= self._timeout_ms:
            self.idle.emit()
        else:
            self._timer.start(self._timeout_ms - elapsed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False


class LockScreen(Retranslating, QWidget):
    """Takes the place of the data while locked; emits ``unlocked`` after the right passphrase."""

    unlocked = Signal()

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("lockScreen")

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = PassphrasePrompt()
        self.prompt.submitted.connect(self._try)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(520)
        card.setMinimumWidth(380)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.heading)
        inner.addWidget(self.explanation)
        inner.addWidget(self.prompt)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.retranslate()

    def activate(self) -> None:
        """Prepare for a new unlock: empty field, focus in it."""
        self.prompt.reset()
        self.prompt.field.setFocus()

    def _try(self, passphrase: str) -> None:
        try:
            with busy_cursor():
                keys.unlock_key(keys.key_file_for(self.database), passphrase)
        except UserError as error:
            self.prompt.fail(error)
            return
        self.prompt.succeeded()
        self.unlocked.emit()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Locked"))
        self.explanation.setText(
            self.tr("The records are hidden. Type your passphrase to continue working.")
        )

