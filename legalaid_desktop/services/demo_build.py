"""Building demo cases: a person, their case, custody spell and its events, hearings, aid, notes.

Every record is made through its domain constructor, so a generated value that breaks a domain
rule raises at once. Keys between records are linked after `bulk_insert` gives the parents theirs
(demo_bundle.py). The person, the custody timeline and legal aid are drawn by their own modules;
this one puts a case together and draws its charges, custody record, events and hearings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from legalaid_desktop.domain.cases import Charge, Hearing, Party
from legalaid_desktop.domain.custody import CustodyEvent
from legalaid_desktop.domain.vocab import (
    CaseOutcome,
    CaseStatus,
    CustodyStatus,
    Decision,
    EventType,
    FacilityKind,
    PartyRole,
    ProcedureStage,
    ReleaseReason,
)
from legalaid_desktop.services import demo_texts as tx
from legalaid_desktop.services.demo_aid import ProviderPools, draw_assignments, draw_notes, draw_request
from legalaid_desktop.services.demo_bundle import UNLINKED, CaseBundle, RegisterSlot
from legalaid_desktop.services.demo_numbers import court_case_number, police_case_number
from legalaid_desktop.services.demo_offences import IMMIGRATION, LIFE, OFFENCES, OffenceSpec, statute_for
from legalaid_desktop.services.demo_people import Who, draw_dependants, draw_person
from legalaid_desktop.services.demo_time import DAY, HOUR, MINUTE, Draw, fixed_offset
from legalaid_desktop.services.demo_timeline import STILL_OPEN, Timeline, draw_timeline
from legalaid_desktop.services.demo_world import (
    CourtRef,
    FacilityRef,
    Stamp,
    Weighted,
    World,
    between,
    pick,
)

# Arrests by hour of the day: few at dawn, most in the evening.
ARREST_HOURS: Weighted[int] = Weighted(list(enumerate(
    (3, 2, 2, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 5, 5, 6, 7, 8, 8, 8, 7, 6, 4))))
CLOSING = {
    ReleaseReason.ACQUITTAL: CaseOutcome.ACQUITTAL,
    ReleaseReason.CHARGES_DROPPED: CaseOutcome.CHARGES_DROPPED,
    ReleaseReason.NON_CUSTODIAL_MEASURE: CaseOutcome.NON_CUSTODIAL,
    ReleaseReason.OTHER: CaseOutcome.DIVERSION,
}


@dataclass
class Skeleton:
    """What a case is sorted by before it is built: where and when the person was arrested."""

    facility: FacilityRef
    arrest: datetime  # local wall time
    arrest_utc: datetime


class CaseBuilder:
    """Draws cases for a world of facilities and providers, one chunk at a time."""

    def __init__(self, world: World, at: datetime, as_of: date) -> None:
        self.world = world
        self.at = at
        self.as_of = as_of
        self.pools = ProviderPools(world)
        self._offsets = {ref.zone: fixed_offset(ref.zone, as_of) for ref in world.facilities}
        self.d = self._draw(random.Random(0))
        self._offences: dict[tuple[str, str], Weighted[OffenceSpec]] = {}

    def _draw(self, rng: random.Random) -> Draw:
        return Draw(rng=rng, stamp=Stamp(rng, self.at), as_of=self.as_of,
                    base=datetime.combine(self.as_of, time()), offsets=self._offsets)

    # -- the chunk ---------------------------------------------------------------------------

    def chunk(self, rng: random.Random, size: int) -> list[CaseBundle]:
        """`size` cases drawn from `rng`, in the order of their arrest so numbers rise with dates."""
        self.d = self._draw(rng)
        skeletons = [self._skeleton() for _ in range(size)]
        skeletons.sort(key=lambda s: s.arrest_utc)
        return [self._case(s) for s in skeletons]
    def _skeleton(self) -> Skeleton:
        rng = self.d.rng
        ref = self.world.picker.pick(rng)
        kind = ref.spec.kind
        if kind is FacilityKind.POLICE_STATION:
            hours = 2 + rng.random() * 70 if rng.random() < 0.85 else 72 + rng.random() * 168
            arrest = (self.d.base - timedelta(hours=hours)).replace(second=0, microsecond=0)
        else:
            if kind is FacilityKind.CHILD_DETENTION:
                days = min(400, 4 + int(rng.expovariate(1 / 70)))
            else:
                r = rng.random()
                low, high = ((4, 14) if r < 0.12 else (15, 120) if r < 0.40 else
                             (121, 540) if r < 0.75 else (541, 1095))
                days = between(low, high, rng)
            arrest = self.d.base - days * DAY + ARREST_HOURS.pick(rng) * HOUR + rng.randrange(60) * MINUTE
        return Skeleton(ref, arrest, self.d.utc(arrest, ref.zone))

    # -- one case ----------------------------------------------------------------------------

    def _case(self, sk: Skeleton) -> CaseBundle:
        rng, ref, rec = self.d.rng, sk.facility, self.d.record
        spec = ref.spec
        person, who = draw_person(self.d, ref, sk.arrest)
        charges_specs = self._charges(ref, who)
        lead = charges_specs[0]
        tl = draw_timeline(self.d, ref, sk.arrest, lead)
        court = self._court(ref, lead, tl)
        lower = pick(ref.lower_courts, rng)
        offence_date = sk.arrest.date() - (0 if rng.random() < 0.75 else between(1, 3, rng)) * DAY
        events = self._events(ref, sk, tl, lower, court, who)
        hearings = self._hearings(ref, tl, court, who)
        request = draw_request(self.d, ref, sk.arrest, tl, who, lead)
        granted = request is not None and request.decision in (Decision.GRANTED, Decision.COURT_ORDERED)

        closed_on: date | None = None
        outcome: CaseOutcome | None = None
        status = CaseStatus.OPEN
        if tl.status in (CustodyStatus.CONVICTED_AWAITING_SENTENCE, CustodyStatus.SENTENCED_APPEAL_PENDING):
            outcome = CaseOutcome.CONVICTION
        elif tl.status is CustodyStatus.SENTENCED and tl.judgment is not None:
            outcome, status, closed_on = CaseOutcome.CONVICTION, CaseStatus.CLOSED, tl.judgment.date()
        elif tl.release_reason is not None and tl.released is not None:
            if tl.release_reason in CLOSING:
                outcome, status, closed_on = CLOSING[tl.release_reason], CaseStatus.CLOSED, tl.released.date()
            else:
                outcome = STILL_OPEN.get(tl.release_reason)

        if request is not None and request.decided_on is not None and granted:
            opened = request.decided_on
        elif request is not None:
            opened = request.received_at.date()
        else:
            opened = sk.arrest.date() + between(0, 10, rng) * DAY
        opened = max(sk.arrest.date(), min(opened, self.d.as_of - DAY, closed_on or opened))

        police_number = police_case_number(spec.jurisdiction, between(1, 4999, rng), sk.arrest.date()) \
            if rng.random() < 0.9 else None
        court_number = court_case_number(spec.jurisdiction, court.code, court.higher, between(1, 4999, rng),
                                         (tl.first_appearance or sk.arrest).year) \
            if tl.first_appearance is not None and rng.random() < 0.95 else None
        summary = pick(tx.CASE_SUMMARIES, rng).format(
            offence=lead.wording(spec.jurisdiction).lower(), locality=who.locality,
            date=offence_date.isoformat())
        case_fields = dict(**rec(), client_person_id=UNLINKED, status=status, stage=tl.stage,
                           court_id=court.id if tl.first_appearance is not None else None,
                           court_case_number=court_number, police_case_number=police_number,
                           offence_date=offence_date, opened_on=opened, closed_on=closed_on,
                           outcome=outcome, summary=summary)
        custody_fields = self._custody(ref, sk, tl, who, lead, lower)
        register = RegisterSlot(ref.id, spec.style, spec.code, tl.admission.date(), who.female)
        charges = [self._charge(ref, spec_) for spec_ in charges_specs]
        assignments = draw_assignments(self.d, self.pools, ref, opened, closed_on, request, granted)
        notes = draw_notes(self.d, self.pools, ref, opened, tl, assignments, lower, who, lead)
        return CaseBundle(
            person=person, case_fields=case_fields, opened_year=opened.year,
            party=Party(**rec(), case_id=UNLINKED, person_id=UNLINKED, role=PartyRole.CLIENT),
            custody_fields=custody_fields, register=register, charges=charges, events=events,
            hearings=hearings, notes=notes,
            assignments=assignments, dependants=draw_dependants(self.d, ref, who), request=request,
            request_opened_case=granted)

    # -- charges and courts ------------------------------------------------------------------

    def _offence_picker(self, jurisdiction: str, who: Who) -> Weighted[OffenceSpec]:
        group = "child" if who.child else "female" if who.female else "male"
        key = (jurisdiction, group)
        if key not in self._offences:
            self._offences[key] = Weighted([
                (o, o.weight_in(jurisdiction) * (o.child if who.child else o.female if who.female else 1.0))
                for o in OFFENCES])
        return self._offences[key]

    def _charges(self, ref: FacilityRef, who: Who) -> list[OffenceSpec]:
        rng = self.d.rng
        picker = self._offence_picker(ref.spec.jurisdiction, who)
        chosen = [picker.pick(rng)]
        if who.foreign and not who.child and rng.random() < 0.35:
            chosen.insert(0 if rng.random() < 0.6 else 1, IMMIGRATION)
        elif rng.random() < 0.25:
            second = picker.pick(rng)
            if second is not chosen[0]:
                chosen.append(second)
        return chosen

    def _charge(self, ref: FacilityRef, offence: OffenceSpec) -> Charge:
        jurisdiction = ref.spec.jurisdiction
        maximum = offence.maximum(jurisdiction)
        return Charge(**self.d.record(), case_id=UNLINKED, offence=offence.wording(jurisdiction),
                      offence_class=offence.offence_class(jurisdiction),
                      statute=statute_for(offence, jurisdiction, ref.spec.region),
                      max_sentence_months=None if maximum == LIFE else maximum,
                      max_sentence_life=maximum == LIFE, capital=offence.capital(jurisdiction),
                      first_offender=self.d.rng.random() < 0.6)

    def _court(self, ref: FacilityRef, lead: OffenceSpec, tl: Timeline) -> CourtRef:
        rng = self.d.rng
        later = tl.stage in (ProcedureStage.TRIAL, ProcedureStage.SENTENCING, ProcedureStage.APPEAL)
        courts = ref.higher_courts if lead.high_court and (later or rng.random() < 0.6) else ref.lower_courts
        return pick(courts, rng)

    def _custody(self, ref: FacilityRef, sk: Skeleton, tl: Timeline, who: Who, lead: OffenceSpec,
                 lower: CourtRef) -> dict[str, Any]:
        """The custody spell's fields; its register number is given when it is written."""
        rng, spec, zone = self.d.rng, ref.spec, ref.zone
        offence = lead.wording(spec.jurisdiction).lower()
        police = spec.kind is FacilityKind.POLICE_STATION
        if police:
            reason = tx.COMMITMENT_POLICE.format(offence=offence)
            authority = tx.POLICE_AUTHORITY.format(facility=spec.name)
        elif tl.status is CustodyStatus.SENTENCED:
            reason, authority = tx.COMMITMENT_SENTENCE.format(court=lower.name, offence=offence), lower.name
        else:
            reason, authority = tx.COMMITMENT_REMAND.format(court=lower.name, offence=offence), lower.name
        cash = rng.randrange(50, 2000, 50) * max(1, ref.profile.median_income // 10_000)
        return dict(
            **self.d.record(), person_id=UNLINKED, case_id=UNLINKED, facility_id=ref.id,
            status=tl.status, arrest_at=sk.arrest_utc,
            arrest_place=f"{who.locality}, {spec.city}", admission_at=self.d.utc(tl.admission, zone),
            released_at=self.d.utc(tl.released, zone) if tl.released is not None else None,
            release_reason=tl.release_reason, commitment_reason=reason, committing_authority=authority,
            injuries_observed=pick(tx.INJURIES, rng) if rng.random() < 0.04 else None,
            ill_treatment_complaint=pick(tx.ILL_TREATMENT, rng)
            if rng.random() < (0.04 if police else 0.015) else None,
            property_held=pick(tx.PROPERTY, rng).format(
                currency=ref.profile.currency, cash=f"{cash:,}") if rng.random() < 0.35 else None,
            time_zone=spec.time_zone)

    def _events(self, ref: FacilityRef, sk: Skeleton, tl: Timeline, lower: CourtRef, court: CourtRef,
                who: Who) -> list[CustodyEvent]:
        rng, zone, rec = self.d.rng, ref.zone, self.d.record
        jurisdiction = ref.spec.jurisdiction
        out = [CustodyEvent(**rec(), custody_id=UNLINKED, type=EventType.ARREST, at=sk.arrest_utc),
               CustodyEvent(**rec(), custody_id=UNLINKED, type=EventType.POLICE_STATION_ARRIVAL,
                            at=self.d.utc(tl.arrival, zone))]

        def event(kind: EventType, at: datetime, *, days: int | None = None, court_id: int | None = None,
                  notes: str | None = None) -> None:
            out.append(CustodyEvent(**rec(), custody_id=UNLINKED, type=kind, at=self.d.utc(at, zone),
                                    days=days, court_id=court_id, notes=notes))

        first = tl.first_appearance
        end = tl.judgment or tl.released or self.d.base
        if first is not None:
            if jurisdiction == "GB-EAW" and first - tl.arrival > 24 * HOUR and rng.random() < 0.12:
                event(EventType.SUPERINTENDENT_EXTENSION, tl.arrival + 22 * HOUR)
            event(EventType.FIRST_APPEARANCE, first, court_id=lower.id)
            if jurisdiction == "GB-EAW" and tl.orders[0][1] == 28:
                event(EventType.SENT_FOR_TRIAL, first + MINUTE, court_id=lower.id)
            for index, (at, days) in enumerate(tl.orders):
                kind = EventType.REMAND_EXTENSION if jurisdiction == "NG" and index == 1 else EventType.REMAND
                event(kind, at + (2 * MINUTE if index == 0 else timedelta()), days=days,
                      court_id=lower.id if index == 0 or not court.higher else court.id)
            if jurisdiction == "IN" and rng.random() < 0.7:
                filed = first + between(45, 85, rng) * DAY
                if filed < end:
                    event(EventType.CHARGE_SHEET_FILED, filed)
            if ref.spec.kind is FacilityKind.CHILD_DETENTION:
                review = first + 14 * DAY
                while review < end and review < first + 45 * DAY:
                    event(EventType.DETENTION_REVIEW, review, court_id=lower.id)
                    review += 14 * DAY
            if tl.trial_started is not None:
                event(EventType.TRIAL_STARTED, tl.trial_started, court_id=court.id)
            if tl.judgment is not None:
                event(EventType.JUDGMENT, tl.judgment, court_id=court.id,
                      notes=tx.OUTCOME_SENTENCED.format(months=tl.sentence_months)
                      if tl.sentence_months else tx.OUTCOME_CONVICTED)
        if tl.released is not None and tl.release_reason is not None:
            kind = EventType.BAIL if tl.release_reason is ReleaseReason.BAIL else EventType.RELEASE
            event(kind, tl.released, notes=tx.OUTCOME_BY_RELEASE[tl.release_reason.value])
        out.sort(key=lambda e: e.at)
        return out

    def _hearings(self, ref: FacilityRef, tl: Timeline, court: CourtRef, who: Who) -> list[Hearing]:
        rng, zone, rec = self.d.rng, ref.zone, self.d.record
        next_date = tl.next_hearing.date() if tl.next_hearing is not None else None
        out: list[Hearing] = []
        if tl.first_appearance is not None:
            if tl.judgment is not None:
                at = tl.judgment
                purpose = "judgment"
                outcome = (tx.OUTCOME_SENTENCED.format(months=tl.sentence_months) if tl.sentence_months
                           else tx.OUTCOME_CONVICTED if rng.random() < 0.4 else tx.OUTCOME_CONVICTED_TRIAL)
            elif (tl.released is not None and tl.release_reason is not None
                  and tl.release_reason is not ReleaseReason.TRANSFER_OUT):
                at = datetime.combine(tl.released.date(), time(10, 0))
                purpose = "hearing" if tl.release_reason is ReleaseReason.ACQUITTAL else "mention"
                outcome = tx.OUTCOME_BY_RELEASE[tl.release_reason.value]
            else:
                at, _ = tl.orders[-1]
                purpose = pick(tx.PURPOSES_PRE_TRIAL, rng)
                outcome = pick(tx.ADJOURNMENTS, rng).format(facility=ref.spec.name)
            if next_date is not None and next_date < at.date():
                next_date = None
            out.append(Hearing(**rec(), case_id=UNLINKED, court_id=court.id,
                               scheduled_at=self.d.utc(at, zone), purpose=purpose, outcome=outcome,
                               next_date=next_date))
        if tl.next_hearing is not None:
            out.append(Hearing(**rec(), case_id=UNLINKED, court_id=court.id,
                               scheduled_at=self.d.utc(tl.next_hearing, zone), purpose=tl.next_purpose))
        return out
