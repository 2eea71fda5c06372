"""The users section of Settings driven through its widgets: the first administrator (then signed in),
accounts added with a role and facilities, disabled, given a new password; the idle lock's minutes;
what a paralegal's Settings screen offers. Each result checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Role, SignInRefused
from legalaid_desktop.services import records
from legalaid_desktop.services.settings import idle_lock_minutes
from legalaid_desktop.services.users import add_user, list_users
from legalaid_desktop.ui.main import follow_first_sign_in
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.settings_page import SettingsPage
from legalaid_desktop.ui.users_panel import UsersPanel
from legalaid_desktop.ui.worker import Worker
from tests.builders import make_facility

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
SECRET = "correct horse battery staple"


def _panel(qtbot: QtBot, app: Application) -> UsersPanel:
    panel = UsersPanel(app)
    qtbot.addWidget(panel)
    panel.show()
    panel.load()
    return panel


def _tick(panel: UsersPanel, name: str) -> None:
    for i in range(panel.facilities.count()):
        item = panel.facilities.item(i)
        if item is not None and item.text() == name:
            item.setCheckState(Qt.CheckState.Checked)


@pytest.fixture
def admin(app: Application) -> Application:
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    records.create(app.uow(), make_facility(name="Langata Women's Prison"))
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    return app.sign_in("Grace Admin", SECRET)


def test_the_first_administrator_is_made_and_signed_in(qtbot: QtBot, app: Application) -> None:
    panel = _panel(qtbot, app)
    assert not panel.role.isEnabled() and panel.role.currentData() == "admin"
    QTest.keyClicks(panel.name, "Grace Admin")
    QTest.keyClicks(panel.password, SECRET)
    QTest.keyClicks(panel.again, SECRET + "x")
    QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert "differ" in panel.add_problem.text() and not app.accounts_exist()
    QTest.keyClicks(panel.again, SECRET)
    with qtbot.waitSignal(panel.signed_in) as signed:
        QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    signed_in = signed.args[0]
    assert isinstance(signed_in, Application)
    assert (signed_in.principal.name, signed_in.principal.role) == ("Grace Admin", Role.ADMIN)
    assert [u.name for u in list_users(signed_in.uow())] == ["Grace Admin"]
    with pytest.raises(SignInRefused):  # the unsigned application may no longer read anything
        list_users(app.uow())


def test_a_short_password_is_refused_beside_the_field_and_nothing_is_made(qtbot: QtBot,
                                                                         app: Application) -> None:
    panel = _panel(qtbot, app)
    QTest.keyClicks(panel.name, "Grace Admin")
    QTest.keyClicks(panel.password, "short")
    QTest.keyClicks(panel.again, "short")
    QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert "too short" in panel.add_problem.text() and panel.name.text() == "Grace Admin"
    assert not app.accounts_exist()


def test_after_the_first_administrator_the_window_is_signed_in_as_them(qtbot: QtBot,
                                                                       app: Application) -> None:
    window = MainWindow(app)
    qtbot.addWidget(window)
    windows = [window]
    follow_first_sign_in(window, windows)
    window.show()
    window.show_view("settings")
    panel = window.settings.users
    QTest.keyClicks(panel.name, "Grace Admin")
    QTest.keyClicks(panel.password, SECRET)
    QTest.keyClicks(panel.again, SECRET)
    QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert len(windows) == 1 and windows[0] is not window
    new = windows[0]
    qtbot.addWidget(new)
    assert new.user_label.text() == "Signed in as Grace Admin (admin)" and new.idle_lock is not None
    assert new.current_view() == "settings" and new.settings.users.table.isVisible()
    assert [u.name for u in new.settings.users.users.rows()] == ["Grace Admin"]


def test_an_administrator_adds_a_paralegal_for_one_facility(qtbot: QtBot, admin: Application) -> None:
    panel = _panel(qtbot, admin)
    QTest.keyClicks(panel.name, "Pat Paralegal")
    panel.role.setCurrentIndex(panel.role.findData("paralegal"))
    assert panel.facilities.isEnabled()
    QTest.keyClicks(panel.password, SECRET)
    QTest.keyClicks(panel.again, SECRET)
    QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert "at least one facility" in panel.add_problem.text()
    assert panel.password.text() == SECRET and panel.name.text() == "Pat Paralegal"  # input kept
    _tick(panel, "Kamiti Remand")
    QTest.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    lines = {u.name: u for u in list_users(admin.uow())}
    assert lines["Pat Paralegal"].role is Role.PARALEGAL
    assert lines["Pat Paralegal"].facilities == ("Kamiti Remand",)
    assert panel.users.rowCount() == 2 and "added" in panel.outcome.text()
    assert admin.sign_in("Pat Paralegal", SECRET).principal.facility_ids is not None


def test_the_selected_account_gets_a_new_password_then_is_disabled(qtbot: QtBot, admin: Application) -> None:
    add_user(admin.uow(), name="Lee Lawyer", role=Role.LAWYER, password=SECRET)
    panel = _panel(qtbot, admin)
    QTest.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert "Select the account" in panel.selected_problem.text()
    row = next(i for i in range(panel.users.rowCount()) if panel.users.row_at(i).name == "Lee Lawyer")
    panel.table.selectRow(row)
    QTest.keyClicks(panel.new_password, "a brand new passphrase")
    QTest.keyClicks(panel.new_again, "a brand new passphrase")
    QTest.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert admin.sign_in("Lee Lawyer", "a brand new passphrase").principal.name == "Lee Lawyer"
    row = next(i for i in range(panel.users.rowCount()) if panel.users.row_at(i).name == "Lee Lawyer")
    panel.table.selectRow(row)
    QTest.mouseClick(panel.disable, Qt.MouseButton.LeftButton)
    with pytest.raises(SignInRefused) as refused:
        admin.sign_in("Lee Lawyer", "a brand new passphrase")
    assert refused.value.reason == "disabled"
    assert panel.users.row_at(row).disabled


def test_the_idle_minutes_are_kept_and_reach_the_running_lock(qtbot: QtBot, admin: Application) -> None:
    window = MainWindow(admin)
    qtbot.addWidget(window)
    lock = window.start_idle_lock(10)
    assert lock is not None
    window.show()
    window.show_view("settings")
    panel = window.settings.users
    assert panel.idle.value() == 10
    panel.idle.setValue(3)
    QTest.mouseClick(panel.idle_save, Qt.MouseButton.LeftButton)
    assert idle_lock_minutes(admin.uow(), on=date.today()) == 3
    assert lock.minutes == 3


def test_a_paralegal_sees_no_audit_log_no_account_list_and_no_backup_buttons(qtbot: QtBot,
                                                                           admin: Application) -> None:
    add_user(admin.uow(), name="Pat Paralegal", role=Role.PARALEGAL, password=SECRET,
             facilities=["Kamiti Remand"])
    paralegal = admin.sign_in("Pat Paralegal", SECRET)
    page = SettingsPage(paralegal, worker=Worker(inline=True))
    qtbot.addWidget(page)
    page.show()
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert titles == ["Users", "Deadlines", "Backups"]
    page.show_section("users")
    assert not page.users.table.isVisible() and not page.users.add.isVisible()
    page.show_section("backups")
    assert not page.backups.now.isEnabled() and not page.backups.save.isEnabled()
    assert "Only coordinators and administrators" in page.backups.outcome.text()
    page.show_section("deadlines")
    assert not page.deadlines.closure_add.isEnabled()
