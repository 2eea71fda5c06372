"""Backups that work: a consistent copy taken while the database is in use, checked before it counts,
and a restore that checks the copy before it replaces anything and keeps the replaced file aside."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from alembic.script import ScriptDirectory

from legalaid_desktop.services.errors import (
    DatabaseBusyError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
)
from legalaid_desktop.storage.engine import DatabaseLocation, create_private
from legalaid_desktop.storage.migrate import SQLITE_HEADER, alembic_config

BACKUP_NAME = re.compile(r"^legalaid-backup-(\d{8})-(\d{6})\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds."""

    path: Path
    revision: str | None
    cases: int
    size: int


def backup_name(at: datetime) -> str:
    return f"legalaid-backup-{at.astimezone(UTC):%Y%m%d-%H%M%S}.sqlite"


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def check_backup(path: Path) -> BackupInfo:
    """A copy that is a whole, readable legalaid database of this version or an older one."""
    if not path.is_file():
        raise DatabaseUnreadableError(str(path), "does not exist")
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseUnreadableError(str(path), "is not a legalaid database or backup")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise DatabaseUnreadableError(str(path), f"is damaged ({result[0][0]})")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            cases = connection.execute("SELECT count(*) FROM legal_case").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnreadableError(str(path), f"cannot be read ({error})") from None
    known = revision[0] if revision else None
    if known is not None:
        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(known)
        except Exception:
            raise DatabaseTooNewError(str(path), known) from None
    return BackupInfo(path=path, revision=known, cases=int(cases), size=path.stat().st_size)


def backup_database(location: DatabaseLocation, target: Path) -> BackupInfo:
    """Copy the database to `target` while others go on writing; the copy is checked, then renamed
    into place, so `target` is either a good backup or not there at all."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a backup that was stopped
    create_private(partial)  # readable by its owner only, like the database
    source = sqlite3.connect(location.path, timeout=10)
    try:
        dest = sqlite3.connect(partial)
        try:
            # One step: it reads a single snapshot, which in WAL mode holds no writer back; a copy in
            # steps would start again whenever someone commits meanwhile.
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    try:
        _fsync(partial)
        info = check_backup(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return BackupInfo(path=target, revision=info.revision, cases=info.cases, size=info.size)


def restore_database(location: DatabaseLocation, source: Path, *, now: datetime) -> Path:
    """Put a checked backup in the database's place; returns where the replaced database was kept.

    Refused, with nothing changed, when the backup is damaged, newer than this version, or another
    program is using the database.
    """
    check_backup(source)
    current = location.path
    aside = current.with_name(f"{current.stem}.replaced-{now.astimezone(UTC):%Y%m%d-%H%M%S}{current.suffix}")
    incoming = current.with_name(current.name + ".restoring")
    incoming.unlink(missing_ok=True)
    create_private(incoming)
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(incoming)
        try:
            reader.backup(dest)
        finally:
            dest.close()
    finally:
        reader.close()
    _fsync(incoming)
    if current.exists():
        holder = sqlite3.connect(current, timeout=2)
        try:
            try:
                holder.execute("BEGIN EXCLUSIVE")
            except sqlite3.OperationalError:
                incoming.unlink(missing_ok=True)
                raise DatabaseBusyError() from None
            holder.execute("ROLLBACK")
            holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            holder.close()
        os.replace(current, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(current) + suffix).unlink(missing_ok=True)
    os.replace(incoming, current)
    return aside


def prune_backups(folder: Path, *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Delete the backups in `folder` no longer kept: the newest of each of the last `keep_daily`
    days and of each of the last `keep_weekly` ISO weeks stay. Only files this program named go."""
    found: list[tuple[datetime, Path]] = []
    for path in folder.iterdir():
        match = BACKUP_NAME.match(path.name)
        if match:
            found.append((datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S"), path))
    found.sort(reverse=True)
    keep: set[Path] = set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for at, path in found:
        day, week = at.date(), at.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(path)
    removed = [path for _, path in found if path not in keep]
    for path in removed:
        path.unlink()
    return removed
