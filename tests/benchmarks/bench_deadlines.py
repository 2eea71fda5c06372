"""Benchmark: recomputing every stored deadline, and the overdue page, beside raw SQLite.

Not part of the test run. Builds (or reuses) a demo database of `--cases` cases, then times:
- a full recompute of every spell's deadlines (`services.deadlines.recompute_all`: read the facts,
  run the engine, rewrite the rows) in one process and in `--workers` worker processes (with the
  CPU time of the writer and of the workers: on a shared machine the wall clock is only part of
  the story), beside raw `sqlite3` doing the same reads and writing the same rows (the SQL floor:
  what is left is the engine and SQLAlchemy), and split into its parts in one process: reading the
  facts, the engine, encoding the rows, and writing them with the indexes (in a transaction rolled
  back);
- the first page (200) of "who is overdue", overall and at one facility, through the services (the
  path the GUI and `legalaid deadlines` use) beside the same SQL in raw `sqlite3`, at `--cases`
  and, with `--scale-to`, on a copy whose people, cases, spells and deadlines are repeated up to that
  many cases (the demo of 1,000,000 takes a quarter of an hour to build; the page only needs rows).
The plan of every statement SQLAlchemy emitted for the page is printed, to catch the plan trap.

    python -m tests.benchmarks.bench_deadlines --cases 100000 --scale-to 1000000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from legalaid_desktop.app import Application, open_application, process_pool
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services.deadlines import (
    collector_spared,
    lead_times,
    open_deadlines,
    recompute_all,
)
from legalaid_desktop.services.demo import fill_demo_database

AS_OF = date(2026, 11, 1)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
RAW_PAGE = """
SELECT d.id, d.custody_id, cu.case_id, c.case_ref, p.full_name, f.name, cu.register_number, d.kind,
       d.rule_id, d.layer, d.due, d.due_date, d.warn_from,
       coalesce(cu.time_zone, f.time_zone, j.time_zone)
FROM custody_deadline d JOIN custody cu ON cu.id = d.custody_id JOIN person p ON p.id = cu.person_id
JOIN facility f ON f.id = d.facility_id LEFT JOIN legal_case c ON c.id = cu.case_id
LEFT JOIN jurisdiction j ON j.code = f.jurisdiction_code
WHERE d.layer = 'national' AND d.status = 'open' AND d.due < ? {facility}
ORDER BY d.due, d.id LIMIT 200
"""
RAW_SPELLS = """
SELECT cu.id, cu.facility_id, cu.case_id, cu.arrest_at, cu.admission_at, cu.released_at,
       cu.release_reason, f.jurisdiction_code, f.court_within_40km, p.date_of_birth, p.age_estimate,
       p.age_disputed, c.offence_date, co.court_opens, co.court_closes
FROM custody cu JOIN facility f ON f.id = cu.facility_id JOIN person p ON p.id = cu.person_id
LEFT JOIN legal_case c ON c.id = cu.case_id LEFT JOIN court co ON co.id = c.court_id
WHERE cu.id IN ({marks})
"""
RAW_EVENTS = ("SELECT custody_id, type, at, days, until FROM custody_event WHERE custody_id IN ({marks}) "
              "ORDER BY custody_id, at")
RAW_CHARGES = ("SELECT case_id, offence_class, max_sentence_months, max_sentence_life, capital, "
               "first_offender FROM charge WHERE case_id IN ({marks})")
COLUMNS = ("custody_id, facility_id, kind, rule_id, layer, due, due_date, warn_from, status, met_at")


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(fn: Callable[[], Any], repeat: int, warm: bool = True) -> list[float]:
    if warm:
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def build(path: Path, cases: int) -> Application:
    app = open_application(str(path), actor="bench", encryption=False)  # read with sqlite3 below too
    with app.uow() as uow:
        empty = uow.deadlines.custody_ids(limit=1) == []
    if empty:
        start = time.perf_counter()
        fill_demo_database(app.uow, app.catalogue, cases=cases, seed=1, as_of=AS_OF)
        print(f"built {cases:,} demo cases in {time.perf_counter() - start:.0f} s")
    return app


def raw_recompute(path: Path) -> None:
    """The SQL of a full recompute in plain sqlite3: the same reads in batches, the same rows written."""
    connection = sqlite3.connect(path)
    rows = connection.execute(f"SELECT {COLUMNS} FROM custody_deadline ORDER BY custody_id").fetchall()
    ids = [r[0] for r in connection.execute("SELECT id FROM custody ORDER BY id")]
    by_spell: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_spell.setdefault(row[0], []).append(row)
    indexes = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                 "AND tbl_name = 'custody_deadline' AND sql IS NOT NULL").fetchall()
    start = time.perf_counter()
    connection.execute("BEGIN")
    # The application's strategy: indexes dropped, the table emptied, rows written, indexes built once.
    for name, _sql in indexes:
        connection.execute(f"DROP INDEX {name}")
    connection.execute("DELETE FROM custody_deadline")
    for at in range(0, len(ids), 2000):
        batch = ids[at:at + 2000]
        for part in range(0, len(batch), 500):
            chunk = batch[part:part + 500]
            marks = ",".join("?" * len(chunk))
            heads = connection.execute(RAW_SPELLS.format(marks=marks), chunk).fetchall()
            connection.execute(RAW_EVENTS.format(marks=marks), chunk).fetchall()
            cases = sorted({h[2] for h in heads if h[2] is not None})
            if cases:
                connection.execute(RAW_CHARGES.format(marks=",".join("?" * len(cases))), cases).fetchall()
        connection.executemany(
            f"INSERT INTO custody_deadline ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [r for i in batch for r in by_spell.get(i, ())])
    for _name, sql in indexes:
        connection.execute(sql)
    connection.execute("COMMIT")
    raw_recompute.seconds = time.perf_counter() - start  # type: ignore[attr-defined]
    connection.close()


def split(app: Application) -> tuple[dict[str, float], int]:
    """A one-process recompute timed part by part, batch by batch; its writes are rolled back."""
    book = app.deadline_book
    spent = dict.fromkeys(("reads", "engine", "encode", "writes"), 0.0)
    rows = 0
    with app.uow() as uow, collector_spared():
        store = uow.deadlines
        ids: list[int] = []
        while batch := store.custody_ids(after=ids[-1] if ids else 0, limit=50_000):
            ids.extend(batch)
        closures = store.closures()
        leads = lead_times(uow, AS_OF)
        clock = time.perf_counter()
        store.begin_full_rewrite()
        spent["writes"] += time.perf_counter() - clock
        for at in range(0, len(ids), 2000):
            clock = time.perf_counter()
            spells = store.spells(ids[at:at + 2000])
            read = time.perf_counter()
            found = [r for s in spells
                     for r in book.compute(s, closures.get(s.jurisdiction, frozenset()), leads)]
            computed = time.perf_counter()
            encoded = store.encode(found)
            made = time.perf_counter()
            store.write(encoded)
            spent["reads"] += read - clock
            spent["engine"] += computed - read
            spent["encode"] += made - computed
            spent["writes"] += time.perf_counter() - made
            rows += len(found)
        clock = time.perf_counter()
        store.finish_full_rewrite()
        spent["writes"] += time.perf_counter() - clock
    return spent, rows


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def scale(source: Path, target: Path, cases: int) -> None:
    """Repeat the people, cases, spells and deadlines of `source` until `target` has `cases` cases."""
    if target.exists():
        return
    shutil.copyfile(source, target)
    connection = sqlite3.connect(target)
    base = connection.execute("SELECT count(*) FROM legal_case").fetchone()[0]
    offsets = {name: connection.execute(f"SELECT max(id) FROM {name}").fetchone()[0]
               for name in ("person", "legal_case", "custody", "custody_deadline")}
    start = time.perf_counter()
    connection.execute("BEGIN")
    copies = -(-cases // base) - 1
    # Each table's columns as the schema has them now (a migration's new column must not break this):
    # keys and references shifted past the originals, unique text made unique, the rest copied.
    shifted = {"person": {"id": "person", "possible_duplicate_of": "person", "merged_into_id": "person"},
               "legal_case": {"id": "legal_case", "client_person_id": "person"},
               "custody": {"id": "custody", "person_id": "person", "case_id": "legal_case"},
               "custody_deadline": {"id": "custody_deadline", "custody_id": "custody"}}
    suffixed = {"uuid", "case_ref"}
    for k in range(1, copies + 1):
        o = {name: k * value for name, value in offsets.items()}
        for table, moved in shifted.items():
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            values = [f"{n} + {o[moved[n]]}" if n in moved else f"{n} || '-{k}'" if n in suffixed else n
                      for n in names]
            connection.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} "
                               f"FROM {table} WHERE id <= ?", (offsets[table],))
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.close()
    print(f"scaled to {(copies + 1) * base:,} cases in {time.perf_counter() - start:.0f} s")


def page_figures(app: Application, path: Path, repeat: int, label: str) -> None:
    with app.uow() as uow:
        facility = uow.deadlines.deadline_rows(DeadlineFilter(now=NOW), limit=1)[0].facility
        facility_id = uow.deadlines.facility_id(facility)
    statements: list[str] = []

    def app_page(where: str | None) -> Callable[[], Any]:
        def run() -> Any:
            with app.uow() as uow:
                return open_deadlines(uow, DeadlineFilter(now=NOW, overdue=True, due_soon=False,
                                                          facility=where), limit=200)
        return run

    raw = sqlite3.connect(path)

    def raw_page(fid: int | None) -> Callable[[], Any]:
        sql = RAW_PAGE.format(facility="AND d.facility_id = ?" if fid else "")
        now = NOW.replace(tzinfo=None).isoformat(sep=" ")
        return lambda: raw.execute(sql, (now, fid) if fid else (now,)).fetchall()

    def capture(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "custody_deadline" in statement or "FROM deadline" in statement:
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", capture)
    for name, ours, theirs in (
            ("overdue, first 200", app_page(None), raw_page(None)),
            (f"overdue at {facility}, first 200", app_page(facility), raw_page(facility_id))):
        mine = median(timed(ours, repeat)) * 1000
        base = median(timed(theirs, repeat)) * 1000
        print(f"{label:>10}  {name:<60} services {mine:7.2f} ms   raw {base:7.2f} ms   x{mine / base:5.1f}")
    event.remove(Engine, "before_cursor_execute", capture)
    for statement in dict.fromkeys(statements):
        plan = raw.execute("EXPLAIN QUERY PLAN " + statement.replace("?", "NULL")).fetchall()
        print("   plan:", "; ".join(str(p[-1]) for p in plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--scale-to", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--recompute-repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, help="worker processes (default: the CPU count, at most 4)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/legalaid-bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"demo-{args.cases}.sqlite"
    app = build(path, args.cases)
    with app.uow() as uow:
        spells = len(uow.deadlines.custody_ids(limit=10**8))
    load = os.getloadavg()
    ours = timed(lambda: recompute_all(app.uow, app.deadline_book), args.recompute_repeat, warm=False)
    pool = process_pool(app.location.url, resources_dir() / "jurisdictions", workers=args.workers)
    writer, workers = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    pooled = timed(lambda: recompute_all(app.uow, app.deadline_book, parallel=pool),
                   args.recompute_repeat, warm=False)
    writer = (cpu_seconds(resource.RUSAGE_SELF) - writer) / args.recompute_repeat
    workers = (cpu_seconds(resource.RUSAGE_CHILDREN) - workers) / args.recompute_repeat
    raws = []
    for _ in range(args.recompute_repeat):
        raw_recompute(path)
        raws.append(raw_recompute.seconds)  # type: ignore[attr-defined]
    parts, rows = split(app)
    print(f"full recompute of {spells:,} spells ({rows:,} deadlines), medians of {args.recompute_repeat}; "
          f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after:")
    print(f"  one process              {median(ours):5.1f} s  (runs {', '.join(f'{s:.1f}' for s in ours)})")
    print(f"  {args.workers or 'cpu count'} worker processes  {median(pooled):5.1f} s  "
          f"(runs {', '.join(f'{s:.1f}' for s in pooled)}; CPU per run: writer {writer:.1f} s, "
          f"workers {workers:.1f} s)")
    floor = median(raws)
    print(f"  raw SQL floor            {floor:5.1f} s  (the same reads and writes in sqlite3, no engine); "
          f"x{median(pooled) / floor:.1f} with workers, x{median(ours) / floor:.1f} in one process")
    shares = ", ".join(f"{name} {value:.1f} s" for name, value in parts.items())
    print(f"  one process, part by part: {shares} (reads: the facts from SQL; engine: on facts in "
          "memory; writes: with the index rebuild)")
    page_figures(app, path, args.repeat, f"{args.cases:,}")
    if args.scale_to:
        big = args.workdir / f"scaled-{args.scale_to}.sqlite"
        scale(path, big, args.scale_to)
        page_figures(open_application(str(big), actor="bench", encryption=False), big, args.repeat,
                     f"{args.scale_to:,}")  # unencrypted: read with sqlite3 too


if __name__ == "__main__":
    main()
