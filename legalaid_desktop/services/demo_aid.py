"""Legal aid in demo cases: requests with means and grounds, the providers assigned, their notes.

A share of clients asked for aid: children are exempt from the means test, others are assessed
against the jurisdiction's threshold, grounds of the interests of justice can carry a request past
it, and refusals give reasons (some appealed). Most cases have a lawyer or paralegal from those
covering the facility; the rest are the unrepresented a coordinator must find.
"""

from __future__ import annotations

from datetime import date, datetime, time

from legalaid_desktop.domain.cases import Note
from legalaid_desktop.domain.org import Assignment
from legalaid_desktop.domain.requests import (
    GroundClaim,
    LegalAidRequest,
    assess_means,
    preliminary_aid_due,
)
from legalaid_desktop.domain.vocab import (
    AppealOutcome,
    Decision,
    FacilityKind,
    InterestsOfJusticeGround,
    MeansTestResult,
    NoteKind,
    ProcedureStage,
    ProviderKind,
    RequestSource,
)
from legalaid_desktop.services import demo_texts as tx
from legalaid_desktop.services.demo_bundle import UNLINKED
from legalaid_desktop.services.demo_names import RELATIONS
from legalaid_desktop.services.demo_offences import LIFE, OffenceSpec
from legalaid_desktop.services.demo_people import Who
from legalaid_desktop.services.demo_time import DAY, HOUR, MINUTE, Draw
from legalaid_desktop.services.demo_timeline import Timeline
from legalaid_desktop.services.demo_world import (
    CourtRef,
    FacilityRef,
    ProviderRef,
    Weighted,
    World,
    between,
    pick,
    provider_pool,
)

NOTE_KINDS: Weighted[NoteKind] = Weighted([
    (NoteKind.VISIT, 55), (NoteKind.CALL, 20), (NoteKind.COURT_ATTENDANCE, 15), (NoteKind.LETTER, 10)])
# What each kind of note says, and how long it took: from, below, in steps of (minutes).
NOTE_SHAPES: dict[NoteKind, tuple[tuple[str, ...], int, int, int]] = {
    NoteKind.VISIT: (tx.VISIT_NOTES, 20, 125, 5),
    NoteKind.CALL: (tx.CALL_NOTES, 5, 25, 5),
    NoteKind.COURT_ATTENDANCE: (tx.COURT_NOTES, 60, 300, 15),
    NoteKind.LETTER: (tx.LETTER_NOTES, 15, 50, 5),
}


class ProviderPools:
    """The providers a case at a facility can be given, by kind, and their names (cached)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._pools: dict[tuple[int, ProviderKind], list[ProviderRef]] = {}
        self._names = {p.id: p.name for ref in world.facilities
                       for p in (*ref.lawyers, *ref.paralegals, *ref.students)}

    def pool(self, ref: FacilityRef, kind: ProviderKind) -> list[ProviderRef]:
        key = (ref.id, kind)
        if key not in self._pools:
            self._pools[key] = provider_pool(self.world, ref, kind)
        return self._pools[key]

    def name_of(self, provider_id: int, default: str) -> str:
        return self._names.get(provider_id, default)


def draw_request(d: Draw, ref: FacilityRef, arrest: datetime, tl: Timeline, who: Who,
                 lead: OffenceSpec) -> LegalAidRequest | None:
    """Sometimes a legal aid request: means, interests-of-justice grounds, decision, appeal."""
    rng, base, spec, profile = d.rng, d.base, ref.spec, ref.profile
    if rng.random() >= 0.45:
        return None
    police = spec.kind is FacilityKind.POLICE_STATION
    if police:
        source = RequestSource.POLICE_STATION
        received = tl.arrival + between(1, 20, rng) * HOUR
    else:
        r = rng.random()
        source = (RequestSource.PRISON if r < 0.7 else RequestSource.COURT if r < 0.9
                  else RequestSource.WALK_IN if r < 0.95 else RequestSource.REFERRAL)
        received = tl.admission + between(1, 30, rng) * DAY
    if received >= base:
        received = base - between(1, 5, rng) * HOUR
    if tl.released is not None and received >= tl.released:
        received = tl.released - between(1, 6, rng) * HOUR
    received = max(received, tl.arrival)

    applicant = 0 if rng.random() < 0.3 else int(profile.median_income * rng.lognormvariate(0, 0.8))
    applicant = round(applicant, -2) if applicant >= 1000 else applicant
    income_known = rng.random() < 0.9
    household_size = between(1, 9, rng)
    household = applicant + (int(profile.median_income * rng.lognormvariate(-0.3, 0.9))
                             if household_size > 1 and rng.random() < 0.6 else 0)
    household = round(household, -2) if household >= 1000 else household

    grounds: list[GroundClaim] = []
    jurisdiction = spec.jurisdiction
    maximum = lead.maximum(jurisdiction)
    if lead.capital(jurisdiction) or maximum == LIFE or maximum >= 120:
        words = ("the death penalty" if lead.capital(jurisdiction) else "life imprisonment"
                 if maximum == LIFE else f"up to {maximum // 12} years' imprisonment")
        text = tx.GROUND_TEXTS["severity_of_penalty"][rng.randrange(2)]
        grounds.append(GroundClaim(InterestsOfJusticeGround.SEVERITY_OF_PENALTY, text.format(
            offence=lead.wording(jurisdiction).lower(), maximum=words)))
    if who.child or who.foreign or who.mental_illness:
        index = 0 if who.child else 1 if who.foreign else 2
        grounds.append(GroundClaim(InterestsOfJusticeGround.VULNERABILITY,
                                   tx.GROUND_TEXTS["vulnerability"][index]))
    held_days = (base - arrest).days
    if police or held_days > 180:
        index = 2 if police else 1
        urgency = tx.GROUND_TEXTS["urgency"][index].format(facility=spec.name, days=held_days)
        grounds.append(GroundClaim(InterestsOfJusticeGround.URGENCY, urgency))
    if rng.random() < 0.12:
        texts = tx.GROUND_TEXTS["complexity"]
        grounds.append(GroundClaim(InterestsOfJusticeGround.COMPLEXITY, pick(texts, rng)))

    request = LegalAidRequest(
        **d.record(), person_id=UNLINKED, received_at=d.utc(received, ref.zone),
        source=source, facility_id=ref.id,
        stage=ProcedureStage.POLICE if police else ProcedureStage.PRE_TRIAL,
        urgent=police or who.child or rng.random() < 0.2,
        applicant_income=applicant if income_known else None,
        household_income=household if income_known and household_size > 1 else None,
        household_size=household_size, household_in_conflict=rng.random() < 0.04,
        means_threshold=profile.means_threshold, grounds=grounds,
        preliminary_aid=preliminary_aid_due(source), child_exemption=who.treated_as_child)
    means = assess_means(request, is_child=who.treated_as_child, threshold=profile.means_threshold)
    request.means_result = means

    decided = received.date() + rng.choice((0, 1, 2, 3, 5, 7, 10, 14)) * DAY
    if decided >= d.as_of or (received > base - 3 * DAY and rng.random() < 0.5):
        request.check()
        return request
    r = rng.random()
    decision = Decision.PENDING
    reasons: str | None = None
    if means is MeansTestResult.EXEMPT_CHILD:
        decision = Decision.GRANTED
    elif means is MeansTestResult.ELIGIBLE:
        decision = Decision.GRANTED if r < 0.93 else Decision.WITHDRAWN if r < 0.96 else Decision.PENDING
    elif means is MeansTestResult.NOT_ELIGIBLE:
        if grounds and r < 0.75:
            decision = Decision.GRANTED
        elif r < 0.87:
            decision = Decision.REFUSED
        else:
            decision = Decision.COURT_ORDERED
    elif grounds and r < 0.6:
        decision = Decision.GRANTED
    if decision is Decision.REFUSED:
        income = request.assessed_income() or 0
        reasons = pick(tx.REFUSAL_REASONS, rng).format(
            currency=profile.currency, income=f"{income:,}", threshold=f"{profile.means_threshold:,}")
    elif decision is Decision.WITHDRAWN:
        reasons = tx.WITHDRAWAL_REASON
    if decision is not Decision.PENDING:
        request.decision, request.decided_on, request.decision_reasons = decision, decided, reasons
        if decision is Decision.REFUSED and rng.random() < 0.25:
            lodged = decided + between(1, 10, rng) * DAY
            if lodged < d.as_of:
                request.appeal_lodged_on = lodged
                r = rng.random()
                request.appeal_outcome = (AppealOutcome.PENDING if r < 0.5 else AppealOutcome.UPHELD
                                          if r < 0.75 else AppealOutcome.DISMISSED)
    request.check()
    return request


def draw_assignments(d: Draw, pools: ProviderPools, ref: FacilityRef, opened: date, closed_on: date | None,
                     request: LegalAidRequest | None, granted: bool) -> list[Assignment]:
    """Who acts: a lawyer or paralegal covering the facility, sometimes a helper or a handover."""
    rng, zone, rec = d.rng, ref.zone, d.record
    police = ref.spec.kind is FacilityKind.POLICE_STATION
    if request is not None:
        if granted:
            share, lead_kind = 0.95, ProviderKind.LAWYER
        elif request.decision is Decision.PENDING:
            share, lead_kind = 0.5, ProviderKind.PARALEGAL
        else:
            return []
    else:
        share = 0.3 if police else 0.72
        lead_kind = ProviderKind.LAWYER if rng.random() < 0.85 else ProviderKind.PARALEGAL
    if rng.random() >= share:
        return []
    start = datetime.combine(opened, time(9, 0)) + rng.randrange(480) * MINUTE
    end = datetime.combine(closed_on, time(17, 0)) if closed_on is not None else None
    reasons = tx.ASSIGNMENT_REASONS
    reason = pick(reasons, rng).format(facility=ref.spec.name)
    out: list[Assignment] = []
    pool = pools.pool(ref, lead_kind)
    if not pool:
        return out
    role = "lead" if lead_kind is ProviderKind.LAWYER else "paralegal"
    first = pick(pool, rng)
    days_open = ((end.date() if end else d.as_of) - opened).days
    if days_open > 30 and rng.random() < 0.05:
        handover = start + between(10, days_open - 1, rng) * DAY
        out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=first.id, role=role,
                              started_at=d.utc(start, zone), ended_at=d.utc(handover, zone),
                              reason=reason,
                              end_reason=pick(tx.END_REASONS, rng)))
        first, start = pick(pool, rng), handover
    ended = d.utc(end, zone) if end is not None else None
    out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=first.id, role=role,
                          started_at=d.utc(start, zone), ended_at=ended, reason=reason,
                          end_reason=tx.CASE_CLOSED if end is not None else None))
    if lead_kind is ProviderKind.LAWYER and rng.random() < 0.2:
        support_kind = ProviderKind.LAW_STUDENT if rng.random() < 0.25 else ProviderKind.PARALEGAL
        support = pools.pool(ref, support_kind)
        if support:
            helper = pick(support, rng)
            student = support_kind is ProviderKind.LAW_STUDENT
            out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=helper.id,
                                  role="student" if student else "support",
                                  started_at=d.utc(min(start + 30 * MINUTE, end or d.base), zone),
                                  ended_at=ended,
                                  reason="Supports the lead lawyer",
                                  end_reason=tx.CASE_CLOSED if end is not None else None))
    return out


def draw_notes(d: Draw, pools: ProviderPools, ref: FacilityRef, opened: date, tl: Timeline,
               assignments: list[Assignment], lower: CourtRef, who: Who, lead: OffenceSpec) -> list[Note]:
    """Visits, calls, court attendances and letters, with the time they took."""
    rng, zone, rec, base = d.rng, ref.zone, d.record, d.base
    start = max(datetime.combine(opened, time(9, 0)), tl.admission)
    end = min(base - HOUR, tl.released or base)
    span = (end - start).days
    if span < 1:
        return []
    spec = ref.spec
    values = {"facility": spec.name, "court": lower.name, "locality": who.locality,
              "offence": lead.wording(spec.jurisdiction).lower(), "days": (base - tl.arrival).days}
    if not assignments:
        if rng.random() >= 0.4:
            return []
        at = start + between(0, min(span, 10), rng) * DAY
        return [Note(**rec(), case_id=UNLINKED, kind=NoteKind.VISIT, at=d.utc(at, zone),
                     author=tx.SCREENING_AUTHOR, text=tx.SCREENING_NOTE.format(**values),
                     minutes_spent=rng.randrange(10, 35, 5))]
    writer = pick(assignments, rng).provider_id
    author = pools.name_of(writer, tx.SCREENING_AUTHOR)
    count = min(4, between(0, 1 + span // 90, rng))
    out = []
    for when in sorted(between(0, span, rng) for _ in range(count)):
        kind = NOTE_KINDS.pick(rng)
        texts, low, high, step = NOTE_SHAPES[kind]
        minutes = rng.randrange(low, high, step)
        relation = RELATIONS[rng.randrange(10)].lower()
        text = pick(texts, rng).format(relation=relation, **values)
        at = start + when * DAY + rng.randrange(480) * MINUTE
        out.append(Note(**rec(), case_id=UNLINKED, kind=kind, at=d.utc(min(at, end), zone),
                        author=author, text=text, minutes_spent=minutes))
    return out
