"""Two records of one person side by side, differences said in words, merged into either one; and the
list of recent merges, each of which can be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.merge import MergeDone, MergeLine, PersonFacts
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.people_merge import compare_people, merge_people, recent_merges, undo_merge
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, fit_to_screen, note, show_problem
from legalaid_desktop.ui.paged_model import words

Confirm = Callable[[QWidget, str, str], bool]
"""Ask the user a yes/no question (title, text); True for yes. Tests answer without a message box."""

SAME, DIFFERS = 0, 1


def ask_confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes
                                  | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _born(facts: PersonFacts) -> str:
    if facts.date_of_birth is not None:
        return _("{day} (age {age})").format(day=facts.date_of_birth.isoformat(), age=facts.age)
    if facts.age is not None:
        return _("not recorded; about {age} (estimated)").format(age=facts.age)
    return _("not recorded")


def fact_rows(facts: PersonFacts) -> list[tuple[str, str]]:
    """What the comparison shows of one person, a (label, text) pair a row."""
    rows = [(_("Name"), facts.full_name), (_("Other names"), facts.other_names or ""),
            (_("Sex"), words(facts.sex)), (_("Date of birth / age"), _born(facts)),
            (_("Identity no."), facts.identity_number or ""), (_("Nationality"), facts.nationality or ""),
            (_("Languages"), facts.languages or "")]
    if facts.contacts_hidden:
        rows.append((_("Phone and address"), _("not shown to your role")))
    else:
        rows += [(_("Phone"), facts.phone or ""), (_("Address"), facts.address or "")]
    rows += [(_("Cases (role)"), "\n".join(facts.cases) or _("none")),
             (_("Custody spells"), "\n".join(facts.custody) or _("none")),
             (_("Legal aid requests"), "\n".join(facts.requests) or _("none")),
             (_("Dependants"), str(facts.dependants))]
    return rows


def moved_text(done: MergeDone) -> str:
    """"2 cases, 1 custody spell and 1 request" – what a merge or an undo moved, in words."""
    n = done.moved.get
    parts = [text.format(n=count) for count, text in (
        (n("legal_case", 0), ngettext("{n} case", "{n} cases", n("legal_case", 0))),
        (n("custody", 0), ngettext("{n} custody spell", "{n} custody spells", n("custody", 0))),
        (n("legal_aid_request", 0), ngettext("{n} request", "{n} requests", n("legal_aid_request", 0))),
        (n("party", 0), ngettext("{n} role in a case", "{n} roles in cases", n("party", 0))),
        (n("dependant", 0), ngettext("{n} dependant", "{n} dependants", n("dependant", 0)))) if count]
    return ", ".join(parts) if parts else _("no records")


class MergeDialog(QDialog):
    """Left and right person compared field by field; each row says "same" or "differs" in words (and
    in bold), not by colour alone. Either side can be kept, the other merged into it, after a
    confirmation saying what will move. `merged` holds what a merge did once it is done."""

    def __init__(self, application: Application, left_id: int, right_id: int, *,
                 confirm: Confirm = ask_confirm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._confirm = confirm
        self.merged: MergeDone | None = None
        self.setWindowTitle(_("Compare possible duplicates"))
        self.setAccessibleName(self.windowTitle())
        fit_to_screen(self, 940, 640)
        self.left, self.right = compare_people(application.uow(), left_id=left_id, right_id=right_id)
        intro = note(self, _(
            "Are these the same person? Rows that differ are marked in words and in bold. Merging moves the "
            "other record's cases, custody spells, requests and dependants to the one kept, fills the "
            "kept record's empty fields (never replacing one), and hides the other record. A merge can be "
            "undone."))
        self.table = QTableWidget(self)
        self.table.setAccessibleName(_("The two records side by side"))
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels([_("Left: {name}").format(name=self.left.full_name),
                                              _("Right: {name}").format(name=self.right.full_name),
                                              _("Same?")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.differences = self._fill()
        self.summary = QLabel(ngettext("{n} row differs.", "{n} rows differ.", self.differences).format(
            n=self.differences) if self.differences else _("Every row is the same."), self)
        self.summary.setAccessibleName(_("Differences"))
        self.message = error_label(self, _("Merge"))
        self.keep_left = QPushButton(_("Keep &left, merge right into it…"), self)
        self.keep_left.setAccessibleName(_("Keep {name} and merge {other} into it").format(
            name=self.left.full_name, other=self.right.full_name))
        self.keep_right = QPushButton(_("Keep &right, merge left into it…"), self)
        self.keep_right.setAccessibleName(_("Keep {name} and merge {other} into it").format(
            name=self.right.full_name, other=self.left.full_name))
        close = QPushButton(_("&Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.keep_left.clicked.connect(lambda: self.merge(keep_left=True))
        self.keep_right.clicked.connect(lambda: self.merge(keep_left=False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.keep_left)
        buttons.addWidget(self.keep_right)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.setFocus()

    def _fill(self) -> int:
        left, right = fact_rows(self.left), fact_rows(self.right)
        self.table.setRowCount(len(left))
        self.table.setVerticalHeaderLabels([label for label, _text in left])
        differing = 0
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, ((_label, a), (_same, b)) in enumerate(zip(left, right, strict=True)):
            same = a.casefold() == b.casefold()
            differing += not same
            verdict = (_("same") if same else _("only on the left") if not b else
                       _("only on the right") if not a else _("\u2260 differs"))
            for column, text in enumerate((a, b, verdict)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not same:
                    item.setFont(bold)
                item.setData(Qt.ItemDataRole.UserRole, SAME if same else DIFFERS)  # a test reads it
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        return differing

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # now that the columns have their width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def merge(self, *, keep_left: bool) -> None:
        kept, other = (self.left, self.right) if keep_left else (self.right, self.left)
        question = _(
            "Keep {kept} and merge {other} into it?\n\n{other}'s {cases} cases, {spells} custody spells, "
            "{requests} requests and {dependants} dependants move to {kept}; {kept}'s empty fields are "
            "filled from {other}; {other} is then hidden from lists and searches.\n\nYou can undo this "
            "afterwards (People > Undo a merge…).").format(
            kept=kept.full_name, other=other.full_name, cases=len(other.cases), spells=len(other.custody),
            requests=len(other.requests), dependants=other.dependants)
        if not self._confirm(self, _("Merge two records"), question):
            return
        try:
            self.merged = merge_people(self._app.uow(), keep_id=kept.person_id, merge_id=other.person_id)
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        clear_problem(self.message)
        self.accept()


def merge_line_text(line: MergeLine) -> str:
    text = _("{when}: {other} merged into {kept} by {actor}").format(
        when=line.merged_at.astimezone().strftime("%Y-%m-%d %H:%M"), other=line.merged_name,
        kept=line.kept_name, actor=line.actor)
    if line.undone_at is not None:
        text += " " + _("(undone {when})").format(when=line.undone_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    return text


class UndoMergeDialog(QDialog):
    """The recent merges, newest first; a merge not yet undone can be undone after a confirmation."""

    def __init__(self, application: Application, *, confirm: Confirm = ask_confirm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._confirm = confirm
        self.undone: MergeDone | None = None
        self.setWindowTitle(_("Undo a merge"))
        self.setAccessibleName(self.windowTitle())
        fit_to_screen(self, 720, 420)
        self.merges = QListWidget(self)
        self.merges.setAccessibleName(_("Recent merges, newest first"))
        self.message = error_label(self, _("Undo"))
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("Result"))
        self.undo_button = QPushButton(_("&Undo the selected merge…"), self)
        self.undo_button.setAccessibleName(_("Undo the selected merge"))
        self.undo_button.clicked.connect(self.undo_selected)
        close = QPushButton(_("&Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.merges.currentItemChanged.connect(self._selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.outcome, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self, _("An undo moves back exactly the records the merge moved and shows "
                                      "the other person in lists again. Each merge is undone once.")))
        layout.addWidget(self.merges, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.merges.clear()
        for line in recent_merges(self._app.uow()):
            item = QListWidgetItem(merge_line_text(line))
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.merges.addItem(item)
        if self.merges.count():
            self.merges.setCurrentRow(0)
        else:
            self.outcome.setText(_("No merges recorded yet."))
        self._selected()
        self.merges.setFocus()

    def _selected(self, *_args: object) -> None:
        item = self.merges.currentItem()
        line = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.undo_button.setEnabled(isinstance(line, MergeLine) and line.undone_at is None)

    def undo_selected(self) -> None:
        item = self.merges.currentItem()
        line = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(line, MergeLine):
            return
        if not self._confirm(self, _("Undo a merge"), _(
                "Undo the merge of {other} into {kept}? The records it moved go back to {other}.").format(
                other=line.merged_name, kept=line.kept_name)):
            return
        try:
            self.undone = undo_merge(self._app.uow(), merge_id=line.merge_id)
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        clear_problem(self.message)
        row = self.merges.currentRow()
        self.load()
        self.merges.setCurrentRow(row)
        self.outcome.setText(undone_text(self.undone))


def undone_text(done: MergeDone) -> str:
    text = _("Undone: {moved} moved back to {other}.").format(moved=moved_text(done), other=done.merged_name)
    if done.left_behind:
        text += " " + ngettext("{n} record changed since the merge was left with {kept}.",
                               "{n} records changed since the merge were left with {kept}.",
                               done.left_behind).format(n=done.left_behind, kept=done.kept_name)
    return text
