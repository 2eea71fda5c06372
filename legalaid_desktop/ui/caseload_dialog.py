"""Caseload balancing for coordinators: load against capacity, facilities with people unrepresented,
and a proposal of moves the coordinator reviews, ticks and applies (issue 6, item 4).

Nothing moves until the coordinator presses "Apply": the proposal is a list of suggestions, each with
its reason, all ticked at first. The proposal runs off the GUI thread (each move needs the case's
conflict check, about a second for a case full of common names at 1,000,000 parties).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.conflicts import Caseload, Move
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.assignments import apply_rebalance
from legalaid_desktop.services.conflicts import caseload, propose_rebalance
from legalaid_desktop.ui.case_text import words as case_words
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import fit_to_screen
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
PROVIDER_COLUMNS = (_("Provider"), _("Kind"), _("Active cases"), _("Load / capacity"), _("Status"))
MOVE_COLUMNS = (_("Apply"), _("Case"), _("From"), _("To"), _("Why"))


def _item(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)  # the whole of a name cut short to fit
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget, columns: Sequence[str], name: str, *, stretch: int) -> QTableWidget:
    """A read-only table whose column `stretch` (a name, or the reasons) takes the room left, cut short
    with "…" when there is too little; the others are as wide as their contents."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return table


def status_text(over: bool, available: bool, until: date | None) -> str:
    """Said in words, not colour alone."""
    words = []
    if over:
        words.append("⚠ " + _("over capacity"))
    if not available:
        words.append(_("on leave until {day}").format(day=until.isoformat()) if until
                     else _("not taking cases"))
    return "; ".join(words) or _("room for more")


class CaseloadDialog(QDialog):
    """Load per provider, facilities with unrepresented detainees, and moves to review and apply."""

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._worker = worker or Worker(self)
        self._ticket: Ticket | None = None
        self.moves: list[Move] = []
        self.applied = 0
        """How many moves were applied while the dialog was open."""
        self.setWindowTitle(_("Caseload balancing"))
        self.setAccessibleName(_("Caseload balancing"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.providers = _table(self, PROVIDER_COLUMNS, _("Load per provider"), stretch=0)
        self.facilities = _table(self, (_("Facility"), _("Without a lawyer")),
                                 _("Facilities with people held without a lawyer"), stretch=0)
        self.move_table = _table(self, MOVE_COLUMNS, _("Proposed moves"), stretch=len(MOVE_COLUMNS) - 1)
        self.move_note = QLabel(_("Press “Propose moves” for reassignments that bring providers back "
                                  "within capacity. Nothing changes until you apply them."), self)
        self.move_note.setWordWrap(True)
        self.propose_button = QPushButton(_("&Propose moves"), self)
        self.propose_button.setAccessibleName(_("Propose moves"))
        self.propose_button.clicked.connect(self.propose)
        self.apply_button = QPushButton(_("&Apply the ticked moves…"), self)
        self.apply_button.setAccessibleName(_("Apply the ticked moves"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        for title, table in ((_("Load per provider (fullest first)"), self.providers),
                             (_("Facilities with people held without a lawyer"), self.facilities)):
            box = QWidget(top)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel("<b>" + title + "</b>", box)
            label.setBuddy(table)
            column.addWidget(label)
            column.addWidget(table)
            top.addWidget(box)
        top.setStretchFactor(0, 2)  # the providers' names need the room more than the facilities'
        top.setStretchFactor(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.propose_button)
        actions.addWidget(self.apply_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(top, 3)
        layout.addWidget(QLabel("<b>" + _("Proposed moves") + "</b>", self))
        layout.addWidget(self.move_note)
        layout.addWidget(self.move_table, 2)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 640)
        self.load()

    def _today(self) -> date:
        return self._clock().date()

    def load(self) -> None:
        """Read the caseload again (quick: counted in SQL)."""
        try:
            load = caseload(self._app.uow(), today=self._today())
        except DomainError as error:
            self.summary.setText(describe(error)[0])
            return
        self._show(load)

    def _show(self, load: Caseload) -> None:
        self.summary.setText(_("{providers} providers with cases or taking them; {over} over capacity; "
                               "{people} people held without a lawyer in {places} facilities.").format(
            providers=len(load.providers), over=len(load.over_capacity),
            people=sum(f.unrepresented for f in load.facilities), places=len(load.facilities)))
        self.providers.setRowCount(len(load.providers))
        for row, p in enumerate(load.providers):
            cells = (_item(p.full_name), _item(case_words(p.kind)),
                     _item(f"{p.active_cases:,}", right=True),
                     _item(f"{p.load:g} / {p.capacity}", right=True),
                     _item(status_text(p.over_capacity, p.available, p.unavailable_until)))
            for column, cell in enumerate(cells):
                self.providers.setItem(row, column, cell)
        self.facilities.setRowCount(len(load.facilities))
        for row, f in enumerate(load.facilities):
            self.facilities.setItem(row, 0, _item(f.name))
            self.facilities.setItem(row, 1, _item(f"{f.unrepresented:,}", right=True))

    def propose(self) -> None:
        """Ask for a proposal off the GUI thread; the button says it is working meanwhile."""
        if self._ticket is not None and not self._ticket.finished:
            return
        self.propose_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.move_note.setText(_("Looking for moves (each one is checked for conflicts)…"))
        uow, today = self._app.uow, self._today()
        self._ticket = self._worker.start(lambda _ticket: propose_rebalance(uow(), today=today),
                                          on_done=self._proposed, on_error=self._failed)

    def _proposed(self, moves: list[Move]) -> None:
        self.propose_button.setEnabled(True)
        self.moves = list(moves)
        self.move_table.setRowCount(len(self.moves))
        for row, move in enumerate(self.moves):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(Qt.CheckState.Checked)
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, _("Apply the move of {case}").format(
                case=move.case_ref))
            self.move_table.setItem(row, 0, tick)
            for column, text in enumerate((move.case_ref, move.from_name, move.to_name, move.reason), 1):
                self.move_table.setItem(row, column, _item(text))
        if self.moves:
            self.move_note.setText(_("{n} moves proposed. Untick any you do not want, then apply: each "
                                     "ends the old assignment (kept in the history) and starts the new "
                                     "one.").format(n=len(self.moves)))
            self.move_table.setFocus()
        else:
            self.move_note.setText(_("No move to propose: nobody is over capacity, or nobody with room "
                                     "covers their cases' facilities or courts without a conflict."))
        self.apply_button.setEnabled(bool(self.moves))

    def _failed(self, error: BaseException) -> None:
        self.propose_button.setEnabled(True)
        if not isinstance(error, DomainError):
            log.error("proposing moves failed", exc_info=error)
        self.move_note.setText(_("No proposal: {reason}").format(
            reason=describe(error)[0] if isinstance(error, DomainError) else error))

    def ticked(self) -> list[Move]:
        return [move for row, move in enumerate(self.moves)
                if (item := self.move_table.item(row, 0)) is not None
                and item.checkState() == Qt.CheckState.Checked]

    def apply(self) -> None:
        chosen = self.ticked()
        if not chosen:
            self.move_note.setText(_("No move is ticked: tick the moves to apply."))
            return
        answer = QMessageBox.question(
            self, _("Apply moves"),
            _("Reassign {n} cases? Each client's old assignment ends with the reason shown and the new "
              "provider takes the case.").format(n=len(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            apply_rebalance(self._app.uow(), chosen, at=self._clock())
        except DomainError as error:
            self.move_note.setText(_("Nothing was applied: {reason}").format(reason=describe(error)[0]))
            return
        self.moves, done = [], len(chosen)
        self.applied += done
        self.move_table.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.move_note.setText(_("{n} cases reassigned. Propose again to look for more.").format(n=done))
        self.load()
