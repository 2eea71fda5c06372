"""Case tabs you work in: a table under a row of actions (each a button and a keyboard shortcut) that
open small forms. Notes and activities, hearings, charges and parties live here; documents have their
own module."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.case_file import CaseFile, HearingLine
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.vocab import NoteKind
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.form_drafts import drop_form_draft, form_draft, keep_form_draft
from legalaid_desktop.services.records import Saved
from legalaid_desktop.ui.case_forms import CaseForm, HearingDialog, NoteDialog, OutcomeDialog
from legalaid_desktop.ui.case_tabs import TablePane
from legalaid_desktop.ui.case_text import local, words
from legalaid_desktop.ui.charge_party_forms import ChargeDialog, PartyDialog
from legalaid_desktop.ui.dialog_parts import ERROR_STYLE

Clock = Callable[[], datetime]
FileOf = Callable[[], CaseFile | None]
DRAFT_DELAY_MS = 1500
"""How long after the last change a form's draft is written (a write a keystroke would be too many)."""


class WorkTab(QWidget):
    """A table with actions. `changed(Saved)` follows a record saved: the case view reads the case
    again and selects it. Actions are added to the case view (shortcuts work from anywhere in it) and
    enabled only while their tab is shown (`set_active`); one that needs a row also needs a selection."""

    changed = Signal(object)

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._file = case_file
        self._clock = clock
        self.pane = pane
        self.dialog: QDialog | None = None
        self.actions_row = QHBoxLayout()
        self.work_actions: list[tuple[QAction, QPushButton, bool]] = []
        self._active = False
        self._notice_case: int | None = None
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Message"))
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.notice)
        layout.addWidget(pane, 1)
        pane.table.selectionModel().currentRowChanged.connect(self.update_actions)
        pane.model.modelReset.connect(self.update_actions)

    def add_action(self, text: str, accessible: str, key: QKeySequence | str, slot: Callable[[], None], *,
                   needs_row: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{tip} ({shortcut})" if tip else shortcut)
        button.clicked.connect(action.trigger)
        self.actions_row.addWidget(button)
        self.work_actions.append((action, button, needs_row))
        return action

    def finish_actions(self) -> None:
        self.actions_row.addStretch(1)
        self.update_actions()

    def set_active(self, active: bool) -> None:
        self._active = active
        self.update_actions()

    def selected(self) -> Any:
        index = self.pane.table.currentIndex()
        return self.pane.model.row_at(index.row()) if index.isValid() else None

    def update_actions(self, *_args: object) -> None:
        f = self._file()
        if f is None or f.header.case_id != self._notice_case:
            self.notice.hide()  # it was about another case
        has_row = self.selected() is not None
        for action, button, needs_row in self.work_actions:
            usable = f is not None and (has_row or not needs_row)
            button.setEnabled(usable)
            action.setEnabled(usable and self._active)

    def case(self) -> CaseFile | None:
        return self._file()

    def zone(self) -> str:
        f = self._file()
        return (f.header.time_zone if f else None) or "UTC"

    def open_form(self, dialog: CaseForm, done: Callable[[Saved], str], draft: str) -> None:
        """Show the form; once it saved, the words `done` gives are shown above the table.

        What is typed is kept in the database (per user, case and `draft` name) a moment after each
        change, and when the form is closed unsaved: a crash or a closed lid loses nothing, and the
        form opens again with it. Saved, or emptied, the draft goes.
        """
        f = self._file()
        if f is None:
            return
        case_id = f.header.case_id
        kept = form_draft(self._app.uow(), case_id=case_id, form=draft)
        if kept is not None:
            dialog.restore(kept.fields)
            dialog.add_note(_("What you typed on {when} and did not save is back.").format(
                when=local(kept.saved_at, self.zone())))
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.setInterval(DRAFT_DELAY_MS)
        timer.timeout.connect(lambda: self._keep(case_id, draft, dialog))
        dialog.edited.connect(timer.start)
        dialog.saved.connect(timer.stop)
        dialog.saved.connect(lambda _saved: self._drop(case_id, draft))
        dialog.saved.connect(lambda saved: self.saved(saved, done))
        dialog.rejected.connect(timer.stop)
        dialog.rejected.connect(lambda: self._keep(case_id, draft, dialog))
        self.show_dialog(dialog)

    def _keep(self, case_id: int, form: str, dialog: CaseForm) -> None:
        """The form's values kept as its draft (dropped when nothing is typed in it)."""
        try:
            if dialog.typed():
                keep_form_draft(self._app.uow(), case_id=case_id, form=form, fields=dialog.draft())
            else:
                drop_form_draft(self._app.uow(), case_id=case_id, form=form)
        except DomainError as error:  # too long to keep, or no longer allowed: the form still holds it
            self.show_notice(_("⚠ What is typed could not be kept as a draft: {why}").format(
                why=describe(error)[0]), error=True)

    def _drop(self, case_id: int, form: str) -> None:
        drop_form_draft(self._app.uow(), case_id=case_id, form=form)

    def show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def saved(self, saved: Saved, done: Callable[[Saved], str]) -> None:
        self.changed.emit(saved)  # the case is read again first: the words may count what changed
        self.show_notice("✓ " + done(saved))

    def show_notice(self, text: str, *, error: bool = False) -> None:
        f = self._file()
        self._notice_case = f.header.case_id if f else None
        self.notice.setText(text)
        self.notice.setStyleSheet(ERROR_STYLE if error else "")
        self.notice.show()


class NotesTab(WorkTab):
    """Notes and activities: add one of any kind, or a visit in detention with its minutes."""

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(application, pane, case_file, clock, parent)
        self.add_action(_("Add a note or activit&y…"), _("Add a note or activity"), "Ctrl+N",
                        lambda: self.open_note(NoteKind.NOTE),
                        tip=_("A note, a call, a court attendance or a letter"))
        self.add_action(_("Record a &visit…"), _("Record a visit in detention"), "Ctrl+Shift+N",
                        lambda: self.open_note(NoteKind.VISIT),
                        tip=_("A visit in detention, with the minutes spent"))
        self.finish_actions()

    def open_note(self, kind: NoteKind) -> None:
        f = self.case()
        if f is None:
            return
        dialog = NoteDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref, zone=self.zone(),
                            clock=self._clock, kind=kind, parent=self)
        self.open_form(dialog, lambda _saved: _("{kind} recorded ({when}).").format(
            kind=words(dialog.kind().value), when=local(dialog.at_moment(), self.zone())), f"note:{kind}")


class HearingsTab(WorkTab):
    """Hearings: add one; record a held hearing's outcome and the next date."""

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(application, pane, case_file, clock, parent)
        self.add_action(_("Add a hearin&g…"), _("Add a hearing"), "Ctrl+N", self.open_hearing)
        self.outcome_action = self.add_action(
            _("Record o&utcome…"), _("Record the outcome and next date of the selected hearing"), "Ctrl+E",
            self.open_outcome, needs_row=True, tip=_("What the selected hearing decided, and the next date"))
        pane.table.doubleClicked.connect(lambda _index: self.open_outcome())
        self.finish_actions()

    def open_hearing(self) -> None:
        f = self.case()
        if f is None:
            return
        dialog = HearingDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref,
                               zone=self.zone(), clock=self._clock, parent=self)
        self.open_form(dialog, lambda _saved: _("Hearing added for {when}.").format(
            when=local(dialog.at_moment(), self.zone(), weekday=True)), "hearing")

    def open_outcome(self) -> None:
        line = self.selected()
        if not isinstance(line, HearingLine):
            return
        dialog = OutcomeDialog(self._app, line, zone=self.zone(), clock=self._clock, fresh=self.fresh,
                               parent=self)
        self.open_form(dialog, lambda _saved: _("Outcome of the hearing of {when} saved.").format(
            when=local(line.scheduled_at, self.zone())), f"outcome:{line.id}")

    def fresh(self, hearing_id: int) -> HearingLine | None:
        """The hearing as stored now: the case is read again (the table shows the other window's change)."""
        self.changed.emit(None)
        f = self.case()
        return next((h for h in f.hearings if h.id == hearing_id), None) if f else None


class ChargesTab(WorkTab):
    """Charges: add one (the deadlines are computed again with it)."""

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(application, pane, case_file, clock, parent)
        self.add_action(_("Add a char&ge…"), _("Add a charge"), "Ctrl+N", self.open_charge,
                        tip=_("The deadlines are computed again with the new charge"))
        self.finish_actions()

    def open_charge(self) -> None:
        f = self.case()
        if f is None:
            return
        dialog = ChargeDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref, parent=self)
        self.open_form(dialog, self._charge_done, "charge")

    def _charge_done(self, _saved: Saved) -> str:
        f = self.case()
        open_lines = sum(d.is_open for d in f.deadlines) if f else 0
        return _("Charge added. The deadlines were computed again: {n} open now (see the Deadlines "
                 "tab).").format(n=open_lines)


class PartiesTab(WorkTab):
    """Parties: add a co-accused, victim, witness or complainant, found by name first."""

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(application, pane, case_file, clock, parent)
        self.add_action(_("Add a part&y…"), _("Add a party"), "Ctrl+N", self.open_party,
                        tip=_("A co-accused, victim, witness or complainant"))
        self.finish_actions()

    def open_party(self) -> None:
        f = self.case()
        if f is None:
            return
        dialog = PartyDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref, parent=self)
        self.open_form(dialog, lambda saved: _("{name} added as {role}.").format(
            name=saved.label, role=words(dialog.role_box.currentData()).lower()), "party")
