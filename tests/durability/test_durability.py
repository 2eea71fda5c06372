"""Killed and failing writers: every commit reported saved survives, nothing else claims to, and the
file stays a valid database.

The kill test starts a writer, lets it commit for a random moment and kills it with SIGKILL, over and
over (LEGALAID_KILL_COUNT times, 100 by default). The failed-write test limits how large the writer's
files may grow, so that its Nth write past the current size fails as a full disk would, for N = 1, 2, ...
Both run on an encrypted database, as the application makes by default: the writer gets the key on its
standard input, and the file is checked page by page (SQLCipher's HMACs) as well as by SQLite.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from legalaid_desktop.app import open_application
from legalaid_desktop.storage.engine import connect_raw
from legalaid_desktop.storage.keys import DatabaseKey

KILLS = int(os.environ.get("LEGALAID_KILL_COUNT", "100"))
FAILED_WRITES = int(os.environ.get("LEGALAID_FAILED_WRITE_COUNT", "12"))
ROOT = Path(__file__).resolve().parents[2]


KEYS: dict[Path, DatabaseKey] = {}
"""Each test database's key, as the test process made it (its keyring is in memory)."""


def start_writer(db: Path, first: int, *extra: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-m", "tests.durability.writer", str(db), str(first), *extra,
                                "--key-on-stdin"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(KEYS[db].recovery_text() + "\n")
    process.stdin.close()
    process.stdin = None  # communicate() later must not flush the closed pipe
    assert process.stdout.readline().strip() == "ready"
    return process


def outcome(lines: list[str]) -> tuple[set[int], set[int]]:
    saved = {int(line.split()[1]) for line in lines if line.startswith("saved ")}
    failed = {int(line.split()[1]) for line in lines if line.startswith("failed ")}
    return saved, failed


def stored_numbers(db: Path) -> set[int]:
    connection = connect_raw(db, KEYS[db])
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA cipher_integrity_check").fetchall() == []
        return {int(name.split()[1]) for (name,) in
                connection.execute("SELECT full_name FROM person WHERE full_name LIKE 'Durable %'")}
    finally:
        connection.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "durable.sqlite"
    app = open_application(str(path), actor="durability")
    assert app.key is not None
    KEYS[path] = app.key
    app.dispose()
    return path


def test_every_commit_reported_saved_survives_a_kill_at_a_random_moment(db: Path) -> None:
    rng = random.Random(int(os.environ.get("LEGALAID_KILL_SEED", "7")))
    acknowledged: set[int] = set()
    next_number = 0
    kills_mid_run = 0
    for _ in range(KILLS):
        writer = start_writer(db, next_number)
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        saved, failed = outcome(out.splitlines())
        assert not failed
        kills_mid_run += bool(saved)
        acknowledged |= saved
        stored = stored_numbers(db)  # also: the file is a valid database after every kill
        assert acknowledged <= stored, sorted(acknowledged - stored)[:5]
        next_number = max(stored | acknowledged, default=next_number) + 1
    # The kills must have landed while commits were going on, not only before the first one.
    assert kills_mid_run >= KILLS // 2
    print(f"\n{KILLS} kills, {len(acknowledged)} acknowledged commits verified")  # noqa: T201


def test_a_write_that_fails_like_a_full_disk_is_never_reported_saved(db: Path) -> None:
    reported_failures = 0
    next_number = 0
    for n in range(1, FAILED_WRITES + 1):
        size = max(p.stat().st_size for p in db.parent.glob("durable.sqlite*"))
        writer = start_writer(db, next_number, str(size + n * 4096))
        out, _ = writer.communicate(timeout=60)
        saved, failed = outcome(out.splitlines())
        assert failed, f"no write failed with a file limit {n} pages past the current size"
        reported_failures += len(failed)
        stored = stored_numbers(db)
        assert saved <= stored, sorted(saved - stored)[:5]
        assert not failed & stored, sorted(failed & stored)[:5]
        next_number = max(stored | saved | failed) + 1
    print(f"\n{FAILED_WRITES} limits, {reported_failures} failed writes reported and none stored")  # noqa: T201
