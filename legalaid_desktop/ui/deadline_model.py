"""The open deadlines table: keyset pages fetched as the view scrolls, only a few kept in memory."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.i18n import _
from legalaid_desktop.lateness_words import lateness_text
from legalaid_desktop.services.dashboard import DeadlineItem, Key

PAGE_SIZE = 200
KEPT_PAGES = 8
"""Pages of rows held at once; every page's start key is kept, so a page let go is one query away."""
RowRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

# How late first: the column a paralegal acts on must not scroll out of sight at 1024 pixels.
(STATE, OVER, PERSON, FACILITY, REGISTER, CASE, LIMIT, DUE, CITATION) = range(9)
HEADERS = ("Status", "Over / left", "Person", "Facility", "Register no.", "Case", "Limit", "Due (local)",
           "Law")

Fetch = Callable[[DeadlineFilter, int, Key | None], list[DeadlineItem]]
"""(filters, limit, after) to the next rows of the list, most overdue first."""

_ModelIndex = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor("#f9d6d5")
SOON_COLOUR = QColor("#fcebbd")
TEXT_COLOUR = QColor("#1a1a1a")


def state_text(item: DeadlineItem) -> str:
    if item.overdue:
        return _("Overdue")
    return _("Due soon") if item.due_soon else _("Upcoming")


def over_text(item: DeadlineItem) -> str:
    """Worded as the `legalaid deadlines` command words it."""
    return lateness_text(item.days_over, item.hours_over)


def ltr(text: str | None) -> str:
    """Identifiers stay left-to-right inside right-to-left text."""
    return "\u2066" + text + "\u2069" if text else ""


def cell_text(item: DeadlineItem, column: int) -> str:
    """The words of a cell, also what the CSV export writes (without the direction marks)."""
    if column == STATE:
        return state_text(item)
    if column == PERSON:
        return item.full_name
    if column == FACILITY:
        return item.facility
    if column == REGISTER:
        return item.register_number or ""
    if column == CASE:
        return item.case_ref or ""
    if column == LIMIT:
        return item.limit
    if column == DUE:
        return f"{item.due:%Y-%m-%d %H:%M}"
    if column == OVER:
        return over_text(item)
    return item.citation


class DeadlineTableModel(QAbstractTableModel):
    """Rows from `fetch`, a page at a time, appended as the view asks for more (fetchMore).

    Keyset paging: a page starts after the last row of the one before, so page 5,000 costs what
    page 1 does. Only KEPT_PAGES pages of rows stay in memory; the start key of each page is kept,
    so a page scrolled back to is read again with one query.
    """

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._filters: DeadlineFilter | None = None
        self._starts: list[Key | None] = []
        self._pages: OrderedDict[int, list[DeadlineItem]] = OrderedDict()
        self._rows = 0
        self._more = False
        self._icons: dict[str, QIcon] = {}

    # -- our own methods

    def set_filters(self, filters: DeadlineFilter | None) -> None:
        """Start the list again (None: an empty list) and read its first page."""
        self.beginResetModel()
        self._filters = filters
        self._starts, self._rows, self._more = [], 0, False
        self._pages.clear()
        if filters is not None:
            first = self._fetch(filters, PAGE_SIZE, None)
            self._starts.append(None)
            self._keep(0, first)
            self._rows = len(first)
            self._more = len(first) == PAGE_SIZE
        self.endResetModel()

    def filters(self) -> DeadlineFilter | None:
        return self._filters

    def row_at(self, row: int) -> DeadlineItem | None:
        if not 0 <= row < self._rows or self._filters is None:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(self._filters, PAGE_SIZE, self._starts[number])
            self._keep(number, page)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None  # a page read again may have shrunk

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def _keep(self, number: int, page: list[DeadlineItem]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)

    def _icon(self, item: DeadlineItem) -> QIcon | None:
        if not (item.overdue or item.due_soon):
            return None
        kind = "overdue" if item.overdue else "soon"
        if kind not in self._icons:
            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if item.overdue
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._icons[kind] = QApplication.style().standardIcon(pixmap)
        return self._icons[kind]

    # -- Qt overrides

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._filters is None:
            return
        last = self.row_at(self._rows - 1)
        if last is None:
            self._more = False
            return
        page = self._fetch(self._filters, PAGE_SIZE, last.key)
        self._more = len(page) == PAGE_SIZE
        if not page:
            return
        self.beginInsertRows(QModelIndex(), self._rows, self._rows + len(page) - 1)
        self._starts.append(last.key)
        self._keep(len(self._starts) - 1, page)
        self._rows += len(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(HEADERS):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(item, column)
            return ltr(text) if column in (REGISTER, CASE) else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_text(item, column)
        if role == RowRole:
            return item
        if role == SortRole:
            return item.days_over if column in (STATE, OVER, DUE) else cell_text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE:
            return self._icon(item)
        if role == Qt.ItemDataRole.BackgroundRole and (item.overdue or item.due_soon):
            # Never colour alone: the Status column says it in words, with an icon.
            return QBrush(OVERDUE_COLOUR if item.overdue else SOON_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and (item.overdue or item.due_soon):
            return QBrush(TEXT_COLOUR)  # dark text on the light row colour, whatever the theme
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LIMIT:
                rule = f"[{item.rule}]" if item.rule else ""
                return " ".join(x for x in (item.citation, rule) if x) or None
            if column == CITATION:
                return item.citation or None
            if column == DUE:
                return _("{due:%A} in the facility's local time").format(due=item.due)
            if column in (PERSON, FACILITY, REGISTER):
                return cell_text(item, column) or None  # whole, where a narrow window cuts it short
        if role == Qt.ItemDataRole.TextAlignmentRole and column == OVER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
