"""`legalaid export person`: a person's own record (Mandela Rule 9) from a real SQLite file, read back
as PDF and JSON: their charges and deadlines are in it, other people's names and contacts and staff
notes are not, the audit entry's hash is on every page; refusals and bad input are clear."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.access import Role
from legalaid_desktop.domain.cases import Hearing, Note, Party
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import Decision, NoteKind, PartyRole
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.users import add_user
from tests.builders import make_facility, make_person
from tests.unit.reports.builders import one_line, pdf_pages

SECRET = "long enough secret"
ARREST = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
VICTIM, VICTIM_PHONE = "Peter Kamau", "+254 700 111111"
NOTE = "Client says the arresting officer took her phone"


@dataclass
class Office:
    db: Path
    person_id: int
    case_ref: str
    person_uuid: str


@pytest.fixture
def office(app: Application, monkeypatch: pytest.MonkeyPatch) -> Office:
    """Amina held at Kamiti (Kenya rules) with a victim, a hearing, a refused request, a lawyer and a
    staff note; accounts: Ada (admin), Pat (paralegal at Langata only)."""
    for name in ("LEGALAID_USER", "LEGALAID_PASSWORD", "LEGALAID_DB"):
        monkeypatch.delenv(name, raising=False)
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand")).id
    records.create(app.uow(), make_facility(name="Langata Women's Prison"))
    amina = records.create(app.uow(), make_person(full_name="Amina Yusuf", other_names="Amina Y. Hassan",
                                                  identity_number="ID-2741", phone="+254 711 000000"))
    case = records.open_case(app.uow(), client_person_id=amina.id, opened_on=ARREST.date(),
                             facility_id=kamiti, register_number="KR/2026/17", arrest_at=ARREST,
                             offence="Stealing by servant")
    victim = records.create(app.uow(), make_person(full_name=VICTIM, phone=VICTIM_PHONE))
    records.create(app.uow(), Party(case_id=case.id, person_id=victim.id, role=PartyRole.VICTIM))
    records.create(app.uow(), Hearing(case_id=case.id, scheduled_at=ARREST + timedelta(days=3),
                                      purpose="Plea", outcome="Adjourned"))
    records.create(app.uow(), Note(case_id=case.id, kind=NoteKind.VISIT, at=ARREST + timedelta(days=1),
                                   author="paralegal", text=NOTE))
    records.create(app.uow(), LegalAidRequest(
        person_id=amina.id, case_id=case.id, received_at=ARREST + timedelta(hours=5),
        decision=Decision.REFUSED, decided_on=date(2026, 3, 3),
        decision_reasons="Household income above the threshold"))
    records.create(app.uow(), LegalAidRequest(  # a new request, not tied to a case yet
        person_id=amina.id, received_at=ARREST + timedelta(days=20), decision=Decision.PENDING))
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET,
             facilities=["Langata Women's Prison"])
    ref = load_case_file(admin.uow(), case_id=case.id).header.case_ref
    return Office(app.location.path, amina.id, ref, amina.uuid)


def export(office: Office, monkeypatch: pytest.MonkeyPatch, *args: str, user: str = "Ada") -> int:
    monkeypatch.setenv("LEGALAID_PASSWORD", SECRET)
    return main(["export", "person", "--db", str(office.db), "--user", user, *args])


def audit_rows(db: Path, action: str) -> list[tuple[str, str | None, str, str]]:
    with sqlite3.connect(db) as raw:
        return list(raw.execute("SELECT entity, entity_uuid, after, entry_hash FROM audit_entry "
                                "WHERE action = ? ORDER BY id", (action,)))


def test_the_pdf_holds_her_charges_and_deadlines_and_no_one_elses_details(
        office: Office, monkeypatch: pytest.MonkeyPatch, out_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "record.pdf"
    assert export(office, monkeypatch, "--case", office.case_ref.lower(), "-o", str(out)) == 0

    pages = pdf_pages(out.read_bytes())
    text = one_line(" ".join(pages))
    [(entity, uuid, after, audit_hash)] = audit_rows(office.db, "export")
    assert (entity, uuid) == ("person_record", office.person_uuid)
    assert "Amina" not in after and json.loads(after)["person"] == office.person_uuid
    assert audit_hash in capsys.readouterr().out
    assert all(audit_hash in one_line(page) and "CONFIDENTIAL" in page for page in pages)
    for shown in ("Amina Yusuf", "Amina Y. Hassan", "ID-2741", "+254 711 000000", office.case_ref,
                  "Stealing by servant", "KR/2026/17", "Plea", "Household income above the threshold",
                  "victim", "first appearance", "Constitution"):
        assert shown in text, shown
    for hidden in (VICTIM, "Kamau", VICTIM_PHONE, NOTE):
        assert hidden not in text, hidden
    assert "Notes written by staff" in text and "appear only by their role" in text


def test_the_json_holds_the_same_record_and_its_audit_entry(
        office: Office, monkeypatch: pytest.MonkeyPatch, out_dir: Path) -> None:
    out = out_dir / "record.json"
    assert export(office, monkeypatch, "--person-id", str(office.person_id), "-o", str(out)) == 0

    raw = out.read_text(encoding="utf-8")
    record = json.loads(raw)
    [(_entity, _uuid, _after, audit_hash)] = audit_rows(office.db, "export")
    assert record["audit_entry"] == audit_hash
    assert record["person"]["full_name"] == "Amina Yusuf" and record["person"]["uuid"] == office.person_uuid
    [case] = record["cases"]
    assert case["case_ref"] == office.case_ref
    assert [c["offence"] for c in case["charges"]] == ["Stealing by servant"]
    national = [d for d in case["deadlines"] if d["layer"] == "national"]
    assert national and all(d["citation"] for d in national)
    assert case["requests"][0]["reasons"] == "Household income above the threshold"
    assert case["other_parties"] == ["victim"]
    assert [(r["decision"], r["received_at"][:10]) for r in record["requests"]] == [("pending", "2026-03-22")]
    assert record["left_out"]
    for hidden in (VICTIM, VICTIM_PHONE, NOTE):
        assert hidden not in raw
    # Again without --force: refused, the file kept as it was.
    assert export(office, monkeypatch, "--person-id", str(office.person_id), "-o", str(out)) == 2
    assert out.read_text(encoding="utf-8") == raw


def test_a_paralegal_of_another_facility_is_refused_and_the_refusal_audited(
        office: Office, monkeypatch: pytest.MonkeyPatch, out_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "record.pdf"
    assert export(office, monkeypatch, "--case", office.case_ref, "-o", str(out), user="Pat") == 4

    assert "Pat (paralegal) may not read cases" in capsys.readouterr().err
    assert not out.exists() and not list(out_dir.iterdir())
    refused = audit_rows(office.db, "refused")
    assert refused and json.loads(refused[-1][2])["permission"] == "read_cases"
    assert audit_rows(office.db, "export") == []


@pytest.mark.parametrize(("args", "said"), [
    (("--person-id", "999"), "No person matches '999'"),
    (("--case", "LA-1999-000001"), "No case matches 'LA-1999-000001'"),
])
def test_a_missing_person_or_case_is_said_clearly(
        office: Office, monkeypatch: pytest.MonkeyPatch, out_dir: Path, capsys: pytest.CaptureFixture[str],
        args: tuple[str, ...], said: str) -> None:
    assert export(office, monkeypatch, *args, "-o", str(out_dir / "r.pdf")) == 2
    assert said in capsys.readouterr().err
    assert not list(out_dir.iterdir())


def test_an_output_that_is_neither_pdf_nor_json_is_refused_before_anything_is_read(
        office: Office, monkeypatch: pytest.MonkeyPatch, out_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert export(office, monkeypatch, "--person-id", str(office.person_id), "-o",
                  str(out_dir / "r.csv")) == 2
    assert "ending in .pdf or .json" in capsys.readouterr().err
