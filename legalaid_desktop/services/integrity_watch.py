"""The background integrity check while the application is in use: when it last ran, what it found,
whether another is due (once a day of use), and the record of a check (damage is audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from legalaid_desktop.services.ports import UnitOfWork

LAST_CHECK_AT = "integrity_checked_at"
"""When the last background check finished (UTC, ISO form)."""
LAST_CHECK_PROBLEM = "integrity_problem"
"""What it found ("" when the file was sound)."""
EVERY = timedelta(days=1)


@dataclass(frozen=True)
class IntegrityStatus:
    """The last background check: when it finished, and the problem it found (None: sound)."""

    last_at: datetime | None
    problem: str | None

    def due(self, now: datetime) -> bool:
        """Never checked, or a day since: a check once a day of use."""
        return self.last_at is None or now - self.last_at >= EVERY


def integrity_status(uow: UnitOfWork) -> IntegrityStatus:
    with uow:
        raw = uow.get_meta(LAST_CHECK_AT)
        try:
            last = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            last = None
        return IntegrityStatus(last, uow.get_meta(LAST_CHECK_PROBLEM) or None)


def record_check(uow: UnitOfWork, *, at: datetime, problem: str | None, seconds: float) -> None:
    """Keep when the check ran and what it found; damage is also an audit entry (what SQLite said,
    which names no record)."""
    with uow:
        uow.set_meta(LAST_CHECK_AT, at.isoformat())
        uow.set_meta(LAST_CHECK_PROBLEM, problem or "")
        if problem is not None:
            uow.audit("integrity_check_failed", "database", None, None,
                      {"problem": problem[:500], "seconds": round(seconds, 1)})
        uow.commit()
