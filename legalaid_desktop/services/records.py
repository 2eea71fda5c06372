"""Creating and editing records: one verb per use case, each one transaction, each audited."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import (
    Case,
    Charge,
    Document,
    Hearing,
    Note,
    Party,
)
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity, snapshot
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError, ValidationError
from legalaid_desktop.domain.org import (
    Assignment,
    Court,
    CourtClosure,
    Facility,
    Jurisdiction,
    Provider,
    ProviderCoverage,
    Setting,
)
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import CustodyStatus, EventType, PartyRole, ReleaseReason
from legalaid_desktop.services.access import require_change, require_custody, require_facility
from legalaid_desktop.services.ports import UnitOfWork

E = TypeVar("E", bound=Entity)
FUTURE_TOLERANCE = timedelta(minutes=10)

ENTITY_NAMES: dict[type[Entity], str] = {
    Person: "person", Dependant: "dependant", Case: "case", Party: "party", Charge: "charge",
    Hearing: "hearing", Note: "note", Document: "document", Custody: "custody",
    CustodyEvent: "custody_event", Deadline: "deadline", Facility: "facility", Court: "court",
    Provider: "provider", ProviderCoverage: "provider_coverage", Assignment: "assignment",
    LegalAidRequest: "legal_aid_request", Setting: "setting", Jurisdiction: "jurisdiction",
    CourtClosure: "court_closure", ConflictWaiver: "conflict_waiver",
}


@dataclass(frozen=True)
class Saved:
    """What a write returns: which record, and the version to send with the next edit."""

    entity: str
    id: int
    uuid: str
    version: int
    label: str | None = None


def saved_of(entity: Entity, label: str | None = None) -> Saved:
    assert entity.id is not None
    return Saved(ENTITY_NAMES[type(entity)], entity.id, entity.uuid, entity.version, label)


def load(uow: UnitOfWork, cls: type[E], entity_id: int) -> E:
    found = uow.repo(cls).get(entity_id)
    if found is None:
        raise NotFoundError(ENTITY_NAMES[cls], entity_id)
    return found


def add_record(uow: UnitOfWork, entity: E) -> E:
    """Add inside an open unit of work, audited; the caller commits."""
    uow.repo(type(entity)).add(entity)
    uow.flush()
    uow.audit("create", ENTITY_NAMES[type(entity)], entity.uuid, None, snapshot(entity))
    return entity


def create(uow: UnitOfWork, entity: Entity, label: str | None = None) -> Saved:
    """Add one record in its own transaction (when the signed-in user may: services.access)."""
    with uow:
        require_change(uow, entity)
        add_record(uow, entity)
        uow.commit()
        return saved_of(entity, label)


def update(uow: UnitOfWork, cls: type[E], entity_id: int, *, expected_version: int | None,
           changes: dict[str, Any]) -> Saved:
    """Change fields of one record; refused whole if any value is wrong or someone saved first."""
    names = {f.name for f in fields(cls)} - {"id", "uuid", "created_at", "updated_at", "version"}
    unknown = set(changes) - names
    if unknown:
        raise ValidationError(sorted(unknown)[0], changes[sorted(unknown)[0]], "a field of the record")
    with uow:
        entity = load(uow, cls, entity_id)
        require_change(uow, entity)
        if expected_version is not None and entity.version != expected_version:
            raise ConcurrencyError(ENTITY_NAMES[cls], entity_id)
        before = snapshot(entity)
        for name, value in changes.items():
            setattr(entity, name, value)
        post_init = getattr(entity, "__post_init__", None)
        if post_init is not None:
            post_init()
        after = snapshot(entity)
        if after != before:
            uow.flush()
            changed = {k for k in after if after[k] != before[k]}
            uow.audit("update", ENTITY_NAMES[cls], entity.uuid,
                      {k: before[k] for k in changed}, {k: after[k] for k in changed})
        uow.commit()
        return saved_of(entity)


def open_case(uow: UnitOfWork, *, client_person_id: int, opened_on: date,
              facility_id: int | None = None, register_number: str | None = None,
              arrest_at: datetime | None = None, admission_at: datetime | None = None,
              offence: str | None = None, offence_class: str = "non_capital",
              court_case_number: str | None = None, police_case_number: str | None = None) -> Saved:
    """Open a case for a client: the case, the client party, a charge and a custody spell (a user
    limited to some facilities opens cases held there only)."""
    with uow:
        require_facility(uow, Permission.EDIT_CASES, facility_id)
        case = add_case(uow, client_person_id=client_person_id, opened_on=opened_on,
                        facility_id=facility_id, register_number=register_number, arrest_at=arrest_at,
                        admission_at=admission_at, offence=offence, offence_class=offence_class,
                        court_case_number=court_case_number, police_case_number=police_case_number)
        uow.commit()
        return saved_of(case, case.case_ref)


def add_case(uow: UnitOfWork, *, client_person_id: int, opened_on: date,
             facility_id: int | None = None, register_number: str | None = None,
             arrest_at: datetime | None = None, admission_at: datetime | None = None,
             offence: str | None = None, offence_class: str = "non_capital",
             court_case_number: str | None = None, police_case_number: str | None = None) -> Case:
    """open_case inside an open unit of work (an intake opens the case with the request); the
    caller commits."""
    person = load(uow, Person, client_person_id)
    assert person.id is not None
    case = add_record(uow, Case(case_ref=uow.next_case_ref(opened_on.year),
                                client_person_id=person.id, opened_on=opened_on,
                                court_case_number=court_case_number,
                                police_case_number=police_case_number))
    assert case.id is not None
    add_record(uow, Party(case_id=case.id, person_id=person.id, role=PartyRole.CLIENT))
    if offence:
        add_record(uow, Charge(case_id=case.id, offence=offence, offence_class=offence_class))
    if facility_id is not None:
        load(uow, Facility, facility_id)
        custody = add_record(uow, Custody(
            person_id=person.id, case_id=case.id, facility_id=facility_id,
            register_number=register_number, arrest_at=arrest_at, admission_at=admission_at))
        assert custody.id is not None
        if arrest_at is not None:
            add_record(uow, CustodyEvent(custody_id=custody.id, type=EventType.ARREST, at=arrest_at))
    uow.touch_case(case.id)
    return case


def add_custody_event(uow: UnitOfWork, *, custody_id: int, type: EventType, at: datetime,
                      days: int | None = None, until: datetime | None = None,
                      notes: str | None = None) -> Saved:
    """Record an event in a custody spell; a release event also closes the spell.

    An event must have happened: one dated ahead of the clock (beyond a few minutes of clock
    difference) would count now as met or ended; hearings to come are recorded as hearings.
    """
    if at.utcoffset() is not None and at > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValidationError("at", at.isoformat(timespec="minutes"),
                              "a time that has already come (record a hearing to come as a hearing)")
    with uow:
        custody = load(uow, Custody, custody_id)
        require_custody(uow, Permission.EDIT_CASES, custody)
        event = add_record(uow, CustodyEvent(custody_id=custody_id, type=type, at=at, days=days,
                                             until=until, notes=notes))
        if type is EventType.RELEASE or type is EventType.BAIL:
            before = snapshot(custody)
            custody.release(at=at, reason=ReleaseReason.BAIL if type is EventType.BAIL
                            else custody.release_reason or ReleaseReason.OTHER)
            uow.audit("update", "custody", custody.uuid, before, snapshot(custody))
        if type is EventType.ARREST and custody.arrest_at is None:
            custody.arrest_at = at
            custody.check()
        if custody.case_id is not None:
            uow.touch_case(custody.case_id)
        uow.commit()
        return saved_of(event)


def undo_custody_event(uow: UnitOfWork, *, event_id: int, custody_version: int,
                       status_before: CustodyStatus = CustodyStatus.UNTRIED) -> Saved:
    """Take back an event just recorded by mistake: the event goes, with what recording it did to
    its spell (a release or bail it recorded is taken back to `status_before`; an arrest time it
    set is cleared), and the deadlines are computed again.

    Only the newest event of its spell, and only while the spell is as it was left (`custody_version`,
    as read after the event was recorded): an undo must never take back someone else's later work.
    """
    if status_before is CustodyStatus.RELEASED:
        raise ValidationError("status_before", status_before.value, "the status before the release")
    with uow:
        event = load(uow, CustodyEvent, event_id)
        custody = load(uow, Custody, event.custody_id)
        require_custody(uow, Permission.EDIT_CASES, custody)
        events = uow.repo(CustodyEvent).find(custody_id=custody.id)
        if custody.version != custody_version or max(e.id or 0 for e in events) != event.id:
            raise ConcurrencyError("custody", custody.register_number or custody.id)
        before = snapshot(custody)
        if event.type in (EventType.RELEASE, EventType.BAIL) and custody.released_at == event.at:
            custody.released_at, custody.release_reason, custody.status = None, None, status_before
        if event.type is EventType.ARREST and custody.arrest_at == event.at and \
                not any(e.type is EventType.ARREST for e in events if e.id != event.id):
            custody.arrest_at = None
        custody.check()
        if snapshot(custody) != before:
            uow.audit("update", "custody", custody.uuid, before, snapshot(custody))
        uow.audit("undo", "custody_event", event.uuid, snapshot(event), None)
        uow.repo(CustodyEvent).delete(event)
        if custody.case_id is not None:
            uow.touch_case(custody.case_id)
        uow.commit()
        return saved_of(custody)
