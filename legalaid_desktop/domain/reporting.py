"""What reports take: frozen DTOs that services fill from the database, their tables, and redaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from statistics import quantiles
from typing import TypeVar, overload

Cell = str | int | float | date | datetime | None
"""A plain value of an exported table (CSV and XLSX writers format it)."""

LAYERS = ("national", "benchmark")
DEADLINE_STATUSES = ("open", "met", "breached", "overdue", "not_applicable")
GROUPINGS = ("provider", "facility", "region")
TREND_UNITS = ("week", "month")
SHARED_ROLES = ("client", "co_accused", "former_client")
"""Party roles whose names stay when a report is redacted: the people the office acts for or against."""


@dataclass(frozen=True)
class TableData:
    """A report's table as plain values: `header` holds stable column keys, translated where shown."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ReportMeta:
    """What every report page says about the report itself: who made it, when, from what filters.

    `audit_hash` is the hash of the audit entry that records the report, printed on every page: a
    later `legalaid audit verify --head HASH` proves the log was not rewritten since the report.
    """

    title: str
    organisation: str
    generated_at: datetime
    filters: tuple[tuple[str, str], ...] = ()
    author: str = ""
    subject: str = ""
    redacted: bool = False
    low_ink: bool = False
    audit_hash: str = ""


# --- Case summary -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonSummary:
    """The client. `age` is on the report's as-of date; `is_child` gives a child the benefit of the doubt."""

    full_name: str
    sex: str
    date_of_birth: date | None = None
    age: int | None = None
    is_child: bool = False
    identity_number: str | None = None
    nationality: str | None = None
    languages: str | None = None
    priority_groups: tuple[str, ...] = ()
    contact: str | None = None


@dataclass(frozen=True)
class CustodyEventLine:
    at: datetime
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class CustodySpellSummary:
    """One detention spell; `days_held` is computed by the service (to release, or to the as-of date)."""

    facility: str
    register_number: str | None
    status: str
    start: datetime
    released_at: datetime | None
    release_reason: str | None
    days_held: int
    events: tuple[CustodyEventLine, ...] = ()


@dataclass(frozen=True)
class DeadlineLine:
    """A deadline as the engine computed it; `due` is None when the rule does not apply."""

    kind: str
    rule: str
    layer: str
    due: datetime | None
    due_date: date | None
    status: str
    met_at: datetime | None
    citation: str
    verification: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class ChargeLine:
    offence: str
    statute: str | None = None
    offence_class: str | None = None
    charged_on: date | None = None


@dataclass(frozen=True)
class HearingLine:
    at: datetime
    court: str
    purpose: str = ""
    outcome: str | None = None


@dataclass(frozen=True)
class AssignmentLine:
    provider: str
    role: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class GroundLine:
    ground: str
    justification: str = ""


@dataclass(frozen=True)
class DecisionSummary:
    decision: str
    decided_on: date | None = None
    means_test: str = ""
    grounds: tuple[GroundLine, ...] = ()
    appeal: str | None = None


@dataclass(frozen=True)
class NoteLine:
    at: datetime
    author: str
    kind: str
    text: str


@dataclass(frozen=True)
class PartyLine:
    """Someone else in the case. `restricted` marks a person whose identity is protected (a protected
    witness, say): redaction hides their name whatever their role."""

    name: str
    role: str
    is_child: bool = False
    restricted: bool = False
    contact: str | None = None


@dataclass(frozen=True)
class CaseSummaryData:
    """One case for the lawyer's file or the court, as of `as_of`."""

    case_ref: str
    as_of: datetime
    person: PersonSummary
    stage: str = ""
    status: str = ""
    opened_on: date | None = None
    custody: tuple[CustodySpellSummary, ...] = ()
    deadlines: tuple[DeadlineLine, ...] = ()
    charges: tuple[ChargeLine, ...] = ()
    hearings: tuple[HearingLine, ...] = ()
    assignments: tuple[AssignmentLine, ...] = ()
    decision: DecisionSummary | None = None
    notes: tuple[NoteLine, ...] = ()
    parties: tuple[PartyLine, ...] = ()

    def table(self) -> TableData:
        """The deadlines: the part of a case summary that is a table by nature."""
        return TableData(
            ("case_ref", "kind", "rule", "layer", "due", "due_date", "status", "met_at", "citation",
             "verification"),
            tuple((self.case_ref, d.kind, d.rule, d.layer, d.due, d.due_date, d.status, d.met_at, d.citation,
                   d.verification) for d in self.deadlines))


# --- Overstay list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverstayRow:
    """Someone past a limit (`days_over` > 0) or close to one (`days_over` <= 0 is days left, negated),
    counted as domain.lateness counts them; `hours_over` (negative before the limit) says how late on
    the day it fell due."""

    full_name: str
    register_number: str | None
    limit: str
    due_date: date
    days_over: int
    citation: str
    is_child: bool = False
    case_ref: str | None = None
    hours_over: int | None = None

    @property
    def is_overdue(self) -> bool:
        """Past the limit: on a later day, or on its own day once its hour has passed."""
        return self.days_over > 0 or (self.days_over == 0 and self.hours_over is not None
                                      and self.hours_over >= 0)


@dataclass(frozen=True)
class OverstayData:
    """One facility's overstay sheet; rows are kept sorted, longest overstay first."""

    facility: str
    as_of: date
    within_days: int
    rows: tuple[OverstayRow, ...] = ()

    def __post_init__(self) -> None:
        # The sheet is read from the top at a committee meeting: the order is part of the contract.
        object.__setattr__(self, "rows", tuple(sorted(
            self.rows, key=lambda r: (-r.days_over, r.due_date, -(r.hours_over or 0),
                                      r.full_name.casefold()))))

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.is_overdue)

    def table(self) -> TableData:
        return TableData(
            ("full_name", "register_number", "case_ref", "limit", "due_date", "days_over", "citation",
             "action_taken"),
            tuple((r.full_name, r.register_number, r.case_ref, r.limit, r.due_date, r.days_over,
                   r.citation, "") for r in self.rows))


# --- Caseload ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadGroup:
    """One provider, facility or region over the period. `capacity` is open cases it can carry."""

    name: str
    open_cases: int
    new_requests: int
    decisions: int
    releases: tuple[tuple[str, int], ...] = ()
    overdue: int = 0
    due_soon: int = 0
    capacity: int | None = None

    @property
    def released(self) -> int:
        return sum(n for _, n in self.releases)

    @property
    def load(self) -> float | None:
        """Open cases as a share of capacity; None when no capacity is set."""
        return self.open_cases / self.capacity if self.capacity else None


@dataclass(frozen=True)
class TrendPoint:
    start: date
    label: str
    new_requests: int
    open_cases: int
    releases: int


@dataclass(frozen=True)
class CaseloadData:
    """Caseload over [period_start, period_end], grouped by `group_by` (provider, facility or region)."""

    period_start: date
    period_end: date
    group_by: str
    groups: tuple[CaseloadGroup, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    trend_unit: str = "week"
    due_soon_days: int = 7
    release_reasons: tuple[str, ...] = ("bail", "acquittal", "time_limit", "charges_dropped")
    definitions: tuple[str, ...] = ()
    """What each figure counts, as the service that filled them decided; printed with the report."""
    unattributed: str | None = None
    """The name of the group holding what has no provider, facility or region: left out of charts."""

    def __post_init__(self) -> None:
        if self.group_by not in GROUPINGS:
            raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}, not {self.group_by!r}")
        if self.trend_unit not in TREND_UNITS:
            raise ValueError(f"trend_unit must be one of {', '.join(TREND_UNITS)}, not {self.trend_unit!r}")

    def reasons(self) -> tuple[str, ...]:
        """Release reasons to show as columns: the usual ones, then any other that occurs."""
        extra = sorted({r for g in self.groups for r, _ in g.releases} - set(self.release_reasons))
        return self.release_reasons + tuple(extra)

    def totals(self) -> CaseloadGroup:
        by_reason: dict[str, int] = {}
        for g in self.groups:
            for reason, n in g.releases:
                by_reason[reason] = by_reason.get(reason, 0) + n
        capacities = [g.capacity for g in self.groups if g.capacity]
        return CaseloadGroup(
            name="total", open_cases=sum(g.open_cases for g in self.groups),
            new_requests=sum(g.new_requests for g in self.groups),
            decisions=sum(g.decisions for g in self.groups),
            releases=tuple(by_reason.items()), overdue=sum(g.overdue for g in self.groups),
            due_soon=sum(g.due_soon for g in self.groups), capacity=sum(capacities) if capacities else None)

    def table(self) -> TableData:
        reasons = self.reasons()
        rows = []
        for g in (*self.groups, self.totals()):
            released = dict(g.releases)
            rows.append((g.name, g.open_cases, g.new_requests, g.decisions,
                         *(released.get(r, 0) for r in reasons), g.released, g.overdue, g.due_soon,
                         g.capacity, None if g.load is None else round(g.load, 3)))
        return TableData((self.group_by, "open_cases", "new_requests", "decisions",
                          *(f"released_{r}" for r in reasons), "released", "overdue", "due_soon", "capacity",
                          "load"), tuple(rows))


# --- Statistics -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    """One category of a breakdown: legal aid recipients over the period, detainees on the census date."""

    label: str
    recipients: int
    detainees: int


@dataclass(frozen=True)
class Breakdown:
    """Counts by one dimension: sex, age_group, priority_group, facility or region.

    Priority groups overlap (a person can be in several), so their rows need not sum to the total.
    """

    dimension: str
    rows: tuple[CountRow, ...]


@dataclass(frozen=True)
class FirstContact:
    """Hours from arrest to first contact with a lawyer or paralegal, over the cases that had one."""

    hours: tuple[float, ...] = ()
    without_contact: int = 0

    @property
    def cases(self) -> int:
        return len(self.hours)

    def quartiles(self) -> tuple[float, float, float] | None:
        """(first quartile, median, third quartile); None below two cases (no spread to speak of)."""
        if len(self.hours) < 2:
            return None
        q1, median, q3 = quantiles(self.hours, n=4, method="inclusive")
        return q1, median, q3

    def within(self, hours: float) -> int:
        return sum(1 for h in self.hours if h <= hours)


@dataclass(frozen=True)
class SdgRow:
    """SDG 16.3.2 for one facility or group: unsentenced detainees over all detainees on the census date."""

    label: str
    unsentenced: int
    detainees: int

    @property
    def share(self) -> float | None:
        return self.unsentenced / self.detainees if self.detainees else None


@dataclass(frozen=True)
class StatisticsData:
    """Guideline 17 disaggregations over [period_start, period_end] and SDG 16.3.2 on `census_date`."""

    census_date: date
    period_start: date
    period_end: date
    recipients: int
    detainees: int
    breakdowns: tuple[Breakdown, ...] = ()
    first_contact: FirstContact = FirstContact()
    sdg_facilities: tuple[SdgRow, ...] = ()
    sdg_groups: tuple[SdgRow, ...] = ()
    definitions: tuple[str, ...] = ()
    """What each figure counts, as the service that filled them decided; printed with the report."""

    def sdg_total(self) -> SdgRow:
        return SdgRow("total", sum(r.unsentenced for r in self.sdg_facilities),
                      sum(r.detainees for r in self.sdg_facilities))

    def table(self) -> TableData:
        """Long format (measure, dimension, label, value): one table holds every figure of the report."""
        rows: list[tuple[Cell, ...]] = [("recipients", "total", "total", self.recipients),
                                        ("detainees", "total", "total", self.detainees)]
        for b in self.breakdowns:
            for r in b.rows:
                rows.append(("recipients", b.dimension, r.label, r.recipients))
                rows.append(("detainees", b.dimension, r.label, r.detainees))
        fc = self.first_contact
        rows.append(("first_contact_cases", "total", "total", fc.cases))
        rows.append(("first_contact_missing", "total", "total", fc.without_contact))
        q = fc.quartiles()
        if q is not None:
            for name, value in zip(("first_contact_hours_q1", "first_contact_hours_median",
                                    "first_contact_hours_q3"), q, strict=True):
                rows.append((name, "total", "total", round(value, 2)))
        facilities = (*self.sdg_facilities, self.sdg_total())
        for dimension, sdg in (("facility", facilities), ("group", self.sdg_groups)):
            for s in sdg:
                rows.append(("sdg_16_3_2_unsentenced", dimension, s.label, s.unsentenced))
                rows.append(("sdg_16_3_2_detainees", dimension, s.label, s.detainees))
                rows.append(("sdg_16_3_2_share", dimension, s.label,
                             None if s.share is None else round(s.share, 4)))
        return TableData(("measure", "dimension", "label", "value"), tuple(rows))


# --- Redaction --------------------------------------------------------------------------------------


def initials(name: str) -> str:
    """'Amina  Yusuf' -> 'A. Y.'; works for any script that separates words with spaces."""
    return " ".join(word[0] + "." for word in name.split()) or "-"


ReportData = TypeVar("ReportData", CaseloadData, StatisticsData)


@overload
def redact(data: CaseSummaryData) -> CaseSummaryData: ...
@overload
def redact(data: OverstayData) -> OverstayData: ...
@overload
def redact(data: ReportData) -> ReportData: ...


def redact(data: CaseSummaryData | OverstayData | CaseloadData | StatisticsData
           ) -> CaseSummaryData | OverstayData | CaseloadData | StatisticsData:
    """The profile for sharing outside the office.

    Victims', witnesses', complainants', children's and restricted parties' names become initials,
    contact details go, free-text notes are left out. Aggregate reports have no names in them and
    come back unchanged.
    """
    if isinstance(data, CaseSummaryData):
        person = data.person
        # A child's identity number names the child as surely as the name does.
        person = replace(person, contact=None,
                         full_name=initials(person.full_name) if person.is_child else person.full_name,
                         identity_number=None if person.is_child else person.identity_number)
        parties = tuple(
            replace(p, contact=None,
                    name=p.name if p.role in SHARED_ROLES and not (p.is_child or p.restricted)
                    else initials(p.name))
            for p in data.parties)
        return replace(data, person=person, parties=parties, notes=())
    if isinstance(data, OverstayData):
        return replace(data, rows=tuple(replace(r, full_name=initials(r.full_name)) if r.is_child else r
                                        for r in data.rows))
    return data
