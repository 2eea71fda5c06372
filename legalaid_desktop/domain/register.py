"""Frozen DTOs for facility registers: a stored register line, and what an import did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from legalaid_desktop.domain.dto import ImportSummary
from legalaid_desktop.domain.vocab import CustodyStatus, Sex


@dataclass(frozen=True, slots=True)
class RegisterRecord:
    """What a register line says about one held custody spell, as stored.

    `offence` and its class come from the case's first charge; `last_remand_*` from the spell's
    latest remand event; `next_court_*` from the case's latest hearing.
    """

    custody_id: int
    person_id: int
    case_id: int | None
    case_uuid: str | None
    facility_id: int
    facility: str
    time_zone: str | None
    register_number: str | None
    full_name: str
    other_names: str | None
    sex: Sex
    date_of_birth: date | None
    age_estimate: int | None
    nationality: str | None
    languages: str | None
    notes: str | None
    custody_status: CustodyStatus
    arrest_at: datetime | None
    admission_at: datetime | None
    court: str | None
    court_case_number: str | None
    police_case_number: str | None
    case_summary: str | None
    offence: str | None = None
    offence_class: str | None = None
    max_sentence_months: int | None = None
    max_sentence_life: bool = False
    last_remand_at: datetime | None = None
    remand_days: int | None = None
    next_court_at: datetime | None = None
    next_court: str | None = None


@dataclass(frozen=True)
class RejectedRow:
    """A bad cell of a register row left out, and why: the field, the value found, and what was
    expected. A row with several bad cells has one of these for each, in the order of the columns."""

    row: int
    field: str
    value: str
    expected: str


@dataclass(frozen=True)
class RegisterImportReport:
    """What `import register` did, as data for the screen or command line to word."""

    summary: ImportSummary
    rejects: tuple[RejectedRow, ...] = ()
    header_row: int = 1
    sheet_name: str | None = None
    other_sheets: tuple[str, ...] = ()
    fallback_lines: tuple[int, ...] = ()
    all_fallback: bool = False
    """Every line of the CSV was read as Windows-1252 (an 8-bit file, not a mixed one)."""
    repeated_columns: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    facilities_created: tuple[str, ...] = ()
    courts_created: tuple[str, ...] = ()
    flagged: tuple[tuple[int, str], ...] = field(default=())
    """(row, full name) of each new person flagged as a possible duplicate."""
    facilities: tuple[str, ...] = ()
    """The facilities the rows were held at (as recorded), in the order first met."""


@dataclass(frozen=True)
class RegisterPreview:
    """A register's header and first rows as read, and the field each column is read as, before any
    database work (a screen shows it while the user chooses what to import)."""

    header_row: int
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    """The field each column is read as, in the order of `headers` (None: not read)."""
    missing: tuple[str, ...]
    """Fields a register must have that no column was recognised as (nothing can be imported)."""
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(row number in the file, the cells as text) of the first rows after the header."""
    kind: str = "csv"
    sheet_name: str | None = None

    @property
    def has_facility(self) -> bool:
        return "facility" in self.fields


@dataclass(frozen=True)
class RegisterExportSummary:
    rows: int
    path: str
    facility: str | None
