"""The case list read model and its full-text index, rebuilt for the cases a commit touched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, or_, select, text
from sqlalchemy.orm import Session

from legalaid_desktop.domain.folding import index_tokens, tokens
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.person_words import people_with_words, search_words
from legalaid_desktop.storage.plan_cache import plan_cache

CHUNK = 500

# The row's sort keys computed per row at sort time: the spell's earliest open deadline (national
# law or manual; `|| ''` keeps SQLite on the spell's index rather than the (layer, status, due) one)
# and the provider of the case's newest assignment not ended. Migration 0007 fills them the same way.
NEXT_DUE_SQL = """(SELECT min(x.due) FROM (
    SELECT d.due AS due FROM custody_deadline d
    WHERE d.custody_id = {spell} AND d.layer || '' = 'national' AND d.status || '' = 'open'
    UNION ALL
    SELECT m.due AS due FROM deadline m
    WHERE m.custody_id = {spell} AND m.manual AND m.status || '' = 'open') x)"""
LAWYER_SQL = """(SELECT pr.full_name FROM assignment a JOIN provider pr ON pr.id = a.provider_id
    WHERE a.case_id = {case} AND a.ended_at IS NULL ORDER BY a.started_at DESC, a.id DESC LIMIT 1)"""

# The newest custody spell of each case decides its list row.
_REFRESH_SQL = f"""
INSERT INTO case_list (case_id, case_ref, person_id, full_name, sort_name, sex, date_of_birth,
                       custody_id, facility_id, facility_name, register_number, custody_status,
                       custody_start, released_at, time_zone, next_due, lawyer)
SELECT c.id, c.case_ref, p.id, p.full_name, p.name_key, p.sex, p.date_of_birth,
       cu.id, f.id, f.name, cu.register_number, cu.status,
       coalesce(cu.arrest_at, cu.admission_at), cu.released_at,
       coalesce(cu.time_zone, f.time_zone, j.time_zone),
       {NEXT_DUE_SQL.format(spell="cu.id")}, {LAWYER_SQL.format(case="c.id")}
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
    # Without FTS5 (the PostgreSQL mode, not built yet): clients with every word as a name-word
    # prefix, or the case reference as typed.
    cl = t.case_list
    return select(cl.c.case_id).where(or_(cl.c.person_id.in_(people_with_words(search_words(search))),
                                          cl.c.case_ref.startswith(search.strip().upper(), autoescape=True)))


def many_cases_match(session: Session, search: str, *, at_least: int) -> bool:
    """Whether `at_least` cases or more match (read no further than that; on SQLite only, where the
    prefix index of one to three letters streams the matches of a short word)."""
    query = fts_query(search)
    if query is None or session.get_bind().dialect.name != "sqlite":
        return False
    connection = session.connection()
    return _many_cases_match(str(connection.engine.url), query, at_least, connection)


@plan_cache
def _many_cases_match(_database: str, query: str, at_least: int, connection: Connection) -> bool:
    found = text("SELECT count(*) FROM (SELECT rowid FROM case_search WHERE case_search MATCH :q "
                 "LIMIT :n)").bindparams(q=query, n=at_least)
    return int(connection.scalar(found) or 0) >= at_least


def matching_cases_of(session: Session, case_id: Any, search: str, *, walk: bool
                      ) -> ColumnElement[bool] | None:
    """`case_id` is a case matching `search` (None: no words). `walk`: the matches are many, so the
    key is written `case_id + 0`, which no index answers: SQLite then walks the list in its sort order
    and tests each row against the matches, and stops at the page, instead of looking every match up
    by key and sorting them all."""
    cases = matching_case_ids(session, search)
    if cases is None:
        return None
    key: ColumnElement[Any] = case_id + 0 if walk else case_id
    return key.in_(cases)


def refresh_next_due(connection: Connection) -> None:
    """Every list row's next deadline read again (after every spell's deadlines were rewritten)."""
    connection.execute(text("UPDATE case_list SET next_due = "
                            + NEXT_DUE_SQL.format(spell="case_list.custody_id")))
