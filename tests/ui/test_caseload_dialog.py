"""The caseload balancing dialog driven through its widgets on a real SQLite file: load against
capacity, the facility with a detainee unrepresented, a proposed move reviewed, unticked or applied."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Role
from legalaid_desktop.domain.org import Assignment, Provider, ProviderCoverage
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider
from legalaid_desktop.services.users import add_user
from legalaid_desktop.ui.caseload_dialog import CaseloadDialog
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.worker import Worker
from tests.builders import make_facility, make_person

AT = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def _rows(table: QTableWidget) -> list[list[str]]:
    return [[(item.text() if (item := table.item(r, c)) else "") for c in range(table.columnCount())]
            for r in range(table.rowCount())]


@pytest.fixture
def cases(app: Application) -> tuple[list[int], int, int]:
    """Busy Lawyer (capacity 1) holds two Luzira cases; Spare Lawyer covers Luzira with room; a third
    Luzira detainee has nobody."""
    facility = records.create(app.uow(), make_facility(name="Luzira")).id
    busy = records.create(app.uow(), Provider(full_name="Busy Lawyer", capacity=1)).id
    spare = records.create(app.uow(), Provider(full_name="Spare Lawyer", capacity=10)).id
    records.create(app.uow(), ProviderCoverage(provider_id=spare, facility_id=facility))
    ids = []
    for n in range(3):
        person = records.create(app.uow(), make_person(full_name=f"Client Number{n} Test{n}"))
        ids.append(records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                                     facility_id=facility, register_number=f"R/{n}").id)
    for hours, case_id in enumerate(ids[:2]):
        assign_provider(app.uow(), case_id=case_id, provider_id=busy, at=AT + timedelta(hours=hours))
    return ids, busy, spare


def _holders(app: Application, case_id: int) -> tuple[set[int], list[int]]:
    """Providers acting on the case now, and those whose assignment ended."""
    with app.uow() as uow:
        kept = uow.repo(Assignment).find(case_id=case_id)
        return ({a.provider_id for a in kept if a.ended_at is None},
                [a.provider_id for a in kept if a.ended_at is not None])


def _dialog(qtbot: QtBot, app: Application) -> CaseloadDialog:
    dialog = CaseloadDialog(app, clock=lambda: AT + timedelta(days=1), worker=Worker(inline=True))
    qtbot.addWidget(dialog)
    return dialog


def test_load_is_shown_against_capacity_in_words_with_the_unrepresented_facility(
        qtbot: QtBot, app: Application, cases: tuple[list[int], int, int]) -> None:
    dialog = _dialog(qtbot, app)
    rows = {row[0]: row for row in _rows(dialog.providers)}
    assert rows["Busy Lawyer"][1:] == ["Lawyer", "2", "2 / 1", "⚠ over capacity"]  # the kind in words
    assert rows["Spare Lawyer"][4] == "room for more"
    assert _rows(dialog.facilities) == [["Luzira", "1"]]
    assert "1 over capacity" in dialog.summary.text()


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")  # shown offscreen
def test_both_lists_fit_their_width_with_every_column_title_whole(
        qtbot: QtBot, app: Application, cases: tuple[list[int], int, int]) -> None:
    facility = records.create(app.uow(), make_facility(
        name="Industrial Area Remand and Allocation Prison")).id
    person = records.create(app.uow(), make_person(full_name="Someone Held There"))
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                      facility_id=facility, register_number="IAR/1")
    dialog = _dialog(qtbot, app)
    dialog.show()
    qtbot.waitExposed(dialog)
    for table in (dialog.providers, dialog.facilities):
        assert table.horizontalScrollBar().maximum() == 0  # nothing off to the right
        header = table.horizontalHeader()
        for column in range(1, table.columnCount()):  # the name column may cut a long name short
            title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
    names = [dialog.facilities.model().index(r, 0) for r in range(dialog.facilities.rowCount())]
    long_name = next(i for i in names if str(i.data()).startswith("Industrial"))
    assert long_name.data(Qt.ItemDataRole.ToolTipRole) == "Industrial Area Remand and Allocation Prison"


def test_a_proposed_move_is_applied_only_when_ticked_and_confirmed(
        qtbot: QtBot, app: Application, cases: tuple[list[int], int, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ids, busy, spare = cases
    dialog = _dialog(qtbot, app)
    QTest.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    (move,) = dialog.moves
    assert _rows(dialog.move_table)[0][2:4] == ["Busy Lawyer", "Spare Lawyer"]
    assert (move.case_id, move.from_provider_id, move.to_provider_id) == (ids[1], busy, spare)

    # Unticked: nothing to apply, nothing changes.
    tick = dialog.move_table.item(0, 0)
    assert tick is not None
    tick.setCheckState(Qt.CheckState.Unchecked)
    QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert "No move is ticked" in dialog.move_note.text()

    # Ticked, but the coordinator says No at the confirmation: still nothing.
    tick.setCheckState(Qt.CheckState.Checked)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert _holders(app, ids[1]) == ({busy}, [])

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert _holders(app, ids[1]) == ({spare}, [busy])  # the ended assignment stays in the history
    assert "1 cases reassigned" in dialog.move_note.text()
    assert {row[0]: row[4] for row in _rows(dialog.providers)}["Busy Lawyer"] == "room for more"
    assert not dialog.apply_button.isEnabled()


def test_nothing_to_propose_says_why(qtbot: QtBot, app: Application) -> None:
    records.create(app.uow(), Provider(full_name="Idle Lawyer", capacity=5))
    dialog = _dialog(qtbot, app)
    QTest.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    assert dialog.moves == [] and "No move to propose" in dialog.move_note.text()
    assert not dialog.apply_button.isEnabled()


def test_the_main_window_offers_caseload_balancing_to_coordinators_only(
        qtbot: QtBot, app: Application, cases: tuple[list[int], int, int]) -> None:
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Cora", role=Role.COORDINATOR, password=SECRET)
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET, facilities=["Luzira"])
    offered = {}
    for name in ("Cora", "Pat"):
        window = MainWindow(admin.sign_in(name, SECRET))
        qtbot.addWidget(window)
        offered[name] = window.caseload_action.isEnabled()
    assert offered == {"Cora": True, "Pat": False}
