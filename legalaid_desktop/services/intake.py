"""Taking a legal aid request from start to decision, in one transaction; drafts of half-filled ones.

The intake searches for the person first (a second record of the same detainee splits their
history), works out eligibility on the day the request was received (children exempt, preliminary
aid for people held, the applicant's own income where the household is in conflict, the threshold
then in force), and may decide at once: a grant can open the case, a refusal carries its reasons.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.dto import Page
from legalaid_desktop.domain.entity import new_uuid, snapshot, utcnow
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError, ValidationError
from legalaid_desktop.domain.intake import (
    DRAFT_FORMAT,
    Draft,
    DraftInfo,
    IntakeDecision,
    IntakeResult,
    LikelyPerson,
    NewPerson,
    RequestDetail,
    ThresholdInForce,
    check_amounts,
    check_household_size,
)
from legalaid_desktop.domain.org import Facility, Jurisdiction
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import (
    GroundClaim,
    LegalAidRequest,
    RequestFilter,
    RequestRow,
    check_grounds,
)
from legalaid_desktop.domain.vocab import Decision, ProcedureStage, RequestSource
from legalaid_desktop.services.access import narrowed, require, require_facility
from legalaid_desktop.services.conflicts import find_people
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import FUTURE_TOLERANCE, add_case, add_record, load
from legalaid_desktop.services.requests import apply_decision, build_request, threshold_on
from legalaid_desktop.services.setup import default_jurisdiction

LIKELY_LIMIT = 20
MAX_PAGE = 10_000


# --- the person ------------------------------------------------------------------------------------

def find_likely_people(uow: UnitOfWork, *, name: str, date_of_birth: date | None = None,
                       identity_number: str | None = None,
                       limit: int = LIKELY_LIMIT) -> list[LikelyPerson]:
    """Stored people who may be the one asking (name tolerance, date of birth, identity number),
    best first, with the cases they are in."""
    if not name.strip():
        raise ValidationError("full_name", name, "a name to search for")
    with uow:
        require(uow, Permission.READ_CASES, entity="person")
        found = find_people(uow, [name.strip()], date_of_birth, identity_number or None, None)[:limit]
        roles, _acting = uow.conflicts.involvements({c.person_id for c, _r in found})
        refs: dict[int, list[str]] = {}
        for role in roles:
            refs.setdefault(role.person_id, []).append(role.case_ref)
        return [LikelyPerson(person_id=c.person_id, full_name=c.full_name, other_names=c.other_names,
                             date_of_birth=c.date_of_birth, identity_number=c.identity_number,
                             score=result.score, reasons=tuple(str(x) for x in result.reasons),
                             case_refs=tuple(sorted(set(refs.get(c.person_id, [])))))
                for c, result in found]


def person_of(new: NewPerson, *, today: date) -> Person:
    """The new person as a record, checked (a date of birth ahead of `today` is refused)."""
    person = Person(full_name=new.full_name, sex=new.sex, date_of_birth=new.date_of_birth,
                    age_estimate=new.age_estimate, age_estimate_on=today if new.age_estimate is not None
                    else None, identity_number=(new.identity_number or "").strip() or None,
                    other_names=new.other_names, priority_groups=list(new.priority_groups))
    person.check(today=today)
    return person


def is_child(uow: UnitOfWork, *, on: date, person_id: int | None = None,
             new_person: NewPerson | None = None) -> bool:
    """Under 18 on the day (an unknown or disputed age counts as a child: the means test is waived)."""
    if new_person is not None:
        return person_of(new_person, today=on).is_child_at(on)
    if person_id is None:
        raise ValidationError("person", None, "a person chosen from the matches, or a new person")
    with uow:
        return load(uow, Person, person_id).is_child_at(on)


# --- eligibility -----------------------------------------------------------------------------------

def facility_zone(uow: UnitOfWork, facility: Facility | None) -> str:
    """Local time at the facility: its own zone, else its jurisdiction's, else the office's."""
    if facility is not None and facility.time_zone:
        return facility.time_zone
    code = facility.jurisdiction_code if facility is not None else default_jurisdiction(uow)
    found = uow.repo(Jurisdiction).first(code=code) if code else None
    return found.time_zone if found is not None else "UTC"


def _jurisdiction(uow: UnitOfWork, facility_id: int | None) -> str | None:
    if facility_id is not None:
        return load(uow, Facility, facility_id).jurisdiction_code
    return default_jurisdiction(uow)


def threshold_in_force(uow: UnitOfWork, *, on: date, facility_id: int | None) -> ThresholdInForce | None:
    """The means-test threshold in force on the day, for the facility's jurisdiction (or the
    office's default one)."""
    with uow:
        return threshold_on(uow, on, _jurisdiction(uow, facility_id))


def check_means(*, applicant_income: int | None, household_income: int | None,
                household_size: int | None) -> None:
    """The means step's figures, checked before the form moves on."""
    check_amounts(applicant_income=applicant_income, household_income=household_income)
    check_household_size(household_size)


def check_ground_claims(grounds: list[GroundClaim]) -> None:
    check_grounds(grounds)


# --- taking and deciding ----------------------------------------------------------------------------

def take_request(uow: UnitOfWork, *, person_id: int | None = None, new_person: NewPerson | None = None,
                 received_at: datetime, source: RequestSource, facility_id: int | None = None,
                 stage: ProcedureStage = ProcedureStage.PRE_TRIAL, urgent: bool = False,
                 applicant_income: int | None = None, household_income: int | None = None,
                 household_size: int | None = None, household_in_conflict: bool = False,
                 grounds: list[GroundClaim] | None = None, preliminary_aid: bool | None = None,
                 decision: IntakeDecision | None = None, draft_id: str | None = None) -> IntakeResult:
    """Record the request (and the new person, the decision and the case opened on a grant) in one
    transaction; the draft it came from goes with it. Nothing is saved if any part is refused."""
    if (person_id is None) == (new_person is None):
        raise ValidationError("person", None, "a person chosen from the matches, or a new person")
    if received_at.utcoffset() is None:
        raise ValidationError("received_at", received_at, "a time with its time zone")
    if received_at > utcnow() + FUTURE_TOLERANCE:
        raise ValidationError("received_at", received_at.isoformat(timespec="minutes"),
                              "a time that has already come")
    with uow:
        require_facility(uow, Permission.EDIT_CASES, facility_id)
        if new_person is not None:
            person = add_record(uow, person_of(new_person, today=utcnow().date()))
        else:
            assert person_id is not None
            person = load(uow, Person, person_id)
        assert person.id is not None
        request = build_request(
            uow, person=person, received_at=received_at, source=source, facility_id=facility_id,
            stage=stage, urgent=urgent, applicant_income=applicant_income,
            household_income=household_income, household_size=household_size,
            household_in_conflict=household_in_conflict, grounds=grounds,
            jurisdiction=_jurisdiction(uow, facility_id), preliminary_aid=preliminary_aid)
        case = _decide(uow, request, decision) if decision is not None else None
        if draft_id:
            uow.requests.delete_draft(draft_id)
        uow.commit()
        return IntakeResult(request_id=_key(request.id), request_version=request.version,
                            person_id=person.id, person_created=new_person is not None,
                            case_id=case.id if case else None, case_ref=case.case_ref if case else None)


def _key(value: int | None) -> int:
    assert value is not None
    return value


def _decide(uow: UnitOfWork, request: LegalAidRequest, decision: IntakeDecision) -> Case | None:
    if decision.decided_on < request.received_at.date():
        raise ValidationError("decided_on", decision.decided_on.isoformat(),
                              f"a day on or after the request came in ({request.received_at.date()})")
    case: Case | None = None
    if decision.open_case:
        if request.case_id is not None:
            raise ValidationError("open_case", request.case_id, "a request without a case opened already")
        case = add_case(uow, client_person_id=request.person_id, opened_on=decision.decided_on,
                        facility_id=request.facility_id,
                        register_number=(decision.register_number or "").strip() or None,
                        offence=(decision.offence or "").strip() or None)
    apply_decision(uow, request, decision=decision.decision, decided_on=decision.decided_on,
                   reasons=(decision.reasons or "").strip() or None,
                   case_id=case.id if case is not None else None)
    return case


def decide(uow: UnitOfWork, *, request_id: int, decision: IntakeDecision,
           expected_version: int | None = None) -> IntakeResult:
    """Decide a request taken earlier; a grant may open its case in the same transaction."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        require_facility(uow, Permission.EDIT_CASES, request.facility_id)
        if expected_version is not None and request.version != expected_version:
            raise ConcurrencyError("legal_aid_request", request_id)
        case = _decide(uow, request, decision)
        uow.commit()
        return IntakeResult(request_id=request_id, request_version=request.version,
                            person_id=request.person_id, person_created=False,
                            case_id=case.id if case else request.case_id,
                            case_ref=case.case_ref if case else None)


def open_request_case(uow: UnitOfWork, *, request_id: int, opened_on: date, offence: str | None = None,
                      register_number: str | None = None,
                      expected_version: int | None = None) -> IntakeResult:
    """Open the case of a request granted (or ordered by a court) without one, and link them."""
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        require_facility(uow, Permission.EDIT_CASES, request.facility_id)
        if expected_version is not None and request.version != expected_version:
            raise ConcurrencyError("legal_aid_request", request_id)
        if request.decision not in (Decision.GRANTED, Decision.COURT_ORDERED):
            raise ValidationError("open_case", request.decision.value,
                                  "a case opened only when aid is granted or ordered by a court")
        if request.case_id is not None:
            raise ValidationError("open_case", request.case_id, "a request without a case opened already")
        case = add_case(uow, client_person_id=request.person_id, opened_on=opened_on,
                        facility_id=request.facility_id, offence=(offence or "").strip() or None,
                        register_number=(register_number or "").strip() or None)
        before = snapshot(request)
        request.case_id = case.id
        uow.flush()
        uow.audit("update", "legal_aid_request", request.uuid, {"case_id": before["case_id"]},
                  {"case_id": case.id})
        uow.commit()
        return IntakeResult(request_id=request_id, request_version=request.version,
                            person_id=request.person_id, person_created=False, case_id=case.id,
                            case_ref=case.case_ref)


def request_detail(uow: UnitOfWork, *, request_id: int) -> RequestDetail:
    with uow:
        request = load(uow, LegalAidRequest, request_id)
        require_facility(uow, Permission.READ_CASES, request.facility_id)
        person = load(uow, Person, request.person_id)
        facility = uow.repo(Facility).get(request.facility_id) if request.facility_id else None
        case = uow.repo(Case).get(request.case_id) if request.case_id else None
        return RequestDetail(
            time_zone=facility_zone(uow, facility),
            request_id=request_id, version=request.version, person_id=request.person_id,
            full_name=person.full_name, date_of_birth=person.date_of_birth,
            received_at=request.received_at, source=request.source.value,
            facility_id=request.facility_id, facility=facility.name if facility else None,
            urgent=request.urgent, applicant_income=request.applicant_income,
            household_income=request.household_income, household_size=request.household_size,
            household_in_conflict=request.household_in_conflict,
            means_threshold=request.means_threshold, means_result=request.means_result.value,
            grounds=tuple((g.ground.value, g.justification) for g in request.grounds),
            preliminary_aid=request.preliminary_aid, child_exemption=request.child_exemption,
            decision=request.decision, decided_on=request.decided_on,
            decision_reasons=request.decision_reasons, appeal_lodged_on=request.appeal_lodged_on,
            appeal_outcome=request.appeal_outcome.value if request.appeal_outcome else None,
            case_id=request.case_id, case_ref=case.case_ref if case else None)


# --- the list --------------------------------------------------------------------------------------

def list_requests(uow: UnitOfWork, *, filters: RequestFilter, offset: int = 0, limit: int = 100,
                  sort: str = "received", descending: bool = True, today: date | None = None,
                  with_total: bool = False, at_most: int | None = None) -> Page[RequestRow]:
    """A page of requests (drafts aside), sorted and filtered in the database; a principal limited to
    some facilities sees only their requests (as in the cases list). `total` counted when asked; with
    `at_most`, a name search no further than one past it (as services.lists.list_count)."""
    if not 0 <= limit <= MAX_PAGE:
        raise ValidationError("limit", limit, f"a number from 0 to {MAX_PAGE}")
    if offset < 0:
        raise ValidationError("offset", offset, "zero or more")
    day = today or datetime.now(UTC).date()
    with uow:
        require(uow, Permission.READ_CASES)
        filters = replace(filters, facility_ids=narrowed(uow, filters.facility_ids))
        rows = uow.requests.request_page(filters, offset=offset, limit=limit, sort=sort,
                                         descending=descending, today=day) if limit else []
        total = uow.requests.count_requests(filters, at_most=at_most) if with_total else None
        return Page(rows=tuple(rows), offset=offset, total=total)


# --- drafts ----------------------------------------------------------------------------------------

def _encode(info: DraftInfo, fields: dict[str, object]) -> str:
    return json.dumps({"format": DRAFT_FORMAT, "saved_at": info.saved_at.isoformat(),
                       "actor": info.actor, "person_name": info.person_name, "step": info.step,
                       "facility_id": info.facility_id, "fields": fields}, ensure_ascii=False)


def _decode(draft_id: str, payload: str) -> Draft:
    data = json.loads(payload)
    info = DraftInfo(draft_id=draft_id, saved_at=datetime.fromisoformat(data["saved_at"]),
                     actor=str(data.get("actor", "")), person_name=str(data.get("person_name", "")),
                     step=str(data.get("step", "")), facility_id=data.get("facility_id"))
    fields = data.get("fields")
    return Draft(info=info, fields=dict(fields) if isinstance(fields, dict) else {})


def save_draft(uow: UnitOfWork, *, draft_id: str | None, fields: dict[str, object], person_name: str,
               step: str, facility_id: int | None = None) -> DraftInfo:
    """Keep what a half-filled intake holds, as typed (even values the form would refuse)."""
    info = DraftInfo(draft_id=draft_id or new_uuid(), saved_at=utcnow().replace(microsecond=0),
                     actor=uow.actor, person_name=person_name.strip(), step=step, facility_id=facility_id)
    payload = _encode(info, fields)  # refused here, before any write, if a field is no JSON value
    with uow:
        if facility_id is not None:
            require_facility(uow, Permission.EDIT_CASES, facility_id)
        else:
            require(uow, Permission.EDIT_CASES)
        uow.requests.put_draft(info.draft_id, payload)
        uow.commit()
    return info


def list_drafts(uow: UnitOfWork) -> list[DraftInfo]:
    """Drafts, newest first: one's own, and others' at the facilities one may see."""
    with uow:
        require(uow, Permission.EDIT_CASES)
        scope = narrowed(uow, None)
        drafts = [info for info in (_decode(key, payload).info for key, payload in uow.requests.drafts())
                  if scope is None or info.actor == uow.actor or info.facility_id in scope]
    return sorted(drafts, key=lambda d: d.saved_at, reverse=True)


def load_draft(uow: UnitOfWork, *, draft_id: str) -> Draft:
    with uow:
        require(uow, Permission.EDIT_CASES)
        payload = uow.requests.draft(draft_id)
    if payload is None:
        raise NotFoundError("draft", draft_id)
    return _decode(draft_id, payload)


def discard_draft(uow: UnitOfWork, *, draft_id: str) -> bool:
    with uow:
        require(uow, Permission.EDIT_CASES)
        gone = uow.requests.delete_draft(draft_id)
        uow.audit("discard", "intake_draft", None, {"draft": draft_id}, None)
        uow.commit()
    return gone


def facility_choices(uow: UnitOfWork) -> list[tuple[int, str, str]]:
    """(key, name, local time zone) of every facility, by name: where a request can come from. The
    zone is the facility's own, else its jurisdiction's, else UTC."""
    with uow:
        zones = {j.code: j.time_zone for j in uow.repo(Jurisdiction).stream()}
        scope = narrowed(uow, None)
        found = [(f.id, f.name, f.time_zone or zones.get(f.jurisdiction_code) or "UTC")
                 for f in uow.repo(Facility).stream()
                 if f.id is not None and (scope is None or f.id in scope)]
    return sorted(found, key=lambda f: f[1].casefold())


def office_zone(uow: UnitOfWork) -> str:
    """The time zone of the office's default jurisdiction (walk-ins and referrals are timed in it)."""
    with uow:
        return facility_zone(uow, None)
