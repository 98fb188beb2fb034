"""One place where the interface hears that records changed, so views refresh what they show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RecordEvents(QObject):
    """Emitted after every successful write through the services."""

    # kind ("incident", "victim", "facility_attack"), list of record ids
    changed = Signal(str, list)


_events: RecordEvents | None = None


def record_events() -> RecordEvents:
    global _events
    if _events is None:
        _events = RecordEvents()
    return _events
