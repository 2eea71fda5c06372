"""Invariants of the deadline engine, checked with hypothesis over many moments and spells."""

from __future__ import annotations

import os
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from legalaid_desktop.domain.deadlines import CourtCalendar, Event, Offence
from legalaid_desktop.domain.deadlines.counting import add_hours
from tests.unit.deadline_support import ADULT, CHILD, calendar_for, deadlines, rule_sets

ZONES = ("Africa/Nairobi", "Europe/London", "Asia/Kolkata", "Asia/Manila", "UTC")
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31),
                       timezones=st.sampled_from([ZoneInfo(z) for z in ZONES]))
holiday_sets = st.frozensets(st.dates(min_value=date(2023, 12, 1), max_value=date(2028, 2, 1)), max_size=40)


@st.composite
def calendars(draw: st.DrawFn) -> CourtCalendar:
    return CourtCalendar(time_zone=draw(st.sampled_from(ZONES)), holidays=draw(holiday_sets),
                         closures=draw(holiday_sets),
                         sitting_weekdays=draw(st.frozensets(st.integers(0, 6), min_size=1)))


@given(calendars(), moments)
def test_a_forward_roll_never_moves_a_deadline_earlier(calendar: CourtCalendar, raw: datetime) -> None:
    rolled = calendar.roll_forward(raw)
    assert rolled >= raw
    local = calendar.local(rolled)
    assert rolled == raw or (calendar.is_court_day(local.date()) and local.time() == calendar.closes)


@given(calendars(), moments)
def test_a_backward_roll_never_moves_a_deadline_later(calendar: CourtCalendar, raw: datetime) -> None:
    rolled = calendar.roll_backward(raw)
    assert rolled <= raw
    assert calendar.is_working_day(calendar.local(rolled).date())


@given(moments, st.sampled_from(["UG", "PH", "NG"]), st.booleans())
@example(datetime(2024, 3, 31, 1, 0, fold=1, tzinfo=ZoneInfo("Europe/London")), "UG", False)  # a skipped hour
def test_a_no_roll_rule_never_moves_its_deadline(arrest: datetime, code: str, child: bool) -> None:
    events = [Event(type="arrest", at=arrest)]
    zone = ZoneInfo(rule_sets()[code].jurisdiction.time_zone)
    as_of = arrest.astimezone(zone) + timedelta(minutes=1)
    found = deadlines(code, events, as_of.strftime("%Y-%m-%d %H:%M"), person=CHILD if child else ADULT)
    rules = {r.id: r for r in rule_sets()[code].rules}
    for rule_id, deadline in found.items():
        rule = rules.get(rule_id)
        if rule is None or deadline.due is None or rule.unit != "hours" or rule.roll != "none":
            continue
        assert deadline.due == add_hours(arrest, rule.period)


remand_orders = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 14)), min_size=1, max_size=5)


@given(remand_orders, st.integers(0, 60), st.integers(1, 14))
def test_adding_a_remand_extension_never_shortens_remand_max(
        orders: list[tuple[int, int]], later: int, length: int) -> None:
    zone = ZoneInfo("Africa/Lagos")
    start = datetime(2025, 3, 10, 10, 0, tzinfo=zone)
    events = [Event(type="remand", at=start + timedelta(days=gap), days=days) for gap, days in orders]
    as_of = "2025-12-31 12:00"
    before = deadlines("NG", events, as_of)["ng.remand-max"]
    extension = Event(type="remand_extension", at=start + timedelta(days=later), days=length)
    after = deadlines("NG", [*events, extension], as_of)["ng.remand-max"]
    assert before.due is not None and after.due is not None
    assert after.due >= before.due


@contextmanager
def machine_time_zone(name: str) -> Iterator[None]:
    saved = os.environ.get("TZ")
    os.environ["TZ"] = name
    clock.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        clock.tzset()


@pytest.mark.skipif(not hasattr(clock, "tzset"), reason="time.tzset exists on Unix only")
@settings(max_examples=25)
@given(arrest=moments, code=st.sampled_from(sorted(c for c in rule_sets() if c != "UN")),
       remand_after=st.integers(1, 90))
def test_results_do_not_depend_on_the_machines_time_zone(arrest: datetime, code: str,
                                                        remand_after: int) -> None:
    events = [Event(type="arrest", at=arrest), Event(type="remand", at=arrest + timedelta(days=remand_after),
                                                     days=14)]
    as_of = (arrest + timedelta(days=100)).astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    seen = []
    for machine in ("UTC", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati"):
        with machine_time_zone(machine):
            found = deadlines(code, events, as_of, offence=Offence(max_sentence_months=24))
        seen.append([(d.rule, d.due, d.due_date, d.status, d.explanation) for d in found.values()])
    assert all(s == seen[0] for s in seen)


def test_the_calendars_of_the_shipped_files_know_their_countrys_holidays() -> None:
    assert date(2025, 4, 21) in calendar_for("ZA").holidays  # Family Day
    assert date(2025, 5, 5) in calendar_for("GB-EAW").holidays  # Early May bank holiday
    assert date(2025, 8, 25) in calendar_for("GB-EAW").holidays  # Summer bank holiday (England)
    assert date(2025, 6, 1) in calendar_for("KE").holidays  # Madaraka Day


@st.composite
def spells(draw: st.DrawFn) -> tuple[str, list[Event], datetime, Offence, bool]:
    code = draw(st.sampled_from(sorted(c for c in rule_sets() if c != "UN")))
    zone = ZoneInfo(rule_sets()[code].jurisdiction.time_zone)
    start = draw(st.datetimes(min_value=datetime(2024, 7, 1), max_value=datetime(2026, 6, 30))).replace(
        tzinfo=zone)
    events = [Event(type="arrest", at=start, warrant=draw(st.booleans()))]
    kinds = ("police_station_arrival", "first_appearance", "remand", "remand_extension",
             "superintendent_extension", "sent_for_trial", "charge_sheet_filed", "certificate",
             "detention_review", "trial_started", "judgment", "bail", "release")
    later = st.tuples(st.sampled_from(kinds), st.integers(0, 24 * 200))
    for kind, hours in draw(st.lists(later, max_size=8)):
        days = draw(st.integers(1, 30)) if kind in ("remand", "remand_extension") else None
        events.append(Event(type=kind, at=start + timedelta(hours=hours), days=days))
    if draw(st.booleans()):
        pause = start + timedelta(hours=draw(st.integers(0, 48)))
        events.append(Event(type="excluded_interval", at=pause, until=pause + timedelta(hours=draw(
            st.integers(0, 72)))))
    as_of = start + timedelta(hours=draw(st.integers(0, 24 * 400)))
    classes = [None, "subordinate", "high_court", "summary", "either_way", "indictable", "light",
               "afflictive"]
    offence = Offence(offence_class=draw(st.sampled_from(classes)),
                      max_sentence_months=draw(st.sampled_from([None, 6, 84, 120, 239])),
                      capital=draw(st.sampled_from([None, True, False])),
                      first_offender=draw(st.sampled_from([None, True, False])),
                      court_within_40km=draw(st.sampled_from([None, True, False])))
    return code, events, as_of, offence, draw(st.booleans())


@settings(max_examples=200)
@given(spells())
def test_every_status_agrees_with_its_due_moment_and_met_at(
        spell: tuple[str, list[Event], datetime, Offence, bool]) -> None:
    code, events, as_of, offence, child = spell
    zone = ZoneInfo(rule_sets()[code].jurisdiction.time_zone)
    found = deadlines(code, events, as_of.astimezone(zone).strftime("%Y-%m-%d %H:%M"), offence=offence,
                      person=CHILD if child else ADULT)
    seen = as_of.astimezone(zone).replace(second=0, microsecond=0)
    for deadline in found.values():
        if deadline.status == "not_applicable":
            assert deadline.due is None and deadline.reason
            continue
        assert deadline.due is not None and deadline.due_date == deadline.due.date()
        assert deadline.due.tzinfo is not None and deadline.due.utcoffset() == deadline.due.astimezone(
            zone).utcoffset()
        if deadline.status in ("met", "breached"):
            assert deadline.met_at is not None
            assert (deadline.met_at <= deadline.due) == (deadline.status == "met")
        else:
            assert deadline.met_at is None
            assert (seen > deadline.due) == (deadline.status == "overdue")
