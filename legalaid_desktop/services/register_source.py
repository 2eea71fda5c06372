"""A register file opened for import: its header row found, its columns placed, its rejects.

Everything that can make a file unusable is checked here, before any database work starts, so
a bad file writes nothing (not even a new database).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.register import RegisterPreview
from legalaid_desktop.services.errors import InputFileError
from legalaid_desktop.services.register_columns import (
    ColumnMatch,
    cell_text,
    match_columns,
    recognised,
)
from legalaid_desktop.services.tabular import Row, Table, open_table, write_csv, write_xlsx

HEADER_SEARCH_ROWS = 10  # a header may sit under a title line or two
PREVIEW_ROWS = 20

Words = Callable[[ValidationError], str]
Reject = tuple[int, list[Any], tuple[ValidationError, ...]]
"""A rejected row: its number, its cells as read, and why (every bad cell, in column order)."""


def plain_reason(error: ValidationError) -> str:
    """The reason written beside a rejected row when no translated wording is given."""
    reason = f"{error.field}: {error.value!r} is not valid; expected {error.expected}"
    return reason if reason.endswith((".", "?")) else reason + "."


def row_reason(errors: tuple[ValidationError, ...], word: Words) -> str:
    """Every bad cell of a row in one reason, so the row is corrected in one round."""
    return " ".join(word(error) for error in errors)


@dataclass
class RegisterSource:
    """A register file opened, with its header row found and its columns placed.

    Opening it checks everything about the file that can make it unusable, before any database
    work starts: so a bad file writes nothing, not even a new database.
    """

    table: Table
    header_row: int
    headers: list[str]
    columns: ColumnMatch
    rows: Iterator[Row]

    @property
    def path(self) -> Path:
        return self.table.path

    def check_facility(self, facility: str | None) -> None:
        """Refuse a register that does not say which facility it is from."""
        if not (facility or "").strip() and "facility" not in self.columns.fields:
            raise InputFileError(str(self.path), "it does not say which facility it is the "
                                 "register of; give --facility NAME, or add a facility column")

    def rejects_path(self) -> Path:
        return Path(f"{self.path}.rejects.{'xlsx' if self.table.kind == 'xlsx' else 'csv'}")


@contextmanager
def open_register(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[RegisterSource]:
    """Open `path` as a register; InputFileError when it cannot be used at all."""
    with open_table(path) as table:
        peeked = list(itertools.islice(table.rows, HEADER_SEARCH_ROWS))
        header_row, headers = _find_header(path, peeked, mapping)
        columns = match_columns(headers, mapping)
        missing = columns.missing()
        if missing:
            shown = ", ".join(repr(h) for h in headers if h) or "(none)"
            raise InputFileError(
                str(path), f"no column for {' or '.join(missing)} was recognised among the headers "
                f"on row {header_row}: {shown}. Rename the header, or map it with "
                f"--map \"HEADER={missing[0]}\"")
        rest = itertools.chain((r for r in peeked if r[0] > header_row), table.rows)
        yield RegisterSource(table=table, header_row=header_row, headers=headers, columns=columns,
                             rows=rest)


def preview_register(path: Path, mapping: Mapping[str, str] | None = None, *,
                     rows: int = PREVIEW_ROWS) -> RegisterPreview:
    """The header and the first `rows` rows with something in them, and how each column is read.

    Unlike open_register, a register missing a required column is not refused here: the preview
    says which are missing, so the user can place them (`mapping`) before importing. A file that
    cannot be read at all is still an InputFileError; nothing touches the database.
    """
    with open_table(path) as table:
        peeked = list(itertools.islice(table.rows, HEADER_SEARCH_ROWS))
        header_row, headers = _find_header(path, peeked, mapping)
        columns = match_columns(headers, mapping)
        field_of: dict[int, str] = {index: name for name, index in columns.fields.items()}
        rest = itertools.chain((r for r in peeked if r[0] > header_row), table.rows)
        shown: list[tuple[int, tuple[str, ...]]] = []
        for number, cells in rest:
            texts = tuple(cell_text(c) for c in cells)
            if any(texts):
                shown.append((number, texts))
                if len(shown) >= rows:
                    break
        return RegisterPreview(header_row=header_row, headers=tuple(headers),
                               fields=tuple(field_of.get(i) for i in range(len(headers))),
                               missing=columns.missing(), rows=tuple(shown), kind=table.kind,
                               sheet_name=table.sheet_name)


def _find_header(path: Path, peeked: list[Row], mapping: Mapping[str, str] | None
                 ) -> tuple[int, list[str]]:
    """The first row naming at least two fields (a title line may come first)."""
    filled = [(n, [cell_text(c) for c in cells]) for n, cells in peeked
              if any(cell_text(c) for c in cells)]
    if not filled:
        raise InputFileError(str(path), "is empty: no header row was found")
    for number, headers in filled:
        if recognised(headers, mapping) >= 2:
            return number, headers
    return filled[0]


def write_rejects(path: Path, source: RegisterSource, rejects: list[Reject], word: Words) -> None:
    """The rejected rows as they were, with `row` and `reason` added after the last column."""
    width = max([len(source.headers), *(len(cells) for _, cells, _ in rejects)])
    header = [*source.headers, *([""] * (width - len(source.headers))), "row", "reason"]
    rows = ([*cells, *([None] * (width - len(cells))), number, row_reason(errors, word)]
            for number, cells, errors in rejects)
    if source.table.kind == "xlsx":
        write_xlsx(path, header, rows)
    else:
        write_csv(path, header, rows, delimiter=source.table.delimiter)
