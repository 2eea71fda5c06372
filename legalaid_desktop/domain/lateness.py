"""How late a deadline is: the one definition every screen, command and report counts by."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo


def days_over(due: datetime, now: datetime, zone: tzinfo | None = None) -> int:
    """Days past a deadline, counted in the facility's local calendar days (`zone`; by default the
    zone `due` carries): 0 on the local day it falls due, whether that moment has passed or not; 1
    on the next local day, and so on; negative, the calendar days left (-1: due tomorrow).

    Calendar days rather than elapsed 24-hour periods, because custody law counts days on the
    calendar (a day rule ends at 23:59:59 local time) and a paralegal reads a register the same way:
    a limit that passed at 14:30 yesterday is "1 day over" this morning, not "0 days over". Whether
    it has passed at all, and by how many hours on its own day, is `hours_over`.
    """
    local = zone or due.tzinfo
    return (now.astimezone(local).date() - due.astimezone(local).date()).days


def hours_over(due: datetime, now: datetime) -> int:
    """Whole hours past the due moment: 0 in its first hour, negative before it (so >= 0 means
    overdue)."""
    return (now - due) // timedelta(hours=1)
