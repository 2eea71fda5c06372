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
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.register import RegisterImportReport, RegisterPreview, RejectedRow
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import describe
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.register_columns import CANONICAL, IGNORE
from legalaid_desktop.services.register_import import ImportStopped, import_register, open_register
from legalaid_desktop.services.register_source import preview_register
from legalaid_desktop.ui.dialog_parts import (
    clear_problem,
    error_label,
    fit_to_screen,
    note,
    read_only_table,
    show_problem,
)
from legalaid_desktop.ui.rows_model import Column, RowsModel
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
AskFile = Callable[[QWidget], str | None]
Check = tuple[RegisterPreview, RegisterImportReport | None]
ERROR_TINT = QColor("#fbe3e4")
NOT_READ = _("(not read)")


def field_words(field: str | None) -> str:
    """A register field as a paralegal reads it: "date_of_birth" is "date of birth"."""
    return field.replace("_", " ") if field else NOT_READ


def _ask_register_file(parent: QWidget) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the facility's register"), "",
        _("Registers (*.csv *.xlsx *.txt);;All files (*)"))
    return path or None


def problem_text(reject: RejectedRow) -> str:
    """What to write instead, from what the import expected."""
    return _("Write {expected}.").format(expected=reject.expected)


ERROR_COLUMNS = (
    Column(_("Row"), lambda r: str(r.row), sort=lambda r: r.row, align_right=True),
    Column(_("Column"), lambda r: field_words(r.field)),
    Column(_("Found"), lambda r: r.value or _("(blank)"), tooltip=lambda r: r.value or None),
    Column(_("What to write instead"), problem_text, tooltip=problem_text),
)


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip if tooltip is not None else text)
    return item


def count_text(report: RegisterImportReport) -> str:
    """"3 new people, 1 updated, 1 unchanged, 2 rows with errors": the counts a paralegal checks."""
    s = report.summary
    return ", ".join((
        ngettext("{n} new person", "{n} new people", s.new).format(n=f"{s.new:,}"),
        _("{n} updated").format(n=f"{s.updated:,}"),
        _("{n} unchanged").format(n=f"{s.unchanged:,}"),
        ngettext("{n} row with errors", "{n} rows with errors", s.rejected).format(n=f"{s.rejected:,}"),
    ))


def notes_of(report: RegisterImportReport) -> list[str]:
    """What else the user should know about the file: columns left out, duplicates, new places."""
    s, lines = report.summary, []
    dry = s.dry_run
    if s.unknown_columns:
        lines.append(_("Not read (no field recognised): {columns}. Choose a field for a column under "
                       "“Columns” if it holds one.").format(columns=", ".join(s.unknown_columns)))
    if report.repeated_columns:
        lines.append(_("Not read (a field already read from another column): {columns}.").format(
            columns=", ".join(report.repeated_columns)))
    if s.possible_duplicates:
        lines.append(ngettext(
            "{n} new person has the name and date of birth of someone already recorded: flagged for "
            "review on the People screen, never merged on its own.",
            "{n} new people have the name and date of birth of someone already recorded: flagged for "
            "review on the People screen, never merged on their own.", s.possible_duplicates).format(
            n=s.possible_duplicates))
    for name in report.facilities_created:
        lines.append((_("New facility to be recorded: {name}.") if dry else
                      _("New facility recorded: {name}.")).format(name=name))
    if report.courts_created:
        lines.append((_("New courts to be recorded: {names}.") if dry else
                      _("New courts recorded: {names}.")).format(names="; ".join(report.courts_created)))
    if report.header_row > 1:
        lines.append(_("The header is on row {row}; the rows above it are skipped.").format(
            row=report.header_row))
    if report.other_sheets:
        lines.append(_("Only the first worksheet, {sheet}, is read; not read: {others}.").format(
            sheet=report.sheet_name, others=", ".join(report.other_sheets)))
    if report.all_fallback:
        lines.append(_("The file is not UTF-8: it was read as Windows-1252. Check a few accented names."))
    elif report.fallback_lines:
        lines.append(_("Lines read as Windows-1252 (not UTF-8): {lines}. Check their accented letters.")
                     .format(lines=", ".join(str(n) for n in report.fallback_lines[:10])))
    return lines


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
        self._checked_for: tuple[str, str, tuple[tuple[str, str], ...]] | None = None
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
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("What the import does"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = note(self, "")
        self.details.setAccessibleName(_("More about the file"))
        self.details.hide()

        self.columns = QTableWidget(0, 2, self)
        self.columns.setHorizontalHeaderLabels([_("In the file"), _("Read as")])
        self.columns.setAccessibleName(_("How each column of the file is read"))
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.rows_table = QTableWidget(0, 0, self)
        self.rows_table.setAccessibleName(_("The register's first rows"))
        self.rows_table.verticalHeader().hide()
        self.rows_table.setWordWrap(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.errors = RowsModel(ERROR_COLUMNS, self)
        self.error_table = read_only_table(self, self.errors, _("Rows with errors"))
        self.error_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.error_table.horizontalHeader().setStretchLastSection(True)
        self.error_title = QLabel(self)
        self.error_title.setWordWrap(True)
        self.error_title.setBuddy(self.error_table)

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
                       self.close_button):
            button.setAutoDefault(False)
        self.import_button.setDefault(True)  # Enter imports once checked (a changed file is checked first)
        self._lay_out()
        self.choose_button.clicked.connect(self.choose_file)
        self.path_edit.editingFinished.connect(self.check_if_changed)
        self.facility.activated.connect(lambda _index: self.check_if_changed())
        if line is not None:
            line.editingFinished.connect(self.check_if_changed)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.stop_button.clicked.connect(self.stop)
        self.custody_button.clicked.connect(self.show_custody)
        self.close_button.clicked.connect(self.reject)
        self._set_running(False)
        self.import_button.setEnabled(False)
        self.custody_button.hide()
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

        columns_box = QWidget(self)
        column_layout = QVBoxLayout(columns_box)
        column_layout.setContentsMargins(0, 0, 0, 0)
        columns_title = QLabel("<b>" + _("Columns") + "</b>", columns_box)
        columns_title.setBuddy(self.columns)
        column_layout.addWidget(columns_title)
        column_layout.addWidget(self.columns, 1)
        rows_box = QWidget(self)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_title = QLabel("<b>" + _("First rows") + "</b>", rows_box)
        self.rows_title.setBuddy(self.rows_table)
        rows_layout.addWidget(self.rows_title)
        rows_layout.addWidget(self.rows_table, 1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(columns_box)
        top.addWidget(rows_box)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        top.setSizes([270, 800])  # the columns' names and fields; the rows take the rest
        errors_box = QWidget(self)
        errors_layout = QVBoxLayout(errors_box)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        errors_layout.addWidget(self.error_title)
        errors_layout.addWidget(self.error_table, 1)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(top)
        self.split.addWidget(errors_box)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)

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
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.split, 1)
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

    def _wanted(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return (self.path_edit.text().strip(), self.facility.currentText().strip(),
                tuple(sorted(self.mapping.items())))

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
        facility, mapping = self._facility(), dict(self.mapping)
        uow, catalogue = self._app.uow, self._app.catalogue

        def work(ticket: Ticket) -> Check:
            preview = preview_register(Path(path), mapping)
            if preview.missing or not (facility or preview.has_facility):
                return preview, None
            with open_register(Path(path), mapping) as source:
                report = import_register(uow(), catalogue, source, facility=facility, dry_run=True,
                                         progress=self._progress_for(ticket))
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
        uow, catalogue = self._app.uow, self._app.catalogue

        def work(ticket: Ticket) -> RegisterImportReport:
            with open_register(path, mapping) as source:
                return import_register(uow(), catalogue, source, facility=facility,
                                       progress=self._progress_for(ticket),
                                       word=lambda error: describe(error)[0])

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
        for widget in (self.path_edit, self.choose_button, self.facility, self.check_button, self.columns):
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
        if isinstance(error, DomainError):
            text = describe(error)[0]
        else:
            log.error("register import failed", exc_info=error)
            text = _("The import failed unexpectedly ({error}); nothing was saved. The log file has the "
                     "details.").format(error=type(error).__name__)
        show_problem(self.problem, text.rstrip(".") + ". " + _("Nothing was saved."))
        if self._closing:
            self.reject()

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
        self.errors.set_rows(())
        self.error_title.clear()

    def _checked(self, result: Check) -> None:
        preview, report = result
        self._show_preview(preview, report)
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
        s = report.summary
        self.summary.setText("<b>" + _("Checked {n} rows:").format(
            n=f"{s.new + s.updated + s.unchanged + s.rejected:,}") + "</b> " + count_text(report) + ". "
            + _("Nothing is saved yet: press Import to save the rows without errors."))
        self._show_details(report)
        self._show_errors(report)
        self.import_button.setFocus()

    def _imported(self, report: RegisterImportReport) -> None:
        self.report = self.done_report = report
        s = report.summary
        where = "; ".join(report.facilities)
        self.summary.setText("<b>" + _("Imported into {where}:").format(where=where) + "</b> "
                             + count_text(report) + ".")
        self._show_details(report)
        self._show_errors(report)
        self.custody_button.show()
        self.custody_button.setFocus()
        if s.rejected_file:
            self.error_title.setText(_(
                "<b>Rows not imported ({n})</b>: copied with their row number and the reason to {path}. "
                "Correct them there or in the register, then import that file.").format(
                n=s.rejected, path=s.rejected_file))
        self.imported.emit(report)

    # -- showing what was read

    def _show_preview(self, preview: RegisterPreview, report: RegisterImportReport | None) -> None:
        self.preview = preview
        self._fill_columns(preview)
        rejected = {r.row: r for r in (report.rejects if report else ())}
        table = self.rows_table
        table.clear()
        table.setColumnCount(len(preview.headers) + 1)
        table.setHorizontalHeaderLabels([_("Row")] + [
            f"{header or '—'}\n→ {field_words(field)}"
            for header, field in zip(preview.headers, preview.fields, strict=True)])
        table.setRowCount(len(preview.rows))
        for row, (number, cells) in enumerate(preview.rows):
            reject = rejected.get(number)
            mark = _item(("⚠ " if reject else "") + str(number),
                         describe_reject(reject) if reject else _("Row {n} of the file").format(n=number))
            table.setItem(row, 0, mark)
            for column in range(len(preview.headers)):
                text = cells[column] if column < len(cells) else ""
                table.setItem(row, column + 1, _item(text))
            if reject:
                for column in range(table.columnCount()):
                    cell = table.item(row, column)
                    if cell is not None:
                        cell.setBackground(QBrush(ERROR_TINT))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column in range(1, table.columnCount()):
            table.setColumnWidth(column, min(table.columnWidth(column), 220))
        sheet = f" ({preview.sheet_name})" if preview.sheet_name else ""
        self.rows_title.setText("<b>" + ngettext("First row{sheet}", "First {n} rows{sheet}",
                                                 len(preview.rows)).format(n=len(preview.rows), sheet=sheet)
                                + "</b> " + _("(rows with errors marked ⚠)"))

    def _fill_columns(self, preview: RegisterPreview) -> None:
        self.columns.setRowCount(0)
        shown = [(h, f) for h, f in zip(preview.headers, preview.fields, strict=True) if h.strip()]
        self.columns.setRowCount(len(shown))
        for row, (header, field) in enumerate(shown):
            self.columns.setItem(row, 0, _item(header))
            combo = QComboBox(self.columns)
            combo.setAccessibleName(_("Read the column {header} as").format(header=header))
            combo.addItem(NOT_READ, IGNORE)
            for name in CANONICAL:
                combo.addItem(field_words(name), name)
            combo.setCurrentIndex(max(combo.findData(field or IGNORE), 0))
            combo.currentIndexChanged.connect(
                lambda _index, h=header, c=combo: self._column_chosen(h, c.currentData()))
            self.columns.setCellWidget(row, 1, combo)

    def _column_chosen(self, header: str, field: Any) -> None:
        self.mapping[header] = str(field)
        self.check()

    def _show_details(self, report: RegisterImportReport) -> None:
        lines = notes_of(report)
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))

    def _show_errors(self, report: RegisterImportReport) -> None:
        self.errors.set_rows(report.rejects)
        n = len(report.rejects)
        if n:
            text = ngettext(
                "<b>{n} row with errors</b> will not be imported: correct it in the file and check again, "
                "or import the others now (it is then copied to a file beside the register, with the "
                "reason).",
                "<b>{n} rows with errors</b> will not be imported: correct them in the file and check "
                "again, or import the others now (they are then copied to a file beside the register, "
                "with the reason).", n).format(n=n)
        else:
            text = "<b>" + _("No row has errors.") + "</b>"
        self.error_title.setText(text)

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


def describe_reject(reject: RejectedRow) -> str:
    return _("Row {row}: {column} {found}; write {expected}.").format(
        row=reject.row, column=field_words(reject.field),
        found=_("is blank") if not reject.value else _("says “{value}”").format(value=reject.value),
        expected=reject.expected)
