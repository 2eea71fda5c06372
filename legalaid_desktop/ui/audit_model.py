"""The audit log table: a thin Qt model that reads older entries only as the view scrolls to them, off
the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from legalaid_desktop.i18n import _
from legalaid_desktop.services.audit_view import AuditFilter, AuditLine
from legalaid_desktop.ui.audit_text import action_text, entity_text
from legalaid_desktop.ui.worker import Ticket, Worker

PAGE_SIZE = 200
RowRole = Qt.ItemDataRole.UserRole + 1

HEADERS = ("When", "User", "Action", "Record", "What changed", "Machine")
WHEN, USER, ACTION, RECORD, CHANGES, MACHINE = range(len(HEADERS))
SHOWN_CHANGES = 160
"""Characters of the changes shown in the cell; the whole text is in the tooltip and the details."""

Fetch = Callable[[AuditFilter, int | None, int], list[AuditLine]]


def when_text(line: AuditLine) -> str:
    """The moment in this computer's time zone, to the second."""
    return line.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def record_text(line: AuditLine) -> str:
    """The kind of record in words with the start of its UUID ("User account 924c1f0a…"); the
    tooltip and the details keep the code and the whole UUID."""
    kind = entity_text(line.entity)
    return f"{kind} {line.entity_uuid[:8]}…" if line.entity_uuid else kind


def cell_text(line: AuditLine, column: int) -> str:
    if column == WHEN:
        return when_text(line)
    if column == USER:
        return line.actor
    if column == ACTION:
        return action_text(line.action)
    if column == RECORD:
        return record_text(line)
    if column == CHANGES:
        text = " ".join(line.changes.split())
        return text if len(text) <= SHOWN_CHANGES else text[:SHOWN_CHANGES - 1] + "…"
    return line.machine


_ModelIndex = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """Entries newest first, `PAGE_SIZE` at a time from `fetch(filters, before_id, limit)`: the view
    asks for more (canFetchMore/fetchMore) as it scrolls, so a log of millions is never read whole.
    Sorting is the log's own order only (a sort by another column would have to read it all).

    Every read runs on `worker` (a word searched for in a large log scans it: seconds, never on the
    GUI thread); its rows arrive later. A read for older filters is thrown away when it comes.
    `loaded` follows a first page shown; `failed(error)` a read refused (the rows shown are kept).
    """

    loaded = Signal()
    failed = Signal(object)

    def __init__(self, fetch: Fetch, parent: Any = None, *, worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._worker = worker or Worker(self)
        self._filters = AuditFilter()
        self._rows: list[AuditLine] = []
        self._complete = True
        self._generation = 0
        self._reading: Ticket | None = None

    # -- our own methods

    def set_filters(self, filters: AuditFilter) -> None:
        """Read the first page for `filters`; it replaces the rows when it comes."""
        self._generation += 1
        generation = self._generation
        if self._reading is not None:
            self._reading.cancel()

        def done(first: list[AuditLine]) -> None:
            if generation != self._generation:
                return
            self._reading = None
            self.beginResetModel()
            self._filters = filters
            self._rows = list(first)
            self._complete = len(first) < PAGE_SIZE
            self.endResetModel()
            self.loaded.emit()

        def refused(error: BaseException) -> None:
            if generation == self._generation:
                self._reading = None
                self.failed.emit(error)

        self._reading = self._worker.start(lambda _ticket: self._fetch(filters, None, PAGE_SIZE),
                                           on_done=done, on_error=refused)

    def reload(self) -> None:
        self.set_filters(self._filters)

    def filters(self) -> AuditFilter:
        return self._filters

    def reading(self) -> bool:
        """A read is under way (its rows are not shown yet)."""
        return self._reading is not None and not self._reading.finished

    def complete(self) -> bool:
        """Every entry the filter selects is loaded."""
        return self._complete

    def row_at(self, row: int) -> AuditLine | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt overrides

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: _ModelIndex) -> bool:
        return not parent.isValid() and not self._complete and not self.reading()

    def fetchMore(self, parent: _ModelIndex) -> None:
        if parent.isValid() or self._complete or not self._rows or self.reading():
            return
        generation, filters, after = self._generation, self._filters, self._rows[-1].entry_id

        def done(more: list[AuditLine]) -> None:
            if generation != self._generation:
                return
            self._reading = None
            self._complete = len(more) < PAGE_SIZE
            if more:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()

        def refused(error: BaseException) -> None:
            if generation == self._generation:
                self._reading = None
                self._complete = True  # stop asking; the message says why
                self.failed.emit(error)

        self._reading = self._worker.start(lambda _ticket: self._fetch(filters, after, PAGE_SIZE),
                                           on_done=done, on_error=refused)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(HEADERS):
            return None
        line = self.row_at(index.row())
        if line is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(line, index.column())
        if role == RowRole:
            return line
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (CHANGES, RECORD):
            return line.changes if index.column() == CHANGES else " ".join(
                x for x in (line.entity, line.entity_uuid) if x)
        return None
