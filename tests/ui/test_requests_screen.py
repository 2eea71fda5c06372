"""The Requests screen: a paged model over SQL, filter chips and search, deciding and appealing a request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.intake import IntakeDecision, NewPerson
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import Decision, RequestSource
from legalaid_desktop.services import intake, records
from legalaid_desktop.ui.requests_model import PAGE_SIZE, STATUS, URGENCY, WAITING
from legalaid_desktop.ui.requests_page import RequestsPage
from tests.builders import make_facility

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _clock() -> datetime:
    return NOW


def _tick(button: QAbstractButton) -> None:
    """Choose a radio button from the keyboard (a click must land on its words, not the empty row)."""
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)


def _take(app: Application, name: str, *, facility: int | None = None, urgent: bool = False,
          born: date = date(1985, 1, 1), decision: IntakeDecision | None = None,
          received: datetime = RECEIVED) -> int:
    return intake.take_request(app.uow(), new_person=NewPerson(full_name=name, date_of_birth=born),
                               received_at=received, source=RequestSource.PRISON if facility
                               else RequestSource.WALK_IN, facility_id=facility, urgent=urgent,
                               decision=decision).request_id


@pytest.fixture
def page(qtbot: QtBot, app: Application) -> Iterator[RequestsPage]:
    screen = RequestsPage(app, clock=_clock)
    qtbot.addWidget(screen)
    screen.resize(1000, 600)
    yield screen
    if screen.dialog is not None:
        screen.dialog.close()


def test_the_requests_model_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: object,
                                                        app: Application, page: RequestsPage) -> None:
    facility = records.create(app.uow(), make_facility()).id
    _take(app, "Amina Yusuf", facility=facility, urgent=True)
    _take(app, "Brian Otieno")
    _take(app, "محمد عبد الله", decision=IntakeDecision(Decision.GRANTED, RECEIVED.date()))
    page.load()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_rows_say_where_from_urgency_status_and_days_waiting_in_words(qtbot: QtBot, app: Application,
                                                                      page: RequestsPage) -> None:
    facility = records.create(app.uow(), make_facility(name="Kamiti Remand")).id
    _take(app, "Amina Yusuf", facility=facility, urgent=True, born=date(2010, 1, 1))
    page.load()
    index = page.model.index(0, 0)
    assert page.model.data(page.model.index(0, 1)) == "Amina Yusuf (child)"
    assert page.model.data(page.model.index(0, 2)) == "Prison or remand centre: Kamiti Remand"
    tooltip = Qt.ItemDataRole.ToolTipRole  # whole where a narrow window cuts the words short
    assert page.model.data(page.model.index(0, 2), tooltip) == "Prison or remand centre: Kamiti Remand"
    assert page.model.data(page.model.index(0, 1), tooltip) == "Amina Yusuf (child)"
    assert page.model.data(page.model.index(0, URGENCY)) == "⚠ Urgent"
    assert page.model.data(page.model.index(0, STATUS)) == "Awaiting decision"
    assert page.model.data(page.model.index(0, WAITING)) == "10 days"
    assert index.isValid() and page.count_label.text() == "1 request"


def test_newest_first_reads_in_order_when_facilities_are_in_different_time_zones(
        qtbot: QtBot, app: Application, page: RequestsPage) -> None:
    london = records.create(app.uow(), make_facility(name="HMP Pentonville", jurisdiction_code="GB-EAW",
                                                     time_zone="Europe/London")).id
    lagos = records.create(app.uow(), make_facility(name="Kirikiri", jurisdiction_code="NG",
                                                    time_zone="Africa/Lagos")).id
    nairobi = records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi")).id
    # Newest first by the moment each came in: 22:30, 22:15 and 21:00 UTC, which are 22:30 in London,
    # 23:15 in Lagos and 00:00 the next day in Nairobi: each in its own local time, out of order.
    _take(app, "Nairobi Client", facility=nairobi, received=datetime(2026, 3, 9, 21, 0, tzinfo=UTC))
    _take(app, "London Client", facility=london, received=datetime(2026, 3, 9, 22, 30, tzinfo=UTC))
    _take(app, "Lagos Client", facility=lagos, received=datetime(2026, 3, 9, 22, 15, tzinfo=UTC))
    page.load()
    names = [page.model.data(page.model.index(r, 1)) for r in range(3)]
    times = [page.model.data(page.model.index(r, 0)) for r in range(3)]
    assert names == ["London Client", "Lagos Client", "Nairobi Client"]
    assert times == sorted(times, reverse=True), times
    zone = intake.office_zone(app.uow())
    assert zone in page.hint.text()
    tip = page.model.data(page.model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert "23:15 local time at the facility (Africa/Lagos)" in tip or zone == "Africa/Lagos"


def test_with_no_draft_the_drafts_box_is_one_line_tall_so_the_requests_keep_the_room(
        qtbot: QtBot, page: RequestsPage) -> None:
    page.load()
    assert page.draft_at(0) is None and "No drafts" in page.drafts.item(0).text()
    line = page.resume_button.sizeHint().height()
    assert page.drafts_box.sizeHint().height() < 3.5 * line  # its title and a line, not two buttons stacked
    # The test database is not encrypted, and the title says so rather than promise encryption.
    assert page.drafts_box.title() == "Drafts: 0 intakes not finished (kept in the database, which is not " \
        "encrypted)"


def test_the_list_reads_only_the_pages_shown_and_sorts_in_the_database(qtbot: QtBot, app: Application,
                                                                       page: RequestsPage) -> None:
    with app.uow() as uow:  # many requests fast: one transaction, as an import would
        from legalaid_desktop.domain.people import Person

        people = [Person(full_name=f"Person {i:04d}") for i in range(PAGE_SIZE + 30)]
        uow.bulk_insert(people)
        uow.bulk_insert([LegalAidRequest(person_id=p.id or 0, received_at=RECEIVED + timedelta(minutes=i),
                                         source=RequestSource.WALK_IN) for i, p in enumerate(people)])
        uow.commit()
    page.load()
    assert page.model.total() == PAGE_SIZE + 30 and page.model.pages_in_memory() == 0
    first = page.model.row_at(0)
    assert first is not None and first.full_name == f"Person {PAGE_SIZE + 29:04d}"  # newest first
    assert page.model.pages_in_memory() == 1
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    by_name = page.model.row_at(0)
    assert by_name is not None and by_name.full_name == "Person 0000"


def test_chips_and_the_search_narrow_the_list(qtbot: QtBot, app: Application, page: RequestsPage) -> None:
    facility = records.create(app.uow(), make_facility()).id
    _take(app, "Amina Yusuf", facility=facility, urgent=True)
    _take(app, "Brian Otieno", decision=IntakeDecision(Decision.GRANTED, RECEIVED.date()))
    _take(app, "Child Person", born=date(2012, 1, 1))
    page.load()
    assert page.model.total() == 3
    QTest.mouseClick(page.chips["pending"], Qt.MouseButton.LeftButton)
    assert page.model.total() == 2 and page.chips["pending"].text().startswith("✓")
    QTest.mouseClick(page.chips["granted"], Qt.MouseButton.LeftButton)  # one status at a time
    assert page.model.total() == 1 and not page.chips["pending"].isChecked()
    QTest.mouseClick(page.chips["granted"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(page.urgent, Qt.MouseButton.LeftButton)
    assert page.model.total() == 1
    QTest.mouseClick(page.urgent, Qt.MouseButton.LeftButton)
    QTest.mouseClick(page.child, Qt.MouseButton.LeftButton)
    row = page.model.row_at(0)
    assert page.model.total() == 1 and row is not None and row.full_name == "Child Person"
    QTest.mouseClick(page.child, Qt.MouseButton.LeftButton)
    QTest.keyClicks(page.search, "otien")
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    assert page.count_label.text() == "1 request"
    page.search.clear()
    page.show_status("pending", urgent=True)  # as the dashboard's link asks
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    assert page.chips["pending"].isChecked() and page.urgent.isChecked()


def test_enter_opens_a_request_to_refuse_it_with_reasons_then_record_the_appeal(
        qtbot: QtBot, app: Application, page: RequestsPage) -> None:
    request_id = _take(app, "Grace Wanjiru")
    page.show()
    page.load()
    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.form is not None and dialog.isVisible()
    form = dialog.form
    _tick(form.buttons[Decision.REFUSED])
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and form.errors["decision_reasons"].isVisible()
    assert "Reasons" in form.errors["decision_reasons"].text()
    QTest.keyClicks(form.reasons, "Income above the threshold")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert page.model.data(page.model.index(0, STATUS)) == "Refused"
    detail = intake.request_detail(app.uow(), request_id=request_id)
    assert detail.decision is Decision.REFUSED and detail.decision_reasons == "Income above the threshold"

    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    appeal = page.dialog
    assert appeal is not None and appeal is not dialog and appeal.appeal_date is not None
    QTest.mouseClick(appeal.appeal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not appeal.isVisible(), timeout=2000)
    assert page.model.data(page.model.index(0, STATUS)) == "Refused, appealed"
    assert intake.request_detail(app.uow(), request_id=request_id).appeal_lodged_on == NOW.date()


def test_granting_a_waiting_request_opens_its_case(qtbot: QtBot, app: Application,
                                                   page: RequestsPage) -> None:
    facility = records.create(app.uow(), make_facility()).id
    request_id = _take(app, "Juma Otieno", facility=facility)
    opened: list[int] = []
    page.changed.connect(opened.append)
    page.show()
    page.load()
    page.open_row(page.model.index(0, 0))
    dialog = page.dialog
    assert dialog is not None and dialog.form is not None
    assert dialog.form.buttons[Decision.GRANTED].isChecked() and dialog.form.open_case.isChecked()
    QTest.keyClicks(dialog.form.offence, "Theft")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    detail = intake.request_detail(app.uow(), request_id=request_id)
    assert detail.decision is Decision.GRANTED and detail.case_id is not None
    assert opened == [detail.case_id] and "opened" in page.notice.text()


def test_aid_granted_without_a_case_gets_its_case_from_the_request(qtbot: QtBot, app: Application,
                                                                   page: RequestsPage) -> None:
    facility = records.create(app.uow(), make_facility()).id
    request_id = _take(app, "Amina Yusuf", facility=facility,
                       decision=IntakeDecision(Decision.GRANTED, RECEIVED.date()))
    page.show()
    page.load()
    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and "Kamiti Remand" in dialog.account.text()
    QTest.keyClicks(dialog.register, "KAM/2026/0007")
    QTest.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    detail = intake.request_detail(app.uow(), request_id=request_id)
    assert detail.case_ref is not None and detail.case_ref in page.notice.text()
