"""A case opened through the services shows in the list and in search, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.services import records
from legalaid_desktop.services.cases import list_cases
from tests.builders import make_facility, make_person


def test_an_opened_case_is_listed_and_found_by_an_accent_free_search(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="José Mwangi Otieno"))
    facility = records.create(app.uow(), make_facility())
    opened = records.open_case(
        app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
        facility_id=facility.id, register_number="KAM/2026/0042",
        arrest_at=datetime(2026, 3, 1, 18, 0, tzinfo=UTC))

    page = list_cases(app.uow(), filters=CaseFilter(search="jose otie"), today=date(2026, 3, 11))

    assert [r.case_ref for r in page.rows] == [opened.label]
    row = page.rows[0]
    assert row.facility == "Kamiti Remand"
    assert row.register_number == "KAM/2026/0042"
    assert row.days_in_custody == 10
