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
    pixels (its text is then cut short with "…"), except the columns to `keep` whole (a case number,
    a date: cut short, they say nothing); where there is room, they get their preferred widths back.
    Columns hidden with the column chooser are left out of the sum.
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
        kept = sum(self._preferred[c] for c in shown if c in self._keep)
        total = sum(self._preferred[c] for c in shown if c not in self._keep)
        room = table.viewport().width() - kept
        scale = min(1.0, room / total) if total > 0 and room > 0 else 1.0
        self._applying = True
        try:
            for column in shown:
                width = self._preferred[column]
                table.setColumnWidth(column, width if column in self._keep
                                     else max(self._narrowest, int(width * scale)))
        finally:
            self._applying = False

    def _resized(self, column: int, old: int, new: int) -> None:
        if self._applying or column >= len(self._preferred):
            return
        if old == 0 or new == 0:  # shown or hidden with the column chooser: share the width again
            self._later.start(0)
            return
        if QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._preferred[column] = new  # dragged by the user: their width is the one to keep
        # else the header's own doing (the last column stretched to the edge): not a preference
