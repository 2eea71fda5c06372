"""Backups taken while someone writes are whole and consistent; a restore checks before it replaces."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, backup, restore
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.people import Person
from legalaid_desktop.services import records
from legalaid_desktop.storage.backup import backup_name, prune_backups
from tests.builders import make_person

ROOT = Path(__file__).resolve().parents[2]


def names(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {n for (n,) in connection.execute("SELECT full_name FROM person")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backups_taken_while_a_writer_commits_are_whole_and_hold_a_consistent_prefix(
        app: Application, tmp_path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-m", "tests.durability.writer", str(app.location.path), "0"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    try:
        taken = []
        for i in range(4):
            while not writer.stdout.readline().startswith("saved"):
                pass
            info, _ = backup(app, tmp_path / f"copy-{i}.sqlite")
            taken.append(info)
    finally:
        writer.kill()
        writer.communicate()
    counts = []
    for info in taken:
        numbers = sorted(int(n.split()[1]) for n in names(info.path) if n.startswith("Durable "))
        # One commit per person, in order: a consistent snapshot holds 0..k with no gap.
        assert numbers == list(range(len(numbers)))
        counts.append(len(numbers))
    assert counts == sorted(counts) and counts[-1] > 0


def test_a_restore_brings_back_the_backup_and_keeps_the_replaced_database_aside(
        app: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records.create(app.uow(), make_person(full_name="Before Backup"))
    assert cli(["backup", str(tmp_path), "--db", str(app.location.path)]) == 0
    copy = next(tmp_path.glob("legalaid-backup-*.sqlite"))
    records.create(app.uow(), make_person(full_name="After Backup"))
    # This process's own pooled connections (the fixture's, and the backup command's, which a real
    # command would have closed when it ended) are let go, as a closed window leaves none.
    app.dispose()
    gc.collect()
    restored, aside = restore(str(app.location.path), copy, actor="tester")
    assert "Before Backup" in names(restored.location.path)
    assert "After Backup" not in names(restored.location.path)
    assert "After Backup" in names(aside)
    with restored.uow() as uow:
        assert uow.repo(Person).first(full_name="Before Backup") is not None


def test_a_damaged_backup_is_refused_and_the_database_is_not_touched(
        app: Application, tmp_path: Path) -> None:
    info, _ = backup(app, tmp_path / "copy.sqlite")
    data = bytearray(info.path.read_bytes())
    # The header of a page in the middle: zeroing bytes inside a page's free space damages nothing.
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 64] = bytes(64)
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(bytes(data))
    before = digest(app.location.path)
    with pytest.raises(DomainError):
        restore(str(app.location.path), broken)
    assert digest(app.location.path) == before
    assert not list(app.location.path.parent.glob("*.replaced-*"))


def test_a_restore_is_refused_while_another_program_merely_has_the_database_open(
        app: Application, tmp_path: Path) -> None:
    """An idle connection would go on writing into a WAL file the restore deletes: refused."""
    info, _ = backup(app, tmp_path / "copy.sqlite")
    app.dispose()
    idle = sqlite3.connect(app.location.path)
    idle.execute("SELECT count(*) FROM person").fetchone()
    try:
        with pytest.raises(DomainError):
            restore(str(app.location.path), info.path)
    finally:
        idle.close()
    assert not list(app.location.path.parent.glob("*.replaced-*"))
    assert not list(app.location.path.parent.glob("*.restoring"))


def test_a_restore_is_refused_while_another_program_writes_to_the_database(
        app: Application, tmp_path: Path) -> None:
    info, _ = backup(app, tmp_path / "copy.sqlite")
    holder = sqlite3.connect(app.location.path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DomainError):
            restore(str(app.location.path), info.path)
    finally:
        holder.rollback()
        holder.close()
    assert not list(app.location.path.parent.glob("*.replaced-*"))


def test_rotation_keeps_the_newest_backup_of_each_recent_day_and_week(tmp_path: Path) -> None:
    stamps = [datetime(2026, 11, d, h, 0, tzinfo=UTC) for d in (2, 9, 16, 23, 27, 28, 29) for h in (8, 20)]
    for at in stamps:
        (tmp_path / backup_name(at)).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not ours")
    prune_backups(tmp_path, keep_daily=3, keep_weekly=3)
    kept = sorted(p.name for p in tmp_path.iterdir())
    # The evening backups of the last three days (27, 28, 29 November) and the newest of each of the
    # last three ISO weeks: 29 (week 48, which began Monday 23), 16 (week 47) and 9 (week 46).
    assert kept == [f"legalaid-backup-202611{d}-200000.sqlite" for d in ("09", "16", "27", "28", "29")] + [
        "notes.txt"]
