"""Read queries for facility registers: held spells as register lines, name and birth look-ups.

Answered for a whole facility in a handful of queries (never one per person), because imports
and exports handle registers of a hundred thousand lines.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.register import RegisterRecord
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.storage import tables as t

KEYS_PER_QUERY = 500  # bound parameters per IN list, well under SQLite's limit


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


class RegisterQueries:
    """The register read paths of services.ports.ReadQueries (mixed into SqlReadQueries)."""

    _session: Session

    def held_register_records(self, facility_id: int | None) -> list[RegisterRecord]:
        cu, p, c, f, ct = t.custody, t.person, t.legal_case, t.facility, t.court
        held: list[ColumnElement[bool]] = [cu.c.released_at.is_(None)]
        if facility_id is not None:
            held.append(cu.c.facility_id == facility_id)
        held_cases = select(cu.c.case_id).where(*held, cu.c.case_id.is_not(None))
        held_spells = select(cu.c.id).where(*held)

        first_charge: dict[int, Any] = {}
        firsts = select(func.min(t.charge.c.id)).where(
            t.charge.c.case_id.in_(held_cases)).group_by(t.charge.c.case_id)
        for row in self._session.execute(
                select(t.charge.c.case_id, t.charge.c.offence, t.charge.c.offence_class,
                       t.charge.c.max_sentence_months, t.charge.c.max_sentence_life)
                .where(t.charge.c.id.in_(firsts))):
            first_charge[row.case_id] = row

        last_remand: dict[int, tuple[datetime, int | None]] = {}
        ev = t.custody_event
        for event in self._session.execute(
                select(ev.c.custody_id, ev.c.at, ev.c.days)
                .where(ev.c.type == EventType.REMAND, ev.c.custody_id.in_(held_spells))
                .order_by(ev.c.custody_id, ev.c.at, ev.c.id)):
            last_remand[event.custody_id] = (event.at, event.days)

        last_hearing: dict[int, tuple[datetime, str | None]] = {}
        h = t.hearing
        for hearing in self._session.execute(
                select(h.c.case_id, h.c.scheduled_at, ct.c.name)
                .select_from(h.outerjoin(ct, ct.c.id == h.c.court_id))
                .where(h.c.case_id.in_(held_cases))
                .order_by(h.c.case_id, h.c.scheduled_at, h.c.id)):
            last_hearing[hearing.case_id] = (hearing.scheduled_at, hearing.name)

        stmt = (select(cu.c.id, cu.c.person_id, cu.c.case_id, c.c.uuid.label("case_uuid"),
                       cu.c.facility_id, f.c.name.label("facility"), cu.c.time_zone,
                       cu.c.register_number, p.c.full_name, p.c.other_names, p.c.sex,
                       p.c.date_of_birth, p.c.age_estimate, p.c.nationality, p.c.languages,
                       p.c.notes, cu.c.status, cu.c.arrest_at, cu.c.admission_at,
                       ct.c.name.label("court"), c.c.court_case_number, c.c.police_case_number,
                       c.c.summary)
                .select_from(cu.join(p, p.c.id == cu.c.person_id)
                             .join(f, f.c.id == cu.c.facility_id)
                             .outerjoin(c, c.c.id == cu.c.case_id)
                             .outerjoin(ct, ct.c.id == c.c.court_id))
                .where(*held)
                .order_by(f.c.name, cu.c.id))
        records: list[RegisterRecord] = []
        for r in self._session.execute(stmt):
            charge = first_charge.get(r.case_id)
            remand = last_remand.get(r.id)
            court_date = last_hearing.get(r.case_id)
            records.append(RegisterRecord(
                custody_id=r.id, person_id=r.person_id, case_id=r.case_id, case_uuid=r.case_uuid,
                facility_id=r.facility_id, facility=r.facility, time_zone=r.time_zone,
                register_number=r.register_number, full_name=r.full_name,
                other_names=r.other_names, sex=r.sex, date_of_birth=r.date_of_birth,
                age_estimate=r.age_estimate, nationality=r.nationality, languages=r.languages,
                notes=r.notes, custody_status=r.status, arrest_at=r.arrest_at,
                admission_at=r.admission_at, court=r.court,
                court_case_number=r.court_case_number, police_case_number=r.police_case_number,
                case_summary=r.summary,
                offence=charge.offence if charge else None,
                offence_class=charge.offence_class if charge else None,
                max_sentence_months=charge.max_sentence_months if charge else None,
                max_sentence_life=bool(charge.max_sentence_life) if charge else False,
                last_remand_at=remand[0] if remand else None,
                remand_days=remand[1] if remand else None,
                next_court_at=court_date[0] if court_date else None,
                next_court=court_date[1] if court_date else None,
            ))
        return records

    def person_ids_by_name_and_birth(
            self, pairs: Collection[tuple[str, date]]) -> dict[tuple[str, date], int]:
        p = t.person
        wanted = set(pairs)
        found: dict[tuple[str, date], int] = {}
        # Look up by name (index seeks), then keep the wanted births here: SQLite answers a
        # (name, birth) row-value IN list by scanning the whole index, once per query.
        for chunk in _chunks(sorted({key for key, _ in wanted}), KEYS_PER_QUERY):
            stmt = (select(p.c.name_key, p.c.date_of_birth, p.c.id)
                    .where(p.c.name_key.in_(chunk), p.c.date_of_birth.is_not(None),
                           p.c.merged_into_id.is_(None)))
            for name_key, born, person_id in self._session.execute(stmt):
                pair = (name_key, born)
                if pair in wanted and person_id < found.get(pair, person_id + 1):
                    found[pair] = person_id
        return found
