"""Conflict checks and caseloads in SQL: name keys kept in step with people, candidates by key lookup,
loads counted in the database (services.ports.ConflictReads)."""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from legalaid_desktop.domain.conflicts import (
    Acting,
    ActiveAssignment,
    Candidate,
    CaseFacts,
    FacilityGap,
    Involvement,
    PartyFacts,
    ProviderFacts,
    case_weight,
    identity_key,
)
from legalaid_desktop.domain.vocab import CaseStatus, PartyRole
from legalaid_desktop.services.name_match import name_keys
from legalaid_desktop.storage import tables as t

log = logging.getLogger(__name__)

# Bump when services.name_match.name_keys changes what it returns: every database then rebuilds its
# keys at the next open (tests/integration/test_conflicts.py pins a few keys to catch a change).
# 3: short forms of given names, other scripts, s and sh keyed alike; 4: Ethiopic; 5: Bengali,
# Gurmukhi, Gujarati, Urdu and Pashto letters
KEY_VERSION = "5"
KEY_VERSION_META = "name_keys_version"
CHUNK = 500  # people whose old keys one DELETE drops
READ_CHUNK = 5000  # keys per IN list of a read (SQLite allows 32,766 parameters)
FILL_BATCH = 20_000
ALIAS_SPLIT = re.compile(r"[;,/|]")

k, p, pa, c, a, pr = t.person_name_key, t.person, t.party, t.legal_case, t.assignment, t.provider
ch, cu, cov = t.charge, t.custody, t.provider_coverage


def names_of(full_name: str, other_names: str | None) -> list[str]:
    """The full name and each other name (aliases are written one after another, separated by ; , / |)."""
    names = [full_name]
    if other_names:
        names.extend(n.strip() for n in ALIAS_SPLIT.split(other_names) if n.strip())
    return names


@lru_cache(maxsize=100_000)
def _name_keys(full_name: str, other_names: str | None) -> frozenset[str]:
    keys: set[str] = set()
    for name in names_of(full_name, other_names):
        keys |= name_keys(name)
    return frozenset(keys)


def person_keys(full_name: str, other_names: str | None, identity_number: str | None) -> frozenset[str]:
    """Keys of every name a person goes by (common names repeat: computed once per name), and of the
    identity number, so a differently written number is found by the same index lookup."""
    keys = _name_keys(full_name, other_names)
    number = identity_key(identity_number)
    return keys | {number} if number else keys


Keyed = tuple[int, str, str | None, str | None]
"""A person as its keys need it: id, full name, other names, identity number."""


def write_keys(connection: Connection, people: Iterable[Keyed], *, replace: bool) -> None:
    """Write the keys of these people; `replace` drops their old ones first."""
    rows: list[dict[str, Any]] = []
    ids: list[int] = []
    for person_id, full_name, other_names, identity_number in people:
        ids.append(person_id)
        rows.extend({"key": key, "person_id": person_id}
                    for key in person_keys(full_name, other_names, identity_number))
    if replace and ids:
        for start in range(0, len(ids), CHUNK):
            connection.execute(delete(k).where(k.c.person_id.in_(ids[start:start + CHUNK])))
    if rows:
        connection.execute(insert(k), rows)


def refresh_name_keys(engine: Engine) -> None:
    """Write every person's keys when the database has none of this key version (first open after
    the migration that made the table, or after name_keys changed)."""
    with engine.begin() as connection:
        stored = connection.scalar(select(t.meta_info.c.value).where(t.meta_info.c.key == KEY_VERSION_META))
        if stored == KEY_VERSION:
            return
        started = time.perf_counter()
        connection.execute(delete(k))
        raw = connection.connection.driver_connection
        if connection.dialect.name == "sqlite" and raw is not None:
            _fill_sqlite(connection, raw)
        else:
            after = 0
            while batch := connection.execute(
                    select(p.c.id, p.c.full_name, p.c.other_names, p.c.identity_number)
                    .where(p.c.id > after).order_by(p.c.id).limit(FILL_BATCH)).all():
                write_keys(connection, ((r.id, r.full_name, r.other_names, r.identity_number) for r in batch),
                           replace=False)
                after = batch[-1].id
        done = connection.execute(update(t.meta_info).where(t.meta_info.c.key == KEY_VERSION_META)
                                  .values(value=KEY_VERSION))
        if done.rowcount == 0:
            connection.execute(insert(t.meta_info).values(key=KEY_VERSION_META, value=KEY_VERSION))
        log.info("name keys written for every person in %.1f s", time.perf_counter() - started)


def _fill_sqlite(connection: Connection, raw: Any) -> None:
    """Every person's keys by plain cursors: unsorted into a scratch table, then once into the key
    table in key order, its person index built after. At 1,000,000 people (6,000,000 keys) writing
    in key order took about half the time of inserting as they come (tests/benchmarks/bench_conflicts.py)."""
    keys_of: dict[tuple[str, str | None], frozenset[str]] = {}  # names repeat; computed once each
    read, write = raw.cursor(), raw.cursor()
    write.execute("CREATE TEMP TABLE scratch_name_key (key TEXT, person_id INTEGER)")
    read.execute("SELECT id, full_name, other_names, identity_number FROM person")
    while batch := read.fetchmany(FILL_BATCH):
        rows: list[tuple[str, int]] = []
        for pid, name, other, number in batch:
            names = keys_of.get((name, other))
            if names is None:
                names = keys_of[(name, other)] = _name_keys.__wrapped__(name, other)
            rows.extend((key, pid) for key in names)
            if (extra := identity_key(number)) is not None:
                rows.append((extra, pid))
        write.executemany("INSERT INTO scratch_name_key VALUES (?, ?)", rows)
    for index in k.indexes:
        index.drop(connection)
    write.execute("INSERT INTO person_name_key (key, person_id) "
                  "SELECT key, person_id FROM scratch_name_key ORDER BY key, person_id")
    write.execute("DROP TABLE scratch_name_key")
    for index in k.indexes:
        index.create(connection)


def _in_ids(connection: Connection, column: Any, ids: list[int]) -> Any:
    """`column IN ids` for a long list of whole numbers. On SQLite one JSON parameter read by
    json_each (planned as an index search per id, like the IN list) instead of one bound parameter
    per id (5,400 ids: 0.8 ms of CPU against 3.5 ms to expand and bind them)."""
    if connection.dialect.name == "sqlite":
        return column.in_(select(func.json_each(json.dumps(ids)).table_valued("value").c.value))
    return _in(column, ids)


def _rows(connection: Connection, query: Any) -> list[Any]:
    """The rows of a read as plain tuples. On SQLite straight from the driver's cursor, for the
    thousands of people who carry a common name (the roles of 5,400 people at 1,000,000 parties:
    63-68 ms of CPU against 69-75 ms through SQLAlchemy's result rows)."""
    driver = connection.connection.driver_connection
    if connection.dialect.name != "sqlite" or driver is None:
        return list(connection.execute(query))
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    cursor = driver.execute(str(compiled), [compiled.params[name] for name in compiled.positiontup or ()])
    return list(cursor.fetchall())


def _in(column: Any, values: Collection[Any]) -> Any:
    # Bound values: each lookup is on an index's first column, planned as such with parameters
    # (checked with EXPLAIN QUERY PLAN); rendering thousands of literals cost more than the query.
    return column.in_(list(values))


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _capital(case_id: Any) -> Any:
    return exists().where(ch.c.case_id == case_id,
                          or_(ch.c.capital.is_(True), ch.c.offence_class == "capital"))


def _newest_facility(case_id: Any) -> Any:
    return (select(cu.c.facility_id).where(cu.c.case_id == case_id).order_by(cu.c.id.desc())
            .limit(1).scalar_subquery())


def _candidate_rows() -> Any:
    """People as candidates (Candidate's fields), merged duplicates left out."""
    return (select(p.c.id, p.c.full_name, p.c.other_names, p.c.date_of_birth, p.c.identity_number)
            .where(p.c.merged_into_id.is_(None)))


class SqlConflictReads:
    """Implements services.ports.ConflictReads on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _db(self) -> Connection:
        return self._session.connection()

    # --- candidates -----------------------------------------------------------------------------------

    def key_counts(self, keys: Collection[str], *, cap: int) -> dict[str, int]:
        """People per key, counted up to `cap` + 1 (a commoner key is only "too common")."""
        counts: dict[str, int] = {}
        for key in sorted(keys):
            held = select(literal(1)).where(k.c.key == key).limit(cap + 1).subquery()
            counts[key] = int(self._db.scalar(select(func.count()).select_from(held)) or 0)
        return {key: n for key, n in counts.items() if n}

    def candidates(self, *, keys: Collection[str], exclude_person_id: int | None,
                   limit: int) -> list[Candidate]:
        if not keys:
            return []
        # DISTINCT: a person holds several of the query's keys, and is one candidate.
        ids = select(k.c.person_id.label("pid")).where(_in(k.c.key, keys)).distinct().limit(limit).subquery()
        query = _candidate_rows().join(ids, ids.c.pid == p.c.id)
        if exclude_person_id is not None:
            query = query.where(p.c.id != exclude_person_id)
        return self._candidates(query)

    def keys_in_cases_of(self, provider_id: int, keys: Collection[str]) -> list[tuple[str, int]]:
        if not keys:
            return []
        # From the provider's assignments to their cases' parties, each looked up in the key index by
        # person and key (the covering person_id index): a busy provider's cases hold thousands of
        # parties, a common key tens of thousands of people.
        parties = a.join(pa, pa.c.case_id == a.c.case_id).join(k, k.c.person_id == pa.c.person_id)
        query = (select(k.c.key, k.c.person_id).distinct().select_from(parties)
                 .where(a.c.provider_id == provider_id, _in(k.c.key, keys)))
        return [(key, person_id) for key, person_id in _rows(self._db, query)]

    def people(self, person_ids: Collection[int]) -> list[Candidate]:
        if not person_ids:
            return []
        return self._candidates(_candidate_rows().where(_in_ids(self._db, p.c.id, sorted(set(person_ids)))))

    def _candidates(self, query: Any) -> list[Candidate]:
        return [Candidate(person_id, full_name, other_names, _day(born), number)
                for person_id, full_name, other_names, born, number in _rows(self._db, query)]

    def involvements(self, person_ids: Collection[int]) -> tuple[list[Involvement], list[Acting]]:
        # One query for roles and providers, bound parameters in large chunks: for a common name the
        # matched people run to thousands (every case's client is a party: open_case, the register
        # import and the demo write the client's party row).
        roles: set[Involvement] = set()
        acting: dict[tuple[int, int], Acting] = {}
        ids = sorted(set(person_ids))
        for start in range(0, len(ids), READ_CHUNK):
            query = (select(pa.c.person_id, pa.c.case_id, c.c.case_ref, pa.c.role, a.c.provider_id,
                            pr.c.full_name, a.c.ended_at.is_(None))
                     .select_from(pa.join(c, c.c.id == pa.c.case_id)
                                  .outerjoin(a, a.c.case_id == pa.c.case_id)
                                  .outerjoin(pr, pr.c.id == a.c.provider_id))
                     .where(_in_ids(self._db, pa.c.person_id, ids[start:start + READ_CHUNK])))
            for person_id, case_id, case_ref, role, provider_id, name, current in _rows(self._db, query):
                roles.add(Involvement(person_id, case_id, case_ref, PartyRole(role)))
                if provider_id is not None and ((case_id, provider_id) not in acting or current):
                    acting[(case_id, provider_id)] = Acting(case_id, provider_id, name, bool(current))
        return (sorted(roles, key=lambda i: (i.person_id, i.case_ref, i.role.value)),
                sorted(acting.values(), key=lambda x: (x.case_id, x.provider_name)))

    def acting(self, case_ids: Collection[int]) -> list[Acting]:
        found: dict[tuple[int, int], Acting] = {}
        ids = sorted(set(case_ids))
        for start in range(0, len(ids), READ_CHUNK):
            query = (select(a.c.case_id, a.c.provider_id, pr.c.full_name, a.c.ended_at.is_(None))
                     .join(pr, pr.c.id == a.c.provider_id)
                     .where(_in_ids(self._db, a.c.case_id, ids[start:start + READ_CHUNK])))
            for case_id, provider_id, name, current in self._db.execute(query):
                key = (case_id, provider_id)
                if key not in found or current:
                    found[key] = Acting(case_id, provider_id, name, bool(current))
        return sorted(found.values(), key=lambda x: (x.case_id, x.provider_name))

    # --- cases and providers --------------------------------------------------------------------------

    def case_id_for_ref(self, case_ref: str) -> int | None:
        return self._db.scalar(select(c.c.id).where(c.c.case_ref == case_ref.strip().upper()))

    def case_facts(self, case_id: int) -> CaseFacts | None:
        row = self._db.execute(
            select(c.c.id, c.c.case_ref, c.c.client_person_id, c.c.court_id, p.c.languages,
                   p.c.date_of_birth, p.c.age_estimate, p.c.age_estimate_on, p.c.age_disputed,
                   _capital(c.c.id).label("capital"), _newest_facility(c.c.id).label("facility_id"))
            .join(p, p.c.id == c.c.client_person_id).where(c.c.id == case_id)).first()
        if row is None:
            return None
        parties = [PartyFacts(r.person_id, r.full_name, r.other_names, _day(r.date_of_birth),
                              r.identity_number, PartyRole(r.role))
                   for r in self._db.execute(
                       select(pa.c.person_id, pa.c.role, p.c.full_name, p.c.other_names, p.c.date_of_birth,
                              p.c.identity_number)
                       .join(p, p.c.id == pa.c.person_id).where(pa.c.case_id == case_id)
                       .order_by(pa.c.id))]
        jurisdiction = None
        for table, key in ((t.facility, row.facility_id), (t.court, row.court_id)):
            if jurisdiction is None and key is not None:
                jurisdiction = self._db.execute(
                    select(table.c.jurisdiction_code).where(table.c.id == key)).scalar()
        return CaseFacts(row.id, row.case_ref, row.client_person_id, row.languages,
                         _day(row.date_of_birth), row.age_estimate, _day(row.age_estimate_on),
                         bool(row.age_disputed), bool(row.capital), row.facility_id, row.court_id,
                         tuple(parties), jurisdiction)

    def _weight(self) -> Any:
        return case((_capital(a.c.case_id), case_weight(True)), else_=case_weight(False))

    def providers(self) -> list[ProviderFacts]:
        open_active = and_(a.c.ended_at.is_(None),
                           exists().where(c.c.id == a.c.case_id, c.c.status == CaseStatus.OPEN.value))
        loads = {row.provider_id: (int(row.n), float(row.load or 0)) for row in self._db.execute(
            select(a.c.provider_id, func.count().label("n"), func.sum(self._weight()).label("load"))
            .where(open_active).group_by(a.c.provider_id))}
        facilities: dict[int, set[int]] = defaultdict(set)
        courts: dict[int, set[int]] = defaultdict(set)
        places: dict[int, set[str]] = defaultdict(set)
        f, co = t.facility, t.court
        for provider_id, facility_id, court_id, facility_code, court_code in self._db.execute(
                select(cov.c.provider_id, cov.c.facility_id, cov.c.court_id, f.c.jurisdiction_code,
                       co.c.jurisdiction_code)
                .outerjoin(f, f.c.id == cov.c.facility_id).outerjoin(co, co.c.id == cov.c.court_id)):
            if facility_id is not None:
                facilities[provider_id].add(facility_id)
            if court_id is not None:
                courts[provider_id].add(court_id)
            places[provider_id].update(code for code in (facility_code, court_code) if code)
        out = []
        for r in self._db.execute(select(pr).order_by(pr.c.full_name, pr.c.id)):
            n, load = loads.get(r.id, (0, 0.0))
            out.append(ProviderFacts(
                r.id, r.full_name, str(r.kind), r.languages, r.specialisms, r.capacity, bool(r.active),
                _day(r.unavailable_from), _day(r.unavailable_until), n, load,
                frozenset(facilities[r.id]), frozenset(courts[r.id]), frozenset(places[r.id])))
        return out

    def provider_ids_named(self, name: str) -> list[tuple[int, str]]:
        wanted = " ".join(name.split()).lower()
        return [(r.id, r.full_name) for r in self._db.execute(
            select(pr.c.id, pr.c.full_name).where(func.lower(pr.c.full_name) == wanted).order_by(pr.c.id))]

    def active_assignments(self, provider_ids: Collection[int]) -> list[ActiveAssignment]:
        if not provider_ids:
            return []
        query = (select(a.c.id, a.c.case_id, c.c.case_ref, a.c.provider_id, a.c.started_at,
                        self._weight().label("weight"), _newest_facility(c.c.id).label("facility_id"),
                        c.c.court_id)
                 .join(c, c.c.id == a.c.case_id)
                 .where(a.c.ended_at.is_(None), c.c.status == CaseStatus.OPEN.value,
                        _in(a.c.provider_id, sorted(set(provider_ids))))
                 .order_by(a.c.started_at.desc(), a.c.id.desc()))
        return [ActiveAssignment(r.id, r.case_id, r.case_ref, r.provider_id, r.started_at, float(r.weight),
                                 r.facility_id, r.court_id)
                for r in self._db.execute(query)]

    def unrepresented(self) -> list[FacilityGap]:
        """People held now (spell not released, case open) whose case has no active assignment."""
        f = t.facility
        represented = exists().where(a.c.case_id == cu.c.case_id, a.c.ended_at.is_(None))
        query = (select(f.c.id, f.c.name, func.count(cu.c.id).label("n"))
                 .join(cu, cu.c.facility_id == f.c.id)
                 .join(c, c.c.id == cu.c.case_id)
                 .where(cu.c.released_at.is_(None), c.c.status == CaseStatus.OPEN.value, ~represented)
                 .group_by(f.c.id, f.c.name).order_by(func.count(cu.c.id).desc(), f.c.name))
        return [FacilityGap(r.id, r.name, int(r.n)) for r in self._db.execute(query)]
