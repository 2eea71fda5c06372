"""The case list read model and its full-text index, rebuilt for the cases a commit touched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.orm import Session

from legalaid_desktop.domain.folding import index_tokens, sort_key, tokens
from legalaid_desktop.storage import tables as t

CHUNK = 500

# The newest custody spell of each case decides its list row.
_REFRESH_SQL = """
INSERT INTO case_list (case_id, case_ref, person_id, full_name, sort_name, sex, date_of_birth,
                       custody_id, facility_id, facility_name, register_number, custody_status,
                       custody_start, released_at, time_zone)
SELECT c.id, c.case_ref, p.id, p.full_name, p.name_key, p.sex, p.date_of_birth,
       cu.id, f.id, f.name, cu.register_number, cu.status,
       coalesce(cu.arrest_at, cu.admission_at), cu.released_at,
       coalesce(cu.time_zone, f.time_zone, j.time_zone)
FROM legal_case c
JOIN person p ON p.id = c.client_person_id
LEFT JOIN custody cu ON cu.id = (SELECT max(c2.id) FROM custody c2 WHERE c2.case_id = c.id)
LEFT JOIN facility f ON f.id = cu.facility_id
LEFT JOIN jurisdiction j ON j.code = f.jurisdiction_code
WHERE c.id IN :ids
"""

_SEARCH_TEXT_SQL = """
SELECT c.id, p.full_name, p.other_names, c.case_ref, c.court_case_number, c.police_case_number,
       cu.register_number
FROM legal_case c
JOIN person p ON p.id = c.client_person_id
LEFT JOIN custody cu ON cu.id = (SELECT max(c2.id) FROM custody c2 WHERE c2.case_id = c.id)
WHERE c.id IN :ids
"""

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 0')"
)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def search_body(*parts: str | None) -> str:
    return " ".join(" ".join(index_tokens(p)) for p in parts if p)


def refresh_cases(connection: Connection, case_ids: Iterable[int]) -> None:
    """Rebuild the list rows and search text of these cases from the tables."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    delete_list = text("DELETE FROM case_list WHERE case_id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    insert_list = text(_REFRESH_SQL).bindparams(bindparam("ids", expanding=True))
    read_text = text(_SEARCH_TEXT_SQL).bindparams(bindparam("ids", expanding=True))
    sqlite = connection.dialect.name == "sqlite"
    for chunk in _chunks(ids):
        connection.execute(delete_list, {"ids": chunk})
        connection.execute(insert_list, {"ids": chunk})
        if sqlite:
            connection.execute(
                text("DELETE FROM case_search WHERE rowid IN :ids").bindparams(
                    bindparam("ids", expanding=True)), {"ids": chunk})
            rows = connection.execute(read_text, {"ids": chunk}).all()
            connection.execute(
                text("INSERT INTO case_search (rowid, body) VALUES (:id, :body)"),
                [{"id": r[0], "body": search_body(*r[1:])} for r in rows],
            )


def fts_query(search: str) -> str | None:
    """An FTS5 query: every word of `search` as a prefix, all required. None if no words.

    Words come from folding (\\w+ runs), so they carry no quotes or FTS operators.
    """
    words = list(dict.fromkeys(tokens(search)))
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def matching_case_ids(session: Session, search: str) -> Any | None:
    """The keys of the cases whose search text has every word of `search` (as a prefix), as a
    subquery for `IN`; None when `search` has no words."""
    query = fts_query(search)
    if query is None:
        return None
    if session.get_bind().dialect.name == "sqlite":
        matches = text("SELECT rowid FROM case_search WHERE case_search MATCH :q")
        return matches.bindparams(q=query).columns(rowid=t.case_list.c.case_id.type)
    # pragma: no cover - other dialects arrive with the PostgreSQL mode
    return select(t.case_list.c.case_id).where(t.case_list.c.sort_name.startswith(sort_key(search)))
