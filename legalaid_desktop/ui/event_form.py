"""The "Add event" form of a custody timeline: fields, messages next to them, and drafts."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.ui.case_text import EVENT_LABELS, local

# Events whose order states its own length; the form asks for it.
LENGTH_EVENTS = frozenset({EventType.REMAND, EventType.REMAND_EXTENSION})
FIELDS = ("type", "at", "days", "until", "notes")
# Domain checks name the custody's own fields when an event would move them (a bail before the
# arrest fails as `released_at`); the user typed those values into "When".
FIELD_OF = {"released_at": "at", "arrest_at": "at", "admission_at": "at"}
ERROR_STYLE = "color: #a4161a;"


def _utc_edit(parent: QWidget) -> QDateTimeEdit:
    """A date-time edit showing wall-clock fields only: held as UTC so the computer's own time
    zone (its clock changes) cannot shift what was typed; the facility's zone is applied after."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


class EventForm(QGroupBox):
    """Type, when, days ordered, until and notes; `submitted` when the user asks to record it."""

    submitted = Signal()
    undo_requested = Signal()
    edited = Signal()
    """A value changed (typed, chosen or restored): the draft is due to be kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add an event"), parent)
        self.setAccessibleName(_("Add an event to the custody timeline"))
        self._zone = "UTC"
        self.type_box = QComboBox(self)
        for event_type, label in EVENT_LABELS.items():
            self.type_box.addItem(_(label), event_type.value)
        self.type_box.setAccessibleName(_("Event type"))
        self.type_box.setCurrentIndex(self.type_box.findData(EventType.REMAND.value))  # the usual entry
        self.at_edit = _utc_edit(self)
        self.at_edit.setAccessibleName(_("When the event happened, local time"))
        self.days_edit = QLineEdit(self)
        self.days_edit.setPlaceholderText(_("e.g. 14"))
        self.days_edit.setAccessibleName(_("Days ordered"))
        self.until_edit = _utc_edit(self)
        self.until_edit.setAccessibleName(_("Until, local time (end of time not counted)"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(_("Notes"))
        self.notes_edit.setPlaceholderText(_("Court, order number, who was present…"))
        self.notes_edit.setFixedHeight(70)
        self.zone_label = QLabel(self)
        self.zone_label.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        self.save_button = QPushButton(_("&Record event"), self)
        self.save_button.setAccessibleName(_("Record event"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submitted)
        self.days_edit.returnPressed.connect(self.submitted)  # Enter records, as in a dialog
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Form message"))
        self.message.hide()
        self.undo_button = QPushButton(_("&Undo"), self)
        self.undo_button.setAccessibleName(_("Undo the event just recorded"))
        self.undo_button.setToolTip(_("Take back the event just recorded, with the deadlines it changed; "
                                      "it comes back into the form to correct (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        # Ctrl+Z from anywhere in the timeline tab (the owner adds it there), while Undo is offered.
        self.undo_action = QAction(_("Undo the event just recorded"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_requested)
        self.undo_action.setEnabled(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("type", _("&Event"), self.type_box), ("at", _("&When"), self.at_edit),
            ("days", _("Da&ys ordered"), self.days_edit), ("until", _("&Until"), self.until_edit),
            ("notes", _("Note&s"), self.notes_edit))
        for name, text, field in rows:
            caption = QLabel(text, self)
            caption.setBuddy(field)
            error = QLabel(self)
            error.setWordWrap(True)
            error.setStyleSheet(ERROR_STYLE)
            error.setAccessibleName(_("{field}: problem").format(field=field.accessibleName()))
            error.hide()
            self.errors[name] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(error)
            form.addRow(caption, column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.zone_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(message_row)
        layout.addStretch(1)
        self.type_box.currentIndexChanged.connect(self._type_changed)
        self.type_box.currentIndexChanged.connect(lambda _index: self.edited.emit())
        for edit in (self.at_edit, self.until_edit):
            edit.dateTimeChanged.connect(lambda _moment: self.edited.emit())
        self.days_edit.textChanged.connect(lambda _text: self.edited.emit())
        self.notes_edit.textChanged.connect(self.edited)
        self.setTabOrder(self.type_box, self.at_edit)
        self.setTabOrder(self.at_edit, self.days_edit)
        self.setTabOrder(self.days_edit, self.until_edit)
        self.setTabOrder(self.until_edit, self.notes_edit)
        self.setTabOrder(self.notes_edit, self.save_button)
        self._type_changed()

    # -- reading and filling

    def event_type(self) -> EventType:
        return EventType(self.type_box.currentData())

    def set_zone(self, zone: str, now: datetime) -> None:
        """Times are typed in the facility's zone; an empty form starts at the present moment."""
        self._zone = zone
        self.zone_label.setText(_("Times are local to the facility ({zone}).").format(zone=zone))
        self.reset(now)

    def reset(self, now: datetime) -> None:
        shown = now.astimezone(ZoneInfo(self._zone)).replace(second=0, microsecond=0)
        for edit in (self.at_edit, self.until_edit):
            edit.setDateTime(QDateTime(QDate(shown.year, shown.month, shown.day),
                                       QTime(shown.hour, shown.minute), QTimeZone.utc()))
        self.days_edit.clear()
        self.notes_edit.clear()
        self.clear_errors()

    def _moment(self, edit: QDateTimeEdit) -> datetime:
        value = edit.dateTime()
        when = value.date()
        typed = datetime(when.year(), when.month(), when.day(), value.time().hour(), value.time().minute())
        return typed.replace(tzinfo=ZoneInfo(self._zone))

    def values(self) -> dict[str, Any]:
        """The keyword arguments of add_custody_event; a days value that is no number is refused here."""
        event_type = self.event_type()
        raw_days = self.days_edit.text().strip()
        days: int | None = None
        if raw_days:
            try:
                days = int(raw_days)
            except ValueError:
                raise ValidationError("days", raw_days, _("a whole number of days, such as 14")) from None
        return {"type": event_type, "at": self._moment(self.at_edit), "days": days,
                "until": self._moment(self.until_edit) if event_type is EventType.EXCLUDED_INTERVAL else None,
                "notes": self.notes_edit.toPlainText().strip() or None}

    def draft(self) -> dict[str, Any]:
        """What the form holds, as JSON values (wall-clock times in the facility's zone)."""
        iso = Qt.DateFormat.ISODate
        return {"type": self.type_box.currentData(), "at": self.at_edit.dateTime().toString(iso),
                "days": self.days_edit.text(), "until": self.until_edit.dateTime().toString(iso),
                "notes": self.notes_edit.toPlainText()}

    def restore(self, draft: dict[str, Any]) -> None:
        """Fill the form from `draft`; a value it cannot use (a type no longer offered) is left as it is."""
        found = self.type_box.findData(draft.get("type"))
        if found >= 0:
            self.type_box.setCurrentIndex(found)
        for name, edit in (("at", self.at_edit), ("until", self.until_edit)):
            moment = QDateTime.fromString(str(draft.get(name, "")), Qt.DateFormat.ISODate)
            if moment.isValid():
                edit.setDateTime(moment)
        self.days_edit.setText(str(draft.get("days") or ""))
        self.notes_edit.setPlainText(str(draft.get("notes") or ""))

    def has_input(self) -> bool:
        return bool(self.days_edit.text().strip() or self.notes_edit.toPlainText().strip())

    # -- messages

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.hide()
        self.undo_button.hide()
        self.undo_action.setEnabled(False)

    def show_error(self, error: ValidationError, zone: str | None = None) -> QWidget | None:
        """The message beside the field it is about (or under the form); returns that field."""
        value = error.value
        if isinstance(value, datetime):  # say it in the user's local terms, not Python's
            value = local(value, zone or self._zone)
        field = FIELD_OF.get(error.field, error.field)
        text, _code = describe(ValidationError(error.field, value, error.expected))
        label = self.errors.get(field)
        if label is None:
            self.show_message(text, error=True)
            return None
        label.setText("⚠ " + text)
        label.show()
        widget = {"type": self.type_box, "at": self.at_edit, "days": self.days_edit,
                  "until": self.until_edit, "notes": self.notes_edit}[field]
        widget.setFocus()
        return widget

    def show_message(self, text: str, *, error: bool = False, undoable: bool = False) -> None:
        """A message under the form; `undoable`: about an event just recorded, with Undo beside it."""
        self.message.setText(("⚠ " if error else "") + text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.show()
        self.undo_button.setVisible(undoable)
        self.undo_action.setEnabled(undoable)

    def _type_changed(self) -> None:
        event_type = self.event_type()
        self.until_edit.setEnabled(event_type is EventType.EXCLUDED_INTERVAL)
        needs_days = event_type in LENGTH_EVENTS
        self.days_edit.setPlaceholderText(_("required: the order's length, e.g. 14") if needs_days
                                          else _("only if the order states a length"))
