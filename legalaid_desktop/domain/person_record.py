"""A person's own record, as exported for them (Mandela Rule 9): frozen DTOs, nobody else's details."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from legalaid_desktop.domain.reporting import (
    AssignmentLine,
    ChargeLine,
    CustodySpellSummary,
    DeadlineLine,
    GroundLine,
    HearingLine,
)


@dataclass(frozen=True)
class Identity:
    """What the office keeps about who the person is, and their own contact details."""

    uuid: str
    full_name: str
    other_names: str | None
    sex: str
    gender_identity: str | None
    date_of_birth: date | None
    age: int | None
    age_estimated: bool
    age_disputed: bool
    identity_number: str | None
    nationality: str | None
    languages: str | None
    priority_groups: tuple[str, ...]
    phone: str | None
    address: str | None


@dataclass(frozen=True)
class RequestRecord:
    """A legal aid request of theirs with its decision and the reasons given."""

    received_at: datetime
    source: str
    means_test: str
    decision: str
    decided_on: date | None
    grounds: tuple[GroundLine, ...]
    reasons: str | None
    appeal_lodged_on: date | None
    appeal_outcome: str | None


@dataclass(frozen=True)
class CaseRecord:
    """One case in which the person is the client; other parties by their role only."""

    case_ref: str
    status: str
    stage: str
    opened_on: date
    closed_on: date | None
    outcome: str | None
    court: str | None
    court_case_number: str | None
    charges: tuple[ChargeLine, ...]
    custody: tuple[CustodySpellSummary, ...]
    deadlines: tuple[DeadlineLine, ...]
    hearings: tuple[HearingLine, ...]
    requests: tuple[RequestRecord, ...]
    assignments: tuple[AssignmentLine, ...]
    other_parties: tuple[str, ...]


@dataclass(frozen=True)
class PersonRecordData:
    """The whole record at `as_of`: `requests` are those not (yet) tied to a case; `left_out` says
    what is not in it and why."""

    as_of: datetime
    person: Identity
    cases: tuple[CaseRecord, ...]
    requests: tuple[RequestRecord, ...]
    left_out: tuple[str, ...]

    def plain(self) -> dict[str, Any]:
        """The record as JSON-ready values: dates and moments in ISO 8601, tuples as lists."""
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
