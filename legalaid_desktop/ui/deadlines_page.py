"""The Deadlines screen: open deadlines of held people, most overdue first, with filter chips and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.access_log import record_export
from legalaid_desktop.services.dashboard import (
    DeadlineItem,
    Key,
    deadline_count,
    deadline_page,
    facility_names,
)
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.column_fit import ColumnFit
from legalaid_desktop.ui.deadline_export import EXPORT_PAGE, write_csv
from legalaid_desktop.ui.deadline_model import (
    CITATION,
    HEADERS,
    PAGE_SIZE,
    DeadlineTableModel,
    RowRole,
    over_text,
)
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.placeholder import ReadsWhenShown
from legalaid_desktop.ui.plain_export import ask_plain_path

AskPath = Callable[[QWidget], str | None]
def _ask_csv_path(parent: QWidget) -> str | None:
    return ask_plain_path(parent, what=_("deadlines to CSV"), suggested="deadlines.csv",
                          name_filter=_("CSV files (*.csv)"), suffix="csv")


class Chip(QPushButton):
    """A filter that is on or off, saying which in words (✓) as well as by its pressed look."""

    def __init__(self, label: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self.setCheckable(True)
        self.setAccessibleName(accessible)
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def _show_state(self, on: bool) -> None:
        self.setText(("✓ " if on else "") + self._label)


class DeadlinesPage(ReadsWhenShown):
    """Filter chips over a keyset-paged table; Enter or a double-click asks to open the row's case.

    The list is read again when shown after a `mark_stale` (a case was saved elsewhere) and on F5.
    """

    open_case_requested = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._ask_path = ask_path
        self._stale = True
        self._loading = False
        self.list_audit = ListAudit(application, "deadlines", self)
        self.overdue = Chip(_("&Overdue"), _("Show overdue deadlines"), self)
        self.overdue.setChecked(True)
        self.due_soon = Chip(_("Due &soon"), _("Show deadlines due soon (the warning lead time)"), self)
        self.due_soon.setChecked(True)
        self.within = Chip(_("Due &within"), _("Show deadlines due within a number of days"), self)
        self.days = QSpinBox(self)
        self.days.setRange(1, 365)
        self.days.setValue(30)
        self.days.setSuffix(_(" days"))
        self.days.setAccessibleName(_("Number of days ahead"))
        self.facility = QComboBox(self)
        self.facility.setAccessibleName(_("Facility"))
        self.facility.view().setAccessibleName(_("Facilities to choose from"))
        self.facility.setMinimumContentsLength(18)
        self.facility.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        facility_label = QLabel(_("Faci&lity:"), self)
        facility_label.setBuddy(self.facility)
        self.benchmarks = QCheckBox(_("Include &UN benchmarks"), self)
        self.benchmarks.setAccessibleName(_("Include UN benchmarks"))
        self.benchmarks.setToolTip(_("International standards beside national law, marked (UN benchmark)"))
        self.export_button = QPushButton(_("&Export CSV…"), self)
        self.export_button.setAccessibleName(_("Export the deadlines shown to a CSV file (not encrypted)"))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(_("Deadlines found"))
        self.model = DeadlineTableModel(self._fetch, self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Open deadlines"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setToolTip(_("Enter or double-click opens the case"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # The law is long: at 1280 pixels its column would show a few letters, so it starts hidden
        # (the header's menu shows it), and the chosen row's law is written out in full below.
        self.table.setColumnHidden(CITATION, True)
        self.columns = ColumnFit(self.table, (92, 118, 170, 150, 150, 112, 172, 122, 420), keep=(0, 1, 5, 7))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for column, title in enumerate(HEADERS):
            action = QAction(_(title), header)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
            header.addAction(action)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(_("The chosen deadline"))
        self.hint = QLabel(_("Most overdue first. Enter or double-click opens the case; F5 reads the list "
                             "again; right-click the column titles to show the law. Times are each "
                             "facility's local time."), self)
        self.hint.setWordWrap(True)

        chips = QHBoxLayout()
        for widget in (self.overdue, self.due_soon, self.within, self.days):
            chips.addWidget(widget)
        chips.addSpacing(12)
        chips.addWidget(facility_label)
        chips.addWidget(self.facility)
        chips.addWidget(self.benchmarks)
        chips.addStretch(1)
        status = QHBoxLayout()  # the export beside the count it writes, so the chips fit 1024 pixels
        status.addWidget(self.count_label, 1)
        status.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(chips)
        layout.addLayout(status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)

        self.due_soon.toggled.connect(self._soon_toggled)
        self.within.toggled.connect(self._within_toggled)
        for chip in (self.overdue, self.due_soon, self.within):
            chip.toggled.connect(self._filters_changed)
        self.days.valueChanged.connect(self._days_changed)
        self.benchmarks.toggled.connect(self._filters_changed)
        self.facility.currentIndexChanged.connect(self._filters_changed)
        self.table.activated.connect(self.open_row)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.export_button.clicked.connect(self.export_csv)

    # -- data

    def _fetch(self, filters: DeadlineFilter, limit: int, after: Key | None) -> list[DeadlineItem]:
        return deadline_page(self._app.uow(), self._app.deadline_book, filters, limit=limit, after=after)

    def current_filters(self) -> DeadlineFilter | None:
        """The filter the chips ask for; None when no chip asks for anything."""
        overdue, soon, within = (self.overdue.isChecked(), self.due_soon.isChecked(),
                                 self.within.isChecked())
        if not (overdue or soon or within):
            return None
        facility = self.facility.currentData()
        return DeadlineFilter(now=self._clock(), overdue=overdue,
                              within_days=self.days.value() if within else None, due_soon=soon,
                              facility=facility if isinstance(facility, str) else None,
                              include_benchmarks=self.benchmarks.isChecked())

    def load(self) -> None:
        """Read the facilities and the list again (F5, or shown after a change elsewhere)."""
        self._loading = True
        try:
            chosen = self.facility.currentData()
            self.facility.clear()
            self.facility.addItem(_("All facilities"), None)
            for name in facility_names(self._app.uow()):
                self.facility.addItem(name, name)
            found = self.facility.findData(chosen) if isinstance(chosen, str) else -1
            self.facility.setCurrentIndex(max(found, 0))
        finally:
            self._loading = False
        self._stale = False
        self.apply_filters()

    def apply_filters(self) -> None:
        filters = self.current_filters()
        try:
            self.model.set_filters(filters)
            total = deadline_count(self._app.uow(), filters) if filters is not None else 0
        except DomainError as error:
            self.model.set_filters(None)
            self.count_label.setText(describe(error)[0])
            return
        if filters is not None:
            self.list_audit.shown(filters)
        if filters is None:
            self.count_label.setText(_("Choose Overdue, Due soon or Due within to list deadlines."))
        elif total == 0:
            self.count_label.setText(_("No open deadlines match."))
        else:
            where = filters.facility or _("all facilities")
            self.count_label.setText(
                (_("{n} open deadlines at {where}") if total != 1 else _("1 open deadline at {where}"))
                .format(n=f"{total:,}", where=where))
        self.export_button.setEnabled(total > 0)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def show_filtered(self, *, facility: str | None, overdue: bool, due_soon: bool) -> None:
        """Set the chips from outside (the dashboard's links) and list what they select."""
        if self._stale:
            self.load()
        self._loading = True
        try:
            self.overdue.setChecked(overdue)
            self.due_soon.setChecked(due_soon)
            self.within.setChecked(False)
            self.benchmarks.setChecked(False)
            self.facility.setCurrentIndex(max(self.facility.findData(facility), 0) if facility else 0)
        finally:
            self._loading = False
        self.apply_filters()

    def _filters_changed(self, *_args: object) -> None:
        if not self._loading:
            self.apply_filters()

    def _soon_toggled(self, on: bool) -> None:
        if on:  # "due soon" and "due within" are two answers to one question: how far ahead
            self._quietly(self.within.setChecked, False)

    def _within_toggled(self, on: bool) -> None:
        if on:
            self._quietly(self.due_soon.setChecked, False)

    def _quietly(self, change: Callable[[bool], None], value: bool) -> None:
        """A chip changed as a consequence of another: the list is read once, for the click."""
        self._loading = True
        try:
            change(value)
        finally:
            self._loading = False

    def _days_changed(self, _value: int) -> None:
        if self.within.isChecked():
            self._filters_changed()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_at(current.row()) if current.isValid() else None
        if item is None:
            self.detail.clear()
            return
        words = _("{name}, {limit}: due {due:%A %Y-%m-%d %H:%M} ({over}). Law: {law}{rule}")
        self.detail.setText(words.format(
            name=item.full_name, limit=item.limit, due=item.due, over=over_text(item),
            law=item.citation or _("not recorded"), rule=f" [{item.rule}]" if item.rule else ""))

    # -- actions

    def open_row(self, index: QModelIndex) -> None:
        item = self.model.data(index, RowRole)
        if not isinstance(item, DeadlineItem):
            return
        if item.case_id is None:
            self.count_label.setText(_("This custody spell has no case to open."))
            return
        self.open_case_requested.emit(item.case_id)

    def export_csv(self) -> None:
        """Every row the chips select (not only those scrolled to), written a page at a time."""
        filters = self.model.filters()
        if filters is None:
            return
        path = self._ask_path(self)
        if not path:
            return
        total = deadline_count(self._app.uow(), filters)
        progress = QProgressDialog(_("Writing {n} deadlines…").format(n=f"{total:,}"), _("Stop"), 0,
                                   max(total, 1), self)
        progress.setWindowTitle(_("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        written = 0

        def advance(done: int) -> None:
            progress.setValue(min(done, progress.maximum()))
            QCoreApplication.processEvents()  # the dialog repaints and hears Stop between pages

        try:
            written = write_csv(Path(path), lambda after: deadline_page(
                self._app.uow(), self._app.deadline_book, filters, limit=EXPORT_PAGE, after=after),
                progress=advance, cancelled=progress.wasCanceled)
        except OSError as error:
            self.count_label.setText(_("Cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or error))
            return
        finally:
            progress.close()
        record_export(self._app.uow(), what="deadlines", rows=written, file=Path(path).name,
                      filters=filters, stopped=progress.wasCanceled())
        done = (_("Stopped: the first {n} deadlines are in {path} (not encrypted).")
                if progress.wasCanceled() else _("Wrote {n} deadlines to {path} (not encrypted)."))
        self.count_label.setText(done.format(n=f"{written:,}", path=path))


__all__ = ["PAGE_SIZE", "DeadlinesPage"]
