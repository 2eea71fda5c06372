"""`audit verify` finds an edited, a deleted and a reordered entry, and checks a printed head hash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.services import records
from legalaid_desktop.services.audit import verify_audit
from tests.builders import make_person


@pytest.fixture
def logged(app: Application) -> Path:
    """A database whose audit log has five entries after the ones setting it up."""
    for name in ("Amina Yusuf", "Okello Denis", "Nakato Sarah", "Juma Hassan", "Wanjiru Kamau"):
        records.create(app.uow(), make_person(full_name=name))
    return app.location.path


def entries(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id").fetchall()


def test_an_untouched_log_checks_out_and_ends_at_its_last_hash(app: Application, logged: Path) -> None:
    check = verify_audit(app.uow())
    assert check.ok and check.problem is None
    assert check.entries == len(entries(logged))
    assert check.head == entries(logged)[-1][1]


def test_an_edited_entry_is_found(app: Application, logged: Path) -> None:
    third = entries(logged)[2][0]
    with sqlite3.connect(logged) as connection:
        connection.execute("UPDATE audit_entry SET actor = 'someone else' WHERE id = ?", (third,))
    check = verify_audit(app.uow())
    assert (check.ok, check.bad_entry) == (False, third)
    assert check.problem == "its content was changed after it was written"


def test_a_deleted_entry_is_found_at_the_entry_after_it(app: Application, logged: Path) -> None:
    ids = [i for i, _ in entries(logged)]
    with sqlite3.connect(logged) as connection:
        connection.execute("DELETE FROM audit_entry WHERE id = ?", (ids[2],))
    check = verify_audit(app.uow())
    assert not check.ok and check.bad_entry == ids[3]
    assert "deleted, moved or changed" in (check.problem or "")


def test_two_entries_swapped_are_found(app: Application, logged: Path) -> None:
    ids = [i for i, _ in entries(logged)]
    a, b = ids[2], ids[3]
    with sqlite3.connect(logged) as connection:
        connection.execute("UPDATE audit_entry SET id = -1 WHERE id = ?", (a,))
        connection.execute("UPDATE audit_entry SET id = ? WHERE id = ?", (a, b))
        connection.execute("UPDATE audit_entry SET id = ? WHERE id = -1", (b,))
    check = verify_audit(app.uow())
    assert not check.ok and check.bad_entry == a


def test_a_rebuilt_chain_passes_alone_but_not_against_a_head_noted_before(
        app: Application, logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whoever holds the key can rewrite an entry and recompute every hash after it; a head hash
    printed on an earlier report is then missing from the log."""
    from legalaid_desktop.domain.audit import AuditEntry, chain_hash

    noted = entries(logged)[-1][1]
    with app.uow() as uow:
        log = uow.audit_log.page(after_id=0, limit=100)
    log[1].actor = "forger"
    previous = ""
    with sqlite3.connect(logged) as connection:
        for entry in log:
            entry.prev_hash = previous
            entry.entry_hash = previous = chain_hash(previous, AuditEntry(**{
                k: getattr(entry, k) for k in ("at", "actor", "machine", "action", "entity", "entity_uuid",
                                               "before", "after")}))
            connection.execute("UPDATE audit_entry SET actor = ?, prev_hash = ?, entry_hash = ? WHERE id = ?",
                               (entry.actor, entry.prev_hash, entry.entry_hash, entry.id))
    assert verify_audit(app.uow()).ok
    assert cli(["audit", "verify", "--db", str(logged)]) == 0
    assert cli(["audit", "verify", "--db", str(logged), "--head", noted]) == 5
    assert "is not in the log" in capsys.readouterr().out


def test_the_command_names_the_broken_entry_and_exits_with_the_integrity_code(
        logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = entries(logged)[-1][1]
    assert cli(["audit", "verify", "--db", str(logged), "--head", head.upper()]) == 0
    assert "is in the log" in capsys.readouterr().out
    with sqlite3.connect(logged) as connection:
        connection.execute("UPDATE audit_entry SET after = '{}' WHERE id = (SELECT max(id) FROM audit_entry)")
    assert cli(["audit", "verify", "--db", str(logged)]) == 5
    assert "broken at entry" in capsys.readouterr().out


def test_a_head_may_be_given_by_its_first_characters_and_a_malformed_one_is_refused_not_alarmed(
        logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = entries(logged)[-1][1]
    assert cli(["audit", "verify", "--db", str(logged), "--head", head[:16] + "..."]) == 0
    assert "is in the log" in capsys.readouterr().out
    for wrong in ("zzz", head[:8], head + "0"):  # not hexadecimal, too short to be sure, too long
        assert cli(["audit", "verify", "--db", str(logged), "--head", wrong]) == 2
        said = capsys.readouterr()
        assert "hexadecimal" in said.err and "rewritten" not in said.out
    assert cli(["audit", "verify", "--db", str(logged), "--head", "0" * 64]) == 5  # well formed, absent
