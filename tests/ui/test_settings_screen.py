"""The Settings screen driven through its widgets: the audit log viewer (filters, export, the chain
check), backups (plan, Back up now, the schedule, the last good backup in the status bar), and the
deadline lead times and court closures; each result checked in the database."""

from __future__ import annotations

import csv
import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application, backup
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.services import records
from legalaid_desktop.services.audit_view import AuditFilter, AuditLine, audit_lines
from legalaid_desktop.services.backup_schedule import BackupPlan, backup_status, read_plan, save_plan
from legalaid_desktop.services.deadlines import LEAD_KEY, list_closures
from legalaid_desktop.services.settings import list_settings
from legalaid_desktop.services.users import add_user
from legalaid_desktop.ui.audit_model import ACTION, PAGE_SIZE, RECORD, AuditTableModel
from legalaid_desktop.ui.backup_scheduler import BackupScheduler
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.settings_page import SettingsPage
from legalaid_desktop.ui.worker import Worker
from tests.builders import make_facility, make_person

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
SECRET = "correct horse battery staple"


def _people(app: Application, names: list[str]) -> None:
    for name in names:
        records.create(app.uow(), make_person(full_name=name))


def _settings(qtbot: QtBot, app: Application, tab: str, **kwargs: object) -> SettingsPage:
    page = SettingsPage(app, worker=Worker(inline=True), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    page.show_section(tab)
    return page


# --- the audit log -----------------------------------------------------------------------------------


def test_the_audit_model_passes_the_qt_model_tester_while_paging(qtbot: QtBot, qtmodeltester: object,
                                                                app: Application) -> None:
    _people(app, [f"Person {i:03d}" for i in range(PAGE_SIZE + 30)])
    page = _settings(qtbot, app, "audit")
    model = page.audit.model
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(model.index(-1, -1))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    page.audit.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE, timeout=2000)
    ids = [model.row_at(i).entry_id for i in range(model.rowCount())]  # type: ignore[union-attr]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_typing_words_narrows_the_log_and_selecting_shows_the_whole_entry(qtbot: QtBot,
                                                                         app: Application) -> None:
    _people(app, ["Amina Yusuf", "Brian Otieno", "Chanda Mwale"])
    page = _settings(qtbot, app, "audit")
    audit = page.audit
    everything = audit.model.rowCount()
    QTest.keyClicks(audit.text, "otieno")
    qtbot.waitUntil(lambda: audit.model.rowCount() == 1, timeout=2000)
    assert everything > 1
    audit.table.setFocus()
    audit.table.selectRow(0)
    assert "Brian Otieno" in audit.details.text() and "Hash " in audit.details.text()
    assert audit.count.text() == "1 entry."
    record = audit.model.index(0, RECORD)  # the kind of record in words, its code in the tooltip
    line = audit.model.row_at(0)
    assert line is not None and line.entity_uuid is not None
    assert record.data() == f"Person {line.entity_uuid[:8]}…"
    assert record.data(Qt.ItemDataRole.ToolTipRole) == f"person {line.entity_uuid}"


def test_the_user_and_action_choices_filter_the_log(qtbot: QtBot, app: Application) -> None:
    _people(app, ["Amina Yusuf"])
    with app.uow() as uow:
        uow.actor = "cora"
        uow.audit("export", "case", None, None, {"file": "x.pdf"})
        uow.commit()
    page = _settings(qtbot, app, "audit")
    audit = page.audit
    assert audit.user.findText("cora") > 0 and audit.action.findText("Exported") > 0  # in words
    assert audit.action.findText("export") == -1
    audit.user.setCurrentIndex(audit.user.findText("cora"))
    audit.apply_filters()
    assert [audit.model.row_at(i).actor for i in range(audit.model.rowCount())] == ["cora"]  # type: ignore[union-attr]
    assert audit.model.data(audit.model.index(0, ACTION)) == "Exported"
    audit.user.setCurrentIndex(0)
    for chosen in ("Added", "added", "create"):  # chosen from the list, typed in words, or as stored
        audit.action.setCurrentText(chosen)
        audit.apply_filters()
        assert audit.model.rowCount() >= 1
        assert all(audit.model.row_at(i).action == "create"  # type: ignore[union-attr]
                   for i in range(audit.model.rowCount()))


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_filters_and_rows_are_kept(
        qtbot: QtBot, app: Application) -> None:
    _people(app, ["Amina Yusuf"])
    page = _settings(qtbot, app, "audit")
    audit = page.audit
    shown = audit.model.rowCount()
    audit.use_since.setChecked(True)
    audit.since.setDate(QDate(2026, 5, 10))
    audit.use_until.setChecked(True)
    audit.until.setDate(QDate(2026, 5, 1))
    assert audit.filter_problem.isVisible() and "2026-05" in audit.filter_problem.text()
    assert audit.model.rowCount() == shown
    audit.until.setDate(QDate(2026, 5, 20))
    assert not audit.filter_problem.isVisible()


def test_export_writes_the_filtered_log_to_the_chosen_file(qtbot: QtBot, app: Application,
                                                          tmp_path: Path) -> None:
    _people(app, ["Amina Yusuf", "Brian Otieno"])
    out = tmp_path / "audit.csv"
    page = _settings(qtbot, app, "audit", )
    page.audit._ask_path = lambda _parent: str(out)
    page.audit.action.setCurrentText("create")
    page.audit.apply_filters()
    QTest.mouseClick(page.audit.export_button, Qt.MouseButton.LeftButton)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and {r[4] for r in rows[1:]} == {"create"}
    assert "2 entries written" in page.audit.outcome.text() and "not encrypted" in page.audit.outcome.text()
    newest = audit_lines(app.uow(), filters=AuditFilter(), limit=1)[0]
    assert (newest.action, newest.entity) == ("export", "audit_log")


def test_verify_the_chain_says_it_holds_and_finds_an_edited_entry(qtbot: QtBot, app: Application) -> None:
    _people(app, ["Amina Yusuf", "Brian Otieno"])
    page = _settings(qtbot, app, "audit")
    QTest.mouseClick(page.audit.verify_button, Qt.MouseButton.LeftButton)
    assert page.audit.outcome.text().startswith("✓ All")
    with sqlite3.connect(app.location.path) as raw:
        raw.execute("UPDATE audit_entry SET actor = 'someone else' WHERE id = 2")
    QTest.mouseClick(page.audit.verify_button, Qt.MouseButton.LeftButton)
    assert "broken at entry 2" in page.audit.outcome.text()


# --- backups -----------------------------------------------------------------------------------------


def test_back_up_now_saves_the_plan_makes_a_checked_copy_and_says_when(qtbot: QtBot, app: Application,
                                                                      tmp_path: Path) -> None:
    _people(app, ["Amina Yusuf"])
    window = MainWindow(app)
    qtbot.addWidget(window)
    page = window.settings
    page.scheduler.worker = Worker(inline=True)
    window.show()
    window.show_view("settings")
    page.show_section("backups")
    panel = page.backups
    assert "No backup" in panel.last.text() and "No backup" in window.backup_label.text()
    panel.folder.setText(str(tmp_path))
    panel.schedule.setCurrentIndex(panel.schedule.findData("daily"))
    panel.keep_daily.setValue(3)
    QTest.mouseClick(panel.now, Qt.MouseButton.LeftButton)
    assert read_plan(app.uow()) == BackupPlan(str(tmp_path), "daily", 3, 4)
    made = list(tmp_path.glob("legalaid-backup-*.sqlite"))
    assert len(made) == 1
    assert panel.outcome.text().startswith("✓ Backed up") and str(made[0]) in panel.outcome.text()
    assert panel.last.text().startswith("Last good backup") and "just now" in panel.last.text()
    assert window.backup_label.text().startswith("Last good backup")
    assert backup_status(app.uow()).last_path == str(made[0])


def test_a_folder_that_is_not_there_is_said_beside_the_folder_and_nothing_is_saved(
        qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    page = _settings(qtbot, app, "backups")
    panel = page.backups
    panel.folder.setText(str(tmp_path / "unplugged"))
    panel.schedule.setCurrentIndex(panel.schedule.findData("daily"))
    QTest.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    assert panel.folder_problem.isVisible() and "plugged in" in panel.folder_problem.text()
    assert read_plan(app.uow()) == BackupPlan()
    assert panel.folder.text() == str(tmp_path / "unplugged")


def test_the_scheduler_backs_up_when_due_once_and_retries_an_unplugged_drive(qtbot: QtBot, app: Application,
                                                                            tmp_path: Path) -> None:
    drive = tmp_path / "usb"
    drive.mkdir()
    save_plan(app.uow(), folder=str(drive), schedule="daily", keep_daily=7, keep_weekly=4, folder_exists=True)
    scheduler = BackupScheduler(app, worker=Worker(inline=True))
    failures: list[str] = []
    scheduler.failed.connect(failures.append)
    drive.rename(tmp_path / "away")
    scheduler.check()
    assert failures and "plugged in" in failures[0] and backup_status(app.uow()).last_at is None
    (tmp_path / "away").rename(drive)
    scheduler.check()
    assert len(list(drive.glob("legalaid-backup-*.sqlite"))) == 1
    scheduler.check()  # made a moment ago: not due again
    assert len(list(drive.glob("legalaid-backup-*.sqlite"))) == 1
    later = BackupScheduler(app, worker=Worker(inline=True),
                            clock=lambda: datetime.now(UTC) + timedelta(days=1, minutes=1))
    assert later.refresh() is not None and later.status is not None
    assert later.status.due(datetime.now(UTC) + timedelta(days=1, minutes=1))


def test_a_scheduled_backup_runs_off_the_gui_thread(qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    save_plan(app.uow(), folder=str(tmp_path), schedule="daily", keep_daily=7, keep_weekly=4,
              folder_exists=True)
    scheduler = BackupScheduler(app)
    with qtbot.waitSignal(scheduler.finished, timeout=10_000):
        scheduler.check()
        assert scheduler.running()  # returned at once; the copy is made on a pool thread
    assert backup_status(app.uow()).last_at is not None


# --- deadline lead times and court closures ------------------------------------------------------------


def test_a_court_closure_is_added_and_removed_through_the_form(qtbot: QtBot, app: Application) -> None:
    page = _settings(qtbot, app, "deadlines")
    panel = page.deadlines
    panel.jurisdiction.setCurrentText("KE")
    panel.closure_day.setDate(QDate(2026, 12, 28))
    QTest.mouseClick(panel.closure_add, Qt.MouseButton.LeftButton)
    assert panel.closure_problem.isVisible() and "reason" in panel.closure_problem.text()
    assert list_closures(app.uow()) == []
    QTest.keyClicks(panel.reason, "Court staff strike")
    QTest.mouseClick(panel.closure_add, Qt.MouseButton.LeftButton)
    assert [(c.jurisdiction_code, c.day, c.reason) for c in list_closures(app.uow())] == [
        ("KE", date(2026, 12, 28), "Court staff strike")]
    assert panel.closures.rowCount() == 1 and panel.outcome.text().startswith("✓")
    panel.closure_table.selectRow(0)
    QTest.mouseClick(panel.closure_remove, Qt.MouseButton.LeftButton)
    assert list_closures(app.uow()) == [] and panel.closures.rowCount() == 0


def test_a_lead_time_for_one_kind_is_set_from_a_date(qtbot: QtBot, app: Application) -> None:
    page = _settings(qtbot, app, "deadlines")
    panel = page.deadlines
    panel.lead_days.setValue(5)
    panel.lead_kind.setCurrentIndex(panel.lead_kind.findData("custody_time_limit"))
    panel.lead_from.setDate(QDate(2026, 7, 1))
    QTest.mouseClick(panel.lead_save, Qt.MouseButton.LeftButton)
    found = [(s.key, s.value, s.effective_from) for s in list_settings(app.uow())
             if s.key.startswith(LEAD_KEY)]
    assert found == [(f"{LEAD_KEY}.custody_time_limit", "5", date(2026, 7, 1))]
    assert panel.leads.rowCount() == 1


def _line(actor: str) -> AuditLine:
    return AuditLine(1, datetime(2026, 5, 1, tzinfo=UTC), actor, "pc", "open", "case", None, "", "h")


def test_audit_reads_run_off_the_gui_thread_and_a_read_for_older_filters_is_thrown_away(
        qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()

    def fetch(filters: AuditFilter, _before: int | None, _limit: int) -> list[AuditLine]:
        if filters.text == "slow":
            started.set()
            release.wait(5)
            return [_line("slow")]
        return [_line("fast")]

    model = AuditTableModel(fetch, worker=Worker())
    model.set_filters(AuditFilter(text="slow"))
    assert started.wait(5)
    assert model.rowCount() == 0 and model.reading()  # the GUI thread went on meanwhile
    model.set_filters(AuditFilter(text="fast"))
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    release.set()
    qtbot.wait(200)
    row = model.row_at(0)
    assert row is not None and row.actor == "fast" and model.filters().text == "fast"


def test_a_scheduled_backup_runs_whoever_is_signed_in_and_says_so_in_the_audit_log(
        qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    save_plan(app.uow(), folder=str(tmp_path), schedule="daily", keep_daily=7, keep_weekly=4,
              folder_exists=True)
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Grace Admin", SECRET)
    add_user(admin.uow(), name="Pat Paralegal", role=Role.PARALEGAL, password=SECRET,
             facilities=["Kamiti Remand"])
    paralegal = app.sign_in("Pat Paralegal", SECRET)
    scheduler = BackupScheduler(paralegal, worker=Worker(inline=True))
    failures: list[str] = []
    scheduler.failed.connect(failures.append)
    scheduler.check()
    assert failures == [] and len(list(tmp_path.glob("legalaid-backup-*.sqlite"))) == 1
    made = audit_lines(admin.uow(), filters=AuditFilter(action="backup"))
    assert [line.actor for line in made] == ["scheduled backup (signed in: Pat Paralegal)"]
    with pytest.raises(AccessDenied):  # on request, the paralegal's own permission counts
        backup(paralegal, tmp_path)
