"""The composition root: paths, settings, logging, engine, migrations and services (no Qt here)."""

from __future__ import annotations

import gc
import getpass
import itertools
import logging
import logging.handlers
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir, user_log_dir

from legalaid_desktop.domain.access import Permission, Principal, SignInRefused
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.i18n import _
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services.access import require
from legalaid_desktop.services.backup_schedule import LAST_BACKUP_AT, LAST_BACKUP_PATH
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.deadlines import (
    BatchCompute,
    Closures,
    DeadlineBook,
    LeadTimes,
    deadlines_stale,
    encoded_batch,
    recompute_all,
    recompute_spells,
)
from legalaid_desktop.services.errors import (
    BackupUnusableError,
    DatabaseDamagedError,
    DatabaseKeyError,
    DatabaseLocationError,
    DatabaseUnreadableError,
)
from legalaid_desktop.services.ports import EncodedDeadlines, UnitOfWork
from legalaid_desktop.services.users import any_accounts, authenticate
from legalaid_desktop.storage import encryption, keys
from legalaid_desktop.storage.backup import (
    BackupInfo,
    backup_database,
    backup_name,
    check_backup,
    check_backup_file,
    key_of,
    prune_backups,
    restore_database,
)
from legalaid_desktop.storage.engine import (
    DatabaseLocation,
    environment_db,
    make_engine,
    make_folder,
    resolve_location,
)
from legalaid_desktop.storage.integrity import begin_session, check_database, clear_stale, last_backup
from legalaid_desktop.storage.keys import DatabaseKey, PassphrasePrompt
from legalaid_desktop.storage.migrate import migrate
from legalaid_desktop.storage.uow import SqlUnitOfWork, session_factory

APP_NAME = "legalaid-desktop"
APP_AUTHOR = "legalaid"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_NAME, APP_AUTHOR)) / "legalaid.sqlite"


def log_file() -> Path:
    folder = Path(os.environ.get("LEGALAID_LOG_DIR") or user_log_dir(APP_NAME, APP_AUTHOR))
    return folder / "legalaid.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file (never to the user's screen); returns its path."""
    path = log_file()
    root = logging.getLogger()
    if any(getattr(h, "_legalaid", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._legalaid = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


def current_actor() -> str:
    explicit = os.environ.get("LEGALAID_USER")
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Application:
    """An opened database with its services' unit-of-work factory, acting for `principal`.

    `actor` is the principal's name. A database without accounts acts for an unmanaged administrator
    (the computer's user); once an account exists, each unit of work of an unmanaged application is
    refused with SignInRefused("needs_credentials") and `sign_in` gives a signed-in copy.
    """

    location: DatabaseLocation
    revision_before: str | None
    revision: str
    uow: Callable[[], UnitOfWork]
    catalogue: Catalogue
    actor: str
    deadline_book: DeadlineBook
    key: DatabaseKey | None = field(default=None, repr=False)
    """The key of an encrypted database (None: a plain one); kept in memory only."""
    dispose: Callable[[], None] = field(default=lambda: None, repr=False)
    """Closes every pooled connection (before a rekey, an encrypt or a restore of this file)."""
    principal: Principal = field(default_factory=lambda: Principal.unmanaged_admin(current_actor()))
    unit_for: Callable[[Principal], UnitOfWork] | None = field(default=None, repr=False)
    """Makes a unit of work acting for a principal (sign-in binds a copy of the application with it)."""

    def accounts_exist(self) -> bool:
        """Whether the database has user accounts (then every use signs in)."""
        return any_accounts(self._unit(Principal.system(self.actor)))

    def sign_in(self, name: str, password: str) -> Application:
        """A copy of the application acting for the account, when `password` is its password; else
        SignInRefused (audited; repeated failures lock the account for a while)."""
        principal = authenticate(self._unit(Principal.system(" ".join(name.split())[:100] or "?")),
                                 name=name, password=password)
        return self.acting_for(principal)

    def acting_for(self, principal: Principal) -> Application:
        unit_for = self.unit_for
        assert unit_for is not None
        return replace(self, principal=principal, actor=principal.name, uow=lambda: unit_for(principal))

    def _unit(self, principal: Principal) -> UnitOfWork:
        if self.unit_for is None:
            raise RuntimeError("this application was not opened by open_application")
        return self.unit_for(principal)


default_recompute_progress: Callable[[int], None] | None = None
"""Told how many spells are done when a start-up recompute has no reporter of its own (the command
line sets one that writes to standard error, so a long first start does not look like a hang)."""


Credentials = Callable[[str | None], tuple[str, str]]
"""Given the user name the caller named (or None), the name and password to sign in with."""

default_credentials: Credentials | None = None
"""Asked when a database with accounts is opened without a user and password (the command line sets
one that reads --user, LEGALAID_USER, LEGALAID_PASSWORD or a terminal prompt); it raises
SignInRefused when it has none. Asked only then, so a database without accounts prompts for nothing."""

NewDatabaseNotice = Callable[["Application", Path | None], None]
"""Told about a database open_application has just created, and the folder it made for it (None: the
folder existed), before anything else is done with it."""

new_database_notice: NewDatabaseNotice | None = None
"""Told when open_application creates a database and its caller passed no `created` of its own (the
command line sets one that says which folder it made and shows a new encrypted database's recovery
key once, whichever command created it)."""


def missing_database(db: str | None) -> Path | None:
    """Where the database named by `db` or LEGALAID_DB would be, when there is no file there yet (the
    GUI asks before it makes one: a mistyped path must not look like lost data); None when it exists,
    or when none was named (the default database is made on the first start)."""
    named = db or environment_db()
    if named is None:
        return None
    path = resolve_location(named).path
    return None if path.exists() else path


def open_application(db: str | None = None, *, actor: str | None = None, create: bool = True,
                     recompute_progress: Callable[[int], None] | None = None, encryption: bool = True,
                     passphrase: PassphrasePrompt | None = None,
                     key: DatabaseKey | None = None, user: str | None = None,
                     password: str | None = None, defer_sign_in: bool = False,
                     created: NewDatabaseNotice | None = None) -> Application:
    """Open (creating or upgrading) the database named by `db`, LEGALAID_DB, or the default.

    With `create=False` a missing database is an error: commands that only read or export must
    not make an empty database out of a mistyped path and report it as empty. When the rule files
    changed since the stored deadlines were computed, every spell's deadlines are recomputed here
    (`recompute_progress` hears how many spells are done).

    A new database is encrypted unless `encryption=False` (demo databases; a disk encrypted
    already); an existing one opens in the form its file has, with its key from the keyring or,
    where no safe keyring exists, from a passphrase (LEGALAID_PASSPHRASE, or `passphrase` asks);
    `key` is one just made (after a rekey), so the user is not asked for it again. A missing folder
    of a new database is made (DatabaseLocationError when it cannot be); `created` (default:
    new_database_notice) is told once the new database is ready, with the folder made for it.

    A database with user accounts signs in as `user` with `password`: SignInRefused when they are
    wrong, or missing ("needs_credentials"), unless `defer_sign_in` (a GUI that shows its sign-in
    dialog over the opened database): then every unit of work is refused until Application.sign_in.
    A database without accounts acts for `actor` (default: `user`, LEGALAID_USER or the computer's
    user) as an unmanaged administrator.
    """
    location = resolve_location(db or environment_db() or str(default_db_path()))
    if not create and not location.path.exists():
        raise DatabaseLocationError(
            str(location.path), "there is no database there",
            "the path of an existing database (check --db), or create one with "
            "`legalaid init --db PATH`")
    folder_made = None if location.path.exists() else make_folder(location.path)
    key = key or keys.open_key(location.path, encryption=encryption, prompt=_asking(passphrase))
    _check_after_unclean_end(location.path, key)
    engine = make_engine(location, key)
    before, after = migrate(engine, location, key)
    factory = session_factory(engine)
    who = actor or user or current_actor()
    folder = resources_dir() / "jurisdictions"
    book = DeadlineBook.from_folder(folder)

    def recompute(work: UnitOfWork, custody_ids: Collection[int]) -> None:
        recompute_spells(work, book, custody_ids)

    def unit_for(principal: Principal) -> UnitOfWork:
        # Every commit that changes what deadlines are computed from rewrites them in its transaction.
        return SqlUnitOfWork(factory, principal=principal, deadline_hook=recompute)

    def system() -> UnitOfWork:
        return unit_for(Principal.system(who))

    if deadlines_stale(system, book):
        logging.getLogger(__name__).info("stored deadlines missing or from other rule files: recomputing")
        recompute_all(system, book, progress=recompute_progress or default_recompute_progress,
                      parallel=process_pool(location.url, folder, key=key))
    unmanaged = Principal.unmanaged_admin(who)
    app = Application(location=location, revision_before=before, revision=after,
                      uow=lambda: unit_for(unmanaged), catalogue=Catalogue(folder), actor=who,
                      deadline_book=book, key=key, dispose=engine.dispose, principal=unmanaged,
                      unit_for=unit_for)
    notice = created or new_database_notice
    if before is None and notice is not None:
        notice(app, folder_made)
    if not app.accounts_exist():
        return app
    if user and password:
        return app.sign_in(user, password)
    if defer_sign_in:
        return app
    if default_credentials is not None:
        return app.sign_in(*default_credentials(user))
    raise SignInRefused(user, "needs_credentials")


integrity_notice: Callable[[str], None] | None = None
"""Told before the check after an unclean end starts (the command line writes it to standard error;
on a large database the check takes a few seconds)."""


def _check_after_unclean_end(path: Path, key: DatabaseKey | None) -> None:
    """When the last session with the database did not end cleanly, check the file before use.

    A damaged file raises DatabaseDamagedError, naming the last good backup it recorded; nothing is
    written to it (no migration, no recompute).
    """
    existed = path.exists()
    mark, stale = begin_session(path)
    if not (existed and stale):
        clear_stale(stale)
        return
    message = _("The last session with {path} did not end cleanly: checking the database…").format(
        path=path)
    logging.getLogger(__name__).warning("%s", message)
    if integrity_notice is not None:
        integrity_notice(message)
    problem = check_database(path, key)
    if problem is None:
        logging.getLogger(__name__).info("the check after an unclean end found %s sound", path)
        clear_stale(stale)
        return
    if mark is not None:
        mark.end()
    raise DatabaseDamagedError(str(path), problem, last_backup(path, key, LAST_BACKUP_PATH))


def _asking(passphrase: PassphrasePrompt | None) -> PassphrasePrompt | None:
    """The caller's passphrase prompt; on a terminal without one, the terminal's (the command line)."""
    return passphrase or (terminal_passphrase if sys.stdin.isatty() else None)


def terminal_passphrase(reason: keys.PromptReason) -> str | None:
    """The command line's passphrase prompt (without a terminal: LEGALAID_PASSPHRASE only)."""
    if reason == "open":
        return getpass.getpass(_("Database passphrase: ")) or None
    sys.stderr.write(_("This computer has no safe keyring for the database key: choose a passphrase "
                       "(at least 10 characters; a few words are easier to remember).") + "\n")
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        sys.stderr.write(_("The two passphrases differ.") + "\n")
        return None
    return first


# --- deadline recompute in worker processes -------------------------------------------------------

WORKER: dict[str, Any] = {}
SECRET_ENVIRONMENT = ("LEGALAID_PASSPHRASE", "LEGALAID_NEW_PASSPHRASE", "LEGALAID_RECOVERY_KEY")
"""A worker process's own database connection, rule files, lead times and closures."""


def process_pool(url: str, folder: Path, workers: int | None = None, *,
                 key: DatabaseKey | None = None) -> BatchCompute | None:
    """Runs the deadline engine in worker processes, each reading the database on its own connection.

    The writer's transaction only empties and refills the deadline table, which workers never read,
    so their snapshot is the one the writer started from. None on a one-core machine. An encrypted
    database's key reaches the workers only through the initializer's arguments (pickled down the
    pool's pipe), never in their command line or environment.
    """
    # Two cores already pay: 13.6 s against 19.6 s for 100,000 spells on an otherwise idle 2-core
    # machine (on one busy with other work, 20 s against 16.5 s: the writer competes for a core).
    count = workers or min(os.cpu_count() or 1, 4)
    if count < 2 and workers is None:
        return None

    def run(batches: Sequence[list[int]], leads: LeadTimes,
            closures: Closures) -> Iterator[EncodedDeadlines]:
        context = multiprocessing.get_context("spawn")  # the same on every platform; no forked Qt
        # A spawned worker inherits the environment: secrets given there stay out of it (the key
        # reaches the workers through the initializer's arguments only).
        with ProcessPoolExecutor(count, mp_context=context, initializer=_worker_start,
                                 initargs=(url, str(folder), leads, dict(closures), key)) as pool:
            waiting: deque[Future[EncodedDeadlines]] = deque()
            hidden = {name: os.environ.pop(name) for name in SECRET_ENVIRONMENT if name in os.environ}
            try:  # the workers start at the first submits, below
                for batch in batches:
                    waiting.append(pool.submit(_worker_batch, batch))
                    if len(waiting) > 2 * count:  # a bounded queue: results never pile up in memory
                        yield waiting.popleft().result()
                while waiting:
                    yield waiting.popleft().result()
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
                os.environ.update(hidden)

    return run


def _worker_start(url: str, folder: str, leads: LeadTimes, closures: Closures,
                  key: DatabaseKey | None) -> None:
    factory = session_factory(make_engine(resolve_location(url), key))
    WORKER.update(uow=lambda: SqlUnitOfWork(factory, actor="deadline-worker"),
                  book=DeadlineBook.from_folder(Path(folder)), leads=leads, closures=closures)
    gc.freeze()  # what the worker starts with lives as long as it does: out of the collector's passes


def _worker_batch(custody_ids: list[int]) -> EncodedDeadlines:
    with WORKER["uow"]() as uow:
        return encoded_batch(uow, WORKER["book"], custody_ids, WORKER["leads"], WORKER["closures"])


# --- backups ------------------------------------------------------------------------------------------

def backup(app: Application, out: Path, *, keep_daily: int | None = None,
           keep_weekly: int | None = None) -> tuple[BackupInfo, list[Path]]:
    """A checked backup at `out` (a file, or a dated file inside `out` when it is a folder), recorded
    in the database and its audit log; in a folder, older backups beyond the keep counts are deleted."""
    now = datetime.now(UTC)
    folder = out if out.is_dir() else None
    target = (folder / backup_name(now)) if folder else out
    if target.resolve() == app.location.path.resolve():
        raise DatabaseLocationError(str(target), "is the database itself",
                                    "another file or folder, ideally on another disk")
    if not target.parent.is_dir():  # a drive not plugged in must not become a folder on this disk
        raise ValidationError("backup", str(out),
                              f"a file in an existing folder ({target.parent} is not one)")
    with app.uow() as uow:  # a backup holds every facility's records
        require(uow, Permission.BACKUP, entity="database")
    info = backup_database(app.location, target, app.key)
    with app.uow() as uow:
        uow.set_meta(LAST_BACKUP_AT, now.isoformat())
        uow.set_meta(LAST_BACKUP_PATH, str(target))
        uow.audit("backup", "database", None, None, {"file": target.name, "cases": info.cases})
        uow.commit()
    removed: list[Path] = []
    if folder is not None and (keep_daily is not None or keep_weekly is not None):
        removed = prune_backups(folder, keep_daily=keep_daily or 0, keep_weekly=keep_weekly or 0,
                                always_keep=target)
    return info, removed


def restore(db: str | None, source: Path, *, actor: str | None = None,
            passphrase: PassphrasePrompt | None = None) -> tuple[Application, Path]:
    """Replace the database with a checked backup (the replaced one is kept aside); the restored
    database is then opened (and migrated, when the backup is from an older version).

    An encrypted backup opens with any key of this database this machine knows, retired ones too
    (or LEGALAID_RECOVERY_KEY); it is restored under the database's current key. Into a plain or
    missing database it comes back encrypted with its own key."""
    check_backup_file(source)  # a mistyped name or a stray file: said before any password is asked
    location = resolve_location(db or environment_db() or str(default_db_path()))
    state = keys.file_state(location.path)
    passphrase = _asking(passphrase)
    if state != "missing":
        from contextlib import suppress

        # A damaged database cannot tell who may restore it: the backup is what replaces it.
        with suppress(DatabaseUnreadableError):
            _require(location, Permission.MANAGE_DATABASE, actor, passphrase)
    current = keys.current_key(location.path, passphrase) if state == "encrypted" else None
    # The backup's own key file first: it names the key the backup was made with.
    candidates = itertools.chain([current] if current else [], keys.known_keys(source, passphrase),
                                 keys.known_keys(location.path))
    try:
        source_key = key_of(source, candidates)
        info = check_backup(source, [source_key] if source_key else [])
    except DatabaseUnreadableError as error:  # the backup, not the database, is what failed its check
        raise BackupUnusableError(error.location, error.reason) from None
    target_key = current or source_key
    aside = restore_database(location, source, now=datetime.now(UTC), source_key=source_key,
                             current_key=current, target_key=target_key)
    keys.after_restore(location.path, aside, source, target_key)
    app = open_application(str(location.path), actor=actor, passphrase=passphrase)
    with app.uow() as uow:
        uow.audit("restore", "database", None, None,
                  {"from": source.name, "cases": info.cases, "replaced_kept_as": aside.name})
        uow.commit()
    return app, aside


# --- database keys ------------------------------------------------------------------------------------

def _location(db: str | None) -> DatabaseLocation:
    location = resolve_location(db or environment_db() or str(default_db_path()))
    if not location.path.exists():
        raise DatabaseLocationError(str(location.path), "there is no database there",
                                    "the path of an existing database (check --db)")
    return location


def _require(location: DatabaseLocation, permission: Permission, actor: str | None,
             passphrase: PassphrasePrompt | None = None, key: DatabaseKey | None = None) -> None:
    """Sign in (a database with accounts) and check the permission before the database is changed
    whole; the refusal is audited in the database."""
    app = open_application(str(location.path), actor=actor, create=False, passphrase=passphrase, key=key)
    try:
        with app.uow() as uow:
            require(uow, permission, entity="database")
    finally:
        app.dispose()


def _audit_key_change(db: DatabaseLocation, action: str, key: DatabaseKey, actor: str | None) -> None:
    app = open_application(str(db.path), actor=actor, create=False, key=key)
    with app.uow() as uow:
        uow.audit(action, "database", None, None, {"key_id": key.key_id})  # the key's name, never the key
        uow.commit()
    app.dispose()


def recovery_key(db: str | None, *, passphrase: PassphrasePrompt | None = None,
                 key: DatabaseKey | None = None) -> tuple[str, str]:
    """The recovery key of an encrypted database as text to print or save, and its key id (`key`:
    the opened application's, so that a passphrase is not asked for again)."""
    location = _location(db)
    if keys.file_state(location.path) != "encrypted" and key is None:
        raise DatabaseKeyError(str(location.path), "not_encrypted")
    if key is None:  # not the application's own key just made: only an administrator reads it out
        key = keys.current_key(location.path, _asking(passphrase))
        _require(location, Permission.MANAGE_DATABASE, None, key=key)
    return key.recovery_text(), key.key_id


def recovery_key_pdf(db: str | None, *, passphrase: PassphrasePrompt | None = None,
                     key: DatabaseKey | None = None) -> bytes:
    """A page to print and keep apart from the computer: the recovery key as text and a QR code."""
    from legalaid_desktop.reports.recovery_key import recovery_key_page

    location = _location(db)
    text, key_id = recovery_key(str(location.path), passphrase=passphrase, key=key)
    return recovery_key_page(recovery_text=text, key_id=key_id, database=location.path.name,
                             made_at=datetime.now(UTC))


def save_recovery_key(app: Application, path: Path, *, pdf: bool) -> int:
    """The opened database's recovery key written to `path` only: a page to print (the key as text and
    a QR code) or the key as text. Administrators only (services.recovery_key); returns the size."""
    from legalaid_desktop.services.recovery_key import save_recovery_key as save

    key = app.key
    if key is None:
        raise DatabaseKeyError(str(app.location.path), "not_encrypted")
    database = str(app.location.path)

    def content() -> bytes:
        if pdf:
            return recovery_key_pdf(database, key=key)
        return (recovery_key(database, key=key)[0] + "\n").encode("ascii")

    return save(app.uow(), path=path, content=content, key_id=key.key_id, fmt="pdf" if pdf else "text")


def check_integrity(app: Application) -> str | None:
    """The background integrity check (services.integrity_watch): the file checked on a connection of
    its own (a reader: saves go on meanwhile), the outcome recorded; the problem found, or None."""
    from time import monotonic

    from legalaid_desktop.services.integrity_watch import record_check

    started = monotonic()
    problem = check_database(app.location.path, app.key)
    seconds = monotonic() - started
    logging.getLogger(__name__).info("background integrity check of %s: %s in %.1f s", app.location.path,
                                     problem or "sound", seconds)
    checker = app.acting_for(Principal.system(_("integrity check (signed in: {user})").format(
        user=app.principal.name))) if app.unit_for is not None else app
    try:
        record_check(checker.uow(), at=datetime.now(UTC), problem=problem, seconds=seconds)
    except Exception:  # a damaged file may refuse the record; the user is told all the same
        if problem is None:
            raise
        logging.getLogger(__name__).exception("cannot record the failed integrity check in the database")
    return problem


def import_recovery_key(db: str | None, text: str) -> str:
    """Keep a checked recovery key in this machine's keyring; returns its key id."""
    location = _location(db)
    return encryption.import_recovery_key(location.path, text).key_id


def rekey(db: str | None, *, passphrase: PassphrasePrompt | None = None, new_passphrase: str | None = None,
          actor: str | None = None) -> tuple[str, str]:
    """A new key for the database (the old one retired, so older backups still open); returns the
    new recovery key and its id."""
    location = _location(db)
    if keys.file_state(location.path) != "encrypted":
        raise DatabaseKeyError(str(location.path), "not_encrypted")
    _require(location, Permission.MANAGE_DATABASE, actor, _asking(passphrase))
    key = encryption.rekey_database(location.path, _asking(passphrase), passphrase=new_passphrase)
    _audit_key_change(location, "rekey", key, actor)
    return key.recovery_text(), key.key_id


def encrypt(db: str | None, *, passphrase: PassphrasePrompt | None = None, new_passphrase: str | None = None,
            keep_plain: Path | None = None, actor: str | None = None) -> tuple[str, str]:
    """Encrypt a plain database in place (see storage.encryption); returns its recovery key and id."""
    location = _location(db)
    if keys.file_state(location.path) == "plain":
        _require(location, Permission.MANAGE_DATABASE, actor)
    key = encryption.encrypt_database(location.path, _asking(passphrase), passphrase=new_passphrase,
                                      keep_plain=keep_plain)
    _audit_key_change(location, "encrypt", key, actor)
    return key.recovery_text(), key.key_id


def key_status(db: str | None) -> list[tuple[str, str]]:
    """What an administrator needs to know about a database's encryption (no secret in it)."""
    location = _location(db)
    state = keys.file_state(location.path)
    rows = [("database", str(location.path)),
            ("encrypted", {"encrypted": "yes", "plain": "NO", "missing": "(empty)"}[state])]
    key_file = keys.read_key_file(location.path)
    if state == "encrypted" and key_file is not None:
        entry = key_file.current
        rows += [("key file", str(keys.key_file_path(location.path))), ("key id", entry.key_id),
                 ("key kind", "random key in the keyring" if entry.kind == "raw" else "from a passphrase"),
                 ("in this keyring", "yes" if keys.stored_key(entry.key_id) else "no"),
                 ("retired keys", ", ".join(f"{r.key_id} ({r.retired})" for r in key_file.retired) or "none")]
    unsafe = keys.unsafe_keyring()
    rows.append(("keyring", f"not safe ({unsafe})" if unsafe else "safe"))
    return rows
