"""Bring a database to the current schema: refuse newer ones, back up before any migration."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from legalaid_desktop.paths import migrations_dir
from legalaid_desktop.services.errors import DatabaseTooNewError, DatabaseUnreadableError
from legalaid_desktop.storage.engine import DatabaseLocation, connect_raw, create_private
from legalaid_desktop.storage.keys import SQLITE_HEADER, DatabaseKey, file_state, no_key_file, read_key_file

__all__ = ["SQLITE_HEADER", "alembic_config", "backup_copy", "check_file", "migrate"]
log = logging.getLogger(__name__)


def alembic_config() -> Config:
    folder = migrations_dir()
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_file(location: DatabaseLocation, key: DatabaseKey | None = None) -> None:
    """Refuse a file that is neither a SQLite database nor one encrypted with `key` before anything
    touches it."""
    state = file_state(location.path)
    if state == "encrypted" and key is None:
        if read_key_file(location.path) is None:
            raise no_key_file(location.path)
        raise DatabaseUnreadableError(str(location.path), "is encrypted, but was opened without its key")


def backup_copy(location: DatabaseLocation, revision: str | None, key: DatabaseKey | None = None) -> Path:
    """A consistent copy beside the database, made with SQLite's online backup: an encrypted
    database's copy is encrypted with the same key."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = location.path.with_name(f"{location.path.stem}.before-{revision or 'empty'}-{stamp}.sqlite")
    create_private(target)
    source = connect_raw(location.path, key)
    try:
        dest = connect_raw(target, key)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine, location: DatabaseLocation,
            key: DatabaseKey | None = None) -> tuple[str | None, str]:
    """Upgrade to head. Returns (revision before, revision after)."""
    check_file(location, key)
    try:
        before = current_revision(engine)
    except DatabaseError as exc:
        raise DatabaseUnreadableError(str(location.path), f"cannot be read ({exc.orig})") from None
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    if before is not None:
        try:
            script.get_revision(before)
        except Exception:
            raise DatabaseTooNewError(str(location.path), before) from None
    if before == head:
        return before, head
    if before is not None:
        copy = backup_copy(location, before, key)
        log.info("backed up %s to %s before migrating", location.path, copy)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head
