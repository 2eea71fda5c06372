"""The requests table: a thin Qt model that fetches only the pages the view shows, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from legalaid_desktop.domain.dto import Page
from legalaid_desktop.domain.requests import RequestFilter, RequestRow
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.ui.case_text import N_, local
from legalaid_desktop.ui.intake_text import STATUS_LABELS, label, where_from
from legalaid_desktop.ui.paged_model import CountedRows, CountUpTo

PAGE_SIZE = 200
RowRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
RECEIVED, PERSON, SOURCE, URGENCY, STATUS, WAITING = range(6)

# (header, sort key in the database or None); "waiting" sorts by receipt, the other way round.
COLUMNS: tuple[tuple[str, str | None], ...] = (
    (N_("Received"), "received"),
    (N_("Person"), "name"),
    (N_("Where from"), "source"),
    (N_("Urgency"), "urgent"),
    (N_("Status"), "status"),
    (N_("Days waiting"), "received"),
)
_URGENT_TINT = QColor("#fdecc8")

Fetch = Callable[[RequestFilter, int, int, str, bool], Page[RequestRow]]
Count = Callable[[RequestFilter], int]
_ModelIndex = QModelIndex | QPersistentModelIndex


def person_text(row: RequestRow) -> str:
    return row.full_name + (" " + _("(child)") if row.child_exemption else "")


def waiting_text(row: RequestRow) -> str:
    if row.decided_on is not None:
        return "—"  # no longer waiting; the tooltip says how long the decision took
    return ngettext("{n} day", "{n} days", row.days_waiting).format(n=row.days_waiting)


class RequestTableModel(CountedRows[RequestFilter]):
    """Rows come from `fetch(filters, offset, limit, sort, descending)`, a page at a time; newest
    first until a column is chosen. Given `count_up_to`, a search is counted no further than `up_to`
    at first, as ui.paged_model.PagedTableModel does.

    Times received are shown on one clock, `zone` (the office's): the list is in the order requests
    came in, and facilities in several time zones shown each in its own local time read out of
    order (23:00 in London before 23:00 in Lagos, an hour earlier). A facility's own local time is
    in the tooltip. Without `zone`, each row is in its facility's local time."""

    def __init__(self, fetch: Fetch, count: Count, parent: Any = None, *,
                 count_up_to: CountUpTo[RequestFilter] | None = None, up_to: int = 1000,
                 zone: str | None = None) -> None:
        super().__init__(count, RequestFilter(), parent, count_up_to=count_up_to, up_to=up_to)
        self._fetch = fetch
        self._zone = zone
        self._sort = "received"
        self._descending = True
        self._pages: dict[int, tuple[RequestRow, ...]] = {}

    # -- our own methods

    def set_filters(self, filters: RequestFilter) -> None:
        self._filters = filters
        self.reload()

    def filters(self) -> RequestFilter:
        return self._filters

    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._total, self._more = self._counted(self._filters)
        self.endResetModel()

    def pages_in_memory(self) -> int:
        return len(self._pages)

    def row_at(self, row: int) -> RequestRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(self._filters, number * PAGE_SIZE, PAGE_SIZE, self._sort,
                               self._descending).rows
            self._pages[number] = page
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _text(self, row: RequestRow, column: int) -> str:
        if column == RECEIVED:
            return local(row.received_at, self._zone or row.time_zone)
        if column == PERSON:
            return person_text(row)
        if column == SOURCE:
            return where_from(row.source.value, row.facility)
        if column == URGENCY:
            return "⚠ " + _("Urgent") if row.urgent else _("Routine")
        if column == STATUS:
            return label(row.status, STATUS_LABELS)
        return waiting_text(row)

    def received_tooltip(self, row: RequestRow) -> str:
        here = self._zone or row.time_zone or "UTC"
        text = _("Received {when} ({zone})").format(when=local(row.received_at, here), zone=here)
        if row.time_zone and row.time_zone != here:
            text += "\n" + _("{when} local time at the facility ({zone})").format(
                when=local(row.received_at, row.time_zone), zone=row.time_zone)
        return text

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
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == RowRole:
            return row
        if role == SortRole:
            return {RECEIVED: row.received_at, PERSON: row.full_name, SOURCE: row.source.value,
                    URGENCY: row.urgent, STATUS: row.status, WAITING: row.days_waiting}[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == RECEIVED:
            return self.received_tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column in (PERSON, SOURCE):
            return self._text(row, column)  # whole, where a narrow window cuts it short
        if role == Qt.ItemDataRole.ToolTipRole and column == WAITING and row.decided_on is not None:
            return _("Decided on {day}, {n} days after it came in").format(
                day=row.decided_on.isoformat(), n=row.days_waiting)
        if role == Qt.ItemDataRole.BackgroundRole and column == URGENCY and row.urgent \
                and row.decided_on is None:
            return QBrush(_URGENT_TINT)  # the words say it too: never colour alone
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WAITING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None:
            return
        key = COLUMNS[column][1]
        assert key is not None
        descending = order == Qt.SortOrder.DescendingOrder
        if column == WAITING:  # more days waiting means an earlier receipt
            descending = not descending
        self._sort, self._descending = key, descending
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()

