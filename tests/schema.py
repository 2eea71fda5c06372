"""A test database taken back to an earlier schema revision, as an older release left it."""

from __future__ import annotations

from pathlib import Path


def downgrade_database(path: Path, revision: str) -> None:
    """Run the migrations down to `revision` on the SQLite file at `path`, foreign keys enforced as
    the application opens it (a downgrade that copied a referenced table would lose rows)."""
    from alembic import command
    from sqlalchemy import create_engine

    from legalaid_desktop.storage.migrate import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()
