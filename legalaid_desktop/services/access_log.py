"""What was looked at and taken out: the audit entries for opening a case, a list or a search, and
an export written by a screen or a command.

Each entry says what and how it was narrowed, never what it showed: no rows, no names from the
results, no restricted field. Each is a short write of its own (one insert and a commit), since
what it records was a read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from legalaid_desktop.services.ports import UnitOfWork

# Not chosen by the user: the facilities the services narrow to from the signed-in user's, and the
# moment a deadline list is counted from. What the user narrowed a list to is the rest.
_NOT_CHOSEN = frozenset({"facility_ids", "now"})


def filter_summary(filters: object | None) -> dict[str, Any]:
    """The filters a list was narrowed to, as plain JSON values: a dataclass filter (ListFilter,
    CaseFilter, DeadlineFilter, ...) or a mapping, keeping only what is set (no empty text, no
    False chip, no None)."""
    if filters is None:
        return {}
    if dataclasses.is_dataclass(filters) and not isinstance(filters, type):
        items: Mapping[str, Any] = {f.name: getattr(filters, f.name) for f in dataclasses.fields(filters)}
    elif isinstance(filters, Mapping):
        items = filters
    else:
        raise TypeError(f"filters must be a dataclass or a mapping, not {type(filters).__name__}")
    return {name: _plain(value) for name, value in items.items()
            if name not in _NOT_CHOSEN and value not in (None, "", False, (), frozenset())}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_plain(v) for v in value) if isinstance(value, set | frozenset) else [
            _plain(v) for v in value]
    return str(value)


def record_case_opened(uow: UnitOfWork, *, case_uuid: str, case_ref: str) -> None:
    """One entry "open" for a case the user opened (its reference only: never the client's name)."""
    with uow:
        uow.audit("open", "case", case_uuid, None, {"case_ref": case_ref})
        uow.commit()


def record_list(uow: UnitOfWork, *, kind: str, filters: object | None = None) -> None:
    """One entry "list" for a list or a search shown: which list and how it was narrowed."""
    with uow:
        uow.audit("list", kind, None, None, {"filters": filter_summary(filters)})
        uow.commit()


def record_export(uow: UnitOfWork, *, what: str, rows: int, file: str, filters: object | None = None,
                  format: str = "csv", stopped: bool = False) -> None:
    """One entry "export" for a file written from a list: what, how narrowed, how many rows and the
    file's name (not its folder, not its rows). Call it once the file is complete (`stopped`: the
    user stopped it part way, and the file holds the first `rows`)."""
    after: dict[str, Any] = {"format": format, "rows": rows, "file": file, "filters": filter_summary(filters)}
    if stopped:
        after["stopped"] = True
    with uow:
        uow.audit("export", what, None, None, after)
        uow.commit()
