"""Columns that fit the table's width: every column in sight on a 1024-pixel screen, not off to the right."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView


class ColumnFit(QObject):
    """Keeps a table's visible columns within its width.

    Each column has a preferred width (given here, or the one the user drags it to). Where the table is
    narrower than their sum, every visible column shrinks in proportion, never below `narrowest`
    pixels nor below its own title (its text is then cut short with "…", its title stays whole), except
    the columns to `keep` whole (a case number, a date: cut short, they say nothing); where there is
    room, they get their preferred widths back. Columns hidden with the column chooser are left out.
    """

    def __init__(self, table: QTableView, widths: Sequence[int], *, keep: Collection[int] = (),
                 narrowest: int = 56) -> None:
        super().__init__(table)
        self._table = table
        self._preferred = list(widths)
        self._keep = frozenset(keep)
        self._narrowest = narrowest
        self._applying = False
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.apply)
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)
        self.apply()

    def widths(self) -> list[int]:
        """The preferred widths, as they stand now."""
        return list(self._preferred)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        table = self._table
        model = table.model()
        count = min(len(self._preferred), model.columnCount()) if model is not None else 0
        shown = [c for c in range(count) if not table.isColumnHidden(c)]
        widths = {c: self._preferred[c] for c in shown}
        room = table.viewport().width() - sum(widths[c] for c in shown if c in self._keep)
        shrinking = [c for c in shown if c not in self._keep]
        # Shrink in proportion; a column that would go below its floor stays at it, and the others
        # share what is left (at most one round per column).
        while shrinking:
            if room <= 0:  # the columns kept whole fill the table: the others as narrow as they go
                for column in shrinking:
                    widths[column] = min(self._preferred[column], self._floor(column))
                break
            scale = min(1.0, room / sum(self._preferred[c] for c in shrinking))
            floored = [c for c in shrinking if self._preferred[c] * scale < self._floor(c)]
            if not floored:
                for column in shrinking:
                    widths[column] = int(self._preferred[column] * scale)
                break
            for column in floored:
                widths[column] = min(self._preferred[column], self._floor(column))
                room -= widths[column]
                shrinking.remove(column)
        self._applying = True
        try:
            for column in shown:
                table.setColumnWidth(column, widths[column])
        finally:
            self._applying = False

    def _floor(self, column: int) -> int:
        """The narrowest a column gets: `narrowest`, or its title with the sort arrow's room."""
        header = self._table.horizontalHeader()
        title = self._table.model().headerData(column, Qt.Orientation.Horizontal)
        return max(self._narrowest, header.fontMetrics().horizontalAdvance(str(title or "")) + 24)

    def _resized(self, column: int, old: int, new: int) -> None:
        if self._applying or column >= len(self._preferred):
            return
        if old == 0 or new == 0:  # shown or hidden with the column chooser: share the width again
            self._later.start(0)
            return
        if QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._preferred[column] = new  # dragged by the user: their width is the one to keep
        # else the header's own doing (the last column stretched to the edge): not a preference
