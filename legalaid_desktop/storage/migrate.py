"""Bring a database to the current schema: refuse newer ones, back up before any migration.

Alembic is imported only when a database needs migrating (or a revision is not one of ours): at
every other start the revision is read with one query and compared with the head read from the
migration files' own `revision` / `down_revision` lines, which saves over a second of imports at
each start of the GUI and of every command.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from legalaid_desktop.paths import migrations_dir
from legalaid_desktop.services.errors import DatabaseTooNewError, DatabaseUnreadableError
from legalaid_desktop.storage.engine import DatabaseLocation, connect_raw, create_private
from legalaid_desktop.storage.keys import SQLITE_HEADER, DatabaseKey, file_state, no_key_file, read_key_file

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["SQLITE_HEADER", "alembic_config", "backup_copy", "check_file", "known_revisions", "migrate"]
log = logging.getLogger(__name__)
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    folder = migrations_dir()
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@lru_cache(maxsize=4)
def _read_revisions(folder: Path) -> tuple[frozenset[str], str] | None:
    found: dict[str, str | None] = {}
    for script in sorted((folder / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None  # a layout this reader does not know: let Alembic decide
        found[revision.group(1)] = down.group(1)
    heads = set(found) - {d for d in found.values() if d}
    return (frozenset(found), heads.pop()) if len(heads) == 1 else None


def known_revisions() -> tuple[frozenset[str], str] | None:
    """Every revision of the shipped migrations and the head, read from their files without
    Alembic; None when they cannot be read that way (then Alembic reads them)."""
    return _read_revisions(migrations_dir())


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None: a new database), with one query."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            exists = connection.execute(text(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first()
            if exists is None:
                return None
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
            return None if row is None else str(row[0])
        from alembic.runtime.migration import MigrationContext

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
    quick = known_revisions()
    if quick is not None and before is not None and before in quick[0] and before == quick[1]:
        return before, before  # the everyday start: nothing to migrate, no Alembic to import
    from alembic import command
    from alembic.script import ScriptDirectory

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
