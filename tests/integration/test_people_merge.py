"""Merging two records of one person, and undoing it, on a real SQLite file.

Okello Denis (born 1990) has a case at Luzira. A second record, "Okello Denis Oryem", was made by a
register import with no date of birth (so counted a child), an identity number and a phone, a case of
his own at Luzira with a custody spell, a request and a dependant, and is a witness in Grace Achan's
case, where the kept record is a witness too. A third record is flagged as possibly the second.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.domain.cases import Case, Party
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.lists import ListFilter, PersonLine
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import PartyRole
from legalaid_desktop.messages import describe
from legalaid_desktop.paths import migrations_dir
from legalaid_desktop.services import records
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.conflicts import check_conflicts
from legalaid_desktop.services.intake import find_likely_people
from legalaid_desktop.services.lists import list_page
from legalaid_desktop.services.people_merge import (
    compare_people,
    merge_people,
    recent_merges,
    undo_merge,
)
from legalaid_desktop.services.users import add_user
from tests.builders import T0, make_facility, make_person

SECRET = "long enough secret"


@dataclass
class World:
    kept: int
    duplicate: int
    third: int
    own_case: int
    own_spell: int
    kept_spell: int
    achan_case: int
    witness_uuid: str


@pytest.fixture
def world(app: Application) -> World:
    luzira = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                     time_zone="Africa/Kampala")).id
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    kept = records.create(app.uow(), make_person(full_name="Okello Denis", date_of_birth=date(1990, 1, 1)))
    kept_case = records.open_case(app.uow(), client_person_id=kept.id, opened_on=date(2026, 3, 2),
                                  facility_id=luzira, register_number="LUZ/26/1", arrest_at=T0).id
    duplicate = records.create(app.uow(), make_person(
        full_name="Okello Denis Oryem", date_of_birth=None, identity_number="CM9001",
        phone="+256 700 123456", possible_duplicate_of=kept.id))
    own_case = records.open_case(app.uow(), client_person_id=duplicate.id, opened_on=date(2026, 3, 2),
                                 facility_id=luzira, register_number="LUZ/26/7", arrest_at=T0).id
    third = records.create(app.uow(), make_person(full_name="O. Denis", possible_duplicate_of=duplicate.id))
    achan = records.create(app.uow(), make_person(full_name="Grace Achan"))
    achan_case = records.open_case(app.uow(), client_person_id=achan.id, opened_on=date(2026, 3, 2),
                                   facility_id=luzira, register_number="LUZ/26/9", arrest_at=T0).id
    records.create(app.uow(), Party(case_id=achan_case, person_id=kept.id, role=PartyRole.WITNESS))
    witness = records.create(app.uow(), Party(case_id=achan_case, person_id=duplicate.id,
                                              role=PartyRole.WITNESS))
    records.create(app.uow(), LegalAidRequest(person_id=duplicate.id, received_at=T0, case_id=own_case))
    records.create(app.uow(), Dependant(person_id=duplicate.id, name="Apio", age=4))
    with app.uow() as uow:
        spells = {s.case_id: s.id for s in uow.repo(Custody).find()}
    return World(kept.id, duplicate.id, third.id, own_case, spells[own_case] or 0, spells[kept_case] or 0,
                 achan_case, witness.uuid)


def _rules(app: Application, custody_id: int) -> set[str]:
    with app.uow() as uow:
        return {d.rule_id for d in uow.deadlines.stored(custody_id) if d.layer == "national"}


def _state(app: Application, w: World) -> dict[str, object]:
    """Everything a merge may change, read from the database."""
    with app.uow() as uow:
        kept, dup, third = (uow.repo(Person).get(i) for i in (w.kept, w.duplicate, w.third))
        assert kept is not None and dup is not None and third is not None
        case = uow.repo(Case).get(w.own_case)
        spell = uow.repo(Custody).get(w.own_spell)
        assert case is not None and spell is not None
        return {
            "case_client": case.client_person_id, "spell_person": spell.person_id,
            "requests": [r.person_id for r in uow.repo(LegalAidRequest).find()],
            "dependants": [d.person_id for d in uow.repo(Dependant).find()],
            "parties": sorted((p.uuid, p.case_id, p.person_id, p.role.value) for p in uow.repo(Party).find()),
            "kept": (kept.identity_number, kept.phone, kept.other_names, kept.date_of_birth,
                     kept.merged_into_id),
            "dup_merged_into": dup.merged_into_id, "third_flag": third.possible_duplicate_of,
            "rules": _rules(app, w.own_spell)}


def _names(app: Application, search: str | None = None) -> list[str]:
    page = list_page(app.uow(), kind="people", filters=ListFilter(search=search), limit=50)
    return sorted(x.full_name for x in page.rows if isinstance(x, PersonLine))


def _audit(app: Application, action: str) -> list[dict[str, object]]:
    with sqlite3.connect(app.location.path) as raw:
        return [json.loads(after) for (after,) in raw.execute(
            "SELECT after FROM audit_entry WHERE action = ? ORDER BY id", (action,))]


def test_a_merge_moves_every_row_of_the_duplicate_to_the_kept_person_and_fills_only_empty_fields(
        app: Application, world: World) -> None:
    before = _state(app, world)
    assert before["rules"] == {"ug.child.first-appearance"}  # no date of birth: counted a child
    kept_rules = _rules(app, world.kept_spell)
    assert kept_rules == {"ug.first-appearance"}

    done = merge_people(app.uow(), keep_id=world.kept, merge_id=world.duplicate)

    assert done.moved == {"legal_case": 1, "party": 1, "custody": 1, "legal_aid_request": 1,
                          "dependant": 1}
    after = _state(app, world)
    assert after["case_client"] == after["spell_person"] == world.kept
    assert after["requests"] == [world.kept] and after["dependants"] == [world.kept]
    parties = after["parties"]
    assert isinstance(parties, list)
    assert all(p[2] != world.duplicate for p in parties)
    assert world.witness_uuid not in {p[0] for p in parties}  # a second witness row would repeat
    assert after["kept"] == ("CM9001", "+256 700 123456", "Okello Denis Oryem", date(1990, 1, 1), None)
    assert after["dup_merged_into"] == world.kept and after["third_flag"] == world.kept
    # The spell is now an adult's: the child's 24-hour rule gives way to the 48-hour one.
    assert after["rules"] == {"ug.first-appearance"}
    assert _rules(app, world.kept_spell) == kept_rules  # the kept person's own spell is as it was
    assert set(done.filled) == {"identity_number", "phone", "other_names"}
    merged = _audit(app, "merge")
    assert merged and merged[-1]["moved"] == {**done.moved}


def test_after_a_merge_lists_search_and_conflict_checks_find_the_kept_person_only(
        app: Application, world: World) -> None:
    assert "Okello Denis Oryem" in _names(app)
    merge_people(app.uow(), keep_id=world.kept, merge_id=world.duplicate)

    assert "Okello Denis Oryem" not in _names(app)
    assert _names(app, "Oryem") == ["Okello Denis"]
    assert _names(app, "CM9001") == ["Okello Denis"]
    cases = list_cases(app.uow(), filters=CaseFilter(search="Oryem")).rows
    # Both of his cases now: the duplicate's name is one of the kept person's other names.
    assert sorted((c.case_id, c.full_name) for c in cases) == [(1, "Okello Denis"),
                                                               (world.own_case, "Okello Denis")]
    likely = find_likely_people(app.uow(), name="Okello Denis Oryem")
    assert "Okello Denis Oryem" not in {x.full_name for x in likely}
    assert "Okello Denis" in {x.full_name for x in likely}
    found = check_conflicts(app.uow(), name="Okello Denis Oryem").matches
    names = {m.full_name for m in found}
    assert "Okello Denis Oryem" not in names and "Okello Denis" in names


def test_an_undo_restores_exactly_what_the_merge_changed_and_a_second_undo_is_refused(
        app: Application, world: World) -> None:
    before = _state(app, world)
    done = merge_people(app.uow(), keep_id=world.kept, merge_id=world.duplicate)

    undone = undo_merge(app.uow(), merge_id=done.merge_id)

    assert _state(app, world) == before
    assert undone.left_behind == 0 and undone.moved["party"] == 2  # the moved row and the dropped one
    assert "Okello Denis Oryem" in _names(app)
    with pytest.raises(ValidationError) as refused:
        undo_merge(app.uow(), merge_id=done.merge_id)
    assert "undone on" in describe(refused.value)[0]
    assert _state(app, world) == before
    lines = recent_merges(app.uow())
    assert [(x.kept_name, x.merged_name, x.undone_at is not None) for x in lines] == [
        ("Okello Denis", "Okello Denis Oryem", True)]


def test_a_merge_whose_kept_person_was_merged_since_is_not_undone_before_the_later_merge(
        app: Application, world: World) -> None:
    first = merge_people(app.uow(), keep_id=world.kept, merge_id=world.duplicate)
    second = merge_people(app.uow(), keep_id=world.third, merge_id=world.kept)
    with pytest.raises(ValidationError) as refused:
        undo_merge(app.uow(), merge_id=first.merge_id)
    assert "undo that merge first" in describe(refused.value)[0]
    undo_merge(app.uow(), merge_id=second.merge_id)
    undo_merge(app.uow(), merge_id=first.merge_id)
    assert _state(app, world)["case_client"] == world.duplicate


def test_a_merged_person_cannot_be_merged_again_nor_into_themselves(app: Application, world: World) -> None:
    merge_people(app.uow(), keep_id=world.kept, merge_id=world.duplicate)
    with pytest.raises(ValidationError, match="merge_id"):
        merge_people(app.uow(), keep_id=world.third, merge_id=world.duplicate)
    with pytest.raises(ValidationError, match="two different people"):
        merge_people(app.uow(), keep_id=world.kept, merge_id=world.kept)


def test_a_paralegal_of_another_facility_may_not_merge_and_the_refusal_is_audited(
        app: Application, world: World) -> None:
    before = _state(app, world)
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET, facilities=["Kamiti Remand"])
    add_user(admin.uow(), name="Lou", role=Role.PARALEGAL, password=SECRET, facilities=["Luzira Upper"])
    pat = admin.sign_in("Pat", SECRET)

    with pytest.raises(AccessDenied):
        merge_people(pat.uow(), keep_id=world.kept, merge_id=world.duplicate)
    with pytest.raises(AccessDenied):
        compare_people(pat.uow(), left_id=world.kept, right_id=world.duplicate)

    assert _state(admin, world) == before
    assert [r["permission"] for r in _audit(app, "refused")] == ["edit_cases", "read_cases"]
    lou = admin.sign_in("Lou", SECRET)
    merge_people(lou.uow(), keep_id=world.kept, merge_id=world.duplicate)
    assert _state(admin, world)["dup_merged_into"] == world.kept


def test_a_comparison_shows_contacts_only_to_roles_that_may_see_them(app: Application, world: World) -> None:
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Lou", role=Role.PARALEGAL, password=SECRET, facilities=["Luzira Upper"])
    left, right = compare_people(admin.uow(), left_id=world.kept, right_id=world.duplicate,
                                 today=datetime(2026, 4, 1, tzinfo=UTC).date())
    assert right.phone == "+256 700 123456" and not right.contacts_hidden
    assert left.age == 36 and right.age is None
    assert [c.split(" ")[1] for c in right.cases] == ["(client)", "(witness)"]
    assert right.custody[0].startswith("Luzira Upper · LUZ/26/7") and right.dependants == 1
    hidden = compare_people(admin.sign_in("Lou", SECRET).uow(), left_id=world.kept,
                            right_id=world.duplicate)[1]
    assert hidden.phone is None and hidden.contacts_hidden


def test_a_database_of_the_previous_version_upgrades_and_its_people_can_be_merged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    scripts = tmp_path / "db"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__", "000[6-9]_*"))
    with monkeypatch.context() as patched:
        patched.setattr("legalaid_desktop.storage.migrate.migrations_dir", lambda: scripts)
        # Today's code on the previous schema, which has no list sort keys or name words (0007) yet.
        patched.setattr("legalaid_desktop.storage.deadline_store.refresh_next_due", lambda _c: None)
        patched.setattr("legalaid_desktop.storage.uow.refresh_person_words", lambda _e: None)
        old = open_application(str(path), actor="tester", encryption=False)
        assert old.revision == "0005"
    with sqlite3.connect(path) as raw:
        raw.executemany(
            "INSERT INTO person (uuid, created_at, updated_at, version, full_name, name_key, sex, age_source,"
            " age_disputed, priority_groups, possible_duplicate_of) VALUES (?, '2026-01-01 00:00:00.000000',"
            " '2026-01-01 00:00:00.000000', 1, ?, ?, 'male', 'unknown', 0, '[]', ?)",
            [(str(uuid4()), "Okello Denis", "okello denis", None),
             (str(uuid4()), "Okello Denis Oryem", "okello denis oryem", 1)])

    upgraded = open_application(str(path), actor="tester", encryption=False)

    assert (upgraded.revision_before, upgraded.revision) == ("0005", "0008")
    assert _names(upgraded) == ["Okello Denis", "Okello Denis Oryem"]
    merge_people(upgraded.uow(), keep_id=1, merge_id=2)
    assert _names(upgraded) == ["Okello Denis"]


def test_the_people_list_walks_the_partial_indexes_of_people_not_merged_away(app: Application) -> None:
    """By name and the possible duplicates: no sort and no look-up of each row (see list_queries)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from legalaid_desktop.storage.list_queries import SqlListReads, _Moment

    engine = create_engine(f"sqlite:///{app.location.path}")
    at = _Moment(datetime(2026, 4, 1, tzinfo=UTC), date(2026, 4, 1))
    with Session(engine) as session:
        reads = SqlListReads(session)
        for filters, index in ((ListFilter(), "ix_person_standing_name"),
                               (ListFilter(duplicates=True), "ix_person_flagged_name")):
            stmt = reads._ordered("people", filters, "name", False, at)
            assert stmt is not None
            sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = [row[3] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]
            assert plan[0] == f"SCAN person USING INDEX {index}", plan
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan
    engine.dispose()
