"""Providers at 100,000 cases: each provider's load kept on its row, with an index to sort by.

`provider.active_cases` (the provider's assignments not ended on open cases) is derived and
rewritten in the transaction of every change that moves it (storage.provider_load); counted for each
row, over some 79,000 assignments, a page of the Providers list cost 0.3 s. Filled here with the same
count, in plain SQL (no code of today's application). The list sorts by load over capacity, then
name: the index holds that order, and serves both directions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 11:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = """
UPDATE provider SET active_cases = (
    SELECT count(*) FROM assignment a
    WHERE a.provider_id = provider.id AND a.ended_at IS NULL
      AND EXISTS (SELECT 1 FROM legal_case c WHERE c.id = a.case_id AND c.status = 'open'))
"""


def upgrade() -> None:
    op.add_column('provider', sa.Column('active_cases', sa.Integer(), server_default='0', nullable=False))
    op.execute(BACKFILL)
    op.create_index('ix_provider_load_order', 'provider',
                    [sa.text('(active_cases - capacity)'), 'full_name', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_provider_load_order', table_name='provider')
    # In place (SQLite 3.35 and later, PostgreSQL): a batch copy would drop the provider table, and
    # with foreign keys on, its coverage and assignments with it.
    op.drop_column('provider', 'active_cases')
