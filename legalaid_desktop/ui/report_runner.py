"""Creating a report file from the GUI: the save dialog that says the file is not encrypted, the work on
a worker thread with a progress dialog and Cancel, then a message that opens the file or its folder.

Cancel: `save_report` renders, writes a temporary file and renames it into place in one call that
cannot be interrupted. So the worker saves to a hidden staging name beside the target, and only the
GUI thread, once the work has finished and only if it was not cancelled, renames the staging file to
the name the user chose. A cancel before the data is read stops the work there; a cancel during the
rendering lets it finish and the staging file is deleted. Either way no file is left behind.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QProgressDialog, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.reports import FORMATS, Report, SavedReport, case_summary_data, save_report
from legalaid_desktop.ui import plain_export
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)

FORMAT_NAMES = {"pdf": "PDF", "csv": "CSV", "xlsx": "Excel (XLSX)"}
NAME_FILTERS = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)", "xlsx": "Excel workbook (*.xlsx)"}
SHOW_PROGRESS_AFTER_MS = 300


@dataclass(frozen=True)
class ReportRequest:
    """What to make: `build` reads the report in its own unit of work on the worker thread."""

    what: str
    """In words, for the dialogs: "case summary LA-2026-000123"."""
    suggested: str
    """The file name suggested, without its extension."""
    fmt: str
    build: Callable[[], Report[Any]]
    redacted: bool = False
    low_ink: bool = False


def case_summary_request(application: Application, case_ref: str, now: datetime, *, redacted: bool = False,
                         low_ink: bool = False) -> ReportRequest:
    """The case summary of one case (PDF only), as the Reports screen and the case view's Print make it."""
    ref = case_ref.strip().upper()
    return ReportRequest(_("case summary {ref}").format(ref=ref), f"case-summary-{ref}", "pdf",
                         lambda: case_summary_data(application.uow(), application.deadline_book, case_ref=ref,
                                                   now=now), redacted=redacted, low_ink=low_ink)


def staging_path(target: Path) -> Path:
    """A hidden name beside the target: the same disk, so the final rename is atomic."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.creating")


_LIVE: set[Ticket] = set()
"""Reports being made, so that closing the window can stop them and leave no file behind."""


def stop_all_reports() -> None:
    """Cancel every report being made and wait for their threads: a cancelled one deletes its file
    itself (the window's callbacks may be gone by then)."""
    for ticket in list(_LIVE):
        ticket.cancel()
    QThreadPool.globalInstance().waitForDone()
    _LIVE.clear()


def _work(application: Application, request: ReportRequest,
          staging: Path) -> Callable[[Ticket], SavedReport | None]:
    def work(ticket: Ticket) -> SavedReport | None:
        report = request.build()
        if ticket.cancelled():
            return None
        styled = report.styled(redacted=request.redacted, low_ink=request.low_ink)
        saved = save_report(application.uow(), styled, path=staging, fmt=request.fmt)
        if ticket.cancelled():  # cancelled while it rendered, or the window is closing
            staging.unlink(missing_ok=True)
            return None
        return saved
    return work


class ReportRunner(QObject):
    """Makes one report file at a time for a screen; the screen keeps its form as typed throughout.

    `on_error(error)` (if given) shows a known error where the user is looking (next to the field);
    otherwise it goes to a message box. Anything else is logged with its traceback and shown.
    """

    def __init__(self, application: Application, parent: QWidget, *, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._parent = parent
        self.worker = worker or Worker(self)
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self.ticket: Ticket | None = None
        self.last_path: Path | None = None

    def ask_path(self, request: ReportRequest) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{request.suggested}.{request.fmt}") if folder else \
            f"{request.suggested}.{request.fmt}"
        chosen = plain_export.ask_plain_path(self._parent, what=request.what, suggested=suggested,
                                             name_filter=NAME_FILTERS[request.fmt], suffix=request.fmt)
        return Path(chosen) if chosen else None

    def create(self, request: ReportRequest, *,
               on_error: Callable[[DomainError], None] | None = None) -> Ticket | None:
        """Ask where, then make the file off the GUI thread; None when the user chose no file."""
        target = self.ask_path(request)
        if target is None:
            return None
        suffix = target.suffix.lower().lstrip(".")
        if suffix in FORMATS and suffix != request.fmt:
            self._known_error(ValidationError(
                _("file name"), target.name,
                _("a name ending in .{format}, the format chosen").format(format=request.fmt)), on_error)
            return None
        return self.start(request, target, on_error=on_error)

    def start(self, request: ReportRequest, target: Path, *,
              on_error: Callable[[DomainError], None] | None = None) -> Ticket:
        staging = staging_path(target)
        self._close_progress()
        progress = QProgressDialog(_("Creating the {what}…").format(what=request.what), _("Cancel"), 0, 0,
                                   self._parent)
        progress.setWindowTitle(_("Creating a report"))
        progress.setAccessibleName(_("Creating a report"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.setMinimumDuration(60 * 60 * 1000)  # shown by the timer below, not by QProgressDialog
        self.progress = progress

        def done(saved: SavedReport | None) -> None:
            self._close_progress()
            try:
                os.replace(staging, target)
            except OSError as error:
                staging.unlink(missing_ok=True)
                self._show_problem(_("Cannot write {path}: {reason}").format(
                    path=target, reason=error.strerror or error))
                return
            self.last_path = target
            if saved is not None:
                self._show_done(request, target, saved)

        def failed(error: BaseException) -> None:
            self._close_progress()
            staging.unlink(missing_ok=True)
            if isinstance(error, DomainError):
                self._known_error(error, on_error)
            elif isinstance(error, OSError):
                self._show_problem(_("Cannot write {path}: {reason}").format(
                    path=target, reason=error.strerror or error))
            else:
                log.error("creating the %s failed", request.what, exc_info=error)
                self._show_problem(_("The {what} could not be created because of a fault in the program; it "
                                     "is recorded in the log. Your choices on the screen are kept.").format(
                    what=request.what))

        def cancelled(_result: object) -> None:
            staging.unlink(missing_ok=True)
            log.info("report cancelled; nothing written to %s", target)

        ticket = self.worker.start(_work(self._app, request, staging), on_done=done, on_error=failed,
                                   on_cancelled=cancelled)
        self.ticket = ticket
        _LIVE.difference_update([t for t in _LIVE if t.finished])
        if not ticket.finished:
            _LIVE.add(ticket)
        if not ticket.finished and self.progress is progress:
            progress.canceled.connect(self.cancel)
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self._show_progress)
        return ticket

    def cancel(self) -> None:
        """Cancel (the progress dialog's button, or Esc): the result is thrown away when it comes."""
        if self.ticket is not None and not self.ticket.finished:
            self.ticket.cancel()
        self._close_progress()

    def _show_progress(self) -> None:
        if self.progress is not None and self.ticket is not None and not self.ticket.finished:
            self.progress.show()

    def _close_progress(self) -> None:
        if self.progress is not None:
            progress, self.progress = self.progress, None
            progress.canceled.disconnect()
            progress.hide()
            progress.deleteLater()

    def _known_error(self, error: DomainError, on_error: Callable[[DomainError], None] | None) -> None:
        if on_error is not None:
            on_error(error)
        else:
            self._show_problem(describe(error)[0])

    def _show_problem(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("The report was not created"), text,
                          QMessageBox.StandardButton.Close, self._parent)
        box.setAccessibleName(_("The report was not created"))
        self._show_message(box)

    def _show_done(self, request: ReportRequest, target: Path, saved: SavedReport) -> None:
        redacted = _(" Redacted for sharing outside the office.") if request.redacted else ""
        box = QMessageBox(QMessageBox.Icon.Information, _("Report created"), _(
            "The {what} is saved as {path} ({size} bytes, {format}).{redacted}\n\nThe file is not "
            "encrypted: whoever can read the file can read the report.\n\nIts audit entry is "
            "{hash}").format(
            what=request.what, path=target, size=f"{saved.size:,}", format=FORMAT_NAMES[request.fmt],
            redacted=redacted, hash=saved.audit_hash), QMessageBox.StandardButton.Close, self._parent)
        box.setAccessibleName(_("Report created"))
        open_file = box.addButton(_("&Open the file"), QMessageBox.ButtonRole.ActionRole)
        show_folder = box.addButton(_("&Show in folder"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(open_file)

        def clicked(button: QAbstractButton) -> None:
            if button is open_file:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            elif button is show_folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

        box.buttonClicked.connect(clicked)
        self._show_message(box)

    def _show_message(self, box: QMessageBox) -> None:
        """Window-modal but not blocking: the screen stays as it was underneath."""
        if self.message is not None:
            self.message.deleteLater()
        self.message = box
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.open()
