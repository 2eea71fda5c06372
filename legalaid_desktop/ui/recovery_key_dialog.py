"""The recovery key handed to the user: a dialog that saves it (a page to print, or a text file) to the
file they pick, says in plain words why it matters, and ends only on a choice; and the status-bar
reminder that stays until a copy was kept."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application, save_recovery_key
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.recovery_key import mark_kept, needs_reminder
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import ERROR_STYLE, note

log = logging.getLogger(__name__)
AskPath = Callable[[QWidget, bool, str], str | None]
"""Asks where to save (parent, as a PDF?, suggested name): the chosen path, or None."""


def _ask_path(parent: QWidget, pdf: bool, suggested: str) -> str | None:
    dialog = QFileDialog(parent, _("Save the recovery key — whoever holds this file can open the database"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(_("PDF page to print (*.pdf)") if pdf else _("Text file (*.txt)"))
    dialog.setDefaultSuffix("pdf" if pdf else "txt")
    dialog.selectFile(suggested)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]


def may_keep_recovery_key(application: Application) -> bool:
    """Whether this user is offered the recovery key: an encrypted database and an administrator."""
    principal = application.principal
    return application.key is not None and (principal.unmanaged or can(principal, Permission.MANAGE_DATABASE))


class DeliberateDialog(QDialog):
    """A dialog that Escape or the window's close button do not end: only its own buttons do, so an
    important message is not dismissed by accident."""

    def reject(self) -> None:  # Escape
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class RecoveryKeyDialog(DeliberateDialog):
    """Offers the recovery key of the opened (encrypted) database; ends with "I have kept it" (once a
    copy was saved; recorded in the database, so the reminder goes) or "Later (remind me)".

    `saved` lists the files written. `kept` is True once the user said they kept a copy.
    """

    kept_changed = Signal(bool)

    def __init__(self, application: Application, parent: QWidget | None = None, *, new: bool = False,
                 ask_path: AskPath | None = None, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        assert application.key is not None, "only an encrypted database has a recovery key"
        self._app = application
        self._ask_path = ask_path or _ask_path
        self._clock = clock
        self.saved: list[Path] = []
        self.kept = False
        self.setWindowTitle(_("Recovery key of {file}").format(file=application.location.path.name))
        self.setAccessibleName(_("Recovery key"))
        title = QLabel(_("Keep a copy of the recovery key") if not new else _(
            "The new database is encrypted: keep a copy of its recovery key now"), self)
        title.setWordWrap(True)
        title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        why = note(self, _(
            "The database's key is kept in this computer's keyring (or made from your passphrase). If this "
            "laptop breaks or is replaced, its keyring is lost or reset, or the passphrase is forgotten, "
            "the records and their backups can only be opened again with the recovery key. Without it "
            "they are lost for good."))
        why.setStyleSheet("")  # the reason to act, not a side note
        danger = QLabel(_(
            "Whoever holds the recovery key can open the database and its backups without any password. "
            "Print the page and lock it away, or save the file on a USB stick kept in a safe place: "
            "never on this computer, never beside the backups."), self)
        danger.setWordWrap(True)
        danger.setStyleSheet("font-weight: 600;")
        self.pdf = QPushButton(_("Save a page to &print (PDF, with a QR code)…"), self)
        self.pdf.setAccessibleName(_("Save the recovery key as a page to print"))
        self.pdf.clicked.connect(lambda: self.save(pdf=True))
        self.text = QPushButton(_("Save as a &text file…"), self)
        self.text.setAccessibleName(_("Save the recovery key as a text file"))
        self.text.clicked.connect(lambda: self.save(pdf=False))
        saving = QHBoxLayout()
        saving.addWidget(self.pdf)
        saving.addWidget(self.text)
        saving.addStretch(1)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("Recovery key saved"))
        self.later = QPushButton(_("&Later (remind me)"), self)
        self.later.setAccessibleName(_("Later: remind me to keep the recovery key"))
        self.later.setAutoDefault(False)
        self.later.clicked.connect(self._later)
        self.done_button = QPushButton(_("I have &kept it"), self)
        self.done_button.setAccessibleName(_("I have kept a copy of the recovery key"))
        self.done_button.setEnabled(False)
        self.done_button.setToolTip(_("Save the page or the file first"))
        self.done_button.setAutoDefault(False)
        self.done_button.clicked.connect(self.keep)
        ending = QHBoxLayout()
        ending.addStretch(1)
        ending.addWidget(self.later)
        ending.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(why)
        layout.addWidget(danger)
        layout.addSpacing(6)
        layout.addLayout(saving)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(ending)
        self.setMinimumWidth(min(620, max(420, (parent.width() - 80) if parent is not None else 620)))

    def _suggested(self, pdf: bool) -> str:
        stem = self._app.location.path.stem
        return f"recovery-key-{stem}.{'pdf' if pdf else 'txt'}"

    def save(self, *, pdf: bool) -> Path | None:
        chosen = self._ask_path(self, pdf, self._suggested(pdf))
        if not chosen:
            return None
        path = Path(chosen)
        try:
            save_recovery_key(self._app, path, pdf=pdf)
        except DomainError as error:
            self._problem(describe(error)[0])
            return None
        except OSError as error:
            self._problem(_("Cannot write {path}: {reason}").format(path=path,
                                                                    reason=error.strerror or error))
            return None
        self.saved.append(path)
        self.outcome.setStyleSheet("")
        self.outcome.setText((_("✓ Saved to {path}. Print it, then delete the file from this computer.")
                              if pdf else _("✓ Saved to {path}. Move it to a USB stick kept in a safe "
                                            "place, then delete it from this computer.")).format(path=path))
        self.done_button.setEnabled(True)
        self.done_button.setToolTip("")
        self.done_button.setDefault(True)
        return path

    def _problem(self, text: str) -> None:
        self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText("⚠ " + text)

    def keep(self) -> None:
        """The user keeps a copy: recorded in the database (the reminder goes), and the dialog ends."""
        key = self._app.key
        assert key is not None
        try:
            mark_kept(self._app.uow(), key_id=key.key_id, now=self._clock())
        except DomainError as error:
            self._problem(describe(error)[0])
            return
        self.kept = True
        self.kept_changed.emit(True)
        self.accept()

    def _later(self) -> None:
        log.info("the recovery key of %s was not kept yet: reminder stays", self._app.location.path.name)
        self.done(QDialog.DialogCode.Rejected)


class RecoveryReminder(QLabel):
    """The status bar's reminder, shown while no copy of the current key's recovery key was kept; an
    administrator's opens the dialog, anyone else's says whom to ask."""

    def __init__(self, application: Application, parent: QWidget, *,
                 open_dialog: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self.setAccessibleName(_("Recovery key reminder"))
        self.setStyleSheet(ERROR_STYLE)
        self._may = may_keep_recovery_key(application)
        if self._may and open_dialog is not None:
            self.linkActivated.connect(lambda _link: open_dialog())
        self.refresh()

    def refresh(self) -> bool:
        """Show or hide the reminder from the database's record; whether it is shown."""
        key = self._app.key
        try:
            shown = needs_reminder(self._app.uow(), key_id=key.key_id if key is not None else None)
        except DomainError as error:
            log.warning("recovery key reminder unreadable: %s", describe(error)[0])
            shown = False
        text = _("⚠ Recovery key not kept yet")
        self.setText(f'<a href="recovery">{text}</a>' if self._may else text)
        self.setToolTip(_("Without a copy of the recovery key, a new laptop or a lost keyring loses the "
                          "records: keep one now.") if self._may else _(
            "No copy of the database's recovery key was kept yet: ask an administrator."))
        self.setVisible(shown)
        return shown
