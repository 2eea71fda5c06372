"""Each person's folded name words (person_word), kept in step with people, and the search by word
prefix they answer on every dialect: "mo ka" keeps the people with a word starting "mo" and one
starting "ka", each an index range, where a substring scan read every name."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)

from legalaid_desktop.domain.folding import index_tokens, tokens
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.plan_cache import plan_cache

log = logging.getLogger(__name__)

# Bump when the words change (domain.folding.index_tokens, or which names are read): every database
# then writes them again at its next open. Migration 0007's downgrade forgets it with the table.
WORDS_VERSION = "1"
WORDS_VERSION_META = "person_words_version"
CHUNK = 500
FILL_BATCH = 20_000
WORD_LENGTH = 120
COMMON = 5000
"""Matches from which a search walks a list in its order, testing each row, rather than gathering
the matches and sorting them (see `common`)."""

w = t.person_word
PersonNames = tuple[int, str, str | None]
"""(person id, full name, other names)."""


def words_of(full_name: str, other_names: str | None) -> set[str]:
    return {x[:WORD_LENGTH] for x in index_tokens(f"{full_name} {other_names or ''}")}


def write_words(connection: Connection, people: Iterable[PersonNames], *, replace: bool) -> None:
    """Store the words of these people; `replace` drops their old words first (a rename)."""
    people = list(people)
    if not people:
        return
    if replace:
        ids = sorted({x[0] for x in people})
        for start in range(0, len(ids), CHUNK):
            connection.execute(delete(w).where(w.c.person_id.in_(ids[start:start + CHUNK])))
    rows = [{"word": word, "person_id": pid} for pid, name, other in people for word in words_of(name, other)]
    if rows:
        connection.execute(insert(w), rows)


def refresh_person_words(engine: Engine) -> None:
    """Write every person's words when the database has none of this version (the first open after
    migration 0007, or after the words changed)."""
    m = t.meta_info
    with engine.begin() as connection:
        if connection.scalar(select(m.c.value).where(m.c.key == WORDS_VERSION_META)) == WORDS_VERSION:
            return
        started = time.perf_counter()
        connection.execute(delete(w))
        after = 0
        p = t.person
        while batch := connection.execute(select(p.c.id, p.c.full_name, p.c.other_names)
                                          .where(p.c.id > after).order_by(p.c.id).limit(FILL_BATCH)).all():
            write_words(connection, ((r.id, r.full_name, r.other_names) for r in batch), replace=False)
            after = batch[-1].id
        done = connection.execute(update(m).where(m.c.key == WORDS_VERSION_META).values(value=WORDS_VERSION))
        if done.rowcount == 0:
            connection.execute(insert(m).values(key=WORDS_VERSION_META, value=WORDS_VERSION))
        log.info("name words written for every person in %.1f s", time.perf_counter() - started)


def search_words(search: str) -> list[str]:
    """The folded words of a search, each a prefix to find (none: the search has no words)."""
    return list(dict.fromkeys(x[:WORD_LENGTH] for x in tokens(search)))


def _starts(word: str) -> ColumnElement[bool]:
    return and_(w.c.word >= word, w.c.word < word + "\uffff")


def people_with_words(words: list[str]) -> Any:
    """The keys of the people with a word starting with each of `words` (one index range each), as
    a subquery for IN; for a few words that many people share."""
    chosen = select(w.c.person_id).where(_starts(words[0]))
    for word in words[1:]:
        chosen = chosen.where(w.c.person_id.in_(select(w.c.person_id).where(_starts(word))))
    return chosen


def has_words(person_id: Any, words: list[str]) -> ColumnElement[bool]:
    """`person_id` has a word starting with each of `words`, tested row by row on the (person, word)
    index: for a list walked in its sort order that stops at a page, when most people match."""
    return and_(*(exists().where(w.c.person_id == person_id, _starts(word)) for word in words))


def common(connection: Connection, words: list[str], *, at_least: int) -> bool:
    """Whether `at_least` people or more have a word starting with the rarest of `words` (read no
    further than that): then walking a list in order and testing each row finds a page sooner than
    gathering every match and sorting them. Only the way a search runs depends on it, never what it
    finds, so the answer is kept a while: a keystroke asks twice (the count, then the page)."""
    return _common(str(connection.engine.url), tuple(words), at_least, connection)


@plan_cache
def _common(_database: str, words: tuple[str, ...], at_least: int, connection: Connection) -> bool:
    def found(word: str) -> int:
        first = select(w.c.person_id).where(_starts(word)).limit(at_least).subquery()
        return int(connection.scalar(select(func.count()).select_from(first)) or 0)
    return min(found(x) for x in words) >= at_least
