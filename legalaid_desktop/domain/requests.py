"""Legal aid requests: intake, eligibility (means test, interests of justice), decision, appeal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from legalaid_desktop.domain.entity import Entity, not_before, optional_text
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import check_amounts, check_household_size
from legalaid_desktop.domain.vocab import (
    AppealOutcome,
    Decision,
    InterestsOfJusticeGround,
    MeansTestResult,
    ProcedureStage,
    RequestSource,
)


@dataclass(frozen=True)
class GroundClaim:
    """One interests-of-justice ground and why it applies (UN Principle 3)."""

    ground: InterestsOfJusticeGround
    justification: str


@dataclass(kw_only=True, eq=False)
class LegalAidRequest(Entity):
    """A request for legal aid and its eligibility decision (UN Guideline 1).

    Children are always exempt from the means test; people at police stations, prisons and
    courts get preliminary aid while eligibility is decided; where the household is in
    conflict only the applicant's own income counts; a refusal can be appealed.
    """

    person_id: int
    received_at: datetime
    source: RequestSource = RequestSource.PRISON
    facility_id: int | None = None
    stage: ProcedureStage = ProcedureStage.PRE_TRIAL
    urgent: bool = False
    applicant_income: int | None = None
    household_income: int | None = None
    household_size: int | None = None
    household_in_conflict: bool = False
    means_threshold: int | None = None
    means_result: MeansTestResult = MeansTestResult.PENDING
    grounds: list[GroundClaim] = field(default_factory=list)
    preliminary_aid: bool = False
    child_exemption: bool = False
    decision: Decision = Decision.PENDING
    decided_on: date | None = None
    decision_reasons: str | None = None
    appeal_lodged_on: date | None = None
    appeal_outcome: AppealOutcome | None = None
    case_id: int | None = None
    is_draft: bool = False

    def __post_init__(self) -> None:
        self.decision_reasons = optional_text("decision_reasons", self.decision_reasons)
        self.check()

    def check(self) -> None:
        check_amounts(applicant_income=self.applicant_income, household_income=self.household_income,
                      means_threshold=self.means_threshold)
        check_household_size(self.household_size)
        check_grounds(self.grounds)
        if self.decision is Decision.REFUSED and not self.decision_reasons:
            raise ValidationError("decision_reasons", None, "reasons for a refusal")
        if self.decision is not Decision.PENDING and self.decided_on is None:
            raise ValidationError("decided_on", None, "the date of the decision")
        not_before("decided_on", self.decided_on, "received_at", self.received_at)
        if self.appeal_lodged_on is not None and self.decision is not Decision.REFUSED:
            raise ValidationError("appeal_lodged_on", self.appeal_lodged_on.isoformat(),
                                  "an appeal only against a refusal")
        not_before("appeal_lodged_on", self.appeal_lodged_on, "decided_on", self.decided_on)

    def assessed_income(self) -> int | None:
        """The income the means test reads: the applicant's own where the household is in conflict."""
        if self.household_in_conflict:
            return self.applicant_income
        return self.household_income if self.household_income is not None else self.applicant_income


def check_grounds(grounds: list[GroundClaim]) -> None:
    """Each interests-of-justice ground carries its justification (UN Principle 3)."""
    for claim in grounds:
        if not claim.justification.strip():
            raise ValidationError("grounds", claim.ground.value, "a justification for each ground")


def assess_means(request: LegalAidRequest, *, is_child: bool, threshold: int | None) -> MeansTestResult:
    """Apply the means test: children exempt; no threshold or no income means still pending."""
    if is_child:
        return MeansTestResult.EXEMPT_CHILD
    income = request.assessed_income()
    if threshold is None or income is None:
        return MeansTestResult.PENDING
    return MeansTestResult.ELIGIBLE if income <= threshold else MeansTestResult.NOT_ELIGIBLE


def preliminary_aid_due(source: RequestSource) -> bool:
    """People at police stations, detention centres or courts get aid while eligibility is decided."""
    return source in (RequestSource.POLICE_STATION, RequestSource.PRISON, RequestSource.COURT)


# --- the requests list ------------------------------------------------------------------------------

REQUEST_STATUSES = ("pending", "granted", "refused", "appealed")
"""What the list's status chips ask for: awaiting a decision, granted (a court order too), refused
(not appealed), or refused and appealed."""


def request_status(decision: Decision, appeal_lodged_on: date | None) -> str:
    """One word for a request's state in lists: pending, granted, court_ordered, refused, appealed,
    withdrawn."""
    if decision is Decision.REFUSED and appeal_lodged_on is not None:
        return "appealed"
    return decision.value


@dataclass(frozen=True)
class RequestFilter:
    """What a requests list is narrowed to; empty means every request that is not a draft.

    `status` is one of REQUEST_STATUSES; `search` matches folded words of the person's name;
    `facility_ids`, when given, keeps requests from those facilities only (a user's scope).
    """

    status: str | None = None
    urgent: bool = False
    child: bool = False
    search: str | None = None
    facility_ids: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in REQUEST_STATUSES:
            raise ValidationError("status", self.status, "one of " + ", ".join(REQUEST_STATUSES))


@dataclass(frozen=True)
class RequestRow:
    """One line of the requests list. `days_waiting`: from receipt to the decision, or to today."""

    request_id: int
    version: int
    received_at: datetime
    person_id: int
    full_name: str
    date_of_birth: date | None
    source: RequestSource
    facility: str | None
    urgent: bool
    child_exemption: bool
    preliminary_aid: bool
    means_result: MeansTestResult
    decision: Decision
    decided_on: date | None
    appeal_lodged_on: date | None
    case_id: int | None
    days_waiting: int
    time_zone: str | None = None

    @property
    def status(self) -> str:
        return request_status(self.decision, self.appeal_lodged_on)


def days_waiting(received: date, decided_on: date | None, today: date) -> int:
    """Whole days from receipt to the decision (or to today while none is made); never negative."""
    return max(0, ((decided_on or today) - received).days)
