"""Reports from the database: each report's DTO filled in one unit of work, rendered or exported, saved whole.

The figures are counted in SQL (uow.reports); the rules they follow (who is a child, who is
unsentenced, what counts as first legal contact) are applied here and written into the report.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.case_file import CaseFile
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.errors import NotFoundError, ValidationError
from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import CHILD_AGE, Person
from legalaid_desktop.domain.reporting import (
    AssignmentLine,
    Breakdown,
    CaseloadData,
    CaseloadGroup,
    CaseSummaryData,
    ChargeLine,
    CountRow,
    CustodyEventLine,
    CustodySpellSummary,
    DeadlineLine,
    DecisionSummary,
    FirstContact,
    GroundLine,
    HearingLine,
    NoteLine,
    OverstayData,
    OverstayRow,
    PartyLine,
    PersonSummary,
    ReportMeta,
    SdgRow,
    StatisticsData,
    TableData,
    TrendPoint,
    redact,
)
from legalaid_desktop.domain.vocab import CustodyStatus, PriorityGroup, Sex
from legalaid_desktop.i18n import _
from legalaid_desktop.services.access import (
    facility_scope,
    require,
    require_case,
    sees_restricted_contacts,
)
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.deadlines import DeadlineBook, describe_kind
from legalaid_desktop.services.facility_names import unknown_facility
from legalaid_desktop.services.intake import facility_zone
from legalaid_desktop.services.output_files import refuse_special
from legalaid_desktop.services.ports import GroupCount, Named, PeopleCount, UnitOfWork
from legalaid_desktop.services.records import load
from legalaid_desktop.services.spreadsheet import safe_cell

ORGANISATION_KEY = "organisation_name"
DEFAULT_ORGANISATION = "Legal aid office"
FORMATS = ("pdf", "csv", "xlsx")
RECENT_NOTES = 10
DUE_SOON_DAYS = 7
WEEKLY_UP_TO = timedelta(weeks=26)
"""A period up to half a year trends by week; a longer one by month."""
NONE_KEY = "(none)"

D = TypeVar("D", CaseSummaryData, OverstayData, CaseloadData, StatisticsData)


@dataclass(frozen=True)
class Report(Generic[D]):
    """A report's data and what its pages say about it; `kind` names it in the audit log."""

    kind: str
    data: D
    meta: ReportMeta
    audit_filters: tuple[tuple[str, str], ...] = ()

    def styled(self, *, redacted: bool = False, low_ink: bool = False) -> Report[D]:
        """The redaction profile (for sharing outside the office) and the print style applied."""
        data = redact(self.data) if redacted else self.data
        return replace(self, data=data, meta=replace(self.meta, redacted=redacted, low_ink=low_ink))

    def table(self) -> TableData:
        return self.data.table()

    def pdf(self) -> bytes:
        from legalaid_desktop import reports

        data: Any = self.data
        render: Callable[[Any, ReportMeta], bytes] = {  # type: ignore[assignment]
            CaseSummaryData: reports.case_summary_pdf, OverstayData: reports.overstay_pdf,
            CaseloadData: reports.caseload_pdf, StatisticsData: reports.statistics_pdf}[type(data)]
        return render(data, self.meta)

    def audit_record(self, fmt: str) -> tuple[str, str, str | None, dict[str, Any]]:
        """The audit entry's action, entity, record uuid and details: which report, filters, format."""
        return ("report", "report", None, {
            "report": self.kind, "format": fmt, "redacted": self.meta.redacted,
            "low_ink": self.meta.low_ink, "filters": dict(self.audit_filters)})

    def sealed(self, audit_hash: str) -> Report[D]:
        """The report with the hash of the audit entry recording it, printed on every page."""
        return replace(self, meta=replace(self.meta, audit_hash=audit_hash))

    def content(self, fmt: str) -> bytes:
        if fmt == "pdf":
            return self.pdf()
        if fmt == "csv":
            return table_csv(self.table())
        if fmt == "xlsx":
            return table_xlsx(self.table(), sheet=self.kind, meta=self.meta)
        raise ValidationError("format", fmt, "one of " + ", ".join(FORMATS))


def _meta(uow: UnitOfWork, title: str, now: datetime, filters: Iterable[tuple[str, str]],
          subject: str) -> ReportMeta:
    organisation = (uow.get_meta(ORGANISATION_KEY) or "").strip() or _(DEFAULT_ORGANISATION)
    return ReportMeta(title=title, organisation=organisation, generated_at=now, filters=tuple(filters),
                      author=uow.actor, subject=subject)


@lru_cache(maxsize=4096)
def is_child(date_of_birth: date | None, age_estimate: int | None, age_estimate_on: date | None,
             age_disputed: bool, on: date) -> bool:
    """The domain's rule (Person.is_child_at): unknown or disputed age counts as a child."""
    person = Person(full_name="-", date_of_birth=date_of_birth, age_estimate=age_estimate,
                    age_estimate_on=age_estimate_on, age_disputed=age_disputed)
    return person.is_child_at(on)


def born_after_for_child(on: date) -> date:
    """Born after this date: under 18 on `on` (29 February falls back to the 28th, as age_on counts)."""
    try:
        return on.replace(year=on.year - CHILD_AGE)
    except ValueError:
        return on.replace(year=on.year - CHILD_AGE, day=28)


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), UTC)


def _unknown_facility(uow: UnitOfWork, name: str) -> ValidationError:
    return unknown_facility(name, [f.name for f in uow.reports.facilities()])


def _limited_to(uow: UnitOfWork) -> list[tuple[str, str]]:
    """A report's filter line naming the facilities it covers, when the user is limited to some."""
    if facility_scope(uow) is None:
        return []
    return [(_("Facilities"), "; ".join(f.name for f in uow.reports.facilities()) or _("none"))]


def _period(period_from: date | None, period_to: date | None, today: date,
            default_days: int) -> tuple[date, date]:
    end = period_to or today
    start = period_from or end - timedelta(days=default_days - 1)
    if start > end:
        raise ValidationError("from", start.isoformat(), f"a date not after the end of the period, {end}")
    return start, end


# --- case summary -----------------------------------------------------------------------------------


def case_summary_data(uow: UnitOfWork, book: DeadlineBook | None, *, case_ref: str,
                      now: datetime | None = None) -> Report[CaseSummaryData]:
    """One case for the lawyer's file or the court, from the case file the case view reads. The
    contact details of victims, witnesses, complainants and children are left out for a user whose
    role does not need them (see domain.access: lawyers, coordinators and admins see them)."""
    as_of = now or datetime.now(UTC)
    ref = case_ref.strip().upper()
    with uow:
        keys = uow.reports.case_key(ref)
        if keys is None:
            raise NotFoundError("case", case_ref)
        require(uow, Permission.RUN_REPORTS, entity="report")
        require_case(uow, Permission.READ_CASES, load(uow, Case, keys[0]))
        contacts = sees_restricted_contacts(uow)
        facts = {f.person_id: f for f in uow.reports.case_people(keys[0])}
        meta = _meta(uow, _("Case summary {ref}").format(ref=ref), as_of, [(_("Case"), ref)],
                     _("Case summary"))
    # The case file reads in its own unit of work; both are reads, so nothing can be half-done.
    case = load_case_file(uow, case_id=keys[0], now=as_of, book=book)
    return Report("case_summary", case_summary_of(case, facts, as_of, contacts=contacts), meta,
                  (("case_ref", ref),))


RESTRICTED_ROLES = frozenset({"victim", "witness", "complainant"})
"""Parties whose contact details only roles that need them see (children's too)."""


def case_summary_of(case: CaseFile, facts: Mapping[int, Any], as_of: datetime, *,
             contacts: bool = True) -> CaseSummaryData:
    h = case.header
    me = facts.get(h.person_id)
    person = PersonSummary(
        full_name=h.full_name, sex=h.sex, date_of_birth=h.date_of_birth, age=h.age, is_child=h.is_child,
        identity_number=me.identity_number if me else None, nationality=me.nationality if me else None,
        languages=me.languages if me else None, priority_groups=me.priority_groups if me else (),
        contact=me.phone if me and (contacts or not h.is_child) else None)
    spells = []
    for s in case.spells:
        zone = ZoneInfo(s.time_zone)
        events = tuple(CustodyEventLine(e.at.astimezone(zone), e.type, _event_detail(e.days, e.until, e.court,
                                                                                       zone))
                       for e in s.events)
        spells.append(CustodySpellSummary(
            facility=s.facility, register_number=s.register_number, status=s.status,
            start=(s.start or as_of).astimezone(zone),
            released_at=s.released_at.astimezone(zone) if s.released_at else None,
            release_reason=s.release_reason, days_held=s.days_in_custody or 0, events=events))
    zones = {d.custody_id: ZoneInfo(s.time_zone) for s in case.spells for d in s.deadlines}
    deadlines = tuple(DeadlineLine(
        kind=d.title or describe_kind(d.kind, d.layer), rule=d.rule_id or _("manual"), layer=d.layer,
        due=d.due.astimezone(zones.get(d.custody_id, UTC)), due_date=d.due_date, status=d.status,
        met_at=d.met_at.astimezone(zones.get(d.custody_id, UTC)) if d.met_at else None,
        citation=d.citation or "", verification=d.verification or "", explanation=d.explanation or "")
        for d in case.deadlines)
    decision = None
    if case.requests:
        req = max(case.requests, key=lambda q: q.received_at)
        appeal = None
        if req.appeal_lodged_on:
            appeal = _("lodged on {day}").format(day=req.appeal_lodged_on.isoformat()) + (
                f"; {req.appeal_outcome}" if req.appeal_outcome else "")
        decision = DecisionSummary(req.decision, req.decided_on, req.means_result,
                                   tuple(GroundLine(g, j) for g, j in req.grounds), appeal)
    parties = []
    for party in case.parties:
        if party.person_id == h.person_id and party.role == "client":
            continue  # the client heads the summary already
        pf = facts.get(party.person_id)
        child = is_child(pf.date_of_birth, pf.age_estimate, pf.age_estimate_on, pf.age_disputed,
                         case.today) if pf else True
        shown = contacts or (not child and party.role not in RESTRICTED_ROLES)
        parties.append(PartyLine(party.full_name, party.role, is_child=child,
                                 contact=pf.phone if pf and shown else None))
    # Hearings and notes in the time zone of the newest spell, as the case view shows the header.
    local = ZoneInfo(h.time_zone or "UTC")
    notes = tuple(NoteLine(n.at.astimezone(local), n.author, n.kind, n.text)
                  for n in sorted(case.notes, key=lambda n: n.at, reverse=True)[:RECENT_NOTES])
    return CaseSummaryData(
        case_ref=h.case_ref, as_of=as_of, person=person, stage=h.stage, status=h.case_status,
        opened_on=case.opened_on, custody=tuple(spells), deadlines=deadlines,
        charges=tuple(ChargeLine(c.offence, c.statute, c.offence_class) for c in case.charges),
        hearings=tuple(HearingLine(x.scheduled_at.astimezone(local), x.court or "", x.purpose or "",
                                   x.outcome) for x in case.hearings),
        assignments=tuple(AssignmentLine(x.provider, x.role, x.started_at.date(),
                                         x.ended_at.date() if x.ended_at else None)
                          for x in case.assignments),
        decision=decision, notes=notes, parties=tuple(parties))


def _event_detail(days: int | None, until: datetime | None, court: str | None, zone: ZoneInfo) -> str:
    """The order's length, its end and the court; an event's free-text note stays in the case file."""
    parts = []
    if days is not None:
        parts.append(_("{n} days").format(n=days))
    if until is not None:
        parts.append(_("until {moment}").format(moment=f"{until.astimezone(zone):%Y-%m-%d %H:%M}"))
    if court:
        parts.append(court)
    return "; ".join(parts)


# --- overstay -------------------------------------------------------------------------------------


def overstay_data(uow: UnitOfWork, book: DeadlineBook, *, facility: str, within_days: int = 14,
                  now: datetime | None = None) -> Report[OverstayData]:
    """Everyone at the facility held past a national limit or within `within_days` days of one."""
    if within_days < 0:
        raise ValidationError("within", within_days, "a whole number of days, 0 or more")
    moment = now or datetime.now(UTC)
    with uow:
        key = uow.deadlines.facility_id(facility)
        if key is None:
            raise _unknown_facility(uow, facility)
        require(uow, Permission.RUN_REPORTS, facility_id=key, entity="report")
        zone = ZoneInfo(facility_zone(uow, load(uow, Facility, key)))
        today = moment.date()
        rows = []
        for fact in uow.reports.overstay(key, until=moment + timedelta(days=within_days)):
            rule = book.rule(fact.rule_id) if fact.rule_id else None
            rows.append(OverstayRow(
                full_name=fact.full_name, register_number=fact.register_number,
                limit=fact.title or describe_kind(fact.kind, "national"), due_date=fact.due_date,
                days_over=days_over(fact.due, moment, zone), hours_over=hours_over(fact.due, moment),
                citation=rule.citation if rule else "",
                is_child=is_child(fact.date_of_birth, fact.age_estimate, fact.age_estimate_on,
                                  fact.age_disputed, today),
                case_ref=fact.case_ref))
        meta = _meta(uow, _("Overstay list: {facility}").format(facility=facility), moment,
                     [(_("Facility"), facility), (_("Within"), _("{n} days").format(n=within_days))],
                     _("People held past a custody time limit or close to one"))
    data = OverstayData(facility=facility, as_of=today, within_days=within_days, rows=tuple(rows))
    return Report("overstay", data, meta, (("facility", facility), ("within_days", str(within_days))))


# --- caseload -------------------------------------------------------------------------------------


def caseload_data(uow: UnitOfWork, *, group_by: str, period_from: date | None = None,
                  period_to: date | None = None, now: datetime | None = None) -> Report[CaseloadData]:
    """Caseload over the period by provider, facility or region, with a weekly or monthly trend.

    Open cases are those open at the end of the period; requests, decisions and releases fall in
    it; overdue and due soon are national-law deadlines of people held now.
    """
    if group_by not in ("provider", "facility", "region"):
        raise ValidationError("by", group_by, "provider, facility or region")
    moment = now or datetime.now(UTC)
    first, last = _period(period_from, period_to, moment.date(), 84)
    start, end = _start(first), _start(last + timedelta(days=1))
    with uow:
        require(uow, Permission.RUN_REPORTS, entity="report")
        reads = uow.reports  # counts only the signed-in user's facilities, when they are limited
        counts = reads.caseload_counts(start=start, end=end, now=moment,
                                       soon_until=moment + timedelta(days=DUE_SOON_DAYS),
                                       by_provider=group_by == "provider")
        names = reads.providers() if group_by == "provider" else reads.facilities()
        daily = reads.daily_counts(start=start, end=end)
        meta = _meta(uow, _("Caseload by {group}").format(group=_(group_by)), moment,
                     [(_("From"), first.isoformat()), (_("To"), last.isoformat()), (_("By"), _(group_by)),
                      *_limited_to(uow)], _("Caseload"))
    groups = _caseload_groups(group_by, counts, names)
    unit = "week" if end - start <= WEEKLY_UP_TO else "month"
    definitions = (
        _("Open: cases open on {day}, the last day of the period; requests, decisions and releases fall "
          "within the period.").format(day=last),
        _("Overdue and due soon (within {n} days) are national-law limits of people held at {moment} UTC.")
        .format(n=DUE_SOON_DAYS, moment=f"{moment:%Y-%m-%d %H:%M}"),
        _("By provider: a case counts for every provider assigned to it (open cases: assigned at the end "
          "of the period), so the total can exceed the number of cases; the {none} row has none.")
        .format(none=_(NONE_KEY)) if group_by == "provider" else
        _("By {group}: where the client's newest custody spell is; a request, where it was taken.")
        .format(group=_(group_by)))
    data = CaseloadData(period_start=first, period_end=last, group_by=group_by, groups=groups,
                        trend=_trend(daily, first, last, unit), trend_unit=unit, due_soon_days=DUE_SOON_DAYS,
                        definitions=definitions, unattributed=_(NONE_KEY))
    return Report("caseload", data, meta,
                  (("by", group_by), ("from", first.isoformat()), ("to", last.isoformat())))


def _caseload_groups(group_by: str, counts: list[GroupCount],
                     names: list[Named]) -> tuple[CaseloadGroup, ...]:
    by_key = {n.key: n for n in names}

    def group_of(key: int | None) -> tuple[str, int | None]:
        """(name, key): providers and facilities stay apart by key, even two of one name."""
        named = by_key.get(key) if key is not None else None
        if named is None:
            return _(NONE_KEY), None
        if group_by == "region":
            return named.region or _(NONE_KEY), None
        return named.name, named.key

    table: dict[tuple[str, int | None], dict[str, Any]] = {}
    # Every active provider, facility and region is listed, busy or not: an idle one is news too.
    for named in names:
        if named.active:
            table.setdefault(group_of(named.key), {})
    for count in counts:
        row = table.setdefault(group_of(count.key), {})
        if count.measure == "releases":
            reasons = row.setdefault("releases", {})
            reasons[count.reason or "other"] = reasons.get(count.reason or "other", 0) + count.count
        else:
            row[count.measure] = row.get(count.measure, 0) + count.count
    capacity = {n.key: n.capacity for n in names} if group_by == "provider" else {}
    groups = [CaseloadGroup(name=name, open_cases=row.get("open_cases", 0),
                            new_requests=row.get("new_requests", 0), decisions=row.get("decisions", 0),
                            releases=tuple(sorted(row.get("releases", {}).items())),
                            overdue=row.get("overdue", 0), due_soon=row.get("due_soon", 0),
                            capacity=capacity.get(key) if key is not None else None)
              for (name, key), row in table.items()]
    # The unattributed row goes last; the rest by name, as a reader looks one up.
    return tuple(sorted(groups, key=lambda g: (g.name == _(NONE_KEY), g.name.casefold())))


def _buckets(first: date, last: date, unit: str) -> list[tuple[date, date, str]]:
    found = []
    if unit == "week":
        start = first - timedelta(days=first.weekday())
        while start <= last:
            found.append((start, start + timedelta(days=6), f"{start:%d %b}"))
            start += timedelta(weeks=1)
    else:
        start = first.replace(day=1)
        while start <= last:
            following = (start + timedelta(days=32)).replace(day=1)
            found.append((start, following - timedelta(days=1), f"{start:%b %Y}"))
            start = following
    return found


def _trend(daily: Mapping[str, Mapping[date, int]], first: date, last: date,
           unit: str) -> tuple[TrendPoint, ...]:
    """Per week or month: requests and releases in it (within the period), cases open at its end."""
    points = []
    for start, end, label in _buckets(first, last, unit):
        lo, hi = max(start, first), min(end, last)

        def within(series: str, lo: date = lo, hi: date = hi) -> int:
            return sum(n for day, n in daily.get(series, {}).items() if lo <= day <= hi)

        opened = sum(n for day, n in daily.get("opened", {}).items() if day <= hi)
        closed = sum(n for day, n in daily.get("closed", {}).items() if day <= hi)
        points.append(TrendPoint(start, label, within("new_requests"), opened - closed, within("releases")))
    return tuple(points)


# --- statistics -----------------------------------------------------------------------------------

FIRST_CONTACT_RULE = (
    "First legal contact: the earlier of the first assignment of a lawyer, paralegal or student to the "
    "case and the first visit note, counted from the start of the case's first custody spell (the "
    "arrest, or the admission where no arrest is recorded) for spells begun in the period; a contact "
    "recorded before the arrest counts as 0 hours.")


def statistics_data(uow: UnitOfWork, *, census_date: date | None = None, period_from: date | None = None,
                    period_to: date | None = None, now: datetime | None = None) -> Report[StatisticsData]:
    """Guideline 17 disaggregations over the period (by default the year to the census date) and
    SDG 16.3.2 for the people held at the end of the census date (midnight UTC after it)."""
    moment = now or datetime.now(UTC)
    census = census_date or moment.date()
    first, last = _period(period_from, period_to or census, census, 365)
    start, end = _start(first), _start(last + timedelta(days=1))
    census_at = _start(census + timedelta(days=1))
    unsentenced = [s.value for s in CustodyStatus if s.unsentenced]
    with uow:
        require(uow, Permission.RUN_REPORTS, entity="report")
        reads = uow.reports  # counts only the signed-in user's facilities, when they are limited
        born_after = born_after_for_child(census)
        held, held_at = reads.detainees(census_at=census_at, unsentenced=unsentenced, child_on=census,
                                        child_born_after=born_after)
        aided, aided_at, aided_regions = reads.recipients(start=start, end=end, child_on=census,
                                                          child_born_after=born_after)
        hours = reads.first_contact_hours(start=start, end=end)
        facilities = reads.facilities()
        meta = _meta(uow, _("Legal aid and pre-trial detention statistics"), moment,
                     [(_("Census date"), census.isoformat()), (_("From"), first.isoformat()),
                      (_("To"), last.isoformat()), *_limited_to(uow)],
                     _("Statistics (UN Guideline 17, SDG 16.3.2)"))
    names = {f.key: f for f in facilities}
    sdg_facilities = []
    for named in facilities:
        count = sum(g.count for g in held_at if g.key == named.key and g.measure == "held")
        if count:
            sdg_facilities.append(SdgRow(named.name, sum(g.count for g in held_at if g.key == named.key
                                                         and g.measure == "unsentenced"), count))
    by_region_held: dict[str, int] = {}
    for g in held_at:
        if g.measure == "held":
            region = (names[g.key].region if g.key in names else None) or _(NONE_KEY)
            by_region_held[region] = by_region_held.get(region, 0) + g.count
    breakdowns = [_people_breakdown(dimension, aided, held) for dimension in
                  ("sex", "age_group", "disability", "priority_group")]
    facility_rows = {names[g.key].name if g.key in names else _(NONE_KEY): g.count for g in aided_at}
    held_by_facility = {r.label: r.detainees for r in sdg_facilities}
    breakdowns.append(_merge("facility", facility_rows, held_by_facility))
    breakdowns.append(_merge("region", {k or _(NONE_KEY): v for k, v in aided_regions.items()},
                             by_region_held))
    sdg_groups = []
    tests: tuple[tuple[str, Callable[[PeopleCount], bool]], ...] = (
        ("female", lambda x: x.sex == Sex.FEMALE), ("male", lambda x: x.sex == Sex.MALE),
        ("other_or_unknown", lambda x: x.sex not in (Sex.FEMALE, Sex.MALE)),
        ("child", lambda x: x.child), ("adult", lambda x: not x.child))
    for label, test in tests:
        chosen = [x for x in held if test(x)]
        if chosen or label != "other_or_unknown":
            sdg_groups.append(SdgRow(label, sum(x.count for x in chosen if x.unsentenced),
                                     sum(x.count for x in chosen)))
    data = StatisticsData(
        census_date=census, period_start=first, period_end=last, recipients=sum(x.count for x in aided),
        detainees=sum(x.count for x in held), breakdowns=tuple(breakdowns),
        first_contact=FirstContact(hours=tuple(sorted(h for h in hours if h is not None)),
                                   without_contact=sum(1 for h in hours if h is None)),
        sdg_facilities=tuple(sdg_facilities), sdg_groups=tuple(sdg_groups),
        definitions=(
            _("Legal aid recipients: clients whose case had a lawyer, paralegal or student assigned at some "
              "time in the period, each counted once. Detainees: people held at the end of the census date "
              "(midnight UTC), whatever the facility. Child: under 18 on the census date; an unknown or "
              "disputed age counts as a child; the priority group 'child' is counted the same way, not from "
              "the tag recorded at intake. Facility and region of a recipient: where the client's newest "
              "custody spell is."),
            _("Status on the census date: only the present custody status is recorded, so a person counts as "
              "untried before the first judgment event of the spell; a person held then and released since "
              "counts as unsentenced unless a judgment came first or the sentence was served."),
            _(FIRST_CONTACT_RULE)))
    return Report("statistics", data, meta, (("census_date", census.isoformat()), ("from", first.isoformat()),
                                             ("to", last.isoformat())))


def _groups(x: PeopleCount) -> list[str]:
    try:
        found = json.loads(x.priority_groups)
    except ValueError:
        return []
    return [str(g) for g in found] if isinstance(found, list) else []


def _labels(dimension: str, x: PeopleCount) -> list[str]:
    """The rows of `dimension` a group of people counts in. The priority group "child" is the age
    rule the "Children and adults" table counts by (under 18 on the census date, unknown or disputed
    age counting as a child), not the tag recorded at intake: that tag goes stale as people turn 18
    and is missing for children screened without it, and one report must not give two counts of
    children."""
    if dimension == "sex":
        return [x.sex]
    if dimension == "age_group":
        return ["child" if x.child else "adult"]
    groups = _groups(x)
    if dimension == "disability":
        found: list[str] = [g for g in ("disability", "mental_illness") if g in groups]
        return found or ["no_disability_recorded"]
    groups = [g for g in groups if g != PriorityGroup.CHILD.value] + (
        [PriorityGroup.CHILD.value] if x.child else [])
    return groups or ["none_recorded"]


def _people_breakdown(dimension: str, aided: list[PeopleCount], held: list[PeopleCount]) -> Breakdown:
    recipients: dict[str, int] = {}
    detainees: dict[str, int] = {}
    for people, into in ((aided, recipients), (held, detainees)):
        for x in people:
            for label in _labels(dimension, x):
                into[label] = into.get(label, 0) + x.count
    order = {"sex": [s.value for s in Sex], "age_group": ["child", "adult"],
             "disability": ["disability", "mental_illness", "no_disability_recorded"],
             "priority_group": [g.value for g in PriorityGroup] + ["none_recorded"]}[dimension]
    labels = [k for k in order if k in recipients or k in detainees or dimension != "priority_group"]
    labels += sorted((set(recipients) | set(detainees)) - set(labels))
    return Breakdown(dimension, tuple(CountRow(k, recipients.get(k, 0), detainees.get(k, 0)) for k in labels))


def _merge(dimension: str, recipients: Mapping[str, int], detainees: Mapping[str, int]) -> Breakdown:
    labels = sorted(set(recipients) | set(detainees), key=lambda k: (k == _(NONE_KEY), k.casefold()))
    return Breakdown(dimension, tuple(CountRow(k, recipients.get(k, 0), detainees.get(k, 0)) for k in labels))


# --- exports and saving ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def table_csv(table: TableData) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheets then read Arabic right); formula-like text escaped."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([_plain(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(table: TableData, *, sheet: str = "report", meta: ReportMeta | None = None) -> bytes:
    """One sheet in openpyxl's write-only mode (rows stream out; memory stays flat for big tables).

    Dates stay dates; moments are written as ISO text with their offset (Excel has no time zones).
    The workbook's properties carry the title, author, the confidentiality mark and the hash of
    the audit entry that records the export (File > Info in a spreadsheet program shows them).
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    if meta is not None:
        book.properties.title = meta.title
        book.properties.creator = meta.author or None
        book.properties.subject = _("CONFIDENTIAL: legal aid record")
        book.properties.keywords = f"audit-entry:{meta.audit_hash}" if meta.audit_hash else None
        if meta.audit_hash:
            book.properties.description = _("Audit entry {hash}").format(hash=meta.audit_hash)
    ws = book.create_sheet(sheet[:31])
    ws.append(list(table.header))
    for row in table.rows:
        ws.append([v if isinstance(v, date) and not isinstance(v, datetime) else _plain(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse a target that cannot be written before any work is done."""
    refuse_special(path)
    if path.is_dir():
        raise ValidationError("output", str(path), "a file name, not a folder")
    if not path.parent.is_dir():
        raise ValidationError("output", str(path), f"a file in an existing folder ({path.parent} is not one)")
    if path.exists() and not overwrite:
        raise ValidationError("output", str(path),
                              "a file that does not exist yet (or give --force to replace it)")


class Saveable(Protocol):
    """What save_report writes: a Report, or another document audited and sealed the same way."""

    def audit_record(self, fmt: str) -> tuple[str, str, str | None, dict[str, Any]]: ...

    def sealed(self, audit_hash: str) -> Saveable: ...

    def content(self, fmt: str) -> bytes: ...


@dataclass(frozen=True)
class SavedReport:
    """A report written: its size, and the hash of the audit entry printed on its pages."""

    size: int
    audit_hash: str


def save_report(uow: UnitOfWork, report: Saveable, *, path: Path, fmt: str,
                overwrite: bool = False) -> SavedReport:
    """Audit, render with that entry's hash on every page, write beside the target, commit, rename.

    One transaction: a report that fails to render or write leaves no audit entry, and an entry
    always names a file that exists. The entry says which report, filters and format, never names
    or figures from it. The write lock is held while rendering (a second or two for the largest).
    """
    check_target(path, overwrite=overwrite)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with uow:
            action, entity, uuid, details = report.audit_record(fmt)
            audit_hash = uow.audit_sealed(action, entity, uuid, None, details)
            content = report.sealed(audit_hash).content(fmt)
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            uow.commit()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return SavedReport(len(content), audit_hash)
