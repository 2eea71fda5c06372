"""Encryption at rest: what the bytes on disk reveal, which keys open what, and how keys change."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from legalaid_desktop.app import (
    Application,
    backup,
    encrypt,
    import_recovery_key,
    key_status,
    open_application,
    process_pool,
    recovery_key,
    recovery_key_pdf,
    rekey,
    restore,
)
from legalaid_desktop.cli.main import main as cli
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.messages import EXIT_KEY, describe
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services import records
from legalaid_desktop.services.deadlines import recompute_all
from legalaid_desktop.services.errors import DatabaseKeyError, DatabaseUnreadableError
from legalaid_desktop.storage import encryption, keys
from legalaid_desktop.storage.backup import check_backup
from legalaid_desktop.storage.engine import connect_raw
from tests.builders import make_case, make_custody, make_facility, make_person
from tests.memory_keyring import MemoryKeyring, PlaintextKeyring, failing_keyring, using_keyring

CANARY_NAME = "Zebedee Quillfeather"
CANARY_REGISTER = "QZX/26/9431"
CANARY_NOTE = "canary-note-held-without-charge"
CANARIES = [CANARY_NAME.encode(), CANARY_REGISTER.encode(), CANARY_NOTE.encode(),
            CANARY_NAME.encode("utf-16-le")]


def fill(app: Application) -> int:
    """A detainee with a canary name, register number and note; returns the custody key."""
    with app.uow() as uow:
        person = records.add_record(uow, make_person(full_name=CANARY_NAME, notes=CANARY_NOTE,
                                                     date_of_birth=date(1990, 1, 1)))
        facility = records.add_record(uow, make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                         time_zone="Africa/Kampala"))
        assert person.id is not None and facility.id is not None
        case = records.add_record(uow, make_case(client_person_id=person.id))
        assert case.id is not None
        custody = records.add_record(uow, make_custody(person_id=person.id, facility_id=facility.id,
                                                       case_id=case.id, register_number=CANARY_REGISTER))
        uow.commit()
        assert custody.id is not None
        return custody.id


def names(app: Application) -> set[str]:
    with app.uow() as uow:
        rows = uow.session.execute(text("SELECT full_name FROM person"))  # type: ignore[attr-defined]
        return {row[0] for row in rows}


def leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    return [c.decode("latin-1") for c in CANARIES if c in data]


@pytest.fixture
def encrypted(tmp_path: Path) -> Application:
    return open_application(str(tmp_path / "secret.sqlite"), actor="tester")


# --- what the bytes reveal ---------------------------------------------------------------------------

def test_a_new_database_is_encrypted_by_default_with_a_random_key_in_the_keyring(
        encrypted: Application, memory_keyring: MemoryKeyring) -> None:
    path = encrypted.location.path
    assert encrypted.key is not None and keys.file_state(path) == "encrypted"
    key_file = keys.read_key_file(path)
    assert key_file is not None and key_file.current.kind == "raw"
    assert memory_keyring.secrets == {("legalaid-desktop", key_file.current.key_id): encrypted.key.raw.hex()}
    assert encrypted.key.raw.hex() not in keys.key_file_path(path).read_text().lower()
    assert encrypted.key.raw.hex() not in repr(encrypted) + repr(encrypted.key)


def test_names_register_numbers_and_notes_are_absent_from_the_file_its_wal_shm_and_backups(
        encrypted: Application, tmp_path: Path) -> None:
    fill(encrypted)
    path = encrypted.location.path
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    assert wal.exists() and wal.stat().st_size > 0  # the commits are still in the WAL: checked there too
    info, _ = backup(encrypted, tmp_path / "copy.sqlite")
    migration_copies = list(tmp_path.glob("*.before-*"))
    for file in [path, wal, shm, info.path, *migration_copies]:
        assert leaks(file) == [], file
    assert CANARY_NAME in names(encrypted)
    log_dir = Path(os.environ["LEGALAID_LOG_DIR"])
    for log in log_dir.glob("*.log*"):
        assert encrypted.key is not None and encrypted.key.raw.hex() not in log.read_text(errors="replace")


def test_the_standard_sqlite3_module_cannot_read_it(encrypted: Application) -> None:
    fill(encrypted)
    # In another process: one process must never hold the file through two SQLite libraries.
    probe = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
         "print(c.execute('SELECT full_name FROM person').fetchall())", str(encrypted.location.path)],
        capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "file is not a database" in probe.stderr
    assert CANARY_NAME not in probe.stdout


@pytest.mark.parametrize("where", ["salt", "second page", "middle", "last byte"])
def test_a_byte_flipped_anywhere_is_detected_and_never_read_as_data(
        encrypted: Application, tmp_path: Path, where: str) -> None:
    fill(encrypted)
    info, _ = backup(encrypted, tmp_path / "copy.sqlite")
    assert encrypted.key is not None
    original = every_row(info.path, encrypted.key)
    data = bytearray(info.path.read_bytes())
    offset = {"salt": 3, "second page": 4096 + 200, "middle": len(data) // 2 + 77,
              "last byte": len(data) - 1}[where]
    data[offset] ^= 0x01
    info.path.write_bytes(bytes(data))
    # Detected: the check a backup and a restore run (each page's HMAC) refuses the file.
    with pytest.raises((DatabaseUnreadableError, DatabaseKeyError)):
        check_backup(info.path, [encrypted.key])
    info.path.write_bytes(bytes(data))
    # Never read as data: a query touching the page fails; whatever a query returns is what was written.
    for table, rows in original.items():
        try:
            connection = connect_raw(info.path, encrypted.key, readonly=True)
            assert connection.execute(f'SELECT * FROM "{table}"').fetchall() == rows
        except Exception as error:
            # A full-text table whose pages fail their check cannot be built for the query: an error too.
            assert any(sign in str(error) for sign in (
                "not a database", "malformed", "HMAC", "vtable constructor failed")), error


def every_row(path: Path, key: keys.DatabaseKey) -> dict[str, list[tuple[object, ...]]]:
    connection = connect_raw(path, key, readonly=True)
    tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}


def test_one_flipped_bit_in_any_page_is_caught_by_the_backup_check(
        encrypted: Application, tmp_path: Path) -> None:
    fill(encrypted)
    info, _ = backup(encrypted, tmp_path / "copy.sqlite")
    assert encrypted.key is not None
    pristine = info.path.read_bytes()
    rng = random.Random(4)
    pages = len(pristine) // 4096
    for page in range(pages):
        data = bytearray(pristine)
        data[page * 4096 + rng.randrange(4096)] ^= 1 << rng.randrange(8)
        info.path.write_bytes(bytes(data))
        with pytest.raises((DatabaseUnreadableError, DatabaseKeyError)):
            check_backup(info.path, [encrypted.key])
    print(f"\n{pages} pages, one bit flipped in each: every one refused")  # noqa: T201


# --- which keys open it ------------------------------------------------------------------------------

def test_on_a_computer_without_its_key_the_message_says_how_to_open_it(encrypted: Application) -> None:
    fill(encrypted)
    path = str(encrypted.location.path)
    with using_keyring(MemoryKeyring()), pytest.raises(DatabaseKeyError) as caught:
        open_application(path)
    message, code = describe(caught.value)
    assert code == EXIT_KEY
    assert ("This database is encrypted and its key is not in this computer's keyring: open it with the "
            "recovery key (legalaid key import) or the passphrase") in message
    assert "file is not a database" not in message


def test_a_wrong_key_gets_a_clear_message_and_no_traceback(
        encrypted: Application, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    path = encrypted.location.path
    key_file = keys.read_key_file(path)
    assert key_file is not None
    memory_keyring.secrets[("legalaid-desktop", key_file.current.key_id)] = "ab" * 32
    assert cli(["cases", "--db", str(path)]) == EXIT_KEY
    err = capsys.readouterr().err
    assert "The key does not open this database" in err and "Traceback" not in err
    assert "file is not a database" not in err


def test_without_a_safe_keyring_a_passphrase_is_asked_for_and_plain_text_keyrings_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plaintext = PlaintextKeyring()
    for backend in (failing_keyring(), plaintext):
        with using_keyring(backend):
            with pytest.raises(DatabaseKeyError) as caught:
                open_application(str(tmp_path / f"{type(backend).__name__}.sqlite"))
            assert caught.value.problem == "no_passphrase"
            monkeypatch.setenv("LEGALAID_PASSPHRASE", "1234")
            with pytest.raises(DatabaseKeyError) as caught:
                open_application(str(tmp_path / f"{type(backend).__name__}.sqlite"))
            assert caught.value.problem == "weak_passphrase"
            monkeypatch.setenv("LEGALAID_PASSPHRASE", "three rivers at dawn")
            app = open_application(str(tmp_path / f"{type(backend).__name__}.sqlite"))
            fill(app)
            monkeypatch.delenv("LEGALAID_PASSPHRASE")
    assert plaintext.secrets == {}  # nothing was written to the plain-text keyring
    path = tmp_path / "PlaintextKeyring.sqlite"
    key_file = keys.read_key_file(path)
    assert key_file is not None and key_file.current.kind == "passphrase"
    assert "three rivers" not in keys.key_file_path(path).read_text()
    with using_keyring(failing_keyring()):
        asked: list[str] = []

        def ask(why: str) -> str:
            asked.append(why)
            return "three rivers at dawn"

        reopened = open_application(str(path), passphrase=ask)
        assert asked == ["open"] and CANARY_NAME in names(reopened)
        with pytest.raises(DatabaseKeyError) as caught:
            open_application(str(path), passphrase=lambda why: "three rivers at dusk")
        assert caught.value.problem == "wrong_passphrase"


def test_opening_with_a_raw_key_is_fast_and_a_passphrase_costs_one_derivation_per_process(
        encrypted: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = encrypted.location.path
    started = time.perf_counter()
    for _ in range(20):
        keys.current_key(path, None)
    raw_ms = (time.perf_counter() - started) / 20 * 1000
    with using_keyring(failing_keyring()):
        monkeypatch.setenv("LEGALAID_PASSPHRASE", "three rivers at dawn")
        open_application(str(tmp_path / "pass.sqlite"))
        started = time.perf_counter()
        keys.current_key(tmp_path / "pass.sqlite", None)
        passphrase_ms = (time.perf_counter() - started) * 1000
    print(f"\nkey to open: raw key from the keyring {raw_ms:.1f} ms, passphrase {passphrase_ms:.0f} ms")  # noqa: T201
    assert raw_ms < 50 and passphrase_ms > raw_ms


# --- recovery keys, rekey, encrypt -------------------------------------------------------------------

def test_the_recovery_key_opens_the_database_on_a_new_computer(
        encrypted: Application, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fill(encrypted)
    path = str(encrypted.location.path)
    assert cli(["key", "export", "--db", path]) == 0
    text = capsys.readouterr().out.strip()
    assert len(text) == 71 and text.count("-") == 7
    with using_keyring(MemoryKeyring()) as new_machine:
        typo = text[:10] + ("0" if text[10] != "0" else "1") + text[11:]
        with pytest.raises(DatabaseKeyError) as caught:
            import_recovery_key(path, typo)
        assert caught.value.problem == "wrong_recovery_key"
        with pytest.raises(DatabaseKeyError) as caught:
            import_recovery_key(path, text[:-3])
        assert caught.value.problem == "bad_recovery_key"
        assert isinstance(new_machine, MemoryKeyring) and new_machine.secrets == {}
        monkeypatch.setenv("LEGALAID_RECOVERY_KEY", " ".join(text.lower().split("-")))
        assert cli(["key", "import", "--db", path]) == 0
        monkeypatch.delenv("LEGALAID_RECOVERY_KEY")
        assert CANARY_NAME in names(open_application(path, create=False))


def test_the_recovery_key_page_holds_the_key_as_text(encrypted: Application) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    text, _ = recovery_key(str(encrypted.location.path))
    page = PdfReader(BytesIO(recovery_key_pdf(str(encrypted.location.path)))).pages[0].extract_text()
    assert "".join(text.split("-")) in "".join(page.split()).replace("-", "")


def test_rekey_keeps_the_data_and_backups_made_before_still_open(
        encrypted: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(encrypted)
    path = encrypted.location.path
    old_text, old_id = recovery_key(str(path))
    before, _ = backup(encrypted, tmp_path / "before-rekey.sqlite")
    encrypted.dispose()  # rekey needs the file to itself
    new_text, new_id = rekey(str(path))
    assert new_id != old_id and new_text != old_text
    reopened = open_application(str(path), create=False)
    assert CANARY_NAME in names(reopened)
    assert leaks(path) == []
    key_file = keys.read_key_file(path)
    assert key_file is not None and [r.key_id for r in key_file.retired] == [old_id]
    # The backup made under the retired key still checks out and restores (under the new key).
    assert check_backup(before.path, list(keys.known_keys(path))).cases == 1
    reopened.dispose()
    restored, _aside = restore(str(path), before.path)
    assert restored.key is not None and restored.key.key_id == new_id
    # On a new computer, the old recovery key alone opens the old backup.
    with using_keyring(MemoryKeyring()):
        monkeypatch.setenv("LEGALAID_RECOVERY_KEY", old_text)
        assert check_backup(before.path, list(keys.known_keys(before.path))).cases == 1


def test_rekey_is_refused_while_another_connection_uses_the_database(
        encrypted: Application, memory_keyring: MemoryKeyring) -> None:
    fill(encrypted)  # the application's engine holds a connection in its pool
    before = dict(memory_keyring.secrets)
    with pytest.raises(DomainError):
        rekey(str(encrypted.location.path))
    assert memory_keyring.secrets == before
    assert CANARY_NAME in names(encrypted)


def test_encrypt_turns_a_plain_database_into_an_encrypted_one(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite"
    plain = open_application(str(path), encryption=False)
    fill(plain)
    plain.dispose()
    assert leaks(path) != []
    _text, key_id = encrypt(str(path))
    assert keys.file_state(path) == "encrypted" and leaks(path) == []
    assert not list(tmp_path.glob("*.encrypting"))
    reopened = open_application(str(path), create=False)
    assert reopened.key is not None and reopened.key.key_id == key_id
    assert CANARY_NAME in names(reopened)
    assert dict(key_status(str(path)))["encrypted"] == "yes"


def test_an_encryption_stopped_before_the_rename_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "plain.sqlite"
    plain = open_application(str(path), encryption=False)
    fill(plain)
    plain.dispose()

    def power_cut(source: Path, target: Path) -> None:
        raise OSError("simulated crash before the rename")

    monkeypatch.setattr(encryption, "_rename", power_cut)
    with pytest.raises(OSError):
        encrypt(str(path))
    assert keys.file_state(path) == "plain"
    assert not keys.key_file_path(path).exists() and not list(tmp_path.glob("*.encrypting"))
    assert memory_keyring.secrets == {}  # the unused key is not left behind
    again = open_application(str(path), create=False)
    assert CANARY_NAME in names(again)
    again.dispose()
    monkeypatch.undo()
    encrypt(str(path))
    assert CANARY_NAME in names(open_application(str(path), create=False))


def test_demo_and_no_encryption_databases_are_plain(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["init", "--db", str(tmp_path / "plain.sqlite"), "--no-encryption"]) == 0
    assert "will NOT be encrypted" in capsys.readouterr().err
    assert keys.file_state(tmp_path / "plain.sqlite") == "plain"
    assert cli(["demo", "--db", str(tmp_path / "demo.sqlite"), "--cases", "3"]) == 0
    assert keys.file_state(tmp_path / "demo.sqlite") == "plain"
    assert cli(["init", "--db", str(tmp_path / "real.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "Encrypted: yes" in out and keys.file_state(tmp_path / "real.sqlite") == "encrypted"


def test_deadline_workers_get_the_key_in_memory_and_read_the_encrypted_file(encrypted: Application) -> None:
    spell = fill(encrypted)
    assert spell
    pool = process_pool(encrypted.location.url, resources_dir() / "jurisdictions", workers=2,
                        key=encrypted.key)
    assert pool is not None
    assert recompute_all(encrypted.uow, encrypted.deadline_book, parallel=pool, parallel_from=1) == 1


def test_an_error_from_the_database_carries_no_key_and_no_data(encrypted: Application) -> None:
    fill(encrypted)
    bad = text("SELECT full_name FROM no_such_table WHERE full_name = :name")
    with pytest.raises(DatabaseError) as caught, encrypted.uow() as uow:
        uow.session.execute(bad, {"name": CANARY_NAME})  # type: ignore[attr-defined]
    assert encrypted.key is not None
    assert encrypted.key.raw.hex() not in str(caught.value) and CANARY_NAME not in str(caught.value)



# --- the real Secret Service -------------------------------------------------------------------------

SECRET_SERVICE_RUN = r'''
import subprocess, sys, time
daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
daemon.stdin.write(b"keyring-password-for-the-test")
daemon.stdin.close()
try:
    import keyring
    for _ in range(50):  # the daemon takes its bus name within a second
        try:
            keyring.get_password("legalaid-desktop", "probe")
            break
        except Exception:
            time.sleep(0.1)
    from legalaid_desktop.app import open_application
    from legalaid_desktop.storage import keys
    assert keys.unsafe_keyring() is None, keys.unsafe_keyring()
    db = sys.argv[1]
    app = open_application(db, actor="tester")
    assert app.key is not None
    print("backend", type(keyring.get_keyring()).__module__)
    print("key", app.key.raw.hex())
    app.dispose()
    reopen = ("from legalaid_desktop.app import open_application as o; "
              "print('reopened', o(%r, create=False).key.key_id)" % db)
    done = subprocess.run([sys.executable, "-c", reopen], capture_output=True, text=True, timeout=120)
    print(done.stdout, done.stderr[-500:])
finally:
    daemon.kill()
    daemon.wait()
'''


def test_the_key_is_kept_in_the_real_secret_service_and_opens_the_database_in_a_new_process(
        tmp_path: Path) -> None:
    import shutil

    missing = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (packaging/system-deps.sh installs gnome-keyring "
                    "and dbus-x11)")
    script = tmp_path / "secret_service_run.py"
    script.write_text(SECRET_SERVICE_RUN)
    db = tmp_path / "real-keyring.sqlite"
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "LEGALAID_LOG_DIR": str(tmp_path / "logs"), "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
           "XDG_DATA_HOME": str(home / "data"), "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    (tmp_path / "run").mkdir(mode=0o700)
    done = subprocess.run(["dbus-run-session", "--", sys.executable, str(script), str(db)],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines.get("backend") == "keyring.backends.SecretService", done.stdout
    key_file = keys.read_key_file(db)
    assert key_file is not None and key_file.current.kind == "raw"
    assert lines.get("reopened", "").strip() == key_file.current.key_id, done.stdout
    # The keyring's own file on disk is encrypted with the keyring password: the key is not in it.
    key_hex = lines["key"].strip()
    for stored in home.rglob("*"):
        if stored.is_file():
            content = stored.read_bytes()
            assert key_hex.encode() not in content and bytes.fromhex(key_hex) not in content
    assert key_hex not in keys.key_file_path(db).read_text()


def test_where_no_keyring_is_safe_the_recovery_key_sets_a_new_passphrase(
        encrypted: Application, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(encrypted)
    path = str(encrypted.location.path)
    text, _ = recovery_key(path)
    encrypted.dispose()
    with using_keyring(failing_keyring()):
        with pytest.raises(DatabaseKeyError) as caught:
            import_recovery_key(path, text)
        assert caught.value.problem == "no_safe_keyring" and caught.value.location == path
        monkeypatch.setenv("LEGALAID_RECOVERY_KEY", text)
        rekey(path, new_passphrase="a passphrase for this laptop")
        monkeypatch.delenv("LEGALAID_RECOVERY_KEY")
        monkeypatch.setenv("LEGALAID_PASSPHRASE", "a passphrase for this laptop")
        assert CANARY_NAME in names(open_application(path, create=False))


def test_encrypted_backups_taken_while_a_writer_commits_hold_a_consistent_prefix_and_restore(
        encrypted: Application, tmp_path: Path) -> None:
    assert encrypted.key is not None
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.durability.writer", str(encrypted.location.path), "0",
         "--key-on-stdin"],
        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write(encrypted.key.recovery_text() + "\n")  # the key on a pipe, never in argv or env
    writer.stdin.close()
    writer.stdin = None
    assert writer.stdout.readline().strip() == "ready"
    taken = []
    try:
        for i in range(3):
            while not writer.stdout.readline().startswith("saved"):
                pass
            taken.append(backup(encrypted, tmp_path / f"copy-{i}.sqlite")[0])
    finally:
        writer.kill()
        writer.communicate()
    counts = []
    for info in taken:
        assert leaks(info.path) == [] and b"Durable 0000000" not in info.path.read_bytes()
        connection = connect_raw(info.path, encrypted.key, readonly=True)
        numbers = sorted(int(name.split()[1]) for (name,) in connection.execute(
            "SELECT full_name FROM person WHERE full_name LIKE 'Durable %'"))
        connection.close()
        assert numbers == list(range(len(numbers)))  # one commit per person: no gap in a snapshot
        counts.append(len(numbers))
    assert counts == sorted(counts) and counts[-1] > 0
    encrypted.dispose()
    restored, aside = restore(str(encrypted.location.path), taken[0].path)
    assert keys.file_state(aside) == "encrypted" and keys.read_key_file(aside) is not None
    assert len([n for n in names(restored) if n.startswith("Durable ")]) == counts[0]


def test_a_rekey_stopped_after_the_key_file_changed_still_opens_with_the_retired_key(
        encrypted: Application) -> None:
    fill(encrypted)
    path = encrypted.location.path
    encrypted.dispose()
    key_file = keys.read_key_file(path)
    assert key_file is not None
    _new, entry = keys.new_key(path, None)
    keys.write_key_file(path, keys.retire(key_file, entry))  # ... and the power went before PRAGMA rekey
    reopened = open_application(str(path), create=False)
    assert reopened.key is not None and reopened.key.key_id == key_file.current.key_id
    assert CANARY_NAME in names(reopened)


def test_an_old_plain_backup_restores_into_an_encrypted_database_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    plain = open_application(str(path), encryption=False)
    fill(plain)
    old, _ = backup(plain, tmp_path / "plain-backup.sqlite")
    plain.dispose()
    encrypt(str(path))
    restored, _aside = restore(str(path), old.path)
    assert restored.key is not None and keys.file_state(path) == "encrypted" and leaks(path) == []
    assert CANARY_NAME in names(restored)


def test_the_gui_asks_for_a_new_passphrase_twice_and_refuses_a_short_or_different_one(
        qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from legalaid_desktop.ui.main import ask_passphrase

    def answers(*typed: str) -> None:
        queue = list(typed)
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args: (queue.pop(0), True)))

    answers("short")
    assert ask_passphrase("new") is None
    answers("a long passphrase", "a long passphrasE")
    assert ask_passphrase("new") is None
    answers("a long passphrase", "a long passphrase")
    assert ask_passphrase("new") == "a long passphrase"
    answers("whatever I typed")
    assert ask_passphrase("open") == "whatever I typed"


def test_a_passphrase_database_backup_restores_on_another_computer_with_the_passphrase(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with using_keyring(failing_keyring()):
        monkeypatch.setenv("LEGALAID_PASSPHRASE", "three rivers at dawn")
        app = open_application(str(tmp_path / "office.sqlite"))
        fill(app)
        (tmp_path / "usb").mkdir()
        copy, _ = backup(app, tmp_path / "usb" / "copy.sqlite")
        assert keys.read_key_file(copy.path) is not None  # the key file travels with the backup
        restored, _aside = restore(str(tmp_path / "new-computer" / "office.sqlite"), copy.path)
        assert CANARY_NAME in names(restored)
        monkeypatch.setenv("LEGALAID_PASSPHRASE", "not the passphrase")
        with pytest.raises(DatabaseKeyError):
            restore(str(tmp_path / "elsewhere" / "office.sqlite"), copy.path)
