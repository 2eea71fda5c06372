"""The case list and search follow every edit; two writers never fork the audit chain."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.services import records
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.errors import DatabaseBusyError
from tests.builders import make_facility, make_person

T = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _open_one(app: Application) -> tuple[int, int, int]:
    person = records.create(app.uow(), make_person(full_name="Alice Old"))
    facility = records.create(app.uow(), make_facility(name="Old Name Prison"))
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                      facility_id=facility.id, register_number="OLD/1", arrest_at=T)
    with app.uow() as uow:
        custody_id = uow.repo(Custody).find()[0].id
    assert custody_id is not None
    return person.id, facility.id, custody_id


def _names(app: Application, search: str) -> list[str]:
    return [r.full_name for r in list_cases(app.uow(), filters=CaseFilter(search=search)).rows]


def test_renaming_a_person_updates_the_list_and_the_search(app: Application) -> None:
    person_id, _, _ = _open_one(app)
    records.update(app.uow(), Person, person_id, expected_version=None, changes={"full_name": "Bob New"})
    assert _names(app, "bob") == ["Bob New"]
    assert _names(app, "alice") == []


def test_editing_custody_or_renaming_a_facility_updates_the_list(app: Application) -> None:
    _, facility_id, custody_id = _open_one(app)
    records.update(app.uow(), Custody, custody_id, expected_version=None,
                   changes={"register_number": "NEW/7"})
    records.update(app.uow(), Facility, facility_id, expected_version=None,
                   changes={"name": "New Name Prison"})
    row = list_cases(app.uow(), filters=CaseFilter(search="NEW/7")).rows[0]
    assert (row.register_number, row.facility) == ("NEW/7", "New Name Prison")


def test_keys_stay_unique_when_orm_and_bulk_inserts_mix_in_one_unit_of_work(app: Application) -> None:
    _, _, custody_id = _open_one(app)
    with app.uow() as uow:
        uow.repo(CustodyEvent).add(CustodyEvent(custody_id=custody_id, type=EventType.FIRST_APPEARANCE, at=T))
        uow.flush()
        uow.bulk_insert([CustodyEvent(custody_id=custody_id, type=EventType.REMAND, at=T, days=14)])
        uow.repo(CustodyEvent).add(CustodyEvent(custody_id=custody_id, type=EventType.REMAND, at=T, days=7))
        uow.flush()
        uow.bulk_insert([CustodyEvent(custody_id=custody_id, type=EventType.REMAND, at=T, days=3)])
        uow.commit()
    with app.uow() as uow:
        assert len(uow.repo(CustodyEvent).find(custody_id=custody_id)) == 5


def test_a_writer_whose_snapshot_went_stale_is_refused_and_the_audit_chain_stays_whole(
        app: Application) -> None:
    records.create(app.uow(), make_person(full_name="First"))
    late = app.uow()
    with pytest.raises(DatabaseBusyError), late:
        late.repo(Person).count()  # this unit of work has read: its snapshot is fixed
        records.create(app.uow(), make_person(full_name="Meanwhile"))  # another writer commits
        late.audit("export", "database", None, None, {"records": 2})
        late.commit()
    with sqlite3.connect(app.location.path) as raw:
        chain = raw.execute("SELECT prev_hash, entry_hash FROM audit_entry ORDER BY id").fetchall()
    assert all(chain[i][0] == chain[i - 1][1] for i in range(1, len(chain)))
    assert len({prev for prev, _ in chain}) == len(chain)
