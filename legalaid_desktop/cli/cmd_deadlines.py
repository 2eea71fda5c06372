"""Subcommands: deadlines (who is past a limit, and what is next) and closures (days courts do not sit)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from legalaid_desktop.cli.common import (
    EXIT_OK,
    add_db_option,
    add_format_option,
    fail,
    iso_date,
    positive_number,
    record_listing,
    whole_number,
    write_rows,
)
from legalaid_desktop.i18n import _
from legalaid_desktop.lateness_words import lateness_text

COLUMNS = ("full_name", "facility", "register_number", "case_ref", "limit", "due", "days_over", "over",
           "citation", "rule")
TABLE_LIMIT = 100
TABLE_COLUMNS = ("full_name", "facility", "register_number", "limit", "due", "over", "citation")


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "deadlines", help=_("who is held past a custody time limit, and what is due next"),
        description=_("Open custody deadlines of the database, most overdue first: the person, the "
                      "facility and register number, which limit, by how many days, and the law that "
                      "sets it. Without --overdue or --within: overdue ones and those due soon (the "
                      "warning lead time, 2 court days unless the settings say otherwise)."))
    add_db_option(parser)
    parser.add_argument("--overdue", action="store_true", help=_("only deadlines already past"))
    parser.add_argument("--within", type=whole_number, metavar="DAYS",
                        help=_("overdue ones and those due in the next DAYS days"))
    parser.add_argument("--facility", metavar="NAME", help=_("only people held at this facility"))
    parser.add_argument("--include-benchmarks", action="store_true",
                        help=_("also the UN benchmarks (international standards beside national law)"))
    parser.add_argument("--limit", type=positive_number, metavar="N",
                        help=_("at most N lines (a table shows {n} unless told)").format(n=100))
    add_format_option(parser)
    parser.set_defaults(handler=run_deadlines)

    closures = commands.top.add_parser(
        "closures", help=_("days the courts do not sit (strikes, local holidays)"),
        description=_("Court closures the office adds beside the public holidays. Deadlines that roll "
                      "to the next court day skip them; the deadlines of every spell in the "
                      "jurisdiction are recomputed when one is added or removed."))
    sub = closures.add_subparsers(dest="what", metavar="WHAT")
    sub.required = True
    listing = sub.add_parser("list", help=_("the closures recorded"))
    add_db_option(listing)
    listing.add_argument("--jurisdiction", metavar="CODE", help=_("only this jurisdiction, such as KE"))
    add_format_option(listing)
    listing.set_defaults(handler=run_closures_list)
    for name, helptext in (("add", _("record a day the courts do not sit")),
                           ("remove", _("remove a recorded closure"))):
        command = sub.add_parser(name, help=helptext)
        add_db_option(command)
        command.add_argument("--jurisdiction", metavar="CODE", required=True,
                             help=_("the jurisdiction whose courts are closed, such as KE"))
        command.add_argument("--date", type=iso_date, metavar="DATE", required=True,
                             help=_("the day, such as 2026-12-01"))
        if name == "add":
            command.add_argument("--reason", metavar="TEXT", required=True,
                                 help=_("why, such as \"court staff strike\""))
        command.set_defaults(handler=run_closures_add if name == "add" else run_closures_remove)





def run_deadlines(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.domain.dto import DeadlineFilter
    from legalaid_desktop.services.deadlines import deadline_lines

    app = open_application(args.db, create=False)
    only_overdue = args.overdue and args.within is None
    filters = DeadlineFilter(now=datetime.now(UTC), overdue=True, within_days=args.within,
                             due_soon=not only_overdue and args.within is None,
                             facility=args.facility, include_benchmarks=args.include_benchmarks)
    rows = []
    # A table is read on screen: the first TABLE_LIMIT unless asked; CSV and JSON give everything.
    limit = args.limit or (TABLE_LIMIT if args.format == "table" else None)
    for line in deadline_lines(app.uow(), app.deadline_book, filters,
                               limit=None if limit is None else limit + 1):
        rows.append({
            "full_name": line.full_name, "facility": line.facility,
            "register_number": line.register_number, "case_ref": line.case_ref, "limit": line.limit,
            "due": line.due.isoformat(timespec="minutes") if args.format != "table"
            else f"{line.due:%Y-%m-%d %H:%M %a}",
            "days_over": line.days_over, "over": lateness_text(line.days_over, line.hours_over),
            "citation": line.citation, "rule": line.rule})
    more = limit is not None and len(rows) > limit
    if args.format == "table" and not rows:
        print(_("No open deadlines match."))  # noqa: T201 - the command's output
    else:
        write_rows(rows[:limit], TABLE_COLUMNS if args.format == "table" else COLUMNS, args.format)
    record_listing(app.uow(), kind="deadlines", filters=filters, rows=len(rows[:limit]), fmt=args.format)
    if more and args.format == "table":
        print(_("The first {n} are shown, most overdue first; --limit N shows more, --format csv "  # noqa: T201
                "all of them.").format(n=limit))
    return EXIT_OK


def run_closures_list(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.deadlines import list_closures

    app = open_application(args.db, create=False)
    rows = [{"jurisdiction": c.jurisdiction_code, "date": c.day.isoformat(), "reason": c.reason}
            for c in list_closures(app.uow(), jurisdiction_code=args.jurisdiction)]
    write_rows(rows, ("jurisdiction", "date", "reason"), args.format)
    return EXIT_OK


def run_closures_add(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.deadlines import add_closure

    app = open_application(args.db, create=False)
    closure = add_closure(app.uow(), app.deadline_book, jurisdiction_code=args.jurisdiction,
                          day=args.date, reason=args.reason)
    print(_("Courts in {code} closed on {day}: deadlines recomputed.").format(  # noqa: T201
        code=closure.jurisdiction_code, day=closure.day.isoformat()))
    return EXIT_OK


def run_closures_remove(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.deadlines import remove_closure

    app = open_application(args.db, create=False)
    remove_closure(app.uow(), app.deadline_book, jurisdiction_code=args.jurisdiction, day=args.date)
    print(_("Closure removed: deadlines recomputed."))  # noqa: T201
    return EXIT_OK


__all__ = ["fail", "register"]
