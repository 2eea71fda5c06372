"""Changing a database's key: import a recovery key, rekey, encrypt a plain database in place."""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from legalaid_desktop.services.errors import DatabaseBusyError, DatabaseKeyError
from legalaid_desktop.storage.backup import check_backup
from legalaid_desktop.storage.engine import connect_raw, create_private, is_database_error, key_opens
from legalaid_desktop.storage.keys import (
    DatabaseKey,
    KeyEntry,
    PassphrasePrompt,
    current_key,
    file_state,
    forget_key,
    key_file_path,
    new_key,
    new_key_file,
    now_text,
    parse_recovery_text,
    read_key_file,
    retire,
    store_key,
    write_key_file,
)


def import_recovery_key(database: Path, text: str) -> DatabaseKey:
    """Check that the recovery key opens `database`, then keep it in this machine's keyring (a new
    machine, a reinstalled one, or a database copied without its key file)."""
    if file_state(database) != "encrypted":
        raise DatabaseKeyError(str(database), "not_encrypted")
    key_file = read_key_file(database)
    try:
        key = parse_recovery_text(text, key_id=key_file.current.key_id if key_file else str(uuid.uuid4()))
    except DatabaseKeyError as error:
        raise DatabaseKeyError(str(database), error.problem, detail=error.detail) from None
    if not key_opens(database, key):
        raise DatabaseKeyError(str(database), "wrong_recovery_key")
    # Kept as a raw key from now on, even when it was first derived from a passphrase: the keyring
    # holding it is what makes the passphrase unnecessary on this machine.
    store_key(key, database)
    if key_file is None:
        key_file = new_key_file(KeyEntry(key_id=key.key_id, kind="raw", created=now_text()))
    elif key_file.current.kind == "passphrase":
        key_file = replace(key_file, current=replace(key_file.current, kind="raw", kdf=None))
    write_key_file(database, key_file)
    return key


def _alone(connection: Any, database: Path) -> None:
    """Leave WAL mode, which SQLite allows only when no other connection has the file open: the
    check that no other window or program is using the database while its key changes."""
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except Exception as error:
        if not is_database_error(error):
            raise
        mode = "busy"
    if str(mode).lower() != "delete":
        raise DatabaseBusyError()


def rekey_database(database: Path, prompt: PassphrasePrompt | None, *,
                   passphrase: str | None = None) -> DatabaseKey:
    """Encrypt `database` with a new key (random in the keyring, or from `passphrase`).

    The old key is retired, not deleted: it stays in the keyring under its own id and in the key
    file's list, so backups taken before still open. The key file names the new key before the
    file changes; a crash in between leaves a file the retired key still opens (current_key tries it).
    """
    old = current_key(database, prompt)
    key_file = read_key_file(database)
    assert key_file is not None
    key, entry = new_key(database, prompt, passphrase=passphrase)
    connection = connect_raw(database, old)
    try:
        connection.isolation_level = None
        try:
            _alone(connection, database)
        except DatabaseBusyError:
            forget_key(key.key_id)  # never used: no backup can need it
            raise
        write_key_file(database, retire(key_file, entry))
        connection.execute(f'PRAGMA rekey = "{key.sql_literal()}"')  # never logged: not via SQLAlchemy
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()
    if not key_opens(database, key):  # pragma: no cover - SQLCipher reports a failed rekey itself
        write_key_file(database, key_file)
        raise DatabaseKeyError(str(database), "wrong")
    return key


def encrypt_database(database: Path, prompt: PassphrasePrompt | None, *, passphrase: str | None = None,
                     keep_plain: Path | None = None) -> DatabaseKey:
    """Turn the plain `database` into an encrypted one in place, losing nothing to a crash.

    The encrypted copy is written beside it (sqlcipher_export), checked whole, fsynced, and only then
    renamed over the plain file; until that rename the plain file is the database, untouched. No
    plain copy is kept unless asked (`keep_plain`): one would defeat the purpose. The replaced plain
    file is overwritten with zeros through a handle kept open across the rename, which is best effort
    only (an SSD or a copy-on-write file system may keep old blocks).
    """
    if file_state(database) != "plain":
        raise DatabaseKeyError(str(database), "already_encrypted" if file_state(database) == "encrypted"
                               else "not_encrypted")
    incoming = database.with_name(database.name + ".encrypting")
    incoming.unlink(missing_ok=True)  # left by an encryption that was stopped
    key, entry = new_key(database, prompt, passphrase=passphrase)
    old_key_file = key_file_path(database).read_bytes() if key_file_path(database).exists() else None
    source = connect_raw(database, None, through_sqlcipher=True)  # one SQLite library for both files
    try:
        source.isolation_level = None
        _alone(source, database)
        create_private(incoming)
        source.execute("ATTACH DATABASE ? AS target KEY ?", (str(incoming), key.sql_literal()))
        # Held until this connection closes: nobody writes to the plain file while it is copied.
        source.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        source.execute("BEGIN EXCLUSIVE")
        source.execute("SELECT sqlcipher_export('target')")
        source.execute("COMMIT")
        source.execute("DETACH DATABASE target")
        _fsync(incoming)
        check_backup(incoming, [key])
        write_key_file(database, new_key_file(entry))
        if keep_plain is not None:
            create_private(keep_plain)
            backup_to = connect_raw(keep_plain, None, through_sqlcipher=True)
            try:
                source.backup(backup_to)
            finally:
                backup_to.close()
            _fsync(keep_plain)
    except BaseException:
        source.close()
        incoming.unlink(missing_ok=True)
        _put_back(database, old_key_file)
        forget_key(key.key_id)  # the plain file is still the database: nothing is encrypted with it
        raise
    source.close()
    # Windows cannot rename over a file that is open, so the wipe through a handle is POSIX only.
    plain = os.open(database, os.O_RDWR) if os.name == "posix" else None
    try:
        try:
            _rename(incoming, database)
        except BaseException:
            incoming.unlink(missing_ok=True)
            _put_back(database, old_key_file)
            forget_key(key.key_id)
            raise
        _fsync_folder(database.parent)
        if plain is not None:
            with contextlib.suppress(OSError):
                _wipe(plain)
    finally:
        if plain is not None:
            os.close(plain)
    return key


def _rename(source: Path, target: Path) -> None:
    """The one step that makes the encrypted file the database (a test fails it on purpose)."""
    os.replace(source, target)


def _put_back(database: Path, key_file: bytes | None) -> None:
    """After a stopped encryption the plain file is still the database: its key file goes back."""
    path = key_file_path(database)
    if key_file is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(key_file)


def _wipe(handle: int) -> None:
    size = os.fstat(handle).st_size
    os.lseek(handle, 0, os.SEEK_SET)
    zeros = bytes(1 << 16)
    done = 0
    while done < size:
        done += os.write(handle, zeros[:min(len(zeros), size - done)])
    os.fsync(handle)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """The rename itself must survive a power cut (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)

