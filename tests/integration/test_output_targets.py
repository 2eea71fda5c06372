"""Exports, reports and recovery keys are written beside their target and renamed over it: a
target that is a device, a pipe or a socket must be refused, never replaced by a plain file."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main
from legalaid_desktop.services import records
from tests.builders import make_facility, make_person


@pytest.fixture
def pipe(tmp_path: Path) -> Path:
    path = tmp_path / "a-pipe"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [
    ["export", "json"],
    ["export", "register"],
    ["report", "caseload", "--by", "facility", "--force", "-o"],
])
def test_a_pipe_as_the_output_is_refused_and_stays_a_pipe(
        app: Application, pipe: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    facility = records.create(app.uow(), make_facility()).id
    person = records.create(app.uow(), make_person())
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                      facility_id=facility, register_number="R/1")
    assert main([*command, str(pipe), "--db", str(app.location.path)]) == 2
    assert "a device, a pipe or a socket" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in pipe.parent.iterdir() if p.name.startswith(".")] == []  # nothing staged left
