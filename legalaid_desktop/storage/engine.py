"""Where the database is and how every connection to it is set up."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]  # ships no type information
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from legalaid_desktop.services.errors import DatabaseLocationError

if TYPE_CHECKING:
    from legalaid_desktop.storage.keys import DatabaseKey

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs",
                       "fuse.rclone", "davfs", "fuse.davfs2"}


@dataclass(frozen=True)
class DatabaseLocation:
    """A SQLite file the application may open."""

    path: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def resolve_location(path_or_url: str) -> DatabaseLocation:
    """Turn `--db` into a location, refusing what this version cannot open, with the reason."""
    text = path_or_url.strip()
    if not text:
        raise DatabaseLocationError(text, "empty", "a file path such as legalaid.sqlite")
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError:
            raise DatabaseLocationError(text, "unreadable URL",
                                        "a file path or a sqlite:///PATH URL") from None
        if url.get_backend_name() != "sqlite":
            raise DatabaseLocationError(
                text, f"{url.get_backend_name()} is not supported yet",
                "a SQLite file path; the PostgreSQL office mode is planned but not built")
        if not url.database or url.database == ":memory:":
            raise DatabaseLocationError(text, "no file in the URL", "sqlite:///PATH/TO/FILE.sqlite")
        text = url.database
    path = Path(text).expanduser()
    if path.exists() and path.is_dir():
        raise DatabaseLocationError(str(path), "is a folder", "a file path such as legalaid.sqlite")
    path = path.resolve()
    share = network_share_of(path)
    if share:
        raise DatabaseLocationError(
            str(path), f"is on a network share ({share})",
            "a folder on this computer's own disk: SQLite's locking is unreliable on shares")
    return DatabaseLocation(path)


def network_share_of(path: Path) -> str | None:
    """The network filesystem `path` lives on, or None when it is local (best effort)."""
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\"):
            return "UNC path"
        try:
            import ctypes

            drive_type = ctypes.windll.kernel32.GetDriveTypeW(text[:3])  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return None
        return "network drive" if drive_type == 4 else None
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return None
    best = ("", "")
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        probe = path if path.exists() else path.parent
        if (str(probe) == mount_point or str(probe).startswith(mount_point.rstrip("/") + "/")) \
                and len(mount_point) > len(best[0]):
            best = (mount_point, parts[2])
    return best[1] if best[1] in NETWORK_FILESYSTEMS else None


def make_folder(path: Path) -> Path | None:
    """Make the missing folder of a new database file (readable by its owner only), before a key file,
    a session mark or the file itself is written there: the folder made, or None when it existed.

    A folder that cannot be made (a file in the way, no permission, a read-only or special file
    system) is a DatabaseLocationError naming the folder and why, not an internal error.
    """
    folder = path.parent
    if folder.is_dir():
        return None
    expected = "a file in an existing folder, or in one that can be created (check --db)"
    blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        why = f"its folder {folder} is a file, not a folder" if blocking == folder else (
            f"its folder {folder} cannot be created: {blocking} is a file, not a folder")
        raise DatabaseLocationError(str(path), why, expected)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseLocationError(str(path), f"the folder {folder} does not exist and cannot be created "
                                    f"({error.strerror or error})", expected) from None
    return folder


def create_private(path: Path) -> None:
    """Make the database file (and a missing folder) readable by its owner only.

    SQLite would create it with the process umask (often world-readable); its -wal and -shm
    files take the database file's permissions.
    """
    if path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # someone else created it meanwhile
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not manage transactions itself: it would run reads outside any transaction
    # and begin only at the first write, so a value read before it (the audit chain's head, the
    # next key) could be stale by then. SQLAlchemy's "begin" event below issues BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a power cut must not lose an acknowledged commit (NORMAL can, in WAL mode).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def connect_raw(path: Path, key: DatabaseKey | None, *, readonly: bool = False, timeout: float = 10.0,
                through_sqlcipher: bool = False) -> Any:
    """A DB-API connection to the file with the driver its form needs: the one way into a database
    file outside the engine.

    Plain files go through the standard sqlite3 module and encrypted ones through sqlcipher3, so
    one process never holds the same file through two SQLite libraries (whose POSIX locks do not
    see each other: a documented way to corrupt a database). An encrypted connection is checked
    here: a wrong key raises sqlcipher3's DatabaseError at once, not at the first query.
    `through_sqlcipher` opens a plain file with sqlcipher3, to export it to an encrypted one (only
    while no plain connection holds it).
    """
    target = f"file:{path}?mode=ro" if readonly else str(path)
    if key is None and not through_sqlcipher:
        return sqlite3.connect(target, timeout=timeout, uri=readonly, check_same_thread=False)
    connection = sqlcipher.connect(target, timeout=timeout, uri=readonly, check_same_thread=False)
    try:
        # Its own stderr line on a wrong key would reach the user's terminal; our message says it.
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key is None:
            return connection
        # A PRAGMA takes no bound parameters. The text goes straight to the driver: SQLAlchemy
        # never sees it, so no echo, log line or error message of ours can carry it.
        connection.execute(f'PRAGMA key = "{key.sql_literal()}"')
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # SQLite's temporary files (big sorts, temporary tables) are not encrypted: keep them in
        # memory. sqlcipher3's build defaults to memory already (TEMP_STORE=2); this keeps it so.
        connection.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        connection.close()
        raise
    return connection


def key_opens(path: Path, key: DatabaseKey) -> bool:
    try:
        connect_raw(path, key, readonly=True).close()
    except sqlcipher.DatabaseError:
        return False
    return True


def is_database_error(error: BaseException) -> bool:
    """Either driver's DatabaseError (a damaged file, a wrong key, a full disk)."""
    return isinstance(error, sqlite3.DatabaseError | sqlcipher.DatabaseError)


def make_engine(location: DatabaseLocation, key: DatabaseKey | None = None) -> Engine:
    """An engine on the file: plain SQLite, or SQLCipher with `key` (the same pragmas either way)."""
    create_private(location.path)
    # hide_parameters: an error's text must never carry detainees' data into the log file.
    if key is None:
        engine = create_engine(location.url, hide_parameters=True)
    else:
        # The file URL (not "sqlite://") keeps the pool a QueuePool, as for a plain file.
        engine = create_engine(location.url, hide_parameters=True, module=sqlcipher,
                               creator=lambda: connect_raw(location.path, key))
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(connection: Connection) -> None:
    """Start every transaction explicitly, so its reads and writes share one snapshot."""
    connection.exec_driver_sql("BEGIN")


def environment_db() -> str | None:
    return os.environ.get("LEGALAID_DB") or None
