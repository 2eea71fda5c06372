"""Legal aid requests: intake with eligibility worked out, then the decision, refusal and appeal."""

from __future__ import annotations

from datetime import date, datetime

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.errors import ConcurrencyError, ValidationError
from legalaid_desktop.domain.intake import ThresholdInForce
from legalaid_desktop.domain.org import Setting
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import (
    GroundClaim,
    LegalAidRequest,
    assess_means,
    preliminary_aid_due,
)
from legalaid_desktop.domain.vocab import AppealOutcome, Decision, ProcedureStage, RequestSource
from legalaid_desktop.services.access import require_facility
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of

MEANS_THRESHOLD = "means_test.income_threshold"


def setting_in_force(uow: UnitOfWork, key: str, on: date,
                     jurisdiction: str | None = None) -> Setting | None:
    """The dated setting in force on `on` (the newest not after it); a jurisdiction's own value
    beats the general one of the same date."""
    candidates = [s for s in uow.repo(Setting).find(key=key)
                  if s.effective_from <= on and s.jurisdiction_code in (jurisdiction, None)]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.effective_from, s.jurisdiction_code is not None))


def setting_on(uow: UnitOfWork, key: str, on: date, jurisdiction: str | None = None) -> str | None:
    """The value of a dated setting in force on `on` (the newest not after it), if any."""
    found = setting_in_force(uow, key, on, jurisdiction)
    return found.value if found is not None else None


def threshold_on(uow: UnitOfWork, on: date, jurisdiction: str | None) -> ThresholdInForce | None:
    """The means-test threshold in force on a day (inside an open unit of work)."""
    found = setting_in_force(uow, MEANS_THRESHOLD, on, jurisdiction)
    if found is None:
        return None
    try:
        value = int(found.value)
    except ValueError:
        raise ValidationError(MEANS_THRESHOLD, found.value, "a whole amount in the setting") from None
    return ThresholdInForce(value, found.effective_from, found.jurisdiction_code)


def build_request(uow: UnitOfWork, *, person: Person, received_at: datetime, source: RequestSource,
                  facility_id: int | None = None, stage: ProcedureStage = ProcedureStage.PRE_TRIAL,
                  urgent: bool = False, applicant_income: int | None = None,
                  household_income: int | None = None, household_size: int | None = None,
                  household_in_conflict: bool = False, grounds: list[GroundClaim] | None = None,
                  jurisdiction: str | None = None, preliminary_aid: bool | None = None,
                  draft: bool = False) -> LegalAidRequest:
    """A request with its eligibility worked out, added inside an open unit of work (not committed).

    Children are exempt; people at police stations, prisons and courts get preliminary aid unless
    `preliminary_aid` says otherwise; the means test reads the threshold in force on the day the
    request was received.
    """
    assert person.id is not None
    found = threshold_on(uow, received_at.date(), jurisdiction)
    threshold = found.value if found is not None else None
    is_child = person.is_child_at(received_at.date())
    request = LegalAidRequest(
        person_id=person.id, received_at=received_at, source=source, facility_id=facility_id,
        stage=stage, urgent=urgent, applicant_income=applicant_income,
        household_income=household_income, household_size=household_size,
        household_in_conflict=household_in_conflict, means_threshold=threshold,
        grounds=list(grounds or []),
        preliminary_aid=preliminary_aid_due(source) if preliminary_aid is None else preliminary_aid,
        child_exemption=is_child, is_draft=draft)
    request.means_result = assess_means(request, is_child=is_child, threshold=threshold)
    add_record(uow, request)
    return request


def record_request(uow: UnitOfWork, *, person_id: int, received_at: datetime,
                   source: RequestSource, facility_id: int | None = None,
                   stage: ProcedureStage = ProcedureStage.PRE_TRIAL, urgent: bool = False,
                   applicant_income: int | None = None, household_income: int | None = None,
                   household_size: int | None = None, household_in_conflict: bool = False,
                   grounds: list[GroundClaim] | None = None, jurisdiction: str | None = None,
                   draft: bool = False) -> Saved:
    """Take a request: children exempt, preliminary aid for people in detention, means tested
    against the threshold in force on the day it was received."""
    with uow:
        require_facility(uow, Permission.EDIT_CASES, facility_id)
        request = build_request(
            uow, person=load(uow, Person, person_id), received_at=received_at, source=source,
            facility_id=facility_id, stage=stage, urgent=urgent, applicant_income=applicant_income,
            household_income=household_income, household_size=household_size,
            household_in_conflict=household_in_conflict, grounds=grounds, jurisdiction=jurisdiction,
            draft=draft)
        uow.commit()
        return saved_of(request)


def decide_request(uow: UnitOfWork, *, request_id: int, decision: Decision, decided_on: date,
                   reasons: str | None = None, expected_version: int | None = None) -> Saved:
    """Grant, refuse (with reasons), record a court order or a withdrawal."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        require_facility(uow, Permission.EDIT_CASES, request.facility_id)
        if expected_version is not None and request.version != expected_version:
            raise ConcurrencyError("legal_aid_request", request_id)
        apply_decision(uow, request, decision=decision, decided_on=decided_on, reasons=reasons)
        uow.commit()
        return saved_of(request)


def apply_decision(uow: UnitOfWork, request: LegalAidRequest, *, decision: Decision,
                   decided_on: date, reasons: str | None, case_id: int | None = None) -> None:
    """Decide a loaded request inside an open unit of work, audited (the caller commits)."""
    before = snapshot(request)
    request.decision, request.decided_on, request.decision_reasons = decision, decided_on, reasons
    if case_id is not None:
        request.case_id = case_id
    request.is_draft = False
    request.__post_init__()
    uow.flush()
    uow.audit("decide", "legal_aid_request", request.uuid, before, snapshot(request))


def appeal_refusal(uow: UnitOfWork, *, request_id: int, lodged_on: date,
                   outcome: AppealOutcome = AppealOutcome.PENDING) -> Saved:
    """Record an appeal against a refusal (only a refusal can be appealed)."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        require_facility(uow, Permission.EDIT_CASES, request.facility_id)
        before = snapshot(request)
        request.appeal_lodged_on, request.appeal_outcome = lodged_on, outcome
        request.check()
        uow.flush()
        uow.audit("appeal", "legal_aid_request", request.uuid, before, snapshot(request))
        uow.commit()
        return saved_of(request)
