"""User accounts with roles, and the facilities an account is limited to.

A database without accounts keeps working as before (its computer's user acts as an administrator);
once the first account exists, every use signs in. Names are unique through `name_key` (the name
case-folded, spaces collapsed), which works alike on SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 07:18:55.405211
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('name_key', name=op.f('uq_user_account_name_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_user_account_uuid'))
    )
    op.create_table('user_facility',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_user_facility_facility_id_facility'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_facility_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'facility_id', name=op.f('pk_user_facility'))
    )
    with op.batch_alter_table('user_facility', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_facility_facility_id'), ['facility_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('user_facility', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_facility_facility_id'))

    op.drop_table('user_facility')
    op.drop_table('user_account')
