"""The decision part of an intake (and of deciding a request later): what, when, why, what next."""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import IntakeDecision
from legalaid_desktop.domain.vocab import Decision
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message
from legalaid_desktop.ui.intake_text import DECISION_LABELS, field_message

GRANTS = (Decision.GRANTED, Decision.COURT_ORDERED)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DecisionForm(QWidget):
    """Decide now or later; a refusal needs reasons and shows the route of appeal; a grant can open
    the case at once. `changed` follows every choice (drafts are kept from it)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, allow_pending: bool = True) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[Decision, QRadioButton] = {}
        choices = QVBoxLayout()
        choices.setSpacing(2)
        for decision, text in DECISION_LABELS.items():
            if decision is Decision.PENDING and not allow_pending:
                continue
            button = QRadioButton(_(text), self)
            button.setAccessibleName(_(text))
            self.group.addButton(button)
            self.buttons[decision] = button
            choices.addWidget(button)
        first = Decision.PENDING if allow_pending else Decision.GRANTED
        self.buttons[first].setChecked(True)
        self.decided_on = QDateEdit(self)
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("yyyy-MM-dd")
        self.decided_on.setAccessibleName(_("Decided on"))
        self.reasons = QPlainTextEdit(self)
        self.reasons.setTabChangesFocus(True)
        self.reasons.setFixedHeight(64)
        self.reasons.setAccessibleName(_("Reasons for the decision"))
        self.reasons.setPlaceholderText(_("Required for a refusal: the applicant is given these reasons"))
        self.appeal_note = note(self, _(
            "Route of appeal: tell the applicant, and give them in writing, that they can appeal this "
            "refusal (UN Guideline 1). When they do, open the request on the Requests screen and choose "
            "Record appeal. Preliminary aid continues until the appeal is decided."))
        self.appeal_note.setAccessibleName(_("Route of appeal"))
        self.open_case = QCheckBox(_("Open a &case now (it then appears under Cases)"), self)
        self.open_case.setAccessibleName(_("Open a case now"))
        self.open_case.setChecked(True)
        self.offence = QLineEdit(self)
        self.offence.setAccessibleName(_("Offence charged"))
        self.offence.setPlaceholderText(_("e.g. Robbery with violence (optional)"))
        self.register = QLineEdit(self)
        self.register.setAccessibleName(_("Register number at the facility"))
        self.register.setPlaceholderText(_("e.g. KAM/2026/0042 (optional)"))
        self.errors = {name: error_label(self, text) for name, text in (
            ("decided_on", _("Decided on")), ("decision_reasons", _("Reasons")),
            ("open_case", _("Open a case")))}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Decision:"), choices)
        self._date_label = QLabel(_("&Decided on:"), self)
        self._date_label.setBuddy(self.decided_on)
        form.addRow(self._date_label, with_message(self.decided_on, self.errors["decided_on"]))
        reasons_label = QLabel(_("&Reasons:"), self)
        reasons_label.setBuddy(self.reasons)
        form.addRow(reasons_label, with_message(self.reasons, self.errors["decision_reasons"]))
        form.addRow("", self.appeal_note)
        form.addRow("", with_message(self.open_case, self.errors["open_case"]))
        self._offence_label = QLabel(_("O&ffence:"), self)
        self._offence_label.setBuddy(self.offence)
        form.addRow(self._offence_label, self.offence)
        self._register_label = QLabel(_("Re&gister no.:"), self)
        self._register_label.setBuddy(self.register)
        form.addRow(self._register_label, self.register)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        self._can_open = True
        self.group.buttonToggled.connect(lambda *_a: self._update())
        self.open_case.toggled.connect(lambda _on: self._update())
        for edit in (self.offence, self.register):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        self.reasons.textChanged.connect(self.changed)
        self.decided_on.dateChanged.connect(lambda _d: self.changed.emit())
        self._update()

    # -- reading and filling

    def decision(self) -> Decision:
        for decision, button in self.buttons.items():
            if button.isChecked():
                return decision
        return Decision.PENDING

    def set_case_possible(self, possible: bool) -> None:
        """A request that has its case already cannot open another."""
        self._can_open = possible
        self._update()

    def value(self) -> IntakeDecision | None:
        """The decision typed, or None to decide later; refused (ValidationError) as the domain would."""
        decision = self.decision()
        if decision is Decision.PENDING:
            return None
        return IntakeDecision(
            decision=decision, decided_on=pydate(self.decided_on.date()),
            reasons=self.reasons.toPlainText().strip() or None,
            open_case=self._can_open and decision in GRANTS and self.open_case.isChecked(),
            offence=self.offence.text().strip() or None, register_number=self.register.text().strip() or None)

    def fields(self) -> dict[str, object]:
        return {"decision": self.decision().value, "decided_on": pydate(self.decided_on.date()).isoformat(),
                "reasons": self.reasons.toPlainText(), "open_case": self.open_case.isChecked(),
                "offence": self.offence.text(), "register": self.register.text()}

    def restore(self, fields: dict[str, object]) -> None:
        try:
            chosen = Decision(str(fields.get("decision", "pending")))
        except ValueError:
            chosen = Decision.PENDING
        if chosen in self.buttons:
            self.buttons[chosen].setChecked(True)
        with contextlib.suppress(ValueError):  # a draft without a date keeps today's
            self.decided_on.setDate(qdate(date.fromisoformat(str(fields.get("decided_on")))))
        self.reasons.setPlainText(str(fields.get("reasons", "")))
        self.open_case.setChecked(bool(fields.get("open_case", True)))
        self.offence.setText(str(fields.get("offence", "")))
        self.register.setText(str(fields.get("register", "")))

    # -- messages

    def clear_errors(self) -> None:
        for label in self.errors.values():
            clear_problem(label)

    def show_error(self, error: ValidationError) -> bool:
        """The message beside its field; False when the field is not on this form."""
        label = self.errors.get("decision_reasons" if error.field == "decision" else error.field)
        if label is None:
            return False
        show_problem(label, field_message(error))
        {"decided_on": self.decided_on, "decision_reasons": self.reasons,
         "open_case": self.open_case}.get(error.field, self.reasons).setFocus()
        return True

    def _update(self) -> None:
        decision = self.decision()
        decided = decision is not Decision.PENDING
        self.decided_on.setEnabled(decided)
        self.reasons.setEnabled(decided)
        self.appeal_note.setVisible(decision is Decision.REFUSED)
        grant = decision in GRANTS and self._can_open
        self.open_case.setVisible(grant)
        opening = grant and self.open_case.isChecked()
        for widget in (self.offence, self.register, self._offence_label, self._register_label):
            widget.setVisible(opening)
        self.changed.emit()
