"""A screen that is not built yet, saying so plainly; and what every screen offers the main window."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from legalaid_desktop.i18n import _


@runtime_checkable
class Screen(Protocol):
    """A navigation screen the main window can ask to read its data (F5, first shown, a change)."""

    def load(self) -> None: ...

    def mark_stale(self) -> None: ...


class ReadsWhenShown(QWidget):
    """A screen whose data is read again after `mark_stale`: now if it is shown, else when next shown.

    The screen sets `_stale` (True until its first read) and defines `load`, which clears it.
    """

    _stale: bool = True

    def load(self) -> None:
        raise NotImplementedError

    def mark_stale(self) -> None:
        """Something the screen shows changed: read it again now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()


class PlaceholderPage(QWidget):
    """A screen that is not built yet, saying so plainly."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(_("{title}: this screen is not built yet.").format(title=title), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
