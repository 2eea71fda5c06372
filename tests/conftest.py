"""Shared test setup: offscreen Qt, a real migrated SQLite file per test, builders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LEGALAID_LOG_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "legalaid-test-logs"))

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.storage.integrity import end_all_sessions
from tests.memory_keyring import MemoryKeyring, using_keyring

# Property tests judge results, not speed (speed lives in tests/benchmarks/): a shared or slow
# machine must not fail an example for taking longer than hypothesis's default 200 ms.
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")


@pytest.fixture(autouse=True)
def sessions_end() -> Iterator[None]:
    """Each test's database sessions end cleanly with it, as a program's end would end them (the
    marks that tell an unclean end apart hold a file open each)."""
    yield
    end_all_sessions()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "legalaid.sqlite"


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring, so databases created encrypted (the default) keep
    their keys there and never in this machine's keyring; no passphrase leaks in from outside."""
    for name in ("LEGALAID_PASSPHRASE", "LEGALAID_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    with using_keyring(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Application]:
    """A freshly created and migrated database on a real file, acting as user `tester`.

    Unencrypted on purpose: many tests read the file with the standard sqlite3 module, and writer
    subprocesses open it without this process's in-memory keyring. Encryption has its own tests
    (tests/integration/test_encryption.py)."""
    monkeypatch.delenv("LEGALAID_DB", raising=False)
    yield open_application(str(db_path), actor="tester", encryption=False)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where reports and exports go: a folder of their own, apart from the database in tmp_path, so
    "nothing left behind" can be seen."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
