"""The People, Custody, Providers and Facilities screens, driven through their widgets and checked
against the database: paged models, the search as you type, chips, sorting in SQL, opening a case,
the column chooser and the CSV export of every matching row."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Principal, Role
from legalaid_desktop.domain.lists import CustodyLine, ListFilter
from legalaid_desktop.domain.org import Provider, ProviderCoverage
from legalaid_desktop.domain.vocab import ProviderKind
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.deadlines import add_manual_deadline
from legalaid_desktop.services.lists import list_count, list_page
from legalaid_desktop.ui.custody_page import CustodyPage, next_deadline_text
from legalaid_desktop.ui.facilities_page import FacilitiesPage
from legalaid_desktop.ui.list_screen import ListScreen
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.paged_model import KEPT_PAGES, PAGE_SIZE, DbColumn, PagedTableModel
from legalaid_desktop.ui.people_page import PeoplePage
from legalaid_desktop.ui.providers_page import ProvidersPage
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> Iterator[None]:
    """Each test keeps its column choices in a settings file of its own."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


# -- the paged model on its own


class FakeRows:
    """`size` numbered rows answering offset pages as storage does, counting the reads."""

    def __init__(self, size: int) -> None:
        self.rows = list(range(size))
        self.calls = 0

    def fetch(self, _filters: ListFilter, offset: int, limit: int, _sort: str, descending: bool) -> list[int]:
        self.calls += 1
        rows = sorted(self.rows, reverse=descending)
        return rows[offset:offset + limit]

    def count(self, _filters: ListFilter) -> int:
        return len(self.rows)


def _model(fake: FakeRows) -> PagedTableModel[ListFilter]:
    columns = [DbColumn("n", "Number", str, sort="n", align_right=True),
               DbColumn("half", "Half", lambda x: str(x // 2))]
    return PagedTableModel(columns, fake.fetch, fake.count, ListFilter(), sort="n",
                           state=lambda x: "overdue" if x % 7 == 0 else None)


def test_the_paged_model_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: Any) -> None:
    model = _model(FakeRows(PAGE_SIZE * 2 + 7))
    model.set_filters(ListFilter(search="x"))
    qtmodeltester.check(model)


def test_the_paged_model_reads_only_the_pages_asked_for_and_keeps_few() -> None:
    fake = FakeRows(PAGE_SIZE * 20 + 3)
    model = _model(fake)
    model.reload()
    assert model.rowCount() == len(fake.rows) and fake.calls == 0  # counted, nothing read yet
    assert model.data(model.index(PAGE_SIZE * 10 + 1, 0)) == str(PAGE_SIZE * 10 + 1) and fake.calls == 1
    for row in range(0, len(fake.rows), PAGE_SIZE):
        model.row_at(row)
    assert model.pages_in_memory() <= KEPT_PAGES
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0) == len(fake.rows) - 1
    model.sort(1)  # an unsortable column changes nothing
    assert model.sort_order() == ("n", True)


# -- a small office, for the workflows


def _held(app: Application, name: str, facility_id: int, register: str,
          **person: Any) -> tuple[int, int]:
    fields: dict[str, Any] = {"full_name": name, "date_of_birth": date(1990, 1, 1)}
    fields.update(person)
    saved = records.create(app.uow(), make_person(**fields))
    case = records.open_case(app.uow(), client_person_id=saved.id, opened_on=T0.date(),
                             facility_id=facility_id, register_number=register, arrest_at=T0, admission_at=T0)
    header = load_case_file(app.uow(), case_id=case.id).header
    assert header.custody_id is not None
    return case.id, header.custody_id


class Office:
    def __init__(self, app: Application) -> None:
        self.app = app
        self.kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand",
                                                              time_zone="Africa/Nairobi")).id
        luzira = make_facility(name="Luzira Upper", jurisdiction_code="UG", time_zone="Africa/Kampala",
                               region="Kampala")
        self.luzira = records.create(app.uow(), luzira).id
        self.amina, amina_spell = _held(app, "Amina Yusuf", self.kamiti, "KAM/1")
        self.formula, formula_spell = _held(app, "=HYPERLINK(\"x\")", self.kamiti, "KAM/2")
        self.okello, _spell = _held(app, "Okello Denis", self.luzira, "LUZ/1", date_of_birth=date(2012, 5, 1))
        add_manual_deadline(app.uow(), custody_id=amina_spell, title="File bail application",
                            due=NOW - timedelta(days=3))
        add_manual_deadline(app.uow(), custody_id=formula_spell, title="Visit", due=NOW + timedelta(days=1))
        self.lawyer = records.create(app.uow(), Provider(full_name="Grace Wanjiru", capacity=1,
                                                         languages="Swahili, English")).id
        records.create(app.uow(), ProviderCoverage(provider_id=self.lawyer, facility_id=self.kamiti))
        records.create(app.uow(), Provider(full_name="Student Sam", kind=ProviderKind.LAW_STUDENT,
                                           capacity=5, unavailable_from=date(2026, 3, 1),
                                           unavailable_until=date(2026, 4, 1)))
        assign_provider(app.uow(), case_id=self.amina, provider_id=self.lawyer, at=T0)
        self.witness = records.create(app.uow(), make_person(full_name="Wanjiku Witness")).id

    def db(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.app.location.path) as connection:
            return connection.execute(sql, args).fetchall()


@pytest.fixture
def office(app: Application) -> Office:
    return Office(app)


S = TypeVar("S", bound=ListScreen)


def _shown(qtbot: QtBot, page: S) -> S:
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    return page


def _names(page: ListScreen, column: str = "full_name") -> list[str]:
    return [getattr(page.model.row_at(r), column) for r in range(page.model.rowCount())]


def _type(qtbot: QtBot, page: ListScreen, text: str) -> None:
    page.search.setFocus()
    page.search.selectAll()
    QTest.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: not page._debounce.isActive())


def test_each_screens_model_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: Any,
                                                       office: Office) -> None:
    for cls in (CustodyPage, PeoplePage, ProvidersPage, FacilitiesPage):
        page = _shown(qtbot, cls(office.app, clock=lambda: NOW))
        assert page.model.rowCount() > 0
        qtmodeltester.check(page.model)


def test_custody_lists_who_is_held_with_the_next_deadline_and_lawyer_in_words(
        qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    held = office.db("SELECT full_name FROM case_list WHERE released_at IS NULL ORDER BY sort_name")
    assert _names(page) == [r[0] for r in held]
    assert page.count_label.text() == "3 people held now"
    lines = {x.full_name: x for x in (page.model.row_at(r) for r in range(3))}
    amina, formula, okello = lines["Amina Yusuf"], lines["=HYPERLINK(\"x\")"], lines["Okello Denis"]
    assert amina.lawyer == "Grace Wanjiru" and okello.lawyer is None and okello.child
    model, row = page.model, _names(page).index("Okello Denis")
    assert model.data(model.index(row, model.column_named("lawyer"))) == "No lawyer"
    assert model.data(model.index(row, model.column_named("person"))) == "Okello Denis · child"
    tooltip = Qt.ItemDataRole.ToolTipRole  # whole where a narrow window cuts it short
    assert model.data(model.index(row, model.column_named("person")), tooltip) == "Okello Denis · child"
    assert model.data(model.index(row, model.column_named("lawyer")), tooltip) is None  # no lawyer
    assert model.data(model.index(_names(page).index("Amina Yusuf"), model.column_named("lawyer")),
                      tooltip) == "Grace Wanjiru"
    for line in (amina, formula, okello):  # the earliest open deadline, national law or manual
        due = office.db("SELECT min(due) FROM (SELECT due FROM custody_deadline WHERE custody_id = ? AND "
                        "layer = 'national' AND status = 'open' UNION ALL SELECT due FROM deadline WHERE "
                        "custody_id = ? AND manual AND status = 'open')",
                        line.custody_id, line.custody_id)[0][0]
        shown = line.next_due.astimezone(UTC).replace(tzinfo=None) if line.next_due else None
        assert (shown.isoformat(sep=" ") if shown else None) == (due[:19] if due else None)
    # Overdue rows say so in words and with an icon, never by their colour alone.
    assert amina.overdue and next_deadline_text(amina).startswith(f"{amina.days_over} days over · ")
    over = _names(page).index("Amina Yusuf")
    icon = model.data(model.index(over, model.column_named("next")), Qt.ItemDataRole.DecorationRole)
    assert icon is not None
    assert model.data(model.index(over, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_custody_chips_narrow_the_list_as_the_database_counts(qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    page.unrepresented.click()
    assert sorted(_names(page)) == ["=HYPERLINK(\"x\")", "Okello Denis"]
    page.unrepresented.click()
    page.only_children.click()
    assert _names(page) == ["Okello Denis"]
    page.only_children.click()
    page.facility.setCurrentIndex(page.facility.findText("Kamiti Remand"))
    at_kamiti = office.db("SELECT count(*) FROM custody WHERE facility_id = ? AND released_at IS NULL",
                          office.kamiti)[0][0]
    assert page.model.rowCount() == at_kamiti == 2
    page.overdue.click()
    now = NOW.replace(tzinfo=None).isoformat(sep=" ")
    overdue = office.db(
        "SELECT DISTINCT p.full_name FROM custody c JOIN person p ON p.id = c.person_id "
        "WHERE c.facility_id = ? AND (c.id IN (SELECT custody_id FROM custody_deadline "
        "WHERE layer = 'national' AND status = 'open' AND due < ?) "
        "OR c.id IN (SELECT custody_id FROM deadline WHERE manual AND status = 'open' AND due < ?))",
        office.kamiti, now, now)
    assert sorted(_names(page)) == sorted(r[0] for r in overdue) and "Amina Yusuf" in _names(page)


def test_typing_narrows_the_list_by_name_case_or_register_number(qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    _type(qtbot, page, "okel")
    assert _names(page) == ["Okello Denis"]
    _type(qtbot, page, "LUZ/1")
    assert _names(page) == ["Okello Denis"]
    case_ref = office.db("SELECT case_ref FROM legal_case WHERE id = ?", office.formula)[0][0]
    _type(qtbot, page, case_ref)
    assert _names(page) == ["=HYPERLINK(\"x\")"]
    _type(qtbot, page, "nobody-like-this")
    assert page.model.rowCount() == 0
    assert page.count_label.text().startswith("Nothing to show: nothing matches the search")
    assert not page.export_button.isEnabled()


def test_clicking_a_column_title_sorts_in_the_database(qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    page.table.sortByColumn(page.model.column_named("register"), Qt.SortOrder.DescendingOrder)
    wanted = office.db("SELECT register_number FROM case_list WHERE released_at IS NULL "
                       "ORDER BY register_number DESC")
    assert _names(page, "register_number") == [r[0] for r in wanted]
    page.table.sortByColumn(page.model.column_named("next"), Qt.SortOrder.AscendingOrder)
    dues = [page.model.row_at(r).next_due for r in range(3)]
    known = [d for d in dues if d is not None]
    assert known == sorted(known) and dues[:len(known)] == known  # no deadline: last


def test_enter_on_a_row_opens_its_case_and_a_person_without_one_says_so(qtbot: QtBot, office: Office) -> None:
    window = MainWindow(office.app, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_view("people")
    window.load()
    people = window.pages["people"]
    assert isinstance(people, PeoplePage)
    row = _names(people).index("Wanjiku Witness")
    people.table.setCurrentIndex(people.model.index(row, 0))
    people.table.setFocus()
    QTest.keyClick(people.table, Qt.Key.Key_Return)
    assert window.current_view() == "people" and "not the client of any case" in people.count_label.text()
    window.show_view("custody")
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage)
    row = _names(custody).index("Okello Denis")
    custody.table.setCurrentIndex(custody.model.index(row, 0))
    custody.table.setFocus()
    QTest.keyClick(custody.table, Qt.Key.Key_Return)
    assert window.current_view() == "cases"
    view = window.cases.case_view
    assert view.case_file is not None and view.case_file.header.full_name == "Okello Denis"


def test_a_facility_row_opens_the_custody_list_at_that_facility(qtbot: QtBot, office: Office) -> None:
    window = MainWindow(office.app, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.show_view("facilities")
    window.load()
    facilities = window.pages["facilities"]
    assert isinstance(facilities, FacilitiesPage)
    counts = {x.name: (x.held, x.unrepresented) for x in
              (facilities.model.row_at(r) for r in range(facilities.model.rowCount()))}
    assert counts == {"Kamiti Remand": (2, 1), "Luzira Upper": (1, 1)}
    facilities.table.sortByColumn(facilities.model.column_named("held"), Qt.SortOrder.DescendingOrder)
    assert _names(facilities, "name") == ["Kamiti Remand", "Luzira Upper"]
    facilities.unrepresented.click()
    assert facilities.model.rowCount() == 2
    row = _names(facilities, "name").index("Luzira Upper")
    facilities.open_row(facilities.model.index(row, 0))
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage) and window.current_view() == "custody"
    assert custody.facility.currentText() == "Luzira Upper" and _names(custody) == ["Okello Denis"]


def test_people_show_age_and_child_in_words_and_filter_children(qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, PeoplePage(office.app, clock=lambda: NOW))
    assert _names(page) == [r[0] for r in office.db("SELECT full_name FROM person ORDER BY name_key, id")]
    model = page.model
    okello = _names(page).index("Okello Denis")
    assert model.data(model.index(okello, model.column_named("age"))) == "13 · child"
    assert model.data(model.index(okello, model.column_named("facility"))) == "Luzira Upper"
    page.only_children.click()
    children = office.db("SELECT full_name FROM person WHERE date_of_birth > '2008-03-20' "
                         "OR date_of_birth IS NULL AND age_estimate IS NULL OR age_disputed")
    assert _names(page) == [r[0] for r in children] == ["Okello Denis"]
    page.only_children.click()
    page.held.click()
    assert "Wanjiku Witness" not in _names(page) and page.model.rowCount() == 3


def test_providers_say_load_against_capacity_and_availability(qtbot: QtBot, office: Office) -> None:
    page = _shown(qtbot, ProvidersPage(office.app, clock=lambda: NOW))
    model = page.model
    texts = {model.data(model.index(r, 0)): (model.data(model.index(r, model.column_named("load"))),
                                             model.data(model.index(r, model.column_named("available"))))
             for r in range(model.rowCount())}
    assert texts == {"Grace Wanjiru": ("1 of 1", "available"),
                     "Student Sam": ("0 of 5", "away until 2026-04-01")}
    page.available.click()
    assert _names(page) == ["Grace Wanjiru"]
    page.facility.setCurrentIndex(page.facility.findText("Luzira Upper"))
    assert page.model.rowCount() == 0


def test_the_column_chooser_is_remembered_and_the_export_writes_what_is_shown(
        qtbot: QtBot, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("legalaid_desktop.ui.list_screen.EXPORT_BATCH", 2)  # several batches
    out = tmp_path / "custody.csv"
    page = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW, ask_path=lambda _p, _s: str(out)))
    menu = page.column_menu()
    lawyer = next(a for a in menu.actions() if a.text() == "Lawyer")
    lawyer.setChecked(False)
    assert page.table.isColumnHidden(page.model.column_named("lawyer"))
    again = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    assert again.table.isColumnHidden(again.model.column_named("lawyer"))
    page.export_button.click()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == page.model.total() == 3
    assert "Lawyer" not in rows[0] and "Next deadline" in rows[0]
    assert {r["Person"] for r in rows} == {"Amina Yusuf", "'=HYPERLINK(\"x\")", "Okello Denis · child"}
    assert "not encrypted" in page.count_label.text()


def test_a_user_limited_to_one_facility_sees_only_its_people_providers_and_facility(office: Office) -> None:
    pat = office.app.acting_for(Principal(user_id=None, name="pat", role=Role.PARALEGAL,
                                          facility_ids=frozenset({office.kamiti})))
    custody = list_page(pat.uow(), kind="custody", filters=ListFilter(), now=NOW).rows
    names = {x.full_name for x in custody if isinstance(x, CustodyLine)}
    assert names == {"Amina Yusuf", "=HYPERLINK(\"x\")"}
    assert list_count(pat.uow(), kind="custody", filters=ListFilter(search="Okello"), now=NOW) == 0
    assert list_count(pat.uow(), kind="people", filters=ListFilter(), now=NOW) == 2
    assert [x.name for x in list_page(pat.uow(), kind="facilities", filters=ListFilter(), now=NOW).rows  # type: ignore[union-attr]
            ] == ["Kamiti Remand"]
    assert list_count(pat.uow(), kind="providers", filters=ListFilter(), now=NOW) == 1
    asked_wider = ListFilter(facility_ids=frozenset({office.luzira}))
    assert list_count(pat.uow(), kind="custody", filters=asked_wider, now=NOW) == 0


def test_a_bad_filter_is_refused_with_a_message_naming_it(office: Office) -> None:
    from legalaid_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        list_count(office.app.uow(), kind="custody", filters=ListFilter(facility="Nowhere"), now=NOW)
    assert caught.value.field == "facility" and "Kamiti Remand" in str(caught.value.expected)
    with pytest.raises(ValidationError):
        list_page(office.app.uow(), kind="custody", filters=ListFilter(), sort="shoe size", now=NOW)


def test_ctrl_k_finds_people_and_cases_as_you_type_and_enter_opens_the_case(
        qtbot: QtBot, office: Office) -> None:
    window = MainWindow(office.app, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.show_view("facilities")
    window.load()
    popup = window.global_search()
    QTest.keyClicks(popup.box, "okel")
    qtbot.waitUntil(lambda: popup.results.count() > 0)
    lines = [popup.results.item(r).text() for r in range(popup.results.count())]
    case_ref = office.db("SELECT case_ref FROM legal_case WHERE id = ?", office.okello)[0][0]
    assert lines == ["Person: Okello Denis · 1 case · held at Luzira Upper"]  # their case: one line
    popup.box.clear()
    QTest.keyClicks(popup.box, "KAM")
    popup.search()
    lines = [popup.results.item(r).text() for r in range(popup.results.count())]
    assert len(lines) == 2 and all(x.endswith("held at Kamiti Remand") for x in lines)
    QTest.keyClick(popup.box, Qt.Key.Key_Down)
    assert popup.results.currentRow() == 1
    popup.box.clear()
    QTest.keyClicks(popup.box, "okel")
    popup.search()
    QTest.keyClick(popup.box, Qt.Key.Key_Return)
    assert window.current_view() == "cases"
    view = window.cases.case_view
    assert view.case_file is not None and view.case_file.header.case_ref == case_ref


def test_ctrl_k_on_a_person_without_a_case_shows_them_on_the_people_screen(
        qtbot: QtBot, office: Office) -> None:
    window = MainWindow(office.app, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.load()
    popup = window.global_search()
    QTest.keyClicks(popup.box, "wanjiku")
    popup.search()
    assert popup.results.count() == 1
    QTest.keyClick(popup.box, Qt.Key.Key_Return)
    people = window.pages["people"]
    assert isinstance(people, PeoplePage) and window.current_view() == "people"
    assert _names(people) == ["Wanjiku Witness"]
    again = window.global_search()
    QTest.keyClicks(again.box, "no such name at all")
    again.search()
    assert again.results.count() == 0 and "No person or case matches" in again.status.text()


def test_stored_words_read_in_lists_as_in_the_case_view() -> None:
    """"law_student" and "untried" are stored codes: a list says "Law student" and "Untried", as
    the case header does."""
    from legalaid_desktop.ui.case_text import words as case_words
    from legalaid_desktop.ui.paged_model import words

    assert [words(code) for code in ("law_student", "untried", None)] == ["Law student", "Untried", ""]
    assert words("convicted_awaiting_sentence") == case_words("convicted_awaiting_sentence")


def test_a_priority_group_narrows_custody_and_people_to_those_recorded_in_it(
        qtbot: QtBot, office: Office) -> None:
    from legalaid_desktop.domain.errors import ValidationError

    _held(office.app, "Marie Dubois", office.kamiti, "KAM/3", sex="female",
          priority_groups=["foreign_national", "woman"])
    _held(office.app, "Zainab Juma", office.kamiti, "KAM/4", sex="female", priority_groups=["woman"])
    _held(office.app, "Ivan Petrov", office.luzira, "LUZ/2", priority_groups=["migrant"])
    custody = _shown(qtbot, CustodyPage(office.app, clock=lambda: NOW))
    custody.group.setCurrentIndex(custody.group.findData("foreign_national"))
    assert _names(custody) == ["Marie Dubois"] and custody.count_label.text() == "1 person held now"
    custody.group.setCurrentIndex(custody.group.findData("woman"))
    assert sorted(_names(custody)) == ["Marie Dubois", "Zainab Juma"]
    assert custody.group.findData("child") == -1  # children: the Children chip, by age
    people = _shown(qtbot, PeoplePage(office.app, clock=lambda: NOW))
    people.group.setCurrentIndex(people.group.findData("migrant"))
    assert _names(people) == ["Ivan Petrov"]
    people.group.setCurrentIndex(0)  # any group
    assert "Ivan Petrov" in _names(people) and "Amina Yusuf" in _names(people)
    with pytest.raises(ValidationError, match="priority_group"):
        list_page(office.app.uow(), kind="custody", filters=ListFilter(priority_group="pirates"))
