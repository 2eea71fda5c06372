"""Builders for test data: `make_person(**overrides)` and friends, valid by default."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import EventType, Sex

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def make_person(**overrides: Any) -> Person:
    fields: dict[str, Any] = {"full_name": "Amina Yusuf", "sex": Sex.FEMALE,
                              "date_of_birth": date(1995, 6, 1)}
    fields.update(overrides)
    return Person(**fields)


def make_facility(**overrides: Any) -> Facility:
    fields: dict[str, Any] = {"name": "Kamiti Remand", "jurisdiction_code": "KE", "region": "Nairobi"}
    fields.update(overrides)
    return Facility(**fields)


def make_case(**overrides: Any) -> Case:
    fields: dict[str, Any] = {"case_ref": "LA-2026-000001", "client_person_id": 1,
                              "opened_on": date(2026, 3, 2)}
    fields.update(overrides)
    return Case(**fields)


def make_custody(**overrides: Any) -> Custody:
    fields: dict[str, Any] = {"person_id": 1, "facility_id": 1, "register_number": "R/2026/001",
                              "arrest_at": T0, "admission_at": T0}
    fields.update(overrides)
    return Custody(**fields)


def make_event(**overrides: Any) -> CustodyEvent:
    fields: dict[str, Any] = {"custody_id": 1, "type": EventType.ARREST, "at": T0}
    fields.update(overrides)
    return CustodyEvent(**fields)
