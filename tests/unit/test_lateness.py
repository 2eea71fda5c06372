"""Days over a deadline: the facility's local calendar days, the same in every list and the case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.lateness import days_over, hours_over
from legalaid_desktop.lateness_words import lateness_text

NAIROBI = ZoneInfo("Africa/Nairobi")
DUE = datetime(2026, 10, 16, 14, 30, tzinfo=NAIROBI)


def test_a_limit_that_passed_at_half_past_two_yesterday_is_one_day_over_this_morning() -> None:
    now = datetime(2026, 10, 17, 8, 0, tzinfo=NAIROBI)  # 17 h 30 min after it passed
    assert days_over(DUE, now) == 1
    assert lateness_text(days_over(DUE, now), hours_over(DUE, now)) == "1 day over"


def test_days_over_counts_calendar_days_not_elapsed_24_hour_periods() -> None:
    now = datetime(2026, 11, 29, 11, 0, tzinfo=UTC)  # 14:00 in Nairobi, 43 days 23.5 hours later
    assert (now - DUE).days == 43
    assert days_over(DUE, now) == 44


def test_the_calendar_is_the_facilitys_own_not_utcs() -> None:
    due = datetime(2026, 10, 16, 22, 0, tzinfo=UTC)  # 01:00 on the 17th in Nairobi
    now = datetime(2026, 10, 17, 23, 30, tzinfo=UTC)  # 02:30 on the 18th in Nairobi
    assert days_over(due, now, NAIROBI) == 1
    assert days_over(due, now, UTC) == 1
    assert days_over(due, datetime(2026, 10, 17, 20, 0, tzinfo=UTC), NAIROBI) == 0  # 23:00 the 17th


def test_an_overdue_deadline_on_its_own_day_says_the_hours_not_zero_days() -> None:
    now = DUE + timedelta(hours=5, minutes=10)
    assert days_over(DUE, now) == 0
    assert lateness_text(days_over(DUE, now), hours_over(DUE, now)) == "due today, 5 hours over"
    soon_after = DUE + timedelta(minutes=20)
    assert lateness_text(days_over(DUE, soon_after), hours_over(DUE, soon_after)) == (
        "due today, less than an hour over")


def test_a_deadline_not_yet_passed_counts_the_days_left() -> None:
    before = DUE - timedelta(hours=3)
    assert hours_over(DUE, before) < 0
    assert lateness_text(days_over(DUE, before), hours_over(DUE, before)) == "due today"
    two_days = datetime(2026, 10, 14, 20, 0, tzinfo=NAIROBI)
    assert lateness_text(days_over(DUE, two_days), hours_over(DUE, two_days)) == "2 days left"
    assert lateness_text(1, 30) == "1 day over" and lateness_text(1234, 0) == "1,234 days over"
