"""Checking a person for conflicts of interest: a name (with spelling and script variants), a date of
birth and an identity number against every party of every case. Contact details are never shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.conflicts import ConflictMatch
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe, match_words, more_matches_message
from legalaid_desktop.services.conflicts import check_conflicts
from legalaid_desktop.ui.case_tabs import escape
from legalaid_desktop.ui.case_text import ltr
from legalaid_desktop.ui.column_fit import ColumnFit
from legalaid_desktop.ui.conflict_text import hidden_match_words, role_words
from legalaid_desktop.ui.dialog_parts import (
    clear_problem,
    error_label,
    fit_to_screen,
    note,
    read_only_table,
    show_problem,
    with_message,
)
from legalaid_desktop.ui.rows_model import Column, RowsModel

# Preferred widths: the case number, the role and the score are kept whole; the others shrink on a
# narrow screen, and a name, a reason or a list of providers cut short shows whole in its tooltip.
COLUMN_WIDTHS = (200, 128, 104, 56, 250, 190)
KEEP_WHOLE = (1, 2, 3)


def _name(m: ConflictMatch) -> str:
    return hidden_match_words() if m.hidden else m.full_name


def match_columns() -> list[Column]:
    return [
        Column(_("Name as recorded"), _name, tooltip=_name),
        Column(_("Case"), lambda m: ltr(m.case_ref) or "—", sort=lambda m: m.case_ref or ""),
        Column(_("Role"), lambda m: role_words(m.role.value if m.role else None)),
        Column(_("Match"), lambda m: f"{m.score:.2f}", sort=lambda m: m.score, align_right=True),
        Column(_("Why"), lambda m: match_words(m.reasons), tooltip=lambda m: match_words(m.reasons) or None),
        Column(_("Providers who acted"), lambda m: ", ".join(m.providers) or "—",
               tooltip=lambda m: ", ".join(m.providers) or None),
    ]


class ConflictsDialog(QDialog):
    """Name (required), date of birth and identity number (optional) → the possible matches, each
    with the case, the role, the score, why, and the providers who acted there."""

    def __init__(self, application: Application, *, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self.matches: list[ConflictMatch] = []
        self.setWindowTitle(_("Check for conflicts of interest"))
        self.setAccessibleName(self.windowTitle())
        fit_to_screen(self, 900, 560)
        intro = note(self, _(
            "Is this person already in a case — as a client, co-accused, victim, witness or complainant? "
            "Names are matched with spelling and script variants (Mohammed / Muhammad, Arabic and Latin "
            "letters). Each check is written to the audit log."))
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setAccessibleName(_("Full name"))
        self.name_edit.setPlaceholderText(_("required, e.g. Muhammad Abdulahi"))
        self.dob_edit = QLineEdit(self)
        self.dob_edit.setAccessibleName(_("Date of birth"))
        self.dob_edit.setPlaceholderText(_("optional, year-month-day: 1990-05-17"))
        self.id_edit = QLineEdit(self)
        self.id_edit.setAccessibleName(_("Identity number"))
        self.id_edit.setPlaceholderText(_("optional: national ID, passport or register number"))
        self.errors = {key: error_label(self, edit.accessibleName()) for key, edit in (
            ("name", self.name_edit), ("date_of_birth", self.dob_edit), ("identity_number", self.id_edit))}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text, edit in (("name", _("&Name:"), self.name_edit),
                                ("date_of_birth", _("Date of &birth:"), self.dob_edit),
                                ("identity_number", _("&Identity number:"), self.id_edit)):
            caption = QLabel(text, self)
            caption.setBuddy(edit)
            form.addRow(caption, with_message(edit, self.errors[key]))
        self.check_button = QPushButton(_("&Check"), self)
        self.check_button.setAccessibleName(_("Check for conflicts"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        close = QPushButton(_("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Result"))
        self.message = error_label(self, _("Check"))
        self.model = RowsModel(match_columns(), self)
        self.table = read_only_table(self, self.model, _("Possible matches, closest first"))
        self.table.hide()
        self.columns = ColumnFit(self.table, COLUMN_WIDTHS, keep=KEEP_WHOLE)
        self.more = QLabel(self)
        self.more.setWordWrap(True)
        self.more.setAccessibleName(_("More possible matches on name alone"))
        self.more.hide()
        checking = QHBoxLayout()
        checking.addWidget(self.summary, 1)
        checking.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(note(self, _("Only names, cases, roles and providers are shown here; addresses "
                                      "and telephone numbers of victims and witnesses are not.")), 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(checking)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more)
        layout.addStretch(1)  # until there are matches to list: the form stays together at the top
        layout.addLayout(bottom)
        self._layout = layout
        self.setTabOrder(self.name_edit, self.dob_edit)
        self.setTabOrder(self.dob_edit, self.id_edit)
        self.setTabOrder(self.id_edit, self.check_button)
        self.setTabOrder(self.check_button, self.table)
        self.setTabOrder(self.table, close)
        self.name_edit.setFocus()

    def _show(self, field: str, text: str) -> None:
        label = self.errors.get(field, self.message)
        show_problem(label, text)
        edit = {"name": self.name_edit, "date_of_birth": self.dob_edit,
                "identity_number": self.id_edit}.get(field)
        if edit is not None:
            edit.setFocus()

    def check(self) -> None:
        """Run the check; a field that cannot be read is named beside it, and every value stays."""
        for label in (*self.errors.values(), self.message):
            clear_problem(label)
        name = self.name_edit.text().strip()
        if not name:
            self._show("name", _("Give the person's name (any spelling: variants are found)."))
            return
        born: date | None = None
        typed = self.dob_edit.text().strip()
        if typed:
            try:
                born = date.fromisoformat(typed)
            except ValueError:
                self._show("date_of_birth", _("{value!r} is not a date; write it like 1990-05-17, or leave "
                                              "it empty.").format(value=typed))
                return
        try:
            checked = check_conflicts(self._app.uow(), name=name, date_of_birth=born,
                                      identity_number=self.id_edit.text().strip() or None)
        except ValidationError as error:
            self._show(error.field, describe(error)[0])
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        found = list(checked.matches)
        self.matches = found
        self.model.set_rows(found)
        self.table.setVisible(bool(found))
        self._layout.setStretch(self._layout.indexOf(self.more) + 1, 0 if found else 1)
        more = checked.more_on_name_only
        self.more.setText(more_matches_message(
            more, date_of_birth_given=born is not None,
            identity_number_given=bool(self.id_edit.text().strip())) if more else "")
        self.more.setVisible(more > 0)
        cases = len({m.case_ref for m in found if m.case_ref})
        if found and all(m.hidden for m in found):
            self.summary.setText(_("<b>A possible conflict</b> for {name} exists in a record you cannot "
                                   "open. Ask a coordinator before acting for this person.").format(
                name=escape(name)))
        elif found and more:
            in_cases = ngettext("in {n} case", "in {n} cases", cases).format(n=cases)
            self.summary.setText(_("<b>The {n} closest possible matches</b> for {name}, {in_cases}, and "
                                   "{more} more on name alone: check each before acting.").format(
                n=len(found), name=escape(name), in_cases=in_cases, more=f"{more:,}"))
        elif found:
            in_cases = ngettext("in {n} case", "in {n} cases", cases).format(n=cases)
            self.summary.setText(ngettext(
                "<b>{n} possible match</b> for {name}, {in_cases}: check each before acting.",
                "<b>{n} possible matches</b> for {name}, {in_cases}: check each before acting.",
                len(found)).format(n=len(found), name=escape(name), in_cases=in_cases))
        else:
            self.summary.setText(_("<b>No possible match</b> for {name} in any case.").format(
                name=escape(name)))
