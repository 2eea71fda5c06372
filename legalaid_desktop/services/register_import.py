"""Importing a facility's remand register (CSV or XLSX): people, custody spells and cases.

Each good row becomes a person, a custody spell at the facility, and a case with its client party,
its charge, and the events the register records (arrest, last remand order, next court date).
A row that cannot be imported is copied unchanged to a rejects file with its row number and the
reason; the good rows are written in one transaction, so an import is all-or-nothing for them.

Importing the same register again creates no duplicates. A row whose facility and register
number belong to someone still held updates that record, changing only what differs (a blank
cell never erases what is stored: registers are often incomplete). A new row that merely shares
a name and date of birth with someone already recorded is imported and flagged for review, never
merged silently.

New rows are validated by building domain objects, then written with bulk inserts a batch at a
time, parents first; existing records are read once per facility, not once per row.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import Case, Charge, Hearing, Party
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.dto import ImportSummary
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.domain.org import Court, Facility, Jurisdiction
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.register import RegisterImportReport, RegisterRecord, RejectedRow
from legalaid_desktop.domain.vocab import CustodyStatus, EventType, PartyRole, Sex
from legalaid_desktop.services.access import require
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.errors import FacilityNearMiss, InputFileError
from legalaid_desktop.services.facility_names import facility_key, near_misses
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import add_record
from legalaid_desktop.services.register_columns import cell_text, with_represented, zone
from legalaid_desktop.services.register_rows import (
    Parsed,
    RowErrors,
    as_json,
    blank,
    check_order,
    differences,
    merge,
    parse_row,
    plausibly_same,
)
from legalaid_desktop.services.register_source import (
    RegisterSource,
    Reject,
    Words,
    open_register,
    plain_reason,
    write_rejects,
)
from legalaid_desktop.services.setup import default_jurisdiction, ensure_jurisdiction
from legalaid_desktop.services.tabular import stage

__all__ = ["ImportStopped", "RegisterSource", "import_register", "open_register"]

BATCH_ROWS = 2000  # rows validated, then written together; bounds memory, not the transaction
PROGRESS_ROWS = 250  # how often the rows read so far are reported to a progress callback

Progress = Callable[[int], object]
"""Told the rows read so far; it may raise (ImportStopped, say) to stop: nothing is then written."""


class ImportStopped(Exception):
    """The user stopped an import (or its check) while it ran; it was rolled back, nothing written."""
PLACEHOLDER_REF = "LA-2000-000000"  # replaced by the real reference once the row is known good

# Entity fields named by domain errors, and the register column each one came from.
_COLUMN_OF = {"arrest_at": "arrest_datetime", "admission_at": "admission_datetime",
              "days": "remand_days", "scheduled_at": "next_court_date", "status": "custody_status",
              "max_sentence_months": "max_sentence_months", "date_of_birth": "date_of_birth",
              "age_estimate": "age_estimate", "full_name": "full_name", "other_names": "other_names",
              "offence": "offence", "offence_class": "offence_class",
              "register_number": "register_number", "court_case_number": "court_case_number",
              "police_case_number": "police_case_number"}

E = TypeVar("E", bound=Entity)


@dataclass
class _Place:
    """A facility rows are held at: its time zone, and who is held there now, by register number."""

    facility: Facility
    zone_name: str
    zone: ZoneInfo
    held: dict[str, RegisterRecord]


@dataclass(slots=True)
class _NewRow:
    """The entities one new row becomes; keys of parents are filled in as they are written."""

    row: int
    person: Person
    case: Case
    party: Party
    custody: Custody
    charge: Charge | None
    events: list[CustodyEvent]
    hearing: Hearing | None
    court: Court | None
    data: dict[str, Any]
    twin_key: tuple[str, date] | None


PERSON_FIELDS = ("full_name", "other_names", "sex", "date_of_birth", "age_estimate", "nationality",
                 "languages", "notes")


@dataclass
class _Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    flagged: list[tuple[int, str]] = field(default_factory=list)
    facilities_created: list[str] = field(default_factory=list)
    courts_created: list[str] = field(default_factory=list)


class _Importer:
    """One import run inside an open unit of work."""

    def __init__(self, uow: UnitOfWork, catalogue: Catalogue, source: RegisterSource, *,
                 facility: str | None, jurisdiction: str | None, today: date,
                 now: datetime, progress: Progress | None = None,
                 new_facilities: Collection[str] = ()) -> None:
        self.uow = uow
        self.progress = progress
        self.catalogue = catalogue
        self.source = source
        self.default_facility = (facility or "").strip() or None
        self.jurisdiction = jurisdiction
        self.today = today
        self.now = now
        self.fields = source.columns.fields
        self.counts = _Counts()
        self.places: dict[str, _Place] = {}
        self.facilities = {facility_key(f.name): f for f in uow.repo(Facility).find()}
        self.new_on_purpose = {facility_key(n) for n in new_facilities}
        self.courts = {c.name.casefold(): c for c in uow.repo(Court).find()}
        self.seen: dict[tuple[int, str], int] = {}
        self.pending: list[_NewRow] = []
        self.case_year = today.year

    # -- the run --

    def run(self) -> None:
        if self.jurisdiction and self.catalogue.get(self.jurisdiction) is None:
            raise ValidationError("--jurisdiction", self.jurisdiction,
                                  "one of " + ", ".join(self.catalogue.codes()))
        self.source.check_facility(self.default_facility)
        if self.default_facility:
            self._place(self.default_facility, row=None)
        rows = 0
        for number, cells in self.source.rows:
            if blank(cells):
                continue
            rows += 1
            try:
                self._take(number, cells)
            except ValidationError as error:
                problems = error.errors if isinstance(error, RowErrors) else (error,)
                self.counts.rejects.append((number, cells, self._in_columns(problems, cells)))
            if len(self.pending) >= BATCH_ROWS:
                self._write_new()
            if self.progress is not None and rows % PROGRESS_ROWS == 0:
                self.progress(rows)
        if rows == 0:
            # Nothing to import: say so, and keep no facility or court made for it.
            raise InputFileError(str(self.source.path), "it has a header but no rows of data")
        self._write_new()
        if self.progress is not None:
            self.progress(rows)

    def _cell(self, cells: list[Any], name: str) -> Any:
        index = self.fields.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _in_columns(self, errors: tuple[ValidationError, ...], cells: list[Any]
                    ) -> tuple[ValidationError, ...]:
        """The errors as the user sees the row: the column's name, the cell as written, in the
        order of the file's columns."""
        worded = []
        for error in errors:
            column = _COLUMN_OF.get(error.field, error.field)
            if column in self.fields:
                value = cell_text(self._cell(cells, column))
            else:
                value = "" if error.value is None else str(error.value)
            if len(value) > 60:
                value = value[:60] + "…"
            worded.append(ValidationError(column, value, error.expected))
        last = len(cells) + len(self.fields)
        return tuple(sorted(worded, key=lambda e: self.fields.get(e.field, last)))

    def _take(self, number: int, cells: list[Any]) -> None:
        width = len(cells)
        given = {name: cells[index] for name, index in self.fields.items() if index < width}
        # The row's filled cells as text: what is parsed, and what the audit log records.
        texts = {name: text for name, value in given.items() if (text := cell_text(value))}
        register_number = texts.get("register_number")
        if register_number is None:
            raise ValidationError("register_number", "", "the person's number in the register")
        place = self._place(texts.get("facility") or self.default_facility, row=number)
        key = (place.facility.id or 0, register_number)
        first = self.seen.get(key)
        if first is not None:
            raise ValidationError("register_number", register_number,
                                  f"a number not already used on row {first} of this file")
        self.seen[key] = number
        record = place.held.get(register_number)
        try:
            parsed = parse_row(given, texts, register_number, local=place.zone, now=self.now)
        except RowErrors as errors:
            if record is None and "full_name" not in texts:  # one round of corrections, not two
                raise RowErrors((ValidationError("full_name", "", "the person's name"),
                                 *errors.errors)) from None
            raise
        if record is None:
            if parsed.full_name is None:
                raise ValidationError("full_name", "", "the person's name")
            self.pending.append(self._build(number, parsed, place, texts))
        else:
            self._update(number, parsed, place, record, texts)

    # -- new rows --

    def _build(self, number: int, p: Parsed, place: _Place, data: dict[str, Any]) -> _NewRow:
        """Validated entities for a row (keys of parents still to come)."""
        check_order(p, place.zone)
        start = p.admission_at or p.arrest_at
        person = Person(
            full_name=p.full_name or "", other_names=p.other_names, sex=p.sex or Sex.UNKNOWN,
            date_of_birth=p.date_of_birth, age_estimate=p.age_estimate,
            age_estimate_on=(None if p.age_estimate is None else
                             start.astimezone(place.zone).date() if start else self.today),
            nationality=p.nationality, languages=p.languages, notes=p.notes)
        custody = Custody(person_id=0, facility_id=place.facility.id or 0,
                          register_number=p.register_number,
                          status=p.custody_status or CustodyStatus.UNTRIED, arrest_at=p.arrest_at,
                          admission_at=p.admission_at, time_zone=place.zone_name)
        events = []
        if p.arrest_at is not None:
            events.append(CustodyEvent(custody_id=0, type=EventType.ARREST, at=p.arrest_at))
        if p.last_remand_at is not None:
            events.append(CustodyEvent(custody_id=0, type=EventType.REMAND, at=p.last_remand_at,
                                       days=p.remand_days))
        elif p.remand_days is not None:
            raise ValidationError("last_remand_date", "",
                                  "the date of the remand order, when remand_days is given")
        charge = None
        if p.offence is not None:
            charge = Charge(case_id=0, offence=p.offence,
                            offence_class=p.offence_class or "non_capital",
                            max_sentence_months=p.max_sentence_months,
                            max_sentence_life=bool(p.max_sentence_life))
        elif p.offence_class is not None or p.max_sentence_life is not None:
            raise ValidationError("offence", "", "the offence, when its class or maximum "
                                                 "sentence is given")
        court = self._court(p.court, place) if p.court else None
        hearing = None
        if p.next_court_at is not None:
            hearing = Hearing(case_id=0, scheduled_at=p.next_court_at)
        case = Case(case_ref=PLACEHOLDER_REF, client_person_id=0, opened_on=self.today,
                    court_case_number=p.court_case_number,
                    police_case_number=p.police_case_number,
                    summary=None if p.represented is None else with_represented(None, p.represented))
        party = Party(case_id=0, person_id=0, role=PartyRole.CLIENT)
        twin_key = (sort_key(person.full_name), p.date_of_birth) if p.date_of_birth else None
        return _NewRow(row=number, person=person, case=case, party=party, custody=custody,
                       charge=charge, events=events, hearing=hearing, court=court, data=data,
                       twin_key=twin_key)

    def _write_new(self) -> None:
        """Write the pending new rows: people, then cases, then what hangs on them."""
        rows, self.pending = self.pending, []
        if not rows:
            return
        uow = self.uow
        self._insert_people(rows)
        for r in rows:
            if r.court is not None and r.court.id is None:
                add_record(uow, r.court)
                self.counts.courts_created.append(r.court.name)
        for r in rows:
            r.case.client_person_id = r.person.id or 0
            r.case.case_ref = uow.next_case_ref(self.case_year)
            r.case.court_id = r.court.id if r.court else None
        uow.bulk_insert([r.case for r in rows])
        children: list[Entity] = []
        for r in rows:
            person_id, case_id = r.person.id or 0, r.case.id
            r.party.case_id = r.custody.case_id = case_id or 0
            r.party.person_id = r.custody.person_id = person_id
            children.append(r.party)
            children.append(r.custody)
            if r.charge is not None:
                r.charge.case_id = case_id or 0
                children.append(r.charge)
        uow.bulk_insert(children)
        grandchildren: list[Entity] = []
        for r in rows:
            for event in r.events:
                event.custody_id = r.custody.id or 0
                grandchildren.append(event)
            if r.hearing is not None:
                r.hearing.case_id = r.case.id or 0
                r.hearing.court_id = r.court.id if r.court else None
                grandchildren.append(r.hearing)
        uow.bulk_insert(grandchildren)
        for r in rows:
            uow.audit("create", "case", r.case.uuid, None,
                      {"source": "register import", "row": r.row, "case_ref": r.case.case_ref,
                       **r.data})
        self.counts.new += len(rows)

    def _insert_people(self, rows: list[_NewRow]) -> None:
        """Insert the rows' people, each flagged when someone shares name and date of birth.

        Someone already stored wins; otherwise the first of the same name and birth in this file.
        People flagged against an earlier row of the same batch are written after it, when its
        key is known.
        """
        keys = {r.twin_key for r in rows if r.twin_key is not None}
        stored = self.uow.reads.person_ids_by_name_and_birth(keys) if keys else {}
        first_in_batch: dict[tuple[str, date], _NewRow] = {}
        later: list[_NewRow] = []
        for r in rows:
            if r.twin_key is None:
                continue
            if r.twin_key in stored:
                r.person.possible_duplicate_of = stored[r.twin_key]
                self.counts.flagged.append((r.row, r.person.full_name))
            elif r.twin_key in first_in_batch:
                later.append(r)
                self.counts.flagged.append((r.row, r.person.full_name))
            else:
                first_in_batch[r.twin_key] = r
        later_ids = {id(r) for r in later}
        self.uow.bulk_insert([r.person for r in rows if id(r) not in later_ids])
        for r in later:
            assert r.twin_key is not None
            r.person.possible_duplicate_of = first_in_batch[r.twin_key].person.id
        self.uow.bulk_insert([r.person for r in later])

    # -- rows of people already held --

    def _update(self, number: int, p: Parsed, place: _Place, record: RegisterRecord,
                data: dict[str, Any]) -> None:
        """Bring a held person's record in line with the row; only what differs changes."""
        changes = differences(p, record)
        if not changes:
            self.counts.unchanged += 1
            return
        if not plausibly_same(p, record):
            raise ValidationError(
                "register_number", p.register_number,
                f"the number of the person it belongs to: {record.full_name} is held under it, "
                "and this row names someone else. If the number was given to a new detainee, "
                f"record {record.full_name}'s release first; otherwise correct the number")
        merged = merge(p, record)
        self._build(number, merged, place, data)  # the whole record must still be valid
        uow = self.uow
        person_changes = {k: v for k, v in changes.items() if k in PERSON_FIELDS}
        if person_changes:
            person = _load(uow, Person, record.person_id)
            for name, (_, value) in person_changes.items():
                setattr(person, name, value)
            if "age_estimate" in person_changes:
                start = merged.admission_at or merged.arrest_at
                person.age_estimate_on = start.astimezone(place.zone).date() if start else self.today
            person.check(today=self.today)
        custody: Custody | None = None
        if {"custody_status", "arrest_at", "admission_at"} & changes.keys():
            custody = _load(uow, Custody, record.custody_id)
            custody.status = merged.custody_status or custody.status
            custody.arrest_at = merged.arrest_at
            custody.admission_at = merged.admission_at
            custody.check()
            if "arrest_at" in changes and merged.arrest_at is not None:
                arrests = uow.repo(CustodyEvent).find(custody_id=record.custody_id,
                                                      type=EventType.ARREST)
                if arrests:
                    arrests[0].at = merged.arrest_at
                else:
                    uow.repo(CustodyEvent).add(CustodyEvent(
                        custody_id=record.custody_id, type=EventType.ARREST, at=merged.arrest_at))
        case = self._case_for(record, changes)
        if case is not None:
            assert case.id is not None
            self._update_case(case, merged, place, record, changes)
            uow.touch_case(case.id)
        uow.audit("update", "case", case.uuid if case else record.case_uuid,
                  {k: as_json(old) for k, (old, _) in changes.items()},
                  {"source": "register import", "row": number,
                   "register_number": record.register_number,
                   **{k: as_json(new) for k, (_, new) in changes.items()}})
        self.counts.updated += 1

    def _case_for(self, record: RegisterRecord,
                  changes: dict[str, tuple[Any, Any]]) -> Case | None:
        """The held spell's case, opened now if the spell had none and the row needs one."""
        if not CASE_FIELDS & changes.keys():
            return None
        if record.case_id is not None:
            return _load(self.uow, Case, record.case_id)
        case = add_record(self.uow, Case(case_ref=self.uow.next_case_ref(self.case_year),
                                         client_person_id=record.person_id, opened_on=self.today))
        add_record(self.uow, Party(case_id=case.id or 0, person_id=record.person_id,
                                   role=PartyRole.CLIENT))
        _load(self.uow, Custody, record.custody_id).case_id = case.id
        return case

    def _update_case(self, case: Case, merged: Parsed, place: _Place, record: RegisterRecord,
                     changes: dict[str, tuple[Any, Any]]) -> None:
        uow = self.uow
        assert case.id is not None
        court = self._court(merged.court, place) if merged.court else None
        if court is not None and court.id is None:
            add_record(uow, court)
            self.counts.courts_created.append(court.name)
        if "court" in changes:
            case.court_id = court.id if court else None
        for name in ("court_case_number", "police_case_number"):
            if name in changes:
                setattr(case, name, changes[name][1])
        if "represented" in changes:
            case.summary = with_represented(case.summary, bool(merged.represented))
        if {"offence", "offence_class", "max_sentence"} & changes.keys():
            charges = uow.repo(Charge).find(case_id=case.id)
            if charges:
                charge = charges[0]
                charge.offence = merged.offence or charge.offence
                charge.offence_class = merged.offence_class or charge.offence_class
                charge.max_sentence_months = merged.max_sentence_months
                charge.max_sentence_life = bool(merged.max_sentence_life)
            else:
                uow.repo(Charge).add(Charge(
                    case_id=case.id, offence=merged.offence or "",
                    offence_class=merged.offence_class or "non_capital",
                    max_sentence_months=merged.max_sentence_months,
                    max_sentence_life=bool(merged.max_sentence_life)))
        if "remand" in changes and merged.last_remand_at is not None:
            same_order = (uow.repo(CustodyEvent).find(custody_id=record.custody_id,
                                                      type=EventType.REMAND,
                                                      at=merged.last_remand_at)
                          if merged.last_remand_at == record.last_remand_at else [])
            if same_order:
                same_order[-1].days = merged.remand_days
            else:
                uow.repo(CustodyEvent).add(CustodyEvent(
                    custody_id=record.custody_id, type=EventType.REMAND,
                    at=merged.last_remand_at, days=merged.remand_days))
        if "next_court" in changes and merged.next_court_at is not None:
            same_date = (uow.repo(Hearing).find(case_id=case.id, scheduled_at=merged.next_court_at)
                         if merged.next_court_at == record.next_court_at else [])
            if same_date:
                same_date[-1].court_id = court.id if court else None
            else:
                uow.repo(Hearing).add(Hearing(case_id=case.id, scheduled_at=merged.next_court_at,
                                              court_id=court.id if court else None))

    # -- facilities and courts --

    def _place(self, name: str | None, *, row: int | None) -> _Place:
        if not name:
            raise ValidationError("facility", "", "the facility's name (in a facility column, "
                                                  "or --facility NAME for the whole file)")
        key = facility_key(name)
        place = self.places.get(key)
        if place is not None:
            return place
        facility = self.facilities.get(key)
        if facility is None:
            facility = self._new_facility(" ".join(name.split()), row=row)
        assert facility.id is not None
        # A user limited to some facilities imports only their registers (a new facility is not theirs).
        require(self.uow, Permission.IMPORT_REGISTERS, facility_id=facility.id, entity="import")
        zone_name = self._zone_name(facility)
        held = {r.register_number: r for r in self.uow.reads.held_register_records(facility.id)
                if r.register_number}
        place = _Place(facility=facility, zone_name=zone_name, zone=zone(zone_name), held=held)
        self.places[key] = place
        return place

    def _new_facility(self, name: str, *, row: int | None) -> Facility:
        # "Kamiti Maximum Security Prisn" or "Kamiti Maximum" for Kamiti Maximum Security Prison is
        # a slip, not a new facility: creating one would split a prison's register in two. Refused
        # for the whole file (nothing written) unless the user says the facility is new on purpose.
        close = near_misses(name, (f.name for f in self.facilities.values()))
        if close and facility_key(name) not in self.new_on_purpose:
            raise FacilityNearMiss(name, tuple(close), row)
        code = self.jurisdiction or default_jurisdiction(self.uow)
        if not code:
            raise InputFileError(
                str(self.source.path), f"the facility {name!r} is not recorded yet, and no "
                "jurisdiction is given to create it in. Give --jurisdiction CODE (one of "
                f"{', '.join(self.catalogue.codes())}), or set a default once with "
                "`legalaid init --jurisdiction CODE`")
        jurisdiction = ensure_jurisdiction(self.uow, self.catalogue, code)
        try:
            facility = Facility(name=name, jurisdiction_code=jurisdiction.code)
        except ValidationError as error:
            raise ValidationError("facility", name, error.expected) from None
        add_record(self.uow, facility)
        self.facilities[facility_key(name)] = facility
        self.counts.facilities_created.append(facility.name)
        return facility

    def _zone_name(self, facility: Facility) -> str:
        if facility.time_zone:
            return facility.time_zone
        stored = self.uow.repo(Jurisdiction).first(code=facility.jurisdiction_code)
        if stored is not None:
            return stored.time_zone
        info = self.catalogue.get(facility.jurisdiction_code)
        if info is None:
            raise InputFileError(
                str(self.source.path), f"the facility {facility.name!r} is in jurisdiction "
                f"{facility.jurisdiction_code!r}, whose time zone this version does not know; "
                "register times cannot be read without it")
        return info.time_zone

    def _court(self, name: str, place: _Place) -> Court:
        """The court of that name (any case), or a new one in the facility's jurisdiction."""
        court = self.courts.get(name.casefold())
        if court is None:
            try:
                court = Court(name=name, jurisdiction_code=place.facility.jurisdiction_code)
            except ValidationError as error:
                raise ValidationError("court", name, error.expected) from None
            self.courts[name.casefold()] = court
        return court


CASE_FIELDS = frozenset({"court", "court_case_number", "police_case_number", "represented",
                         "offence", "offence_class", "max_sentence", "remand", "next_court"})


def _load(uow: UnitOfWork, cls: type[E], entity_id: int) -> E:
    found = uow.repo(cls).get(entity_id)
    assert found is not None, f"{cls.__name__} {entity_id} vanished during the import"
    return found


# ---- the service --------------------------------------------------------------------------------

def import_register(uow: UnitOfWork, catalogue: Catalogue, source: RegisterSource, *,
                    facility: str | None = None, jurisdiction: str | None = None,
                    dry_run: bool = False, today: date | None = None, now: datetime | None = None,
                    word: Words = plain_reason, progress: Progress | None = None,
                    new_facilities: Collection[str] = ()) -> RegisterImportReport:
    """Import the rows of an opened register in one transaction; see the module docstring.

    A facility that is not recorded is recorded as new, unless its name is close to a recorded
    one's (services.facility_names.near_misses): that is refused with FacilityNearMiss, nothing
    written, unless the name is among `new_facilities` (the user said it is new on purpose).

    `word` turns a row's ValidationError into the reason written in the rejects file. With
    `dry_run` everything is checked and counted, then rolled back, and no rejects file written.
    `progress` hears how many rows were read, every few hundred; whatever it raises rolls the
    whole import back.
    """
    with uow, _fewer_collections():
        require(uow, Permission.IMPORT_REGISTERS, entity="import")
        importer = _Importer(uow, catalogue, source, facility=facility,
                             jurisdiction=(jurisdiction or "").strip().upper() or None,
                             today=today or date.today(), now=now or datetime.now(UTC),
                             progress=progress, new_facilities=new_facilities)
        importer.run()
        counts = importer.counts
        places = tuple(p.facility.name for p in importer.places.values())  # read before the commit
        staged = None
        rejects_path = source.rejects_path()
        if counts.rejects and not dry_run:
            staged = stage(rejects_path, lambda temporary: write_rejects(
                temporary, source, counts.rejects, word))
        try:
            if dry_run:
                uow.rollback()
            else:
                uow.commit()
        except BaseException:
            if staged is not None:
                staged.discard()
            raise
        if staged is not None:
            staged.publish()
    summary = ImportSummary(
        new=counts.new, updated=counts.updated, unchanged=counts.unchanged,
        rejected=len(counts.rejects), possible_duplicates=len(counts.flagged),
        unknown_columns=source.columns.unknown,
        rejected_file=str(rejects_path) if counts.rejects else None, dry_run=dry_run)
    return RegisterImportReport(
        summary=summary,
        rejects=tuple(RejectedRow(row=n, field=e.field, value=str(e.value), expected=e.expected)
                      for n, _, errors in counts.rejects for e in errors),
        header_row=source.header_row, sheet_name=source.table.sheet_name,
        other_sheets=source.table.other_sheets,
        fallback_lines=tuple(source.table.fallback_lines),
        all_fallback=bool(source.table.fallback_lines)
        and len(source.table.fallback_lines) == source.table.lines,
        repeated_columns=source.columns.repeated, ignored_columns=source.columns.ignored,
        facilities_created=tuple(counts.facilities_created),
        courts_created=tuple(counts.courts_created), flagged=tuple(counts.flagged),
        facilities=places)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while rows are turned into objects.

    An import makes millions of short-lived objects; with the default threshold (700 new
    objects) the collector walks each batch again and again, a sixth of the import's time.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 20_000), before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)
