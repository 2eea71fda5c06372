"""`legalaid rules list | show | check`: output, exit codes, and no database touched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.deadlines import EVENT_TYPES
from legalaid_desktop.services import rules_check

DOCS = Path(__file__).resolve().parents[2] / "docs"
ISSUE_EXAMPLE: dict[str, Any] = {
    "jurisdiction": "ZA", "as_of": "2025-04-17T12:00:00+02:00", "person": {"date_of_birth": "1990-02-01"},
    "offence": {"class": "non_capital", "max_sentence_months": 84, "capital": False, "first_offender": True,
                "court_within_40km": True},
    "events": [{"type": "arrest", "at": "2025-04-16T19:00:00+02:00"},
               {"type": "remand", "at": "2025-04-22", "days": 14}]}


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], document: Any,
           *extra: str) -> tuple[int, str, str]:
    path = tmp_path / "spells.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["rules", "check", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_list_names_every_jurisdiction_and_the_un_benchmark_layer(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"KE", "UG", "MW", "NG", "ZA", "IN", "GB-EAW", "PH", "TZ", "UN"}
    assert rows["UN"]["layer"] == "benchmark" and rows["KE"]["layer"] == "national"
    assert all(r["rules"] > 0 for r in rows.values())


def test_rules_show_lists_each_rule_with_its_citation_and_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "gb-eaw"]) == 0
    out = capsys.readouterr().out
    assert "gb-eaw.ctl.summary" in out and "Custody Time Limits" in out and "verified" in out


def test_rules_show_of_an_unknown_code_is_exit_2_naming_the_known_ones(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rules", "show", "XX"])
    assert caught.value.code == 2
    assert "'XX'" in capsys.readouterr().err


def test_rules_check_computes_the_issue_example_without_any_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "never.sqlite"
    monkeypatch.setenv("LEGALAID_DB", str(database))
    code, out, _ = _check(tmp_path, capsys, ISSUE_EXAMPLE)
    assert code == 0
    assert not database.exists()
    (result,) = json.loads(out)["results"]
    by_rule = {d["rule"]: d for d in result["deadlines"]}
    za = by_rule["za.first-appearance"]
    # 16 April 19:00 + 48 h = Good Friday 18 April 19:00; Family Day Monday 21 => Tuesday 22, 16:00.
    assert za["due"] == "2025-04-22T16:00:00+02:00" and za["due_date"] == "2025-04-22"
    assert za["status"] == "open" and za["layer"] == "national" and za["verification"] == "verified"
    assert set(za) == {"kind", "rule", "layer", "due", "due_date", "status", "met_at", "citation",
                       "verification", "explanation"}
    assert by_rule["un.first-appearance.adult"]["layer"] == "benchmark"


def test_rules_check_takes_a_list_and_reads_a_date_only_moment_as_the_start_of_that_day(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = dict(ISSUE_EXAMPLE, as_of="2025-04-25T12:00:00+02:00")
    code, out, _ = _check(tmp_path, capsys, [ISSUE_EXAMPLE, later])
    assert code == 0
    first, second = json.loads(out)["results"]
    assert {d["rule"]: d for d in first["deadlines"]}["za.first-appearance"]["status"] == "open"
    za = {d["rule"]: d for d in second["deadlines"]}["za.first-appearance"]
    # The remand on "2025-04-22" is 00:00 that day, before the 16:00 limit: met.
    assert za["status"] == "met" and za["met_at"] == "2025-04-22T00:00:00+02:00"


@pytest.mark.parametrize(("change", "field"), [
    ({"colour": "red"}, "colour"),
    ({"events": [{"type": "arested", "at": "2025-04-16"}]}, "events[0].type"),
    ({"events": [{"type": "arrest", "at": "2025-04-16", "where": "home"}]}, "events[0].where"),
    ({"events": [{"type": "arrest", "at": "16/04/2025"}]}, "events[0].at"),
    ({"events": [{"type": "excluded_interval", "at": "2025-04-16"}]}, "events[0].until"),
    ({"person": {"age": 30}}, "person.age"),
    ({"offence": {"class": "felony"}}, "offence.class"),
    ({"offence": {"max_sentence_months": "forever"}}, "offence.max_sentence_months"),
    ({"jurisdiction": "UN"}, "jurisdiction"),
])
def test_rules_check_refuses_unknown_fields_and_bad_values_naming_the_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, Any], field: str) -> None:
    code, out, err = _check(tmp_path, capsys, dict(ISSUE_EXAMPLE, **change))
    assert code == 2 and out == ""
    assert field in err


def test_rules_check_names_the_spell_of_a_list_that_has_a_mistake(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _check(tmp_path, capsys, [ISSUE_EXAMPLE, dict(ISSUE_EXAMPLE, as_of="soon")])
    assert code == 2 and "[1].as_of" in err


def test_rules_check_of_a_file_that_is_not_json_is_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.json"
    path.write_text("{nope", encoding="utf-8")
    assert main(["rules", "check", str(path)]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_rules_check_as_a_table_shows_each_deadline_and_its_explanation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(tmp_path, capsys, ISSUE_EXAMPLE, "--format", "table")
    assert code == 0
    assert "za.first-appearance" in out and "rolled forward to the close of court" in out


def test_a_court_can_override_hours_and_the_office_can_add_closures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spell = dict(ISSUE_EXAMPLE, court={"court_closes": "13:00", "closures": ["2025-04-22"]})
    code, out, _ = _check(tmp_path, capsys, spell)
    za = {d["rule"]: d for d in json.loads(out)["results"][0]["deadlines"]}["za.first-appearance"]
    assert code == 0 and za["due"] == "2025-04-23T13:00:00+02:00"


def test_the_published_schema_names_exactly_the_fields_and_event_types_the_command_takes() -> None:
    schema = json.loads((DOCS / "rules-check.schema.json").read_text(encoding="utf-8"))
    spell = schema["$defs"]["spell"]
    assert set(spell["properties"]) == rules_check.SPELL_FIELDS
    assert spell["additionalProperties"] is False
    defs = schema["$defs"]
    assert set(defs["person"]["properties"]) == rules_check.PERSON_FIELDS
    assert set(defs["offence"]["properties"]) == rules_check.OFFENCE_FIELDS
    assert set(defs["event"]["properties"]) == rules_check.EVENT_FIELDS
    assert set(defs["court"]["properties"]) == rules_check.COURT_FIELDS
    assert tuple(defs["event"]["properties"]["type"]["enum"]) == EVENT_TYPES


def test_rules_check_reads_standard_input_when_the_file_is_a_dash(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(ISSUE_EXAMPLE)))
    assert main(["rules", "check", "-"]) == 0
    assert "za.first-appearance" in capsys.readouterr().out


def test_a_broken_rule_file_is_exit_2_naming_the_file_the_rule_and_the_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from legalaid_desktop.cli import cmd_rules

    source = Path(rules_check.__file__).resolve().parents[2] / "resources" / "jurisdictions" / "KE.toml"
    broken = tmp_path / "KE.toml"
    broken.write_text(source.read_text(encoding="utf-8").replace("period = 24", "period = \"a day\"", 1),
                      encoding="utf-8")
    monkeypatch.setattr(cmd_rules, "_folder", lambda: tmp_path)
    assert main(["rules", "list"]) == 2
    err = capsys.readouterr().err
    assert str(broken) in err and "ke.first-appearance" in err and "period" in err
