"""Indexes for the audit viewer (by user, by action, by period) and the Requests screen (newest
first, one decision at a time, drafts apart).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("audit_entry", ("actor", "id")),
    ("audit_entry", ("action", "id")),
    ("audit_entry", ("at",)),
    ("legal_aid_request", ("is_draft", "received_at", "id")),
    ("legal_aid_request", ("is_draft", "decision", "received_at", "id")),
)


def _name(table: str, columns: Sequence[str]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(op.f(_name(table, columns)), table, list(columns), unique=False)


def downgrade() -> None:
    for table, columns in reversed(INDEXES):
        op.drop_index(op.f(_name(table, columns)), table_name=table)
