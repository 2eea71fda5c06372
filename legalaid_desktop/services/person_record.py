"""A person's own record, exported for them (Mandela Rule 9): their identity, their cases, nobody else.

Other parties of their cases (victims, witnesses, co-accused) appear only by their role, and the
notes staff write are left out; the document says so. Saved through services.reports.save_report:
audited as an export naming the person by uuid only, with that entry's hash on every page of the
PDF and in the JSON's `audit_entry` field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.case_file import CaseFile, RequestLine
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.errors import NotFoundError, ValidationError
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.person_record import CaseRecord, Identity, PersonRecordData, RequestRecord
from legalaid_desktop.domain.reporting import GroundLine, ReportMeta
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.i18n import _
from legalaid_desktop.services.access import require, require_case, require_facility
from legalaid_desktop.services.case_file import load_case_file, request_line
from legalaid_desktop.services.deadlines import DeadlineBook
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.reports import DEFAULT_ORGANISATION, ORGANISATION_KEY, case_summary_of

FORMATS = ("pdf", "json")
LEFT_OUT = (
    "Other people in your cases (victims, witnesses, co-accused and others) appear only by their "
    "role: their names and contact details are theirs to protect, not ours to give.",
    "Notes written by staff (visit and case notes, and the notes kept on your record) are left out: "
    "they are the office's working notes.",
    "Your emergency contact is left out: it is another person's details.",
    "Documents stored with your cases are not copied here: ask the office for a copy of any of them.",
    "Cases in which the office records you in another role than as its client (such as a witness) "
    "are left out: they are other people's cases.",
)


@dataclass(frozen=True)
class PersonRecord:
    """The record and its pages' facts; save it with services.reports.save_report (PDF or JSON)."""

    data: PersonRecordData
    meta: ReportMeta

    def audit_record(self, fmt: str) -> tuple[str, str, str | None, dict[str, Any]]:
        """An export of this person's record: their uuid, never their name."""
        uuid = self.data.person.uuid
        return ("export", "person_record", uuid, {
            "what": "person_record", "person": uuid, "format": fmt, "cases": len(self.data.cases)})

    def sealed(self, audit_hash: str) -> PersonRecord:
        return replace(self, meta=replace(self.meta, audit_hash=audit_hash))

    def content(self, fmt: str) -> bytes:
        if fmt == "pdf":
            from legalaid_desktop.reports.person_record import person_record_pdf

            return person_record_pdf(self.data, self.meta)
        if fmt == "json":
            whole = {"format": "legalaid-person-record", **self.data.plain(),
                     "confidential": _("CONFIDENTIAL: legal aid record"), "audit_entry": self.meta.audit_hash}
            return (json.dumps(whole, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        raise ValidationError("format", fmt, "one of " + ", ".join(FORMATS))


def person_record(uow: UnitOfWork, book: DeadlineBook | None, *, person_id: int | None = None,
                  case_ref: str | None = None, now: datetime | None = None) -> PersonRecord:
    """The record of the person with this key, or of the client of the case `case_ref`.

    Needs EXPORT_DATA, and READ_CASES at every facility of the person's cases (a refusal is audited).
    """
    if (person_id is None) == (case_ref is None):
        raise ValidationError("person", None, "either a person id or a case reference, not both")
    as_of = now or datetime.now(UTC)
    with uow:
        person = _person(uow, person_id, case_ref)
        assert person.id is not None
        require(uow, Permission.EXPORT_DATA, entity="person_record", uuid=person.uuid)
        cases = sorted(uow.repo(Case).find(client_person_id=person.id),
                       key=lambda c: (c.opened_on, c.id or 0))
        for case in cases:
            require_case(uow, Permission.READ_CASES, case)
        places = uow.reads.person_facilities(person.id)
        for place in places:
            require_facility(uow, Permission.READ_CASES, place)
        if not places:
            require(uow, Permission.READ_CASES, entity="person_record", uuid=person.uuid)
        organisation = (uow.get_meta(ORGANISATION_KEY) or "").strip() or _(DEFAULT_ORGANISATION)
        meta = ReportMeta(title=_("Personal record: {name}").format(name=person.full_name),
                          organisation=organisation, generated_at=as_of, author=uow.actor,
                          subject=_("A person's own record (Mandela Rule 9)"))
        age = person.age_at(as_of.date())
        identity = Identity(
            uuid=person.uuid, full_name=person.full_name, other_names=person.other_names, sex=str(person.sex),
            gender_identity=person.gender_identity, date_of_birth=person.date_of_birth, age=age,
            age_estimated=person.date_of_birth is None and age is not None, age_disputed=person.age_disputed,
            identity_number=person.identity_number, nationality=person.nationality,
            languages=person.languages, priority_groups=tuple(person.priority_groups), phone=person.phone,
            address=person.address)
        keys = [c.id for c in cases if c.id is not None]
        open_requests = tuple(_request(request_line(r)) for r in sorted(
            (r for r in uow.repo(LegalAidRequest).find(person_id=person.id) if r.case_id is None),
            key=lambda r: r.received_at))
        me = person.id
    # Each case file reads in a unit of work of its own (a person has a handful of cases); all reads.
    records = tuple(_case(load_case_file(uow, case_id=key, now=as_of, book=book), me, as_of)
                    for key in keys)
    return PersonRecord(PersonRecordData(as_of=as_of, person=identity, cases=records, requests=open_requests,
                                         left_out=tuple(_(text) for text in LEFT_OUT)), meta)


def _person(uow: UnitOfWork, person_id: int | None, case_ref: str | None) -> Person:
    if case_ref is not None:
        case = uow.repo(Case).first(case_ref=case_ref.strip().upper())
        if case is None:
            raise NotFoundError("case", case_ref)
        person_id = case.client_person_id
    assert person_id is not None
    person = uow.repo(Person).get(person_id)
    if person is None:
        raise NotFoundError("person", str(person_id))
    if person.merged_into_id is not None:
        raise ValidationError("person-id", person_id,
                              f"the record it was merged into, person {person.merged_into_id}")
    return person


def _case(case: CaseFile, person_id: int, as_of: datetime) -> CaseRecord:
    """Custody, deadlines, charges, hearings and assignments as the case summary prints them; the
    requests whole; other parties by role only; notes not at all."""
    summary = case_summary_of(case, {}, as_of, contacts=False)
    requests = tuple(_request(r) for r in sorted(case.requests, key=lambda q: q.received_at))
    h = case.header
    return CaseRecord(
        case_ref=h.case_ref, status=h.case_status, stage=h.stage, opened_on=case.opened_on,
        closed_on=case.closed_on, outcome=case.outcome, court=case.court,
        court_case_number=case.court_case_number, charges=summary.charges, custody=summary.custody,
        deadlines=summary.deadlines, hearings=summary.hearings, requests=requests,
        assignments=summary.assignments,
        other_parties=tuple(p.role for p in case.parties if p.person_id != person_id))


def _request(r: RequestLine) -> RequestRecord:
    return RequestRecord(
        received_at=r.received_at, source=r.source, means_test=r.means_result, decision=r.decision,
        decided_on=r.decided_on, grounds=tuple(GroundLine(g, j) for g, j in r.grounds),
        reasons=r.decision_reasons, appeal_lodged_on=r.appeal_lodged_on, appeal_outcome=r.appeal_outcome)
