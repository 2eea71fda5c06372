"""Filling a database with realistic, deterministic demo data (`legalaid demo`, `legalaid-desktop --demo`).

The same number of cases, seed and as-of date give the same rows, byte for byte: every random
choice, UUID and timestamp comes from one `random.Random(seed)` and the as-of date, never from the
clock. Cases are written in batches, each its own unit of work, so memory stays flat from one case
to a million and a progress callback can report after every batch.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.demo_build import CaseBuilder, CaseBundle
from legalaid_desktop.services.demo_world import Stamp, World, build_world
from legalaid_desktop.services.ports import UnitOfWork

MAX_CASES = 1_000_000
BATCH = 10_000  # cases per transaction
CHUNK = 1_000  # cases built and written at a time inside a transaction (bounds memory)
EARLIEST_AS_OF = date(2000, 1, 1)

Progress = Callable[[int, int], None]


class DemoRefusedError(DomainError):
    """The database already holds `cases` cases; demo data is added to it only when asked to append."""

    def __init__(self, cases: int) -> None:
        super().__init__(f"the database already has {cases} cases")
        self.cases = cases


@dataclass(frozen=True)
class DemoSummary:
    """What a demo fill created (reference rows found again when appending are not counted)."""

    cases: int
    facilities: int
    courts: int
    providers: int
    jurisdictions: int
    cases_before: int
    seed: int
    as_of: date


def check_demo_request(*, cases: int, as_of: date | None, today: date | None = None) -> None:
    """Refuse a number of cases or an as-of date the generator cannot honour."""
    if isinstance(cases, bool) or not isinstance(cases, int) or not 1 <= cases <= MAX_CASES:
        raise ValidationError("cases", cases, f"a whole number of cases from 1 to {MAX_CASES:,}")
    latest = today or date.today()
    if as_of is not None and not EARLIEST_AS_OF <= as_of <= latest:
        raise ValidationError("as_of", as_of.isoformat(),
                              f"a date from {EARLIEST_AS_OF.isoformat()} to today ({latest.isoformat()})")


def fill_demo_database(uow: Callable[[], UnitOfWork], catalogue: Catalogue, *, cases: int, seed: int = 1,
                       as_of: date | None = None, append: bool = False, progress: Progress | None = None,
                       batch_size: int = BATCH) -> DemoSummary:
    """Create `cases` demo cases with their facilities, courts and providers.

    `uow` makes a fresh unit of work: the reference data is one transaction and every batch of
    `batch_size` cases another, each audited with one summary entry. A database that already has
    cases is refused unless `append` is true; appended cases draw from a seed mixed with the number
    of cases already there, so a second run with the same seed does not repeat keys.
    """
    check_demo_request(cases=cases, as_of=as_of)
    if batch_size < 1:
        raise ValidationError("batch_size", batch_size, "one or more cases")
    as_of = as_of or date.today()
    stamp_at = datetime.combine(as_of, time(), UTC)
    with uow() as unit:
        before = unit.repo(Case).count()
        if before and not append:
            raise DemoRefusedError(before)
        rng = random.Random(seed) if before == 0 else random.Random(f"legalaid-demo:{seed}:{before}")
        stamp = Stamp(rng, stamp_at)
        world = build_world(unit, catalogue, stamp, as_of=as_of, appending=before > 0)
        if any(world.created.values()):
            unit.audit("demo", "database", None, None,
                       {"seed": seed, "as_of": as_of.isoformat(), **world.created})
        unit.commit()
    builder = CaseBuilder(world, stamp, as_of)
    done = 0
    with _collector_paused():
        while done < cases:
            size = min(batch_size, cases - done)
            with uow() as unit:
                counts: dict[str, int] = {}
                for start in range(0, size, CHUNK):
                    bundles = builder.batch(min(CHUNK, size - start), unit.next_case_number)
                    for name, count in write_bundles(unit, bundles).items():
                        counts[name] = counts.get(name, 0) + count
                    del bundles
                unit.audit("demo", "database", None, None,
                           {"seed": seed, "as_of": as_of.isoformat(), "first": done + 1,
                            "last": done + size, **counts})
                unit.commit()
            gc.collect()
            done += size
            if progress is not None:
                progress(done, cases)
    return _summary(world, cases, before, seed, as_of)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while batches are built.

    Building a chunk allocates hundreds of thousands of young objects, which set off repeated full
    collections that cost twice the building itself; the records are freed by reference counting
    anyway, and one collection per batch catches any cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_bundles(uow: UnitOfWork, bundles: list[CaseBundle]) -> dict[str, int]:
    """Insert the bundles parents first, linking keys between the steps; returns rows per kind."""
    uow.bulk_insert([b.person for b in bundles])
    for bundle in bundles:
        bundle.link_person()
    uow.bulk_insert([b.case for b in bundles])
    children: list[Entity] = []
    for bundle in bundles:
        bundle.link_case()
        children.extend(bundle.children())
    uow.bulk_insert(children)
    events = []
    for bundle in bundles:
        bundle.link_custody()
        events.extend(bundle.events)
    uow.bulk_insert(events)
    counts: dict[str, int] = {"cases": len(bundles), "persons": len(bundles)}
    for row in (*children, *events):
        name = type(row).__name__
        counts[name] = counts.get(name, 0) + 1
    return counts


def _summary(world: World, cases: int, before: int, seed: int, as_of: date) -> DemoSummary:
    created = world.created
    return DemoSummary(cases=cases, facilities=created["facilities"], courts=created["courts"],
                       providers=created["providers"], jurisdictions=created["jurisdictions"],
                       cases_before=before, seed=seed, as_of=as_of)
