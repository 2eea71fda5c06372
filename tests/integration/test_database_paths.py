"""Database paths, new databases and restore sources on the command line: a folder that cannot be made
is named with the reason (never an internal error), a folder made is said, every command that creates
an encrypted database hands over its recovery key, and a restore refuses what is not a backup."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from legalaid_desktop.app import open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.storage import keys
from legalaid_desktop.storage.engine import key_opens

RECOVERY_LINE = re.compile(r"^[0-9A-F]{8}(-[0-9A-F]{8}){7}$", re.MULTILINE)


def test_init_under_a_file_names_the_file_in_the_way_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = tmp_path / "kamiti-register.csv"
    register.write_text("name,dob\n")
    assert main(["init", "--jurisdiction", "KE", "--db", str(register / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert f"its folder {register} is a file, not a folder" in err
    assert register.read_text() == "name,dob\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kamiti-register.csv"]


def test_a_file_deeper_up_the_path_is_named_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert main(["demo", "--cases", "2", "--db", str(tmp_path / "notes.txt" / "a" / "demo.sqlite")]) == 2
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc: no folder can be made there")
def test_a_folder_the_system_will_not_make_is_exit_2_with_the_reason(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--cases", "10", "--db", "/proc/nope/demo.sqlite"]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert "the folder /proc/nope does not exist and cannot be created" in err


@pytest.mark.parametrize("command", [["init"], ["demo", "--cases", "2"]])
def test_a_missing_folder_for_a_new_database_is_made_and_said(
        tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nodir" / "sub" / "office.sqlite"
    assert main([*command, "--db", str(path)]) == 0
    assert path.is_file()
    assert f"created the folder {path.parent} for the new database office.sqlite" in capsys.readouterr().err
    again = ["--append", "--cases", "1"] if "demo" in command else []
    assert main([*command[:1], "--db", str(path), *again]) == 0
    assert "created the folder" not in capsys.readouterr().err  # said once, when it was made


def test_a_report_into_a_missing_folder_is_refused_as_its_message_says(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A new database's folder is made; a report's is not (an unplugged drive must not become a folder
    on the laptop's disk), and the message says so."""
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--cases", "2", "--db", str(db)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("LEGALAID_PASSWORD", "demo-password")
    out = tmp_path / "nodir" / "stats.pdf"
    assert main(["--user", "demo", "report", "statistics", "--db", str(db), "-o", str(out)]) == 2
    assert f"a file in an existing folder ({out.parent} is not one)" in capsys.readouterr().err
    assert not out.parent.exists()


def test_a_backup_into_a_missing_folder_is_refused_as_a_report_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder of a backup is never made: /media/usb/legalaid with the drive unplugged must not
    quietly become a folder on the laptop's own disk."""
    db = tmp_path / "office.sqlite"
    open_application(str(db), encryption=False).dispose()
    out = tmp_path / "usb" / "legalaid" / "b.sqlite"
    assert main(["backup", str(out), "--db", str(db)]) == 2
    assert f"a file in an existing folder ({out.parent} is not one)" in capsys.readouterr().err
    assert not (tmp_path / "usb").exists()


def _backup_of(tmp_path: Path) -> Path:
    source = tmp_path / "office.sqlite"
    open_application(str(source), encryption=False).dispose()
    backup = tmp_path / "legalaid-backup-20261129-180000.sqlite"
    with sqlite3.connect(source) as a, sqlite3.connect(backup) as b:
        a.backup(b)
    return backup


def test_restoring_a_text_file_says_it_is_not_a_backup_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "backups").mkdir()
    bad = tmp_path / "backups" / "bad.sqlite"
    bad.write_text("oops!\n\n")
    target = tmp_path / "restored.sqlite"
    assert main(["restore", str(bad), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "bad.sqlite: it is not a legalaid database backup (it is not an SQLite or SQLCipher file)" in err
    assert "encrypted" not in err.replace("SQLCipher", "")
    assert not target.exists()


def test_restoring_a_path_that_is_not_there_is_an_input_error_with_advice_that_fits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.sqlite"
    open_application(str(target), encryption=False).dispose()
    before = target.read_bytes()
    assert main(["restore", str(tmp_path / "nosuch.sqlite"), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "there is no file there (check the path" in err
    assert "restore a backup" not in err
    assert target.read_bytes() == before


def test_restoring_an_empty_file_or_a_folder_says_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert main(["restore", str(empty), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "it is empty, not a legalaid database backup" in capsys.readouterr().err
    assert main(["restore", str(tmp_path), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "it is a folder" in capsys.readouterr().err


def test_a_real_backup_still_restores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = _backup_of(tmp_path)
    assert main(["restore", str(backup), "--db", str(tmp_path / "restored.sqlite")]) == 0
    assert "Restored" in capsys.readouterr().out


def test_a_damaged_backup_is_an_integrity_failure_whose_advice_fits_a_restore(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(_backup_of(tmp_path).read_bytes())
    middle = len(data) // 2 // 4096 * 4096  # a page's header in the middle of the file
    data[middle:middle + 64] = b"\xff" * 64
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data))
    target = tmp_path / "office.sqlite"
    before = target.read_bytes()
    assert main(["restore", str(damaged), "--db", str(target)]) == 5
    err = capsys.readouterr().err
    assert f"The backup {damaged} cannot be restored: it " in err
    assert "Nothing was replaced; restore an older backup." in err
    assert "Check the path, or restore a backup" not in err
    assert target.read_bytes() == before


def test_an_encrypted_file_without_its_key_is_still_called_encrypted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Random whole pages (what an SQLCipher file looks like) are not taken for a stray file."""
    made = tmp_path / "made" / "office.sqlite"
    open_application(str(made)).dispose()  # encrypted, its key in the test keyring
    locked = tmp_path / "locked.sqlite"
    locked.write_bytes(made.read_bytes())  # without its key file beside it: no key at hand
    assert keys.could_be_encrypted(locked)
    assert main(["restore", str(locked), "--db", str(tmp_path / "x.sqlite")]) == 6
    assert "encrypted" in capsys.readouterr().err


def _export(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--cases", "3", "--db", str(db)]) == 0
    out = tmp_path / "everything.json"
    assert main(["--user", "demo", "export", "json", str(out), "--db", str(db)]) == 0
    return out


def test_import_json_into_a_new_database_shows_its_recovery_key_as_init_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALAID_PASSWORD", "demo-password")
    export = _export(tmp_path)
    capsys.readouterr()
    new = tmp_path / "new.sqlite"
    assert main(["import", "json", str(export), "--db", str(new)]) == 0
    captured = capsys.readouterr()
    assert "Recovery key (key id" in captured.err and "keep it away from the computer" in captured.err
    shown = RECOVERY_LINE.search(captured.out)
    assert shown is not None
    # The key shown is this database's: it opens the file on a computer whose keyring lacks it.
    key_id = keys.read_key_file(new).current.key_id  # type: ignore[union-attr]
    assert key_opens(new, keys.parse_recovery_text(shown.group(0), key_id=key_id))
    assert json.loads(export.read_text())  # the import itself went on after the key

    assert main(["import", "json", str(export), "--db", str(new)]) == 0
    again = capsys.readouterr()
    assert "Recovery key" not in again.err and RECOVERY_LINE.search(again.out) is None  # not a new database


def test_init_still_shows_the_key_once_and_can_write_it_to_a_file_instead(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    key_file = tmp_path / "key.txt"
    assert main(["init", "--db", str(db), "--recovery-key", str(key_file)]) == 0
    captured = capsys.readouterr()
    assert RECOVERY_LINE.search(captured.out) is None
    assert f"written to {key_file}" in captured.err
    assert RECOVERY_LINE.search(key_file.read_text())
    assert main(["init", "--db", str(db)]) == 0
    assert "Recovery key" not in capsys.readouterr().err
