"""Storage on a real SQLite file: migrations, backups, refusals, pragmas, audit chain, concurrency."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.audit import chain_hash
from legalaid_desktop.domain.errors import ConcurrencyError, ValidationError
from legalaid_desktop.domain.people import Person
from legalaid_desktop.paths import migrations_dir
from legalaid_desktop.services import records
from legalaid_desktop.services.errors import (
    DatabaseLocationError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
)
from legalaid_desktop.storage.engine import network_share_of, resolve_location
from legalaid_desktop.storage.migrate import head_revision
from tests.builders import make_facility, make_person


def test_a_new_database_is_created_at_the_head_revision_with_safe_pragmas(app: Application) -> None:
    assert app.revision_before is None
    assert app.revision == head_revision()
    with app.uow() as uow:
        connection = uow.session.connection()  # type: ignore[attr-defined]
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(app: Application) -> None:
    path = app.location.path
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_application(str(path))
    assert caught.value.revision == "9999_from_the_future"
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.before-*"))


NEXT_MIGRATION = '''"""A later schema change, for the test."""
import sqlalchemy as sa
from alembic import op

revision = "9000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("probe")
'''


def test_an_older_database_is_backed_up_before_it_is_migrated(
        app: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = app.location.path
    records.create(app.uow(), make_person(full_name="Kept Through Migration"))
    old_head = head_revision()
    # A copy of the migrations with one more revision: the database is now one version behind.
    scripts = tmp_path / "db"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9000_probe.py").write_text(NEXT_MIGRATION.format(head=old_head))
    monkeypatch.setattr("legalaid_desktop.storage.migrate.migrations_dir", lambda: scripts)

    reopened = open_application(str(path))

    assert (reopened.revision_before, reopened.revision) == (old_head, "9000")
    backups = list(path.parent.glob(f"legalaid.before-{old_head}-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as raw:
        assert raw.execute("SELECT full_name FROM person").fetchall() == [("Kept Through Migration",)]


def test_a_file_that_is_not_a_database_is_refused_without_being_changed(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(DatabaseUnreadableError):
        open_application(str(path))
    assert path.read_text() == "these are my notes, not a database\n"


def test_only_sqlite_locations_are_accepted_for_now(tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError) as caught:
        resolve_location("postgresql+psycopg://office/legalaid")
    assert "not supported yet" in caught.value.problem
    assert resolve_location(f"sqlite:///{tmp_path}/a.sqlite").path == tmp_path / "a.sqlite"
    with pytest.raises(DatabaseLocationError):
        resolve_location(str(tmp_path))


def test_a_local_disk_is_not_taken_for_a_network_share(tmp_path: Path) -> None:
    assert network_share_of(tmp_path / "x.sqlite") is None


def test_every_change_is_audited_in_a_hash_chain(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="Amina Yusuf"))
    records.update(app.uow(), Person, person.id, expected_version=person.version,
                   changes={"full_name": "Amina Yusuf Hassan"})
    with sqlite3.connect(app.location.path) as raw:
        rows = raw.execute("SELECT actor, action, entity, before, after, prev_hash, entry_hash "
                           "FROM audit_entry ORDER BY id").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [("tester", "create", "person"),
                                                  ("tester", "update", "person")]
    assert '"full_name": "Amina Yusuf"' in rows[1][3] and "Amina Yusuf Hassan" in rows[1][4]
    assert rows[0][5] == "" and rows[1][5] == rows[0][6]
    assert all(len(r[6]) == 64 for r in rows)
    assert chain_hash is not None


def test_an_edit_based_on_a_stale_version_is_refused_and_changes_nothing(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="Amina Yusuf"))
    records.update(app.uow(), Person, person.id, expected_version=person.version,
                   changes={"nationality": "Kenyan"})
    with pytest.raises(ConcurrencyError):
        records.update(app.uow(), Person, person.id, expected_version=person.version,
                       changes={"nationality": "Ugandan"})
    with app.uow() as uow:
        assert uow.repo(Person).get(person.id).nationality == "Kenyan"  # type: ignore[union-attr]


def test_an_invalid_edit_is_refused_whole(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="Amina Yusuf"))
    with pytest.raises(ValidationError):
        records.update(app.uow(), Person, person.id, expected_version=None,
                       changes={"nationality": "Kenyan", "date_of_birth": date(2999, 1, 1)})
    with app.uow() as uow:
        stored = uow.repo(Person).get(person.id)
        assert stored is not None and stored.nationality is None
        assert stored.date_of_birth == date(1995, 6, 1)


def test_times_come_back_aware_and_in_utc(app: Application) -> None:
    person = records.create(app.uow(), make_person())
    facility = records.create(app.uow(), make_facility())
    from zoneinfo import ZoneInfo

    nairobi = datetime(2026, 3, 1, 21, 30, tzinfo=ZoneInfo("Africa/Nairobi"))
    records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                      facility_id=facility.id, arrest_at=nairobi)
    from legalaid_desktop.domain.custody import Custody

    with app.uow() as uow:
        custody = uow.repo(Custody).find()[0]
        assert custody.arrest_at == nairobi
        assert custody.arrest_at is not None and custody.arrest_at.tzinfo == UTC


def test_case_references_count_up_within_a_year(app: Application) -> None:
    facility = records.create(app.uow(), make_facility())
    refs = []
    for name in ("A One", "B Two"):
        person = records.create(app.uow(), make_person(full_name=name))
        refs.append(records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 5, 1),
                                      facility_id=facility.id).label)
    assert refs == ["LA-2026-000001", "LA-2026-000002"]


def test_the_migrations_build_exactly_the_schema_the_code_maps(app: Application) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    from legalaid_desktop.storage.tables import metadata

    engine = create_engine(f"sqlite:///{app.location.path}")
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    engine.dispose()
    # The full-text index is a virtual table made by the migration alone.
    assert [d for d in differences if "case_search" not in str(d)] == []


def test_the_quick_revision_reader_agrees_with_alembic() -> None:
    """The everyday start compares the database's revision with the head read from the migration
    files without Alembic: it must name the same revisions and head as Alembic does."""
    from alembic.script import ScriptDirectory

    from legalaid_desktop.storage.migrate import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    quick = known_revisions()
    assert quick is not None
    assert quick == (frozenset(r.revision for r in script.walk_revisions()), script.get_current_head())
