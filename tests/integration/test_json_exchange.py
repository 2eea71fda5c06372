"""`legalaid export json` and `import json`: nothing lost, matched by UUID, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Case, Charge, Document, Hearing, Note, Party
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.org import (
    Assignment,
    Court,
    CourtClosure,
    Facility,
    Jurisdiction,
    Provider,
    ProviderCoverage,
    Setting,
)
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest
from legalaid_desktop.domain.vocab import (
    AgeSource,
    AppealOutcome,
    CaseOutcome,
    CaseStatus,
    CustodyStatus,
    DeadlineStatus,
    Decision,
    EventType,
    FacilityKind,
    InterestsOfJusticeGround,
    MeansTestResult,
    NoteKind,
    PartyRole,
    ProcedureStage,
    ProviderKind,
    ReleaseReason,
    RequestSource,
    Sex,
)
from legalaid_desktop.services import records
from legalaid_desktop.services.audit import verify_audit
from legalaid_desktop.services.exchange import export_json, import_json
from legalaid_desktop.services.exchange_format import RECORD_TYPES
from tests.builders import make_person

EAT = timezone(timedelta(hours=3))
SCAN = bytes(range(256)) * 40 + b"\x00\xff%PDF-1.7\r\n"
TABLES = ("jurisdiction", "facility", "court", "person", "dependant", "provider", "provider_coverage",
          "legal_case", "legal_aid_request", "party", "charge", "hearing", "note", "document",
          "custody", "custody_event", "deadline", "assignment", "setting", "audit_entry",
          "case_list", "meta_info")


def fill_every_record_type(app: Application) -> None:
    """At least one record of every exported type, every optional field filled somewhere.

    The first person is marked a possible duplicate of the second (a reference forward in the
    file), and the first provider's supervisor is added after it, so the import must wait for
    records later in its own type.
    """
    with app.uow() as uow:
        def add(entity: Entity) -> int:
            uow.repo(type(entity)).add(entity)
            uow.flush()
            assert entity.id is not None
            return entity.id

        add(Jurisdiction(code="KE", name="Kenya", time_zone="Africa/Nairobi", court_opens="08:30",
                         court_closes="16:30", sitting_weekdays="0,1,2,3,4,5"))
        facility = add(Facility(name="سجن كوبر", kind=FacilityKind.REMAND_CENTRE, jurisdiction_code="KE",
                                region="Nairobi", time_zone="Africa/Nairobi", court_within_40km=False))
        court = add(Court(name="Milimani Law Courts", jurisdiction_code="KE", region="Nairobi",
                          level="magistrate", court_opens="09:00", court_closes="17:00"))
        client = Person(
            full_name="أحمد الحسن", other_names="Ahmed Hassan", sex=Sex.MALE, gender_identity="man",
            date_of_birth=date(2009, 5, 17), age_estimate=16, age_estimate_on=date(2026, 3, 1),
            age_source=AgeSource.MEDICAL_ESTIMATE, age_disputed=True, nationality="SD",
            languages="ar, sw", identity_number="ID-77", priority_groups=["child", "foreign_national"],
            phone="+254 700 000 000", address="Eastleigh, Nairobi", emergency_contact="Mother, +254 711",
            notes="Interpreter needed")
        client_id = add(client)
        victim_id = add(make_person(full_name="Wanjiru Kamau", date_of_birth=None))
        client.possible_duplicate_of = victim_id
        client.merged_into_id = victim_id  # not a real merge: every field of a person is exported
        add(Dependant(person_id=client_id, name="ليلى", date_of_birth=date(2020, 1, 2), age=6,
                      relationship="sister", whereabouts="with grandmother", carer="Grandmother"))
        lead = Provider(full_name="Grace Achieng", kind=ProviderKind.LAW_STUDENT, languages="en, sw",
                        specialisms="children", capacity=12, accreditation="LSK-2020-1",
                        phone="+254 722", email="grace@example.org", active=False,
                        unavailable_from=date(2026, 4, 1), unavailable_until=date(2026, 4, 30))
        lead_id = add(lead)
        lead.supervisor_id = add(Provider(full_name="Otieno Odhiambo"))
        add(ProviderCoverage(provider_id=lead_id, facility_id=facility))
        add(ProviderCoverage(provider_id=lead_id, court_id=court))
        case = add(Case(case_ref="LA-2026-000001", client_person_id=client_id, status=CaseStatus.CLOSED,
                        stage=ProcedureStage.TRIAL, court_id=court, court_case_number="CR 12/2026",
                        police_case_number="OB 4/1/2026", offence_date=date(2026, 2, 27),
                        opened_on=date(2026, 3, 2), closed_on=date(2026, 6, 1),
                        outcome=CaseOutcome.ACQUITTAL, summary="Acquitted; witness withdrew."))
        add(LegalAidRequest(
            person_id=client_id, received_at=datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=EAT),
            source=RequestSource.POLICE_STATION, facility_id=facility, stage=ProcedureStage.POLICE,
            urgent=True, applicant_income=0, household_income=12000, household_size=5,
            household_in_conflict=True, means_threshold=15000, means_result=MeansTestResult.EXEMPT_CHILD,
            grounds=[GroundClaim(InterestsOfJusticeGround.VULNERABILITY, "a child, alone"),
                     GroundClaim(InterestsOfJusticeGround.SEVERITY_OF_PENALTY, "up to 7 years")],
            preliminary_aid=True, child_exemption=True, decision=Decision.REFUSED,
            decided_on=date(2026, 3, 3), decision_reasons="Outside the area",
            appeal_lodged_on=date(2026, 3, 4), appeal_outcome=AppealOutcome.UPHELD, case_id=case,
            is_draft=True))
        add(Party(case_id=case, person_id=client_id, role=PartyRole.CLIENT))
        add(Party(case_id=case, person_id=victim_id, role=PartyRole.VICTIM))
        add(Charge(case_id=case, offence="Robbery with violence", offence_class="capital",
                   statute="Penal Code s.296(2)", max_sentence_months=84, max_sentence_life=True,
                   capital=True, first_offender=True))
        add(Hearing(case_id=case, court_id=court, scheduled_at=datetime(2026, 3, 9, 9, 0, tzinfo=EAT),
                    purpose="plea", outcome="adjourned", next_date=date(2026, 3, 23)))
        add(Note(case_id=case, kind=NoteKind.VISIT, at=datetime(2026, 3, 2, 14, 0, tzinfo=UTC),
                 author="Grace", text="زيارة في السجن: visited, no injuries", minutes_spent=45))
        add(Document(case_id=case, title="Charge sheet", filename="charge sheet.pdf",
                     media_type="application/pdf", content=SCAN))
        custody = add(Custody(
            person_id=client_id, case_id=case, facility_id=facility, register_number="KOB/2026/0042",
            status=CustodyStatus.RELEASED, arrest_at=datetime(2026, 3, 1, 18, 0, tzinfo=EAT),
            arrest_place="Eastleigh", admission_at=datetime(2026, 3, 2, 10, 0, tzinfo=EAT),
            released_at=datetime(2026, 6, 1, 12, 0, tzinfo=UTC), release_reason=ReleaseReason.ACQUITTAL,
            commitment_reason="remand warrant", committing_authority="Milimani court",
            injuries_observed="bruised wrist", ill_treatment_complaint="slapped at arrest",
            property_held="phone, 200 KES", time_zone="Africa/Nairobi"))
        add(CustodyEvent(custody_id=custody, type=EventType.REMAND,
                         at=datetime(2026, 3, 2, 11, 0, tzinfo=EAT), days=14,
                         until=datetime(2026, 3, 16, 11, 0, tzinfo=EAT), court_id=court,
                         notes="first remand"))
        add(Deadline(custody_id=custody, kind="review", rule_id="KE-MANUAL-1", layer="office",
                     due=datetime(2026, 3, 10, 9, 0, tzinfo=EAT), due_date=date(2026, 3, 10),
                     status=DeadlineStatus.MET, met_at=datetime(2026, 3, 9, 9, 0, tzinfo=EAT),
                     citation="Office practice 4", verification="verified", explanation="visit weekly",
                     manual=True, title="Weekly visit"))
        add(Deadline(custody_id=custody, kind="first_appearance", rule_id="KE-24H",
                     due=datetime(2026, 3, 2, 18, 0, tzinfo=EAT), due_date=date(2026, 3, 2)))
        add(Assignment(case_id=case, provider_id=lead_id, role="lead",
                       started_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
                       ended_at=datetime(2026, 6, 2, 10, 0, tzinfo=UTC), reason="on duty",
                       end_reason="case closed"))
        add(Setting(key="means_threshold", value="15000", effective_from=date(2026, 1, 1),
                    jurisdiction_code="KE", notes="per month, KES"))
        add(CourtClosure(jurisdiction_code="KE", day=date(2026, 3, 13), reason="Court staff strike"))
        add(ConflictWaiver(case_id=case, provider_id=lead_id, reason="victim's family consented",
                           coordinator="coordinator", waived_at=datetime(2026, 3, 2, 9, 50, tzinfo=UTC),
                           conflicts="LA-2026-000009 (victim, client_is_adverse)"))
        uow.commit()


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def without_provenance(export: dict[str, Any]) -> dict[str, Any]:
    """An export minus when it was made, which database made it (each database has its own id) and
    the hash of its audit entry there.

    Records of a type are compared in UUID order: the file's order is key order, and a record
    that waited for a later one of its type gets a later key in the importing database.
    """
    out = {k: v for k, v in export.items() if k not in ("exported_at", "source_database_uuid", "audit_entry")}
    out["records"] = {name: sorted(rows, key=lambda r: str(r["uuid"]))
                      for name, rows in export["records"].items()}
    return out


@pytest.fixture
def full(app: Application, tmp_path: Path) -> Path:
    """The export file of a database holding every record type."""
    fill_every_record_type(app)
    path = tmp_path / "full.json"
    export_json(app.uow(), path=path)
    return path


@pytest.fixture
def other(tmp_path: Path) -> Application:
    # Unencrypted: its rows are counted with the sqlite3 module.
    return open_application(str(tmp_path / "other.sqlite"), actor="other-office", encryption=False)


def test_the_test_database_fills_every_field_of_every_exported_type(full: Path) -> None:
    data = load(full)
    for rt in RECORD_TYPES:
        rows = data["records"][rt.name]
        assert rows, rt.name
        for spec in rt.fields:
            assert any(row[spec.key] not in (None, [], "") for row in rows), f"{rt.name}.{spec.key}"


def test_export_then_import_into_an_empty_database_loses_nothing(
        full: Path, other: Application, tmp_path: Path) -> None:
    report = import_json(other.uow(), path=full)
    assert report.clean and report.skipped == 0
    again = tmp_path / "again.json"
    export_json(other.uow(), path=again)

    first, second = load(full), load(again)
    assert without_provenance(second) == without_provenance(first)
    assert second["source_database_uuid"] != first["source_database_uuid"]
    assert report.added_total == sum(first["counts"].values())

    with other.uow() as uow:
        (document,) = uow.repo(Document).find()
        assert document.content == SCAN
        (request,) = uow.repo(LegalAidRequest).find()
        assert request.grounds[0] == GroundClaim(InterestsOfJusticeGround.VULNERABILITY, "a child, alone")
        assert request.received_at == datetime(2026, 3, 2, 9, 15, 30, 123456, tzinfo=EAT)
        client = uow.repo(Person).first(full_name="أحمد الحسن")
        victim = uow.repo(Person).first(full_name="Wanjiru Kamau")
        assert client is not None and victim is not None
        assert client.possible_duplicate_of == victim.id
        lead = uow.repo(Provider).first(full_name="Grace Achieng")
        assert lead is not None and lead.version == 2


def test_computed_deadlines_are_not_exported_since_the_engine_recomputes_them(full: Path) -> None:
    (deadline,) = load(full)["records"]["deadline"]
    assert deadline["manual"] is True and deadline["title"] == "Weekly visit"


def test_an_imported_case_is_listed_and_found_by_search(full: Path, other: Application) -> None:
    import_json(other.uow(), path=full)
    from legalaid_desktop.domain.dto import CaseFilter
    from legalaid_desktop.services.cases import list_cases

    page = list_cases(other.uow(), filters=CaseFilter(search="الحسن"))
    assert [(r.case_ref, r.register_number, r.facility) for r in page.rows] == [
        ("LA-2026-000001", "KOB/2026/0042", "سجن كوبر")]


def test_importing_the_same_file_again_skips_every_record_as_identical(
        full: Path, other: Application) -> None:
    first = import_json(other.uow(), path=full)
    before = row_counts(other.location.path)
    second = import_json(other.uow(), path=full)
    assert second.added_total == 0 and second.clean
    assert second.skipped == first.added_total
    after = row_counts(other.location.path)
    assert after == {**before, "audit_entry": before["audit_entry"] + 1}  # the import's own entry


def test_importing_its_own_export_into_the_source_database_changes_nothing(
        app: Application, full: Path) -> None:
    report = import_json(app.uow(), path=full)
    assert report.added_total == 0 and report.differing_count == 0 and report.skipped > 0


def test_a_record_changed_in_the_database_is_reported_differing_and_left_unchanged(
        full: Path, other: Application) -> None:
    import_json(other.uow(), path=full)
    with other.uow() as uow:
        case = uow.repo(Case).first(case_ref="LA-2026-000001")
        assert case is not None and case.id is not None
        case_id = case.id
    records.update(other.uow(), Case, case_id, expected_version=None,
                   changes={"summary": "Convicted on appeal", "stage": ProcedureStage.APPEAL})

    report = import_json(other.uow(), path=full)

    assert report.differing_count == 1 and report.added_total == 0
    (note,) = report.differing
    assert (note.record_type, note.label, note.fields) == ("case", "LA-2026-000001", ("stage", "summary"))
    with other.uow() as uow:
        kept = uow.repo(Case).get(case_id)
        assert kept is not None and kept.summary == "Convicted on appeal"


def test_a_case_whose_case_ref_another_case_holds_is_refused_with_what_depends_on_it(
        full: Path, other: Application) -> None:
    person = records.create(other.uow(), make_person(full_name="Someone Else"))
    records.open_case(other.uow(), client_person_id=person.id, opened_on=date(2026, 1, 5))
    before = row_counts(other.location.path)

    report = import_json(other.uow(), path=full)

    refused = {(n.record_type, n.reason) for n in report.refused}
    assert ("case", "case_ref_taken") in refused
    assert {t for t, reason in refused if reason == "refers_to_refused"} == {
        "legal_aid_request", "party", "charge", "hearing", "note", "document", "custody",
        "custody_event", "deadline", "assignment", "conflict_waiver"}
    after = row_counts(other.location.path)
    assert after["legal_case"] == before["legal_case"] and after["custody"] == before["custody"]
    assert after["person"] == before["person"] + 2  # people stand on their own
    with other.uow() as uow:
        kept = uow.repo(Case).first(case_ref="LA-2026-000001")
        assert kept is not None and kept.client_person_id == person.id


def test_a_facility_of_the_same_name_is_taken_as_the_same_and_references_follow_it(
        full: Path, other: Application) -> None:
    existing = records.create(other.uow(), Facility(name="سجن كوبر", jurisdiction_code="KE",
                                                    kind=FacilityKind.REMAND_CENTRE))
    report = import_json(other.uow(), path=full)
    assert [(n.record_type, n.matched_uuid) for n in report.matched] == [("facility", existing.uuid)]
    (differing,) = report.differing
    assert differing.record_type == "facility"
    assert differing.fields == ("region", "time_zone", "court_within_40km")
    with other.uow() as uow:
        (custody,) = uow.repo(Custody).find()
        assert custody.facility_id == existing.id
        assert uow.repo(Facility).count() == 1


def test_export_and_import_are_audited(full: Path, app: Application, other: Application) -> None:
    import_json(other.uow(), path=full)
    with sqlite3.connect(app.location.path) as connection:
        (after, entry_hash) = connection.execute(
            "SELECT after, entry_hash FROM audit_entry WHERE action = 'export'").fetchone()
    assert json.loads(after)["counts"]["case"] == 1
    # The file ends with its own audit entry's hash: the anchor `audit verify --head` checks.
    assert load(full)["audit_entry"] == entry_hash
    assert verify_audit(app.uow(), head=entry_hash).head_found is True
    with sqlite3.connect(other.location.path) as connection:
        rows = connection.execute(
            "SELECT entity, entity_uuid, after FROM audit_entry WHERE action = 'import'").fetchall()
    summary = [json.loads(a) for e, u, a in rows if e == "database"]
    assert len(summary) == 1 and summary[0]["added"]["person"] == 2
    per_record = {u for e, u, a in rows if e != "database"}
    assert len(per_record) == sum(load(full)["counts"].values())


def test_a_file_resaved_on_one_line_by_another_tool_still_imports(
        full: Path, other: Application, tmp_path: Path) -> None:
    resaved = tmp_path / "resaved.json"
    resaved.write_text(json.dumps(load(full)), encoding="utf-8")
    assert import_json(other.uow(), path=resaved).added_total == sum(load(full)["counts"].values())


# --- files that cannot be used: a clear message, exit 2, nothing written ------------------------

Spoil = Callable[[str], str]


def edited(change: Callable[[dict[str, Any]], object]) -> Spoil:
    """A spoiler that changes the parsed export and writes it back as JSON."""
    def spoil(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False, indent=1)
    return spoil


def first_record(record_type: str, field: str, value: Any) -> Spoil:
    return edited(lambda d: d["records"][record_type][0].__setitem__(field, value))


MALFORMED: list[tuple[str, Spoil, tuple[str, ...]]] = [
    ("truncated", lambda text: text[: len(text) * 2 // 3],
     ("ends in the middle of a value (is it cut short?)", "line ")),
    ("not JSON", lambda text: "name,date_of_birth\nAmina,1995-06-01\n",
     ("not a readable JSON export", "line 1, column 1")),
    ("empty", lambda text: "", ("the file is empty",)),
    ("bad enum", first_record("custody", "status", "on_remand"),
     ("records.custody[0]", "field status", "'on_remand'", "untried")),
    ("bad date", first_record("person", "date_of_birth", "17/05/2009"),
     ("records.person[0]", "field date_of_birth", "'17/05/2009'", "2026-03-02")),
    ("naive time", first_record("hearing", "scheduled_at", "2026-03-09T09:00:00"),
     ("records.hearing[0]", "scheduled_at", "UTC offset")),
    ("wrong type", first_record("charge", "max_sentence_months", "84"),
     ("records.charge[0]", "max_sentence_months", "a whole number")),
    ("missing field", edited(lambda d: d["records"]["case"][0].pop("opened_on")),
     ("records.case[0]", "field opened_on is missing")),
    ("unknown field", first_record("note", "mood", "good"), ("records.note[0]", "field mood")),
    ("bad base64", first_record("document", "content", "not base64!"), ("records.document[0]", "base64")),
    ("a domain rule", first_record("person", "age_estimate", 300),
     ("records.person[0]", "age_estimate", "0 to 120")),
    ("a computed deadline", first_record("deadline", "manual", False),
     ("records.deadline[0]", "field manual", "recomputed")),
    ("a deadline that does not say it is manual", edited(lambda d: d["records"]["deadline"][0].pop("manual")),
     ("records.deadline[0]", "field manual is missing")),
    ("dangling reference", first_record("custody", "facility_uuid", "00000000-0000-4000-8000-000000000000"),
     ("records.custody[0]", "facility_uuid", "00000000-0000-4000-8000-000000000000", "in the file",
      "or in the database")),
    ("newer format version", edited(lambda d: d.update(format_version=2)),
     ("export format version 2", "up to 1", "newer version")),
    ("another format", edited(lambda d: d.update(format="acme-crm")),
     ("not a legalaid-desktop export", "acme-crm")),
    ("wrong counts", edited(lambda d: d["counts"].update(case=2)),
     ("counts", "field case is 2", "1, the number")),
    ("types out of order", edited(lambda d: d.update(records=dict(sorted(d["records"].items())))),
     ("records, line ", "field (record type) is 'assignment'", "each record type once, in the order",
      "sorts keys")),
]


@pytest.mark.parametrize(("spoil", "expected"), [m[1:] for m in MALFORMED],
                         ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_refused_clearly_and_nothing_is_written(
        full: Path, other: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        spoil: Spoil, expected: tuple[str, ...]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(spoil(full.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    before = row_counts(other.location.path)

    assert main(["import", "json", str(bad), "--db", str(other.location.path)]) == 2

    err = capsys.readouterr().err
    for words in expected:
        assert words in err, err
    assert "Nothing was imported" in err and "Traceback" not in err
    assert row_counts(other.location.path) == before


def test_a_reference_cycle_within_a_type_is_refused(full: Path, other: Application, tmp_path: Path) -> None:
    data = load(full)
    first, second = data["records"]["person"]
    second["possible_duplicate_of_uuid"] = first["uuid"]
    bad = tmp_path / "cycle.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    from legalaid_desktop.services.exchange_format import ExchangeContentError

    with pytest.raises(ExchangeContentError) as caught:
        import_json(other.uow(), path=bad)
    assert caught.value.field == "possible_duplicate_of_uuid" and "cycle" in caught.value.expected
    assert row_counts(other.location.path)["person"] == 0


# --- the commands -------------------------------------------------------------------------------

def test_the_commands_export_and_import_with_a_summary(
        app: Application, other: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_every_record_type(app)
    out = tmp_path / "office.json"
    assert main(["export", "json", str(out), "--db", str(app.location.path)]) == 0
    total = sum(load(out)["counts"].values())
    assert f"exported {total} records to {out}" in capsys.readouterr().out

    assert main(["import", "json", str(out), "--db", str(other.location.path)]) == 0
    text = capsys.readouterr().out
    assert f"imported: added {total}, skipped 0 identical, differing 0 (left unchanged)" in text

    assert main(["import", "json", str(out), "--db", str(other.location.path)]) == 0
    assert f"added 0, skipped {total} identical" in capsys.readouterr().out


def test_differing_records_are_listed_and_the_import_exits_3(
        full: Path, other: Application, capsys: pytest.CaptureFixture[str]) -> None:
    import_json(other.uow(), path=full)
    with other.uow() as uow:
        for person in uow.repo(Person).find():
            person.notes = "seen again"
        uow.commit()

    assert main(["import", "json", str(full), "--db", str(other.location.path)]) == 3

    out = capsys.readouterr().out
    assert "differing 2 (left unchanged)" in out
    assert "person 'أحمد الحسن' (uuid " in out and "differs in notes" in out


def test_a_long_list_of_differing_records_shows_the_first_20_and_a_count(
        app: Application, other: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with app.uow() as uow:
        for n in range(25):
            uow.repo(Person).add(make_person(full_name=f"Person {n:02d}"))
        uow.commit()
    out = tmp_path / "people.json"
    export_json(app.uow(), path=out)
    import_json(other.uow(), path=out)
    with other.uow() as uow:
        for person in uow.repo(Person).find():
            person.phone = "+254 700"
        uow.commit()

    assert main(["import", "json", str(out), "--db", str(other.location.path)]) == 3

    text = capsys.readouterr().out
    assert "differing 25" in text and "Person 19" in text and "Person 20" not in text
    assert "... and 5 more" in text


def test_a_missing_input_file_is_exit_2_and_creates_no_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.sqlite"
    assert main(["import", "json", str(tmp_path / "nowhere.json"), "--db", str(db)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not db.exists()


def test_a_mistyped_format_suggests_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "jsn", "out.json"])
    assert caught.value.code == 2
    assert "did you mean 'json'?" in capsys.readouterr().err


def test_an_export_into_a_missing_folder_is_exit_2_and_writes_nothing(
        app: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no such folder" / "out.json"
    assert main(["export", "json", str(out), "--db", str(app.location.path)]) == 2
    assert "Cannot write" in capsys.readouterr().err
    assert not out.parent.exists()


def test_the_export_refuses_to_overwrite_the_database(
        app: Application, capsys: pytest.CaptureFixture[str]) -> None:
    size = app.location.path.stat().st_size
    assert main(["export", "json", str(app.location.path), "--db", str(app.location.path)]) == 2
    assert "is the database itself" in capsys.readouterr().err
    assert app.location.path.stat().st_size == size


def test_a_cancelled_export_leaves_the_previous_file_and_no_partial_one(
        app: Application, tmp_path: Path) -> None:
    with app.uow() as uow:
        for n in range(1500):
            uow.repo(Person).add(make_person(full_name=f"Person {n}"))
        uow.commit()
    out = tmp_path / "out.json"
    out.write_text("previous export")

    def cancel(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_json(app.uow(), path=out, progress=cancel)
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name != app.location.path.name
            and not p.name.startswith(app.location.path.name)] == ["out.json"]
    with sqlite3.connect(app.location.path) as connection:
        exports = connection.execute("SELECT count(*) FROM audit_entry WHERE action = 'export'")
        assert exports.fetchone() == (0,)


def test_the_export_file_is_readable_by_its_owner_only(full: Path) -> None:
    import os
    import stat

    if os.name == "posix":
        assert stat.S_IMODE(full.stat().st_mode) == 0o600


# --- the format document ------------------------------------------------------------------------

FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"


def test_the_format_document_describes_every_field_of_every_record_type() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    for rt in RECORD_TYPES:
        section = text.split(f"### `{rt.name}`\n", 1)[1].split("\n#", 1)[0]
        rows = [[cell.strip() for cell in line.strip("|").split("|")]
                for line in section.splitlines() if line.startswith("| `")]
        documented = {row[0].strip("`"): row for row in rows}
        assert list(documented) == [spec.key for spec in rt.fields], rt.name
        for spec in rt.fields:
            kind, required, null = documented[spec.key][1:4]
            assert required.startswith("yes" if spec.required else "no"), (rt.name, spec.key)
            assert null == ("yes" if spec.nullable else "no"), (rt.name, spec.key)
            if spec.ref is not None:
                assert kind == f"uuid → `{spec.ref}`", (rt.name, spec.key)
            if spec.enum is not None:
                assert kind == "enum: " + ", ".join(f"`{m.value}`" for m in spec.enum), (rt.name, spec.key)


def test_the_example_in_the_format_document_imports(app: Application, tmp_path: Path) -> None:
    example = FORMAT_DOC.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.json"
    path.write_text(example, encoding="utf-8")
    report = import_json(app.uow(), path=path)
    assert report.clean and report.added_total == 9


def test_every_field_the_file_may_leave_null_may_be_null_in_the_database() -> None:
    from legalaid_desktop.storage.mapping import TABLE_OF

    for rt in RECORD_TYPES:
        for spec in rt.fields:
            if spec.nullable and spec.name not in ("created_at", "updated_at"):  # stamped on import
                assert TABLE_OF[rt.cls].c[spec.name].nullable, f"{rt.name}.{spec.key}"


def test_a_file_saved_with_a_byte_order_mark_and_z_times_imports(app: Application, tmp_path: Path) -> None:
    example = FORMAT_DOC.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "windows.json"
    path.write_text("\ufeff" + example.replace("+00:00", "Z"), encoding="utf-8")
    assert import_json(app.uow(), path=path).added_total == 9
    with app.uow() as uow:
        (event,) = uow.repo(CustodyEvent).find()
        assert event.at == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_an_export_reads_one_snapshot_and_does_not_stop_others_saving(
        app: Application, other: Application, tmp_path: Path) -> None:
    fill_every_record_type(app)
    with app.uow() as uow:  # more people than one progress step, so the save lands mid-export
        for n in range(1200):
            uow.repo(Person).add(make_person(full_name=f"Person {n}"))
        uow.commit()
    saved: list[str] = []

    def save_meanwhile(done: int, total: int | None) -> None:
        if not saved:
            person = records.create(app.uow(), make_person(full_name="Saved Meanwhile"))
            opened = records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 5))
            saved.append(opened.uuid)

    out = tmp_path / "snapshot.json"
    export_json(app.uow(), path=out, progress=save_meanwhile)

    data = load(out)
    assert saved and saved[0] not in {c["uuid"] for c in data["records"]["case"]}
    assert "Saved Meanwhile" not in {p["full_name"] for p in data["records"]["person"]}
    assert import_json(other.uow(), path=out).clean


def test_a_person_marked_as_a_duplicate_of_one_listed_batches_later_is_imported(
        app: Application, other: Application, tmp_path: Path) -> None:
    with app.uow() as uow:
        people = [make_person(full_name=f"Person {n}") for n in range(1300)]
        for person in people:
            uow.repo(Person).add(person)
        uow.flush()
        people[0].possible_duplicate_of = people[-1].id
        people[700].possible_duplicate_of = people[1200].id
        uow.commit()
    out = tmp_path / "people.json"
    export_json(app.uow(), path=out)

    assert import_json(other.uow(), path=out).added_total == 1300

    with other.uow() as uow:
        first = uow.repo(Person).first(full_name="Person 0")
        last = uow.repo(Person).first(full_name="Person 1299")
        assert first is not None and last is not None and first.possible_duplicate_of == last.id


def test_an_export_from_a_database_that_does_not_exist_is_refused_and_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "ofice.sqlite"
    assert main(["export", "json", str(tmp_path / "out.json"), "--db", str(typo)]) == 2
    assert "no database there" in capsys.readouterr().err
    assert not typo.exists() and not (tmp_path / "out.json").exists()
