"""What the people, custody, provider and facility screens share: a search box as you type, filter
chips, a paged table sorted in the database, a column chooser kept in QSettings, CSV export of every
matching row, and Enter or a double-click to open what a row is about."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.lists import ListFilter, ListKind
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.access_log import record_export
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.lists import EXPORT_BATCH, SEARCH_COUNT, list_count, list_page, list_rows
from legalaid_desktop.services.spreadsheet import safe_cell
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.column_fit import ColumnFit
from legalaid_desktop.ui.deadlines_page import Chip
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.paged_model import DbColumn, PagedTableModel
from legalaid_desktop.ui.placeholder import ReadsWhenShown
from legalaid_desktop.ui.plain_export import ask_plain_path
from legalaid_desktop.ui.rows_model import RowRole

AskPath = Callable[[QWidget, str], str | None]
SETTINGS_GROUP = "lists"


def _ask_csv_path(parent: QWidget, suggested: str) -> str | None:
    return ask_plain_path(parent, what=_("the list to CSV"), suggested=suggested,
                          name_filter=_("CSV files (*.csv)"), suffix="csv")


def as_you_type(box: QLineEdit, act: Callable[[], None], *, pause_ms: int = 150) -> QTimer:
    """Call `act` when typing in `box` pauses: one query for a burst of keys, not one per key."""
    timer = QTimer(box)
    timer.setSingleShot(True)
    timer.setInterval(pause_ms)
    timer.timeout.connect(act)
    box.textChanged.connect(lambda _text: timer.start())
    return timer


def write_list_csv(path: Path, headers: Sequence[str], batches: Any, cell: Callable[[Any, int], str],
                   columns: Sequence[int], *, progress: Callable[[int], object] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> int:
    """Write the rows of `batches` (lists of rows) a batch at a time; a stop keeps what was written.

    Text that starts like a formula is made harmless (services.spreadsheet.safe_cell).
    """
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # the BOM: Excel reads it as UTF-8
        writer = csv.writer(out)
        writer.writerow(headers)
        for batch in batches:
            writer.writerows([safe_cell(cell(row, c)) for c in columns] for row in batch)
            written += len(batch)
            if progress is not None:
                progress(written)
            if cancelled is not None and cancelled():
                break
    return written


class ListScreen(ReadsWhenShown):
    """A navigation screen over one list (services.lists). Subclasses give the columns, the chips
    (`add_chip`, `add_combo`), the filter they make (`current_filters`) and what a row opens.

    The list is read when first shown, after a `mark_stale` (a change saved elsewhere) and on F5.
    """

    open_case_requested = Signal(int)

    kind: ListKind
    default_sort: str = "name"

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._ask_path = ask_path
        self._stale = True
        self._loading = False
        self.list_audit = ListAudit(application, self.kind, self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search {what}").format(what=self.title()))
        self.chips = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(_("{what} found").format(what=self.title()))
        self.count_label.setWordWrap(True)
        self.export_button = QPushButton(_("&Export CSV…"), self)
        self.export_button.setAccessibleName(
            _("Export every row the filter keeps to a CSV file (not encrypted)"))
        self.model: PagedTableModel[ListFilter] = PagedTableModel(
            self.columns(), self._fetch, self._count, ListFilter(), sort=self.default_sort,
            state=self.row_state, parent=self, count_up_to=self._count_up_to, up_to=SEARCH_COUNT)
        self.model.rowsInserted.connect(lambda *_args: self._show_count())  # a search counted whole
        self.table = QTableView(self)
        self.table.setAccessibleName(self.title())
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(self.model.column_named(self.default_sort_column()),
                                Qt.SortOrder.AscendingOrder)
        # The columns fit the table's width; those kept whole (identifiers, figures) never shrink.
        columns = self.model.columns
        self.column_fit = ColumnFit(self.table, [self.column_width(c.name) for c in columns],
                                    keep=[n for n, c in enumerate(columns) if self.keeps_whole(c)])
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_column_menu)
        self._restore_hidden()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self._debounce = as_you_type(self.search, self.apply_filters)
        self.search.returnPressed.connect(self.search_entered)
        self.table.activated.connect(self.open_row)
        self.export_button.clicked.connect(self.export_csv)

        self.top = top = QHBoxLayout()  # a screen may add its own buttons beside Export
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.chips)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

    # -- what subclasses give

    def title(self) -> str:
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        """How many rows the filter keeps, in words ("1,204 people")."""
        raise NotImplementedError

    def columns(self) -> Sequence[DbColumn]:
        raise NotImplementedError

    def current_filters(self) -> ListFilter:
        raise NotImplementedError

    def case_of(self, row: Any) -> int | None:
        """The case a row opens (None: it has none, say so with `no_case_text`)."""
        return None

    def no_case_text(self, row: Any) -> str:
        return _("This row has no case to open.")

    def row_state(self, row: Any) -> str | None:
        """"overdue", "soon" or None: the row's colour (a column says the same in words)."""
        return None

    def column_width(self, name: str) -> int:
        return 120

    def keeps_whole(self, column: DbColumn) -> bool:
        """A column kept at its width in a narrow window (cut short, a case or register number or a
        figure says nothing); the others shrink in proportion, whole in their tooltips."""
        return column.ltr or column.align_right

    def default_sort_column(self) -> str:
        return next(c.name for c in self.model.columns if c.sort == self.default_sort)

    # -- building blocks for subclasses

    def add_chip(self, label: str, accessible: str, *, checked: bool = False) -> Chip:
        chip = Chip(label, accessible, self)
        chip.setChecked(checked)
        chip.toggled.connect(self._filters_changed)
        self.chips.addWidget(chip)
        return chip

    def add_combo(self, label: str, accessible: str, choices: Sequence[tuple[str, str | None]] = (),
                  *, beside_search: bool = False) -> QComboBox:
        """A drop-down filter with its caption, in the row of chips (or, `beside_search`, in the
        search row, where a narrow window has room to spare)."""
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        for text, value in choices:
            combo.addItem(text, value)
        buddy = QLabel(label, self)
        buddy.setBuddy(combo)
        if beside_search:
            self.top.insertWidget(1, buddy)
            self.top.insertWidget(2, combo)
        else:
            self.chips.addSpacing(8)
            self.chips.addWidget(buddy)
            self.chips.addWidget(combo)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def fill_facilities(self, combo: QComboBox) -> None:
        """All facilities, then each by name; the choice kept when it still exists."""
        self._loading = True
        try:
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(_("All facilities"), None)
            for name in facility_names(self._app.uow()):
                combo.addItem(name, name)
            found = combo.findData(chosen) if isinstance(chosen, str) else -1
            combo.setCurrentIndex(max(found, 0))
        finally:
            self._loading = False

    def search_text(self) -> str | None:
        return self.search.text().strip() or None

    # -- data

    def _fetch(self, filters: ListFilter, offset: int, limit: int, sort: str,
               descending: bool) -> tuple[Any, ...]:
        return list_page(self._app.uow(), kind=self.kind, filters=filters, offset=offset, limit=limit,
                         sort=sort, descending=descending, now=self._clock()).rows

    def _count(self, filters: ListFilter) -> int:
        return list_count(self._app.uow(), kind=self.kind, filters=filters, now=self._clock())

    def _count_up_to(self, filters: ListFilter, limit: int) -> int:
        return list_count(self._app.uow(), kind=self.kind, filters=filters, now=self._clock(),
                          at_most=limit)

    def refresh_choices(self) -> None:
        """Read the choices of the screen's combo boxes again (facilities may have been added)."""

    def load(self) -> None:
        """Read the choices and the list again (F5, first shown, or shown after a change)."""
        self.refresh_choices()
        self._stale = False
        self.apply_filters()

    def apply_filters(self) -> None:
        try:
            self.model.set_filters(self.current_filters())
        except DomainError as error:
            self.count_label.setText(describe(error)[0])
            self.export_button.setEnabled(False)
            return
        self.list_audit.shown(self.model.filters())
        total = self._show_count()
        self.export_button.setEnabled(total > 0)
        if total:
            self.table.setCurrentIndex(self.model.index(0, self._first_visible_column()))

    def _show_count(self) -> int:
        total = self.model.total()
        if not total:
            self.count_label.setText(_("Nothing to show: nothing matches the search and the chips "
                                       "above, or nothing is recorded yet."))
        elif self.model.more():  # a search counted no further (scrolled to the end, it counts on)
            self.count_label.setText(_("More than {count}").format(count=self.count_text(total)))
        else:
            self.count_label.setText(self.count_text(total))
        return total

    def _first_visible_column(self) -> int:
        header = self.table.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return 0

    def _filters_changed(self, *_args: object) -> None:
        if not self._loading:
            self.apply_filters()

    def set_quietly(self, change: Callable[[], None]) -> None:
        """Change several filter widgets, then read the list once."""
        self._loading = True
        try:
            change()
        finally:
            self._loading = False
        self.apply_filters()

    # -- columns

    def _settings_key(self) -> str:
        return f"{SETTINGS_GROUP}/{self.kind}/hidden"

    def _restore_hidden(self) -> None:
        saved = QSettings().value(self._settings_key())
        if saved is None:
            hidden = {c.name for c in self.model.columns if c.hidden}
        else:
            hidden = {str(x) for x in (saved if isinstance(saved, list) else [saved]) if x}
        for number, column in enumerate(self.model.columns):
            self.table.setColumnHidden(number, column.name in hidden)

    def set_column_shown(self, name: str, shown: bool) -> None:
        """Show or hide a column and remember it (one column always stays)."""
        number = self.model.column_named(name)
        visible = [n for n in range(self.model.columnCount()) if not self.table.isColumnHidden(n)]
        if not shown and visible == [number]:
            return
        self.table.setColumnHidden(number, not shown)
        hidden = [c.name for n, c in enumerate(self.model.columns) if self.table.isColumnHidden(n)]
        QSettings().setValue(self._settings_key(), hidden or [""])

    def column_menu(self) -> QMenu:
        menu = QMenu(_("Columns"), self)
        menu.setAccessibleName(_("Columns to show"))
        for number, column in enumerate(self.model.columns):
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            action.toggled.connect(lambda on, name=column.name: self.set_column_shown(name, on))
        return menu

    def show_column_menu(self, at: QPoint) -> None:
        self.column_menu().exec(self.table.horizontalHeader().mapToGlobal(at))

    # -- actions

    def search_entered(self) -> None:
        """Enter in the search box moves to the first row; Enter again opens it."""
        self._debounce.stop()
        self.apply_filters()
        if self.model.rowCount():
            self.table.setFocus()

    def open_row(self, index: QModelIndex) -> None:
        row = self.model.data(index, RowRole)
        if row is None:
            return
        case_id = self.case_of(row)
        if case_id is None:
            self.count_label.setText(self.no_case_text(row))
            return
        self.open_case_requested.emit(case_id)

    def visible_columns(self) -> list[int]:
        """The columns shown, in the order the user sees them."""
        header = self.table.horizontalHeader()
        return [n for n in (header.logicalIndex(v) for v in range(header.count()))
                if not header.isSectionHidden(n)]

    def export_csv(self) -> None:
        """Every row the filter keeps (not only those scrolled to), in the order and with the columns
        shown, read in one pass a batch at a time."""
        filters = self.model.filters()
        path = self._ask_path(self, f"{self.kind}.csv")
        if not path:
            return
        self.model.count_all()  # a search counted no further than a limit: its whole count now
        total = self.model.total()
        progress = QProgressDialog(_("Writing {n} rows…").format(n=f"{total:,}"), _("Stop"), 0,
                                   max(total, 1), self)
        progress.setWindowTitle(_("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def advance(done: int) -> None:
            progress.setValue(min(done, progress.maximum()))
            QCoreApplication.processEvents()  # the dialog repaints and hears Stop between batches

        sort, descending = self.model.sort_order()
        columns = self.visible_columns()
        batches = list_rows(self._app.uow(), kind=self.kind, filters=filters, sort=sort,
                            descending=descending, now=self._clock(), batch=EXPORT_BATCH)
        try:
            written = write_list_csv(Path(path), [self.model.columns[c].header for c in columns],
                                     batches, self.model.cell_text, columns, progress=advance,
                                     cancelled=progress.wasCanceled)
        except OSError as error:
            self.count_label.setText(_("Cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or error))
            return
        except DomainError as error:
            self.count_label.setText(describe(error)[0])
            return
        finally:
            batches.close()
            progress.close()
        record_export(self._app.uow(), what=self.kind, rows=written, file=Path(path).name, filters=filters,
                      stopped=progress.wasCanceled())
        done = (_("Stopped: the first {n} rows are in {path} (not encrypted).")
                if progress.wasCanceled() else _("Wrote {n} rows to {path} (not encrypted)."))
        self.count_label.setText(done.format(n=f"{written:,}", path=path))
