"""Backups that work: a consistent copy taken while the database is in use, checked before it counts,
and a restore that checks the copy before it replaces anything and keeps the replaced file aside."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from legalaid_desktop.services.errors import (
    DatabaseBusyError,
    DatabaseKeyError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    InputFileError,
)
from legalaid_desktop.storage.engine import (
    DatabaseLocation,
    connect_raw,
    create_private,
    is_database_error,
    key_opens,
)
from legalaid_desktop.storage.keys import (
    DatabaseKey,
    copy_key_file,
    could_be_encrypted,
    file_state,
    key_file_path,
)
from legalaid_desktop.storage.migrate import alembic_config, known_revisions

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


def check_backup_file(path: Path) -> None:
    """Refuse at once, before a key or a password is asked for, a file to restore that cannot be a
    backup at all: none there, a folder, an empty file, or one neither SQLite nor SQLCipher (a text
    file, a spreadsheet); InputFileError says which."""
    if not path.exists():
        raise InputFileError(str(path), "there is no file there (check the path; backups are named like "
                                        "legalaid-backup-20261129-180000.sqlite)")
    if path.is_dir():
        raise InputFileError(str(path), "it is a folder; give the backup file in it")
    state = file_state(path)
    if state == "missing":
        raise InputFileError(str(path), "it is empty, not a legalaid database backup")
    if state == "encrypted" and not could_be_encrypted(path):
        raise InputFileError(str(path), "it is not a legalaid database backup (it is not an SQLite or "
                                        "SQLCipher file)")


def key_of(path: Path, keys: Iterable[DatabaseKey]) -> DatabaseKey | None:
    """Which of `keys` opens the file (None: the file is plain), trying them in order (a key retired
    since the backup was taken, a passphrase asked for, only when the earlier ones did not)."""
    check_backup_file(path)
    if file_state(path) == "plain":
        return None
    tried = False
    for key in keys:
        tried = True
        if key_opens(path, key):
            return key
    raise DatabaseKeyError(str(path), "wrong" if tried else "missing")


def check_backup(path: Path, keys: Sequence[DatabaseKey] = ()) -> BackupInfo:
    """A copy that is a whole, readable legalaid database of this version or an older one (opened
    with one of `keys` when it is encrypted; every page's HMAC is checked then)."""
    key = key_of(path, keys)
    try:
        connection = connect_raw(path, key, readonly=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise DatabaseUnreadableError(str(path), f"is damaged ({result[0][0]})")
            if key is not None:
                # Each page's HMAC: a changed byte anywhere is caught, also in pages no query reads.
                damaged = connection.execute("PRAGMA cipher_integrity_check").fetchall()
                if damaged:
                    raise DatabaseUnreadableError(str(path), f"is damaged ({damaged[0][0]})")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            cases = connection.execute("SELECT count(*) FROM legal_case").fetchone()[0]
        finally:
            connection.close()
    except Exception as error:
        if not is_database_error(error):
            raise
        raise DatabaseUnreadableError(str(path), f"cannot be read ({error})") from None
    known = revision[0] if revision else None
    quick = known_revisions()
    if known is not None and not (quick is not None and known in quick[0]):
        from alembic.script import ScriptDirectory

        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(known)
        except Exception:
            raise DatabaseTooNewError(str(path), known) from None
    return BackupInfo(path=path, revision=known, cases=int(cases), size=path.stat().st_size)


def copy_database(source: Path, source_key: DatabaseKey | None, target: Path,
                  target_key: DatabaseKey | None) -> None:
    """Copy one consistent snapshot of `source` into the new file `target`, encrypted with
    `target_key` (or plain when None).

    The online backup API copies between two plain files or two encrypted ones (SQLCipher
    re-encrypts each page, so the keys may differ); between a plain and an encrypted file only
    sqlcipher_export can, through one sqlcipher3 connection with the target attached.
    """
    create_private(target)  # readable by its owner only, like the database
    if (source_key is None) == (target_key is None):
        reader = connect_raw(source, source_key, timeout=10)
        try:
            dest = connect_raw(target, target_key)
            try:
                # One step: it reads a single snapshot, which in WAL mode holds no writer back; a copy
                # in steps would start again whenever someone commits meanwhile.
                reader.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                dest.close()
        finally:
            reader.close()
        return
    reader = connect_raw(source, source_key, timeout=10, through_sqlcipher=True)
    try:
        reader.isolation_level = None
        # Bound parameters: the key is never part of a statement's text.
        reader.execute("ATTACH DATABASE ? AS target KEY ?",
                       (str(target), target_key.sql_literal() if target_key else ""))
        reader.execute("BEGIN")  # one snapshot of the source for the whole export
        reader.execute("SELECT sqlcipher_export('target')")
        reader.execute("COMMIT")
        reader.execute("DETACH DATABASE target")
    finally:
        reader.close()


def backup_database(location: DatabaseLocation, target: Path, key: DatabaseKey | None = None) -> BackupInfo:
    """Copy the database to `target` while others go on writing, encrypted with the database's own
    key; the copy is checked, then renamed into place, so `target` is either a good backup or not
    there at all. An encrypted database's key file is copied beside the backup (it holds no secret;
    it names the key a new machine will need)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a backup that was stopped
    try:
        copy_database(location.path, key, partial, key)
        _fsync(partial)
        info = check_backup(partial, [key] if key else [])
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if key is not None:
        copy_key_file(location.path, target)
    os.replace(partial, target)
    return BackupInfo(path=target, revision=info.revision, cases=info.cases, size=info.size)


def restore_database(location: DatabaseLocation, source: Path, *, now: datetime,
                     source_key: DatabaseKey | None = None, current_key: DatabaseKey | None = None,
                     target_key: DatabaseKey | None = None) -> Path:
    """Put a checked backup in the database's place, encrypted with `target_key` (the database's
    current key, even when the backup was taken under a retired one); returns where the replaced
    database was kept.

    Refused, with nothing changed, when the backup is damaged, newer than this version, or another
    program is using the database (`current_key` opens the database being replaced).
    """
    check_backup(source, [source_key] if source_key else [])
    current = location.path
    aside = current.with_name(f"{current.stem}.replaced-{now.astimezone(UTC):%Y%m%d-%H%M%S}{current.suffix}")
    incoming = current.with_name(current.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        copy_database(source, source_key, incoming, target_key)
        _fsync(incoming)
        check_backup(incoming, [target_key] if target_key else [])
    except BaseException:
        incoming.unlink(missing_ok=True)  # for a plain database it would be a loose plain copy
        raise
    holder = None
    try:
        if current.exists() and current.stat().st_size > 0:
            holder = connect_raw(current, current_key, timeout=2)
            holder.isolation_level = None
            # Leaving WAL mode succeeds only when no other connection has the file open, even an idle
            # one (BEGIN EXCLUSIVE would not see it, and its later writes would go to a WAL file
            # deleted here); it also folds the WAL into the file kept aside.
            try:
                mode = holder.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
                holder.execute("PRAGMA locking_mode = EXCLUSIVE")
                holder.execute("BEGIN EXCLUSIVE")
            except Exception as error:
                if not is_database_error(error):
                    raise
                mode = "busy"
            if str(mode).lower() != "delete":
                raise DatabaseBusyError()
            if os.name == "nt":  # Windows cannot rename a file that is open
                holder.close()
                holder = None
            os.replace(current, aside)
            for suffix in ("-wal", "-shm"):
                Path(str(current) + suffix).unlink(missing_ok=True)
        os.replace(incoming, current)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    finally:
        if holder is not None:
            holder.close()
    return aside


def prune_backups(folder: Path, *, keep_daily: int, keep_weekly: int,
                  always_keep: Path | None = None) -> list[Path]:
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
    if always_keep is not None:
        keep.add(always_keep)  # the backup just made is never the one deleted
    removed = [path for _, path in found if path not in keep]
    for path in removed:
        path.unlink()
        key_file_path(path).unlink(missing_ok=True)
    return removed
