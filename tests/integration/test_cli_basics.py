"""`legalaid init` and `legalaid cases`: success and failure paths, with their exit codes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from legalaid_desktop.app import open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.services import records
from legalaid_desktop.storage.migrate import head_revision
from tests.builders import make_facility, make_person


def test_init_creates_the_database_and_names_its_revision_and_jurisdiction(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert main(["init", "--db", str(db), "--jurisdiction", "ug"]) == 0
    out = capsys.readouterr().out
    assert f"Created database {db}" in out
    assert f"Schema revision: {head_revision()}" in out
    assert "Default jurisdiction: UG" in out
    assert main(["init", "--db", str(db)]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_init_with_an_unknown_jurisdiction_lists_the_known_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--db", str(tmp_path / "x.sqlite"), "--jurisdiction", "XX"]) == 2
    err = capsys.readouterr().err
    assert "'XX'" in err and "KE" in err and "GB-EAW" in err


def test_a_mistyped_command_is_exit_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["csaes"])
    assert caught.value.code == 2
    assert "did you mean 'cases'?" in capsys.readouterr().err


def test_a_database_url_of_another_kind_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cases", "--db", "postgresql://server/legalaid"]) == 2
    assert "not supported yet" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_exit_5_and_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    path.write_text("name,dob\n")
    assert main(["cases", "--db", str(path)]) == 5
    assert "not a legalaid database" in capsys.readouterr().err
    assert path.read_text() == "name,dob\n"


def test_cases_lists_json_with_the_fields_a_script_needs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    app = open_application(str(db), actor="tester")
    facility = records.create(app.uow(), make_facility(name="Luzira"))
    person = records.create(app.uow(), make_person(full_name="Nakato Sarah", date_of_birth=date(2001, 2, 3)))
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 1, 5),
                      facility_id=facility.id, register_number="LUZ/2026/7",
                      arrest_at=datetime(2026, 1, 4, 10, tzinfo=UTC))

    assert main(["cases", "--db", str(db), "--format", "json", "--search", "naka"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("case_ref", "full_name", "date_of_birth", "facility",
                                "register_number", "custody_status")} == {
        "case_ref": "LA-2026-000001", "full_name": "Nakato Sarah", "date_of_birth": "2001-02-03",
        "facility": "Luzira", "register_number": "LUZ/2026/7", "custody_status": "untried"}
    assert row["sex"] == "female"
    assert row["days_in_custody"] == (date.today() - date(2026, 1, 4)).days

    assert main(["cases", "--db", str(db), "--format", "csv", "--facility", "Luzira"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("case_ref,full_name,sex") and len(lines) == 2

    assert main(["cases", "--db", str(db), "--facility", "Nowhere"]) == 2
    assert "Luzira" in capsys.readouterr().err

    assert main(["cases", "--db", str(db), "--status", "on_holiday"]) == 2
    assert "untried" in capsys.readouterr().err


def test_a_cases_table_says_when_more_cases_than_shown_and_when_none_match(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    app = open_application(str(db), actor="tester")
    assert main(["cases", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "No case is recorded yet."
    facility = records.create(app.uow(), make_facility(name="Luzira"))
    for name in ("Nakato Sarah", "Okello Denis", "Amina Yusuf"):
        person = records.create(app.uow(), make_person(full_name=name))
        records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 1, 5),
                          facility_id=facility.id, arrest_at=datetime(2026, 1, 4, 10, tzinfo=UTC))
    assert main(["cases", "--db", str(db), "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[-1].startswith("The first 2 are shown")
    assert main(["cases", "--db", str(db), "--limit", "3"]) == 0
    assert "The first" not in capsys.readouterr().out  # all of them are shown
    assert main(["cases", "--db", str(db), "--search", "Zzyzx"]) == 0
    assert capsys.readouterr().out.strip() == "No case matches."


def test_an_internal_error_names_the_log_file_and_shows_no_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("legalaid_desktop.services.cases.list_cases", boom)
    assert main(["init", "--db", str(tmp_path / "x.sqlite")]) == 0
    assert main(["cases", "--db", str(tmp_path / "x.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "log file" in err
    assert "Traceback" not in err


def test_a_mistyped_option_is_exit_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["cases", "--serch", "jose"])
    assert caught.value.code == 2
    assert "did you mean '--search'?" in capsys.readouterr().err


def test_reading_commands_do_not_create_a_database_at_a_mistyped_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "lgalaid.sqlite"
    good = tmp_path / "good.csv"
    good.write_text("kept\n")
    assert main(["cases", "--db", str(typo)]) == 2
    assert main(["export", "register", str(good), "--db", str(typo)]) == 2
    assert main(["export", "json", str(tmp_path / "all.json"), "--db", str(typo)]) == 2
    assert "no database there" in capsys.readouterr().err
    assert not typo.exists() and good.read_text() == "kept\n"


def test_a_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "private" / "office.sqlite"
    assert main(["init", "--db", str(db)]) == 0
    assert db.stat().st_mode & 0o777 == 0o600
    assert db.parent.stat().st_mode & 0o777 == 0o700


def test_an_office_code_prefixes_new_case_references_and_a_bad_one_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "nairobi.sqlite"
    assert main(["init", "--db", str(db), "--office-code", "nbo"]) == 0
    assert "Case references begin with: NBO" in capsys.readouterr().out
    app = open_application(str(db), actor="tester")
    person = records.create(app.uow(), make_person())
    assert records.open_case(app.uow(), client_person_id=person.id,
                             opened_on=date(2026, 5, 1)).label == "NBO-2026-000001"
    assert main(["init", "--db", str(db), "--office-code", "N-1"]) == 2
    assert "2 to 8 letters" in capsys.readouterr().err


def test_two_offices_with_their_own_codes_merge_their_exports_without_clashes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offices = {}
    for code in ("NBO", "KLA"):
        db = tmp_path / f"{code}.sqlite"
        assert main(["init", "--db", str(db), "--office-code", code]) == 0
        app = open_application(str(db), actor="tester")
        person = records.create(app.uow(), make_person(full_name=f"Client of {code}"))
        records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 5, 1))
        offices[code] = db
    export = tmp_path / "kla.json"
    assert main(["export", "json", str(export), "--db", str(offices["KLA"])]) == 0
    assert main(["import", "json", str(export), "--db", str(offices["NBO"])]) == 0
    capsys.readouterr()
    assert main(["cases", "--db", str(offices["NBO"]), "--format", "json"]) == 0
    refs = sorted(r["case_ref"] for r in json.loads(capsys.readouterr().out))
    assert refs == ["KLA-2026-000001", "NBO-2026-000001"]


def test_a_missing_value_is_called_missing_not_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spell = tmp_path / "spell.json"
    spell.write_text('{"as_of": "2025-03-10T12:00:00+03:00", "events": []}')
    assert main(["rules", "check", str(spell)]) == 2
    err = capsys.readouterr().err
    assert "jurisdiction is missing" in err and "None" not in err
