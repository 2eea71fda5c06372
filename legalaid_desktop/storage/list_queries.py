"""The people, custody, provider and facility lists in SQL: pages sorted and filtered in the database.

Each list is one SELECT whose filters and ORDER BY the database applies; only the page asked for
comes back, and what the page shows beside its rows (a spell's next deadline, a provider's
facilities) is read for those rows alone. Sorting by a name, facility, register number, status, next
deadline or lawyer walks an index (the custody list's next deadline and lawyer are kept on its rows,
migration 0007); sorting by a figure computed per row (cases, load) makes the database compute it for
every row the filter keeps, once per page (see bench_screen_lists).

A text search asks first how common its words are. A rare word: the matches are gathered by index
and sorted. A common one (a single letter matches half the names): the list is walked in its sort
order and each row tested, which stops at the page; and a count given `at_most` stops there too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from legalaid_desktop.domain.conflicts import on_leave
from legalaid_desktop.domain.custody import days_held
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.domain.lists import (
    CustodyLine,
    FacilitySummary,
    ListFilter,
    ListKind,
    ListLine,
    PersonLine,
    ProviderLine,
)
from legalaid_desktop.domain.people import known_age
from legalaid_desktop.domain.vocab import CustodyStatus, FacilityKind, PriorityGroup, ProviderKind
from legalaid_desktop.services.deadlines import describe_kind
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.dashboard_queries import child_condition
from legalaid_desktop.storage.deadline_store import MANUAL_LEAD
from legalaid_desktop.storage.person_words import (
    COMMON,
    common,
    has_words,
    people_with_words,
    search_words,
)
from legalaid_desktop.storage.readmodel import many_cases_match, matching_case_ids, matching_cases_of

cu, p, f, c, a = t.custody, t.person, t.facility, t.legal_case, t.assignment
pr, cov, pa, cl, d, m = t.provider, t.provider_coverage, t.party, t.case_list, t.custody_deadline, t.deadline


@dataclass(frozen=True)
class _Moment:
    now: datetime
    today: date


@dataclass(frozen=True)
class _Sort:
    """ORDER BY terms; `nulls_last` terms put rows without a value last in either direction."""

    terms: tuple[ColumnElement[Any], ...]
    nulls_last: tuple[ColumnElement[Any], ...] = ()

    def order(self, descending: bool) -> list[ColumnElement[Any]]:
        first = [x.is_(None) for x in self.nulls_last]
        return first + [x.desc() if descending else x for x in self.terms]


def _active(now: datetime) -> ColumnElement[bool]:
    """An assignment in force at `now` (as the dashboard counts lawyers)."""
    return and_(a.c.started_at <= now, or_(a.c.ended_at.is_(None), a.c.ended_at > now))


def _facility_id(name: str) -> Any:
    return select(f.c.id).where(f.c.name == name).scalar_subquery()


def _earlier(first: Any, second: Any) -> ColumnElement[Any]:
    """The earlier of two moments that may be missing (portable: no two-argument min or LEAST)."""
    return case((second.is_(None), first), (first.is_(None), second), (second < first, second),
                else_=first)


@lru_cache(maxsize=4)
def _child(today: date) -> ColumnElement[bool]:
    """dashboard_queries.child_condition, built once a day: its eighteen dated cut-offs cost a
    keystroke some twenty milliseconds to build again each time."""
    return child_condition(today)


def _held() -> ColumnElement[bool]:
    return cu.c.released_at.is_(None)


def _unrepresented(now: datetime) -> ColumnElement[bool]:
    return ~exists().where(a.c.case_id == cu.c.case_id, _active(now))


def _overdue_spells(now: datetime) -> Any:
    computed = select(d.c.custody_id).where(d.c.layer == "national", d.c.status == "open", d.c.due < now)
    manual = select(m.c.custody_id).where(m.c.manual.is_(True), m.c.status == "open", m.c.due < now)
    return union(computed, manual)


def _search_people(session: Session, search: str) -> ColumnElement[bool] | None:
    """People with a name word starting with each word of the search (victims and witnesses too),
    whose identity number it is, or whose case matches it (case and register numbers). None: the
    search has no words."""
    words = search_words(search)
    cases = matching_case_ids(session, search)
    if not words or cases is None:
        return None
    number = p.c.identity_number == search.strip()
    if common(session.connection(), words, at_least=COMMON) or many_cases_match(session, search,
                                                                                   at_least=COMMON):
        client = exists().where(c.c.client_person_id == p.c.id, (c.c.id + 0).in_(cases))
        return or_(has_words(p.c.id, words), number, client)
    # UNION ALL: the IN list keeps each key once already, without a sort of each part to merge them.
    return p.c.id.in_(union_all(people_with_words(words), select(p.c.id).where(number),
                                select(c.c.client_person_id).where(c.c.id.in_(cases))))


def _like(search: str) -> str:
    escaped = search.strip().casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _checked_status(kind: ListKind, status: str) -> str:
    enum: Any = {"custody": CustodyStatus, "providers": ProviderKind, "facilities": FacilityKind}.get(kind)
    text = status.strip().casefold().replace(" ", "_").replace("-", "_")
    if enum is None or text not in {x.value for x in enum}:
        choices = ", ".join(x.value for x in enum) if enum is not None else "none for this list"
        raise ValidationError("status", status, f"one of {choices}")
    return text


class _ListSpec:
    """One list: its statement for a filter, its sorts, and its rows from the result."""

    sorts: dict[str, _Sort]
    extra_sorts: tuple[str, ...] = ()
    """Sorts whose terms depend on the moment (`sort_for` builds them)."""

    def sort_keys(self) -> tuple[str, ...]:
        return (*self.sorts, *self.extra_sorts)

    def sort_for(self, sort: str, now: datetime) -> _Sort:
        return self.sorts[sort]

    source: Any
    """The table the list walks (one row of it per line)."""

    key: Any = None
    """The source's key: a page's keys are sorted and cut first, and only those rows are read whole
    (the figures beside a row are computed for the page, not for every match the sort takes in).
    None: the page is read in one statement (tens of facilities)."""

    def columns(self, at: _Moment) -> list[Any]:
        raise NotImplementedError

    def narrow(self, session: Session, stmt: Select[Any], filters: ListFilter,
               at: _Moment) -> Select[Any] | None:
        """`stmt` with the filter's conditions; None when it can match nothing."""
        raise NotImplementedError

    def statement(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        return self.narrow(session, select(*self.columns(at)).select_from(self.source), filters, at)

    def count(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        """Counted on the bare table: no per-row figures computed just to be counted."""
        return self.narrow(session, select(func.count()).select_from(self.source), filters, at)

    def matches(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        """One narrow row per line, to count no further than a limit."""
        return self.narrow(session, select(literal_column("1")).select_from(self.source), filters, at)

    def lines(self, session: Session, rows: Sequence[Any], at: _Moment) -> list[ListLine]:
        raise NotImplementedError

    def for_sort(self, stmt: Select[Any], sort: str) -> Select[Any]:
        """`stmt` with the conditions whose best form depends on the sort (by default none)."""
        return stmt


_STANDING = p.c.merged_into_id.is_(None)
"""Not merged into another person: the condition of the partial name indexes (migration 0006)."""


def _standing_unindexed() -> ColumnElement[bool]:
    """The same, in a form no index answers: sorted by anything but the name, a walk of the partial
    name index would look every row up out of order (identity numbers, page 1: 35 -> 243 ms)."""
    return func.coalesce(p.c.merged_into_id, 0) == 0


class _People(_ListSpec):
    def __init__(self) -> None:
        self.cases = (select(func.count(distinct(pa.c.case_id))).where(pa.c.person_id == p.c.id)
                      .correlate(p).scalar_subquery())
        self.where_held = (select(f.c.name).select_from(cu.join(f, f.c.id == cu.c.facility_id))
                           .where(cu.c.person_id == p.c.id, _held()).order_by(cu.c.id.desc()).limit(1)
                           .correlate(p).scalar_subquery())
        self.newest_case = (select(func.max(c.c.id)).where(c.c.client_person_id == p.c.id)
                            .correlate(p).scalar_subquery())
        self.sorts = {
            "name": _Sort((p.c.name_key, p.c.id)),
            "sex": _Sort((p.c.sex, p.c.name_key, p.c.id)),
            "date_of_birth": _Sort((p.c.date_of_birth, p.c.id), nulls_last=(p.c.date_of_birth,)),
            "identity_number": _Sort((p.c.identity_number, p.c.id), nulls_last=(p.c.identity_number,)),
            "cases": _Sort((self.cases, p.c.name_key, p.c.id)),
            "facility": _Sort((self.where_held, p.c.name_key, p.c.id), nulls_last=(self.where_held,)),
        }

    source = p
    key = p.c.id

    def columns(self, at: _Moment) -> list[Any]:
        return [p.c.id, p.c.full_name, p.c.sex, p.c.date_of_birth, p.c.age_estimate, p.c.age_estimate_on,
                p.c.age_disputed, p.c.identity_number, p.c.other_names, p.c.possible_duplicate_of,
                case((_child(at.today), True), else_=False).label("child"),
                self.cases.label("cases"), self.where_held.label("facility"),
                self.newest_case.label("case_id")]

    def narrow(self, session: Session, stmt: Select[Any], filters: ListFilter,
               at: _Moment) -> Select[Any] | None:
        if filters.search and filters.search.strip():
            found = _search_people(session, filters.search)
            if found is None:
                return None
            stmt = stmt.where(found)
        if filters.facility_ids is not None:  # people in a case held at the user's facilities
            stmt = stmt.where(p.c.id.in_(select(pa.c.person_id).join(cl, cl.c.case_id == pa.c.case_id)
                                         .where(cl.c.facility_id.in_(sorted(filters.facility_ids)))))
        if filters.held or filters.facility:
            spell = select(cu.c.person_id).where(_held())
            if filters.facility:
                spell = spell.where(cu.c.facility_id == _facility_id(filters.facility))
            stmt = stmt.where(p.c.id.in_(spell))
        if filters.child:
            stmt = stmt.where(_child(at.today))
        if filters.priority_group:
            stmt = stmt.where(_in_group(filters.priority_group))
        if filters.duplicates:  # few: the partial index of the flagged is the way in, whatever the sort
            stmt = stmt.where(p.c.possible_duplicate_of.is_not(None), _STANDING)
        return stmt

    def count(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        stmt = super().count(session, filters, at)
        return None if stmt is None else stmt.where(_STANDING)  # counted on the partial name index

    def matches(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        """In table order: walking the name index would look each row up to test it (1,001 of
        "m": 11 ms against 1.5)."""
        stmt = super().matches(session, filters, at)
        return None if stmt is None else stmt.where(_standing_unindexed())

    def for_sort(self, stmt: Select[Any], sort: str) -> Select[Any]:
        """People merged away are left out (their kept record stands), in the form that suits the sort."""
        return stmt.where(_STANDING if sort == "name" else _standing_unindexed())

    def lines(self, session: Session, rows: Sequence[Any], at: _Moment) -> list[ListLine]:
        return [PersonLine(
            person_id=r.id, full_name=r.full_name, sex=str(r.sex), date_of_birth=r.date_of_birth,
            age=known_age(r.date_of_birth, r.age_estimate, r.age_estimate_on, at.today),
            age_estimated=r.date_of_birth is None and r.age_estimate is not None,
            age_disputed=bool(r.age_disputed), child=bool(r.child), identity_number=r.identity_number,
            other_names=r.other_names, cases=int(r.cases or 0), facility=r.facility, case_id=r.case_id,
            possible_duplicate_of=r.possible_duplicate_of) for r in rows]


def _in_group(group: str) -> ColumnElement[bool]:
    """The person is recorded in this priority group: their list (a JSON array of codes, stored as
    text on every dialect) holds it as a whole element."""
    try:
        code = PriorityGroup(group).value
    except ValueError:
        raise ValidationError("priority_group", group,
                              "one of " + ", ".join(g.value for g in PriorityGroup)) from None
    return type_coerce(p.c.priority_groups, String).contains(f'"{code}"', autoescape=True)


def _not_indexed(column: Any) -> Any:
    """The column as an expression (`x || ''`), so SQLite looks a spell's deadlines up by spell
    rather than walking the (layer, status, due) index to find a minimum: at 100,000 spells the
    difference is milliseconds against minutes."""
    return type_coerce(column, String) + ""


class _Custody(_ListSpec):
    """One row per case with custody: its newest spell, as the case list keeps it (case_list) with
    the spell's next deadline and the case's lawyer (the provider of its newest assignment not
    ended), so every sort walks one of that table's indexes."""

    def __init__(self) -> None:
        self.sorts = {
            "name": _Sort((cl.c.sort_name, cl.c.case_id)),
            "facility": _Sort((cl.c.facility_name, cl.c.sort_name, cl.c.case_id)),
            "register_number": _Sort((cl.c.register_number, cl.c.case_id),
                                     nulls_last=(cl.c.register_number,)),
            "status": _Sort((cl.c.custody_status, cl.c.sort_name, cl.c.case_id)),
            "start": _Sort((cl.c.custody_start, cl.c.case_id), nulls_last=(cl.c.custody_start,)),
            "next_due": _Sort((cl.c.next_due, cl.c.case_id), nulls_last=(cl.c.next_due,)),
            "case_ref": _Sort((cl.c.case_ref, cl.c.case_id)),
            "lawyer": _Sort((cl.c.lawyer, cl.c.case_id), nulls_last=(cl.c.lawyer,)),
        }

    source = cl
    key = cl.c.case_id

    def matches(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        """Searched, the matches come from the full-text index one by one, each joined to its row:
        a count that stops at a limit stops reading them too."""
        found = (matching_case_ids(session, filters.search)
                 if filters.search and filters.search.strip() else None)
        if found is None:
            return super().matches(session, filters, at)
        found = found.subquery()
        key = found.c[0]
        rows: Select[Any] = select(literal_column("1")).select_from(found.join(cl, cl.c.case_id == key))
        return self.narrow(session, rows, replace(filters, search=None), at)

    def columns(self, at: _Moment) -> list[Any]:
        person_child = (select(_child(at.today)).where(p.c.id == cl.c.person_id)
                        .correlate(cl).scalar_subquery())
        return [cl.c.custody_id, cl.c.case_id, cl.c.case_ref, cl.c.person_id, cl.c.full_name,
                person_child.label("child"), cl.c.facility_name, cl.c.register_number,
                cl.c.custody_status, cl.c.custody_start, cl.c.released_at, cl.c.time_zone, cl.c.lawyer]

    def narrow(self, session: Session, stmt: Select[Any], filters: ListFilter,
               at: _Moment) -> Select[Any] | None:
        stmt = stmt.where(cl.c.custody_id.is_not(None))
        if filters.facility_ids is not None:  # the signed-in user's facilities (none: nothing)
            stmt = stmt.where(cl.c.facility_id.in_(sorted(filters.facility_ids)))
        if filters.search and filters.search.strip():
            found = matching_cases_of(session, cl.c.case_id, filters.search,
                                      walk=many_cases_match(session, filters.search, at_least=COMMON))
            if found is None:
                return None
            stmt = stmt.where(found)
        if filters.facility:
            stmt = stmt.where(cl.c.facility_name == filters.facility)
        if filters.status:
            stmt = stmt.where(cl.c.custody_status == _checked_status("custody", filters.status))
        if filters.held:
            stmt = stmt.where(cl.c.released_at.is_(None))
        if filters.child:
            stmt = stmt.where(cl.c.person_id.in_(select(p.c.id).where(_child(at.today))))
        if filters.priority_group:
            stmt = stmt.where(cl.c.person_id.in_(select(p.c.id).where(_in_group(filters.priority_group))))
        if filters.overdue:
            stmt = stmt.where(cl.c.custody_id.in_(_overdue_spells(at.now)))
        if filters.unrepresented:
            represented = exists().where(a.c.case_id == cl.c.case_id, _active(at.now))
            stmt = stmt.where(cl.c.released_at.is_(None), ~represented)
        return stmt

    def lines(self, session: Session, rows: Sequence[Any], at: _Moment) -> list[ListLine]:
        upcoming = self._next_deadlines(session, [r.custody_id for r in rows], at.now)
        out: list[ListLine] = []
        for r in rows:
            zone = ZoneInfo(r.time_zone) if r.time_zone else None
            due, limit, soon = upcoming.get(r.custody_id, (None, None, False))
            out.append(CustodyLine(
                custody_id=r.custody_id, case_id=r.case_id, case_ref=r.case_ref, person_id=r.person_id,
                full_name=r.full_name, child=bool(r.child), facility=r.facility_name or "",
                register_number=r.register_number, status=str(r.custody_status or ""),
                start=r.custody_start, released_at=r.released_at,
                days_in_custody=days_held(r.custody_start, r.released_at, r.time_zone, today=at.today),
                next_due=due.astimezone(zone) if due is not None and zone is not None else due,
                next_limit=limit, overdue=due is not None and due < at.now, due_soon=soon,
                days_over=days_over(due, at.now, zone) if due is not None else None,
                hours_over=hours_over(due, at.now) if due is not None else None, lawyer=r.lawyer))
        return out

    @staticmethod
    def _next_deadlines(session: Session, ids: list[int], now: datetime
                        ) -> dict[int, tuple[datetime, str, bool]]:
        """Each spell's earliest open deadline (national law or manual): due, limit, due soon."""
        found: dict[int, tuple[datetime, str, bool]] = {}
        if not ids:
            return found
        computed = select(d.c.custody_id, d.c.due, d.c.kind, d.c.warn_from).where(
            d.c.custody_id.in_(ids), _not_indexed(d.c.layer) == "national",
            _not_indexed(d.c.status) == "open")
        manual = select(m.c.custody_id, m.c.due, m.c.title, m.c.kind).where(
            m.c.custody_id.in_(ids), m.c.manual.is_(True), _not_indexed(m.c.status) == "open")
        for r in session.execute(computed):
            if r.custody_id not in found or r.due < found[r.custody_id][0]:
                found[r.custody_id] = (r.due, describe_kind(r.kind, "national"),
                                       now <= r.due and r.warn_from <= now)
        for r in session.execute(manual):
            if r.custody_id not in found or r.due < found[r.custody_id][0]:
                found[r.custody_id] = (r.due, r.title or describe_kind(r.kind, "national"),
                                       now <= r.due < now + MANUAL_LEAD)
        return found


class _Providers(_ListSpec):
    """The load is stored on the provider's row (storage.provider_load; counted for each row, over
    79,000 assignments at 100,000 cases, a page cost 0.3 s) and sorted by on its index."""

    def __init__(self) -> None:
        self.load = pr.c.active_cases
        self.covered = (select(func.count()).select_from(cov).where(cov.c.provider_id == pr.c.id,
                                                                    cov.c.facility_id.is_not(None))
                        .correlate(pr).scalar_subquery())
        self.sorts = {
            "name": _Sort((pr.c.full_name, pr.c.id)),
            "kind": _Sort((pr.c.kind, pr.c.full_name, pr.c.id)),
            "languages": _Sort((pr.c.languages, pr.c.id), nulls_last=(pr.c.languages,)),
            "specialisms": _Sort((pr.c.specialisms, pr.c.id), nulls_last=(pr.c.specialisms,)),
            "facilities": _Sort((self.covered, pr.c.full_name, pr.c.id)),
            "load": _Sort((self.load - pr.c.capacity, pr.c.full_name, pr.c.id)),
            "available": _Sort((pr.c.active, pr.c.unavailable_until, pr.c.full_name, pr.c.id)),
        }

    @staticmethod
    def _away(today: date) -> ColumnElement[bool]:
        """domain.conflicts.on_leave in SQL."""
        return and_(or_(pr.c.unavailable_from.is_not(None), pr.c.unavailable_until.is_not(None)),
                    or_(pr.c.unavailable_from.is_(None), pr.c.unavailable_from <= today),
                    or_(pr.c.unavailable_until.is_(None), pr.c.unavailable_until >= today))

    source = pr
    key = pr.c.id

    def columns(self, at: _Moment) -> list[Any]:
        return [pr.c.id, pr.c.full_name, pr.c.kind, pr.c.languages, pr.c.specialisms, pr.c.capacity,
                pr.c.active, pr.c.unavailable_from, pr.c.unavailable_until, self.load.label("load")]

    def narrow(self, session: Session, stmt: Select[Any], filters: ListFilter,
               at: _Moment) -> Select[Any] | None:
        if filters.search and filters.search.strip():
            pattern = _like(filters.search)
            stmt = stmt.where(or_(*(func.lower(x).like(pattern, escape="\\") for x in
                                    (pr.c.full_name, pr.c.languages, pr.c.specialisms))))
        if filters.status:
            stmt = stmt.where(pr.c.kind == _checked_status("providers", filters.status))
        if filters.facility:
            stmt = stmt.where(pr.c.id.in_(select(cov.c.provider_id).where(
                cov.c.facility_id == _facility_id(filters.facility))))
        if filters.available:
            stmt = stmt.where(pr.c.active.is_(True), ~self._away(at.today))
        if filters.facility_ids is not None:  # providers covering the user's facilities
            stmt = stmt.where(pr.c.id.in_(select(cov.c.provider_id).where(
                cov.c.facility_id.in_(sorted(filters.facility_ids)))))
        return stmt

    def lines(self, session: Session, rows: Sequence[Any], at: _Moment) -> list[ListLine]:
        names: dict[int, list[str]] = defaultdict(list)
        if rows:
            for provider_id, name in session.execute(
                    select(cov.c.provider_id, f.c.name).join(f, f.c.id == cov.c.facility_id)
                    .where(cov.c.provider_id.in_([r.id for r in rows])).order_by(f.c.name)):
                names[provider_id].append(name)
        return [ProviderLine(
            provider_id=r.id, full_name=r.full_name, kind=str(r.kind), languages=r.languages,
            specialisms=r.specialisms, facilities="; ".join(names[r.id]), active_cases=int(r.load or 0),
            capacity=r.capacity, active=bool(r.active), unavailable_from=r.unavailable_from,
            unavailable_until=r.unavailable_until,
            available=bool(r.active) and not on_leave(r.unavailable_from, r.unavailable_until, at.today))
            for r in rows]


class _Facilities(_ListSpec):
    """Tens of rows. People held and held without a lawyer are counted in one pass over the case list
    (each case's newest spell, as the Custody screen lists them), grouped by facility: walking each
    facility's custody rows instead reads the whole custody table in random order."""

    extra_sorts = ("held", "overdue", "unrepresented")
    source = f

    def __init__(self) -> None:
        self.sorts = {
            "name": _Sort((f.c.name, f.c.id)),
            "kind": _Sort((f.c.kind, f.c.name, f.c.id)),
            "region": _Sort((f.c.region, f.c.name, f.c.id), nulls_last=(f.c.region,)),
        }

    def sort_for(self, sort: str, now: datetime) -> _Sort:
        if sort in self.extra_sorts:  # the figures the page's SELECT names (held, overdue, unrepresented)
            return _Sort((literal_column(sort), f.c.name, f.c.id))
        return self.sorts[sort]

    @staticmethod
    def overdue(now: datetime) -> Any:
        computed = (select(func.count()).select_from(d)
                    .where(d.c.facility_id == f.c.id, d.c.layer == "national", d.c.status == "open",
                           d.c.due < now).correlate(f).scalar_subquery())
        manual = (select(func.count()).select_from(m.join(cu, cu.c.id == m.c.custody_id))
                  .where(cu.c.facility_id == f.c.id, m.c.manual.is_(True), m.c.status == "open",
                         m.c.due < now).correlate(f).scalar_subquery())
        return computed + manual

    @staticmethod
    def held_here(now: datetime) -> Any:
        # The cases with a lawyer now, gathered once from the assignments: tested for each of the
        # 85,000 people held, EXISTS looked every case's assignments up (130 ms against 50 of CPU).
        represented = cl.c.case_id.in_(select(a.c.case_id).where(_active(now)))
        return (select(cl.c.facility_id, func.count().label("held"),
                       func.sum(case((represented, 0), else_=1)).label("unrepresented"))
                .where(cl.c.custody_id.is_not(None), cl.c.released_at.is_(None))
                .group_by(cl.c.facility_id).subquery("held_here"))

    def statement(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        here = self.held_here(at.now)
        stmt = select(f.c.id, f.c.name, f.c.kind, f.c.region,
                      func.coalesce(here.c.held, 0).label("held"), self.overdue(at.now).label("overdue"),
                      func.coalesce(here.c.unrepresented, 0).label("unrepresented"))
        return self._narrowed(stmt.select_from(f.outerjoin(here, here.c.facility_id == f.c.id)),
                              filters, at, here)

    def count(self, session: Session, filters: ListFilter, at: _Moment) -> Select[Any] | None:
        here = self.held_here(at.now)
        source = f.outerjoin(here, here.c.facility_id == f.c.id) if filters.unrepresented else f
        return self._narrowed(select(func.count()).select_from(source), filters, at, here)

    def narrow(self, session: Session, stmt: Select[Any], filters: ListFilter,
               at: _Moment) -> Select[Any] | None:
        return self._narrowed(stmt, filters, at, None)

    def _narrowed(self, stmt: Select[Any], filters: ListFilter, at: _Moment, here: Any) -> Select[Any]:
        if filters.search and filters.search.strip():
            pattern = _like(filters.search)
            stmt = stmt.where(or_(func.lower(f.c.name).like(pattern, escape="\\"),
                                  func.lower(f.c.region).like(pattern, escape="\\")))
        if filters.status:
            stmt = stmt.where(f.c.kind == _checked_status("facilities", filters.status))
        if filters.facility_ids is not None:
            stmt = stmt.where(f.c.id.in_(sorted(filters.facility_ids)))
        if filters.facility:
            stmt = stmt.where(f.c.name == filters.facility)
        if filters.overdue:
            stmt = stmt.where(self.overdue(at.now) > 0)
        if filters.unrepresented and here is not None:
            stmt = stmt.where(here.c.unrepresented > 0)
        return stmt

    def lines(self, session: Session, rows: Sequence[Any], at: _Moment) -> list[ListLine]:
        return [FacilitySummary(facility_id=r.id, name=r.name, kind=str(r.kind), region=r.region,
                                held=int(r.held or 0), overdue=int(r.overdue or 0),
                                unrepresented=int(r.unrepresented or 0)) for r in rows]


SPECS: dict[str, _ListSpec] = {"people": _People(), "custody": _Custody(), "providers": _Providers(),
                               "facilities": _Facilities()}
SORT_KEYS: dict[str, tuple[str, ...]] = {kind: spec.sort_keys() for kind, spec in SPECS.items()}


class SqlListReads:
    """Implements services.ports.ListReads on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _ordered(self, kind: ListKind, filters: ListFilter, sort: str, descending: bool,
                 at: _Moment, *, keys: bool = False) -> Select[Any] | None:
        """The list's rows (`keys`: only their keys) filtered and in order."""
        spec = SPECS.get(kind)
        if spec is None:
            raise ValidationError("list", kind, "one of " + ", ".join(SPECS))
        if sort not in SORT_KEYS[kind]:
            raise ValidationError("sort", sort, "one of " + ", ".join(SORT_KEYS[kind]))
        stmt = (spec.narrow(self._session, select(spec.key).select_from(spec.source), filters, at)
                if keys else spec.statement(self._session, filters, at))
        if stmt is None:
            return None
        return spec.for_sort(stmt, sort).order_by(*spec.sort_for(sort, at.now).order(descending))

    def list_page(self, kind: ListKind, filters: ListFilter, *, offset: int, limit: int, sort: str,
                  descending: bool, now: datetime, today: date) -> list[ListLine]:
        at = _Moment(now, today)
        spec = SPECS.get(kind)
        keyed = spec is not None and spec.key is not None
        stmt = self._ordered(kind, filters, sort, descending, at, keys=keyed)
        if stmt is None or limit == 0:
            return []
        stmt = stmt.offset(offset).limit(limit)
        if keyed:  # the page's keys, in order; then those rows whole, in the same order
            assert spec is not None
            page = stmt.subquery()
            stmt = (select(*spec.columns(at)).select_from(page.join(spec.source, spec.key == page.c[0]))
                    .order_by(*spec.sort_for(sort, at.now).order(descending)))
        rows = self._session.execute(stmt).all()
        return SPECS[kind].lines(self._session, rows, at)

    def list_count(self, kind: ListKind, filters: ListFilter, *, now: datetime, today: date,
                   at_most: int | None = None) -> int:
        at = _Moment(now, today)
        if kind not in SPECS:
            raise ValidationError("list", kind, "one of " + ", ".join(SPECS))
        spec = SPECS[kind]
        if at_most is not None and filters.search and filters.search.strip():
            # Every match of one letter is most of the list: counted up to one past the limit, the
            # screen says "more than" and counts on when scrolled that far.
            rows = spec.matches(self._session, filters, at)
            stmt = None if rows is None else select(func.count()).select_from(
                rows.limit(at_most + 1).subquery())
        else:
            stmt = spec.count(self._session, filters, at)
        return 0 if stmt is None else int(self._session.scalar(stmt) or 0)

    def list_stream(self, kind: ListKind, filters: ListFilter, *, sort: str, descending: bool,
                    now: datetime, today: date, batch: int) -> Iterator[list[ListLine]]:
        """Every row in order, `batch` at a time, from one query (an export at 100,000 rows)."""
        at = _Moment(now, today)
        stmt = self._ordered(kind, filters, sort, descending, at)
        if stmt is None:
            return
        result = self._session.execute(stmt.execution_options(yield_per=batch))
        for part in result.partitions(batch):
            yield SPECS[kind].lines(self._session, part, at)


