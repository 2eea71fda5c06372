"""Frozen DTOs that services return and screens, commands and reports take."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """A page of rows; `total` is the number of rows the filter matches, when counted."""

    rows: tuple[T, ...]
    offset: int
    total: int | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of a case list."""

    case_id: int
    case_ref: str
    person_id: int
    full_name: str
    sex: str
    date_of_birth: date | None
    facility: str | None
    register_number: str | None
    custody_status: str | None
    custody_start: datetime | None
    released_at: datetime | None
    days_in_custody: int | None


@dataclass(frozen=True)
class CaseFilter:
    """What a case list is narrowed to. Empty means everything."""

    search: str | None = None
    facility: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class ImportSummary:
    """What a register import did; `rejected_file` holds the rows it could not take."""

    new: int
    updated: int
    unchanged: int
    rejected: int
    possible_duplicates: int = 0
    unknown_columns: tuple[str, ...] = ()
    rejected_file: str | None = None
    dry_run: bool = False
    messages: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DatabaseInfo:
    location: str
    revision: str | None
    default_jurisdiction: str | None
    cases: int
    office_code: str = "LA"
