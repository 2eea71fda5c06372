"""Reports filled from a real SQLite file and made by `legalaid report`: figures checked against counts
made independently (by construction, or in raw sqlite3), files read back, failures leave nothing."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Note, Party
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Assignment, Provider
from legalaid_desktop.domain.reporting import StatisticsData, TableData
from legalaid_desktop.domain.vocab import (
    CustodyStatus,
    EventType,
    NoteKind,
    PartyRole,
    PriorityGroup,
    ReleaseReason,
    Sex,
)
from legalaid_desktop.services import records
from legalaid_desktop.services.demo import fill_demo_database
from legalaid_desktop.services.reports import (
    born_after_for_child,
    case_summary_data,
    caseload_data,
    overstay_data,
    save_report,
    statistics_data,
    table_csv,
)
from tests.builders import make_facility, make_person
from tests.unit.reports.builders import one_line, pdf_pages

CENSUS = date(2026, 4, 1)
NOW = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
ARREST = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
DEMO_AS_OF = date(2026, 3, 2)


# --- a census population built by hand --------------------------------------------------------------


def _spell(app: Application, facility_id: int, *, status: CustodyStatus = CustodyStatus.UNTRIED,
           arrest: datetime = ARREST, released: datetime | None = None, reason: ReleaseReason | None = None,
           judgment: datetime | None = None, **person: object) -> int:
    client = records.create(app.uow(), make_person(**person))
    case = records.open_case(app.uow(), client_person_id=client.id, opened_on=arrest.date())
    spell = records.create(app.uow(), Custody(
        person_id=client.id, case_id=case.id, facility_id=facility_id, status=status, arrest_at=arrest,
        admission_at=arrest, released_at=released, release_reason=reason,
        register_number=f"R/{client.id:03d}"))
    if judgment is not None:
        records.create(app.uow(), CustodyEvent(custody_id=spell.id, type=EventType.JUDGMENT, at=judgment))
    return case.id


@pytest.fixture
def census(app: Application) -> Application:
    """Eleven spells around the census date of 1 April 2026, each counted (or not) for its own reason."""
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand", region="Nairobi")).id
    langata = records.create(app.uow(), make_facility(name="Langata Women's", region="Nairobi")).id
    after = datetime(2026, 4, 10, 10, 0, tzinfo=UTC)
    _spell(app, kamiti, full_name="A Untried", sex=Sex.FEMALE)                            # unsentenced
    _spell(app, kamiti, status=CustodyStatus.CONVICTED_AWAITING_SENTENCE, full_name="B Convicted",
           sex=Sex.MALE)                                                                  # unsentenced
    _spell(app, kamiti, status=CustodyStatus.SENTENCED, judgment=datetime(2026, 3, 20, 11, tzinfo=UTC),
           full_name="C Sentenced", sex=Sex.MALE)                                         # sentenced
    _spell(app, kamiti, status=CustodyStatus.SENTENCED, judgment=datetime(2026, 5, 1, 11, tzinfo=UTC),
           full_name="D Sentenced Later", sex=Sex.MALE, date_of_birth=date(2010, 1, 1))    # untried then
    _spell(app, kamiti, status=CustodyStatus.SENTENCED_APPEAL_PENDING, full_name="E Appeal",
           judgment=datetime(2026, 3, 10, 11, tzinfo=UTC), sex=Sex.FEMALE)                # sentenced
    _spell(app, kamiti, status=CustodyStatus.RELEASED, released=after, reason=ReleaseReason.BAIL,
           full_name="F Bailed Later", sex=Sex.MALE, date_of_birth=None)                  # unsentenced, child
    _spell(app, kamiti, status=CustodyStatus.RELEASED, released=after, reason=ReleaseReason.SENTENCE_SERVED,
           full_name="G Served", sex=Sex.MALE)                                            # sentenced
    _spell(app, kamiti, status=CustodyStatus.RELEASED, released=datetime(2026, 3, 20, tzinfo=UTC),
           reason=ReleaseReason.BAIL, full_name="H Gone Before", sex=Sex.MALE)            # not held
    _spell(app, kamiti, arrest=datetime(2026, 4, 5, tzinfo=UTC), full_name="I Arrested After",
           sex=Sex.MALE)                                                                  # not held
    _spell(app, langata, full_name="J Langata", sex=Sex.FEMALE)                           # unsentenced
    _spell(app, kamiti, status=CustodyStatus.RELEASED, released=after, reason=ReleaseReason.SENTENCE_SERVED,
           judgment=datetime(2026, 4, 8, 11, tzinfo=UTC), full_name="K Time Served Later",
           sex=Sex.MALE)                                           # untried on the census day: unsentenced
    return app


def test_sdg_16_3_2_counts_who_was_held_and_unsentenced_on_the_census_date(census: Application) -> None:
    data = statistics_data(census.uow(), census_date=CENSUS, now=NOW).data

    assert [(r.label, r.unsentenced, r.detainees) for r in data.sdg_facilities] == [
        ("Kamiti Remand", 5, 8), ("Langata Women's", 1, 1)]
    total = data.sdg_total()
    assert (total.unsentenced, total.detainees) == (6, 9)
    groups = {r.label: (r.unsentenced, r.detainees) for r in data.sdg_groups}
    assert groups["female"] == (2, 3) and groups["male"] == (4, 6)
    assert groups["child"] == (2, 2) and groups["adult"] == (4, 7)


def test_the_statistics_pdf_prints_the_sdg_figures_and_says_how_they_were_counted(
        census: Application) -> None:
    report = statistics_data(census.uow(), census_date=CENSUS, now=NOW)
    text = one_line(" ".join(pdf_pages(report.pdf())))

    assert "Kamiti Remand 5 8 62.5%" in text
    assert "Langata Women's 1 1 100.0%" in text
    assert "Total 6 9 66.7%" in text
    assert "female 2 3 66.7%" in text and "child 2 2 100.0%" in text
    assert "Detainees on the census date, 2026-04-01: 9." in text
    assert "first judgment event" in text and "First legal contact: the earlier of" in text


def test_a_child_is_born_after_the_same_day_18_years_before_even_on_29_february() -> None:
    assert born_after_for_child(date(2026, 4, 1)) == date(2008, 4, 1)
    assert born_after_for_child(date(2024, 2, 29)) == date(2006, 2, 28)


AGES: tuple[dict[str, Any], ...] = (
    {"date_of_birth": date(2008, 4, 1)}, {"date_of_birth": date(2008, 4, 2)},
    {"date_of_birth": None, "age_estimate": 17, "age_estimate_on": date(2025, 4, 2)},
    {"date_of_birth": None, "age_estimate": 17, "age_estimate_on": date(2025, 4, 1)},
    {"date_of_birth": None, "age_estimate": 18, "age_estimate_on": date(2026, 6, 1)},
    {"date_of_birth": None, "age_estimate": 18, "age_estimate_on": date(2027, 4, 1)},
    {"date_of_birth": None, "age_estimate": 18, "age_estimate_on": date(2027, 3, 31)},
    {"date_of_birth": None, "age_estimate": 16},
    {"date_of_birth": None, "age_estimate": 30, "age_disputed": True},
    {"date_of_birth": date(1990, 1, 1), "age_disputed": True},
)


def test_children_are_counted_in_sql_exactly_as_the_domain_rule_decides(app: Application) -> None:
    facility = records.create(app.uow(), make_facility()).id
    for n, facts in enumerate(AGES):
        _spell(app, facility, full_name=f"Person {n}", **facts)
    expected = sum(make_person(full_name="x", **facts).is_child_at(CENSUS) for facts in AGES)

    data = statistics_data(app.uow(), census_date=CENSUS, now=NOW).data

    ages = {r.label: r.detainees for b in data.breakdowns if b.dimension == "age_group" for r in b.rows}
    assert ages == {"child": expected, "adult": len(AGES) - expected}
    assert expected == 6  # 2008-04-02, both estimates that make 17, 16 undated, both disputed


def test_first_legal_contact_is_the_earlier_of_assignment_and_visit_note(census: Application) -> None:
    app = census
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Annex", region="Nairobi")).id
    seen = _spell(app, kamiti, full_name="K Seen")
    assigned = _spell(app, kamiti, full_name="L Assigned")
    lawyer = records.create(app.uow(), Provider(full_name="Advocate Jane Wanjiru", capacity=30)).id
    records.create(app.uow(), Assignment(case_id=assigned, provider_id=lawyer,
                                         started_at=ARREST + timedelta(hours=30)))
    records.create(app.uow(), Assignment(case_id=seen, provider_id=lawyer,
                                         started_at=ARREST + timedelta(hours=50)))
    records.create(app.uow(), Note(case_id=seen, kind=NoteKind.VISIT, at=ARREST + timedelta(hours=6),
                                   author="J. Wanjiru", text="Saw the client"))

    fc = statistics_data(app.uow(), census_date=CENSUS, now=NOW).data.first_contact

    assert sorted(fc.hours) == pytest.approx([6.0, 30.0])
    # The census spells begun in the year to the census date (not the one arrested after it): no contact.
    assert fc.without_contact == 10


# --- the demo database against raw sqlite3 -------------------------------------------------------------


def _children(data: StatisticsData) -> dict[str, tuple[int, int]]:
    return {b.dimension: (r.recipients, r.detainees) for b in data.breakdowns
            for r in b.rows if r.label == "child" and b.dimension in ("age_group", "priority_group")}


def test_the_priority_group_child_is_the_same_count_as_children_under_18_on_the_census_date(
        app: Application) -> None:
    facility = records.create(app.uow(), make_facility()).id
    _spell(app, facility, full_name="Tagged At Intake, 30 Now", date_of_birth=date(1996, 1, 1),
           priority_groups=(PriorityGroup.CHILD, PriorityGroup.WOMAN))
    _spell(app, facility, full_name="Never Tagged, 15", date_of_birth=date(2011, 1, 1))
    _spell(app, facility, full_name="Age Unknown", date_of_birth=None)
    data = statistics_data(app.uow(), census_date=CENSUS, now=NOW).data

    children = _children(data)
    assert children["age_group"] == children["priority_group"] == (0, 2)
    groups = {r.label: r.detainees for b in data.breakdowns
              if b.dimension == "priority_group" for r in b.rows}
    assert groups["woman"] == 1  # the other recorded groups are kept as recorded


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Application, Path]]:
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite"
    app = open_application(str(path), actor="tester", encryption=False)  # read with the sqlite3 module
    fill_demo_database(app.uow, app.catalogue, cases=400, seed=11, as_of=DEMO_AS_OF, batch_size=200)
    yield app, path


def _raw(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def _busiest(path: Path) -> str:
    """The facility with the most open national deadlines of people held."""
    return str(_raw(path, """SELECT f.name FROM custody_deadline d JOIN facility f ON f.id = d.facility_id
                             JOIN custody c ON c.id = d.custody_id
                             WHERE d.layer = 'national' AND d.status = 'open' AND c.released_at IS NULL
                             GROUP BY f.name ORDER BY COUNT(*) DESC, f.name LIMIT 1""")[0][0])


def test_sdg_on_the_demo_database_matches_a_count_made_in_raw_sql(demo: tuple[Application, Path]) -> None:
    app, path = demo
    # Census on the day the demo was made: everyone not released is held, with their present status.
    expected = {str(name): (int(str(u)), int(str(n))) for name, u, n in _raw(path, """
        SELECT f.name, SUM(c.status IN ('untried', 'convicted_awaiting_sentence')), COUNT(*)
        FROM custody c JOIN facility f ON f.id = c.facility_id
        WHERE c.released_at IS NULL AND COALESCE(c.arrest_at, c.admission_at) < ?
        GROUP BY f.name""", (DEMO_AS_OF + timedelta(days=1)).isoformat())}
    report = statistics_data(app.uow(), census_date=DEMO_AS_OF, now=datetime(2026, 3, 2, 12, tzinfo=UTC))

    assert {r.label: (r.unsentenced, r.detainees) for r in report.data.sdg_facilities} == expected
    unsentenced, held = sum(u for u, _ in expected.values()), sum(h for _, h in expected.values())
    assert held > 50 and 0 < unsentenced < held
    text = one_line(" ".join(pdf_pages(report.pdf())))
    assert f"Total {unsentenced} {held} {unsentenced / held:.1%}" in text
    assert f"Detainees on the census date, {DEMO_AS_OF}: {held}." in text
    children = _children(report.data)
    assert children["age_group"] == children["priority_group"] and children["age_group"][1] > 0
    assert "except child: under 18 on the census date" in text


def test_the_overstay_list_matches_raw_sql_row_for_row(demo: tuple[Application, Path]) -> None:
    app, path = demo
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    busiest = _busiest(path)
    until = (now + timedelta(days=14)).replace(tzinfo=None).isoformat(sep=" ")
    expected = sorted(_raw(path, """
        SELECT c.register_number, d.due_date FROM custody_deadline d JOIN custody c ON c.id = d.custody_id
        JOIN facility f ON f.id = d.facility_id
        WHERE f.name = ? AND d.layer = 'national' AND d.status = 'open' AND c.released_at IS NULL
          AND d.due < ?
        UNION ALL
        SELECT c.register_number, m.due_date FROM deadline m JOIN custody c ON c.id = m.custody_id
        JOIN facility f ON f.id = c.facility_id
        WHERE f.name = ? AND m.manual = 1 AND m.status = 'open' AND m.layer = 'national'
          AND c.released_at IS NULL AND m.due < ?""", busiest, until, busiest, until))

    report = overstay_data(app.uow(), app.deadline_book, facility=busiest, within_days=14, now=now)

    rows = report.data.rows
    assert sorted((r.register_number, r.due_date.isoformat()) for r in rows) == expected
    assert [r.days_over for r in rows] == sorted((r.days_over for r in rows), reverse=True)
    assert all(r.citation for r in rows)
    text = one_line(" ".join(pdf_pages(report.pdf())))
    for row in rows:
        assert str(row.register_number) in text
    overdue_people = {(r.full_name, r.register_number) for r in rows if r.days_over > 0}
    assert f"{len(overdue_people)} held past a limit" in text


def test_caseload_totals_match_raw_sql(demo: tuple[Application, Path]) -> None:
    app, path = demo
    first, last = date(2025, 12, 1), DEMO_AS_OF
    end = (last + timedelta(days=1)).isoformat()
    open_cases = _raw(path, "SELECT COUNT(*) FROM legal_case WHERE opened_on <= ? AND "
                            "(closed_on IS NULL OR closed_on > ?)", last.isoformat(), last.isoformat())[0][0]
    new = _raw(path, "SELECT COUNT(*) FROM legal_aid_request WHERE is_draft = 0 AND received_at >= ? "
                     "AND received_at < ?", first.isoformat(), end)[0][0]
    released = {str(reason): int(str(n)) for reason, n in _raw(
        path, "SELECT COALESCE(release_reason, 'other'), COUNT(*) FROM custody "
              "WHERE released_at >= ? AND released_at < ? GROUP BY 1", first.isoformat(), end)}

    for by in ("facility", "region", "provider"):
        report = caseload_data(app.uow(), group_by=by, period_from=first, period_to=last,
                               now=datetime(2026, 3, 2, 12, tzinfo=UTC))
        total = report.data.totals()
        if by != "provider":  # by provider a case counts once for each provider on it
            assert (total.open_cases, total.new_requests) == (open_cases, new)
            assert dict(total.releases) == released
        assert report.data.trend_unit == "week" and report.data.trend[-1].open_cases == open_cases
    text = one_line(" ".join(pdf_pages(caseload_data(app.uow(), group_by="facility", period_from=first,
                                                     period_to=last).pdf())))
    assert f"{open_cases} open cases, {new} new requests" in text


def test_every_report_exports_its_table_to_csv_and_xlsx_and_reads_back(
        demo: tuple[Application, Path], tmp_path: Path) -> None:
    _app, path = demo
    facility = _busiest(path)
    for name, args in (("overstay", ["--facility", facility, "--within", "30"]),
                       ("caseload", ["--by", "region", "--from", "2025-12-01", "--to", "2026-03-02"]),
                       ("statistics", ["--census", "2026-03-02"])):
        for fmt in ("csv", "xlsx"):
            out = tmp_path / f"{name}.{fmt}"
            assert main(["report", name, *args, "--db", str(path), "-o", str(out)]) == 0
            if fmt == "csv":
                with out.open(encoding="utf-8-sig", newline="") as handle:
                    got = list(csv.reader(handle))
            else:
                sheet = load_workbook(out, read_only=True).worksheets[0]
                got = [[("" if v is None else str(v)) for v in row]
                       for row in sheet.iter_rows(values_only=True)]
            assert got[0][0] in ("full_name", "region", "measure")
            assert len(got) > 1
    rows = list(csv.reader(io.StringIO((tmp_path / "statistics.csv").read_text(encoding="utf-8-sig"))))
    total_held = [r for r in rows if r[:3] == ["sdg_16_3_2_detainees", "facility", "total"]]
    expected = _raw(path, "SELECT COUNT(*) FROM custody WHERE released_at IS NULL")[0][0]
    assert total_held == [["sdg_16_3_2_detainees", "facility", "total", str(expected)]]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    table = TableData(("full_name", "n"), (("=HYPERLINK(\"x\")", -3), ("@cmd", 4)))
    text = table_csv(table).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["full_name", "n"], ["'=HYPERLINK(\"x\")", "-3"],
                                                    ["'@cmd", "4"]]


# --- the case summary and the command line --------------------------------------------------------------


@pytest.fixture
def case_ref(app: Application) -> str:
    """A client whose name holds markup, with a victim and a witness on the case."""
    facility = records.create(app.uow(), make_facility(time_zone="Africa/Nairobi")).id
    client = records.create(app.uow(), make_person(full_name="Juma <a href=x>Otieno</a> & Co"))
    case = records.open_case(app.uow(), client_person_id=client.id, opened_on=ARREST.date(),
                             facility_id=facility, register_number="KAM/2026/0042", arrest_at=ARREST,
                             admission_at=ARREST, offence="Robbery with violence", offence_class="capital")
    for name, role in (("Wanjiku Kamau", PartyRole.VICTIM), ("Peter Otieno Were", PartyRole.WITNESS)):
        person = records.create(app.uow(), make_person(full_name=name, phone="0711 999 888"))
        records.create(app.uow(), Party(case_id=case.id, person_id=person.id, role=role))
    data = case_summary_data(app.uow(), app.deadline_book, case_ref="la-2026-000001 ").data
    return data.case_ref


def test_a_case_summary_prints_markup_as_typed_and_redaction_hides_the_victim(
        app: Application, case_ref: str, db_path: Path, out_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    plain, redacted = out_dir / "case.pdf", out_dir / "case-redacted.pdf"
    assert main(["report", "case", case_ref, "--db", str(db_path), "-o", str(plain)]) == 0
    assert main(["report", "case", case_ref, "--db", str(db_path), "-o", str(redacted), "--redact",
                 "--low-ink"]) == 0
    assert "not encrypted" in capsys.readouterr().out

    text = one_line(" ".join(pdf_pages(plain.read_bytes())))
    assert "Juma <a href=x>Otieno</a> & Co" in text
    assert "Wanjiku Kamau" in text and "0711 999 888" in text
    assert "KAM/2026/0042" in text and "Constitution of Kenya" in text
    hidden = one_line(" ".join(pdf_pages(redacted.read_bytes())))
    assert "Wanjiku" not in hidden and "Kamau" not in hidden and "0711 999 888" not in hidden
    assert "W. K." in hidden and "Juma <a href=x>Otieno</a> & Co" in hidden
    assert "Redacted for sharing outside the office" in hidden

    with sqlite3.connect(db_path) as db:
        audited = db.execute("SELECT after FROM audit_entry WHERE action = 'report'").fetchall()
    assert len(audited) == 2
    assert case_ref in audited[0][0] and "Juma" not in audited[0][0] and '"redacted": true' in audited[1][0]


def test_every_page_carries_the_hash_of_the_audit_entry_that_records_the_report(
        app: Application, case_ref: str, db_path: Path, out_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    pdf, sheet = out_dir / "case.pdf", out_dir / "caseload.xlsx"
    assert main(["report", "case", case_ref, "--db", str(db_path), "-o", str(pdf)]) == 0
    assert main(["report", "caseload", "--by", "facility", "--db", str(db_path), "-o", str(sheet)]) == 0
    printed = capsys.readouterr().out
    with sqlite3.connect(db_path) as db:
        hashes = [h for (h,) in db.execute(
            "SELECT entry_hash FROM audit_entry WHERE action = 'report' ORDER BY id")]
    assert len(hashes) == 2 and all(len(h) == 64 for h in hashes)
    pages = [one_line(page) for page in pdf_pages(pdf.read_bytes())]
    assert pages and all(f"Audit entry {hashes[0]}" in page and "CONFIDENTIAL" in page for page in pages)
    assert f"Audit entry {hashes[0]}" in printed and f"Audit entry {hashes[1]}" in printed
    properties = load_workbook(sheet, read_only=True).properties
    assert properties.keywords == f"audit-entry:{hashes[1]}" and "CONFIDENTIAL" in (properties.subject or "")

    # The printed hash anchors the log: it checks out now, and not once the log is rewritten.
    assert main(["audit", "verify", "--db", str(db_path), "--head", hashes[0]]) == 0
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE audit_entry SET actor = 'someone else' WHERE entry_hash = ?", (hashes[0],))
    assert main(["audit", "verify", "--db", str(db_path), "--head", hashes[0]]) != 0


def test_a_report_that_fails_to_render_leaves_no_audit_entry_and_no_file(
        app: Application, case_ref: str, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = case_summary_data(app.uow(), app.deadline_book, case_ref=case_ref)

    def broken(self: object, fmt: str) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(type(report), "content", broken)
    with pytest.raises(RuntimeError):
        save_report(app.uow(), report, path=out_dir / "case.pdf", fmt="pdf")
    assert list(out_dir.iterdir()) == []
    with app.uow() as uow:
        assert not [e for e in uow.audit_log.page(after_id=0, limit=10_000) if e.action == "report"]


def test_a_redacted_summary_of_a_child_shows_neither_name_nor_identity_number(
        app: Application, out_dir: Path, db_path: Path) -> None:
    facility = records.create(app.uow(), make_facility()).id
    child = records.create(app.uow(), make_person(
        full_name="Baraka Mwangi Otieno", date_of_birth=date(2011, 5, 1), identity_number="ID-778899",
        phone="0722 000 111"))
    records.open_case(app.uow(), client_person_id=child.id, opened_on=ARREST.date(), facility_id=facility,
                      arrest_at=ARREST, admission_at=ARREST)
    out = out_dir / "child.pdf"
    assert main(["report", "case", "LA-2026-000001", "--redact", "--db", str(db_path), "-o", str(out)]) == 0
    text = one_line(" ".join(pdf_pages(out.read_bytes())))
    assert "B. M. O." in text
    assert "Baraka" not in text and "ID-778899" not in text and "0722 000 111" not in text


def test_an_unknown_facility_is_exit_2_with_suggestions_and_leaves_no_file(
        census: Application, db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "overstay.pdf"
    assert main(["report", "overstay", "--facility", "Kamiti", "--db", str(db_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "'Kamiti'" in err and "Kamiti Remand" in err
    assert list(out_dir.iterdir()) == []
    with pytest.raises(ValidationError):
        overstay_data(census.uow(), census.deadline_book, facility="Kamity Remand")


def test_a_bad_date_or_period_is_exit_2_and_leaves_no_file(
        census: Application, db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "stats.pdf"
    with pytest.raises(SystemExit) as caught:
        main(["report", "statistics", "--census", "2026-13-01", "--db", str(db_path), "-o", str(out)])
    assert caught.value.code == 2
    assert "is not a date" in capsys.readouterr().err
    assert main(["report", "caseload", "--by", "facility", "--from", "2026-05-01", "--to", "2026-01-01",
                 "--db", str(db_path), "-o", str(out)]) == 2
    assert "not after the end of the period" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_an_existing_file_is_kept_unless_force_is_given(
        census: Application, db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "stats.pdf"
    out.write_bytes(b"keep me")
    args = ["report", "statistics", "--census", "2026-04-01", "--db", str(db_path), "-o", str(out)]
    assert main(args) == 2
    assert out.read_bytes() == b"keep me"
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out_dir.iterdir()] == ["stats.pdf"]


def test_a_file_name_and_format_that_disagree_are_refused(
        census: Application, db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "caseload", "--by", "region", "--format", "xlsx", "--db", str(db_path),
                 "-o", str(out_dir / "caseload.csv")]) == 2
    assert "ending in .xlsx" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []
