"""Each counting rule on its own: hours, days, clear days, months, rolls forward and backward."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.deadlines import CourtCalendar
from legalaid_desktop.domain.deadlines.counting import (
    add_hours,
    add_months,
    last_day,
    share_of_months,
    whole_days,
)

LONDON = ZoneInfo("Europe/London")
NAIROBI = ZoneInfo("Africa/Nairobi")
KE = CourtCalendar(time_zone="Africa/Nairobi", holidays=frozenset({date(2025, 6, 2)}))


def test_hours_are_elapsed_time_so_a_clock_change_does_not_stretch_them() -> None:
    # 29 March 2025, 12:00 GMT; the clocks go forward at 01:00 on the 30th; 24 elapsed hours later
    # it is 30 March 13:00 BST (12:00 UTC), not 12:00 local.
    start = datetime(2025, 3, 29, 12, 0, tzinfo=LONDON)
    assert add_hours(start, 24).astimezone(LONDON) == datetime(2025, 3, 30, 13, 0, tzinfo=LONDON)


def test_day_one_is_the_day_after_the_trigger_unless_the_rule_counts_the_trigger_day() -> None:
    # 1 January + 60 days, first day excluded: day 1 is 2 January, day 60 is 2 March.
    assert last_day(date(2025, 1, 1), 60) == date(2025, 3, 2)
    # India counts the remand day as day 1: day 60 is 1 March.
    assert last_day(date(2025, 1, 1), 60, first_day="counted") == date(2025, 3, 1)


def test_clear_days_exclude_both_the_trigger_day_and_the_day_of_the_act() -> None:
    # Remanded Tuesday 11 March: 8 clear days are 12-19 March, so the hearing may be on the 20th.
    assert last_day(date(2025, 3, 11), 8, clear=True) == date(2025, 3, 20)


def test_months_are_calendar_months_clamped_to_the_end_of_the_month() -> None:
    assert add_months(date(2024, 12, 31), 2) == date(2025, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 10), 6) == date(2025, 7, 10)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_a_share_of_a_sentence_is_whole_months_and_the_part_month_as_thirty_day_days() -> None:
    # A third of 84 months is exactly 28 months; a third of 100 months is 33 months and 10 days.
    assert share_of_months(84, Fraction(1, 3)) == (28, 0)
    assert share_of_months(100, Fraction(1, 3)) == (33, 10)
    assert share_of_months(85, Fraction(1, 2)) == (42, 15)


def test_any_part_of_a_paused_day_adds_a_whole_day_to_a_day_rule() -> None:
    assert whole_days(timedelta(0)) == 0
    assert whole_days(timedelta(hours=3)) == 1
    assert whole_days(timedelta(days=10)) == 10


def test_forward_roll_leaves_a_due_moment_inside_court_hours_on_a_court_day_where_it_is() -> None:
    inside = datetime(2025, 3, 5, 10, 0, tzinfo=NAIROBI)  # Wednesday 10:00
    assert KE.roll_forward(inside) == inside


def test_forward_roll_moves_a_due_moment_before_court_hours_to_that_days_close() -> None:
    early = datetime(2025, 3, 5, 7, 0, tzinfo=NAIROBI)  # Wednesday 07:00
    assert KE.roll_forward(early) == datetime(2025, 3, 5, 16, 0, tzinfo=NAIROBI)


def test_forward_roll_moves_an_evening_due_moment_to_the_next_court_days_close() -> None:
    evening = datetime(2025, 3, 5, 19, 0, tzinfo=NAIROBI)  # Wednesday 19:00 -> Thursday 16:00
    assert KE.roll_forward(evening) == datetime(2025, 3, 6, 16, 0, tzinfo=NAIROBI)


def test_forward_roll_skips_weekends_public_holidays_and_office_closures() -> None:
    # Friday 30 May 19:00 -> Saturday, Sunday, Monday 2 June (Madaraka Day), Tuesday 3 June closed
    # by the office -> Wednesday 4 June 16:00.
    calendar = CourtCalendar(time_zone="Africa/Nairobi", holidays=frozenset({date(2025, 6, 2)}),
                             closures=frozenset({date(2025, 6, 3)}))
    friday = datetime(2025, 5, 30, 19, 0, tzinfo=NAIROBI)
    assert calendar.roll_forward(friday) == datetime(2025, 6, 4, 16, 0, tzinfo=NAIROBI)


def test_forward_roll_uses_a_courts_own_hours_and_sitting_days() -> None:
    # A court sitting Monday to Saturday, 08:30 to 13:00: Friday 14:00 -> Saturday 13:00.
    calendar = CourtCalendar(time_zone="Africa/Nairobi", sitting_weekdays=frozenset(range(6)),
                             opens=time(8, 30), closes=time(13, 0))
    assert calendar.roll_forward(datetime(2025, 3, 7, 14, 0, tzinfo=NAIROBI)) == \
        datetime(2025, 3, 8, 13, 0, tzinfo=NAIROBI)


def test_backward_roll_brings_a_weekend_or_bank_holiday_back_to_the_preceding_working_day() -> None:
    calendar = CourtCalendar(time_zone="Europe/London",
                             holidays=frozenset({date(2025, 12, 25), date(2025, 12, 26)}))
    saturday = datetime(2025, 3, 8, 23, 59, 59, tzinfo=LONDON)
    assert calendar.roll_backward(saturday) == datetime(2025, 3, 7, 23, 59, 59, tzinfo=LONDON)
    boxing_day = datetime(2025, 12, 26, 23, 59, 59, tzinfo=LONDON)
    assert calendar.roll_backward(boxing_day) == datetime(2025, 12, 24, 23, 59, 59, tzinfo=LONDON)
    monday = datetime(2025, 3, 10, 23, 59, 59, tzinfo=LONDON)
    assert calendar.roll_backward(monday) == monday


def test_a_calendar_reads_moments_in_its_own_time_zone() -> None:
    utc = datetime(2025, 3, 5, 21, 30, tzinfo=UTC)  # 00:30 Thursday in Nairobi
    assert KE.local(utc).date() == date(2025, 3, 6)
