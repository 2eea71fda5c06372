"""Small forms of the case tabs: a note or activity, a hearing, a hearing's outcome. Each checks what
was typed, shows a problem beside the field it is about, and saves nothing until all is right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.case_file import HearingLine
from legalaid_desktop.domain.errors import ConcurrencyError, DomainError, ValidationError
from legalaid_desktop.domain.vocab import NoteKind
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.case_work import (
    MAX_MINUTES,
    add_hearing,
    add_note,
    court_choices,
    record_hearing_outcome,
)
from legalaid_desktop.services.records import Saved
from legalaid_desktop.ui.case_tabs import escape
from legalaid_desktop.ui.case_text import N_, NOTE_KINDS, day, local
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message

Clock = Callable[[], datetime]

PURPOSES = (N_("Mention"), N_("Bail application"), N_("Plea"), N_("Trial"), N_("Ruling"), N_("Sentencing"))


# --- times typed in the facility's zone --------------------------------------------------------------

def moment_edit(parent: QWidget, name: str) -> QDateTimeEdit:
    """A date-time field showing wall-clock fields only: held as UTC so the computer's own zone cannot
    shift what was typed; the facility's zone is applied when it is read (moment_of)."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


def show_moment(edit: QDateTimeEdit, moment: datetime, zone: str) -> None:
    shown = moment.astimezone(ZoneInfo(zone))
    edit.setDateTime(QDateTime(QDate(shown.year, shown.month, shown.day), QTime(shown.hour, shown.minute),
                               QTimeZone.utc()))


def moment_of(edit: QDateTimeEdit, zone: str) -> datetime:
    value = edit.dateTime()
    when, clock = value.date(), value.time()
    return datetime(when.year(), when.month(), when.day(), clock.hour(), clock.minute(),
                    tzinfo=ZoneInfo(zone))


def whole_number(field: str, raw: str, expected: str) -> int | None:
    """The typed number, None when left empty; anything else is refused with `expected`."""
    text = raw.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(field, text, expected) from None


# --- the shared form ---------------------------------------------------------------------------------

class CaseForm(QDialog):
    """A form in a dialog: rows of fields, each with its message beneath; Save runs `submit`.

    `submit` reads the fields and calls a service (a ValidationError names the row by its field name,
    or by a service's name for it in `FIELD_OF`). Nothing typed is lost on a refusal. `saved(Saved)`
    follows a save, then the dialog closes.
    """

    saved = Signal(object)
    edited = Signal()
    """A field's value changed (typed, chosen or restored): its draft is due to be kept."""
    FIELD_OF: ClassVar[dict[str, str]] = {}

    def __init__(self, title: str, heading: str, save_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.heading = QLabel(f"<b>{escape(heading)}</b>", self)
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.captions: dict[str, str] = {}
        self.message = error_label(self, title)
        self.message.setAccessibleName(_("Form message"))
        self.save_button = QPushButton(save_text, self)
        self.save_button.setAccessibleName(save_text.replace("&", ""))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.notes = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addLayout(self.notes)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self, name: str, caption: str, field: QWidget, accessible: str) -> None:
        """A row: the caption (Alt+its letter moves to the field), the field, its message beneath."""
        label = QLabel(caption, self)
        label.setBuddy(field)
        field.setAccessibleName(accessible)
        error = error_label(self, accessible)
        self.errors[name] = error
        self.fields[name] = field
        self.captions[name] = caption.replace("&", "")
        self.form.addRow(label, with_message(field, error))
        _on_change(field, self.edited.emit)

    def add_note(self, text: str) -> QLabel:
        label = note(self, text)
        self.notes.addWidget(label)
        return label

    def submit(self) -> Saved:
        raise NotImplementedError

    # -- drafts: what was typed, as JSON values (services.form_drafts keeps them in the database)

    def typed(self) -> bool:
        texts = [w.text() if isinstance(w, QLineEdit) else w.toPlainText()
                 for w in self.fields.values() if isinstance(w, QLineEdit | QPlainTextEdit)]
        return any(text.strip() for text in texts)

    def draft(self) -> dict[str, Any]:
        return {name: _value(widget) for name, widget in self.fields.items()}

    def restore(self, draft: dict[str, Any]) -> None:
        for name, value in draft.items():
            if name in self.fields and value is not None:
                _set_value(self.fields[name], value)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            clear_problem(label)
        clear_problem(self.message)

    def show_error(self, error: ValidationError) -> None:
        """Beside its field, worded with the field's caption; under the form when no row is about it."""
        name = self.FIELD_OF.get(error.field, error.field)
        label = self.errors.get(name)
        if label is None:
            show_problem(self.message, describe(error)[0])
            return
        value = error.value.isoformat(" ", "minutes") if isinstance(error.value, datetime) else error.value
        caption = self.captions[name].rstrip(":")
        show_problem(label, describe(ValidationError(caption, value, error.expected))[0])
        self.fields[name].setFocus()

    def conflict(self, error: ConcurrencyError) -> None:
        show_problem(self.message, describe(error)[0])

    def save(self) -> None:
        self.clear_errors()
        try:
            result = self.submit()
        except ValidationError as error:
            self.show_error(error)
            return
        except ConcurrencyError as error:
            self.conflict(error)
            return
        except DomainError as error:  # a refusal (AccessDenied), a record gone meanwhile
            show_problem(self.message, describe(error)[0])
            return
        self.saved.emit(result)
        self.accept()


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QDateTimeEdit):  # held as UTC wall-clock fields (moment_edit)
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    return None


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        widget.setCurrentText(value) if widget.isEditable() else widget.setCurrentIndex(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value)
    elif isinstance(widget, QDateTimeEdit):
        moment = QDateTime.fromString(str(value), Qt.DateFormat.ISODate)
        if moment.isValid():
            widget.setDateTime(moment)


def _on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call `slot` (without the new value) whenever the field's value changes."""

    def fire(*_value: object) -> None:
        slot()

    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(fire)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(fire)
        if widget.isEditable():
            widget.editTextChanged.connect(fire)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(fire)
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(fire)


def _text_box(parent: QWidget, placeholder: str, height: int = 110) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    return box


# --- notes and activities ----------------------------------------------------------------------------

class NoteDialog(CaseForm):
    """A note or an activity: what kind, when (local to the facility), minutes spent, the text."""

    FIELD_OF: ClassVar[dict[str, str]] = {"minutes_spent": "minutes"}

    def __init__(self, application: Application, *, case_id: int, case_ref: str, zone: str, clock: Clock,
                 kind: NoteKind = NoteKind.NOTE, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a note or activity — {case}").format(case=case_ref),
                         _("A note or an activity in {case}").format(case=case_ref), _("&Save"), parent)
        self._app = application
        self._case_id = case_id
        self._zone = zone
        self.kind_box = QComboBox(self)
        for value, label in NOTE_KINDS.items():
            self.kind_box.addItem(_(label), value.value)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind.value))
        self.at_edit = moment_edit(self, "")
        show_moment(self.at_edit, clock(), zone)
        self.minutes_edit = QLineEdit(self)
        self.text_edit = _text_box(self, _("What was done or said, what the client needs, what comes next…"))
        self.add_row("kind", _("&Kind:"), self.kind_box, _("Kind of note or activity"))
        self.add_row("at", _("&When:"), self.at_edit, _("When, local time of the facility"))
        self.add_row("minutes", _("Minutes &spent:"), self.minutes_edit, _("Minutes spent"))
        self.add_row("text", _("&Text:"), self.text_edit, _("Text of the note"))
        self.add_note(_("Times are local to the facility ({zone}). Written by {actor}, as signed in.").format(
            zone=zone, actor=application.actor))
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.resize(560, 440)
        self.text_edit.setFocus() if kind is not NoteKind.VISIT else self.minutes_edit.setFocus()

    def at_moment(self) -> datetime:
        return moment_of(self.at_edit, self._zone)

    def kind(self) -> NoteKind:
        return NoteKind(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        self.minutes_edit.setPlaceholderText(
            _("required for a visit: how long it took, e.g. 45") if self.kind() is NoteKind.VISIT
            else _("optional, e.g. 20"))

    def submit(self) -> Saved:
        minutes = whole_number("minutes_spent", self.minutes_edit.text(),
                               _("a whole number of minutes from 1 to {n}, such as 45").format(n=MAX_MINUTES))
        return add_note(self._app.uow(), case_id=self._case_id, kind=self.kind(),
                        at=moment_of(self.at_edit, self._zone), text=self.text_edit.toPlainText(),
                        minutes_spent=minutes)


# --- hearings ----------------------------------------------------------------------------------------

class HearingDialog(CaseForm):
    """A court date: when (local time), which of the office's courts, what for."""

    FIELD_OF: ClassVar[dict[str, str]] = {"scheduled_at": "at", "court_id": "court"}

    def __init__(self, application: Application, *, case_id: int, case_ref: str, zone: str, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Add a hearing — {case}").format(case=case_ref),
                         _("A court date in {case}").format(case=case_ref), _("&Save hearing"), parent)
        self._app = application
        self._case_id = case_id
        self._zone = zone
        self.at_edit = moment_edit(self, "")
        tomorrow = clock().astimezone(ZoneInfo(zone)).date() + timedelta(days=1)
        show_moment(self.at_edit, datetime.combine(tomorrow, time(9, 0), ZoneInfo(zone)), zone)
        self.court_box = QComboBox(self)
        self.court_box.addItem(_("— not known yet —"), None)
        for court in court_choices(application.uow(), case_id=case_id):
            self.court_box.addItem(court.name, court.id)
        self.purpose_box = QComboBox(self)
        self.purpose_box.setEditable(True)
        self.purpose_box.addItems([_(p) for p in PURPOSES])
        self.purpose_box.setCurrentText("")
        line_edit = self.purpose_box.lineEdit()
        assert line_edit is not None  # an editable combo box has one
        line_edit.setPlaceholderText(_("e.g. mention, bail application, plea"))
        self.add_row("at", _("&When:"), self.at_edit, _("Date and time of the hearing, local time"))
        self.add_row("court", _("C&ourt:"), self.court_box, _("Court"))
        self.add_row("purpose", _("&Purpose:"), self.purpose_box, _("Purpose of the hearing"))
        self.add_note(_("Times are local to the facility ({zone}). Record what the hearing decided with "
                        "Record outcome once it has been held.").format(zone=zone))
        self.resize(540, 300)
        self.at_edit.setFocus()

    def at_moment(self) -> datetime:
        return moment_of(self.at_edit, self._zone)

    def submit(self) -> Saved:
        return add_hearing(self._app.uow(), case_id=self._case_id, scheduled_at=self.at_moment(),
                           court_id=self.court_box.currentData(), purpose=self.purpose_box.currentText())


class OutcomeDialog(CaseForm):
    """What a held hearing decided and the next court date. Saved against the version read: when
    someone else saved this hearing meanwhile, nothing is saved and their text is shown; `fresh`
    gives the hearing as it is now, and a second Save then replaces it knowingly."""

    def __init__(self, application: Application, line: HearingLine, *, zone: str, clock: Clock,
                 fresh: Callable[[int], HearingLine | None], parent: QWidget | None = None) -> None:
        when = local(line.scheduled_at, zone, weekday=True)
        where = " · ".join(x for x in (line.court, line.purpose) if x) or _("court and purpose not recorded")
        super().__init__(_("Record outcome — hearing of {when}").format(when=when),
                         _("Hearing of {when} — {where}").format(when=when, where=where), _("&Save outcome"),
                         parent)
        self._app = application
        self._clock = clock
        self._fresh = fresh
        self.line = line
        self.outcome_edit = _text_box(self, _("e.g. remanded in custody; bail refused; adjourned for the "
                                              "prosecution's witnesses"))
        self.outcome_edit.setPlainText(line.outcome or "")
        self.has_next = QCheckBox(_("&Next date set"), self)
        self.next_edit = QDateEdit(self)
        self.next_edit.setCalendarPopup(True)
        self.next_edit.setDisplayFormat("yyyy-MM-dd")
        shown = line.next_date or (line.scheduled_at.astimezone(ZoneInfo(zone)).date() + timedelta(days=14))
        self.next_edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.has_next.setChecked(line.next_date is not None)
        self.next_edit.setEnabled(line.next_date is not None)
        self.has_next.toggled.connect(self.next_edit.setEnabled)
        next_row = QWidget(self)
        row = QHBoxLayout(next_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_next)
        row.addWidget(self.next_edit, 1)
        self.add_row("outcome", _("&Outcome:"), self.outcome_edit, _("Outcome of the hearing"))
        self.add_row("next_date", _("Next &date:"), next_row, _("Next court date"))
        self.next_edit.setAccessibleName(_("Next court date"))
        self.resize(560, 380)
        self.outcome_edit.setFocus()

    def next_date(self) -> date | None:
        if not self.has_next.isChecked():
            return None
        picked = self.next_edit.date().toPython()
        assert isinstance(picked, date)
        return picked

    def submit(self) -> Saved:
        return record_hearing_outcome(self._app.uow(), hearing_id=self.line.id,
                                      expected_version=self.line.version,
                                      outcome=self.outcome_edit.toPlainText(), next_date=self.next_date(),
                                      now=self._clock())

    def conflict(self, error: ConcurrencyError) -> None:
        now = self._fresh(self.line.id)
        if now is None:
            show_problem(self.message, _("This hearing was removed by someone else meanwhile; nothing "
                                         "was saved."))
            self.save_button.setEnabled(False)
            return
        self.line = now
        theirs: Any = now.outcome or _("(no outcome)")
        show_problem(self.message, _(
            "Someone else saved this hearing while you were typing, so nothing was saved. Their outcome: "
            "“{theirs}”; next date: {next}. Your text is still here: press Save outcome again to replace "
            "theirs with it, or Cancel to keep theirs.").format(
            theirs=theirs, next=day(now.next_date) or _("none")))
