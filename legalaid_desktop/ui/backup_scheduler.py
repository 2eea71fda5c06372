"""Backups while the GUI is open: a scheduled one when the plan says it is due, or one on request, always
on a worker thread (the online backup copies and checks the file while the user goes on typing); and
the words that say when the last good backup was made."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from legalaid_desktop.app import Application, backup
from legalaid_desktop.domain.access import Principal
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.backup_schedule import BackupPlan, BackupStatus, backup_status
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 10 * 60 * 1000
"""How often the schedule is looked at (a missing USB drive is tried again this often)."""
FIRST_CHECK_MS = 60 * 1000
"""The first look, a minute after start: the first paint and the first screen's data come first."""


@dataclass(frozen=True)
class BackupDone:
    """A checked backup made: where, how many cases it holds, its size, the older copies deleted."""

    path: Path
    cases: int
    size: int
    removed: tuple[Path, ...]


def ago(then: datetime, now: datetime) -> str:
    """"3 hours ago", in the largest whole unit."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 120:
        return _("just now")
    if seconds < 2 * 3600:
        return _("{n} minutes ago").format(n=seconds // 60)
    if seconds < 2 * 86400:
        return _("{n} hours ago").format(n=seconds // 3600)
    return _("{n} days ago").format(n=seconds // 86400)


def last_backup_text(status: BackupStatus | None, now: datetime) -> tuple[str, bool]:
    """What the status bar says about backups, and whether it is a warning."""
    if status is None:
        return "", False
    if status.last_at is None:
        return _("⚠ No backup made yet"), True
    when = status.last_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if status.overdue(now):
        return _("⚠ Last good backup {when} ({ago})").format(when=when, ago=ago(status.last_at, now)), True
    return _("Last good backup {when} ({ago})").format(when=when, ago=ago(status.last_at, now)), False


class BackupScheduler(QObject):
    """Looks at the backup plan every few minutes and makes the backup it asks for, one at a time.

    `status_changed(BackupStatus)` follows every look and every backup; `failed(str)` says why a backup
    did not happen (the drive unplugged, a full disk), in words; the next look tries again.
    """

    status_changed = Signal(object)
    started = Signal()
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, application: Application, parent: QObject | None = None, *,
                 worker: Worker | None = None, clock: Clock = utc_now,
                 check_every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self.worker = worker or Worker(self)
        self.status: BackupStatus | None = None
        self.last_error: str | None = None
        self._ticket: Ticket | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check)

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        """Read the status now (for the status bar); look at the schedule soon, then regularly."""
        self.refresh()
        self._timer.start()
        QTimer.singleShot(first_check_ms, self.check)

    def running(self) -> bool:
        return self._ticket is not None and not self._ticket.finished

    def refresh(self) -> BackupStatus | None:
        try:
            self.status = backup_status(self._app.uow())
        except DomainError as error:
            log.warning("backup status unreadable: %s", describe(error)[0])
            return self.status
        self.status_changed.emit(self.status)
        return self.status

    def check(self) -> None:
        """Start the scheduled backup if it is due (and none is running)."""
        status = self.refresh()
        if status is None or self.running() or not status.due(self._clock()):
            return
        self.back_up(status.plan, scheduled=True)

    def back_up(self, plan: BackupPlan, *, scheduled: bool = False) -> Ticket | None:
        """A checked backup into the plan's folder, older ones pruned by its keep counts."""
        if self.running() or not plan.folder:
            return None
        folder = Path(plan.folder)
        # The plan is the office's (a coordinator set it): a scheduled backup is the application's own
        # work, made whoever is signed in; one on request is the user's, and needs their permission.
        application = self._app.acting_for(Principal.system(
            _("scheduled backup (signed in: {user})").format(user=self._app.principal.name))) \
            if scheduled else self._app
        self.started.emit()

        def work(_ticket: Ticket) -> BackupDone:
            if not folder.is_dir():
                raise FileNotFoundError(str(folder))
            info, removed = backup(application, folder, keep_daily=plan.keep_daily,
                                   keep_weekly=plan.keep_weekly)
            return BackupDone(info.path, info.cases, info.size, tuple(removed))

        def done(result: BackupDone) -> None:
            self.last_error = None
            self.refresh()
            self.finished.emit(result)

        def failed(error: BaseException) -> None:
            if isinstance(error, FileNotFoundError):
                text = _("The backup folder {folder} is not there: is the USB drive plugged in? It is tried "
                         "again in a few minutes.").format(folder=folder)
            elif isinstance(error, DomainError):
                text = describe(error)[0]
            elif isinstance(error, OSError):
                text = _("Cannot write the backup in {folder}: {reason}").format(
                    folder=folder, reason=error.strerror or error)
            else:
                log.error("backup failed", exc_info=error)
                text = _("The backup failed because of a fault in the program; it is recorded in the log.")
            log.warning("%s backup failed: %s", "scheduled" if scheduled else "requested", text)
            self.last_error = text
            self.failed.emit(text)

        self._ticket = self.worker.start(work, on_done=done, on_error=failed)
        return self._ticket

    def stop(self) -> None:
        self._timer.stop()
