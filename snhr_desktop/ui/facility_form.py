"""The form of an attack on a vital civilian facility (school, hospital, bridge, market…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from snhr_desktop.domain.records import FacilityAttack
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import current_language
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.record_form import ChildRecordForm, form_layout
from snhr_desktop.ui.widgets import DateField, PlaceCombo, TextField, VocabularyCombo

__all__ = ["FacilityForm"]


class FacilityForm(ChildRecordForm):
    """Every field of a facility attack; the category list is grouped by kind of facility."""

    kind = FacilityAttack.kind

    def __init__(self, ws: Workspace, record: FacilityAttack | None = None,
                 parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(ws, record, parent, **kwargs)
        self.fit_to_screen(640, 480)

    def build(self) -> None:
        head = form_layout()
        self.add_link_row(head)
        self.body.addLayout(head)

        self.facility_box, facility = self.group()
        self.add_field(
            facility,
            "category",
            VocabularyCombo("facility_category", group_vocabulary="facility_group"),
        )
        self.add_field(facility, "name_ar", TextField(direction=Qt.LayoutDirection.RightToLeft))
        self.add_field(facility, "name_en", TextField(direction=Qt.LayoutDirection.LeftToRight))
        self.body.addWidget(self.facility_box)

        self.attack_box, attack = self.group()
        self.add_field(attack, "damage", VocabularyCombo("damage"))
        self.add_field(attack, "out_of_service", VocabularyCombo("tristate"))
        self.add_field(attack, "date", DateField())
        self.add_field(attack, "governorate", PlaceCombo(1))
        self.body.addWidget(self.attack_box)
        self.body.addStretch(1)
        QWidget.setTabOrder(self.widget("governorate"), self.link.open_button)

    def first_field(self) -> QWidget:
        return self.widget("category")

    def title(self) -> str:
        if self.record is None:
            return self.tr("New facility attack")
        assert isinstance(self.record, FacilityAttack)
        lang = current_language()
        name = (self.record.name_ar or self.record.name_en) if lang == "ar" else (
            self.record.name_en or self.record.name_ar
        )
        name = name or vocabulary("facility_category").label(self.record.category, lang)
        return self.tr("Facility attack: {name}").format(name=name)

    def retranslate(self) -> None:
        self.facility_box.setTitle(self.tr("The facility"))
        self.attack_box.setTitle(self.tr("The attack"))
        self.label("category").setText(self.tr("Category"))
        self.label("name_ar").setText(self.tr("Name (Arabic)"))
        self.label("name_en").setText(self.tr("Name (Latin script)"))
        self.label("damage").setText(self.tr("Damage"))
        self.label("out_of_service").setText(self.tr("Out of service"))
        self.label("date").setText(self.tr("Date"))
        self.label("governorate").setText(self.tr("Governorate"))
        super().retranslate()
        self.align_labels(["incident_id", "category", "name_ar", "name_en", "damage",
                           "out_of_service", "date", "governorate"])
