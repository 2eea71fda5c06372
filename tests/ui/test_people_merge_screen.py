"""Comparing possible duplicates on the People screen and merging them, then undoing the merge, all
through the widgets, with the result checked in the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.services import records
from legalaid_desktop.services.people_merge import merge_people
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.merge_dialog import DIFFERS, MergeDialog, UndoMergeDialog
from legalaid_desktop.ui.people_page import PeoplePage
from tests.builders import T0, make_facility, make_person
from tests.ui.test_list_screens import own_settings  # noqa: F401 (autouse: column choices kept apart)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@dataclass
class Answers:
    """The confirmations asked, answered yes (or no when `answer` says so)."""

    answer: bool = True
    asked: list[str] = field(default_factory=list)

    def __call__(self, _parent: QWidget, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


@dataclass
class People:
    app: Application
    kept: int
    duplicate: int
    own_case: int

    def db(self, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.app.location.path) as raw:
            return raw.execute(sql).fetchall()

    def client_of_own_case(self) -> object:
        return self.db(f"SELECT client_person_id FROM legal_case WHERE id = {self.own_case}")[0][0]


@pytest.fixture
def people(app: Application) -> People:
    luzira = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                     time_zone="Africa/Kampala")).id
    kept = records.create(app.uow(), make_person(full_name="Okello Denis", date_of_birth=date(1990, 1, 1)))
    records.open_case(app.uow(), client_person_id=kept.id, opened_on=date(2026, 3, 2), facility_id=luzira,
                      register_number="LUZ/26/1", arrest_at=T0)
    duplicate = records.create(app.uow(), make_person(
        full_name="Okello Denis Oryem", date_of_birth=None, identity_number="CM9001",
        possible_duplicate_of=kept.id))
    own_case = records.open_case(app.uow(), client_person_id=duplicate.id, opened_on=date(2026, 3, 2),
                                 facility_id=luzira, register_number="LUZ/26/7", arrest_at=T0).id
    records.create(app.uow(), make_person(full_name="Grace Achan"))
    return People(app, kept.id, duplicate.id, own_case)


def _page(qtbot: QtBot, people: People, answers: Answers) -> PeoplePage:
    page = PeoplePage(people.app, confirm=answers)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def _names(page: PeoplePage) -> list[str]:
    return [page.model.row_at(r).full_name for r in range(page.model.rowCount())]


def _driving(page: PeoplePage, act: Callable[[MergeDialog | UndoMergeDialog], None]
             ) -> list[MergeDialog | UndoMergeDialog]:
    """Replace the modal run of the page's dialogs with `act`, which clicks through the dialog."""
    opened: list[MergeDialog | UndoMergeDialog] = []

    def run(dialog: MergeDialog | UndoMergeDialog) -> None:
        opened.append(dialog)
        act(dialog)

    page.open_dialog = run  # type: ignore[method-assign]
    return opened


def _buttons_named(widget: QWidget) -> None:
    for button in widget.findChildren(QPushButton):
        assert button.accessibleName() or button.text().replace("&", ""), button


def test_a_flagged_person_is_compared_with_the_record_it_may_duplicate_merged_and_undone(
        qtbot: QtBot, people: People) -> None:
    answers = Answers()
    page = _page(qtbot, people, answers)
    _buttons_named(page)
    page.duplicates.click()
    assert _names(page) == ["Okello Denis Oryem"]
    page.table.selectRow(0)
    seen: dict[str, str] = {}

    def merge_into_left(dialog: MergeDialog | UndoMergeDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        _buttons_named(dialog)
        table = dialog.table
        for row in range(table.rowCount()):
            label, verdict = table.verticalHeaderItem(row), table.item(row, 2)
            assert label is not None and verdict is not None
            seen[label.text()] = verdict.text()
            assert (verdict.data(Qt.ItemDataRole.UserRole) == DIFFERS) == (verdict.text() != "same")
        header = table.horizontalHeaderItem(0)
        assert header is not None and header.text() == "Left: Okello Denis"
        QTest.mouseClick(dialog.keep_left, Qt.MouseButton.LeftButton)

    opened = _driving(page, merge_into_left)
    QTest.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    assert seen["Name"] == "\u2260 differs" and seen["Sex"] == "same"
    assert seen["Identity no."] == "only on the right" and seen["Cases (role)"] == "\u2260 differs"
    assert len(answers.asked) == 1 and "Keep Okello Denis and merge Okello Denis Oryem" in answers.asked[0]
    assert "1 cases, 1 custody spells" in answers.asked[0]
    assert people.client_of_own_case() == people.kept
    assert people.db(f"SELECT merged_into_id FROM person WHERE id = {people.duplicate}") == [(people.kept,)]
    assert page.notice.text() == ("Merged Okello Denis Oryem into Okello Denis: 1 case, 1 custody spell, "
                                  "1 role in a case moved.")
    assert page.undo_button.isVisibleTo(page)
    assert _names(page) == []  # the duplicate is merged away, and its flag went with it

    QTest.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)

    assert people.client_of_own_case() == people.duplicate
    assert people.db(f"SELECT merged_into_id, identity_number FROM person WHERE id = {people.kept}") == [
        (None, None)]
    assert page.notice.text().startswith("Undone: 1 case, 1 custody spell")
    assert not page.undo_button.isVisibleTo(page)
    assert _names(page) == ["Okello Denis Oryem"]


def test_two_selected_people_are_compared_and_a_refused_confirmation_merges_nothing(
        qtbot: QtBot, people: People) -> None:
    answers = Answers(answer=False)
    page = _page(qtbot, people, answers)
    names = _names(page)
    selection = page.table.selectionModel()
    selection.clearSelection()
    for name in ("Grace Achan", "Okello Denis"):
        selection.select(page.model.index(names.index(name), 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def merge_into_right(dialog: MergeDialog | UndoMergeDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        assert dialog.left.full_name == "Grace Achan" and dialog.right.full_name == "Okello Denis"
        QTest.mouseClick(dialog.keep_right, Qt.MouseButton.LeftButton)
        assert dialog.merged is None and dialog.isVisible() is False

    _driving(page, merge_into_right)
    page.compare_button.click()

    assert len(answers.asked) == 1
    assert people.db("SELECT count(*) FROM person WHERE merged_into_id IS NOT NULL") == [(0,)]
    assert not page.undo_button.isVisibleTo(page)


def test_one_unflagged_person_alone_gets_a_notice_saying_what_to_select(qtbot: QtBot, people: People) -> None:
    page = _page(qtbot, people, Answers())
    page.table.selectRow(_names(page).index("Grace Achan"))
    opened = _driving(page, lambda dialog: None)
    page.compare_button.click()
    assert opened == [] and "select two people" in page.notice.text()


def test_a_merge_is_undone_from_the_list_of_recent_merges_once_only(qtbot: QtBot, people: People) -> None:
    merge_people(people.app.uow(), keep_id=people.kept, merge_id=people.duplicate)
    answers = Answers()
    page = _page(qtbot, people, answers)
    states: list[tuple[str, bool]] = []

    def undo_first(dialog: MergeDialog | UndoMergeDialog) -> None:
        assert isinstance(dialog, UndoMergeDialog)
        _buttons_named(dialog)
        item = dialog.merges.item(0)
        states.append((item.text(), dialog.undo_button.isEnabled()))
        QTest.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        states.append((dialog.merges.item(0).text(), dialog.undo_button.isEnabled()))

    _driving(page, undo_first)
    QTest.mouseClick(page.undo_list_button, Qt.MouseButton.LeftButton)

    assert states[0][1] and "Okello Denis Oryem merged into Okello Denis by tester" in states[0][0]
    assert "(undone" in states[1][0] and states[1][1] is False  # a second undo is not offered
    assert people.client_of_own_case() == people.duplicate
    assert page.notice.text().startswith("Undone: 1 case")
    assert "Okello Denis Oryem" in _names(page)


def _clients(window: MainWindow) -> dict[int, str]:
    rows = [window.cases.model.row_at(r) for r in range(window.cases.model.rowCount())]
    return {row.case_id: row.full_name for row in rows if row is not None}


def test_after_a_merge_on_the_people_screen_the_case_list_names_the_kept_person(
        qtbot: QtBot, people: People) -> None:
    window = MainWindow(people.app)
    qtbot.addWidget(window)
    window.load()
    clients = _clients(window)
    assert clients[people.own_case] == "Okello Denis Oryem"
    window.show_view("people")
    page = window.pages["people"]
    assert isinstance(page, PeoplePage)
    page._confirm = Answers()
    page.duplicates.click()
    page.table.selectRow(0)
    _driving(page, lambda dialog: dialog.keep_left.click() if isinstance(dialog, MergeDialog) else None)
    page.compare_button.click()

    window.show_view("cases")
    clients = _clients(window)
    assert clients[people.own_case] == "Okello Denis"


def test_ctrl_m_compares_the_selected_possible_duplicate_from_the_keyboard(
        qtbot: QtBot, people: People) -> None:
    page = _page(qtbot, people, Answers())
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    page.duplicates.click()
    page.table.setFocus()
    page.table.selectRow(0)
    opened = _driving(page, lambda dialog: None)
    QTest.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and isinstance(opened[0], MergeDialog)
    assert opened[0].right.full_name == "Okello Denis Oryem"
