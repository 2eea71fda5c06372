"""Permission checks the services make before they read or change anything.

Each check raises domain.access.AccessDenied; the unit of work it leaves rolls the call back and
records the refusal in an audit entry of its own. Checks run inside the unit of work's `with` block.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar

from legalaid_desktop.domain.access import (
    WHOM_TO_ASK,
    AccessDenied,
    Permission,
    Role,
    can,
    may_act_on_case,
)
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity
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
from legalaid_desktop.services.ports import UnitOfWork


def require(uow: UnitOfWork, permission: Permission, *, facility_id: int | None = None,
            entity: str | None = None, uuid: str | None = None) -> None:
    """The principal holds `permission` (at `facility_id`, when given), or AccessDenied."""
    if not can(uow.principal, permission, facility_id):
        raise _denied(uow, permission, facility_id, entity, uuid)


def require_case(uow: UnitOfWork, permission: Permission, case: Case) -> None:
    """The principal may act on this case: their role grants `permission` and, for a principal limited
    to some facilities, the case is held at one of them (a case held nowhere is not theirs)."""
    assert case.id is not None
    facility_id = uow.reads.case_facility(case.id)
    if not may_act_on_case(uow.principal, permission, facility_id):
        raise _denied(uow, permission, facility_id, "case", case.uuid)


def require_assign(uow: UnitOfWork, case: Case) -> None:
    """The principal may put a provider on this case: with ASSIGN_PROVIDERS on any case they may act
    on; with ASSIGN_UNREPRESENTED (a paralegal) only while the case has no provider at all."""
    principal = uow.principal
    if can(principal, Permission.ASSIGN_PROVIDERS) or not can(principal, Permission.ASSIGN_UNREPRESENTED):
        require_case(uow, Permission.ASSIGN_PROVIDERS, case)
        return
    # The case's own facility first: whether a case elsewhere has a lawyer is none of their business.
    require_case(uow, Permission.ASSIGN_UNREPRESENTED, case)
    if any(a.ended_at is None for a in uow.repo(Assignment).find(case_id=case.id)):
        require_case(uow, Permission.ASSIGN_PROVIDERS, case)


def may_open_case(uow: UnitOfWork, case_id: int) -> bool:
    """Whether the principal may read this case (held at one of their facilities, when limited)."""
    if not uow.principal.scoped:
        return True
    return may_act_on_case(uow.principal, Permission.READ_CASES, uow.reads.case_facility(case_id))


def require_custody(uow: UnitOfWork, permission: Permission, custody: Custody) -> None:
    """As require_case, for a custody spell: its case's, or (a spell without a case) its facility's."""
    case = uow.repo(Case).get(custody.case_id) if custody.case_id is not None else None
    if case is not None:
        require_case(uow, permission, case)
    elif not may_act_on_case(uow.principal, permission, custody.facility_id):
        raise _denied(uow, permission, custody.facility_id, "custody", custody.uuid)


def require_facility(uow: UnitOfWork, permission: Permission, facility_id: int | None) -> None:
    """As require_case, for a new record placed at `facility_id` (None: at no facility)."""
    if not may_act_on_case(uow.principal, permission, facility_id):
        raise _denied(uow, permission, facility_id, "facility", None)


OFFICE_RECORDS = (Facility, Court, Jurisdiction, Provider, ProviderCoverage, Setting, CourtClosure)
"""Records about the office rather than a case: changed with MANAGE_SETTINGS."""


def require_change(uow: UnitOfWork, entity: Entity) -> None:
    """The principal may add or change this record: an office record needs MANAGE_SETTINGS, an
    assignment ASSIGN_PROVIDERS, a waiver WAIVE_CONFLICTS; anything of a case needs EDIT_CASES on
    that case (at the principal's facilities); a person, EDIT_CASES on one of their cases, or a person
    in no case yet (an intake)."""
    if isinstance(entity, OFFICE_RECORDS):
        require(uow, Permission.MANAGE_SETTINGS, entity=type(entity).__name__.lower(), uuid=entity.uuid)
        return
    permission = (Permission.ASSIGN_PROVIDERS if isinstance(entity, Assignment) else
                  Permission.WAIVE_CONFLICTS if isinstance(entity, ConflictWaiver) else Permission.EDIT_CASES)
    if isinstance(entity, CustodyEvent | Deadline):
        custody = uow.repo(Custody).get(entity.custody_id)
        if custody is not None:
            require_custody(uow, permission, custody)
            return
    if isinstance(entity, Custody):
        require_custody(uow, permission, entity)
        return
    case_id = entity.id if isinstance(entity, Case) else getattr(entity, "case_id", None)
    case = uow.repo(Case).get(case_id) if case_id is not None else None
    if case is not None:
        require_case(uow, permission, case)
        return
    if isinstance(entity, Dependant | Person):
        person_id = entity.person_id if isinstance(entity, Dependant) else entity.id
        places = uow.reads.person_facilities(person_id) if person_id is not None else set()
        if not places or any(may_act_on_case(uow.principal, permission, f) for f in places):
            require(uow, permission)
            return
        raise _denied(uow, permission, None, "person", entity.uuid)
    facility_id = getattr(entity, "facility_id", None)  # a request not yet tied to a case
    if uow.principal.scoped:
        require_facility(uow, permission, facility_id)
    else:
        require(uow, permission)


def require_every_facility(uow: UnitOfWork, permission: Permission, *, entity: str) -> None:
    """For work across the whole office (office-wide reports, a whole-database export or import): the
    role's permission, and no limit to some facilities."""
    require(uow, permission, entity=entity)
    if uow.principal.scoped:
        raise _denied(uow, permission, None, entity, None)


def facility_scope(uow: UnitOfWork) -> frozenset[int] | None:
    """The facility keys the principal's lists and counts are limited to (None: every facility)."""
    return uow.principal.facility_ids


def narrowed(uow: UnitOfWork, given: frozenset[int] | None) -> frozenset[int] | None:
    """A caller's facility limit narrowed to the principal's: never wider than what they may see."""
    scope = facility_scope(uow)
    if scope is None:
        return given
    return scope if given is None else given & scope


class _Scoped(Protocol):
    @property
    def facility_ids(self) -> frozenset[int] | None: ...


F = TypeVar("F", bound=_Scoped)


def within_scope(uow: UnitOfWork, filters: F) -> F:
    """A list's filters (CaseFilter, DeadlineFilter) limited to the principal's facilities as well."""
    scope = narrowed(uow, filters.facility_ids)
    return filters if scope == filters.facility_ids else replace(filters, facility_ids=scope)  # type: ignore[type-var]


def sees_restricted_contacts(uow: UnitOfWork) -> bool:
    return can(uow.principal, Permission.SEE_RESTRICTED_CONTACTS)


def _denied(uow: UnitOfWork, permission: Permission, facility_id: int | None, entity: str | None,
            uuid: str | None) -> AccessDenied:
    principal = uow.principal
    ask = WHOM_TO_ASK.get(permission, Role.COORDINATOR)
    return AccessDenied(user=principal.name, role=principal.role, permission=permission,
                        facility_id=facility_id, entity=entity, uuid=uuid, ask=ask)
