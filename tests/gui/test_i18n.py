"""Run-time language switching: direction, Qt's own translations, fonts, collation, digits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QIntValidator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop import i18n
from snhr_desktop.i18n import (
    ARABIC_FONT_FAMILY,
    LATIN_FONT_FAMILY,
    Collator,
    LanguageManager,
    collation_key,
    current_language,
    install_digit_folding,
    language_name,
    register_fonts,
    to_ascii_digits,
    translate,
)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def type_text(widget: QWidget, text: str) -> None:
    # One key event per character with the text attached: qtbot.keyClicks cannot type non-ASCII.
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


class TranslatedPanel(QWidget):
    """A widget written the way every widget of the app is: one retranslate(), called twice."""

    def __init__(self) -> None:
        super().__init__()
        self.language_changes = 0
        self.title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(language_name("ar"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.language_changes += 1
            self.retranslate()
        super().changeEvent(event)


def test_arabic_is_right_to_left_and_english_left_to_right(
    qapp: QApplication, languages: LanguageManager
) -> None:
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    languages.set_language("ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().language() == QLocale.Language.Arabic
    assert QLocale().territory() == QLocale.Country.Syria
    assert current_language() == languages.language == "ar"

    languages.set_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QLocale().language() == QLocale.Language.English
    assert current_language() == "en"


def test_switch_emits_language_changed(qtbot, languages: LanguageManager) -> None:
    with qtbot.waitSignal(languages.language_changed) as blocker:
        languages.set_language("ar")
    assert blocker.args == ["ar"]


def test_qt_stock_buttons_follow_the_language(qtbot, languages: LanguageManager) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert not has_arabic(cancel.text())

    languages.set_language("ar")
    arabic_cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert has_arabic(arabic_cancel)
    assert cancel.text() == arabic_cancel  # an existing box, retranslated by Qt in place
    assert len(languages.translators) == 2

    languages.set_language("en")
    assert not has_arabic(cancel.text())
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_our_translations_switch_at_run_time(languages: LanguageManager) -> None:
    assert language_name("ar") == "Arabic"
    languages.set_language("ar")
    assert language_name("ar") == "العربية"
    assert translate("Language", "English") == "الإنجليزية"
    languages.set_language("en")
    assert language_name("en") == "English"


def test_old_translators_are_removed_on_switch(languages: LanguageManager) -> None:
    languages.set_language("ar")
    arabic = languages.translators
    languages.set_language("en")
    assert not set(arabic) & set(languages.translators)
    assert language_name("ar") == "Arabic"


def test_widget_retranslates_on_language_change(qtbot, languages: LanguageManager) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    panel = TranslatedPanel()
    QVBoxLayout(window).addWidget(panel)  # nested, as panels are in the main window
    assert panel.title.text() == "Arabic"

    languages.set_language("ar")
    assert panel.language_changes == 1  # once per switch, however many translators changed
    assert panel.title.text() == "العربية"
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft

    languages.set_language("en")
    assert panel.language_changes == 2
    assert panel.title.text() == "Arabic"
    assert panel.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_shipped_fonts_register_once(qapp: QApplication) -> None:
    families = register_fonts()
    assert ARABIC_FONT_FAMILY in families
    assert LATIN_FONT_FAMILY in families
    assert register_fonts() == families
    assert len(set(i18n._registered_fonts.values())) == len(list(i18n.FONTS_DIR.glob("*.ttf")))
    assert ARABIC_FONT_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)


def test_arabic_uses_the_shipped_font(qapp: QApplication, languages: LanguageManager) -> None:
    english_family = qapp.font().family()
    languages.set_language("ar")
    font = qapp.font()
    assert font.families()[:2] == [ARABIC_FONT_FAMILY, LATIN_FONT_FAMILY]
    assert QFontInfo(font).family() == ARABIC_FONT_FAMILY
    assert font.pointSizeF() >= i18n.MIN_ARABIC_POINT_SIZE

    languages.set_language("en")
    assert qapp.font().family() == english_family
    assert ARABIC_FONT_FAMILY in qapp.font().families()


def test_unknown_language_is_refused(languages: LanguageManager) -> None:
    with pytest.raises(ValueError, match="fr"):
        languages.set_language("fr")
    assert current_language() == "en"


def test_arabic_indic_digits_fold_to_ascii() -> None:
    assert to_ascii_digits("٢٠١٦-٠٥-٠٣") == "2016-05-03"
    assert to_ascii_digits("۱۴۰۲ and 7") == "1402 and 7"
    assert to_ascii_digits("حلب") == "حلب"


def test_date_field_folds_digits_as_typed(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    install_digit_folding(field)
    type_text(field, "٢٠١٦-٠٥-٠٣")
    assert field.text() == "2016-05-03"
    assert field.cursorPosition() == len("2016-05-03")


def test_folding_keeps_the_fields_own_validator(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setValidator(QIntValidator(0, 120, field))
    folding = install_digit_folding(field)
    assert install_digit_folding(field) is folding
    assert isinstance(folding.inner, QIntValidator)

    type_text(field, "٣٤")
    assert field.text() == "34"
    assert field.hasAcceptableInput()
    type_text(field, "x۵")  # a letter is still refused by the inner validator
    assert field.text() == "345"
    assert not field.hasAcceptableInput()  # 345 is over the maximum age


def test_arabic_collation_orders_names_for_arabic_readers() -> None:
    names = ["ياسر", "بسام", "إبراهيم", "أحمد", "Zaid", "آمنة", "احمد"]
    ordered = Collator("ar").sorted(names)
    arabic = [name for name in ordered if has_arabic(name)]
    assert arabic[-2:] == ["بسام", "ياسر"]  # every alef form sorts before ب
    assert ordered.index("Zaid") > ordered.index("ياسر")  # Arabic script first in Arabic
    assert Collator("en").sorted(names)[0] == "Zaid"


def test_collation_compares_numbers_as_numbers() -> None:
    assert sorted(["Item 10", "item 9", "Item 1"], key=lambda t: collation_key(t, "en")) == [
        "Item 1",
        "item 9",
        "Item 10",
    ]
    assert Collator("ar").compare("حي ٩", "حي ١٠") < 0
