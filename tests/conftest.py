"""Shared test setup: offscreen Qt, a real migrated SQLite file per test, builders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LEGALAID_LOG_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "legalaid-test-logs"))

from legalaid_desktop.app import Application, open_application


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "legalaid.sqlite"


@pytest.fixture
def app(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Application]:
    """A freshly created and migrated database on a real file, acting as user `tester`."""
    monkeypatch.delenv("LEGALAID_DB", raising=False)
    yield open_application(str(db_path), actor="tester")
