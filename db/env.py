"""Alembic environment: online migrations on the connection the application passes in."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, Enum, engine_from_config, pool
from sqlalchemy.types import TypeDecorator

from legalaid_desktop.storage.tables import metadata

config = context.config


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write plain column types into migrations, so a migration never imports today's code."""
    if type_ == "type" and isinstance(obj, Enum):
        return f"sa.String(length={obj.length})"
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        run(given)
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        run(connection)


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: SQLite batch mode needs a database")
run_online()
