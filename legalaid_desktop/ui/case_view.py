"""The case view: a header (who, where, how long, the next deadline) over tabs, and adding custody events."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.case_file import CaseFile, EventLine, SpellView
from legalaid_desktop.domain.errors import ConcurrencyError, DomainError, ValidationError
from legalaid_desktop.domain.vocab import CustodyStatus
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.case_file import ensure_spell_unchanged, load_case_file
from legalaid_desktop.services.form_drafts import drop_form_draft, form_draft, keep_form_draft
from legalaid_desktop.services.records import Saved, add_custody_event, undo_custody_event
from legalaid_desktop.ui.assignments_tab import AssignmentsTab
from legalaid_desktop.ui.case_tabs import (
    DeadlinesTab,
    OverviewTab,
    TablePane,
    assignment_pane,
    charge_pane,
    document_pane,
    escape,
    hearing_pane,
    history_pane,
    note_pane,
    party_pane,
)
from legalaid_desktop.ui.case_text import (
    countdown,
    day,
    event_label,
    layer_label,
    local,
    ltr,
    status_colour,
    status_text,
    words,
)
from legalaid_desktop.ui.documents_tab import DocumentsTab
from legalaid_desktop.ui.event_form import EventForm
from legalaid_desktop.ui.report_runner import ReportRunner, case_summary_request
from legalaid_desktop.ui.rows_model import Column
from legalaid_desktop.ui.work_tab import (
    DRAFT_DELAY_MS,
    ChargesTab,
    HearingsTab,
    NotesTab,
    PartiesTab,
    WorkTab,
)

EVENT_DRAFT = "event"
"""The name the custody timeline's event form keeps its draft under (services.form_drafts)."""


@dataclass(frozen=True)
class _Undo:
    """What taking back the event just recorded needs: the spell as left after it, and what was typed."""

    case_id: int
    event_id: int
    custody_id: int
    version: int
    status_before: str
    typed: dict[str, Any]


def _status_before(status: str) -> CustodyStatus:
    found = CustodyStatus(status)
    return CustodyStatus.UNTRIED if found is CustodyStatus.RELEASED else found

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
MUTED = "color: #555;"


def utc_now() -> datetime:
    return datetime.now(UTC)


class HeaderValue(QLabel):
    """A header fact that stays on one line where there is room and wraps, down to `narrowest` pixels
    wide, where there is not (a long facility name or custody status on a 1024-pixel screen)."""

    def __init__(self, parent: QWidget, narrowest: int | None) -> None:
        super().__init__(parent)
        self._narrowest = narrowest
        self.setWordWrap(narrowest is not None)

    def _line(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 4

    def sizeHint(self) -> QSize:
        if self._narrowest is None:
            return super().sizeHint()
        line = self._line()
        return QSize(line, self.heightForWidth(line))

    def minimumSizeHint(self) -> QSize:
        if self._narrowest is None:
            return super().minimumSizeHint()
        width = min(self._line(), self._narrowest)
        return QSize(width, self.heightForWidth(width))


class CaseHeader(QFrame):
    """Who is held, where, for how long, and the most urgent open deadline (in words, not colour alone)."""

    FACTS = (("age", "Age"), ("sex", "Sex"), ("facility", "Facility"), ("register", "Register no."),
             ("days", "In custody"), ("status", "Custody status"))
    # How narrow each may wrap to, in pixels; the others stay on one line.
    WRAPPED: ClassVar[dict[str, int]] = {"age": 130, "facility": 160, "status": 150}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel(self)
        self.name.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.name.setAccessibleName(_("Client"))
        self.child = QLabel(self)
        self.child.setStyleSheet("background: #fdecc8; border: 1px solid #b7791f; border-radius: 3px;"
                                 "padding: 1px 6px; font-weight: 600;")
        self.child.setAccessibleName(_("Child flag"))
        self.case_ref = QLabel(self)
        self.case_ref.setStyleSheet("font-size: 12pt;" + MUTED)
        self.case_ref.setAccessibleName(_("Case reference"))
        self.values: dict[str, HeaderValue] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(0)
        for column, (key, caption) in enumerate(self.FACTS):
            title = QLabel(_(caption), self)
            title.setStyleSheet(MUTED)
            # A long facility name, age or status takes two lines if need be, so the header (and so
            # the window) still fits a 1024-pixel-wide screen.
            value = HeaderValue(self, self.WRAPPED.get(key))
            value.setStyleSheet("font-size: 11pt; font-weight: 600;")
            value.setAccessibleName(_(caption))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            facts.addWidget(title, 0, column, Qt.AlignmentFlag.AlignBottom)
            facts.addWidget(value, 1, column, Qt.AlignmentFlag.AlignTop)
        facts.setColumnStretch(len(self.FACTS), 1)
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        self.deadline.setAccessibleName(_("Next deadline"))
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.child)
        top.addStretch(1)
        top.addWidget(self.case_ref)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.deadline)

    def set_file(self, f: CaseFile) -> None:
        h = f.header
        self.name.setText(h.full_name)
        self.case_ref.setText(ltr(h.case_ref))
        if h.age is None:
            age = _("unknown")
        elif h.age_estimated:
            age = _("about {n}").format(n=h.age)
        else:
            age = str(h.age)
        if h.age_disputed:
            age += " " + _("(disputed)")
        if h.is_child:
            self.child.setText(_("Child") if h.age is not None and not h.age_disputed
                               else _("Treated as a child"))
            self.child.setToolTip(_("Under 18, or an age that is unknown or disputed: the benefit of the "
                                    "doubt applies."))
        elif h.child_at_start:
            self.child.setText(_("Child when detained (aged {n})").format(n=h.age_at_start)
                               if h.age_at_start is not None else _("Child when detained"))
            self.child.setToolTip(_("Under 18 when custody began: the time limits for children apply."))
        self.child.setVisible(h.is_child or h.child_at_start)
        born = f" ({_('born')} {day(h.date_of_birth)})" if h.date_of_birth else ""
        self.values["age"].setText(age + born)
        self.values["sex"].setText(words(h.sex))
        self.values["facility"].setText(h.facility or "—")
        self.values["register"].setText(ltr(h.register_number) or "—")
        self.values["days"].setText(ngettext("{n} day", "{n} days", h.days_in_custody).format(
            n=f"{h.days_in_custody:,}") if h.days_in_custody is not None else "—")
        self.values["status"].setText(words(h.custody_status) or "—")
        for value in self.values.values():
            value.ensurePolished()  # the style sheet's font, not the default one, decides the width
            value.updateGeometry()
        line = h.next_deadline
        if line is None:
            self.deadline.setText(_("Next deadline: none open") if f.deadlines
                                  else _("Next deadline: none computed yet"))
            self.deadline.setStyleSheet("padding: 4px;")
            return
        tint = status_colour(line, f) or "#e8eef7"
        mark = "⚠ " if line.status == "overdue" else ""
        overdue = sum(d.status == "overdue" for d in f.deadlines)
        more = ngettext(" · {n} deadline overdue in all", " · {n} deadlines overdue in all", overdue).format(
            n=overdue) if overdue > 1 else ""
        due = _("due {when}").format(when=local(line.due, h.time_zone, weekday=True))
        self.deadline.setText(
            f"{mark}<b>{escape(_('Next deadline'))}: {escape(line.label)}</b>"
            f" ({escape(layer_label(line.layer))}) — {escape(due)}"
            f" — <b>{escape(countdown(line, f))}</b> ({escape(status_text(line, f))}){escape(more)}")
        self.deadline.setStyleSheet(f"background: {tint}; padding: 4px; border-radius: 3px;")


class TimelineTab(QWidget):
    """A spell's events in time order, with the form that adds one beside them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone: str | None = None
        self.spell_box = QComboBox(self)
        self.spell_box.setAccessibleName(_("Custody spell"))
        self.spell_label = QLabel(_("Custody spe&ll"), self)
        self.spell_label.setBuddy(self.spell_box)
        # The date and the event's name stay whole in a narrow window; how long and the notes give way.
        self.events = TablePane(_("Custody events"), [
            Column(_("When (local time)"), lambda e: local(e.at, self._zone, weekday=True),
                   sort=lambda e: e.at),
            Column(_("Event"), lambda e: event_label(e.type), tooltip=lambda e: event_label(e.type)),
            Column(_("Lasts"), self._lasts, tooltip=lambda e: self._lasts(e) or None),
            Column(_("Notes"), lambda e: (e.notes or "").split("\n")[0], tooltip=lambda e: e.notes),
        ], empty=_("No event is recorded in this spell yet."), keep=(1,), parent=self)
        self.events.table.setSortingEnabled(False)  # a timeline reads in time order
        self.form = EventForm(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(370)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        left = QVBoxLayout()
        chooser = QHBoxLayout()
        chooser.addWidget(self.spell_label)
        chooser.addWidget(self.spell_box, 1)
        left.addLayout(chooser)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        left.addWidget(self.summary)
        left.addWidget(self.events, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(scroll)

    def _lasts(self, event: EventLine) -> str:
        """An order's length ("14 days") or the end of time not counted ("until 2026-03-02 11:30")."""
        parts: list[str] = []
        if event.days is not None:
            parts.append(ngettext("{n} day", "{n} days", event.days).format(n=event.days))
        if event.until is not None:
            parts.append(_("until {when}").format(when=local(event.until, self._zone)))
        return ", ".join(parts)

    def set_spells(self, spells: tuple[SpellView, ...], chosen: int | None) -> None:
        self.spell_box.blockSignals(True)
        self.spell_box.clear()
        for spell in spells:
            end = local(spell.released_at, spell.time_zone)[:10] if spell.released_at else _("now")
            self.spell_box.addItem(f"{spell.facility} · {local(spell.start, spell.time_zone)[:10]} – {end}",
                                   spell.id)
        index = self.spell_box.findData(chosen) if chosen is not None else -1
        self.spell_box.setCurrentIndex(index if index >= 0 else self.spell_box.count() - 1)
        self.spell_box.blockSignals(False)
        for widget in (self.spell_box, self.spell_label):
            widget.setVisible(len(spells) > 1)
        self.form.setEnabled(bool(spells))

    def show_spell(self, spell: SpellView | None) -> None:
        if spell is None:
            self.summary.setText(_("No custody spell is recorded for this case, so events cannot be added."))
            self.events.set_rows([])
            return
        self._zone = spell.time_zone
        state = (_("released {when}").format(when=local(spell.released_at, spell.time_zone))
                 if spell.released_at else words(spell.status))
        self.summary.setText(_("{facility}, register no. {register} · {state} · times in {zone}").format(
            facility=spell.facility, register=ltr(spell.register_number) or "—", state=state,
            zone=spell.time_zone))
        self.events.set_rows(spell.events)
        self.events.table.scrollToBottom()


class CaseView(QWidget):
    """One case. `back_requested` asks to return to the list; `changed(case_id)` follows a save."""

    back_requested = Signal()
    changed = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self.case_file: CaseFile | None = None
        self._undo: _Undo | None = None  # the event just recorded here, until the case changes
        self._draft_timer = QTimer(self)  # the event form's draft is kept a moment after a change
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._keep_event_draft)
        self.back_button = QPushButton("← " + _("&Back to cases"), self)
        self.back_button.setAccessibleName(_("Back to the cases list"))
        self.back_button.setToolTip(_("Back to the cases list (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.report_runner = ReportRunner(application, self)
        self.print_action = QAction(_("P&rint case summary…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_action.setToolTip(_("Save this case's summary as a PDF to print ({key}); the file is not "
                                       "encrypted").format(key=QKeySequence(QKeySequence.StandardKey.Print)
                                                           .toString(QKeySequence.SequenceFormat.NativeText)))
        self.print_action.triggered.connect(self.print_summary)
        self.addAction(self.print_action)
        self.print_button = QPushButton(self.print_action.text(), self)
        self.print_button.setToolTip(self.print_action.toolTip())
        self.print_button.setAccessibleName(_("Print case summary"))
        self.print_button.clicked.connect(self.print_action.trigger)
        self.header = CaseHeader(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Case sections"))
        self.overview = OverviewTab(self)
        self.timeline = TimelineTab(self)
        self.deadlines = DeadlinesTab(self)
        zone = self._zone
        self.charges = charge_pane()
        self.hearings = hearing_pane(zone)
        self.parties = party_pane()
        self.assignments = assignment_pane(zone)
        self.assignments_tab = AssignmentsTab(application, self.assignments, lambda: self.case_file, clock,
                                              self)
        self.notes = note_pane(zone)
        self.documents = document_pane(zone)
        self.history = history_pane(zone)
        case_file = self._file
        self.charges_tab = ChargesTab(application, self.charges, case_file, clock, self)
        self.hearings_tab = HearingsTab(application, self.hearings, case_file, clock, self)
        self.parties_tab = PartiesTab(application, self.parties, case_file, clock, self)
        self.notes_tab = NotesTab(application, self.notes, case_file, clock, self)
        self.documents_tab = DocumentsTab(application, self.documents, case_file, clock, self)
        self.work_tabs: tuple[WorkTab, ...] = (self.charges_tab, self.hearings_tab, self.parties_tab,
                                               self.notes_tab, self.documents_tab)
        for widget, title in ((self.overview, _("&Overview")), (self.timeline, _("Custody &timeline")),
                              (self.deadlines, _("&Deadlines")), (self.charges_tab, _("&Charges")),
                              (self.hearings_tab, _("&Hearings")), (self.parties_tab, _("&Parties")),
                              (self.assignments_tab, _("&Assignments")), (self.notes_tab, _("&Notes")),
                              (self.documents_tab, _("Docu&ments")), (self.history, _("H&istory"))):
            self.tabs.addTab(widget, title)
        for tab in self.work_tabs:
            # Ctrl+N and the others work from anywhere in the case view, for the tab shown.
            self.addActions([action for action, _button, _needs_row in tab.work_actions])
            tab.changed.connect(lambda saved, shown=tab: self._work_saved(shown, saved))
        self.tabs.currentChanged.connect(self._tab_shown)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.timeline.form.submitted.connect(self.save_event)
        self.timeline.form.undo_requested.connect(self.undo_event)
        self.timeline.addAction(self.timeline.form.undo_action)
        self.timeline.form.edited.connect(self._draft_timer.start)
        self.timeline.spell_box.currentIndexChanged.connect(self._spell_chosen)
        self.assignments_tab.changed.connect(self._assignments_changed)

    def _zone(self) -> str | None:
        return self.case_file.header.time_zone if self.case_file else None

    def _file(self) -> CaseFile | None:
        return self.case_file

    def _tab_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for tab in self.work_tabs:
            tab.set_active(tab is shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches here when no child wanted it (an open drop-down or calendar takes it first).
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    @property
    def case_id(self) -> int | None:
        return self.case_file.header.case_id if self.case_file else None

    # -- loading

    def open_case(self, case_id: int) -> None:
        """Show a case; what was typed in the event form of the previous one waits as its draft (in the
        database: see _keep_event_draft), and this case's draft, if one was left, is back in the form."""
        form = self.timeline.form
        self.flush_drafts()
        same = self.case_id == case_id
        self.reload(case_id, opened=True)
        if not same:
            self.tabs.setCurrentIndex(0)
            assert self.case_file is not None
            spell = self._current_spell()
            form.set_zone(spell.time_zone if spell else "UTC", self._clock())
            self._draft_timer.stop()  # filling the form for this case is no typing
            draft = form_draft(self._app.uow(), case_id=case_id, form=EVENT_DRAFT)
            if draft is not None:
                form.restore(draft.fields)
                self._draft_timer.stop()
                form.show_message(_("What you typed on {when} and did not save is back.").format(
                    when=local(draft.saved_at, spell.time_zone if spell else "UTC")))

    def undo_event(self) -> None:
        """Take back the event just recorded here; what was recorded comes back into the form to correct."""
        undo, self._undo = self._undo, None
        form = self.timeline.form
        if undo is None or undo.case_id != self.case_id:
            form.clear_errors()
            return
        form.clear_errors()
        try:
            undo_custody_event(self._app.uow(), event_id=undo.event_id, custody_version=undo.version,
                               status_before=_status_before(undo.status_before))
        except ConcurrencyError:
            self.reload()
            form.show_message(_("The event was not undone: this custody spell has changed since it was "
                                "recorded (another event, or a change from another window). The timeline "
                                "shows it as it is now."), error=True)
            return
        except DomainError as error:
            form.show_message(describe(error)[0], error=True)
            return
        self.reload()
        form.restore(undo.typed)
        count = len(self.case_file.deadlines) if self.case_file else 0
        form.show_message(_("Undone: the event is no longer recorded, and the deadlines are as before "
                            "({n} shown). What you recorded is back in the form to correct.").format(n=count))
        self.changed.emit(undo.case_id)

    def flush_drafts(self) -> None:
        """Keep the event form's draft now if a change is waiting to be kept."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._keep_event_draft()

    def _keep_event_draft(self) -> None:
        """The event form's values kept in the database for this user and case (dropped when empty),
        so a crash or a closed lid loses nothing typed."""
        if self.case_id is None:
            return
        form = self.timeline.form
        try:
            if form.has_input():
                keep_form_draft(self._app.uow(), case_id=self.case_id, form=EVENT_DRAFT, fields=form.draft())
            else:
                drop_form_draft(self._app.uow(), case_id=self.case_id, form=EVENT_DRAFT)
        except DomainError as error:  # too long, or no longer allowed: the form still holds it
            form.show_message(_("What is typed could not be kept as a draft: {why}").format(
                why=describe(error)[0]), error=True)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_drafts()  # the window closing, or locked when idle
        super().hideEvent(event)

    def reload(self, case_id: int | None = None, *, opened: bool = False) -> None:
        """Read the case afresh (another window or a recompute may have changed it); `opened`: the
        user opened it, which the audit log records (a read again after a save is not an opening)."""
        wanted = case_id if case_id is not None else self.case_id
        assert wanted is not None
        chosen = self.timeline.spell_box.currentData() if self.case_id == wanted else None
        self.case_file = load_case_file(self._app.uow(), case_id=wanted, now=self._clock(),
                                        book=self._app.deadline_book, opened=opened)
        f = self.case_file
        self.header.set_file(f)
        self.overview.set_file(f)
        self.timeline.set_spells(f.spells, chosen)
        self.timeline.show_spell(self._current_spell())
        self.deadlines.set_file(f)
        self.charges.set_rows(f.charges)
        self.hearings.set_rows(f.hearings)
        self.parties.set_rows(f.parties)
        self.assignments.set_rows(f.assignments)
        self.notes.set_rows(f.notes)
        self.documents.set_rows(f.documents)
        self.history.set_rows(f.history)

    def _work_saved(self, tab: WorkTab, saved: Saved | None) -> None:
        """A record was saved from a tab: the whole case is read again (the header, the overview and the
        deadlines follow) and the record is selected. None: only read again (a form found the record
        changed by someone else)."""
        if self.case_file is None:
            return
        self.reload()
        if saved is None:
            return
        model = tab.pane.model
        row = next((i for i, line in enumerate(model.rows()) if getattr(line, "id", None) == saved.id), None)
        if row is not None:
            tab.pane.table.selectRow(row)
            tab.pane.table.scrollTo(model.index(row, 0))
        self.changed.emit(self.case_file.header.case_id)

    def _assignments_changed(self) -> None:
        """An assignment was saved, reassigned or ended: the whole case is read again (header, overview)."""
        if self.case_file is not None:
            self.reload()
            self.changed.emit(self.case_file.header.case_id)

    def _current_spell(self) -> SpellView | None:
        if self.case_file is None or not self.case_file.spells:
            return None
        chosen = self.timeline.spell_box.currentData()
        return self.case_file.spell(chosen) if chosen is not None else self.case_file.spells[-1]

    def _spell_chosen(self) -> None:
        spell = self._current_spell()
        self.timeline.show_spell(spell)
        if spell is not None:
            self.timeline.form.set_zone(spell.time_zone, self._clock())

    def print_summary(self) -> None:
        """Ctrl+P: the case summary as a PDF, made off the GUI thread after the save dialog."""
        if self.case_file is not None:
            self.report_runner.create(case_summary_request(self._app, self.case_file.header.case_ref,
                                                           self._clock()))

    # -- saving

    def save_event(self) -> None:
        """Record the form's event; on any refusal the form keeps every value typed."""
        form = self.timeline.form
        spell = self._current_spell()
        if spell is None or self.case_file is None:
            return
        form.clear_errors()
        try:
            values = form.values()
            ensure_spell_unchanged(self._app.uow(), custody_id=spell.id, version=spell.version,
                                   events=len(spell.events))
            saved = add_custody_event(self._app.uow(), custody_id=spell.id, **values)
        except ValidationError as error:
            form.show_error(error, spell.time_zone)
            return
        except ConcurrencyError:
            self.reload()
            form.show_message(_(
                "Someone else changed this custody spell while you were typing, so nothing was saved. "
                "The timeline now shows their changes; your entry is still in the form. Check it and "
                "record it again."), error=True)
            return
        except DomainError as error:
            form.show_message(describe(error)[0], error=True)
            return
        case_id = self.case_file.header.case_id
        typed = form.draft()
        self.reload()
        form.reset(self._clock())
        self._draft_timer.stop()
        drop_form_draft(self._app.uow(), case_id=case_id, form=EVENT_DRAFT)
        after = self._current_spell()
        self._undo = _Undo(case_id=case_id, event_id=saved.id, custody_id=spell.id,
                           version=after.version if after and after.id == spell.id else -1,
                           status_before=spell.status, typed=typed)
        count = len(self.case_file.deadlines)
        form.show_message(_("Recorded: {event}, {when}. {deadlines}").format(
            event=event_label(values["type"].value), when=local(values["at"], spell.time_zone),
            deadlines=ngettext("{n} deadline is shown now.", "{n} deadlines are shown now.", count).format(
                n=count)), undoable=True)
        log.info("custody event recorded in case %s", case_id)
        self.changed.emit(case_id)
