"""Opening a case, a list or a search, and an export are each one audit entry, on a real SQLite file;
none of them carries a name or a restricted field, and the chain still checks out."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.domain.lists import ListFilter
from legalaid_desktop.services import records
from legalaid_desktop.services.access_log import filter_summary, record_export, record_list
from legalaid_desktop.services.audit import verify_audit
from legalaid_desktop.services.case_file import load_case_file
from tests.builders import T0, make_facility, make_person

NAME = "Zawadi Canarynamesake"
PHONE = "+254 700 111 222"


def _case(app: Application) -> tuple[int, str]:
    facility = records.create(app.uow(), make_facility(name="Kamiti Remand"))
    person = records.create(app.uow(), make_person(full_name=NAME, phone=PHONE,
                                                   date_of_birth=date(2010, 1, 1)))
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                             facility_id=facility.id, register_number="KAM/2026/77", arrest_at=T0,
                             admission_at=T0, offence="Theft")
    return case.id, load_case_file(app.uow(), case_id=case.id).header.case_ref


def entries(app: Application, action: str | None = None) -> list[dict[str, Any]]:
    with sqlite3.connect(app.location.path) as connection:
        rows = connection.execute(
            "SELECT action, entity, entity_uuid, actor, machine, before, after FROM audit_entry ORDER BY id"
        ).fetchall()
    found = [{"action": a, "entity": e, "uuid": u, "actor": who, "machine": m,
              "before": json.loads(b) if b else None, "after": json.loads(af) if af else None}
             for a, e, u, who, m, b, af in rows]
    return [e for e in found if action is None or e["action"] == action]


def assert_nothing_personal(entry: dict[str, Any]) -> None:
    text = json.dumps([entry["before"], entry["after"]], ensure_ascii=False)
    assert NAME.split()[0] not in text and "Canary" not in text and PHONE not in text


def test_opening_a_case_is_one_entry_with_its_reference_and_a_read_again_is_none(app: Application) -> None:
    case_id, ref = _case(app)
    before = len(entries(app))

    load_case_file(app.uow(), case_id=case_id, opened=True)
    load_case_file(app.uow(), case_id=case_id)  # the read again after a save

    new = entries(app)[before:]
    assert [(e["action"], e["entity"]) for e in new] == [("open", "case")]
    opened = new[0]
    assert opened["after"] == {"case_ref": ref} and opened["before"] is None
    assert opened["actor"] == "tester" and opened["machine"]
    assert_nothing_personal(opened)
    history = load_case_file(app.uow(), case_id=case_id).history
    assert history and "open" not in {line.action for line in history}  # the case's changes only
    assert verify_audit(app.uow()).ok


def test_a_list_and_an_export_say_what_and_how_narrowed_never_what_they_showed(app: Application) -> None:
    _case(app)
    record_list(app.uow(), kind="people", filters=ListFilter(search="kam/2026", child=True,
                                                             facility_ids=frozenset({1})))
    record_export(app.uow(), what="custody", rows=12, file="custody.csv",
                  filters=ListFilter(facility="Kamiti Remand", overdue=True), stopped=True)

    listed, exported = entries(app, "list")[-1], entries(app, "export")[-1]
    assert (listed["entity"], listed["after"]) == (
        "people", {"filters": {"search": "kam/2026", "child": True}})
    assert (exported["entity"], exported["after"]) == ("custody", {
        "format": "csv", "rows": 12, "file": "custody.csv", "stopped": True,
        "filters": {"facility": "Kamiti Remand", "overdue": True}})
    assert verify_audit(app.uow()).ok


def test_a_filter_summary_takes_only_dataclasses_and_mappings() -> None:
    assert filter_summary({"search": "x", "held": False, "facility": None}) == {"search": "x"}
    with pytest.raises(TypeError, match="dataclass or a mapping"):
        filter_summary("search=x")


def test_each_list_command_run_is_one_list_entry(app: Application,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _case(app)
    db = str(app.location.path)
    before = len(entries(app))

    assert cli(["cases", "--db", db, "--search", "kam/2026", "--format", "json"]) == 0
    assert NAME in capsys.readouterr().out
    assert cli(["deadlines", "--db", db, "--overdue"]) == 0
    assert cli(["users", "list", "--db", db]) == 0
    capsys.readouterr()

    new = entries(app)[before:]
    assert [(e["action"], e["entity"]) for e in new] == [
        ("list", "cases"), ("list", "deadlines"), ("list", "users")]
    assert new[0]["after"] == {"filters": {"search": "kam/2026"}}
    assert new[1]["after"] == {"filters": {"overdue": True}}
    for entry in new:
        assert_nothing_personal(entry)


def test_deadlines_as_csv_into_a_file_is_an_export_with_its_row_count(app: Application,
                                                                      tmp_path: Path) -> None:
    _case(app)
    out = tmp_path / "held.csv"
    with out.open("w") as stream:
        done = subprocess.run([sys.executable, "-m", "legalaid_desktop", "deadlines", "--db",
                               str(app.location.path), "--within", "400", "--format", "csv"],
                              stdout=stream, stderr=subprocess.PIPE, text=True, check=False,
                              env={**_env(), "LEGALAID_USER": ""})
    assert done.returncode == 0, done.stderr
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert rows  # the case's custody deadlines

    exported = entries(app, "export")[-1]
    assert (exported["entity"], exported["after"]) == ("deadlines", {
        "format": "csv", "rows": len(rows), "file": "held.csv",
        "filters": {"overdue": True, "within_days": 400}})
    assert_nothing_personal(exported)
    out_of_cli = subprocess.run([sys.executable, "-m", "legalaid_desktop", "audit", "verify", "--db",
                                 str(app.location.path)], capture_output=True, text=True, check=False,
                                env=_env())
    assert out_of_cli.returncode == 0, out_of_cli.stdout + out_of_cli.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_") or k == "LEGALAID_LOG_DIR"}
