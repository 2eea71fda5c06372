"""Cases and what hangs on them: parties, charges, hearings, notes, documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from legalaid_desktop.domain.entity import Entity, not_before, optional_text, require_text
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import (
    CaseOutcome,
    CaseStatus,
    NoteKind,
    PartyRole,
    ProcedureStage,
)

CASE_REF_PATTERN = re.compile(r"^([A-Z]{2,8})-(\d{4})-(\d{6,})$")
OFFICE_CODE_PATTERN = re.compile(r"^[A-Z]{2,8}$")
DEFAULT_OFFICE_CODE = "LA"


def check_office_code(code: str) -> str:
    """An office's prefix for case references: 2 to 8 capital letters (`LA`, `NBO`, `KLA`)."""
    text = code.strip().upper()
    if not OFFICE_CODE_PATTERN.match(text):
        raise ValidationError("office_code", code, "2 to 8 letters A-Z, such as NBO")
    return text


def format_case_ref(year: int, number: int, office: str = DEFAULT_OFFICE_CODE) -> str:
    """`LA-2026-000123`: short, stable, printable; the prefix tells offices' cases apart."""
    return f"{office}-{year:04d}-{number:06d}"


def parse_case_ref(text: str) -> tuple[str, int, int]:
    """(office code, year, number) of a reference."""
    match = CASE_REF_PATTERN.match(text.strip().upper())
    if not match:
        raise ValidationError("case_ref", text, "a reference like LA-2026-000123")
    return match.group(1), int(match.group(2)), int(match.group(3))


@dataclass(kw_only=True, eq=False)
class Case(Entity):
    """A criminal matter the office acts in, for one principal client."""

    case_ref: str
    client_person_id: int
    status: CaseStatus = CaseStatus.OPEN
    stage: ProcedureStage = ProcedureStage.PRE_TRIAL
    court_id: int | None = None
    court_case_number: str | None = None
    police_case_number: str | None = None
    offence_date: date | None = None
    opened_on: date
    closed_on: date | None = None
    outcome: CaseOutcome | None = None
    summary: str | None = None

    def __post_init__(self) -> None:
        parse_case_ref(self.case_ref)
        self.court_case_number = optional_text("court_case_number", self.court_case_number, max_length=100)
        self.police_case_number = optional_text("police_case_number", self.police_case_number,
                                                max_length=100)
        not_before("closed_on", self.closed_on, "opened_on", self.opened_on)
        if self.offence_date is not None and self.offence_date > date.today():
            raise ValidationError("offence_date", self.offence_date.isoformat(),
                                  "a date that is not in the future")


@dataclass(kw_only=True, eq=False)
class Party(Entity):
    """A person's role in a case: client, co-accused, victim, witness, complainant."""

    case_id: int
    person_id: int
    role: PartyRole


@dataclass(kw_only=True, eq=False)
class Charge(Entity):
    """An offence charged, with what the deadline rules read: class, maximum, flags."""

    case_id: int
    offence: str
    offence_class: str = "non_capital"
    statute: str | None = None
    max_sentence_months: int | None = None
    max_sentence_life: bool = False
    capital: bool = False
    first_offender: bool = False

    def __post_init__(self) -> None:
        self.offence = require_text("offence", self.offence, max_length=300)
        self.offence_class = require_text("offence_class", self.offence_class, max_length=40)
        if self.max_sentence_months is not None and self.max_sentence_months < 0:
            raise ValidationError("max_sentence_months", self.max_sentence_months,
                                  "a number of months, zero or more, or 'life'")


@dataclass(kw_only=True, eq=False)
class Hearing(Entity):
    """A court date for a case (Mandela Rule 8), with its outcome once held."""

    case_id: int
    court_id: int | None = None
    scheduled_at: datetime
    purpose: str | None = None
    outcome: str | None = None
    next_date: date | None = None

    def __post_init__(self) -> None:
        not_before("next_date", self.next_date, "scheduled_at", self.scheduled_at)


@dataclass(kw_only=True, eq=False)
class Note(Entity):
    """A note or activity: a visit in detention, a call, a court attendance, with time spent."""

    case_id: int
    kind: NoteKind = NoteKind.NOTE
    at: datetime
    author: str
    text: str
    minutes_spent: int | None = None

    def __post_init__(self) -> None:
        self.text = require_text("text", self.text, max_length=20000)
        if self.minutes_spent is not None and self.minutes_spent < 0:
            raise ValidationError("minutes_spent", self.minutes_spent, "zero or more minutes")


MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(kw_only=True, eq=False)
class Document(Entity):
    """A scanned warrant, charge sheet or letter, kept inside the database."""

    case_id: int
    title: str
    filename: str
    media_type: str = "application/octet-stream"
    content: bytes = b""

    def __post_init__(self) -> None:
        self.title = require_text("title", self.title, max_length=300)
        if len(self.content) > MAX_DOCUMENT_BYTES:
            raise ValidationError("content", f"{len(self.content)} bytes",
                                  f"a file of at most {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
