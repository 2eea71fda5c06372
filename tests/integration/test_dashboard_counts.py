"""The dashboard's SQL counts on a real SQLite file equal counts made independently, record by record."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from legalaid_desktop.app import Application
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.org import Assignment, Provider
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import Decision
from legalaid_desktop.services import records
from legalaid_desktop.services.dashboard import dashboard, deadline_count, deadline_page
from legalaid_desktop.services.deadlines import add_manual_deadline, deadline_lines
from legalaid_desktop.storage.dashboard_queries import years_before
from tests.builders import make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
TODAY = NOW.date()

# (name, date of birth, age estimate, estimated on, disputed): adults, children, and the doubtful.
PEOPLE = [
    ("Adult Born", date(1990, 1, 1), None, None, False),
    ("Child Born", date(2010, 5, 5), None, None, False),
    ("Eighteen Today", date(2008, 3, 20), None, None, False),
    ("Eighteen Tomorrow", date(2008, 3, 21), None, None, False),
    ("Disputed Adult", date(1999, 1, 1), None, None, True),
    ("Age Unknown", None, None, None, False),
    ("Estimate Child Now", None, 16, date(2025, 3, 1), False),
    ("Estimate Grown Up", None, 17, date(2024, 3, 1), False),
    ("Estimate Seventeen Undated", None, 17, None, False),
    ("Estimate Adult", None, 30, date(2026, 1, 1), False),
    ("Estimate Turns Today", None, 15, date(2023, 3, 20), False),
]


@pytest.fixture
def filled(app: Application) -> Application:
    """Two facilities; people of every kind of age held, some released, some with a lawyer."""
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand"))
    industrial = records.create(app.uow(), make_facility(name="Industrial Area Remand"))
    lawyer = records.create(app.uow(), Provider(full_name="Wanjiru Kamau"))
    case_ids = []
    for i, (name, born, estimate, estimated_on, disputed) in enumerate(PEOPLE):
        person = records.create(app.uow(), make_person(
            full_name=name, date_of_birth=born, age_estimate=estimate, age_estimate_on=estimated_on,
            age_disputed=disputed))
        case = records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                                 facility_id=(kamiti if i % 2 else industrial).id,
                                 register_number=f"R/{i}", arrest_at=datetime(2026, 3, 1 + i % 5, tzinfo=UTC))
        case_ids.append(case.id)
    with app.uow() as uow:
        for custody in uow.repo(Custody).stream():
            if custody.case_id in (case_ids[1], case_ids[4]):  # released: no longer held
                custody.released_at = datetime(2026, 3, 10, tzinfo=UTC)
        for case_id, start, end in ((case_ids[0], datetime(2026, 3, 5, tzinfo=UTC), None),
                                    (case_ids[2], datetime(2026, 3, 5, tzinfo=UTC),
                                     datetime(2026, 3, 8, tzinfo=UTC)),  # ended: no lawyer now
                                    (case_ids[3], datetime(2026, 3, 5, tzinfo=UTC),
                                     datetime(2026, 4, 1, tzinfo=UTC)),  # ends later: still acting
                                    (case_ids[5], datetime(2026, 4, 1, tzinfo=UTC), None)):  # not yet
            records.add_record(uow, Assignment(case_id=case_id, provider_id=lawyer.id, started_at=start,
                                               ended_at=end))
        for i, decision in enumerate((Decision.PENDING, Decision.PENDING, Decision.GRANTED,
                                      Decision.PENDING)):
            records.add_record(uow, LegalAidRequest(
                person_id=1 + i, received_at=datetime(2026, 3, 2, tzinfo=UTC), decision=decision,
                decided_on=None if decision is Decision.PENDING else date(2026, 3, 3), is_draft=i == 3))
        uow.commit()
        custody_ids = [c.id for c in uow.repo(Custody).stream() if c.id is not None]
    for at, custody_id in ((NOW + timedelta(days=3), custody_ids[0]),
                           (NOW - timedelta(days=2), custody_ids[1]),
                           (NOW + timedelta(days=20), custody_ids[3]),  # past the lead horizon
                           (NOW + timedelta(days=60), custody_ids[2])):
        add_manual_deadline(app.uow(), custody_id=custody_id, title="File bail application", due=at)
    return app


def independent_people(app: Application) -> tuple[int, int, int]:
    """Held, held without a lawyer now, and held children, counted in Python from the records."""
    with app.uow() as uow:
        people = {p.id: p for p in uow.repo(Person).stream()}
        acting = {a.case_id for a in uow.repo(Assignment).stream()
                  if a.started_at <= NOW and (a.ended_at is None or a.ended_at > NOW)}
        held = [c for c in uow.repo(Custody).stream() if c.released_at is None]
        return (len(held), sum(1 for c in held if c.case_id not in acting),
                sum(1 for c in held if people[c.person_id].is_child_at(TODAY)))


def test_the_people_counts_equal_counts_made_record_by_record(filled: Application) -> None:
    counts = dashboard(filled.uow(), now=NOW, today=TODAY)
    held, without, children = independent_people(filled)
    assert (counts.held, counts.held_without_lawyer, counts.children_held) == (held, without, children)
    assert (held, without) == (9, 7)  # the data is what the test means it to be
    # Eighteen tomorrow, age unknown, estimated 16 a year ago, estimated 17 undated ("Child Born" is
    # released; "Estimate Turns Today" is 18 today).
    assert children == 4


def test_requests_awaiting_a_decision_leave_out_drafts_and_decided_ones(filled: Application) -> None:
    with filled.uow() as uow:
        expected = sum(1 for r in uow.repo(LegalAidRequest).stream()
                       if r.decision == Decision.PENDING and not r.is_draft)
    assert dashboard(filled.uow(), now=NOW, today=TODAY).requests_pending == expected == 2


def test_deadline_counts_by_facility_equal_the_lists_they_link_to(filled: Application) -> None:
    counts = dashboard(filled.uow(), now=NOW, today=TODAY)
    assert counts.overdue > 0 and counts.due_soon > 0
    for line in counts.facilities:
        overdue = list(deadline_lines(filled.uow(), filled.deadline_book, DeadlineFilter(
            now=NOW, overdue=True, due_soon=False, facility=line.facility)))
        soon = list(deadline_lines(filled.uow(), filled.deadline_book, DeadlineFilter(
            now=NOW, overdue=False, due_soon=True, facility=line.facility)))
        assert (line.overdue, line.due_soon) == (len(overdue), len(soon))
        assert line.worst_days_over == (max(x.days_over for x in overdue) if overdue else None)
    by_facility = Counter(x.facility for x in deadline_lines(
        filled.uow(), filled.deadline_book, DeadlineFilter(now=NOW, overdue=True, due_soon=True)))
    assert {x.facility: x.overdue + x.due_soon for x in counts.facilities} == dict(by_facility)


@pytest.mark.parametrize("filters", [
    {"overdue": True, "due_soon": True},
    {"overdue": True, "due_soon": False, "include_benchmarks": True},
    {"overdue": False, "within_days": 90},
    {"overdue": True, "within_days": 2, "facility": "Kamiti Remand"},
    {"overdue": True, "facility": "Nowhere"},
])
def test_the_deadline_count_is_the_length_of_the_list(filled: Application,
                                                       filters: dict[str, object]) -> None:
    chosen = DeadlineFilter(now=NOW, **filters)  # type: ignore[arg-type]
    if chosen.facility == "Nowhere":
        assert deadline_count(filled.uow(), chosen) == 0
        return
    listed = list(deadline_lines(filled.uow(), filled.deadline_book, chosen))
    assert deadline_count(filled.uow(), chosen) == len(listed) > 0


def test_a_year_back_from_29_february_is_the_28th() -> None:
    assert years_before(date(2028, 2, 29), 18) == date(2010, 2, 28)
    assert years_before(date(2026, 3, 20), 18) == date(2008, 3, 20)


def test_the_deadline_counts_read_the_deadline_index_not_the_table(filled: Application) -> None:
    """Every dashboard query over custody_deadline is planned on (facility_id, layer, status, due)."""
    seen: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
        if statement.startswith("SELECT") and "custody_deadline" in statement:
            seen.append((statement, params))

    with filled.uow() as uow:
        engine = uow.session.get_bind()  # type: ignore[attr-defined]
    event.listen(engine, "before_cursor_execute", remember)
    try:
        dashboard(filled.uow(), now=NOW, today=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert len(seen) == 1  # overdue, the earliest of them, and due soon, per facility
    with filled.uow() as uow:
        connection = uow.session.connection()  # type: ignore[attr-defined]
        for statement, params in seen:
            plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, params))
            assert plan.count("INDEX ix_custody_deadline_facility_id_layer_status_due") == 3, plan
            assert "SCAN custody_deadline" not in plan


def test_rows_marked_due_soon_are_the_ones_the_due_soon_list_holds(filled: Application) -> None:
    soon = {(x.full_name, x.limit, x.due) for x in deadline_lines(
        filled.uow(), filled.deadline_book, DeadlineFilter(now=NOW, overdue=False, due_soon=True))}
    items = deadline_page(filled.uow(), filled.deadline_book,
                          DeadlineFilter(now=NOW, overdue=False, within_days=90), limit=1000)
    assert {(x.full_name, x.limit, x.due) for x in items if x.due_soon} == soon
    assert [x.due.date() for x in items if x.limit == "File bail application" and not x.due_soon] == [
        (NOW + timedelta(days=20)).date(), (NOW + timedelta(days=60)).date()]
