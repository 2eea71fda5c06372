"""Where the work happens and who does it: jurisdictions, facilities, courts, providers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from legalaid_desktop.domain.entity import Entity, not_before, optional_text, require_text
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import FacilityKind, ProviderKind


def check_time_zone(field_name: str, name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(field_name, name, "an IANA time zone such as Africa/Nairobi") from None
    return name


@dataclass(kw_only=True, eq=False)
class Jurisdiction(Entity):
    """A legal system with its rule file code (ISO 3166), time zone and court hours."""

    code: str
    name: str
    time_zone: str
    court_opens: str = "09:00"
    court_closes: str = "16:00"
    sitting_weekdays: str = "0,1,2,3,4"

    def __post_init__(self) -> None:
        self.code = require_text("code", self.code, max_length=12).upper()
        self.name = require_text("name", self.name, max_length=200)
        self.time_zone = check_time_zone("time_zone", self.time_zone)


@dataclass(kw_only=True, eq=False)
class Facility(Entity):
    """A prison, police station or remand centre, in one jurisdiction and region."""

    name: str
    kind: FacilityKind = FacilityKind.PRISON
    jurisdiction_code: str
    region: str | None = None
    time_zone: str | None = None
    court_within_40km: bool = True

    def __post_init__(self) -> None:
        self.name = require_text("name", self.name, max_length=200)
        self.jurisdiction_code = require_text("jurisdiction", self.jurisdiction_code).upper()
        if self.time_zone:
            check_time_zone("time_zone", self.time_zone)


@dataclass(kw_only=True, eq=False)
class Court(Entity):
    """A court; its hours and days override the jurisdiction's when set."""

    name: str
    jurisdiction_code: str
    region: str | None = None
    level: str | None = None
    court_opens: str | None = None
    court_closes: str | None = None

    def __post_init__(self) -> None:
        self.name = require_text("name", self.name, max_length=200)
        self.jurisdiction_code = require_text("jurisdiction", self.jurisdiction_code).upper()


@dataclass(kw_only=True, eq=False)
class Provider(Entity):
    """A lawyer, paralegal or supervised law student (UN Guidelines 13-14)."""

    full_name: str
    kind: ProviderKind = ProviderKind.LAWYER
    languages: str | None = None
    specialisms: str | None = None
    capacity: int = 30
    supervisor_id: int | None = None
    accreditation: str | None = None
    phone: str | None = None
    email: str | None = None
    active: bool = True
    unavailable_from: date | None = None
    unavailable_until: date | None = None

    def __post_init__(self) -> None:
        self.full_name = require_text("full_name", self.full_name, max_length=200)
        if self.capacity < 0:
            raise ValidationError("capacity", self.capacity, "zero or more active cases")
        not_before("unavailable_until", self.unavailable_until,
                   "unavailable_from", self.unavailable_from)


@dataclass(kw_only=True, eq=False)
class ProviderCoverage(Entity):
    """A facility or court that a provider covers."""

    provider_id: int
    facility_id: int | None = None
    court_id: int | None = None

    def __post_init__(self) -> None:
        if (self.facility_id is None) == (self.court_id is None):
            raise ValidationError("coverage", None, "exactly one of a facility or a court")


@dataclass(kw_only=True, eq=False)
class Assignment(Entity):
    """A provider acting on a case for a time; ending one keeps the history."""

    case_id: int
    provider_id: int
    role: str = "lead"
    started_at: datetime
    ended_at: datetime | None = None
    reason: str | None = None
    end_reason: str | None = None

    def __post_init__(self) -> None:
        not_before("ended_at", self.ended_at, "started_at", self.started_at)
        self.reason = optional_text("reason", self.reason)


@dataclass(kw_only=True, eq=False)
class Setting(Entity):
    """A dated setting value (means-test thresholds, lead times): the newest not after a date wins."""

    key: str
    value: str
    effective_from: date
    jurisdiction_code: str | None = None
    notes: str | None = field(default=None)

    def __post_init__(self) -> None:
        self.key = require_text("key", self.key, max_length=100)


@dataclass(kw_only=True, eq=False)
class CourtClosure(Entity):
    """A day the courts of a jurisdiction do not sit, added by the office (a strike, a local holiday).

    Public holidays come from the calendar package; these are the days it cannot know.
    """

    jurisdiction_code: str
    day: date
    reason: str

    def __post_init__(self) -> None:
        self.jurisdiction_code = require_text("jurisdiction_code", self.jurisdiction_code,
                                              max_length=12).upper()
        self.reason = require_text("reason", self.reason, max_length=300)
