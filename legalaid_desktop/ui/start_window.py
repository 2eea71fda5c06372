"""The first window painted: the application's name and the database being opened, on screen before
SQLAlchemy, the database and the sign-in are loaded (over a second on a modest laptop), so a start
never looks like nothing happened. Only PySide6 and the translations are imported here.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from legalaid_desktop.i18n import _

TRACE_VARIABLE = "LEGALAID_STARTUP_TRACE"
_STARTED = time.perf_counter()


def trace(event: str) -> None:
    """With LEGALAID_STARTUP_TRACE set, one line on standard error per start-up milestone (the
    start-up benchmark times their arrival): the event, seconds since this module loaded, and the
    peak resident memory so far in MB."""
    if not os.environ.get(TRACE_VARIABLE):
        return
    memory = ""
    if sys.platform != "win32":
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        memory = f" {peak / (1024 * 1024 if sys.platform == 'darwin' else 1024):.0f} MB"
    sys.stderr.write(f"legalaid-desktop: startup {event} {time.perf_counter() - _STARTED:.3f} s{memory}\n")
    sys.stderr.flush()


class StartWindow(QWidget):
    """"Legal aid — opening office.sqlite…"; closed once the main window (or a refusal) is shown."""

    def __init__(self, database: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.painted = False
        self.setWindowTitle(_("Legal aid"))
        self.setAccessibleName(_("Starting"))
        title = QLabel(_("Legal aid"), self)
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        what = (_("Opening {database}…").format(database=database) if database
                else _("Opening the database…"))
        self.status = QLabel(what, self)
        self.status.setAccessibleName(_("What is happening"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.status)
        self.setMinimumWidth(420)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted = True

    def show_and_paint(self, timeout_ms: int = 2000) -> None:
        """Show, and return once the window has been painted (or after `timeout_ms`)."""
        self.show()
        clock = QElapsedTimer()
        clock.start()
        while not self.painted and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
