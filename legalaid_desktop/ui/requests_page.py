"""The Requests screen: legal aid requests (paged, sorted and filtered in the database), the drafts
of intakes not finished, a new request (Ctrl+N) and a decision (Enter)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import Page
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.intake import Draft, DraftInfo, IntakeResult
from legalaid_desktop.domain.requests import RequestFilter, RequestRow
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.intake import (
    discard_draft,
    list_drafts,
    list_requests,
    load_draft,
    office_zone,
)
from legalaid_desktop.services.lists import SEARCH_COUNT
from legalaid_desktop.ui.case_text import local
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.column_fit import ColumnFit
from legalaid_desktop.ui.deadlines_page import Chip
from legalaid_desktop.ui.intake_decide import DecideDialog
from legalaid_desktop.ui.intake_wizard import IntakeWizard
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.placeholder import ReadsWhenShown
from legalaid_desktop.ui.requests_model import RECEIVED, SOURCE, RequestTableModel, RowRole

STEP_WORDS = {"where": "where from", "person": "the person", "urgency": "urgency", "means": "means test",
              "grounds": "grounds", "decision": "decision"}
DraftRole = Qt.ItemDataRole.UserRole + 1


class RequestsPage(ReadsWhenShown):
    """Chips and a search over a paged table of requests, with the unfinished intakes (drafts) below.

    `changed(case_id or 0)` follows a request saved or decided (0: no case opened), so the window can
    tell the other screens; `open_case_requested(case_id)` asks the window to open a case.
    """

    changed = Signal(int)
    open_case_requested = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._stale = True
        self._switching = False
        self.wizard: IntakeWizard | None = None
        self.dialog: DecideDialog | None = None
        self.new_button = QPushButton(_("&New request…"), self)
        self.new_button.setAccessibleName(_("New legal aid request"))
        self.new_button.setToolTip(_("Take a new legal aid request (Ctrl+N)"))
        new_action = QAction(_("New request…"), self)
        new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_action.triggered.connect(self.new_request)
        self.addAction(new_action)
        self.new_button.clicked.connect(self.new_request)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by name…"))
        self.search.setAccessibleName(_("Search requests by name"))
        self.search.setClearButtonEnabled(True)
        self.chips = {
            "pending": Chip(_("&Awaiting decision"), _("Show requests awaiting a decision"), self),
            "granted": Chip(_("Gran&ted"), _("Show granted requests"), self),
            "refused": Chip(_("Refu&sed"), _("Show refused requests not appealed"), self),
            "appealed": Chip(_("A&ppealed"), _("Show refused requests under appeal"), self),
        }
        self.urgent = Chip(_("&Urgent"), _("Show urgent requests only"), self)
        self.child = Chip(_("&Child"), _("Show requests by children only"), self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(_("Requests found"))
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("What was saved"))
        self.notice.hide()
        zone = office_zone(application.uow())
        self.model = RequestTableModel(self._fetch, self._count, self, count_up_to=self._count_up_to,
                                       up_to=SEARCH_COUNT, zone=zone)
        self.model.rowsInserted.connect(lambda *_args: self._show_count())  # a search counted whole
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Legal aid requests"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setToolTip(_("Enter or double-click opens the request to decide it"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Where from is the long one ("Prison or remand centre: Kamiti Maximum Security Prison").
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.columns = ColumnFit(self.table, (128, 210, 250, 90, 130, 100), keep=(0,))
        self.drafts = QListWidget(self)
        self.drafts.setAccessibleName(_("Drafts of unfinished requests"))

        self.resume_button = QPushButton(_("&Resume draft"), self)
        self.resume_button.setAccessibleName(_("Resume the chosen draft"))
        self.discard_button = QPushButton(_("&Discard draft"), self)
        self.discard_button.setAccessibleName(_("Discard the chosen draft"))
        self.drafts_box = QGroupBox(_("Drafts: intakes not finished ({where})").format(where=self._kept()),
                                    self)
        drafts_layout = QHBoxLayout(self.drafts_box)
        drafts_layout.addWidget(self.drafts, 1)
        # Side by side, at the top: the box stays one line tall when there is no draft (or one).
        drafts_layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignTop)
        drafts_layout.addWidget(self.discard_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hint = QLabel(_("Newest first, times received on the office's clock ({zone}; a facility's own "
                             "time is in the tooltip). Enter or double-click opens a request to decide it; "
                             "Ctrl+N takes a new one; F5 reads the list again.").format(zone=zone), self)
        self.hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        chips = QHBoxLayout()
        for chip in self.chips.values():
            chips.addWidget(chip)
        chips.addSpacing(12)
        chips.addWidget(self.urgent)
        chips.addWidget(self.child)
        chips.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.drafts_box)
        layout.addWidget(self.hint)

        self.list_audit = ListAudit(application, "requests", self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_entered)
        for name, chip in self.chips.items():
            chip.toggled.connect(lambda on, n=name: self._status_toggled(n, on))
        self.urgent.toggled.connect(self._filters_changed)
        self.child.toggled.connect(self._filters_changed)
        self.table.activated.connect(self.open_row)
        self.drafts.itemActivated.connect(lambda _item: self.resume_draft())
        self.drafts.currentItemChanged.connect(lambda *_a: self._draft_buttons())
        self.resume_button.clicked.connect(self.resume_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        self._draft_buttons()

    # -- data

    def _fetch(self, filters: RequestFilter, offset: int, limit: int, sort: str,
               descending: bool) -> Page[RequestRow]:
        return list_requests(self._app.uow(), filters=filters, offset=offset, limit=limit, sort=sort,
                             descending=descending, today=self._clock().date())

    def _count(self, filters: RequestFilter) -> int:
        page = list_requests(self._app.uow(), filters=filters, limit=0, with_total=True)
        return page.total or 0

    def _count_up_to(self, filters: RequestFilter, limit: int) -> int:
        page = list_requests(self._app.uow(), filters=filters, limit=0, with_total=True, at_most=limit)
        return page.total or 0

    def current_filters(self) -> RequestFilter:
        status = next((name for name, chip in self.chips.items() if chip.isChecked()), None)
        return RequestFilter(status=status, urgent=self.urgent.isChecked(), child=self.child.isChecked(),
                             search=self.search.text().strip() or None)

    def _status_toggled(self, name: str, on: bool) -> None:
        if self._switching:
            return
        if on:  # one status at a time: the chips are a choice, and none chosen means every status
            self._switching = True
            try:
                for other, chip in self.chips.items():
                    if other != name:
                        chip.setChecked(False)
            finally:
                self._switching = False
        self.apply_filters()

    def _filters_changed(self, *_args: object) -> None:
        if not self._switching:
            self.apply_filters()

    def apply_filters(self) -> None:
        try:
            self.model.set_filters(self.current_filters())
        except DomainError as error:
            self.count_label.setText(describe(error)[0])
            return
        self.list_audit.shown(self.model.filters())
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total()
        text = ngettext("{n} request", "{n} requests", total).format(n=f"{total:,}")
        # A search counted no further than a limit; scrolled to the end, the list counts on.
        self.count_label.setText(_("More than {count}").format(count=text) if self.model.more() else text)

    def load(self) -> None:
        """Read the list and the drafts again (F5, first shown, or a change elsewhere)."""
        self._stale = False
        self.apply_filters()
        self.load_drafts()

    def load_drafts(self) -> None:
        self.drafts.clear()
        try:
            drafts = list_drafts(self._app.uow())
        except DomainError as error:
            self.drafts.addItem(describe(error)[0])
            drafts = []
        for info in drafts:
            item = QListWidgetItem(_("{name} — stopped at {step}; saved {when} by {who}").format(
                name=info.person_name or _("(no name yet)"), step=_(STEP_WORDS.get(info.step, info.step)),
                when=local(info.saved_at, None), who=info.actor))
            item.setData(DraftRole, info)
            self.drafts.addItem(item)
        if not drafts:
            self.drafts.addItem(_("No drafts. An intake closed before Finish is kept here."))
        # As tall as its lines, up to three (the list scrolls beyond): the requests keep the room.
        lines = min(max(self.drafts.count(), 1), 3)
        self.drafts.setFixedHeight(lines * self.drafts.sizeHintForRow(0) + 2 * self.drafts.frameWidth() + 4)
        self.drafts_box.setTitle(ngettext(
            "Drafts: {n} intake not finished ({where})",
            "Drafts: {n} intakes not finished ({where})", len(drafts))
            .format(n=len(drafts), where=self._kept()))
        self._draft_buttons()

    def _kept(self) -> str:
        """Where drafts are kept, said truly: a demo database (or one on an encrypted disk) is plain."""
        if self._app.key is not None:
            return _("kept in the encrypted database")
        return _("kept in the database, which is not encrypted")

    def draft_at(self, row: int) -> DraftInfo | None:
        """The draft a line of the drafts list stands for (None: the "No drafts" line)."""
        item = self.drafts.item(row)
        info = item.data(DraftRole) if item is not None else None
        return info if isinstance(info, DraftInfo) else None

    def _draft(self) -> DraftInfo | None:
        return self.draft_at(self.drafts.currentRow())

    def _draft_buttons(self) -> None:
        chosen = self._draft() is not None
        self.resume_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def show_status(self, status: str | None, *, urgent: bool = False, child: bool = False) -> None:
        """Set the chips from outside (the dashboard's "awaiting a decision") and list what they select."""
        if self._stale:
            self.load()
        self._switching = True
        try:
            for name, chip in self.chips.items():
                chip.setChecked(name == status)
            self.urgent.setChecked(urgent)
            self.child.setChecked(child)
        finally:
            self._switching = False
        self.apply_filters()

    def _search_entered(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    # -- actions

    def new_request(self) -> None:
        self._open_wizard(None)

    def resume_draft(self) -> None:
        info = self._draft()
        if info is None:
            return
        try:
            draft = load_draft(self._app.uow(), draft_id=info.draft_id)
        except DomainError as error:
            self.show_notice(describe(error)[0])
            self.load_drafts()
            return
        self._open_wizard(draft)

    def _open_wizard(self, draft: Draft | None) -> None:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        self.wizard = IntakeWizard(self._app, self, clock=self._clock, draft=draft)
        self.wizard.taken.connect(self._taken)
        self.wizard.finished.connect(lambda _code: self.load_drafts())
        self.wizard.open()

    def discard_draft(self) -> None:
        info = self._draft()
        if info is None:
            return
        try:
            discard_draft(self._app.uow(), draft_id=info.draft_id)
        except DomainError as error:
            self.show_notice(describe(error)[0])
        self.load_drafts()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _taken(self, result: IntakeResult) -> None:
        if result.case_ref:
            text = _("✓ Request saved and case {ref} opened: it is in Cases now.").format(ref=result.case_ref)
        else:
            text = _("✓ Request saved.")
        self.show_notice(text)
        self.load()
        self.changed.emit(result.case_id or 0)

    def open_row(self, index: QModelIndex) -> None:
        row = self.model.data(index, RowRole)
        if not isinstance(row, RequestRow):
            return
        try:
            self.dialog = DecideDialog(self._app, row.request_id, self, clock=self._clock)
        except DomainError as error:
            self.show_notice(describe(error)[0])
            return
        self.dialog.saved.connect(self._decided)
        self.dialog.appealed.connect(self._appealed)
        self.dialog.open_case_requested.connect(self.open_case_requested)
        self.dialog.open()

    def _decided(self, result: IntakeResult) -> None:
        if result.case_ref:
            self.show_notice(_("✓ Decision saved and case {ref} opened: it is in Cases now.")
                             .format(ref=result.case_ref))
        else:
            self.show_notice(_("✓ Decision saved."))
        self.apply_filters()
        self.changed.emit(result.case_id or 0)

    def _appealed(self) -> None:
        self.show_notice(_("✓ Appeal recorded."))
        self.apply_filters()
        self.changed.emit(0)
