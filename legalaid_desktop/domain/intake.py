"""Taking a legal aid request: the new person's facts, likely matches, thresholds and drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import Decision, Sex

DRAFT_KEY_PREFIX = "intake_draft:"
"""Drafts are kept in the database (it is encrypted; a draft holds a detainee's facts), one row
each under this prefix and the draft's UUID."""
DRAFT_FORMAT = 1


@dataclass(frozen=True)
class NewPerson:
    """The person as typed at intake, when none of the likely matches is them."""

    full_name: str
    sex: Sex = Sex.UNKNOWN
    date_of_birth: date | None = None
    age_estimate: int | None = None
    identity_number: str | None = None
    other_names: str | None = None
    priority_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class LikelyPerson:
    """A stored person who may be the one asking, with why (services.name_match reasons)."""

    person_id: int
    full_name: str
    other_names: str | None
    date_of_birth: date | None
    identity_number: str | None
    score: float
    reasons: tuple[str, ...]
    case_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThresholdInForce:
    """The means-test threshold that applies on a day: value, since when, and whose it is."""

    value: int
    effective_from: date
    jurisdiction_code: str | None


@dataclass(frozen=True)
class IntakeDecision:
    """The decision taken at intake; `open_case` opens a case at once for a grant or a court order."""

    decision: Decision
    decided_on: date
    reasons: str | None = None
    open_case: bool = False
    offence: str | None = None
    register_number: str | None = None

    def __post_init__(self) -> None:
        if self.decision is Decision.PENDING:
            raise ValidationError("decision", self.decision.value, "a decision other than pending")
        if self.decision is Decision.REFUSED and not (self.reasons or "").strip():
            raise ValidationError("decision_reasons", None, "the reasons for a refusal, which the "
                                  "applicant is given with the route of appeal")
        if self.open_case and self.decision not in (Decision.GRANTED, Decision.COURT_ORDERED):
            raise ValidationError("open_case", self.decision.value,
                                  "a case opened only when aid is granted or ordered by a court")


@dataclass(frozen=True)
class DraftInfo:
    """A half-filled intake kept in the database: who saved it, when, and what it is about."""

    draft_id: str
    saved_at: datetime
    actor: str
    person_name: str
    step: str
    facility_id: int | None = None


@dataclass(frozen=True)
class Draft:
    """A draft's summary and every field the form held, as typed (strings, flags, numbers)."""

    info: DraftInfo
    fields: dict[str, object] = field(default_factory=dict)


def check_amounts(**amounts: int | None) -> None:
    """Incomes and thresholds are zero or more."""
    for name, value in amounts.items():
        if value is not None and value < 0:
            raise ValidationError(name, value, "an amount of zero or more")


def check_household_size(size: int | None) -> None:
    if size is not None and size < 1:
        raise ValidationError("household_size", size, "one or more people (the applicant counts)")


@dataclass(frozen=True)
class RequestDetail:
    """One request as the decision dialog shows it."""

    request_id: int
    version: int
    person_id: int
    full_name: str
    date_of_birth: date | None
    received_at: datetime
    source: str
    facility_id: int | None
    facility: str | None
    urgent: bool
    applicant_income: int | None
    household_income: int | None
    household_size: int | None
    household_in_conflict: bool
    means_threshold: int | None
    means_result: str
    grounds: tuple[tuple[str, str], ...]
    preliminary_aid: bool
    child_exemption: bool
    decision: Decision
    decided_on: date | None
    decision_reasons: str | None
    appeal_lodged_on: date | None
    appeal_outcome: str | None
    case_id: int | None
    case_ref: str | None
    time_zone: str = "UTC"
    """The facility's local zone (else its jurisdiction's, else the office's): times are shown in it."""


@dataclass(frozen=True)
class IntakeResult:
    """What an intake or a decision saved: the request, the person, and the case if one was opened."""

    request_id: int
    request_version: int
    person_id: int
    person_created: bool
    case_id: int | None = None
    case_ref: str | None = None
