"""The Reports screen and the case view's Print, driven through their widgets: each report made into a
file chosen in the (stubbed) save dialog, read back; cancel leaves nothing; errors keep the input."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.demo import fill_demo_database
from legalaid_desktop.services.reports import (
    SavedReport,
    caseload_data,
    overstay_data,
    save_report,
    statistics_data,
)
from legalaid_desktop.ui import plain_export, report_runner
from legalaid_desktop.ui.case_view import CaseView
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.reports_page import ReportsPage
from legalaid_desktop.ui.worker import Worker
from tests.unit.reports.builders import one_line, pdf_pages

AS_OF = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Application]:
    path = tmp_path_factory.mktemp("reports-ui") / "demo.sqlite"
    app = open_application(str(path), actor="tester", encryption=False)
    fill_demo_database(app.uow, app.catalogue, cases=150, seed=11, as_of=AS_OF, batch_size=150)
    yield app


class SaveDialog:
    """Stands in for the plain-export dialog: answers with `path` and remembers what it was asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[dict[str, Any]] = []

    def __call__(self, parent: object, **options: Any) -> str | None:
        self.asked.append(options)
        return str(self.path) if self.path else None


class Desktop:
    """Stands in for QDesktopServices: remembers the URLs it was asked to open."""

    opened: ClassVar[list[QUrl]] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:
        cls.opened.append(url)
        return True


SaveAs = Callable[[Path | None], SaveDialog]


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveAs:
    def answer(path: Path | None) -> SaveDialog:
        dialog = SaveDialog(path)
        monkeypatch.setattr(plain_export, "ask_plain_path", dialog)
        return dialog
    Desktop.opened = []
    monkeypatch.setattr(report_runner, "QDesktopServices", Desktop)
    return answer


def _page(qtbot: QtBot, app: Application, *, inline: bool = True) -> ReportsPage:
    page = ReportsPage(app, clock=lambda: NOW, worker=Worker(inline=True) if inline else None)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    return page


def _text(path: Path) -> str:
    return one_line(" ".join(pdf_pages(path.read_bytes())))


def _first_case(app: Application) -> tuple[str, str]:
    row = list_cases(app.uow(), filters=CaseFilter(), limit=1).rows[0]
    return row.case_ref, row.full_name


def _facility_with_overstays(app: Application) -> tuple[str, list[str]]:
    for name in facility_names(app.uow()):
        rows = overstay_data(app.uow(), app.deadline_book, facility=name, within_days=14, now=NOW).data.rows
        if rows:
            return name, [r.full_name for r in rows]
    raise AssertionError("the demo database has no facility with an overstay")


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _done_box(page: ReportsPage) -> QMessageBox:
    box = page.runner.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def _button(box: QMessageBox, text: str) -> QPushButton:
    found = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert found, [b.text() for b in box.findChildren(QPushButton)]
    return found[0]


def test_a_case_summary_is_saved_where_chosen_and_the_file_opens_from_the_message(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    ref, name = _first_case(demo)
    dialog = save_as(tmp_path / "summary.pdf")
    page = _page(qtbot, demo)
    page.choose("case")
    QTest.keyClicks(page.case_ref, ref.lower())
    assert not page.format.isEnabled()  # a case summary is a PDF only

    page.create_button.click()

    assert dialog.asked[0]["suffix"] == "pdf" and ref in dialog.asked[0]["suggested"]
    text = _text(tmp_path / "summary.pdf")
    assert ref in text and name in text
    assert _files(tmp_path) == ["summary.pdf"]  # nothing else left beside it
    box = _done_box(page)
    assert "not encrypted" in box.text() and "summary.pdf" in box.text()
    open_file, show_folder = _button(box, "Open the file"), _button(box, "Show in folder")
    open_file.click()
    show_folder.click()
    assert Desktop.opened == [QUrl.fromLocalFile(str(tmp_path / "summary.pdf")),
                              QUrl.fromLocalFile(str(tmp_path))]


def test_a_caseload_report_by_facility_prints_the_figures_the_service_counts(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    save_as(tmp_path / "caseload.pdf")
    page = _page(qtbot, demo)
    page.choose("caseload")
    page.group_by.setCurrentIndex(page.group_by.findData("facility"))
    page.period_from.setDate(QDate(2026, 1, 1))
    page.period_to.setDate(QDate(2026, 3, 1))
    page.low_ink.setChecked(True)

    page.create_button.click()

    expected = caseload_data(demo.uow(), group_by="facility", period_from=date(2026, 1, 1),
                             period_to=date(2026, 3, 1), now=NOW).data
    busiest = max(expected.groups, key=lambda g: g.open_cases)
    text = _text(tmp_path / "caseload.pdf")
    assert "Caseload by facility" in text and "2026-01-01" in text and "2026-03-01" in text
    assert busiest.name in text and str(busiest.open_cases) in text


def test_an_overstay_list_for_the_facility_chosen_names_the_people_in_it(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    facility, people = _facility_with_overstays(demo)
    save_as(tmp_path / "overstay.pdf")
    page = _page(qtbot, demo)
    page.choose("overstay")
    page.facility.setCurrentIndex(page.facility.findData(facility))
    assert page.within.value() == 14

    page.create_button.click()

    text = _text(tmp_path / "overstay.pdf")
    assert facility in text and people[0] in text


def test_statistics_on_a_census_date_print_the_detainee_count(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    save_as(tmp_path / "statistics.pdf")
    page = _page(qtbot, demo)
    page.choose("statistics")
    page.census.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))

    page.create_button.click()

    expected = statistics_data(demo.uow(), census_date=AS_OF, now=NOW).data
    text = _text(tmp_path / "statistics.pdf")
    assert "16.3.2" in text and AS_OF.isoformat() in text and f"{expected.detainees:,}" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_caseload_table_exports_to_csv_and_xlsx(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs,
        fmt: str) -> None:
    dialog = save_as(tmp_path / f"caseload.{fmt}")
    page = _page(qtbot, demo)
    page.choose("caseload")
    page.format.setCurrentIndex(page.format.findData(fmt))
    assert not page.low_ink.isEnabled()  # a print style means nothing to a spreadsheet

    page.create_button.click()

    assert dialog.asked[0]["suffix"] == fmt
    content = (tmp_path / f"caseload.{fmt}").read_bytes()
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        header = [str(c) for c in next(sheet.iter_rows(values_only=True))]
    assert len(header) > 3


def _hold_the_save(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The report's save waits on the worker thread until `gate` is set; `started` says it got there."""
    gate, started = threading.Event(), threading.Event()
    real = save_report

    def held(*args: Any, **kwargs: Any) -> SavedReport:
        started.set()
        assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr("legalaid_desktop.ui.report_runner.save_report", held)
    return gate, started


def test_cancel_while_the_report_is_made_leaves_no_file(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The work runs on a real worker thread, held at the save until Cancel has been clicked."""
    gate, started = _hold_the_save(monkeypatch)
    save_as(tmp_path / "statistics.pdf")
    page = _page(qtbot, demo, inline=False)
    page.choose("statistics")

    ticket = page.create_report()
    assert ticket is not None and started.wait(10)
    progress = page.runner.progress
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)
    cancel = progress.findChild(QPushButton)
    assert isinstance(cancel, QPushButton) and cancel.text() == "Cancel"
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: ticket.finished, timeout=10_000)

    assert ticket.cancelled()
    assert _files(tmp_path) == []  # neither the file nor its staging copy
    assert page.runner.message is None  # no "created" message


def test_stopping_every_report_as_the_window_closes_leaves_no_file(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the window mid-report: the work is cancelled and waited for, and deletes its own file
    (the window's callbacks that would have deleted it may be gone)."""
    gate, started = _hold_the_save(monkeypatch)
    save_as(tmp_path / "statistics.pdf")
    page = _page(qtbot, demo, inline=False)
    page.choose("statistics")
    ticket = page.create_report()
    assert ticket is not None and started.wait(10)
    threading.Timer(0.2, gate.set).start()  # the save finishes while the window is closing
    report_runner.stop_all_reports()
    assert ticket.cancelled()
    assert _files(tmp_path) == []


def test_a_report_made_on_a_worker_thread_arrives_on_the_gui_thread(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    save_as(tmp_path / "overstay.csv")
    page = _page(qtbot, demo, inline=False)
    page.choose("overstay")
    page.format.setCurrentIndex(page.format.findData("csv"))

    ticket = page.create_report()
    assert ticket is not None
    qtbot.waitUntil(lambda: ticket.finished, timeout=10_000)

    assert (tmp_path / "overstay.csv").exists()
    assert _done_box(page).isVisible()


def test_a_bad_case_reference_is_said_next_to_the_field_and_stays_typed(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    dialog = save_as(tmp_path / "summary.pdf")
    page = _page(qtbot, demo)
    page.choose("case")
    QTest.keyClicks(page.case_ref, "LA-2026-NOPE")

    page.create_button.click()

    assert dialog.asked == []  # refused before a file name is asked for
    assert page.error.isVisible() and "LA-2026-NOPE" in page.error.text()
    assert page.case_ref.text() == "LA-2026-NOPE" and page.focusWidget() is page.case_ref
    assert _files(tmp_path) == []


def test_a_period_the_service_refuses_is_said_and_the_dates_are_kept(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    save_as(tmp_path / "caseload.pdf")
    page = _page(qtbot, demo)
    page.choose("caseload")
    page.period_from.setDate(QDate(2026, 3, 1))
    page.period_to.setDate(QDate(2026, 1, 1))

    page.create_button.click()

    assert page.error.isVisible() and "2026-03-01" in page.error.text()
    assert page.period_from.date() == QDate(2026, 3, 1) and page.period_to.date() == QDate(2026, 1, 1)
    assert _files(tmp_path) == []


def test_the_case_views_print_action_saves_the_case_summary(
        qtbot: QtBot, demo: Application, tmp_path: Path, save_as: SaveAs) -> None:
    ref, name = _first_case(demo)
    dialog = save_as(tmp_path / "print.pdf")
    view = CaseView(demo, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.report_runner.worker = Worker(inline=True)
    view.resize(1100, 700)
    view.show()
    view.open_case(list_cases(demo.uow(), filters=CaseFilter(), limit=1).rows[0].case_id)
    assert view.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert view.print_button.isVisible()

    view.print_action.trigger()

    assert "not" not in dialog.asked[0]["what"] and ref in dialog.asked[0]["what"]
    text = _text(tmp_path / "print.pdf")
    assert ref in text and name in text


def test_the_main_window_shows_the_reports_screen_with_the_facilities(
        qtbot: QtBot, demo: Application) -> None:
    window = MainWindow(demo, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show_view("reports")
    window.show()

    assert window.stack.currentWidget() is window.reports
    assert window.reports.facility.count() == len(facility_names(demo.uow()))
