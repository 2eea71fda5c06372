"""The office's backup plan (a folder such as a USB drive, daily or not, how many to keep) and when the
last good backup was made: each value declared once here, kept in the database beside its data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require
from legalaid_desktop.services.ports import UnitOfWork

LAST_BACKUP_AT = "last_backup_at"
"""When the last checked backup was made (UTC, ISO form); written by app.backup with the backup."""
LAST_BACKUP_PATH = "last_backup_path"

FOLDER_KEY = "backup_folder"
SCHEDULE_KEY = "backup_schedule"
KEEP_DAILY_KEY = "backup_keep_daily"
KEEP_WEEKLY_KEY = "backup_keep_weekly"

SCHEDULES: dict[str, timedelta | None] = {"off": None, "daily": timedelta(days=1),
                                          "weekly": timedelta(days=7)}
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
MAX_KEEP = 366
UNSCHEDULED_WARNING = timedelta(days=7)
"""Without a schedule, a last backup older than this is still worth a warning."""


@dataclass(frozen=True)
class BackupPlan:
    """Where scheduled backups go, how often, and how many of the older ones are kept there."""

    folder: str | None = None
    schedule: str = "off"
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_weekly: int = DEFAULT_KEEP_WEEKLY

    @property
    def every(self) -> timedelta | None:
        return SCHEDULES[self.schedule] if self.folder else None


@dataclass(frozen=True)
class BackupStatus:
    """The plan, and the last good backup: when, where, and whether it is older than the plan wants."""

    plan: BackupPlan
    last_at: datetime | None
    last_path: str | None

    def due(self, now: datetime) -> bool:
        """A scheduled backup is due: none made yet, or the last one a whole period ago."""
        every = self.plan.every
        return every is not None and (self.last_at is None or now - self.last_at >= every)

    def overdue(self, now: datetime) -> bool:
        """Old enough to warn about: past its period by an hour's grace (a scheduled backup may be
        running), or a week old with no schedule; never backed up counts too."""
        if self.last_at is None:
            return True
        every = self.plan.every
        limit = every + timedelta(hours=1) if every is not None else UNSCHEDULED_WARNING
        return now - self.last_at > limit


def _whole(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def read_plan(uow: UnitOfWork) -> BackupPlan:
    with uow:
        return _plan(uow)


def _plan(uow: UnitOfWork) -> BackupPlan:
    schedule = uow.get_meta(SCHEDULE_KEY) or "off"
    return BackupPlan(folder=uow.get_meta(FOLDER_KEY) or None,
                      schedule=schedule if schedule in SCHEDULES else "off",
                      keep_daily=_whole(uow.get_meta(KEEP_DAILY_KEY), DEFAULT_KEEP_DAILY),
                      keep_weekly=_whole(uow.get_meta(KEEP_WEEKLY_KEY), DEFAULT_KEEP_WEEKLY))


def backup_status(uow: UnitOfWork) -> BackupStatus:
    with uow:
        raw = uow.get_meta(LAST_BACKUP_AT)
        try:
            last = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            last = None
        return BackupStatus(_plan(uow), last, uow.get_meta(LAST_BACKUP_PATH))


def save_plan(uow: UnitOfWork, *, folder: str | None, schedule: str, keep_daily: int,
              keep_weekly: int, folder_exists: bool) -> BackupPlan:
    """Check and keep the plan (audited; coordinators and administrators). A schedule needs a folder
    that exists now (`folder_exists`: the caller looked, since services do not touch the disk); a
    drive unplugged later is retried."""
    chosen = (folder or "").strip() or None
    if schedule not in SCHEDULES:
        raise ValidationError("schedule", schedule, "one of " + ", ".join(SCHEDULES))
    if schedule != "off" and chosen is None:
        raise ValidationError("backup folder", None, "a folder for the scheduled backups (a USB drive, "
                              "say), or the schedule 'off'")
    if chosen is not None and not folder_exists:
        raise ValidationError("backup folder", chosen, "an existing folder (is the drive plugged in?)")
    for name, value in (("keep daily", keep_daily), ("keep weekly", keep_weekly)):
        if not 1 <= value <= MAX_KEEP:
            raise ValidationError(name, str(value), f"a whole number from 1 to {MAX_KEEP}")
    plan = BackupPlan(chosen, schedule, keep_daily, keep_weekly)
    with uow:
        require(uow, Permission.BACKUP, entity="backup_plan")
        before = _plan(uow)
        uow.set_meta(FOLDER_KEY, chosen or "")
        uow.set_meta(SCHEDULE_KEY, schedule)
        uow.set_meta(KEEP_DAILY_KEY, str(keep_daily))
        uow.set_meta(KEEP_WEEKLY_KEY, str(keep_weekly))
        uow.audit("update", "backup_plan", None, vars(before), vars(plan))
        uow.commit()
    return plan
