"""What the screens write to the audit log: one entry per case the user opens (none for a read
again after a save), one per list the user settles on (not one per key), one per CSV export with
its row count; none names a person or shows a restricted field."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.services import records
from legalaid_desktop.services.audit import verify_audit
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.deadlines import add_manual_deadline
from legalaid_desktop.ui import list_audit
from legalaid_desktop.ui.case_view import CaseView
from legalaid_desktop.ui.custody_page import CustodyPage
from legalaid_desktop.ui.deadlines_page import DeadlinesPage
from legalaid_desktop.ui.global_search import GlobalSearch
from legalaid_desktop.ui.main_window import CasesPage
from legalaid_desktop.ui.people_page import PeoplePage
from tests.builders import T0, make_facility, make_person
from tests.integration.test_access_log import assert_nothing_personal, entries
from tests.ui.test_list_screens import own_settings  # noqa: F401 - each test's column choices its own

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
NAMES = ("Zawadi Canarynamesake", "Zawadi Second")

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def held(app: Application) -> list[int]:
    """Two clients held at Kamiti, each with an overdue manual deadline; their case ids."""
    facility = records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi"))
    cases = []
    for number, name in enumerate(NAMES):
        person = records.create(app.uow(), make_person(full_name=name, phone="+254 700 111 222",
                                                       date_of_birth=date(2010, 1, 1)))
        case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                                 facility_id=facility.id, register_number=f"KAM/{number}", arrest_at=T0,
                                 admission_at=T0, offence="Theft")
        cases.append(case.id)
    for case_id in cases:
        spell = load_case_file(app.uow(), case_id=case_id).header.custody_id
        assert spell is not None
        add_manual_deadline(app.uow(), custody_id=spell, title="Bail", due=NOW - timedelta(days=2))
    return cases


def test_opening_a_case_writes_one_entry_and_saving_in_it_none(qtbot: QtBot, app: Application,
                                                                held: list[int]) -> None:
    view = CaseView(app, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    view.open_case(held[0])
    opened = entries(app, "open")
    assert [(e["entity"], e["after"]["case_ref"]) for e in opened] == [
        ("case", view.case_file.header.case_ref if view.case_file else None)]

    before = len(entries(app))
    QTest.keyClicks(view.timeline.form.days_edit, "21")
    QTest.keyClick(view.timeline.form.days_edit, Qt.Key.Key_Return)  # saved, then read again
    new = entries(app)[before:]
    assert new and "open" not in {e["action"] for e in new}

    view.open_case(held[1])
    assert len(entries(app, "open")) == 2
    for entry in entries(app, "open"):
        assert_nothing_personal(entry)


def test_a_burst_of_keys_is_one_list_entry_once_the_filter_settles(
        qtbot: QtBot, app: Application, held: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(list_audit, "SETTLE_MS", 600)
    page = PeoplePage(app, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()  # first shown: the whole list, recorded once it has stood still
    qtbot.waitUntil(lambda: len(entries(app, "list")) == 1, timeout=3000)
    assert entries(app, "list")[0]["after"] == {"filters": {}}

    page.search.setFocus()
    QTest.keyClicks(page.search, "zawad", delay=200)  # slower than the search, faster than the log
    assert len(entries(app, "list")) == 1
    qtbot.waitUntil(lambda: not page.list_audit.timer.isActive(), timeout=3000)

    listed = entries(app, "list")
    assert [(e["entity"], e["after"]) for e in listed[1:]] == [("people", {"filters": {"search": "zawad"}})]
    assert page.model.rowCount() == 2  # the list itself was searched key by key


def test_the_cases_list_records_its_search_once(qtbot: QtBot, app: Application, held: list[int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(list_audit, "SETTLE_MS", 50)
    page = CasesPage(app)
    qtbot.addWidget(page)
    page.show()
    page.load()
    QTest.keyClicks(page.search, "kam/1")
    qtbot.waitUntil(lambda: any(e["after"] == {"filters": {"search": "kam/1"}}
                                for e in entries(app, "list")), timeout=3000)
    assert {e["entity"] for e in entries(app, "list")} == {"cases"}
    assert len(entries(app, "list")) <= 2  # the whole list first shown, then the search


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return len(list(csv.reader(f))) - 1


def test_each_csv_export_is_one_entry_with_its_row_count_and_file_name(
        qtbot: QtBot, app: Application, held: list[int], tmp_path: Path) -> None:
    custody_csv, deadlines_csv = tmp_path / "held.csv", tmp_path / "due.csv"
    custody = CustodyPage(app, clock=lambda: NOW, ask_path=lambda _p, _s: str(custody_csv))
    deadlines = DeadlinesPage(app, clock=lambda: NOW, ask_path=lambda _p: str(deadlines_csv))
    for page in (custody, deadlines):
        qtbot.addWidget(page)
        page.show()

    custody.export_csv()
    deadlines.export_csv()

    exported = entries(app, "export")
    assert [(e["entity"], e["after"]["rows"], e["after"]["file"]) for e in exported] == [
        ("custody", _rows(custody_csv), "held.csv"), ("deadlines", _rows(deadlines_csv), "due.csv")]
    assert _rows(custody_csv) == 2 and _rows(deadlines_csv) >= 2  # the computed limits are past too
    assert exported[1]["after"]["filters"] == {"overdue": True, "due_soon": True}
    for entry in entries(app):
        if entry["action"] in ("export", "list", "open"):
            assert_nothing_personal(entry)
    assert verify_audit(app.uow()).ok


def test_the_ctrl_k_search_is_recorded_when_it_closes_on_a_case(
        qtbot: QtBot, app: Application, held: list[int]) -> None:
    popup = GlobalSearch(app, clock=lambda: NOW)
    qtbot.addWidget(popup)
    opened: list[int] = []
    popup.case_requested.connect(opened.append)
    popup.show()
    QTest.keyClicks(popup.box, "kam/1")
    QTest.keyClick(popup.box, Qt.Key.Key_Return)  # searched and opened before the 2 seconds

    assert opened == [held[1]]
    assert [(e["entity"], e["after"]) for e in entries(app, "list")] == [
        ("search", {"filters": {"search": "kam/1"}})]
