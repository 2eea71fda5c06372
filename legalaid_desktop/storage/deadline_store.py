"""Computed deadlines in SQL: the facts of spells read in batches, their rows rewritten, lists queried.

Implements services.ports.DeadlineStore. A recompute reads each batch of spells in three queries
(spells with their person, facility and court; events; charges), so 100,000 spells take seconds.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from legalaid_desktop.domain.deadlines import Event, Offence, Person, Spell
from legalaid_desktop.domain.deadlines.facts import EVENT_TYPES, LIFE
from legalaid_desktop.domain.dto import DeadlineFilter, DeadlineRow, StoredDeadline
from legalaid_desktop.services.ports import EncodedDeadlines
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.bulk import writer_for
from legalaid_desktop.storage.readmodel import refresh_next_due

CHUNK = 500
MANUAL_LEAD = timedelta(days=4)
"""Manual deadlines have no warning moment of their own: due soon within this (about 2 court days)."""
SQLITE_ROW = ("custody_id", "facility_id", "kind", "rule_id", "layer", "due", "due_date", "warn_from",
              "status", "met_at")
_ENGINE_EVENTS = frozenset(EVENT_TYPES)

cu, f, p, c, co = t.custody, t.facility, t.person, t.legal_case, t.court
d, ev, ch, j = t.custody_deadline, t.custody_event, t.charge, t.jurisdiction


def _chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def _among(column: Any, keys: list[int]) -> Any:
    """`column IN keys` for sorted distinct keys; a run of consecutive keys (a whole recompute's
    batches, mostly) as a range, which spares binding and matching them one by one."""
    if keys and keys[-1] - keys[0] + 1 == len(keys):
        return column.between(keys[0], keys[-1])
    return column.in_(keys)


def _seriousness(charge: Any) -> tuple[int, int]:
    """Death above life above any term; the longest maximum sentence is the most serious charge."""
    if charge.capital:
        return (2, 0)
    if charge.max_sentence_life:
        return (1, 0)
    return (0, charge.max_sentence_months or -1)


def _offence(charges: list[Any], court_within_40km: bool, offence_date: date | None) -> Offence:
    if not charges:
        return Offence(court_within_40km=court_within_40km, date=offence_date)
    worst = charges[0] if len(charges) == 1 else max(charges, key=_seriousness)
    months = LIFE if worst.max_sentence_life else worst.max_sentence_months
    return Offence(offence_class=worst.offence_class, max_sentence_months=months,
                   capital=worst.capital,  # when any charge is capital, the most serious is
                   first_offender=worst.first_offender,
                   court_within_40km=court_within_40km, date=offence_date)


def _utc(value: Any) -> datetime:
    """A stored UTC moment as the driver returns it (text from SQLite, a naive datetime elsewhere)."""
    if isinstance(value, str):
        # One parse with the offset appended costs a seventh of a parse and a `replace(tzinfo=)`.
        return datetime.fromisoformat(value + "+00:00")
    moment: datetime = value.replace(tzinfo=UTC)
    return moment


def _utc_or_none(value: Any) -> datetime | None:
    return None if value is None else _utc(value)


def _sqlite_moment(value: datetime | None) -> str | None:
    """A moment as SQLAlchemy's SQLite DateTime stores it (UTC, always with microseconds)."""
    if value is None:
        return None
    # In UTC the text ends "+00:00": cutting it is cheaper than a naive copy (a million calls here).
    return value.astimezone(UTC).isoformat(sep=" ", timespec="microseconds")[:-6]


class _Head(NamedTuple):
    """A spell's record with its person, facility, case and court: what the engine's facts come from."""

    id: int
    person_id: int
    facility_id: int
    case_id: int | None
    arrest_at: datetime | None
    admission_at: datetime | None
    released_at: datetime | None
    release_reason: str | None
    jurisdiction_code: str
    court_within_40km: bool
    date_of_birth: date | None
    age_estimate: int | None
    age_estimate_on: date | None
    age_disputed: bool
    offence_date: date | None
    court_opens: str | None
    court_closes: str | None


def _start(spell: Any) -> datetime | None:
    start: datetime | None = spell.arrest_at or spell.admission_at
    return start


def _events(chain: list[Any], stored: dict[int, list[Event]]) -> tuple[Event, ...]:
    """The engine's events for a case's custody, which may run over several spells (transfers).

    Stored events of every spell, plus what the custody records hold: the arrest (a spell known
    only from a prison register has an admission time and no arrest: custody began no later than
    that, so it stands in for the arrest: missing facts count against the state), and each release
    except a transfer to another facility, which does not stop the clock.
    """
    lone = len(chain) == 1
    events = stored.get(chain[0].id, []) if lone else [e for spell in chain for e in stored.get(spell.id, ())]
    types = {e.type for e in events}
    added: list[Event] = []
    first = next((spell for spell in chain if _start(spell) is not None), None)
    if "arrest" not in types and first is not None:
        start = _start(first)
        assert start is not None
        added.append(Event(type="arrest", at=start))
    for spell in chain:
        own = types if lone else {e.type for e in stored.get(spell.id, ())}
        if spell.released_at is not None and spell.release_reason != "transfer_out" \
                and not own & {"release", "bail"}:
            added.append(Event(type="bail" if spell.release_reason == "bail" else "release",
                               at=spell.released_at))
    if lone and not added:  # a spell's stored events are read in time order
        return tuple(events)
    return tuple(sorted(events + added, key=lambda e: e.at))


def _chains(heads: list[Any]) -> dict[int, list[Any]]:
    """Each spell's case custody in time order: the spells of one case and person form one clock,
    kept on the newest spell (where the person is now)."""
    groups: dict[tuple[int, int] | int, list[Any]] = {}
    for head in heads:
        key = (head.case_id, head.person_id) if head.case_id is not None else -head.id
        groups.setdefault(key, []).append(head)
    chains: dict[int, list[Any]] = {}
    for members in groups.values():
        members.sort(key=lambda h: (_start(h) or h.released_at or datetime.max.replace(tzinfo=UTC), h.id))
        for member in members:
            chains[member.id] = members
    return chains


class SqlDeadlineStore:
    """Reads spells for the engine and keeps `custody_deadline` in step with it."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rewriting = False

    @property
    def _connection(self) -> Connection:
        return self._session.connection()

    # --- recompute --------------------------------------------------------------------------------

    def chain_ids(self, custody_ids: Collection[int]) -> set[int]:
        found = set(custody_ids)
        for chunk in _chunks(sorted(custody_ids)):
            cases = select(cu.c.case_id).where(cu.c.id.in_(chunk), cu.c.case_id.is_not(None))
            found.update(self._connection.execute(select(cu.c.id).where(cu.c.case_id.in_(cases))).scalars())
        return found

    def _heads(self, ids: list[int]) -> list[_Head]:
        rows = self._connection.execute(
            # Moments as the driver gives them, made aware here: cheaper than the column type's
            # processing, on a hundred thousand spells.
            select(cu.c.id, cu.c.person_id, cu.c.facility_id, cu.c.case_id,
                   type_coerce(cu.c.arrest_at, String), type_coerce(cu.c.admission_at, String),
                   type_coerce(cu.c.released_at, String), type_coerce(cu.c.release_reason, String),
                   f.c.jurisdiction_code, f.c.court_within_40km,
                   p.c.date_of_birth, p.c.age_estimate, p.c.age_estimate_on, p.c.age_disputed,
                   c.c.offence_date, co.c.court_opens, co.c.court_closes)
            .join(f, f.c.id == cu.c.facility_id).join(p, p.c.id == cu.c.person_id)
            .outerjoin(c, c.c.id == cu.c.case_id).outerjoin(co, co.c.id == c.c.court_id)
            .where(_among(cu.c.id, ids))).all()
        u = _utc_or_none
        return [_Head._make((*r[:4], u(r[4]), u(r[5]), u(r[6]), *r[7:])) for r in rows]

    def spells(self, custody_ids: Collection[int]) -> list[Spell]:
        """The facts of each spell. A spell that is not the newest of its case's custody gets no
        events: its case's clock is kept on the newest spell."""
        connection = self._connection
        found: list[Spell] = []
        for chunk in _chunks(sorted(set(custody_ids))):
            heads = self._heads(chunk)
            # The other spells of these cases (a transfer made a new spell), read too.
            case_ids = sorted({h.case_id for h in heads if h.case_id is not None})
            wanted = set(chunk)
            if case_ids:
                others = sorted(i for i in connection.execute(
                    select(cu.c.id).where(_among(cu.c.case_id, case_ids))).scalars().all() if i not in wanted)
                heads += self._heads(others) if others else []
            ids = sorted(h.id for h in heads)
            events: dict[int, list[Event]] = {}
            # Events are most of the rows a recompute reads: taken as the driver gives them (no enum
            # or datetime processing by SQLAlchemy) and turned into engine events here.
            for custody_id, kind, at, days, until in connection.execute(
                    select(ev.c.custody_id, type_coerce(ev.c.type, String), type_coerce(ev.c.at, String),
                           ev.c.days, type_coerce(ev.c.until, String))
                    .where(_among(ev.c.custody_id, ids)).order_by(ev.c.custody_id, ev.c.at)).all():
                if kind in _ENGINE_EVENTS:
                    events.setdefault(custody_id, []).append(
                        Event.stored(kind, _utc(at), days, _utc(until) if until else None))
            charges: dict[int, list[Any]] = {}
            if case_ids:
                for row in connection.execute(
                        select(ch.c.case_id, ch.c.offence_class, ch.c.max_sentence_months,
                               ch.c.max_sentence_life, ch.c.capital, ch.c.first_offender)
                        .where(_among(ch.c.case_id, case_ids)).order_by(ch.c.id)).all():
                    charges.setdefault(row.case_id, []).append(row)
            chains = _chains(heads)
            for h in heads:
                if h.id not in wanted:
                    continue
                chain = chains[h.id]
                newest = chain[-1].id == h.id
                found.append(Spell(
                    custody_id=h.id, facility_id=h.facility_id, jurisdiction=h.jurisdiction_code,
                    person=Person(date_of_birth=h.date_of_birth, age_estimate=h.age_estimate,
                                  age_disputed=bool(h.age_disputed), age_estimate_on=h.age_estimate_on),
                    offence=_offence(charges.get(h.case_id, []) if h.case_id else [],
                                     bool(h.court_within_40km), h.offence_date),
                    events=_events(chain, events) if newest else (),
                    court_opens=h.court_opens, court_closes=h.court_closes))
        return found

    def begin_full_rewrite(self) -> None:
        """Every row goes, and the indexes with them until `finish_full_rewrite`: building an index
        once from sorted rows is several times faster than keeping it up to date row by row."""
        connection = self._connection
        for index in d.indexes:
            index.drop(connection)
        connection.execute(d.delete())
        self._rewriting = True

    def finish_full_rewrite(self) -> None:
        connection = self._connection
        for index in sorted(d.indexes, key=lambda i: str(i.name)):
            index.create(connection)
        self._rewriting = False
        refresh_next_due(connection)  # every list row's next deadline, in the same transaction

    def replace(self, custody_ids: Collection[int], deadlines: Iterable[StoredDeadline]) -> None:
        connection = self._connection
        for chunk in _chunks(sorted(custody_ids)) if not self._rewriting else ():
            connection.execute(d.delete().where(d.c.custody_id.in_(chunk)))
        self.write(self.encode(deadlines))

    def encode(self, deadlines: Iterable[StoredDeadline]) -> EncodedDeadlines:
        writer = writer_for(d, self._connection.dialect, leave_out=frozenset({"id"}))
        if self._connection.dialect.name != "sqlite":
            return [writer.values(x) for x in deadlines]
        # A full recompute writes hundreds of thousands of rows: the values converted here in the
        # form SQLAlchemy's SQLite types give them, skipping a bind processor per value.
        assert tuple(writer.names) == SQLITE_ROW, "custody_deadline columns changed: update SQLITE_ROW"
        # Moments repeat (a warning starts at the start of a court day, many limits end at the end
        # of one): each is converted once per batch. Local times of one zone compare as wall-clock
        # times, so `fold` is part of the key (the repeated hour of a clock change is two moments).
        seen: dict[tuple[datetime, int], str | None] = {}

        def at(moment: datetime | None) -> str | None:
            if moment is None:
                return None
            key = (moment, moment.fold)
            found = seen.get(key)
            if found is None:
                found = seen[key] = _sqlite_moment(moment)
            return found

        return [(x.custody_id, x.facility_id, x.kind, x.rule_id, x.layer, at(x.due), x.due_date.isoformat(),
                 at(x.warn_from), x.status, at(x.met_at)) for x in deadlines]

    def write(self, rows: EncodedDeadlines) -> None:
        writer_for(d, self._connection.dialect, leave_out=frozenset({"id"})).execute(self._connection, rows)

    def custody_ids(self, *, after: int = 0, limit: int = 5000,
                    jurisdictions: Collection[str] | None = None) -> list[int]:
        stmt = select(cu.c.id).where(cu.c.id > after).order_by(cu.c.id).limit(limit)
        if jurisdictions is not None:
            stmt = stmt.join(f, f.c.id == cu.c.facility_id).where(
                f.c.jurisdiction_code.in_(sorted(jurisdictions)))
        return list(self._connection.execute(stmt).scalars())

    def custody_ids_for(self, *, case_ids: Collection[int] = (), person_ids: Collection[int] = (),
                        facility_ids: Collection[int] = ()) -> set[int]:
        found: set[int] = set()
        for column, ids in ((cu.c.case_id, case_ids), (cu.c.person_id, person_ids),
                            (cu.c.facility_id, facility_ids)):
            for chunk in _chunks(sorted(ids)):
                found.update(self._connection.execute(select(cu.c.id).where(column.in_(chunk))).scalars())
        return found

    def closures(self) -> dict[str, frozenset[date]]:
        by_code: dict[str, set[date]] = {}
        for code, day in self._connection.execute(
                select(t.court_closure.c.jurisdiction_code, t.court_closure.c.day)):
            by_code.setdefault(code, set()).add(day)
        return {code: frozenset(days) for code, days in by_code.items()}

    def stored(self, custody_id: int) -> list[StoredDeadline]:
        rows = self._connection.execute(
            select(d.c.custody_id, d.c.facility_id, d.c.kind, d.c.rule_id, d.c.layer, d.c.due,
                   d.c.due_date, d.c.warn_from, d.c.status, d.c.met_at)
            .where(d.c.custody_id == custody_id).order_by(d.c.due, d.c.id)).all()
        return [StoredDeadline(**row._mapping) for row in rows]

    # --- lists ------------------------------------------------------------------------------------

    def _computed(self, layer: str, facility_id: int | None) -> Select[Any]:
        zone = func.coalesce(cu.c.time_zone, f.c.time_zone, j.c.time_zone)
        stmt = (select(d.c.id, d.c.custody_id, cu.c.case_id, c.c.case_ref, p.c.full_name,
                       f.c.name.label("facility"), cu.c.register_number, d.c.kind, d.c.rule_id,
                       d.c.layer, d.c.due, d.c.due_date, d.c.warn_from, zone.label("time_zone"))
                .join(cu, cu.c.id == d.c.custody_id).join(p, p.c.id == cu.c.person_id)
                .join(f, f.c.id == d.c.facility_id).outerjoin(c, c.c.id == cu.c.case_id)
                .outerjoin(j, j.c.code == f.c.jurisdiction_code)
                # One layer per query: `layer IN (...)` would need a sort of every match (the plan trap
                # of platform-notes), one equality keeps the index's order by due.
                .where(d.c.layer == layer, d.c.status == "open"))
        if facility_id is not None:
            stmt = stmt.where(d.c.facility_id == facility_id)
        return stmt

    def _manual(self, facility_id: int | None) -> Select[Any]:
        m = t.deadline
        zone = func.coalesce(cu.c.time_zone, f.c.time_zone, j.c.time_zone)
        stmt = (select(m.c.id, m.c.custody_id, cu.c.case_id, c.c.case_ref, p.c.full_name,
                       f.c.name.label("facility"), cu.c.register_number, m.c.kind, m.c.rule_id,
                       m.c.layer, m.c.due, m.c.due_date, m.c.due.label("warn_from"),
                       zone.label("time_zone"), m.c.title)
                .join(cu, cu.c.id == m.c.custody_id).join(p, p.c.id == cu.c.person_id)
                .join(f, f.c.id == cu.c.facility_id).outerjoin(c, c.c.id == cu.c.case_id)
                .outerjoin(j, j.c.code == f.c.jurisdiction_code)
                .where(m.c.manual.is_(True), m.c.status == "open"))
        if facility_id is not None:
            stmt = stmt.where(cu.c.facility_id == facility_id)
        return stmt

    def facility_id(self, name: str) -> int | None:
        """The facility of that name, its case and spacing aside ("kamiti remand" finds it)."""
        found = self._connection.execute(select(f.c.id).where(f.c.name == name)).scalar()
        if found is not None:
            return int(found)
        wanted = " ".join(name.casefold().split())
        same = [i for i, n in self._connection.execute(select(f.c.id, f.c.name))
                if " ".join(n.casefold().split()) == wanted]
        return same[0] if len(same) == 1 else None

    def deadline_rows(self, filters: DeadlineFilter, *, limit: int,
                      after: tuple[datetime, int] | None = None,
                      lead_horizon: timedelta = timedelta(days=30)) -> list[DeadlineRow]:
        """Open deadlines matching `filters`, by due moment then key; `after` continues a list."""
        facility_id = None
        if filters.facility is not None:
            facility_id = self.facility_id(filters.facility)
            if facility_id is None:
                return []
        now = filters.now
        # Disjoint ranges of `due`, in order: overdue, then due within N days or due soon.
        ranges: list[tuple[datetime | None, datetime, bool]] = []  # (from, until, warned only)
        if filters.overdue:
            ranges.append((None, now, False))
        if filters.within_days is not None:
            ranges.append((now, now + timedelta(days=filters.within_days), False))
        elif filters.due_soon:
            ranges.append((now, now + lead_horizon, True))
        layers = ["national"] + (["benchmark"] if filters.include_benchmarks else [])
        sources = [(self._computed(layer, facility_id), d) for layer in layers]
        sources.append((self._manual(facility_id), t.deadline))
        if filters.facility_ids is not None:  # the signed-in user's facilities only (none: nothing)
            allowed = sorted(filters.facility_ids)
            sources = [(source.where((d.c.facility_id if table is d else cu.c.facility_id).in_(allowed)),
                        table) for source, table in sources]
        found: list[DeadlineRow] = []
        for start, until, warned in ranges:
            streams = []
            for source, table in sources:
                manual = table is not d
                stmt = source.where(table.c.due < until)
                if start is not None:
                    stmt = stmt.where(table.c.due >= start)
                if warned:
                    stmt = stmt.where(table.c.due < now + MANUAL_LEAD if manual else d.c.warn_from <= now)
                # One order over both tables: by due moment, then a key that is the row's key for
                # computed deadlines and minus it for manual ones (ordered by key descending), so
                # no two rows share a place and a continued list never skips one.
                if after is not None:
                    due, key = after
                    stmt = stmt.where(or_(table.c.due > due, and_(
                        table.c.due == due, table.c.id < -key if manual else table.c.id > key)))
                stmt = stmt.order_by(table.c.due, table.c.id.desc() if manual else table.c.id)
                stmt = stmt.limit(limit - len(found))
                streams.append([self._row(r, manual) for r in self._connection.execute(stmt)])
            merged = heapq.merge(*streams, key=lambda r: (r.due, r.deadline_id))
            found.extend(islice(merged, limit - len(found)))
            if len(found) >= limit:
                break
        return found

    @staticmethod
    def _row(r: Any, manual: bool) -> DeadlineRow:
        values = dict(r._mapping)
        return DeadlineRow(deadline_id=-values["id"] if manual else values["id"],
                           custody_id=values["custody_id"],
                           case_id=values["case_id"], case_ref=values["case_ref"],
                           full_name=values["full_name"], facility=values["facility"],
                           register_number=values["register_number"], kind=values["kind"],
                           rule_id=values["rule_id"], layer=values["layer"], due=values["due"],
                           due_date=values["due_date"],
                           # A manual deadline has no warning moment stored: it is MANUAL_LEAD early.
                           warn_from=values["due"] - MANUAL_LEAD if manual else values["warn_from"],
                           time_zone=values["time_zone"] or "UTC", title=values.get("title"))
