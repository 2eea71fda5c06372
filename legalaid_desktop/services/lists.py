"""The people, custody, provider and facility lists: pages, counts and exports, filtered in SQL.

A user limited to some facilities sees the people held or with cases there, those facilities, and the
providers covering them."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import replace
from datetime import UTC, date, datetime

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.dto import Page
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.lists import LIST_KINDS, ListFilter, ListKind, ListLine
from legalaid_desktop.services.access import require, within_scope
from legalaid_desktop.services.facility_names import recorded_name
from legalaid_desktop.services.ports import UnitOfWork

MAX_PAGE = 10_000
EXPORT_BATCH = 2000
SEARCH_COUNT = 1000
"""How far the screens count a search's matches before saying "more than" (see list_count)."""


def _checked(uow: UnitOfWork, kind: ListKind, filters: ListFilter) -> ListFilter:
    """The filter limited to the signed-in user's facilities; an unknown list or facility is refused,
    naming some that exist (inside `with uow`)."""
    require(uow, Permission.READ_CASES)
    if kind not in LIST_KINDS:
        raise ValidationError("list", kind, "one of " + ", ".join(LIST_KINDS))
    if filters.facility:  # found as every command finds a facility: case and spacing aside
        filters = replace(filters, facility=recorded_name(uow, filters.facility))
    return within_scope(uow, filters)


def _moment(now: datetime | None, today: date | None) -> tuple[datetime, date]:
    now = now or datetime.now(UTC)
    return now, today or now.date()


def list_page(uow: UnitOfWork, *, kind: ListKind, filters: ListFilter, offset: int = 0,
              limit: int = 200, sort: str = "name", descending: bool = False,
              now: datetime | None = None, today: date | None = None,
              with_total: bool = False) -> Page[ListLine]:
    """A page of one list, sorted and filtered in the database; `total` counted when asked."""
    if not 0 <= limit <= MAX_PAGE:
        raise ValidationError("limit", limit, f"a number from 0 to {MAX_PAGE}")
    if offset < 0:
        raise ValidationError("offset", offset, "zero or more")
    now, today = _moment(now, today)
    with uow:
        filters = _checked(uow, kind, filters)
        rows = uow.lists.list_page(kind, filters, offset=offset, limit=limit, sort=sort,
                                   descending=descending, now=now, today=today)
        total = uow.lists.list_count(kind, filters, now=now, today=today) if with_total else None
    return Page(rows=tuple(rows), offset=offset, total=total)


def list_count(uow: UnitOfWork, *, kind: ListKind, filters: ListFilter, now: datetime | None = None,
               today: date | None = None, at_most: int | None = None) -> int:
    """How many rows the filter keeps (what the screen says and its scroll bar spans).

    With `at_most`, a text search is counted no further than one past it (a single letter matches
    most of the list, and counting every match costs more than the page): a result above `at_most`
    means "more than at_most". Lists without a search are always counted whole.
    """
    if at_most is not None and at_most < 0:
        raise ValidationError("at_most", at_most, "zero or more")
    now, today = _moment(now, today)
    with uow:
        filters = _checked(uow, kind, filters)
        return uow.lists.list_count(kind, filters, now=now, today=today, at_most=at_most)


def list_rows(uow: UnitOfWork, *, kind: ListKind, filters: ListFilter, sort: str = "name",
              descending: bool = False, now: datetime | None = None, today: date | None = None,
              batch: int = EXPORT_BATCH) -> Generator[list[ListLine], None, None]:
    """Every row the filter keeps, in the list's order, a batch at a time from one read (exports).

    The unit of work stays open while the batches are taken; close the iterator to stop early.
    """
    now, today = _moment(now, today)
    with uow:
        filters = _checked(uow, kind, filters)
        yield from uow.lists.list_stream(kind, filters, sort=sort, descending=descending, now=now,
                                         today=today, batch=batch)
