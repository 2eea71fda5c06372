"""Filling a database with realistic, deterministic demo data (`legalaid demo`, `legalaid-desktop --demo`).

The same number of cases, seed and as-of date give the same rows, byte for byte: every random
choice, UUID and timestamp comes from the seed and the as-of date, never from the clock. Cases are
drawn in chunks of CHUNK, each from its own `random.Random` seeded by the seed and the chunk's
place, and numbered (case references, register numbers, keys) as they are written, in order, so
the rows do not depend on how chunks are grouped into transactions. Each batch of BATCH cases is
its own unit of work, written a chunk at a time, which keeps memory flat from one case to a
million and lets a progress callback report, and a cancel callback stop, between them.
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
from legalaid_desktop.services.demo_build import CaseBuilder
from legalaid_desktop.services.demo_bundle import CaseBundle, Numbering
from legalaid_desktop.services.demo_world import Stamp, ensure_reference, load_world, register_starts
from legalaid_desktop.services.ports import UnitOfWork

MAX_CASES = 1_000_000
BATCH = 10_000  # cases per transaction, in whole chunks
CHUNK = 1_000  # cases drawn from one random stream, built and written together
EARLIEST_AS_OF = date(2000, 1, 1)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
UowFactory = Callable[[], UnitOfWork]


class DemoRefusedError(DomainError):
    """The database already holds `cases` cases; demo data is added to it only when asked to append."""

    def __init__(self, cases: int) -> None:
        super().__init__(f"the database already has {cases:,} cases; demo data goes into a new one")
        self.cases = cases


class DemoCancelledError(DomainError):
    """The fill was stopped on request: the `done` cases of finished batches stay, no others."""

    def __init__(self, done: int) -> None:
        super().__init__(f"stopped on request after {done:,} cases")
        self.done = done


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


@dataclass(frozen=True)
class DemoPlan:
    """Which cases to draw, and how chunks are grouped into transactions."""

    cases: int
    seed: int
    before: int
    as_of: date
    batch_size: int
    chunk_size: int

    @property
    def stamp_at(self) -> datetime:
        """created_at and updated_at of every demo record: the start of the as-of day, UTC."""
        return datetime.combine(self.as_of, time(), UTC)

    def chunk_rng(self, index: int) -> random.Random:
        return random.Random(f"legalaid-demo:{self.seed}:{self.before}:{index}")

    def batches(self) -> list[list[tuple[int, int]]]:
        """Transactions, each a list of (chunk index, cases in it)."""
        per_batch = max(1, -(-self.batch_size // self.chunk_size))
        chunks = [(index, min(self.chunk_size, self.cases - start))
                  for index, start in enumerate(range(0, self.cases, self.chunk_size))]
        return [chunks[i:i + per_batch] for i in range(0, len(chunks), per_batch)]


def check_demo_request(*, cases: int, as_of: date | None, today: date | None = None) -> None:
    """Refuse a number of cases or an as-of date the generator cannot honour."""
    if isinstance(cases, bool) or not isinstance(cases, int) or not 1 <= cases <= MAX_CASES:
        raise ValidationError("cases", cases, f"a whole number of cases from 1 to {MAX_CASES:,}")
    latest = today or date.today()
    if as_of is not None and not EARLIEST_AS_OF <= as_of <= latest:
        raise ValidationError("as_of", as_of.isoformat(),
                              f"a date from {EARLIEST_AS_OF.isoformat()} to today ({latest.isoformat()})")


def fill_demo_database(uow: UowFactory, catalogue: Catalogue, *, cases: int, seed: int = 1,
                       as_of: date | None = None, append: bool = False, progress: Progress | None = None,
                       batch_size: int | None = None,
                       cancelled: Cancelled | None = None) -> DemoSummary:
    """Create `cases` demo cases with their facilities, courts and providers.

    `uow` makes a fresh unit of work: the reference data is one transaction and every batch of
    `batch_size` cases (BATCH unless given) another, each audited with one summary entry. A
    database that already has cases is refused unless `append` is true; appended cases draw from
    the seed mixed with the number of cases already there, so a second run with the same seed does
    not repeat keys.
    `cancelled` is asked between chunks; when it answers true the batch in progress is dropped
    and DemoCancelledError says how many cases were written.
    """
    check_demo_request(cases=cases, as_of=as_of)
    batch_size = BATCH if batch_size is None else batch_size
    if batch_size < 1:
        raise ValidationError("batch_size", batch_size, "one or more cases")
    as_of = as_of or date.today()
    with uow() as unit:
        before = unit.repo(Case).count()
        if before and not append:
            raise DemoRefusedError(before)
        plan = DemoPlan(cases=cases, seed=seed, before=before, as_of=as_of, batch_size=batch_size,
                        chunk_size=CHUNK)
        rng = random.Random(seed) if before == 0 else random.Random(f"legalaid-demo:{seed}:{before}")
        created = ensure_reference(unit, catalogue, Stamp(rng, plan.stamp_at), as_of=as_of)
        if any(created.values()):
            unit.audit("demo", "database", None, None, {"seed": seed, "as_of": as_of.isoformat(), **created})
        unit.commit()
    with uow() as unit:
        world = load_world(unit)
        numbering = Numbering(register_starts(unit, world, rng, appending=before > 0))
    builder = CaseBuilder(world, plan.stamp_at, as_of)
    with collector_paused():
        for batch in plan.batches():
            done = write_batch(uow, builder, plan, batch, numbering, cancelled)
            if progress is not None:
                progress(done, cases)
    return DemoSummary(cases=cases, facilities=created["facilities"], courts=created["courts"],
                       providers=created["providers"], jurisdictions=created["jurisdictions"],
                       cases_before=before, seed=seed, as_of=as_of)


def write_batch(uow: UowFactory, builder: CaseBuilder, plan: DemoPlan, batch: list[tuple[int, int]],
                numbering: Numbering, cancelled: Cancelled | None = None) -> int:
    """Build and write one batch, a chunk at a time, in its own transaction.

    Returns the number of cases written so far, counting every batch before this one.
    """
    counts: dict[str, int] = {}
    first = batch[0][0] * plan.chunk_size + 1
    with uow() as unit:
        for index, size in batch:
            if cancelled is not None and cancelled():
                raise DemoCancelledError(first - 1)
            bundles = builder.chunk(plan.chunk_rng(index), size)
            for bundle in bundles:
                bundle.finish(unit.next_case_ref, numbering)
            for name, count in write_bundles(unit, bundles).items():
                counts[name] = counts.get(name, 0) + count
            del bundles
        last = first - 1 + sum(size for _, size in batch)
        unit.audit("demo", "database", None, None,
                   {"seed": plan.seed, "as_of": plan.as_of.isoformat(), "first": plan.before + first,
                    "last": plan.before + last, **counts})
        unit.commit()
    gc.collect()
    return last


def write_bundles(uow: UnitOfWork, bundles: list[CaseBundle]) -> dict[str, int]:
    """Insert numbered bundles parents first, linking keys between the steps; returns rows per kind."""
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


@contextmanager
def collector_paused() -> Iterator[None]:
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

