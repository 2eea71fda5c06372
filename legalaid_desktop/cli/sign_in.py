"""Who the command line acts as: --user or LEGALAID_USER, with LEGALAID_PASSWORD or a terminal prompt.

Asked only when the database has accounts (app.default_credentials); without a terminal the command
never waits on a prompt: it stops with a clear line instead.
"""

from __future__ import annotations

import getpass
import os
import sys

from legalaid_desktop.app import Credentials
from legalaid_desktop.cli.common import fail
from legalaid_desktop.domain.access import PasswordRuleError, SignInRefused
from legalaid_desktop.i18n import _

USER_ENV = "LEGALAID_USER"
PASSWORD_ENV = "LEGALAID_PASSWORD"
NEW_PASSWORD_ENV = "LEGALAID_NEW_PASSWORD"


def credentials_from(option: str | None) -> Credentials:
    """The command line's app.default_credentials, with the --user option given (or None)."""

    def credentials(named: str | None) -> tuple[str, str]:
        name = named or option or os.environ.get(USER_ENV)
        if not name:
            raise SignInRefused(None, "needs_credentials")
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            if not sys.stdin.isatty():
                raise SignInRefused(name, "no_password")
            password = getpass.getpass(_("Password for {name}: ").format(name=name))
        return name, password

    return credentials


def new_password(name: str, variable: str = NEW_PASSWORD_ENV) -> str:
    """A new account password: from `variable`, or typed twice on a terminal."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        fail(_("a new password is needed for {name}: set {variable}, or run this on a terminal to type "
               "it in").format(name=name, variable=variable))
    first = getpass.getpass(_("New password for {name}: ").format(name=name))
    if getpass.getpass(_("The same password again: ")) != first:
        raise PasswordRuleError("differs")
    return first
