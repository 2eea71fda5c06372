"""Reading one case whole for its screen (and a case summary): small indexed reads, frozen DTOs out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.audit import AuditEntry
from legalaid_desktop.domain.case_file import (
    AssignmentLine,
    CaseDeadline,
    CaseFile,
    CaseHeader,
    ChargeLine,
    EventLine,
    FieldChange,
    HearingLine,
    HistoryLine,
    NoteLine,
    PartyLine,
    RequestLine,
    SpellView,
    deadline_order,
    effective_status,
    next_open_deadline,
)
from legalaid_desktop.domain.cases import Case, Charge, Hearing, Note, Party
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError
from legalaid_desktop.domain.org import Assignment, Court, Facility, Jurisdiction, Provider
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.services.access import require_case, require_custody
from legalaid_desktop.services.access_log import record_case_opened
from legalaid_desktop.services.deadlines import DeadlineBook
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import load

E = TypeVar("E", bound=Entity)
L = TypeVar("L")

# Bookkeeping every record carries: a history line that lists them says nothing to a reader.
_BOOKKEEPING = frozenset({"id", "uuid", "created_at", "updated_at", "version"})
_VALUE_CHARS = 200


class _Names:
    """Looks up each referenced record once per case (a case names the same court many times)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._cache: dict[tuple[type[Entity], int], Any] = {}

    def get(self, cls: type[E], key: int | None) -> E | None:
        if key is None:
            return None
        if (cls, key) not in self._cache:
            self._cache[(cls, key)] = self._uow.repo(cls).get(key)
        found: E | None = self._cache[(cls, key)]
        return found

    def name(self, cls: type[Entity], key: int | None, attribute: str = "name") -> str | None:
        found = self.get(cls, key)
        return None if found is None else str(getattr(found, attribute))


def find_case_id(uow: UnitOfWork, *, case_ref: str) -> int:
    """The key of the case with this reference (as printed: LA-2026-000123)."""
    with uow:
        case = uow.repo(Case).first(case_ref=case_ref.strip().upper())
        if case is None or case.id is None:
            raise NotFoundError("case", case_ref)
        require_case(uow, Permission.READ_CASES, case)
        return case.id


def ensure_spell_unchanged(uow: UnitOfWork, *, custody_id: int, version: int, events: int) -> None:
    """Raise ConcurrencyError when the spell or its events changed since a screen read them.

    An event entered against a timeline someone else has since changed could contradict what the
    user did not see (a release recorded meanwhile), so the screen reloads and asks again.
    """
    with uow:
        custody = load(uow, Custody, custody_id)
        require_custody(uow, Permission.READ_CASES, custody)
        if custody.version != version or len(uow.repo(CustodyEvent).find(custody_id=custody_id)) != events:
            raise ConcurrencyError("custody", custody.register_number or custody_id)


def load_case_file(uow: UnitOfWork, *, case_id: int, today: date | None = None,
                   now: datetime | None = None, book: DeadlineBook | None = None,
                   opened: bool = False) -> CaseFile:
    """One case whole, read in one unit of work: header, custody, deadlines, casework, history.

    `now` decides which open deadlines are overdue (default: the present moment); `today` fixes the
    date ages and days in custody are counted to (default: the date now in the facility's zone).
    With the rule files (`book`), computed deadlines come with their citation and explanation.
    A user limited to some facilities opens only the cases held there (a refusal is audited).
    `opened`: the user opened the case (not a read again after a save), so the opening is audited
    once, in a short write of its own after the read.
    """
    as_of = now or datetime.now(UTC)
    with uow:
        case = load(uow, Case, case_id)
        require_case(uow, Permission.READ_CASES, case)
        assert case.id is not None
        case_uuid = case.uuid
        names = _Names(uow)
        person = load(uow, Person, case.client_person_id)
        uuids: dict[str, str] = {case.uuid: f"Case {case.case_ref}"}

        spells = tuple(_spell(uow, names, custody, as_of, today, uuids, book)
                       for custody in sorted(uow.repo(Custody).find(case_id=case_id),
                                             key=lambda c: c.id or 0))
        current = spells[-1] if spells else None  # the newest spell, as in the case list
        zone = current.time_zone if current else "UTC"
        local_today = today or as_of.astimezone(ZoneInfo(zone)).date()
        age = person.age_at(local_today)
        start = current.start.astimezone(ZoneInfo(zone)).date() if current and current.start else None
        header = CaseHeader(
            case_id=case.id, case_ref=case.case_ref, case_version=case.version, case_status=str(case.status),
            stage=str(case.stage), person_id=case.client_person_id, full_name=person.full_name,
            sex=str(person.sex), date_of_birth=person.date_of_birth, age=age,
            age_estimated=person.date_of_birth is None and age is not None,
            age_disputed=person.age_disputed, is_child=person.is_child_at(local_today),
            age_at_start=person.age_at(start) if start else None,
            child_at_start=person.is_child_at(start) if start else False,
            facility=current.facility if current else None, time_zone=zone if current else None,
            register_number=current.register_number if current else None,
            custody_id=current.id if current else None, custody_status=current.status if current else None,
            days_in_custody=current.days_in_custody if current else None,
            next_deadline=next_open_deadline(tuple(d for s in spells for d in s.deadlines)))

        charges = _lines(uow.repo(Charge).find(case_id=case_id), uuids, lambda c: f"Charge: {c.offence}",
                         lambda c: ChargeLine(
                             id=_key(c), offence=c.offence, offence_class=c.offence_class,
                             statute=c.statute, max_sentence_months=c.max_sentence_months,
                             max_sentence_life=c.max_sentence_life, capital=c.capital,
                             first_offender=c.first_offender))
        hearings = _lines(sorted(uow.repo(Hearing).find(case_id=case_id),
                                 key=lambda h: (h.scheduled_at, _key(h))), uuids,
                          lambda h: f"Hearing of {h.scheduled_at.date().isoformat()}",
                          lambda h: HearingLine(
                              id=_key(h), scheduled_at=h.scheduled_at, court=names.name(Court, h.court_id),
                              purpose=h.purpose, outcome=h.outcome, next_date=h.next_date,
                              version=h.version))
        parties = _lines(uow.repo(Party).find(case_id=case_id), uuids,
                         lambda p: f"Party: {_words(p.role)}",
                         lambda p: PartyLine(id=_key(p), person_id=p.person_id, role=str(p.role),
                                             full_name=names.name(Person, p.person_id, "full_name") or ""))
        parties = tuple(sorted(parties, key=lambda p: (p.role != "client", p.role, p.full_name)))
        assignments = _lines(
            sorted(uow.repo(Assignment).find(case_id=case_id), key=lambda a: (a.started_at, _key(a))), uuids,
            lambda a: f"Assignment: {names.name(Provider, a.provider_id, 'full_name')}",
            lambda a: AssignmentLine(
                id=_key(a), provider_id=a.provider_id,
                provider=names.name(Provider, a.provider_id, "full_name") or "",
                provider_kind=names.name(Provider, a.provider_id, "kind") or "", role=a.role,
                started_at=a.started_at, ended_at=a.ended_at, reason=a.reason, end_reason=a.end_reason))
        notes = _lines(sorted(uow.repo(Note).find(case_id=case_id), key=lambda n: (n.at, _key(n))), uuids,
                       lambda n: f"{_words(n.kind)} of {n.at.date().isoformat()}",
                       lambda n: NoteLine(id=_key(n), kind=str(n.kind), at=n.at, author=n.author,
                                          text=n.text, minutes_spent=n.minutes_spent))
        requests = _lines(uow.repo(LegalAidRequest).find(case_id=case_id), uuids,
                          lambda r: "Legal aid request", request_line)
        documents = tuple(uow.reads.case_documents(case_id))
        uuids.update((d.uuid, f"Document: {d.title}") for d in documents)
        history = tuple(_history_line(entry, uuids)  # what changed: who opened it is the audit log's
                        for entry in uow.reads.audit_entries(uuids, leave_out=("open",)))

        court = names.name(Court, case.court_id)
        found = CaseFile(
            header=header, court=court, court_case_number=case.court_case_number,
            police_case_number=case.police_case_number, offence_date=case.offence_date,
            opened_on=case.opened_on, closed_on=case.closed_on,
            outcome=str(case.outcome) if case.outcome else None, summary=case.summary,
            spells=spells, charges=charges, hearings=hearings, parties=parties, assignments=assignments,
            notes=notes, documents=documents, requests=requests, history=history, as_of=as_of,
            today=local_today)
    if opened:
        record_case_opened(uow, case_uuid=case_uuid, case_ref=found.header.case_ref)
    return found


def _key(entity: Entity) -> int:
    assert entity.id is not None  # stored records always have their key
    return entity.id


def _words(value: object) -> str:
    return str(value).replace("_", " ").capitalize()


def _lines(entities: Iterable[E], uuids: dict[str, str], label: Callable[[E], str],
           line: Callable[[E], L]) -> tuple[L, ...]:
    """DTOs of the entities, noting each record's UUID and label for the history."""
    out: list[L] = []
    for entity in entities:
        uuids[entity.uuid] = label(entity)
        out.append(line(entity))
    return tuple(out)


def _spell(uow: UnitOfWork, names: _Names, custody: Custody, as_of: datetime, today: date | None,
           uuids: dict[str, str], book: DeadlineBook | None) -> SpellView:
    assert custody.id is not None
    facility = names.get(Facility, custody.facility_id)
    zone = custody.time_zone or (facility.time_zone if facility else None)
    if zone is None and facility is not None:
        jurisdiction = uow.repo(Jurisdiction).first(code=facility.jurisdiction_code)
        zone = jurisdiction.time_zone if jurisdiction else None
    zone = zone or "UTC"
    facility_name = facility.name if facility else ""
    uuids[custody.uuid] = f"Custody at {facility_name}"
    events = _lines(sorted(uow.repo(CustodyEvent).find(custody_id=custody.id), key=lambda e: (e.at, _key(e))),
                    uuids, lambda e: f"Custody event: {_words(e.type)}",
                    lambda e: EventLine(id=_key(e), type=str(e.type), at=e.at, days=e.days, until=e.until,
                                        court=names.name(Court, e.court_id), notes=e.notes))
    manual = _lines(uow.repo(Deadline).find(custody_id=custody.id), uuids,
                    lambda d: f"Deadline: {d.title or _words(d.kind)}", lambda d: _deadline_line(d, as_of))
    deadlines = tuple(sorted(manual + _computed(uow, book, custody.id, as_of), key=deadline_order))
    local_today = today or as_of.astimezone(ZoneInfo(zone)).date()
    return SpellView(
        id=custody.id, version=custody.version, facility_id=custody.facility_id, facility=facility_name,
        time_zone=zone, register_number=custody.register_number, status=str(custody.status),
        start=custody.start, released_at=custody.released_at,
        release_reason=str(custody.release_reason) if custody.release_reason else None,
        days_in_custody=custody.days_in_custody(local_today, zone), events=events, deadlines=deadlines)


def _deadline_line(d: Deadline, as_of: datetime) -> CaseDeadline:
    return CaseDeadline(
        id=_key(d), custody_id=d.custody_id, kind=d.kind, rule_id=d.rule_id, layer=d.layer, due=d.due,
        due_date=d.due_date, status=effective_status(str(d.status), d.due, as_of),
        stored_status=str(d.status),
        met_at=d.met_at, citation=d.citation, verification=d.verification, explanation=d.explanation,
        manual=d.manual, title=d.title)


def _computed(uow: UnitOfWork, book: DeadlineBook | None, custody_id: int,
              as_of: datetime) -> tuple[CaseDeadline, ...]:
    """The spell's computed deadlines as stored, with what the rule files say about each."""
    stored = uow.deadlines.stored(custody_id)
    if not stored:
        return ()
    explained: dict[str, Any] = {}
    if book is not None:
        # The store keeps only what lists need; the words come from the rules, computed again here.
        for spell in uow.deadlines.spells([custody_id]):
            closures = uow.deadlines.closures().get(spell.jurisdiction, frozenset())
            explained = {d.rule: d for d in book.explain(spell, closures, as_of=as_of)}
    lines = []
    for row in stored:
        rule = book.rule(row.rule_id) if book is not None else None
        engine = explained.get(row.rule_id)
        lines.append(CaseDeadline(
            id=None, custody_id=custody_id, kind=row.kind, rule_id=row.rule_id, layer=row.layer, due=row.due,
            due_date=row.due_date, status=effective_status(row.status, row.due, as_of),
            stored_status=row.status, met_at=row.met_at, citation=rule.citation if rule else None,
            verification=rule.verification if rule else None,
            explanation=engine.explanation if engine is not None else None, manual=False, title=None,
            warn_from=row.warn_from))
    return tuple(lines)


def request_line(r: LegalAidRequest) -> RequestLine:
    return RequestLine(
        id=_key(r), received_at=r.received_at, source=str(r.source), urgent=r.urgent,
        means_result=str(r.means_result),
        grounds=tuple((str(g.ground), g.justification) for g in r.grounds),
        preliminary_aid=r.preliminary_aid, child_exemption=r.child_exemption, decision=str(r.decision),
        decided_on=r.decided_on, decision_reasons=r.decision_reasons, appeal_lodged_on=r.appeal_lodged_on,
        appeal_outcome=str(r.appeal_outcome) if r.appeal_outcome else None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= _VALUE_CHARS else text[:_VALUE_CHARS - 1] + "…"


def _history_line(entry: AuditEntry, labels: dict[str, str]) -> HistoryLine:
    before, after = entry.before or {}, entry.after or {}
    changes = []
    for name in sorted(set(before) | set(after)):
        if name in _BOOKKEEPING or name.endswith("_id"):  # keys between records mean nothing to a reader
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (entry.action == "create" and new in (None, "", False, [])):
            continue
        changes.append(FieldChange(field=name, before=_text(old), after=_text(new)))
    return HistoryLine(at=entry.at, actor=entry.actor, action=entry.action, entity=entry.entity,
                       record=labels.get(entry.entity_uuid or "", entry.entity), changes=tuple(changes))
