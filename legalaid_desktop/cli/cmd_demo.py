"""Subcommands: demo (fill a database with realistic, deterministic demo cases)."""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from legalaid_desktop.cli.common import EXIT_INPUT, EXIT_OK, add_db_option
from legalaid_desktop.i18n import _

if TYPE_CHECKING:
    from legalaid_desktop.services.catalogue import Catalogue
    from legalaid_desktop.services.ports import UnitOfWork


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "demo", help=_("fill a database with demo cases"),
        description=_("Fill the database with realistic demo data: 50 facilities in nine jurisdictions, "
                      "their courts, 300 lawyers, paralegals and law students, and N cases with "
                      "people, charges, custody events, hearings, legal aid requests and notes. The "
                      "same N, seed and as-of date always give the same data."))
    add_db_option(parser)
    parser.add_argument("--cases", type=_count, required=True, metavar="N",
                        help=_("how many cases to create, from 1 to 1,000,000"))
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help=_("any whole number; the same seed gives the same data (default: %(default)s)"))
    parser.add_argument("--as-of", type=_day, default=None, metavar="DATE", dest="as_of",
                        help=_("the date the data is current on, such as 2026-03-02 (default: today)"))
    parser.add_argument("--append", action="store_true",
                        help=_("add the cases to a database that already has some"))
    parser.set_defaults(handler=run_demo)


def _count(text: str) -> int:
    """A whole number; thousands may be grouped with commas or underscores (1,000,000)."""
    try:
        return int(text.strip().replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a whole number; give a number of cases from 1 to 1,000,000").format(
                value=text)) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; give one like 2026-03-02").format(value=text)) from None


def _progress(done: int, total: int) -> None:
    sys.stderr.write(_("demo: {done} / {total} cases").format(done=f"{done:,}", total=f"{total:,}") + "\n")
    sys.stderr.flush()


def _open_again(path: str) -> tuple[Callable[[], UnitOfWork], Catalogue]:
    """Open the database in the demo's helper process (a module-level function, so it pickles)."""
    from legalaid_desktop.app import open_application

    app = open_application(path)
    return app.uow, app.catalogue


def run_demo(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.demo import DemoRefusedError, check_demo_request, fill_demo_database

    check_demo_request(cases=args.cases, as_of=args.as_of)  # before the database file is created
    started = time.perf_counter()
    app = open_application(args.db)
    # A second process shares the work on two cores; a frozen bundle would need freeze_support for it.
    opener = None if getattr(sys, "frozen", False) else functools.partial(_open_again, str(app.location.path))
    try:
        summary = fill_demo_database(app.uow, app.catalogue, cases=args.cases, seed=args.seed,
                                     as_of=args.as_of, append=args.append, progress=_progress,
                                     opener=opener)
    except DemoRefusedError as refused:
        sys.stderr.write("legalaid: " + _(
            "the database {path} already has {cases} cases; demo data goes into a new database. "
            "Give a new file with --db (for example --db demo.sqlite), or add --append to add the "
            "demo cases to these.").format(path=app.location.path, cases=f"{refused.cases:,}") + "\n")
        return EXIT_INPUT
    seconds = time.perf_counter() - started
    line = _("demo: created {cases} cases, {facilities} facilities, {providers} providers in {seconds} s")
    print(line.format(cases=f"{summary.cases:,}", facilities=summary.facilities,  # noqa: T201
                      providers=summary.providers, seconds=f"{seconds:.1f}"))
    return EXIT_OK
