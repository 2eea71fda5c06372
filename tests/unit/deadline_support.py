"""Helpers for deadline tests: the shipped rule files, their court calendars, and spells in local time."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.deadlines import (
    CourtCalendar,
    Event,
    Offence,
    Person,
    RuleSet,
    compute_deadlines,
)
from legalaid_desktop.domain.deadlines.engine import Deadline
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services.deadlines import BENCHMARK, court_calendar, load_rule_sets


@cache
def rule_sets() -> dict[str, RuleSet]:
    return load_rule_sets(resources_dir() / "jurisdictions")


@cache
def calendar_for(code: str) -> CourtCalendar:
    return court_calendar(rule_sets()[code].jurisdiction, years=range(2023, 2030))


def local(code: str, text: str) -> datetime:
    """A local wall-clock time in the jurisdiction ("2025-03-07 19:00", or a date: its midnight)."""
    zone = ZoneInfo(rule_sets()[code].jurisdiction.time_zone)
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=zone)
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def event(code: str, kind: str, at: str, **extra: object) -> Event:
    until = extra.pop("until", None)
    return Event(type=kind, at=local(code, at), until=local(code, str(until)) if until else None,
                 **extra)  # type: ignore[arg-type]


ADULT = Person(date_of_birth=date(1990, 2, 1))
CHILD = Person(date_of_birth=date(2010, 6, 1))


def deadlines(code: str, events: list[Event], as_of: str, *, person: Person = ADULT,
              offence: Offence | None = None) -> dict[str, Deadline]:
    """Every deadline of the national rules and the UN layer, by rule id."""
    rules = list(rule_sets()[code].rules) + list(rule_sets()[BENCHMARK].rules)
    found = compute_deadlines(rules, calendar_for(code), person=person, offence=offence or Offence(),
                              events=events, as_of=local(code, as_of))
    return {d.rule: d for d in found}


def due(d: Deadline) -> str:
    """The due moment as local wall-clock text, the way the worked examples state it."""
    assert d.due is not None, d.explanation
    return d.due.strftime("%Y-%m-%d %H:%M:%S %a")
