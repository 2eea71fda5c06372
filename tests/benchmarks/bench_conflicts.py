"""Benchmark: a conflict check against 1,000,000 parties through the service, beside raw sqlite3 doing
the same key lookups, on a real SQLite file.

Not part of the test run. Builds (once) a copy of the 100,000-case demo database with 900,000 more
people added by SQL, each a victim, witness, complainant or co-accused in one of the demo cases
(names from the demo pools, Arabic, Hausa and Somali names weighted, half of the Arabic ones in
script), so the file holds 1,000,000 parties. The demo database is copied, never modified. Then:
- first open: the migration to 0003 (with its backup copy) and the name keys written for every
  person, timed apart;
- per query, the median of `check_conflicts` through the service (key counts, `keys_to_read`,
  candidates, scoring with `match_person`, roles and providers of the people listed, the audit entry
  and its commit), with the matching caches cleared before each run; people matched, listed (at most
  LISTED_PEOPLE on name alone) and left over;
- raw: plain sqlite3 doing the same key lookups (counts per key capped, candidate rows, the parties of
  as many people as the service lists and the providers of those cases), without scoring;
- with --phases, where the commonest name's check spends its time: the SQL reads, the scoring, the
  roles and providers of those listed, the audit entry and commit.

An existing file is brought up to date first (migrations, name keys of a new KEY_VERSION).

    python -m tests.benchmarks.bench_conflicts --repeat 7 --phases
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.services import conflicts
from legalaid_desktop.services.conflicts import LISTED_PEOPLE, check_conflicts
from legalaid_desktop.services.name_match import COARSE_KEY_CAP, clear_caches, keys_to_read, name_keys
from legalaid_desktop.storage.conflict_queries import SqlConflictReads, refresh_name_keys
from legalaid_desktop.storage.engine import make_engine, resolve_location
from legalaid_desktop.storage.migrate import migrate
from legalaid_desktop.storage.uow import SqlUnitOfWork, session_factory
from tests.benchmarks.bench_name_match import QUERIES, population

DEMO = Path("/tmp/legalaid-bench/demo-100000.sqlite")
ROLES = ("victim", "witness", "complainant", "co_accused")
STAMP = "2026-11-01 00:00:00.000000"


def build(target: Path, parties: int) -> None:
    """Copy the demo database and add people and parties by SQL up to `parties` parties."""
    shutil.copyfile(DEMO, target)
    raw = sqlite3.connect(target)
    have = raw.execute("SELECT count(*) FROM party").fetchone()[0]
    cases = raw.execute("SELECT max(id) FROM legal_case").fetchone()[0]
    first = raw.execute("SELECT max(id) FROM person").fetchone()[0] + 1
    first_party = raw.execute("SELECT max(id) FROM party").fetchone()[0] + 1
    extra = parties - have
    rng = random.Random(6)
    names = population(extra, "muslim")
    people, rows = [], []
    for n, name in enumerate(names):
        pid = first + n
        dob = f"{rng.randint(1950, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
            if rng.random() < 0.6 else None
        people.append((pid, str(uuid.uuid4()), STAMP, STAMP, 1, name, sort_key(name),
                       "female" if rng.random() < 0.2 else "male", dob, "unknown", 0, "[]"))
        rows.append((first_party + n, str(uuid.uuid4()), STAMP, STAMP, 1, rng.randint(1, cases), pid,
                     rng.choice(ROLES)))
    raw.execute("BEGIN")
    raw.executemany("INSERT INTO person (id, uuid, created_at, updated_at, version, full_name, name_key, "
                    "sex, date_of_birth, age_source, age_disputed, priority_groups) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", people)
    raw.executemany("INSERT INTO party (id, uuid, created_at, updated_at, version, case_id, person_id, role) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    raw.execute("COMMIT")
    raw.close()


def median_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds: on a shared machine the CPU time is the steadier figure
    (the wall clock also counts the waits for a core and the commit's sync to disk)."""
    wall, cpu = [], []
    for _ in range(repeat):
        clear_caches()  # start cold: a real check meets its candidates' names for the first time
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def raw_lookup(raw: sqlite3.Connection, query: str) -> int:
    """The same key lookups in plain sqlite3: counts, candidates, their parties, the providers."""
    counts = {}
    for key in sorted(name_keys(query)):
        n = raw.execute("SELECT count(*) FROM (SELECT 1 FROM person_name_key WHERE key = ? LIMIT ?)",
                        (key, COARSE_KEY_CAP + 1)).fetchone()[0]
        if n:
            counts[key] = n
    keys = keys_to_read(counts) if counts else []
    if not keys:
        return 0
    marks = ",".join("?" * len(keys))
    people = raw.execute(
        "SELECT p.id, p.full_name, p.other_names, p.date_of_birth, p.identity_number FROM person p "
        f"JOIN (SELECT DISTINCT person_id FROM person_name_key WHERE key IN ({marks})) k "
        "ON k.person_id = p.id LIMIT 50000", keys).fetchall()
    ids = [row[0] for row in people][:LISTED_PEOPLE]  # as many as the service lists and reads roles of
    marks = ",".join("?" * len(ids))
    roles = raw.execute(f"SELECT pa.person_id, c.id, c.case_ref, pa.role FROM party pa JOIN legal_case c "
                        f"ON c.id = pa.case_id WHERE pa.person_id IN ({marks})", ids).fetchall()
    case_ids = sorted({row[1] for row in roles})
    marks = ",".join("?" * len(case_ids))
    raw.execute(f"SELECT a.case_id, a.provider_id, pr.full_name FROM assignment a JOIN provider pr "
                f"ON pr.id = a.provider_id WHERE a.case_id IN ({marks})", case_ids).fetchall()
    return len(people)


def phases(factory: Any, query: str, repeat: int) -> dict[str, float]:
    """Median milliseconds of each part of one check: the key counts and candidates (SQL), the
    scoring, the roles and providers of the people listed (SQL and their rows), the audit entry and
    commit, and the rest (the listing itself)."""
    spent: dict[str, float] = {}
    patched: list[tuple[Any, str, Any]] = []

    def timed(owner: Any, name: str, part: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[part] = spent.get(part, 0.0) + (time.perf_counter() - start) * 1000

        patched.append((owner, name, original))
        setattr(owner, name, wrapper)

    timed(SqlConflictReads, "key_counts", "sql: key counts")
    timed(SqlConflictReads, "candidates", "sql: candidates")
    timed(conflicts, "find_people", "find_people")
    timed(SqlConflictReads, "involvements", "roles and providers of those listed")
    timed(SqlUnitOfWork, "commit", "audit entry and commit")
    runs: list[dict[str, float]] = []
    try:
        for _ in range(repeat):
            clear_caches()
            spent.clear()
            start = time.perf_counter()
            check_conflicts(SqlUnitOfWork(factory, actor="bench"), name=query)
            total = (time.perf_counter() - start) * 1000
            run = dict(spent)
            run["scoring"] = run.pop("find_people") - run["sql: key counts"] - run["sql: candidates"]
            run["the rest (listing, garbage collection)"] = total - sum(run.values())
            run["total"] = total
            runs.append(run)
    finally:
        for owner, name, original in patched:
            setattr(owner, name, original)
    return {part: statistics.median(run[part] for run in runs) for part in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/legalaid-bench"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--phases", action="store_true",
                        help="also show where the check of the commonest name spends its time")
    args = parser.parse_args(argv)

    target = args.workdir / f"conflicts-{args.parties}.sqlite"
    location = resolve_location(str(target))
    if args.rebuild or not target.exists():
        start = time.perf_counter()
        build(target, args.parties)
        print(f"built {target} ({args.parties:,} parties) in {time.perf_counter() - start:.1f} s")
    engine = make_engine(location)
    start = time.perf_counter()
    migrate(engine, location)
    refresh_name_keys(engine)
    for backup in target.parent.glob(f"{target.stem}.before-*"):
        backup.unlink()  # the migration's safety copy: not needed for a benchmark
    print(f"open: migrations and name keys brought up to date in {time.perf_counter() - start:.1f} s")
    factory = session_factory(engine)
    raw = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    people, parties, keys = (raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                             for t in ("person", "party", "person_name_key"))
    print(f"{people:,} people, {parties:,} parties, {keys:,} name keys; at most {LISTED_PEOPLE} people "
          "listed on name alone")
    print(f"\n{'query':22} {'matched':>8} {'listed':>6} {'more':>6} {'rows':>5} {'candidates':>10} "
          f"{'service ms':>11} {'cpu ms':>7} {'raw ms':>8} {'ratio':>6}")
    ratios, service_all, cpu_all = [], [], []
    worst, most = QUERIES[0], -1
    for query in QUERIES:
        def service(query: str = query) -> int:
            return len(check_conflicts(SqlUnitOfWork(factory, actor="bench"), name=query).matches)

        found = check_conflicts(SqlUnitOfWork(factory, actor="bench"), name=query)
        listed = len({m.person_id for m in found.matches})
        if listed + found.more_on_name_only > most:
            worst, most = query, listed + found.more_on_name_only
        candidates = raw_lookup(raw, query)
        fast, fast_cpu = median_ms(service, args.repeat)
        base, _ = median_ms(lambda query=query: raw_lookup(raw, query), args.repeat)  # type: ignore[misc]
        ratios.append(fast / base)
        service_all.append(fast)
        cpu_all.append(fast_cpu)
        print(f"{query:22} {listed + found.more_on_name_only:8,} {listed:6,} {found.more_on_name_only:6,} "
              f"{len(found.matches):5,} {candidates:10,} {fast:11.1f} {fast_cpu:7.1f} {base:8.1f} "
              f"{fast / base:6.1f}")
    print(f"\nmedian over queries: service {statistics.median(service_all):.1f} ms (CPU "
          f"{statistics.median(cpu_all):.1f} ms), worst {max(service_all):.1f} ms "
          f"(CPU {max(cpu_all):.1f} ms), {statistics.median(ratios):.1f}x raw lookups; target under 200 ms; "
          f"load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.phases:
        print(f"\nwhere the check of {worst} ({most:,} people matched) spends its time, medians of "
              f"{args.repeat} (ms):")
        for part, ms in phases(factory, worst, args.repeat).items():
            print(f"  {part:40} {ms:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
