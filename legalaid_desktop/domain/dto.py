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
    """What a case list is narrowed to. Empty means everything. `facility_ids`: only cases held at
    these facilities (None: anywhere); the services narrow it to the signed-in user's facilities."""

    search: str | None = None
    facility: str | None = None
    status: str | None = None
    facility_ids: frozenset[int] | None = None


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


@dataclass(frozen=True)
class StoredDeadline:
    """A computed deadline as kept in the database: enough to answer "who is overdue" in SQL.

    `status` is open, met or breached: whether an open deadline is overdue depends on the clock,
    so lists compare `due` with now. `warn_from` is when it starts to count as due soon.
    """

    custody_id: int
    facility_id: int
    kind: str
    rule_id: str
    layer: str
    due: datetime
    due_date: date
    warn_from: datetime
    status: str
    met_at: datetime | None = None


@dataclass(frozen=True)
class DeadlineFilter:
    """Which open deadlines a list shows. `within_days` adds those due in that many days."""

    now: datetime
    overdue: bool = True
    within_days: int | None = None
    due_soon: bool = False
    facility: str | None = None
    include_benchmarks: bool = False
    facility_ids: frozenset[int] | None = None
    """Only deadlines at these facilities (None: anywhere); narrowed by the services to the signed-in
    user's facilities."""


@dataclass(frozen=True)
class DeadlineRow:
    """One open deadline of a held person, for lists and the `deadlines` command.

    `deadline_id` is the computed deadline's key, or minus the key of a manual deadline: lists
    continue after (due, deadline_id).
    """

    deadline_id: int
    custody_id: int
    case_id: int | None
    case_ref: str | None
    full_name: str
    facility: str
    register_number: str | None
    kind: str
    rule_id: str | None
    layer: str
    due: datetime
    due_date: date
    warn_from: datetime
    time_zone: str
    title: str | None = None
