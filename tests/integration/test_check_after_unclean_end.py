"""The check at start after a session that did not end cleanly, on real files and real processes:
a sound file opens (checked once), a damaged one is refused with the last good backup named and is
left byte for byte as it was, and a session still running is not mistaken for a dead one."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from legalaid_desktop import app as app_module
from legalaid_desktop.app import backup, open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.messages import EXIT_INTEGRITY, describe
from legalaid_desktop.services import records
from legalaid_desktop.services.errors import DatabaseDamagedError
from legalaid_desktop.storage.integrity import end_all_sessions, sessions_folder
from tests.builders import make_person

PAGE = 4096


def _run(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdin=subprocess.PIPE)


def _die_holding(db: Path) -> None:
    """Another process opens the database, then ends without closing (no atexit: a crash, a kill)."""
    process = _run(f"""
        import os
        from legalaid_desktop.app import open_application
        open_application({str(db)!r}, actor="crashing", encryption=False)
        os._exit(0)
        """)
    assert process.wait(timeout=120) == 0


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    heard: list[str] = []
    monkeypatch.setattr(app_module, "integrity_notice", heard.append)
    yield heard
    end_all_sessions()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    application = open_application(str(path), actor="tester", encryption=False)
    for n in range(300):  # enough rows for pages well past the schema's
        records.create(application.uow(), make_person(full_name=f"Person Number{n} Example{n}"))
    backup(application, tmp_path / "last-good.sqlite")
    application.dispose()
    end_all_sessions()  # this test's own session ends cleanly
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clean_end_leaves_no_mark_and_the_next_start_does_not_check(db: Path, notices: list[str]) -> None:
    assert not sessions_folder(db).exists()
    open_application(str(db), actor="tester")
    assert notices == []
    assert len(list(sessions_folder(db).glob("*.open"))) == 1  # ours, while we run


def test_after_an_unclean_end_a_sound_file_is_checked_once_and_opens(db: Path, notices: list[str]) -> None:
    _die_holding(db)
    assert len(list(sessions_folder(db).glob("*.open"))) == 1  # the dead session's mark
    application = open_application(str(db), actor="tester")
    assert len(notices) == 1 and "did not end cleanly" in notices[0]
    with application.uow() as uow:
        assert uow.reads is not None
    open_application(str(db), actor="tester")  # opened again by the same process: no second check
    assert len(notices) == 1
    assert len(list(sessions_folder(db).glob("*.open"))) == 1  # the stale mark is gone, ours stays


def test_after_an_unclean_end_a_damaged_file_is_refused_naming_the_backup_and_left_as_it_was(
        db: Path, tmp_path: Path, notices: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _die_holding(db)
    data = bytearray(db.read_bytes())
    pages = len(data) // PAGE
    assert pages > 10
    middle = (pages // 2) * PAGE
    data[middle:middle + PAGE] = bytes([0xA5]) * PAGE  # a page of garbage, as a failing disk leaves
    db.write_bytes(bytes(data))
    before = _digest(db)

    with pytest.raises(DatabaseDamagedError) as caught:
        open_application(str(db), actor="tester")
    message, code = describe(caught.value)
    assert code == EXIT_INTEGRITY
    assert str(tmp_path / "last-good.sqlite") in message and "legalaid restore" in message
    assert _digest(db) == before  # no migration, no recompute, no write of any kind

    # The next start checks again (the refusal did not count as a clean session), on the command line.
    assert main(["cases", "--db", str(db)]) == EXIT_INTEGRITY
    assert "is damaged" in capsys.readouterr().err
    assert _digest(db) == before


def test_a_session_still_running_is_not_taken_for_an_unclean_end(db: Path, notices: list[str]) -> None:
    other = _run(f"""
        import sys
        from legalaid_desktop.app import open_application
        open_application({str(db)!r}, actor="colleague", encryption=False)
        print("open", flush=True)
        sys.stdin.read()
        """)
    try:
        assert other.stdin is not None
        for _ in range(600):
            if len(list(sessions_folder(db).glob("*.open"))) == 1:
                break
            other.poll()
            assert other.returncode is None
            time.sleep(0.1)
        open_application(str(db), actor="tester")
        assert notices == []
        assert len(list(sessions_folder(db).glob("*.open"))) == 2
    finally:
        assert other.stdin is not None
        other.stdin.close()
        assert other.wait(timeout=60) == 0
    assert len(list(sessions_folder(db).glob("*.open"))) == 1  # the colleague ended cleanly
