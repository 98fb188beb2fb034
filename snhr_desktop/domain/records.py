"""The kinds of record, by kind name: the three documented ones and reviewers' pair decisions."""

from __future__ import annotations

from snhr_desktop.domain.facility import FacilityAttack
from snhr_desktop.domain.incident import Incident
from snhr_desktop.domain.pair_decision import PairDecision
from snhr_desktop.domain.record import Record
from snhr_desktop.domain.victim import Victim

RECORD_TYPES: dict[str, type[Record]] = {
    Incident.kind: Incident,
    Victim.kind: Victim,
    FacilityAttack.kind: FacilityAttack,
    PairDecision.kind: PairDecision,
}

__all__ = [
    "DOCUMENTED_TYPES", "RECORD_TYPES", "FacilityAttack", "Incident", "PairDecision", "Record",
    "Victim",
]

# What researchers document (forms, lists, spreadsheets); decisions are made in the review queue.
DOCUMENTED_TYPES: dict[str, type[Record]] = {
    kind: model for kind, model in RECORD_TYPES.items() if kind != PairDecision.kind
}
