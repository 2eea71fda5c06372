"""People (clients, detainees, victims, witnesses) and the children of detained women."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from legalaid_desktop.domain.entity import Entity, optional_text, require_text
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import AgeSource, PriorityGroup, Sex

CHILD_AGE = 18


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def known_age(date_of_birth: date | None, age_estimate: int | None, age_estimate_on: date | None,
              on: date) -> int | None:
    """Age on `on` from the date of birth, else from an estimate grown by the years since it was made."""
    if date_of_birth is not None:
        return age_on(date_of_birth, on)
    if age_estimate is not None:
        base = age_estimate_on or on
        if on >= base:
            return age_estimate + age_on(base, on)
        return age_estimate - age_on(on, base)
    return None


@dataclass(kw_only=True, eq=False)
class Person(Entity):
    """A human being known to the office. Roles (client, victim, ...) live on Party, not here.

    Mandela Rule 7 identity data; self-perceived gender kept apart from recorded sex.
    Contact fields are restricted: only roles that need them see them (issue 4 enforces it).
    """

    full_name: str
    other_names: str | None = None
    sex: Sex = Sex.UNKNOWN
    gender_identity: str | None = None
    date_of_birth: date | None = None
    age_estimate: int | None = None
    age_estimate_on: date | None = None
    age_source: AgeSource = AgeSource.UNKNOWN
    age_disputed: bool = False
    nationality: str | None = None
    languages: str | None = None
    identity_number: str | None = None
    priority_groups: list[str] = field(default_factory=list)
    phone: str | None = None
    address: str | None = None
    emergency_contact: str | None = None
    possible_duplicate_of: int | None = None
    notes: str | None = None
    merged_into_id: int | None = None

    def __post_init__(self) -> None:
        self.full_name = require_text("full_name", self.full_name, max_length=200)
        self.other_names = optional_text("other_names", self.other_names, max_length=300)
        self.check(today=date.today())

    def check(self, *, today: date) -> None:
        """Raise ValidationError when a fact about the person is impossible."""
        if self.date_of_birth is not None:
            if self.date_of_birth > today:
                raise ValidationError("date_of_birth", self.date_of_birth.isoformat(),
                                      "a date that is not in the future")
            if age_on(self.date_of_birth, today) > 120:
                raise ValidationError("date_of_birth", self.date_of_birth.isoformat(),
                                      "a person at most 120 years old")
        if self.age_estimate is not None and not 0 <= self.age_estimate <= 120:
            raise ValidationError("age_estimate", self.age_estimate, "a number of years from 0 to 120")
        for group in self.priority_groups:
            if group not in PriorityGroup.__members__.values():
                raise ValidationError("priority_groups", group,
                                      "one of " + ", ".join(g.value for g in PriorityGroup))

    def age_at(self, on: date) -> int | None:
        return known_age(self.date_of_birth, self.age_estimate, self.age_estimate_on, on)

    def is_child_at(self, on: date) -> bool:
        """Under 18 on `on`; unknown or disputed age counts as a child (benefit of the doubt)."""
        age = self.age_at(on)
        return age is None or self.age_disputed or age < CHILD_AGE


@dataclass(kw_only=True, eq=False)
class Dependant(Entity):
    """A child or other dependant of a detainee (Bangkok Rule 3). Confidential."""

    person_id: int | None = None
    name: str
    date_of_birth: date | None = None
    age: int | None = None
    relationship: str | None = None
    whereabouts: str | None = None
    carer: str | None = None

    def __post_init__(self) -> None:
        self.name = require_text("name", self.name, max_length=200)
        if self.date_of_birth is not None and self.date_of_birth > date.today():
            raise ValidationError("date_of_birth", self.date_of_birth.isoformat(),
                                  "a date that is not in the future")
        if self.age is not None and not 0 <= self.age <= 120:
            raise ValidationError("age", self.age, "a number of years from 0 to 120")
