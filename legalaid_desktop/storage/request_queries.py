"""The requests list in SQL (services.ports.RequestReads), and intake drafts kept in the database.

A page joins each request to its person and facility, sorted and filtered by the database, so the
list never holds more than the pages shown. Drafts are rows of meta_info (the encrypted database
holds them, never a loose file), one per draft under domain.intake.DRAFT_KEY_PREFIX.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, delete, func, insert, select, true, update
from sqlalchemy.orm import Session

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import DRAFT_KEY_PREFIX
from legalaid_desktop.domain.requests import RequestFilter, RequestRow, days_waiting
from legalaid_desktop.domain.vocab import Decision, MeansTestResult, RequestSource
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.person_words import (
    COMMON,
    common,
    has_words,
    people_with_words,
    search_words,
)

r, p, f, j, m = t.legal_aid_request, t.person, t.facility, t.jurisdiction, t.meta_info

# Each ends in the key, so pages are stable between reads.
REQUEST_SORTS: dict[str, tuple[Any, ...]] = {
    "received": (r.c.received_at, r.c.id),
    "name": (p.c.name_key, r.c.id),
    "source": (r.c.source, r.c.received_at, r.c.id),
    "urgent": (r.c.urgent, r.c.received_at, r.c.id),
    "status": (r.c.decision, r.c.received_at, r.c.id),
}


def _named(session: Session, search: str | None) -> tuple[ColumnElement[bool], bool]:
    """The request's person has a name word starting with each word of the search (person_word),
    and whether the few people who have them are gathered by index (else, the words being common,
    each request is tested as the list is walked newest first)."""
    words = search_words(search or "")
    if not words:
        return true(), False
    if common(session.connection(), words, at_least=COMMON):
        return has_words(r.c.person_id, words), False
    return r.c.person_id.in_(people_with_words(words)), True


def _where(session: Session, stmt: Select[Any], filters: RequestFilter) -> Select[Any]:
    named, gathered = _named(session, filters.search)
    # Not a draft; with the requests of a few people to gather, in a form no index answers, so the
    # person index is the way in rather than a walk of every request (at 45,000: 0.5 ms against 90).
    stmt = stmt.where(case((r.c.is_draft, 1), else_=0) == 0 if gathered else r.c.is_draft.is_(False))
    if filters.status == "pending":
        stmt = stmt.where(r.c.decision == Decision.PENDING.value)
    elif filters.status == "granted":
        stmt = stmt.where(r.c.decision.in_([Decision.GRANTED.value, Decision.COURT_ORDERED.value]))
    elif filters.status == "refused":
        stmt = stmt.where(r.c.decision == Decision.REFUSED.value, r.c.appeal_lodged_on.is_(None))
    elif filters.status == "appealed":
        stmt = stmt.where(r.c.appeal_lodged_on.is_not(None))
    if filters.urgent:
        stmt = stmt.where(r.c.urgent.is_(True))
    if filters.child:
        stmt = stmt.where(r.c.child_exemption.is_(True))
    if filters.facility_ids is not None:
        stmt = stmt.where(r.c.facility_id.in_(sorted(filters.facility_ids)))
    return stmt.where(named)


def _joined(sort: str | None) -> Any:
    """The request table, joined to the person only when the name sorts."""
    if sort == "name":
        return r.join(p, p.c.id == r.c.person_id)
    return r


class SqlRequestReads:
    """Implements services.ports.RequestReads on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def request_page(self, filters: RequestFilter, *, offset: int, limit: int, sort: str = "received",
                     descending: bool = True, today: date) -> list[RequestRow]:
        if sort not in REQUEST_SORTS:
            raise ValidationError("sort", sort, "one of " + ", ".join(REQUEST_SORTS))
        if offset < 0 or limit < 0:
            raise ValidationError("limit", limit, "zero or more")
        columns = (r.c.id, r.c.version, r.c.received_at, r.c.person_id, p.c.full_name,
                   p.c.date_of_birth, r.c.source, f.c.name.label("facility"), r.c.urgent,
                   r.c.child_exemption, r.c.preliminary_aid, r.c.means_result, r.c.decision,
                   r.c.decided_on, r.c.appeal_lodged_on, r.c.case_id,
                   func.coalesce(f.c.time_zone, j.c.time_zone).label("time_zone"))
        order = [c.desc() for c in REQUEST_SORTS[sort]] if descending else list(REQUEST_SORTS[sort])
        # The page's keys first, sorted on the request (and name) columns alone; only those rows are
        # then joined to what is shown: a deep page sorts 45,000 narrow rows, not 45,000 wide ones.
        keys = _where(self._session, select(r.c.id).select_from(_joined(sort)), filters) \
            .order_by(*order).offset(offset).limit(limit).subquery()
        stmt = select(*columns).select_from(
            keys.join(r, r.c.id == keys.c.id).join(p, p.c.id == r.c.person_id)
            .outerjoin(f, f.c.id == r.c.facility_id).outerjoin(j, j.c.code == f.c.jurisdiction_code)
        ).order_by(*order)
        return [RequestRow(
            request_id=row.id, version=row.version, received_at=row.received_at,
            person_id=row.person_id, full_name=row.full_name, date_of_birth=row.date_of_birth,
            source=RequestSource(row.source), facility=row.facility, urgent=row.urgent,
            child_exemption=row.child_exemption, preliminary_aid=row.preliminary_aid,
            means_result=MeansTestResult(row.means_result), decision=Decision(row.decision),
            decided_on=row.decided_on, appeal_lodged_on=row.appeal_lodged_on, case_id=row.case_id,
            days_waiting=days_waiting(row.received_at.date(), row.decided_on, today),
            time_zone=row.time_zone)
            for row in self._session.execute(stmt)]

    def count_requests(self, filters: RequestFilter, *, at_most: int | None = None) -> int:
        if at_most is not None and filters.search and filters.search.strip():
            found = _where(self._session, select(r.c.id), filters).limit(at_most + 1).subquery()
            return int(self._session.execute(select(func.count()).select_from(found)).scalar_one())
        stmt = select(func.count()).select_from(_joined(None))
        return int(self._session.execute(_where(self._session, stmt, filters)).scalar_one())

    # -- drafts

    def put_draft(self, draft_id: str, payload: str) -> None:
        key = DRAFT_KEY_PREFIX + draft_id
        done = self._session.execute(update(m).where(m.c.key == key).values(value=payload))
        if done.rowcount == 0:  # type: ignore[attr-defined]
            self._session.execute(insert(m).values(key=key, value=payload))

    def draft(self, draft_id: str) -> str | None:
        return self._session.scalar(select(m.c.value).where(m.c.key == DRAFT_KEY_PREFIX + draft_id))

    def drafts(self) -> list[tuple[str, str]]:
        """(draft id, payload) of every draft; a handful, so read whole."""
        rows = self._session.execute(select(m.c.key, m.c.value).where(
            m.c.key.startswith(DRAFT_KEY_PREFIX, autoescape=True)))
        return [(key[len(DRAFT_KEY_PREFIX):], value) for key, value in rows]

    def delete_draft(self, draft_id: str) -> bool:
        done = self._session.execute(delete(m).where(m.c.key == DRAFT_KEY_PREFIX + draft_id))
        return bool(done.rowcount)  # type: ignore[attr-defined]
