"""Asked before the main window when the database named by --db or LEGALAID_DB is not there: a typo
in a path must not look like lost data, so a new, empty database is made only when the user says so."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from legalaid_desktop.i18n import _


class Choice(Enum):
    CREATE = "create"
    CHOOSE = "choose"
    QUIT = "quit"


class MissingDatabaseDialog(QMessageBox):
    """"There is no database at PATH": Create a new one there / Choose another… / Quit (also Escape).

    `choice` is what was clicked; Choose another… is the default button, so Enter never makes an
    empty database by accident.
    """

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("No database there"))
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path is shown as it is, never as markup
        self.setText(_("There is no database at\n{path}").format(path=path))
        details = [_("If you expected your cases there, check the path: a mistyped name, or a drive "
                     "that is not plugged in, looks like this. Nothing has been created.")]
        new = _("A new database there starts empty.")
        if not path.parent.is_dir():
            new = _("A new database there starts empty, in a new folder {folder}.").format(folder=path.parent)
        self.setInformativeText("\n\n".join([*details, new]))
        layout = self.layout()
        if isinstance(layout, QGridLayout):  # room for a long path and three buttons on one line
            layout.addItem(QSpacerItem(520, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                           layout.rowCount(), 0, 1, layout.columnCount())
        self.create_button = self.addButton(_("C&reate a new one there"), QMessageBox.ButtonRole.AcceptRole)
        self.choose_button = self.addButton(_("&Choose another…"), QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.choose_button)
        self.setEscapeButton(self.quit_button)
        self.choice = Choice.QUIT
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.create_button:
            self.choice = Choice.CREATE
        elif button is self.choose_button:
            self.choice = Choice.CHOOSE
        else:
            self.choice = Choice.QUIT


def ask(path: Path) -> Choice:
    dialog = MissingDatabaseDialog(path)
    dialog.exec()
    return dialog.choice


def choose_existing(near: Path) -> Path | None:
    """An existing database file picked in a file dialog (None: cancelled)."""
    folder = next((p for p in (near.parent, *near.parent.parents) if p.is_dir()), Path.home())
    chosen, _filter = QFileDialog.getOpenFileName(
        None, _("Choose the database"), str(folder),
        _("Databases (*.sqlite *.db);;All files (*)"))
    return Path(chosen) if chosen else None


def database_to_open(path: Path, *, asking: Callable[[Path], Choice] | None = None,
                     choosing: Callable[[Path], Path | None] | None = None) -> tuple[Path, bool] | None:
    """What to open instead of the missing `path`: (path, create) where create is True only when the
    user chose to create a new database there; None when they chose Quit. A file dialog cancelled
    goes back to the question. (`asking` and `choosing` default to the dialogs above.)"""
    while True:
        choice = (asking or ask)(path)
        if choice is Choice.CREATE:
            return path, True
        if choice is Choice.QUIT:
            return None
        chosen = (choosing or choose_existing)(path)
        if chosen is not None and chosen.exists():
            return chosen, False
