"""The domain refuses impossible facts, with the field, the value and what is expected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from legalaid_desktop.domain.cases import format_case_ref, parse_case_ref
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest, assess_means, preliminary_aid_due
from legalaid_desktop.domain.vocab import (
    CustodyStatus,
    Decision,
    EventType,
    InterestsOfJusticeGround,
    MeansTestResult,
    ReleaseReason,
    RequestSource,
    Sex,
)
from tests.builders import T0, make_custody, make_event, make_person


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        make_person(date_of_birth=tomorrow)
    assert caught.value.field == "date_of_birth"
    assert "future" in caught.value.expected


def test_a_person_needs_a_name() -> None:
    with pytest.raises(ValidationError) as caught:
        make_person(full_name="   ")
    assert caught.value.field == "full_name"


def test_a_release_cannot_precede_the_arrest() -> None:
    with pytest.raises(ValidationError) as caught:
        make_custody(arrest_at=T0, admission_at=T0, released_at=T0 - timedelta(hours=1),
                     status=CustodyStatus.RELEASED)
    assert caught.value.field == "released_at"


def test_an_admission_cannot_precede_the_arrest() -> None:
    with pytest.raises(ValidationError) as caught:
        make_custody(arrest_at=T0, admission_at=T0 - timedelta(days=1))
    assert caught.value.field == "admission_at"


def test_custody_times_must_carry_their_time_zone() -> None:
    with pytest.raises(ValidationError) as caught:
        make_custody(arrest_at=datetime(2026, 3, 1, 9, 0), admission_at=None)
    assert caught.value.field == "arrest_at"


def test_a_released_status_needs_a_release_time_and_a_release_time_needs_that_status() -> None:
    with pytest.raises(ValidationError):
        make_custody(status=CustodyStatus.RELEASED)
    with pytest.raises(ValidationError):
        make_custody(released_at=T0 + timedelta(days=3))


def test_a_remand_order_needs_its_length_in_days() -> None:
    with pytest.raises(ValidationError) as caught:
        make_event(type=EventType.REMAND)
    assert caught.value.field == "days"
    assert make_event(type=EventType.REMAND, days=14).days == 14


def test_an_excluded_interval_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError):
        make_event(type=EventType.EXCLUDED_INTERVAL, until=T0)
    make_event(type=EventType.EXCLUDED_INTERVAL, until=T0 + timedelta(hours=5))


def test_days_in_custody_run_from_arrest_to_release_or_today() -> None:
    held = make_custody(arrest_at=datetime(2026, 1, 1, 23, 0, tzinfo=UTC), admission_at=None)
    assert held.days_in_custody(date(2026, 1, 31)) == 30
    held.release(at=datetime(2026, 1, 11, 10, 0, tzinfo=UTC), reason=ReleaseReason.BAIL)
    assert held.days_in_custody(date(2026, 6, 1)) == 10
    assert held.status is CustodyStatus.RELEASED


def test_days_in_custody_run_from_admission_when_the_arrest_is_unknown() -> None:
    held = make_custody(arrest_at=None, admission_at=datetime(2026, 2, 1, tzinfo=UTC))
    assert held.days_in_custody(date(2026, 2, 8)) == 7


def test_a_person_of_unknown_or_disputed_age_counts_as_a_child() -> None:
    assert make_person(date_of_birth=None).is_child_at(date(2026, 1, 1))
    assert make_person(date_of_birth=date(1990, 1, 1), age_disputed=True).is_child_at(date(2026, 1, 1))
    assert not make_person(date_of_birth=date(1990, 1, 1)).is_child_at(date(2026, 1, 1))
    assert make_person(date_of_birth=date(2008, 6, 2)).is_child_at(date(2026, 6, 1))
    assert not make_person(date_of_birth=date(2008, 6, 1)).is_child_at(date(2026, 6, 1))


def test_an_age_estimate_ages_with_time() -> None:
    person = make_person(date_of_birth=None, age_estimate=17, age_estimate_on=date(2025, 3, 1))
    assert person.age_at(date(2026, 3, 1)) == 18
    assert person.age_at(date(2026, 2, 28)) == 17


def test_sex_accepts_letters_and_any_case_and_refuses_the_rest() -> None:
    assert Sex.parse("F") is Sex.FEMALE
    assert Sex.parse("m") is Sex.MALE
    assert Sex.parse("x") is Sex.OTHER
    assert Sex.parse("") is Sex.UNKNOWN
    assert Sex.parse("Female") is Sex.FEMALE
    with pytest.raises(ValidationError) as caught:
        Sex.parse("q")
    assert caught.value.field == "sex"


def test_custody_status_parsing_and_the_sdg_unsentenced_definition() -> None:
    assert CustodyStatus.parse("Convicted awaiting sentence") is CustodyStatus.CONVICTED_AWAITING_SENTENCE
    assert CustodyStatus.UNTRIED.unsentenced
    assert CustodyStatus.CONVICTED_AWAITING_SENTENCE.unsentenced
    assert not CustodyStatus.SENTENCED_APPEAL_PENDING.unsentenced  # a non-final decision counts as sentenced
    with pytest.raises(ValidationError):
        CustodyStatus.parse("on holiday")


def test_case_references_are_short_stable_and_checked() -> None:
    assert format_case_ref(2026, 123) == "LA-2026-000123"
    assert parse_case_ref("la-2026-000123") == ("LA", 2026, 123)
    assert format_case_ref(2026, 7, "NBO") == "NBO-2026-000007"
    with pytest.raises(ValidationError):
        parse_case_ref("2026/123")


def _request(**overrides: object) -> LegalAidRequest:
    fields: dict[str, object] = {"person_id": 1, "received_at": T0}
    fields.update(overrides)
    return LegalAidRequest(**fields)  # type: ignore[arg-type]


def test_children_are_exempt_from_the_means_test() -> None:
    request = _request(household_income=10_000)
    assert assess_means(request, is_child=True, threshold=100) is MeansTestResult.EXEMPT_CHILD


def test_only_the_applicants_income_counts_when_the_household_is_in_conflict() -> None:
    request = _request(applicant_income=50, household_income=5_000, household_in_conflict=True)
    assert assess_means(request, is_child=False, threshold=100) is MeansTestResult.ELIGIBLE
    request.household_in_conflict = False
    assert assess_means(request, is_child=False, threshold=100) is MeansTestResult.NOT_ELIGIBLE


def test_people_in_detention_get_preliminary_aid_while_eligibility_is_decided() -> None:
    assert preliminary_aid_due(RequestSource.POLICE_STATION)
    assert preliminary_aid_due(RequestSource.PRISON)
    assert not preliminary_aid_due(RequestSource.WALK_IN)


def test_a_refusal_needs_reasons_and_only_a_refusal_can_be_appealed() -> None:
    with pytest.raises(ValidationError) as caught:
        _request(decision=Decision.REFUSED, decided_on=date(2026, 3, 3))
    assert caught.value.field == "decision_reasons"
    with pytest.raises(ValidationError) as caught:
        _request(decision=Decision.GRANTED, decided_on=date(2026, 3, 3), appeal_lodged_on=date(2026, 3, 4))
    assert caught.value.field == "appeal_lodged_on"
    _request(decision=Decision.REFUSED, decided_on=date(2026, 3, 3),
             decision_reasons="income above threshold", appeal_lodged_on=date(2026, 3, 5))


def test_each_interests_of_justice_ground_needs_a_justification() -> None:
    with pytest.raises(ValidationError):
        _request(grounds=[GroundClaim(InterestsOfJusticeGround.SEVERITY_OF_PENALTY, " ")])
    _request(grounds=[GroundClaim(InterestsOfJusticeGround.SEVERITY_OF_PENALTY, "faces life imprisonment")])


def test_days_held_are_counted_in_the_facilitys_local_time() -> None:
    from zoneinfo import ZoneInfo

    from legalaid_desktop.domain.custody import days_held

    # 00:30 in Nairobi on 2 March is 21:30 UTC on 1 March.
    just_after_midnight = datetime(2026, 3, 2, 0, 30, tzinfo=ZoneInfo("Africa/Nairobi"))
    assert days_held(just_after_midnight, None, "Africa/Nairobi", today=date(2026, 3, 2)) == 0
    assert days_held(just_after_midnight, None, None, today=date(2026, 3, 2)) == 1  # in UTC it was 1 March
    released = datetime(2026, 3, 9, 23, 30, tzinfo=ZoneInfo("Asia/Manila"))
    assert days_held(just_after_midnight, released, "Asia/Manila", today=date(2026, 6, 1)) == 7
