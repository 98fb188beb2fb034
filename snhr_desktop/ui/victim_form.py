"""The victim form: names, the person, the death, with a warning about possible duplicates."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import Problem, parse_int
from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.records import Victim
from snhr_desktop.i18n import Retranslating, current_language
from snhr_desktop.services.similar import possible_duplicates
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.record_form import ChildRecordForm, form_layout
from snhr_desktop.ui.widgets import (
    AgeField,
    DateField,
    PlaceCombo,
    TextArea,
    TextField,
    VocabularyCombo,
    bidi_safe,
)

__all__ = ["DuplicateBanner", "VictimForm"]

log = logging.getLogger(__name__)

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight

# The fields that make two victims look like the same person.
DUPLICATE_FIELDS = frozenset({"name_ar", "name_en", "date_of_death", "governorate"})


class DuplicateBanner(Retranslating, QFrame):
    """A warning above the victim form: saved victims that may be the same person.

    It never blocks typing: "Open" shows a match in its own form, "Continue" hides the warning
    for these matches.
    """

    open_clicked = Signal(str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateBanner")
        self.setStyleSheet(
            "#duplicateBanner { background: #fff4d6; border: 1px solid #d9a400;"
            " border-radius: 4px; }"
        )
        self._matches: list[dict[str, Any]] = []
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(12)
        self.continue_button = QPushButton(self)
        self.continue_button.setAutoDefault(False)
        self.continue_button.clicked.connect(self._dismiss)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addLayout(self.rows)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.continue_button)
        layout.addLayout(end)
        self._row_widgets: list[QWidget] = []
        self.hide()
        self.retranslate()

    def matches(self) -> list[dict[str, Any]]:
        return list(self._matches)

    def show_matches(self, matches: list[dict[str, Any]]) -> None:
        self._matches = list(matches)
        self._fill()
        self.setVisible(bool(self._matches))

    def _fill(self) -> None:
        for widget in self._row_widgets:
            widget.hide()
            widget.deleteLater()
        self._row_widgets = []
        lang = current_language()
        for row, match in enumerate(self._matches):
            name = match.get("name_ar") or match.get("name_en") or ""
            latin = match.get("name_en") if match.get("name_ar") else None
            parts = [str(match.get("date_of_death") or "")]
            governorate = match.get("governorate")
            if governorate and gazetteer().get(governorate) is not None:
                parts.append(gazetteer().name(governorate, lang))
            if match.get("age") is not None:
                parts.append(self.tr("age {age}").format(age=match["age"]))
            name_label = QLabel(name, self)
            # The Latin spelling in a label of its own, so that it never mixes with the Arabic.
            latin_label = QLabel(latin or "", self)
            latin_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            detail = QLabel(bidi_safe(" · ".join(p for p in parts if p)), self)
            button = QPushButton(self.tr("Open"), self)
            button.setAutoDefault(False)
            button.setToolTip(self.tr("Open this victim's record in its own window"))
            button.clicked.connect(
                lambda _checked=False, key=str(match["id"]): self.open_clicked.emit(key)
            )
            self.rows.addWidget(name_label, row, 0)
            self.rows.addWidget(latin_label, row, 1)
            self.rows.addWidget(detail, row, 2)
            self.rows.addWidget(button, row, 3)
            self._row_widgets += [name_label, latin_label, detail, button]
        self.rows.setColumnStretch(2, 1)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr(
            "Possible duplicate: a saved victim has the same name, died within two days of "
            "this date and in the same governorate. Check before saving."
        ))
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setToolTip(self.tr("Hide this warning and go on typing"))
        if self._matches:
            self._fill()


class VictimForm(ChildRecordForm):
    """Every field of a victim; Arabic fields right to left and Latin ones left to right."""

    kind = Victim.kind
    DUPLICATE_DELAY_MS = 300

    def __init__(self, ws: Workspace, record: Victim | None = None,
                 parent: QWidget | None = None, **kwargs: Any) -> None:
        self._group_chosen = False
        self._setting_group = False
        self._dismissed: set[str] = set()
        self._child_age_limit = ws.methodology.child_age_limit
        super().__init__(ws, record, parent, **kwargs)
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(self.DUPLICATE_DELAY_MS)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        self.duplicates.open_clicked.connect(lambda key: self.open_requested.emit("victim", key))
        self.duplicates.dismissed.connect(self._duplicates_dismissed)
        self.fit_to_screen(920, 640)

    def build(self) -> None:
        self.duplicates = DuplicateBanner(self)
        self.top_layout.insertWidget(0, self.duplicates)

        head = form_layout()
        self.add_link_row(head)
        self.body.addLayout(head)

        self.names_box, names = self.group()
        self.add_field(names, "name_ar", TextField(direction=RTL))
        self.add_field(names, "name_en", TextField(direction=LTR))
        self.add_field(names, "father_name", TextField(direction=RTL))
        self.add_field(names, "family_name", TextField(direction=RTL))
        self.add_field(names, "mother_name", TextField(direction=RTL))

        self.person_box, person = self.group()
        self.add_field(person, "sex", VocabularyCombo("sex"))
        self.add_field(person, "age", AgeField())
        self.add_field(person, "age_group", VocabularyCombo("age_group"))
        self.add_field(person, "status", VocabularyCombo("victim_status"))
        self.add_field(person, "category", VocabularyCombo("special_category"))

        self.death_box, death = self.group()
        self.add_field(death, "date_of_death", DateField())
        self.add_field(death, "governorate", PlaceCombo(1))
        self.add_field(death, "place_ar", TextField(direction=RTL))
        self.add_field(death, "place_en", TextField(direction=LTR))
        self.add_field(death, "origin_governorate", PlaceCombo(1))

        self.notes_box, notes = self.group()
        self.add_field(notes, "notes", TextArea(lines=5))

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.names_box, 0, 0)
        grid.addWidget(self.person_box, 0, 1)
        grid.addWidget(self.death_box, 1, 0)
        grid.addWidget(self.notes_box, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addLayout(grid)
        self.body.addStretch(1)
        # The incident's button comes after the fields when tabbing.
        QWidget.setTabOrder(self.widget("notes"), self.link.open_button)

    def first_field(self) -> QWidget:
        return self.widget("name_ar")

    def title(self) -> str:
        if self.record is None:
            return self.tr("New victim")
        assert isinstance(self.record, Victim)
        return self.tr("Victim: {name}").format(name=self.record.display_name)

    def retranslate(self) -> None:
        self.names_box.setTitle(self.tr("Name"))
        self.person_box.setTitle(self.tr("The person"))
        self.death_box.setTitle(self.tr("Death"))
        self.notes_box.setTitle(self.tr("Notes"))
        self.label("name_ar").setText(self.tr("Name (Arabic)"))
        self.label("name_en").setText(self.tr("Name (Latin script)"))
        self.label("father_name").setText(self.tr("Father's name"))
        self.label("family_name").setText(self.tr("Family name"))
        self.label("mother_name").setText(self.tr("Mother's name"))
        self.label("sex").setText(self.tr("Sex"))
        self.label("age").setText(self.tr("Age"))
        self.label("age_group").setText(self.tr("Age group"))
        self.label("status").setText(self.tr("Status"))
        self.label("category").setText(self.tr("Special category"))
        self.label("date_of_death").setText(self.tr("Date of death"))
        self.label("governorate").setText(self.tr("Governorate"))
        self.label("place_ar").setText(self.tr("Place of death (Arabic)"))
        self.label("place_en").setText(self.tr("Place of death (Latin script)"))
        self.label("origin_governorate").setText(self.tr("Governorate of origin"))
        self.label("notes").setText(self.tr("Notes"))
        self.label("notes").hide()  # the box says it already
        self.widget("age").setToolTip(self.tr("Age in years, 0 to 120"))
        super().retranslate()
        self.align_labels(["incident_id", "name_ar", "name_en", "father_name", "family_name",
                           "mother_name", "date_of_death", "governorate", "place_ar",
                           "place_en", "origin_governorate"])
        self.align_labels(["sex", "age", "age_group", "status", "category"])

    def problem_target(self, problem: Problem) -> str | None:
        if problem.message.code == "name_required":
            return "name_ar"
        return super().problem_target(problem)

    # ---- age group follows the age ---------------------------------------------------------
    def field_changed(self, name: str) -> None:
        if name == "age":
            self._group_from_age()
        elif name == "age_group" and not self._setting_group:
            self._group_chosen = True
        if name in DUPLICATE_FIELDS:
            self._duplicate_timer.start()

    def _group_from_age(self) -> None:
        group = self.widget("age_group")
        assert isinstance(group, VocabularyCombo)
        if self._group_chosen and group.value() not in (None, "unknown"):
            return
        try:
            age = parse_int(self.widget("age").value())  # type: ignore[attr-defined]
        except ValueError:
            return
        wanted = "unknown" if age is None else ("child" if age < self._child_age_limit
                                                else "adult")
        self._setting_group = True
        try:
            group.set_value(wanted)
        finally:
            self._setting_group = False

    def start_new(self, defaults: dict[str, Any]) -> None:
        self._group_chosen = False
        self._dismissed.clear()
        self.duplicates.show_matches([])
        super().start_new(defaults)

    # ---- possible duplicates ---------------------------------------------------------------
    def check_duplicates(self) -> list[dict[str, Any]]:
        """Look for saved victims that may be this one; show them above the form."""
        if self._closed:
            return []
        values = self.values()
        death = self.widget("date_of_death")
        assert isinstance(death, DateField)
        partial = death.partial_date()
        name_given = bool((values.get("name_ar") or "").strip()
                          or (values.get("name_en") or "").strip())
        if not name_given or partial is None or partial.precision != "day":
            self.duplicates.show_matches([])
            return []
        query = {
            "name_ar": (values.get("name_ar") or "").strip() or None,
            "name_en": (values.get("name_en") or "").strip() or None,
            "date_of_death": partial.value.isoformat(),
            "governorate": values.get("governorate") or None,
        }
        try:
            found = possible_duplicates(self.ws, query, exclude_id=self.record_id)
        except Exception:
            log.warning("the duplicate check failed", exc_info=True)
            return []
        fresh = [match for match in found if str(match["id"]) not in self._dismissed]
        self.duplicates.show_matches(fresh)
        return fresh

    def _duplicates_dismissed(self) -> None:
        self._dismissed.update(str(match["id"]) for match in self.duplicates.matches())
        self.duplicates.show_matches([])
