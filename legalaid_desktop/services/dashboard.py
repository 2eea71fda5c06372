"""Today's work: the dashboard's counts, and the open deadlines list a page at a time for screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.services.access import facility_scope, require, within_scope
from legalaid_desktop.services.deadlines import (
    DeadlineBook,
    describe_kind,
    lead_horizon,
    lead_times,
    open_deadlines,
)
from legalaid_desktop.services.ports import UnitOfWork

Key = tuple[datetime, int]
"""Where a list continues: the last row's due moment (UTC) and key (minus the key for a manual one)."""


@dataclass(frozen=True)
class FacilityLine:
    """A facility's open deadlines: how many are overdue, by how many days the worst, how many soon."""

    facility: str
    overdue: int
    worst_days_over: int | None
    """The oldest overdue deadline's local calendar days over (domain.lateness.days_over)."""
    due_soon: int
    worst_hours_over: int | None = None
    """Its whole hours over, which say how late it is on the day it fell due."""


@dataclass(frozen=True)
class Dashboard:
    """Today's work. Deadlines are national law and the office's own (UN benchmarks are left out,
    as in the deadline list's default); people are counted by custody spells not released."""

    as_of: datetime
    facilities: tuple[FacilityLine, ...]
    overdue: int
    due_soon: int
    held: int
    held_without_lawyer: int
    requests_pending: int
    children_held: int


@dataclass(frozen=True)
class DeadlineItem:
    """One open deadline as the deadline screen shows it; `key` continues the list after it."""

    key: Key
    deadline_id: int
    case_id: int | None
    full_name: str
    facility: str
    register_number: str | None
    case_ref: str | None
    limit: str
    layer: str
    rule: str | None
    due: datetime
    """In the facility's local time."""
    days_over: int
    """Local calendar days past the limit (domain.lateness.days_over: 0 on its own day); negative:
    days left."""
    hours_over: int
    """Whole hours past the due moment; negative before it."""
    overdue: bool
    due_soon: bool
    citation: str


def _soon_until(uow: UnitOfWork, now: datetime) -> datetime:
    """The end of "due soon" as open_deadlines takes it (the longest lead time in force, with room)."""
    return now + lead_horizon(lead_times(uow, now.date()))


def dashboard(uow: UnitOfWork, *, now: datetime | None = None, today: date | None = None) -> Dashboard:
    """The counts of today's work, each one SQL aggregate; `today` decides who is a child. A user
    limited to some facilities counts only theirs."""
    now = now or datetime.now(UTC)
    with uow:
        require(uow, Permission.READ_CASES)
        counts = uow.dashboard.dashboard_counts(now=now, soon_until=_soon_until(uow, now),
                                                today=today or date.today(),
                                                facility_ids=facility_scope(uow))
    lines = tuple(FacilityLine(
        facility=x.facility, overdue=x.overdue, due_soon=x.due_soon,
        worst_days_over=(days_over(x.earliest_overdue, now, ZoneInfo(x.time_zone))
                         if x.earliest_overdue else None),
        worst_hours_over=hours_over(x.earliest_overdue, now) if x.earliest_overdue else None)
        for x in counts.facilities)
    return Dashboard(as_of=now, facilities=lines, overdue=sum(x.overdue for x in lines),
                     due_soon=sum(x.due_soon for x in lines), held=counts.held,
                     held_without_lawyer=counts.held_without_lawyer,
                     requests_pending=counts.requests_pending, children_held=counts.children_held)


def facility_names(uow: UnitOfWork) -> list[str]:
    """Every facility's name, sorted (tens of them: the deadline list's facility chooser)."""
    with uow:
        return sorted((x.name for x in uow.repo(Facility).stream()), key=str.casefold)


def deadline_count(uow: UnitOfWork, filters: DeadlineFilter) -> int:
    """How many open deadlines `deadline_page` goes through for `filters`."""
    with uow:
        require(uow, Permission.READ_CASES)
        return uow.dashboard.deadline_count(within_scope(uow, filters),
                                            soon_until=_soon_until(uow, filters.now))


def deadline_page(uow: UnitOfWork, book: DeadlineBook, filters: DeadlineFilter, *, limit: int = 200,
                  after: Key | None = None) -> list[DeadlineItem]:
    """Open deadlines, most overdue first, continuing after `after` (keyset paging: page 10,000
    costs what page 1 does)."""
    now = filters.now
    with uow:
        rows = open_deadlines(uow, filters, limit=limit, after=after)
    found = []
    for row in rows:
        rule = book.rule(row.rule_id) if row.rule_id else None
        warned = row.warn_from <= now  # storage gives manual deadlines their warning moment too
        found.append(DeadlineItem(
            key=(row.due, row.deadline_id), deadline_id=row.deadline_id, case_id=row.case_id,
            full_name=row.full_name, facility=row.facility, register_number=row.register_number,
            case_ref=row.case_ref, limit=row.title if row.title else describe_kind(row.kind, row.layer),
            layer=row.layer, rule=row.rule_id, due=row.due.astimezone(ZoneInfo(row.time_zone)),
            days_over=days_over(row.due, now, ZoneInfo(row.time_zone)), hours_over=hours_over(row.due, now),
            overdue=row.due < now, due_soon=row.due >= now and warned,
            citation=rule.citation if rule else ""))
    return found
