"""The cases table: a thin Qt model that fetches only the pages the view shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from legalaid_desktop.domain.dto import CaseFilter, CaseRow, Page
from legalaid_desktop.i18n import _

PAGE_SIZE = 200
RowRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

# (header, DTO attribute, sort key in the database or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("Case", "case_ref", "case_ref"),
    ("Name", "full_name", "name"),
    ("Sex", "sex", None),
    ("Date of birth", "date_of_birth", "date_of_birth"),
    ("Facility", "facility", "facility"),
    ("Register no.", "register_number", "register_number"),
    ("Custody status", "custody_status", "status"),
    ("Days held", "days_in_custody", "custody_start"),
)

Fetch = Callable[[CaseFilter, int, int, str, bool], Page[CaseRow]]
Count = Callable[[CaseFilter], int]

_ModelIndex = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Rows come from `fetch(filters, offset, limit, sort, descending)`, a page at a time."""

    def __init__(self, fetch: Fetch, count: Count, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self._filters = CaseFilter()
        self._sort = "name"
        self._descending = False
        self._total = 0
        self._pages: dict[int, tuple[CaseRow, ...]] = {}

    # -- our own methods

    def set_filters(self, filters: CaseFilter) -> None:
        self._filters = filters
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._total = self._count(self._filters)
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._total:
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self._fetch(self._filters, page_number * PAGE_SIZE, PAGE_SIZE,
                               self._sort, self._descending).rows
            self._pages[page_number] = page
        offset = row - page_number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # -- Qt overrides

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        attribute = COLUMNS[index.column()][1]
        value = getattr(row, attribute)
        if role == RowRole:
            return row
        if role == SortRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if isinstance(value, date):
                return value.isoformat()
            if attribute == "custody_status":
                return str(value).replace("_", " ")
            if attribute in ("case_ref", "register_number"):
                return "\u2066" + str(value) + "\u2069"  # keep identifiers left-to-right in RTL
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute == "days_in_custody":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][2] is None:
            return
        key = COLUMNS[column][2]
        assert key is not None
        descending = order == Qt.SortOrder.DescendingOrder
        if key == "custody_start":  # more days held means an earlier start
            descending = not descending
        self._sort, self._descending = key, descending
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
