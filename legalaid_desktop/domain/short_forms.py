"""Given names and their other forms (William / Bill, Aleksandr / Sasha, Chukwuemeka / Emeka): the
table's text checked whole, a mistake named by file, line and what is wrong."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.folding import fold
from legalaid_desktop.domain.transliterate import latin_form

HEADER = ["name", "forms", "traditions"]
_NAME = re.compile(r"[^\W\d_]+")  # one word of letters; accents allowed (José), no digits or spaces


class ShortFormFileError(DomainError):
    """The table of short forms is wrong: which file, which line (0: the file as a whole), and why."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        super().__init__(f"{source}, line {line}: {problem}" if line else f"{source}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class ShortFormTable:
    """Which rows of the table a word belongs to.

    A row is a given name and the forms a register may write for it (short forms, pet names, the
    spelling of another tradition). `rows` maps the comparable Latin form of each word of the
    table to the rows that hold it, each named by the main form of its given name: Bill and Will
    share "wiliam"; Chris is in the rows of Christopher, Christine and Christian.
    """

    rows: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def rows_of(self, form: str) -> frozenset[str]:
        """The rows holding this comparable Latin form; empty when no row does."""
        return self.rows.get(form, frozenset())


def _word(value: str, source: str, line: int, what: str) -> str:
    if not _NAME.fullmatch(value):
        raise ShortFormFileError(source, line, f"{what} {value!r} is not one word of letters "
                                 "(write each form as one word, forms separated by spaces)")
    return latin_form(fold(value))


def parse_short_forms(text: str, source: str) -> ShortFormTable:
    """The table from the text of a CSV file with the columns name, forms, traditions.

    `forms` holds one or more words separated by spaces; `traditions` names where the forms are
    used (english, russian, yoruba, ...), for the reader. A given name may have one row only.
    """
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != HEADER:
        raise ShortFormFileError(source, 1, f"the first line must be {','.join(HEADER)!r}, not "
                                 f"{','.join(header or [])!r}")
    rows: dict[str, set[str]] = {}
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise ShortFormFileError(source, line, f"expected {len(HEADER)} columns ({', '.join(HEADER)}), "
                                     f"found {len(row)}")
        name, forms, traditions = (cell.strip() for cell in row)
        main = _word(name, source, line, "the name")
        if main in seen:
            raise ShortFormFileError(source, line, f"{name!r} already has a row on line {seen[main]}: "
                                     "add these forms to that row")
        seen[main] = line
        if not forms.split():
            raise ShortFormFileError(source, line, f"{name!r} has no forms: write at least one")
        if not traditions.split():
            raise ShortFormFileError(source, line, f"{name!r} names no tradition (english, russian, ...)")
        members = {main}
        for form in forms.split():
            comparable = _word(form, source, line, "the form")
            if comparable in members:
                raise ShortFormFileError(source, line, f"the form {form!r} repeats {name!r} or another "
                                         "form of the row (compared as the matcher reads them)")
            members.add(comparable)
        for member in members:
            rows.setdefault(member, set()).add(main)
    return ShortFormTable({member: frozenset(names) for member, names in rows.items()})
