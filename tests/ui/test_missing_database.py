"""`legalaid-desktop --db PATH` for a PATH with no database: refused without a user to ask, asked
otherwise, and a new database is made only on the explicit choice (a typo must not look like lost data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.ui import missing_database
from legalaid_desktop.ui.missing_database import Choice, MissingDatabaseDialog, database_to_open

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")  # offscreen


def _run_desktop(tmp_path: Path, *args: str, db_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "LEGALAID_PASSPHRASE": "a long enough passphrase",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    if db_env is not None:
        env["LEGALAID_DB"] = db_env
    return subprocess.run([sys.executable, "-m", "legalaid_desktop.ui.main", *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)


@pytest.mark.parametrize("given", ["option", "environment"])
def test_a_screenshot_of_a_database_that_is_not_there_is_refused_and_creates_nothing(
        tmp_path: Path, given: str) -> None:
    (tmp_path / "work").mkdir()
    shot = tmp_path / "nodb.png"
    if given == "option":
        done = _run_desktop(tmp_path, "--db", "work/nosuch.sqlite", "--screenshot", str(shot))
    else:
        done = _run_desktop(tmp_path, "--screenshot", str(shot), db_env="work/nosuch.sqlite")
    assert done.returncode == 2, done.stderr
    assert "there is no database there" in done.stderr
    assert "legalaid init --db PATH" in done.stderr  # the command line's words
    assert list((tmp_path / "work").iterdir()) == []  # no database, no key file
    assert not shot.exists()


def test_the_first_start_without_db_still_makes_the_default_database(tmp_path: Path) -> None:
    """As the README says: without --db or LEGALAID_DB, the database in the user data folder is made."""
    done = _run_desktop(tmp_path, "--screenshot", str(tmp_path / "first.png"))
    assert done.returncode == 0, done.stderr
    made = tmp_path / ".local" / "share" / "legalaid-desktop" / "legalaid.sqlite"
    assert made.is_file() and made.with_name("legalaid.sqlite.key.json").is_file()


def test_the_question_names_the_path_and_the_missing_folder_and_enter_does_not_create(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "work" / "nosuch.sqlite"
    dialog = MissingDatabaseDialog(path)
    qtbot.addWidget(dialog)
    assert str(path) in dialog.text()
    assert "Nothing has been created" in dialog.informativeText()
    assert f"in a new folder {path.parent}" in dialog.informativeText()
    labels = [b.text().replace("&", "") for b in dialog.buttons()]
    assert sorted(labels) == sorted(["Create a new one there", "Choose another…", "Quit"])
    assert dialog.defaultButton() is dialog.choose_button
    assert dialog.escapeButton() is dialog.quit_button

    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    chosen_by_enter = dialog.choice
    dialog.create_button.click()
    assert (chosen_by_enter, dialog.choice) == (Choice.CHOOSE, Choice.CREATE)
    assert not path.parent.exists()  # the dialog itself makes nothing


def test_the_question_does_not_mention_a_new_folder_when_the_folder_exists(
        qtbot: QtBot, tmp_path: Path) -> None:
    dialog = MissingDatabaseDialog(tmp_path / "nosuch.sqlite")
    qtbot.addWidget(dialog)
    assert "new folder" not in dialog.informativeText()
    assert "starts empty" in dialog.informativeText()


def test_create_quit_and_choose_another_each_lead_where_they_say(tmp_path: Path) -> None:
    missing = tmp_path / "nosuch.sqlite"
    other = tmp_path / "office.sqlite"
    other.write_bytes(b"")
    assert database_to_open(missing, asking=lambda p: Choice.CREATE) == (missing, True)
    assert database_to_open(missing, asking=lambda p: Choice.QUIT) is None
    # Choose another…, the file dialog cancelled: asked again; then a file chosen: opened, not created.
    answers = iter([Choice.CHOOSE, Choice.CHOOSE])
    picked = iter([None, other])
    assert database_to_open(missing, asking=lambda p: next(answers),
                            choosing=lambda p: next(picked)) == (other, False)
    answers = iter([Choice.CHOOSE, Choice.QUIT])
    assert database_to_open(missing, asking=lambda p: next(answers), choosing=lambda p: None) is None


def test_quit_in_the_window_opens_and_creates_nothing(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalaid_desktop.ui.main import main

    asked: list[Path] = []

    def quit_(path: Path) -> Choice:
        asked.append(path)
        return Choice.QUIT

    monkeypatch.setattr(missing_database, "ask", quit_)
    monkeypatch.delenv("LEGALAID_DB", raising=False)
    path = tmp_path / "work" / "nosuch.sqlite"
    assert main(["--db", str(path)]) == 0
    assert asked == [path]
    assert not path.parent.exists()


def test_create_in_the_window_makes_the_database_there_and_opens_it(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from legalaid_desktop.app import open_application
    from legalaid_desktop.ui import main as gui

    monkeypatch.setattr(missing_database, "ask", lambda path: Choice.CREATE)
    offered: list[object] = []
    monkeypatch.setattr(gui, "offer_recovery_key", lambda window, application: offered.append(window))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)  # the window is shown; no event loop
    monkeypatch.delenv("LEGALAID_DB", raising=False)
    path = tmp_path / "work" / "new.sqlite"
    assert gui.main(["--db", str(path)]) == 0
    assert len(offered) == 1  # a new encrypted database: its recovery key is offered
    window = offered[0]
    window.close()  # type: ignore[attr-defined]
    window.deleteLater()  # type: ignore[attr-defined]
    assert open_application(str(path), create=False).revision_before is not None
