"""A court calendar: sitting weekdays, court hours, public holidays and closures, in local time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class CourtCalendar:
    """When a court sits. Holidays and closures are plain dates handed in by the services layer."""

    time_zone: str
    sitting_weekdays: frozenset[int] = frozenset(range(5))
    opens: time = time(9, 0)
    closes: time = time(16, 0)
    holidays: frozenset[date] = field(default_factory=frozenset)
    closures: frozenset[date] = field(default_factory=frozenset)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone)

    def is_court_day(self, day: date) -> bool:
        return day.weekday() in self.sitting_weekdays and day not in self.holidays \
            and day not in self.closures

    def is_working_day(self, day: date) -> bool:
        """A weekday that is not a public holiday (the backward roll's test; office closures do not count)."""
        return day.weekday() < 5 and day not in self.holidays

    def court_days_before(self, day: date, count: int) -> date:
        """The court day `count` court days before `day` (the day itself when `count` is 0)."""
        for _ in range(count):
            for _ in range(400):
                day -= timedelta(days=1)
                if self.is_court_day(day):
                    break
        return day

    def roll_forward(self, raw: datetime) -> datetime:
        """Inside court hours on a court day stays; otherwise the first court day's close after `raw`."""
        local = self.local(raw)
        if self.is_court_day(local.date()) and self.opens <= local.time() <= self.closes:
            return raw
        day = local.date()
        for _ in range(400):
            if self.is_court_day(day) and self.at(day, self.closes) > local:
                return self.at(day, self.closes)
            day += timedelta(days=1)
        raise ValueError("no court day within 400 days")

    def roll_backward(self, raw: datetime) -> datetime:
        """A last day that is not a working day ends at the end of the preceding working day."""
        day = self.local(raw).date()
        if self.is_working_day(day):
            return raw
        for _ in range(400):
            day -= timedelta(days=1)
            if self.is_working_day(day):
                return self.at(day, END_OF_DAY)
        raise ValueError("no working day within 400 days")
