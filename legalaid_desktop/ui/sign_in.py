"""Signing in: the form (name, password, the reason a sign-in failed right under the field), the dialog
shown before the main window, and the words for each refusal as a person at the screen needs them."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.access import SignInRefused
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message
from legalaid_desktop.ui.form_fields import labelled

SignIn = Callable[[str, str], object]
"""Checks a name and password: returns what signing in gives (an application), or raises
SignInRefused (or another DomainError)."""


def wait_words(until: datetime, now: datetime) -> str:
    """"in 3 minutes" / "in 40 seconds": how long a locked account still waits."""
    seconds = max(1, math.ceil((until - now).total_seconds()))
    if seconds < 90:
        return _("in {n} seconds").format(n=seconds)
    return _("in {n} minutes").format(n=math.ceil(seconds / 60))


def refusal_text(error: DomainError, now: datetime) -> str:
    """Why the sign-in failed, in words for the screen (whether the name or the password was wrong is
    not told apart: that would tell a stranger which names exist)."""
    if not isinstance(error, SignInRefused):
        return describe(error)[0]
    locked = error.locked_until
    if error.reason == "locked" and locked is not None:
        return _("Too many wrong passwords: this account is locked until {at} ({wait}). Wait, or ask an "
                 "administrator to reset the password.").format(
            at=locked.astimezone().strftime("%H:%M:%S"), wait=wait_words(locked, now))
    if error.reason in ("unknown_user", "wrong_password"):
        text = _("The name or the password is not right. Check Caps Lock, and try again.")
        if locked is not None and locked > now:
            text += " " + _("After repeated failures the account is locked until {at} ({wait}).").format(
                at=locked.astimezone().strftime("%H:%M:%S"), wait=wait_words(locked, now))
        return text
    if error.reason == "disabled":
        return _("This account is disabled. Ask an administrator.")
    return describe(error)[0]


class SignInForm(QWidget):
    """Name and password with the problem beneath; `signed_in(result)` when `sign_in` accepts them.

    With `fixed_name` the name is shown, not asked (the lock screen: only the signed-in user unlocks).
    A refusal keeps the name, clears the password and puts the cursor back in it.
    """

    signed_in = Signal(object)
    problem_shown = Signal()

    def __init__(self, sign_in: SignIn, parent: QWidget | None = None, *, name: str = "",
                 fixed_name: str | None = None, button_text: str | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._clock = clock
        self.name = QLineEdit(fixed_name or name, self)
        self.name.setAccessibleName(_("User name"))
        self.name.setMaxLength(100)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.password.setMaxLength(256)
        self.problem = error_label(self, _("Sign in"))
        self.button = QPushButton(button_text or _("&Sign in"), self)
        self.button.setAccessibleName(button_text.replace("&", "") if button_text else _("Sign in"))
        # Return in a field is handled here (on to the password, then sign in), so the button is not the
        # dialog's default: Return in the name field must not try a sign-in without a password.
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.name.returnPressed.connect(self.password.setFocus)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if fixed_name is not None:
            self.name.hide()
            shown = QLabel(fixed_name, self)
            shown.setAccessibleName(_("Signed in as"))
            shown.setStyleSheet("font-weight: 600;")
            form.addRow(_("User:"), shown)
        else:
            form.addRow(labelled(_("&Name:"), self, self.name), self.name)
        form.addRow(labelled(_("&Password:"), self, self.password),
                    with_message(self.password, self.problem))
        form.addRow("", self.button)

    def start(self) -> None:
        """Put the cursor where typing starts."""
        (self.password if self.name.text() else self.name).setFocus()

    def _problem(self, text: str) -> None:
        show_problem(self.problem, text)
        self.problem_shown.emit()

    def submit(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        if not name:
            self._problem(_("Type your user name."))
            self.name.setFocus()
            return
        if not password:
            self._problem(_("Type your password."))
            self.password.setFocus()
            return
        self.button.setEnabled(False)
        try:
            result = self._sign_in(name, password)
        except DomainError as error:
            self._problem(refusal_text(error, self._clock()))
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            self.button.setEnabled(True)
        self.password.clear()
        clear_problem(self.problem)
        self.signed_in.emit(result)


class SignInDialog(QDialog):
    """Shown before the main window when the database has accounts; `result_value` is what signing in
    gave once the dialog is accepted. Quit (or Esc) leaves the application unopened."""

    def __init__(self, sign_in: SignIn, database: str, parent: QWidget | None = None, *, name: str = "",
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign in — Legal aid"))
        self.setAccessibleName(_("Sign in"))
        self.result_value: object = None
        title = QLabel(_("Sign in to the legal aid records"), self)
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        where = note(self, _("Database: {file}").format(file=database))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = SignInForm(sign_in, self, name=name, clock=clock)
        self.form.signed_in.connect(self._accepted)
        self.form.problem_shown.connect(self.adjustSize)  # room for the message's lines
        buttons = QDialogButtonBox(self)
        quit_button = buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addWidget(self.form)
        layout.addWidget(note(self, _("Forgot your password? An administrator can set a new one in "
                                      "Settings.")))
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.form.start()

    def _accepted(self, result: object) -> None:
        self.result_value = result
        self.accept()
