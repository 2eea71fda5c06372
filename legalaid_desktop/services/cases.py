"""Finding cases: pages of list rows, sorted and filtered in the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.dto import CaseFilter, CaseRow, Page
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require, within_scope
from legalaid_desktop.services.facility_names import recorded_name
from legalaid_desktop.services.ports import UnitOfWork

MAX_PAGE = 10_000


def list_cases(uow: UnitOfWork, *, filters: CaseFilter, offset: int = 0, limit: int = 100,
               sort: str = "name", descending: bool = False, today: date | None = None,
               with_total: bool = False) -> Page[CaseRow]:
    """A page of cases; a search is one audited read (list entries name the filter, not the rows).
    A user limited to some facilities sees only the cases held there."""
    if not 0 <= limit <= MAX_PAGE:
        raise ValidationError("limit", limit, f"a number from 0 to {MAX_PAGE}")
    if offset < 0:
        raise ValidationError("offset", offset, "zero or more")
    with uow:
        require(uow, Permission.READ_CASES)
        filters = within_scope(uow, filters)
        if filters.facility:  # found as every command finds a facility: case and spacing aside
            filters = replace(filters, facility=recorded_name(uow, filters.facility))
        page = uow.reads.case_page(filters, offset=offset, limit=limit, sort=sort,
                                   descending=descending, today=today)
        total = uow.reads.count_cases(filters) if with_total else None
        return Page(rows=page.rows, offset=page.offset, total=total)
