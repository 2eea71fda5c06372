"""`rules check`: deadlines for custody spells described in JSON, computed without any database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.deadlines import (
    EVENT_TYPES,
    CourtCalendar,
    Event,
    Offence,
    Person,
    RuleSet,
    compute_deadlines,
)
from legalaid_desktop.domain.deadlines.engine import Deadline
from legalaid_desktop.domain.deadlines.facts import LIFE
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.jurisdictions import WEEKDAYS
from legalaid_desktop.services.deadlines import BENCHMARK, court_calendar

SPELL_FIELDS = {"jurisdiction", "as_of", "person", "offence", "events", "court"}
PERSON_FIELDS = {"date_of_birth", "age_estimate", "age_disputed"}
OFFENCE_FIELDS = {"class", "max_sentence_months", "capital", "first_offender", "court_within_40km", "date"}
EVENT_FIELDS = {"type", "at", "days", "until", "warrant"}
COURT_FIELDS = {"court_opens", "court_closes", "sitting_weekdays", "closures"}
GENERIC_CLASSES = ("capital", "non_capital")


@dataclass(frozen=True)
class SpellCheck:
    """The deadlines of one described spell."""

    jurisdiction: str
    deadlines: tuple[Deadline, ...]


def check_spells(document: Any, rule_sets: Mapping[str, RuleSet]) -> list[SpellCheck]:
    """Every spell of the document (an object or a list of them); a bad field names its path."""
    spells = document if isinstance(document, list) else [document]
    prefix: Callable[[int], str] = (lambda i: f"[{i}].") if isinstance(document, list) else (lambda i: "")
    return [_check(spell, rule_sets, prefix(i)) for i, spell in enumerate(spells)]


def deadline_record(deadline: Deadline) -> dict[str, Any]:
    """A deadline as the JSON output shows it: `due` with its offset, `due_date` the local date."""
    return {
        "kind": deadline.kind, "rule": deadline.rule, "layer": deadline.layer,
        "due": deadline.due.isoformat() if deadline.due else None,
        "due_date": deadline.due_date.isoformat() if deadline.due_date else None,
        "status": deadline.status, "met_at": deadline.met_at.isoformat() if deadline.met_at else None,
        "citation": deadline.citation, "verification": deadline.verification,
        "explanation": deadline.explanation,
    }


def _fields(value: Any, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(where.rstrip(".") or "(input)", value, "a JSON object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ValidationError(where + unknown[0], value[unknown[0]],
                              "a known field: " + ", ".join(sorted(allowed)))
    return value


def _check(raw: Any, rule_sets: Mapping[str, RuleSet], where: str) -> SpellCheck:
    spell = _fields(raw, SPELL_FIELDS, where)
    code = spell.get("jurisdiction")
    national = rule_sets.get(code.strip().upper()) if isinstance(code, str) else None
    if national is None or national.jurisdiction.code == BENCHMARK:
        raise ValidationError(where + "jurisdiction", code,
                              "one of " + ", ".join(c for c in sorted(rule_sets) if c != BENCHMARK))
    zone = ZoneInfo(national.jurisdiction.time_zone)
    as_of = _moment(spell.get("as_of"), zone, where + "as_of")
    person = _person(spell.get("person", {}), where + "person.")
    classes = set(GENERIC_CLASSES) | {c for r in national.rules for c in r.when.get("offence_class", [])}
    offence = _offence(spell.get("offence", {}), where + "offence.", classes)
    events_raw = spell.get("events")
    if not isinstance(events_raw, list):
        raise ValidationError(where + "events", events_raw, "a list of events")
    events = [_event(e, zone, f"{where}events[{i}].") for i, e in enumerate(events_raw)]
    years = {e.at.year for e in events} | {as_of.year}
    court = _fields(spell.get("court", {}), COURT_FIELDS, where + "court.")
    calendar = _calendar(national, court, range(min(years) - 1, max(years) + 3), where + "court.")
    rules = list(national.rules) + (list(rule_sets[BENCHMARK].rules) if BENCHMARK in rule_sets else [])
    deadlines = compute_deadlines(rules, calendar, person=person, offence=offence, events=events, as_of=as_of)
    return SpellCheck(jurisdiction=national.jurisdiction.code, deadlines=tuple(deadlines))


def _calendar(national: RuleSet, court: dict[str, Any], years: range, where: str) -> CourtCalendar:
    hours: dict[str, str | None] = {}
    for name in ("court_opens", "court_closes"):
        value = court.get(name)
        if value is not None:
            try:
                time.fromisoformat(value)
            except (TypeError, ValueError):
                raise ValidationError(where + name, value, "a time like 09:00") from None
        hours[name] = value
    days = court.get("sitting_weekdays")
    if days is not None and (not isinstance(days, list) or any(d not in WEEKDAYS for d in days)):
        raise ValidationError(where + "sitting_weekdays", days, 'a list like ["mon", "tue"]')
    closures = court.get("closures", [])
    if not isinstance(closures, list):
        raise ValidationError(where + "closures", closures, "a list of dates")
    return court_calendar(
        national.jurisdiction, years=years,
        closures=[_date(c, f"{where}closures[{i}]") for i, c in enumerate(closures)],
        court_opens=hours["court_opens"], court_closes=hours["court_closes"],
        sitting_weekdays=None if days is None else [WEEKDAYS.index(d) for d in days])


def _date(value: Any, where: str) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValidationError(where, value, "a date like 2025-04-22")


def _moment(value: Any, zone: ZoneInfo, where: str) -> datetime:
    """An ISO datetime (without an offset: local time) or a date (the start of that day, locally)."""
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return datetime.combine(date.fromisoformat(value), time(0, 0), tzinfo=zone)
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.utcoffset() is not None else moment.replace(tzinfo=zone)
    raise ValidationError(where, value, "an ISO date or datetime such as 2025-04-16T19:00:00+02:00")


def _flag(data: dict[str, Any], name: str, where: str) -> bool | None:
    value = data.get(name)
    if value is not None and not isinstance(value, bool):
        raise ValidationError(where + name, value, "true or false")
    return value


def _whole(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(where, value, "a whole number, 0 or more")
    return value


def _person(raw: Any, where: str) -> Person:
    data = _fields(raw, PERSON_FIELDS, where)
    born = data.get("date_of_birth")
    return Person(date_of_birth=_date(born, where + "date_of_birth") if born is not None else None,
                  age_estimate=_whole(data.get("age_estimate"), where + "age_estimate"),
                  age_disputed=bool(_flag(data, "age_disputed", where)))


def _offence(raw: Any, where: str, classes: set[str]) -> Offence:
    data = _fields(raw, OFFENCE_FIELDS, where)
    cls = data.get("class")
    if cls is not None and cls not in classes:
        raise ValidationError(where + "class", cls, "one of " + ", ".join(sorted(classes)))
    months = data.get("max_sentence_months")
    on = data.get("date")
    return Offence(
        offence_class=cls,
        max_sentence_months=LIFE if months == "life" else _whole(months, where + "max_sentence_months"),
        capital=_flag(data, "capital", where), first_offender=_flag(data, "first_offender", where),
        court_within_40km=_flag(data, "court_within_40km", where),
        date=_date(on, where + "date") if on is not None else None)


def _event(raw: Any, zone: ZoneInfo, where: str) -> Event:
    data = _fields(raw, EVENT_FIELDS, where)
    kind = data.get("type")
    if kind not in EVENT_TYPES:
        raise ValidationError(where + "type", kind, "one of " + ", ".join(EVENT_TYPES))
    if "warrant" in data and kind != "arrest":
        raise ValidationError(where + "warrant", data["warrant"], "only on an arrest")
    if "days" in data and kind not in ("remand", "remand_extension"):
        raise ValidationError(where + "days", data["days"], "only on a remand or remand_extension")
    if ("until" in data) != (kind == "excluded_interval"):
        raise ValidationError(where + "until", data.get("until"),
                              "the end of an excluded_interval, and only there")
    at = _moment(data.get("at"), zone, where + "at")
    until = _moment(data["until"], zone, where + "until") if "until" in data else None
    if until is not None and until < at:
        raise ValidationError(where + "until", data["until"], "a moment after `at`")
    return Event(type=kind, at=at, days=_whole(data.get("days"), where + "days"), until=until,
                 warrant=bool(_flag(data, "warrant", where)))
