"""The Dashboard screen: counts as the service gives them, links to the filtered list, refresh on change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import ProcedureStage, RequestSource
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.dashboard import dashboard
from legalaid_desktop.services.deadlines import add_manual_deadline, deadline_lines
from legalaid_desktop.services.requests import record_request
from legalaid_desktop.ui.custody_page import CustodyPage
from legalaid_desktop.ui.main_window import VIEWS, MainWindow
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def held(app: Application) -> list[int]:
    """Custody keys of an adult and a child held in Nairobi, and an adult in Kampala, since T0."""
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi"))
    luzira = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                     time_zone="Africa/Kampala"))
    found = []
    for name, born, facility in (("Amina Yusuf", date(1990, 1, 1), kamiti.id),
                                 ("Juma Otieno", date(2010, 5, 1), kamiti.id),
                                 ("Okello Denis", date(1985, 2, 2), luzira.id)):
        person = records.create(app.uow(), make_person(full_name=name, date_of_birth=born))
        case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                                 facility_id=facility, arrest_at=T0, admission_at=T0)
        custody_id = load_case_file(app.uow(), case_id=case.id).header.custody_id
        assert custody_id is not None
        found.append(custody_id)
    return found


def _window(qtbot: QtBot, app: Application) -> MainWindow:
    window = MainWindow(app, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_view("dashboard")
    window.show()
    window.activateWindow()  # shortcuts of the window's actions reach only the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.load()
    return window


def test_the_cards_and_facility_rows_show_the_services_counts(qtbot: QtBot, app: Application,
                                                              held: list[int]) -> None:
    window = _window(qtbot, app)
    page = window.dashboard
    expected = dashboard(app.uow(), now=NOW)
    assert page.overdue.button.text() == f"{expected.overdue:,}"
    assert page.children_card.button.text() == "1"  # Juma, 15
    assert page.without_lawyer.button.text() == "3"  # nobody is assigned yet
    assert "of 3 held" in page.without_lawyer.caption.text()
    assert page.requests.button.text() == "0" and not page.requests.button.isEnabled()
    for line in expected.facilities:
        assert page.facility_buttons[(line.facility, "overdue")].text() == f"{line.overdue:,} overdue"


@pytest.mark.parametrize(("card", "chip", "names"), [
    ("without_lawyer", "unrepresented", {"Amina Yusuf", "Juma Otieno", "Okello Denis"}),
    ("children_card", "only_children", {"Juma Otieno"}),
])
def test_a_count_of_people_held_opens_the_custody_list_with_as_many_people(
        qtbot: QtBot, app: Application, held: list[int], card: str, chip: str, names: set[str]) -> None:
    window = _window(qtbot, app)
    button = getattr(window.dashboard, card).button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_view() == "custody"
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage)
    assert custody.held.isChecked() and getattr(custody, chip).isChecked()
    shown = {custody.model.row_at(r).full_name for r in range(custody.model.rowCount())}
    assert shown == names and len(names) == int(button.text())


def test_the_requests_count_opens_the_requests_awaiting_a_decision(
        qtbot: QtBot, app: Application, held: list[int]) -> None:
    with app.uow() as uow:
        amina = uow.repo(Person).first(full_name="Amina Yusuf")
        assert amina is not None and amina.id is not None
        person_id = amina.id
    record_request(app.uow(), person_id=person_id, received_at=NOW - timedelta(days=2),
                   source=RequestSource.PRISON, stage=ProcedureStage.PRE_TRIAL)
    window = _window(qtbot, app)
    assert window.dashboard.requests.button.text() == "1"
    QTest.mouseClick(window.dashboard.requests.button, Qt.MouseButton.LeftButton)
    assert window.current_view() == "requests"
    assert window.requests.chips["pending"].isChecked() and window.requests.model.rowCount() == 1


def test_a_facility_count_opens_the_deadline_list_so_filtered_with_as_many_rows(
        qtbot: QtBot, app: Application, held: list[int]) -> None:
    window = _window(qtbot, app)
    button = window.dashboard.facility_buttons[("Kamiti Remand", "overdue")]
    count = int(button.text().split()[0].replace(",", ""))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_view() == "deadlines"
    page = window.deadlines
    assert page.facility.currentText() == "Kamiti Remand"
    assert page.overdue.isChecked() and not page.due_soon.isChecked() and not page.within.isChecked()
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == count > 0
    assert {page.model.row_at(r).facility for r in range(count)} == {"Kamiti Remand"}  # type: ignore[union-attr]


def test_a_saved_case_and_f5_count_again(qtbot: QtBot, app: Application, held: list[int]) -> None:
    window = _window(qtbot, app)
    page = window.dashboard
    before = dashboard(app.uow(), now=NOW).due_soon
    assert page.due_soon.button.text() == f"{before:,}"
    add_manual_deadline(app.uow(), custody_id=held[2], title="Visit the client", due=NOW + timedelta(days=1))
    window.cases.case_saved.emit(1)  # what the case view's save sends
    assert page.due_soon.button.text() == f"{before + 1:,}"
    add_manual_deadline(app.uow(), custody_id=held[2], title="Call the family", due=NOW + timedelta(days=2))
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert page.due_soon.button.text() == f"{before + 2:,}"
    soon = list(deadline_lines(app.uow(), app.deadline_book, DeadlineFilter(now=NOW, overdue=False,
                                                                             due_soon=True)))
    assert len(soon) == before + 2


def test_the_deadline_list_read_while_hidden_is_read_again_when_shown(
        qtbot: QtBot, app: Application, held: list[int]) -> None:
    window = _window(qtbot, app)
    window.show_view("deadlines")
    rows = window.deadlines.model.rowCount()
    window.show_view("dashboard")
    add_manual_deadline(app.uow(), custody_id=held[0], title="File bail application",
                        due=NOW - timedelta(hours=5))
    window.cases.case_saved.emit(1)
    window.show_view("deadlines")
    assert window.deadlines.model.rowCount() == rows + 1


def test_ctrl_and_a_number_goes_to_each_screen(qtbot: QtBot, app: Application) -> None:
    window = _window(qtbot, app)
    for number, (name, _label) in enumerate(VIEWS, start=1):
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number % 10), Qt.KeyboardModifier.ControlModifier)
        assert window.current_view() == name


def test_every_control_of_the_two_screens_has_an_accessible_name(qtbot: QtBot, app: Application,
                                                                 held: list[int]) -> None:
    window = _window(qtbot, app)
    window.show_view("deadlines")
    for page in (window.dashboard, window.deadlines):
        unnamed = [w.objectName() or type(w).__name__ for w in page.findChildren(QWidget)
                   if isinstance(w, QAbstractButton) or w.focusPolicy() & Qt.FocusPolicy.TabFocus
                   if not w.objectName().startswith("qt_")  # a spin box's own line edit, say
                   if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())]
        assert unnamed == []
