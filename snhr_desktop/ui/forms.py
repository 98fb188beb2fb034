"""Opening record forms: one window per record, quick entry of linked records, restored drafts.

The rest of the interface opens forms only through this module:

* ``open_record_form(ws, kind, record_id, parent, incident_id=...)`` opens a non-modal window for
  a new or saved incident, victim or facility attack, or brings forward the one already open;
* ``restore_drafts(ws, parent)`` reopens, after a crash, the forms whose contents were kept as
  drafts, each saying so at its top;
* ``open_forms()`` and ``close_all_forms(force)`` serve the idle lock and quitting.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import Incident
from snhr_desktop.services import drafts
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.facility_form import FacilityForm
from snhr_desktop.ui.incident_form import IncidentForm
from snhr_desktop.ui.record_form import ChildRecordForm, RecordForm, child_defaults
from snhr_desktop.ui.victim_form import VictimForm

__all__ = [
    "FORM_CLASSES",
    "close_all_forms",
    "find_form",
    "open_forms",
    "open_record_form",
    "restore_drafts",
]

log = logging.getLogger(__name__)

FORM_CLASSES: dict[str, type[RecordForm]] = {
    IncidentForm.kind: IncidentForm,
    VictimForm.kind: VictimForm,
    FacilityForm.kind: FacilityForm,
}

_open: dict[int, RecordForm] = {}


def _form_class(kind: str) -> type[RecordForm]:
    try:
        return FORM_CLASSES[kind]
    except KeyError:
        raise ValueError(f"no form for records of kind {kind!r}") from None


def _alive(form: RecordForm) -> bool:
    return shiboken6.isValid(form) and not form._closed


def open_forms() -> list[QWidget]:
    """The record forms currently open, oldest first."""
    return [form for form in _open.values() if _alive(form)]


def find_form(kind: str, record_id: str) -> RecordForm | None:
    """The open form of this record, if any."""
    for form in _open.values():
        if _alive(form) and form.kind == kind and form.record_id == record_id:
            return form
    return None


def _bring_forward(form: QWidget) -> None:
    if form.isMinimized():
        form.showNormal()
    else:
        form.show()
    form.raise_()
    form.activateWindow()


def _register(form: RecordForm, ws: Workspace, parent: QWidget | None) -> RecordForm:
    key = id(form)
    _open[key] = form
    form.destroyed.connect(lambda *_args, key=key: _open.pop(key, None))
    form.open_requested.connect(
        lambda kind, record_id: _open_linked(ws, kind, record_id, parent, form)
    )
    form.new_child_requested.connect(
        lambda kind, defaults: _open_child(ws, kind, defaults, parent, form)
    )
    return form


def _open_linked(
    ws: Workspace, kind: str, record_id: str, parent: QWidget | None, source: RecordForm
) -> None:
    try:
        open_record_form(ws, kind, record_id, parent)
    except UserError as error:
        source.form_message.set_message(error)


def _open_child(
    ws: Workspace, kind: str, defaults: dict[str, Any], parent: QWidget | None,
    incident_form: RecordForm,
) -> None:
    form = _form_class(kind)(ws, None, parent, defaults=defaults)
    if isinstance(form, ChildRecordForm):
        form.set_return_to(incident_form)
    _register(form, ws, parent)
    _bring_forward(form)


def open_record_form(
    ws: Workspace,
    kind: str,
    record_id: str | None,
    parent: QWidget | None = None,
    *,
    incident_id: str | None = None,
) -> QWidget:
    """Open the form of a record of ``kind`` ("incident", "victim", "facility_attack").

    With a ``record_id`` the saved record is shown, or its already open form brought forward;
    without one a new record starts (a new victim or facility attack linked to ``incident_id``
    and pre-filled from it). The window is top-level and not modal; ``parent`` (usually the
    main window) keeps it above and is given to the forms it opens in turn.

    Raises :class:`UserError` when the record or the incident does not exist (any more).
    """
    cls = _form_class(kind)
    if record_id:
        existing = find_form(kind, record_id)
        if existing is not None:
            _bring_forward(existing)
            return existing
        record = ws.get(kind, record_id)
        if record is None:
            raise UserError.of("record_not_found", value=record_id)
        form = cls(ws, record, parent)
    else:
        defaults: dict[str, Any] = {}
        if incident_id and kind != Incident.kind:
            incident = ws.get(Incident.kind, incident_id)
            if not isinstance(incident, Incident):
                raise UserError.of("unknown_incident", value=incident_id)
            defaults = child_defaults(incident, kind)
        form = cls(ws, None, parent, defaults=defaults)
    _register(form, ws, parent)
    _bring_forward(form)
    return form


def restore_drafts(ws: Workspace, parent: QWidget | None) -> list[QWidget]:
    """Reopen the forms left unsaved when the program last stopped (a crash, a power cut).

    Each form comes back with what was typed, marked as changed, and a notice at its top
    telling the user it was restored and when it was last kept. Drafts whose form is already
    open are left alone. Returns the reopened forms, oldest draft first.
    """
    try:
        found = drafts.drafts(ws)
    except Exception:
        log.warning("could not read the drafts", exc_info=True)
        return []
    restored: list[QWidget] = []
    open_keys = {form.draft_key for form in open_forms() if isinstance(form, RecordForm)}
    for draft in reversed(found):
        cls = FORM_CLASSES.get(draft.kind)
        if cls is None or draft.key in open_keys:
            continue
        data = dict(draft.data)
        record_id = data.get("id")
        try:
            record = ws.get(draft.kind, str(record_id)) if record_id else None
            form = cls(
                ws,
                record,
                parent,
                draft=data,
                draft_key=draft.key,
                draft_saved_at=draft.saved_at,
            )
        except Exception:
            log.warning("could not restore the draft %s", draft.key, exc_info=True)
            continue
        _register(form, ws, parent)
        _bring_forward(form)
        restored.append(form)
    return restored


def close_all_forms(force: bool) -> bool:
    """Close every form. With ``force`` nothing is asked: unsaved changes stay as drafts (to be
    restored next time). Otherwise each form with unsaved changes asks Save / Discard /
    Cancel; returns False, leaving the remaining forms open, if the user cancels."""
    for form in list(open_forms()):
        if not isinstance(form, RecordForm):
            continue
        if force:
            form.force_close(keep_draft=True)
        elif not form.close():
            form.setWindowState(form.windowState() & ~Qt.WindowState.WindowMinimized)
            _bring_forward(form)
            return False
    return True
