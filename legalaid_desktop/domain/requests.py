"""Legal aid requests: intake, eligibility (means test, interests of justice), decision, appeal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from legalaid_desktop.domain.entity import Entity, not_before, optional_text
from legalaid_desktop.domain.errors import ValidationError
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
        for name in ("applicant_income", "household_income", "means_threshold"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValidationError(name, value, "an amount of zero or more")
        if self.household_size is not None and self.household_size < 1:
            raise ValidationError("household_size", self.household_size, "one or more people")
        for claim in self.grounds:
            if not claim.justification.strip():
                raise ValidationError("grounds", claim.ground.value, "a justification for each ground")
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
