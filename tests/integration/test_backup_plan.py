"""The backup plan is checked and kept; the last good backup's time says when a backup is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, backup
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.audit_view import AuditFilter, audit_lines
from legalaid_desktop.services.backup_schedule import (
    BackupPlan,
    BackupStatus,
    backup_status,
    read_plan,
    save_plan,
)


def test_a_saved_plan_is_read_back_and_audited(app: Application, tmp_path: Path) -> None:
    save_plan(app.uow(), folder=str(tmp_path), schedule="daily", keep_daily=5, keep_weekly=3,
              folder_exists=True)
    assert read_plan(app.uow()) == BackupPlan(str(tmp_path), "daily", 5, 3)
    newest = audit_lines(app.uow(), filters=AuditFilter(), limit=1)[0]
    assert (newest.action, newest.entity) == ("update", "backup_plan")
    assert "schedule: off → daily" in newest.changes


@pytest.mark.parametrize(("folder", "schedule", "daily", "exists", "field"), [
    ("", "daily", 7, True, "backup folder"),
    ("/media/usb", "daily", 7, False, "backup folder"),
    ("/media/usb", "hourly", 7, True, "schedule"),
    ("/media/usb", "daily", 0, True, "keep daily"),
])
def test_a_plan_that_cannot_work_is_refused_naming_the_field(app: Application, folder: str, schedule: str,
                                                             daily: int, exists: bool, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        save_plan(app.uow(), folder=folder, schedule=schedule, keep_daily=daily, keep_weekly=4,
                  folder_exists=exists)
    assert refused.value.field == field
    assert read_plan(app.uow()) == BackupPlan()


def test_a_backup_records_when_it_was_made_and_a_daily_one_is_due_a_day_later(app: Application,
                                                                             tmp_path: Path) -> None:
    save_plan(app.uow(), folder=str(tmp_path), schedule="daily", keep_daily=7, keep_weekly=4,
              folder_exists=True)
    before = backup_status(app.uow())
    assert before.last_at is None and before.due(datetime.now(UTC)) and before.overdue(datetime.now(UTC))
    backup(app, tmp_path, keep_daily=7, keep_weekly=4)
    status = backup_status(app.uow())
    assert status.last_at is not None and status.last_path is not None
    assert Path(status.last_path).parent == tmp_path and Path(status.last_path).exists()
    now = status.last_at
    assert not status.due(now + timedelta(hours=23)) and status.due(now + timedelta(hours=24))
    assert not status.overdue(now + timedelta(hours=24, minutes=30))
    assert status.overdue(now + timedelta(hours=25, minutes=1))


def test_without_a_schedule_nothing_is_due_but_a_week_old_backup_is_still_warned_about() -> None:
    made = datetime(2026, 5, 1, tzinfo=UTC)
    status = BackupStatus(BackupPlan(), made, "/x/legalaid-backup.sqlite")
    assert not status.due(made + timedelta(days=30))
    assert not status.overdue(made + timedelta(days=6)) and status.overdue(made + timedelta(days=8))
