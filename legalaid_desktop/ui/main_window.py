"""The main window: navigation, the screens (dashboard, cases, deadlines), a case opened, the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.dto import CaseFilter, CaseRow, Page
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.backup_schedule import BackupStatus
from legalaid_desktop.services.case_file import find_case_id
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.ui.backup_scheduler import last_backup_text
from legalaid_desktop.ui.case_model import CaseTableModel, RowRole
from legalaid_desktop.ui.case_view import CaseView, Clock, utc_now
from legalaid_desktop.ui.column_fit import ColumnFit
from legalaid_desktop.ui.custody_page import CustodyPage
from legalaid_desktop.ui.dashboard_page import DashboardPage
from legalaid_desktop.ui.deadlines_page import DeadlinesPage
from legalaid_desktop.ui.facilities_page import FacilitiesPage
from legalaid_desktop.ui.global_search import GlobalSearch
from legalaid_desktop.ui.idle_lock import IdleLock
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.list_screen import ListScreen
from legalaid_desktop.ui.people_page import PeoplePage
from legalaid_desktop.ui.placeholder import Screen
from legalaid_desktop.ui.providers_page import ProvidersPage
from legalaid_desktop.ui.recovery_key_dialog import RecoveryReminder
from legalaid_desktop.ui.reports_page import ReportsPage
from legalaid_desktop.ui.requests_page import RequestsPage
from legalaid_desktop.ui.settings_page import SettingsPage

if TYPE_CHECKING:
    from legalaid_desktop.ui.register_import_dialog import RegisterImportDialog

# Navigation entries: (view name used by --view, label); Ctrl+1 to Ctrl+9 and Ctrl+0 go to them in order.
VIEWS: tuple[tuple[str, str], ...] = (
    ("dashboard", "Dashboard"),
    ("requests", "Requests"),
    ("people", "People"),
    ("cases", "Cases"),
    ("custody", "Custody"),
    ("deadlines", "Deadlines"),
    ("providers", "Providers"),
    ("facilities", "Facilities"),
    ("reports", "Reports"),
    ("settings", "Settings"),
)


@dataclass(frozen=True)
class Changes:
    """The one "what changed" notice the main window sends its screens; each decides to reload."""

    case_id: int | None = None


class CasesPage(QStackedWidget):
    """Search box over a paged table of cases; Enter or a double-click opens a case in its place.

    The case replaces the list inside the Cases screen (not a tab or a window): one case at a time
    keeps a small screen calm, the navigation still says where the user is, and the list, only
    hidden, comes back on Esc at the same row and scroll position. `case_saved(case_id)` follows a
    save in the case view.
    """

    case_saved = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._stale = False
        self.loaded = False
        self.list_page = QWidget(self)
        self.search = QLineEdit(self.list_page)
        self.search.setPlaceholderText(_("Search names, case numbers, register numbers…"))
        self.search.setAccessibleName(_("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self.list_page)
        self.empty_hint = QLabel(self.list_page)  # what an empty list means, and how a case begins
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.model = CaseTableModel(self._fetch, self._count, self)
        self.table = QTableView(self.list_page)
        self.table.setAccessibleName(_("Cases"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the name takes what is left
        # The facility before the name: facility names run long ("Industrial Area Remand and Allocation
        # Prison"), and the name column also takes whatever room is left.
        self.columns = ColumnFit(self.table, (125, 210, 60, 100, 290, 150, 110, 70), keep=(0, 3, 5, 7))
        self.list_audit = ListAudit(application, "cases", self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        layout = QVBoxLayout(self.list_page)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        self.table.setToolTip(_("Enter or double-click opens the case"))
        self.table.activated.connect(self.open_row)
        self.search.returnPressed.connect(self.search_entered)
        self._case_view: CaseView | None = None
        self.addWidget(self.list_page)

    def _fetch(self, filters: CaseFilter, offset: int, limit: int, sort: str,
               descending: bool) -> Page[CaseRow]:
        return list_cases(self._app.uow(), filters=filters, offset=offset, limit=limit,
                          sort=sort, descending=descending)

    def _count(self, filters: CaseFilter) -> int:
        page = list_cases(self._app.uow(), filters=filters, limit=0, with_total=True)
        return page.total or 0

    def apply_search(self) -> None:
        filters = CaseFilter(search=self.search.text().strip() or None)
        self.model.set_filters(filters)
        self.list_audit.shown(filters)
        total = self.model.total()
        self.count_label.setText(_("{n} cases").format(n=f"{total:,}") if total != 1 else _("1 case"))
        if filters.search:
            self.empty_hint.setText(_("No case matches “{text}”: try part of a name, or a case or register "
                                      "number.").format(text=filters.search))
        else:
            self.empty_hint.setText(_("No case is recorded yet. A case opens when a legal aid request is "
                                      "taken (Requests, New request…) or a facility register is imported "
                                      "(File, Import facility register…)."))
        self.empty_hint.setVisible(total == 0)

    def load(self) -> None:
        self.loaded = True
        self.apply_search()

    def open_row(self, index: QModelIndex) -> None:
        row = self.model.data(index, RowRole)
        if not isinstance(row, CaseRow):
            return
        try:
            self.open_case(row.case_id)
        except DomainError as error:  # say why where the user is looking (the case may be gone)
            self.count_label.setText(describe(error)[0])

    def search_entered(self) -> None:
        """Enter in the search box moves to the first match; Enter again opens it."""
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    @property
    def case_view(self) -> CaseView:
        """Built when a case is first opened: the first paint of the list does not wait for it."""
        if self._case_view is None:
            self._case_view = CaseView(self._app, self)
            self._case_view.back_requested.connect(self.show_list)
            self._case_view.changed.connect(self._case_changed)
            self.addWidget(self._case_view)
        return self._case_view

    def open_case(self, case_id: int) -> None:
        self.case_view.open_case(case_id)
        self.setCurrentWidget(self.case_view)
        self.case_view.tabs.setFocus()

    def open_case_ref(self, case_ref: str) -> None:
        """Open a case by its reference (raises NotFoundError for an unknown one)."""
        self.open_case(find_case_id(self._app.uow(), case_ref=case_ref))

    def _case_changed(self, case_id: int) -> None:
        self._stale = True  # the list row may show a new status; reread it when the list is shown
        self.case_saved.emit(case_id)

    def show_list(self) -> None:
        """Back to the list at the row and scroll position it was left at."""
        if self._stale:
            row, scroll = self.table.currentIndex().row(), self.table.verticalScrollBar().value()
            column = max(self.table.currentIndex().column(), 0)
            self.model.reload()
            self._stale = False
            if 0 <= row < self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(row, column))
            self.table.verticalScrollBar().setValue(scroll)
        self.setCurrentWidget(self.list_page)
        self.table.setFocus()


class MainWindow(QMainWindow):
    """Navigation on the left, the chosen screen on the right, database and user below.

    `changed` carries the one notice of a saved change to every screen (Anki's way): the dashboard
    and the deadline list count again, now if shown or when next shown.
    """

    changed = Signal(object)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._started = False
        self.setWindowTitle(_("Legal aid — {file}").format(file=application.location.path.name))
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(_("Navigation"))
        self.nav.setSpacing(3)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        for _name, label in VIEWS:
            self.nav.addItem(_(label))
        # As wide as the longest entry (in the language shown), so the lists keep the room they need
        # on a 1024-pixel screen.
        widest = max(self.nav.fontMetrics().horizontalAdvance(_(label)) for _name, label in VIEWS)
        self.nav.setFixedWidth(max(110, widest + 40))
        for name, _label in VIEWS:
            page = self._build_page(name)
            self.pages[name] = page
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._view_changed)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._status_bar(application)
        self._add_actions()
        self.cases.case_saved.connect(lambda case_id: self.changed.emit(Changes(case_id=case_id)))
        self.deadlines.open_case_requested.connect(self.open_case)
        self.requests.open_case_requested.connect(self.open_case)
        self.requests.changed.connect(self._request_saved)
        self.dashboard.deadlines_requested.connect(self.show_deadlines)
        self.dashboard.custody_requested.connect(
            lambda unrepresented, child: self.show_custody(None, False, unrepresented, child))
        self.dashboard.requests_requested.connect(self.show_requests_awaiting)
        for name in ("people", "custody"):
            listed = self.pages[name]
            if isinstance(listed, ListScreen):
                listed.open_case_requested.connect(self.open_case)
        custody = self.pages["custody"]
        if isinstance(custody, CustodyPage):
            custody.import_requested.connect(self.import_register)
        facilities = self.pages["facilities"]
        if isinstance(facilities, FacilitiesPage):
            facilities.custody_requested.connect(self.show_custody)
        people = self.pages["people"]
        if isinstance(people, PeoplePage):
            people.merged.connect(self._people_merged)
        self.changed.connect(self._notice)

    def _status_bar(self, application: Application) -> None:
        """The database, a notice (demo credentials; no accounts yet), the last good backup, the user."""
        bar = self.statusBar()
        self.database_label = QLabel(_("Database: {file}").format(file=application.location.path.name), self)
        self.database_label.setToolTip(str(application.location.path))
        self.notice = QLabel(self)
        self.notice.setAccessibleName(_("Notice"))
        self.notice.setWordWrap(False)
        self.backup_label = QLabel(self)
        self.backup_label.setAccessibleName(_("Last good backup"))
        principal = application.principal
        self.user_label = QLabel(self)
        self.user_label.setAccessibleName(_("Signed-in user"))
        if principal.unmanaged:
            self.user_label.setText(_("User: {user}").format(user=principal.name))
            self.show_notice(_("No user accounts yet: anyone with this computer can open the records. "
                               "Create an administrator in Settings."), warn=True)
        else:
            self.user_label.setText(_("Signed in as {user} ({role})").format(
                user=principal.name, role=principal.role.value))
        bar.addWidget(self.database_label)
        bar.addWidget(self.notice, 1)
        self.recovery_reminder = RecoveryReminder(application, self, open_dialog=self._open_recovery_key)
        self.settings.backups.recovery_key_kept.connect(self.recovery_reminder.refresh)
        self.settings.integrity.damaged.connect(lambda _problem: self.show_notice(_(
            "The database is damaged: close the application and restore the last good backup "
            "(Settings, Backups)."), warn=True))
        bar.addPermanentWidget(self.recovery_reminder)
        bar.addPermanentWidget(self.backup_label)
        bar.addPermanentWidget(self.user_label)
        scheduler = self.settings.scheduler
        scheduler.status_changed.connect(self._show_backup)
        scheduler.failed.connect(lambda text: self._show_backup(scheduler.status, failed=text))
        self.backup_label.linkActivated.connect(lambda _link: self._open_backups())
        self.idle_lock: IdleLock | None = None
        self.settings.idle_minutes_changed.connect(self._idle_minutes)

    def show_notice(self, text: str, *, warn: bool = False) -> None:
        """A line in the status bar that stays (demo credentials, no accounts yet); its whole text is
        also the tooltip, for a narrow window."""
        self.notice.setText(("⚠ " if warn else "") + text)
        self.notice.setToolTip(text)
        self.notice.setStyleSheet("color: #a4161a;" if warn else "")

    def _show_backup(self, status: BackupStatus | None, failed: str | None = None) -> None:
        text, warn = last_backup_text(status, self._clock())
        if failed:
            text, warn = _("⚠ Backup failed"), True
        self.backup_label.setText(f'<a href="backups">{escape(text)}</a>' if warn else escape(text))
        self.backup_label.setToolTip(failed or _("Backups: Settings, Backups"))
        self.backup_label.setStyleSheet("color: #a4161a;" if warn else "")

    def _idle_minutes(self, minutes: int) -> None:
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(minutes)

    def _open_recovery_key(self) -> None:
        self._open_backups()
        self.settings.backups.show_recovery_key()

    def _open_backups(self) -> None:
        self.show_view("settings")
        self.settings.show_section("backups")

    @property
    def settings(self) -> SettingsPage:
        page = self.pages["settings"]
        assert isinstance(page, SettingsPage)
        return page

    def start_idle_lock(self, minutes: float, *, poll_ms: int | None = None,
                        hint: str | None = None) -> IdleLock | None:
        """Lock the window after `minutes` without use (not for a database without accounts: nobody
        could unlock it); `hint` is shown on the lock screen (a demo database's password)."""
        principal = self._app.principal
        if principal.unmanaged:
            return None
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self.idle_lock = IdleLock(principal.name, self._app.sign_in, minutes=minutes, poll_ms=poll_ms,
                                  hint=hint, parent=self)
        self.idle_lock.start()
        return self.idle_lock

    def _build_page(self, name: str) -> QWidget:
        if name == "cases":
            return CasesPage(self._app, self)
        pages = {"dashboard": DashboardPage, "requests": RequestsPage, "people": PeoplePage,
                 "custody": CustodyPage, "deadlines": DeadlinesPage, "providers": ProvidersPage,
                 "facilities": FacilitiesPage, "reports": ReportsPage, "settings": SettingsPage}
        page: QWidget = pages[name](self._app, self, clock=self._clock)
        return page

    def _request_saved(self, case_id: int) -> None:
        """A request saved or decided; a case opened with it joins the cases list at once."""
        if case_id and self.cases.loaded and self.cases.currentWidget() is self.cases.list_page:
            self.cases.apply_search()
        self.changed.emit(Changes(case_id=case_id or None))

    def _people_merged(self) -> None:
        """A merge (or its undoing) moved cases between people: the case list names other clients."""
        if self.cases.loaded and self.cases.currentWidget() is self.cases.list_page:
            self.cases.apply_search()
        self.changed.emit(Changes())

    def _notice(self, _changes: Changes) -> None:
        for name, page in self.pages.items():
            if name != "cases" and isinstance(page, Screen):
                page.mark_stale()

    def _add_actions(self) -> None:
        find_anything = QAction(_("Find people and cases…"), self)
        find_anything.setShortcut(QKeySequence("Ctrl+K"))
        find_anything.triggered.connect(self.global_search)
        find = QAction(_("Find…"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.focus_search)
        quit_action = QAction(_("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.caseload_action = QAction(_("Caseload balancing…"), self)
        self.caseload_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.caseload_action.setToolTip(_("Load per provider against capacity, people held without a "
                                          "lawyer, and moves to review (coordinators)"))
        self.caseload_action.setEnabled(can(self._app.principal, Permission.ASSIGN_PROVIDERS))
        self.caseload_action.triggered.connect(self.show_caseload)
        self.import_action = QAction(_("&Import facility register…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(_("Add or update the people held at a facility from its register "
                                        "(CSV or XLSX), checked before anything is saved"))
        self.import_action.triggered.connect(self.import_register)
        menu = self.menuBar().addMenu(_("&File"))
        menu.addAction(find_anything)
        menu.addAction(find)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.caseload_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        go = self.menuBar().addMenu(_("&Go"))
        for number, (name, label) in enumerate(VIEWS, start=1):
            action = QAction(_(label), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))
            action.triggered.connect(lambda _checked=False, view=name: self.show_view(view))
            go.addAction(action)
        go.addSeparator()
        refresh = QAction(_("&Refresh"), self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        go.addAction(refresh)

    @property
    def cases(self) -> CasesPage:
        page = self.pages["cases"]
        assert isinstance(page, CasesPage)
        return page

    @property
    def deadlines(self) -> DeadlinesPage:
        page = self.pages["deadlines"]
        assert isinstance(page, DeadlinesPage)
        return page

    @property
    def requests(self) -> RequestsPage:
        page = self.pages["requests"]
        assert isinstance(page, RequestsPage)
        return page

    @property
    def dashboard(self) -> DashboardPage:
        page = self.pages["dashboard"]
        assert isinstance(page, DashboardPage)
        return page

    @property
    def reports(self) -> ReportsPage:
        page = self.pages["reports"]
        assert isinstance(page, ReportsPage)
        return page

    def current_view(self) -> str | None:
        row = self.nav.currentRow()
        return VIEWS[row][0] if 0 <= row < len(VIEWS) else None

    def _view_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        # The cases list is read when first shown: a start on another screen does not wait for it.
        if self._started and self.current_view() == "cases" and not self.cases.loaded:
            self.cases.load()

    def open_case(self, case_id: int) -> None:
        """Open a case in the Cases screen (from a deadline row, say); a case gone says so there."""
        self.show_view("cases")
        try:
            self.cases.open_case(case_id)
        except DomainError as error:
            self.cases.show_list()
            self.cases.count_label.setText(describe(error)[0])

    def show_custody(self, facility: str | None, overdue: bool, unrepresented: bool,
                     child: bool = False) -> None:
        """The people held at a facility (a Facilities row) or everywhere (a dashboard count), with the
        chips it was chosen by."""
        custody = self.pages["custody"]
        if isinstance(custody, CustodyPage):
            self.show_view("custody")
            custody.show_facility(facility, overdue=overdue, unrepresented=unrepresented, child=child)
            custody.table.setFocus()

    def show_caseload(self) -> None:
        """The caseload balancing dialog; a save in it reaches every screen."""
        from legalaid_desktop.ui.caseload_dialog import CaseloadDialog

        dialog = CaseloadDialog(self._app, self, clock=self._clock)
        dialog.exec()
        if dialog.applied:
            self.changed.emit(Changes())

    def import_register(self) -> RegisterImportDialog:
        """Ctrl+I: the register import dialog (a role that may not import is told so in it); an import
        saved there reaches every screen, and "Show in Custody list" lists who was imported."""
        from legalaid_desktop.ui.register_import_dialog import RegisterImportDialog

        dialog = RegisterImportDialog(self._app, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._register_imported)
        dialog.custody_requested.connect(lambda facility: self.show_custody(facility, False, False))
        self.import_dialog = dialog
        dialog.open()
        (dialog.path_edit if dialog.allowed else dialog.close_button).setFocus()
        return dialog

    def _register_imported(self, _report: object) -> None:
        """New people, spells, cases and deadlines: the lists and counts read again."""
        if self.cases.loaded and self.cases.currentWidget() is self.cases.list_page:
            self.cases.apply_search()
        self.changed.emit(Changes())

    def show_requests_awaiting(self) -> None:
        self.show_view("requests")
        self.requests.show_status("pending")

    def show_deadlines(self, facility: str | None, overdue: bool, due_soon: bool) -> None:
        self.show_view("deadlines")
        self.deadlines.show_filtered(facility=facility, overdue=overdue, due_soon=due_soon)
        self.deadlines.table.setFocus()

    def refresh(self) -> None:
        """F5: the screen shown reads its data again."""
        view = self.current_view()
        if view == "cases":
            if self.cases.currentWidget() is self.cases.list_page:
                self.cases.apply_search()
        elif view is not None and isinstance(page := self.pages[view], Screen):
            page.load()

    def global_search(self) -> GlobalSearch:
        """Ctrl+K: the popup that finds people and cases as you type, from any screen."""
        popup = GlobalSearch(self._app, self, clock=self._clock)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.case_requested.connect(self.open_case)
        popup.person_requested.connect(self.show_people_named)
        popup.open()
        popup.box.setFocus()
        return popup

    def show_people_named(self, name: str) -> None:
        """The People screen searched by a name (a person with no case of their own)."""
        people = self.pages["people"]
        if isinstance(people, PeoplePage):
            self.show_view("people")
            people.search.setText(name)
            people.apply_filters()
            people.table.setFocus()

    def focus_search(self) -> None:
        self.show_view("cases")
        self.cases.search.setFocus()
        self.cases.search.selectAll()

    def open_case_ref(self, case_ref: str) -> None:
        self.show_view("cases")
        self.cases.open_case_ref(case_ref)

    def show_view(self, name: str) -> None:
        self.nav.setCurrentRow([n for n, _label in VIEWS].index(name))

    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        view = settings.value("window/view", "cases")
        self.show_view(view if view in dict(VIEWS) else "cases")

    def closeEvent(self, event: QCloseEvent) -> None:
        from legalaid_desktop.ui.report_runner import stop_all_reports

        stop_all_reports()  # a report half made must not leave its file behind
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self.settings.scheduler.stop()
        self.settings.integrity.stop()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/view", VIEWS[self.nav.currentRow()][0])
        super().closeEvent(event)

    def load(self) -> None:
        """Read the data of the screen shown (the cases list when none is chosen yet)."""
        self._started = True
        view = self.current_view()
        if view in (None, "cases"):
            self.cases.load()
        elif view is not None and isinstance(page := self.pages[view], Screen):
            page.load()
