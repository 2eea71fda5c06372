"""A demo custody spell in time: arrival, first appearance, status, remand orders, the next hearing.

Most people are held untried, some for years; some are convicted or sentenced, some released
(bail most often). Remand orders keep the first one and the last few; now and then the last
order has lapsed without a new one, as happens when someone is not produced in court.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from legalaid_desktop.domain.vocab import (
    CaseOutcome,
    CustodyStatus,
    FacilityKind,
    ProcedureStage,
    ReleaseReason,
)
from legalaid_desktop.services import demo_texts as tx
from legalaid_desktop.services.demo_offences import LIFE, OffenceSpec
from legalaid_desktop.services.demo_time import DAY, HOUR, MINUTE, Draw, next_weekday, previous_weekday
from legalaid_desktop.services.demo_world import FacilityRef, Weighted, between, pick

RELEASES: Weighted[ReleaseReason] = Weighted([
    (ReleaseReason.BAIL, 50), (ReleaseReason.CHARGES_DROPPED, 14), (ReleaseReason.ACQUITTAL, 10),
    (ReleaseReason.TIME_LIMIT, 8), (ReleaseReason.NON_CUSTODIAL_MEASURE, 10), (ReleaseReason.OTHER, 6),
    (ReleaseReason.TRANSFER_OUT, 2)])
POLICE_RELEASES: Weighted[ReleaseReason] = Weighted([
    (ReleaseReason.BAIL, 60), (ReleaseReason.CHARGES_DROPPED, 25), (ReleaseReason.OTHER, 15)])
STILL_OPEN = {ReleaseReason.BAIL: CaseOutcome.BAIL, ReleaseReason.TIME_LIMIT: CaseOutcome.TIME_LIMIT_RELEASE}


@dataclass
class Timeline:
    """The custody spell in local wall time."""

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


def remand_days(ref: FacilityRef, lead: OffenceSpec) -> int:
    """The usual length of a remand order there (after sending for trial in England and Wales)."""
    if ref.spec.jurisdiction == "GB-EAW" and lead.gb_class == "indictable":
        return 28
    return ref.profile.remand_days


def draw_timeline(d: Draw, ref: FacilityRef, arrest: datetime, lead: OffenceSpec) -> Timeline:
    """Arrival, first appearance, admission, status, remand orders and the next hearing."""
    rng, base = d.rng, d.base
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
        _convict(d, tl, r - release_share, lead)
    end = tl.judgment or tl.released
    _orders(d, tl, first, end, remand_days(ref, lead))
    if (tl.status is CustodyStatus.UNTRIED and since_first > 180 and rng.random() < 0.35):
        tl.trial_started = previous_weekday(first + between(120, since_first - 1, rng) * DAY)
        tl.stage = ProcedureStage.TRIAL
    _next_hearing(d, tl)
    return tl


def _convict(d: Draw, tl: Timeline, r: float, lead: OffenceSpec) -> None:
    """Convicted awaiting sentence, sentenced with an appeal pending, or sentenced."""
    rng, base = d.rng, d.base
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


def _orders(d: Draw, tl: Timeline, first: datetime, end: datetime | None, days: int) -> None:
    """The first remand order, then the last few before the spell's end (or before today)."""
    rng, base = d.rng, d.base
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


def _next_hearing(d: Draw, tl: Timeline) -> None:
    rng, base = d.rng, d.base
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
