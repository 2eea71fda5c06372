"""Benchmark: a search keystroke and a page of cases, through the services and in raw SQLite.

Not part of the test run. Builds (or reuses) demo databases of the sizes asked for, then times:
- a search keystroke: prefix search, the first 50 results sorted by name;
- a page of 100 cases sorted by name at offset 50,000 (or half the cases when fewer);
each through `services.cases.list_cases` (SQLAlchemy, the path the GUI and CLI use) and as the same
SQL run through the standard `sqlite3` module, in the same run. It also prints the query plan of
every statement SQLAlchemy emitted, to catch the bound-IN plan trap of platform-notes.md.

    python -m tests.benchmarks.bench_lists --cases 100000 --cases 1000000 --workdir /tmp/bench
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event

from legalaid_desktop.app import open_application
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.demo import fill_demo_database
from legalaid_desktop.storage.engine import make_engine, resolve_location
from legalaid_desktop.storage.readmodel import fts_query
from legalaid_desktop.storage.uow import SqlUnitOfWork, session_factory

KEYSTROKES = ("m", "mo", "moh", "wan", "ach", "jos", "kam", "محم", "حس", "fat")
AS_OF = date(2026, 11, 1)
COLUMNS = ("case_id, case_ref, person_id, full_name, sex, date_of_birth, facility_name, "
           "register_number, custody_status, custody_start, released_at")
RAW_SEARCH = (f"SELECT {COLUMNS} FROM case_list WHERE case_id IN "
              "(SELECT rowid FROM case_search WHERE case_search MATCH ?) "
              "ORDER BY sort_name, case_id LIMIT 50")
RAW_PAGE = f"SELECT {COLUMNS} FROM case_list ORDER BY sort_name, case_id LIMIT 100 OFFSET ?"


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def build(path: Path, cases: int) -> float:
    """Make the demo database unless it is there already; returns seconds spent (0 when reused)."""
    if path.exists():
        return 0.0
    app = open_application(str(path), actor="bench", encryption=False)  # read with sqlite3 below too
    start = time.perf_counter()
    fill_demo_database(app.uow, app.catalogue, cases=cases, seed=11, as_of=AS_OF,
                       progress=lambda done, total: print(f"  demo {done:,}/{total:,}", file=sys.stderr))
    return time.perf_counter() - start


def plans(path: Path, offset: int) -> list[str]:
    """EXPLAIN QUERY PLAN of every SELECT the service issued for a search and a page."""
    engine = make_engine(resolve_location(str(path)))
    seen: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    factory = session_factory(engine)
    list_cases(SqlUnitOfWork(factory, actor="bench"), filters=CaseFilter(search="moh"), limit=50,
               today=AS_OF)
    list_cases(SqlUnitOfWork(factory, actor="bench"), filters=CaseFilter(), offset=offset, limit=100,
               today=AS_OF)
    raw = sqlite3.connect(path)
    out = []
    for statement, parameters in seen:
        rows = raw.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
        out.append(" ".join(statement.split())[:110] + "\n      " +
                   "\n      ".join(r[-1] for r in rows))
    raw.close()
    engine.dispose()
    return out


def measure(path: Path, cases: int, repeat: int) -> dict[str, float]:
    app = open_application(str(path), actor="bench", encryption=False)  # read with sqlite3 below too
    offset = min(50_000, cases // 2)
    raw = sqlite3.connect(path)
    results: dict[str, float] = {}
    service_search = []
    raw_search = []
    for prefix in KEYSTROKES:
        query = fts_query(prefix)
        service_search.append(median_ms(lambda p=prefix: list_cases(  # type: ignore[misc]
            app.uow(), filters=CaseFilter(search=p), limit=50, today=AS_OF), repeat))
        raw_search.append(median_ms(lambda q=query: raw.execute(  # type: ignore[misc]
            RAW_SEARCH, (q,)).fetchall(), repeat))
    results["search keystroke (first 50), service"] = statistics.median(service_search)
    results["search keystroke (first 50), raw sqlite3"] = statistics.median(raw_search)
    results["search worst keystroke, service"] = max(service_search)
    results["search worst keystroke, raw sqlite3"] = max(raw_search)
    results[f"page of 100 by name at offset {offset:,}, service"] = median_ms(
        lambda: list_cases(app.uow(), filters=CaseFilter(), offset=offset, limit=100, today=AS_OF), repeat)
    results[f"page of 100 by name at offset {offset:,}, raw sqlite3"] = median_ms(
        lambda: raw.execute(RAW_PAGE, (offset,)).fetchall(), repeat)
    results["count for the list (GUI), service"] = median_ms(
        lambda: list_cases(app.uow(), filters=CaseFilter(), limit=0, with_total=True), repeat)
    results["count for the list (GUI), raw sqlite3"] = median_ms(
        lambda: raw.execute("SELECT count(*) FROM case_list").fetchall(), repeat)
    raw.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, action="append", help="database sizes (repeatable)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/legalaid-bench"))
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args(argv)
    sizes = args.cases or [100_000]
    args.workdir.mkdir(parents=True, exist_ok=True)
    for cases in sizes:
        path = args.workdir / f"demo-{cases}.sqlite"
        seconds = build(path, cases)
        print(f"\n## {cases:,} cases ({path}, {path.stat().st_size / 1e6:,.0f} MB)")
        if seconds:
            print(f"demo build: {seconds:,.1f} s")
        results = measure(path, cases, args.repeat)
        keys = list(results)
        print(f"{'measure':58} {'service ms':>11} {'raw ms':>8} {'ratio':>6}")
        for i in range(0, len(keys), 2):
            service, raw = results[keys[i]], results[keys[i + 1]]
            label = keys[i].rsplit(",", 1)[0]
            print(f"{label:58} {service:11.2f} {raw:8.2f} {service / raw:6.1f}")
        print("query plans (as SQLAlchemy emitted them):")
        for plan in plans(path, min(50_000, cases // 2)):
            print("  " + plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
