"""Qt-side language switching: translators, right-to-left layout, locale, fonts, collation, digits.

The interface speaks Arabic or English and switches between them while running, with no restart.
``LanguageManager.set_language`` swaps our translator and Qt's own ``qtbase_<lang>`` translation
(so stock buttons such as OK, Cancel and Save follow), sets the layout direction explicitly
(right-to-left for Arabic), the default ``QLocale`` and the application font (the shipped Noto
Sans Arabic while Arabic is active).

How a widget takes part: it has exactly one method, ``retranslate()``, that sets every visible
text it owns (labels, titles, tooltips, header texts, placeholder texts). It calls
``retranslate()`` at the end of its constructor, and again when it receives
``QEvent.LanguageChange``, which Qt sends to every widget after translators are installed or
removed; the :class:`Retranslating` mixin does that part::

    class SyncPage(Retranslating, QWidget): ...

Texts are never set once in ``__init__`` and forgotten, so a switch needs no rebuilt windows.
Item models translate in ``headerData``/``data`` and call ``headerDataChanged`` on
``language_changed``.

Marking strings for ``pyside6-lupdate`` (``i18n/update.py``): inside QObject subclasses use
``self.tr("…")``; elsewhere call ``translate("Context", "…")`` from this module, or mark a
constant with ``QT_TRANSLATE_NOOP("Context", "…")`` and look it up later with
``tr(context, text)``. lupdate reads any bare ``tr(`` call as ``QObject.tr``, so ``tr()`` must
only be given variables; ``i18n/update.py`` rejects ``tr("literal", …)`` calls.

Digits: the interface shows Western digits. Arabic keyboards type Arabic-Indic digits (٠-٩, or
the Extended ۰-۹ on Persian layouts), so numeric and date line edits fold them to ASCII as the
user types (``install_digit_folding``). Note that the Arabic default ``QLocale`` (ar_SY) itself
writes Arabic-Indic digits (``QLocale().toString(2016)`` is "٢٬٠١٦", and so do spin boxes and date
edits that use it): format numbers shown to users with ``str``/f-strings or ``QLocale.c()``.

Layout stress test: with ``SNHR_PSEUDO_I18N=stretch`` in the environment every text of ours comes
out about 40 % longer and bracketed (``StretchingTranslator``), in either language. A label cut
short loses its closing bracket; a text without brackets has no translation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCollator,
    QCollatorSortKey,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QValidator
from PySide6.QtWidgets import QApplication, QLineEdit

from snhr_desktop import paths
from snhr_desktop.domain.names import fold_digits

__all__ = [
    "ARABIC_FONT_FAMILY",
    "FONTS_DIR",
    "LATIN_FONT_FAMILY",
    "NATIVE_LANGUAGE_NAMES",
    "SUPPORTED_LANGUAGES",
    "Collator",
    "DigitFoldingValidator",
    "LanguageManager",
    "collation_key",
    "current_language",
    "install_digit_folding",
    "language_name",
    "locale_for",
    "register_fonts",
    "to_ascii_digits",
    "tr",
    "translate",
]

SUPPORTED_LANGUAGES: Final = ("ar", "en")
RIGHT_TO_LEFT: Final = frozenset({"ar"})
TRANSLATION_BASENAME: Final = "snhr_desktop"

FONTS_DIR: Final = paths.RESOURCES / "fonts"
ARABIC_FONT_FAMILY: Final = "Noto Sans Arabic"
# Noto Sans Arabic has Arabic letters, digits and punctuation but no Latin letters; Noto Sans is
# its designed Latin companion, used for names in Latin script while the interface is Arabic.
LATIN_FONT_FAMILY: Final = "Noto Sans"
# Arabic letters look small at the 9 pt some desktops default to; their dots and marks need more.
MIN_ARABIC_POINT_SIZE: Final = 10.0

NATIVE_LANGUAGE_NAMES: Final = {"ar": "العربية", "en": "English"}
"""Each language named in itself, for the language menu (never translated)."""

_LANGUAGE_NAMES: Final = {
    "ar": str(QT_TRANSLATE_NOOP("Language", "Arabic")),
    "en": str(QT_TRANSLATE_NOOP("Language", "English")),
}

_current_language: str = "en"



class Retranslating:
    """Mixin for widgets (before the Qt class in the bases): ``retranslate()`` again whenever Qt
    reports a language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # type: ignore[attr-defined]
        super().changeEvent(event)  # type: ignore[misc]


def _check_language(lang: str) -> str:
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED_LANGUAGES}")
    return lang


def current_language() -> str:
    """The active interface language ("en", the source language, until one is installed)."""
    return _current_language


def locale_for(lang: str) -> QLocale:
    """The ``QLocale`` used for ``lang``: Arabic as written in Syria, British English."""
    if _check_language(lang) == "ar":
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Syria)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` for code that is not a QObject; lupdate extracts it."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def tr(context: str, text: str) -> str:
    """Look up an already marked string (``QT_TRANSLATE_NOOP``) at run time; pass variables only."""
    return QCoreApplication.translate(context, text)


def language_name(lang: str) -> str:
    """The name of ``lang`` in the current interface language ("Arabic" / "العربية")."""
    return translate("Language", _LANGUAGE_NAMES[_check_language(lang)])


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------

_registered_fonts: dict[str, int] = {}


def register_fonts() -> list[str]:
    """Register the shipped fonts in ``resources/fonts`` once; return their family names.

    Needs a ``QGuiApplication``. Safe to call again: files already registered are not added twice.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_fonts() needs a QGuiApplication")
    families: list[str] = []
    for font_file in sorted(FONTS_DIR.glob("*.[ot]tf")):
        key = str(font_file)
        font_id = _registered_fonts.get(key, -1)
        if font_id < 0 or not QFontDatabase.applicationFontFamilies(font_id):
            font_id = QFontDatabase.addApplicationFont(key)
            if font_id < 0:
                raise RuntimeError(f"Qt could not load the font file {font_file}")
            _registered_fonts[key] = font_id
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def _interface_font(base: QFont, lang: str) -> QFont:
    font = QFont(base)
    if lang == "ar":
        font.setFamilies([ARABIC_FONT_FAMILY, LATIN_FONT_FAMILY])
        if 0 < font.pointSizeF() < MIN_ARABIC_POINT_SIZE:
            font.setPointSizeF(MIN_ARABIC_POINT_SIZE)
    else:
        # The platform's own font, with the shipped Arabic font for Arabic names in English screens.
        font.setFamilies([*(base.families() or [base.family()]), ARABIC_FONT_FAMILY])
    return font


# --------------------------------------------------------------------------------------------
# Language switching
# --------------------------------------------------------------------------------------------


class LanguageManager(QObject):
    """Installs one interface language on the application and switches it at run time."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app: QApplication | None = None
        self._language: str | None = None
        # QApplication does not own installed translators: without these references Python
        # would collect them and the texts would silently fall back to English.
        self._translators: list[QTranslator] = []
        self._base_font: QFont | None = None
        self._base_direction = Qt.LayoutDirection.LayoutDirectionAuto
        self._base_locale = QLocale()

    @property
    def language(self) -> str | None:
        """The language this manager installed, or None before ``install``."""
        return self._language

    @property
    def translators(self) -> tuple[QTranslator, ...]:
        """The translators currently installed by this manager (ours first, then Qt's)."""
        return tuple(self._translators)

    def install(self, app: QApplication, lang: str) -> None:
        """Take charge of ``app``'s language: register the fonts and switch to ``lang``."""
        _check_language(lang)
        if self._app is None:
            self._app = app
            self._base_font = QFont(app.font())
            self._base_direction = app.layoutDirection()
            self._base_locale = QLocale()
        elif self._app is not app:
            raise RuntimeError("this LanguageManager is already installed on another application")
        register_fonts()
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Switch the running interface to ``lang``; widgets retranslate on ``LanguageChange``."""
        global _current_language
        _check_language(lang)
        app = self._require_app()
        # Direction, locale, font and current_language() are set before the translators change,
        # because installing a translator is what sends LanguageChange to every widget, and
        # retranslate() may look at all of them.
        _current_language = lang
        self._language = lang
        QLocale.setDefault(locale_for(lang))
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if lang in RIGHT_TO_LEFT
            else Qt.LayoutDirection.LeftToRight
        )
        assert self._base_font is not None
        app.setFont(_interface_font(self._base_font, lang))
        self._remove_translators(app)
        for translator in (self._load_own(lang), self._load_qt(lang)):
            if translator is not None and app.installTranslator(translator):
                self._translators.append(translator)
        # QApplication posts LanguageChange to the top-level widgets; delivering just those now
        # makes the switch complete when this returns, without running other queued events.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(lang)

    def uninstall(self) -> None:
        """Remove the translators and restore the font, direction and locale found at install."""
        global _current_language
        if self._app is None:
            return
        app = self._app
        self._remove_translators(app)
        QLocale.setDefault(self._base_locale)
        app.setLayoutDirection(self._base_direction)
        if self._base_font is not None:
            app.setFont(self._base_font)
        self._app = None
        self._language = None
        _current_language = "en"

    def _require_app(self) -> QApplication:
        if self._app is None:
            raise RuntimeError("call LanguageManager.install(app, lang) first")
        return self._app

    def _remove_translators(self, app: QApplication) -> None:
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators.clear()

    def _load_own(self, lang: str) -> QTranslator | None:
        stretch = os.environ.get(PSEUDO_I18N_VARIABLE) == "stretch"
        translator = StretchingTranslator(self) if stretch else QTranslator(self)
        if translator.load(f"{TRANSLATION_BASENAME}_{lang}", str(paths.I18N)):
            return translator
        # English is the source language, so it still reads correctly without its .qm; a missing
        # Arabic .qm is a broken install and must not pass unnoticed.
        if lang != "en":
            raise FileNotFoundError(
                f"missing translation {paths.I18N / f'{TRANSLATION_BASENAME}_{lang}.qm'}; "
                "build it with: python i18n/update.py --release"
            )
        return None

    def _load_qt(self, lang: str) -> QTranslator | None:
        translator = QTranslator(self)
        directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        return translator if translator.load(f"qtbase_{lang}", directory) else None


PSEUDO_I18N_VARIABLE: Final = "SNHR_PSEUDO_I18N"
STRETCH: Final = 0.4


class StretchingTranslator(QTranslator):
    """Each translation found about 40 % longer, between brackets (``SNHR_PSEUDO_I18N=stretch``).

    Shows which labels are cut, and which texts have no translation, before a translator does.
    Placeholders (``%1``, ``{name}``) and ``&`` shortcuts are kept as they are.
    """

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        text = super().translate(context, source_text, disambiguation, n)
        if not text:
            # Not found is a null string (None), not "": Qt then asks the next translator and
            # PySide's tr() the next class of the object.
            return None
        return f"[{text} {'~' * max(2, round(len(text) * STRETCH))}]"


# --------------------------------------------------------------------------------------------
# Sorting
# --------------------------------------------------------------------------------------------


class Collator:
    """Locale-aware, case-insensitive comparison of names, numbers inside them compared as numbers.

    ``sorted(names, key=Collator("ar").key)`` orders Arabic names as an Arabic reader expects
    (hamza forms of alef together, "item 9" before "item 10").
    """

    def __init__(self, lang: str) -> None:
        self.lang = _check_language(lang)
        self._collator = QCollator(locale_for(lang))
        self._collator.setNumericMode(True)
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def key(self, text: str) -> QCollatorSortKey:
        """A sort key; keys from the same collator compare with ``<``."""
        return self._collator.sortKey(text)

    def compare(self, left: str, right: str) -> int:
        """Negative, zero or positive as ``left`` sorts before, with or after ``right``."""
        return self._collator.compare(left, right)

    def sorted(self, texts: Iterable[str]) -> list[str]:
        """``texts`` in collation order."""
        return sorted(texts, key=self.key)


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def _collator(lang: str) -> Collator:
    return Collator(lang)


def collation_key(text: str, lang: str) -> QCollatorSortKey:
    """Sort key for ``text`` under ``lang``'s collation (see ``Collator``)."""
    return _collator(_check_language(lang)).key(text)


# --------------------------------------------------------------------------------------------
# Digits typed on Arabic keyboards
# --------------------------------------------------------------------------------------------


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to ASCII; nothing else changes."""
    return fold_digits(text)


class DigitFoldingValidator(QValidator):
    """Folds Arabic-Indic digits to ASCII, then lets an optional inner validator judge the text.

    QLineEdit adopts the text a validator hands back, so typed or pasted ٢٠١٦ becomes 2016 in
    the field itself, and the inner validator (say a ``QIntValidator``) only ever sees ASCII.
    """

    def __init__(self, inner: QValidator | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner = inner
        if inner is not None and inner.parent() is None:
            inner.setParent(self)

    @property
    def inner(self) -> QValidator | None:
        """The wrapped validator, if any."""
        return self._inner

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # Each folded digit is one UTF-16 unit, as before, so the cursor position stays valid.
        folded = to_ascii_digits(text)
        if self._inner is None:
            return QValidator.State.Acceptable, folded, pos
        result = self._inner.validate(folded, pos)
        if isinstance(result, tuple):
            state, folded, pos = result[0], result[1], result[2]
        else:
            state = result
        return QValidator.State(state), folded, pos

    def fixup(self, text: str) -> str:
        folded = to_ascii_digits(text)
        if self._inner is None:
            return folded
        fixed = self._inner.fixup(folded)
        return folded if fixed is None else fixed


def install_digit_folding(line_edit: QLineEdit) -> DigitFoldingValidator:
    """Make ``line_edit`` turn typed Arabic-Indic digits into ASCII, keeping its own validator.

    Call it after the field's own validator is set: a later ``setValidator`` replaces the folding.
    """
    current = line_edit.validator()
    if isinstance(current, DigitFoldingValidator):
        return current
    folding = DigitFoldingValidator(current, line_edit)
    line_edit.setValidator(folding)
    if (folded := to_ascii_digits(line_edit.text())) != line_edit.text():
        line_edit.setText(folded)
    return folding
