"""One demo case's records, numbered when written and linked by the keys bulk_insert gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from legalaid_desktop.domain.cases import Case, Charge, Hearing, Note, Party
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.org import Assignment
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.services.demo_numbers import register_number
from legalaid_desktop.services.demo_world import YEAR_SPREAD

UNLINKED = 0  # a key filled in by CaseBundle.link_* once the parent row has been given its key


@dataclass
class Numbering:
    """Register numbers given so far, by facility and year.

    Numbers (like case references) are given when a case is written, in writing order, so cases
    built in parallel are numbered as if built one after another; writers pass this on in turn.
    """

    starts: dict[int, int]
    issued: dict[tuple[int, int], int] = field(default_factory=dict)

    def register(self, facility_id: int, year: int) -> int:
        """The next number of the facility's register for that year (0: one register for all years)."""
        key = (facility_id, year)
        number = self.issued.get(key, self.starts[facility_id] + (year * 7919) % YEAR_SPREAD)
        self.issued[key] = number + 1
        return number


@dataclass(frozen=True)
class RegisterSlot:
    """What the custody spell's register number is made of, once its serial is known."""

    facility_id: int
    style: str
    code: str
    admitted: date
    female: bool


@dataclass
class CaseBundle:
    """One case's records, ready to insert parents first.

    The case and the custody spell are made by `finish`, when the writer numbers them.
    """

    person: Person
    case_fields: dict[str, Any]
    opened_year: int
    party: Party
    custody_fields: dict[str, Any]
    register: RegisterSlot
    charges: list[Charge]
    events: list[CustodyEvent]
    hearings: list[Hearing]
    notes: list[Note]
    assignments: list[Assignment]
    dependants: list[Dependant]
    request: LegalAidRequest | None = None
    request_opened_case: bool = False
    case: Case = field(init=False)
    custody: Custody = field(init=False)

    def finish(self, next_case_ref: Callable[[int], str], numbering: Numbering) -> None:
        """Make the case and the custody spell with their reference and register numbers."""
        self.case = Case(**self.case_fields, case_ref=next_case_ref(self.opened_year))
        slot = self.register
        serial = numbering.register(slot.facility_id, 0 if slot.style == "noms" else slot.admitted.year)
        self.custody = Custody(**self.custody_fields, register_number=register_number(
            slot.style, slot.code, serial, slot.admitted, slot.female))

    def link_person(self) -> None:
        self.case.client_person_id = _key(self.person)

    def link_case(self) -> None:
        person_id, case_id = _key(self.person), _key(self.case)
        self.party.case_id, self.party.person_id = case_id, person_id
        self.custody.person_id, self.custody.case_id = person_id, case_id
        for charge in self.charges:
            charge.case_id = case_id
        for hearing in self.hearings:
            hearing.case_id = case_id
        for note in self.notes:
            note.case_id = case_id
        for assignment in self.assignments:
            assignment.case_id = case_id
        for dependant in self.dependants:
            dependant.person_id = person_id
        if self.request is not None:
            self.request.person_id = person_id
            self.request.case_id = case_id if self.request_opened_case else None

    def link_custody(self) -> None:
        custody_id = _key(self.custody)
        for event in self.events:
            event.custody_id = custody_id

    def children(self) -> list[Entity]:
        """Records that hang on the person and the case (custody events come after these)."""
        rows: list[Entity] = [self.party, *self.charges, self.custody, *self.hearings, *self.notes,
                              *self.assignments, *self.dependants]
        if self.request is not None:
            rows.append(self.request)
        return rows


def _key(entity: Entity) -> int:
    if entity.id is None:
        raise RuntimeError(f"{type(entity).__name__} has no key yet: insert it before its children")
    return entity.id
