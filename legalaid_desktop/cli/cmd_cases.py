"""Subcommands: cases (list and search)."""

from __future__ import annotations

import argparse
from typing import Any

from legalaid_desktop.cli.common import (
    EXIT_OK,
    add_db_option,
    add_format_option,
    positive_number,
    record_listing,
    to_record,
    write_rows,
)
from legalaid_desktop.i18n import _, ngettext

COLUMNS = ("case_ref", "full_name", "sex", "date_of_birth", "facility", "register_number",
           "custody_status", "days_in_custody")


def register(commands: Any) -> None:
    parser = commands.top.add_parser("cases", help=_("list and search cases"),
                                     description=_("List cases sorted by name; search names, "
                                                   "case numbers and register numbers."))
    add_db_option(parser)
    parser.add_argument("--search", metavar="TEXT", help=_("words or the start of words to find"))
    parser.add_argument("--facility", metavar="NAME", help=_("only this facility"))
    parser.add_argument("--status", metavar="S", help=_(
        "only this custody status: untried, convicted_awaiting_sentence, "
        "sentenced_appeal_pending, sentenced, released"))
    parser.add_argument("--limit", type=positive_number, default=50, metavar="N",
                        help=_("at most N cases (default: %(default)s)"))
    parser.add_argument("--offset", type=int, default=0, metavar="N", help=argparse.SUPPRESS)
    add_format_option(parser)
    parser.set_defaults(handler=run_cases)


def run_cases(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.domain.dto import CaseFilter
    from legalaid_desktop.services.cases import list_cases

    app = open_application(args.db, create=False)
    filters = CaseFilter(search=args.search, facility=args.facility, status=args.status)
    # One row past the limit tells whether there are more, without counting them all.
    page = list_cases(app.uow(), filters=filters, offset=args.offset, limit=args.limit + 1)
    shown = page.rows[:args.limit]
    if args.format == "table" and not shown:
        print(_("No case matches.") if filters.search or filters.facility or filters.status  # noqa: T201
              else _("No case is recorded yet."))
    else:
        write_rows([to_record(r) for r in shown], COLUMNS, args.format)
    record_listing(app.uow(), kind="cases", filters=filters, rows=len(shown), fmt=args.format)
    if len(page.rows) > args.limit and args.format == "table":
        print(ngettext("The first case is shown, by name; --limit N shows more, --search narrows them.",  # noqa: T201
                       "The first {n} are shown, by name; --limit N shows more, --search narrows them.",
                       args.limit).format(n=args.limit))
    return EXIT_OK
