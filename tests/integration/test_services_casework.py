"""Case work through the services: requests with eligibility, assignments, events; all audited."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Assignment, Provider, Setting
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest
from legalaid_desktop.domain.vocab import (
    CustodyStatus,
    Decision,
    EventType,
    InterestsOfJusticeGround,
    MeansTestResult,
    RequestSource,
)
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider, end_assignment, reassign
from legalaid_desktop.services.requests import MEANS_THRESHOLD, decide_request, record_request
from tests.builders import make_facility, make_person

AT = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)


def _threshold(app: Application, value: str, effective: date) -> None:
    records.create(app.uow(), Setting(key=MEANS_THRESHOLD, value=value, effective_from=effective))


def test_the_means_test_uses_the_threshold_in_force_on_the_day_of_the_request(app: Application) -> None:
    _threshold(app, "100", date(2025, 1, 1))
    _threshold(app, "300", date(2026, 5, 1))  # not yet in force on 10 April 2026
    adult = records.create(app.uow(), make_person(date_of_birth=date(1990, 1, 1)))
    saved = record_request(app.uow(), person_id=adult.id, received_at=AT, source=RequestSource.PRISON,
                           household_income=200)
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).get(saved.id)
        assert request is not None
        assert request.means_threshold == 100
        assert request.means_result is MeansTestResult.NOT_ELIGIBLE
        assert request.preliminary_aid  # held in a prison: aid while eligibility is decided


def test_a_child_is_exempt_and_a_walk_in_gets_no_preliminary_aid(app: Application) -> None:
    _threshold(app, "100", date(2025, 1, 1))
    child = records.create(app.uow(), make_person(date_of_birth=date(2010, 1, 1)))
    saved = record_request(app.uow(), person_id=child.id, received_at=AT, source=RequestSource.WALK_IN,
                           household_income=10_000,
                           grounds=[GroundClaim(InterestsOfJusticeGround.VULNERABILITY, "a child of 16")])
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).get(saved.id)
        assert request is not None
        assert request.means_result is MeansTestResult.EXEMPT_CHILD and request.child_exemption
        assert not request.preliminary_aid
        assert request.grounds == [GroundClaim(InterestsOfJusticeGround.VULNERABILITY, "a child of 16")]


def test_a_refusal_without_reasons_is_refused_and_nothing_changes(app: Application) -> None:
    person = records.create(app.uow(), make_person())
    saved = record_request(app.uow(), person_id=person.id, received_at=AT, source=RequestSource.COURT)
    with pytest.raises(ValidationError):
        decide_request(app.uow(), request_id=saved.id, decision=Decision.REFUSED,
                       decided_on=date(2026, 4, 11))
    decide_request(app.uow(), request_id=saved.id, decision=Decision.REFUSED, decided_on=date(2026, 4, 11),
                   reasons="income well above the threshold")
    with sqlite3.connect(app.location.path) as raw:
        actions = [r[0] for r in raw.execute(
            "SELECT action FROM audit_entry WHERE entity = 'legal_aid_request' ORDER BY id")]
    assert actions == ["create", "decide"]


def test_assignments_keep_their_history_through_a_reassignment(app: Application) -> None:
    person = records.create(app.uow(), make_person())
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 4, 1))
    first = records.create(app.uow(), Provider(full_name="Adv. Achieng Odhiambo"))
    second = records.create(app.uow(), Provider(full_name="Adv. Peter Mutua"))
    a1 = assign_provider(app.uow(), case_id=case.id, provider_id=first.id, at=AT)
    with pytest.raises(ValidationError):
        assign_provider(app.uow(), case_id=case.id, provider_id=first.id, at=AT)
    reassign(app.uow(), assignment_id=a1.id, provider_id=second.id, at=AT, reason="conflict of hearing dates")
    with app.uow() as uow:
        history = uow.repo(Assignment).find(case_id=case.id)
        states = [(a.provider_id, a.ended_at is None) for a in history]
        assert states == [(first.id, False), (second.id, True)]
    with pytest.raises(ValidationError):
        end_assignment(app.uow(), assignment_id=a1.id, at=AT, reason="again")


def test_a_release_event_closes_the_custody_spell_and_updates_the_list(app: Application) -> None:
    custody_id = _held(app)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.BAIL, at=AT)
    with app.uow() as uow:
        custody = uow.repo(Custody).get(custody_id)
        assert custody is not None and custody.status is CustodyStatus.RELEASED
        row = uow.reads.case_page(CaseFilter(), offset=0, limit=5, today=date(2026, 6, 1)).rows[0]
    assert row.custody_status == "released" and row.days_in_custody == 11


def test_only_a_refusal_can_be_appealed_and_the_appeal_is_audited(app: Application) -> None:
    from legalaid_desktop.domain.vocab import AppealOutcome
    from legalaid_desktop.services.requests import appeal_refusal

    person = records.create(app.uow(), make_person())
    granted = record_request(app.uow(), person_id=person.id, received_at=AT, source=RequestSource.PRISON)
    decide_request(app.uow(), request_id=granted.id, decision=Decision.GRANTED, decided_on=date(2026, 4, 11))
    with pytest.raises(ValidationError):
        appeal_refusal(app.uow(), request_id=granted.id, lodged_on=date(2026, 4, 12))

    refused = record_request(app.uow(), person_id=person.id, received_at=AT, source=RequestSource.PRISON)
    decide_request(app.uow(), request_id=refused.id, decision=Decision.REFUSED, decided_on=date(2026, 4, 11),
                   reasons="income above the threshold")
    appeal_refusal(app.uow(), request_id=refused.id, lodged_on=date(2026, 4, 14))
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).get(refused.id)
        assert request is not None
        assert request.appeal_lodged_on == date(2026, 4, 14)
        assert request.appeal_outcome is AppealOutcome.PENDING
    with sqlite3.connect(app.location.path) as raw:
        assert raw.execute("SELECT count(*) FROM audit_entry WHERE action = 'appeal'").fetchone() == (1,)


def _held(app: Application) -> int:
    """The custody key of a client held since 30 March 2026, on a case opened on 1 April."""
    person = records.create(app.uow(), make_person())
    facility = records.create(app.uow(), make_facility())
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 4, 1),
                      facility_id=facility.id, arrest_at=datetime(2026, 3, 30, tzinfo=UTC))
    with app.uow() as uow:
        custody_id = uow.repo(Custody).find()[0].id
    assert custody_id is not None
    return custody_id


def _spell(app: Application, custody_id: int) -> tuple[SimpleNamespace, list[str], list[tuple[str, str]]]:
    """The spell's status fields, its events' types, and its stored deadlines (kind, status)."""
    from legalaid_desktop.domain.custody import CustodyEvent

    with app.uow() as uow:
        found = uow.repo(Custody).get(custody_id)
        assert found is not None
        custody = SimpleNamespace(status=found.status, released_at=found.released_at,
                                  release_reason=found.release_reason, version=found.version)
        events = [e.type.value for e in uow.repo(CustodyEvent).find(custody_id=custody_id)]
    with sqlite3.connect(app.location.path) as raw:
        rows = raw.execute("SELECT kind, status FROM custody_deadline WHERE custody_id = ? "
                           "ORDER BY kind, rule_id", (custody_id,)).fetchall()
    return custody, events, rows


def test_a_bail_recorded_by_mistake_is_undone_with_the_release_it_made_and_the_deadlines_it_changed(
        app: Application) -> None:
    custody_id = _held(app)
    _custody, events_before, deadlines_before = _spell(app, custody_id)
    saved = records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.BAIL, at=AT)
    released, _events, deadlines_released = _spell(app, custody_id)
    assert released.status is CustodyStatus.RELEASED and deadlines_released != deadlines_before

    records.undo_custody_event(app.uow(), event_id=saved.id, custody_version=released.version,
                               status_before=CustodyStatus.UNTRIED)
    custody, events, deadlines = _spell(app, custody_id)
    assert custody.status is CustodyStatus.UNTRIED and custody.released_at is None
    assert custody.release_reason is None
    assert events == events_before and deadlines == deadlines_before
    with app.uow() as uow:
        actions = [(e.action, e.entity) for e in uow.audit_log.page(after_id=0, limit=1000)]
    assert actions[-2:] == [("update", "custody"), ("undo", "custody_event")]


def test_only_the_newest_event_of_an_unchanged_spell_can_be_undone(app: Application) -> None:
    from legalaid_desktop.domain.errors import ConcurrencyError

    custody_id = _held(app)
    first = records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.FIRST_APPEARANCE,
                                      at=datetime(2026, 3, 31, 9, tzinfo=UTC))
    version = _spell(app, custody_id)[0].version
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.REMAND, days=14,
                              at=datetime(2026, 3, 31, 10, tzinfo=UTC))
    with pytest.raises(ConcurrencyError):  # someone recorded a remand after it
        records.undo_custody_event(app.uow(), event_id=first.id, custody_version=version)
    later = records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.BAIL, at=AT)
    with pytest.raises(ConcurrencyError):  # the spell changed since it was read (the version given)
        records.undo_custody_event(app.uow(), event_id=later.id, custody_version=version)
    assert _spell(app, custody_id)[1] == ["arrest", "first_appearance", "remand", "bail"]
    with pytest.raises(ValidationError):
        records.undo_custody_event(app.uow(), event_id=later.id, custody_version=version,
                                   status_before=CustodyStatus.RELEASED)
