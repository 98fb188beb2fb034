"""First run: choose the language, name the researcher, choose a passphrase, create the database."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from snhr_desktop.domain.fields import RecordInvalid
from snhr_desktop.domain.messages import UserError
from snhr_desktop.i18n import (
    NATIVE_LANGUAGE_NAMES,
    SUPPORTED_LANGUAGES,
    LanguageManager,
    Retranslating,
    current_language,
    tr,
)
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.storage.keys import MIN_PASSPHRASE_LENGTH
from snhr_desktop.ui.dialogs import busy_cursor, fill, left_to_right
from snhr_desktop.ui.unlock import ERROR_STYLE

STRENGTH_CONTEXT = "PassphraseStrength"
STRENGTH_LABELS = (
    QT_TRANSLATE_NOOP("PassphraseStrength", "Too short"),
    QT_TRANSLATE_NOOP("PassphraseStrength", "Weak"),
    QT_TRANSLATE_NOOP("PassphraseStrength", "Fair"),
    QT_TRANSLATE_NOOP("PassphraseStrength", "Good"),
    QT_TRANSLATE_NOOP("PassphraseStrength", "Strong"),
)
STRENGTH_COLOURS = ("#b3261e", "#b3261e", "#b26a00", "#2e7d32", "#1b5e20")


def passphrase_strength(passphrase: str) -> int:
    """0 (shorter than the minimum) to 4, from length, number of words and kinds of character.

    A hint for people, not a security proof: length counts most, since several unrelated words
    are both strong and easy to remember.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return 0
    kinds = set()
    for ch in passphrase:
        category = unicodedata.category(ch)
        if "\u0600" <= ch <= "\u06ff":
            kinds.add("arabic")
        elif category == "Lu":
            kinds.add("upper")
        elif category.startswith("L"):
            kinds.add("lower")
        elif category == "Nd":
            kinds.add("digit")
        else:
            kinds.add("other")
    score = 1
    score += sum(len(passphrase) >= n for n in (12, 16, 20))
    score += len(kinds) >= 3
    score += len(passphrase.split()) >= 4
    return min(score, 4)


class LanguagePage(Retranslating, QWizardPage):
    """Choose the interface language; the wizard switches as soon as a language is picked."""

    def __init__(self, languages: LanguageManager, database: Path) -> None:
        super().__init__()
        self._languages = languages
        self._database = database
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choice_label = QLabel()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.choice_label)
        for lang in SUPPORTED_LANGUAGES:
            # Each language is named in itself, so anyone can find theirs.
            button = QRadioButton(NATIVE_LANGUAGE_NAMES[lang])
            button.setObjectName(f"language_{lang}")
            button.setChecked(lang == current_language())
            button.toggled.connect(lambda on, lang=lang: on and self._choose(lang))
            self.group.addButton(button)
            self.buttons[lang] = button
            layout.addWidget(button)
        layout.addSpacing(8)
        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setEnabled(False)
        layout.addWidget(self.location)
        layout.addStretch(1)
        self.retranslate()

    def _choose(self, lang: str) -> None:
        if lang != current_language():
            self._languages.set_language(lang)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("A new encrypted database will be created on this computer."))
        self.intro.setText(
            self.tr("This program documents incidents, their victims and attacks on vital "
                    "civilian facilities. Everything is stored encrypted and works without "
                    "an internet connection.")
        )
        self.choice_label.setText(self.tr("Interface language:"))
        self.location.setText(fill(self.tr("Database: %1"), left_to_right(self._database)))
        for lang, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(lang == current_language())
            button.blockSignals(False)


class ResearcherPage(Retranslating, QWizardPage):
    """The name recorded as the author of every change made on this computer."""

    def __init__(self) -> None:
        super().__init__()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.name_label = QLabel()
        self.name = QLineEdit()
        self.name.setObjectName("researcher")
        self.name.setMaxLength(200)
        self.name_label.setBuddy(self.name)
        self.registerField("researcher", self.name)
        self.name.textChanged.connect(self.completeChanged)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        self.retranslate()

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Researcher"))
        self.setSubTitle(self.tr("Who documents on this computer?"))
        self.explanation.setText(
            self.tr("Your name is recorded with every record you create, change or delete, so "
                    "the history shows who did what.")
        )
        self.name_label.setText(self.tr("&Your name:"))


class PassphrasePage(Retranslating, QWizardPage):
    """The passphrase, typed twice, with a strength hint and the warning that it cannot be
    recovered."""

    def __init__(self) -> None:
        super().__init__()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label = QLabel()
        self.repeat_label.setBuddy(self.repeat)
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(self._toggle_echo)
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        self.mismatch = QLabel()
        self.mismatch.setObjectName("mismatch")
        self.mismatch.setStyleSheet(ERROR_STYLE)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("createError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.registerField("passphrase", self.passphrase)
        self.registerField("repeat", self.repeat)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.meter)
        form.addRow("", self.strength)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.mismatch)
        form.addRow("", self.show_text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.passphrase.textChanged.connect(self._changed)
        self.repeat.textChanged.connect(self._changed)
        self.retranslate()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def _changed(self) -> None:
        self.error.hide()
        self._update_hints()
        self.completeChanged.emit()

    def _update_hints(self) -> None:
        text = self.passphrase.text()
        score = passphrase_strength(text)
        self.meter.setValue(score)
        self.meter.setStyleSheet(
            f"QProgressBar::chunk {{ background-color: {STRENGTH_COLOURS[score]}; }}"
        )
        label = tr(STRENGTH_CONTEXT, STRENGTH_LABELS[score])
        if score == 0:
            hint = fill(self.tr("%1: at least %2 characters."), label, MIN_PASSPHRASE_LENGTH)
        elif score < 3:
            hint = fill(
                self.tr("%1. Longer is stronger: use several unrelated words, with digits "
                        "or signs."),
                label,
            )
        else:
            hint = fill(self.tr("%1."), label)
        self.strength.setText(hint if text else "")
        differs = bool(self.repeat.text()) and self.repeat.text() != text
        self.mismatch.setText(self.tr("The two passphrases are not the same.") if differs else "")

    def isComplete(self) -> bool:
        text = self.passphrase.text()
        return len(text) >= MIN_PASSPHRASE_LENGTH and self.repeat.text() == text

    def validatePage(self) -> bool:
        wizard = self.wizard()
        return isinstance(wizard, SetupWizard) and wizard.create_workspace()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Passphrase"))
        self.setSubTitle(self.tr("The passphrase encrypts the database. It is asked at every start "
                                 "and after every lock."))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.repeat_label.setText(self.tr("&Repeat it:"))
        self.show_text.setText(self.tr("Show the passphrases while typing"))
        self.warning.setText(
            self.tr("Nobody can recover a forgotten passphrase, and without it the records "
                    "cannot be read. Learn it by heart; if you write it down, keep it far from "
                    "this computer.")
        )
        self._update_hints()


class SetupWizard(Retranslating, QWizard):
    """Creates the encrypted database at ``path`` and emits ``created`` with its workspace."""

    created = Signal(object)  # the Workspace

    def __init__(
        self, path: Path, languages: LanguageManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.workspace: Workspace | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.language_page = LanguagePage(languages, path)
        self.researcher_page = ResearcherPage()
        self.passphrase_page = PassphrasePage()
        self.addPage(self.language_page)
        self.addPage(self.researcher_page)
        self.addPage(self.passphrase_page)
        self.setMinimumSize(640, 480)
        self.retranslate()

    def create_workspace(self) -> bool:
        """Create the database from the fields; on a problem show it on the page and stay."""
        researcher = str(self.field("researcher") or "")
        passphrase = str(self.field("passphrase") or "")
        try:
            with busy_cursor():
                workspace = Workspace.create(self.path, passphrase, researcher)
        except UserError as error:
            self.passphrase_page.show_error(error.render(current_language()))
            return False
        except RecordInvalid as error:
            lang = current_language()
            self.passphrase_page.show_error("\n".join(p.render(lang) for p in error.problems))
            return False
        self.workspace = workspace
        self.created.emit(workspace)
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SNHR Desktop — first start"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create the database"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

