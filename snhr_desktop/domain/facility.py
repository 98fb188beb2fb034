"""An attack on a vital civilian facility (bridge, school, hospital, mosque, market…)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from snhr_desktop.domain.fields import Code, Day, Governorate, ShortText
from snhr_desktop.domain.record import Record, RecordId


class FacilityAttack(Record):
    kind: ClassVar[str] = "facility_attack"
    table: ClassVar[str] = "facility_attacks"

    incident_id: RecordId
    category: Annotated[str, Code("facility_category")]
    name_ar: ShortText = None
    name_en: ShortText = None
    damage: Annotated[str, Code("damage")] = "unknown"
    out_of_service: Annotated[str, Code("tristate")] = "unknown"
    date: Day = None
    governorate: Governorate = None
