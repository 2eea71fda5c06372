"""Reading registers: header matching, dates and times, encodings, and refusing unsafe workbooks."""

from __future__ import annotations

import codecs
import os
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import Sex
from legalaid_desktop.services import tabular
from legalaid_desktop.services.errors import InputFileError
from legalaid_desktop.services.register_columns import (
    format_moment,
    match_columns,
    parse_count,
    parse_date,
    parse_moment,
    parse_sentence,
    parse_sex,
    parse_yes_no,
    represented_in,
    with_represented,
)
from legalaid_desktop.services.tabular import open_table

NAIROBI = ZoneInfo("Africa/Nairobi")


def rows_of(path: Path) -> list[list[object]]:
    with open_table(path) as table:
        return [cells for _, cells in table.rows]


# ---- headers ------------------------------------------------------------------------------------

def test_headers_match_ignoring_case_spaces_underscores_punctuation_and_synonyms() -> None:
    headers = ["Reg. No.", "PRISONER NAME", "D.O.B", "Gender", "Date of arrest", "date_admitted",
               "Offence", "Next court date", "OB No", "Remarks"]
    match = match_columns(headers)
    assert match.fields == {
        "register_number": 0, "full_name": 1, "date_of_birth": 2, "sex": 3, "arrest_datetime": 4,
        "admission_datetime": 5, "offence": 6, "next_court_date": 7, "police_case_number": 8,
        "notes": 9}
    assert match.unknown == () and match.missing() == ()


def test_french_headers_are_recognised_accents_or_not() -> None:
    match = match_columns(["N° d'écrou", "Nom et prénoms", "Sexe", "Date de naissance",
                           "Date d'arrestation", "Date d'incarceration", "Infraction", "Tribunal"])
    assert list(match.fields) == ["register_number", "full_name", "sex", "date_of_birth",
                                  "arrest_datetime", "admission_datetime", "offence", "court"]


def test_canonical_names_are_recognised_as_written() -> None:
    match = match_columns(["register_number", "full_name", "max_sentence_months", "remand_days"])
    assert set(match.fields) == {"register_number", "full_name", "max_sentence_months", "remand_days"}


def test_a_column_it_cannot_place_is_reported_not_refused() -> None:
    match = match_columns(["Name", "Reg No", "Cell block", "", "Name"])
    assert match.fields == {"full_name": 0, "register_number": 1}
    assert match.unknown == ("Cell block",)
    assert match.repeated == ("Name",)


def test_a_forced_mapping_wins_over_synonyms_and_can_leave_a_column_out() -> None:
    match = match_columns(["Name", "Inmate", "Status", "Lawyer?"],
                          {"inmate": "register_number", "STATUS": "ignore",
                           "Lawyer?": "represented"})
    assert match.fields == {"full_name": 0, "register_number": 1, "represented": 3}
    assert match.ignored == ("Status",)


def test_a_forced_mapping_to_an_unknown_field_or_header_is_a_clear_error() -> None:
    with pytest.raises(ValidationError) as caught:
        match_columns(["Name", "Reg"], {"Reg": "register"})
    assert caught.value.field == "--map" and "register_number" in caught.value.expected
    with pytest.raises(ValidationError) as caught:
        match_columns(["Name", "Reg"], {"Number": "register_number"})
    assert "'Name', 'Reg'" in caught.value.expected


# ---- values -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2026-03-01", "01/03/2026", "1/3/2026", "01-03-2026", "01.03.2026",
                                  "1 Mar 2026", "1 March 2026", "01-Mar-2026", "1 mar. 2026",
                                  "2026/03/01", " 2026-03-01 "])
def test_dates_are_read_in_iso_day_first_and_month_name_forms(text: str) -> None:
    assert parse_date("date_of_birth", text) == date(2026, 3, 1)


@pytest.mark.parametrize("text", ["31/02/2026", "03/14/2026", "01/03/26", "yesterday", "2026-13-01",
                                  "1 Smarch 2026", "2026-03-01 14:30"])
def test_a_date_that_cannot_be_read_names_the_field_the_value_and_the_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date("date_of_birth", text)
    assert caught.value.field == "date_of_birth"
    assert caught.value.value == text
    assert "2026-03-01" in caught.value.expected and "day first" in caught.value.expected


def test_a_blank_date_is_none_and_a_spreadsheet_date_is_taken_as_it_is() -> None:
    assert parse_date("date_of_birth", "  ") is None
    assert parse_date("date_of_birth", None) is None
    assert parse_date("date_of_birth", datetime(1990, 5, 17)) == date(1990, 5, 17)


@pytest.mark.parametrize("text", ["2026-03-01 14:30", "2026-03-01T14:30", "01/03/2026 14:30",
                                  "1 Mar 2026 14:30", "2026-03-01 14:30:00"])
def test_times_are_local_to_the_facility_and_stored_in_utc(text: str) -> None:
    assert parse_moment("arrest_datetime", text, NAIROBI) == datetime(2026, 3, 1, 11, 30, tzinfo=UTC)


def test_a_date_alone_is_local_midnight_and_an_explicit_offset_is_kept() -> None:
    assert parse_moment("arrest_datetime", "2026-03-01", NAIROBI) == \
        datetime(2026, 2, 28, 21, 0, tzinfo=UTC)
    assert parse_moment("arrest_datetime", "2026-03-01 14:30+01:00", NAIROBI) == \
        datetime(2026, 3, 1, 13, 30, tzinfo=UTC)
    assert parse_moment("arrest_datetime", datetime(2026, 3, 1, 14, 30), NAIROBI) == \
        datetime(2026, 3, 1, 11, 30, tzinfo=UTC)


def test_an_impossible_time_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_moment("arrest_datetime", "2026-03-01 25:30", NAIROBI)
    assert caught.value.field == "arrest_datetime" and "14:30" in caught.value.expected


def test_stored_times_are_written_back_as_local_text_that_reads_back_the_same() -> None:
    london = ZoneInfo("Europe/London")
    for moment in (datetime(2026, 3, 1, 11, 30, tzinfo=UTC), datetime(2026, 3, 1, 11, 30, 5, tzinfo=UTC),
                   datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)):
        for local in (NAIROBI, london):
            assert parse_moment("x", format_moment(moment, local), local) == moment
    # 01:30 happens twice in London when the clocks go back: the offset says which.
    assert format_moment(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), london) == "2026-10-25 01:30+00:00"
    assert format_moment(datetime(2026, 3, 2, 21, 0, tzinfo=UTC), NAIROBI,
                         date_if_midnight=True) == "2026-03-03"


@pytest.mark.parametrize(("text", "sex"), [("F", Sex.FEMALE), ("f", Sex.FEMALE), ("m", Sex.MALE),
                                           ("M", Sex.MALE), ("X", Sex.OTHER), ("x", Sex.OTHER),
                                           ("Female", Sex.FEMALE), ("male", Sex.MALE),
                                           ("unknown", Sex.UNKNOWN), ("", None)])
def test_sex_takes_words_and_single_letters_in_any_case(text: str, sex: Sex | None) -> None:
    assert parse_sex(text) is sex


def test_counts_sentences_and_yes_no_are_read_leniently_but_never_guessed() -> None:
    assert parse_count("remand_days", "14", units=("days",), expected="days") == 14
    assert parse_count("remand_days", "14 days", units=("days",), expected="days") == 14
    assert parse_count("remand_days", 14.0, units=("days",), expected="days") == 14
    for bad in ("fourteen", "-3", "14.5", "14 weeks"):
        with pytest.raises(ValidationError):
            parse_count("remand_days", bad, units=("days",), expected="days")
    assert parse_sentence("life") == (None, True)
    assert parse_sentence("Life imprisonment") == (None, True)
    assert parse_sentence("84") == (84, False)
    assert parse_sentence("") == (None, False)
    assert (parse_yes_no("represented", "Yes"), parse_yes_no("represented", "n"),
            parse_yes_no("represented", "")) == (True, False, None)
    with pytest.raises(ValidationError):
        parse_yes_no("represented", "maybe")


def test_represented_lives_on_its_own_line_of_the_case_summary() -> None:
    summary = with_represented("Client says the arrest was at night.", True)
    assert summary == "Represented: yes\nClient says the arrest was at night."
    assert represented_in(summary) is True
    assert represented_in(with_represented(summary, False)) is False
    assert represented_in(None) is None


# ---- CSV encodings and delimiters ---------------------------------------------------------------

HEADER = "register_number,full_name,notes\r\n"


def test_utf8_with_or_without_bom_reads_arabic_names_intact(tmp_path: Path) -> None:
    for name, prefix in (("plain.csv", b""), ("bom.csv", codecs.BOM_UTF8)):
        path = tmp_path / name
        path.write_bytes(prefix + (HEADER + "K/1,محمد الحسن,ok\r\n").encode("utf-8"))
        assert rows_of(path) == [["register_number", "full_name", "notes"],
                                 ["K/1", "محمد الحسن", "ok"]]


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "excel-unicode.csv"
    path.write_bytes(("register_number\tfull_name\r\nK/1\tفاطمة\r\n").encode("utf-16"))
    assert rows_of(path) == [["register_number", "full_name"], ["K/1", "فاطمة"]]


def test_windows_1252_is_read_and_mixed_encodings_fall_back_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + "K/1,José Müller,a\r\n".encode("cp1252")
                     + "K/2,محمد,b\r\n".encode() + "K/3,Zoë “Z”,c\r\n".encode("cp1252"))
    with open_table(path) as table:
        rows = [cells for _, cells in table.rows]
        assert table.fallback_lines == [2, 4]
    assert [r[1] for r in rows[1:]] == ["José Müller", "محمد", "Zoë “Z”"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "register.csv"
    lines = [["register_number", "full_name", "notes"], ["K/1", "Amina Yusuf", "cell 4, block B"],
             ["K/2", "John Ochieng", "a; b | c"]]
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(lines)
    assert rows_of(path) == lines


def test_formula_escaped_text_is_read_back_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "K/1,Amina,'=SUM(A1:A3)\r\nK/2,John,'-3 days\r\nK/3,Ali,'quoted\r\n",
                    encoding="utf-8")
    assert [r[2] for r in rows_of(path)[1:]] == ["=SUM(A1:A3)", "-3 days", "'quoted"]


def test_a_binary_file_or_an_old_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    with pytest.raises(InputFileError, match="not a text"):
        rows_of(binary)
    old = tmp_path / "register.xls"
    old.write_bytes(tabular.OLE_MAGIC + b"\x00" * 100)
    with pytest.raises(InputFileError, match=r"save it as \.xlsx"):
        rows_of(old)
    fake = tmp_path / "register.xlsx"
    fake.write_text("Name,Reg\n")
    with pytest.raises(InputFileError, match="not an XLSX file"):
        rows_of(fake)
    with pytest.raises(InputFileError, match="no such file"):
        rows_of(tmp_path / "missing.csv")


# ---- XLSX safety --------------------------------------------------------------------------------

def make_workbook(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["register_number", "full_name", "date_of_birth"])
    sheet.append([1042, "Amina Yusuf", datetime(1995, 6, 1)])
    book.save(path)


def test_a_workbook_is_read_with_its_cell_types(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    make_workbook(path)
    assert rows_of(path) == [["register_number", "full_name", "date_of_birth"],
                             [1042, "Amina Yusuf", datetime(1995, 6, 1)]]


def rewrite_member(path: Path, member: str, content: bytes) -> None:
    """Replace one part of a workbook (the zip is rebuilt)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[member] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.fixture
def openpyxl_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was given an unsafe workbook")

    monkeypatch.setattr("openpyxl.load_workbook", refuse)


@pytest.mark.usefixtures("openpyxl_must_not_run")
def test_a_zip_bomb_is_refused_before_openpyxl_touches_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    make_workbook(path)
    # 60 MB of the same byte deflates to about 60 KB: a thousand times.
    rewrite_member(path, "xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputFileError) as caught:
        rows_of(path)
    assert "zip bomb" in caught.value.reason and "sheet1.xml" in caught.value.reason


@pytest.mark.usefixtures("openpyxl_must_not_run")
def test_a_workbook_expanding_past_the_total_limit_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_XLSX_EXPANDED", 1024 * 1024)
    path = tmp_path / "big.xlsx"
    make_workbook(path)
    rewrite_member(path, "xl/media/noise.bin", os.urandom(2 * 1024 * 1024))
    with pytest.raises(InputFileError, match=r"would expand to 2 MB \(the limit is 1 MB\)"):
        rows_of(path)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>"""

XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.usefixtures("openpyxl_must_not_run")
@pytest.mark.parametrize(("member", "content"), [
    ("xl/sharedStrings.xml", BILLION_LAUGHS),
    ("xl/worksheets/sheet1.xml", XXE),
    ("xl/worksheets/sheet1.xml", XXE.decode().replace("<?xml version=\"1.0\"?>", "").encode("utf-16")),
])
def test_xml_entity_and_doctype_declarations_are_refused(tmp_path: Path, member: str,
                                                         content: bytes) -> None:
    path = tmp_path / "entities.xlsx"
    make_workbook(path)
    rewrite_member(path, member, content)
    with pytest.raises(InputFileError) as caught:
        rows_of(path)
    assert "DOCTYPE or XML entities" in caught.value.reason and member in caught.value.reason


def test_only_the_first_worksheet_is_read_and_the_others_are_named(tmp_path: Path) -> None:
    path = tmp_path / "two-sheets.xlsx"
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Remand"
    first.append(["register_number", "full_name"])
    book.create_sheet("Convicts").append(["not", "read"])
    book.save(path)
    with open_table(path) as table:
        assert (table.sheet_name, table.other_sheets) == ("Remand", ("Convicts",))
        assert [cells for _, cells in table.rows] == [["register_number", "full_name"]]


def test_a_damaged_workbook_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    make_workbook(path)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(InputFileError, match="save it again"):
        rows_of(path)


def test_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the old file\n")

    def fails(path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        tabular.stage(target, fails)
    assert target.read_text() == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    staged = tabular.stage(target, lambda path: tabular.write_csv(path, ["a"], [["=1+1"], ["ok"]]))
    assert target.read_text() == "the old file\n"
    staged.publish()
    assert target.read_bytes() == codecs.BOM_UTF8 + b"a\r\n'=1+1\r\nok\r\n"


def test_a_two_digit_slip_in_a_year_is_refused_not_taken_as_antiquity() -> None:
    from legalaid_desktop.domain.errors import ValidationError
    from legalaid_desktop.services.register_columns import parse_date

    with pytest.raises(ValidationError) as caught:
        parse_date("admission_datetime", "01/03/0026")
    assert "four digits" in caught.value.expected
