"""The intake wizard: a legal aid request from where it came to a decision, kept as a draft at every
step (inside the encrypted database) so that a crash or an interruption loses nothing."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
    QWizard,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.intake import Draft, DraftInfo, IntakeResult, ThresholdInForce
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.intake import (
    facility_choices,
    office_zone,
    save_draft,
    take_request,
    threshold_in_force,
)
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import show_problem
from legalaid_desktop.ui.intake_eligibility import GroundsPage, MeansPage
from legalaid_desktop.ui.intake_pages import DecisionPage, IntakePage, UrgencyPage, WherePage
from legalaid_desktop.ui.intake_person import PersonPage
from legalaid_desktop.ui.intake_text import GROUND_LABELS, field_message

log = logging.getLogger(__name__)
AUTOSAVE_MS = 3000

# Which step asks for each field the services may refuse, so a refusal at Finish goes back to it.
STEP_OF_FIELD = {
    "facility": "where", "received_at": "where", "source": "where",
    "full_name": "person", "date_of_birth": "person", "age_estimate": "person", "person": "person",
    "identity_number": "person",
    "applicant_income": "means", "household_income": "means", "household_size": "means",
    "grounds": "grounds",
}


class IntakeWizard(QWizard):
    """Six steps; Finish takes the request (and the decision, and the case on a grant) in one
    transaction. `taken` carries the IntakeResult; `draft_saved` each DraftInfo kept."""

    taken = Signal(object)
    draft_saved = Signal(object)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, draft: Draft | None = None) -> None:
        super().__init__(parent)
        self.app = application
        self._clock = clock
        self.setWindowTitle(_("New legal aid request"))
        self.setAccessibleName(_("New legal aid request"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("Save draft and c&lose"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel (keeps a draft)"))
        self.button(QWizard.WizardButton.CancelButton).setToolTip(
            _("What you typed is kept as a draft on the Requests screen, where it can be resumed or "
              "discarded"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish: save the request"))
        self.button(QWizard.WizardButton.CustomButton1).setAccessibleName(_("Save draft and close"))
        self.customButtonClicked.connect(lambda _which: self.save_and_close())
        self.facilities = facility_choices(application.uow())
        self.home_zone = office_zone(application.uow())
        self.draft_id: str | None = draft.info.draft_id if draft else None
        self.restored = draft is not None
        self.where = WherePage(self)
        self.person = PersonPage(self)
        self.urgency = UrgencyPage(self)
        self.means = MeansPage(self)
        self.grounds = GroundsPage(self)
        self.decision = DecisionPage(self)
        self.steps: tuple[IntakePage, ...] = (self.where, self.person, self.urgency, self.means,
                                              self.grounds, self.decision)
        for number, page in enumerate(self.steps):
            self.setPage(number, page)
        self.resize(780, 580)
        self._saving = False
        self._closing = False
        if draft is not None:
            self.restore(draft)
        self.currentIdChanged.connect(self._step_changed)
        # Between steps too: a pause in typing keeps the draft, so a crash loses a few seconds at most.
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._keep_typing)
        for line in self.findChildren(QLineEdit):
            line.textEdited.connect(self._edited)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(self._edited)
        for choice in self.findChildren(QComboBox):
            choice.activated.connect(self._edited)
        for button in self.findChildren(QAbstractButton):
            if button.isCheckable():
                button.clicked.connect(self._edited)

    # -- shared facts

    def now(self) -> datetime:
        return self._clock()

    def threshold(self) -> ThresholdInForce | None:
        try:
            return threshold_in_force(self.app.uow(), on=self.where.received_at().date(),
                                      facility_id=self.where.facility_id())
        except DomainError as error:
            log.warning("means threshold unreadable: %s", error)
            return None

    def summary(self) -> str:
        lines = [_("Person: {name}{new}.").format(
            name=self.person.person_name(),
            new=" " + _("(new record)") if self.person.chosen is None else "")]
        if self.person.is_child():
            lines.append(_("A child: exempt from the means test; priority for a lawyer."))
        else:
            self.means.initializePage() if self.means.threshold is None else self.means.refresh()
            lines.append(self.means.result.text())
        claims = self.grounds.claims()
        if claims:
            lines.append(_("Interests of justice: {grounds}.").format(
                grounds=", ".join(_(GROUND_LABELS[c.ground][0]) for c in claims)))
        else:
            lines.append(_("No interests-of-justice ground was given."))
        if self.urgency.preliminary.isChecked():
            lines.append(_("Preliminary aid is given until the decision."))
        return "\n".join(lines)

    # -- drafts

    def fields(self) -> dict[str, object]:
        fields: dict[str, object] = {}
        for page in self.steps:
            fields.update(page.fields())
        return fields

    def restore(self, draft: Draft) -> None:
        for page in self.steps:
            page.restore(draft.fields)

    def has_input(self) -> bool:
        return bool(self.person.full_name.text().strip() or self.person.chosen is not None)

    def save_draft(self) -> DraftInfo | None:
        """Keep everything typed so far; a draft that cannot be written says so on the step."""
        if self._saving:
            return None
        self._saving = True
        try:
            step = self.currentPage()
            info = save_draft(self.app.uow(), draft_id=self.draft_id, fields=self.fields(),
                              person_name=self.person.person_name(),
                              step=step.name if isinstance(step, IntakePage) else "",
                              facility_id=self.where.facility_id())
        except DomainError as error:
            page = self.currentPage()
            if isinstance(page, IntakePage):
                show_problem(page.message, _("The draft was not saved: {why}").format(why=describe(error)[0]))
            return None
        finally:
            self._saving = False
        self.draft_id = info.draft_id
        self.draft_saved.emit(info)
        return info

    def _edited(self, *_args: object) -> None:
        if not self._closing:
            self._autosave.start()

    def _keep_typing(self) -> None:
        if not self._closing and self.has_input():
            self.save_draft()

    def _step_changed(self, page_id: int) -> None:
        # Every step kept as it is left; -1 is the wizard closing (that path saves for itself).
        if page_id >= 0 and not self._closing and self.has_input():
            self.save_draft()

    def done(self, result: int) -> None:
        self._closing = True
        self._autosave.stop()
        super().done(result)

    def save_and_close(self) -> None:
        if self.save_draft() is not None or not self.has_input():
            self._closing = True
            self.done(QWizard.DialogCode.Rejected)

    def reject(self) -> None:
        """Cancel keeps what was typed as a draft (resume it from the Requests screen)."""
        if not self._closing and self.has_input():
            self.save_draft()
        self._closing = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and self.has_input():
            self.save_draft()
        super().closeEvent(event)

    # -- finishing

    def accept(self) -> None:
        try:
            decision = self.decision.form.value()
            applicant, household, size = self.means.amounts()
            new = self.person.new_person() if self.person.chosen is None else None
            result: IntakeResult = take_request(
                self.app.uow(), person_id=self.person.person_id(), new_person=new,
                received_at=self.where.received_at(), source=self.where.source_value(),
                facility_id=self.where.facility_id(), stage=self.where.stage_value(),
                urgent=self.urgency.urgent.isChecked(), applicant_income=applicant,
                household_income=household,
                household_size=size, household_in_conflict=self.means.conflict.isChecked(),
                grounds=self.grounds.claims(), preliminary_aid=self.urgency.preliminary.isChecked(),
                decision=decision, draft_id=self.draft_id)
        except ValidationError as error:
            self._refused(error)
            return
        except DomainError as error:
            show_problem(self.decision.message, describe(error)[0])
            return
        self._closing = True
        self.taken.emit(result)
        super().accept()

    def _refused(self, error: ValidationError) -> None:
        """Back to the step that asks for the field, with the message beside it; nothing was saved."""
        step = STEP_OF_FIELD.get(error.field)
        target = next((n for n, p in enumerate(self.steps) if p.name == step), None)
        if target is not None:
            while self.currentId() > target:
                self.back()
        page = self.currentPage()
        if isinstance(page, IntakePage) and not page.show_error(error):
            show_problem(page.message, field_message(error) + " " + _("Nothing was saved yet."))

