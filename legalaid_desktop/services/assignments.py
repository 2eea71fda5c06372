"""Assigning providers to cases: assign, end, reassign, with reasons and history kept (coordinators
and administrators; a paralegal may put the first provider on a case that has none)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.conflicts import Move
from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Assignment, Provider
from legalaid_desktop.services.access import require, require_assign, require_case
from legalaid_desktop.services.conflicts import refuse_if_conflicted
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of


def _active(uow: UnitOfWork, case_id: int) -> list[Assignment]:
    return [a for a in uow.repo(Assignment).find(case_id=case_id) if a.ended_at is None]


def assign_provider(uow: UnitOfWork, *, case_id: int, provider_id: int, at: datetime,
                    role: str = "lead", reason: str | None = None) -> Saved:
    """Put a provider on a case; refused with ConflictOfInterestError when the provider acts or acted
    against the client or for an adverse party, unless a waiver was recorded."""
    with uow:
        require_assign(uow, load(uow, Case, case_id))
        provider = load(uow, Provider, provider_id)
        if not provider.active:
            raise ValidationError("provider", provider.full_name, "an active provider")
        if any(a.provider_id == provider_id for a in _active(uow, case_id)):
            raise ValidationError("provider", provider.full_name, "a provider not already on this case")
        refuse_if_conflicted(uow, case_id=case_id, provider_id=provider_id, provider_name=provider.full_name)
        assignment = add_record(uow, Assignment(case_id=case_id, provider_id=provider_id,
                                                role=role, started_at=at, reason=reason))
        uow.touch_case(case_id)
        uow.commit()
        return saved_of(assignment)


def end_assignment(uow: UnitOfWork, *, assignment_id: int, at: datetime, reason: str) -> Saved:
    """End an assignment; the record stays as history."""
    with uow:
        assignment = load(uow, Assignment, assignment_id)
        require_case(uow, Permission.ASSIGN_PROVIDERS, load(uow, Case, assignment.case_id))
        if assignment.ended_at is not None:
            raise ValidationError("assignment", assignment_id, "an assignment that has not ended")
        if not reason.strip():
            raise ValidationError("reason", reason, "why the assignment ends")
        before = snapshot(assignment)
        assignment.ended_at, assignment.end_reason = at, reason.strip()
        assignment.__post_init__()
        uow.flush()
        uow.audit("end", "assignment", assignment.uuid, before, snapshot(assignment))
        uow.touch_case(assignment.case_id)
        uow.commit()
        return saved_of(assignment)


def reassign(uow: UnitOfWork, *, assignment_id: int, provider_id: int, at: datetime,
             reason: str) -> Saved:
    """End one provider's assignment and start another's, in one transaction (conflicts refused)."""
    if not reason.strip():
        raise ValidationError("reason", reason, "why the case is reassigned")
    with uow:
        new = _reassign(uow, assignment_id=assignment_id, provider_id=provider_id, at=at, reason=reason)
        uow.commit()
        return saved_of(new)


def _reassign(uow: UnitOfWork, *, assignment_id: int, provider_id: int, at: datetime,
              reason: str) -> Assignment:
    old = load(uow, Assignment, assignment_id)
    require_case(uow, Permission.ASSIGN_PROVIDERS, load(uow, Case, old.case_id))
    if old.ended_at is not None:
        raise ValidationError("assignment", assignment_id, "an assignment that has not ended")
    provider = load(uow, Provider, provider_id)
    if not provider.active:
        raise ValidationError("provider", provider.full_name, "an active provider")
    refuse_if_conflicted(uow, case_id=old.case_id, provider_id=provider_id, provider_name=provider.full_name)
    before = snapshot(old)
    old.ended_at, old.end_reason = at, f"reassigned: {reason.strip()}"
    old.__post_init__()
    uow.audit("end", "assignment", old.uuid, before, snapshot(old))
    new = add_record(uow, Assignment(case_id=old.case_id, provider_id=provider_id,
                                     role=old.role, started_at=at, reason=reason.strip()))
    uow.touch_case(old.case_id)
    return new


def apply_rebalance(uow: UnitOfWork, moves: Sequence[Move], *, at: datetime) -> list[Saved]:
    """Apply the moves a coordinator kept, all or none: each ends the old assignment (history kept)
    and starts the new one with the move's reason."""
    with uow:
        require(uow, Permission.ASSIGN_PROVIDERS)
        done = [_reassign(uow, assignment_id=m.assignment_id, provider_id=m.to_provider_id, at=at,
                          reason=m.reason) for m in moves]
        uow.commit()
        return [saved_of(a) for a in done]
