"""The protocols services need from storage; storage implements them, tests fake them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar, runtime_checkable

from legalaid_desktop.domain.access import Principal, UserAccount, UserLine
from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.domain.case_file import DocumentLine
from legalaid_desktop.domain.conflicts import (
    Acting,
    ActiveAssignment,
    Candidate,
    CaseFacts,
    FacilityGap,
    Involvement,
    ProviderFacts,
)
from legalaid_desktop.domain.deadlines import Spell
from legalaid_desktop.domain.dto import (
    CaseFilter,
    CaseRow,
    DeadlineFilter,
    DeadlineRow,
    Page,
    StoredDeadline,
)
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.lists import ListFilter, ListKind, ListLine
from legalaid_desktop.domain.merge import MergeLine
from legalaid_desktop.domain.register import RegisterRecord
from legalaid_desktop.domain.requests import RequestFilter, RequestRow

E = TypeVar("E", bound=Entity)


class Repository(Protocol[E]):
    """Stored entities of one class."""

    def add(self, entity: E) -> E: ...

    def get(self, entity_id: int) -> E | None: ...

    def by_uuid(self, uuid: str) -> E | None: ...

    def find(self, **equal_to: Any) -> list[E]:
        """Entities whose named attributes equal the values given (a small, indexed set)."""
        ...

    def first(self, **equal_to: Any) -> E | None: ...

    def stream(self, batch: int = 1000) -> Iterator[E]:
        """Every entity, a batch at a time, in key order (exports)."""
        ...

    def count(self) -> int: ...

    def delete(self, entity: E) -> None: ...


@runtime_checkable
class BulkLookup(Protocol[E]):
    """Batch look-ups by key or UUID, for exchanges that move many records (one query per batch).

    Kept apart from Repository so fakes need not grow; the SQL repositories implement both.
    """

    def find_in(self, field: str, values: Collection[Any]) -> list[E]:
        """Entities whose `field` is one of `values`."""
        ...

    def ids_for_uuids(self, uuids: Collection[str]) -> dict[str, int]:
        """The integer key of each stored UUID among `uuids` (unknown ones are left out)."""
        ...

    def uuids_for_ids(self, ids: Collection[int]) -> dict[int, str]:
        """The UUID of each stored key among `ids` (unknown ones are left out)."""
        ...

    def count_where(self, **equal_to: Any) -> int:
        """How many entities have the named attributes equal to the values given."""
        ...


@runtime_checkable
class SnapshotReads(Protocol):
    """Storage that can give the rest of a unit of work one consistent view (long exports)."""

    def begin_snapshot(self) -> None:
        """Until the unit of work ends, reads see the database as it is now; writers go on."""
        ...


class ReadQueries(Protocol):
    """Read paths answered in SQL with small DTOs (never ORM objects by the thousand)."""

    def case_page(self, filters: CaseFilter, *, offset: int, limit: int,
                  sort: str = "name", descending: bool = False,
                  today: date | None = None) -> Page[CaseRow]:
        """`today` fixes the date days are counted to; by default each facility's date now."""
        ...

    def count_cases(self, filters: CaseFilter) -> int: ...

    def held_register_records(self, facility_id: int | None) -> list[RegisterRecord]:
        """Every custody spell not released, at one facility (or all), as register lines.

        One pass for a whole facility: a register import compares its rows against these, and a
        register export writes them.
        """
        ...

    def person_ids_by_name_and_birth(
            self, pairs: Collection[tuple[str, date]]) -> dict[tuple[str, date], int]:
        """The lowest person id for each (name key, date of birth) pair that is stored.

        Name keys are domain.folding.sort_key of full names; pairs not stored are left out.
        """
        ...

    def case_documents(self, case_id: int) -> list[DocumentLine]:
        """The documents of a case with their sizes, oldest first, without reading their content."""
        ...

    def audit_entries(self, uuids: Collection[str], *, limit: int = 1000,
                      leave_out: Collection[str] = ()) -> list[AuditEntry]:
        """Audit entries about the records with these UUIDs, newest first, at most `limit`; none of
        the actions in `leave_out` (a case's history of changes leaves out its openings)."""
        ...

    def case_facility(self, case_id: int) -> int | None:
        """The facility of the case's newest custody spell, as the case list shows it (None: no
        spell, or no such case); access to a case follows it."""
        ...

    def case_facilities(self, case_ids: Collection[int]) -> dict[int, int | None]:
        """case_facility of many cases at once (a case not found is left out)."""
        ...

    def person_facilities(self, person_id: int) -> set[int | None]:
        """The facilities (as case_facility gives them) of every case the person is in, in any role."""
        ...

    def recent_merges(self, *, limit: int) -> list[MergeLine]:
        """The newest merges of people (undone ones too), newest first, with both names."""
        ...


EncodedDeadlines = list[tuple[object, ...]]
"""Computed deadlines as the deadline store's rows (its own form: only `DeadlineStore.write` reads them)."""


class DeadlineStore(Protocol):
    """Computed deadlines kept per custody spell, and the facts they are computed from."""

    def spells(self, custody_ids: Collection[int]) -> list[Spell]:
        """The engine's facts for each of these spells (unknown keys are left out)."""
        ...

    def chain_ids(self, custody_ids: Collection[int]) -> set[int]:
        """These spells and the other spells of their cases (one custody clock per case)."""
        ...

    def replace(self, custody_ids: Collection[int], deadlines: Iterable[StoredDeadline]) -> None:
        """The computed deadlines of these spells become exactly `deadlines`."""
        ...

    def encode(self, deadlines: Iterable[StoredDeadline]) -> EncodedDeadlines:
        """The deadlines as rows ready for `write`: a worker process with its own store of the same
        database prepares them, so that the writer only writes."""
        ...

    def write(self, rows: EncodedDeadlines) -> None:
        """Rows from `encode` added, between `begin_full_rewrite` and `finish_full_rewrite`."""
        ...

    def begin_full_rewrite(self) -> None:
        """Every stored computed deadline is about to be written again, in this transaction."""
        ...

    def finish_full_rewrite(self) -> None: ...

    def custody_ids(self, *, after: int = 0, limit: int = 5000,
                    jurisdictions: Collection[str] | None = None) -> list[int]:
        """Spell keys above `after`, in order (a whole recompute goes through them in batches)."""
        ...

    def custody_ids_for(self, *, case_ids: Collection[int] = (), person_ids: Collection[int] = (),
                        facility_ids: Collection[int] = ()) -> set[int]:
        """The spells of these cases, people or facilities."""
        ...

    def closures(self) -> dict[str, frozenset[date]]:
        """Office-added court closures by jurisdiction code."""
        ...

    def stored(self, custody_id: int) -> list[StoredDeadline]:
        """The computed deadlines kept for one spell, by due moment."""
        ...

    def facility_id(self, name: str) -> int | None: ...

    def deadline_rows(self, filters: DeadlineFilter, *, limit: int,
                      after: tuple[datetime, int] | None = None,
                      lead_horizon: timedelta = ...) -> list[DeadlineRow]:
        """Open deadlines (computed and manual) by due moment; `after` continues from a row."""
        ...


@dataclass(frozen=True)
class AuditFilter:
    """What the audit viewer narrows the log to (empty: everything). `until` is exclusive; `text` is
    looked for, case aside, in the record kind, its UUID, the machine and the before/after values."""

    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None


class AuditLog(Protocol):
    """The audit log in the order it was written."""

    def page(self, *, after_id: int, limit: int) -> list[AuditEntry]:
        """Entries with a key above `after_id`, in key order."""
        ...

    def newest(self, filters: AuditFilter, *, before_id: int | None, limit: int) -> list[AuditEntry]:
        """Entries `filters` selects, newest first, with a key below `before_id` (None: from the
        newest), at most `limit` (a viewer pages back through the log by the last key it got)."""
        ...

    def names(self, column: str, *, limit: int = 500) -> list[str]:
        """The distinct actors (`column` "actor") or actions ("action") in the log, sorted."""
        ...


class ConflictReads(Protocol):
    """Conflict checks and caseloads read in SQL: candidates by name key, loads counted by the database.

    Name keys are services.name_match.name_keys of each person's names and the identity_key of the
    number, kept by storage on every write.
    """

    def key_counts(self, keys: Collection[str], *, cap: int) -> dict[str, int]:
        """People holding each key, counted up to `cap` + 1; keys nobody holds are left out."""
        ...

    def candidates(self, *, keys: Collection[str], exclude_person_id: int | None,
                   limit: int) -> list[Candidate]:
        """People holding any of `keys` (domain.conflicts.identity_key for numbers), at most `limit`."""
        ...

    def keys_in_cases_of(self, provider_id: int, keys: Collection[str]) -> list[tuple[str, int]]:
        """(key, person id) for each of `keys` held by a party of a case the provider is or was
        assigned to."""
        ...

    def people(self, person_ids: Collection[int]) -> list[Candidate]:
        """These people as candidates (merged duplicates left out)."""
        ...

    def involvements(self, person_ids: Collection[int]) -> tuple[list[Involvement], list[Acting]]:
        """Every role of these people in a case, and the providers ever assigned to those cases."""
        ...

    def acting(self, case_ids: Collection[int]) -> list[Acting]:
        """Providers ever assigned to these cases (`current`: an assignment not ended)."""
        ...

    def case_id_for_ref(self, case_ref: str) -> int | None: ...

    def case_facts(self, case_id: int) -> CaseFacts | None: ...

    def providers(self) -> list[ProviderFacts]:
        """Every provider with active cases of open cases counted and weighted, and coverage."""
        ...

    def provider_ids_named(self, name: str) -> list[tuple[int, str]]:
        """Providers whose name is `name` (case and spacing aside)."""
        ...

    def active_assignments(self, provider_ids: Collection[int]) -> list[ActiveAssignment]:
        """Assignments not ended on open cases of these providers, newest first."""
        ...

    def unrepresented(self) -> list[FacilityGap]:
        """Facilities with people held on open cases that have no active assignment, most first."""
        ...


class UserStore(Protocol):
    """User accounts and the facilities each is limited to."""

    def any_accounts(self) -> bool: ...

    def by_name(self, name: str) -> UserAccount | None:
        """The account of that name, whatever its case and spacing."""
        ...

    def names(self) -> list[str]: ...

    def facility_ids(self, user_id: int) -> frozenset[int]: ...

    def set_facilities(self, user_id: int, facility_ids: Collection[int]) -> None: ...

    def lines(self) -> list[UserLine]:
        """Every account, by name."""
        ...


class RequestReads(Protocol):
    """The requests list answered in SQL, and intake drafts kept inside the (encrypted) database."""

    def request_page(self, filters: RequestFilter, *, offset: int, limit: int, sort: str = "received",
                     descending: bool = True, today: date) -> list[RequestRow]:
        """Requests that are not drafts, sorted by `sort` (received, name, source, urgent, status)."""
        ...

    def count_requests(self, filters: RequestFilter, *, at_most: int | None = None) -> int:
        """How many; with `at_most` a name search is counted no further than at_most + 1."""
        ...

    def put_draft(self, draft_id: str, payload: str) -> None:
        """Keep (or replace) a draft's JSON payload."""
        ...

    def draft(self, draft_id: str) -> str | None: ...

    def drafts(self) -> list[tuple[str, str]]:
        """(draft id, payload) of every draft."""
        ...

    def delete_draft(self, draft_id: str) -> bool: ...


class ListReads(Protocol):
    """The people, custody, provider and facility lists: pages sorted and filtered in SQL.

    `sort` is one of the list's sort keys (storage names them and refuses others); `now` decides
    what is overdue and which assignments are in force, `today` who is a child and how long held.
    """

    def list_page(self, kind: ListKind, filters: ListFilter, *, offset: int, limit: int, sort: str,
                  descending: bool, now: datetime, today: date) -> list[ListLine]: ...

    def list_count(self, kind: ListKind, filters: ListFilter, *, now: datetime, today: date,
                   at_most: int | None = None) -> int:
        """How many rows; with `at_most` a text search is counted no further than at_most + 1."""
        ...

    def list_stream(self, kind: ListKind, filters: ListFilter, *, sort: str, descending: bool,
                    now: datetime, today: date, batch: int) -> Iterator[list[ListLine]]:
        """Every row in the page order, `batch` at a time, from one query (exports)."""
        ...


class UnitOfWork(Protocol):
    """One use case's transaction: all of it is committed, or none of it.

    `principal` is who it acts for (services.access checks it); `actor` is the principal's name, as
    the audit log records it. A unit of work left by a domain.access.AccessDenied rolls back and then
    records the refusal in an audit entry of its own transaction.
    """

    actor: str
    principal: Principal

    @property
    def users(self) -> UserStore: ...

    @property
    def reads(self) -> ReadQueries: ...

    @property
    def deadlines(self) -> DeadlineStore: ...

    @property
    def conflicts(self) -> ConflictReads: ...

    @property
    def audit_log(self) -> AuditLog: ...

    @property
    def reports(self) -> ReportReads: ...

    @property
    def dashboard(self) -> DashboardReads: ...

    @property
    def lists(self) -> ListReads: ...

    @property
    def requests(self) -> RequestReads: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def repo(self, cls: type[E]) -> Repository[E]: ...

    def flush(self) -> None:
        """Give new entities their keys without committing."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def audit(self, action: str, entity: str, uuid: str | None,
              before: dict[str, Any] | None, after: dict[str, Any] | None) -> None: ...

    def audit_sealed(self, action: str, entity: str, uuid: str | None,
                     before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        """Write this entry now, in this transaction, chained after the ones before; its hash.

        For what must carry its own entry's hash (a report's pages, an export): a rollback still
        takes the entry back.
        """
        ...

    def touch_case(self, case_id: int) -> None:
        """The case's list row and search text must be rebuilt at commit."""
        ...

    def next_case_ref(self, year: int) -> str:
        """The next free case reference of that year, with the office's prefix."""
        ...

    def bulk_insert(self, entities: Sequence[Entity]) -> None:
        """Insert many new entities fast (keys given here); no ORM identity kept for them."""
        ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def delete_meta(self, key: str) -> bool:
        """The setting gone; False when there was none."""
        ...

    def meta_items(self, prefix: str) -> list[tuple[str, str]]:
        """(key, value) of every setting whose key starts with `prefix` (taken literally)."""
        ...


# --- reports ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFacts:
    """A person of a case as a case summary needs them: age facts, identity and contact."""

    person_id: int
    date_of_birth: date | None
    age_estimate: int | None
    age_estimate_on: date | None
    age_disputed: bool
    identity_number: str | None
    nationality: str | None
    languages: str | None
    priority_groups: tuple[str, ...]
    phone: str | None


@dataclass(frozen=True)
class OverstayFacts:
    """An open deadline of someone held at a facility, with what decides whether they are a child."""

    full_name: str
    register_number: str | None
    case_ref: str | None
    kind: str
    rule_id: str | None
    title: str | None
    due: datetime
    due_date: date
    date_of_birth: date | None
    age_estimate: int | None
    age_estimate_on: date | None
    age_disputed: bool


@dataclass(frozen=True)
class GroupCount:
    """A count of one measure for one group key (a facility or provider key; None: none recorded)."""

    measure: str
    key: int | None
    count: int
    reason: str | None = None


@dataclass(frozen=True)
class PeopleCount:
    """People counted by the facts a disaggregation needs; `priority_groups` as stored (JSON text)."""

    sex: str
    child: bool
    priority_groups: str
    unsentenced: bool
    count: int


@dataclass(frozen=True)
class Named:
    """A facility or provider: key, name, region (facilities) and capacity (providers)."""

    key: int
    name: str
    region: str | None = None
    capacity: int | None = None
    active: bool = True


class ReportReads(Protocol):
    """Report figures counted in SQL (COUNT and GROUP BY), never records loaded by the thousand.

    Moments are UTC; `end` bounds are exclusive. Children are counted on `child_on` by the domain's
    rule (Person.is_child_at); `child_born_after`: a date of birth after it makes a child that day.
    Counts and the facilities listed cover only the facilities of the unit of work's principal,
    when they are limited to some (cases by their client's newest spell, as the case list shows them).
    """

    def facilities(self) -> list[Named]: ...

    def providers(self) -> list[Named]: ...

    def case_key(self, case_ref: str) -> tuple[int, int] | None:
        """(case key, client person key) of the case with this reference."""
        ...

    def case_people(self, case_id: int) -> list[PersonFacts]:
        """The client and every party of the case."""
        ...

    def overstay(self, facility_id: int, *, until: datetime) -> list[OverstayFacts]:
        """Open national-law deadlines (computed and manual) of people held at the facility, due
        before `until`."""
        ...

    def caseload_counts(self, *, start: datetime, end: datetime, now: datetime, soon_until: datetime,
                        by_provider: bool) -> list[GroupCount]:
        """Measures open_cases (at `end`), new_requests, decisions, releases (with `reason`),
        overdue (now) and due_soon (from now to `soon_until`), by facility or by provider key."""
        ...

    def daily_counts(self, *, start: datetime, end: datetime) -> dict[str, dict[date, int]]:
        """Per day: new_requests and releases in the period; opened and closed cases up to `end`."""
        ...

    def detainees(self, *, census_at: datetime, unsentenced: Collection[str], child_on: date,
                  child_born_after: date) -> tuple[list[PeopleCount], list[GroupCount]]:
        """People held at `census_at`: by person facts and status, and (measures held and
        unsentenced) by facility key."""
        ...

    def recipients(self, *, start: datetime, end: datetime, child_on: date, child_born_after: date
                   ) -> tuple[list[PeopleCount], list[GroupCount], dict[str, int]]:
        """Clients whose case had a provider assigned in the period: by person facts, by facility
        key (measure recipients), and by region name (each person counted once per group)."""
        ...

    def first_contact_hours(self, *, start: datetime, end: datetime) -> list[float | None]:
        """Hours from the start of each case's first custody spell (begun in the period) to the first
        legal contact: the earlier of the first assignment and the first visit note; None: none yet."""
        ...


# --- dashboard --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacilityDeadlines:
    """Open deadlines at one facility: overdue ones (with the earliest due moment) and due soon."""

    facility: str
    overdue: int
    due_soon: int
    earliest_overdue: datetime | None
    time_zone: str = "UTC"
    """The facility's local time (its own zone, else its jurisdiction's): days over count its days."""


@dataclass(frozen=True)
class DashboardCounts:
    """Today's work in counts; deadlines are national law and manual ones, as the deadline list's
    default shows them. People are counted by custody spells not released."""

    facilities: tuple[FacilityDeadlines, ...]
    held: int
    held_without_lawyer: int
    requests_pending: int
    children_held: int


class DashboardReads(Protocol):
    """The dashboard's counts, each a SQL aggregate (COUNT, MIN, GROUP BY)."""

    def dashboard_counts(self, *, now: datetime, soon_until: datetime, today: date,
                         facility_ids: frozenset[int] | None = None) -> DashboardCounts:
        """Overdue: open and due before `now`; due soon: warned by `now` and due before `soon_until`.
        A child on `today` by the domain's rule (unknown or disputed age counts as a child).
        `facility_ids`: counted at these facilities only (None: everywhere)."""
        ...

    def deadline_count(self, filters: DeadlineFilter, *, soon_until: datetime) -> int:
        """How many rows DeadlineStore.deadline_rows gives for `filters` (its lead horizon ending at
        `soon_until`)."""
        ...
