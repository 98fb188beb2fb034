"""Field widgets for the record forms: vocabulary and place pickers, dates, numbers, messages.

Every field widget speaks the same small protocol, so a form can treat them alike:
``value()`` returns what the record gets (a code, a P-code, the typed text), ``set_value()``
puts a stored value back, and ``value_changed`` is emitted whenever the value changes. Widgets
showing vocabulary labels or place names relabel themselves on ``QEvent.LanguageChange``; those
with texts of their own set them in ``retranslate()``.

Pickers are editable combo boxes: the list shows every choice, and typing searches the labels in
both languages (Arabic compared after normalisation, so hamza forms and ta marbuta do not
matter). The best result is taken when the field is left with Tab; the arrow keys and Enter pick
another from the popup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, Protocol

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QPoint,
    QRectF,
    QRegularExpression,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QRegularExpressionValidator,
    QStandardItem,
    QStandardItemModel,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import FIRST_DATE, PartialDate, parse_partial_date
from snhr_desktop.domain.gazetteer import Place, gazetteer
from snhr_desktop.domain.names import normalise_arabic
from snhr_desktop.domain.vocabularies import Term, vocabulary
from snhr_desktop.i18n import Retranslating, collation_key, current_language, install_digit_folding

__all__ = [
    "AgeField",
    "DateField",
    "FieldMessage",
    "LookupCombo",
    "NumberField",
    "Option",
    "PlaceCombo",
    "PlacePicker",
    "TextArea",
    "TextField",
    "Translated",
    "VocabularyCombo",
    "bidi_safe",
    "search_rank",
]

ERROR_COLOUR = QColor("#b3261e")
NOTICE_COLOUR = QColor("#0b5394")

_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_NUMBER_WITH_SEPARATORS = re.compile(r"\d+(?:[-/.:]\d+)+")
LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate


def set_up_row_view(view: QTableView, elide: Qt.TextElideMode) -> None:
    """A table read row by row: whole rows selected one at a time, no editing, one line per row
    of a fixed height (a million rows are never measured one by one), no row numbers, and Tab
    leaving the table rather than moving between cells."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(elide)
    view.setTabKeyNavigation(False)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)


def bidi_safe(text: str) -> str:
    """``text`` with dates and times kept left to right inside Arabic sentences.

    After an Arabic letter the bidirectional algorithm reads digits as Arabic numbers, between
    which a hyphen does not join: "التاريخ 2016-05-03" would show as 03-05-2016. Each such number
    is isolated left to right; an isolate does not decide the direction of the paragraph, so a
    line that starts with a date still reads right to left.
    """
    if not _ARABIC_LETTER.search(text):
        return text
    return _NUMBER_WITH_SEPARATORS.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


class Renderable(Protocol):
    def render(self, lang: str) -> str: ...


class Translated:
    """A message whose text comes from a function (usually a ``self.tr`` call), so that it is
    looked up again in the new language after a switch."""

    def __init__(self, text: Callable[[], str]) -> None:
        self._text = text

    def render(self, lang: str) -> str:
        return self._text()


# --------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------


class FieldMessage(QLabel):
    """The message shown under a field (or at the top of a form), in the active language.

    It holds the messages themselves (anything with ``render(lang)``: a domain ``Problem`` or
    ``Message``, or a :class:`Translated`), not their text, and renders them again when the
    language changes. Hidden while there is nothing to say.
    """

    def __init__(self, parent: QWidget | None = None, *, notice: bool = False) -> None:
        super().__init__(parent)
        self._messages: list[Renderable] = []
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, NOTICE_COLOUR if notice else ERROR_COLOUR
        )
        self.setPalette(palette)
        self.hide()

    def set_messages(self, messages: Iterable[Renderable]) -> None:
        self._messages = list(messages)
        self._render()

    def set_message(self, message: Renderable | None) -> None:
        self.set_messages([] if message is None else [message])

    def clear_messages(self) -> None:
        self.set_messages([])

    def messages(self) -> list[Renderable]:
        return list(self._messages)

    def has_messages(self) -> bool:
        return bool(self._messages)

    def _render(self) -> None:
        lang = current_language()
        self.setText(bidi_safe("\n".join(message.render(lang) for message in self._messages)))
        self.setVisible(bool(self._messages))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)


# --------------------------------------------------------------------------------------------
# Searching labels
# --------------------------------------------------------------------------------------------


def _search_form(text: str) -> str:
    """How typed text and labels are compared: Arabic normalised, Latin case-folded."""
    return " ".join(normalise_arabic(text).casefold().replace("-", " ").split())


def search_rank(query: str, texts: Iterable[str]) -> int | None:
    """How well ``query`` matches the best of ``texts``: 0 whole text, 1 start of the text,
    2 start of a word, 3 anywhere; None when it matches none. Arabic compared normalised, so
    "اعدام" finds "إعدام"; an initial Arabic article is optional ("رقة" finds "الرقة")."""
    wanted = _search_form(query)
    if not wanted:
        return None
    best: int | None = None
    for text in texts:
        form = _search_form(text)
        variants = [form]
        if form.startswith("ال") and len(form) > 3:
            variants.append(form[2:])
        for candidate in variants:
            if candidate == wanted:
                rank = 0
            elif candidate.startswith(wanted):
                rank = 1
            elif f" {wanted}" in f" {candidate}" or f" ال{wanted}" in f" {candidate}":
                rank = 2
            elif wanted in candidate:
                rank = 3
            else:
                continue
            best = rank if best is None else min(best, rank)
    return best


# --------------------------------------------------------------------------------------------
# Pickers
# --------------------------------------------------------------------------------------------


class Option(NamedTuple):
    """One choice of a picker: its stored code, its label, and an optional hint for the popup."""

    code: str | None
    label: str
    detail: str = ""
    header: bool = False


class LookupCombo(QComboBox):
    """An editable combo box whose value is a code and whose typing searches the choices.

    Subclasses say what the choices are (``options``), how typed text finds them (``matches``)
    and how a code is labelled (``label_of``); this class keeps the value, the popup of search
    results and the relabelling on a language switch.
    """

    value_changed = Signal(object)

    CODE_ROLE = Qt.ItemDataRole.UserRole
    NAME_ROLE = Qt.ItemDataRole.UserRole + 1
    RESULT_LIMIT = 30

    def __init__(self, parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self._value: str | None = None
        self._reloading = False
        self.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.setMinimumContentsLength(14)
        self.setMaxVisibleItems(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._results = QStandardItemModel(self)
        self._completer: QCompleter | None = None
        if editable:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(self._results, self)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionRole(self.NAME_ROLE)
            completer.setMaxVisibleItems(12)
            self._completer = completer
            edit = self._edit()
            edit.setCompleter(completer)
            edit.textEdited.connect(self._search)
            edit.editingFinished.connect(self._commit_text)
            completer.activated[QModelIndex].connect(self._result_chosen)  # type: ignore[index]
        self.currentIndexChanged.connect(self._index_changed)

    def _edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None, "only editable pickers have a line edit"
        return edit

    # -- what subclasses provide --------------------------------------------------------------
    def options(self) -> Sequence[Option]:
        """Every choice, in list order (headers included)."""
        raise NotImplementedError

    def matches(self, text: str) -> Sequence[Option]:
        """The choices ``text`` finds, best first."""
        raise NotImplementedError

    def label_of(self, code: str) -> str:
        """The label of ``code`` in the active language."""
        raise NotImplementedError

    def extra_option(self, code: str) -> Option | None:
        """A choice for ``code`` when it is not among ``options()`` (None: refuse it)."""
        return None

    # -- value ----------------------------------------------------------------------------
    def value(self) -> str | None:
        return self._value

    def set_value(self, code: str | None) -> None:
        """Select ``code`` (None or "" clears); an unknown code clears the field."""
        code = code or None
        index = self._index_of(code)
        if code is not None and index < 0:
            extra = self.extra_option(code)
            if extra is not None:
                self._add_option(extra)
                index = self._index_of(code)
        if index < 0:
            code = None
        self._reloading = True
        try:
            self.setCurrentIndex(index)
        finally:
            self._reloading = False
        self._show_current()
        self._store(code)

    def reload(self) -> None:
        """Rebuild the list (new language, new scope), keeping the value if it is still there."""
        value = self._value
        self._reloading = True
        try:
            self.clear()
            for option in self.options():
                self._add_option(option)
        finally:
            self._reloading = False
        self.set_value(value)

    def popup_results(self) -> list[Option]:
        """The search results the popup offers now (for tests and accessibility)."""
        return [
            Option(
                self._results.item(row).data(self.CODE_ROLE),
                self._results.item(row).data(self.NAME_ROLE),
            )
            for row in range(self._results.rowCount())
        ]

    def completer_popup(self) -> QWidget | None:
        return self._completer.popup() if self._completer is not None else None

    # -- internals ------------------------------------------------------------------------
    def _index_of(self, code: str | None) -> int:
        if code is None:
            return -1
        return self.findData(code, self.CODE_ROLE)

    def _add_option(self, option: Option) -> None:
        self.addItem(option.label)
        index = self.count() - 1
        self.setItemData(index, option.code, self.CODE_ROLE)
        model = self.model()
        if option.header and isinstance(model, QStandardItemModel):
            item = model.item(index)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)

    def _store(self, code: str | None) -> None:
        if code != self._value:
            self._value = code
            self.value_changed.emit(code)

    def _show_current(self) -> None:
        if self.isEditable():
            text = self.label_of(self._value_at_current()) if self.currentIndex() >= 0 else ""
            if self._edit().text() != text:
                self._edit().setText(text)

    def _value_at_current(self) -> str:
        return str(self.itemData(self.currentIndex(), self.CODE_ROLE))

    def _index_changed(self, index: int) -> None:
        if self._reloading:
            return
        code = self.itemData(index, self.CODE_ROLE) if index >= 0 else None
        self._store(code)

    def _search(self, text: str) -> None:
        self._results.clear()
        if not text.strip():
            return
        for option in list(self.matches(text))[: self.RESULT_LIMIT]:
            shown = f"{option.label} — {option.detail}" if option.detail else option.label
            item = QStandardItem(shown)
            item.setData(option.code, self.CODE_ROLE)
            item.setData(option.label, self.NAME_ROLE)
            item.setEditable(False)
            self._results.appendRow(item)

    def _result_chosen(self, index: QModelIndex) -> None:
        code = index.data(self.CODE_ROLE)
        if code:
            self.set_value(code)

    def _commit_text(self) -> None:
        """The field was left (or Enter pressed): make the typed text a value, or undo it."""
        text = self._edit().text().strip()
        current = self.label_of(self._value) if self._value else ""
        if text == current:
            if self._edit().text() != current:
                self._show_current()
            return
        if not text:
            self.set_value(None)
            return
        found = [option for option in self.matches(text) if option.code]
        if found:
            self.set_value(found[0].code)
        else:
            self.set_value(self._value)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.reload()
        super().changeEvent(event)


class VocabularyCombo(LookupCombo):
    """A choice from a controlled vocabulary: labels in the active language, value the code.

    With ``group_vocabulary`` the list is divided under headers, one per group (for example
    facility categories under "Medical facilities", "Places of worship"…).
    """

    def __init__(
        self,
        vocabulary_name: str,
        parent: QWidget | None = None,
        *,
        group_vocabulary: str | None = None,
        editable: bool = True,
    ) -> None:
        super().__init__(parent, editable=editable)
        self.vocabulary = vocabulary(vocabulary_name)
        self.groups = vocabulary(group_vocabulary) if group_vocabulary else None
        if not editable:
            self.setMinimumContentsLength(6)
        self.reload()

    def _terms(self) -> list[Term]:
        if self.groups is None:
            return list(self.vocabulary)
        order = {code: index for index, code in enumerate(self.groups.codes())}
        return sorted(self.vocabulary, key=lambda term: order.get(term.group or "", len(order)))

    def options(self) -> list[Option]:
        lang = current_language()
        result: list[Option] = []
        group: str | None = None
        for term in self._terms():
            if self.groups is not None and term.group != group:
                group = term.group
                if group and group in self.groups:
                    result.append(Option(None, self.groups.label(group, lang), header=True))
            result.append(Option(term.code, term.label(lang)))
        return result

    def matches(self, text: str) -> list[Option]:
        lang = current_language()
        ranked: list[tuple[tuple[int, int], int, Option]] = []
        for position, term in enumerate(self._terms()):
            # A match in a label beats an equally good one in an alias.
            by_label = search_rank(text, (term.label_ar, term.label_en, term.code))
            by_alias = search_rank(text, term.aliases)
            if by_label is not None and (by_alias is None or by_label <= by_alias):
                rank = (by_label, 0)
            elif by_alias is not None:
                rank = (by_alias, 1)
            else:
                continue
            detail = ""
            if self.groups is not None and term.group and term.group in self.groups:
                detail = self.groups.label(term.group, lang)
            ranked.append((rank, position, Option(term.code, term.label(lang), detail)))
        ranked.sort(key=lambda item: item[:2])
        return [item[2] for item in ranked]

    def label_of(self, code: str) -> str:
        return self.vocabulary.label(code, current_language()) if code in self.vocabulary else code


class PlaceCombo(LookupCombo):
    """One level of the gazetteer (1 governorate … 4 community), inside an optional scope.

    The list holds the places of this level inside ``scope`` (a P-code of a higher level), in
    the active language's alphabetical order; typing searches names in both scripts and their
    aliases (``gazetteer().search``) within the scope.
    """

    LEVEL_LIST_LIMIT = 600

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self._scope: str | None = None
        self.reload()

    @property
    def scope(self) -> str | None:
        return self._scope

    def set_scope(self, pcode: str | None) -> None:
        if pcode != self._scope:
            self._scope = pcode
            self.reload()

    def _places(self) -> list[Place]:
        gaz = gazetteer()
        if self._scope is None:
            if self.level == 1:
                return gaz.governorates()
            if self.level == 4:
                return []  # thousands of communities: found by typing only
            return gaz.places(self.level)
        scope_place = gaz.get(self._scope)
        if scope_place is None:
            return []
        if scope_place.level == self.level - 1:
            return gaz.children(self._scope)
        places = [
            place
            for place in gaz.places(self.level)
            if gaz.ancestors(place.pcode).get(scope_place.level) == self._scope
        ]
        return places if len(places) <= self.LEVEL_LIST_LIMIT else []

    def options(self) -> list[Option]:
        lang = current_language()
        places = sorted(self._places(), key=lambda place: collation_key(place.name(lang), lang))
        return [Option(place.pcode, place.name(lang)) for place in places]

    def matches(self, text: str) -> list[Option]:
        gaz = gazetteer()
        lang = current_language()
        found = gaz.search(text, level=self.level, parent=self._scope, limit=self.RESULT_LIMIT)
        options = []
        for place in found:
            detail = ""
            if place.parent and place.parent != self._scope:
                detail = gaz.name(place.parent, lang)
            options.append(Option(place.pcode, place.name(lang), detail))
        return options

    def label_of(self, code: str) -> str:
        place = gazetteer().get(code)
        return place.name(current_language()) if place is not None else code

    def extra_option(self, code: str) -> Option | None:
        place = gazetteer().get(code)
        if place is None or place.level != self.level:
            return None
        return Option(place.pcode, place.name(current_language()))


class PlacePicker(Retranslating, QWidget):
    """Governorate → district → subdistrict → community, each narrowing the next.

    Choosing a place fills in the levels above it (typing "منبج" as the district selects
    Aleppo as the governorate); changing a level clears the levels below it that are no
    longer inside it, and lists below only what lies inside.
    """

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        depth: int = 4,
        rows_in: QFormLayout | None = None,
    ) -> None:
        """With ``rows_in`` the four labelled rows go into that form layout (so they line up
        with the form's other rows) and this widget itself stays out of sight, keeping only
        the levels in step; otherwise it lays them out itself."""
        super().__init__(parent)
        self.levels = depth
        self.combos = [PlaceCombo(level, self) for level in range(1, depth + 1)]
        self.labels = [QLabel(self) for _ in self.combos]
        self.messages = [FieldMessage(self) for _ in self.combos]
        self._syncing = False
        if rows_in is None:
            layout = QFormLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        else:
            layout = rows_in
            self.hide()
        for label, combo, message in zip(self.labels, self.combos, self.messages, strict=True):
            label.setBuddy(combo)
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(combo)
            column.addWidget(message)
            layout.addRow(label, cell)
        for combo in self.combos:
            combo.value_changed.connect(
                lambda value, level=combo.level: self._level_changed(level, value)
            )
        self.retranslate()

    def retranslate(self) -> None:
        titles = [self.tr("Governorate"), self.tr("District"), self.tr("Subdistrict"),
                  self.tr("Community")]
        for label, title in zip(self.labels, titles, strict=False):
            label.setText(title)


    def combo(self, level: int) -> PlaceCombo:
        return self.combos[level - 1]

    def values(self) -> dict[str, str | None]:
        names = ("governorate", "district", "subdistrict", "community")
        return {names[c.level - 1]: c.value() for c in self.combos}

    def set_values(self, values: dict[str, str | None]) -> None:
        """Set the levels top-down (a lower level that is not inside the higher is dropped)."""
        names = ("governorate", "district", "subdistrict", "community")
        for combo in self.combos:
            combo.set_value(values.get(names[combo.level - 1]))

    def _level_changed(self, level: int, pcode: str | None) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            gaz = gazetteer()
            if pcode is not None:
                lineage = gaz.ancestors(pcode)
                for upper in range(1, level):
                    self.combo(upper).set_value(lineage.get(upper))
            for lower in range(level + 1, self.levels + 1):
                below = self.combo(lower)
                current = below.value()
                if current is not None and (
                    pcode is None or gaz.ancestors(current).get(level) != pcode
                ):
                    below.set_value(None)
            for combo in self.combos[1:]:
                chosen = [c.value() for c in self.combos[: combo.level - 1] if c.value()]
                combo.set_scope(chosen[-1] if chosen else None)
        finally:
            self._syncing = False
        self.changed.emit()


# --------------------------------------------------------------------------------------------
# Text and numbers
# --------------------------------------------------------------------------------------------


class TextField(QLineEdit):
    """A line of text; ``direction`` fixes it for text in one script (Arabic names right to
    left, Latin names left to right) whatever the interface language."""

    value_changed = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, *, direction: Qt.LayoutDirection | None = None
    ) -> None:
        super().__init__(parent)
        if direction is not None:
            self.setLayoutDirection(direction)
        self.textChanged.connect(lambda _text: self.value_changed.emit(self.value()))

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)
            self.setCursorPosition(0)


class TextArea(QPlainTextEdit):
    """Several lines of text (descriptions, sources, notes); Tab moves to the next field."""

    value_changed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        direction: Qt.LayoutDirection | None = None,
        lines: int = 3,
    ) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._fixed_direction = direction
        if direction is not None:
            set_text_direction(self, direction)
        else:
            set_text_direction(self, self.layoutDirection(), widget_too=False)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 2 * self.frameWidth() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._lines = lines
        self.textChanged.connect(lambda: self.value_changed.emit(self.value()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        line = self.fontMetrics().lineSpacing()
        return QSize(hint.width(), line * self._lines + 2 * self.frameWidth() + 8)

    def changeEvent(self, event: QEvent) -> None:
        # Paragraphs do not follow the widget's direction by themselves: without this, Arabic
        # notes would start at the left edge in the Arabic interface.
        if event.type() == QEvent.Type.LayoutDirectionChange and self._fixed_direction is None:
            set_text_direction(self, self.layoutDirection(), widget_too=False)
        super().changeEvent(event)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.toPlainText():
            self.setPlainText(text)


class NumberField(QLineEdit):
    """A whole number of up to ``digits`` digits; Arabic-Indic digits become ASCII as typed."""

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, digits: int = 6) -> None:
        super().__init__(parent)
        pattern = QRegularExpression(rf"[0-9]{{0,{digits}}}")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        install_digit_folding(self)
        self.setMaxLength(digits)
        width = self.fontMetrics().horizontalAdvance("0" * (digits + 3))
        self.setMaximumWidth(max(width + 16, 64))
        self.textChanged.connect(lambda _text: self.value_changed.emit(self.value()))

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)


class AgeField(NumberField):
    """An age in years (the record checks the range and reports it next to the field)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, digits=3)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _calendar_icon(colour: QColor) -> QIcon:
    """A small calendar drawn in the text colour (no icon font or theme needed)."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = size / 16
        pen = QPen(colour, max(1.0, unit))
        painter.setPen(pen)
        body = QRectF(2 * unit, 3 * unit, 12 * unit, 11 * unit)
        painter.drawRoundedRect(body, unit, unit)
        painter.fillRect(QRectF(2 * unit, 3 * unit, 12 * unit, 3 * unit), colour)
        painter.drawLine(int(5 * unit), int(1.5 * unit), int(5 * unit), int(4 * unit))
        painter.drawLine(int(11 * unit), int(1.5 * unit), int(11 * unit), int(4 * unit))
        for row in range(2):
            for column in range(3):
                x = (4.2 + column * 3) * unit
                y = (8 + row * 3) * unit
                painter.fillRect(QRectF(x, y, 1.6 * unit, 1.6 * unit), colour)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class _CalendarPopup(QFrame):
    """The calendar shown under a date field; choosing a day closes it."""

    chosen = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
        )
        # Arabic day names are whole words even in their "short" form; one letter keeps the
        # popup the size of a calendar.
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
        )
        # A header's narrowest column is the widest glyph of its font, and the Arabic font has
        # ligatures several digits wide: the seven day columns would not shrink below them.
        view = self.calendar.findChild(QTableView)
        if view is not None:
            digits = view.fontMetrics().horizontalAdvance("00")
            view.horizontalHeader().setMinimumSectionSize(digits + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._chose)
        self.calendar.clicked.connect(self._chose)

    def _chose(self, date: QDate) -> None:
        self.hide()
        self.chosen.emit(date)


class DateField(Retranslating, QWidget):
    """A date typed as YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY (Arabic-Indic digits welcome).

    With ``with_precision`` (incidents), a day / month / year choice sits beside it and follows
    what is typed ("2016-05" is a month); choosing a coarser precision after typing a full date
    keeps only the month or the year. The calendar button (or F4, Alt+Down) picks a day.
    Leaving the field writes a recognised date the standard way (3/5/2016 → 2016-05-03).
    """

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, with_precision: bool = False) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9/.\-]{0,10}"), self.edit)
        )
        install_digit_folding(self.edit)
        width = self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 24
        self.edit.setMinimumWidth(width)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setAutoRaise(True)
        self.calendar_button.setIcon(
            _calendar_icon(self.palette().color(QPalette.ColorRole.WindowText))
        )
        self.precision: VocabularyCombo | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        if with_precision:
            self.precision = VocabularyCombo("date_precision", self, editable=False)
            self.precision.set_value("day")
            layout.addWidget(self.precision)
            self.precision.value_changed.connect(lambda _v: self.value_changed.emit(self.value()))
        self.setFocusProxy(self.edit)
        self._popup: _CalendarPopup | None = None
        self.edit.textChanged.connect(lambda _t: self.value_changed.emit(self.value()))
        self.edit.textEdited.connect(self._follow_precision)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.edit.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(bidi_safe(self.tr("YYYY-MM-DD")))
        self.calendar_button.setToolTip(self.tr("Choose the date on a calendar (F4)"))


    # -- value ----------------------------------------------------------------------------
    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        if isinstance(value, dt.date):
            value = value.isoformat()
        text = "" if value is None else str(value)
        if text != self.edit.text():
            self.edit.setText(text)

    def precision_value(self) -> str | None:
        return self.precision.value() if self.precision is not None else None

    def set_precision(self, precision: str | None) -> None:
        if self.precision is not None:
            self.precision.set_value(precision or "day")

    def partial_date(self) -> PartialDate | None:
        """The typed date if it reads as one, else None."""
        try:
            return parse_partial_date(self.edit.text())
        except ValueError:
            return None

    # -- behaviour ------------------------------------------------------------------------
    def _follow_precision(self, _text: str) -> None:
        partial = self.partial_date()
        if partial is not None and self.precision is not None:
            self.precision.set_value(partial.precision)

    def _tidy(self) -> None:
        partial = self.partial_date()
        if partial is not None and str(partial) != self.edit.text():
            self.edit.setText(str(partial))

    def show_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.chosen.connect(self._calendar_chose)
        calendar = self._popup.calendar
        calendar.setLocale(self.locale())
        calendar.setLayoutDirection(self.layoutDirection())
        calendar.setDateRange(
            QDate(FIRST_DATE.year, FIRST_DATE.month, FIRST_DATE.day), QDate.currentDate()
        )
        partial = self.partial_date()
        if partial is not None:
            day = partial.value
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        else:
            calendar.setSelectedDate(QDate.currentDate())
        # With the Arabic font the calendar asks for several times the room its seven short
        # columns need; give it the width of seven day numbers with their padding.
        cell = calendar.fontMetrics().horizontalAdvance("0000") + 12
        calendar.setFixedSize(max(7 * cell, 260), calendar.sizeHint().height())
        self._popup.adjustSize()
        size = self._popup.size()
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            corner = self.edit.mapToGlobal(QPoint(self.edit.width() - size.width(),
                                                  self.edit.height()))
        else:
            corner = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        self._popup.move(corner)
        self._popup.show()
        calendar.setFocus()

    def _calendar_chose(self, date: QDate) -> None:
        self.edit.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        if self.precision is not None:
            self.precision.set_value("day")
        self.edit.setFocus()

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None and (
                key_event.key() == Qt.Key.Key_F4
                or (
                    key_event.key() == Qt.Key.Key_Down
                    and key_event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
            ):
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)


def set_text_direction(
    widget: QWidget, direction: Qt.LayoutDirection, *, widget_too: bool = True
) -> None:
    """Fix a text widget's direction. Multi-line text fixed to one script gets that direction
    for its paragraphs; free text (``widget_too=False``) lets each paragraph take the direction
    of its own first letters and only aligns it to the interface's side."""
    if widget_too:
        widget.setLayoutDirection(direction)
    if isinstance(widget, QPlainTextEdit):
        option = QTextOption(widget.document().defaultTextOption())
        option.setTextDirection(direction if widget_too else Qt.LayoutDirection.LayoutDirectionAuto)
        # The plain-text layout reads alignment as absolute: right to left must say "right".
        side = (
            Qt.AlignmentFlag.AlignRight
            if direction == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        widget.document().setDefaultTextOption(option)
