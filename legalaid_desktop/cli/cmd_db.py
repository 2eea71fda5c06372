"""Subcommands: init (create or upgrade the database)."""

from __future__ import annotations

import argparse
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option
from legalaid_desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "init", help=_("create or upgrade the database"),
        description=_("Create the database, or upgrade it to this version's schema (a backup is "
                      "made first), and print where it is."))
    add_db_option(parser)
    parser.add_argument("--jurisdiction", metavar="CODE",
                        help=_("the default jurisdiction for facilities (e.g. KE, UG, GB-EAW)"))
    parser.add_argument("--office-code", metavar="CODE", help=_(
        "2 to 8 letters that begin this office's case references (NBO-2026-000001), so that "
        "offices exchanging records never share a reference (default: LA)"))
    parser.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.setup import init_database

    app = open_application(args.db)
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
    return EXIT_OK
