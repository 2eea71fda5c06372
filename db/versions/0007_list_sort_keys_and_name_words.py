"""Lists at 100,000 cases: the custody list's next deadline and lawyer kept on its rows with indexes
to sort by, each person's name words to search by prefix, and a prefix index for the full-text search.

`case_list.next_due` (the spell's earliest open deadline, national law or manual) and
`case_list.lawyer` (the provider of the case's newest assignment not ended) are derived like the
rest of the row and rewritten with it; computed per row at sort time they cost a sort of every row
(about 1 s at 100,000 cases). Each is indexed in both directions with rows lacking one last, as the
list sorts them. `person_word` holds each folded word of a person's names, so "mo ka" finds Mohamed
Kamau by two indexed prefixes instead of a scan of every name; storage fills it at the first open
that lacks it (as the conflict check's name keys), so this file needs none of today's code. On SQLite
the full-text table is made again with prefix indexes of one to three letters: a one-letter search
reads one list instead of merging every word that starts with the letter.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 10:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each sort column: its index for ascending and for descending order, rows without a value last in
# both (the list orders by `column IS NULL` first; in parentheses, as PostgreSQL wants an expression).
SORT_INDEXES = {
    column: ((f"ix_case_list_{column}_order", (f"({column} IS NULL)", column, "case_id")),
             (f"ix_case_list_{column}_order_desc", (f"({column} IS NULL)", f"{column} DESC", "case_id DESC")))
    for column in ("next_due", "lawyer")
}

# `|| ''` keeps SQLite on the spell's index rather than the (layer, status, due) one.
BACKFILL = """
UPDATE case_list SET
  next_due = (SELECT min(x.due) FROM (
      SELECT d.due AS due FROM custody_deadline d
      WHERE d.custody_id = case_list.custody_id AND d.layer || '' = 'national' AND d.status || '' = 'open'
      UNION ALL
      SELECT m.due AS due FROM deadline m
      WHERE m.custody_id = case_list.custody_id AND m.manual AND m.status || '' = 'open') x),
  lawyer = (SELECT pr.full_name FROM assignment a JOIN provider pr ON pr.id = a.provider_id
            WHERE a.case_id = case_list.case_id AND a.ended_at IS NULL
            ORDER BY a.started_at DESC, a.id DESC LIMIT 1)
"""

FTS_WITH_PREFIXES = ("CREATE VIRTUAL TABLE case_search_new USING fts5("
                     "body, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')")
FTS_PLAIN = ("CREATE VIRTUAL TABLE case_search_new USING fts5("
             "body, tokenize = 'unicode61 remove_diacritics 0')")


def _remake_search(create: str) -> None:
    """The full-text table made again by `create` (as case_search_new), with the same rows."""
    op.execute(create)
    op.execute("INSERT INTO case_search_new (rowid, body) SELECT rowid, body FROM case_search")
    op.execute("DROP TABLE case_search")
    op.execute("ALTER TABLE case_search_new RENAME TO case_search")


def upgrade() -> None:
    op.add_column('case_list', sa.Column('next_due', sa.DateTime(), nullable=True))
    op.add_column('case_list', sa.Column('lawyer', sa.String(length=200), nullable=True))
    op.execute(BACKFILL)
    for indexes in SORT_INDEXES.values():
        for name, terms in indexes:
            op.create_index(name, 'case_list', [sa.text(x) for x in terms], unique=False)
    op.create_table('person_word',
    sa.Column('word', sa.String(length=120), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_word_person_id_person'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('word', 'person_id', name=op.f('pk_person_word')),
    sqlite_with_rowid=False
    )
    op.create_index(op.f('ix_person_word_person_id_word'), 'person_word', ['person_id', 'word'],
                    unique=False)
    if op.get_bind().dialect.name == "sqlite":
        _remake_search(FTS_WITH_PREFIXES)


def downgrade() -> None:
    # Dropped with its table: the next upgrade fills it again at the first open.
    op.execute("DELETE FROM meta_info WHERE key = 'person_words_version'")
    if op.get_bind().dialect.name == "sqlite":
        _remake_search(FTS_PLAIN)
    op.drop_index(op.f('ix_person_word_person_id_word'), table_name='person_word')
    op.drop_table('person_word')
    for indexes in reversed(SORT_INDEXES.values()):
        for name, _terms in reversed(indexes):
            op.drop_index(name, table_name='case_list')
    with op.batch_alter_table('case_list', schema=None) as batch_op:
        batch_op.drop_column('lawyer')
        batch_op.drop_column('next_due')
