"""The facts a deadline is computed from: the person, the offence and the custody events of a spell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from legalaid_desktop.domain.errors import ValidationError

EVENT_TYPES = (
    "arrest", "police_station_arrival", "first_appearance", "remand", "remand_extension",
    "superintendent_extension", "warrant_of_further_detention", "sent_for_trial", "charge_sheet_filed",
    "certificate", "detention_review", "trial_started", "judgment", "bail", "release",
    "excluded_interval",
)

LIFE = 10**6
"""A life sentence, in months: more than any number of months a statute names."""


@dataclass(frozen=True)
class Person:
    """Who is held: a date of birth, or an age estimate in years; neither means unknown.

    An estimate is of the age on `age_estimate_on` when that is recorded, else of the age at arrest.
    """

    date_of_birth: date | None = None
    age_estimate: int | None = None
    age_disputed: bool = False
    age_estimate_on: date | None = None


@dataclass(frozen=True)
class Offence:
    """The offence charged. `None` means the fact is not recorded; `max_sentence_months` may be LIFE."""

    offence_class: str | None = None
    max_sentence_months: int | None = None
    capital: bool | None = None
    first_offender: bool | None = None
    court_within_40km: bool | None = None
    date: date | None = None


@dataclass(frozen=True)
class Event:
    """One custody event: an aware moment, with an order's length or an interval's end where it has one."""

    type: str
    at: datetime
    days: int | None = None
    until: datetime | None = None
    warrant: bool = False

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValidationError("type", self.type, "one of " + ", ".join(EVENT_TYPES))
        for name in ("at", "until"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValidationError(name, value, "a moment with its time zone")
        if self.type == "excluded_interval" and (self.until is None or self.until < self.at):
            raise ValidationError("until", self.until, "the end of the excluded interval, after `at`")
        if self.days is not None and self.days < 0:
            raise ValidationError("days", self.days, "a number of days, 0 or more")

    @classmethod
    def stored(cls, type: str, at: datetime, days: int | None, until: datetime | None) -> Event:
        """An event read back from the database, where it was checked when it was recorded, with
        aware UTC moments. A full recompute reads hundreds of thousands: the checks are skipped."""
        event = object.__new__(cls)
        event.__dict__.update(type=type, at=at, days=days, until=until, warrant=False)
        return event


def is_child(person: Person, offence: Offence, arrest_day: date | None) -> bool:
    """Under 18 on the offence date (or the arrest date); unknown or disputed age is a child's."""
    if person.age_disputed:
        return True
    if person.date_of_birth is not None:
        on = offence.date or arrest_day
        if on is None:
            return True
        born = person.date_of_birth
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return years < 18
    if person.age_estimate is not None:
        on = offence.date or arrest_day
        if person.age_estimate_on is None or on is None:
            return person.age_estimate < 18
        # An estimate made later is carried back: "19 in June 2026" is under 18 in December 2023.
        then = person.age_estimate - (person.age_estimate_on - on).days / 365.2425
        return then < 18
    return True


@dataclass(frozen=True)
class Spell:
    """A stored custody spell's facts, as read from the database for the engine.

    `court_opens` / `court_closes` are the case's court's own hours where it has them.
    """

    custody_id: int
    facility_id: int
    jurisdiction: str
    person: Person
    offence: Offence
    events: tuple[Event, ...]
    court_opens: str | None = None
    court_closes: str | None = None
