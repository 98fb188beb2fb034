"""The three kinds of record, by kind name and by table."""

from __future__ import annotations

from snhr_desktop.domain.facility import FacilityAttack
from snhr_desktop.domain.incident import Incident
from snhr_desktop.domain.record import Record
from snhr_desktop.domain.victim import Victim

RECORD_TYPES: dict[str, type[Record]] = {
    Incident.kind: Incident,
    Victim.kind: Victim,
    FacilityAttack.kind: FacilityAttack,
}

__all__ = ["RECORD_TYPES", "FacilityAttack", "Incident", "Record", "Victim"]
