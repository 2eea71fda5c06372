"""Whether the last session with a database ended cleanly, and the check of the file when it did not.

Each process that opens a database leaves a mark beside it (`NAME.sessions/HOST-PID-RANDOM.open`)
and holds the mark's file locked until it ends; a clean end deletes it. The operating system drops
the lock of a process that dies (a kill, a crash, a power cut), so a mark that can be locked at the
next start is one whose owner ended without closing: the database is checked (SQLite's quick_check,
and SQLCipher's HMAC of every page when encrypted) before anything else reads or writes it. Marks
of processes still running stay locked and are left alone, so two programs on one database do not
check each other.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import secrets
import socket
import sys
from pathlib import Path
from typing import IO, Any

from legalaid_desktop.storage.engine import connect_raw, is_database_error
from legalaid_desktop.storage.keys import DatabaseKey

log = logging.getLogger(__name__)
SUFFIX = ".sessions"
_MARKS: dict[Path, SessionMark] = {}
"""This process's marks, one per database however often it is opened."""


def _lock(handle: IO[bytes]) -> bool:
    """Lock the whole file for this process without waiting; False when another holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def sessions_folder(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


class SessionMark:
    """This process's mark beside a database, locked while it lives; `end()` removes it."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    def end(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        for database, mark in list(_MARKS.items()):
            if mark is self:
                del _MARKS[database]
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        _unlock(handle)
        handle.close()
        with contextlib.suppress(OSError):
            self.path.parent.rmdir()  # only when no other session's mark is left in it


def begin_session(database: Path) -> tuple[SessionMark | None, list[Path]]:
    """Mark this process as using `database`; the marks of earlier sessions that ended without
    closing it.

    Those stale marks stay until `clear_stale` (once the file checked sound): a file found damaged
    is checked again at every start. Where no mark can be written (a read-only folder), there is
    no mark and no check: (None, []).
    """
    database = database.resolve()
    if database in _MARKS:
        return _MARKS[database], []  # opened again by this process: it checked the first time
    folder = sessions_folder(database)
    stale: list[Path] = []
    try:
        folder.mkdir(exist_ok=True)
        for other in folder.glob("*.open"):
            try:
                with other.open("r+b") as held:
                    if not _lock(held):
                        continue  # its process still runs
                    _unlock(held)
            except FileNotFoundError:
                continue  # ended cleanly while we looked
            stale.append(other)
            log.warning("an earlier session with %s did not end cleanly (%s)", database, other.name)
        name = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}.open"
        path = folder / name
        handle: IO[bytes] = path.open("w+b")
    except OSError as error:
        log.info("no session mark beside %s (%s): no check after an unclean end", database, error)
        return None, []
    handle.write(b"x")
    handle.flush()
    if not _lock(handle):  # cannot happen for a file just made with a random name; be safe
        handle.close()
        path.unlink(missing_ok=True)
        return None, stale
    mark = _MARKS[database] = SessionMark(path, handle)
    return mark, stale


def clear_stale(stale: list[Path]) -> None:
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


@atexit.register
def end_all_sessions() -> None:
    """A clean end: every mark of this process removed (also between tests, which open hundreds)."""
    for mark in list(_MARKS.values()):
        mark.end()


def check_database(database: Path, key: DatabaseKey | None) -> str | None:
    """The first problem SQLite (and SQLCipher, when encrypted) finds in the file; None when sound.

    quick_check reads every page and checks the b-trees without comparing indexes to their
    tables (integrity_check does, at several times the cost); SQLCipher's check verifies every
    page's HMAC, so a changed byte anywhere is found.
    """
    try:
        connection: Any = connect_raw(database, key)
        try:
            result = connection.execute("PRAGMA quick_check").fetchall()
            if result != [("ok",)]:
                return str(result[0][0])
            if key is not None:
                damaged = connection.execute("PRAGMA cipher_integrity_check").fetchall()
                if damaged:
                    return str(damaged[0][0])
            return None
        finally:
            connection.close()
    except Exception as error:
        if not is_database_error(error):
            raise
        return str(error)


def last_backup(database: Path, key: DatabaseKey | None, meta_key: str) -> str | None:
    """The last good backup the database recorded, when its file can still tell (it may not)."""
    try:
        connection: Any = connect_raw(database, key, readonly=True)
        try:
            row = connection.execute("SELECT value FROM meta_info WHERE key = ?", (meta_key,)).fetchone()
        finally:
            connection.close()
    except Exception:  # a damaged file may not answer at all
        return None
    return str(row[0]) if row and row[0] else None
