"""Legal aid requests: intake with eligibility worked out, then the decision, refusal and appeal."""

from __future__ import annotations

from datetime import date, datetime

from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Setting
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import (
    GroundClaim,
    LegalAidRequest,
    assess_means,
    preliminary_aid_due,
)
from legalaid_desktop.domain.vocab import AppealOutcome, Decision, ProcedureStage, RequestSource
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of

MEANS_THRESHOLD = "means_test.income_threshold"


def setting_on(uow: UnitOfWork, key: str, on: date, jurisdiction: str | None = None) -> str | None:
    """The value of a dated setting in force on `on` (the newest not after it), if any."""
    candidates = [s for s in uow.repo(Setting).find(key=key)
                  if s.effective_from <= on and s.jurisdiction_code in (jurisdiction, None)]
    if not candidates:
        return None
    # A jurisdiction's own value beats the general one of the same date.
    best = max(candidates, key=lambda s: (s.effective_from, s.jurisdiction_code is not None))
    return best.value


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
        person = load(uow, Person, person_id)
        raw = setting_on(uow, MEANS_THRESHOLD, received_at.date(), jurisdiction)
        try:
            threshold = int(raw) if raw is not None else None
        except ValueError:
            raise ValidationError(MEANS_THRESHOLD, raw, "a whole amount in the setting") from None
        is_child = person.is_child_at(received_at.date())
        request = LegalAidRequest(
            person_id=person_id, received_at=received_at, source=source, facility_id=facility_id,
            stage=stage, urgent=urgent, applicant_income=applicant_income,
            household_income=household_income, household_size=household_size,
            household_in_conflict=household_in_conflict, means_threshold=threshold,
            grounds=list(grounds or []), preliminary_aid=preliminary_aid_due(source),
            child_exemption=is_child, is_draft=draft)
        request.means_result = assess_means(request, is_child=is_child, threshold=threshold)
        add_record(uow, request)
        uow.commit()
        return saved_of(request)


def decide_request(uow: UnitOfWork, *, request_id: int, decision: Decision, decided_on: date,
                   reasons: str | None = None, expected_version: int | None = None) -> Saved:
    """Grant, refuse (with reasons), record a court order or a withdrawal."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        if expected_version is not None and request.version != expected_version:
            from legalaid_desktop.domain.errors import ConcurrencyError

            raise ConcurrencyError("legal_aid_request", request_id)
        before = snapshot(request)
        request.decision, request.decided_on, request.decision_reasons = decision, decided_on, reasons
        request.is_draft = False
        request.__post_init__()
        uow.flush()
        uow.audit("decide", "legal_aid_request", request.uuid, before, snapshot(request))
        uow.commit()
        return saved_of(request)


def appeal_refusal(uow: UnitOfWork, *, request_id: int, lodged_on: date,
                   outcome: AppealOutcome = AppealOutcome.PENDING) -> Saved:
    """Record an appeal against a refusal (only a refusal can be appealed)."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        before = snapshot(request)
        request.appeal_lodged_on, request.appeal_outcome = lodged_on, outcome
        request.check()
        uow.flush()
        uow.audit("appeal", "legal_aid_request", request.uuid, before, snapshot(request))
        uow.commit()
        return saved_of(request)
