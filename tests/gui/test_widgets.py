"""Field widgets: vocabulary and place pickers, dates, ages, inline messages, in both languages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from snhr_desktop.domain.fields import Problem
from snhr_desktop.domain.messages import Message
from snhr_desktop.i18n import Collator, LanguageManager
from snhr_desktop.ui.widgets import (
    AgeField,
    DateField,
    FieldMessage,
    PlaceCombo,
    PlacePicker,
    TextField,
    Translated,
    VocabularyCombo,
    bidi_safe,
    search_rank,
)

# The offscreen platform has no window manager: it says so whenever a window is raised, its size
# limits change or a popup grabs the keyboard. A fact about the test platform, not the widgets.


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one key at a time (qtbot.keyClicks cannot type Arabic)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def leave(combo: VocabularyCombo | PlaceCombo) -> None:
    """What leaving the field with Tab does: the typed text becomes a value."""
    combo.lineEdit().editingFinished.emit()


# --------------------------------------------------------------------------------------------


def test_search_rank_prefers_whole_then_start_then_word_then_anywhere() -> None:
    assert search_rank("غارة جوية", ["غارة جوية"]) == 0
    assert search_rank("غار", ["غارة جوية"]) == 1
    assert search_rank("جوي", ["غارة جوية"]) == 2
    assert search_rank("ارة", ["غارة جوية"]) == 3
    assert search_rank("اعدام", ["إعدام"]) == 0  # hamza does not matter
    assert search_rank("رقة", ["الرقة"]) == 0  # nor the article
    assert search_rank("AIR", ["Airstrike"]) == 1
    assert search_rank("xyz", ["Airstrike"]) is None
    assert search_rank("  ", ["Airstrike"]) is None


def test_vocabulary_combo_shows_labels_and_holds_codes(qtbot, languages: LanguageManager) -> None:
    combo = VocabularyCombo("attack_type")
    qtbot.addWidget(combo)
    assert combo.value() is None
    combo.set_value("airstrike")
    assert combo.value() == "airstrike"
    assert combo.currentText() == "Airstrike"
    with qtbot.waitSignal(combo.value_changed) as changed:
        combo.set_value("barrel_bomb")
    assert changed.args == ["barrel_bomb"]
    combo.set_value("no_such_code")
    assert combo.value() is None
    assert combo.lineEdit().text() == ""


def test_vocabulary_combo_type_to_search_in_either_language(
    qtbot, languages: LanguageManager
) -> None:
    combo = VocabularyCombo("attack_type")
    qtbot.addWidget(combo)
    type_text(combo.lineEdit(), "اعدام")  # typed without the hamza of إعدام
    assert [option.code for option in combo.popup_results()] == ["execution"]
    leave(combo)
    assert combo.value() == "execution"
    assert combo.lineEdit().text() == "Execution"

    combo.lineEdit().clear()
    type_text(combo.lineEdit(), "bomb")
    codes = [o.code for o in combo.popup_results()]
    assert codes[:2] == ["barrel_bomb", "car_bomb"]  # in the label before an alias
    leave(combo)
    assert combo.value() == "barrel_bomb"  # the best (first) result

    combo.lineEdit().setText("nonsense")
    leave(combo)
    assert combo.value() == "barrel_bomb"  # unknown text is undone, not stored
    assert combo.lineEdit().text() == "Barrel bomb"

    combo.lineEdit().clear()
    leave(combo)
    assert combo.value() is None


def test_vocabulary_combo_choice_from_the_popup(qtbot, languages: LanguageManager) -> None:
    combo = VocabularyCombo("perpetrator")
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    type_text(combo.lineEdit(), "forces")
    codes = [option.code for option in combo.popup_results()]
    assert "russian_forces" in codes
    popup = combo.completer_popup()
    assert popup is not None and popup.isVisible()
    row = codes.index("russian_forces")
    for _ in range(row + 1):
        QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert combo.value() == "russian_forces"
    assert combo.lineEdit().text() == "Russian forces"


def test_vocabulary_combo_relabels_on_language_change(
    qtbot, languages: LanguageManager
) -> None:
    combo = VocabularyCombo("sex")
    qtbot.addWidget(combo)
    combo.set_value("female")
    changes: list[object] = []
    combo.value_changed.connect(changes.append)
    languages.set_language("ar")
    assert combo.currentText() == "أنثى"
    assert combo.lineEdit().text() == "أنثى"
    assert [combo.itemText(i) for i in range(combo.count())] == ["ذكر", "أنثى", "غير معروف"]
    languages.set_language("en")
    assert combo.currentText() == "Female"
    assert combo.value() == "female"
    assert changes == []  # relabelling is not a change of value


def test_facility_categories_are_grouped(qtbot, languages: LanguageManager) -> None:
    combo = VocabularyCombo("facility_category", group_vocabulary="facility_group")
    qtbot.addWidget(combo)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "Infrastructure"
    assert texts.index("Medical facilities") < texts.index("Hospital") < texts.index(
        "Places of worship") < texts.index("Mosque")
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    header = model.item(texts.index("Medical facilities"))
    assert not header.isEnabled() and not header.isSelectable()
    assert combo.itemData(texts.index("Medical facilities"), combo.CODE_ROLE) is None
    type_text(combo.lineEdit(), "مشفى")
    results = combo.popup_results()
    assert results[0].code == "hospital"
    leave(combo)
    assert combo.value() == "hospital"


def test_non_editable_vocabulary_combo(qtbot, languages: LanguageManager) -> None:
    combo = VocabularyCombo("date_precision", editable=False)
    qtbot.addWidget(combo)
    combo.set_value("month")
    assert combo.currentText() == "Month"
    combo.setCurrentIndex(2)
    assert combo.value() == "year"


# --------------------------------------------------------------------------------------------


def test_place_picker_cascades_from_governorate(qtbot, languages: LanguageManager) -> None:
    languages.set_language("ar")
    picker = PlacePicker()
    qtbot.addWidget(picker)
    governorate, district, subdistrict, community = picker.combos
    assert governorate.count() == 14
    assert district.count() > 14  # no governorate yet: every district is on the list
    type_text(governorate.lineEdit(), "الرقة")
    leave(governorate)
    assert governorate.value() == "SY11"
    districts = {district.itemData(i, district.CODE_ROLE) for i in range(district.count())}
    assert districts == {"SY1101", "SY1102", "SY1103"}
    names = [district.itemText(i) for i in range(district.count())]
    assert names == Collator("ar").sorted(names)  # in Arabic alphabetical order
    district.set_value("SY1103")
    assert subdistrict.scope == "SY1103"
    assert all(
        subdistrict.itemData(i, subdistrict.CODE_ROLE).startswith("SY1103")
        for i in range(subdistrict.count())
    )
    assert community.scope == "SY1103"
    # A governorate elsewhere clears what is no longer inside it.
    governorate.set_value("SY02")
    assert district.value() is None
    assert district.scope == "SY02"


def test_place_picker_type_to_search_fills_the_levels_above(
    qtbot, languages: LanguageManager
) -> None:
    languages.set_language("ar")
    picker = PlacePicker()
    qtbot.addWidget(picker)
    governorate, district, _subdistrict, community = picker.combos
    type_text(district.lineEdit(), "منب")
    results = district.popup_results()
    assert results[0].code == "SY0205"  # Menbij
    assert results[0].label == "منبج"
    leave(district)
    assert picker.values() == {
        "governorate": "SY02", "district": "SY0205", "subdistrict": None, "community": None,
    }
    assert governorate.lineEdit().text() == "حلب"
    # Latin spelling and an alias work too, inside the chosen scope.
    languages.set_language("en")
    picker.combo(2).set_value(None)
    type_text(district.lineEdit(), "Manbij")
    assert district.popup_results()[0].code == "SY0205"
    leave(district)
    type_text(community.lineEdit(), "Menbij")
    assert community.popup_results()[0].code == "C1767"
    leave(community)
    assert picker.values() == {
        "governorate": "SY02", "district": "SY0205", "subdistrict": "SY020500",
        "community": "C1767",
    }


def test_place_picker_set_values_and_relabel(qtbot, languages: LanguageManager) -> None:
    picker = PlacePicker()
    qtbot.addWidget(picker)
    values = {"governorate": "SY02", "district": "SY0205", "subdistrict": "SY020500",
              "community": "C1767"}
    picker.set_values(values)
    assert picker.values() == values
    assert [label.text() for label in picker.labels] == [
        "Governorate", "District", "Subdistrict", "Community"]
    assert picker.combo(1).currentText() == "Aleppo"
    languages.set_language("ar")
    assert picker.combo(1).currentText() == "حلب"
    assert picker.combo(3).currentText() == "مركز منبج"
    assert picker.labels[0].text() == "المحافظة"
    assert picker.values() == values


# --------------------------------------------------------------------------------------------


def test_date_field_reads_arabic_indic_digits_and_partial_dates(
    qtbot, languages: LanguageManager
) -> None:
    field = DateField(with_precision=True)
    qtbot.addWidget(field)
    assert field.precision_value() == "day"
    type_text(field.edit, "٢٠١٦-٠٥")
    assert field.value() == "2016-05"
    assert field.precision_value() == "month"
    field.edit.clear()
    type_text(field.edit, "٣/٥/٢٠١٦")
    assert field.value() == "3/5/2016"
    assert field.precision_value() == "day"
    field.edit.editingFinished.emit()
    assert field.value() == "2016-05-03"  # written the standard way once left
    field.edit.clear()
    type_text(field.edit, "2016abc")  # letters are refused
    assert field.value() == "2016"
    assert field.precision_value() == "year"


def test_date_field_calendar(qtbot, languages: LanguageManager) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.set_value("2016-05-03")
    QTest.keyClick(field.edit, Qt.Key.Key_F4)
    popup = field._popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toString("yyyy-MM-dd") == "2016-05-03"
    popup.calendar.setSelectedDate(popup.calendar.selectedDate().addDays(1))
    popup.calendar.activated.emit(popup.calendar.selectedDate())
    assert not popup.isVisible()
    assert field.value() == "2016-05-04"


def test_age_field_folds_digits_and_refuses_letters(qtbot) -> None:
    field = AgeField()
    qtbot.addWidget(field)
    type_text(field, "٣٤")
    assert field.value() == "34"
    type_text(field, "x")
    assert field.value() == "34"
    field.set_value(None)
    assert field.value() == ""
    field.set_value(7)
    assert field.value() == "7"


def test_text_fields_keep_the_direction_of_their_script(
    qtbot, languages: LanguageManager
) -> None:
    arabic = TextField(direction=Qt.LayoutDirection.RightToLeft)
    latin = TextField(direction=Qt.LayoutDirection.LeftToRight)
    plain = TextField()
    for widget in (arabic, latin, plain):
        qtbot.addWidget(widget)
    languages.set_language("ar")
    assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert latin.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert plain.layoutDirection() == Qt.LayoutDirection.RightToLeft
    languages.set_language("en")
    assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert plain.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_field_message_renders_in_the_active_language(
    qtbot, languages: LanguageManager
) -> None:
    message = FieldMessage()
    qtbot.addWidget(message)
    assert message.isHidden()
    message.set_messages([
        Problem("age", Message.of("age_out_of_range", value=200)),
        Translated(lambda: message.tr("Check this field")),
    ])
    assert not message.isHidden()
    assert message.text().startswith("The age must be between 0 and 120 years (got 200).")
    languages.set_language("ar")
    assert message.text().startswith("يجب أن يكون العمر بين 0 و120 سنة")
    message.clear_messages()
    assert message.isHidden()
    assert message.text() == ""


def test_dates_stay_in_order_inside_arabic_text() -> None:
    assert bidi_safe("التاريخ 2016-05-03 في المستقبل.") == (
        "التاريخ \u20662016-05-03\u2069 في المستقبل."
    )
    assert bidi_safe("The date 2016-05-03 is in the future.") == (
        "The date 2016-05-03 is in the future."
    )
    assert bidi_safe("العمر 34") == "العمر 34"
