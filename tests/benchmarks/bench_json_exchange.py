"""Time and peak memory of `export json` and `import json` on a seeded database (not run by pytest).

    python -m tests.benchmarks.bench_json_exchange --cases 20000 --folder /tmp/bench

Each step runs in its own process, so its peak resident memory is its own; an export whose peak
does not grow with the number of cases streams as it should.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from legalaid_desktop.app import open_application
from legalaid_desktop.domain.cases import Case, Charge, Note, Party, format_case_ref
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import EventType, PartyRole, Sex

T0 = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


def seed(db: Path, cases: int) -> None:
    """`cases` cases, each with its client, party, charge, custody spell, arrest event and a note."""
    app = open_application(str(db), actor="bench", encryption=False)
    with app.uow() as uow:
        facility = Facility(name="Bench Remand", jurisdiction_code="KE")
        uow.bulk_insert([facility])
        assert facility.id is not None
        for start in range(0, cases, 5000):
            numbers = range(start, min(cases, start + 5000))
            people = [Person(full_name=f"Person {n} Mwangi", sex=Sex.MALE, date_of_birth=date(1990, 1, 1))
                      for n in numbers]
            uow.bulk_insert(people)
            legal = [Case(case_ref=format_case_ref(2025, n + 1), client_person_id=p.id or 0,
                          opened_on=date(2025, 1, 2)) for n, p in zip(numbers, people, strict=True)]
            uow.bulk_insert(legal)
            spells = [Custody(person_id=p.id or 0, case_id=c.id, facility_id=facility.id,
                              register_number=f"R/{n}", arrest_at=T0 + timedelta(minutes=n))
                      for n, p, c in zip(numbers, people, legal, strict=True)]
            uow.bulk_insert(spells)
            rest: list[Entity] = []
            for p, c, s in zip(people, legal, spells, strict=True):
                assert c.id is not None and p.id is not None and s.id is not None
                rest += [Party(case_id=c.id, person_id=p.id, role=PartyRole.CLIENT),
                         Charge(case_id=c.id, offence="Theft"),
                         CustodyEvent(custody_id=s.id, type=EventType.ARREST, at=T0),
                         Note(case_id=c.id, at=T0, author="bench", text="Visited; no complaints.")]
            uow.bulk_insert(rest)
        uow.commit()


def step(argv: list[str]) -> tuple[float, float, str]:
    """Run one command in a fresh process: seconds, peak memory in MB, and its output."""
    code = ("import resource, sys; from legalaid_desktop.cli.main import main; rc = main(sys.argv[1:]); "
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PEAK"))
    output = " | ".join(line for line in done.stdout.splitlines()[:2] if not line.startswith("PEAK"))
    return seconds, peak / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/legalaid-bench"))
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    source, target = args.folder / f"source-{args.cases}.sqlite", args.folder / f"target-{args.cases}.sqlite"
    out = args.folder / f"export-{args.cases}.json"
    if not args.seed_only:
        for path in (source, target):
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    if args.seed_only:
        seed(source, args.cases)
        return
    started = time.perf_counter()
    # Seeded in its own process, so that its connection is closed (and the WAL folded in) before
    # the export starts.
    subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_json_exchange", "--seed-only",
                    "--cases", str(args.cases), "--folder", str(args.folder)], check=True)
    print(f"seeded {args.cases} cases in {time.perf_counter() - started:.1f} s")
    for name, argv in (("export", ["export", "json", str(out), "--db", str(source)]),
                       ("import into an empty database", ["import", "json", str(out), "--db", str(target)]),
                       ("import again (all identical)", ["import", "json", str(out), "--db", str(target)])):
        seconds, peak, output = step(argv)
        print(f"{name}: {seconds:.1f} s, peak {peak:.0f} MB: {output}")
    print(f"file size {out.stat().st_size / 1e6:.1f} MB; this process peak "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
