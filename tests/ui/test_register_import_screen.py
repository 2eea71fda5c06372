"""A facility register imported from the window, then taken on to an assigned lawyer and a tracked
deadline without leaving it: driven through the widgets on a real SQLite file, with the accounts a
real office has (a paralegal limited to her prison imports and puts a lawyer on a case that has none;
changing an assignment stays with a coordinator)."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Role
from legalaid_desktop.domain.org import Provider, ProviderCoverage
from legalaid_desktop.services import records
from legalaid_desktop.services.setup import DEFAULT_JURISDICTION
from legalaid_desktop.services.users import add_user
from legalaid_desktop.ui.assign_dialog import AssignDialog
from legalaid_desktop.ui.custody_page import CustodyPage
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.register_import_dialog import RegisterImportDialog
from legalaid_desktop.ui.worker import Ticket, Worker
from tests.builders import make_facility

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SECRET = "correct horse battery"
PRISON = "Kamiti Remand"
TODAY = date.today()
ARRESTED = (TODAY - timedelta(days=12)).isoformat()
ADMITTED = (TODAY - timedelta(days=11)).isoformat()
BORN_LATER = (TODAY + timedelta(days=300)).isoformat()
HEADER = ["Reg No", "Prisoner name", "Gender", "DOB", "Date of arrest", "Date of admission", "Offence",
          "Remarks", "Cell block"]
ROWS = [
    ["KAM/001", "Amina Yusuf", "F", "01/06/1995", f"{ARRESTED} 14:30", ADMITTED, "Theft", "Needs Somali",
     "B"],
    ["KAM/002", "John Ochieng", "M", "1990-02-03", ARRESTED, ADMITTED, "Robbery", "", "C"],
    ["KAM/003", "", "M", "1988-01-01", ARRESTED, ADMITTED, "Theft", "", "A"],
    ["KAM/004", "Grace Njeri", "F", BORN_LATER, ARRESTED, ADMITTED, "Theft", "", "A"],
]


@dataclass
class Office:
    admin: Application
    paralegal: Application
    coordinator: Application
    viewer: Application
    facility_id: int


@pytest.fixture
def office(app: Application) -> Office:
    """A prison, a lawyer covering it, and the accounts: Pat (paralegal at the prison), Cora
    (coordinator), Vic (viewer)."""
    facility = records.create(app.uow(), make_facility(name=PRISON)).id
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    lawyer = records.create(admin.uow(), Provider(full_name="Peter Otieno", languages="Somali, English")).id
    records.create(admin.uow(), ProviderCoverage(provider_id=lawyer, facility_id=facility))
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET, facilities=[PRISON])
    add_user(admin.uow(), name="Cora", role=Role.COORDINATOR, password=SECRET)
    add_user(admin.uow(), name="Vic", role=Role.VIEWER, password=SECRET)
    return Office(admin, admin.sign_in("Pat", SECRET), admin.sign_in("Cora", SECRET),
                  admin.sign_in("Vic", SECRET), facility)


def write_register(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, args).fetchall()


def count(db: Path, table: str) -> int:
    return int(query(db, f"SELECT count(*) FROM {table}")[0][0])


def window_for(qtbot: QtBot, app: Application) -> MainWindow:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()  # shortcuts of the window's actions reach only the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.load()
    return window


def finished(qtbot: QtBot, dialog: RegisterImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running(), timeout=20_000)


def open_import(qtbot: QtBot, window: MainWindow) -> RegisterImportDialog:
    """Ctrl+I, as a paralegal would press it."""
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(RegisterImportDialog)
    assert isinstance(dialog, RegisterImportDialog) and dialog.isVisible()
    return dialog


def choose_file(qtbot: QtBot, dialog: RegisterImportDialog, path: Path) -> None:
    """Type the file's path (no native file dialog in a test) and press Enter: the file is checked."""
    dialog.path_edit.setFocus()
    QTest.keyClicks(dialog.path_edit, str(path))
    QTest.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    finished(qtbot, dialog)


def choose_facility(dialog: RegisterImportDialog, name: str) -> None:
    dialog.facility.setFocus()
    dialog.facility.setCurrentIndex(dialog.facility.findText(name))
    dialog.facility.activated.emit(dialog.facility.currentIndex())


def dialog_for(qtbot: QtBot, app: Application) -> RegisterImportDialog:
    dialog = RegisterImportDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def preview_cell(dialog: RegisterImportDialog, row: int, column: int) -> str:
    item = dialog.rows_table.item(row, column)
    return item.text() if item is not None else ""


def test_a_paralegal_takes_a_detainee_from_a_register_to_an_assigned_lawyer_and_a_tracked_deadline(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS)
    window = window_for(qtbot, office.paralegal)
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    people_before, audit_before = count(db_path, "person"), count(db_path, "audit_entry")

    # -- the check: a preview with how columns are read, the rows with errors, the counts; nothing saved
    dialog = open_import(qtbot, window)
    choose_facility(dialog, PRISON)
    choose_file(qtbot, dialog, register)
    assert not dialog.problem.isVisible(), dialog.problem.text()
    summary = dialog.summary.text()
    assert "Checked 4 rows" in summary
    assert "2 new people, 0 updated, 0 unchanged, 2 rows with errors" in summary
    assert "Nothing is saved yet" in summary
    header = dialog.rows_table.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Reg No\n→ register number"
    cell_block = dialog.rows_table.horizontalHeaderItem(len(HEADER))
    assert cell_block is not None and cell_block.text() == "Cell block\n→ (not read)"
    assert [preview_cell(dialog, r, 0) for r in range(4)] == ["2", "3", "⚠ 4", "⚠ 5"]
    errors = [(e.row, e.field) for e in dialog.errors.rows()]
    assert errors == [(4, "full_name"), (5, "date_of_birth")]
    fix = dialog.errors.index(1, 3).data()
    assert fix == "Write a date that is not in the future."
    assert "Cell block" in dialog.details.text()  # the column not read is named
    assert dialog.import_button.isEnabled()
    assert count(db_path, "person") == people_before and count(db_path, "custody") == 0
    assert count(db_path, "audit_entry") == audit_before  # a check leaves no trace but its own

    # -- the import, off the GUI thread, all good rows in one transaction
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.running() or dialog.done_report is not None
    finished(qtbot, dialog)
    assert "Imported into Kamiti Remand:" in dialog.summary.text()
    assert "2 new people" in dialog.summary.text() and "2 rows with errors" in dialog.summary.text()
    rejects = Path(f"{register}.rejects.csv")
    assert rejects.exists() and str(rejects) in dialog.error_title.text()
    assert dialog.custody_button.isVisible() and not dialog.import_button.isEnabled()
    people = query(db_path, "SELECT full_name FROM person ORDER BY full_name")
    assert people == [("Amina Yusuf",), ("John Ochieng",)]
    spells = query(db_path, "SELECT c.register_number, c.case_id IS NOT NULL, f.name FROM custody c "
                            "JOIN facility f ON f.id = c.facility_id ORDER BY c.register_number")
    assert spells == [("KAM/001", 1, PRISON), ("KAM/002", 1, PRISON)]  # each spell has its case
    deadlines = query(db_path, "SELECT count(*) FROM custody_deadline d JOIN custody c "
                               "ON c.id = d.custody_id WHERE c.register_number = 'KAM/001' "
                               "AND d.layer = 'national'")
    assert deadlines[0][0] > 0  # computed in the import's own transaction
    audited = query(db_path, "SELECT actor, action, entity, json_extract(after, '$.source'), "
                             "json_extract(after, '$.register_number') FROM audit_entry "
                             "WHERE json_extract(after, '$.source') = 'register import' ORDER BY id")
    assert audited == [("Pat", "create", "case", "register import", "KAM/001"),
                       ("Pat", "create", "case", "register import", "KAM/002")]

    # -- on to the Custody list of that prison, then the case (Enter), where the deadline is tracked
    QTest.mouseClick(dialog.custody_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage)
    assert window.current_view() == "custody" and custody.facility.currentText() == PRISON
    qtbot.waitUntil(lambda: custody.model.rowCount() == 2)
    assert "2 people held now" in custody.count_label.text()
    names = [custody.model.row_at(r).full_name for r in range(2)]
    custody.table.setCurrentIndex(custody.model.index(names.index("Amina Yusuf"), 0))
    custody.table.setFocus()
    QTest.keyClick(custody.table, Qt.Key.Key_Return)
    view = window.cases.case_view
    assert window.current_view() == "cases" and window.cases.currentWidget() is view
    assert view.header.name.text() == "Amina Yusuf"
    assert view.header.values["register"].text().strip("\u2066\u2069") == "KAM/001"
    deadline = view.header.deadline.text()
    assert "Next deadline" in deadline and "over" in deadline  # arrested 12 days ago: past its limit
    assert view.deadlines.national.model.rowCount() > 0  # with their citations, in the Deadlines tab
    # the dashboard counts them now (it was read before the import)
    window.show_view("dashboard")
    assert window.dashboard.without_lawyer.button.text() == "2"
    assert window.dashboard.overdue.button.text() != "0"

    # -- the paralegal puts a lawyer on the case, which has none, from the suggestions
    window.show_view("cases")
    view.tabs.setCurrentWidget(view.assignments_tab)
    QTest.mouseClick(view.assignments_tab.assign_button, Qt.MouseButton.LeftButton)
    assign = view.assignments_tab.dialog
    assert isinstance(assign, AssignDialog) and assign.isVisible()
    suggested = [c.suggestion.full_name for c in assign.model.rows()]
    assert suggested[0] == "Peter Otieno"
    assign.table.selectRow(0)
    QTest.keyClicks(assign.reason_edit, "covers Kamiti, speaks Somali")
    QTest.mouseClick(assign.assign_button, Qt.MouseButton.LeftButton)
    assert not assign.isVisible()
    assigned = query(db_path, "SELECT p.full_name, a.reason FROM assignment a JOIN provider p ON "
                              "p.id = a.provider_id JOIN custody c ON c.case_id = a.case_id "
                              "WHERE c.register_number = 'KAM/001' AND a.ended_at IS NULL")
    assert assigned == [("Peter Otieno", "covers Kamiti, speaks Somali")]
    assert "Peter Otieno" in view.overview.values["lawyer"].text()
    assert "Next deadline" in view.header.deadline.text()  # still tracked, with its countdown
    assert query(db_path, "SELECT count(*) FROM audit_entry WHERE actor = 'Pat' AND entity = 'assignment' "
                          "AND action = 'create'")[0][0] == 1

    # -- a second provider on a represented case is a coordinator's decision: she is told so
    QTest.mouseClick(view.assignments_tab.assign_button, Qt.MouseButton.LeftButton)
    said = view.assignments_tab.notice
    assert said.isVisible() and "Pat (paralegal) may not assign lawyers and paralegals" in said.text()
    assert "Ask a coordinator" in said.text() and count(db_path, "assignment") == 1


def test_importing_the_same_register_again_changes_nothing_and_says_so(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    dialog = dialog_for(qtbot, office.paralegal)
    choose_facility(dialog, PRISON)
    dialog.set_path(str(register))
    finished(qtbot, dialog)
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    dialog.check()
    finished(qtbot, dialog)
    assert "0 new people, 0 updated, 2 unchanged, 0 rows with errors" in dialog.summary.text()
    assert "No row has errors" in dialog.error_title.text()
    assert count(db_path, "person") == 2


def test_a_viewer_is_told_plainly_that_the_role_may_not_import_and_nothing_can_be_chosen(
        qtbot: QtBot, office: Office, db_path: Path) -> None:
    window = window_for(qtbot, office.viewer)
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage) and custody.import_button.isHidden()
    dialog = open_import(qtbot, window)
    assert dialog.problem.isVisible()
    text = dialog.problem.text()
    assert "Vic (viewer) may not import registers" in text and "Ask a coordinator" in text
    assert not dialog.path_edit.isEnabled() and not dialog.import_button.isEnabled()
    dialog.check()  # even if asked, nothing runs
    assert not dialog.running() and count(db_path, "custody") == 0
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_paralegal_importing_the_register_of_a_prison_not_hers_is_refused_and_nothing_is_written(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    records.create(office.admin.uow(), make_facility(name="Shimo La Tewa"))
    register = write_register(tmp_path / "shimo.csv", ROWS[:2])
    dialog = dialog_for(qtbot, office.paralegal)
    choose_facility(dialog, "Shimo La Tewa")
    dialog.set_path(str(register))
    finished(qtbot, dialog)
    assert dialog.problem.isVisible()
    assert "may not import registers and records held at a facility not assigned to them" in \
        dialog.problem.text()
    assert "Nothing was saved" in dialog.problem.text()
    assert not dialog.import_button.isEnabled() and count(db_path, "custody") == 0


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 3_000_000)
    return path


def written(content: bytes) -> Any:
    def make(path: Path) -> Path:
        path.write_bytes(content)
        return path
    return make


BAD_FILES = {
    "empty": (written(b""), "is empty: no header row was found"),
    "binary": (written(b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64),
               "is not a text (CSV) file or an XLSX workbook; save the register as CSV or XLSX"),
    "header only": (lambda p: write_register(p, []), "it has a header but no rows of data"),
    "missing": (lambda p: p.with_name("nowhere.csv"), "there is no such file; check the name and the folder"),
    "too large": (lambda p: zip_bomb(p.with_suffix(".xlsx")), "refused as a possible zip bomb"),
    "old workbook": (written(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512),
                     "is an old-format (.xls) or password-protected workbook"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_file_that_is_not_a_register_is_refused_with_the_problem_and_the_fix_and_nothing_written(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path, kind: str) -> None:
    make, reason = BAD_FILES[kind]
    path = make(tmp_path / "register.csv")
    audit_before = count(db_path, "audit_entry")
    dialog = dialog_for(qtbot, office.paralegal)
    choose_facility(dialog, PRISON)
    dialog.set_path(str(path))
    finished(qtbot, dialog)
    assert dialog.problem.isVisible() and reason in dialog.problem.text()
    assert f"Cannot use {path}" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    assert count(db_path, "person") == 0 and count(db_path, "audit_entry") == audit_before
    assert not list(tmp_path.glob("*.rejects.*"))


def test_a_file_another_program_holds_locked_is_refused_with_the_reason(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As Excel holds a workbook it has open on Windows (here: every read of that file is refused)."""
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    real_open = Path.open

    def locked(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == register:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    dialog = dialog_for(qtbot, office.paralegal)
    dialog.set_path(str(register))
    finished(qtbot, dialog)
    assert "cannot be read (Permission denied)" in dialog.problem.text()
    assert not dialog.import_button.isEnabled() and count(db_path, "person") == 0


def test_unrecognised_columns_are_named_and_can_be_placed_in_the_dialog_before_importing(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "odd.csv", [["K/9", "Halima Abdi", PRISON]],
                              header=["Ref", "Who", "Prison"])
    dialog = dialog_for(qtbot, office.paralegal)
    dialog.set_path(str(register))
    finished(qtbot, dialog)
    text = dialog.problem.text()
    assert "no column was recognised as the register number or the full name" in text
    assert "Under “Columns”, choose which column holds it" in text
    assert not dialog.import_button.isEnabled()
    reads = {dialog.columns.item(r, 0).text(): dialog.columns.cellWidget(r, 1)  # type: ignore[union-attr]
             for r in range(dialog.columns.rowCount())}
    assert set(reads) == {"Ref", "Who", "Prison"}
    prison = reads["Prison"]
    assert isinstance(prison, QComboBox) and prison.currentData() == "facility"
    for header, field in (("Ref", "register_number"), ("Who", "full_name")):
        combo = dialog.columns.cellWidget([*reads].index(header), 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(field))
        finished(qtbot, dialog)
    assert not dialog.problem.isVisible(), dialog.problem.text()
    assert "1 new person" in dialog.summary.text()
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert query(db_path, "SELECT full_name FROM person") == [("Halima Abdi",)]


def test_a_register_without_a_facility_column_asks_for_the_facility_before_checking(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    dialog = dialog_for(qtbot, office.paralegal)
    dialog.set_path(str(register))
    finished(qtbot, dialog)
    assert "This register has no facility column: choose, under Facility" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    assert QApplication.focusWidget() in (dialog.facility, dialog.facility.lineEdit())
    choose_facility(dialog, PRISON)
    finished(qtbot, dialog)
    assert "2 new people" in dialog.summary.text() and dialog.import_button.isEnabled()


class StopPressed(Worker):
    """Runs inline; once `press_stop` is set, the next work is stopped while it runs (as Stop does)."""

    def __init__(self) -> None:
        super().__init__(inline=True)
        self.press_stop = False

    def start(self, function: Callable[[Ticket], Any], **callbacks: Any) -> Ticket:
        if self.press_stop:
            work = function

            def function(ticket: Ticket) -> Any:
                ticket.cancel()
                return work(ticket)
        return super().start(function, **callbacks)


def test_stop_during_an_import_saves_nothing_and_says_so(qtbot: QtBot, office: Office, db_path: Path,
                                                         tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    worker = StopPressed()
    dialog = RegisterImportDialog(office.paralegal, worker=worker)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_facility(dialog, PRISON)
    dialog.set_path(str(register))
    assert "2 new people" in dialog.summary.text()
    audit_before = count(db_path, "audit_entry")
    worker.press_stop = True
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Stopped: nothing was saved" in dialog.problem.text()
    assert not dialog.import_button.isEnabled() and not dialog.custody_button.isVisible()
    assert count(db_path, "person") == 0 and count(db_path, "audit_entry") == audit_before
    assert not Path(f"{register}.rejects.csv").exists()


def test_the_custody_screen_opens_the_import_and_every_control_of_the_dialog_has_a_name(
        qtbot: QtBot, office: Office) -> None:
    window = window_for(qtbot, office.paralegal)
    window.show_view("custody")
    custody = window.pages["custody"]
    assert isinstance(custody, CustodyPage) and custody.import_button.isVisible()
    QTest.mouseClick(custody.import_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(RegisterImportDialog)
    assert isinstance(dialog, RegisterImportDialog) and dialog.isVisible()
    assert dialog.focusWidget() is dialog.path_edit  # typing the path is the first thing to do
    controls = [w for w in dialog.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QAbstractItemView)
                if w.window() is dialog and not w.objectName().startswith("qt_")  # Qt's own parts
                if not isinstance(w.parentWidget(), QLineEdit | QComboBox | QAbstractItemView)]  # headers
    assert len(controls) >= 11  # file, Choose, facility, three tables, five buttons
    assert [type(w).__name__ for w in controls if not w.accessibleName()] == []


def test_an_xlsx_register_is_previewed_from_its_first_worksheet_and_imported(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Remand register"
    sheet.append(["Kamiti Remand register, March"])  # a title line above the header
    sheet.append(HEADER)
    for row in ROWS[:2]:
        sheet.append(row)
    book.create_sheet("Released")
    path = tmp_path / "kamiti.xlsx"
    book.save(path)
    dialog = dialog_for(qtbot, office.paralegal)
    choose_facility(dialog, PRISON)
    dialog.set_path(str(path))
    finished(qtbot, dialog)
    assert "2 new people" in dialog.summary.text()
    assert "First 2 rows (Remand register)" in dialog.panel.rows_title.text()
    assert [preview_cell(dialog, r, 0) for r in range(2)] == ["3", "4"]  # numbered as the sheet shows
    notes = dialog.details.text()
    assert "The header is on row 2" in notes and "not read: Released" in notes
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert count(db_path, "person") == 2 and not list(tmp_path.glob("*.rejects.*"))


def type_facility(qtbot: QtBot, dialog: RegisterImportDialog, name: str) -> None:
    line = dialog.facility.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, name)
    QTest.keyClick(line, Qt.Key.Key_Return)
    finished(qtbot, dialog)


def test_a_misspelt_facility_is_refused_with_did_you_mean_and_the_recorded_one_is_one_press_away(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    dialog = dialog_for(qtbot, office.coordinator)
    dialog.path_edit.setText(str(register))
    type_facility(qtbot, dialog, "Kamiti Remnd")

    problem = " ".join(dialog.problem.text().split())
    assert f"No facility is recorded as 'Kamiti Remnd': did you mean '{PRISON}'? Nothing was imported." \
        in problem
    assert "?." not in problem
    assert not dialog.import_button.isEnabled()
    assert dialog.rows_table.rowCount() == 2  # the file's rows are still shown: only the name is wrong
    assert dialog.use_recorded.isVisible() and PRISON in dialog.use_recorded.text()
    assert dialog.new_facility.isVisible() and not dialog.new_facility.isChecked()
    assert "Kamiti Remnd" in dialog.new_facility.text()
    assert [r[0] for r in query(db_path, "SELECT name FROM facility")] == [PRISON]

    QTest.mouseClick(dialog.use_recorded, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert dialog.facility.currentText() == PRISON
    assert "2 new people" in dialog.summary.text() and dialog.import_button.isEnabled()
    assert not dialog.use_recorded.isVisible() and not dialog.new_facility.isVisible()
    assert count(db_path, "person") == 0


def test_a_facility_close_to_a_recorded_one_is_recorded_only_when_ticked_as_new(
        qtbot: QtBot, office: Office, db_path: Path, tmp_path: Path) -> None:
    register = write_register(tmp_path / "kamiti.csv", ROWS[:2])
    other = "Kamiti Remand Annex"  # really another place, whose name holds the recorded one's
    with office.admin.uow() as uow:  # as `legalaid init --jurisdiction KE` records it
        uow.set_meta(DEFAULT_JURISDICTION, "KE")
        uow.commit()
    dialog = dialog_for(qtbot, office.coordinator)
    dialog.path_edit.setText(str(register))
    type_facility(qtbot, dialog, other)
    assert f"did you mean '{PRISON}'?" in dialog.problem.text()

    dialog.new_facility.setFocus()
    QTest.keyClick(dialog.new_facility, Qt.Key.Key_Space)
    finished(qtbot, dialog)
    assert dialog.new_facility.isChecked() and dialog.new_facility.isVisible()
    assert dialog.problem.text() == "" or not dialog.problem.isVisible()
    assert f"New facility to be recorded: {other}." in dialog.details.text()
    assert dialog.import_button.isEnabled()

    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finished(qtbot, dialog)
    assert sorted(r[0] for r in query(db_path, "SELECT name FROM facility")) == [PRISON, other]
    assert count(db_path, "person") == 2


def test_every_bad_cell_of_a_row_is_listed_in_the_errors_table(
        qtbot: QtBot, office: Office, tmp_path: Path) -> None:
    bad = ["KAM/009", "Rose Atieno", "F", "1990-13-45", "not a date", ADMITTED, "Theft", "", "A"]
    register = write_register(tmp_path / "kamiti.csv", [ROWS[0], bad])
    dialog = dialog_for(qtbot, office.paralegal)
    dialog.path_edit.setText(str(register))
    type_facility(qtbot, dialog, PRISON)

    model = dialog.errors
    lines = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert lines == [("3", "date of birth"), ("3", "arrest datetime")]
    assert "1 row with errors" in dialog.error_title.text()
    assert "1 row with errors" in dialog.summary.text()
