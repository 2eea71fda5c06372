"""Subcommands: users add | list | disable | reset-password (administrators only)."""

from __future__ import annotations

import argparse
from typing import Any

from legalaid_desktop.cli.common import (
    EXIT_OK,
    add_db_option,
    add_format_option,
    record_listing,
    write_rows,
)
from legalaid_desktop.domain.access import Role, UserLine
from legalaid_desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "users", help=_("add, list, disable user accounts and reset their passwords (administrators)"),
        description=_("Once a database has an account, everyone signs in: --user NAME (or LEGALAID_USER) "
                      "with the password in LEGALAID_PASSWORD or typed at the prompt. New passwords come "
                      "from LEGALAID_NEW_PASSWORD, or are typed twice."))
    sub = parser.add_subparsers(dest="what", metavar="WHAT")
    sub.required = True
    add = sub.add_parser("add", help=_("add an account"), description=_(
        "Roles: admin (everything, and accounts), coordinator (assignments, conflicts, reports, "
        "registers, settings), lawyer (cases, with victims' and witnesses' contacts), paralegal "
        "(the cases of their facilities), viewer (reads only). A paralegal needs --facility; a "
        "lawyer or viewer may be limited to facilities with it."))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--facility", action="append", default=[], metavar="NAME",
                     help=_("a facility the account is limited to (repeat for more)"))
    add.set_defaults(handler=run_add)
    listing = sub.add_parser("list", help=_("list the accounts"))
    add_format_option(listing)
    listing.set_defaults(handler=run_list)
    disable = sub.add_parser("disable", help=_("stop an account from signing in (its history stays)"))
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(handler=run_disable)
    reset = sub.add_parser("reset-password", help=_("give an account a new password (lifts a lock)"))
    reset.add_argument("name", metavar="NAME")
    reset.set_defaults(handler=run_reset)
    for child in (add, listing, disable, reset):
        add_db_option(child)


def run_add(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.cli.sign_in import new_password
    from legalaid_desktop.services.users import add_user, check_password

    app = open_application(args.db, create=False)
    password = new_password(args.name)
    check_password(args.name, password)
    line = add_user(app.uow(), name=args.name, role=args.role, password=password, facilities=args.facility)
    print(_("Added {name} ({role}){where}.").format(  # noqa: T201
        name=line.name, role=line.role.value, where=_where(line)))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.users import list_users

    app = open_application(args.db, create=False)
    rows = [{"name": u.name, "role": u.role.value,
             "facilities": "; ".join(u.facilities) or _("all"),
             "status": _("disabled") if u.disabled else _("locked") if u.locked_until else _("active"),
             "last_sign_in": u.last_sign_in_at.isoformat(timespec="minutes") if u.last_sign_in_at else ""}
            for u in list_users(app.uow())]
    write_rows(rows, ["name", "role", "facilities", "status", "last_sign_in"], args.format)
    record_listing(app.uow(), kind="users", filters=None, rows=len(rows), fmt=args.format)
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.users import disable_user

    app = open_application(args.db, create=False)
    line = disable_user(app.uow(), name=args.name)
    print(_("{name} is disabled and can no longer sign in.").format(name=line.name))  # noqa: T201
    return EXIT_OK


def run_reset(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.cli.sign_in import new_password
    from legalaid_desktop.services.users import reset_password

    app = open_application(args.db, create=False)
    line = reset_password(app.uow(), name=args.name, password=new_password(args.name))
    print(_("{name} has a new password.").format(name=line.name))  # noqa: T201
    return EXIT_OK


def _where(line: UserLine) -> str:
    return _(", limited to {places}").format(places="; ".join(line.facilities)) if line.facilities else ""
