"""Report figures in SQL: counts grouped in the database, small rows out (services.ports.ReportReads).

Every query is plain Core SQL that SQLite and PostgreSQL both run; the one dialect difference, hours
between two moments, is kept in `_hours_between`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    extract,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from legalaid_desktop.domain.people import CHILD_AGE
from legalaid_desktop.services.ports import GroupCount, Named, OverstayFacts, PeopleCount, PersonFacts
from legalaid_desktop.storage import tables as t

cu, p, c, f, cl = t.custody, t.person, t.legal_case, t.facility, t.case_list
r, a, d, n = t.legal_aid_request, t.assignment, t.custody_deadline, t.note
ev, pr = t.custody_event, t.provider

NATIONAL = "national"


def _day(value: Any) -> date:
    """A day as the driver returns `date(...)`: text from SQLite, a date elsewhere."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _years(earlier: Any, later_year: int, later_md: int) -> ColumnElement[Any]:
    """Whole years from the date column `earlier` to a given day (domain.people.age_on, in SQL)."""
    md = extract("month", earlier) * 100 + extract("day", earlier)
    return later_year - extract("year", earlier) - case((literal(later_md) < md, 1), else_=0)


def _years_after(day: date, later: Any) -> ColumnElement[Any]:
    """Whole years from a given day to the date column `later` (age_on(day, later), in SQL)."""
    md = extract("month", later) * 100 + extract("day", later)
    return extract("year", later) - day.year - case((md < day.month * 100 + day.day, 1), else_=0)


def _child(on: date, born_after: date) -> ColumnElement[Any]:
    """1 when the person counts as a child on `on`, else 0: Person.is_child_at in SQL.

    Unknown or disputed age counts as a child (the benefit of the doubt). An age estimate is the
    age on the day it was made, and grows (or, for a day before it, shrinks) by whole years.
    """
    base = p.c.age_estimate_on
    estimated_age = case(
        (base.is_(None), p.c.age_estimate),
        (base <= on, p.c.age_estimate + _years(base, on.year, on.month * 100 + on.day)),
        else_=p.c.age_estimate - _years_after(on, base))
    return case((p.c.age_disputed.is_(True), 1),
                (p.c.date_of_birth.is_not(None), case((p.c.date_of_birth > born_after, 1), else_=0)),
                (p.c.age_estimate.is_(None), 1),
                (estimated_age < CHILD_AGE, 1), else_=0)


class SqlReportReads:
    """Implements services.ports.ReportReads on the unit of work's session, counting only the
    facilities in `facility_ids` (the signed-in user's; None: every facility)."""

    def __init__(self, session: Session, facility_ids: frozenset[int] | None = None) -> None:
        self._session = session
        self._allowed = sorted(facility_ids) if facility_ids is not None else None

    def _scoped(self, stmt: Any, *conditions: Any) -> Any:
        """`stmt` limited to the allowed facilities by `conditions` (built only when limited)."""
        return stmt if self._allowed is None else stmt.where(*conditions)

    def _cases_here(self) -> Any:
        """Cases whose client's newest spell is at an allowed facility (as the case list shows them)."""
        return select(cl.c.case_id).where(cl.c.facility_id.in_(self._allowed or []))

    def _requests_here(self) -> Any:
        """Requests taken at an allowed facility, or (taken nowhere recorded) of a case held there."""
        return or_(r.c.facility_id.in_(self._allowed or []),
                   and_(r.c.facility_id.is_(None), r.c.case_id.in_(self._cases_here())))

    @property
    def _db(self) -> Connection:
        return self._session.connection()

    def _hours_between(self, earlier: Any, later: Any) -> ColumnElement[Any]:
        if self._db.dialect.name == "sqlite":
            return (func.julianday(later) - func.julianday(earlier)) * 24.0
        return cast(extract("epoch", later - earlier), Float) / 3600.0

    # --- names --------------------------------------------------------------------------------------

    def facilities(self) -> list[Named]:
        stmt = self._scoped(select(f.c.id, f.c.name, f.c.region), f.c.id.in_(self._allowed or []))
        return [Named(key=row.id, name=row.name, region=row.region)
                for row in self._db.execute(stmt.order_by(f.c.name))]

    def providers(self) -> list[Named]:
        return [Named(key=row.id, name=row.full_name, capacity=row.capacity, active=bool(row.active))
                for row in self._db.execute(
                    select(pr.c.id, pr.c.full_name, pr.c.capacity, pr.c.active).order_by(pr.c.full_name))]

    # --- case summary -------------------------------------------------------------------------------

    def case_key(self, case_ref: str) -> tuple[int, int] | None:
        row = self._db.execute(select(c.c.id, c.c.client_person_id).where(c.c.case_ref == case_ref)).first()
        return None if row is None else (row.id, row.client_person_id)

    def case_people(self, case_id: int) -> list[PersonFacts]:
        people = select(c.c.client_person_id.label("pid")).where(c.c.id == case_id).union(
            select(t.party.c.person_id).where(t.party.c.case_id == case_id)).subquery()
        rows = self._db.execute(
            select(p.c.id, p.c.date_of_birth, p.c.age_estimate, p.c.age_estimate_on, p.c.age_disputed,
                   p.c.identity_number, p.c.nationality, p.c.languages, p.c.priority_groups, p.c.phone)
            .where(p.c.id.in_(select(people.c.pid))))
        return [PersonFacts(person_id=row.id, date_of_birth=row.date_of_birth, age_estimate=row.age_estimate,
                            age_estimate_on=row.age_estimate_on, age_disputed=bool(row.age_disputed),
                            identity_number=row.identity_number, nationality=row.nationality,
                            languages=row.languages, priority_groups=tuple(row.priority_groups or ()),
                            phone=row.phone) for row in rows]

    # --- overstay -----------------------------------------------------------------------------------

    def overstay(self, facility_id: int, *, until: datetime) -> list[OverstayFacts]:
        m = t.deadline
        person = (p.c.full_name, p.c.date_of_birth, p.c.age_estimate, p.c.age_estimate_on, p.c.age_disputed)
        # Index (facility_id, layer, status, due): one range scan for the facility's computed rows.
        computed = (select(*person, cu.c.register_number, c.c.case_ref, d.c.kind, d.c.rule_id,
                           null().label("title"), d.c.due, d.c.due_date)
                    .join(cu, cu.c.id == d.c.custody_id).join(p, p.c.id == cu.c.person_id)
                    .outerjoin(c, c.c.id == cu.c.case_id)
                    .where(d.c.facility_id == facility_id, d.c.layer == NATIONAL, d.c.status == "open",
                           d.c.due < until, cu.c.released_at.is_(None)))
        manual = (select(*person, cu.c.register_number, c.c.case_ref, m.c.kind, m.c.rule_id, m.c.title,
                         m.c.due, m.c.due_date)
                  .join(cu, cu.c.id == m.c.custody_id).join(p, p.c.id == cu.c.person_id)
                  .outerjoin(c, c.c.id == cu.c.case_id)
                  .where(cu.c.facility_id == facility_id, m.c.manual.is_(True), m.c.status == "open",
                         m.c.layer == NATIONAL, m.c.due < until, cu.c.released_at.is_(None)))
        found = []
        for stmt in (computed, manual):
            for row in self._db.execute(stmt):
                found.append(OverstayFacts(
                    full_name=row.full_name, register_number=row.register_number, case_ref=row.case_ref,
                    kind=row.kind, rule_id=row.rule_id, title=row.title, due=row.due, due_date=row.due_date,
                    date_of_birth=row.date_of_birth, age_estimate=row.age_estimate,
                    age_estimate_on=row.age_estimate_on, age_disputed=bool(row.age_disputed)))
        return found

    # --- caseload -----------------------------------------------------------------------------------

    def caseload_counts(self, *, start: datetime, end: datetime, now: datetime, soon_until: datetime,
                        by_provider: bool) -> list[GroupCount]:
        period = and_(a.c.started_at < end, or_(a.c.ended_at.is_(None), a.c.ended_at >= start))
        at_end = and_(a.c.started_at < end, or_(a.c.ended_at.is_(None), a.c.ended_at >= end))
        current = a.c.ended_at.is_(None)
        last_day, first_day = (end - timedelta(days=1)).date(), start.date()
        found: list[GroupCount] = []

        def run(measure: str, stmt: Any, key: Any, counted: Any, reason: Any = None) -> None:
            # A case with two providers counts for each of them (each carries it), once: the join to
            # assignments can repeat a row, so providers count distinct keys; other groupings, rows.
            count = func.count(distinct(counted)) if by_provider else func.count()
            columns = [key.label("key"), count.label("n")]
            if reason is not None:
                columns.append(reason.label("reason"))
            stmt = stmt.with_only_columns(*columns, maintain_column_froms=True).group_by(*(
                [key] + ([reason] if reason is not None else [])))
            for row in self._db.execute(stmt):
                found.append(GroupCount(measure, row.key, row.n, row.reason if reason is not None else None))

        open_cases = self._scoped(select(c.c.id).where(
            c.c.opened_on <= last_day, or_(c.c.closed_on.is_(None), c.c.closed_on > last_day)),
            c.c.id.in_(self._cases_here()))
        requests = self._scoped(select(r.c.id).where(r.c.is_draft.is_(False)), self._requests_here())
        new = requests.where(r.c.received_at >= start, r.c.received_at < end)
        decided = requests.where(r.c.decided_on >= first_day, r.c.decided_on <= last_day,
                                 r.c.decision != "pending")
        released = self._scoped(select(cu.c.id).where(cu.c.released_at >= start, cu.c.released_at < end),
                                cu.c.facility_id.in_(self._allowed or []))
        reason = func.coalesce(type_coerce(cu.c.release_reason, String), "other")
        deadlines = self._scoped(select(d.c.id).join(cu, cu.c.id == d.c.custody_id).where(
            d.c.layer == NATIONAL, d.c.status == "open", cu.c.released_at.is_(None)),
            d.c.facility_id.in_(self._allowed or []))
        overdue = deadlines.where(d.c.due < now)
        soon = deadlines.where(d.c.due >= now, d.c.due < soon_until)
        if by_provider:
            run("open_cases", open_cases.outerjoin(a, and_(a.c.case_id == c.c.id, at_end)), a.c.provider_id,
                c.c.id)
            for measure, stmt in (("new_requests", new), ("decisions", decided)):
                run(measure, stmt.outerjoin(a, and_(a.c.case_id == r.c.case_id, period)), a.c.provider_id,
                    r.c.id)
            run("releases", released.outerjoin(a, and_(a.c.case_id == cu.c.case_id, period)),
                a.c.provider_id, cu.c.id, reason)
            for measure, stmt in (("overdue", overdue), ("due_soon", soon)):
                run(measure, stmt.outerjoin(a, and_(a.c.case_id == cu.c.case_id, current)), a.c.provider_id,
                    d.c.id)
        else:
            run("open_cases", open_cases.outerjoin(cl, cl.c.case_id == c.c.id), cl.c.facility_id, c.c.id)
            # Where the request was taken; else where the client of its case is held.
            for measure, stmt in (("new_requests", new), ("decisions", decided)):
                run(measure, stmt.outerjoin(cl, cl.c.case_id == r.c.case_id),
                    func.coalesce(r.c.facility_id, cl.c.facility_id), r.c.id)
            run("releases", released, cu.c.facility_id, cu.c.id, reason)
            for measure, stmt in (("overdue", overdue), ("due_soon", soon)):
                run(measure, stmt, d.c.facility_id, d.c.id)
        return found

    def daily_counts(self, *, start: datetime, end: datetime) -> dict[str, dict[date, int]]:
        out: dict[str, dict[date, int]] = {}
        here = self._allowed or []
        queries = {
            "new_requests": self._scoped(select(func.date(r.c.received_at), func.count()).where(
                r.c.is_draft.is_(False), r.c.received_at >= start, r.c.received_at < end),
                self._requests_here()),
            "releases": self._scoped(select(func.date(cu.c.released_at), func.count()).where(
                cu.c.released_at >= start, cu.c.released_at < end), cu.c.facility_id.in_(here)),
            "opened": self._scoped(select(c.c.opened_on, func.count()).where(c.c.opened_on < end.date()),
                                   c.c.id.in_(self._cases_here())),
            "closed": self._scoped(select(c.c.closed_on, func.count()).where(c.c.closed_on < end.date()),
                                   c.c.id.in_(self._cases_here())),
        }
        for name, stmt in queries.items():
            column = stmt.selected_columns[0]
            out[name] = {_day(day): count for day, count in self._db.execute(stmt.group_by(column))
                         if day is not None}
        return out

    # --- statistics ---------------------------------------------------------------------------------

    def _people(self, stmt: Any, child: ColumnElement[Any], unsentenced: ColumnElement[Any] | None,
                counted: Any, where: Any = None) -> list[tuple[PeopleCount, Any]]:
        """People grouped by sex, child, priority groups (and status, and `where` they are held)."""
        keys = [type_coerce(p.c.sex, String).label("sex"), child.label("child"),
                type_coerce(p.c.priority_groups, String).label("groups")]
        if unsentenced is not None:
            keys.append(unsentenced.label("unsentenced"))
        if where is not None:
            keys.append(where.label("place"))
        # A spell is one row already: counting distinct keys is needed only where a join can repeat one.
        count = func.count() if where is not None else func.count(distinct(counted))
        rows = self._db.execute(stmt.with_only_columns(*keys, count.label("n"), maintain_column_froms=True)
                                .group_by(*keys))
        return [(PeopleCount(sex=row.sex, child=bool(row.child), priority_groups=row.groups or "[]",
                             unsentenced=unsentenced is not None and bool(row.unsentenced), count=row.n),
                 row.place if where is not None else None) for row in rows]

    def detainees(self, *, census_at: datetime, unsentenced: Collection[str], child_on: date,
                  child_born_after: date) -> tuple[list[PeopleCount], list[GroupCount]]:
        start = func.coalesce(cu.c.arrest_at, cu.c.admission_at)
        held = self._scoped(select(cu.c.id).join(p, p.c.id == cu.c.person_id).where(
            start < census_at, or_(cu.c.released_at.is_(None), cu.c.released_at >= census_at)),
            cu.c.facility_id.in_(self._allowed or []))
        flag = self._unsentenced_on(census_at, sorted(unsentenced))
        # One pass: people by their facts and facility, summed here both ways.
        grouped = self._people(held, _child(child_on, child_born_after), flag, cu.c.id, cu.c.facility_id)
        people: dict[tuple[str, bool, str, bool], int] = {}
        places: dict[tuple[str, int | None], int] = {}
        for x, place in grouped:
            fact = (x.sex, x.child, x.priority_groups, x.unsentenced)
            people[fact] = people.get(fact, 0) + x.count
            for measure in ("held", "unsentenced") if x.unsentenced else ("held",):
                places[(measure, place)] = places.get((measure, place), 0) + x.count
        return ([PeopleCount(*fact, count=n) for fact, n in people.items()],
                [GroupCount(measure, place, n) for (measure, place), n in places.items()])

    @staticmethod
    def _unsentenced_on(census_at: datetime, unsentenced: Sequence[str]) -> ColumnElement[Any]:
        """1 when the spell was unsentenced at `census_at` (SDG 16.3.2), else 0.

        Only the present status is stored, so the status then is read back from the spell: before
        the first judgment event a person was untried. Held then and released since: unsentenced,
        unless a judgment came first, or (no judgment recorded) the release reason is a sentence served.
        """
        judged = select(func.min(ev.c.at)).where(ev.c.custody_id == cu.c.id, ev.c.type == "judgment") \
            .scalar_subquery()
        status = type_coerce(cu.c.status, String)
        return case(
            (status.in_(unsentenced), 1),
            # A judgment decides first: held untried on the census day, sentenced later to time
            # served, was unsentenced then. Only without a recorded judgment does the release
            # reason tell.
            (status == "released", case(
                (judged <= census_at, 0), (judged > census_at, 1),
                (type_coerce(cu.c.release_reason, String) == "sentence_served", 0), else_=1)),
            (judged > census_at, 1), else_=0)

    def recipients(self, *, start: datetime, end: datetime, child_on: date, child_born_after: date
                   ) -> tuple[list[PeopleCount], list[GroupCount], dict[str, int]]:
        aided = exists().where(a.c.case_id == c.c.id, a.c.started_at < end,
                               or_(a.c.ended_at.is_(None), a.c.ended_at >= start))
        base = self._scoped(select(p.c.id).join(c, c.c.client_person_id == p.c.id).where(aided),
                            c.c.id.in_(self._cases_here()))
        people = [x for x, _ in self._people(base, _child(child_on, child_born_after), None, p.c.id)]
        located = base.outerjoin(cl, cl.c.case_id == c.c.id)
        by_facility = [GroupCount("recipients", row.key, row.n) for row in self._db.execute(
            located.with_only_columns(cl.c.facility_id.label("key"), func.count(distinct(p.c.id)).label("n"),
                                      maintain_column_froms=True).group_by(cl.c.facility_id))]
        by_region = {row.region or "": row.n for row in self._db.execute(
            located.outerjoin(f, f.c.id == cl.c.facility_id)
            .with_only_columns(f.c.region.label("region"), func.count(distinct(p.c.id)).label("n"),
                               maintain_column_froms=True).group_by(f.c.region))}
        return people, by_facility, by_region

    def first_contact_hours(self, *, start: datetime, end: datetime) -> list[float | None]:
        began = self._scoped(select(cu.c.case_id.label("case_id"),
                                    func.min(func.coalesce(cu.c.arrest_at, cu.c.admission_at)).label("began"))
                             .where(cu.c.case_id.is_not(None)), cu.c.case_id.in_(self._cases_here())) \
            .group_by(cu.c.case_id).subquery()
        assigned = select(func.min(a.c.started_at)).where(a.c.case_id == began.c.case_id).scalar_subquery()
        visited = select(func.min(n.c.at)).where(n.c.case_id == began.c.case_id, n.c.kind == "visit") \
            .scalar_subquery()
        # Each first moment computed once per case, then the earlier of the two (CASE: every dialect).
        firsts = select(began.c.began, assigned.label("assigned"), visited.label("visited")).where(
            began.c.began >= start, began.c.began < end).subquery()
        contact = case((firsts.c.assigned.is_(None), firsts.c.visited),
                       (firsts.c.visited.is_(None), firsts.c.assigned),
                       (firsts.c.visited < firsts.c.assigned, firsts.c.visited), else_=firsts.c.assigned)
        stmt = select(self._hours_between(firsts.c.began, contact))
        return [None if hours is None else max(0.0, float(hours)) for (hours,) in self._db.execute(stmt)]

