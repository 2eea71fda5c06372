"""A search counted no further than a limit: the list says "more than", and scrolled to the end it
counts every match and shows them all (the People, Custody and Requests screens, and the model)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.lists import ListFilter
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.services import records
from legalaid_desktop.ui.custody_page import CustodyPage
from legalaid_desktop.ui.paged_model import DbColumn, PagedTableModel
from legalaid_desktop.ui.people_page import PeoplePage
from legalaid_desktop.ui.requests_page import RequestsPage
from tests.builders import T0, make_facility, make_person
from tests.ui.test_list_screens import own_settings  # noqa: F401  (each test keeps its own settings)

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
MARYS = ("Mary Achieng", "Mariam Said", "Mark Otieno", "Moses Kato", "Musa Ali", "Grace Mumbi")

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


class Counted:
    """`size` rows, counted whole or no further than a limit, recording which."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.asked: list[int | None] = []

    def fetch(self, _f: ListFilter, offset: int, limit: int, _sort: str, _desc: bool) -> list[int]:
        return list(range(self.size))[offset:offset + limit]

    def count(self, _f: ListFilter) -> int:
        self.asked.append(None)
        return self.size

    def count_up_to(self, _f: ListFilter, limit: int) -> int:
        self.asked.append(limit)
        return min(self.size, limit + 1)


def _model(rows: Counted) -> PagedTableModel[ListFilter]:
    return PagedTableModel([DbColumn("n", "Number", str, sort="n")], rows.fetch, rows.count, ListFilter(),
                           sort="n", count_up_to=rows.count_up_to, up_to=10)


def test_a_model_counted_up_to_a_limit_shows_that_many_and_counts_the_rest_when_asked_for_more(
        qtmodeltester: Any) -> None:
    rows = Counted(25)
    model = _model(rows)
    model.set_filters(ListFilter(search="m"))
    assert (model.rowCount(), model.more(), model.canFetchMore(QModelIndex())) == (10, True, True)
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    assert (model.rowCount(), model.more(), model.canFetchMore(QModelIndex())) == (25, False, False)
    assert rows.asked == [10, None]
    few = Counted(7)
    model = _model(few)
    model.set_filters(ListFilter(search="m"))
    assert (model.rowCount(), model.more()) == (7, False)  # fewer than the limit: the count is whole


@pytest.fixture
def held(app: Application) -> Application:
    facility = records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi"))
    for n, name in enumerate(MARYS):
        person = records.create(app.uow(), make_person(full_name=name, date_of_birth=date(1990, 1, 1)))
        records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                          facility_id=facility.id, register_number=f"KAM/{n}", arrest_at=T0)
        with app.uow() as uow:
            records.add_record(uow, LegalAidRequest(person_id=person.id, received_at=T0))
            uow.commit()
    return app


def _typed(qtbot: QtBot, page: Any, text: str) -> None:
    page.search.setFocus()
    QTest.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: not page._debounce.isActive())


@pytest.mark.parametrize("screen", [CustodyPage, PeoplePage, RequestsPage])
def test_one_letter_typed_says_more_than_the_limit_and_the_end_of_the_list_counts_them_all(
        qtbot: QtBot, held: Application, monkeypatch: pytest.MonkeyPatch, screen: type) -> None:
    for module in ("list_screen", "requests_page"):
        monkeypatch.setattr(f"legalaid_desktop.ui.{module}.SEARCH_COUNT", 3)
    page = screen(held, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    page.load()
    whole = page.count_label.text()
    assert whole.startswith("6 ") and page.model.rowCount() == 6  # no search: counted whole

    page.table.hide()  # a view with room for more rows asks for them at once, as at the end
    _typed(qtbot, page, "m")

    assert page.model.rowCount() == 3 and page.count_label.text().startswith("More than 3 ")
    page.table.show()
    page.table.scrollToBottom()  # the view asks the model for more at the end of its rows
    qtbot.waitUntil(lambda: page.model.rowCount() == 6)  # every name has a word in M
    assert page.count_label.text().startswith("6 ") and not page.model.more()
    _typed(qtbot, page, "o")  # "mo": Moses Kato alone
    assert page.model.rowCount() == 1 and page.count_label.text().startswith("1 ")
