"""Deciding a request taken earlier: what the intake found, the decision, an appeal against a refusal."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.intake import IntakeResult, RequestDetail
from legalaid_desktop.domain.requests import request_status
from legalaid_desktop.domain.vocab import Decision, InterestsOfJusticeGround, MeansTestResult
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.intake import decide, open_request_case, request_detail
from legalaid_desktop.services.requests import appeal_refusal
from legalaid_desktop.ui.case_tabs import escape
from legalaid_desktop.ui.case_text import local
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, show_problem, with_message
from legalaid_desktop.ui.intake_decision import GRANTS, DecisionForm, pydate, qdate
from legalaid_desktop.ui.intake_text import (
    GROUND_LABELS,
    MEANS_LABELS,
    STATUS_LABELS,
    field_message,
    label,
    where_from,
)


def describe_request(d: RequestDetail) -> str:
    """The request as a short rich-text account, every value escaped."""
    where = where_from(d.source, d.facility)
    means = _(MEANS_LABELS[MeansTestResult(d.means_result)])
    if d.household_in_conflict:
        means += " " + _("(household in conflict: own income only)")
    figures = [f"{_('own income')} {d.applicant_income:,}" if d.applicant_income is not None else "",
               f"{_('household')} {d.household_income:,}" if d.household_income is not None else "",
               f"{_('threshold')} {d.means_threshold:,}" if d.means_threshold is not None else ""]
    lines = [
        "<b>" + escape(d.full_name) + "</b>" + (" — " + escape(_("a child")) if d.child_exemption else ""),
        escape(_("Received {when} ({zone}) from {where}.").format(
            when=local(d.received_at, d.time_zone), zone=d.time_zone, where=where)),
        escape(_("Status: {status}{urgent}.").format(
            status=label(request_status(d.decision, d.appeal_lodged_on), STATUS_LABELS),
            urgent=", " + _("urgent") if d.urgent else "")),
        escape(_("Means test: {result}").format(result=means)
               + (" (" + ", ".join(f for f in figures if f) + ")" if any(figures) else "") + "."),
        escape(_("Preliminary aid: {yes}.").format(yes=_("given while deciding") if d.preliminary_aid
                                                    else _("not given"))),
    ]
    for ground, why in d.grounds:
        title = _(GROUND_LABELS[InterestsOfJusticeGround(ground)][0])
        lines.append(escape(_("Interests of justice — {ground}: {why}").format(ground=title, why=why)))
    if d.decided_on is not None:
        lines.append(escape(_("Decided on {day}.").format(day=d.decided_on.isoformat())
                            + (" " + _("Reasons: {r}").format(r=d.decision_reasons) if d.decision_reasons
                               else "")))
    if d.appeal_lodged_on is not None:
        lines.append(escape(_("Appeal lodged on {day}.").format(day=d.appeal_lodged_on.isoformat())))
    if d.case_ref:
        lines.append(escape(_("Case: {ref}").format(ref=d.case_ref)))
    return "<br>".join(lines)


class DecideDialog(QDialog):
    """One request: decide it (a grant can open the case), record an appeal against a refusal, or
    open its case. `saved(IntakeResult)` after a decision, `appealed()` after an appeal."""

    saved = Signal(object)
    appealed = Signal()
    open_case_requested = Signal(int)

    def __init__(self, application: Application, request_id: int, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self.detail = request_detail(application.uow(), request_id=request_id)
        d = self.detail
        self.setWindowTitle(_("Legal aid request: {name}").format(name=d.full_name))
        self.account = QLabel(describe_request(d), self)
        self.account.setWordWrap(True)
        self.account.setAccessibleName(_("The request"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.account)
        self.form: DecisionForm | None = None
        self.appeal_date: QDateEdit | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if d.decision is Decision.PENDING:
            box = QGroupBox(_("Decide"), self)
            self.form = DecisionForm(box, allow_pending=False)
            self.form.decided_on.setDate(qdate(clock().date()))
            QVBoxLayout(box).addWidget(self.form)
            layout.addWidget(box)
            self.save_button = QPushButton(_("&Save decision"), self)
            self.save_button.setAccessibleName(_("Save decision"))
            self.save_button.setDefault(True)
            self.save_button.clicked.connect(self.save_decision)
            buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        elif d.decision is Decision.REFUSED and d.appeal_lodged_on is None:
            box = QGroupBox(_("Appeal against the refusal"), self)
            self.appeal_date = QDateEdit(box)
            self.appeal_date.setCalendarPopup(True)
            self.appeal_date.setDisplayFormat("yyyy-MM-dd")
            self.appeal_date.setDate(qdate(clock().date()))
            self.appeal_date.setAccessibleName(_("Appeal lodged on"))
            self.appeal_error = error_label(box, _("Appeal lodged on"))
            row = QHBoxLayout(box)
            caption = QLabel(_("&Lodged on:"), box)
            caption.setBuddy(self.appeal_date)
            row.addWidget(caption)
            row.addLayout(with_message(self.appeal_date, self.appeal_error), 1)
            layout.addWidget(box)
            self.appeal_button = QPushButton(_("&Record appeal"), self)
            self.appeal_button.setAccessibleName(_("Record appeal"))
            self.appeal_button.clicked.connect(self.record_appeal)
            buttons.addButton(self.appeal_button, QDialogButtonBox.ButtonRole.ActionRole)
        elif d.decision in GRANTS and d.case_id is None:
            self._case_box(layout, buttons)
        if d.case_id is not None:
            case_button = QPushButton(_("&Open case {ref}").format(ref=d.case_ref or ""), self)
            case_button.clicked.connect(self._open_case)
            buttons.addButton(case_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _case_box(self, layout: QVBoxLayout, buttons: QDialogButtonBox) -> None:
        """Aid granted without a case yet: open it here."""
        box = QGroupBox(_("Open the case"), self)
        self.offence = QLineEdit(box)
        self.offence.setAccessibleName(_("Offence charged"))
        self.offence.setPlaceholderText(_("e.g. Robbery with violence (optional)"))
        self.register = QLineEdit(box)
        self.register.setAccessibleName(_("Register number at the facility"))
        self.register.setPlaceholderText(_("e.g. KAM/2026/0042 (optional)"))
        form = QFormLayout(box)
        form.addRow(_("Offence:"), self.offence)
        form.addRow(_("Register no.:"), self.register)
        layout.addWidget(box)
        self.open_button = QPushButton(_("Open &case"), self)
        self.open_button.setAccessibleName(_("Open a case for this request"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_new_case)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)

    def open_new_case(self) -> None:
        clear_problem(self.message)
        try:
            result = open_request_case(
                self._app.uow(), request_id=self.detail.request_id, opened_on=self._clock().date(),
                offence=self.offence.text(), register_number=self.register.text(),
                expected_version=self.detail.version)
        except ValidationError as error:
            show_problem(self.message, field_message(error))
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        self.saved.emit(result)
        self.accept()

    def _open_case(self) -> None:
        if self.detail.case_id is not None:
            self.open_case_requested.emit(self.detail.case_id)
            self.accept()

    def save_decision(self) -> None:
        assert self.form is not None
        self.form.clear_errors()
        clear_problem(self.message)
        try:
            value = self.form.value()
            assert value is not None
            result: IntakeResult = decide(self._app.uow(), request_id=self.detail.request_id,
                                          decision=value, expected_version=self.detail.version)
        except ValidationError as error:
            if not self.form.show_error(error):
                show_problem(self.message, field_message(error))
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        self.saved.emit(result)
        self.accept()

    def record_appeal(self) -> None:
        assert self.appeal_date is not None
        clear_problem(self.appeal_error)
        lodged = pydate(self.appeal_date.date())
        try:
            if lodged > self._clock().date():
                raise ValidationError("appeal_lodged_on", lodged.isoformat(), _("a day that has come"))
            appeal_refusal(self._app.uow(), request_id=self.detail.request_id, lodged_on=lodged)
        except ValidationError as error:
            show_problem(self.appeal_error, field_message(error))
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        self.appealed.emit()
        self.accept()

