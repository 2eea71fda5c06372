"""The dashboard's counts in SQL (services.ports.DashboardReads): aggregates only, never rows.

Deadline counts take the conditions of SqlDeadlineStore.deadline_rows, so a count on the dashboard
is the length of the list it links to. At 1,000,000 cases the whole set of counts stays under half a
second on SQLite: deadlines are counted per facility on the (facility_id, layer, status, due)
index, which covers them; held spells and children are counted in one pass over custody.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, and_, case, distinct, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.people import CHILD_AGE
from legalaid_desktop.services.ports import DashboardCounts, FacilityDeadlines
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.deadline_store import MANUAL_LEAD
from legalaid_desktop.storage.types import UTCDateTime

cu, p, f, a, r = t.custody, t.person, t.facility, t.assignment, t.legal_aid_request
d, m = t.custody_deadline, t.deadline


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes the 28th (a birthday then is on the 28th
    in domain.people.age_on, which compares month and day)."""
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year - years)


def child_condition(today: date) -> ColumnElement[bool]:
    """domain.people.Person.is_child_at as a condition the database evaluates.

    Under 18 on `today` means born after `years_before(today, 18)`. With only an estimate of age e
    made on day b, the age today is e plus the whole years since b, under 18 when b is after
    `years_before(today, 18 - e)`. An estimate dated in the future is not allowed by the intake,
    and is read here as made today.
    """
    cutoffs = {e: years_before(today, CHILD_AGE - e) for e in range(CHILD_AGE)}
    by_estimate = and_(p.c.age_estimate < CHILD_AGE, or_(
        p.c.age_estimate_on.is_(None), p.c.age_estimate_on > case(cutoffs, value=p.c.age_estimate)))
    return or_(p.c.age_disputed.is_(True), p.c.date_of_birth > years_before(today, CHILD_AGE),
               and_(p.c.date_of_birth.is_(None), or_(p.c.age_estimate.is_(None), by_estimate)))


class SqlDashboardReads:
    """Implements services.ports.DashboardReads on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _db(self) -> Connection:
        return self._session.connection()

    def dashboard_counts(self, *, now: datetime, soon_until: datetime, today: date,
                         facility_ids: frozenset[int] | None = None) -> DashboardCounts:
        allowed = sorted(facility_ids) if facility_ids is not None else None
        national = and_(d.c.facility_id == f.c.id, d.c.layer == "national", d.c.status == "open")
        # Per facility (tens of them), each count a range of the (facility_id, layer, status, due)
        # index: the plan does not depend on ANALYZE statistics, which a new database lacks (without
        # them SQLite reads every overdue row from the table to group it).
        overdue = select(func.count()).where(national, d.c.due < now).scalar_subquery()
        earliest = select(func.min(d.c.due)).where(national, d.c.due < now).scalar_subquery()
        soon = select(func.count()).where(national, d.c.due >= now, d.c.due < soon_until,
                                          d.c.warn_from <= now).scalar_subquery()
        zone = (select(t.jurisdiction.c.time_zone).where(t.jurisdiction.c.code == f.c.jurisdiction_code)
                .scalar_subquery())
        per_facility = select(f.c.id, f.c.name, overdue.label("overdue"), soon.label("soon"),
                              type_coerce(earliest, UTCDateTime).label("earliest"),
                              func.coalesce(f.c.time_zone, zone, "UTC").label("time_zone"))
        if allowed is not None:
            per_facility = per_facility.where(f.c.id.in_(allowed))
        found = {row.id: [row.name, row.overdue, row.soon, row.earliest, row.time_zone]
                 for row in self._db.execute(per_facility)}
        manual = and_(m.c.manual.is_(True), m.c.status == "open")
        soon_manual = and_(m.c.due >= now, m.c.due < soon_until, m.c.due < now + MANUAL_LEAD)
        for when, is_overdue in ((m.c.due < now, True), (soon_manual, False)):
            by_facility = (select(cu.c.facility_id, func.count().label("n"), func.min(m.c.due).label("first"))
                           .select_from(m.join(cu, cu.c.id == m.c.custody_id)).where(manual, when)
                           .group_by(cu.c.facility_id))
            if allowed is not None:
                by_facility = by_facility.where(cu.c.facility_id.in_(allowed))
            for row in self._db.execute(by_facility):
                line = found[row.facility_id]
                line[1 if is_overdue else 2] += row.n
                if is_overdue and (line[3] is None or row.first < line[3]):
                    line[3] = row.first
        facilities = tuple(sorted(
            (FacilityDeadlines(facility=name, overdue=n_over, due_soon=n_soon, earliest_overdue=first,
                               time_zone=zone_name)
             for name, n_over, n_soon, first, zone_name in found.values() if n_over or n_soon),
            key=lambda x: (-x.overdue, -x.due_soon, x.facility)))

        held: ColumnElement[bool] = cu.c.released_at.is_(None)
        if allowed is not None:
            held = and_(held, cu.c.facility_id.in_(allowed))
        # One pass over held spells for both counts: most spells are held, so no index narrows it.
        held_count, children = self._db.execute(
            select(func.count(), func.coalesce(func.sum(case((child_condition(today), 1), else_=0)), 0))
            .select_from(cu.join(p, p.c.id == cu.c.person_id)).where(held)).one()
        active = and_(a.c.started_at <= now, or_(a.c.ended_at.is_(None), a.c.ended_at > now))
        # From the few active assignments to their held spells, rather than a probe per held spell.
        represented = self._db.execute(
            select(func.count(distinct(cu.c.id))).select_from(a.join(cu, cu.c.case_id == a.c.case_id))
            .where(active, held)).scalar_one()
        pending_requests = select(func.count()).select_from(r).where(
            r.c.decision == "pending", r.c.is_draft.is_(False))
        if allowed is not None:
            pending_requests = pending_requests.where(r.c.facility_id.in_(allowed))
        pending = self._db.execute(pending_requests).scalar_one()
        return DashboardCounts(facilities=facilities, held=held_count,
                               held_without_lawyer=held_count - represented,
                               requests_pending=pending, children_held=children)

    def deadline_count(self, filters: DeadlineFilter, *, soon_until: datetime) -> int:
        facility_id = None
        if filters.facility is not None:
            facility_id = self._db.execute(select(f.c.id).where(f.c.name == filters.facility)).scalar()
            if facility_id is None:
                return 0
        now = filters.now
        ranges: list[tuple[datetime | None, datetime, bool]] = []  # as deadline_rows builds them
        if filters.overdue:
            ranges.append((None, now, False))
        if filters.within_days is not None:
            ranges.append((now, now + timedelta(days=filters.within_days), False))
        elif filters.due_soon:
            ranges.append((now, soon_until, True))
        layers = ["national"] + (["benchmark"] if filters.include_benchmarks else [])
        total = 0
        for start, until, warned in ranges:
            for layer in layers:
                stmt = select(func.count()).select_from(d).where(
                    d.c.layer == layer, d.c.status == "open", d.c.due < until)
                if start is not None:
                    stmt = stmt.where(d.c.due >= start)
                if warned:
                    stmt = stmt.where(d.c.warn_from <= now)
                if facility_id is not None:
                    stmt = stmt.where(d.c.facility_id == facility_id)
                if filters.facility_ids is not None:
                    stmt = stmt.where(d.c.facility_id.in_(sorted(filters.facility_ids)))
                total += self._db.execute(stmt).scalar_one()
            stmt = select(func.count()).select_from(m.join(cu, cu.c.id == m.c.custody_id)).where(
                m.c.manual.is_(True), m.c.status == "open", m.c.due < until)
            if start is not None:
                stmt = stmt.where(m.c.due >= start)
            if warned:
                stmt = stmt.where(m.c.due < now + MANUAL_LEAD)
            if facility_id is not None:
                stmt = stmt.where(cu.c.facility_id == facility_id)
            if filters.facility_ids is not None:
                stmt = stmt.where(cu.c.facility_id.in_(sorted(filters.facility_ids)))
            total += self._db.execute(stmt).scalar_one()
        return total
