"""Assigning providers to cases: assign, end, reassign, with reasons and history kept."""

from __future__ import annotations

from datetime import datetime

from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Assignment, Provider
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of


def _active(uow: UnitOfWork, case_id: int) -> list[Assignment]:
    return [a for a in uow.repo(Assignment).find(case_id=case_id) if a.ended_at is None]


def assign_provider(uow: UnitOfWork, *, case_id: int, provider_id: int, at: datetime,
                    role: str = "lead", reason: str | None = None) -> Saved:
    """Put a provider on a case (conflict checks arrive with the conflicts work)."""
    with uow:
        load(uow, Case, case_id)
        provider = load(uow, Provider, provider_id)
        if not provider.active:
            raise ValidationError("provider", provider.full_name, "an active provider")
        if any(a.provider_id == provider_id for a in _active(uow, case_id)):
            raise ValidationError("provider", provider.full_name, "a provider not already on this case")
        assignment = add_record(uow, Assignment(case_id=case_id, provider_id=provider_id,
                                                role=role, started_at=at, reason=reason))
        uow.touch_case(case_id)
        uow.commit()
        return saved_of(assignment)


def end_assignment(uow: UnitOfWork, *, assignment_id: int, at: datetime, reason: str) -> Saved:
    """End an assignment; the record stays as history."""
    with uow:
        assignment = load(uow, Assignment, assignment_id)
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
    """End one provider's assignment and start another's, in one transaction."""
    if not reason.strip():
        raise ValidationError("reason", reason, "why the case is reassigned")
    with uow:
        old = load(uow, Assignment, assignment_id)
        if old.ended_at is not None:
            raise ValidationError("assignment", assignment_id, "an assignment that has not ended")
        provider = load(uow, Provider, provider_id)
        if not provider.active:
            raise ValidationError("provider", provider.full_name, "an active provider")
        before = snapshot(old)
        old.ended_at, old.end_reason = at, f"reassigned: {reason.strip()}"
        old.__post_init__()
        uow.audit("end", "assignment", old.uuid, before, snapshot(old))
        new = add_record(uow, Assignment(case_id=old.case_id, provider_id=provider_id,
                                         role=old.role, started_at=at, reason=reason.strip()))
        uow.touch_case(old.case_id)
        uow.commit()
        return saved_of(new)
