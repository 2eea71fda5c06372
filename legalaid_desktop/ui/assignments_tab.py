"""The case view's Assignments tab: who acts and acted, with assign, reassign, end, and a conflict check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.case_file import AssignmentLine, CaseFile
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.ui.assign_dialog import AssignDialog, EndAssignmentDialog
from legalaid_desktop.ui.case_tabs import TablePane
from legalaid_desktop.ui.conflicts_dialog import ConflictsDialog


class AssignmentsTab(QWidget):
    """The assignments table under a row of actions. `changed` follows an assignment saved or ended;
    `notice` holds what was last done, in words."""

    changed = Signal()

    def __init__(self, application: Application, pane: TablePane, case_file: Callable[[], CaseFile | None],
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._file = case_file
        self._clock = clock
        self.pane = pane
        self.dialog: QDialog | None = None
        self._notice_case: int | None = None
        self.assign_button = QPushButton(_("Assi&gn a provider…"), self)
        self.assign_button.setAccessibleName(_("Assign a provider to this case"))
        self.assign_button.setToolTip(_("Suggested providers with their reasons; conflicts of interest "
                                        "are checked before anyone is assigned."))
        self.reassign_button = QPushButton(_("Rea&ssign…"), self)
        self.reassign_button.setAccessibleName(_("Reassign the selected assignment to another provider"))
        self.end_button = QPushButton(_("&End assignment…"), self)
        self.end_button.setAccessibleName(_("End the selected assignment"))
        self.check_button = QPushButton(_("Check con&flicts…"), self)
        self.check_button.setAccessibleName(_("Check a person for conflicts of interest"))
        self.check_button.setToolTip(_("Is a new party (or anyone) already in a case as client, co-accused, "
                                       "victim or witness?"))
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Assignment message"))
        self.notice.hide()
        self.assign_button.clicked.connect(lambda: self.open_assign())
        self.reassign_button.clicked.connect(self.open_reassign)
        self.end_button.clicked.connect(self.open_end)
        self.check_button.clicked.connect(self.open_check)
        actions = QHBoxLayout()
        for button in (self.assign_button, self.reassign_button, self.end_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.notice)
        layout.addWidget(pane, 1)
        pane.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        pane.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def selected(self) -> AssignmentLine | None:
        index = self.pane.table.currentIndex()
        found: AssignmentLine | None = self.pane.model.row_at(index.row()) if index.isValid() else None
        return found

    def _update_buttons(self, *_args: object) -> None:
        f = self._file()
        if f is None or f.header.case_id != self._notice_case:
            self.notice.hide()  # it was about another case
        line = self.selected()
        acting = line is not None and line.active
        for button in (self.reassign_button, self.end_button):
            button.setEnabled(acting)
            button.setToolTip("" if acting else _("Select an assignment that is still acting."))

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _done(self, text: str) -> None:
        f = self._file()
        self._notice_case = f.header.case_id if f else None
        self.notice.setText("✓ " + text)
        self.notice.show()
        self.changed.emit()

    def open_assign(self, replacing: AssignmentLine | None = None) -> None:
        f = self._file()
        if f is None:
            return
        try:
            dialog = AssignDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref,
                                  client=f.header.full_name, clock=self._clock, replacing=replacing,
                                  parent=self)
        except DomainError as error:  # a role that may not assign (a paralegal's) is told so here
            self._notice_case = f.header.case_id
            self.notice.setText("⚠ " + describe(error)[0])
            self.notice.show()
            return
        if replacing is None:
            dialog.assigned.connect(lambda name: self._done(_("{provider} assigned to {case}.").format(
                provider=name, case=f.header.case_ref)))
        else:
            dialog.assigned.connect(lambda name: self._done(
                _("{case} reassigned from {old} to {new}.").format(
                    case=f.header.case_ref, old=replacing.provider, new=name)))
        self._open(dialog)

    def open_reassign(self) -> None:
        line = self.selected()
        if line is not None and line.active:
            self.open_assign(line)

    def open_end(self) -> None:
        line, f = self.selected(), self._file()
        if line is None or not line.active or f is None:
            return
        dialog = EndAssignmentDialog(self._app, line, clock=self._clock, zone=f.header.time_zone, parent=self)
        dialog.ended.connect(lambda name: self._done(
            _("{provider}'s assignment ended.").format(provider=name)))
        self._open(dialog)

    def open_check(self) -> None:
        self._open(ConflictsDialog(self._app, parent=self))
