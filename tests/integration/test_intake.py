"""Taking legal aid requests on a real database: one transaction, eligibility, decisions, drafts, list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import IntakeDecision, NewPerson
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest, RequestFilter
from legalaid_desktop.domain.vocab import (
    Decision,
    InterestsOfJusticeGround,
    MeansTestResult,
    RequestSource,
)
from legalaid_desktop.services import intake, records
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.requests import MEANS_THRESHOLD
from legalaid_desktop.services.settings import set_setting
from tests.builders import make_facility, make_person

RECEIVED = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


def _facility(app: Application) -> int:
    return records.create(app.uow(), make_facility()).id


def _adult(name: str, born: date = date(1980, 1, 1)) -> NewPerson:
    return NewPerson(full_name=name, date_of_birth=born)


def _count(app: Application, cls: type) -> int:
    with app.uow() as uow:
        return uow.repo(cls).count()


def test_a_grant_at_intake_saves_person_request_and_case_together(app: Application) -> None:
    facility = _facility(app)
    result = intake.take_request(
        app.uow(), new_person=NewPerson(full_name="Juma Otieno", date_of_birth=date(1990, 1, 5)),
        received_at=RECEIVED, source=RequestSource.PRISON, facility_id=facility, applicant_income=5000,
        decision=IntakeDecision(Decision.GRANTED, RECEIVED.date(), open_case=True, offence="Theft",
                                register_number="KAM/1"))
    assert result.person_created and result.case_ref is not None
    detail = intake.request_detail(app.uow(), request_id=result.request_id)
    assert detail.decision is Decision.GRANTED and detail.case_ref == result.case_ref
    assert detail.preliminary_aid  # held in a prison: aid while eligibility is decided
    cases = list_cases(app.uow(), filters=CaseFilter(search="Juma"), with_total=True)
    assert cases.total == 1 and cases.rows[0].register_number == "KAM/1"


def test_a_refused_part_saves_nothing_at_all(app: Application) -> None:
    facility = _facility(app)
    with pytest.raises(ValidationError) as caught:
        intake.take_request(
            app.uow(), new_person=NewPerson(full_name="Juma Otieno"), received_at=RECEIVED,
            source=RequestSource.PRISON, facility_id=facility,
            grounds=[GroundClaim(InterestsOfJusticeGround.COMPLEXITY, "  ")])
    assert caught.value.field == "grounds"
    assert _count(app, Person) == 0 and _count(app, LegalAidRequest) == 0


def test_the_threshold_in_force_on_the_day_received_decides_the_means_test(app: Application) -> None:
    facility = _facility(app)
    set_setting(app.uow(), key=MEANS_THRESHOLD, value="10000", effective_from=date(2026, 1, 1))
    set_setting(app.uow(), key=MEANS_THRESHOLD, value="20000", effective_from=date(2026, 4, 1),
                jurisdiction_code="KE")
    found = intake.threshold_in_force(app.uow(), on=RECEIVED.date(), facility_id=facility)
    assert found is not None and found.value == 10000 and found.effective_from == date(2026, 1, 1)
    result = intake.take_request(app.uow(), new_person=_adult("A B"),
                                 received_at=RECEIVED, source=RequestSource.PRISON, facility_id=facility,
                                 applicant_income=15000)
    assert intake.request_detail(app.uow(), request_id=result.request_id).means_result == "not_eligible"
    later = intake.threshold_in_force(app.uow(), on=date(2026, 4, 2), facility_id=facility)
    assert later is not None and later.value == 20000 and later.jurisdiction_code == "KE"


def test_a_child_is_exempt_and_a_household_in_conflict_counts_only_own_income(app: Application) -> None:
    facility = _facility(app)
    set_setting(app.uow(), key=MEANS_THRESHOLD, value="10000", effective_from=date(2026, 1, 1))
    child = intake.take_request(app.uow(), new_person=_adult("Kid One", born=date(2012, 1, 1)),
                                received_at=RECEIVED, source=RequestSource.POLICE_STATION,
                                facility_id=facility, household_income=90000)
    assert intake.request_detail(app.uow(), request_id=child.request_id).means_result == \
        MeansTestResult.EXEMPT_CHILD.value
    adult = intake.take_request(app.uow(), new_person=_adult("Adult Two"),
                                received_at=RECEIVED, source=RequestSource.WALK_IN, applicant_income=2000,
                                household_income=90000, household_size=4, household_in_conflict=True)
    detail = intake.request_detail(app.uow(), request_id=adult.request_id)
    assert detail.means_result == "eligible" and not detail.preliminary_aid


def test_a_future_date_of_birth_is_refused_and_nothing_is_saved(app: Application) -> None:
    with pytest.raises(ValidationError) as caught:
        intake.take_request(app.uow(), new_person=NewPerson(full_name="A B",
                                                            date_of_birth=date.today() + timedelta(days=3)),
                            received_at=RECEIVED, source=RequestSource.WALK_IN)
    assert caught.value.field == "date_of_birth"
    assert _count(app, Person) == 0


def test_likely_people_are_found_by_a_tolerant_name_and_the_date_of_birth(app: Application) -> None:
    records.create(app.uow(), make_person(full_name="Mohamed Abdallah", date_of_birth=date(1990, 2, 3)))
    records.create(app.uow(), make_person(full_name="Grace Wanjiru"))
    found = intake.find_likely_people(app.uow(), name="Mohammed Abdalla", date_of_birth=date(1990, 2, 3))
    assert [p.full_name for p in found] == ["Mohamed Abdallah"]
    assert "dob_equal" in found[0].reasons


def test_a_refusal_needs_reasons_and_can_then_be_appealed(app: Application) -> None:
    with pytest.raises(ValidationError):
        IntakeDecision(Decision.REFUSED, RECEIVED.date())
    person = records.create(app.uow(), make_person())
    taken = intake.take_request(app.uow(), person_id=person.id, received_at=RECEIVED,
                                source=RequestSource.COURT)
    intake.decide(app.uow(), request_id=taken.request_id, expected_version=taken.request_version,
                  decision=IntakeDecision(Decision.REFUSED, RECEIVED.date(), reasons="Income above"))
    from legalaid_desktop.services.requests import appeal_refusal

    appeal_refusal(app.uow(), request_id=taken.request_id, lodged_on=RECEIVED.date() + timedelta(days=2))
    page = intake.list_requests(app.uow(), filters=RequestFilter(status="appealed"), with_total=True)
    assert page.total == 1 and page.rows[0].status == "appealed"
    refused = intake.list_requests(app.uow(), filters=RequestFilter(status="refused"), with_total=True)
    assert refused.total == 0


def test_the_list_filters_sorts_and_counts_in_the_database(app: Application) -> None:
    facility = _facility(app)
    for i, (name, urgent) in enumerate((("Zed Last", False), ("Amy First", True), ("Bob Middle", False))):
        intake.take_request(app.uow(), new_person=NewPerson(full_name=name, date_of_birth=date(1980, 1, 1)),
                            received_at=RECEIVED + timedelta(hours=i), source=RequestSource.PRISON,
                            facility_id=facility, urgent=urgent)
    by_name = intake.list_requests(app.uow(), filters=RequestFilter(), sort="name", descending=False)
    assert [r.full_name for r in by_name.rows] == ["Amy First", "Bob Middle", "Zed Last"]
    newest = intake.list_requests(app.uow(), filters=RequestFilter(), today=date(2026, 3, 20))
    assert newest.rows[0].full_name == "Bob Middle" and newest.rows[0].days_waiting == 10
    assert intake.list_requests(app.uow(), filters=RequestFilter(urgent=True), with_total=True).total == 1
    assert intake.list_requests(app.uow(), filters=RequestFilter(search="midd"), with_total=True).total == 1
    scoped = RequestFilter(facility_ids=frozenset({facility + 1}))
    assert intake.list_requests(app.uow(), filters=scoped, with_total=True).total == 0


def test_drafts_are_kept_in_the_database_resumed_and_gone_once_taken(app: Application) -> None:
    info = intake.save_draft(app.uow(), draft_id=None, fields={"full_name": "Half Done", "income": "-5"},
                             person_name="Half Done", step="means")
    again = intake.save_draft(app.uow(), draft_id=info.draft_id, fields={"full_name": "Half Done",
                                                                        "income": "500"},
                              person_name="Half Done", step="grounds")
    assert [d.draft_id for d in intake.list_drafts(app.uow())] == [info.draft_id]
    draft = intake.load_draft(app.uow(), draft_id=info.draft_id)
    assert draft.fields["income"] == "500" and draft.info.step == again.step == "grounds"
    intake.take_request(app.uow(), new_person=NewPerson(full_name="Half Done"), received_at=RECEIVED,
                        source=RequestSource.WALK_IN, draft_id=info.draft_id)
    assert intake.list_drafts(app.uow()) == []


def test_a_paralegal_sees_only_the_requests_and_drafts_of_their_facilities(app: Application) -> None:
    from legalaid_desktop.domain.access import AccessDenied, Role
    from legalaid_desktop.services.users import add_user

    secret = "correct horse battery staple 42"
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand")).id
    langata = records.create(app.uow(), make_facility(name="Langata Women's Prison")).id
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=secret)
    admin = app.sign_in("Grace Admin", secret)
    add_user(admin.uow(), name="Pat", role="paralegal", password=secret, facilities=["Kamiti Remand"])
    for name, facility in (("Held At Kamiti", kamiti), ("Held At Langata", langata)):
        intake.take_request(admin.uow(), new_person=NewPerson(full_name=name), received_at=RECEIVED,
                            source=RequestSource.PRISON, facility_id=facility)
    intake.save_draft(admin.uow(), draft_id=None, fields={}, person_name="Langata draft", step="means",
                      facility_id=langata)
    pat = app.sign_in("Pat", secret)
    page = intake.list_requests(pat.uow(), filters=RequestFilter(), with_total=True)
    assert page.total == 1 and [r.full_name for r in page.rows] == ["Held At Kamiti"]
    assert [f[1] for f in intake.facility_choices(pat.uow())] == ["Kamiti Remand"]
    assert intake.list_drafts(pat.uow()) == []
    with pytest.raises(AccessDenied):
        intake.take_request(pat.uow(), new_person=NewPerson(full_name="Elsewhere"), received_at=RECEIVED,
                            source=RequestSource.PRISON, facility_id=langata)
