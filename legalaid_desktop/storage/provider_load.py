"""Each provider's stored load (`provider.active_cases`), counted again for the providers a commit moved.

The load is the provider's assignments not ended on open cases: what the Providers list shows and
sorts by, and the count the caseload check gives as a provider's cases. It moves when an assignment
starts, ends or is handed over, when a case opens or closes, and when rows are written in bulk (an
import, the demo); the unit of work notes those and calls `refresh_loads` before it commits, in the
same transaction. Migration 0008 fills the column with the same count.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Connection, ScalarSelect, exists, func, select, update

from legalaid_desktop.domain.vocab import CaseStatus
from legalaid_desktop.storage import tables as t

CHUNK = 500


def load_of(provider_id: Any) -> ScalarSelect[int]:
    """The count the column keeps, for the provider `provider_id` names (a column or a value)."""
    a, c = t.assignment, t.legal_case
    return (select(func.count()).select_from(a)
            .where(a.c.provider_id == provider_id, a.c.ended_at.is_(None),
                   exists().where(c.c.id == a.c.case_id, c.c.status == CaseStatus.OPEN.value))
            .scalar_subquery())


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def providers_on(connection: Connection, case_ids: Collection[int]) -> set[int]:
    """The providers with an assignment not ended on any of these cases (whose load a change of the
    cases' status moves)."""
    a = t.assignment
    found: set[int] = set()
    for chunk in _chunks(case_ids):
        found.update(connection.execute(
            select(a.c.provider_id).where(a.c.case_id.in_(chunk), a.c.ended_at.is_(None)).distinct()
        ).scalars())
    return found


def refresh_loads(connection: Connection, provider_ids: Collection[int]) -> None:
    """Count these providers' loads again from the tables."""
    pr = t.provider
    for chunk in _chunks(provider_ids):
        # Where writers run side by side (PostgreSQL), the rows are locked first, in key order: the
        # count then starts after any other transaction moving these loads has committed, and sees
        # its assignments (SQLite writes one transaction at a time and ignores FOR UPDATE).
        connection.execute(select(pr.c.id).where(pr.c.id.in_(chunk)).order_by(pr.c.id).with_for_update())
        connection.execute(update(pr).where(pr.c.id.in_(chunk))
                           .values(active_cases=load_of(pr.c.id).correlate(pr)))
