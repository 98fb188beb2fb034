"""The shared base of the record forms: fields with inline messages, saving, drafts and closing.

A form binds each record field to a widget of ``ui.widgets`` (``value()``, ``set_value()``,
``value_changed``), so the base class can read the whole record (``values()``), put one back,
tell whether anything changed since it was loaded or saved, and validate through the workspace.
Problems found by validation are shown in the active language under the field they concern:
while typing only for fields the user has already left, after a save attempt for every field.

Nothing typed is lost: while a form has unsaved changes its contents are kept as a draft in the
encrypted database (shortly after each change and every few seconds), removed again when the
record is saved or the changes are discarded. Drafts left by a crash are reopened by
``forms.restore_drafts``.

Keyboard: Ctrl+S saves, Ctrl+Enter saves and starts the next record (victims, facility
attacks), Esc closes, asking Save / Discard / Cancel when there are unsaved changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from snhr_desktop.domain.fields import Problem, RecordInvalid
from snhr_desktop.domain.gazetteer import gazetteer
from snhr_desktop.domain.ids import uuid7
from snhr_desktop.domain.incident import Incident
from snhr_desktop.domain.messages import UserError
from snhr_desktop.domain.records import RECORD_TYPES, Record
from snhr_desktop.domain.vocabularies import vocabulary
from snhr_desktop.i18n import Retranslating, current_language, translate
from snhr_desktop.services import drafts
from snhr_desktop.services.workspace import Workspace
from snhr_desktop.ui.events import record_events
from snhr_desktop.ui.widgets import ERROR_COLOUR, FieldMessage, Translated, bidi_safe

__all__ = [
    "ChildRecordForm",
    "ConfirmDeleteBox",
    "RecordForm",
    "UnsavedChangesBox",
    "child_defaults",
    "form_layout",
    "incident_summary",
]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Questions (tests answer them by monkeypatching ``ask``)
# --------------------------------------------------------------------------------------------


class UnsavedChangesBox(QMessageBox):
    """Save / Discard / Cancel for a form closed with unsaved changes."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> str:
        """Ask, and return ``SAVE``, ``DISCARD`` or ``CANCEL``."""
        box = cls(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("UnsavedChangesBox", "Unsaved changes"))
        box.setText(
            translate("UnsavedChangesBox", "Save the changes to “{title}” before closing?")
            .format(title=title)
        )
        box.setInformativeText(
            translate("UnsavedChangesBox", "If you discard them, what you typed is lost.")
        )
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        answer = box.exec()
        box.deleteLater()
        if answer == buttons.Save:
            return cls.SAVE
        if answer == buttons.Discard:
            return cls.DISCARD
        return cls.CANCEL


class ConfirmDeleteBox(QMessageBox):
    """Confirmation before a record is deleted."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> bool:
        box = cls(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("ConfirmDeleteBox", "Delete"))
        box.setText(text)
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.No)
        box.setDefaultButton(buttons.No)
        box.setEscapeButton(buttons.No)
        answer = box.exec()
        box.deleteLater()
        return answer == buttons.Yes


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def form_layout() -> QFormLayout:
    """A form layout whose fields take the width they are given (labels beside, mirrored in
    Arabic)."""
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    layout.setFormAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    return layout


def child_defaults(incident: Incident, kind: str) -> dict[str, Any]:
    """What a new victim or facility attack of ``incident`` starts with: the link, the
    governorate, the place, and the date when the incident's is known to the day."""
    values: dict[str, Any] = {"incident_id": incident.id, "governorate": incident.governorate}
    day = incident.date.isoformat() if incident.date_precision == "day" else None
    if kind == "victim":
        values.update(place_ar=incident.place_ar, place_en=incident.place_en)
        if day:
            values["date_of_death"] = day
    elif kind == "facility_attack" and day:
        values["date"] = day
    return values


def incident_summary(incident: Incident, lang: str) -> str:
    """One line naming an incident: date · governorate · place · attack type."""
    place = (incident.place_ar or incident.place_en) if lang == "ar" else (
        incident.place_en or incident.place_ar
    )
    parts = [incident.date_text(), gazetteer().name(incident.governorate, lang)]
    if place:
        parts.append(place)
    parts.append(vocabulary("attack_type").label(incident.attack_type, lang))
    return bidi_safe(" · ".join(parts))


def _as_field(value: Any) -> Any:
    """A stored value as a field shows it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _local_time(iso: str) -> str:
    """A stored UTC stamp as local time: the clock time today, else the date and time."""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    if stamp.date() == dt.date.today():
        return stamp.strftime("%H:%M:%S")
    return stamp.strftime("%Y-%m-%d %H:%M")


@dataclass(slots=True)
class Binding:
    """A record field and the widget that edits it."""

    name: str
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]


# --------------------------------------------------------------------------------------------
# The form
# --------------------------------------------------------------------------------------------


class RecordForm(Retranslating, QWidget):
    """A top-level window editing one record of ``kind``; subclasses lay out the fields."""

    kind: ClassVar[str] = ""
    SAVE_AND_NEW: ClassVar[bool] = False
    # Drafts: shortly after each change, and every few seconds while there are changes.
    DRAFT_DELAY_MS: ClassVar[int] = 800
    AUTOSAVE_INTERVAL_MS: ClassVar[int] = 5000
    VALIDATE_DELAY_MS: ClassVar[int] = 350

    saved = Signal(str)
    dirty_changed = Signal(bool)
    # kind, record id: another record's form should open (a duplicate, the incident).
    open_requested = Signal(str, str)
    # kind, initial values: a new linked record should open (quick entry from an incident).
    new_child_requested = Signal(str, object)

    def __init__(
        self,
        ws: Workspace,
        record: Record | None = None,
        parent: QWidget | None = None,
        *,
        defaults: dict[str, Any] | None = None,
        draft: dict[str, Any] | None = None,
        draft_key: str | None = None,
        draft_saved_at: str | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ws = ws
        self.record = record
        given_id = (draft or {}).get("id") or (defaults or {}).get("id")
        self.record_id: str = record.id if record is not None else str(given_id or uuid7())
        self.draft_key = draft_key or f"{self.kind}:{self.record_id}"
        self._bindings: dict[str, Binding] = {}
        self._messages: dict[str, FieldMessage] = {}
        self._labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._edited: set[str] = set()
        self._show_all = False
        self._loading = True
        self._dirty = False
        self._force = False
        self._keep_draft = True
        self._closed = False
        self._last_draft: dict[str, Any] | None = None
        self._draft_time: str | None = None
        self._saved_time: str | None = None
        self._restored_at = draft_saved_at
        self._new_defaults: dict[str, Any] = dict(defaults or {})

        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(8)
        self.notice = FieldMessage(self, notice=True)
        self.form_message = FieldMessage(self)
        self.top_layout = QVBoxLayout()
        self.top_layout.setSpacing(6)
        self.top_layout.addWidget(self.notice)
        self.top_layout.addWidget(self.form_message)
        outer.addLayout(self.top_layout)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body, 1)
        self.build()

        bar = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.status, 1)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.save_button)
        self.save_new_button: QPushButton | None = None
        if self.SAVE_AND_NEW:
            self.save_new_button = QPushButton(self)
            self.save_new_button.clicked.connect(self.save_and_new)
            bar.addWidget(self.save_new_button)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        bar.addWidget(self.close_button)
        for button in (self.save_button, self.save_new_button, self.close_button):
            if button is not None:
                button.setAutoDefault(False)
        outer.addLayout(bar)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        if self.SAVE_AND_NEW:
            QShortcut(QKeySequence("Ctrl+Return"), self, self.save_and_new)
            QShortcut(QKeySequence("Ctrl+Enter"), self, self.save_and_new)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(self.DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(self.AUTOSAVE_INTERVAL_MS)
        self._autosave_timer.timeout.connect(self.keep_draft)
        self._autosave_timer.start()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(self.VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self._validate_live)

        for name, binding in self._bindings.items():
            signal = getattr(binding.widget, "value_changed", None)
            if signal is not None:
                signal.connect(lambda _value, name=name: self._field_changed(name))

        self._load(self._starting_values())
        self._baseline = self.values()
        if draft:
            self._load(draft)
            self._edited = {n for n, v in self.values().items() if self._baseline.get(n) != v}
            self._touched = set(self._edited)
            self._last_draft = self.values()
            self._draft_time = _local_time(draft_saved_at) if draft_saved_at else None
        self._loading = False

        record_events().changed.connect(self._records_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()
        self._update_dirty()

    # ---- what subclasses provide -------------------------------------------------------------
    def build(self) -> None:
        """Create the field widgets (``bind``/``add_field``) and lay them out in ``self.body``."""
        raise NotImplementedError

    def title(self) -> str:
        """The window title (translated)."""
        raise NotImplementedError

    def first_field(self) -> QWidget | None:
        """Where the cursor goes when the form opens."""
        return next(iter(self._bindings.values())).widget if self._bindings else None

    def extra_values(self) -> dict[str, Any]:
        """Values of the record that no field edits (links)."""
        return {}

    def apply_extra(self, values: dict[str, Any]) -> None:
        """Take the values of ``extra_values`` back from a draft or defaults."""

    def record_values(self, record: Record) -> dict[str, Any]:
        """A saved record as the fields show it."""
        values = {name: _as_field(getattr(record, name, None)) for name in self._bindings}
        values.update({k: _as_field(v) for k, v in record.model_dump().items()
                       if k in self.extra_values()})
        return values

    def problem_target(self, problem: Problem) -> str | None:
        """The field a problem belongs to, or None for the form-level message."""
        name = problem.field.split(".")[0]
        return name if name in self._messages else None

    def records_changed(self, kind: str, ids: list[str]) -> None:
        """Some records were saved or deleted (here or elsewhere)."""

    def return_from_child(self, kind: str, record_id: str) -> None:
        """A linked record opened from this form by quick entry was saved and closed."""

    # ---- building helpers ----------------------------------------------------------------------
    def bind(
        self,
        name: str,
        widget: QWidget,
        *,
        get: Callable[[], Any] | None = None,
        set: Callable[[Any], None] | None = None,
    ) -> QWidget:
        self._bindings[name] = Binding(
            name,
            widget,
            get or widget.value,  # type: ignore[attr-defined]
            set or widget.set_value,  # type: ignore[attr-defined]
        )
        return widget

    def add_field(
        self,
        layout: QFormLayout,
        name: str,
        widget: QWidget,
        *,
        also: Iterable[str] = (),
        bind: bool = True,
    ) -> QWidget:
        """Bind ``widget`` to ``name`` and add it as a row of ``layout`` with its label and its
        inline message (which also shows the problems of the fields named in ``also``)."""
        if bind:
            self.bind(name, widget)
        label = QLabel(self)
        label.setBuddy(widget)
        message = FieldMessage(self)
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        layout.addRow(label, cell)
        self.register_message(name, message, label)
        for other in also:
            self.register_message(other, message, label)
        return widget

    def register_message(self, name: str, message: FieldMessage, label: QLabel | None) -> None:
        self._messages[name] = message
        if label is not None:
            self._labels[name] = label

    def group(self, layout: QFormLayout | None = None) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(self)
        inner = layout or form_layout()
        box.setLayout(inner)
        return box, inner

    def align_labels(self, names: Iterable[str]) -> None:
        """Give the labels of ``names`` (in separate boxes one above the other) one width, so
        their fields line up; called again after each language switch."""
        labels = [self._labels[name] for name in names if name in self._labels]
        for label in labels:
            label.setMinimumWidth(0)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def message(self, name: str) -> FieldMessage:
        return self._messages[name]

    def widget(self, name: str) -> QWidget:
        return self._bindings[name].widget

    # ---- values ----------------------------------------------------------------------------------
    @property
    def is_new(self) -> bool:
        return self.record is None

    def values(self) -> dict[str, Any]:
        """The record as typed: what validation gets, and what a draft keeps."""
        data: dict[str, Any] = {"id": self.record_id}
        data.update(self.extra_values())
        for name, binding in self._bindings.items():
            data[name] = binding.get()
        return data

    def set_values(self, values: dict[str, Any]) -> None:
        """Put ``values`` in the fields, as if typed (the form becomes dirty if they differ)."""
        self._load(values)
        self._edited.update(name for name in values if name in self._bindings)
        self._update_dirty()

    def is_dirty(self) -> bool:
        return self._dirty

    def _starting_values(self) -> dict[str, Any]:
        if self.record is not None:
            return self.record_values(self.record)
        values: dict[str, Any] = {}
        model = RECORD_TYPES[self.kind]
        for name in self._bindings:
            field = model.model_fields.get(name)
            if field is not None and not field.is_required() and field.default is not None:
                values[name] = _as_field(field.default)
        values.update({k: _as_field(v) for k, v in self._new_defaults.items()})
        return values

    def _load(self, values: dict[str, Any]) -> None:
        loading, self._loading = self._loading, True
        try:
            self.apply_extra(values)
            for name, binding in self._bindings.items():
                if name in values:
                    binding.set(values[name])
        finally:
            self._loading = loading

    # ---- changes, drafts, validation ---------------------------------------------------------
    def _field_changed(self, name: str) -> None:
        if self._loading:
            return
        self._edited.add(name)
        self._update_dirty()
        if self._dirty:
            self._draft_timer.start()
        self._validate_timer.start()
        self.field_changed(name)

    def field_changed(self, name: str) -> None:
        """Hook: ``name`` changed through the interface."""

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or self._closed or not shiboken6.isValid(self):
            return
        left = self._binding_of(old)
        if left is not None and left in self._edited and self._binding_of(new) != left:
            self._touched.add(left)
            self._validate_timer.start()

    def _binding_of(self, widget: QWidget | None) -> str | None:
        by_widget = {id(binding.widget): name for name, binding in self._bindings.items()}
        while widget is not None and widget is not self:
            if id(widget) in by_widget:
                return by_widget[id(widget)]
            widget = widget.parentWidget()
        return None

    def _update_dirty(self) -> None:
        dirty = self.values() != self._baseline
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self.setWindowModified(dirty)
        self._render_status()

    def keep_draft(self) -> None:
        """Keep the form's contents as a draft now (when they differ from the saved record)."""
        if self._closed:
            return
        if not self._dirty:
            if self._last_draft is not None:
                self._discard_draft()
            return
        data = self.values()
        if data == self._last_draft:
            return
        try:
            drafts.save_draft(self.ws, self.draft_key, self.kind, data)
        except Exception:  # the form stays usable; the next tick tries again
            log.warning("could not keep a draft of %s", self.draft_key, exc_info=True)
            return
        self._last_draft = data
        self._draft_time = _clock()
        self._render_status()

    def _discard_draft(self) -> None:
        try:
            drafts.discard_draft(self.ws, self.draft_key)
        except Exception:
            log.warning("could not discard the draft %s", self.draft_key, exc_info=True)
        self._last_draft = None
        self._draft_time = None

    def validate(self, *, show_all: bool = True) -> Record | None:
        """The record if the fields make a valid one; otherwise show why and return None."""
        if show_all:
            self._show_all = True
        try:
            record = self.ws.validate(self.kind, self.values())
        except RecordInvalid as error:
            self._show_problems(error.problems)
            return None
        self._show_problems([])
        return record

    def _validate_live(self) -> None:
        if self._closed or not (self._touched or self._show_all):
            return
        try:
            self.ws.validate(self.kind, self.values())
        except RecordInvalid as error:
            self._show_problems(error.problems)
            return
        except Exception:
            log.warning("validating %s failed", self.draft_key, exc_info=True)
            return
        self._show_problems([])

    def _show_problems(self, problems: list[Problem]) -> None:
        by_message: dict[int, list[Problem]] = {}
        form_level: list[Problem] = []
        for problem in problems:
            target = self.problem_target(problem)
            if target is None:
                form_level.append(problem)
            elif self._show_all or target in self._touched:
                by_message.setdefault(id(self._messages[target]), []).append(problem)
        done: set[int] = set()
        for message in self._messages.values():
            if id(message) in done:
                continue
            done.add(id(message))
            message.set_messages(by_message.get(id(message), []))
        for name, label in self._labels.items():
            palette = QPalette()
            if self._messages[name].has_messages():
                palette = label.palette()
                palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
            label.setPalette(palette)
        if self._show_all:
            self.form_message.set_messages(
                [_FieldProblem(self, p) for p in form_level]
            )

    def _focus_first_problem(self, problems: list[Problem]) -> None:
        wanted = {self.problem_target(p) for p in problems}
        for name, binding in self._bindings.items():
            if name in wanted or (
                name in self._messages and self._messages[name].has_messages()
            ):
                binding.widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def field_title(self, name: str) -> str:
        label = self._labels.get(name)
        return label.text() if label is not None else name

    # ---- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate and save; on success the form shows the saved record. False if not saved."""
        if self._closed:
            return False
        self._show_all = True
        self.form_message.clear_messages()
        try:
            record = self.ws.validate(self.kind, self.values())
            self.ws.save(record)
        except RecordInvalid as error:
            self._show_problems(error.problems)
            self._focus_first_problem(error.problems)
            return False
        except UserError as error:
            self.form_message.set_message(error)
            return False
        except Exception as error:  # shown, not raised: the user must never see a traceback
            log.exception("saving %s %s failed", self.kind, self.record_id)
            detail = str(error) or type(error).__name__
            self.form_message.set_message(
                Translated(lambda: self.tr("The record could not be saved: {detail}").format(
                    detail=detail))
            )
            return False
        self._after_save(record)
        return True

    def _after_save(self, record: Record) -> None:
        stored = self.ws.get(self.kind, record.id) or record
        self.record = stored
        self._discard_draft()
        self._load(self.record_values(stored))
        self._baseline = self.values()
        self._touched.clear()
        self._edited.clear()
        self._show_all = False
        self._show_problems([])
        self.form_message.clear_messages()
        self.notice.clear_messages()
        self._restored_at = None
        self._saved_time = _clock()
        self._update_dirty()
        self.retranslate()
        record_events().changed.emit(self.kind, [stored.id])
        self.saved.emit(stored.id)

    def save_and_new(self) -> bool:
        """Save, then start a new record with the same starting values (the next victim)."""
        if not self.SAVE_AND_NEW or not self.save():
            return False
        self.start_new(self.next_defaults())
        return True

    def next_defaults(self) -> dict[str, Any]:
        return dict(self._new_defaults)

    def start_new(self, defaults: dict[str, Any]) -> None:
        """Turn this window into the form of a new record starting from ``defaults``."""
        self.record = None
        self.record_id = uuid7()
        self.draft_key = f"{self.kind}:{self.record_id}"
        self._new_defaults = dict(defaults)
        self._last_draft = None
        self._draft_time = None
        self._saved_time = None
        self._loading = True
        try:
            self._clear_fields()
            self._load(self._starting_values())
        finally:
            self._loading = False
        self._baseline = self.values()
        self._touched.clear()
        self._edited.clear()
        self._show_all = False
        self._show_problems([])
        self.form_message.clear_messages()
        self._update_dirty()
        self.retranslate()
        self.focus_first_field()

    def _clear_fields(self) -> None:
        for binding in reversed(list(self._bindings.values())):
            binding.set(None)

    def fit_to_screen(self, width: int, height: int) -> None:
        """Start at ``width`` × ``height``, or less on a small screen."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def focus_first_field(self) -> None:
        first = self.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- closing -------------------------------------------------------------------------
    def force_close(self, *, keep_draft: bool = True) -> None:
        """Close without asking; unsaved changes stay as a draft unless ``keep_draft`` is
        False."""
        self._force = True
        self._keep_draft = keep_draft
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        self._teardown()
        super().closeEvent(event)

    def _may_close(self) -> bool:
        if self._closed:
            return True
        if self._force:
            if self._keep_draft:
                self.keep_draft()
            else:
                self._discard_draft()
            return True
        if not self._dirty:
            if self._last_draft is not None:
                self._discard_draft()
            return True
        answer = UnsavedChangesBox.ask(self, self.title())
        if answer == UnsavedChangesBox.SAVE:
            return self.save()
        if answer == UnsavedChangesBox.DISCARD:
            self._discard_draft()
            return True
        return False

    def _teardown(self) -> None:
        self._closed = True
        for timer in (self._draft_timer, self._autosave_timer, self._validate_timer):
            timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            record_events().changed.disconnect(self._records_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_changed)

    def _records_changed(self, kind: str, ids: list[str]) -> None:
        if self._closed or not shiboken6.isValid(self):
            return
        if kind == self.kind and self.record is not None and self.record_id in ids:
            try:
                gone = self.ws.get(self.kind, self.record_id) is None
            except Exception:
                gone = False
            if gone:
                self.force_close(keep_draft=False)
                return
        self.records_changed(kind, ids)

    # ---- texts ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            self.focus_first_field()
        super().showEvent(event)

    def retranslate(self) -> None:
        """Every text of the form; subclasses set their labels and then call this."""
        self.setWindowTitle(bidi_safe(f"{self.title()} [*]"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the record (Ctrl+S)"))
        if self.save_new_button is not None:
            self.save_new_button.setText(self.tr("Save and new"))
            self.save_new_button.setToolTip(
                self.tr("Save, then start the next record of the same incident (Ctrl+Enter)")
            )
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the form (Esc)"))
        if self._restored_at is not None:
            when = _local_time(self._restored_at)
            self.notice.set_message(Translated(lambda: self.tr(
                "Restored from work that was not saved before the program closed (kept at "
                "{time}). Save it to keep it, or close the form and discard it."
            ).format(time=when)))
        self._render_status()

    def _render_status(self) -> None:
        if self._dirty and self._draft_time:
            text = self.tr("Unsaved changes (kept as a draft at {time})").format(
                time=self._draft_time
            )
        elif self._dirty:
            text = self.tr("Unsaved changes")
        elif self._saved_time:
            text = self.tr("Saved at {time}").format(time=self._saved_time)
        else:
            text = ""
        self.status.setText(bidi_safe(text))


class _FieldProblem:
    """A form-level problem, prefixed with the field it names when that field has a label."""

    def __init__(self, form: RecordForm, problem: Problem) -> None:
        self._form = form
        self._problem = problem

    def render(self, lang: str) -> str:
        text = self._problem.render(lang)
        name = self._problem.field.split(".")[0]
        if name in ("", "*"):
            return text
        return f"{self._form.field_title(name)}: {text}"


# --------------------------------------------------------------------------------------------
# Victims and facility attacks: records that belong to an incident
# --------------------------------------------------------------------------------------------


class IncidentLink(Retranslating, QWidget):
    """The incident a victim or facility attack belongs to, with a button to open it."""

    open_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.open_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open incident"))


class ChildRecordForm(RecordForm):
    """A victim or facility attack form: linked to an incident, with Save and new, and (when
    opened by quick entry from an incident) returning there after a save."""

    SAVE_AND_NEW = True

    def __init__(self, ws: Workspace, record: Record | None = None,
                 parent: QWidget | None = None, **kwargs: Any) -> None:
        self.incident_id: str | None = getattr(record, "incident_id", None)
        self.return_to: RecordForm | None = None
        self.link = IncidentLink()
        self.link_label = QLabel()
        self.link_message = FieldMessage()
        super().__init__(ws, record, parent, **kwargs)
        self.link.open_clicked.connect(self._open_incident)
        self._show_incident()

    def add_link_row(self, layout: QFormLayout) -> None:
        """The incident row (its problems, such as a missing incident, show under it)."""
        for widget in (self.link, self.link_label, self.link_message):
            widget.setParent(self)
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.link)
        column.addWidget(self.link_message)
        layout.addRow(self.link_label, cell)
        self.register_message("incident_id", self.link_message, self.link_label)

    def extra_values(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id}

    def apply_extra(self, values: dict[str, Any]) -> None:
        if values.get("incident_id"):
            self.incident_id = str(values["incident_id"])
            if self._bindings:
                self._show_incident()

    def _incident(self) -> Incident | None:
        if not self.incident_id:
            return None
        try:
            found = self.ws.get("incident", self.incident_id)
        except Exception:
            return None
        return found if isinstance(found, Incident) else None

    def _show_incident(self) -> None:
        incident = self._incident()
        if incident is not None:
            self.link.summary.setText(incident_summary(incident, current_language()))
        elif self.incident_id:
            self.link.summary.setText(self.tr("Incident {id} (not found)").format(
                id=self.incident_id))
        else:
            self.link.summary.setText(
                self.tr("None: add victims and facility attacks from their incident's form.")
            )
        self.link.open_button.setEnabled(incident is not None)

    def _open_incident(self) -> None:
        if self.incident_id:
            self.open_requested.emit("incident", self.incident_id)

    def records_changed(self, kind: str, ids: list[str]) -> None:
        if kind == "incident" and self.incident_id in ids:
            self._show_incident()

    def next_defaults(self) -> dict[str, Any]:
        incident = self._incident()
        if incident is not None:
            return child_defaults(incident, self.kind)
        return {"incident_id": self.incident_id}

    def _return_target(self) -> RecordForm | None:
        target = self.return_to
        if target is None or not shiboken6.isValid(target) or target._closed:
            return None
        return target

    def save(self) -> bool:
        if not super().save():
            return False
        if self._return_target() is not None and not self._in_save_and_new:
            QTimer.singleShot(0, self._go_back)
        return True

    _in_save_and_new = False

    def save_and_new(self) -> bool:
        self._in_save_and_new = True
        try:
            return super().save_and_new()
        finally:
            self._in_save_and_new = False

    def _may_close(self) -> bool:
        # Closing through "Save" in the unsaved-changes question must not go back twice.
        back, self.return_to = self.return_to, None
        try:
            return super()._may_close()
        finally:
            self.return_to = back

    def _go_back(self) -> None:
        """After a quick-entry save: close, and put the cursor back in the incident's table."""
        if self._closed or not shiboken6.isValid(self):
            return
        target = self._return_target()
        record_id = self.record_id
        self.close()
        if target is not None:
            target.return_from_child(self.kind, record_id)

    def retranslate(self) -> None:
        self.link_label.setText(self.tr("Incident"))
        self._show_incident()
        super().retranslate()
        if self._return_target() is not None:
            self.save_button.setText(self.tr("Save and return"))
            self.save_button.setToolTip(
                self.tr("Save, close this form and go back to the incident (Ctrl+S)")
            )

    def set_return_to(self, form: RecordForm | None) -> None:
        self.return_to = form
        self.retranslate()

