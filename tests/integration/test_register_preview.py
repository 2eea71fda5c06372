"""What the import screen asks of the services before and while importing: a preview of the file that
touches no database, a dry run that writes nothing, progress, and a stop that leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.services.register_import import ImportStopped
from legalaid_desktop.services.register_source import preview_register
from tests.integration.test_register_import import (
    BAD,
    FACILITY,
    GOOD,
    HEADER,
    run_import,
    table_counts,
    write_register,
)


def test_the_preview_shows_the_header_the_field_each_column_is_read_as_and_the_first_rows(
        tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, [GOOD[0], BAD[0][0], GOOD[1]])
    preview = preview_register(path, rows=2)
    assert preview.header_row == 1 and preview.headers == tuple(HEADER)
    read_as = dict(zip(preview.headers, preview.fields, strict=True))
    assert read_as["Reg No"] == "register_number" and read_as["DOB"] == "date_of_birth"
    assert read_as["Cell block"] is None  # not a register field: shown as not read
    assert preview.missing == () and not preview.has_facility
    assert [number for number, _cells in preview.rows] == [2, 3]
    assert preview.rows[0][1][:2] == ("KAM/001", "Amina Yusuf")


def test_the_preview_of_a_file_without_the_needed_columns_says_which_are_missing_instead_of_refusing(
        tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    write_register(path, [["K/9", "Halima Abdi"]], header=["Ref", "Who"])
    preview = preview_register(path)
    assert preview.missing == ("register_number", "full_name")
    placed = preview_register(path, {"Ref": "register_number", "Who": "full_name"})
    assert placed.missing == () and placed.fields == ("register_number", "full_name")


def test_a_dry_run_counts_what_an_import_would_do_and_writes_nothing(app: Application,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    write_register(path, [GOOD[0], GOOD[1], BAD[0][0]])
    before = table_counts(app)
    report = run_import(app, path, dry_run=True)
    assert (report.summary.new, report.summary.rejected, report.summary.dry_run) == (2, 1, True)
    assert report.facilities == (FACILITY,)
    assert table_counts(app) == before
    assert not Path(f"{path}.rejects.csv").exists()


def test_progress_is_told_the_rows_read_and_a_stop_from_it_rolls_the_whole_import_back(
        app: Application, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    rows = [[f"KAM/{n:04d}", f"Person {n}", "", "F", "1990-01-01", "2026-02-20", "2026-02-21", "Theft",
             *[""] * 9, "A"] for n in range(600)]
    write_register(path, rows)
    before = table_counts(app)
    heard: list[int] = []

    def stop_at_500(read: int) -> None:
        heard.append(read)
        if read >= 500:
            raise ImportStopped

    with pytest.raises(ImportStopped):
        run_import(app, path, progress=stop_at_500)
    assert heard == [250, 500]
    assert table_counts(app) == before  # not a person, spell, case or audit entry kept
    seen: list[int] = []
    report = run_import(app, path, progress=seen.append)
    assert seen == [250, 500, 600] and report.summary.new == 600
