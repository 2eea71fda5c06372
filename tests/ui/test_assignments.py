"""The Assignments tab driven through its widgets on a real SQLite file: suggestions, the refusal on a
conflict of interest, the waiver, ending and reassigning, and the conflict check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Role
from legalaid_desktop.domain.cases import Party
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.org import Assignment, Provider
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import PartyRole
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider
from legalaid_desktop.services.users import add_user
from legalaid_desktop.ui.assign_dialog import AssignDialog, EndAssignmentDialog, WaiverDialog
from legalaid_desktop.ui.case_view import CaseView
from legalaid_desktop.ui.conflicts_dialog import ConflictsDialog
from tests.builders import make_facility, make_person

NOW = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@dataclass
class World:
    case_a: int
    ref_a: str
    ref_b: str
    grace: int
    peter: int


def _case(app: Application, person_id: int, facility: int | None = None) -> tuple[int, str]:
    saved = records.open_case(app.uow(), client_person_id=person_id, opened_on=date(2026, 3, 2),
                              facility_id=facility, register_number="R/1" if facility else None)
    assert saved.label is not None
    return saved.id, saved.label


@pytest.fixture
def world(app: Application) -> World:
    """Mohammed Abdullahi is the client of case A; Muhammad Abdulahi is the victim in case B, where
    Grace Akello acts for the accused. Peter Otieno is free of both."""
    facility = records.create(app.uow(), make_facility()).id
    client = records.create(app.uow(), make_person(full_name="Mohammed Abdullahi",
                                                   date_of_birth=date(1990, 5, 17), languages="Somali"))
    case_a, ref_a = _case(app, client.id, facility)
    accused = records.create(app.uow(), make_person(full_name="John Kamau Mwangi", date_of_birth=None))
    case_b, ref_b = _case(app, accused.id)
    victim = records.create(app.uow(), make_person(full_name="Muhammad Abdulahi", date_of_birth=None,
                                                   phone="+254 700 111 222", address="Plot 9, Eastleigh"))
    records.create(app.uow(), Party(case_id=case_b, person_id=victim.id, role=PartyRole.VICTIM))
    grace = records.create(app.uow(), Provider(full_name="Grace Akello", languages="English, Swahili")).id
    peter = records.create(app.uow(), Provider(full_name="Peter Otieno", languages="Somali, English")).id
    assign_provider(app.uow(), case_id=case_b, provider_id=grace, at=NOW)
    return World(case_a, ref_a, ref_b, grace, peter)


def _view(qtbot: QtBot, app: Application, case_id: int) -> CaseView:
    view = CaseView(app, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.open_case(case_id)
    view.tabs.setCurrentWidget(view.assignments_tab)
    return view


def _assign_dialog(view: CaseView) -> AssignDialog:
    QTest.mouseClick(view.assignments_tab.assign_button, Qt.MouseButton.LeftButton)
    dialog = view.assignments_tab.dialog
    assert isinstance(dialog, AssignDialog) and dialog.isVisible()
    return dialog


def _choose(dialog: AssignDialog, name: str) -> None:
    rows = dialog.model.rows()
    row = next(n for n, c in enumerate(rows) if c.suggestion.full_name == name)
    dialog.table.selectRow(row)
    chosen = dialog.chosen()
    assert chosen is not None and chosen.suggestion.full_name == name


def _cell(dialog: AssignDialog, name: str, header: str) -> str:
    model = dialog.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = next(n for n, c in enumerate(dialog.model.rows()) if c.suggestion.full_name == name)
    return str(dialog.model.index(row, columns.index(header)).data())


@dataclass(frozen=True)
class Stored:
    provider_id: int
    role: str
    reason: str | None
    ended: bool


def _assignments(app: Application, case_id: int) -> list[Stored]:
    with app.uow() as uow:
        return [Stored(a.provider_id, a.role, a.reason, a.ended_at is not None)
                for a in uow.repo(Assignment).find(case_id=case_id)]


def _refuse(qtbot: QtBot, app: Application, world: World) -> tuple[CaseView, AssignDialog]:
    view = _view(qtbot, app, world.case_a)
    dialog = _assign_dialog(view)
    _choose(dialog, "Grace Akello")
    QTest.keyClicks(dialog.reason_edit, "covers the prison")
    QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    return view, dialog


def test_the_suggestions_show_the_free_provider_first_with_reasons_and_the_conflict_flagged(
        qtbot: QtBot, app: Application, world: World) -> None:
    dialog = _assign_dialog(_view(qtbot, app, world.case_a))
    names = [c.suggestion.full_name for c in dialog.model.rows()]
    assert names == ["Peter Otieno", "Grace Akello"]  # a conflict ranks last
    assert _cell(dialog, "Peter Otieno", "Conflict") == "none found"
    assert "speaks Somali" in _cell(dialog, "Peter Otieno", "Why")
    assert _cell(dialog, "Peter Otieno", "Languages") == "Somali, English"
    assert _cell(dialog, "Peter Otieno", "Cases / capacity") == "0 / 30"
    assert _cell(dialog, "Grace Akello", "Conflict") == f"⚠ {world.ref_b} (victim)"
    assert _cell(dialog, "Grace Akello", "Cases / capacity") == "1 / 30"
    assert "does not speak Somali" in _cell(dialog, "Grace Akello", "Why")
    QTest.keyClicks(dialog.find_edit, "grace")
    assert [c.suggestion.full_name for c in dialog.model.rows()] == ["Grace Akello"]
    assert _cell(dialog, "Grace Akello", "#") == "2"  # the rank among all, not among those found
    QTest.keyClick(dialog.find_edit, Qt.Key.Key_Return)  # Enter goes on to the list, it never assigns
    assert dialog.isVisible() and _assignments(app, world.case_a) == []


def test_the_assign_dialog_fits_a_small_screen_with_its_assign_button_in_sight(
        qtbot: QtBot, app: Application, world: World) -> None:
    dialog = _assign_dialog(_view(qtbot, app, world.case_a))
    room = dialog.screen().availableGeometry()
    assert room.width() < 1180  # the test screen is smaller than the dialog would like to be
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    button = dialog.assign_button
    corner = button.mapTo(dialog, button.rect().topLeft())
    assert dialog.rect().contains(button.rect().translated(corner))  # the Assign button in sight


def test_assigning_the_provider_of_a_matching_victim_is_refused_in_the_dialog_with_case_and_role(
        qtbot: QtBot, app: Application, world: World) -> None:
    dialog = _refuse(qtbot, app, world)[1]
    assert dialog.isVisible() and dialog.refusal.isVisible() and dialog.waive_button.isVisible()
    text = dialog.refusal_text.text()
    assert f"Grace Akello was not assigned to {world.ref_a}" in text
    assert world.ref_b in text and "the victim there" in text
    assert "Muhammad Abdulahi" in text and "Mohammed Abdullahi" in text
    assert "match 0." in text and "similar name" in text
    assert dialog.reason_edit.text() == "covers the prison"  # nothing typed is lost
    assert dialog.focusWidget() is dialog.waive_button
    assert _assignments(app, world.case_a) == []


def test_after_a_waiver_with_a_reason_the_assignment_is_made_and_the_tab_shows_it(
        qtbot: QtBot, app: Application, world: World) -> None:
    view, dialog = _refuse(qtbot, app, world)
    QTest.mouseClick(dialog.waive_button, Qt.MouseButton.LeftButton)
    waiver = dialog.waiver_dialog
    assert isinstance(waiver, WaiverDialog) and waiver.isVisible()
    QTest.keyClicks(waiver.reason_edit, "Case B was withdrawn; both clients consent after advice")
    QTest.mouseClick(waiver.save_button, Qt.MouseButton.LeftButton)
    assert not waiver.isVisible()
    assert "Waiver recorded for Grace Akello" in dialog.refusal_text.text()
    assert not dialog.waive_button.isVisible()
    assert _cell(dialog, "Grace Akello", "Conflict") == "waived"
    chosen = dialog.chosen()
    assert chosen is not None and chosen.suggestion.full_name == "Grace Akello"  # still chosen
    assert dialog.reason_edit.text() == "covers the prison"
    QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (saved,) = _assignments(app, world.case_a)
    assert saved.provider_id == world.grace and saved.reason == "covers the prison" and saved.role == "lead"
    shown = view.assignments.model.rows()
    assert [(a.provider, a.active) for a in shown] == [("Grace Akello", True)]
    assert "Grace Akello" in view.overview.values["lawyer"].text()
    assert view.assignments_tab.notice.isVisible()
    assert f"Grace Akello assigned to {world.ref_a}" in view.assignments_tab.notice.text()
    with app.uow() as uow:
        (kept,) = uow.repo(ConflictWaiver).find(case_id=world.case_a)
        assert kept.reason.startswith("Case B was withdrawn") and kept.coordinator == "tester"


def test_an_empty_waiver_reason_is_refused_next_to_the_field(qtbot: QtBot, app: Application,
                                                             world: World) -> None:
    dialog = _refuse(qtbot, app, world)[1]
    QTest.mouseClick(dialog.waive_button, Qt.MouseButton.LeftButton)
    waiver = dialog.waiver_dialog
    assert waiver is not None
    QTest.keyClicks(waiver.reason_edit, "   ")
    QTest.mouseClick(waiver.save_button, Qt.MouseButton.LeftButton)
    assert waiver.isVisible() and waiver.reason_error.isVisible()
    assert "needs its reason" in waiver.reason_error.text()
    assert waiver.focusWidget() is waiver.reason_edit
    with app.uow() as uow:
        assert uow.repo(ConflictWaiver).find(case_id=world.case_a) == []
    waiver.reject()
    QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)  # still refused
    assert dialog.refusal.isVisible() and _assignments(app, world.case_a) == []


def test_a_free_provider_is_assigned_with_the_role_chosen_by_keyboard(qtbot: QtBot, app: Application,
                                                                      world: World) -> None:
    view = _view(qtbot, app, world.case_a)
    dialog = _assign_dialog(view)
    assert dialog.focusWidget() is dialog.table  # the best suggestion is chosen: Enter would assign it
    chosen = dialog.chosen()
    assert chosen is not None and chosen.suggestion.full_name == "Peter Otieno"
    dialog.role_box.setFocus()
    QTest.keyClick(dialog.role_box, Qt.Key.Key_Down)
    dialog.reason_edit.setFocus()
    QTest.keyClicks(dialog.reason_edit, "speaks Somali")
    QTest.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (saved,) = _assignments(app, world.case_a)
    assert (saved.provider_id, saved.role, saved.reason) == (world.peter, "support", "speaks Somali")
    for button in (view.assignments_tab.assign_button, view.assignments_tab.reassign_button,
                   view.assignments_tab.end_button, view.assignments_tab.check_button):
        assert button.accessibleName() and "&" in button.text()


def test_ending_needs_a_reason_beside_the_field_and_then_keeps_the_history(
        qtbot: QtBot, app: Application, world: World) -> None:
    assign_provider(app.uow(), case_id=world.case_a, provider_id=world.peter, at=NOW)
    view = _view(qtbot, app, world.case_a)
    tab = view.assignments_tab
    assert tab.end_button.isEnabled() and tab.reassign_button.isEnabled()
    QTest.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, EndAssignmentDialog)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.reason_error.isVisible()
    QTest.keyClicks(dialog.reason_edit, "released on bail")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (line,) = view.assignments.model.rows()
    assert not line.active and line.end_reason == "released on bail"
    assert not tab.end_button.isEnabled() and not tab.reassign_button.isEnabled()


def test_reassigning_needs_a_reason_and_is_refused_on_a_conflict_like_an_assignment(
        qtbot: QtBot, app: Application, world: World) -> None:
    assign_provider(app.uow(), case_id=world.case_a, provider_id=world.peter, at=NOW)
    view = _view(qtbot, app, world.case_a)
    QTest.mouseClick(view.assignments_tab.reassign_button, Qt.MouseButton.LeftButton)
    dialog = view.assignments_tab.dialog
    assert isinstance(dialog, AssignDialog)
    assert [c.suggestion.full_name for c in dialog.model.rows()] == ["Grace Akello"]  # Peter acts already
    assert not dialog.role_box.isEnabled()
    QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.reason_error.isVisible() and not dialog.refusal.isVisible()
    QTest.keyClicks(dialog.reason_edit, "Peter is on leave for a month")
    QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.refusal.isVisible() and world.ref_b in dialog.refusal_text.text()
    assert [a.provider_id for a in _assignments(app, world.case_a) if not a.ended] == [world.peter]


def test_the_conflict_check_lists_each_match_with_case_role_and_providers_but_no_contact_details(
        qtbot: QtBot, app: Application, world: World) -> None:
    view = _view(qtbot, app, world.case_a)
    QTest.mouseClick(view.assignments_tab.check_button, Qt.MouseButton.LeftButton)
    dialog = view.assignments_tab.dialog
    assert isinstance(dialog, ConflictsDialog) and dialog.focusWidget() is dialog.name_edit
    QTest.keyClicks(dialog.name_edit, "Mohamed Abdulahi")
    QTest.keyClicks(dialog.dob_edit, "17/05/1990")
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    born = dialog.errors["date_of_birth"]
    assert born.isVisible() and "1990-05-17" in born.text()
    assert dialog.name_edit.text() == "Mohamed Abdulahi" and not dialog.table.isVisible()
    dialog.dob_edit.clear()
    QTest.keyClick(dialog.id_edit, Qt.Key.Key_Return)  # Enter checks
    assert not dialog.errors["date_of_birth"].isVisible() and dialog.table.isVisible()
    model = dialog.model
    cells = [[str(model.index(r, c).data()) for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    victim = next(row for row in cells if world.ref_b in row[1])
    assert (victim[0], victim[2]) == ("Muhammad Abdulahi", "victim")
    assert victim[5] == "Grace Akello" and "similar name" in victim[4]
    assert any(row[0] == "Mohammed Abdullahi" and row[2] == "client" for row in cells)
    assert "possible matches" in dialog.summary.text()
    shown = " ".join(" ".join(row) for row in cells) + dialog.summary.text()
    assert "700 111" not in shown and "Eastleigh" not in shown
    with app.uow() as uow:
        person = uow.repo(Person).first(full_name="Muhammad Abdulahi")
        assert person is not None and person.phone  # the details exist; they are just not shown


def test_a_paralegal_of_another_facility_is_told_only_that_a_match_exists_in_a_record_they_cannot_open(
        qtbot: QtBot, app: Application, world: World) -> None:
    """Case B (the victim Muhammad Abdulahi) is held nowhere Pat covers: the dialog names nobody."""
    elsewhere = "Pat's Station"
    records.create(app.uow(), make_facility(name=elsewhere))
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET, facilities=[elsewhere])
    dialog = ConflictsDialog(admin.sign_in("Pat", SECRET))
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.name_edit, "Muhammad Abdulahi")
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    cells = [[str(dialog.model.index(r, c).data()) for c in range(dialog.model.columnCount())]
             for r in range(dialog.model.rowCount())]
    assert cells and all("record you cannot open" in row[0] for row in cells), dialog.message.text()
    shown = " ".join(" ".join(row) for row in cells) + dialog.summary.text()
    assert not any("Abdul" in row[0] for row in cells)  # no name as recorded, only what Pat typed above
    assert world.ref_b not in shown and "Grace Akello" not in shown and "victim" not in shown
    assert "Ask a coordinator" in dialog.summary.text()


def test_the_conflict_check_form_stays_together_at_the_top_until_there_are_matches(
        qtbot: QtBot, app: Application, world: World) -> None:
    dialog = ConflictsDialog(app, name="Nobody Like This Name")
    qtbot.addWidget(dialog)
    dialog.show()
    gap = dialog.check_button.geometry().top() - dialog.id_edit.geometry().bottom()
    assert gap < 40  # not spread over the empty dialog
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.matches and dialog.summary.text()
    dialog.name_edit.setText("Muhammad Abdulahi")
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.isVisible())
    qtbot.waitUntil(lambda: dialog.table.height() > dialog.height() // 2)  # the matches take the room


def test_an_empty_name_is_refused_beside_the_field(qtbot: QtBot, app: Application, world: World) -> None:
    dialog = ConflictsDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["name"].isVisible() and not dialog.table.isVisible()
