"""`import register` and `export register` on a real SQLite file: what a paralegal relies on."""

from __future__ import annotations

import codecs
import csv
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Case, Charge, Hearing
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.entity import snapshot
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.register import RegisterImportReport
from legalaid_desktop.domain.vocab import CustodyStatus, EventType, Sex
from legalaid_desktop.services import records, register_import
from legalaid_desktop.services.register_export import export_register
from legalaid_desktop.services.register_import import import_register, open_register
from legalaid_desktop.services.tabular import open_table
from tests.builders import make_person

FACILITY = "Kamiti Remand"
FUTURE = (date.today() + timedelta(days=400)).isoformat()
NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()

HEADER = ["Reg No", "Prisoner name", "Alias", "Gender", "DOB", "Date of arrest", "Date of admission",
          "Offence", "Max sentence", "Court", "Case No", "Status", "Remand date", "Remand days",
          "Next court date", "Represented", "Remarks", "Cell block"]

# A register as offices really type them: good rows among mistakes.
GOOD = [
    ["KAM/001", "Amina Yusuf", "", "F", "01/06/1995", "01/03/2026 14:30", "2026-03-02", "Theft",
     "84", "Milimani Law Courts", "MCCR/101/2026", "remand", "2026-03-03", "14", NEXT_WEEK, "yes",
     "Needs an interpreter", "B"],
    ["KAM/002", "John Ochieng", "Johnny", "m", "1990-02-03", "2026-02-20 09:00", "2026-02-21",
     "Robbery with violence", "life", "Kibera Law Courts", "", "", "", "", "", "no", "", "C"],
    ["KAM/005", "محمد الحسن", "", "M", "3 Mar 1992", "2026-02-20", "2026-02-21", "Stealing", "",
     "", "", "untried", "", "", "", "", "'=HYPERLINK(\"http://evil\")", "A"],
    ["KAM/006", "Wanjiru Kamau", "", "X", "", "2026-02-20", "2026-02-21", "", "", "", "", "", "",
     "", "", "", "@risk of self-harm", "A"],
]
BAD = [
    (["KAM/003", "", "", "M", "1988-01-01", "2026-02-20", "2026-02-21", "Theft", "", "", "", "", "",
      "", "", "", "", "A"], "full_name: '' is not valid"),
    (["KAM/004", "Grace Njeri", "", "F", FUTURE, "2026-02-20", "2026-02-21", "Theft", "", "", "",
      "", "", "", "", "", "", "A"],
     f"date_of_birth: '{FUTURE}' is not valid; expected a date that is not in the future"),
    (["KAM/002", "Peter Kamau", "", "M", "1985-05-05", "2026-02-20", "2026-02-21", "Theft", "", "",
      "", "", "", "", "", "", "", "A"], "register_number: 'KAM/002' is not valid; expected a "
                                       "number not already used on row 3 of this file"),
    (["KAM/007", "Halima Abdi", "", "F", "31/02/1990", "2026-02-20", "", "", "", "", "", "", "", "",
      "", "", "", "A"], "date_of_birth: '31/02/1990' is not valid; expected a date like"),
    (["KAM/008", "Brian Otieno", "", "male", "1999-09-09", "20/02/2026 9am", "", "", "", "", "", "",
      "", "", "", "", "", "A"], "arrest_datetime: '20/02/2026 9am' is not valid"),
    (["KAM/009", "Esther Chebet", "", "woman?", "1999-09-09", "", "", "", "", "", "", "", "", "", "",
      "", "", "A"], "sex: 'woman?' is not valid; expected female, male, other or unknown"),
    (["KAM/010", "Joseph Mutua", "", "M", "", "2026-02-20", "2026-02-19", "", "", "", "", "", "",
      "", "", "", "", "A"], "admission_datetime: '2026-02-19' is not valid; expected a time not "
                            "before the arrest"),
    (["KAM/011", "Mary Wafula", "", "F", "", "", "", "", "", "", "", "", "2026-03-01", "", "", "",
      "", "A"], "remand_days: '' is not valid; expected the length of the remand order in days"),
    (["KAM/012", "Peter Barasa", "", "M", "", "", "", "", "", "", "", "released", "", "", "", "", "",
      "A"], "custody_status: 'released' is not valid"),
    (["", "Nobody's Number", "", "M", "", "", "", "", "", "", "", "", "", "", "", "", "", "A"],
     "register_number: '' is not valid"),
]


def write_register(path: Path, rows: list[list[str]], header: list[str] = HEADER,
                   cp1252_rows: tuple[int, ...] = ()) -> None:
    """CSV in UTF-8, except the rows listed, which are written in Windows-1252 (a mixed file)."""
    with path.open("wb") as handle:
        for number, cells in enumerate([header, *rows]):
            buffer = _csv_line(cells)
            handle.write(buffer.encode("cp1252" if number in cp1252_rows else "utf-8"))


def _csv_line(cells: list[str]) -> str:
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def run_import(app: Application, path: Path, **options: Any) -> RegisterImportReport:
    options.setdefault("facility", FACILITY)
    options.setdefault("jurisdiction", "KE")
    with open_register(path, options.pop("mapping", None)) as source:
        return import_register(app.uow(), app.catalogue, source, **options)


def people(app: Application) -> dict[str, dict[str, Any]]:
    """Everyone stored, by name, as plain field values."""
    with app.uow() as uow:
        return {p.full_name: snapshot(p) for p in uow.repo(Person).find()}


def table_counts(app: Application) -> dict[str, int]:
    with sqlite3.connect(app.location.path) as raw:
        return {name: raw.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in (
            "person", "legal_case", "party", "charge", "custody", "custody_event", "hearing",
            "court", "facility", "audit_entry", "case_list")}


def read_back(path: Path) -> list[list[Any]]:
    with open_table(path) as table:
        return [cells for _, cells in table.rows]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """The good and bad rows interleaved; the Windows row is a good one typed on another PC."""
    rows = [GOOD[0], GOOD[1], BAD[0][0], BAD[1][0], BAD[2][0], GOOD[2], GOOD[3]] + [b for b, _ in BAD[3:]]
    rows.append(["KAM/013", "José Müller", "", "m", "1970-01-01", "", "", "", "", "", "", "", "", "",
                 "", "", "", "A"])
    path = tmp_path / "register.csv"
    write_register(path, rows, cp1252_rows=(len(rows),))
    return path


def test_a_register_full_of_mistakes_imports_its_good_rows_and_explains_the_rest(
        app: Application, messy: Path) -> None:
    report = run_import(app, messy)

    assert (report.summary.new, report.summary.updated, report.summary.unchanged,
            report.summary.rejected) == (5, 0, 0, 10)
    stored = people(app)
    assert set(stored) == {"Amina Yusuf", "John Ochieng", "محمد الحسن", "Wanjiru Kamau", "José Müller"}
    assert [stored[n]["sex"] for n in ("Amina Yusuf", "John Ochieng", "Wanjiru Kamau")] == \
        [Sex.FEMALE, Sex.MALE, Sex.OTHER]
    assert stored["Amina Yusuf"]["date_of_birth"] == "1995-06-01"
    assert stored["محمد الحسن"]["date_of_birth"] == "1992-03-03"
    assert stored["محمد الحسن"]["notes"] == '=HYPERLINK("http://evil")'  # taken back as typed
    assert stored["Wanjiru Kamau"]["notes"] == "@risk of self-harm"
    assert stored["John Ochieng"]["other_names"] == "Johnny"
    assert report.fallback_lines == (len(GOOD) + len(BAD) + 2,)
    assert report.summary.unknown_columns == ("Cell block",)
    assert report.facilities_created == (FACILITY,)
    assert report.courts_created == ("Milimani Law Courts", "Kibera Law Courts")


def test_rejected_rows_are_copied_unchanged_with_their_row_and_reason_and_nothing_is_lost(
        app: Application, messy: Path) -> None:
    original = read_back(messy)
    report = run_import(app, messy)

    rejects = read_back(Path(f"{messy}.rejects.csv"))
    assert report.summary.rejected_file == f"{messy}.rejects.csv"
    assert rejects[0] == [*HEADER, "row", "reason"]
    by_row = {int(r[-2]): r for r in rejects[1:]}
    assert sorted(by_row) == [4, 5, 6, 9, 10, 11, 12, 13, 14, 15]
    for number, row in by_row.items():
        assert row[:-2] == original[number - 1]  # the row exactly as it was in the register
    reasons = [by_row[n][-1] for n in sorted(by_row)]
    for reason, (_, expected) in zip(reasons, BAD, strict=True):
        assert expected in reason
    # Every data row is either imported or in the rejects file.
    assert report.summary.new + len(rejects) - 1 == len(original) - 1
    assert messy.read_bytes()[:3] != codecs.BOM_UTF8  # the register itself is left alone


def test_importing_the_same_register_again_changes_nothing(
        app: Application, messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_import(app, messy)
    before = table_counts(app)

    code = main(["import", "register", str(messy), "--db", str(app.location.path),
                 "--facility", FACILITY])

    assert code == 3
    assert capsys.readouterr().out.splitlines()[0] == \
        "imported 0 new, updated 0, unchanged 5, rejected 10"
    after = table_counts(app)
    assert after == before


def test_a_changed_row_updates_only_what_changed_and_is_audited(app: Application, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    run_import(app, path)
    changed = [list(r) for r in GOOD]
    next_month = (date.today() + timedelta(days=30)).isoformat()
    changed[0][14] = next_month  # a new court date for Amina
    changed[0][3] = "female"  # the same sex, written another way
    changed[1][7] = "Robbery"  # John's charge corrected
    changed[1][15] = ""  # a blank never erases
    write_register(path, changed)

    report = run_import(app, path)

    assert (report.summary.new, report.summary.updated, report.summary.unchanged) == (0, 2, 2)
    with app.uow() as uow:
        amina = uow.repo(Person).find(full_name="Amina Yusuf")[0]
        case = uow.repo(Case).find(client_person_id=amina.id)[0]
        hearings = sorted(h.scheduled_at for h in uow.repo(Hearing).find(case_id=case.id))
        assert [h.date() for h in hearings] == [date.fromisoformat(NEXT_WEEK) - timedelta(days=1),
                                                date.fromisoformat(next_month) - timedelta(days=1)]
        john = uow.repo(Person).find(full_name="John Ochieng")[0]
        john_case = uow.repo(Case).find(client_person_id=john.id)[0]
        assert [c.offence for c in uow.repo(Charge).find(case_id=john_case.id)] == ["Robbery"]
        assert john_case.summary == "Represented: no"
        assert len(uow.repo(Person).find()) == 4
    with sqlite3.connect(app.location.path) as raw:
        updates = raw.execute("SELECT before, after FROM audit_entry WHERE action = 'update' "
                              "AND entity = 'case' ORDER BY id").fetchall()
    assert len(updates) == 2
    # Times are audited in UTC: local midnight in Nairobi is 21:00 the day before.
    day_before = (date.fromisoformat(next_month) - timedelta(days=1)).isoformat()
    assert '"next_court"' in updates[0][0]
    assert f'"next_court": "{day_before}T21:00:00+00:00"' in updates[0][1]
    assert '"register_number": "KAM/001"' in updates[0][1]
    assert '"offence": "Robbery with violence"' in updates[1][0]


def test_a_register_number_held_by_someone_else_is_rejected_but_a_spelling_fix_updates(
        app: Application, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD[:2])
    run_import(app, path)
    stranger = list(GOOD[0])
    stranger[1], stranger[4] = "Peter Kamau", "1980-01-01"
    corrected = list(GOOD[1])
    corrected[1] = "John Ochieng'"
    write_register(path, [stranger, corrected])

    report = run_import(app, path)

    assert (report.summary.updated, report.summary.rejected) == (1, 1)
    assert report.rejects[0].field == "register_number"
    assert "Amina Yusuf is held under it, and this row names someone else" in \
        report.rejects[0].expected
    assert set(people(app)) == {"Amina Yusuf", "John Ochieng'"}


def test_someone_released_and_admitted_again_under_the_same_number_gets_a_new_spell(
        app: Application, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD[:1])
    run_import(app, path)
    with app.uow() as uow:
        custody_id = uow.repo(Custody).find(register_number="KAM/001")[0].id
    assert custody_id is not None
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.BAIL,
                              at=datetime(2026, 3, 20, 9, 0, tzinfo=UTC))

    report = run_import(app, path)

    assert (report.summary.new, report.summary.updated, report.summary.possible_duplicates) == (1, 0, 1)
    with app.uow() as uow:
        spells = uow.repo(Custody).find(register_number="KAM/001")
        assert [s.released_at is None for s in spells] == [False, True]


def test_someone_sharing_only_a_name_and_birth_date_is_flagged_never_merged(
        app: Application, tmp_path: Path) -> None:
    earlier = records.create(app.uow(), make_person(full_name="AMINA  Yusuf",
                                                    date_of_birth=date(1995, 6, 1)))
    path = tmp_path / "register.csv"
    twin = list(GOOD[0])
    twin[0] = "KAM/099"
    write_register(path, [GOOD[0], GOOD[1], twin])

    report = run_import(app, path)

    assert report.summary.new == 3
    assert report.summary.possible_duplicates == 2
    assert report.flagged == ((2, "Amina Yusuf"), (4, "Amina Yusuf"))
    with app.uow() as uow:
        aminas = [p for p in uow.repo(Person).find() if p.date_of_birth == date(1995, 6, 1)]
        assert len(aminas) == 3
        assert [p.possible_duplicate_of for p in aminas] == [None, earlier.id, earlier.id]
        john = uow.repo(Person).find(full_name="John Ochieng")[0]
        assert john.possible_duplicate_of is None


def test_every_imported_row_is_audited_and_found_by_search(app: Application, tmp_path: Path) -> None:
    from legalaid_desktop.domain.dto import CaseFilter
    from legalaid_desktop.services.cases import list_cases

    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    run_import(app, path)

    with sqlite3.connect(app.location.path) as raw:
        audited = raw.execute("SELECT after FROM audit_entry WHERE action = 'create' "
                              "AND entity = 'case'").fetchall()
    assert len(audited) == 4
    assert all('"source": "register import"' in a[0] and '"register_number": "KAM/' in a[0]
               for a in audited)
    found = list_cases(app.uow(), filters=CaseFilter(search="الحسن"))
    assert [r.register_number for r in found.rows] == ["KAM/005"]
    found = list_cases(app.uow(), filters=CaseFilter(search="kam/001"))
    assert [r.full_name for r in found.rows] == ["Amina Yusuf"]


def test_a_row_becomes_a_person_custody_case_charge_events_and_hearing(
        app: Application, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD[:1])
    run_import(app, path)

    with app.uow() as uow:
        custody = uow.repo(Custody).find(register_number="KAM/001")[0]
        assert custody.arrest_at == datetime(2026, 3, 1, 11, 30, tzinfo=UTC)  # 14:30 in Nairobi
        assert custody.admission_at == datetime(2026, 3, 1, 21, 0, tzinfo=UTC)
        assert (custody.status, custody.time_zone) == (CustodyStatus.UNTRIED, "Africa/Nairobi")
        events = {e.type: e for e in uow.repo(CustodyEvent).find(custody_id=custody.id)}
        assert events[EventType.ARREST].at == custody.arrest_at
        assert (events[EventType.REMAND].at, events[EventType.REMAND].days) == \
            (datetime(2026, 3, 2, 21, 0, tzinfo=UTC), 14)
        assert custody.case_id is not None
        case = uow.repo(Case).get(custody.case_id)
        assert case is not None and case.case_ref.startswith(f"LA-{date.today().year}-")
        assert case.court_case_number == "MCCR/101/2026"
        charge = uow.repo(Charge).find(case_id=case.id)[0]
        assert (charge.offence, charge.max_sentence_months, charge.offence_class) == \
            ("Theft", 84, "non_capital")
        hearing = uow.repo(Hearing).find(case_id=case.id)[0]
        assert hearing.court_id == case.court_id is not None


def test_an_xlsx_register_imports_with_typed_cells_a_title_row_and_a_second_sheet(
        app: Application, tmp_path: Path) -> None:
    path = tmp_path / "kamiti.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Remand"
    sheet.append(["KAMITI MAXIMUM PRISON - REMAND REGISTER"])
    sheet.append(["Reg No", "Name", "Sex", "Date of birth", "Arrested", "Offence", "Facility"])
    sheet.append([1042, "Amina Yusuf", "F", datetime(1995, 6, 1), datetime(2026, 3, 1, 14, 30),
                  "Theft", FACILITY])
    sheet.append([1043, "محمد الحسن", "m", "3 Mar 1992", "01/03/2026 08:00", "'=1+1", FACILITY])
    sheet.append([1044, "Too Young", "f", datetime(2099, 1, 1), None, "Theft", FACILITY])
    book.create_sheet("Convicts").append(["not", "read"])
    book.save(path)

    report = run_import(app, path, facility=None)

    assert (report.summary.new, report.summary.rejected) == (2, 1)
    assert (report.header_row, report.other_sheets) == (2, ("Convicts",))
    with app.uow() as uow:
        custody = uow.repo(Custody).find(register_number="1042")[0]
        assert custody.arrest_at == datetime(2026, 3, 1, 11, 30, tzinfo=UTC)
        assert [c.offence for c in uow.repo(Charge).find()] == ["Theft", "=1+1"]
    rejects = load_workbook(tmp_path / "kamiti.xlsx.rejects.xlsx")
    rows = [list(r) for r in rejects.worksheets[0].iter_rows(values_only=True)]
    assert rows[0][-2:] == ["row", "reason"]
    assert rows[1][:4] == [1044, "Too Young", "f", datetime(2099, 1, 1)]
    assert rows[1][-2] == 5 and "date_of_birth" in rows[1][-1]


def test_the_export_imports_back_unchanged_and_recreates_the_same_register(
        app: Application, messy: Path, tmp_path: Path) -> None:
    run_import(app, messy)
    out = tmp_path / "export.csv"

    summary = export_register(app.uow(), app.catalogue, path=out, facility="kamiti remand")

    assert summary.rows == 5
    again = run_import(app, out, facility=None)
    assert (again.summary.new, again.summary.updated, again.summary.unchanged,
            again.summary.rejected) == (0, 0, 5, 0)
    from legalaid_desktop.app import open_application

    other = open_application(str(tmp_path / "other.sqlite"), actor="tester")
    fresh = run_import(other, out, facility=None)
    assert (fresh.summary.new, fresh.summary.rejected) == (5, 0)
    out2 = tmp_path / "export2.csv"
    export_register(other.uow(), other.catalogue, path=out2)
    assert out2.read_bytes() == out.read_bytes()


def test_the_export_is_excel_friendly_and_neutralises_formulas(
        app: Application, messy: Path, tmp_path: Path) -> None:
    run_import(app, messy)
    out = tmp_path / "export.csv"
    export_register(app.uow(), app.catalogue, path=out)

    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    assert "محمد الحسن" in text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "'@risk of self-harm" in text
    rows = list(csv.reader(text.splitlines()))
    assert rows[0][:3] == ["register_number", "full_name", "other_names"]
    amina = next(r for r in rows if r[0] == "KAM/001")
    assert amina[9] == "2026-03-01 14:30"  # local time, as the register wrote it
    assert amina[13] == "84" and amina[21] == "yes"


def test_a_failure_midway_leaves_the_database_and_the_rejects_file_untouched(
        app: Application, messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_import(app, messy)
    before = table_counts(app)
    rejects = Path(f"{messy}.rejects.csv")
    rejects.unlink()
    changed = read_back(messy)
    write_register(messy, [[*r, ""] for r in changed[1:]] + [
        ["KAM/500", "New Person", "", "F", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]],
        header=[*HEADER])
    monkeypatch.setattr(register_import, "BATCH_ROWS", 1)
    calls = {"n": 0}
    original = register_import._Importer._write_new

    def failing(self: register_import._Importer) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        original(self)

    monkeypatch.setattr(register_import._Importer, "_write_new", failing)
    with pytest.raises(OSError):
        run_import(app, messy)
    assert table_counts(app) == before
    assert not rejects.exists()


def test_dry_run_writes_nothing_but_says_what_would_happen(
        app: Application, messy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = table_counts(app)

    code = main(["import", "register", str(messy), "--db", str(app.location.path), "--facility",
                 FACILITY, "--jurisdiction", "KE", "--dry-run"])

    assert code == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "would import 5 new, update 0, leave 0 unchanged, reject 10"  # not "imported"
    assert out[1].startswith("dry run: nothing was written")
    assert not any(line.startswith("imported") for line in out)
    assert any("row 4: full_name: '' is not valid" in line for line in out)
    assert table_counts(app) == before
    assert not Path(f"{messy}.rejects.csv").exists()


# ---- the command line ---------------------------------------------------------------------------

def test_a_clean_register_is_exit_0_and_reports_what_it_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    db = tmp_path / "office.sqlite"
    assert main(["init", "--db", str(db), "--jurisdiction", "KE"]) == 0
    capsys.readouterr()

    assert main(["import", "register", str(path), "--db", str(db), "--facility", FACILITY]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[0] == "imported 4 new, updated 0, unchanged 0, rejected 0"
    assert "columns not recognised, ignored: 'Cell block'" in out
    assert f"new facility recorded: {FACILITY}" in out
    assert not Path(f"{path}.rejects.csv").exists()


def test_a_missing_file_is_exit_2_and_creates_no_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert main(["import", "register", str(tmp_path / "nope.csv"), "--db", str(db)]) == 2
    assert "nope.csv: there is no such file" in capsys.readouterr().err
    assert not db.exists()


def test_a_register_without_a_name_column_is_exit_2_and_says_how_to_map_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    path.write_text("Reg No,Mtu,Gender\nK/1,Amina,F\n", encoding="utf-8")
    db = tmp_path / "office.sqlite"

    assert main(["import", "register", str(path), "--db", str(db), "--facility", FACILITY]) == 2
    err = capsys.readouterr().err
    assert "no column for full_name was recognised" in err and "'Mtu'" in err
    assert '--map "HEADER=full_name"' in err
    assert not db.exists()

    assert main(["import", "register", str(path), "--db", str(db), "--facility", FACILITY,
                 "--jurisdiction", "KE", "--map", "Mtu=full_name"]) == 0
    first, imported = capsys.readouterr().out.splitlines()[:2]
    assert len(first.split("-")) == 8  # a new encrypted database: its recovery key first, as init prints it
    assert imported.startswith("imported 1 new")


def test_a_bad_map_field_or_a_mistyped_flag_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    for argv, expected in (
            (["--map", "Cell block=cell"], "'cell' is not a field; expected one of register_number"),
            (["--map", "Cell block"], "is not HEADER=FIELD"),
            (["--dyr-run"], "unrecognized arguments: --dyr-run")):
        with pytest.raises(SystemExit) as caught:
            main(["import", "register", str(path), "--db", str(tmp_path / "x.sqlite"), *argv])
        assert caught.value.code == 2
        assert expected in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_a_new_facility_without_a_jurisdiction_is_exit_2_asking_for_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    code = main(["import", "register", str(path), "--db", str(tmp_path / "office.sqlite"),
                 "--facility", FACILITY])
    assert code == 2
    err = capsys.readouterr().err
    assert "no jurisdiction is given" in err and "--jurisdiction CODE" in err
    assert not Path(f"{path}.rejects.csv").exists()


def test_a_shortened_facility_name_is_refused_rather_than_made_a_second_facility(
        app: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records.create(app.uow(), Facility(name="Kamiti Maximum Security Prison", jurisdiction_code="KE"))
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    code = main(["import", "register", str(path), "--db", str(app.location.path),
                 "--facility", "kamiti maximum", "--jurisdiction", "KE"])
    assert code == 2
    assert "did you mean 'Kamiti Maximum Security Prison'? Nothing was imported." in capsys.readouterr().err
    with app.uow() as uow:
        assert [f.name for f in uow.repo(Facility).stream()] == ["Kamiti Maximum Security Prison"]


def test_a_register_naming_no_facility_is_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.csv"
    write_register(path, GOOD)
    assert main(["import", "register", str(path), "--db", str(tmp_path / "o.sqlite")]) == 2
    assert "give --facility NAME, or add a facility column" in capsys.readouterr().err


def test_export_register_on_the_command_line(
        app: Application, messy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_import(app, messy)
    records.create(app.uow(), Facility(name="Langata Women's", jurisdiction_code="KE"))
    out = tmp_path / "out.csv"
    db = str(app.location.path)

    assert main(["export", "register", str(out), "--db", db, "--facility", FACILITY]) == 0
    assert "exported 5 rows to" in capsys.readouterr().out
    assert main(["export", "register", str(out), "--db", db, "--facility", "Langata Women's"]) == 0
    assert len(read_back(out)) == 1  # the header only: nobody held there
    assert main(["export", "register", str(out), "--db", db, "--facility", "Nowhere"]) == 2
    assert "facility: 'Nowhere' is not valid; expected a facility of this database, such as" in \
        capsys.readouterr().err
    assert main(["export", "register", str(tmp_path / "out.xlsx"), "--db", db]) == 2
    assert "a file name ending in .csv" in capsys.readouterr().err


def test_an_arrest_before_the_date_of_birth_is_rejected_with_both_dates(
        app: Application, tmp_path: Path) -> None:
    register = tmp_path / "born-late.csv"
    register.write_text("register_number,full_name,date_of_birth,arrest_datetime\n"
                        "B/1,Late Born,1990-05-01,1989-12-31 10:00\n", encoding="utf-8")
    from legalaid_desktop.cli.main import main

    assert main(["import", "register", str(register), "--db", str(app.location.path),
                 "--facility", "Kamiti", "--jurisdiction", "KE"]) == 3
    rejects = (tmp_path / "born-late.csv.rejects.csv").read_text(encoding="utf-8-sig")
    assert "arrest_datetime" in rejects and "1990-05-01" in rejects


def test_a_register_with_only_a_header_is_refused_and_records_no_facility(
        app: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from legalaid_desktop.cli.main import main
    from legalaid_desktop.domain.org import Facility

    register = tmp_path / "empty.csv"
    register.write_text("register_number,full_name\n", encoding="utf-8")
    assert main(["import", "register", str(register), "--db", str(app.location.path),
                 "--facility", "Typo Prison", "--jurisdiction", "KE"]) == 2
    assert "no rows of data" in capsys.readouterr().err
    with app.uow() as uow:
        assert uow.repo(Facility).find() == []


def test_every_bad_cell_of_a_row_is_reported_at_once_so_it_is_corrected_in_one_round(
        app: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = ["KAM/020", "", "", "woman?", "1990-13-45", "not a date", "2026-02-21", "Theft", "", "", "",
           "", "", "", "", "", "", "A"]
    path = tmp_path / "register.csv"
    write_register(path, [GOOD[0], bad])

    report = run_import(app, path, dry_run=True)
    assert report.summary.rejected == 1  # one row, however many of its cells are wrong
    assert [(r.row, r.field, r.value) for r in report.rejects] == [
        (3, "full_name", ""), (3, "sex", "woman?"), (3, "date_of_birth", "1990-13-45"),
        (3, "arrest_datetime", "not a date")]  # in the order of the file's columns

    code = main(["import", "register", str(path), "--db", str(app.location.path), "--facility",
                 FACILITY, "--jurisdiction", "KE"])
    assert code == 3
    out = capsys.readouterr().out
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("  row 3: "))
    row_line = " ".join(lines[start:start + 4])
    assert all(line.startswith(" " * len("  row 3: ")) for line in lines[start + 1:start + 4])
    for said in ("full_name: ''", "sex: 'woman?'",
                 "date_of_birth: '1990-13-45'", "arrest_datetime: 'not a date'"):
        assert said in row_line
    assert "... and" not in out
    rejects = read_back(Path(f"{path}.rejects.csv"))
    assert len(rejects) == 2  # the header and the one row
    reason = rejects[1][-1]
    assert reason.index("sex:") < reason.index("date_of_birth:") < reason.index("arrest_datetime:")
    assert "expected a date like" in reason and "?." not in reason
