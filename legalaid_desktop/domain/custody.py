"""Custody spells, their events, and the deadlines that hang on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.entity import (
    Entity,
    not_before,
    optional_text,
    require_aware,
)
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import (
    CustodyStatus,
    DeadlineStatus,
    EventType,
    ReleaseReason,
)


def days_held(start: datetime | None, end: datetime | None, time_zone: str | None, *,
              today: date | None = None) -> int | None:
    """Calendar days from the start of custody to release (or today), counted in local time.

    Dates are taken in the facility's time zone: an admission at 00:30 in Nairobi is that day
    there, although it is the day before in UTC. `today` defaults to the date there now.
    """
    if start is None:
        return None
    zone = ZoneInfo(time_zone) if time_zone else UTC
    if end is not None:
        last = end.astimezone(zone).date()
    else:
        last = today if today is not None else datetime.now(zone).date()
    return max(0, (last - start.astimezone(zone).date()).days)


@dataclass(kw_only=True, eq=False)
class Custody(Entity):
    """One detention spell at a facility (Mandela Rule 7): from arrest or admission to release."""

    person_id: int
    case_id: int | None = None
    facility_id: int
    register_number: str | None = None
    status: CustodyStatus = CustodyStatus.UNTRIED
    arrest_at: datetime | None = None
    arrest_place: str | None = None
    admission_at: datetime | None = None
    released_at: datetime | None = None
    release_reason: ReleaseReason | None = None
    commitment_reason: str | None = None
    committing_authority: str | None = None
    injuries_observed: str | None = None
    ill_treatment_complaint: str | None = None
    property_held: str | None = None
    time_zone: str | None = None

    def __post_init__(self) -> None:
        self.register_number = optional_text("register_number", self.register_number, max_length=60)
        self.check()

    def check(self) -> None:
        for name in ("arrest_at", "admission_at", "released_at"):
            require_aware(name, getattr(self, name))
        not_before("admission_at", self.admission_at, "arrest_at", self.arrest_at)
        not_before("released_at", self.released_at, "arrest_at", self.arrest_at)
        not_before("released_at", self.released_at, "admission_at", self.admission_at)
        if self.status is CustodyStatus.RELEASED and self.released_at is None:
            raise ValidationError("released_at", None, "the release time of a released person")
        if self.released_at is not None and self.status is not CustodyStatus.RELEASED:
            raise ValidationError("custody_status", self.status.value,
                                  "'released' once a release time is recorded")

    @property
    def start(self) -> datetime | None:
        """Custody runs from arrest, or from admission where the arrest is unknown."""
        return self.arrest_at or self.admission_at

    def days_in_custody(self, today: date | None = None, time_zone: str | None = None) -> int | None:
        return days_held(self.start, self.released_at, time_zone or self.time_zone, today=today)

    def release(self, *, at: datetime, reason: ReleaseReason) -> None:
        self.released_at = at
        self.release_reason = reason
        self.status = CustodyStatus.RELEASED
        self.check()


@dataclass(kw_only=True, eq=False)
class CustodyEvent(Entity):
    """Something that happened in a spell: an arrest, a remand order and its length, a release."""

    custody_id: int
    type: EventType
    at: datetime
    days: int | None = None
    until: datetime | None = None
    court_id: int | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        require_aware("at", self.at)
        require_aware("until", self.until)
        if self.days is not None and self.days <= 0:
            raise ValidationError("days", self.days, "a length of one day or more")
        if self.type in (EventType.REMAND, EventType.REMAND_EXTENSION) and self.days is None:
            raise ValidationError("days", None, "the length of the remand order in days")
        if self.type is EventType.EXCLUDED_INTERVAL:
            if self.until is None:
                raise ValidationError("until", None, "the end of the excluded interval")
            if self.until <= self.at:
                raise ValidationError("until", self.until.isoformat(), "after the interval's start")


@dataclass(kw_only=True, eq=False)
class Deadline(Entity):
    """A limit on a custody spell: computed from a rule (issue 3's engine) or entered by hand."""

    custody_id: int
    kind: str
    rule_id: str | None = None
    layer: str = "national"
    due: datetime
    due_date: date
    status: DeadlineStatus = DeadlineStatus.OPEN
    met_at: datetime | None = None
    citation: str | None = None
    verification: str | None = None
    explanation: str | None = None
    manual: bool = False
    title: str | None = None

    def __post_init__(self) -> None:
        require_aware("due", self.due)
        if self.manual and not (self.title or "").strip():
            raise ValidationError("title", self.title, "a title for a manual deadline")
