"""A thin Qt table model over a paged read query: the count sizes the view, pages come as it scrolls.

Only the pages the view shows are read (offset pages, sorted and filtered in the database), and only
KEPT_PAGES of them stay in memory; a page let go is one query away. Each column is a rows_model.Column
whose `sort` is the key the database sorts by (None: the column does not sort).

A model given `count_up_to` counts a search no further than `up_to` rows past which it says "more"
(a single letter matches most of 100,000 rows, and counting them all costs more than the page); the
view scrolled to the end of those rows asks for more (Qt's fetchMore), and the whole count follows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from legalaid_desktop.ui.case_text import words as case_words
from legalaid_desktop.ui.deadline_model import OVERDUE_COLOUR, SOON_COLOUR, TEXT_COLOUR
from legalaid_desktop.ui.rows_model import RowRole, SortRole

PAGE_SIZE = 200
KEPT_PAGES = 8

_ICONS: dict[str, QIcon] = {}

F = TypeVar("F")
Fetch = Callable[[F, int, int, str, bool], Sequence[Any]]
"""(filters, offset, limit, sort key, descending) to the rows of that page."""
Count = Callable[[F], int]
CountUpTo = Callable[[F, int], int]
"""(filters, limit) to the count, or limit + 1 where it stopped counting."""

_ModelIndex = QModelIndex | QPersistentModelIndex


def state_icon(state: str | None) -> QIcon | None:
    """The icon beside the words of an overdue ("overdue") or due-soon ("soon") row."""
    if state not in ("overdue", "soon"):
        return None
    if state not in _ICONS:
        pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if state == "overdue"
                  else QStyle.StandardPixmap.SP_MessageBoxWarning)
        _ICONS[state] = QApplication.style().standardIcon(pixmap)
    return _ICONS[state]


def words(value: str | None) -> str:
    """A stored vocabulary value as the case view says it ("law_student" to "Law student")."""
    return case_words(value)


class DbColumn:
    """One column of a paged list: header, words, and the database's sort key (None: unsortable).

    `tooltip` and `icon` take the row. `flipped`: ascending in the view is descending in the
    database (more days held means an earlier start). `ltr`: an identifier kept left-to-right.
    """

    def __init__(self, name: str, header: str, text: Callable[[Any], str], *, sort: str | None = None,
                 raw: Callable[[Any], Any] | None = None, tooltip: Callable[[Any], str | None] | None = None,
                 icon: Callable[[Any], Any] | None = None, align_right: bool = False,
                 flipped: bool = False, ltr: bool = False, hidden: bool = False) -> None:
        self.name, self.header, self.text, self.sort = name, header, text, sort
        self.raw, self.tooltip, self.icon = raw, tooltip, icon
        self.align_right, self.flipped, self.ltr, self.hidden = align_right, flipped, ltr, hidden


class CountedRows(QAbstractTableModel, Generic[F]):
    """A table whose rows the database counts for the filters: whole, or, given `count_up_to`, no
    further than `up_to` at first, the rest counted when the view reaches the end (fetchMore)."""

    def __init__(self, count: Count[F], filters: F, parent: Any = None, *,
                 count_up_to: CountUpTo[F] | None = None, up_to: int = 1000) -> None:
        super().__init__(parent)
        self._count = count
        self._count_up_to = count_up_to
        self._up_to = up_to
        self._filters = filters
        self._total = 0
        self._more = False

    def _counted(self, filters: F) -> tuple[int, bool]:
        """The rows to show for `filters` at first, and whether more match. `count_up_to` stops at
        up_to + 1 when it stops early; a count above that was made whole (storage counts a list
        without a search whole: it is cheap there)."""
        if self._count_up_to is None:
            return self._count(filters), False
        counted = self._count_up_to(filters, self._up_to)
        return (self._up_to, True) if counted == self._up_to + 1 else (counted, False)

    def total(self) -> int:
        return self._total

    def more(self) -> bool:
        """Whether more rows match than `total` says (counted no further; `count_all` counts them)."""
        return self._more

    def count_all(self) -> None:
        """Count every row the filters keep, when they were counted no further than a limit."""
        if not self._more:
            return
        total = self._count(self._filters)
        self._more = False
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()

    def canFetchMore(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self.count_all()


class PagedTableModel(CountedRows[F]):
    """Rows come from `fetch(filters, offset, limit, sort, descending)` a page at a time; `count`
    gives how many there are. `state(row)` says "overdue", "soon" or None: the row's colour, which
    never carries the meaning alone (a column says it in words, with an icon)."""

    def __init__(self, columns: Sequence[DbColumn], fetch: Fetch[F], count: Count[F], filters: F, *,
                 sort: str, state: Callable[[Any], str | None] | None = None, parent: Any = None,
                 count_up_to: CountUpTo[F] | None = None, up_to: int = 1000) -> None:
        super().__init__(count, filters, parent, count_up_to=count_up_to, up_to=up_to)
        self._columns = tuple(columns)
        self._fetch = fetch
        self._sort = sort
        self._descending = False
        self._state = state
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()

    # -- our own methods

    @property
    def columns(self) -> tuple[DbColumn, ...]:
        return self._columns

    def set_filters(self, filters: F) -> None:
        """List what `filters` keep; when counting them fails the model is left as it was."""
        total, more = self._counted(filters)
        self.beginResetModel()
        self._filters, self._total, self._more = filters, total, more
        self._pages.clear()
        self.endResetModel()

    def filters(self) -> F:
        return self._filters

    def sort_order(self) -> tuple[str, bool]:
        """The database sort key and direction the rows are in now."""
        return self._sort, self._descending

    def reload(self) -> None:
        """Count again and forget every page (the rows may have changed)."""
        self.set_filters(self._filters)

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(self._filters, number * PAGE_SIZE, PAGE_SIZE, self._sort, self._descending)
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None  # a page read again may have shrunk

    def column_named(self, name: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.name == name)

    def cell_text(self, row: Any, column: int) -> str:
        """The words of a cell, as shown and as exported (without direction marks)."""
        return self._columns[column].text(row)

    # -- Qt overrides

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.sort is None:
                return column.header
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = column.text(row)
            return "\u2066" + text + "\u2069" if column.ltr and text else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column.text(row)
        if role == RowRole:
            return row
        if role == SortRole:
            return column.raw(row) if column.raw else column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and column.icon:
            return column.icon(row)
        state = self._state(row) if self._state and role in (
            Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) else None
        if role == Qt.ItemDataRole.BackgroundRole and state:
            return QBrush(OVERDUE_COLOUR if state == "overdue" else SOON_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return QBrush(TEXT_COLOUR)  # dark text on the light row colour, whatever the theme
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or self._columns[column].sort is None:
            return
        spec = self._columns[column]
        assert spec.sort is not None
        descending = (order == Qt.SortOrder.DescendingOrder) != spec.flipped
        self._sort, self._descending = spec.sort, descending
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
