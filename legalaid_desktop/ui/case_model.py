"""The cases table: the paged model (ui/paged_model) over the case list, a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from legalaid_desktop.domain.dto import CaseFilter, CaseRow, Page
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.paged_model import PAGE_SIZE, DbColumn, PagedTableModel, words
from legalaid_desktop.ui.rows_model import RowRole, SortRole

# (header, DTO attribute, sort key in the database or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("Case", "case_ref", "case_ref"),
    ("Name", "full_name", "name"),
    ("Sex", "sex", None),
    ("Date of birth", "date_of_birth", "date_of_birth"),
    ("Facility", "facility", "facility"),
    ("Register no.", "register_number", "register_number"),
    ("Custody status", "custody_status", "status"),
    ("Days held", "days_in_custody", "custody_start"),
)

Fetch = Callable[[CaseFilter, int, int, str, bool], Page[CaseRow]]
Count = Callable[[CaseFilter], int]


def _text(attribute: str) -> Callable[[CaseRow], str]:
    def text(row: CaseRow) -> str:
        value = getattr(row, attribute)
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return words(value) if attribute in ("custody_status", "sex") else str(value)
    return text


def _column(header: str, attribute: str, sort: str | None) -> DbColumn:
    text = _text(attribute)
    whole = attribute in ("full_name", "facility", "register_number")  # long ones: whole in a tooltip
    return DbColumn(attribute, _(header), text, sort=sort,
                    raw=lambda row: getattr(row, attribute),
                    tooltip=(lambda row: text(row) or None) if whole else None,
                    ltr=attribute in ("case_ref", "register_number"),
                    align_right=attribute == "days_in_custody",
                    flipped=sort == "custody_start")  # more days held means an earlier start


class CaseTableModel(PagedTableModel[CaseFilter]):
    """Rows come from `fetch(filters, offset, limit, sort, descending)`, a page at a time."""

    def __init__(self, fetch: Fetch, count: Count, parent: Any = None) -> None:
        super().__init__([_column(*c) for c in COLUMNS],
                         lambda f, offset, limit, sort, desc: fetch(f, offset, limit, sort, desc).rows,
                         count, CaseFilter(), sort="name", parent=parent)

    def row_at(self, row: int) -> CaseRow | None:
        found = super().row_at(row)
        return found if isinstance(found, CaseRow) else None


__all__ = ["PAGE_SIZE", "CaseTableModel", "RowRole", "SortRole"]
