"""Imperative mapping of the domain classes onto the tables (the domain never sees SQLAlchemy)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper, registry

from legalaid_desktop.domain.access import UserAccount
from legalaid_desktop.domain.cases import Case, Charge, Document, Hearing, Note, Party
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity, utcnow
from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.domain.merge import PersonMerge
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
from legalaid_desktop.storage import tables as t

mapper_registry = registry(metadata=t.metadata)

# Each mapped class beside its table; order matters only for readability.
MAPPED: tuple[tuple[type[Entity], Any], ...] = (
    (Jurisdiction, t.jurisdiction),
    (Facility, t.facility),
    (Court, t.court),
    (Person, t.person),
    (Dependant, t.dependant),
    (Case, t.legal_case),
    (LegalAidRequest, t.legal_aid_request),
    (Party, t.party),
    (Charge, t.charge),
    (Hearing, t.hearing),
    (Note, t.note),
    (Document, t.document),
    (Custody, t.custody),
    (CustodyEvent, t.custody_event),
    (Deadline, t.deadline),
    (Provider, t.provider),
    (ProviderCoverage, t.provider_coverage),
    (Assignment, t.assignment),
    (Setting, t.setting),
    (CourtClosure, t.court_closure),
    (ConflictWaiver, t.conflict_waiver),
    (UserAccount, t.user_account),
    (PersonMerge, t.person_merge),
)

TABLE_OF: dict[type[Entity], Any] = dict(MAPPED)
# Columns storage derives and keeps (never attributes of the domain class, never written by an insert).
DERIVED: dict[str, frozenset[str]] = {"provider": frozenset({"active_cases"})}
_started = False


def _stamp_insert(mapper: Mapper[Any], connection: Any, target: Entity) -> None:
    now = utcnow()
    target.created_at = target.created_at or now
    # A record arriving with its times (a JSON import) keeps them; a new one is stamped now.
    target.updated_at = target.updated_at or now
    if isinstance(target, Person):
        target._name_key = sort_key(target.full_name)  # type: ignore[attr-defined]


def _stamp_update(mapper: Mapper[Any], connection: Any, target: Entity) -> None:
    target.updated_at = utcnow()
    if isinstance(target, Person):
        target._name_key = sort_key(target.full_name)  # type: ignore[attr-defined]


def start_mappers() -> None:
    """Map every domain class once per process; later calls do nothing."""
    global _started
    if _started:
        return
    for cls, table in MAPPED:
        properties: dict[str, Any] = {}
        if cls is Person:
            properties["_name_key"] = table.c.name_key
        mapper_registry.map_imperatively(
            cls, table, properties=properties, version_id_col=table.c.version,
            exclude_properties=DERIVED.get(table.name, frozenset()),
        )
        event.listen(cls, "before_insert", _stamp_insert, propagate=True)
        event.listen(cls, "before_update", _stamp_update, propagate=True)
    _started = True
