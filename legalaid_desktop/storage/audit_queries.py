"""The audit log read in key order, a page at a time, for verifying its hash chain."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.storage import tables as t


class SqlAuditLog:
    """Implements services.ports.AuditLog."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def page(self, *, after_id: int, limit: int) -> list[AuditEntry]:
        a = t.audit_entry
        rows = self._session.execute(select(a).where(a.c.id > after_id).order_by(a.c.id).limit(limit))
        return [AuditEntry(**row._mapping) for row in rows]
