"""Importing a facility's register from the window: choose the file (and the facility), see its first
rows with how each column is read, the rows that would be left out and why, and the counts; then
import it. Both the check (a dry run, rolled back) and the import run off the GUI thread, with the
rows read so far and a Stop that leaves nothing written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.register import RegisterImportReport, RegisterPreview
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe, full_stop, near_miss_message
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.errors import FacilityNearMiss
from legalaid_desktop.services.register_import import ImportStopped, import_register, open_register
from legalaid_desktop.services.register_source import preview_register
from legalaid_desktop.ui.dialog_parts import (
    clear_problem,
    error_label,
    fit_to_screen,
    note,
    show_problem,
)
from legalaid_desktop.ui.register_import_text import (
    count_text,
    field_words,
    notes_of,
)
from legalaid_desktop.ui.register_preview import RegisterPreviewPanel
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
AskFile = Callable[[QWidget], str | None]
Check = tuple[RegisterPreview, RegisterImportReport | FacilityNearMiss | None]
"""The file's first rows, and the check's report (or its refusal of a facility name; None: not run)."""
Wanted = tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]]


def _ask_register_file(parent: QWidget) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the facility's register"), "",
        _("Registers (*.csv *.xlsx *.txt);;All files (*)"))
    return path or None


class RegisterImportDialog(QDialog):
    """Choose a register, check it (nothing saved), import it; then show who was imported.

    `imported(report)` follows a saved import (the screens read again); `custody_requested(facility)`
    asks the main window for the Custody list of that facility (None: every facility).
    """

    imported = Signal(object)
    custody_requested = Signal(object)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 worker: Worker | None = None, ask_file: AskFile = _ask_register_file) -> None:
        super().__init__(parent)
        self._app = application
        self._worker = worker or Worker(self)
        self._ask_file = ask_file
        self._ticket: Ticket | None = None
        self._rows_read = 0
        self._closing = False
        self._doing = ""
        self._done: Callable[[Any], None] = lambda _result: None
        self.mapping: dict[str, str] = {}
        self.preview: RegisterPreview | None = None
        self.report: RegisterImportReport | None = None
        """The last check's (a dry run) or, once imported, the import's."""
        self.done_report: RegisterImportReport | None = None
        self._checked_for: Wanted | None = None
        self.near_miss: FacilityNearMiss | None = None
        """The last check's refusal of a facility close to a recorded one, while it is on screen."""
        self.new_facilities: set[str] = set()
        """Names the user ticked as new facilities on purpose (each close to a recorded one)."""
        self.setWindowTitle(_("Import a facility register"))
        self.setAccessibleName(_("Import a facility register"))
        self.allowed = can(application.principal, Permission.IMPORT_REGISTERS)

        self.intro = note(self, _("Choose the register (CSV or XLSX). It is checked first and nothing is "
                                  "saved until you press Import. Importing the same register again "
                                  "updates the people already recorded, without duplicates."))
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(_("Register file"))
        self.path_edit.setPlaceholderText(_("The register's file: type its path or press Choose"))
        self.path_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton(_("C&hoose…"), self)
        self.choose_button.setAccessibleName(_("Choose the register file"))
        self.facility = QComboBox(self)
        self.facility.setEditable(True)
        self.facility.setAccessibleName(_("Facility of the register"))
        self.facility.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.facility.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("As each row says (the file's facility column)"))
        self.facility.addItem("")
        if self.allowed:
            try:
                self.facility.addItems(facility_names(application.uow()))
            except DomainError as error:  # the list of facilities is a help, not a need
                log.info("facility names not read: %s", error)
        self.facility.setCurrentIndex(0)
        self.problem = error_label(self, _("Register"))
        # A facility close to a recorded one is refused (a misspelt name would split a register in
        # two): the user takes the recorded name, or says the facility is new, on purpose.
        self.use_recorded = QPushButton(self)
        self.use_recorded.setAccessibleName(_("Use the recorded facility"))
        self.new_facility = QCheckBox(self)
        self.new_facility.setAccessibleName(_("Record a new facility"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("What the import does"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = note(self, "")
        self.details.setAccessibleName(_("More about the file"))
        self.details.hide()

        self.panel = RegisterPreviewPanel(self)
        self.panel.column_chosen.connect(self._column_chosen)
        # The panel's parts, as the dialog's own (tests and the focus use them).
        self.columns, self.rows_table = self.panel.columns, self.panel.rows_table
        self.errors, self.error_title = self.panel.errors, self.panel.error_title
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Import progress"))
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.stop_button = QPushButton(_("&Stop"), self)
        self.stop_button.setAccessibleName(_("Stop: nothing is saved"))
        self.custody_button = QPushButton(_("Show in &Custody list"), self)
        self.custody_button.setAccessibleName(_("Show the imported people in the Custody list"))
        self.check_button = QPushButton(_("Chec&k again"), self)
        self.check_button.setAccessibleName(_("Check the register again"))
        self.import_button = QPushButton(_("&Import"), self)
        self.import_button.setAccessibleName(_("Import the register"))
        self.close_button = QPushButton(_("Close"), self)
        self.close_button.setAccessibleName(_("Close"))
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._show_rows_read)

        for button in (self.choose_button, self.stop_button, self.custody_button, self.check_button,
                       self.close_button, self.use_recorded):
            button.setAutoDefault(False)
        self.import_button.setDefault(True)  # Enter imports once checked (a changed file is checked first)
        self._lay_out()
        self.choose_button.clicked.connect(self.choose_file)
        self.path_edit.editingFinished.connect(self.check_if_changed)
        self.facility.activated.connect(lambda _index: self.check_if_changed())
        if line is not None:
            line.editingFinished.connect(self.check_if_changed)
        self.check_button.clicked.connect(self.check)
        self.use_recorded.clicked.connect(self.use_recorded_facility)
        self.new_facility.toggled.connect(self._new_facility_ticked)
        self.import_button.clicked.connect(self.start_import)
        self.stop_button.clicked.connect(self.stop)
        self.custody_button.clicked.connect(self.show_custody)
        self.close_button.clicked.connect(self.reject)
        self._set_running(False)
        self.import_button.setEnabled(False)
        self.custody_button.hide()
        self._show_near_miss(None)
        if not self.allowed:
            self._refuse()
        fit_to_screen(self, 1120, 700)

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        file_label = QLabel(_("Register &file:"), self)
        file_label.setBuddy(self.path_edit)
        facility_label = QLabel(_("&Facility:"), self)
        facility_label.setBuddy(self.facility)
        self.facility_note = note(self, _("Rows that name no facility are the register of this one; "
                                          "leave it blank when the file has a facility column."))
        facility_row = QHBoxLayout()
        facility_row.addWidget(self.facility, 2)
        facility_row.addWidget(self.facility_note, 3)
        form.addRow(file_label, file_row)
        form.addRow(facility_label, facility_row)

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label, 2)
        progress_row.addWidget(self.stop_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.custody_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        near_miss_row = QHBoxLayout()
        near_miss_row.addWidget(self.use_recorded)
        near_miss_row.addWidget(self.new_facility, 1)
        layout.addLayout(near_miss_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.panel, 1)
        layout.addLayout(progress_row)
        layout.addLayout(buttons)

    # -- what the user does

    def _refuse(self) -> None:
        principal = self._app.principal
        show_problem(self.problem, _(
            "{user} ({role}) may not import registers; nothing can be imported from this account. Ask a "
            "coordinator to import it, or to give your account a role that may (paralegal or "
            "coordinator).").format(user=principal.name, role=principal.role.value))
        for widget in (self.path_edit, self.choose_button, self.facility, self.check_button,
                       self.import_button, self.columns):
            widget.setEnabled(False)
        self.close_button.setFocus()

    def choose_file(self) -> None:
        path = self._ask_file(self)
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        """Take `path` as the register (as if chosen) and check it."""
        self.path_edit.setText(path)
        self.mapping.clear()
        self.check()

    def check_if_changed(self) -> None:
        if self._wanted() != self._checked_for and self.path_edit.text().strip():
            self.check()

    def _wanted(self) -> Wanted:
        return (self.path_edit.text().strip(), self.facility.currentText().strip(),
                tuple(sorted(self.mapping.items())), tuple(sorted(self.new_facilities)))

    def use_recorded_facility(self) -> None:
        """Take the recorded facility the refused name was close to, and check again."""
        if self.near_miss is None:
            return
        self.facility.setCurrentText(self.near_miss.close[0])
        self._show_near_miss(None)
        self.check()

    def _new_facility_ticked(self, ticked: bool) -> None:
        if self.near_miss is None:
            return
        if ticked:
            self.new_facilities.add(self.near_miss.name)
        else:
            self.new_facilities.discard(self.near_miss.name)
        self.check()

    def check(self) -> None:
        """Read the file's first rows, then check every row as an import would, and roll it back."""
        if not self.allowed or self.running():
            return
        path = self.path_edit.text().strip()
        if not path:
            show_problem(self.problem, _("Choose the register's file first (Choose…, or type its path)."))
            self.path_edit.setFocus()
            return
        self._checked_for = self._wanted()
        self._clear_result()
        self.done_report = None
        self.custody_button.hide()
        facility, mapping, new = self._facility(), dict(self.mapping), tuple(self.new_facilities)
        uow, catalogue = self._app.uow, self._app.catalogue

        def work(ticket: Ticket) -> Check:
            preview = preview_register(Path(path), mapping)
            if preview.missing or not (facility or preview.has_facility):
                return preview, None
            try:
                with open_register(Path(path), mapping) as source:
                    report = import_register(uow(), catalogue, source, facility=facility, dry_run=True,
                                             progress=self._progress_for(ticket), new_facilities=new)
            except FacilityNearMiss as refused:  # the rows are still shown: the file itself is fine
                return preview, refused
            return preview, report

        self._run(_("Checking the register…"), work, self._checked)

    def start_import(self) -> None:
        """Import the checked register for real (one transaction: every good row, or nothing)."""
        if not self.allowed or self.running() or self.report is None:
            return
        if self._wanted() != self._checked_for:  # changed since the check: check again first
            self.check()
            return
        path, facility, mapping = Path(self.path_edit.text().strip()), self._facility(), dict(self.mapping)
        new = tuple(self.new_facilities)
        uow, catalogue = self._app.uow, self._app.catalogue

        def work(ticket: Ticket) -> RegisterImportReport:
            with open_register(path, mapping) as source:
                return import_register(uow(), catalogue, source, facility=facility,
                                       progress=self._progress_for(ticket),
                                       word=lambda error: describe(error)[0], new_facilities=new)

        self._run(_("Importing…"), work, self._imported)

    def stop(self) -> None:
        if self._ticket is not None and not self._ticket.finished:
            self._ticket.cancel()
            self.stop_button.setEnabled(False)
            self.progress_label.setText(_("Stopping: nothing will be saved…"))

    def show_custody(self) -> None:
        report = self.done_report
        places = report.facilities if report is not None else ()
        self.custody_requested.emit(places[0] if len(places) == 1 else None)
        self.accept()

    def running(self) -> bool:
        return self._ticket is not None and not self._ticket.finished

    # -- the work

    def _facility(self) -> str | None:
        return self.facility.currentText().strip() or None

    def _progress_for(self, ticket: Ticket) -> Callable[[int], None]:
        def progress(rows: int) -> None:  # on the worker thread: a number, read by the timer
            self._rows_read = rows
            if ticket.cancelled():
                raise ImportStopped
        return progress

    def _run(self, doing: str, work: Callable[[Ticket], Any], done: Callable[[Any], None]) -> None:
        self._rows_read = 0
        self._doing = doing
        self._done = done
        self.progress_label.setText(doing)
        self._set_running(True)
        self._poll.start()
        self._ticket = self._worker.start(work, on_done=lambda result: self._finish(done, result),
                                          on_error=self._failed, on_cancelled=self._stopped)

    def _show_rows_read(self) -> None:
        if self._rows_read:
            self.progress_label.setText(_("{doing} {n} rows read").format(
                doing=self._doing, n=f"{self._rows_read:,}"))

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_label.setVisible(running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(running)
        for widget in (self.path_edit, self.choose_button, self.facility, self.check_button, self.columns,
                       self.use_recorded, self.new_facility):
            widget.setEnabled(not running and self.allowed)
        self.import_button.setEnabled(not running and self.report is not None and self.done_report is None)
        if not running:
            self._poll.stop()

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self._set_running(False)
        done(result)
        self._set_running(False)  # the buttons follow what `done` found
        if self._closing:
            self.reject()

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.report = None
        self.import_button.setEnabled(False)
        if isinstance(error, FacilityNearMiss):
            self._refuse_near_miss(error)
        elif isinstance(error, DomainError):
            self._show_near_miss(None)
            show_problem(self.problem, full_stop(describe(error)[0]) + " " + _("Nothing was saved."))
        else:
            self._show_near_miss(None)
            log.error("register import failed", exc_info=error)
            show_problem(self.problem, _(
                "The import failed unexpectedly ({error}); nothing was saved. The log file has the "
                "details.").format(error=type(error).__name__))
        if self._closing:
            self.reject()

    def _refuse_near_miss(self, error: FacilityNearMiss) -> None:
        """Say which recorded facility the name was close to, and offer both ways on."""
        if error.row is None:
            how = _("Choose “Use {recorded}”, or correct the name under Facility.").format(
                recorded=error.close[0])
        else:
            how = _("Correct the facility on row {row} of the file, then check again.").format(row=error.row)
        show_problem(self.problem, near_miss_message(error) + " " + how + " " + _(
            "If {name} really is another facility, tick “Record a new facility” below.").format(
            name=error.name))
        self._show_near_miss(error)
        (self.use_recorded if error.row is None else self.new_facility).setFocus()

    def _show_near_miss(self, error: FacilityNearMiss | None) -> None:
        """The two ways on from a refused facility name (hidden when there is none)."""
        self.near_miss = error
        self.use_recorded.setVisible(error is not None and error.row is None)
        self.new_facility.setVisible(error is not None)
        if error is None:
            return
        self.use_recorded.setText(_("&Use “{recorded}”").format(recorded=error.close[0]))
        self.new_facility.setText(_("Record a &new facility named “{name}” (it is not {recorded})")
                                  .format(name=error.name, recorded=error.close[0]))
        self.new_facility.blockSignals(True)
        self.new_facility.setChecked(error.name in self.new_facilities)
        self.new_facility.blockSignals(False)

    def _stopped(self, result: Any) -> None:
        if result is not None:  # it finished before it heard the Stop: an import is then saved
            self._finish(self._done, result)
            return
        self._set_running(False)
        self.report = None
        self.import_button.setEnabled(False)
        show_problem(self.problem, _("Stopped: nothing was saved. Press Check again to start over."))
        if self._closing:
            self.reject()

    def _clear_result(self) -> None:
        clear_problem(self.problem)
        self.report = None
        self.summary.clear()
        self.details.hide()
        self.panel.clear_errors()

    def _checked(self, result: Check) -> None:
        preview, report = result
        self.preview = preview
        if isinstance(report, FacilityNearMiss):
            self.panel.show_preview(preview, None)
            self._refuse_near_miss(report)
            return
        if report is None:
            self._show_near_miss(None)
        self.panel.show_preview(preview, report)
        if preview.missing:
            show_problem(self.problem, _(
                "This file is not a register this application can read: no column was recognised as the "
                "{fields}. Under “Columns”, choose which column holds it, or rename that column's "
                "header in the file (for example “Register number” and “Name”).").format(
                fields=_(" or the ").join(field_words(f) for f in preview.missing)))
            self.columns.setFocus()
            return
        if report is None:
            show_problem(self.problem, _(
                "This register has no facility column: choose, under Facility, the facility it is the "
                "register of, or add a facility column to the file."))
            self.facility.setFocus()
            return
        self.report = report
        if self.near_miss is not None and self.near_miss.name not in report.facilities_created:
            self._show_near_miss(None)  # the name was corrected: the choice is gone with it
        s = report.summary
        self.summary.setText("<b>" + _("Checked {n} rows:").format(
            n=f"{s.new + s.updated + s.unchanged + s.rejected:,}") + "</b> " + count_text(report) + ". "
            + _("Nothing is saved yet: press Import to save the rows without errors."))
        self._show_details(report)
        self.panel.show_errors(report)
        self.import_button.setFocus()

    def _imported(self, report: RegisterImportReport) -> None:
        self.report = self.done_report = report
        s = report.summary
        where = "; ".join(report.facilities)
        self.summary.setText("<b>" + _("Imported into {where}:").format(where=where) + "</b> "
                             + count_text(report) + ".")
        self._show_details(report)
        self.panel.show_errors(report)
        self.custody_button.show()
        self.custody_button.setFocus()
        if s.rejected_file:
            self.error_title.setText(_(
                "<b>Rows not imported ({n})</b>: copied with their row number and the reason to {path}. "
                "Correct them there or in the register, then import that file.").format(
                n=s.rejected, path=s.rejected_file))
        self.imported.emit(report)

    # -- showing what was read

    def _column_chosen(self, header: str, field: str) -> None:
        self.mapping[header] = field
        self.check()

    def _show_details(self, report: RegisterImportReport) -> None:
        lines = notes_of(report)
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))

    # -- closing

    def reject(self) -> None:
        """Close; while work runs, stop it first (nothing is saved) and close when it has stopped."""
        if self.running():
            self._closing = True
            self.stop()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
