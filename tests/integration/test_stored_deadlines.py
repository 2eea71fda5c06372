"""Stored deadlines follow every change to what they are computed from, on a real SQLite file.

The spell: an adult arrested in Uganda (Africa/Kampala, UTC+3) on Monday 2 March 2026 at 11:30 local
(08:30 UTC). Uganda's rule ug.first-appearance gives 48 hours, no roll: due Wednesday 4 March 11:30
local. Remanded on Tuesday 3 March for a subordinate-court offence, ug.ctl.subordinate gives 60 days
from the remand day, that day excluded: 3 March + 60 days = 2 May, due at the end of that day.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from legalaid_desktop.app import Application, open_application, process_pool
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.domain.cases import Charge
from legalaid_desktop.domain.custody import CustodyEvent
from legalaid_desktop.domain.dto import DeadlineFilter, StoredDeadline
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Setting
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services import records
from legalaid_desktop.services.deadlines import (
    FINGERPRINT_KEY,
    LEAD_KEY,
    add_closure,
    add_manual_deadline,
    complete_manual_deadline,
    deadline_lines,
    deadlines_stale,
    recompute_all,
    remove_closure,
)
from legalaid_desktop.services.settings import list_settings, set_setting
from tests.builders import make_case, make_custody, make_facility, make_person

KAMPALA = ZoneInfo("Africa/Kampala")
REMAND_AT = datetime(2026, 3, 3, 10, 0, tzinfo=KAMPALA)


@pytest.fixture
def spell(app: Application) -> int:
    """The custody key of an adult arrested at T0 in Uganda, with no events recorded yet."""
    with app.uow() as uow:
        person = records.add_record(uow, make_person(full_name="Okello Denis",
                                                     date_of_birth=date(1990, 1, 1)))
        facility = records.add_record(uow, make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                         time_zone="Africa/Kampala"))
        assert person.id is not None and facility.id is not None
        case = records.add_record(uow, make_case(client_person_id=person.id))
        assert case.id is not None
        custody = records.add_record(uow, make_custody(person_id=person.id, facility_id=facility.id,
                                                       case_id=case.id, register_number="LUZ/26/7"))
        uow.commit()
        assert custody.id is not None
        return custody.id


def stored(app: Application, custody_id: int, layer: str = "national") -> dict[str, StoredDeadline]:
    with app.uow() as uow:
        return {d.rule_id: d for d in uow.deadlines.stored(custody_id) if d.layer == layer}


def overdue_names(app: Application, now: datetime, **filters: object) -> list[tuple[str, str]]:
    lines = deadline_lines(app.uow(), app.deadline_book, DeadlineFilter(now=now, **filters))  # type: ignore[arg-type]
    return [(line.full_name, line.rule or "") for line in lines]


def test_an_arrest_alone_gives_the_48_hour_first_appearance_limit_counted_from_the_arrest(
        app: Application, spell: int) -> None:
    found = stored(app, spell)
    assert set(found) == {"ug.first-appearance"}
    first = found["ug.first-appearance"]
    # 11:30 local on Monday + 48 hours = 11:30 local on Wednesday 4 March.
    assert first.due == datetime(2026, 3, 4, 11, 30, tzinfo=KAMPALA)
    assert first.status == "open"
    assert "un.first-appearance.adult" in stored(app, spell, layer="benchmark")


def test_a_spell_with_no_recorded_appearance_is_listed_overdue_once_the_limit_passes(
        app: Application, spell: int) -> None:
    before = datetime(2026, 3, 4, 8, 29, tzinfo=UTC)  # 11:29 local: one minute left
    after = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    assert overdue_names(app, before, due_soon=False) == []
    assert overdue_names(app, after, due_soon=False) == [("Okello Denis", "ug.first-appearance")]


def test_a_remand_order_meets_the_first_appearance_and_starts_the_custody_time_limit(
        app: Application, spell: int) -> None:
    with app.uow() as uow:
        records.add_record(uow, Charge(case_id=1, offence="Theft", offence_class="subordinate",
                                       max_sentence_months=84))
        uow.commit()
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    found = stored(app, spell)
    assert found["ug.first-appearance"].status == "met"
    assert found["ug.first-appearance"].met_at == REMAND_AT
    # 3 March + 60 days (the remand day excluded) = 2 May, to the end of that day in Kampala.
    assert found["ug.ctl.subordinate"].due_date == date(2026, 5, 2)
    assert found["ug.ctl.subordinate"].due == datetime(2026, 5, 2, 23, 59, 59, tzinfo=KAMPALA)
    assert overdue_names(app, datetime(2026, 4, 1, tzinfo=UTC), due_soon=False) == []
    assert overdue_names(app, datetime(2026, 5, 3, tzinfo=UTC), due_soon=False) == [
        ("Okello Denis", "ug.ctl.subordinate")]


def test_a_trial_that_starts_takes_the_person_off_the_overdue_list(app: Application, spell: int) -> None:
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    assert stored(app, spell)["ug.ctl.subordinate"].status == "open"  # class unknown counts (if_unknown)
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.TRIAL_STARTED,
                              at=datetime(2026, 4, 20, 9, 0, tzinfo=KAMPALA))
    assert stored(app, spell)["ug.ctl.subordinate"].status == "met"
    assert overdue_names(app, datetime(2026, 6, 1, tzinfo=UTC), due_soon=False) == []


def test_a_date_of_birth_corrected_to_a_child_s_brings_the_24_hour_rule(app: Application, spell: int) -> None:
    with app.uow() as uow:
        person = uow.repo(Person).first(full_name="Okello Denis")
        assert person is not None and person.id is not None
        person_id, version = person.id, person.version
    records.update(app.uow(), Person, person_id, expected_version=version,
                   changes={"date_of_birth": date(2010, 5, 1)})
    found = stored(app, spell)
    assert set(found) == {"ug.child.first-appearance"}
    assert found["ug.child.first-appearance"].due == datetime(2026, 3, 3, 11, 30, tzinfo=KAMPALA)


def test_a_court_closure_moves_a_rolled_deadline_and_removing_it_moves_it_back(app: Application) -> None:
    """Kenya's 24-hour rule rolls forward to the close of court on the next court day.

    Arrest on Thursday 5 March 2026 at 10:00 Nairobi time: 24 hours end Friday 6 March at 10:00,
    inside court hours on a court day. With Friday closed, the next court day is Monday 9 March,
    so the limit is the close of court that day (16:00 in KE.toml's court hours).
    """
    nairobi = ZoneInfo("Africa/Nairobi")
    with app.uow() as uow:
        person = records.add_record(uow, make_person())
        facility = records.add_record(uow, make_facility(time_zone="Africa/Nairobi"))
        assert person.id is not None and facility.id is not None
        custody = records.add_record(uow, make_custody(
            person_id=person.id, facility_id=facility.id,
            arrest_at=datetime(2026, 3, 5, 10, 0, tzinfo=nairobi), admission_at=None))
        uow.commit()
    assert custody.id is not None
    assert stored(app, custody.id)["ke.first-appearance"].due == datetime(2026, 3, 6, 10, 0, tzinfo=nairobi)
    add_closure(app.uow(), app.deadline_book, jurisdiction_code="ke", day=date(2026, 3, 6),
                reason="Court staff strike")
    assert stored(app, custody.id)["ke.first-appearance"].due == datetime(2026, 3, 9, 16, 0, tzinfo=nairobi)
    remove_closure(app.uow(), app.deadline_book, jurisdiction_code="KE", day=date(2026, 3, 6))
    assert stored(app, custody.id)["ke.first-appearance"].due == datetime(2026, 3, 6, 10, 0, tzinfo=nairobi)


def test_a_lead_time_setting_moves_when_a_deadline_counts_as_due_soon(app: Application, spell: int) -> None:
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    # Due Saturday 2 May 2026. Friday 1 May is Labour Day, so the two court days left are Thursday
    # 30 and Wednesday 29 April: the warning starts on the 29th.
    assert stored(app, spell)["ug.ctl.subordinate"].warn_from == datetime(2026, 4, 29, tzinfo=KAMPALA)
    records.create(app.uow(), Setting(key=f"{LEAD_KEY}.custody_time_limit", value="5",
                                      effective_from=date(2020, 1, 1)))
    # Five court days: 30, 29, 28, 27 April and Friday 24 April (25 and 26 are a weekend).
    assert stored(app, spell)["ug.ctl.subordinate"].warn_from == datetime(2026, 4, 24, tzinfo=KAMPALA)
    soon = datetime(2026, 4, 25, 12, 0, tzinfo=UTC)
    assert overdue_names(app, soon, overdue=False, due_soon=True) == [("Okello Denis", "ug.ctl.subordinate")]
    assert overdue_names(app, soon - timedelta(days=2), overdue=False, due_soon=True) == []


def test_a_unit_of_work_that_fails_leaves_the_stored_deadlines_as_they_were(
        app: Application, spell: int) -> None:
    before = stored(app, spell)
    with pytest.raises(RuntimeError), app.uow() as uow:
        records.add_record(uow, CustodyEvent(custody_id=spell, type=EventType.REMAND,
                                                     at=REMAND_AT, days=14))
        uow.flush()
        raise RuntimeError("the power goes")
    assert stored(app, spell) == before


def test_changed_rule_files_make_the_next_start_recompute_every_spell(app: Application, spell: int) -> None:
    db = str(app.location.path)
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM custody_deadline")
        connection.execute("UPDATE meta_info SET value = 'older rules' WHERE key = ?", (FINGERPRINT_KEY,))
    reopened = open_application(db, actor="tester")
    assert "ug.first-appearance" in stored(reopened, spell)


def test_the_deadlines_command_lists_who_is_overdue_with_days_over_and_the_law(
        app: Application, spell: int, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(app.location.path)
    assert cli(["deadlines", "--db", db, "--overdue", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["full_name"], r["facility"], r["register_number"], r["limit"]) for r in rows] == [
        ("Okello Denis", "Luzira Upper", "LUZ/26/7", "first appearance")]
    now = datetime.now(UTC)
    due = datetime(2026, 3, 4, 11, 30, tzinfo=KAMPALA)
    assert rows[0]["days_over"] == (now - due).days
    assert rows[0]["citation"].startswith("Constitution of Uganda")
    assert cli(["deadlines", "--db", db, "--overdue", "--include-benchmarks", "--format", "json"]) == 0
    layers = {r["rule"] for r in json.loads(capsys.readouterr().out)}
    assert layers == {"ug.first-appearance", "un.first-appearance.adult"}


def test_the_deadlines_command_names_a_mistyped_facility_and_suggests_the_right_one(
        app: Application, spell: int, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(["deadlines", "--db", str(app.location.path), "--facility", "luzira"])
    assert code != 0
    err = capsys.readouterr().err
    assert "'luzira'" in err and "Luzira Upper" in err


def test_a_full_recompute_stopped_half_way_keeps_every_deadline_as_it_was(
        app: Application, spell: int) -> None:
    before = stored(app, spell)
    with app.uow() as uow:
        uow.set_meta(FINGERPRINT_KEY, "older rules")
        uow.commit()
    assert recompute_all(app.uow, app.deadline_book, batch=1, cancelled=lambda: True) == 0
    assert stored(app, spell) == before
    assert deadlines_stale(app.uow, app.deadline_book)
    assert recompute_all(app.uow, app.deadline_book) == 1
    assert stored(app, spell) == before
    assert not deadlines_stale(app.uow, app.deadline_book)


def test_worker_processes_compute_the_same_deadlines_as_one_process(app: Application, spell: int) -> None:
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    before = stored(app, spell) | stored(app, spell, layer="benchmark")
    pool = process_pool(app.location.url, resources_dir() / "jurisdictions", workers=2)
    assert pool is not None
    assert recompute_all(app.uow, app.deadline_book, parallel=pool, parallel_from=1) == 1
    assert stored(app, spell) | stored(app, spell, layer="benchmark") == before


def test_a_manual_deadline_is_listed_beside_the_computed_ones_until_it_is_done(
        app: Application, spell: int) -> None:
    saved = add_manual_deadline(app.uow(), custody_id=spell, title="File bail application",
                                due=datetime(2026, 3, 10, 12, 0))  # no offset: Kampala time
    later = datetime(2026, 3, 11, tzinfo=UTC)
    lines = list(deadline_lines(app.uow(), app.deadline_book, DeadlineFilter(now=later)))
    manual = [line for line in lines if line.layer == "manual"]
    assert [(m.limit, m.due) for m in manual] == [
        ("File bail application", datetime(2026, 3, 10, 12, 0, tzinfo=KAMPALA))]
    assert [line.rule for line in lines] == ["ug.first-appearance", None]  # by due moment
    complete_manual_deadline(app.uow(), deadline_id=saved.id, done_at=later, expected_version=saved.version)
    assert all(line.layer != "manual" for line in deadline_lines(
        app.uow(), app.deadline_book, DeadlineFilter(now=later)))


def test_settings_take_declared_keys_and_whole_numbers_and_a_same_day_value_replaces_the_last(
        app: Application) -> None:
    with pytest.raises(ValidationError, match="deadline_lead_court_days"):
        set_setting(app.uow(), key="deadline_lead_days", value="3", effective_from=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="whole number"):
        set_setting(app.uow(), key=LEAD_KEY, value="three", effective_from=date(2026, 1, 1))
    set_setting(app.uow(), key=LEAD_KEY, value="3", effective_from=date(2026, 1, 1))
    set_setting(app.uow(), key=LEAD_KEY, value="4", effective_from=date(2026, 1, 1))
    assert [(s.key, s.value) for s in list_settings(app.uow())] == [(LEAD_KEY, "4")]
