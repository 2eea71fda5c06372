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
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.intake import ThresholdInForce
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest, assess_means, preliminary_aid_due
from legalaid_desktop.domain.vocab import (
    InterestsOfJusticeGround,
    MeansTestResult,
    ProcedureStage,
    RequestSource,
)
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.intake import check_ground_claims, check_means
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message
from legalaid_desktop.ui.intake_decision import DecisionForm
from legalaid_desktop.ui.intake_text import (
    GROUND_LABELS,
    MEANS_LABELS,
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


def _text(fields: dict[str, object], key: str) -> str:
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
        self.source.setCurrentIndex(max(0, self.source.findData(_text(fields, "source"))))
        if isinstance(fields.get("facility_id"), int):
            self.facility.setCurrentIndex(max(0, self.facility.findData(fields["facility_id"])))
        moment = QDateTime.fromString(_text(fields, "received"), "yyyy-MM-ddTHH:mm")
        if moment.isValid():
            self.received.setDateTime(QDateTime(moment.date(), moment.time(), QTimeZone.utc()))
        self.stage.setCurrentIndex(max(0, self.stage.findData(_text(fields, "stage"))))


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


class MeansPage(IntakePage):
    """The means test against the threshold in force on the day received; children are exempt."""

    name = "means"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Means test"), _(
            "Monthly amounts in the local currency. Leave a figure empty if it is not known yet: the "
            "request can still be recorded and the test is finished later."))
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(_("Means test rule that applies"))
        self.applicant = QLineEdit(self)
        self.applicant.setAccessibleName(_("Applicant's own monthly income"))
        self.applicant.setPlaceholderText(_("e.g. 8000"))
        self.household = QLineEdit(self)
        self.household.setAccessibleName(_("Household monthly income"))
        self.household.setPlaceholderText(_("everyone in the household together"))
        self.people = QLineEdit(self)
        self.people.setAccessibleName(_("People in the household"))
        self.people.setPlaceholderText(_("including the applicant"))
        self.conflict = QCheckBox(_("The household is in &conflict with the applicant (count only their "
                                    "own income)"), self)
        self.conflict.setAccessibleName(_("Household in conflict"))
        self.conflict.setToolTip(_("For example the complainant or a co-accused lives in the household, "
                                   "or the family refuses to help (UN Guideline 1)."))
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAccessibleName(_("Result of the means test"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_row(form, "applicant_income", _("Applicant's &own income:"), self.applicant)
        self.field_row(form, "household_income", _("&Household income:"), self.household)
        self.field_row(form, "household_size", _("&People in household:"), self.people)
        form.addRow("", self.conflict)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(note(self, _("Someone just above the threshold who still cannot pay a lawyer "
                                      "can be granted aid on the interests of justice (next step).")))
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.threshold: ThresholdInForce | None = None
        self.child = False
        for edit in (self.applicant, self.household, self.people):
            edit.textChanged.connect(self.refresh)
        self.conflict.toggled.connect(self.refresh)

    def initializePage(self) -> None:
        self.child = self.intake.person.is_child()
        self.threshold = self.intake.threshold()
        day = self.intake.where.received_at().date().isoformat()
        if self.child:
            self.banner.setText("✓ " + _("A child on {day}: children are always exempt from the means test "
                                         "(UN Guideline 1). Fill in what is known; it does not decide "
                                         "anything.").format(day=day))
        elif self.threshold is None:
            self.banner.setText("⚠ " + _("No means-test threshold is set for {day}, so the test stays "
                                         "pending. A coordinator sets it in Settings (means_test."
                                         "income_threshold).").format(day=day))
        else:
            self.banner.setText(_("Threshold in force on {day}: {value} a month (since {since}{scope}). "
                                  "At or below it, the person qualifies on means.").format(
                day=day, value=f"{self.threshold.value:,}", since=self.threshold.effective_from.isoformat(),
                scope=", " + self.threshold.jurisdiction_code if self.threshold.jurisdiction_code else ""))
        self.refresh()

    def amounts(self) -> tuple[int | None, int | None, int | None]:
        return (parse_amount("applicant_income", self.applicant.text()),
                parse_amount("household_income", self.household.text()),
                parse_amount("household_size", self.people.text()))

    def refresh(self, *_args: object) -> None:
        self.household.setEnabled(not self.conflict.isChecked())
        try:
            applicant, household, size = self.amounts()
            check_means(applicant_income=applicant, household_income=household, household_size=size)
        except ValidationError:
            self.result.setText(_("Means test: check the figures above."))
            return
        probe = LegalAidRequest(person_id=0, received_at=self.intake.where.received_at(),
                                applicant_income=applicant, household_income=household,
                                household_in_conflict=self.conflict.isChecked())
        outcome = assess_means(probe, is_child=self.child,
                               threshold=self.threshold.value if self.threshold else None)
        words = _(MEANS_LABELS[outcome])
        income = probe.assessed_income()
        if outcome in (MeansTestResult.ELIGIBLE, MeansTestResult.NOT_ELIGIBLE) and income is not None:
            own = self.conflict.isChecked() or household is None
            which = _("own income") if own else _("household income")
            limit = f"{self.threshold.value:,}" if self.threshold else ""
            words += " " + _("({which} {income} against {threshold})").format(
                which=which, income=f"{income:,}", threshold=limit)
        self.result.setText(_("Means test: {result}.").format(result=words))

    def check(self) -> None:
        applicant, household, size = self.amounts()
        check_means(applicant_income=applicant, household_income=household, household_size=size)

    def fields(self) -> dict[str, object]:
        return {"applicant_income": self.applicant.text(), "household_income": self.household.text(),
                "household_size": self.people.text(), "household_in_conflict": self.conflict.isChecked()}

    def restore(self, fields: dict[str, object]) -> None:
        self.applicant.setText(_text(fields, "applicant_income"))
        self.household.setText(_text(fields, "household_income"))
        self.people.setText(_text(fields, "household_size"))
        self.conflict.setChecked(bool(fields.get("household_in_conflict", False)))


class GroundsPage(IntakePage):
    """Interests-of-justice grounds, each with its justification (UN Principle 3)."""

    name = "grounds"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Interests of justice"), _(
            "Legal aid is given whatever the person's means when justice needs it. Tick each ground that "
            "applies and say why in a sentence or two; leave them all unticked if none does."))
        self.boxes: dict[InterestsOfJusticeGround, QCheckBox] = {}
        self.texts: dict[InterestsOfJusticeGround, QPlainTextEdit] = {}
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        for ground, (title, hint) in GROUND_LABELS.items():
            box = QCheckBox(_(title), inner)
            box.setAccessibleName(_(title))
            text = QPlainTextEdit(inner)
            text.setTabChangesFocus(True)
            text.setFixedHeight(48)
            text.setPlaceholderText(_(hint))
            text.setAccessibleName(_("Justification: {ground}").format(ground=_(title)))
            text.setEnabled(False)
            box.toggled.connect(text.setEnabled)
            box.toggled.connect(lambda on, t=text: t.setFocus() if on else None)
            self.errors[ground.value] = error_label(inner, text.accessibleName())
            self.boxes[ground], self.texts[ground] = box, text
            column.addWidget(box)
            column.addLayout(with_message(text, self.errors[ground.value]))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

    def claims(self) -> list[GroundClaim]:
        return [GroundClaim(ground, self.texts[ground].toPlainText().strip())
                for ground, box in self.boxes.items() if box.isChecked()]

    def check(self) -> None:
        check_ground_claims(self.claims())

    def show_error(self, error: ValidationError) -> bool:
        if error.field != "grounds" or str(error.value) not in self.errors:
            return False
        ground = InterestsOfJusticeGround(str(error.value))
        title = _(GROUND_LABELS[ground][0])
        show_problem(self.errors[ground.value], _("{ground}: a justification is missing. Say why this ground "
                                                  "applies, or untick it.").format(ground=title))
        self.texts[ground].setFocus()
        return True

    def fields(self) -> dict[str, object]:
        return {"grounds": {g.value: {"on": self.boxes[g].isChecked(), "text": self.texts[g].toPlainText()}
                            for g in self.boxes}}

    def restore(self, fields: dict[str, object]) -> None:
        saved = fields.get("grounds")
        if not isinstance(saved, dict):
            return
        for ground, box in self.boxes.items():
            entry = saved.get(ground.value)
            if isinstance(entry, dict):
                box.setChecked(bool(entry.get("on", False)))
                self.texts[ground].setPlainText(str(entry.get("text", "")))


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
