"""Subcommands: init (create or upgrade the database)."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalaid_desktop.cli import cmd_key
from legalaid_desktop.cli.common import EXIT_OK, add_db_option, fail
from legalaid_desktop.domain.access import Role
from legalaid_desktop.i18n import _

if TYPE_CHECKING:
    from legalaid_desktop.app import Application


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "init", help=_("create or upgrade the database"),
        description=_("Create the database, or upgrade it to this version's schema (a backup is "
                      "made first), and print where it is. A new database is encrypted: its key is "
                      "kept in this computer's keyring (or, without a safe keyring, derived from a "
                      "passphrase), and its recovery key is printed once for you to keep safe."))
    add_db_option(parser)
    parser.add_argument("--no-encryption", action="store_true", dest="no_encryption", help=_(
        "create the database UNENCRYPTED: only on a disk that is encrypted already (BitLocker, "
        "FileVault, LUKS); its backups are unencrypted too"))
    parser.add_argument("--recovery-key", type=Path, metavar="FILE", dest="recovery_key",
                        help=_("write the new database's recovery key to this new file instead of "
                               "printing it"))
    parser.add_argument("--recovery-pdf", type=Path, metavar="FILE.pdf", dest="recovery_pdf",
                        help=_("write a page to print with the new database's recovery key as text and "
                               "as a QR code (instead of printing the key)"))
    parser.add_argument("--jurisdiction", metavar="CODE",
                        help=_("the default jurisdiction for facilities (e.g. KE, UG, GB-EAW)"))
    parser.add_argument("--office-code", metavar="CODE", help=_(
        "2 to 8 letters that begin this office's case references (NBO-2026-000001), so that "
        "offices exchanging records never share a reference (default: LA)"))
    parser.add_argument("--admin-user", metavar="NAME", dest="admin_user", help=_(
        "create the database's first account, an administrator (password from LEGALAID_PASSWORD, or "
        "typed twice); from then on everyone signs in"))
    parser.set_defaults(handler=run_init)
    cmd_key.register(commands)  # key, rekey and encrypt follow init in --help


def run_init(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.setup import init_database

    admin_password = _first_admin_password(args.admin_user) if args.admin_user else None
    if args.no_encryption:
        sys.stderr.write("legalaid: " + _(
            "warning: a new database will NOT be encrypted: anyone who gets the file, or a backup of it, "
            "reads every record. Use this only on a disk encrypted already.") + "\n")
    app = open_application(args.db, encryption=not args.no_encryption, created=partial(
        cmd_key.announce_new_database, key_file=args.recovery_key, pdf=args.recovery_pdf))
    info = init_database(app.uow(), app.catalogue, location=str(app.location.path),
                         revision=app.revision, jurisdiction=args.jurisdiction,
                         office_code=args.office_code)
    if app.revision_before is None:
        print(_("Created database {path}").format(path=info.location))  # noqa: T201
    elif app.revision_before != app.revision:
        print(_("Upgraded database {path} from schema {old}").format(  # noqa: T201
            path=info.location, old=app.revision_before))
    else:
        print(_("Database {path} is up to date").format(path=info.location))  # noqa: T201
    print(_("Schema revision: {rev}").format(rev=info.revision))  # noqa: T201
    print(_("Default jurisdiction: {code}").format(  # noqa: T201
        code=info.default_jurisdiction or _("(none; set one with --jurisdiction)")))
    print(_("Case references begin with: {code}").format(code=info.office_code))  # noqa: T201
    print(_("Cases: {n}").format(n=info.cases))  # noqa: T201
    print(_("Encrypted: {answer}").format(answer=_("yes") if app.key else _("no")))  # noqa: T201
    if args.admin_user and admin_password is not None:
        _add_first_admin(app, args.admin_user, admin_password)
    return EXIT_OK


def _first_admin_password(name: str) -> str:
    """The first administrator's password, checked before anything is created."""
    from legalaid_desktop.cli.sign_in import PASSWORD_ENV, new_password
    from legalaid_desktop.services.users import check_password

    password = new_password(name, PASSWORD_ENV)
    check_password(name, password)
    return password


def _add_first_admin(app: Application, name: str, password: str) -> None:
    from legalaid_desktop.services.users import add_user

    if not app.principal.unmanaged:
        fail(_("this database has accounts already; add more with `legalaid users add NAME --role ROLE`"))
    line = add_user(app.uow(), name=name, role=Role.ADMIN, password=password)
    print(_("Administrator account: {name}. From now on everyone signs in: --user NAME or "  # noqa: T201
            "LEGALAID_USER, and LEGALAID_PASSWORD or the prompt.").format(name=line.name))
