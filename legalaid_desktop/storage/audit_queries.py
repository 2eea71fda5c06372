"""The audit log read in key order, a page at a time, for verifying its hash chain; and for the viewer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.services.ports import AuditFilter
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.audit_search import distinct_names, newest_entries


class SqlAuditLog:
    """Implements services.ports.AuditLog."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def page(self, *, after_id: int, limit: int) -> list[AuditEntry]:
        a = t.audit_entry
        rows = self._session.execute(select(a).where(a.c.id > after_id).order_by(a.c.id).limit(limit))
        return [AuditEntry(**row._mapping) for row in rows]

    def newest(self, filters: AuditFilter, *, before_id: int | None, limit: int) -> list[AuditEntry]:
        return newest_entries(self._session, filters, before_id=before_id, limit=limit)

    def names(self, column: str, *, limit: int = 500) -> list[str]:
        return distinct_names(self._session, column, limit=limit)
