"""Read queries answered in SQL, returning pages of small DTOs."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.domain.case_file import DocumentLine
from legalaid_desktop.domain.custody import days_held
from legalaid_desktop.domain.dto import CaseFilter, CaseRow, Page
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.domain.merge import MergeLine
from legalaid_desktop.domain.vocab import CustodyStatus
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.readmodel import fts_query
from legalaid_desktop.storage.register_queries import RegisterQueries

cl = t.case_list

SORTS: dict[str, tuple[Any, ...]] = {
    "name": (cl.c.sort_name, cl.c.case_id),
    "case_ref": (cl.c.case_ref, cl.c.case_id),
    "facility": (cl.c.facility_name, cl.c.sort_name, cl.c.case_id),
    "custody_start": (cl.c.custody_start, cl.c.case_id),
    "status": (cl.c.custody_status, cl.c.sort_name, cl.c.case_id),
    "date_of_birth": (cl.c.date_of_birth, cl.c.case_id),
    "register_number": (cl.c.register_number, cl.c.case_id),
}


class SqlReadQueries(RegisterQueries):
    """Implements services.ports.ReadQueries on a session (register queries in their own module)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _filtered(self, stmt: Select[Any], filters: CaseFilter) -> Select[Any] | None:
        """Apply filters; None when a filter can match nothing (unknown facility, empty search)."""
        if filters.facility_ids is not None:  # the signed-in user's facilities (none: nothing)
            ids = sorted(filters.facility_ids)
            # The names as well: they reach the (facility_name, sort_name) index, so a paralegal's page
            # deep in their list reads their facility's rows, not the whole list (170 ms -> 11 ms at
            # offset 3,000 of 100,000 cases).
            stmt = stmt.where(cl.c.facility_id.in_(ids), cl.c.facility_name.in_(
                select(t.facility.c.name).where(t.facility.c.id.in_(ids))))
        if filters.facility:
            stmt = stmt.where(cl.c.facility_name == filters.facility)
        if filters.status:
            status = CustodyStatus.parse(filters.status, field="status")
            stmt = stmt.where(cl.c.custody_status == status.value)
        if filters.search and filters.search.strip():
            query = fts_query(filters.search)
            if query is None:
                return None
            if self._session.get_bind().dialect.name == "sqlite":
                matches = text("SELECT rowid FROM case_search WHERE case_search MATCH :q")
                stmt = stmt.where(cl.c.case_id.in_(
                    matches.bindparams(q=query).columns(rowid=t.case_list.c.case_id.type)))
            else:  # pragma: no cover - other dialects arrive with the PostgreSQL mode
                stmt = stmt.where(cl.c.sort_name.startswith(sort_key(filters.search)))
        return stmt

    def case_page(self, filters: CaseFilter, *, offset: int, limit: int,
                  sort: str = "name", descending: bool = False,
                  today: date | None = None) -> Page[CaseRow]:
        if sort not in SORTS:
            raise ValidationError("sort", sort, "one of " + ", ".join(SORTS))
        if offset < 0 or limit < 0:
            raise ValidationError("limit", limit, "zero or more")
        stmt = self._filtered(select(cl), filters)
        if stmt is None:
            return Page(rows=(), offset=offset, total=0)
        order = [c.desc() for c in SORTS[sort]] if descending else list(SORTS[sort])
        stmt = stmt.order_by(*order).offset(offset).limit(limit)
        rows = tuple(
            CaseRow(
                case_id=r.case_id, case_ref=r.case_ref, person_id=r.person_id,
                full_name=r.full_name, sex=r.sex, date_of_birth=r.date_of_birth,
                facility=r.facility_name, register_number=r.register_number,
                custody_status=r.custody_status, custody_start=r.custody_start,
                released_at=r.released_at,
                days_in_custody=days_held(r.custody_start, r.released_at, r.time_zone, today=today),
            )
            for r in self._session.execute(stmt)
        )
        return Page(rows=rows, offset=offset)

    def count_cases(self, filters: CaseFilter) -> int:
        stmt = self._filtered(select(func.count()).select_from(cl), filters)
        return 0 if stmt is None else int(self._session.scalar(stmt) or 0)

    def case_documents(self, case_id: int) -> list[DocumentLine]:
        d = t.document
        # The database measures the content; listing a case never carries the files into Python.
        stmt = select(d.c.id, d.c.uuid, d.c.title, d.c.filename, d.c.media_type,
                      func.length(d.c.content).label("size"), d.c.created_at
                      ).where(d.c.case_id == case_id).order_by(d.c.created_at, d.c.id)
        return [DocumentLine(id=r.id, uuid=r.uuid, title=r.title, filename=r.filename,
                             media_type=r.media_type, size=int(r.size or 0), added_at=r.created_at)
                for r in self._session.execute(stmt)]

    def case_facility(self, case_id: int) -> int | None:
        return self._session.scalar(select(cl.c.facility_id).where(cl.c.case_id == case_id))

    def case_facilities(self, case_ids: Collection[int]) -> dict[int, int | None]:
        ids = sorted(set(case_ids))
        found: dict[int, int | None] = {}
        for start in range(0, len(ids), 500):
            rows = self._session.execute(select(cl.c.case_id, cl.c.facility_id)
                                         .where(cl.c.case_id.in_(ids[start:start + 500])))
            found.update((case_id, facility_id) for case_id, facility_id in rows)
        return found

    def person_facilities(self, person_id: int) -> set[int | None]:
        pa = t.party
        in_cases = select(pa.c.case_id).where(pa.c.person_id == person_id).union(
            select(cl.c.case_id).where(cl.c.person_id == person_id)).subquery()
        return set(self._session.scalars(
            select(cl.c.facility_id).where(cl.c.case_id.in_(select(in_cases.c.case_id)))))

    def recent_merges(self, *, limit: int) -> list[MergeLine]:
        m, kept, merged = t.person_merge, t.person.alias("kept"), t.person.alias("merged")
        stmt = (select(m.c.id, kept.c.full_name, merged.c.full_name, m.c.actor, m.c.merged_at,
                       m.c.undone_at)
                .join(kept, kept.c.id == m.c.kept_person_id)
                .join(merged, merged.c.id == m.c.merged_person_id)
                .order_by(m.c.id.desc()).limit(limit))
        return [MergeLine(*row) for row in self._session.execute(stmt)]

    def audit_entries(self, uuids: Collection[str], *, limit: int = 1000,
                      leave_out: Collection[str] = ()) -> list[AuditEntry]:
        a = t.audit_entry
        wanted = sorted(set(uuids))
        found: list[AuditEntry] = []
        for start in range(0, len(wanted), 500):  # bound parameters per IN list stay few
            stmt = select(a).where(a.c.entity_uuid.in_(wanted[start:start + 500]))
            if leave_out:
                stmt = stmt.where(a.c.action.not_in(sorted(leave_out)))
            stmt = stmt.order_by(a.c.id.desc()).limit(limit)
            found.extend(AuditEntry(**row._mapping) for row in self._session.execute(stmt))
        found.sort(key=lambda e: e.id or 0, reverse=True)
        return found[:limit]
