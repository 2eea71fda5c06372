"""Rule files, court calendars and the stored deadlines of custody spells, kept in step with them.

tomllib reads rule files, `holidays` gives public holidays; the engine itself is in domain.deadlines.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import logging
import tomllib
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.case_file import kind_words
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.custody import Deadline as ManualDeadline
from legalaid_desktop.domain.deadlines import (
    CourtCalendar,
    Rule,
    RuleSet,
    Spell,
    compute_deadlines,
    parse_rules,
)
from legalaid_desktop.domain.deadlines.engine import Deadline
from legalaid_desktop.domain.dto import DeadlineFilter, DeadlineRow, StoredDeadline
from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.errors import ConcurrencyError, ValidationError
from legalaid_desktop.domain.jurisdictions import JurisdictionInfo, RuleFileError
from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.domain.org import CourtClosure, Facility, Jurisdiction, Setting
from legalaid_desktop.domain.vocab import DeadlineStatus
from legalaid_desktop.services.access import require, require_custody, within_scope
from legalaid_desktop.services.facility_names import recorded_name
from legalaid_desktop.services.ports import EncodedDeadlines, UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of

log = logging.getLogger(__name__)

BENCHMARK = "UN"
"""The benchmark layer's rule file: its rules apply beside every jurisdiction's own."""


def load_rule_file(path: Path) -> RuleSet:
    """One rule file, checked whole; a mistake names the file, the rule and the field."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), "(file)", "(syntax)", str(exc)) from None
    except OSError as exc:
        raise RuleFileError(str(path), "(file)", "(file)", exc.strerror or str(exc)) from None
    rule_set = parse_rules(data, str(path))
    if rule_set.jurisdiction.code != path.stem.upper():
        raise RuleFileError(str(path), "jurisdiction", "code",
                            f"{rule_set.jurisdiction.code!r} does not match the file name {path.stem!r}")
    return replace(rule_set, digest=hashlib.sha256(text.encode()).hexdigest())


def load_rule_sets(folder: Path) -> dict[str, RuleSet]:
    """Every rule file of the folder by jurisdiction code (a new file is a new jurisdiction: no code)."""
    return {s.jurisdiction.code: s for s in (load_rule_file(p) for p in sorted(folder.glob("*.toml")))}


def public_holidays(holidays_country: str | None, years: Iterable[int]) -> frozenset[date]:
    """The country's public holidays from the `holidays` package; "GB-ENG" names a subdivision."""
    if not holidays_country:
        return frozenset()
    country, _, subdivision = holidays_country.partition("-")
    try:
        with warnings.catch_warnings():  # years outside the package's range simply have none listed
            warnings.simplefilter("ignore", UserWarning)
            found = holidays.country_holidays(country, subdiv=subdivision or None, years=list(years))
    except NotImplementedError:
        raise RuleFileError(holidays_country, "jurisdiction", "holidays_country",
                            f"{holidays_country!r} is not a country the holidays package knows") from None
    return frozenset(found.keys())


def court_calendar(info: JurisdictionInfo, *, years: Iterable[int], closures: Iterable[date] = (),
                   court_opens: str | None = None, court_closes: str | None = None,
                   sitting_weekdays: Iterable[int] | None = None) -> CourtCalendar:
    """The jurisdiction's court calendar for those years; a court's own hours or days override it."""
    return CourtCalendar(
        time_zone=info.time_zone,
        sitting_weekdays=frozenset(info.sitting_weekdays if sitting_weekdays is None else sitting_weekdays),
        opens=time.fromisoformat(court_opens or info.court_opens),
        closes=time.fromisoformat(court_closes or info.court_closes),
        holidays=public_holidays(info.holidays_country, years), closures=frozenset(closures))


# --- stored deadlines -----------------------------------------------------------------------------

ENGINE_VERSION = "1"
"""Raise when the engine's arithmetic changes: stored deadlines are then recomputed at start-up."""
FINGERPRINT_KEY = "deadline_rules_fingerprint"
LEADS_KEY = "deadline_lead_times"
"""The lead times in force when the stored deadlines were computed: a value taking effect later
makes the first start on or after its date recompute them."""
LEAD_KEY = "deadline_lead_court_days"
"""Dated setting: court days before a limit that it counts as due soon; `LEAD_KEY.<kind>` per kind."""
DEFAULT_LEAD_COURT_DAYS = 2
BATCH = 2000


@dataclass(frozen=True)
class LeadTimes:
    """Warning lead times in court days, by jurisdiction and kind, as the settings give them today."""

    default: int = DEFAULT_LEAD_COURT_DAYS
    by_kind: Mapping[tuple[str | None, str | None], int] | None = None

    def signature(self) -> str:
        table = sorted(((j or "", k or ""), v) for (j, k), v in (self.by_kind or {}).items())
        return f"{self.default};{table}"

    @property
    def longest(self) -> int:
        return max([self.default, *(self.by_kind or {}).values()])

    def days(self, jurisdiction: str, kind: str) -> int:
        table = self.by_kind or {}
        for key in ((jurisdiction, kind), (None, kind), (jurisdiction, None), (None, None)):
            if key in table:
                return table[key]
        return self.default


def lead_times(uow: UnitOfWork, today: date) -> LeadTimes:
    """The lead-time settings in effect on `today` (the newest not after it wins)."""
    best: dict[tuple[str | None, str | None], tuple[date, int]] = {}
    for setting in uow.repo(Setting).stream():
        if not setting.key.startswith(LEAD_KEY) or setting.effective_from > today:
            continue
        kind = setting.key[len(LEAD_KEY) + 1:] or None if setting.key != LEAD_KEY else None
        try:
            value = int(setting.value)
        except ValueError:
            log.warning("setting %s has a value that is not a whole number; ignored", setting.key)
            continue
        key = (setting.jurisdiction_code, kind)
        if key not in best or best[key][0] < setting.effective_from:
            best[key] = (setting.effective_from, value)
    return LeadTimes(by_kind={k: v for k, (_, v) in best.items()})


class DeadlineBook:
    """The rule files and court calendars, loaded once, that stored deadlines are computed with."""

    def __init__(self, rule_sets: Mapping[str, RuleSet]) -> None:
        self.rule_sets = dict(rule_sets)
        benchmark = self.rule_sets.get(BENCHMARK)
        self._benchmark = benchmark.rules if benchmark else ()
        self._rules = {r.id: r for s in self.rule_sets.values() for r in s.rules}
        self._calendars: dict[tuple[str, str | None, str | None, frozenset[date]], CourtCalendar] = {}
        self._warn_from: dict[tuple[int, date, int], datetime] = {}
        self._years = range(2000, datetime.now(UTC).year + 6)

    @classmethod
    def from_folder(cls, folder: Path) -> DeadlineBook:
        return cls(load_rule_sets(folder))

    def fingerprint(self) -> str:
        """Changes when a rule file, the holiday data or the engine changes (stored rows are then stale)."""
        package = importlib.metadata.version("holidays")
        digest = hashlib.sha256(f"engine {ENGINE_VERSION}; holidays {package}".encode())
        for code in sorted(self.rule_sets):
            digest.update(f"{code} {self.rule_sets[code].digest};".encode())
        return digest.hexdigest()

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)

    def rules_for(self, jurisdiction: str) -> tuple[Rule, ...]:
        national = self.rule_sets.get(jurisdiction)
        if national is None or jurisdiction == BENCHMARK:
            return ()
        return national.rules + self._benchmark

    def calendar(self, spell: Spell, closures: frozenset[date]) -> CourtCalendar:
        key = (spell.jurisdiction, spell.court_opens, spell.court_closes, closures)
        found = self._calendars.get(key)
        if found is None:
            years = self._years
            if spell.events and not years.start <= spell.events[0].at.year < years.stop:
                years = range(min(years.start, spell.events[0].at.year - 1), years.stop)
            found = self._calendars[key] = court_calendar(
                self.rule_sets[spell.jurisdiction].jurisdiction, years=years, closures=closures,
                court_opens=spell.court_opens, court_closes=spell.court_closes)
        return found

    def explain(self, spell: Spell, closures: frozenset[date], *, as_of: datetime | None = None,
                explain: bool = True, applicable_only: bool = False) -> list[Deadline]:
        """Every rule's deadline for the spell with its citation and explanation (the case view)."""
        rules = self.rules_for(spell.jurisdiction)
        if not rules:
            return []
        return compute_deadlines(rules, self.calendar(spell, closures), person=spell.person,
                                 offence=spell.offence, events=spell.events, as_of=_as_of(spell, as_of),
                                 explain=explain, applicable_only=applicable_only)

    def compute(self, spell: Spell, closures: frozenset[date], leads: LeadTimes) -> list[StoredDeadline]:
        """The deadlines to store for a spell: the rules that apply, with when to start warning."""
        found: list[StoredDeadline] = []
        calendar = self.calendar(spell, closures)
        for deadline in self.explain(spell, closures, explain=False, applicable_only=True):
            if deadline.due is None or deadline.due_date is None:
                continue
            # Whether an open deadline is overdue depends on the clock: lists compare `due` with now.
            status = "open" if deadline.status == "overdue" else deadline.status
            lead = leads.days(spell.jurisdiction, deadline.kind)
            key = (id(calendar), deadline.due_date, lead)  # calendars live as long as the book
            warn = self._warn_from.get(key)
            if warn is None:
                warn = self._warn_from[key] = calendar.at(
                    calendar.court_days_before(deadline.due_date, lead), time(0, 0))
            found.append(StoredDeadline(
                custody_id=spell.custody_id, facility_id=spell.facility_id, kind=deadline.kind,
                rule_id=deadline.rule, layer=deadline.layer, due=deadline.due, due_date=deadline.due_date,
                warn_from=min(warn, deadline.due), status=status, met_at=deadline.met_at))
        return found


def _as_of(spell: Spell, as_of: datetime | None) -> datetime:
    """Now: an event dated ahead of the clock (a typo, or a hearing entered as if it had happened)
    has not happened, so it neither meets nor ends a limit. Custody events are refused when dated
    in the future (services.records), so such events only arrive by import."""
    return as_of or datetime.now(UTC)


Closures = Mapping[str, frozenset[date]]


def compute_batch(uow: UnitOfWork, book: DeadlineBook, custody_ids: Collection[int], leads: LeadTimes,
                  closures: Closures) -> list[StoredDeadline]:
    """The deadlines to store for these spells, computed from what the unit of work reads."""
    return [row for spell in uow.deadlines.spells(custody_ids)
            for row in book.compute(spell, closures.get(spell.jurisdiction, frozenset()), leads)]


def encoded_batch(uow: UnitOfWork, book: DeadlineBook, custody_ids: Collection[int], leads: LeadTimes,
                  closures: Closures) -> EncodedDeadlines:
    """The deadlines of these spells as rows for the store to write: a full recompute's unit of work."""
    return uow.deadlines.encode(compute_batch(uow, book, custody_ids, leads, closures))


class BatchCompute(Protocol):
    """Computes batches of spells elsewhere (worker processes reading the same database), in order:
    each batch's `encoded_batch`."""

    def __call__(self, batches: Sequence[list[int]], leads: LeadTimes,
                 closures: Closures) -> Iterator[EncodedDeadlines]: ...


def recompute_spells(uow: UnitOfWork, book: DeadlineBook, custody_ids: Collection[int], *,
                     leads: LeadTimes | None = None) -> int:
    """Rewrite the stored deadlines of these spells (and the other spells of their cases, which share
    one clock) inside the caller's unit of work; returns how many rows were written."""
    ids = sorted(uow.deadlines.chain_ids(custody_ids))
    closures = uow.deadlines.closures()
    leads = leads or lead_times(uow, datetime.now(UTC).date())
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        rows = compute_batch(uow, book, chunk, leads, closures)
        uow.deadlines.replace(chunk, rows)
        written += len(rows)
    return written


def recompute_all(uow_factory: Callable[[], UnitOfWork], book: DeadlineBook, *,
                  progress: Callable[[int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, batch: int = BATCH,
                  parallel: BatchCompute | None = None, parallel_from: int = 20_000) -> int:
    """Every spell's deadlines written again, in one transaction; the fingerprint is stored with them.

    All or nothing: stopped (`cancelled`) or failing half-way, the deadlines stay as they were and
    the fingerprint unchanged, so the next start does the work again. From `parallel_from` spells
    the reads, the engine and the rows' encoding run in `parallel` (worker processes) while this
    transaction writes what they give. Returns the spells done.
    """
    done = 0
    with uow_factory() as uow, collector_spared():
        store = uow.deadlines
        leads = lead_times(uow, datetime.now(UTC).date())
        closures = store.closures()
        ids: list[int] = []
        while found := store.custody_ids(after=ids[-1] if ids else 0, limit=100_000):
            ids.extend(found)
        batches = [ids[at:at + batch] for at in range(0, len(ids), batch)]
        store.begin_full_rewrite()
        results: Iterator[EncodedDeadlines] = (
            parallel(batches, leads, closures) if parallel is not None and len(ids) >= parallel_from
            else (encoded_batch(uow, book, b, leads, closures) for b in batches))
        try:
            for chunk, rows in zip(batches, results, strict=True):
                store.write(rows)
                done += len(chunk)
                if progress is not None:
                    progress(done)
                if cancelled is not None and cancelled():
                    return 0  # leaving the unit of work uncommitted rolls every batch back
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # stops the workers
        store.finish_full_rewrite()
        uow.set_meta(FINGERPRINT_KEY, book.fingerprint())
        uow.set_meta(LEADS_KEY, leads.signature())
        uow.commit()
    return done


@contextmanager
def collector_spared() -> Iterator[None]:
    """The objects that exist before a recompute are left out of the garbage collector's passes while
    it runs, and handed back after: passes over them again and again, as the recompute makes and drops
    millions of objects, cost a fifth of the time it takes to read the facts."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def deadlines_stale(uow_factory: Callable[[], UnitOfWork], book: DeadlineBook) -> bool:
    """True when the stored deadlines were computed with other rule files, another engine, other
    lead times (one took effect since), or were marked stale by a closure or setting change."""
    with uow_factory() as uow:
        return uow.get_meta(FINGERPRINT_KEY) != book.fingerprint() or \
            uow.get_meta(LEADS_KEY) != lead_times(uow, datetime.now(UTC).date()).signature()


def open_deadlines(uow: UnitOfWork, filters: DeadlineFilter, *, limit: int = 200,
                   after: tuple[datetime, int] | None = None) -> list[DeadlineRow]:
    """Open deadlines of held people by due moment (overdue first); `after` continues a list. Inside
    the caller's unit of work; a user limited to some facilities sees only theirs."""
    require(uow, Permission.READ_CASES)
    filters = within_scope(uow, filters)
    horizon = lead_horizon(lead_times(uow, filters.now.date()))
    return uow.deadlines.deadline_rows(filters, limit=limit, after=after, lead_horizon=horizon)


@dataclass(frozen=True)
class DeadlineLine:
    """An open deadline as a paralegal acts on it: who, where, which limit, how late, which law."""

    full_name: str
    facility: str
    register_number: str | None
    case_ref: str | None
    limit: str
    rule: str | None
    layer: str
    due: datetime
    """In the facility's local time."""
    days_over: int
    """Local calendar days past the limit, as domain.lateness.days_over counts them (0 on its own
    day); negative: days left."""
    hours_over: int
    """Whole hours past the due moment; negative before it."""
    citation: str


def describe_kind(kind: str, layer: str) -> str:
    """A deadline's kind in words, marked when it is the UN benchmark rather than national law."""
    words = kind_words(kind)
    return f"{words} (UN benchmark)" if layer == "benchmark" else words


def lead_horizon(leads: LeadTimes) -> timedelta:
    """How far ahead a deadline can be and already count as due soon: the longest lead time in court
    days, as calendar days with room for weekends and a run of holidays."""
    return timedelta(days=leads.longest * 7 // 5 + 14)


def deadline_lines(uow: UnitOfWork, book: DeadlineBook, filters: DeadlineFilter, *,
                   batch: int = 1000, limit: int | None = None) -> Iterable[DeadlineLine]:
    """Every open deadline the filter selects, most overdue first, read a batch at a time (at the
    signed-in user's facilities only, when they are limited to some)."""
    with uow:
        require(uow, Permission.READ_CASES)
        filters = within_scope(uow, filters)
        if filters.facility is not None:  # found as every command finds a facility
            filters = replace(filters, facility=recorded_name(uow, filters.facility))
        after: tuple[datetime, int] | None = None
        given = 0
        horizon = lead_horizon(lead_times(uow, filters.now.date()))
        while limit is None or given < limit:
            size = batch if limit is None else min(batch, limit - given)
            rows = uow.deadlines.deadline_rows(filters, limit=size, after=after, lead_horizon=horizon)
            for row in rows:
                rule = book.rule(row.rule_id) if row.rule_id else None
                zone = ZoneInfo(row.time_zone)
                yield DeadlineLine(
                    full_name=row.full_name, facility=row.facility, register_number=row.register_number,
                    case_ref=row.case_ref,
                    limit=row.title if row.title else describe_kind(row.kind, row.layer),
                    rule=row.rule_id, layer=row.layer, due=row.due.astimezone(zone),
                    days_over=days_over(row.due, filters.now, zone),
                    hours_over=hours_over(row.due, filters.now),
                    citation=rule.citation if rule else "")
            given += len(rows)
            if len(rows) < size:
                return
            after = (rows[-1].due, rows[-1].deadline_id)


# --- court closures ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClosureDay:
    jurisdiction_code: str
    day: date
    reason: str


def add_closure(uow: UnitOfWork, book: DeadlineBook, *, jurisdiction_code: str, day: date,
                reason: str, progress: Callable[[int], None] | None = None) -> ClosureDay:
    """Record a day the jurisdiction's courts do not sit, then recompute the stored deadlines (the
    closure is saved first: were the recompute stopped, the next start would finish it)."""
    code = _jurisdiction(book, jurisdiction_code)
    with uow:
        require(uow, Permission.MANAGE_SETTINGS, entity="court_closure")
        if uow.repo(CourtClosure).first(jurisdiction_code=code, day=day) is not None:
            raise ValidationError("day", day.isoformat(), f"a day not already closed in {code}")
        closure = add_record(uow, CourtClosure(jurisdiction_code=code, day=day, reason=reason))
        uow.commit()
        added = ClosureDay(closure.jurisdiction_code, closure.day, closure.reason)
    recompute_all(lambda: uow, book, progress=progress)
    return added


def remove_closure(uow: UnitOfWork, book: DeadlineBook, *, jurisdiction_code: str, day: date,
                   progress: Callable[[int], None] | None = None) -> None:
    code = _jurisdiction(book, jurisdiction_code)
    with uow:
        require(uow, Permission.MANAGE_SETTINGS, entity="court_closure")
        closure = uow.repo(CourtClosure).first(jurisdiction_code=code, day=day)
        if closure is None:
            raise ValidationError("day", day.isoformat(), f"a closure recorded for {code}")
        uow.audit("delete", "court_closure", closure.uuid, snapshot(closure), None)
        uow.repo(CourtClosure).delete(closure)
        uow.commit()
    recompute_all(lambda: uow, book, progress=progress)


def list_closures(uow: UnitOfWork, *, jurisdiction_code: str | None = None) -> list[ClosureDay]:
    wanted = jurisdiction_code.strip().upper() if jurisdiction_code else None
    with uow:
        found = [ClosureDay(c.jurisdiction_code, c.day, c.reason) for c in uow.repo(CourtClosure).stream()
                 if wanted is None or c.jurisdiction_code == wanted]
    return sorted(found, key=lambda c: (c.jurisdiction_code, c.day))


def _jurisdiction(book: DeadlineBook, code: str) -> str:
    wanted = code.strip().upper()
    known = sorted(c for c in book.rule_sets if c != BENCHMARK)
    if wanted not in known:
        raise ValidationError("jurisdiction", code, "one of " + ", ".join(known))
    return wanted


# --- manual deadlines -------------------------------------------------------------------------------

def add_manual_deadline(uow: UnitOfWork, *, custody_id: int, title: str, due: datetime,
                        kind: str = "manual", notes: str | None = None) -> Saved:
    """A deadline the office sets itself (a filing, an appeal), listed beside the computed ones."""
    with uow:
        custody = load(uow, Custody, custody_id)
        require_custody(uow, Permission.EDIT_CASES, custody)
        facility = load(uow, Facility, custody.facility_id)
        jurisdiction = uow.repo(Jurisdiction).first(code=facility.jurisdiction_code)
        zone = custody.time_zone or facility.time_zone or (jurisdiction.time_zone if jurisdiction else "UTC")
        if due.utcoffset() is None:  # a time without an offset is the facility's local time
            due = due.replace(tzinfo=ZoneInfo(zone))
        deadline = add_record(uow, ManualDeadline(
            custody_id=custody_id, kind=kind, layer="manual", due=due,
            due_date=due.astimezone(ZoneInfo(zone)).date(), manual=True, title=title,
            explanation=notes))
        uow.commit()
        return saved_of(deadline, title)


def complete_manual_deadline(uow: UnitOfWork, *, deadline_id: int, done_at: datetime,
                             expected_version: int | None = None) -> Saved:
    """Mark a manual deadline done: met if done in time, breached if late; it leaves the lists."""
    with uow:
        deadline = load(uow, ManualDeadline, deadline_id)
        require_custody(uow, Permission.EDIT_CASES, load(uow, Custody, deadline.custody_id))
        if not deadline.manual:
            raise ValidationError("deadline", deadline_id,
                                  "a manual deadline (computed ones follow the custody events)")
        if expected_version is not None and deadline.version != expected_version:
            raise ConcurrencyError("deadline", deadline_id)
        before = snapshot(deadline)
        deadline.met_at = done_at
        deadline.status = DeadlineStatus.MET if done_at <= deadline.due else DeadlineStatus.BREACHED
        uow.flush()
        uow.audit("update", "deadline", deadline.uuid, before, snapshot(deadline))
        uow.commit()
        return saved_of(deadline, deadline.title)
