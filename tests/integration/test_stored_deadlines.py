"""Stored deadlines follow every change to what they are computed from, on a real SQLite file.

The spell: an adult arrested in Uganda (Africa/Kampala, UTC+3) on Monday 2 March 2026 at 11:30 local
(08:30 UTC). Uganda's rule ug.first-appearance gives 48 hours, no roll: due Wednesday 4 March 11:30
local. Remanded on Tuesday 3 March for a subordinate-court offence, ug.ctl.subordinate gives 60 days
from the remand day, that day excluded: 3 March + 60 days = 2 May, due at the end of that day.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from legalaid_desktop.app import Application, open_application, process_pool
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.domain.case_file import countdown_days
from legalaid_desktop.domain.cases import Charge
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.dto import DeadlineFilter, StoredDeadline
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.lists import CustodyLine, ListFilter
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import AgeSource, EventType, ReleaseReason
from legalaid_desktop.lateness_words import lateness_text
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.dashboard import dashboard
from legalaid_desktop.services.deadlines import (
    FINGERPRINT_KEY,
    LEAD_KEY,
    add_closure,
    add_manual_deadline,
    complete_manual_deadline,
    deadline_lines,
    deadlines_stale,
    lead_times,
    recompute_all,
    remove_closure,
)
from legalaid_desktop.services.lists import list_page
from legalaid_desktop.services.reports import overstay_data
from legalaid_desktop.services.settings import list_settings, set_setting
from tests.builders import T0, make_case, make_custody, make_facility, make_person

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
    set_setting(app.uow(), key=f"{LEAD_KEY}.custody_time_limit", value="5",
                effective_from=date(2020, 1, 1), book=app.deadline_book)
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
    assert rows[0]["days_over"] == (now.astimezone(KAMPALA).date() - due.date()).days
    assert rows[0]["citation"].startswith("Constitution of Uganda")
    assert cli(["deadlines", "--db", db, "--overdue", "--include-benchmarks", "--format", "json"]) == 0
    layers = {r["rule"] for r in json.loads(capsys.readouterr().out)}
    assert layers == {"ug.first-appearance", "un.first-appearance.adult"}


@pytest.mark.parametrize(("late", "days", "words"), [
    (timedelta(days=1, hours=20), 2, "2 days over"),  # 07:30 two calendar days after 11:30
    (timedelta(hours=5), 0, "due today, 5 hours over"),
])
def test_the_deadlines_list_dashboard_custody_list_overstay_report_and_case_agree_on_days_over(
        app: Application, spell: int, late: timedelta, days: int, words: str) -> None:
    due = datetime(2026, 3, 4, 11, 30, tzinfo=KAMPALA)
    now = (due + late).astimezone(UTC)
    [line] = deadline_lines(app.uow(), app.deadline_book, DeadlineFilter(now=now, overdue=True))
    assert (line.days_over, lateness_text(line.days_over, line.hours_over)) == (days, words)
    [facility] = dashboard(app.uow(), now=now).facilities
    assert (facility.worst_days_over, lateness_text(days, facility.worst_hours_over)) == (days, words)
    [held] = list_page(app.uow(), kind="custody", filters=ListFilter(), now=now).rows
    assert isinstance(held, CustodyLine) and held.days_over == days
    sheet = overstay_data(app.uow(), app.deadline_book, facility="Luzira Upper", now=now).data
    [row] = sheet.rows
    assert lateness_text(row.days_over, row.hours_over) == words and sheet.overdue == 1
    with app.uow() as uow:
        case_id = uow.repo(Custody).get(spell).case_id  # type: ignore[union-attr]
    assert case_id is not None
    case = load_case_file(app.uow(), case_id=case_id, now=now, book=app.deadline_book)
    [first] = [d for d in case.deadlines if d.rule_id == "ug.first-appearance"]
    assert -countdown_days(first.due_date, case.today) == days


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
    with sqlite3.connect(app.location.path) as connection:  # the dropped indexes came back too
        indexes = {n for (n,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'custody_deadline'")}
    assert {"ix_custody_deadline_custody_id", "ix_custody_deadline_layer_status_due",
            "ix_custody_deadline_facility_id_layer_status_due"} <= indexes
    assert recompute_all(app.uow, app.deadline_book) == 1
    assert stored(app, spell) == before
    assert not deadlines_stale(app.uow, app.deadline_book)


def test_a_recompute_leaves_the_garbage_collector_as_it_found_it_even_when_stopped(
        app: Application, spell: int) -> None:
    assert gc.get_freeze_count() == 0
    frozen: list[int] = []
    assert recompute_all(app.uow, app.deadline_book, batch=1, progress=lambda _: frozen.append(
        gc.get_freeze_count()), cancelled=lambda: True) == 0
    assert frozen and frozen[0] > 0  # the objects made before it were out of the collector's passes
    assert gc.get_freeze_count() == 0  # and are back in them


def test_the_facts_are_read_for_exactly_the_spells_asked_for(app: Application, spell: int) -> None:
    with app.uow() as uow:
        ids = [spell]
        for n in range(3):
            person = records.add_record(uow, make_person(full_name=f"Person {n}"))
            assert person.id is not None
            custody = records.add_record(uow, make_custody(person_id=person.id, facility_id=1))
            assert custody.id is not None
            ids.append(custody.id)
        uow.commit()
    with app.uow() as uow:  # consecutive keys are read as a range, others one by one
        assert sorted(s.custody_id for s in uow.deadlines.spells(ids)) == ids
        asked = [ids[3], ids[1], ids[1]]  # not a run: ids[2] between them is not asked for
        assert sorted(s.custody_id for s in uow.deadlines.spells(asked)) == [ids[1], ids[3]]


def test_two_limits_in_the_hour_the_clocks_go_back_are_stored_an_hour_apart(
        app: Application, spell: int) -> None:
    # 01:30 in London on 26 October 2025 happens twice: 00:30 UTC (summer time), then 01:30 UTC.
    # Python compares local times of one zone by the wall clock, so the two are "equal" there.
    london = ZoneInfo("Europe/London")
    summer = datetime(2025, 10, 26, 1, 30, tzinfo=london)
    winter = summer.replace(fold=1)
    facility = stored(app, spell)["ug.first-appearance"].facility_id
    rows = [StoredDeadline(custody_id=spell, facility_id=facility, kind="first_appearance", rule_id=rule,
                           layer="national", due=due, due_date=due.date(), warn_from=due, status="open",
                           met_at=due)
            for rule, due in (("a", summer), ("b", winter))]
    with app.uow() as uow:
        uow.deadlines.replace([spell], rows)
        back = {d.rule_id: d for d in uow.deadlines.stored(spell)}
    assert [(back[r].due, back[r].warn_from, back[r].met_at) for r in "ab"] == [
        (datetime(2025, 10, 26, 0, 30, tzinfo=UTC),) * 3, (datetime(2025, 10, 26, 1, 30, tzinfo=UTC),) * 3]


def test_worker_processes_compute_the_same_deadlines_as_one_process(app: Application, spell: int) -> None:
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    with app.uow() as uow:  # five more spells, so five batches of one come back in order
        for n in range(5):
            person = records.add_record(uow, make_person(full_name=f"Person {n}"))
            assert person.id is not None
            records.add_record(uow, make_custody(person_id=person.id, facility_id=1,
                                                 arrest_at=T0 + timedelta(days=n), admission_at=None))
        uow.commit()
    with app.uow() as uow:
        ids = uow.deadlines.custody_ids(limit=100)

    def everything() -> dict[int, list[StoredDeadline]]:
        with app.uow() as uow:
            return {i: uow.deadlines.stored(i) for i in ids}

    before = everything()
    pool = process_pool(app.location.url, resources_dir() / "jurisdictions", workers=2)
    assert pool is not None
    assert recompute_all(app.uow, app.deadline_book, parallel=pool, parallel_from=1, batch=1) == 6
    assert everything() == before


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


def test_an_event_dated_in_the_future_is_refused_and_changes_nothing(app: Application, spell: int) -> None:
    before = stored(app, spell)
    with pytest.raises(ValidationError, match="already come"):
        records.add_custody_event(app.uow(), custody_id=spell, type=EventType.FIRST_APPEARANCE,
                                  at=datetime.now(UTC) + timedelta(days=10))
    assert stored(app, spell) == before


def test_a_transfer_keeps_one_clock_on_the_spell_where_the_person_now_is(
        app: Application, spell: int) -> None:
    """Remanded at Luzira on 3 March, transferred to Gulu on 10 March: Uganda's 60-day limit still
    runs from the first remand (2 May) and is listed at Gulu; the Luzira spell keeps none."""
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    moved_at = datetime(2026, 3, 10, 9, 0, tzinfo=KAMPALA)
    with app.uow() as uow:
        old = uow.repo(Custody).get(spell)
        assert old is not None
        old.release(at=moved_at, reason=ReleaseReason.TRANSFER_OUT)
        gulu = records.add_record(uow, make_facility(name="Gulu Main", jurisdiction_code="UG",
                                                     time_zone="Africa/Kampala"))
        assert gulu.id is not None
        new = records.add_record(uow, make_custody(person_id=old.person_id, facility_id=gulu.id,
                                                   case_id=old.case_id, arrest_at=None,
                                                   admission_at=moved_at + timedelta(hours=6)))
        uow.commit()
    assert new.id is not None
    assert stored(app, spell) == {}
    moved = stored(app, new.id)
    assert moved["ug.ctl.subordinate"].due_date == date(2026, 5, 2)
    assert moved["ug.ctl.subordinate"].facility_id == gulu.id
    assert overdue_names(app, datetime(2026, 5, 3, tzinfo=UTC), due_soon=False, facility="Gulu Main") == [
        ("Okello Denis", "ug.ctl.subordinate")]


def test_a_transfer_with_no_receiving_spell_recorded_does_not_stop_the_clock(
        app: Application, spell: int) -> None:
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    with app.uow() as uow:
        old = uow.repo(Custody).get(spell)
        assert old is not None
        old.release(at=datetime(2026, 3, 10, 9, 0, tzinfo=KAMPALA), reason=ReleaseReason.TRANSFER_OUT)
        uow.commit()
    assert stored(app, spell)["ug.ctl.subordinate"].status == "open"


def test_an_age_estimate_made_later_is_carried_back_to_the_arrest(app: Application, spell: int) -> None:
    """Estimated 19 on 1 June 2028, arrested 2 March 2026: about 16.7 then, so the child's rule."""
    with app.uow() as uow:
        person = uow.repo(Person).first(full_name="Okello Denis")
        assert person is not None and person.id is not None
        person_id, version = person.id, person.version
    records.update(app.uow(), Person, person_id, expected_version=version, changes={
        "date_of_birth": None, "age_estimate": 19, "age_estimate_on": date(2028, 6, 1),
        "age_source": AgeSource.MEDICAL_ESTIMATE})
    assert set(stored(app, spell)) == {"ug.child.first-appearance"}


def test_a_lead_time_taking_effect_later_makes_the_stored_deadlines_stale_on_that_day(
        app: Application, spell: int) -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    set_setting(app.uow(), key=LEAD_KEY, value="4", effective_from=tomorrow, book=app.deadline_book)
    assert not deadlines_stale(app.uow, app.deadline_book)
    with sqlite3.connect(app.location.path) as connection:  # as if tomorrow had come
        connection.execute("UPDATE setting SET effective_from = ?", (date(2020, 1, 1).isoformat(),))
    assert deadlines_stale(app.uow, app.deadline_book)


def test_a_recompute_that_fails_inside_the_commit_leaves_nothing_saved(
        app: Application, spell: int, monkeypatch: pytest.MonkeyPatch) -> None:
    before = stored(app, spell)

    def broken(*args: object, **kwargs: object) -> list[StoredDeadline]:
        raise RuntimeError("the engine fails")

    monkeypatch.setattr(app.deadline_book, "compute", broken)
    with pytest.raises(RuntimeError):
        records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND, at=REMAND_AT, days=14)
    monkeypatch.undo()
    with app.uow() as uow:
        assert uow.repo(CustodyEvent).find(custody_id=spell) == []
    assert stored(app, spell) == before


def test_a_list_continued_row_by_row_skips_no_deadline_when_two_share_a_due_moment(
        app: Application, spell: int) -> None:
    first = stored(app, spell)["ug.first-appearance"]
    add_manual_deadline(app.uow(), custody_id=spell, title="Same moment", due=first.due)
    add_manual_deadline(app.uow(), custody_id=spell, title="Also the same", due=first.due)
    filters = DeadlineFilter(now=datetime(2026, 4, 1, tzinfo=UTC), include_benchmarks=True)
    with app.uow() as uow:
        whole = uow.deadlines.deadline_rows(filters, limit=100)
        one_by_one = []
        after = None
        while page := uow.deadlines.deadline_rows(filters, limit=1, after=after):
            one_by_one += page
            after = (page[-1].due, page[-1].deadline_id)
    assert len(whole) == 4
    assert [r.deadline_id for r in one_by_one] == [r.deadline_id for r in whole]


def test_a_facility_is_found_whatever_its_case_and_a_shortened_option_is_refused(
        app: Application, spell: int, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(app.location.path)
    assert cli(["deadlines", "--db", db, "--facility", "luzira  UPPER", "--overdue", "--format", "json"]) == 0
    assert [r["facility"] for r in json.loads(capsys.readouterr().out)] == ["Luzira Upper"]
    with pytest.raises(SystemExit) as caught:
        cli(["deadlines", "--db", db, "--overdu"])
    assert caught.value.code == 2
    assert "did you mean '--overdue'?" in capsys.readouterr().err


def test_worker_processes_do_not_inherit_a_passphrase_from_the_environment(
        app: Application, spell: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("LEGALAID_PASSPHRASE", "a passphrase never to copy")
    seen: list[str | None] = []
    pool = process_pool(app.location.url, resources_dir() / "jurisdictions", workers=2)
    assert pool is not None
    batches = [[spell]]
    with app.uow() as uow:
        leads = lead_times(uow, date(2026, 3, 2))
    for _rows in pool(batches, leads, {}):
        seen.append(os.environ.get("LEGALAID_PASSPHRASE"))
    # While the workers started, the variable was out of the environment; it is back afterwards.
    assert seen == [None]
    assert os.environ["LEGALAID_PASSPHRASE"] == "a passphrase never to copy"
