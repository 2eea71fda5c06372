"""Signing in before the main window, the demo administrator, and the idle lock that hides every
window's contents (keeping what was typed) until the signed-in user's password is given."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Role, SignInRefused
from legalaid_desktop.services.users import DEMO_ADMIN, DEMO_PASSWORD, LOCK_AFTER, add_user
from legalaid_desktop.ui.main import sign_in_demo
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.sign_in import SignInDialog, refusal_text

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
SECRET = "correct horse battery staple"


@pytest.fixture
def accounts(app: Application) -> Application:
    """A database with an administrator (the application itself not signed in)."""
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    return app


def _dialog(qtbot: QtBot, app: Application, name: str = "") -> SignInDialog:
    dialog = SignInDialog(app.sign_in, app.location.path.name, name=name)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_a_wrong_password_is_said_beside_the_field_and_the_name_is_kept(qtbot: QtBot,
                                                                       accounts: Application) -> None:
    dialog = _dialog(qtbot, accounts)
    form = dialog.form
    QTest.keyClicks(form.name, "Grace Admin")
    QTest.keyClick(form.name, Qt.Key.Key_Return)  # on to the password
    assert form.password.hasFocus()
    QTest.keyClicks(form.password, "not the password")
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert form.problem.isVisible() and "not right" in form.problem.text()
    assert form.name.text() == "Grace Admin" and form.password.text() == ""
    QTest.keyClicks(form.password, SECRET)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    signed_in = dialog.result_value
    assert isinstance(signed_in, Application)
    assert (signed_in.principal.name, signed_in.principal.role) == ("Grace Admin", Role.ADMIN)


def test_a_locked_account_says_until_when_and_how_long_to_wait(qtbot: QtBot, accounts: Application) -> None:
    dialog = _dialog(qtbot, accounts, name="Grace Admin")
    for _attempt in range(LOCK_AFTER):
        QTest.keyClicks(dialog.form.password, "wrong guess")
        QTest.keyClick(dialog.form.password, Qt.Key.Key_Return)
    QTest.keyClicks(dialog.form.password, SECRET)  # even the right password waits
    QTest.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "locked until" in dialog.form.problem.text() and "seconds" in dialog.form.problem.text()


def test_refusals_do_not_tell_a_stranger_which_names_exist() -> None:
    now = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    unknown = refusal_text(SignInRefused("nobody", "unknown_user"), now)
    wrong = refusal_text(SignInRefused("grace", "wrong_password"), now)
    assert unknown == wrong
    locked = refusal_text(SignInRefused("grace", "locked", locked_until=now + timedelta(minutes=4)), now)
    assert "in 4 minutes" in locked
    assert "disabled" in refusal_text(SignInRefused("grace", "disabled"), now)


def test_an_empty_password_is_asked_for_without_a_sign_in_attempt(qtbot: QtBot,
                                                                   accounts: Application) -> None:
    dialog = _dialog(qtbot, accounts, name="Grace Admin")
    QTest.mouseClick(dialog.form.button, Qt.MouseButton.LeftButton)
    assert dialog.form.problem.text().endswith("Type your password.")


def test_a_demo_database_signs_in_as_its_administrator_and_shows_the_credentials(
        qtbot: QtBot, app: Application) -> None:
    signed_in, notice = sign_in_demo(app)
    assert (signed_in.principal.name, signed_in.principal.role) == (DEMO_ADMIN, Role.ADMIN)
    window = MainWindow(signed_in)
    qtbot.addWidget(window)
    window.show_notice(notice)
    assert DEMO_PASSWORD in window.notice.text() and DEMO_ADMIN in window.notice.text()
    assert window.user_label.text() == f"Signed in as {DEMO_ADMIN} (admin)"


def test_without_accounts_the_status_bar_says_anyone_can_open_the_records(qtbot: QtBot,
                                                                         app: Application) -> None:
    window = MainWindow(app)
    qtbot.addWidget(window)
    assert "No user accounts yet" in window.notice.text() and "Settings" in window.notice.text()
    assert window.start_idle_lock(10) is None  # nobody could unlock it


def _run_gui(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "legalaid_desktop.ui.main", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
                          check=False)


def test_screenshots_of_a_database_with_accounts_sign_in_from_the_environment(accounts: Application,
                                                                             tmp_path: Path) -> None:
    shot = tmp_path / "cases.png"
    db = str(accounts.location.path)
    accounts.dispose()
    refused = _run_gui(["--db", db, "--screenshot", str(shot)],
                       {"LEGALAID_USER": "", "LEGALAID_PASSWORD": ""})
    assert refused.returncode == 7 and "LEGALAID_USER" in refused.stderr and not shot.exists()
    wrong = _run_gui(["--db", db, "--screenshot", str(shot)],
                     {"LEGALAID_USER": "Grace Admin", "LEGALAID_PASSWORD": "nope nope nope"})
    assert wrong.returncode == 7 and not shot.exists()
    done = _run_gui(["--db", db, "--screenshot", str(shot)],
                    {"LEGALAID_USER": "Grace Admin", "LEGALAID_PASSWORD": SECRET})
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 10_000


# --- the idle lock -----------------------------------------------------------------------------------


def _signed_in_window(qtbot: QtBot, accounts: Application) -> MainWindow:
    window = MainWindow(accounts.sign_in("Grace Admin", SECRET))
    qtbot.addWidget(window)
    window.show()
    window.show_view("cases")
    window.load()
    return window


def test_after_the_idle_time_the_contents_hide_and_typing_is_kept_for_after_the_password(
        qtbot: QtBot, accounts: Application) -> None:
    window = _signed_in_window(qtbot, accounts)
    search = window.cases.search
    search.setFocus()
    QTest.keyClicks(search, "amina")
    assert search.isVisible()
    lock = window.start_idle_lock(0.005, poll_ms=20)  # 0.3 s without use
    assert lock is not None
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    central = window.centralWidget()
    assert central is not None and not central.isVisible() and not search.isVisible()
    panel = lock.panels()[0]
    assert panel.isVisible() and "Grace Admin" in [w.text() for w in panel.findChildren(type(window.notice))]
    QTest.keyClicks(search, "xyz")  # a hidden form takes no typing
    assert search.text() == "amina"
    QTest.keyClicks(panel.form.password, "not it at all")
    QTest.keyClick(panel.form.password, Qt.Key.Key_Return)
    assert lock.is_locked and panel.form.problem.isVisible()
    QTest.keyClicks(panel.form.password, SECRET)
    QTest.keyClick(panel.form.password, Qt.Key.Key_Return)
    assert not lock.is_locked
    assert central.isVisible() and search.isVisible() and search.text() == "amina"
    assert window.statusBar().isVisible()


def test_activity_keeps_the_window_unlocked(qtbot: QtBot, accounts: Application) -> None:
    window = _signed_in_window(qtbot, accounts)
    lock = window.start_idle_lock(0.01, poll_ms=20)  # 0.6 s
    assert lock is not None
    for _i in range(8):
        qtbot.wait(100)
        QTest.mouseMove(window.cases.table.viewport())
        QTest.keyClick(window.cases.search, Qt.Key.Key_Shift)
    assert not lock.is_locked


def test_a_dialog_open_at_the_lock_is_covered_too_and_comes_back_with_its_input(
        qtbot: QtBot, accounts: Application) -> None:
    window = _signed_in_window(qtbot, accounts)
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    QTest.keyClicks(field, "half written note")
    lock = window.start_idle_lock(10)
    assert lock is not None
    lock.lock()
    assert not field.isVisible() and len(lock.panels()) == 2
    dialog_panel = next(p for p in lock.panels() if p.parentWidget() is dialog)
    QTest.keyClicks(dialog_panel.form.password, SECRET)
    QTest.keyClick(dialog_panel.form.password, Qt.Key.Key_Return)
    assert not lock.is_locked and field.isVisible() and field.text() == "half written note"
    assert dialog.isVisible()


def test_a_locked_window_does_not_close_until_its_password_is_given(qtbot: QtBot,
                                                                   accounts: Application) -> None:
    window = MainWindow(accounts.sign_in("Grace Admin", SECRET))
    qtbot.addWidget(window)
    window.show()
    dialog = QDialog(window)  # a form half filled in, open at the lock
    dialog.show()
    lock = window.start_idle_lock(10)
    assert lock is not None
    lock.lock()
    panel = next(p for p in lock.panels() if p.parentWidget() is window)
    assert not window.close() and not dialog.close()
    assert window.isVisible() and dialog.isVisible() and lock.is_locked
    assert panel.closing.isVisible() and "unlock it first" in panel.closing.text()
    QTest.keyClicks(panel.form.password, SECRET)
    QTest.keyClick(panel.form.password, Qt.Key.Key_Return)
    assert not lock.is_locked
    assert dialog.close() and window.close()
