"""Small pieces the case dialogs share: a field with its message beneath, a line for the whole form."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from legalaid_desktop.i18n import _

ERROR_STYLE = "color: #a4161a;"
NOTE_STYLE = "color: #555;"


def error_label(parent: QWidget, field_name: str) -> QLabel:
    """A hidden, wrapping, red message read out with the field's name."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName(_("{field}: problem").format(field=field_name))
    label.hide()
    return label


def show_problem(label: QLabel, text: str) -> None:
    label.setText("⚠ " + text)
    label.show()


def clear_problem(label: QLabel) -> None:
    label.clear()
    label.hide()


def with_message(field: QWidget, message: QLabel) -> QVBoxLayout:
    """The field with its message right under it (a form row's field part)."""
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(message)
    return column


def note(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a dialog to its preferred size, but no larger than the screen it opens on (its parent's,
    else the main one), so a 1024x640 laptop shows all of it, buttons included; it never gets smaller
    than its own minimum, and its lists scroll instead."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        frame = 40  # the title bar and borders the window system adds around it
        width = min(width, room.width() - frame // 2)
        height = min(height, room.height() - frame)
    window.resize(width, height)


def read_only_table(parent: QWidget, model: QAbstractItemModel, name: str) -> QTableView:
    """A table of whole rows to choose one from: not editable, striped, one line a row, columns
    the user may widen, the last one taking what is left."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
