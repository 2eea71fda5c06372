"""Permission checks the services make before they read or change anything.

Each check raises domain.access.AccessDenied; the unit of work it leaves rolls the call back and
records the refusal in an audit entry of its own. Checks run inside the unit of work's `with` block.
"""

from __future__ import annotations

from legalaid_desktop.domain.access import (
    WHOM_TO_ASK,
    AccessDenied,
    Permission,
    Role,
    can,
    may_act_on_case,
)
from legalaid_desktop.domain.cases import Case
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


def require_facility(uow: UnitOfWork, permission: Permission, facility_id: int | None) -> None:
    """As require_case, for a new record placed at `facility_id` (None: at no facility)."""
    if not may_act_on_case(uow.principal, permission, facility_id):
        raise _denied(uow, permission, facility_id, "facility", None)


def facility_scope(uow: UnitOfWork) -> frozenset[int] | None:
    """The facility keys the principal's lists and counts are limited to (None: every facility)."""
    return uow.principal.facility_ids


def narrowed(uow: UnitOfWork, given: frozenset[int] | None) -> frozenset[int] | None:
    """A caller's facility limit narrowed to the principal's: never wider than what they may see."""
    scope = facility_scope(uow)
    if scope is None:
        return given
    return scope if given is None else given & scope


def sees_restricted_contacts(uow: UnitOfWork) -> bool:
    return can(uow.principal, Permission.SEE_RESTRICTED_CONTACTS)


def _denied(uow: UnitOfWork, permission: Permission, facility_id: int | None, entity: str | None,
            uuid: str | None) -> AccessDenied:
    principal = uow.principal
    ask = WHOM_TO_ASK.get(permission, Role.COORDINATOR)
    return AccessDenied(user=principal.name, role=principal.role, permission=permission,
                        facility_id=facility_id, entity=entity, uuid=uuid, ask=ask)
