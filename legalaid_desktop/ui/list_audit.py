"""The audit entry of a list screen: one per list the user settled on, not one per key pressed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.services.access_log import filter_summary, record_list

SETTLE_MS = 2000
log = logging.getLogger(__name__)


class ListAudit(QObject):
    """Records a list (services.access_log.record_list) once its filters have stayed the same for
    `SETTLE_MS`: each `shown(filters)` restarts a single-shot timer, so typing a name writes one
    entry for what was finally searched. The entry is one insert and a commit (a few milliseconds),
    written on the GUI thread; a failure to write it never stops the list being shown. What is
    still waiting when the application quits is recorded then (`record` also does it at once, for a
    popup that closes)."""

    def __init__(self, application: Application, kind: str, parent: QObject, *,
                 settle_ms: int | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self.kind = kind
        self._pending: object | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS if settle_ms is None else settle_ms)
        self.timer.timeout.connect(self.record)
        running = QCoreApplication.instance()
        if running is not None:
            running.aboutToQuit.connect(self.record)

    def shown(self, filters: object) -> None:
        """The list now shows what `filters` select: recorded if nothing changes for a while."""
        self._pending = filters
        self.timer.start()

    def record(self) -> None:
        self.timer.stop()
        filters, self._pending = self._pending, None
        if filters is None:
            return
        try:
            record_list(self._app.uow(), kind=self.kind, filters=filter_summary(filters))
        except DomainError as error:  # signed out, or the database busy: the list was shown all the same
            log.warning("the %s list was shown but its audit entry could not be written: %s",
                        self.kind, error)
