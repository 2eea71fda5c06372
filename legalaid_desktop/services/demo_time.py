"""Clock arithmetic for demo data: court weekdays, fixed zone offsets, and one chunk's draw context."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from legalaid_desktop.services.demo_world import Stamp

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


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
class Draw:
    """One chunk's random stream, with the as-of day every demo time is measured from.

    `base` is the start of the as-of day in local wall time: what happened lies before it, the
    next hearings after it. Times are drawn in a facility's wall time and stored in UTC.
    """

    rng: random.Random
    stamp: Stamp
    as_of: date
    base: datetime
    offsets: dict[ZoneInfo, timedelta | None]

    def record(self) -> dict[str, Any]:
        return self.stamp.record()

    def utc(self, local: datetime, zone: ZoneInfo) -> datetime:
        offset = self.offsets.get(zone)
        if offset is not None:
            return (local - offset).replace(tzinfo=UTC)
        return local.replace(tzinfo=zone).astimezone(UTC)
