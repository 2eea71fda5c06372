"""Conflicts of interest and caseloads: the waiver record, the DTOs services return, the refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from legalaid_desktop.domain.entity import Entity, optional_text, require_text
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.vocab import PartyRole

# A person in one of these roles in a case stands against that case's client (and its providers).
ADVERSE_ROLES = frozenset({PartyRole.VICTIM, PartyRole.WITNESS, PartyRole.COMPLAINANT,
                           PartyRole.CO_ACCUSED})
# The office acted for a person in these roles: acting for the same person again is no conflict.
CLIENT_ROLES = frozenset({PartyRole.CLIENT, PartyRole.FORMER_CLIENT})

# Capacity counts weighted active cases: a capital case (any capital charge) takes about twice the
# hours of another one (trial preparation, mitigation, appeals), so it weighs 2 against 1.
CAPITAL_CASE_WEIGHT = 2.0
ORDINARY_CASE_WEIGHT = 1.0
LEAVE_SOON_DAYS = 14  # leave starting within this many days lowers a suggestion


@dataclass(kw_only=True, eq=False)
class ConflictWaiver(Entity):
    """A coordinator's decision that a provider may act on a case despite a recorded conflict.

    It covers the pair (case, provider); `conflicts` keeps what was known when it was given (the
    other cases and roles), so a later reader sees what was weighed.
    """

    case_id: int
    provider_id: int
    reason: str
    coordinator: str
    waived_at: datetime
    conflicts: str | None = None

    def __post_init__(self) -> None:
        self.reason = require_text("reason", self.reason, max_length=2000)
        self.coordinator = require_text("coordinator", self.coordinator, max_length=200)
        self.conflicts = optional_text("conflicts", self.conflicts, max_length=4000)


@dataclass(frozen=True)
class ConflictMatch:
    """A stored person who may be the one checked, in one role of one case (None: in no case)."""

    full_name: str
    person_id: int
    case_id: int | None
    case_ref: str | None
    role: PartyRole | None
    score: float
    reasons: tuple[str, ...]
    providers: tuple[str, ...]
    """Providers who acted or act on that case, by name."""
    hidden: bool = False
    """A match in a record the user may not open: nothing of it is told but that it exists (the
    name says so, for screens that show only names; person_id is 0)."""


HIDDEN_MATCH = "a possible conflict exists in a record you cannot open; ask a coordinator"


@dataclass(frozen=True)
class ConflictCheck:
    """What a conflict check found: the matches listed, closest first, and how many more people
    matched on name alone and were left out of the list (a common name matches thousands; a date of
    birth or an identity number narrows them). A match with a date of birth or an identity number
    that agrees is always listed."""

    matches: tuple[ConflictMatch, ...]
    more_on_name_only: int = 0
    """People beyond the list whose name alone matched (no date of birth or identity number agrees)."""


class ConflictSide(StrEnum):
    """Which way a provider conflict runs."""

    CLIENT_IS_ADVERSE = "client_is_adverse"
    """The case's client (or someone who may be them) is victim, witness, complainant or co-accused
    in another case where the provider acts for that case's client."""
    PROVIDER_ACTS_FOR_ADVERSE = "provider_acts_for_adverse"
    """A victim, witness, complainant or co-accused of this case is (or may be) the provider's
    client in another case."""


@dataclass(frozen=True)
class ProviderConflict:
    """Why a provider may not act on a case: who, where, in which role, and how sure the match is."""

    provider_id: int
    provider_name: str
    side: ConflictSide
    person_name: str
    """The person of this case (the client, or its adverse party)."""
    role: PartyRole
    """The adverse role: of the client in the other case, or of the party in this case."""
    other_case_id: int
    other_case_ref: str
    matched_name: str
    """The name as recorded in the other case."""
    score: float
    reasons: tuple[str, ...]
    current: bool
    """The provider acts on the other case now (False: acted before)."""
    hidden: bool = False
    """In a case the user may not open: nothing of it is told but that it exists (other_case_ref,
    matched_name and reasons are empty; other_case_id is 0)."""


class ConflictOfInterestError(DomainError):
    """Assigning `provider_name` to `case_ref` is refused: `conflicts` say why; a waiver allows it."""

    def __init__(self, case_ref: str, provider_name: str, conflicts: tuple[ProviderConflict, ...]) -> None:
        first = next((c for c in conflicts if not c.hidden), None)
        why = (f"conflict with {first.other_case_ref} ({first.role.value})" if first is not None
               else "a possible conflict in a record the user cannot open")
        super().__init__(f"{provider_name} on {case_ref}: {why}")
        self.case_ref = case_ref
        self.provider_name = provider_name
        self.conflicts = conflicts


@dataclass(frozen=True)
class Why:
    """One reason beside a suggestion: a code the showing layer words, and its value."""

    code: str
    value: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A provider ranked for a case, with the reasons for and against."""

    provider_id: int
    full_name: str
    kind: str
    points: float
    load: float
    capacity: int
    remaining: float
    conflict: bool
    available: bool
    reasons: tuple[Why, ...]
    local: bool = True
    """Covers the case's facility or court, or some other place in its jurisdiction."""


@dataclass(frozen=True)
class ProviderLoad:
    """A provider's active cases against capacity (weighted: see CAPITAL_CASE_WEIGHT)."""

    provider_id: int
    full_name: str
    kind: str
    active_cases: int
    load: float
    capacity: int
    available: bool
    unavailable_until: date | None

    @property
    def over_capacity(self) -> bool:
        return self.load > self.capacity


@dataclass(frozen=True)
class FacilityGap:
    """People held at a facility whose case has no active assignment."""

    facility_id: int
    name: str
    unrepresented: int


@dataclass(frozen=True)
class Caseload:
    """Load per provider, those over capacity, and facilities with unrepresented detainees."""

    providers: tuple[ProviderLoad, ...]
    over_capacity: tuple[ProviderLoad, ...]
    facilities: tuple[FacilityGap, ...]


@dataclass(frozen=True)
class Move:
    """A proposed reassignment for a coordinator to review before it is applied."""

    assignment_id: int
    case_id: int
    case_ref: str
    from_provider_id: int
    from_name: str
    to_provider_id: int
    to_name: str
    reason: str


def case_weight(capital: bool) -> float:
    return CAPITAL_CASE_WEIGHT if capital else ORDINARY_CASE_WEIGHT


def on_leave(unavailable_from: date | None, unavailable_until: date | None, on: date) -> bool:
    """Unavailable on `on`: from the first leave day to the last, both included; an open end lasts,
    and a last day without a first means unavailable until then."""
    if unavailable_from is None and unavailable_until is None:
        return False
    return ((unavailable_from is None or unavailable_from <= on)
            and (unavailable_until is None or on <= unavailable_until))


# --- facts storage reads for the services ------------------------------------------------------------

@dataclass(frozen=True)
class Involvement:
    """A person's role in a case."""

    person_id: int
    case_id: int
    case_ref: str
    role: PartyRole


@dataclass(frozen=True)
class Acting:
    """A provider assigned to a case, now (`current`) or before."""

    case_id: int
    provider_id: int
    provider_name: str
    current: bool


@dataclass(frozen=True)
class Candidate:
    """A stored person who shares a name key (or the identity number) with the query."""

    person_id: int
    full_name: str
    other_names: str | None
    date_of_birth: date | None
    identity_number: str | None


@dataclass(frozen=True)
class PartyFacts:
    """A party of a case as a conflict check needs it."""

    person_id: int
    full_name: str
    other_names: str | None
    date_of_birth: date | None
    identity_number: str | None
    role: PartyRole


@dataclass(frozen=True)
class CaseFacts:
    """What suggestions and conflict checks need about a case and its client."""

    case_id: int
    case_ref: str
    client_person_id: int
    client_languages: str | None
    date_of_birth: date | None
    age_estimate: int | None
    age_estimate_on: date | None
    age_disputed: bool
    capital: bool
    facility_id: int | None
    court_id: int | None
    parties: tuple[PartyFacts, ...]
    jurisdiction: str | None = None
    """The code of the jurisdiction the case is in: its newest custody spell's facility's, else its
    court's."""


@dataclass(frozen=True)
class ProviderFacts:
    """A provider with its active load (weighted) and what it covers."""

    provider_id: int
    full_name: str
    kind: str
    languages: str | None
    specialisms: str | None
    capacity: int
    active: bool
    unavailable_from: date | None
    unavailable_until: date | None
    active_cases: int
    load: float
    facility_ids: frozenset[int]
    court_ids: frozenset[int]
    jurisdictions: frozenset[str] = frozenset()
    """The codes of the jurisdictions of the facilities and courts it covers."""


@dataclass(frozen=True)
class ActiveAssignment:
    """An assignment not ended, with its case's weight and place (newest first when listed)."""

    assignment_id: int
    case_id: int
    case_ref: str
    provider_id: int
    started_at: datetime
    weight: float
    facility_id: int | None = None
    """Of the case's newest custody spell."""
    court_id: int | None = None


def identity_key(number: str | None) -> str | None:
    """The name-key row an identity number is found by: letters and digits only, upper case, so
    "ID 12-34" and "id1234" meet (as services.name_match compares them)."""
    plain = "".join(ch for ch in (number or "") if ch.isalnum()).upper()
    return f"n:{plain}" if plain else None
