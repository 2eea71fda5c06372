"""The audit log viewer (Settings): filter by user, action, dates and words; export to CSV; verify the
hash chain. Reading more, exporting and verifying never hold up typing: pages are small, and the
export and the check run on a worker thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.audit import AuditCheck, verify_audit
from legalaid_desktop.services.audit_view import (
    AuditFilter,
    AuditLine,
    audit_lines,
    audit_names,
    check_filter,
    export_audit_csv,
)
from legalaid_desktop.ui.audit_model import CHANGES, AuditTableModel, RowRole, record_text, when_text
from legalaid_desktop.ui.audit_text import action_code, action_text
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem
from legalaid_desktop.ui.form_fields import date_edit, labelled, picked
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.plain_export import ask_plain_path
from legalaid_desktop.ui.worker import Ticket, Worker

log = logging.getLogger(__name__)
AskPath = Callable[[QWidget], str | None]
EVERYONE = ""


def _ask_csv_path(parent: QWidget) -> str | None:
    return ask_plain_path(parent, what=_("the audit log to CSV"), suggested="audit-log.csv",
                          name_filter=_("CSV files (*.csv)"), suffix="csv")


def local_day_start(day: date) -> datetime:
    """Midnight of `day` on this computer's clock, as a UTC moment."""
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC)



def _names_combo(parent: QWidget, name: str, everything: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    combo.setMinimumContentsLength(12)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    line = combo.lineEdit()
    assert line is not None  # an editable combo box has one
    line.setPlaceholderText(everything)
    return combo


class AuditPanel(QWidget):
    """The log newest first; filters apply as they change (words after a short pause)."""

    def __init__(self, application: Application, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 worker: Worker | None = None, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._ask_path = ask_path
        self.worker = worker or Worker(self)
        self.list_audit = ListAudit(application, "audit_log", self)
        self.loaded = False
        self._export: Ticket | None = None
        today = clock().astimezone().date()

        self.user = _names_combo(self, _("User"), _("Everyone"))
        self.action = _names_combo(self, _("Action"), _("Every action"))
        self.use_since = QCheckBox(_("Fro&m"), self)
        self.since = date_edit(self, _("From date"), today - timedelta(days=30))
        self.since.setEnabled(False)
        self.use_until = QCheckBox(_("&To"), self)
        self.until = date_edit(self, _("To date (included)"), today)
        self.until.setEnabled(False)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(_("Words in the record, its changes or the machine…"))
        self.text.setAccessibleName(_("Search the audit log"))
        self.text.setClearButtonEnabled(True)
        self.filter_problem = error_label(self, _("Audit filter"))

        filters = QGridLayout()
        filters.addWidget(labelled(_("Us&er:"), self, self.user), 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(labelled(_("&Action:"), self, self.action), 0, 2)
        filters.addWidget(self.action, 0, 3)
        filters.addWidget(labelled(_("&Words:"), self, self.text), 0, 4)
        filters.addWidget(self.text, 0, 5)
        filters.addWidget(self.use_since, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.use_until, 1, 2)
        filters.addWidget(self.until, 1, 3)
        filters.setColumnStretch(5, 1)

        self.model = AuditTableModel(self._fetch, self, worker=self.worker)
        self.model.loaded.connect(self._first_page)
        self.model.failed.connect(self._refused)
        self.model.rowsInserted.connect(lambda *_args: self._show_count())
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Audit log entries"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 110, 80, 130, 300, 110)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details.setAccessibleName(_("The selected entry"))
        self.details.setText(_("Select an entry to read all it recorded."))
        self.details.ensurePolished()
        self.details.setMinimumHeight(3 * self.details.fontMetrics().lineSpacing())

        self.count = QLabel(self)
        self.count.setAccessibleName(_("Entries shown"))
        self.export_button = QPushButton(_("E&xport to CSV…"), self)
        self.export_button.setAccessibleName(_("Export the entries the filters select to CSV"))
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button = QPushButton(_("&Verify the chain"), self)
        self.verify_button.setAccessibleName(_("Verify the audit log's hash chain"))
        self.verify_button.setToolTip(_("Check that no entry was edited, deleted or moved since it was "
                                        "written"))
        self.verify_button.clicked.connect(self.verify)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.outcome.setAccessibleName(_("Audit log check and export"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self, _("Every change, export, report, backup and sign-in is recorded "
                                      "here with who, when and from which machine. Entries are "
                                      "chained: an edited or deleted one shows in a check.")))
        layout.addLayout(filters)
        layout.addWidget(self.filter_problem)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.user, self.action):
            combo.currentTextChanged.connect(lambda _text: self._debounce.start())
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        for box in (self.use_since, self.use_until):
            box.toggled.connect(lambda _on: self.apply_filters())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _day: self.apply_filters())

    # -- reading

    def _fetch(self, filters: AuditFilter, before_id: int | None, limit: int) -> list[AuditLine]:
        return audit_lines(self._app.uow(), filters=filters, before_id=before_id, limit=limit)

    def current_filter(self) -> AuditFilter:
        since = local_day_start(picked(self.since)) if self.use_since.isChecked() else None
        until = (local_day_start(picked(self.until) + timedelta(days=1))
                 if self.use_until.isChecked() else None)
        return AuditFilter(actor=self.user.currentText().strip() or None,
                           action=self._action_code(),
                           since=since, until=until, text=self.text.text().strip() or None)

    def _action_code(self) -> str | None:
        """The action chosen or typed, as stored: a listed action's code, or what was typed, its words
        matched to a code where they are one's ("Added" is "create"; "sign in" is "sign_in")."""
        typed = self.action.currentText().strip()
        if not typed:
            return None
        index = self.action.currentIndex()
        code = self.action.itemData(index) if index > 0 and self.action.itemText(index) == typed else None
        if isinstance(code, str):
            return code
        return action_code(typed)

    def load(self) -> None:
        """Fill the user and action choices (read off the GUI thread: a large log takes a while), and
        read the first page."""
        self.loaded = True

        def fill(found: tuple[list[str], list[str]]) -> None:
            users, actions = found
            for combo, names in ((self.user, [(u, u) for u in users]),
                                 (self.action, [(action_text(a), a) for a in actions])):
                typed = combo.currentText()
                combo.blockSignals(True)
                combo.clear()
                combo.addItem(EVERYONE)
                for text, code in names:
                    combo.addItem(text, code)
                combo.setCurrentText(typed)
                combo.blockSignals(False)

        self.apply_filters()  # the first page first: the choices can come after it
        self.worker.start(lambda _ticket: audit_names(self._app.uow()), on_done=fill,
                          on_error=self._refused)

    def apply_filters(self) -> None:
        """Read the first page for the filters shown; a period that ends before it starts is said at
        once, beside the filters, and the rows shown stay."""
        self._debounce.stop()
        try:
            filters = check_filter(self.current_filter())
        except DomainError as error:
            show_problem(self.filter_problem, describe(error)[0])
            return
        clear_problem(self.filter_problem)
        self.count.setText(_("Reading the audit log…"))
        self.model.set_filters(filters)
        self.list_audit.shown(filters)

    def _first_page(self) -> None:
        clear_problem(self.filter_problem)
        self._show_count()
        self.details.setText(_("Select an entry to read all it recorded."))

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            show_problem(self.filter_problem, describe(error)[0])
        else:
            log.error("reading the audit log failed", exc_info=error)
            show_problem(self.filter_problem, _("The audit log could not be read because of a fault in the "
                                                "program; it is recorded in the log."))
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            self.count.setText(_("No entry matches these filters."))
        elif self.model.complete():
            self.count.setText(_("{n} entries, newest first.").format(n=f"{shown:,}") if shown != 1
                               else _("1 entry."))
        else:
            self.count.setText(_("The newest {n} entries; scroll down for older ones.").format(
                n=f"{shown:,}"))

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        line = self.model.data(rows[0], RowRole) if rows else None
        if not isinstance(line, AuditLine):
            return
        self._show_count()
        self.details.setText(_("Entry {n}, {when}: {user} on {machine}, {action} {record}.\n{changes}\n"
                               "Hash {hash}").format(
            n=line.entry_id, when=when_text(line), user=line.actor, machine=line.machine,
            action=action_text(line.action).lower(), record=record_text(line),
            changes=line.changes or _("(nothing else recorded)"), hash=line.entry_hash))

    # -- export and verify, off the GUI thread

    def export_csv(self) -> None:
        try:
            filters = check_filter(self.current_filter())  # a bad period, before a file is chosen
        except DomainError as error:
            show_problem(self.filter_problem, describe(error)[0])
            return
        chosen = self._ask_path(self)
        if not chosen:
            return
        path = Path(chosen)
        self.export_button.setEnabled(False)
        self.outcome.setText(_("Writing the audit log to {path}…").format(path=path))

        def work(ticket: Ticket) -> int:
            return export_audit_csv(self._app.uow, filters=filters, path=path, cancelled=ticket.cancelled)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.outcome.setText(_("✓ {n} entries written to {path}. The file is not encrypted: keep it "
                                   "as safe as the database.").format(n=f"{count:,}", path=path))
            self.load()  # the export is itself a new entry

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            if isinstance(error, DomainError):
                text = describe(error)[0]
            elif isinstance(error, OSError):
                text = _("Cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)
            else:
                log.error("audit export failed", exc_info=error)
                text = _("The export failed because of a fault in the program; it is recorded in the log.")
            self.outcome.setText("⚠ " + text)

        self._export = self.worker.start(work, on_done=done, on_error=failed)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.outcome.setText(_("Checking every entry of the audit log…"))

        def done(check: AuditCheck) -> None:
            self.verify_button.setEnabled(True)
            if check.problem is not None:
                self.outcome.setText(_("⚠ The audit log is broken at entry {n}: {problem}. Entries before "
                                       "it check out. Keep this database as it is and tell the "
                                       "administrator.").format(n=check.bad_entry, problem=check.problem))
            else:
                self.outcome.setText(_("✓ All {n} entries check out. The last one's hash is {head}: note it "
                                       "down to check the log against later.").format(
                    n=f"{check.entries:,}", head=check.head or _("(none: the log is empty)")))

        def failed(error: BaseException) -> None:
            self.verify_button.setEnabled(True)
            if not isinstance(error, DomainError):
                log.error("audit check failed", exc_info=error)
            self.outcome.setText("⚠ " + (describe(error)[0] if isinstance(error, DomainError) else _(
                "The check failed because of a fault in the program; it is recorded in the log.")))

        self.worker.start(lambda _ticket: verify_audit(self._app.uow()), on_done=done, on_error=failed)

    def stop(self) -> None:
        """Closing: an export half written is stopped (its file deleted by the work itself)."""
        if self._export is not None and not self._export.finished:
            self._export.cancel()
