"""The person step of an intake: search the records first, so one detainee is not recorded twice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.intake import LikelyPerson, NewPerson
from legalaid_desktop.domain.people import age_on
from legalaid_desktop.domain.vocab import Sex
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.intake import find_likely_people, is_child, person_of
from legalaid_desktop.ui.dialog_parts import error_label, show_problem
from legalaid_desktop.ui.intake_pages import IntakePage, parse_amount, parse_day
from legalaid_desktop.ui.intake_text import REASON_LABELS, field_message, label

if TYPE_CHECKING:
    from legalaid_desktop.ui.intake_wizard import IntakeWizard

SEX_LABELS = {Sex.UNKNOWN: "Not recorded", Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.OTHER: "Other"}


class PersonPage(IntakePage):
    """Name, date of birth (or age), sex and identity number; likely matches; the choice made."""

    name = "person"

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard, _("Who is asking"), _(
            "Type what you know and press Search records: if the person is already recorded, choose "
            "them, so their cases stay together. Only if none is them, choose This is a new person."))
        self.full_name = QLineEdit(self)
        self.full_name.setAccessibleName(_("Full name"))
        self.full_name.setPlaceholderText(_("as on the register or as the person says it"))
        self.dob = QLineEdit(self)
        self.dob.setAccessibleName(_("Date of birth"))
        self.dob.setPlaceholderText(_("e.g. 2004-05-31 or 31/05/2004; empty if unknown"))
        self.age = QLineEdit(self)
        self.age.setAccessibleName(_("Age in years, if the date of birth is unknown"))
        self.age.setPlaceholderText(_("e.g. 17 (an estimate)"))
        self.sex = QComboBox(self)
        self.sex.setAccessibleName(_("Sex"))
        for sex, text in SEX_LABELS.items():
            self.sex.addItem(_(text), sex.value)
        self.identity = QLineEdit(self)
        self.identity.setAccessibleName(_("Identity number"))
        self.identity.setPlaceholderText(_("national ID or passport, if known"))
        self.search_button = QPushButton(_("&Search records"), self)
        self.search_button.setAccessibleName(_("Search the records for this person"))
        self.matches = QTableWidget(0, 5, self)
        self.matches.setAccessibleName(_("Likely matches"))
        self.matches.setHorizontalHeaderLabels([_("Name"), _("Born"), _("Identity no."), _("Cases"),
                                                _("Why listed")])
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.verticalHeader().setVisible(False)
        self.matches.setWordWrap(False)
        header = self.matches.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 140, 110, 120)):
            self.matches.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.matches.setMinimumHeight(96)
        self.use_button = QPushButton(_("This is the &person"), self)
        self.use_button.setAccessibleName(_("Use the chosen record"))
        self.use_button.setEnabled(False)
        self.new_button = QPushButton(_("This is a ne&w person"), self)
        self.new_button.setAccessibleName(_("Record a new person"))
        self.new_button.setEnabled(False)
        self.choice = QLabel(self)
        self.choice.setWordWrap(True)
        self.choice.setAccessibleName(_("Person chosen"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.field_row(form, "full_name", _("Full na&me:"), self.full_name)
        born = QHBoxLayout()
        born.addWidget(self.dob, 3)
        age_label = QLabel(_("or a&ge:"), self)
        age_label.setBuddy(self.age)
        born.addWidget(age_label)
        born.addWidget(self.age, 2)
        self.errors["date_of_birth"] = self.errors["age_estimate"] = self._born_error()
        dob_label = QLabel(_("Date of &birth:"), self)
        dob_label.setBuddy(self.dob)
        born_column = QVBoxLayout()
        born_column.setSpacing(2)
        born_column.addLayout(born)
        born_column.addWidget(self.errors["date_of_birth"])
        form.addRow(dob_label, born_column)
        other = QHBoxLayout()
        other.addWidget(self.sex)
        id_label = QLabel(_("&Identity no.:"), self)
        id_label.setBuddy(self.identity)
        other.addWidget(id_label)
        other.addWidget(self.identity, 1)
        sex_label = QLabel(_("Se&x:"), self)
        sex_label.setBuddy(self.sex)
        form.addRow(sex_label, other)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.choice)
        layout.addWidget(self.message)

        self.chosen: LikelyPerson | None = None
        self.new_confirmed = False
        self.searched: tuple[str, str, str] | None = None
        self.found: list[LikelyPerson] = []
        self.search_button.clicked.connect(self.search)
        self.full_name.returnPressed.connect(self.search)
        self.use_button.clicked.connect(self.use_selected)
        self.new_button.clicked.connect(self.choose_new)
        self.matches.itemSelectionChanged.connect(
            lambda: self.use_button.setEnabled(bool(self.matches.selectedItems())))
        self.matches.itemActivated.connect(lambda _item: self.use_selected())
        for edit in (self.full_name, self.dob, self.identity):
            edit.textEdited.connect(self._facts_changed)
        self.age.textEdited.connect(self._age_changed)
        self._show_choice()

    def _born_error(self) -> QLabel:
        return error_label(self, _("Date of birth or age"))

    # -- the search and the choice

    def _facts(self) -> tuple[str, str, str]:
        return (self.full_name.text().strip(), self.dob.text().strip(), self.identity.text().strip())

    def _facts_changed(self, _text: str) -> None:
        """What the search was for has changed: its answer and the choice no longer hold."""
        if self.searched is not None and self._facts() != self.searched:
            self.searched = None
            self.new_confirmed = False
            self.chosen = None
            self.new_button.setEnabled(False)
            self._show_choice()

    def _age_changed(self, _text: str) -> None:
        if self.new_confirmed:
            self._show_choice()

    def search(self) -> None:
        """Likely matches for the name typed (spelling tolerant), lifted by the same date of birth."""
        self.clear_errors()
        try:
            name = self.full_name.text().strip()
            if not name:
                raise ValidationError("full_name", None, _("the name to search for"))
            born = parse_day("date_of_birth", self.dob.text())
            self.found = find_likely_people(self.intake.app.uow(), name=name, date_of_birth=born,
                                            identity_number=self.identity.text().strip() or None)
        except ValidationError as error:
            if not self.show_error(error):
                show_problem(self.message, field_message(error))
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        self.searched = self._facts()
        self.chosen = None
        self.new_confirmed = False
        self._fill(self.found)
        self.new_button.setEnabled(True)
        if self.found:
            self.matches.setFocus()
            self.matches.selectRow(0)
        self._show_choice()

    def _fill(self, people: list[LikelyPerson]) -> None:
        today = self.intake.now().date()
        self.matches.setRowCount(len(people))
        for row, person in enumerate(people):
            born = person.date_of_birth
            cells = (person.full_name + (f" ({person.other_names})" if person.other_names else ""),
                     (born.isoformat() + " " + _("(age {n})").format(n=age_on(born, today))) if born else "",
                     person.identity_number or "", ", ".join(person.case_refs) or _("none"),
                     ", ".join(label(r, REASON_LABELS) for r in person.reasons))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.matches.setItem(row, column, item)

    def use_selected(self) -> None:
        row = self.matches.currentRow()
        if not 0 <= row < len(self.found):
            return
        self.chosen = self.found[row]
        self.new_confirmed = False
        self._show_choice()

    def choose_new(self) -> None:
        self.chosen = None
        self.new_confirmed = True
        self._show_choice()

    def _show_choice(self) -> None:
        if self.chosen is not None:
            text = "✓ " + _("Existing record: {name}. The request is added to their record.").format(
                name=self.chosen.full_name)
        elif self.new_confirmed:
            text = "✓ " + _("A new record will be made for {name}.").format(
                name=self.full_name.text().strip())
        elif self.searched is not None and not self.found:
            text = _("No one like this is recorded yet. Press This is a new person to go on.")
        elif self.searched is not None:
            text = ngettext(
                "{n} likely match above. If it is this person, press This is the person; if not, press "
                "This is a new person.",
                "{n} likely matches above, best first. Choose the one who is this person and press This "
                "is the person, or press This is a new person.", len(self.found)).format(n=len(self.found))
        else:
            text = _("Search the records before going on.")
        self.choice.setText(text)
        self.completeChanged.emit()

    # -- the wizard's questions

    def new_person(self) -> NewPerson:
        age = parse_amount("age_estimate", self.age.text())
        return NewPerson(full_name=self.full_name.text().strip(), sex=Sex(self.sex.currentData()),
                         date_of_birth=parse_day("date_of_birth", self.dob.text()), age_estimate=age,
                         identity_number=self.identity.text().strip() or None)

    def person_id(self) -> int | None:
        return self.chosen.person_id if self.chosen is not None else None

    def person_name(self) -> str:
        return self.chosen.full_name if self.chosen is not None else self.full_name.text().strip()

    def is_child(self) -> bool:
        on = self.intake.where.received_at().date()
        try:
            if self.chosen is not None:
                return is_child(self.intake.app.uow(), on=on, person_id=self.chosen.person_id)
            return is_child(self.intake.app.uow(), on=on, new_person=self.new_person())
        except DomainError:
            return True  # unknown age: the benefit of the doubt, as the domain gives it

    def show_error(self, error: ValidationError) -> bool:
        if error.field == "person":  # not a field: the choice below the matches is missing
            show_problem(self.message, _("Search the records first (Search records), then choose This is "
                                         "the person or This is a new person."))
            return True
        return super().show_error(error)

    def check(self) -> None:
        if not self.full_name.text().strip() and self.chosen is None:
            raise ValidationError("full_name", None, _("the person's name (then Search records)"))
        if self.chosen is None:
            new = self.new_person()
            person_of(new, today=self.intake.now().date())  # a date of birth ahead of today is refused
        if self.chosen is None and not self.new_confirmed:
            raise ValidationError("person", None, _("a search of the records first, then This is the "
                                                    "person or This is a new person"))

    def fields(self) -> dict[str, object]:
        return {"full_name": self.full_name.text(), "date_of_birth": self.dob.text(), "age": self.age.text(),
                "sex": self.sex.currentData(), "identity_number": self.identity.text(),
                "chosen": None if self.chosen is None else {
                    "person_id": self.chosen.person_id, "full_name": self.chosen.full_name,
                    "date_of_birth": self.chosen.date_of_birth.isoformat() if self.chosen.date_of_birth
                    else None},
                "new_person": self.new_confirmed}

    def restore(self, fields: dict[str, object]) -> None:
        self.full_name.setText(str(fields.get("full_name") or ""))
        self.dob.setText(str(fields.get("date_of_birth") or ""))
        self.age.setText(str(fields.get("age") or ""))
        self.sex.setCurrentIndex(max(0, self.sex.findData(fields.get("sex"))))
        self.identity.setText(str(fields.get("identity_number") or ""))
        chosen = fields.get("chosen")
        if isinstance(chosen, dict) and isinstance(chosen.get("person_id"), int):
            born = chosen.get("date_of_birth")
            self.chosen = LikelyPerson(
                person_id=chosen["person_id"], full_name=str(chosen.get("full_name")), other_names=None,
                identity_number=None, score=1.0, reasons=(),
                date_of_birth=date.fromisoformat(born) if isinstance(born, str) else None)
            self.searched = self._facts()
        elif fields.get("new_person"):
            self.new_confirmed = True
            self.searched = self._facts()
            self.new_button.setEnabled(True)
        self._show_choice()
