"""The recovery key offered in the GUI (saved only to the file picked, opening the database on a new
keyring), the status-bar reminder until a copy is kept, the daily background integrity check (off
the GUI thread; damage named with the last good backup and audited)."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from legalaid_desktop import app as app_module
from legalaid_desktop.app import Application, backup, import_recovery_key, open_application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.services import records
from legalaid_desktop.services.audit_view import AuditFilter, audit_lines
from legalaid_desktop.services.errors import DatabaseKeyError
from legalaid_desktop.services.integrity_watch import integrity_status
from legalaid_desktop.services.recovery_key import needs_reminder
from legalaid_desktop.services.users import add_user
from legalaid_desktop.storage.integrity import end_all_sessions
from legalaid_desktop.ui import integrity_check
from legalaid_desktop.ui.integrity_check import DamageDialog, IntegrityWatch
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.recovery_key_dialog import AskPath, RecoveryKeyDialog
from legalaid_desktop.ui.worker import Worker
from tests.builders import make_person
from tests.memory_keyring import MemoryKeyring, using_keyring

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
SECRET = "correct horse battery staple"
PAGE = 4096


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Application]:
    """A new encrypted database (its key in the test's in-memory keyring), no accounts yet."""
    application = open_application(str(tmp_path / "office.sqlite"), actor="tester")
    assert application.key is not None
    yield application
    application.dispose()


def _saving_to(path: Path) -> AskPath:
    def ask(_parent: QWidget, _pdf: bool, _suggested: str) -> str:
        return str(path)
    return ask


def _dialog(qtbot: QtBot, application: Application, target: Path) -> RecoveryKeyDialog:
    dialog = RecoveryKeyDialog(application, new=True, ask_path=_saving_to(target))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# --- the recovery key ---------------------------------------------------------------------------------


def test_the_saved_key_file_opens_the_database_on_a_new_keyring(qtbot: QtBot, encrypted: Application,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "usb" / "recovery.txt"
    target.parent.mkdir()
    dialog = _dialog(qtbot, encrypted, target)
    assert not dialog.done_button.isEnabled()  # "kept" only once a copy exists
    QTest.mouseClick(dialog.text, Qt.MouseButton.LeftButton)
    assert "✓ Saved to" in dialog.outcome.text() and dialog.done_button.isEnabled()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["recovery.txt"]  # no staging file left
    text = target.read_text()
    path = str(encrypted.location.path)
    assert encrypted.key is not None
    key_id = encrypted.key.key_id
    encrypted.dispose()
    end_all_sessions()

    with using_keyring(MemoryKeyring()):  # a new laptop: the database's key is not in its keyring
        with pytest.raises(DatabaseKeyError):
            open_application(path, create=False)
        assert import_recovery_key(path, text) == key_id
        reopened = open_application(path, create=False)
        assert reopened.key is not None
        reopened.dispose()


def test_the_page_to_print_carries_the_key_as_text(qtbot: QtBot, encrypted: Application,
                                                   tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "recovery.pdf"
    dialog = _dialog(qtbot, encrypted, target)
    QTest.mouseClick(dialog.pdf, Qt.MouseButton.LeftButton)
    page = PdfReader(BytesIO(target.read_bytes())).pages[0].extract_text()
    assert encrypted.key is not None
    groups = encrypted.key.recovery_text().split("-")
    assert "".join(groups) in "".join(page.split())  # printed in groups, spaced


def test_the_gui_offers_the_key_when_it_creates_an_encrypted_database_and_not_at_later_starts(
        qtbot: QtBot, encrypted: Application, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalaid_desktop.ui.main import offer_recovery_key

    offered: list[RecoveryKeyDialog] = []

    def shown(dialog: RecoveryKeyDialog) -> int:
        offered.append(dialog)
        return 0

    monkeypatch.setattr(RecoveryKeyDialog, "exec", shown)
    window = MainWindow(encrypted)
    qtbot.addWidget(window)
    offer_recovery_key(window, encrypted)  # just created: revision_before is None
    assert len(offered) == 1 and "office.sqlite" in offered[0].windowTitle()
    path = str(encrypted.location.path)
    encrypted.dispose()
    end_all_sessions()
    again = open_application(path, create=False)
    offer_recovery_key(window, again)  # an existing database: the status bar reminds instead
    assert len(offered) == 1
    again.dispose()


def test_a_folder_that_is_not_there_is_said_and_nothing_counts_as_kept(qtbot: QtBot, encrypted: Application,
                                                                      tmp_path: Path) -> None:
    dialog = _dialog(qtbot, encrypted, tmp_path / "unplugged" / "k.txt")
    QTest.mouseClick(dialog.text, Qt.MouseButton.LeftButton)
    assert "Cannot write" in dialog.outcome.text() and str(tmp_path / "unplugged") in dialog.outcome.text()
    assert not dialog.done_button.isEnabled() and dialog.saved == []


def test_escape_and_the_close_button_do_not_end_the_dialog_only_a_choice_does(
        qtbot: QtBot, encrypted: Application, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, encrypted, tmp_path / "k.txt")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    QTest.mouseClick(dialog.later, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not dialog.kept
    assert not (tmp_path / "k.txt").exists()  # nothing written without a choice of file
    assert encrypted.key is not None
    assert needs_reminder(encrypted.uow(), key_id=encrypted.key.key_id)


def test_the_status_bar_reminds_until_a_copy_is_kept_from_settings(qtbot: QtBot, encrypted: Application,
                                                                  tmp_path: Path) -> None:
    window = MainWindow(encrypted)
    qtbot.addWidget(window)
    window.show()
    reminder = window.recovery_reminder
    assert reminder.isVisible() and "Recovery key not kept" in reminder.text()
    panel = window.settings.backups
    window.show_view("settings")
    window.settings.show_section("backups")
    assert panel.recovery.isVisible()
    dialog = panel.show_recovery_key(_saving_to(tmp_path / "k.txt"))
    qtbot.waitUntil(dialog.isVisible)
    QTest.mouseClick(dialog.text, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.kept and not dialog.isVisible()
    assert not reminder.isVisible()
    again = MainWindow(encrypted)  # the fact is in the database: the next start does not remind
    qtbot.addWidget(again)
    again.show()
    assert not again.recovery_reminder.isVisible()
    actions = [line.action for line in audit_lines(encrypted.uow(), filters=AuditFilter(), limit=20)]
    assert "recovery_key_export" in actions and "recovery_key_kept" in actions


def test_an_unencrypted_database_has_no_recovery_key_to_keep(qtbot: QtBot, app: Application) -> None:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    assert not window.recovery_reminder.isVisible()
    window.show_view("settings")
    window.settings.show_section("backups")
    assert not window.settings.backups.recovery.isVisible()


def test_a_coordinator_has_no_recovery_key_entry_and_the_service_refuses(qtbot: QtBot, encrypted: Application,
                                                                        tmp_path: Path) -> None:
    add_user(encrypted.uow(), name="Ada Admin", role=Role.ADMIN, password=SECRET)
    admin = encrypted.sign_in("Ada Admin", SECRET)
    add_user(admin.uow(), name="Cy Coordinator", role=Role.COORDINATOR, password=SECRET)
    coordinator = encrypted.sign_in("Cy Coordinator", SECRET)
    window = MainWindow(coordinator)
    qtbot.addWidget(window)
    window.show()
    window.show_view("settings")
    window.settings.show_section("backups")
    assert not window.settings.backups.recovery.isVisible()
    assert window.recovery_reminder.isVisible()  # told, as plain text: whom to ask
    assert "administrator" in window.recovery_reminder.toolTip()
    assert "<a" not in window.recovery_reminder.text()

    target = tmp_path / "stolen.txt"
    with pytest.raises(AccessDenied):
        app_module.save_recovery_key(coordinator, target, pdf=False)
    assert list(tmp_path.glob("*stolen*")) == [] and list(tmp_path.glob(".stolen*")) == []
    lines = audit_lines(admin.uow(), filters=AuditFilter(), limit=20)
    assert any(line.action == "refused" and "manage_database" in line.changes for line in lines)
    admin_window = MainWindow(admin)
    qtbot.addWidget(admin_window)
    admin_window.show()
    admin_window.show_view("settings")
    admin_window.settings.show_section("backups")
    assert admin_window.settings.backups.recovery.isVisible()


# --- the background integrity check -----------------------------------------------------------------


@pytest.fixture
def filled(app: Application, tmp_path: Path) -> Application:
    for n in range(300):  # enough rows for pages well past the schema's
        records.create(app.uow(), make_person(full_name=f"Person Number{n} Example{n}"))
    backup(app, tmp_path / "last-good.sqlite")
    return app


def test_the_check_runs_off_the_gui_thread_once_a_day_and_settings_shows_when(
        qtbot: QtBot, filled: Application, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    real = app_module.check_integrity

    def watched(application: Application) -> str | None:
        threads.append(threading.current_thread())
        return real(application)

    monkeypatch.setattr(integrity_check, "check_integrity", watched)
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    watch = window.settings.integrity
    with qtbot.waitSignal(watch.checked, timeout=20_000, check_params_cb=lambda s: s.last_at is not None):
        assert watch.check() is not None
        assert watch.running()  # returned at once
    assert threads and threads[0] is not threading.main_thread()
    status = integrity_status(filled.uow())
    assert status.last_at is not None and status.problem is None
    assert watch.check() is None  # checked today: not again
    later = IntegrityWatch(filled, window, clock=lambda: datetime.now(UTC) + timedelta(days=1, minutes=1))
    assert later.refresh() is not None and later.status is not None
    assert later.status.due(datetime.now(UTC) + timedelta(days=1, minutes=1))
    window.show_view("settings")
    window.settings.show_section("backups")
    shown = window.settings.backups.integrity.text()
    assert "Last integrity check" in shown and "sound" in shown
    assert status.last_at.astimezone().strftime("%Y-%m-%d %H:%M") in shown


def test_damage_found_in_the_background_names_the_last_backup_and_the_restore_and_is_audited(
        qtbot: QtBot, filled: Application, tmp_path: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    filled.dispose()  # the pages written out to the file (the WAL checkpointed at the last close)
    db = filled.location.path
    data = bytearray(db.read_bytes())
    pages = len(data) // PAGE
    assert pages > 10
    middle = (pages // 2) * PAGE
    data[middle:middle + PAGE] = bytes([0xA5]) * PAGE  # a page of garbage, as a failing disk leaves
    db.write_bytes(bytes(data))

    watch = IntegrityWatch(filled, window, worker=Worker(inline=True))
    heard: list[str] = []
    watch.damaged.connect(heard.append)
    watch.check(force=True)
    assert heard
    dialog = watch.dialog
    assert isinstance(dialog, DamageDialog)
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.message.text()
    assert str(tmp_path / "last-good.sqlite") in text
    assert f"legalaid restore {tmp_path / 'last-good.sqlite'}" in text
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()  # not dismissed by accident
    QTest.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    lines = audit_lines(filled.uow(), filters=AuditFilter(), limit=20)
    assert any(line.action == "integrity_check_failed" for line in lines)
    assert integrity_status(filled.uow()).problem


def test_the_main_window_warns_in_its_status_bar_once_damage_is_found(qtbot: QtBot, app: Application) -> None:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.settings.integrity.damaged.emit("database disk image is malformed")
    assert "damaged" in window.notice.text() and "restore" in window.notice.text()
