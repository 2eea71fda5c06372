"""The background integrity check while the window is open: once a day of use, a few minutes after
start, on a worker thread with a connection of its own (typing and saving go on); when it finds damage,
a message that names the last good backup and how to restore it, and cannot be closed by accident."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid_desktop.app import Application, check_integrity
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.backup_schedule import BackupStatus, backup_status
from legalaid_desktop.services.integrity_watch import IntegrityStatus, integrity_status
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import note
from legalaid_desktop.ui.recovery_key_dialog import DeliberateDialog
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
FIRST_CHECK_MS = 5 * 60 * 1000
"""Five minutes after start: the first screens and the first scheduled backup come first."""
LOOK_EVERY_MS = 60 * 60 * 1000
"""A window left open for days is checked again once the day has passed."""


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def last_check_text(status: IntegrityStatus | None) -> str:
    """What Settings > Backups says about the last background check."""
    if status is None or status.last_at is None:
        return _("The database has not been checked in the background yet (once a day of use, a few "
                 "minutes after start).")
    if status.problem:
        return _("⚠ The check of {when} found the database damaged: {problem}").format(
            when=_when(status.last_at), problem=status.problem)
    return _("Last integrity check {when}: the database is sound.").format(when=_when(status.last_at))


def damage_text(problem: str, backups: BackupStatus | None) -> str:
    """The message when the check finds damage: what it means, the last good backup, how to restore."""
    if backups is not None and backups.last_at is not None and backups.last_path:
        backup = _("The last good backup was made {when}: {path}").format(
            when=_when(backups.last_at), path=backups.last_path)
        command = f"legalaid restore {backups.last_path}"
    else:
        backup = _("No backup of this database is recorded: look for the newest copy on your backup drive.")
        command = "legalaid restore FILE"
    return "\n\n".join([
        _("The integrity check found this database damaged (the disk may be failing):\n{problem}").format(
            problem=problem),
        _("Work saved from now on may be lost. Finish what you are typing, close the application, and "
          "put the last good backup back."),
        backup,
        _("Restoring is done on the command line, with the application closed:\n{command}\n(the damaged "
          "database is kept aside, not deleted). Ask an administrator if you cannot do it yourself.")
        .format(command=command),
    ])


class DamageDialog(DeliberateDialog):
    """The damage message: ends only on its button (Escape and the close button do nothing)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("The database is damaged"))
        self.setAccessibleName(_("The database is damaged"))
        title = QLabel(_("⚠ The database is damaged"), self)
        title.setStyleSheet("font-size: 13pt; font-weight: 600; color: #a4161a;")
        self.message = note(self, text)
        self.message.setStyleSheet("")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.understood = QPushButton(_("I &understand: I will restore the backup"), self)
        self.understood.setAutoDefault(False)
        self.understood.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.understood)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)


class IntegrityWatch(QObject):
    """Runs the background check when it is due (one at a time), on `worker`.

    `checked(IntegrityStatus)` follows every reading of the last check; `damaged(str)` says what a
    check found wrong (the dialog is shown too, over `parent`'s window, unless `show_dialog` is False).
    """

    checked = Signal(object)
    damaged = Signal(str)

    def __init__(self, application: Application, parent: QWidget, *, worker: Worker | None = None,
                 clock: Clock = utc_now, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._app = application
        self._parent = parent
        self._clock = clock
        self._show_dialog = show_dialog
        self.worker = worker or Worker(self)
        self.status: IntegrityStatus | None = None
        self.dialog: DamageDialog | None = None
        self._ticket: Ticket | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self.refresh()
        self._timer.start()
        QTimer.singleShot(first_check_ms, self.check)

    def stop(self) -> None:
        self._timer.stop()

    def running(self) -> bool:
        return self._ticket is not None and not self._ticket.finished

    def refresh(self) -> IntegrityStatus | None:
        try:
            self.status = integrity_status(self._app.uow())
        except DomainError as error:
            log.warning("integrity check status unreadable: %s", describe(error)[0])
            return self.status
        self.checked.emit(self.status)
        return self.status

    def check(self, *, force: bool = False) -> Ticket | None:
        """Start the check when a day has passed since the last (or `force`), unless one runs."""
        status = self.refresh()
        if self.running() or not (force or status is None or status.due(self._clock())):
            return None
        application = self._app

        def work(_ticket: Ticket) -> str | None:
            return check_integrity(application)

        self._ticket = self.worker.start(work, on_done=self._done, on_error=self._failed)
        return self._ticket

    def _done(self, problem: str | None) -> None:
        self.refresh()
        if problem is not None:
            self._report(problem)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            log.warning("background integrity check failed: %s", describe(error)[0])
        else:
            log.error("background integrity check failed", exc_info=error)

    def _report(self, problem: str) -> None:
        log.error("the background integrity check found %s damaged: %s", self._app.location.path, problem)
        try:
            backups: BackupStatus | None = backup_status(self._app.uow())
        except Exception:  # a damaged file may not tell; the message says where to look
            backups = None
        self.damaged.emit(problem)
        if not self._show_dialog:
            return
        self.dialog = DamageDialog(damage_text(problem, backups), self._parent.window())
        self.dialog.open()
