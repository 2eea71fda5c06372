"""The unit of work: one session, one transaction, the audit chain and the read model kept in step."""

from __future__ import annotations

import socket
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Engine, delete, event, func, insert, inspect, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from legalaid_desktop.domain.access import AccessDenied, Principal, SignInRefused
from legalaid_desktop.domain.audit import AuditEntry, chain_hash
from legalaid_desktop.domain.cases import DEFAULT_OFFICE_CODE, Case, Charge, format_case_ref
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity, utcnow
from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.domain.org import Assignment, Court, CourtClosure, Facility, Provider, Setting
from legalaid_desktop.domain.people import Person
from legalaid_desktop.services.deadlines import FINGERPRINT_KEY
from legalaid_desktop.services.errors import DatabaseBusyError
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.setup import OFFICE_CODE
from legalaid_desktop.storage import tables as t
from legalaid_desktop.storage.audit_queries import SqlAuditLog
from legalaid_desktop.storage.bulk import BulkWriter, writer_for
from legalaid_desktop.storage.conflict_queries import SqlConflictReads, refresh_name_keys, write_keys
from legalaid_desktop.storage.dashboard_queries import SqlDashboardReads
from legalaid_desktop.storage.deadline_store import SqlDeadlineStore
from legalaid_desktop.storage.list_queries import SqlListReads
from legalaid_desktop.storage.mapping import DERIVED, TABLE_OF, start_mappers
from legalaid_desktop.storage.person_words import refresh_person_words, write_words
from legalaid_desktop.storage.provider_load import providers_on, refresh_loads
from legalaid_desktop.storage.queries import SqlReadQueries
from legalaid_desktop.storage.readmodel import refresh_cases
from legalaid_desktop.storage.report_queries import SqlReportReads
from legalaid_desktop.storage.repository import SqlRepository
from legalaid_desktop.storage.request_queries import SqlRequestReads
from legalaid_desktop.storage.user_store import SqlUserStore

E = TypeVar("E", bound=Entity)
AUDIT_SPILL = 5000
DeadlineHook = Callable[[UnitOfWork, Collection[int]], None]
"""Recomputes the stored deadlines of the given custody spells (services.deadlines, wired by app)."""
LEAD_SETTING_PREFIX = "deadline_lead"


class _DeadlineInputs:
    """What a unit of work changed that stored deadlines are computed from."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.custody: set[int] = set()
        self.cases: set[int] = set()
        self.people: set[int] = set()
        self.facilities: set[int] = set()
        self.courts: set[int] = set()
        self.jurisdictions: set[str] = set()
        self.everything = False

    def __bool__(self) -> bool:
        return bool(self.custody or self.cases or self.people or self.facilities or self.courts
                    or self.jurisdictions or self.everything)

    def note(self, obj: object) -> None:
        if isinstance(obj, CustodyEvent):
            self.custody.add(obj.custody_id)
        elif isinstance(obj, Custody) and obj.id is not None:
            self.custody.add(obj.id)
        elif isinstance(obj, Charge):
            self.cases.add(obj.case_id)
        elif isinstance(obj, Case) and obj.id is not None:
            self.cases.add(obj.id)
        elif isinstance(obj, Person) and obj.id is not None:
            self.people.add(obj.id)
        elif isinstance(obj, Facility) and obj.id is not None:
            self.facilities.add(obj.id)
        elif isinstance(obj, Court) and obj.id is not None:
            self.courts.add(obj.id)
        elif isinstance(obj, CourtClosure):
            self.jurisdictions.add(obj.jurisdiction_code)
        elif isinstance(obj, Setting) and obj.key.startswith(LEAD_SETTING_PREFIX):
            self.everything = True


class _LoadInputs:
    """What a unit of work changed that providers' stored loads are counted from: assignments (their
    provider, before and after a change) and cases (a case opened or closed moves the load of each
    provider assigned to it)."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.providers: set[int] = set()
        self.cases: set[int] = set()
        self.everyone = False

    def note(self, session: Session) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Assignment):
                self.providers.add(obj.provider_id)
                self.providers.update(inspect(obj).attrs.provider_id.history.deleted or ())
            elif isinstance(obj, Case) and obj.id is not None:
                self.cases.add(obj.id)
        # A case deleted takes its assignments with it (by cascade, unseen here): count everyone.
        self.everyone |= any(isinstance(obj, Case) for obj in session.deleted)

    def refresh(self, connection: Connection) -> None:
        """Count the moved loads again (after the last flush: the tables hold the new values)."""
        if self.everyone:
            refresh_loads(connection, set(connection.execute(select(t.provider.c.id)).scalars()))
        elif self.providers or self.cases:
            refresh_loads(connection, self.providers | providers_on(connection, self.cases))
        self.clear()


def row_of(entity: Entity, table: Any) -> dict[str, Any]:
    """The column values of an entity, for Core writes (column names equal attribute names)."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name == "name_key":
            row["name_key"] = sort_key(entity.full_name)  # type: ignore[attr-defined]
        else:
            row[column.name] = getattr(entity, column.name)
    return row


class SqlUnitOfWork:
    """Implements services.ports.UnitOfWork on SQLAlchemy.

    Without a `principal` it is the application's own work (deadline workers), acting as `actor`.
    An unmanaged principal (a database without accounts) is refused once an account exists.
    """

    def __init__(self, session_factory: sessionmaker[Session], *, actor: str | None = None,
                 principal: Principal | None = None, machine: str | None = None,
                 deadline_hook: DeadlineHook | None = None) -> None:
        if principal is None:
            principal = Principal.system(actor or "legalaid")
        self._factory = session_factory
        self.principal = principal
        self.actor = principal.name
        self.machine = machine or socket.gethostname()
        self._session: Session | None = None
        self._audit: list[AuditEntry] = []
        self._touched: set[int] = set()
        self._next_ids: dict[str, int] = {}
        self._case_numbers: dict[tuple[str, int], int] = {}
        self._office: str | None = None
        self._deadline_hook = deadline_hook
        self._deadline_inputs = _DeadlineInputs()
        self._loads = _LoadInputs()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._factory()
        self._reads = SqlReadQueries(self._session)
        self._deadlines = SqlDeadlineStore(self._session)
        self._conflicts = SqlConflictReads(self._session)
        self._dashboard = SqlDashboardReads(self._session)
        self._lists = SqlListReads(self._session)
        self._audit_log = SqlAuditLog(self._session)
        self._reports = SqlReportReads(self._session, facility_ids=self.principal.facility_ids)
        self._requests = SqlRequestReads(self._session)
        self._users = SqlUserStore(self._session)
        refused = self._signed_out()
        if refused is not None:
            self._session.close()
            self._session = None
            raise refused
        # End the read that check began: a write later in this unit must not upgrade a snapshot
        # older than another program's commit (SQLite answers that with "locked" at once, no wait).
        self._session.rollback()
        # Every flush tells us which cases' list rows and search text it may have changed, so no
        # edit path has to remember to (the list and the search would silently go stale).
        event.listen(self._session, "after_flush", self._after_flush)
        return self

    def _signed_out(self) -> SignInRefused | None:
        """Why this unit of work may not start: accounts were made since an application opened
        without them, or the signed-in account was disabled or given another role meanwhile (an
        administrator's change takes effect at the signed-in user's next action, not their next start)."""
        principal = self.principal
        if principal.unmanaged and self._users.any_accounts():
            return SignInRefused(None, "needs_credentials")
        if principal.user_id is not None:
            state = self._users.account_state(principal.user_id)
            if state is None or state[1]:
                return SignInRefused(principal.name, "disabled")
            if state[0] is not principal.role:
                return SignInRefused(principal.name, "needs_credentials")
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.rollback()
            if isinstance(exc, AccessDenied):
                self._record_refusal(exc)
        finally:
            self.session.close()
            self._session = None
        if isinstance(exc, OperationalError) and is_busy(exc):
            raise DatabaseBusyError() from exc

    def _record_refusal(self, refused: AccessDenied) -> None:
        """The refused call is rolled back; its refusal is written in a transaction of its own."""
        self.audit("refused", refused.entity or "permission", refused.uuid, None,
                   {"permission": refused.permission.value, "role": refused.role.value,
                    "facility_id": refused.facility_id})
        self._write_audit()
        self.session.commit()

    @property
    def reads(self) -> SqlReadQueries:
        return self._reads

    @property
    def deadlines(self) -> SqlDeadlineStore:
        return self._deadlines

    @property
    def conflicts(self) -> SqlConflictReads:
        return self._conflicts

    @property
    def dashboard(self) -> SqlDashboardReads:
        return self._dashboard

    @property
    def requests(self) -> SqlRequestReads:
        return self._requests

    @property
    def lists(self) -> SqlListReads:
        return self._lists

    @property
    def audit_log(self) -> SqlAuditLog:
        return self._audit_log

    @property
    def reports(self) -> SqlReportReads:
        return self._reports

    @property
    def users(self) -> SqlUserStore:
        return self._users

    def repo(self, cls: type[E]) -> SqlRepository[E]:
        return SqlRepository(self.session, cls)

    def flush(self) -> None:
        self.session.flush()

    def audit(self, action: str, entity: str, uuid: str | None,
              before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        self._audit.append(AuditEntry(at=datetime.now(UTC), actor=self.actor, machine=self.machine,
                                      action=action, entity=entity, entity_uuid=uuid,
                                      before=before, after=after))
        if len(self._audit) >= AUDIT_SPILL:
            # A bulk import audits every row: write them as they come (same transaction, so a
            # rollback still takes them back) instead of holding them all in memory.
            self._write_audit()

    def audit_sealed(self, action: str, entity: str, uuid: str | None,
                     before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        entry = AuditEntry(at=datetime.now(UTC), actor=self.actor, machine=self.machine, action=action,
                           entity=entity, entity_uuid=uuid, before=before, after=after)
        self._audit.append(entry)
        self._write_audit()
        return entry.entry_hash

    def touch_case(self, case_id: int) -> None:
        self._touched.add(case_id)

    def next_case_ref(self, year: int) -> str:
        if self._office is None:  # read once: an import asks for a reference per row
            self._office = self.get_meta(OFFICE_CODE) or DEFAULT_OFFICE_CODE
        return format_case_ref(year, self._next_case_number(self._office, year), self._office)

    def _next_case_number(self, office: str, year: int) -> int:
        key = (office, year)
        if key not in self._case_numbers:
            prefix = format_case_ref(year, 0, office)[:-6]
            last = self.session.scalar(
                select(func.max(t.legal_case.c.case_ref)).where(
                    t.legal_case.c.case_ref.startswith(prefix)))
            self._case_numbers[key] = int(last[len(prefix):]) if last else 0
        self._case_numbers[key] += 1
        return self._case_numbers[key]

    def _next_id(self, table: Any) -> int:
        """The next free key; read afresh in each bulk_insert, since ORM inserts may come between."""
        name = table.name
        if name not in self._next_ids:
            self._next_ids[name] = int(self.session.scalar(
                select(func.coalesce(func.max(table.c.id), 0))) or 0)
        self._next_ids[name] += 1
        return self._next_ids[name]

    def bulk_insert(self, entities: Sequence[Entity]) -> None:
        if not entities:
            return
        self.session.flush()
        self._next_ids.clear()
        now = utcnow()
        connection = self.session.connection()
        by_table: dict[str, tuple[BulkWriter, list[tuple[Any, ...]]]] = {}
        people: list[tuple[int, str, str | None, str | None]] = []
        for entity in entities:
            table = TABLE_OF[type(entity)]
            # New entities are outside the session, so their key and stamps go straight into the
            # instance: the ORM's change tracking has nothing to track, and its three attribute
            # events per row cost a register import seconds.
            fields = entity.__dict__
            if fields.get("id") is None:
                fields["id"] = self._next_id(table)
            fields["created_at"] = fields.get("created_at") or now
            # Given times are kept (a JSON import restores them); new records are stamped now.
            fields["updated_at"] = fields.get("updated_at") or now
            if table.name not in by_table:
                by_table[table.name] = (writer_for(table, connection.dialect,
                                                   leave_out=DERIVED.get(table.name, frozenset())), [])
            writer, rows = by_table[table.name]
            rows.append(writer.values(entity))
            if isinstance(entity, Case):
                self._touched.add(fields["id"])
                self._loads.cases.add(fields["id"])
            elif isinstance(entity, Assignment):  # the list row names the lawyer
                self._touched.add(fields["case_id"])
                self._loads.providers.add(fields["provider_id"])
            elif isinstance(entity, Person):
                people.append((fields["id"], fields["full_name"], fields.get("other_names"),
                               fields.get("identity_number")))
            self._deadline_inputs.note(entity)
        for writer, rows in by_table.values():
            writer.execute(connection, rows)
        write_keys(connection, people, replace=False)  # the conflict check's name keys
        write_words(connection, (x[:3] for x in people), replace=False)  # and the lists' name words

    def get_meta(self, key: str) -> str | None:
        return self.session.scalar(select(t.meta_info.c.value).where(t.meta_info.c.key == key))

    def set_meta(self, key: str, value: str) -> None:
        done = self.session.execute(
            update(t.meta_info).where(t.meta_info.c.key == key).values(value=value))
        if done.rowcount == 0:  # type: ignore[attr-defined]
            self.session.execute(insert(t.meta_info).values(key=key, value=value))

    def delete_meta(self, key: str) -> bool:
        done = self.session.execute(delete(t.meta_info).where(t.meta_info.c.key == key))
        return bool(done.rowcount)  # type: ignore[attr-defined]

    def meta_items(self, prefix: str) -> list[tuple[str, str]]:
        m = t.meta_info
        rows = self.session.execute(select(m.c.key, m.c.value)
                                    .where(m.c.key.startswith(prefix, autoescape=True)).order_by(m.c.key))
        return [(key, value) for key, value in rows]

    def _write_audit(self) -> None:
        if not self._audit:
            return
        prev = self.session.scalar(
            select(t.audit_entry.c.entry_hash).order_by(t.audit_entry.c.id.desc()).limit(1)) or ""
        for entry in self._audit:
            entry.prev_hash = prev
            entry.entry_hash = prev = chain_hash(prev, entry)
        connection = self.session.connection()
        writer = writer_for(t.audit_entry, connection.dialect, leave_out=frozenset({"id"}))
        writer.execute(connection, [writer.values(entry) for entry in self._audit])
        self._audit.clear()

    def commit(self) -> None:
        session = self.session
        session.flush()
        self._recompute_deadlines()
        refresh_cases(session.connection(), self._touched)
        self._loads.refresh(session.connection())
        self._write_audit()
        session.commit()
        self._touched.clear()
        self._next_ids.clear()
        self._case_numbers.clear()
        self._office = None
        self._deadline_inputs.clear()
        self._loads.clear()

    def _recompute_deadlines(self) -> None:
        """Stored deadlines follow every change to what they are computed from, in this transaction."""
        inputs = self._deadline_inputs
        if self._deadline_hook is None or not inputs:
            return
        store = self._deadlines
        ids = set(inputs.custody)
        ids |= store.custody_ids_for(case_ids=inputs.cases, person_ids=inputs.people,
                                     facility_ids=inputs.facilities)
        if inputs.courts:
            ids |= set(self.session.execute(
                select(t.custody.c.id).join(t.legal_case, t.legal_case.c.id == t.custody.c.case_id)
                .where(t.legal_case.c.court_id.in_(sorted(inputs.courts)))).scalars())
        if inputs.everything or inputs.jurisdictions:
            # A closure or a lead time touches every spell of a jurisdiction or more: rewriting them
            # row by row inside this commit would hold the write lock for minutes at 1,000,000 cases.
            # The stored deadlines are marked stale instead, in this transaction; the service that
            # made the change recomputes them all after it (indexes rebuilt once), or the next
            # start does.
            self.set_meta(FINGERPRINT_KEY, "stale")
        inputs.clear()
        if ids:
            self._deadline_hook(self, ids)
            self._touch_cases_of(ids)  # the list row's next deadline follows its spells' deadlines
        self.session.flush()

    def _touch_cases_of(self, custody_ids: Collection[int]) -> None:
        ids = sorted(custody_ids)
        for start in range(0, len(ids), 500):
            self._touched.update(self.session.connection().execute(
                select(t.custody.c.case_id).where(t.custody.c.id.in_(ids[start:start + 500]),
                                                  t.custody.c.case_id.is_not(None))).scalars())

    def _after_flush(self, session: Session, _context: Any) -> None:
        """Note the cases whose list row or search text the flushed objects feed."""
        connection = session.connection()
        for obj in (*session.new, *session.dirty, *session.deleted):
            self._deadline_inputs.note(obj)
        # The conflict check's name keys follow every new name; deleted people lose theirs by cascade.
        write_keys(connection, [(obj.id, obj.full_name, obj.other_names, obj.identity_number)
                                for obj in session.new if isinstance(obj, Person) and obj.id is not None],
                   replace=False)
        write_words(connection, [(obj.id, obj.full_name, obj.other_names) for obj in session.new
                                 if isinstance(obj, Person) and obj.id is not None], replace=False)
        write_words(connection, [(obj.id, obj.full_name, obj.other_names) for obj in session.dirty
                                 if isinstance(obj, Person) and obj.id is not None
                                 and _renamed(obj, "full_name", "other_names")], replace=True)
        write_keys(connection, [(obj.id, obj.full_name, obj.other_names, obj.identity_number)
                                for obj in session.dirty
                                if isinstance(obj, Person) and obj.id is not None and _renamed(obj)],
                   replace=True)
        for obj in (*session.new, *session.dirty):
            if isinstance(obj, Case) and obj.id is not None:
                self._touched.add(obj.id)
            elif isinstance(obj, Custody) and obj.case_id is not None:
                self._touched.add(obj.case_id)
            elif isinstance(obj, Person) and obj.id is not None:
                self._touched.update(connection.execute(
                    select(t.legal_case.c.id).where(t.legal_case.c.client_person_id == obj.id)
                ).scalars())
            elif isinstance(obj, Facility) and obj.id is not None:
                self._touched.update(connection.execute(
                    select(t.case_list.c.case_id).where(t.case_list.c.facility_id == obj.id)
                ).scalars())
            elif isinstance(obj, Provider) and obj.id is not None and _renamed(obj, "full_name"):
                # The lawyer named on the list rows of the provider's cases.
                self._touched.update(connection.execute(
                    select(t.assignment.c.case_id).where(t.assignment.c.provider_id == obj.id,
                                                         t.assignment.c.ended_at.is_(None))
                ).scalars())
        self._loads.note(session)
        # A list row's lawyer and next deadline follow its assignments and manual deadlines.
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Assignment):
                self._touched.add(obj.case_id)
            elif isinstance(obj, Deadline):
                self._touch_cases_of([obj.custody_id])

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
        self._audit.clear()
        self._touched.clear()
        self._next_ids.clear()
        self._case_numbers.clear()
        self._office = None
        self._deadline_inputs.clear()
        self._loads.clear()


def _renamed(obj: Person | Provider, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes()
               for name in names or ("full_name", "other_names", "identity_number"))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    start_mappers()
    refresh_name_keys(engine)  # derived like the deadlines: written at the first open that lacks them
    refresh_person_words(engine)
    return sessionmaker(bind=engine, expire_on_commit=False)


def is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" / "busy": another program holds the write lock."""
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text
