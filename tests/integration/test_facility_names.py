"""Facility names as a newcomer types them: a misspelt facility in a register import is refused with
"did you mean" (nothing written) instead of silently becoming a second facility, and every command finds
a facility by name the same way (case and spacing aside) with the same suggestion on a near miss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.services import records
from tests.integration.test_register_import import GOOD, HEADER, write_register

KAMITI = "Kamiti Maximum Security Prison"
TYPO = "Kamiti Maximum Security Prisn"


@pytest.fixture
def kamiti(app: Application) -> str:
    records.create(app.uow(), Facility(name=KAMITI, jurisdiction_code="KE"))
    return str(app.location.path)


def facilities(db: str) -> list[str]:
    with sqlite3.connect(db) as raw:
        return [name for (name,) in raw.execute("SELECT name FROM facility ORDER BY name")]


def people(db: str) -> int:
    with sqlite3.connect(db) as raw:
        return int(raw.execute("SELECT count(*) FROM person").fetchone()[0])


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "typo.csv"
    write_register(path, GOOD[:1])
    return path


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_misspelt_facility_is_refused_with_did_you_mean_and_nothing_is_written(
        kamiti: str, register: Path, capsys: pytest.CaptureFixture[str], dry_run: list[str]) -> None:
    code = main(["import", "register", str(register), "--db", kamiti, "--facility", TYPO, *dry_run])

    assert code == 2
    captured = capsys.readouterr()
    err = one_line(captured.err)
    assert f"did you mean '{KAMITI}'? Nothing was imported." in err
    assert f'--new-facility "{TYPO}"' in err  # how to record a new one on purpose
    assert "?." not in err
    assert "imported" not in captured.out and "new facility" not in captured.out
    assert facilities(kamiti) == [KAMITI] and people(kamiti) == 0
    assert not Path(f"{register}.rejects.csv").exists()


def test_a_facility_close_to_a_recorded_one_is_recorded_when_the_user_says_it_is_new(
        kamiti: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    medium = "Kamiti Medium Security Prison"  # a real, different prison, two letters from Kamiti's
    path = tmp_path / "medium.csv"
    write_register(path, GOOD[:1])
    assert main(["import", "register", str(path), "--db", kamiti, "--facility", medium]) == 2
    assert f"did you mean '{KAMITI}'?" in one_line(capsys.readouterr().err)

    assert main(["import", "register", str(path), "--db", kamiti, "--facility", medium,
                 "--new-facility", medium, "--jurisdiction", "KE"]) == 0
    assert f"new facility recorded: {medium}" in capsys.readouterr().out
    assert facilities(kamiti) == [KAMITI, medium]


def test_a_facility_column_naming_a_near_miss_is_refused_with_its_row(
        kamiti: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "column.csv"
    write_register(path, [[*GOOD[0], KAMITI], [*GOOD[1], TYPO]], header=[*HEADER, "Facility"])

    assert main(["import", "register", str(path), "--db", kamiti]) == 2
    err = one_line(capsys.readouterr().err)
    assert f"Row 3 names the facility '{TYPO}', which is not recorded: did you mean '{KAMITI}'?" in err
    assert facilities(kamiti) == [KAMITI] and people(kamiti) == 0


def test_a_facility_differing_only_in_case_and_spacing_is_the_recorded_one(
        kamiti: str, register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "register", str(register), "--db", kamiti,
                 "--facility", "  kamiti   MAXIMUM security prison "]) == 0
    out = capsys.readouterr().out
    assert out.startswith("imported 1 new") and "new facility" not in out
    assert facilities(kamiti) == [KAMITI]


def test_a_new_facility_unlike_any_recorded_is_still_recorded_and_said_at_once(
        kamiti: str, register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "register", str(register), "--db", kamiti, "--facility", "Shimo La Tewa Prison",
                 "--jurisdiction", "KE", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("would import 1 new")
    # Said second, right after the counts: the one thing a slip would make wrong for good.
    assert out[2] == "new facility that would be recorded: Shimo La Tewa Prison (check the spelling)"
    assert facilities(kamiti) == [KAMITI]


@pytest.mark.parametrize("command", [
    ["cases"],
    ["deadlines"],
    ["export", "register", "{out}"],
    ["report", "overstay", "-o", "{pdf}"],
])
def test_every_command_finds_a_facility_whatever_its_case_and_suggests_on_a_near_miss(
        kamiti: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    argv = [a.format(out=tmp_path / "out.csv", pdf=tmp_path / "overstay.pdf") for a in command]

    assert main([*argv, "--db", kamiti, "--facility", "kamiti maximum security prison "]) == 0
    capsys.readouterr()
    (tmp_path / "overstay.pdf").unlink(missing_ok=True)

    assert main([*argv, "--db", kamiti, "--facility", TYPO]) == 2
    err = one_line(capsys.readouterr().err)
    assert f"facility: '{TYPO}' is not valid; expected a facility of this database: did you mean " \
           f"'{KAMITI}'?" in err
    assert "?." not in err


def test_users_add_words_a_near_miss_as_the_other_commands_do(
        kamiti: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", "correct horse battery staple")
    assert main(["users", "add", "Pat", "--role", "paralegal", "--facility", TYPO, "--db", kamiti]) == 2
    err = one_line(capsys.readouterr().err)
    assert f"expected a facility of this database: did you mean '{KAMITI}'?" in err
    assert err.endswith("?")  # no stray full stop after the question
