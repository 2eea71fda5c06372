"""The audit log for coordinators and administrators: filtered pages, newest first, and a CSV export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.audit import AuditEntry, canonical_json
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require
from legalaid_desktop.services.ports import AuditFilter, UnitOfWork
from legalaid_desktop.services.spreadsheet import safe_cell

EXPORT_PAGE = 2000
CSV_HEADERS = ("Entry", "When (UTC)", "User", "Machine", "Action", "Record", "Record UUID", "Changes",
               "Hash")

__all__ = ["AuditFilter", "AuditLine", "audit_lines", "audit_names", "export_audit_csv"]


@dataclass(frozen=True)
class AuditLine:
    """One entry as the viewer shows it; `changes` says what the entry recorded in words."""

    entry_id: int
    at: datetime
    actor: str
    machine: str
    action: str
    entity: str
    entity_uuid: str | None
    changes: str
    entry_hash: str


def _value(value: Any) -> str:
    return value if isinstance(value, str) else canonical_json(value)


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """`field: old → new` for an update; the fields recorded for a creation or a deletion."""
    before, after = before or {}, after or {}
    parts: list[str] = []
    for key in sorted(set(before) | set(after)):
        if key in before and key in after:
            if before[key] != after[key]:
                parts.append(f"{key}: {_value(before[key])} → {_value(after[key])}")
        elif key in after:
            parts.append(f"{key}: {_value(after[key])}")
        else:
            parts.append(f"{key}: {_value(before[key])} → (removed)")
    return "; ".join(parts)


def _line(entry: AuditEntry) -> AuditLine:
    assert entry.id is not None
    return AuditLine(entry.id, entry.at, entry.actor, entry.machine, entry.action, entry.entity,
                     entry.entity_uuid, describe_changes(entry.before, entry.after), entry.entry_hash)


def check_filter(filters: AuditFilter) -> AuditFilter:
    """The filter with blank words left out; a period that ends before it starts is refused."""
    if filters.since is not None and filters.until is not None and filters.until <= filters.since:
        raise ValidationError("to", filters.until.date().isoformat(),
                              f"a date after the 'from' date {filters.since.date().isoformat()}")
    return AuditFilter(actor=(filters.actor or "").strip() or None,
                       action=(filters.action or "").strip() or None,
                       since=filters.since, until=filters.until,
                       text=(filters.text or "").strip() or None)


def audit_lines(uow: UnitOfWork, *, filters: AuditFilter, before_id: int | None = None,
                limit: int = 200) -> list[AuditLine]:
    """A page of the entries `filters` selects, newest first; pass the last entry's id for the next.
    Coordinators and administrators only (AccessDenied, audited, for the others)."""
    wanted = check_filter(filters)
    with uow:
        require(uow, Permission.VIEW_AUDIT, entity="audit_log")
        return [_line(e) for e in uow.audit_log.newest(wanted, before_id=before_id, limit=limit)]


def audit_names(uow: UnitOfWork) -> tuple[list[str], list[str]]:
    """The users and the actions the log holds, for the viewer's choices."""
    with uow:
        require(uow, Permission.VIEW_AUDIT, entity="audit_log")
        return uow.audit_log.names("actor"), uow.audit_log.names("action")


def export_audit_csv(uow_factory: Callable[[], UnitOfWork], *, filters: AuditFilter, path: Path,
                     progress: Callable[[int], object] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> int:
    """Write every entry `filters` selects to `path` as CSV, newest first, a page at a time; the
    export is itself an audit entry. A stop deletes the half-written file and returns 0."""
    wanted = check_filter(filters)
    with uow_factory() as uow:  # refused before a file is made
        require(uow, Permission.VIEW_AUDIT, entity="audit_log")
        require(uow, Permission.EXPORT_DATA, entity="audit_log")
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # the BOM: Excel reads it as UTF-8
        writer = csv.writer(out)
        writer.writerow(CSV_HEADERS)
        before: int | None = None
        while True:
            page = audit_lines(uow_factory(), filters=wanted, before_id=before, limit=EXPORT_PAGE)
            for line in page:
                writer.writerow([line.entry_id, line.at.isoformat(timespec="seconds"),
                                 *(safe_cell(v) for v in (line.actor, line.machine, line.action,
                                                          line.entity, line.entity_uuid or "",
                                                          line.changes)), line.entry_hash])
            written += len(page)
            if progress is not None:
                progress(written)
            if cancelled is not None and cancelled():
                break
            if len(page) < EXPORT_PAGE:
                break
            before = page[-1].entry_id
    if cancelled is not None and cancelled():
        path.unlink(missing_ok=True)
        return 0
    with uow_factory() as uow:
        require(uow, Permission.EXPORT_DATA, entity="audit_log")
        uow.audit("export", "audit_log", None, None, {
            "file": path.name, "entries": written,
            "filter": {k: (v.isoformat() if isinstance(v, datetime) else v)
                       for k, v in vars(wanted).items() if v is not None}})
        uow.commit()
    return written
