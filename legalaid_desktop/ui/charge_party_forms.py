"""The forms that add a charge (its class and maximum feed the deadline rules) and a party (a stored
person found by name first, or a new one) to a case."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.domain.intake import LikelyPerson, NewPerson
from legalaid_desktop.domain.vocab import PartyRole, Sex
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.case_work import PARTY_ROLES, add_charge, add_party, offence_classes
from legalaid_desktop.services.intake import find_likely_people
from legalaid_desktop.services.records import Saved
from legalaid_desktop.ui.case_forms import CaseForm, whole_number
from legalaid_desktop.ui.case_text import day, words
from legalaid_desktop.ui.dialog_parts import clear_problem, show_problem
from legalaid_desktop.ui.intake_person import SEX_LABELS
from legalaid_desktop.ui.rows_model import Column, RowsModel

LIFE_WORDS = frozenset({"life", "l"})


class SearchEdit(QLineEdit):
    """A name field whose Enter searches (`search`), never the dialog's default Save."""

    search = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.search.emit()
            return
        super().keyPressEvent(event)


class ChargeDialog(CaseForm):
    """Offence, class (the classes the jurisdiction's deadline rules read), law, maximum sentence,
    capital, first offender."""

    FIELD_OF: ClassVar[dict[str, str]] = {"max_sentence_months": "maximum"}

    def __init__(self, application: Application, *, case_id: int, case_ref: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Add a charge — {case}").format(case=case_ref),
                         _("A charge in {case}").format(case=case_ref), _("&Save charge"), parent)
        self._app = application
        self._case_id = case_id
        self.offence_edit = QLineEdit(self)
        self.offence_edit.setPlaceholderText(_("e.g. Robbery with violence"))
        self.class_box = QComboBox(self)
        self.class_box.addItem(_("— choose the class —"), None)
        for code in offence_classes(application.uow(), case_id=case_id, book=application.deadline_book):
            self.class_box.addItem(words(code), code)
        self.statute_edit = QLineEdit(self)
        self.statute_edit.setPlaceholderText(_("e.g. Penal Code s. 296(2)"))
        self.maximum_edit = QLineEdit(self)
        self.maximum_edit.setPlaceholderText(_("months, e.g. 84; or “life”; empty if not known"))
        self.capital_box = QCheckBox(_("Ca&pital: punishable by death"), self)
        self.first_box = QCheckBox(_("&First offender"), self)
        self.add_row("offence", _("&Offence:"), self.offence_edit, _("Offence"))
        self.add_row("offence_class", _("C&lass:"), self.class_box, _("Offence class"))
        self.add_row("statute", _("La&w:"), self.statute_edit, _("Law and section"))
        self.add_row("maximum", _("&Maximum sentence:"), self.maximum_edit, _("Maximum sentence"))
        self.add_row("capital", "", self.capital_box, _("Capital charge"))
        self.add_row("first_offender", "", self.first_box, _("First offender"))
        self.add_note(_("The class, the maximum sentence and the capital mark decide which custody time "
                        "limits apply: the deadlines are computed again when the charge is saved."))
        self.resize(560, 380)
        self.offence_edit.setFocus()

    def maximum(self) -> tuple[int | None, bool]:
        """(months, life) from the typed maximum: a number of months, or life."""
        raw = self.maximum_edit.text().strip()
        if raw.casefold() in LIFE_WORDS:
            return None, True
        expected = _("a whole number of months such as 84, or “life”, or nothing if not known")
        months = whole_number("max_sentence_months", raw, expected)
        if months is not None and not 0 <= months <= 1200:
            raise ValidationError("max_sentence_months", raw, expected)
        return months, False

    def submit(self) -> Saved:
        if self.class_box.currentData() is None:  # the class decides which time limits apply: no guess
            raise ValidationError("offence_class", None, _("the class of the offence, as the charge sheet "
                                                           "or the law gives it"))
        months, life = self.maximum()
        return add_charge(self._app.uow(), case_id=self._case_id, offence=self.offence_edit.text(),
                          offence_class=self.class_box.currentData(), statute=self.statute_edit.text(),
                          max_sentence_months=months, max_sentence_life=life,
                          capital=self.capital_box.isChecked(), first_offender=self.first_box.isChecked())


def match_columns() -> list[Column]:
    return [
        Column(_("Name"), lambda p: p.full_name, tooltip=lambda p: p.other_names),
        Column(_("Born"), lambda p: day(p.date_of_birth) or "—", sort=lambda p: p.date_of_birth),
        Column(_("In cases"), lambda p: ", ".join(p.case_refs) or "—"),
    ]


class PartyDialog(CaseForm):
    """Search the stored people by name; choose one, or add the name typed as a new person; the role."""

    FIELD_OF: ClassVar[dict[str, str]] = {"full_name": "person"}

    def __init__(self, application: Application, *, case_id: int, case_ref: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Add a party — {case}").format(case=case_ref),
                         _("A co-accused, victim, witness or complainant in {case}").format(case=case_ref),
                         _("&Save party"), parent)
        self._app = application
        self._case_id = case_id
        self.found: list[LikelyPerson] = []
        self.name_edit = SearchEdit(self)
        self.name_edit.setPlaceholderText(_("type a name, then Enter to search the records"))
        self.search_button = QPushButton(_("Sea&rch"), self)
        self.search_button.setAutoDefault(False)
        self.search_button.setAccessibleName(_("Search the records for this name"))
        search = QWidget(self)
        row = QHBoxLayout(search)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.search_button)
        self.model = RowsModel(match_columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(120)
        self.new_box = QCheckBox(_("None of these: add the name typed as a &new person"), self)
        self.sex_box = QComboBox(self)
        for sex, text in SEX_LABELS.items():
            self.sex_box.addItem(_(text), sex.value)
        self.sex_box.setEnabled(False)
        self.role_box = QComboBox(self)
        for role in PARTY_ROLES:
            self.role_box.addItem(words(role.value), role.value)
        self.role_box.setCurrentIndex(self.role_box.findData(PartyRole.VICTIM.value))
        self.add_row("search", _("&Name:"), search, _("Name to search for"))
        self.add_row("person", _("Person:"), self.table, _("People found by that name"))
        self.add_row("new", "", self.new_box, _("Add as a new person"))
        self.add_row("sex", _("Se&x:"), self.sex_box, _("Sex of the new person"))
        self.add_row("role", _("Ro&le:"), self.role_box, _("Role in the case"))
        self.add_note(_("Search first: a person already recorded keeps all their cases together, and "
                        "a conflict check finds them."))
        self.name_edit.search.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.new_box.toggled.connect(self._new_toggled)
        self.resize(620, 520)
        self.name_edit.setFocus()

    def _new_toggled(self, on: bool) -> None:
        self.sex_box.setEnabled(on)
        self.table.setEnabled(not on)

    def search(self) -> None:
        clear_problem(self.errors["search"])
        try:
            self.found = find_likely_people(self._app.uow(), name=self.name_edit.text())
        except ValidationError:
            show_problem(self.errors["search"], _("Type a name to search for."))
            return
        except DomainError as error:
            show_problem(self.errors["search"], describe(error)[0])
            return
        self.model.set_rows(self.found)
        self.table.resizeColumnsToContents()
        show_problem(self.errors["person"], ngettext(
            "{n} person found: choose them if it is the same person.",
            "{n} people found: choose the one it is, if any.", len(self.found)).format(n=len(self.found))
            if self.found else _("Nobody by that name is recorded: tick “new person” to add them."))
        self.errors["person"].setStyleSheet("color: #555;")
        if self.found:
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.new_box.setFocus()

    def clear_errors(self) -> None:
        super().clear_errors()
        self.errors["person"].setStyleSheet("color: #a4161a;")

    def chosen(self) -> LikelyPerson | None:
        index = self.table.currentIndex()
        found: LikelyPerson | None = self.model.row_at(index.row()) if index.isValid() else None
        return found

    def submit(self) -> Saved:
        role = PartyRole(self.role_box.currentData())
        if self.new_box.isChecked():
            name = self.name_edit.text().strip()
            if not name:
                raise ValidationError("search", None, _("the new person's full name"))
            return add_party(self._app.uow(), case_id=self._case_id, role=role,
                             new_person=NewPerson(full_name=name, sex=Sex(self.sex_box.currentData())))
        person = self.chosen()
        if person is None:
            raise ValidationError("person", None, _("a person chosen from those found (search by name "
                                                    "first), or tick “new person”"))
        return add_party(self._app.uow(), case_id=self._case_id, role=role, person_id=person.person_id)
