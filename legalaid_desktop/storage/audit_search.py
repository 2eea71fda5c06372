"""The audit log as the viewer reads it: newest first, filtered in SQL, paged back by key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.services.ports import AuditFilter
from legalaid_desktop.storage import tables as t

NAME_COLUMNS = ("actor", "action")


def _escaped(text: str) -> str:
    """LIKE pattern for `text` anywhere, its own % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def newest_entries(session: Session, filters: AuditFilter, *, before_id: int | None,
                   limit: int) -> list[AuditEntry]:
    a = t.audit_entry
    query = select(a).order_by(a.c.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(a.c.id < before_id)
    if filters.actor:
        query = query.where(a.c.actor == filters.actor)
    if filters.action:
        query = query.where(a.c.action == filters.action)
    if filters.since is not None:
        query = query.where(a.c.at >= filters.since)
    if filters.until is not None:
        query = query.where(a.c.at < filters.until)
    if filters.text and filters.text.strip():
        pattern = _escaped(filters.text.strip().lower())
        searched: list[Any] = [a.c.entity, a.c.entity_uuid, a.c.machine, a.c.actor,
                               cast(a.c.before, String), cast(a.c.after, String)]
        query = query.where(or_(*(func.lower(column).like(pattern, escape="\\") for column in searched)))
    return [AuditEntry(**row._mapping) for row in session.execute(query)]


def distinct_names(session: Session, column: str, *, limit: int) -> list[str]:
    if column not in NAME_COLUMNS:
        raise ValueError(f"no list of {column!r} in the audit log")
    field = t.audit_entry.c[column]
    return list(session.execute(select(field).distinct().order_by(field).limit(limit)).scalars())
