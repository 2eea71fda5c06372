"""The eligibility steps of an intake: the means test on the day received (children exempt, the
applicant's own income where the household is in conflict) and the interests-of-justice grounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import ThresholdInForce
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest, assess_means
from legalaid_desktop.domain.vocab import InterestsOfJusticeGround, MeansTestResult
from legalaid_desktop.i18n import _
from legalaid_desktop.services.intake import check_ground_claims, check_means
from legalaid_desktop.services.requests import MEANS_THRESHOLD
from legalaid_desktop.ui.dialog_parts import error_label, note, show_problem, with_message
from legalaid_desktop.ui.intake_pages import IntakePage, field_text, parse_amount
from legalaid_desktop.ui.intake_text import GROUND_LABELS, MEANS_LABELS

if TYPE_CHECKING:
    from legalaid_desktop.ui.intake_wizard import IntakeWizard


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
            # The Settings screen has no means-test section yet: say where it is set.
            self.banner.setText("⚠ " + _("No means-test threshold is set for {day}, so the test stays "
                                         "pending. A coordinator sets it on the command line: legalaid "
                                         "settings set {key} AMOUNT --from DATE.").format(
                day=day, key=MEANS_THRESHOLD))
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
        self.applicant.setText(field_text(fields, "applicant_income"))
        self.household.setText(field_text(fields, "household_income"))
        self.people.setText(field_text(fields, "household_size"))
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
