"""Benchmark: the People, Custody, Providers, Facilities and Requests lists at 100,000 cases, beside
raw sqlite3.

Not part of the test run. For each list it times, through the services (what the screens call):
- the first page: the count the scroll bar needs and the first 200 rows in the screen's default order;
- a search keystroke (people, custody and requests): the count and first page for a few typed
  prefixes, one letter among them, counted as the screens count a search (no further than
  services.lists.SEARCH_COUNT + 1);
- a sort: the first page of 200 in each sort order the screen offers;
and, in the same run, the very statements those calls sent to the database, captured as SQLAlchemy
emitted them and run again through the standard `sqlite3` module (the bare cost of the SQL). Medians
in milliseconds and the ratio service / raw are printed, with the machine's load average before and
after (the machine may be shared).

    python -m tests.benchmarks.bench_screen_lists --db /tmp/screen-lists/demo-100000.sqlite --repeat 7

The database is made with `legalaid demo --cases 100000 --as-of 2026-11-01` when it is not there.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.access import SignInRefused
from legalaid_desktop.domain.lists import ListFilter, ListKind
from legalaid_desktop.domain.requests import RequestFilter
from legalaid_desktop.services.intake import list_requests
from legalaid_desktop.services.lists import SEARCH_COUNT, list_count, list_page
from legalaid_desktop.services.users import DEMO_ADMIN, DEMO_PASSWORD
from legalaid_desktop.storage.list_queries import SORT_KEYS
from legalaid_desktop.storage.plan_cache import forget

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 1)
KEYSTROKES = ("m", "mo", "moh", "wan", "kam", "ach")
PARTS = ("first", "keystroke", "sort")
FIRST = {"people": ListFilter(), "custody": ListFilter(held=True), "providers": ListFilter(),
         "facilities": ListFilter()}


Result = tuple[str, float, float, float, float]
"""label, then medians in milliseconds: service wall clock, service CPU, raw wall clock, raw CPU."""


def median_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Medians of the wall clock and of this process's CPU time (all the work is in this process, so
    on a shared machine the CPU time is the steadier figure: the wall clock waits for the others)."""
    fn()  # warm the page cache and the statement cache
    wall, cpu = [], []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu)


HEADER = f"  {'measure':58} {'service':>9} {'(cpu)':>9} {'raw':>9} {'(cpu)':>9} {'ratio':>6}"


def line(result: Result) -> str:
    label, service, service_cpu, bare, bare_cpu = result
    return (f"  {label:58} {service:9.1f} {service_cpu:9.1f} {bare:9.1f} {bare_cpu:9.1f}"
            f" {service / max(bare, 0.001):6.2f}")


def opened(path: Path) -> Application:
    if not path.exists():
        subprocess.run([sys.executable, "-m", "legalaid_desktop.cli.main", "demo", "--db", str(path),
                        "--cases", "100000", "--as-of", TODAY.isoformat()], check=True)
    try:
        return open_application(str(path), actor="bench", encryption=False)
    except SignInRefused:  # a demo made since accounts exist has its demo administrator
        return open_application(str(path), encryption=False, user=DEMO_ADMIN, password=DEMO_PASSWORD)


class Captured:
    """The SELECT statements the services send, to run again through sqlite3."""

    def __init__(self, app: Application) -> None:
        self.statements: list[tuple[str, Any]] = []
        self.on = False
        with app.uow() as uow:
            engine = uow.session.get_bind()  # type: ignore[attr-defined]  # storage's own unit of work
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
              _many: bool) -> None:
        if self.on and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, parameters))

    def of(self, call: Callable[[], Any]) -> list[tuple[str, Any]]:
        self.statements, self.on = [], True
        try:
            call()
        finally:
            self.on = False
        return self.statements


def page_and_count(app: Application, kind: ListKind, filters: ListFilter, sort: str) -> Callable[[], Any]:
    """What a list screen reads when its filter changes (ui.list_screen: count, then the first page),
    as for a search typed for the first time (no plan kept from the last repetition)."""
    def call() -> None:
        forget()
        list_count(app.uow(), kind=kind, filters=filters, now=NOW, today=TODAY, at_most=SEARCH_COUNT)
        list_page(app.uow(), kind=kind, filters=filters, sort=sort, limit=200, now=NOW, today=TODAY)
    return call


def requests_page_and_count(app: Application, filters: RequestFilter) -> Callable[[], Any]:
    """What the Requests screen reads when its filter changes (ui.requests_page)."""
    def call() -> None:
        forget()
        list_requests(app.uow(), filters=filters, limit=0, with_total=True, at_most=SEARCH_COUNT)
        list_requests(app.uow(), filters=filters, limit=200, today=TODAY)
    return call


def first_page(app: Application, kind: ListKind, filters: ListFilter, sort: str) -> Callable[[], Any]:
    return lambda: list_page(app.uow(), kind=kind, filters=filters, sort=sort, limit=200, now=NOW,
                             today=TODAY)


def measure(app: Application, path: Path, repeat: int,
            parts: tuple[str, ...] = PARTS) -> list[Result]:
    capture = Captured(app)
    raw = sqlite3.connect(path)

    def both(label: str, call: Callable[[], Any]) -> Result:
        statements = capture.of(call)
        service = median_ms(call, repeat)
        bare = median_ms(lambda: [raw.execute(s, p).fetchall() for s, p in statements], repeat)
        result = (label, *service, *bare)
        print(line(result), flush=True)
        return result

    results = []
    print(HEADER)
    every: tuple[ListKind, ...] = ("custody", "people", "facilities", "providers")
    for kind in every if "first" in parts else ():
        results.append(both(f"{kind}: first page (count + 200 rows)",
                            page_and_count(app, kind, FIRST[kind], "name")))
    searched: tuple[ListKind | None, ...] = ("custody", "people", None)  # None: the requests list
    for listed in searched if "keystroke" in parts else ():
        typed = []
        for prefix in KEYSTROKES:
            call = (requests_page_and_count(app, RequestFilter(search=prefix)) if listed is None
                    else page_and_count(app, listed, ListFilter(search=prefix), "name"))
            typed.append(both(f"{listed or 'requests'}: keystroke '{prefix}' (count + 200 rows)", call))
        name = listed or "requests"
        figures = [[float(x[i]) for x in typed] for i in range(1, 5)]
        middle, worst = [statistics.median(f) for f in figures], [max(f) for f in figures]
        results.append((f"{name}: keystroke, median of {len(KEYSTROKES)}", *middle))  # type: ignore[arg-type]
        results.append((f"{name}: keystroke, slowest of {len(KEYSTROKES)}", *worst))  # type: ignore[arg-type]
    for kind in every if "sort" in parts else ():
        for sort in SORT_KEYS[kind]:
            results.append(both(f"{kind}: sort by {sort} (first 200)",
                                first_page(app, kind, FIRST[kind], sort)))
    raw.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/screen-lists/demo-100000.sqlite"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=PARTS,
                        help="what to measure (default: all)")
    args = parser.parse_args(argv)
    app = opened(args.db)
    print(f"## {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB), milliseconds, median of {args.repeat}")
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results = measure(app, args.db, args.repeat, tuple(args.parts))
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("\n## summary\n" + HEADER)
    for result in results:
        if "keystroke '" not in result[0]:
            print(line(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
