"""Benchmark: the caseload and statistics figures through the services, beside their SQL in raw sqlite3.

Not part of the test run. Works on a copy of a demo database (the source is never written: opening
it through the application could migrate it), then times, for each report:
- the service call that fills the report's DTO (`services.reports.caseload_data`, `statistics_data`):
  SQLAlchemy, the rules applied in Python, one unit of work: what `legalaid report` waits for;
- the very statements SQLAlchemy emitted for it (captured with their bound values), run through the
  standard `sqlite3` module and fetched whole: the floor the SQL itself sets.
It prints medians, the ratio, how many statements each report runs, and the slowest statement's plan.

    python -m tests.benchmarks.bench_report_queries --db /tmp/legalaid-bench/demo-100000.sqlite
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from legalaid_desktop.app import open_application
from legalaid_desktop.services.reports import caseload_data, statistics_data
from legalaid_desktop.storage.engine import make_engine, resolve_location
from legalaid_desktop.storage.uow import SqlUnitOfWork, session_factory

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the source may be open, in WAL mode)."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/legalaid-bench/demo-100000.sqlite"))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/legalaid-bench-reports"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = args.workdir / args.db.name
    copy_database(args.db, path)
    open_application(str(path), actor="bench", create=False)  # migrations and deadlines, once, untimed

    engine = make_engine(resolve_location(str(path)))
    factory = session_factory(engine)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
                _many: bool) -> None:
        captured.append((statement, parameters))

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(factory, actor="bench")

    with sqlite3.connect(path) as db:
        cases = db.execute("SELECT COUNT(*) FROM legal_case").fetchone()[0]
    reports: dict[str, Callable[[], Any]] = {
        "caseload by facility, 12 weeks": lambda: caseload_data(
            uow(), group_by="facility", period_from=date(2026, 8, 10), period_to=date(2026, 11, 1), now=NOW),
        "caseload by provider, a year": lambda: caseload_data(
            uow(), group_by="provider", period_from=date(2025, 11, 2), period_to=date(2026, 11, 1), now=NOW),
        "statistics, census 2026-11-01": lambda: statistics_data(
            uow(), census_date=date(2026, 11, 1), now=NOW),
    }
    print(f"{cases:,} cases in {path}")
    print(f"{'report':34} {'service ms':>11} {'raw SQL ms':>11} {'ratio':>6} {'stmts':>6}")
    raw = sqlite3.connect(path)
    for name, run in reports.items():
        captured.clear()
        run()
        statements = [(s, p) for s, p in captured if s.lstrip().upper().startswith("SELECT")]

        def replay(statements: list[tuple[str, Any]] = statements) -> None:
            for statement, parameters in statements:
                raw.execute(statement, parameters).fetchall()

        service = median_ms(run, args.repeat)
        bare = median_ms(replay, args.repeat)
        print(f"{name:34} {service:11.1f} {bare:11.1f} {service / bare:6.2f} {len(statements):6d}")
        slowest = max(statements, key=lambda sp: _time(raw, *sp))
        plan = raw.execute("EXPLAIN QUERY PLAN " + slowest[0], slowest[1]).fetchall()
        print("    slowest statement's plan: " + " | ".join(str(row[-1]) for row in plan))
    raw.close()


def _time(db: sqlite3.Connection, statement: str, parameters: Any) -> float:
    start = time.perf_counter()
    db.execute(statement, parameters).fetchall()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
