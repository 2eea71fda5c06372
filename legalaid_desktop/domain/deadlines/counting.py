"""Counting rules: hours, days (first day excluded or counted, clear days), clamped calendar months."""

from __future__ import annotations

import calendar
import math
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction


def add_hours(start: datetime, hours: int) -> datetime:
    """Elapsed time, computed in UTC so that a clock change does not stretch or shrink the period."""
    return start.astimezone(UTC) + timedelta(hours=hours)


def last_day(start: date, days: int, *, first_day: str = "excluded", clear: bool = False) -> date:
    """The last day of a day rule: day 1 is the day after `start`, or `start` itself when it is counted.

    Clear days exclude both the start day and the day of the act, so the act may fall a day later.
    """
    if clear:
        return start + timedelta(days=days + 1)
    if first_day == "counted":
        return start + timedelta(days=days - 1)
    return start + timedelta(days=days)


def add_months(start: date, months: int) -> date:
    """Calendar months, clamped to the month's end (31 December + 2 months = 28 or 29 February)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def share_of_months(months: int, share: Fraction) -> tuple[int, int]:
    """A share of a sentence as whole months and days (a part month is 30 days, rounded down)."""
    exact = share * months
    whole = math.floor(exact)
    return whole, math.floor((exact - whole) * 30)


def whole_days(span: timedelta) -> int:
    """A paused span as the days it adds to a day or month rule (any part of a day counts as a day)."""
    return math.ceil(span.total_seconds() / 86400) if span > timedelta(0) else 0
