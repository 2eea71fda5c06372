"""Reading tables from CSV and XLSX files safely, and writing CSV and XLSX files atomically.

CSV arrives in whatever encoding the office's spreadsheet used, sometimes several in one file (rows
pasted from another machine), so lines are decoded one by one with a fallback. An XLSX file is a zip
archive of XML: it is checked for zip bombs and DTD/entity declarations before openpyxl opens it.
Text cells written by our exports with a protective apostrophe are read back as they were typed.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from legalaid_desktop.services.errors import InputFileError
from legalaid_desktop.services.output_files import refuse_special
from legalaid_desktop.services.spreadsheet import safe_cell, unescape_cell

CSV_DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 50

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected workbook
MAX_XLSX_EXPANDED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100  # real sheets compress 5-20 times; a zip bomb thousands of times
RATIO_CHECKED_FROM = 1024 * 1024  # small members cannot hurt, whatever their ratio
MAX_XLSX_MEMBERS = 10_000
_SCAN_CHUNK = 1024 * 1024
_DTD_MARKS = (b"<!doctype", b"<!entity")

Row = tuple[int, list[Any]]
"""A row number as a spreadsheet shows it (the first line is 1) and its cells."""


@dataclass
class Table:
    """The rows of a CSV file or of a workbook's first worksheet, read lazily.

    `rows` yields every row, blank ones included, so row numbers match what a spreadsheet shows.
    CSV cells are text; XLSX cells keep their types (numbers, dates) for the reader to interpret.
    """

    path: Path
    kind: str  # "csv" or "xlsx"
    rows: Iterator[Row]
    delimiter: str = ","
    encoding: str = "utf-8"
    other_sheets: tuple[str, ...] = ()
    sheet_name: str | None = None
    fallback_lines: list[int] = field(default_factory=list)
    lines: int = 0
    """Physical lines decoded (CSV): with fallback_lines, says whether a whole file was 8-bit."""


def file_kind(path: Path) -> str:
    """"csv" or "xlsx", from the file's first bytes (a name can lie); refuses what is neither."""
    if not path.exists():
        raise InputFileError(str(path), "there is no such file; check the name and the folder")
    if path.is_dir():
        raise InputFileError(str(path), "is a folder; give the register file inside it")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise InputFileError(str(path), f"cannot be read ({error.strerror})") from None
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        raise InputFileError(str(path), "is an old-format (.xls) or password-protected workbook; "
                                        "open it and save it as .xlsx (without a password) or CSV")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise InputFileError(str(path), "is named like a workbook but is not an XLSX file; "
                                        "open it in Excel or LibreOffice and save it as .xlsx or CSV")
    return "csv"


@contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """The table in `path`; files are closed when the block ends."""
    kind = file_kind(path)
    if kind == "xlsx":
        with _open_xlsx(path) as table:
            yield table
    else:
        with path.open("rb") as handle:
            yield _csv_table(path, handle)


# ---- CSV ----------------------------------------------------------------------------------------

def _decoder_for(head: bytes, path: Path) -> tuple[str, bool]:
    """The encoding to read with, and whether lines fall back one by one (8-bit text)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        # ASCII text in UTF-16 without a BOM: every other byte is zero.
        if odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
            return "utf-16-le", False
        if even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
            return "utf-16-be", False
        raise InputFileError(str(path), "is not a text (CSV) file or an XLSX workbook; "
                                        "save the register as CSV or XLSX")
    return "utf-8", True


def _byte_lines(handle: IO[bytes], head: bytes) -> Iterator[bytes]:
    """Physical lines, ending included; a file with only carriage returns is split on them."""
    if b"\n" not in head and b"\r" in head:
        rest = head + handle.read()
        yield from rest.splitlines(keepends=True)
        return
    yield from handle


def _decoded_lines(handle: IO[bytes], path: Path, table: Table) -> Iterator[str]:
    head = handle.read(64 * 1024)
    encoding, per_line = _decoder_for(head, path)
    table.encoding = encoding
    handle.seek(0)
    if not per_line:
        wrapper = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            yield from wrapper
        except UnicodeDecodeError:
            raise InputFileError(str(path), f"is not valid {encoding.upper()} text "
                                            "(the file is damaged or cut short)") from None
        finally:
            wrapper.detach()
        return
    first = True
    for number, raw in enumerate(_byte_lines(handle, head), start=1):
        table.lines = number
        if first:
            raw = raw.removeprefix(codecs.BOM_UTF8)
            first = False
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            # A line from a Windows machine among UTF-8 ones: read it as Windows-1252 (Latin-1
            # for the five bytes Windows-1252 leaves undefined), so nothing is lost.
            table.fallback_lines.append(number)
            try:
                yield raw.decode("cp1252")
            except UnicodeDecodeError:
                yield raw.decode("latin-1")


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits the first line into most fields and the most lines alike."""
    best, best_score = ",", (-1, -1)
    for delimiter in CSV_DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        score = (sum(1 for w in widths if w == widths[0]), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_table(path: Path, handle: IO[bytes]) -> Table:
    table = Table(path=path, kind="csv", rows=iter(()))
    lines = _decoded_lines(handle, path, table)
    sample = list(itertools.islice(lines, SNIFF_LINES))
    table.delimiter = sniff_delimiter(sample)
    reader = csv.reader(itertools.chain(sample, lines), delimiter=table.delimiter)

    def rows() -> Iterator[Row]:
        number = 0
        try:
            for cells in reader:
                number += 1
                yield number, [unescape_cell(c) for c in cells]
        except csv.Error as error:
            raise InputFileError(str(path), f"cannot be read as CSV after row {number}: {error}; "
                                            "check the quotes in that row") from None

    table.rows = rows()
    return table


# ---- XLSX ---------------------------------------------------------------------------------------

def check_workbook_archive(path: Path) -> None:
    """Refuse an XLSX archive that would expand out of bounds or declares a DTD or entities.

    openpyxl reads whatever the archive holds: a 0.15 MB zip bomb made it take 734 MB and 47 s,
    and an XML entity declaration can expand a few bytes into gigabytes (billion laughs) or read
    local files (XXE). Python's zipfile never inflates a member past its declared size, so the
    sizes checked here are the sizes openpyxl would get.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputFileError(str(path), "is not a readable XLSX workbook (the archive is damaged); "
                                        "open it in Excel or LibreOffice and save it again") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_XLSX_MEMBERS:
            raise InputFileError(str(path), f"holds {len(members)} parts, more than any register "
                                            "needs; it was refused as unsafe. Save it as CSV")
        expanded = sum(m.file_size for m in members)
        if expanded > MAX_XLSX_EXPANDED:
            raise InputFileError(
                str(path), f"would expand to {expanded // (1024 * 1024)} MB (the limit is "
                f"{MAX_XLSX_EXPANDED // (1024 * 1024)} MB); it was refused as a possible zip bomb. "
                "Save the register as CSV instead")
        for member in members:
            ratio = member.file_size // max(member.compress_size, 1)
            if member.file_size >= RATIO_CHECKED_FROM and ratio > MAX_XLSX_RATIO:
                raise InputFileError(
                    str(path), f"part {member.filename} expands {ratio} times (more than "
                    f"{MAX_XLSX_RATIO}); it was refused as a possible zip bomb. "
                    "Save the register as CSV instead")
        for member in members:
            if member.flag_bits & 0x1:
                raise InputFileError(str(path), "is encrypted; save it without a password")
            if _declares_dtd(archive, member):
                raise InputFileError(
                    str(path), f"part {member.filename} declares a DOCTYPE or XML entities, which "
                    "workbooks never need and attacks use; it was refused. Save it as CSV instead")


XML_SUFFIXES = (".xml", ".rels", ".vml")


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether an XML part holds <!DOCTYPE or <!ENTITY (read as UTF-8 or UTF-16 text)."""
    if not member.filename.lower().endswith(XML_SUFFIXES):
        return False  # images and other binary parts are never parsed as XML
    try:
        with archive.open(member) as stream:
            chunk = stream.read(_SCAN_CHUNK)
            encoding = ("utf-16" if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
                        else "utf-16-le" if chunk.startswith(b"<\x00")
                        else "utf-16-be" if chunk.startswith(b"\x00<") else None)
            decoder = codecs.getincrementaldecoder(encoding)("replace") if encoding else None
            tail = b""
            while chunk:
                data = decoder.decode(chunk).encode("utf-8") if decoder else chunk
                window = tail + data.lower()
                if any(mark in window for mark in _DTD_MARKS):
                    return True
                tail = window[-16:]
                chunk = stream.read(_SCAN_CHUNK)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise InputFileError(archive.filename or "", f"part {member.filename} cannot be read "
                                                     f"({error}); save the workbook again") from None
    return False


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Table]:
    check_workbook_archive(path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign archive
        raise InputFileError(str(path), f"cannot be opened as a workbook ({type(error).__name__}: "
                                        f"{error}); open it in Excel or LibreOffice and save it "
                                        "again, or save it as CSV") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise InputFileError(str(path), "has no worksheet")
        sheet = sheets[0]
        # Some writers record a wrong sheet size, and read-only mode would trust it and cut rows.
        sheet.reset_dimensions()

        def rows() -> Iterator[Row]:
            try:
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    yield number, [unescape_cell(v) if isinstance(v, str) else v for v in values]
            except InputFileError:
                raise
            except Exception as error:
                raise InputFileError(str(path), f"the worksheet cannot be read ({type(error).__name__}: "
                                                f"{error}); save the workbook again") from None

        yield Table(path=path, kind="xlsx", rows=rows(), sheet_name=sheet.title,
                    other_sheets=tuple(s.title for s in sheets[1:]))
    finally:
        book.close()


# ---- writing ------------------------------------------------------------------------------------

class StagedFile:
    """A file written beside its target under a temporary name, put in place by `publish`.

    Nothing half-written ever carries the target's name: a failure leaves the old file (if any)
    as it was, and `discard` removes the temporary one.
    """

    def __init__(self, target: Path) -> None:
        refuse_special(target)
        self.target = target
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                            dir=target.parent)
        os.close(descriptor)
        self.temporary = Path(name)

    def publish(self) -> Path:
        os.replace(self.temporary, self.target)
        return self.target

    def discard(self) -> None:
        self.temporary.unlink(missing_ok=True)


def stage(target: Path, write: Callable[[Path], None]) -> StagedFile:
    """Run `write` on a temporary file beside `target`; the caller publishes or discards it."""
    try:
        staged = StagedFile(target)
    except OSError as error:
        raise InputFileError(str(target), f"cannot be written ({error.strerror})") from None
    try:
        write(staged.temporary)
    except BaseException:
        staged.discard()
        raise
    return staged


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              delimiter: str = ",") -> None:
    """UTF-8 with a BOM (so Excel reads Arabic right), every formula-like cell neutralised."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(_csv_value(v)) for v in row])
        handle.flush()
        os.fsync(handle.fileno())


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """One worksheet; text that would run as a formula is neutralised like in CSV."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    book.save(path)
