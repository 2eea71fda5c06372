"""Subcommands: demo (fill a database with realistic, deterministic demo cases)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from datetime import date
from typing import Any

from legalaid_desktop.cli.common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, add_db_option, fail
from legalaid_desktop.i18n import _


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


class _StopOnInterrupt:
    """The first Ctrl-C asks the fill to stop between chunks; a second one interrupts at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> _StopOnInterrupt:
        self._previous = signal.signal(signal.SIGINT, self._on_interrupt)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _on_interrupt(self, signum: int, frame: object) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.stderr.write("\n" + _("demo: stopping; the batch in progress will not be written "
                                   "(Ctrl-C again to stop at once)") + "\n")

    def __call__(self) -> bool:
        return self.requested


def run_demo(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import current_actor, open_application
    from legalaid_desktop.services.demo import (
        DemoCancelledError,
        DemoRefusedError,
        check_demo_request,
        fill_demo_database,
    )
    from legalaid_desktop.services.users import DEMO_ADMIN, DEMO_PASSWORD, ensure_demo_admin

    check_demo_request(cases=args.cases, as_of=args.as_of)  # before the database file is created
    if args.db is None and not os.environ.get("LEGALAID_DB"):
        # Made-up people must never mix with real ones in the default database.
        fail(_("give --db PATH (a new file): demo data goes into a database of its own, never into "
               "your default database"))
    started = time.perf_counter()
    # Demo data is made up: no key to lose (issue 4); a demo database already filled signs in as its
    # demo administrator, and a database with other accounts refuses that sign-in.
    app = open_application(args.db, encryption=False, actor=current_actor(), user=DEMO_ADMIN,
                           password=DEMO_PASSWORD)
    if app.key is not None:
        # An encrypted database is a real one: made-up people must not mix with real clients.
        fail(_("{path} is an encrypted database, made for real cases; demo data goes into a database "
               "of its own. Give a new file with --db (for example --db demo.sqlite).").format(
            path=app.location.path))
    try:
        with _StopOnInterrupt() as stop:
            summary = fill_demo_database(app.uow, app.catalogue, cases=args.cases, seed=args.seed,
                                         as_of=args.as_of, append=args.append, progress=_progress,
                                         cancelled=stop)
    except DemoCancelledError as stopped:
        sys.stderr.write("legalaid: " + _(
            "demo stopped; {done} cases were written to {path} and stay there.").format(
            done=f"{stopped.done:,}", path=app.location.path) + "\n")
        return EXIT_INTERNAL
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
    name, password = ensure_demo_admin(app.uow())
    sys.stderr.write(_("demo: sign in as {name} with password {password} (made-up data: these are not "
                       "secret), e.g. LEGALAID_USER={name} LEGALAID_PASSWORD={password} legalaid cases "
                       "--db {path}").format(name=name, password=password, path=app.location.path) + "\n")
    return EXIT_OK
