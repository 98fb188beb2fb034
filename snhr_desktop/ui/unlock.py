"""Asking for the passphrase: the prompt with slowing retries, and the dialog that opens a database."""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.messages import UserError
from snhr_desktop.i18n import (
    NATIVE_LANGUAGE_NAMES,
    LanguageManager,
    Retranslating,
    current_language,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.dialogs import busy_cursor, fill, left_to_right

ERROR_STYLE = "color: #b3261e;"


class PassphrasePrompt(Retranslating, QWidget):
    """A passphrase field and button; after each failure the button waits 1, 2, 4, 8… seconds.

    The owner connects ``submitted``, checks the passphrase, then calls ``fail(message)`` or
    ``succeeded()``. The field stays editable while the button waits, so nothing typed is lost.
    """

    submitted = Signal(str)

    BASE_DELAY_MS = 1000
    MAX_DELAY_MS = 64_000
    TICK_MS = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._failures = 0
        self._delay_ms = 0
        self._wait_until = 0.0
        self._busy = False
        self._error: UserError | str | None = None

        self.label = QLabel()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setObjectName("passphrase")
        self.label.setBuddy(self.field)
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(self._toggle_echo)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.message = QLabel()
        self.message.setObjectName("passphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.countdown = QLabel()
        self.countdown.setObjectName("retryCountdown")
        # Room for the messages is kept from the start: a window that has been shown does not
        # grow by itself, and a wrapped message would be cut.
        lines = self.fontMetrics().lineSpacing()
        self.message.setMinimumHeight(2 * lines)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.countdown.setMinimumHeight(lines)

        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.show_text)
        layout.addWidget(self.message)
        layout.addWidget(self.countdown)

        self.field.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.field.textChanged.connect(self._update_button)
        self.retranslate()
        self._update_button()

    # -- state ------------------------------------------------------------------------------
    @property
    def failures(self) -> int:
        return self._failures

    @property
    def retry_delay_ms(self) -> int:
        """How long the button waited (or waits) after the latest failure."""
        return self._delay_ms

    @property
    def waiting(self) -> bool:
        return self._remaining_ms() > 0

    def _remaining_ms(self) -> int:
        return max(0, int((self._wait_until - time.monotonic()) * 1000))

    def submit(self) -> None:
        passphrase = self.field.text()
        if self.waiting or self._busy or not passphrase:
            return
        self._busy = True
        self._update_button()
        try:
            self.submitted.emit(passphrase)
        finally:
            self._busy = False
            self._update_button()

    def fail(self, error: UserError | str) -> None:
        """Show why it failed and make the next attempt wait twice as long as the last."""
        self._failures += 1
        self._delay_ms = min(self.MAX_DELAY_MS, self.BASE_DELAY_MS * 2 ** (self._failures - 1))
        self._wait_until = time.monotonic() + self._delay_ms / 1000
        self._error = error
        self._show_error()
        self.field.selectAll()
        self.field.setFocus()
        self._timer.start()
        self._tick()

    def succeeded(self) -> None:
        """Forget failures and the typed passphrase."""
        self.reset()
        self._failures = 0
        self._delay_ms = 0
        self._wait_until = 0.0

    def reset(self) -> None:
        """Empty the field and hide messages (the failure count and any wait stay)."""
        self.field.clear()
        self._error = None
        self.message.clear()
        self._tick()

    def _show_error(self) -> None:
        if self._error is None:
            self.message.clear()
            return
        error = self._error
        self.message.setText(
            error.render(current_language()) if isinstance(error, UserError) else error
        )

    def _tick(self) -> None:
        remaining = self._remaining_ms()
        if remaining <= 0:
            self._timer.stop()
            self.countdown.clear()
        else:
            seconds = math.ceil(remaining / 1000)
            self.countdown.setText(fill(self.tr("You can try again in %1 s."), seconds))
        self._update_button()

    def _update_button(self) -> None:
        self.button.setEnabled(not self.waiting and not self._busy and bool(self.field.text()))
        self.button.setText(self.tr("Unlocking…") if self._busy else self._button_text)

    def _toggle_echo(self, shown: bool) -> None:
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.label.setText(self.tr("&Passphrase:"))
        self.show_text.setText(self.tr("Show the passphrase while typing"))
        self._button_text = self.tr("Unlock")
        self._show_error()
        self._tick()


class LanguageToggle(Retranslating, QPushButton):
    """A flat button that switches to the other interface language, named in that language."""

    def __init__(self, languages: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages = languages
        self.setFlat(True)
        self.setObjectName("languageToggle")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clicked.connect(self._switch)
        self.retranslate()

    def other(self) -> str:
        return "en" if current_language() == "ar" else "ar"

    def _switch(self) -> None:
        self._languages.set_language(self.other())
        self.switched.emit(current_language())

    switched = Signal(str)

    def retranslate(self) -> None:
        self.setText(NATIVE_LANGUAGE_NAMES[self.other()])


class UnlockDialog(Retranslating, QDialog):
    """Opens the existing database at ``path`` once the right passphrase is typed."""

    opened = Signal(object)  # the Workspace

    def __init__(
        self, path: Path, languages: LanguageManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.workspace: Workspace | None = None
        self.heading = QLabel()
        self.heading.setObjectName("unlockHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setEnabled(False)
        self.prompt = PassphrasePrompt()
        self.prompt.submitted.connect(self._try)
        self.language = LanguageToggle(languages)
        self.quit_button = QPushButton()
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.language)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.location)
        layout.addSpacing(6)
        layout.addWidget(self.prompt)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(480)
        self.retranslate()
        self.prompt.field.setFocus()

    def _try(self, passphrase: str) -> None:
        try:
            with busy_cursor():
                workspace = Workspace.open(self.path, passphrase)
        except UserError as error:
            self.prompt.fail(error)
            return
        self.workspace = workspace
        self.prompt.succeeded()
        self.opened.emit(workspace)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unlock the database"))
        self.heading.setText(self.tr("Unlock the database"))
        self.explanation.setText(
            self.tr("The records are encrypted. Type the passphrase chosen when this database "
                    "was created.")
        )
        self.location.setText(fill(self.tr("Database: %1"), left_to_right(self.path)))
        self.quit_button.setText(self.tr("Quit"))

