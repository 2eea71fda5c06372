"""The steps of an intake: where from, urgency and preliminary aid, the means test, the grounds, the
decision. Each checks its own fields before the wizard moves on, with the message beside the field."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.requests import preliminary_aid_due
from legalaid_desktop.domain.vocab import (
    ProcedureStage,
    RequestSource,
)
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message
from legalaid_desktop.ui.intake_decision import DecisionForm
from legalaid_desktop.ui.intake_text import (
    SOURCE_LABELS,
    STAGE_LABELS,
    field_message,
)

if TYPE_CHECKING:
    from legalaid_desktop.ui.intake_wizard import IntakeWizard

HELD = (RequestSource.POLICE_STATION, RequestSource.PRISON)


def parse_amount(field: str, text: str) -> int | None:
    """A whole amount typed with or without thousands separators; empty is unknown."""
    raw = text.strip().replace(",", "").replace(" ", "").replace("_", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError(field, text.strip(), "a whole amount such as 12000, or nothing if unknown") \
            from None


def parse_day(field: str, text: str) -> date | None:
    """A date as 2012-05-31 or 31/05/2012; empty is unknown."""
    raw = text.strip()
    if not raw:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, form).date()
        except ValueError:
            continue
    raise ValidationError(field, raw, "a date such as 2012-05-31 or 31/05/2012")


def wall_clock_edit(parent: QWidget) -> QDateTimeEdit:
    """Wall-clock date and time, held as UTC so the computer's own zone cannot shift what was typed
    (the facility's zone is applied when it is read)."""
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


class IntakePage(QWizardPage):
    """A step: its fields for the draft, a check before moving on, messages beside the fields."""

    name = ""

    def __init__(self, wizard: IntakeWizard, title: str, subtitle: str) -> None:
        super().__init__(wizard)
        self.intake = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.errors: dict[str, QLabel] = {}
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Step message"))
        self.message.hide()

    def field_row(self, form: QFormLayout, name: str, caption: str, widget: QWidget) -> None:
        label = QLabel(caption, self)
        label.setBuddy(widget)
        self.errors[name] = error_label(self, widget.accessibleName() or caption)
        form.addRow(label, with_message(widget, self.errors[name]))

    def fields(self) -> dict[str, object]:
        return {}

    def restore(self, fields: dict[str, object]) -> None:
        """Put back what a draft held (keys this step does not know are left to the others)."""

    def check(self) -> None:
        """Raise ValidationError for the first field that is wrong."""

    def clear_errors(self) -> None:
        for label in self.errors.values():
            clear_problem(label)
        clear_problem(self.message)

    def show_error(self, error: ValidationError) -> bool:
        label = self.errors.get(error.field)
        if label is None:
            return False
        show_problem(label, field_message(error))
        return True

    def validatePage(self) -> bool:
        self.clear_errors()
        try:
            self.check()
        except ValidationError as error:
            if not self.show_error(error):
                show_problem(self.message, field_message(error))
            return False
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return False
        return True


def field_text(fields: dict[str, object], key: str) -> str:
    value = fields.get(key)
    return "" if value is None else str(value)


class WherePage(IntakePage):
    """Where the request comes from, when it came, and how far the case has gone."""

    name = "where"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Where the request comes from"), _(
            "Say where the person is asking from and when the request reached you. People at a police "
            "station, in prison or at court get preliminary legal aid while you decide."))
        self.source = QComboBox(self)
        self.source.setAccessibleName(_("Where the person is asking from"))
        for source, text in SOURCE_LABELS.items():
            self.source.addItem(_(text), source.value)
        self.source.setCurrentIndex(self.source.findData(RequestSource.PRISON.value))
        self.facility = QComboBox(self)
        self.facility.setAccessibleName(_("Facility"))
        self.facility.setMinimumContentsLength(24)
        self.facility.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.facility.addItem(_("— none (not held) —"), None)
        self.zones: dict[int, str] = {}
        for key, name, zone in wizard.facilities:
            self.facility.addItem(name, key)
            self.zones[key] = zone
        self.received = wall_clock_edit(self)
        self.received.setAccessibleName(_("When the request was received, local time"))
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(_("Stage of the case"))
        for stage, text in STAGE_LABELS.items():
            self.stage.addItem(_(text), stage.value)
        self.stage.setCurrentIndex(self.stage.findData(ProcedureStage.PRE_TRIAL.value))
        self.zone_note = note(self, "")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_row(form, "source", _("&Asking from:"), self.source)
        self.field_row(form, "facility", _("&Facility:"), self.facility)
        self.field_row(form, "received_at", _("&Received:"), self.received)
        form.addRow("", self.zone_note)
        self.field_row(form, "stage", _("S&tage:"), self.stage)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.set_received(wizard.now())
        self.facility.currentIndexChanged.connect(self._zone_changed)
        self._zone_changed()

    def zone(self) -> str:
        key = self.facility.currentData()
        return self.zones.get(key, "UTC") if isinstance(key, int) else self.intake.home_zone

    def _zone_changed(self, *_args: object) -> None:
        self.zone_note.setText(_("Times are local to {where} ({zone}).").format(
            where=self.facility.currentText() if isinstance(self.facility.currentData(), int)
            else _("the office"), zone=self.zone()))

    def set_received(self, moment: datetime) -> None:
        shown = moment.astimezone(ZoneInfo(self.zone())).replace(second=0, microsecond=0)
        self.received.setDateTime(QDateTime(QDate(shown.year, shown.month, shown.day),
                                            QTime(shown.hour, shown.minute), QTimeZone.utc()))

    def source_value(self) -> RequestSource:
        return RequestSource(self.source.currentData())

    def facility_id(self) -> int | None:
        key = self.facility.currentData()
        return key if isinstance(key, int) else None

    def stage_value(self) -> ProcedureStage:
        return ProcedureStage(self.stage.currentData())

    def received_at(self) -> datetime:
        value = self.received.dateTime()
        day, time = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(),
                        tzinfo=ZoneInfo(self.zone()))

    def check(self) -> None:
        if self.source_value() in HELD and self.facility_id() is None:
            raise ValidationError("facility", None, _("the police station or prison the person is held at"))
        received = self.received_at()
        if received > self.intake.now():
            raise ValidationError("received_at", received.strftime("%Y-%m-%d %H:%M"),
                                  _("a time that has already come"))

    def fields(self) -> dict[str, object]:
        return {"source": self.source.currentData(), "facility_id": self.facility_id(),
                "received": self.received.dateTime().toString("yyyy-MM-ddTHH:mm"),
                "stage": self.stage.currentData()}

    def restore(self, fields: dict[str, object]) -> None:
        self.source.setCurrentIndex(max(0, self.source.findData(field_text(fields, "source"))))
        if isinstance(fields.get("facility_id"), int):
            self.facility.setCurrentIndex(max(0, self.facility.findData(fields["facility_id"])))
        moment = QDateTime.fromString(field_text(fields, "received"), "yyyy-MM-ddTHH:mm")
        if moment.isValid():
            self.received.setDateTime(QDateTime(moment.date(), moment.time(), QTimeZone.utc()))
        self.stage.setCurrentIndex(max(0, self.stage.findData(field_text(fields, "stage"))))


class UrgencyPage(IntakePage):
    """Is it urgent; preliminary aid while eligibility is decided (UN Guideline 1)."""

    name = "urgency"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Urgency and preliminary aid"), _(
            "Urgent requests are listed first for the lawyers on duty. Preliminary legal aid means the "
            "person is helped now, before the means test and the decision."))
        self.urgent = QCheckBox(_("&Urgent: needs a lawyer within a day"), self)
        self.urgent.setAccessibleName(_("Urgent"))
        self.urgent_note = note(self, _(
            "For example: held at a police station, a court hearing today or tomorrow, a child, a "
            "complaint of ill-treatment, a detention past its legal limit."))
        self.preliminary = QCheckBox(_("Give &preliminary legal aid while eligibility is decided"), self)
        self.preliminary.setAccessibleName(_("Preliminary legal aid"))
        self.preliminary_note = note(self, "")
        self._touched = False
        self.preliminary.clicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        for widget in (self.urgent, self.urgent_note, self.preliminary, self.preliminary_note, self.message):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _chosen(self) -> None:
        self._touched = True  # the user's own choice is kept when the source changes
        self.refresh()

    def initializePage(self) -> None:
        if not self._touched:
            self.preliminary.setChecked(preliminary_aid_due(self.intake.where.source_value()))
        self.refresh()

    def refresh(self) -> None:
        when = self.intake.where.received_at().strftime("%Y-%m-%d")
        if self.preliminary.isChecked():
            text = _("Preliminary aid from {day}, the day the request was received, until the decision "
                     "(and any appeal) is made.").format(day=when)
        else:
            text = _("No preliminary aid. People at a police station, in prison or at court should have "
                     "it (UN Guideline 1): tick the box unless they already have a lawyer.")
        self.preliminary_note.setText(text)

    def fields(self) -> dict[str, object]:
        return {"urgent": self.urgent.isChecked(), "preliminary_aid": self.preliminary.isChecked(),
                "preliminary_chosen": self._touched}

    def restore(self, fields: dict[str, object]) -> None:
        self.urgent.setChecked(bool(fields.get("urgent", False)))
        self._touched = bool(fields.get("preliminary_chosen", False))
        if self._touched:
            self.preliminary.setChecked(bool(fields.get("preliminary_aid", False)))


class DecisionPage(IntakePage):
    """Decide now or later, with a summary of what the steps found."""

    name = "decision"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Decision"), _(
            "Decide now if you may, or leave it for the supervising lawyer: the request then waits under "
            "Awaiting decision. Finish saves the request."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("What the intake found"))
        self.form = DecisionForm(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        received = self.intake.where.received_at().date()
        if self.form.decided_on.date() < QDate(received.year, received.month, received.day) \
                or not self.intake.restored:
            today = self.intake.now().date()
            self.form.decided_on.setDate(QDate(today.year, today.month, today.day))
        self.summary.setText(self.intake.summary())

    def check(self) -> None:
        self.form.value()

    def clear_errors(self) -> None:
        super().clear_errors()
        self.form.clear_errors()

    def show_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error)

    def fields(self) -> dict[str, object]:
        return self.form.fields()

    def restore(self, fields: dict[str, object]) -> None:
        self.form.restore(fields)
