"""The Settings screen: user accounts, deadline lead times and court closures, backups, the audit log.

Each section is a tab read when first shown; a section the signed-in role may not use says so and who
to ask, instead of offering what the services would refuse.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.audit_page import AuditPanel
from legalaid_desktop.ui.backup_panel import BackupPanel
from legalaid_desktop.ui.backup_scheduler import BackupScheduler
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.deadline_settings import DeadlineSettingsPanel
from legalaid_desktop.ui.integrity_check import IntegrityWatch
from legalaid_desktop.ui.users_panel import UsersPanel
from legalaid_desktop.ui.worker import Worker


def _scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    """A section that scrolls rather than being squeezed on a small screen."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class SettingsPage(QWidget):
    """Tabs for the office's settings; `scheduler` makes the scheduled backups while the window is open
    (the main window's status bar shows what it says), `integrity` the daily background check. The
    audit log is a tab only for the roles that may read it. `signed_in(Application)`: the first
    administrator was made and signed in. `idle_minutes_changed(int)`: the idle lock's minutes were set."""

    signed_in = Signal(object)
    idle_minutes_changed = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._stale = True
        self.scheduler = BackupScheduler(application, self, worker=worker, clock=clock)
        self.integrity = IntegrityWatch(application, self, worker=worker, clock=clock)
        title = QLabel(_("Settings"), self)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Settings sections"))
        principal = application.principal
        self.users = UsersPanel(application, self, clock=clock)
        self.users.signed_in.connect(self.signed_in)
        self.users.idle_minutes_changed.connect(self.idle_minutes_changed)
        self.deadlines = DeadlineSettingsPanel(application, self, clock=clock, worker=worker)
        self.backups = BackupPanel(application, self.scheduler, self, clock=clock)
        self.integrity.checked.connect(self.backups.show_integrity)
        self.audit = AuditPanel(application, self, clock=clock, worker=worker)
        self.tabs.addTab(_scrolled(self.users, self), _("&Users"))
        self.tabs.addTab(_scrolled(self.deadlines, self), _("&Deadlines"))
        self.tabs.addTab(_scrolled(self.backups, self), _("&Backups"))
        if principal.unmanaged or can(principal, Permission.VIEW_AUDIT):
            self.tabs.addTab(self.audit, _("Audit &log"))
        else:
            self.audit.hide()
        if not (principal.unmanaged or can(principal, Permission.MANAGE_SETTINGS)):
            self.deadlines.read_only(_("Only coordinators and administrators change lead times and court "
                                       "closures."))
        if not (principal.unmanaged or can(principal, Permission.BACKUP)):
            self.backups.read_only(_("Only coordinators and administrators change the backup plan or back "
                                     "up; scheduled backups still run while you work."))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def show_section(self, name: str) -> None:
        """Bring a section forward by its name: users, deadlines, backups or audit."""
        wanted = {"users": self.users, "deadlines": self.deadlines, "backups": self.backups,
                  "audit": self.audit}.get(name)
        for i in range(self.tabs.count()):
            if self._section(i) is wanted:
                self.tabs.setCurrentIndex(i)

    def _section(self, index: int) -> QWidget | None:
        page = self.tabs.widget(index)
        return page.widget() if isinstance(page, QScrollArea) else page

    def _tab_shown(self, index: int) -> None:
        if self.isVisible() and index not in self._loaded:
            self._load_section(index)

    def _load_section(self, index: int) -> None:
        section = self._section(index)
        load = getattr(section, "load", None)
        if callable(load):
            load()
        self._loaded.add(index)

    # -- what every screen answers (ui.placeholder.Screen)

    def load(self) -> None:
        """Read the section shown; the others when first shown."""
        self._stale = False
        self._loaded.clear()
        self._load_section(self.tabs.currentIndex())

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.tabs.currentIndex() not in self._loaded:
            self.load()
