"""The Deadlines screen, driven through its widgets: paging, words beside colours, filters, open, export."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import DeadlineFilter
from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.dashboard import DeadlineItem, Key
from legalaid_desktop.services.deadlines import add_manual_deadline
from legalaid_desktop.ui.deadline_export import CSV_COLUMNS, EXPORT_PAGE, write_csv
from legalaid_desktop.ui.deadline_model import (
    FACILITY,
    KEPT_PAGES,
    OVER,
    PAGE_SIZE,
    PERSON,
    STATE,
    DeadlineTableModel,
)
from legalaid_desktop.ui.deadlines_page import DeadlinesPage
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.plain_export import plain_save_dialog
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _item(n: int, *, due: datetime, facility: str = "Kamiti Remand") -> DeadlineItem:
    return DeadlineItem(
        key=(due, n), deadline_id=n, case_id=n, full_name=f"Person {n:05d}", facility=facility,
        register_number=f"R/{n}", case_ref=f"LA-2026-{n:06d}", limit="first appearance",
        layer="national", rule="ke.first-appearance", due=due, days_over=days_over(due, NOW),
        hours_over=hours_over(due, NOW),
        overdue=due < NOW, due_soon=NOW <= due < NOW + timedelta(days=2), citation="Constitution, Art. 49")


class FakeList:
    """A list of `size` deadlines answering keyset pages as the storage does, and counting calls."""

    def __init__(self, size: int) -> None:
        start = NOW - timedelta(days=size)
        self.items = [_item(n, due=start + timedelta(days=n, hours=1)) for n in range(size)]
        self.calls = 0

    def __call__(self, filters: DeadlineFilter, limit: int, after: Key | None) -> list[DeadlineItem]:
        self.calls += 1
        rows = [x for x in self.items if after is None or x.key > after]
        return rows[:limit]


def test_the_deadline_model_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: object) -> None:
    model = DeadlineTableModel(FakeList(PAGE_SIZE * 2 + 7))
    model.set_filters(DeadlineFilter(now=NOW))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_model_pages_by_key_as_the_view_scrolls_and_keeps_few_pages_in_memory() -> None:
    fake = FakeList(PAGE_SIZE * 20 + 5)
    model = DeadlineTableModel(fake)
    model.set_filters(DeadlineFilter(now=NOW))
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(fake.items)
    assert model.pages_in_memory() <= KEPT_PAGES
    calls = fake.calls
    first = model.row_at(0)  # let go long ago: read again from its kept start key, one query
    assert first is not None and first.full_name == "Person 00000" and fake.calls == calls + 1
    rows = (PAGE_SIZE - 1, PAGE_SIZE, len(fake.items) - 1)
    assert [model.row_at(r).deadline_id for r in rows] == list(rows)  # type: ignore[union-attr]
    assert model.row_at(len(fake.items)) is None


def test_overdue_and_due_soon_rows_say_so_in_words_and_with_an_icon_not_colour_alone(qtbot: QtBot) -> None:
    fake = FakeList(0)
    fake.items = [_item(1, due=NOW - timedelta(days=3)), _item(2, due=NOW + timedelta(hours=30)),
                  _item(3, due=NOW + timedelta(days=9))]
    model = DeadlineTableModel(fake)
    model.set_filters(DeadlineFilter(now=NOW))
    words = [model.data(model.index(r, STATE)) for r in range(3)]
    assert words == ["Overdue", "Due soon", "Upcoming"]
    assert [model.data(model.index(r, OVER)) for r in range(3)] == [
        "3 days over", "1 day left", "9 days left"]  # 30 hours ahead is tomorrow on the calendar
    for row in (0, 1):  # coloured rows carry an icon and words too
        assert model.data(model.index(row, STATE), Qt.ItemDataRole.DecorationRole) is not None
        assert model.data(model.index(row, PERSON), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(2, STATE), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(2, PERSON), Qt.ItemDataRole.BackgroundRole) is None


def test_a_name_or_facility_cut_short_in_a_narrow_window_is_whole_in_its_tooltip() -> None:
    fake = FakeList(0)
    fake.items = [_item(1, due=NOW - timedelta(days=3),
                        facility="Industrial Area Remand and Allocation Prison")]
    model = DeadlineTableModel(fake)
    model.set_filters(DeadlineFilter(now=NOW))
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, PERSON), tooltip) == "Person 00001"
    assert model.data(model.index(0, FACILITY), tooltip) == "Industrial Area Remand and Allocation Prison"


def _held(app: Application, name: str, facility_id: int, register: str) -> tuple[int, int]:
    person = records.create(app.uow(), make_person(full_name=name, date_of_birth=date(1990, 1, 1)))
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                             facility_id=facility_id, register_number=register, arrest_at=T0, admission_at=T0)
    header = load_case_file(app.uow(), case_id=case.id).header
    assert header.custody_id is not None
    return case.id, header.custody_id


@pytest.fixture
def two_facilities(app: Application) -> Application:
    """Two people held in Nairobi and one in Kampala since T0, each with a bail deadline."""
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi"))
    luzira = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                     time_zone="Africa/Kampala"))
    for name, facility, register in (("Amina Yusuf", kamiti.id, "KAM/1"),
                                     ("=HYPERLINK(\"x\")", kamiti.id, "KAM/2"),
                                     ("Okello Denis", luzira.id, "LUZ/1")):
        _case_id, custody_id = _held(app, name, facility, register)
        add_manual_deadline(app.uow(), custody_id=custody_id, title="File bail application",
                            due=NOW + timedelta(days=1))
    return app


def _page(qtbot: QtBot, app: Application, **kwargs: object) -> DeadlinesPage:
    page = DeadlinesPage(app, clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def _names(page: DeadlinesPage) -> set[str]:
    return {page.model.row_at(r).full_name for r in range(page.model.rowCount())}  # type: ignore[union-attr]


def test_the_facility_filter_lists_only_the_people_held_there(qtbot: QtBot,
                                                             two_facilities: Application) -> None:
    page = _page(qtbot, two_facilities)
    assert _names(page) == {"Amina Yusuf", "=HYPERLINK(\"x\")", "Okello Denis"}
    page.facility.setCurrentIndex(page.facility.findText("Luzira Upper"))
    assert _names(page) == {"Okello Denis"}
    assert {page.model.row_at(r).facility for r in range(page.model.rowCount())} == {  # type: ignore[union-attr]
        "Luzira Upper"}
    assert page.count_label.text() == f"{page.model.rowCount()} open deadlines at Luzira Upper"
    page.overdue.click()  # off: only what is due soon remains, the bail application due tomorrow
    assert [page.model.row_at(r).limit for r in range(page.model.rowCount())] == [  # type: ignore[union-attr]
        "File bail application"]
    assert page.model.data(page.model.index(0, STATE)) == "Due soon"


def test_enter_on_a_deadline_opens_its_case_in_the_cases_screen(qtbot: QtBot,
                                                                two_facilities: Application) -> None:
    window = MainWindow(two_facilities, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_view("deadlines")
    window.load()
    page = window.deadlines
    row = next(r for r in range(page.model.rowCount())
               if page.model.row_at(r).full_name == "Okello Denis")  # type: ignore[union-attr]
    page.table.setCurrentIndex(page.model.index(row, 0))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_view() == "cases"
    view = window.cases.case_view
    assert window.cases.currentWidget() is view
    assert view.case_file is not None and view.case_file.header.full_name == "Okello Denis"


def test_export_writes_every_row_of_the_filter_with_formulas_made_harmless(
        qtbot: QtBot, two_facilities: Application, tmp_path: Path) -> None:
    out = tmp_path / "deadlines.csv"
    page = _page(qtbot, two_facilities, ask_path=lambda _parent: str(out))
    page.facility.setCurrentIndex(page.facility.findText("Kamiti Remand"))
    page.export_button.click()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == page.model.rowCount() > 0
    assert {r["Facility"] for r in rows} == {"Kamiti Remand"}
    assert {r["Person"] for r in rows} == {"Amina Yusuf", "'=HYPERLINK(\"x\")"}
    bail = [r for r in rows if r["Limit"] == "File bail application"]
    assert {(r["Status"], r["Over / left"]) for r in bail} == {("Due soon", "1 day left")}
    assert all(r["Status"] == "Overdue" and r["Over / left"].endswith("over") for r in rows if r not in bail)
    assert "not encrypted" in page.count_label.text()


def test_the_export_dialog_says_the_file_is_not_encrypted(qtbot: QtBot) -> None:
    dialog = plain_save_dialog(None, what="deadlines to CSV", suggested="deadlines.csv",
                               name_filter="CSV files (*.csv)", suffix="csv")
    qtbot.addWidget(dialog)
    assert "NOT encrypted" in dialog.windowTitle()
    assert dialog.acceptMode() == dialog.AcceptMode.AcceptSave


def test_no_chip_chosen_lists_nothing_and_says_what_to_choose(qtbot: QtBot,
                                                              two_facilities: Application) -> None:
    page = _page(qtbot, two_facilities)
    page.overdue.click()
    page.due_soon.click()
    assert page.model.rowCount() == 0
    assert "Choose" in page.count_label.text()
    assert not page.export_button.isEnabled()
    page.within.click()
    assert page.model.rowCount() == 3  # the three bail applications, due within 30 days
    assert page.model.data(QModelIndex()) is None


def test_export_goes_through_every_page_and_a_stop_keeps_what_was_written(tmp_path: Path) -> None:
    fake = FakeList(EXPORT_PAGE * 2 + 5)

    def fetch(after: Key | None) -> list[DeadlineItem]:
        return fake(DeadlineFilter(now=NOW), EXPORT_PAGE, after)

    whole, stopped = tmp_path / "whole.csv", tmp_path / "stopped.csv"
    assert write_csv(whole, fetch) == len(fake.items)
    assert write_csv(stopped, fetch, cancelled=lambda: True) == EXPORT_PAGE
    with whole.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CSV_COLUMNS) and len(rows) == len(fake.items) + 1
    assert rows[1][-2:] == [str(fake.items[0].days_over), "ke.first-appearance"]
    with stopped.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == EXPORT_PAGE + 1
