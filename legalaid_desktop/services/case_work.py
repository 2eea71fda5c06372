"""Casework on one case's tabs: notes and visits, hearings and their outcomes, charges, parties, and
the documents kept inside the database. Each verb is one transaction, checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import Case, Charge, Document, Hearing, Note, Party
from legalaid_desktop.domain.entity import optional_text, require_text
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.intake import NewPerson
from legalaid_desktop.domain.org import Court, Facility
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import NoteKind, PartyRole
from legalaid_desktop.services.access import require_case, require_change
from legalaid_desktop.services.deadlines import BENCHMARK, DeadlineBook
from legalaid_desktop.services.intake import person_of
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import (
    FUTURE_TOLERANCE,
    Saved,
    add_record,
    create,
    load,
    saved_of,
    update,
)
from legalaid_desktop.services.rules_check import GENERIC_CLASSES

MAX_MINUTES = 24 * 60
PARTY_ROLES = (PartyRole.CO_ACCUSED, PartyRole.VICTIM, PartyRole.WITNESS, PartyRole.COMPLAINANT,
               PartyRole.FORMER_CLIENT)
"""The roles a party can be added with: the client is named when the case is opened."""


@dataclass(frozen=True)
class DocumentContent:
    """A stored document's bytes with what a copy of it needs: its file name and media type."""

    id: int
    title: str
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Choice:
    """A record offered in a form's list: its key and its name."""

    id: int
    name: str


# --- notes and activities ----------------------------------------------------------------------------

def check_minutes(kind: NoteKind, minutes: int | None) -> None:
    """A visit says how long it took; any activity takes from 1 minute to a day."""
    if minutes is None:
        if kind is NoteKind.VISIT:
            raise ValidationError("minutes_spent", None,
                                  f"the minutes the visit took, a whole number from 1 to {MAX_MINUTES}")
        return
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError("minutes_spent", minutes,
                              f"a whole number of minutes from 1 to {MAX_MINUTES} (24 hours)")


def add_note(uow: UnitOfWork, *, case_id: int, kind: NoteKind, at: datetime, text: str,
             minutes_spent: int | None = None) -> Saved:
    """Record a note or an activity (a visit in detention, a call, a court attendance, a letter) by
    the signed-in user; it must have happened already."""
    check_minutes(kind, minutes_spent)
    _not_ahead("at", at, "a time that has already come")
    return create(uow, Note(case_id=case_id, kind=kind, at=at, author=uow.actor, text=text,
                            minutes_spent=minutes_spent))


# --- hearings ----------------------------------------------------------------------------------------

def court_choices(uow: UnitOfWork, *, case_id: int) -> list[Choice]:
    """The courts a hearing of the case can be at: those of the case's jurisdiction first, by name."""
    with uow:
        case = load(uow, Case, case_id)
        require_case(uow, Permission.READ_CASES, case)
        code = _jurisdiction(uow, case_id)
        courts = sorted(uow.repo(Court).find(),
                        key=lambda c: (c.jurisdiction_code != code, c.name.casefold()))
        return [Choice(c.id, c.name) for c in courts if c.id is not None]


def add_hearing(uow: UnitOfWork, *, case_id: int, scheduled_at: datetime, court_id: int | None,
                purpose: str | None) -> Saved:
    """A court date of the case, past or to come."""
    return create(uow, Hearing(case_id=case_id, court_id=court_id, scheduled_at=scheduled_at,
                               purpose=optional_text("purpose", purpose, max_length=300)))


def record_hearing_outcome(uow: UnitOfWork, *, hearing_id: int, expected_version: int, outcome: str,
                           next_date: date | None, now: datetime | None = None) -> Saved:
    """What a held hearing decided and the next court date; refused whole (ConcurrencyError) when the
    hearing changed since the screen read it at `expected_version`."""
    outcome = require_text("outcome", outcome, max_length=5000)
    with uow:
        hearing = load(uow, Hearing, hearing_id)
        require_case(uow, Permission.READ_CASES, load(uow, Case, hearing.case_id))
        if hearing.scheduled_at > (now or datetime.now(UTC)) + FUTURE_TOLERANCE:
            raise ValidationError("outcome", outcome[:40],
                                  "an outcome once the hearing has been held (it is still to come)")
        held_on = hearing.scheduled_at.date()
    if next_date is not None and next_date < held_on:
        raise ValidationError("next_date", next_date.isoformat(),
                              f"a date on or after the hearing ({held_on.isoformat()})")
    return update(uow, Hearing, hearing_id, expected_version=expected_version,
                  changes={"outcome": outcome, "next_date": next_date})


# --- charges -----------------------------------------------------------------------------------------

def offence_classes(uow: UnitOfWork, *, case_id: int, book: DeadlineBook) -> tuple[str, ...]:
    """The offence classes the deadline rules of the case's jurisdiction read, then the generic ones
    (capital, non-capital) every jurisdiction knows."""
    with uow:
        require_case(uow, Permission.READ_CASES, load(uow, Case, case_id))
        code = _jurisdiction(uow, case_id)
    national = book.rule_sets.get(code) if code and code != BENCHMARK else None
    named: list[str] = []
    for rule in national.rules if national else ():
        named.extend(c for c in rule.when.get("offence_class", []) if c not in named)
    return tuple(named) + tuple(c for c in GENERIC_CLASSES if c not in named)


def add_charge(uow: UnitOfWork, *, case_id: int, offence: str, offence_class: str, statute: str | None,
               max_sentence_months: int | None, max_sentence_life: bool, capital: bool,
               first_offender: bool) -> Saved:
    """A charge of the case; the custody deadlines are computed again with it when it is saved."""
    statute = optional_text("statute", statute, max_length=300)
    if max_sentence_life and max_sentence_months is not None:
        raise ValidationError("max_sentence_months", max_sentence_months,
                              "a number of months, or life, not both")
    return create(uow, Charge(case_id=case_id, offence=offence, offence_class=offence_class, statute=statute,
                              max_sentence_months=max_sentence_months, max_sentence_life=max_sentence_life,
                              capital=capital, first_offender=first_offender))


# --- parties -----------------------------------------------------------------------------------------

def add_party(uow: UnitOfWork, *, case_id: int, role: PartyRole, person_id: int | None = None,
              new_person: NewPerson | None = None, today: date | None = None) -> Saved:
    """A stored person (found by name first) or a new one, in the case in a role other than client."""
    if role not in PARTY_ROLES:
        raise ValidationError("role", str(role), "co-accused, victim, witness, complainant or former client")
    if (person_id is None) == (new_person is None):
        raise ValidationError("person", None, "a person chosen from those found, or the name of a new one")
    with uow:
        case = load(uow, Case, case_id)
        require_case(uow, Permission.EDIT_CASES, case)
        if new_person is not None:
            person = add_record(uow, person_of(new_person, today=today or date.today()))
        else:
            assert person_id is not None
            person = load(uow, Person, person_id)
        assert person.id is not None
        if any(p.role == role for p in uow.repo(Party).find(case_id=case_id, person_id=person.id)):
            raise ValidationError("person", person.full_name,
                                  f"someone not already a {role.value.replace('_', '-')} in this case")
        party = Party(case_id=case_id, person_id=person.id, role=role)
        require_change(uow, party)
        add_record(uow, party)
        uow.commit()
        return saved_of(party, person.full_name)


# --- documents ---------------------------------------------------------------------------------------

def attach_document(uow: UnitOfWork, *, case_id: int, title: str, filename: str, media_type: str,
                    content: bytes) -> Saved:
    """Keep a file inside the (encrypted) database with the case; at most MAX_DOCUMENT_BYTES."""
    filename = require_text("filename", filename, max_length=300)
    return create(uow, Document(case_id=case_id, title=title, filename=filename, media_type=media_type,
                                content=content))


def document_content(uow: UnitOfWork, *, document_id: int, purpose: str) -> DocumentContent:
    """A document's bytes, to open or to save a copy outside the database; the copy is audited as an
    export (`purpose` says which: "open" or "save_copy")."""
    with uow:
        document = load(uow, Document, document_id)
        require_case(uow, Permission.READ_CASES, load(uow, Case, document.case_id))
        uow.audit("export", "document", document.uuid, None,
                  {"purpose": purpose, "filename": document.filename, "bytes": len(document.content)})
        uow.commit()
        assert document.id is not None
        return DocumentContent(document.id, document.title, document.filename, document.media_type,
                               bytes(document.content))


# --- shared --------------------------------------------------------------------------------------------

def _jurisdiction(uow: UnitOfWork, case_id: int) -> str | None:
    facility_id = uow.reads.case_facility(case_id)
    facility = uow.repo(Facility).get(facility_id) if facility_id is not None else None
    return facility.jurisdiction_code if facility else None


def _not_ahead(field: str, at: datetime, expected: str) -> None:
    if at.utcoffset() is not None and at > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValidationError(field, at.isoformat(timespec="minutes"), expected)
