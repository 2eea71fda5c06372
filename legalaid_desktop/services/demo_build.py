"""Building demo cases: a person, their case, custody spell and its events, hearings, aid, notes.

Every record is made through its domain constructor, so a generated value that breaks a domain
rule raises at once. Keys between records are linked after `bulk_insert` gives the parents theirs
(`CaseBundle.link_*`). Times are drawn in the facility's local time and stored in UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.cases import Case, Charge, Hearing, Note, Party, format_case_ref
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.org import Assignment
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import (
    GroundClaim,
    LegalAidRequest,
    assess_means,
    preliminary_aid_due,
)
from legalaid_desktop.domain.vocab import (
    AgeSource,
    AppealOutcome,
    CaseOutcome,
    CaseStatus,
    CustodyStatus,
    Decision,
    EventType,
    FacilityKind,
    InterestsOfJusticeGround,
    MeansTestResult,
    NoteKind,
    PartyRole,
    PriorityGroup,
    ProcedureStage,
    ProviderKind,
    ReleaseReason,
    RequestSource,
    Sex,
)
from legalaid_desktop.services import demo_texts as tx
from legalaid_desktop.services.demo_names import RELATIONS, Culture
from legalaid_desktop.services.demo_numbers import (
    court_case_number,
    fill,
    police_case_number,
    register_number,
    south_african_id,
)
from legalaid_desktop.services.demo_offences import (
    IMMIGRATION,
    LIFE,
    OFFENCES,
    OffenceSpec,
    statute_for,
)
from legalaid_desktop.services.demo_places import REFUGEE_NATIONALITIES
from legalaid_desktop.services.demo_world import (
    CourtRef,
    FacilityRef,
    ProviderRef,
    Stamp,
    Weighted,
    World,
    between,
    pick,
    pick_name,
    provider_pool,
)

UNLINKED = 0  # a key filled in by CaseBundle.link_* once the parent row has been given its key
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)

# Arrests by hour of the day: few at dawn, most in the evening.
ARREST_HOURS: Weighted[int] = Weighted(list(enumerate(
    (3, 2, 2, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 5, 5, 6, 7, 8, 8, 8, 7, 6, 4))))
RELEASES: Weighted[ReleaseReason] = Weighted([
    (ReleaseReason.BAIL, 50), (ReleaseReason.CHARGES_DROPPED, 14), (ReleaseReason.ACQUITTAL, 10),
    (ReleaseReason.TIME_LIMIT, 8), (ReleaseReason.NON_CUSTODIAL_MEASURE, 10), (ReleaseReason.OTHER, 6),
    (ReleaseReason.TRANSFER_OUT, 2)])
POLICE_RELEASES: Weighted[ReleaseReason] = Weighted([
    (ReleaseReason.BAIL, 60), (ReleaseReason.CHARGES_DROPPED, 25), (ReleaseReason.OTHER, 15)])
CLOSING = {
    ReleaseReason.ACQUITTAL: CaseOutcome.ACQUITTAL,
    ReleaseReason.CHARGES_DROPPED: CaseOutcome.CHARGES_DROPPED,
    ReleaseReason.NON_CUSTODIAL_MEASURE: CaseOutcome.NON_CUSTODIAL,
    ReleaseReason.OTHER: CaseOutcome.DIVERSION,
}
STILL_OPEN = {ReleaseReason.BAIL: CaseOutcome.BAIL, ReleaseReason.TIME_LIMIT: CaseOutcome.TIME_LIMIT_RELEASE}
CHILD_AGES: Weighted[int] = Weighted([(12, 1), (13, 2), (14, 4), (15, 7), (16, 9), (17, 10)])
NOTE_KINDS: Weighted[NoteKind] = Weighted([
    (NoteKind.VISIT, 55), (NoteKind.CALL, 20), (NoteKind.COURT_ATTENDANCE, 15), (NoteKind.LETTER, 10)])


def fixed_offset(zone: ZoneInfo, around: date) -> timedelta | None:
    """The zone's UTC offset when it has not changed in the years demo dates span, else None."""
    offsets = {datetime(year, month, 15, 12, tzinfo=zone).utcoffset()
               for year in range(around.year - 4, around.year + 2) for month in range(1, 13)}
    only = offsets.pop() if len(offsets) == 1 else None
    return only


def next_weekday(moment: datetime) -> datetime:
    while moment.weekday() >= 5:
        moment += DAY
    return moment


def previous_weekday(moment: datetime) -> datetime:
    while moment.weekday() >= 5:
        moment -= DAY
    return moment


@dataclass
class CaseBundle:
    """One case's records, ready to insert parents first."""

    person: Person
    case: Case
    party: Party
    custody: Custody
    charges: list[Charge]
    events: list[CustodyEvent]
    hearings: list[Hearing]
    notes: list[Note]
    assignments: list[Assignment]
    dependants: list[Dependant]
    request: LegalAidRequest | None = None
    request_opened_case: bool = False

    def link_person(self) -> None:
        self.case.client_person_id = _key(self.person)

    def link_case(self) -> None:
        person_id, case_id = _key(self.person), _key(self.case)
        self.party.case_id, self.party.person_id = case_id, person_id
        self.custody.person_id, self.custody.case_id = person_id, case_id
        for charge in self.charges:
            charge.case_id = case_id
        for hearing in self.hearings:
            hearing.case_id = case_id
        for note in self.notes:
            note.case_id = case_id
        for assignment in self.assignments:
            assignment.case_id = case_id
        for dependant in self.dependants:
            dependant.person_id = person_id
        if self.request is not None:
            self.request.person_id = person_id
            self.request.case_id = case_id if self.request_opened_case else None

    def link_custody(self) -> None:
        custody_id = _key(self.custody)
        for event in self.events:
            event.custody_id = custody_id

    def children(self) -> list[Entity]:
        """Records that hang on the person and the case (custody events come after these)."""
        rows: list[Entity] = [self.party, *self.charges, self.custody, *self.hearings, *self.notes,
                              *self.assignments, *self.dependants]
        if self.request is not None:
            rows.append(self.request)
        return rows


def _key(entity: Entity) -> int:
    if entity.id is None:
        raise RuntimeError(f"{type(entity).__name__} has no key yet: insert it before its children")
    return entity.id


@dataclass
class Skeleton:
    """What a case is sorted by before it is built: where and when the person was arrested."""

    facility: FacilityRef
    arrest: datetime  # local wall time
    arrest_utc: datetime


@dataclass
class Who:
    """Facts about the person the rest of the case reads."""

    culture: Culture
    female: bool
    child: bool
    treated_as_child: bool
    foreign: bool
    first_name: str
    family_name: str
    locality: str
    mental_illness: bool


@dataclass
class Timeline:
    """The custody spell in local wall time; `end` is when the spell stopped being remand."""

    arrival: datetime
    first_appearance: datetime | None
    admission: datetime
    status: CustodyStatus
    stage: ProcedureStage
    released: datetime | None = None
    release_reason: ReleaseReason | None = None
    judgment: datetime | None = None
    sentence_months: int | None = None
    trial_started: datetime | None = None
    orders: list[tuple[datetime, int]] = field(default_factory=list)
    lapsed: bool = False
    next_hearing: datetime | None = None
    next_purpose: str | None = None


class CaseBuilder:
    """Draws cases for a world of facilities and providers, one batch at a time."""

    def __init__(self, world: World, stamp: Stamp, as_of: date) -> None:
        self.world = world
        self.stamp = stamp
        self.rng = stamp.rng
        self.as_of = as_of
        self.base = datetime.combine(as_of, time())  # the start of the as-of day, local time
        self._offences: dict[tuple[str, str], Weighted[OffenceSpec]] = {}
        self._pools: dict[tuple[int, ProviderKind], list[ProviderRef]] = {}
        self._provider_names = {p.id: p.name for ref in world.facilities
                                for p in (*ref.lawyers, *ref.paralegals, *ref.students)}
        self._fixed_offsets = {ref.zone: fixed_offset(ref.zone, as_of) for ref in world.facilities}

    # -- the batch ---------------------------------------------------------------------------

    def batch(self, size: int, next_case_number: Callable[[int], int]) -> list[CaseBundle]:
        """`size` cases, built in the order of their arrest so numbers rise with dates."""
        skeletons = [self._skeleton() for _ in range(size)]
        skeletons.sort(key=lambda s: s.arrest_utc)
        return [self._case(s, next_case_number) for s in skeletons]

    def _skeleton(self) -> Skeleton:
        rng = self.rng
        ref = self.world.picker.pick(rng)
        kind = ref.spec.kind
        if kind is FacilityKind.POLICE_STATION:
            hours = 2 + rng.random() * 70 if rng.random() < 0.85 else 72 + rng.random() * 168
            arrest = (self.base - timedelta(hours=hours)).replace(second=0, microsecond=0)
        else:
            if kind is FacilityKind.CHILD_DETENTION:
                days = min(400, 4 + int(rng.expovariate(1 / 70)))
            else:
                r = rng.random()
                low, high = ((4, 14) if r < 0.12 else (15, 120) if r < 0.40 else
                             (121, 540) if r < 0.75 else (541, 1095))
                days = between(low, high, rng)
            arrest = self.base - days * DAY + ARREST_HOURS.pick(rng) * HOUR + rng.randrange(60) * MINUTE
        return Skeleton(ref, arrest, self._utc(arrest, ref.zone))

    def _utc(self, local: datetime, zone: ZoneInfo) -> datetime:
        offset = self._fixed_offsets.get(zone)
        if offset is not None:
            return (local - offset).replace(tzinfo=UTC)
        return local.replace(tzinfo=zone).astimezone(UTC)

    # -- one case ----------------------------------------------------------------------------

    def _case(self, sk: Skeleton, next_case_number: Callable[[int], int]) -> CaseBundle:
        rng, ref, rec = self.rng, sk.facility, self.stamp.record
        spec = ref.spec
        person, who = self._person(ref, sk)
        charges_specs = self._charges(ref, who)
        lead = charges_specs[0]
        tl = self._timeline(ref, sk, who, lead)
        court = self._court(ref, lead, tl)
        lower = pick(ref.lower_courts, rng)
        offence_date = sk.arrest.date() - (0 if rng.random() < 0.75 else between(1, 3, rng)) * DAY
        events = self._events(ref, sk, tl, lower, court, who)
        hearings = self._hearings(ref, tl, court, who)
        request = self._request(ref, sk, tl, person, who, lead, offence_date)
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
        opened = max(sk.arrest.date(), min(opened, self.as_of - DAY, closed_on or opened))

        year = opened.year
        police_number = police_case_number(spec.jurisdiction, between(1, 4999, rng), sk.arrest.date()) \
            if rng.random() < 0.9 else None
        court_number = court_case_number(spec.jurisdiction, court.code, court.higher, between(1, 4999, rng),
                                         (tl.first_appearance or sk.arrest).year) \
            if tl.first_appearance is not None and rng.random() < 0.95 else None
        summary = pick(tx.CASE_SUMMARIES, rng).format(
            offence=lead.wording(spec.jurisdiction).lower(), locality=who.locality,
            date=offence_date.isoformat())
        case = Case(**rec(), case_ref=format_case_ref(year, next_case_number(year)),
                    client_person_id=UNLINKED, status=status, stage=tl.stage,
                    court_id=court.id if tl.first_appearance is not None else None,
                    court_case_number=court_number, police_case_number=police_number,
                    offence_date=offence_date, opened_on=opened, closed_on=closed_on, outcome=outcome,
                    summary=summary)
        custody = self._custody(ref, sk, tl, who, lead, lower, person)
        charges = [self._charge(ref, spec_) for spec_ in charges_specs]
        assignments = self._assignments(ref, opened, closed_on, request, granted, who)
        notes = self._notes(ref, opened, tl, assignments, lower, who, lead)
        return CaseBundle(
            person=person, case=case, party=Party(**rec(), case_id=UNLINKED, person_id=UNLINKED,
                                                  role=PartyRole.CLIENT),
            custody=custody, charges=charges, events=events, hearings=hearings, notes=notes,
            assignments=assignments, dependants=self._dependants(ref, who), request=request,
            request_opened_case=granted)

    # -- the person --------------------------------------------------------------------------

    def _person(self, ref: FacilityRef, sk: Skeleton) -> tuple[Person, Who]:
        rng, spec, profile = self.rng, ref.spec, ref.profile
        child = spec.kind is FacilityKind.CHILD_DETENTION or rng.random() < 0.03
        if spec.women_only:
            sex = Sex.FEMALE
        else:
            r = rng.random()
            female_share = 0.15 if child else 0.045
            sex = (Sex.FEMALE if r < female_share else Sex.OTHER if r < female_share + 0.002
                   else Sex.UNKNOWN if r < female_share + 0.004 else Sex.MALE)
        female = sex is Sex.FEMALE
        culture, nationalities = ref.cultures.pick(rng)
        nationality = pick(nationalities, rng)
        foreign = nationality != profile.demonym
        parts = pick_name(culture, Sex.FEMALE if female else Sex.MALE, rng)
        full_name = " ".join(parts)
        other_names = None
        if culture.translit and rng.random() < 0.75:
            other_names = " ".join(culture.translit.get(p, p) for p in parts)

        arrested_on = sk.arrest.date()
        if child:
            age = CHILD_AGES.pick(rng)
        else:
            r = rng.random()
            low, high = ((18, 25) if r < 0.35 else (26, 35) if r < 0.70 else (36, 50) if r < 0.92
                         else (51, 78))
            age = between(low, high, rng)
        born = arrested_on - timedelta(days=int(age * 365.25) + rng.randrange(365))
        date_of_birth: date | None = None
        age_estimate: int | None = None
        estimate_on: date | None = None
        disputed = False
        r = rng.random()
        known_share = 0.4 if child else 0.72
        if r < known_share:
            date_of_birth = born
            source = AgeSource.DOCUMENT if rng.random() < 0.6 else AgeSource.DECLARATION
        elif r < 0.985 or child:
            age_estimate = max(0, age + between(-2, 2, rng)) if not child else age
            estimate_on = arrested_on
            source = AgeSource.MEDICAL_ESTIMATE if rng.random() < (0.6 if child else 0.4) \
                else AgeSource.DECLARATION
            disputed = (child or age < 20) and rng.random() < 0.25
        else:
            source = AgeSource.UNKNOWN

        groups: list[str] = []
        if female:
            groups.append(PriorityGroup.WOMAN)
        if child:
            groups.append(PriorityGroup.CHILD)
        if age >= 60:
            groups.append(PriorityGroup.OLDER_PERSON)
        if foreign:
            groups.append(PriorityGroup.FOREIGN_NATIONAL)
            if nationality in REFUGEE_NATIONALITIES:
                r = rng.random()
                if r < 0.4:
                    groups.append(PriorityGroup.REFUGEE)
                elif r < 0.55:
                    groups.append(PriorityGroup.ASYLUM_SEEKER)
            elif rng.random() < 0.3:
                groups.append(PriorityGroup.MIGRANT)
        mental_illness = rng.random() < 0.03
        for group, share in ((PriorityGroup.DISABILITY, 0.02), (PriorityGroup.HIV, 0.02),
                             (PriorityGroup.DRUG_USER, 0.03), (PriorityGroup.INTERNALLY_DISPLACED, 0.005),
                             (PriorityGroup.STATELESS, 0.002)):
            if rng.random() < share:
                groups.append(group)
        if mental_illness:
            groups.append(PriorityGroup.MENTAL_ILLNESS)

        languages = [culture.languages[0]]
        for language in (*culture.languages[1:], *(() if foreign else profile.lingua_franca)):
            if language not in languages and len(languages) < 3 and rng.random() < 0.5:
                languages.append(language)

        identity: str | None = None
        r = rng.random()
        if foreign:
            if PriorityGroup.REFUGEE in groups and r < 0.6:
                identity = fill("Refugee ID ########", rng)
            elif r < 0.35:
                identity = fill("Passport AA#######", rng)
        elif r < (0.1 if child else 0.55):
            identity = (south_african_id(born, female, rng) if profile.identity == "ZA-ID"
                        else fill(profile.identity, rng))

        locality = pick(ref.localities, rng)
        relation = pick(RELATIONS, rng)
        contact = None
        if rng.random() < 0.45:
            contact_name = " ".join(pick_name(culture, Sex.FEMALE if rng.random() < 0.6 else Sex.MALE, rng))
            contact = f"{relation}: {contact_name}, {fill(profile.phone, rng)}"
        person = Person(
            **self.stamp.record(), full_name=full_name, other_names=other_names, sex=sex,
            gender_identity="non-binary" if sex is Sex.OTHER else None,
            date_of_birth=date_of_birth, age_estimate=age_estimate, age_estimate_on=estimate_on,
            age_source=source, age_disputed=disputed, nationality=nationality,
            languages=", ".join(languages), identity_number=identity, priority_groups=groups,
            phone=fill(profile.phone, rng) if rng.random() < 0.1 else None,
            address=f"{locality}, {ref.spec.city}" if rng.random() < 0.7 else None,
            emergency_contact=contact)
        who = Who(culture=culture, female=female, child=child,
                  treated_as_child=person.is_child_at(arrested_on), foreign=foreign,
                  first_name=parts[0], family_name=parts[-1], locality=locality,
                  mental_illness=mental_illness)
        return person, who

    def _dependants(self, ref: FacilityRef, who: Who) -> list[Dependant]:
        rng = self.rng
        if not who.female or who.child or rng.random() < 0.55:
            return []
        out = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            age = between(0, 16, rng)
            son = rng.random() < 0.5
            given = who.culture.given_male if son else who.culture.given_female
            with_mother = age <= 3 and rng.random() < 0.4  # Bangkok Rules: babies may stay with her
            whereabouts = tx.DEPENDANT_WHEREABOUTS[1 if with_mother else rng.choice((0, 0, 0, 2, 3))]
            out.append(Dependant(
                **self.stamp.record(), person_id=UNLINKED,
                name=f"{pick(given, rng)} {who.family_name}", age=age,
                relationship=tx.DEPENDANT_RELATIONS[0 if son else 1],
                whereabouts=whereabouts.format(relation=RELATIONS[rng.randrange(2, 10)].lower(),
                                               locality=who.locality, facility=ref.spec.name),
                carer=pick(tx.CARERS, rng)))
        return out

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
        rng = self.rng
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
        return Charge(**self.stamp.record(), case_id=UNLINKED, offence=offence.wording(jurisdiction),
                      offence_class=offence.offence_class(jurisdiction),
                      statute=statute_for(offence, jurisdiction, ref.spec.region),
                      max_sentence_months=None if maximum == LIFE else maximum,
                      max_sentence_life=maximum == LIFE, capital=offence.capital(jurisdiction),
                      first_offender=self.rng.random() < 0.6)

    def _court(self, ref: FacilityRef, lead: OffenceSpec, tl: Timeline) -> CourtRef:
        rng = self.rng
        later = tl.stage in (ProcedureStage.TRIAL, ProcedureStage.SENTENCING, ProcedureStage.APPEAL)
        courts = ref.higher_courts if lead.high_court and (later or rng.random() < 0.6) else ref.lower_courts
        return pick(courts, rng)

    # -- the custody spell -------------------------------------------------------------------

    def _remand_days(self, ref: FacilityRef, lead: OffenceSpec) -> int:
        if ref.spec.jurisdiction == "GB-EAW" and lead.gb_class == "indictable":
            return 28
        return ref.profile.remand_days

    def _timeline(self, ref: FacilityRef, sk: Skeleton, who: Who, lead: OffenceSpec) -> Timeline:
        rng, base = self.rng, self.base
        arrest = sk.arrest
        arrival = min(arrest + between(20, 150, rng) * MINUTE, base - 5 * MINUTE)
        if ref.spec.kind is FacilityKind.POLICE_STATION:
            tl = Timeline(arrival=arrival, first_appearance=None, admission=arrival,
                          status=CustodyStatus.UNTRIED, stage=ProcedureStage.POLICE)
            if rng.random() < 0.15:
                released = arrival + between(4, 48, rng) * HOUR
                if released < base:
                    tl.status, tl.released = CustodyStatus.RELEASED, released
                    tl.release_reason = POLICE_RELEASES.pick(rng)
                    tl.next_hearing = next_weekday(base + between(7, 28, rng) * DAY + 9 * HOUR)
                    tl.next_purpose = "plea"
            if tl.released is None:
                tl.next_hearing = next_weekday(base + DAY + 9 * HOUR)
                tl.next_purpose = tx.PURPOSE_BY_STAGE["police"]
            return tl

        r = rng.random()
        delay = 1 if r < 0.65 else between(2, 3, rng) if r < 0.87 else between(4, 14, rng)
        first = next_weekday(datetime.combine(arrest.date() + delay * DAY, time(9, 30))
                             + rng.randrange(180) * MINUTE)
        if first >= base - DAY:
            first = previous_weekday(datetime.combine(base.date() - DAY, time(10, 0)))
        if first <= arrival:
            first = arrival + 3 * HOUR
        admission = first + between(3, 8, rng) * HOUR + rng.randrange(60) * MINUTE
        tl = Timeline(arrival=arrival, first_appearance=first, admission=admission,
                      status=CustodyStatus.UNTRIED, stage=ProcedureStage.PRE_TRIAL)
        since_first = (base - first).days
        days = (base - arrest).days
        r = rng.random()
        if ref.spec.kind is FacilityKind.CHILD_DETENTION or days < 60:
            release_share, convicted = (0.2 if ref.spec.kind is FacilityKind.CHILD_DETENTION else 0.12), False
        else:
            release_share, convicted = 0.16, True
        if r < release_share and since_first >= 2:
            tl.status = CustodyStatus.RELEASED
            tl.released = first + between(1, since_first - 1, rng) * DAY + between(13, 18, rng) * HOUR
            tl.release_reason = RELEASES.pick(rng)
        elif convicted and r < release_share + 0.16:
            self._convict(tl, r - release_share, lead)
        end = tl.judgment or tl.released
        self._orders(tl, first, end, self._remand_days(ref, lead))
        if (tl.status is CustodyStatus.UNTRIED and since_first > 180 and rng.random() < 0.35):
            tl.trial_started = previous_weekday(first + between(120, since_first - 1, rng) * DAY)
            tl.stage = ProcedureStage.TRIAL
        self._next_hearing(tl)
        return tl

    def _convict(self, tl: Timeline, r: float, lead: OffenceSpec) -> None:
        """Convicted awaiting sentence, sentenced with an appeal pending, or sentenced."""
        rng, base = self.rng, self.base
        assert tl.first_appearance is not None
        if r < 0.05:
            status, stage, back, gap = (CustodyStatus.CONVICTED_AWAITING_SENTENCE, ProcedureStage.SENTENCING,
                                        between(3, 60, rng), 30)
        elif r < 0.09:
            status, stage, back, gap = (CustodyStatus.SENTENCED_APPEAL_PENDING, ProcedureStage.APPEAL,
                                        between(30, 400, rng), 60)
        else:
            status, stage, back, gap = (CustodyStatus.SENTENCED, ProcedureStage.SENTENCING,
                                        between(7, 600, rng), 45)
        judgment = previous_weekday(datetime.combine(base.date() - back * DAY, time(11, 0)))
        if judgment <= tl.first_appearance + gap * DAY:
            return
        tl.status, tl.stage, tl.judgment = status, stage, judgment
        if status is not CustodyStatus.CONVICTED_AWAITING_SENTENCE:
            maximum = lead.max_months if lead.max_months != LIFE else 240
            tl.sentence_months = max(3, min(maximum, rng.randrange(6, 121, 6)))

    def _orders(self, tl: Timeline, first: datetime, end: datetime | None, days: int) -> None:
        """The first remand order, then the last few before the spell's end (or before today)."""
        rng, base = self.rng, self.base
        tl.orders.append((first, days))
        if end is None:
            if rng.random() < 0.06:
                last = base - (days + between(2, 40, rng)) * DAY
                tl.lapsed = True
            else:
                last = base - between(1, max(1, days - 1), rng) * DAY
        else:
            last = end - between(1, days, rng) * DAY
        current = previous_weekday(datetime.combine(last.date(), time(10, 0)) + rng.randrange(180) * MINUTE)
        later: list[tuple[datetime, int]] = []
        wanted = between(1, 3, rng)
        while current > first + DAY and len(later) < wanted and (end is None or current < end):
            later.append((current, days))
            current = previous_weekday(current - (days + between(0, 4, rng)) * DAY)
        tl.orders.extend(reversed(later))

    def _next_hearing(self, tl: Timeline) -> None:
        rng, base = self.rng, self.base
        if tl.status is CustodyStatus.UNTRIED and not tl.lapsed:
            at, days = tl.orders[-1]
            when = next_weekday(datetime.combine(at.date() + days * DAY, time(9, 30)))
            if when > base:
                tl.next_hearing = when
                tl.next_purpose = (tx.PURPOSE_BY_STAGE["trial"] if tl.stage is ProcedureStage.TRIAL
                                   else pick(tx.PURPOSES_PRE_TRIAL, rng))
        elif tl.status is CustodyStatus.CONVICTED_AWAITING_SENTENCE:
            tl.next_hearing = next_weekday(base + between(3, 30, rng) * DAY + 10 * HOUR)
            tl.next_purpose = tx.PURPOSE_BY_STAGE["sentencing"]
        elif tl.status is CustodyStatus.SENTENCED_APPEAL_PENDING and rng.random() < 0.6:
            tl.next_hearing = next_weekday(base + between(10, 120, rng) * DAY + 10 * HOUR)
            tl.next_purpose = tx.PURPOSE_BY_STAGE["appeal"]
        elif tl.release_reason in STILL_OPEN and rng.random() < 0.75:
            tl.next_hearing = next_weekday(base + between(5, 60, rng) * DAY + 9 * HOUR)
            tl.next_purpose = "hearing"

    def _custody(self, ref: FacilityRef, sk: Skeleton, tl: Timeline, who: Who, lead: OffenceSpec,
                 lower: CourtRef, person: Person) -> Custody:
        rng, spec, zone = self.rng, ref.spec, ref.zone
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
        admitted = tl.admission.date()
        serial = ref.register_serial(0 if spec.style == "noms" else admitted.year)
        number = register_number(spec.style, spec.code, serial, admitted, who.female)
        return Custody(
            **self.stamp.record(), person_id=UNLINKED, case_id=UNLINKED, facility_id=ref.id,
            register_number=number, status=tl.status, arrest_at=sk.arrest_utc,
            arrest_place=f"{who.locality}, {spec.city}", admission_at=self._utc(tl.admission, zone),
            released_at=self._utc(tl.released, zone) if tl.released is not None else None,
            release_reason=tl.release_reason, commitment_reason=reason, committing_authority=authority,
            injuries_observed=pick(tx.INJURIES, rng) if rng.random() < 0.04 else None,
            ill_treatment_complaint=pick(tx.ILL_TREATMENT, rng)
            if rng.random() < (0.04 if police else 0.015) else None,
            property_held=pick(tx.PROPERTY, rng).format(
                currency=ref.profile.currency, cash=f"{cash:,}") if rng.random() < 0.35 else None,
            time_zone=spec.time_zone)

    def _events(self, ref: FacilityRef, sk: Skeleton, tl: Timeline, lower: CourtRef, court: CourtRef,
                who: Who) -> list[CustodyEvent]:
        rng, zone, rec = self.rng, ref.zone, self.stamp.record
        jurisdiction = ref.spec.jurisdiction
        out = [CustodyEvent(**rec(), custody_id=UNLINKED, type=EventType.ARREST, at=sk.arrest_utc),
               CustodyEvent(**rec(), custody_id=UNLINKED, type=EventType.POLICE_STATION_ARRIVAL,
                            at=self._utc(tl.arrival, zone))]

        def event(kind: EventType, at: datetime, *, days: int | None = None, court_id: int | None = None,
                  notes: str | None = None) -> None:
            out.append(CustodyEvent(**rec(), custody_id=UNLINKED, type=kind, at=self._utc(at, zone),
                                    days=days, court_id=court_id, notes=notes))

        first = tl.first_appearance
        end = tl.judgment or tl.released or self.base
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
        rng, zone, rec = self.rng, ref.zone, self.stamp.record
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
                               scheduled_at=self._utc(at, zone), purpose=purpose, outcome=outcome,
                               next_date=next_date))
        if tl.next_hearing is not None:
            out.append(Hearing(**rec(), case_id=UNLINKED, court_id=court.id,
                               scheduled_at=self._utc(tl.next_hearing, zone), purpose=tl.next_purpose))
        return out

    # -- legal aid ---------------------------------------------------------------------------

    def _request(self, ref: FacilityRef, sk: Skeleton, tl: Timeline, person: Person, who: Who,
                 lead: OffenceSpec, offence_date: date) -> LegalAidRequest | None:
        rng, base, spec, profile = self.rng, self.base, ref.spec, ref.profile
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
        held_days = (base - sk.arrest).days
        if police or held_days > 180:
            index = 2 if police else 1
            urgency = tx.GROUND_TEXTS["urgency"][index].format(facility=spec.name, days=held_days)
            grounds.append(GroundClaim(InterestsOfJusticeGround.URGENCY, urgency))
        if rng.random() < 0.12:
            texts = tx.GROUND_TEXTS["complexity"]
            grounds.append(GroundClaim(InterestsOfJusticeGround.COMPLEXITY, pick(texts, rng)))

        request = LegalAidRequest(
            **self.stamp.record(), person_id=UNLINKED, received_at=self._utc(received, ref.zone),
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
        if decided >= self.as_of or (received > base - 3 * DAY and rng.random() < 0.5):
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
                if lodged < self.as_of:
                    request.appeal_lodged_on = lodged
                    r = rng.random()
                    request.appeal_outcome = (AppealOutcome.PENDING if r < 0.5 else AppealOutcome.UPHELD
                                              if r < 0.75 else AppealOutcome.DISMISSED)
        request.check()
        return request

    # -- who acts ----------------------------------------------------------------------------

    def _pool(self, ref: FacilityRef, kind: ProviderKind) -> list[ProviderRef]:
        key = (ref.id, kind)
        if key not in self._pools:
            self._pools[key] = provider_pool(self.world, ref, kind)
        return self._pools[key]

    def _assignments(self, ref: FacilityRef, opened: date, closed_on: date | None,
                     request: LegalAidRequest | None, granted: bool, who: Who) -> list[Assignment]:
        rng, zone, rec = self.rng, ref.zone, self.stamp.record
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
        pool = self._pool(ref, lead_kind)
        if not pool:
            return out
        role = "lead" if lead_kind is ProviderKind.LAWYER else "paralegal"
        first = pick(pool, rng)
        days_open = ((end.date() if end else self.as_of) - opened).days
        if days_open > 30 and rng.random() < 0.05:
            handover = start + between(10, days_open - 1, rng) * DAY
            out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=first.id, role=role,
                                  started_at=self._utc(start, zone), ended_at=self._utc(handover, zone),
                                  reason=reason,
                                  end_reason=pick(tx.END_REASONS, rng)))
            first, start = pick(pool, rng), handover
        ended = self._utc(end, zone) if end is not None else None
        out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=first.id, role=role,
                              started_at=self._utc(start, zone), ended_at=ended, reason=reason,
                              end_reason=tx.CASE_CLOSED if end is not None else None))
        if lead_kind is ProviderKind.LAWYER and rng.random() < 0.2:
            support_kind = ProviderKind.LAW_STUDENT if rng.random() < 0.25 else ProviderKind.PARALEGAL
            support = self._pool(ref, support_kind)
            if support:
                helper = pick(support, rng)
                student = support_kind is ProviderKind.LAW_STUDENT
                out.append(Assignment(**rec(), case_id=UNLINKED, provider_id=helper.id,
                                      role="student" if student else "support",
                                      started_at=self._utc(min(start + 30 * MINUTE, end or self.base), zone),
                                      ended_at=ended,
                                      reason="Supports the lead lawyer",
                                      end_reason=tx.CASE_CLOSED if end is not None else None))
        return out

    def _notes(self, ref: FacilityRef, opened: date, tl: Timeline, assignments: list[Assignment],
               lower: CourtRef, who: Who, lead: OffenceSpec) -> list[Note]:
        rng, zone, rec, base = self.rng, ref.zone, self.stamp.record, self.base
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
            return [Note(**rec(), case_id=UNLINKED, kind=NoteKind.VISIT, at=self._utc(at, zone),
                         author=tx.SCREENING_AUTHOR, text=tx.SCREENING_NOTE.format(**values),
                         minutes_spent=rng.randrange(10, 35, 5))]
        writer = pick(assignments, rng).provider_id
        author = self._provider_names.get(writer, tx.SCREENING_AUTHOR)
        count = min(4, between(0, 1 + span // 90, rng))
        out = []
        for when in sorted(between(0, span, rng) for _ in range(count)):
            kind = NOTE_KINDS.pick(rng)
            texts, minutes = {
                NoteKind.VISIT: (tx.VISIT_NOTES, rng.randrange(20, 125, 5)),
                NoteKind.CALL: (tx.CALL_NOTES, rng.randrange(5, 25, 5)),
                NoteKind.COURT_ATTENDANCE: (tx.COURT_NOTES, rng.randrange(60, 300, 15)),
                NoteKind.LETTER: (tx.LETTER_NOTES, rng.randrange(15, 50, 5)),
            }[kind]
            relation = RELATIONS[rng.randrange(10)].lower()
            text = pick(texts, rng).format(relation=relation, **values)
            at = start + when * DAY + rng.randrange(480) * MINUTE
            out.append(Note(**rec(), case_id=UNLINKED, kind=kind, at=self._utc(min(at, end), zone),
                            author=author, text=text, minutes_spent=minutes))
        return out
