"""Benchmark: the People, Custody, Providers and Facilities lists at 100,000 cases, beside raw sqlite3.

Not part of the test run. For each list it times, through `services.lists` (what the screens call):
- the first page: the count the scroll bar needs and the first 200 rows in the screen's default order;
- a search keystroke (people and custody): the count and first page for a few typed prefixes;
- a sort: the first page of 200 in each sort order the screen offers;
and, in the same run, the very statements those calls sent to the database, captured as SQLAlchemy
emitted them and run again through the standard `sqlite3` module (the bare cost of the SQL). Medians
in milliseconds and the ratio service / raw are printed.

    python -m tests.benchmarks.bench_screen_lists --db /tmp/screen-lists/demo-100000.sqlite --repeat 7

The database is made with `legalaid demo --cases 100000 --as-of 2026-11-01` when it is not there.
"""

from __future__ import annotations

import argparse
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
from legalaid_desktop.services.lists import list_count, list_page
from legalaid_desktop.services.users import DEMO_ADMIN, DEMO_PASSWORD
from legalaid_desktop.storage.list_queries import SORT_KEYS

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 1)
KEYSTROKES = ("m", "mo", "moh", "wan", "kam", "ach")
FIRST = {"people": ListFilter(), "custody": ListFilter(held=True), "providers": ListFilter(),
         "facilities": ListFilter()}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


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
    def call() -> None:
        list_count(app.uow(), kind=kind, filters=filters, now=NOW, today=TODAY)
        list_page(app.uow(), kind=kind, filters=filters, sort=sort, limit=200, now=NOW, today=TODAY)
    return call


def first_page(app: Application, kind: ListKind, filters: ListFilter, sort: str) -> Callable[[], Any]:
    return lambda: list_page(app.uow(), kind=kind, filters=filters, sort=sort, limit=200, now=NOW,
                             today=TODAY)


def measure(app: Application, path: Path, repeat: int) -> list[tuple[str, float, float]]:
    capture = Captured(app)
    raw = sqlite3.connect(path)

    def both(label: str, call: Callable[[], Any]) -> tuple[str, float, float]:
        statements = capture.of(call)
        service = median_ms(call, repeat)
        bare = median_ms(lambda: [raw.execute(s, p).fetchall() for s, p in statements], repeat)
        print(f"  {label:58} {service:9.1f} {bare:9.1f} {service / max(bare, 0.001):6.2f}", flush=True)
        return label, service, bare

    results = []
    print(f"  {'measure':58} {'service':>9} {'raw':>9} {'ratio':>6}")
    every: tuple[ListKind, ...] = ("custody", "people", "facilities", "providers")
    for kind in every:
        results.append(both(f"{kind}: first page (count + 200 rows)",
                            page_and_count(app, kind, FIRST[kind], "name")))
    for kind in every[:2]:
        typed = []
        for prefix in KEYSTROKES:
            typed.append(both(f"{kind}: keystroke '{prefix}' (count + 200 rows)",
                              page_and_count(app, kind, ListFilter(search=prefix), "name")))
        results.append((f"{kind}: keystroke, median of {len(KEYSTROKES)}",
                        statistics.median(x[1] for x in typed), statistics.median(x[2] for x in typed)))
    for kind in every:
        for sort in SORT_KEYS[kind]:
            results.append(both(f"{kind}: sort by {sort} (first 200)",
                                first_page(app, kind, FIRST[kind], sort)))
    raw.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/screen-lists/demo-100000.sqlite"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    app = opened(args.db)
    print(f"## {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB), milliseconds, median of {args.repeat}")
    results = measure(app, args.db, args.repeat)
    print("\n## summary")
    for label, service, bare in results:
        if "keystroke '" not in label:
            print(f"  {label:58} {service:9.1f} {bare:9.1f} {service / max(bare, 0.001):6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
