"""The database key: random (kept in the OS keyring) or derived from a passphrase, named by a key file."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import keyring
import keyring.backend
import keyring.errors

from legalaid_desktop.services.errors import DatabaseKeyError, DatabaseUnreadableError
from legalaid_desktop.storage.engine import key_opens

log = logging.getLogger(__name__)
SERVICE = "legalaid-desktop"
KEY_FILE_SUFFIX = ".key.json"
KEY_FILE_FORMAT = "legalaid-key/1"
SQLITE_HEADER = b"SQLite format 3\x00"
# scrypt at N=2^17, r=8 (128 MiB, about 0.3 s here): run once per process, since every connection then
# opens with the derived raw key in about 1 ms. A passphrase key would cost the KDF on each connection.
SCRYPT = {"name": "scrypt", "n": 2 ** 17, "r": 8, "p": 1}
MIN_PASSPHRASE = 10  # characters; the KDF slows guessing, it cannot make "1234" strong
UNSAFE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

Kind = Literal["raw", "passphrase"]
PromptReason = Literal["new", "open"]
PassphrasePrompt = Callable[[PromptReason], str | None]
"""Asks the user for a passphrase (a new one, or the one that opens the database); None: cancelled."""


@dataclass(frozen=True)
class DatabaseKey:
    """A 256-bit SQLCipher key and the id it is filed under. Its repr never shows the key."""

    key_id: str
    raw: bytes = field(repr=False)

    def sql_literal(self) -> str:
        """The key as SQLCipher's raw-key text, x'<64 hex>', for PRAGMA key and ATTACH ... KEY."""
        return f"x'{self.raw.hex()}'"

    def recovery_text(self) -> str:
        """The key as 64 hex digits in 8 groups, to print or save: it alone opens the database."""
        text = self.raw.hex().upper()
        return "-".join(text[i:i + 8] for i in range(0, 64, 8))


@dataclass(frozen=True)
class KeyEntry:
    """One key a database (or one of its older backups) is encrypted with: no secret in it."""

    key_id: str
    kind: Kind
    created: str
    kdf: dict[str, Any] | None = None
    retired: str | None = None


@dataclass(frozen=True)
class KeyFile:
    """The plain-text file beside the database naming its key; retired keys stay listed so that
    backups taken before a rekey still open."""

    database_id: str
    current: KeyEntry
    retired: tuple[KeyEntry, ...] = ()

    def entries(self) -> tuple[KeyEntry, ...]:
        return (self.current, *reversed(self.retired))


def key_file_path(database: Path) -> Path:
    return database.with_name(database.name + KEY_FILE_SUFFIX)


def file_state(path: Path) -> Literal["missing", "plain", "encrypted"]:
    """What the bytes say: no database yet (missing or empty), a plain SQLite file, or anything else
    (which this application only ever writes as an SQLCipher file)."""
    if not path.exists() or path.stat().st_size == 0:
        return "missing"
    with path.open("rb") as handle:
        return "plain" if handle.read(16) == SQLITE_HEADER else "encrypted"


def could_be_encrypted(path: Path) -> bool:
    """Whether a file that is not a plain SQLite database may be an SQLCipher one: whole pages (512 to
    65,536 bytes each, so a multiple of 512 bytes) beginning with 16 random bytes (the salt). A text
    file, a PDF or a spreadsheet is told apart; a random 16 bytes are all printable 1 time in 7 million."""
    size = path.stat().st_size
    if size < 512 or size % 512:
        return False
    with path.open("rb") as handle:
        salt = handle.read(16)
    return not all(32 <= byte < 127 or byte in b"\t\n\r" for byte in salt) and \
        not salt.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"))


def read_key_file(database: Path) -> KeyFile | None:
    path = key_file_path(database)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != KEY_FILE_FORMAT:
            raise ValueError(data.get("format"))
        return KeyFile(database_id=str(data["database_id"]), current=KeyEntry(**data["key"]),
                       retired=tuple(KeyEntry(**entry) for entry in data.get("retired", [])))
    except (ValueError, KeyError, TypeError):
        raise DatabaseKeyError(str(database), "key_file_unreadable") from None


def write_key_file(database: Path, key_file: KeyFile) -> None:
    """Written whole or not at all (temporary file, fsync, rename)."""
    data = {
        "format": KEY_FILE_FORMAT,
        "about": "Names the key of the legalaid database beside it. No secret is in this file: the key "
                 "is in the OS keyring (service legalaid-desktop, user = the key id) or is derived from "
                 "a passphrase with the parameters below.",
        "database_id": key_file.database_id,
        "key": _entry_data(key_file.current),
        "retired": [_entry_data(entry) for entry in key_file.retired],
    }
    path = key_file_path(database)
    partial = path.with_name(path.name + ".partial")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # as the database's folder (engine.py)
    partial.unlink(missing_ok=True)
    # Owner-only like the database: no secret in it, but nobody else needs to read which key it names.
    with open(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def copy_key_file(database: Path, other: Path) -> None:
    """`other` (a backup, a replaced database) is encrypted with `database`'s key: name it beside it."""
    key_file = read_key_file(database)
    if key_file is not None:
        write_key_file(other, key_file)


def _entry_data(entry: KeyEntry) -> dict[str, Any]:
    return {k: v for k, v in vars(entry).items() if v is not None}


# --- the keyring ----------------------------------------------------------------------------------

def unsafe_keyring() -> str | None:
    """Why the OS keyring cannot hold the key (its backend's name), or None when it can.

    The fail and null backends keep nothing; keyrings.alt's backends, once merely installed, are
    picked silently and keep secrets in a file: a key there would sit beside the database.
    """
    backend = keyring.get_keyring()
    chosen = getattr(backend, "backends", None)  # the chainer: safe when one of its backends is
    candidates = list(chosen) if chosen is not None else [backend]
    if any(not type(c).__module__.startswith(UNSAFE_BACKENDS) for c in candidates):
        return None
    return ", ".join(f"{type(c).__module__}.{type(c).__name__}" for c in candidates) or "none"


def store_key(key: DatabaseKey, where: Path | None = None) -> None:
    """Keep `key` in the OS keyring, or refuse (naming `where`, the database) when it is not safe."""
    reason = unsafe_keyring()
    if reason is not None:
        raise DatabaseKeyError(str(where or key.key_id), "no_safe_keyring", detail=reason)
    try:
        keyring.set_password(SERVICE, key.key_id, key.raw.hex())
    except keyring.errors.KeyringError as error:
        raise DatabaseKeyError(str(where or key.key_id), "no_safe_keyring",
                               detail=type(error).__name__) from None


def forget_key(key_id: str) -> None:
    """Delete a key that never encrypted anything (an encryption or a rekey that did not happen)."""
    if unsafe_keyring() is None:
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, key_id)


def stored_key(key_id: str) -> DatabaseKey | None:
    if unsafe_keyring() is not None:
        return None
    try:
        text = keyring.get_password(SERVICE, key_id)
    except keyring.errors.KeyringError:
        return None
    if not text:
        return None
    return DatabaseKey(key_id, bytes.fromhex(text))


# --- making and finding keys ----------------------------------------------------------------------

def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def derive(passphrase: str, kdf: dict[str, Any], key_id: str) -> DatabaseKey:
    salt = base64.b64decode(kdf["salt"])
    raw = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=int(kdf["n"]), r=int(kdf["r"]),
                         p=int(kdf["p"]), maxmem=256 * 1024 * 1024, dklen=32)
    return DatabaseKey(key_id, raw)


def passphrase_from(prompt: PassphrasePrompt | None, reason: PromptReason) -> str | None:
    """The passphrase from the environment or the user; a new one may come from
    LEGALAID_NEW_PASSPHRASE (a rekey needs both the old and the new)."""
    new = os.environ.get("LEGALAID_NEW_PASSPHRASE") if reason == "new" else None
    text = new or os.environ.get("LEGALAID_PASSPHRASE")
    if text:
        return text
    return prompt(reason) if prompt is not None else None


def new_key(database: Path, prompt: PassphrasePrompt | None,
            *, passphrase: str | None = None) -> tuple[DatabaseKey, KeyEntry]:
    """A fresh key: random and stored in the keyring, or derived from a passphrase when the keyring
    is not safe (or a passphrase is given). Nothing is written to disk here."""
    key_id = str(uuid.uuid4())
    if passphrase is None and unsafe_keyring() is None:
        key = DatabaseKey(key_id, secrets.token_bytes(32))
        store_key(key, database)
        return key, KeyEntry(key_id=key_id, kind="raw", created=now_text())
    text = passphrase or passphrase_from(prompt, "new")
    if not text:
        raise DatabaseKeyError(str(database), "no_passphrase", detail=unsafe_keyring() or "")
    if len(text) < MIN_PASSPHRASE:
        raise DatabaseKeyError(str(database), "weak_passphrase", detail=str(MIN_PASSPHRASE))
    kdf = {**SCRYPT, "salt": base64.b64encode(secrets.token_bytes(16)).decode("ascii")}
    return derive(text, kdf, key_id), KeyEntry(key_id=key_id, kind="passphrase", created=now_text(), kdf=kdf)


def current_key(database: Path, prompt: PassphrasePrompt | None) -> DatabaseKey:
    """The key that opens the encrypted `database`, from the keyring or the passphrase, checked."""
    key_file = read_key_file(database)
    if key_file is None:
        raise no_key_file(database)
    entry = key_file.current
    found: DatabaseKey | None
    if entry.kind == "raw":
        found = stored_key(entry.key_id)
        problem = "missing"
    else:
        assert entry.kdf is not None
        text = passphrase_from(prompt, "open")
        found = derive(text, entry.kdf, entry.key_id) if text else None
        problem = "no_passphrase"
    if found is None:
        found = _recovery_key_from_environment(database, entry.key_id)
        if found is None:
            raise DatabaseKeyError(str(database), problem, detail=unsafe_keyring() or "")
        return found
    key = found
    if not key_opens(database, key):
        for retired in reversed(key_file.retired):
            # A rekey stopped between writing the key file and changing the file: the key it
            # retired still opens it (and a new rekey finishes the change).
            old = stored_key(retired.key_id)
            if old is not None and key_opens(database, old):
                log.warning("%s still has its retired key %s; run legalaid rekey again",
                            database.name, retired.key_id)
                return old
        raise DatabaseKeyError(str(database), "wrong_passphrase" if entry.kind == "passphrase" else "wrong")
    return key


def open_key(database: Path, *, encryption: bool, prompt: PassphrasePrompt | None) -> DatabaseKey | None:
    """The key to open `database` with: None for a plain file; for a new database, a new key (kept
    in the keyring or from a passphrase) and its key file written before the database exists."""
    state = file_state(database)
    if state == "plain":
        return None
    if state == "encrypted":
        return current_key(database, prompt)
    if not encryption:
        return None
    existing = read_key_file(database)
    if existing is not None and existing.current.kind == "raw":
        # A database created a moment ago and never written (its first open stopped): its key stands.
        key = stored_key(existing.current.key_id)
        if key is not None:
            return key
    key, entry = new_key(database, prompt)
    write_key_file(database, new_key_file(entry))
    return key


def after_restore(database: Path, aside: Path, source: Path, key: DatabaseKey | None) -> None:
    """Key files after a restore: the replaced database kept aside keeps a copy of its key file, and a
    database that was plain or missing takes the restored backup's key and key file."""
    own = read_key_file(database)
    if aside.exists() and own is not None and file_state(aside) == "encrypted":
        copy_key_file(database, aside)
    if key is None or (own is not None and own.current.key_id == key.key_id):
        return
    theirs = read_key_file(source)
    if theirs is not None and theirs.current.key_id == key.key_id:
        write_key_file(database, theirs)
    else:
        write_key_file(database, new_key_file(KeyEntry(key_id=key.key_id, kind="raw", created=now_text())))
    if (theirs is None or theirs.current.kind == "raw") and stored_key(key.key_id) is None:
        store_key(key, database)


def no_key_file(database: Path) -> DatabaseUnreadableError:
    return DatabaseUnreadableError(
        str(database), f"is not a SQLite database: not a legalaid database, or an encrypted one whose key "
        f"file {key_file_path(database).name} is missing (then give its recovery key: legalaid key import)")


def _recovery_key_from_environment(database: Path, key_id: str) -> DatabaseKey | None:
    """LEGALAID_RECOVERY_KEY, when neither the keyring nor a passphrase gives the key (a machine
    without a safe keyring, where `legalaid rekey --passphrase` then sets a passphrase)."""
    text = os.environ.get("LEGALAID_RECOVERY_KEY")
    if not text:
        return None
    key = parse_recovery_text(text, key_id=key_id)
    if not key_opens(database, key):
        raise DatabaseKeyError(str(database), "wrong_recovery_key")
    return key


def known_keys(database: Path, prompt: PassphrasePrompt | None = None) -> Iterator[DatabaseKey]:
    """The keys an older backup of this database may need, made only as far as they are asked for:
    each key of its key file (current, then retired, newest first) this machine's keyring holds; the
    current key from the passphrase, where it is a passphrase key (LEGALAID_PASSPHRASE or `prompt`);
    and a recovery key given in LEGALAID_RECOVERY_KEY."""
    key_file = read_key_file(database)
    for entry in key_file.entries() if key_file else ():
        key = stored_key(entry.key_id)
        if key is not None:
            yield key
    if key_file is not None and key_file.current.kind == "passphrase" and key_file.current.kdf:
        text = passphrase_from(prompt, "open")
        if text:
            yield derive(text, key_file.current.kdf, key_file.current.key_id)
    recovery = os.environ.get("LEGALAID_RECOVERY_KEY")
    if recovery:
        yield parse_recovery_text(recovery, key_id=key_file.current.key_id if key_file else str(uuid.uuid4()))


def parse_recovery_text(text: str, *, key_id: str) -> DatabaseKey:
    """A recovery key as printed (groups, spaces, dashes and case do not matter)."""
    digits = re.sub(r"[\s\-:]", "", text)
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", digits):
        raise DatabaseKeyError("", "bad_recovery_key",
                               detail=f"{len(re.sub(r'[^0-9A-Fa-f]', '', digits))} hex digits")
    return DatabaseKey(key_id, bytes.fromhex(digits))


def new_key_file(key_entry: KeyEntry) -> KeyFile:
    return KeyFile(database_id=str(uuid.uuid4()), current=key_entry)


def retire(key_file: KeyFile, new_entry: KeyEntry) -> KeyFile:
    old = replace(key_file.current, retired=now_text())
    return KeyFile(database_id=key_file.database_id, current=new_entry, retired=(*key_file.retired, old))
