"""Frozen rows and filters of the people, custody, provider and facility lists (paged by storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

ListKind = Literal["people", "custody", "providers", "facilities"]
LIST_KINDS: tuple[ListKind, ...] = ("people", "custody", "providers", "facilities")


@dataclass(frozen=True)
class ListFilter:
    """What a list is narrowed to; each list reads the fields that make sense for it.

    `search`: words typed (names, case and register numbers, identity numbers); `facility`: a
    facility's name; `status`: a custody status, a provider kind or a facility kind; `held`: only
    people held now; `child`: only children (unknown or disputed age counts, as everywhere);
    `overdue`: held past a national-law limit; `unrepresented`: held with no lawyer assigned;
    `duplicates`: people flagged as possibly the same as another; `available`: providers active
    and not away today; `priority_group`: people recorded in that UN Principle 10 group (vocab
    PriorityGroup; children are the `child` filter, by age). `facility_ids`: only what is at these
    facilities (None: anywhere); the services narrow it to the signed-in user's facilities.
    """

    search: str | None = None
    facility: str | None = None
    status: str | None = None
    held: bool = False
    child: bool = False
    overdue: bool = False
    unrepresented: bool = False
    duplicates: bool = False
    available: bool = False
    priority_group: str | None = None
    facility_ids: frozenset[int] | None = None


@dataclass(frozen=True)
class PersonLine:
    """A person: age as known today (estimated or disputed said so), cases, where held now.

    `case_id` is the newest case the person is the client of (what opening the row shows).
    """

    person_id: int
    full_name: str
    sex: str
    date_of_birth: date | None
    age: int | None
    age_estimated: bool
    age_disputed: bool
    child: bool
    identity_number: str | None
    other_names: str | None
    cases: int
    facility: str | None
    case_id: int | None
    possible_duplicate_of: int | None


@dataclass(frozen=True)
class CustodyLine:
    """A custody spell: who, where, how long, the next open national-law deadline and the lawyer.

    `next_due` is in the facility's local time; `days_over` counts the facility's calendar days past
    it (domain.lateness.days_over; negative: days left) and `hours_over` the whole hours.
    `lawyer` is None when nobody is assigned now.
    """

    custody_id: int
    case_id: int | None
    case_ref: str | None
    person_id: int
    full_name: str
    child: bool
    facility: str
    register_number: str | None
    status: str
    start: datetime | None
    released_at: datetime | None
    days_in_custody: int | None
    next_due: datetime | None
    next_limit: str | None
    overdue: bool
    due_soon: bool
    days_over: int | None
    lawyer: str | None
    hours_over: int | None = None


@dataclass(frozen=True)
class ProviderLine:
    """A provider: who, which facilities they cover, their load against capacity, availability."""

    provider_id: int
    full_name: str
    kind: str
    languages: str | None
    specialisms: str | None
    facilities: str
    active_cases: int
    capacity: int
    active: bool
    unavailable_from: date | None
    unavailable_until: date | None
    available: bool


@dataclass(frozen=True)
class FacilitySummary:
    """A facility with its people held now, overdue deadlines and people held without a lawyer."""

    facility_id: int
    name: str
    kind: str
    region: str | None
    held: int
    overdue: int
    unrepresented: int


ListLine = PersonLine | CustodyLine | ProviderLine | FacilitySummary
