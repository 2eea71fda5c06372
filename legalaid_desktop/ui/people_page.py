"""The People screen: everyone known to the office, with age and child flag, cases and where held."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.lists import ListFilter, PersonLine
from legalaid_desktop.domain.merge import MergeDone
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.people_merge import duplicate_of, undo_merge
from legalaid_desktop.ui.case_text import priority_choices
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_screen import AskPath, ListScreen, _ask_csv_path
from legalaid_desktop.ui.merge_dialog import (
    Confirm,
    MergeDialog,
    UndoMergeDialog,
    ask_confirm,
    moved_text,
    undone_text,
)
from legalaid_desktop.ui.paged_model import DbColumn, words
from legalaid_desktop.ui.rows_model import RowRole


def age_text(line: PersonLine) -> str:
    """"15 · child", "~30 (estimated)", "disputed · child": a child is said in words."""
    if line.age is None:
        age = _("unknown")
    elif line.age_estimated:
        age = _("~{n} (estimated)").format(n=line.age)
    else:
        age = str(line.age)
    if line.age_disputed:
        age = _("{age}, disputed").format(age=age)
    return _("{age} · child").format(age=age) if line.child else age


def _age_tooltip(line: PersonLine) -> str | None:
    if line.child and (line.age is None or line.age_disputed):
        return _("Treated as a child: an unknown or disputed age gives the benefit of the doubt")
    if line.date_of_birth is not None:
        return _("Born {day}").format(day=line.date_of_birth.isoformat())
    return None


class PeoplePage(ListScreen):
    """Every person (clients, and the victims and witnesses of their cases), by name.

    Two selected people, or one flagged as a possible duplicate, can be compared side by side and
    merged (`merged` is emitted after a merge or its undoing, for other screens to read again)."""

    kind = "people"
    merged = Signal()

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path,
                 confirm: Confirm = ask_confirm) -> None:
        super().__init__(application, parent, clock=clock, ask_path=ask_path)
        self._confirm = confirm
        self.last_merge: MergeDone | None = None
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.search.setPlaceholderText(_("Search names, identity numbers, case or register numbers…"))
        self.held = self.add_chip(_("&Held now"), _("Show only people held now"))
        self.only_children = self.add_chip(_("&Children"), _("Show only children (age unknown or disputed "
                                                        "counts as a child)"))
        self.duplicates = self.add_chip(_("Possible &duplicates"),
                                        _("Show only people flagged as possibly the same as another"))
        self.facility = self.add_combo(_("Held a&t:"), _("Facility where held now"))
        self.group = self.add_combo(_("Priority &group:"), _("Priority group (UN Principle 10)"),
                                    priority_choices(), beside_search=True)
        self.group.setToolTip(_("Only people recorded in this priority group (UN Principle 10)"))
        self.chips.addStretch(1)
        self.compare_button = QPushButton(_("Co&mpare…"), self)
        self.compare_button.setAccessibleName(_("Compare the selected people, or the selected possible "
                                                "duplicate with the person it may be, side by side"))
        self.compare_button.setToolTip(_("Select two people (Ctrl+click), or one flagged as a possible "
                                         "duplicate (Ctrl+M)"))
        self.compare_button.clicked.connect(self.compare_selected)
        self.undo_list_button = QPushButton(_("Undo a mer&ge…"), self)
        self.undo_list_button.setAccessibleName(_("List recent merges of people to undo one"))
        self.undo_list_button.clicked.connect(self.show_merges)
        self.chips.addWidget(self.compare_button)
        self.chips.addWidget(self.undo_list_button)
        QShortcut(QKeySequence("Ctrl+M"), self, self.compare_selected)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Merge notice"))
        self.undo_button = QPushButton(_("&Undo merge"), self)
        self.undo_button.setAccessibleName(_("Undo the merge just made"))
        self.undo_button.clicked.connect(self.undo_last)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.undo_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.indexOf(self.table), notice_row)
        self._show_notice("", undo=False)
        self.hint.setText(_("Enter or double-click opens the person's newest case. Select two people "
                            "(Ctrl+click) or a possible duplicate and press Compare to merge them. Click a "
                            "column title to sort; right-click it to choose columns. F5 reads the list "
                            "again."))

    def title(self) -> str:
        return _("People")

    def count_text(self, total: int) -> str:
        return ngettext("{n} person", "{n} people", total).format(n=f"{total:,}")

    def columns(self) -> Sequence[DbColumn]:
        return (
            DbColumn("name", _("Name"), lambda x: x.full_name, sort="name",
                     tooltip=lambda x: _("Also known as {names}").format(names=x.other_names)
                     if x.other_names else None),
            DbColumn("sex", _("Sex"), lambda x: words(x.sex), sort="sex"),
            DbColumn("age", _("Age"), age_text, sort="date_of_birth", raw=lambda x: x.age,
                     tooltip=_age_tooltip, flipped=True),
            DbColumn("born", _("Date of birth"),
                     lambda x: x.date_of_birth.isoformat() if x.date_of_birth else "",
                     sort="date_of_birth", hidden=True),
            DbColumn("identity", _("Identity no."), lambda x: x.identity_number or "",
                     sort="identity_number", ltr=True),
            DbColumn("other", _("Other names"), lambda x: x.other_names or "", hidden=True),
            DbColumn("cases", _("Cases"), lambda x: f"{x.cases:,}", sort="cases", raw=lambda x: x.cases,
                     align_right=True),
            DbColumn("facility", _("Held at"), lambda x: x.facility or _("not held"), sort="facility"),
            DbColumn("duplicate", _("Possible duplicate"),
                     lambda x: _("yes") if x.possible_duplicate_of else "", hidden=True,
                     tooltip=lambda x: _("Flagged as possibly the same person as another record")
                     if x.possible_duplicate_of else None),
        )

    def column_width(self, name: str) -> int:
        return {"name": 220, "sex": 70, "age": 120, "born": 100, "identity": 170, "other": 160,
                "cases": 60, "facility": 200, "duplicate": 120}[name]

    def case_of(self, row: Any) -> int | None:
        return row.case_id if isinstance(row, PersonLine) else None

    def no_case_text(self, row: Any) -> str:
        return _("{name} is not the client of any case (a victim or witness, perhaps).").format(
            name=row.full_name)

    def refresh_choices(self) -> None:
        self.fill_facilities(self.facility)

    def current_filters(self) -> ListFilter:
        facility = self.facility.currentData()
        return ListFilter(search=self.search_text(), held=self.held.isChecked(),
                          child=self.only_children.isChecked(), duplicates=self.duplicates.isChecked(),
                          facility=facility if isinstance(facility, str) else None,
                          priority_group=self.group.currentData() or None)

    # -- comparing and merging

    def selected_people(self) -> list[PersonLine]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        lines = [self.model.data(self.model.index(row, 0), RowRole) for row in rows]
        return [x for x in lines if isinstance(x, PersonLine)]

    def compare_pair(self) -> tuple[int, int] | None:
        """The two people to compare: two selected, or a flagged one and the person it may be (the
        earlier record on the left); None, with a notice saying what to select, otherwise."""
        chosen = self.selected_people()
        if len(chosen) == 2:
            return chosen[0].person_id, chosen[1].person_id
        if len(chosen) == 1 and chosen[0].possible_duplicate_of is not None:
            try:
                other = duplicate_of(self._app.uow(), person_id=chosen[0].person_id)
            except DomainError as error:
                self._show_notice(describe(error)[0], undo=False)
                return None
            if other is not None and other != chosen[0].person_id:
                return other, chosen[0].person_id
        self._show_notice(_("To compare, select two people (Ctrl+click the second), or one marked as a "
                            "possible duplicate (the \u201cPossible duplicates\u201d chip lists them)."),
                          undo=False)
        return None

    def compare_selected(self) -> None:
        pair = self.compare_pair()
        if pair is None:
            return
        try:
            dialog = MergeDialog(self._app, *pair, confirm=self._confirm, parent=self)
        except DomainError as error:
            self._show_notice(describe(error)[0], undo=False)
            return
        self.open_dialog(dialog)
        if dialog.merged is not None:
            self.last_merge = dialog.merged
            done = dialog.merged
            self._show_notice(_("Merged {other} into {kept}: {moved} moved.").format(
                other=done.merged_name, kept=done.kept_name, moved=moved_text(done)), undo=True)
            self._changed()

    def open_dialog(self, dialog: MergeDialog | UndoMergeDialog) -> None:
        """Run a dialog modally (tests replace this to drive it without a nested event loop)."""
        dialog.exec()

    def undo_last(self) -> None:
        done = self.last_merge
        if done is None:
            return
        try:
            undone = undo_merge(self._app.uow(), merge_id=done.merge_id)
        except DomainError as error:
            self._show_notice(describe(error)[0], undo=False)
            return
        self.last_merge = None
        self._show_notice(undone_text(undone), undo=False)
        self._changed()

    def show_merges(self) -> None:
        dialog = UndoMergeDialog(self._app, confirm=self._confirm, parent=self)
        self.open_dialog(dialog)
        if dialog.undone is not None:
            if self.last_merge is not None and self.last_merge.merge_id == dialog.undone.merge_id:
                self.last_merge = None
            self._show_notice(undone_text(dialog.undone), undo=False)
            self._changed()

    def _show_notice(self, text: str, *, undo: bool) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.undo_button.setVisible(undo)

    def _changed(self) -> None:
        self.mark_stale()
        self.merged.emit()
