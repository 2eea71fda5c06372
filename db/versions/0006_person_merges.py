"""People merged into another (possible duplicates compared and merged), and each merge's record of
what it moved, so it can be undone exactly.

`person.merged_into_id` marks a person merged away: lists, search and conflict checks leave them out.
`person_merge.moved` holds, per table, the keys of the rows the merge moved, the party rows it
dropped as duplicates, the flags it repointed and the fields it filled.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 08:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('person_merge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kept_person_id', sa.Integer(), nullable=False),
    sa.Column('merged_person_id', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('merged_at', sa.DateTime(), nullable=False),
    sa.Column('moved', sa.Text(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['kept_person_id'], ['person.id'],
                            name=op.f('fk_person_merge_kept_person_id_person')),
    sa.ForeignKeyConstraint(['merged_person_id'], ['person.id'],
                            name=op.f('fk_person_merge_merged_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_merge')),
    sa.UniqueConstraint('uuid', name=op.f('uq_person_merge_uuid'))
    )
    op.create_index(op.f('ix_person_merge_kept_person_id'), 'person_merge', ['kept_person_id'],
                    unique=False)
    op.create_index(op.f('ix_person_merge_merged_person_id'), 'person_merge', ['merged_person_id'],
                    unique=False)
    # A plain ADD COLUMN with its reference inline: rebuilding `person` in a batch would drop a table
    # that every case, party and spell refers to, which SQLite refuses with foreign keys on (and
    # Alembic cannot add a constraint to an SQLite table afterwards).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE person ADD COLUMN merged_into_id INTEGER "
                   "CONSTRAINT fk_person_merged_into_id_person REFERENCES person (id)")
    else:
        op.add_column('person', sa.Column('merged_into_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_person_merged_into_id_person'), 'person', 'person',
                              ['merged_into_id'], ['id'])
    # The People list by name and its possible duplicates, among the people not merged away.
    for name, where in (("ix_person_standing_name", "merged_into_id IS NULL"),
                        ("ix_person_flagged_name", "possible_duplicate_of IS NOT NULL AND merged_into_id IS NULL")):
        op.create_index(name, 'person', ['name_key', 'id'], unique=False, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))


def downgrade() -> None:
    op.drop_index('ix_person_flagged_name', table_name='person')
    op.drop_index('ix_person_standing_name', table_name='person')
    op.drop_column('person', 'merged_into_id')
    op.drop_index(op.f('ix_person_merge_merged_person_id'), table_name='person_merge')
    op.drop_index(op.f('ix_person_merge_kept_person_id'), table_name='person_merge')
    op.drop_table('person_merge')
