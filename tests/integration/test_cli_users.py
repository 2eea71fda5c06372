"""The command line with accounts: init --admin-user, users add/list/disable/reset-password, and sign-in
by --user / LEGALAID_USER with LEGALAID_PASSWORD; every refusal one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalaid_desktop.app import open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.services import records
from legalaid_desktop.services.users import LOCK_AFTER, add_user
from tests.builders import make_facility

ADMIN_PASSWORD = "admin pass phrase"
PAT_PASSWORD = "paralegal pass phrase"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with two facilities and its first administrator, Grace, made by `legalaid init`."""
    for name in ("LEGALAID_USER", "LEGALAID_PASSWORD", "LEGALAID_NEW_PASSWORD", "LEGALAID_DB"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "office.sqlite"
    app = open_application(str(path), encryption=False)
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    records.create(app.uow(), make_facility(name="Langata Women's Prison"))
    app.dispose()
    monkeypatch.setenv("LEGALAID_PASSWORD", ADMIN_PASSWORD)
    assert main(["init", "--db", str(path), "--admin-user", "Grace"]) == 0
    monkeypatch.delenv("LEGALAID_PASSWORD")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code (as the shell sees it: some refusals leave through SystemExit), output, errors."""
    try:
        code = main(list(argv))
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_clear_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("legalaid: ") and "Traceback" not in err
    return err


def as_user(monkeypatch: pytest.MonkeyPatch, name: str, password: str) -> None:
    monkeypatch.setenv("LEGALAID_USER", name)
    monkeypatch.setenv("LEGALAID_PASSWORD", password)


def test_init_makes_the_first_admin_and_from_then_on_everyone_signs_in(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "cases", "--db", str(db))
    assert code == 7 and "sign in with --user" in one_clear_line(err)
    monkeypatch.setenv("LEGALAID_USER", "Grace")  # no password, and no terminal to ask on
    code, _, err = run(capsys, "cases", "--db", str(db))
    assert code == 7 and "set LEGALAID_PASSWORD" in one_clear_line(err)
    monkeypatch.setenv("LEGALAID_PASSWORD", ADMIN_PASSWORD)
    assert run(capsys, "cases", "--db", str(db))[0] == 0


def test_wrong_password_unknown_user_disabled_and_locked_each_get_one_clear_line(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "Nobody", ADMIN_PASSWORD)
    code, _, err = run(capsys, "cases", "--db", str(db))
    assert code == 7 and "no account named 'Nobody'" in one_clear_line(err)

    as_user(monkeypatch, "Grace", ADMIN_PASSWORD)
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", PAT_PASSWORD)
    assert run(capsys, "users", "add", "Vic", "--role", "viewer", "--db", str(db))[0] == 0
    for _attempt in range(LOCK_AFTER):
        code, _, err = run(capsys, "--user", "Vic", "cases", "--db", str(db))  # Grace's password: wrong
        assert code == 7 and "Wrong password for 'Vic'" in one_clear_line(err)
    assert "locked until" in err
    monkeypatch.setenv("LEGALAID_PASSWORD", PAT_PASSWORD)
    code, _, err = run(capsys, "cases", "--db", str(db), "--user", "Vic")  # right password, but locked
    assert code == 7 and "is locked" in one_clear_line(err)

    as_user(monkeypatch, "Grace", ADMIN_PASSWORD)
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", "a fresh pass phrase")
    code, out, _ = run(capsys, "users", "reset-password", "vic", "--db", str(db))
    assert code == 0 and "Vic has a new password" in out
    assert run(capsys, "users", "disable", "Vic", "--db", str(db))[0] == 0
    as_user(monkeypatch, "Vic", "a fresh pass phrase")
    code, _, err = run(capsys, "cases", "--db", str(db))
    assert code == 7 and "is disabled" in one_clear_line(err)


def test_users_add_and_list_with_facilities_and_a_suggestion_for_a_mistyped_one(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "Grace", ADMIN_PASSWORD)
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", PAT_PASSWORD)
    code, _, err = run(capsys, "users", "add", "Pat", "--role", "paralegal", "--facility", "Kamiti Remnd",
                       "--db", str(db))
    assert code == 2 and "did you mean 'Kamiti Remand'" in one_clear_line(err)
    code, out, _ = run(capsys, "users", "add", "Pat", "--role", "paralegal", "--facility", "kamiti remand",
                       "--db", str(db))
    assert code == 0 and "limited to Kamiti Remand" in out
    code, out, _ = run(capsys, "users", "list", "--db", str(db), "--format", "csv")
    assert out.splitlines() == ["name,role,facilities,status,last_sign_in",
                                f"Grace,admin,all,active,{out.splitlines()[1].rsplit(',', 1)[1]}",
                                "Pat,paralegal,Kamiti Remand,active,"]
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", "short")
    code, _, err = run(capsys, "users", "add", "Shorty", "--role", "viewer", "--db", str(db))
    assert code == 2 and "at least 10 characters" in one_clear_line(err) and "short" not in err.split(":")[-1]


def test_only_an_admin_manages_users(db: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    as_user(monkeypatch, "Grace", ADMIN_PASSWORD)
    monkeypatch.setenv("LEGALAID_NEW_PASSWORD", PAT_PASSWORD)
    assert run(capsys, "users", "add", "Cora", "--role", "coordinator", "--db", str(db))[0] == 0
    as_user(monkeypatch, "Cora", PAT_PASSWORD)
    code, _, err = run(capsys, "users", "list", "--db", str(db))
    assert code == 4 and "may not manage user accounts" in one_clear_line(err)
    code, _, err = run(capsys, "init", "--db", str(db), "--admin-user", "Another")
    assert code == 2 and "has accounts already" in err


def test_init_refuses_a_short_password_before_creating_anything(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALAID_PASSWORD", "too short")
    path = tmp_path / "new.sqlite"
    code, _, err = run(capsys, "init", "--db", str(path), "--no-encryption", "--admin-user", "Grace")
    assert code == 2 and "at least 10 characters" in err and not path.exists()


def test_only_an_admin_reads_out_the_recovery_key(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LEGALAID_USER", "LEGALAID_PASSWORD", "LEGALAID_DB"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "secret.sqlite"
    app = open_application(str(path))  # encrypted, its key in the test's keyring
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    add_user(app.uow(), name="Grace", role="admin", password=ADMIN_PASSWORD)
    add_user(app.sign_in("Grace", ADMIN_PASSWORD).uow(), name="Pat", role="paralegal",
             password=PAT_PASSWORD, facilities=["Kamiti Remand"])
    app.dispose()
    as_user(monkeypatch, "Pat", PAT_PASSWORD)
    code, out, err = run(capsys, "key", "export", "--db", str(path))
    assert code == 4 and "may not restore the database, read out" in one_clear_line(err)
    assert out == ""
    as_user(monkeypatch, "Grace", ADMIN_PASSWORD)
    code, out, _ = run(capsys, "key", "export", "--db", str(path))
    assert code == 0 and len(out.strip().replace("-", "")) == 64
