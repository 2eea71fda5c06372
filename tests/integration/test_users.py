"""User accounts on a real database: Argon2 hashes only, sign-in audited and rate-limited, and once an
account exists nobody works without signing in."""

from __future__ import annotations

import socket
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.access import AccessDenied, PasswordRuleError, Role, SignInRefused
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.messages import describe
from legalaid_desktop.services import records
from legalaid_desktop.services.users import (
    DEMO_ADMIN,
    DEMO_PASSWORD,
    LOCK_AFTER,
    add_user,
    any_accounts,
    authenticate,
    disable_user,
    ensure_demo_admin,
    list_users,
    reset_password,
)
from tests.builders import make_facility

SECRET = "correct horse battery staple"
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


def audit_rows(db: Path, action: str) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as raw:
        return raw.execute("SELECT actor, machine, entity_uuid, after FROM audit_entry WHERE action = ? "
                           "ORDER BY id", (action,)).fetchall()


@pytest.fixture
def admin(app: Application) -> Application:
    """The database's first account, an administrator, signed in."""
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    records.create(app.uow(), make_facility(name="Langata Women's Prison"))
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    return app.sign_in("grace admin", SECRET)


def test_only_an_argon2_hash_is_stored_never_the_password(admin: Application) -> None:
    add_user(admin.uow(), name="Peter Lawyer", role="lawyer", password="another long secret")
    with sqlite3.connect(admin.location.path) as raw:
        hashes = [h for (h,) in raw.execute("SELECT password_hash FROM user_account")]
    assert len(hashes) == 2 and all(h.startswith("$argon2id$") for h in hashes)
    admin.dispose()
    data = b"".join(p.read_bytes() for p in admin.location.path.parent.rglob("*") if p.is_file())
    assert SECRET.encode() not in data and b"another long secret" not in data


def test_names_are_unique_whatever_their_case_and_spacing(admin: Application) -> None:
    with pytest.raises(ValidationError) as caught:
        add_user(admin.uow(), name="  GRACE   admin", role="viewer", password="long enough pass")
    assert caught.value.field == "name"


def test_password_rules_say_what_is_wrong_without_repeating_the_password(admin: Application) -> None:
    with pytest.raises(PasswordRuleError) as caught:
        add_user(admin.uow(), name="Short", role="viewer", password="tiny")
    message, _ = describe(caught.value)
    assert "at least 10 characters" in message and "tiny" not in message
    with pytest.raises(PasswordRuleError):
        add_user(admin.uow(), name="Samename Person", role="viewer", password="samename person")


def test_a_paralegal_needs_a_facility_and_a_mistyped_one_gets_a_suggestion(admin: Application) -> None:
    with pytest.raises(ValidationError, match="at least one facility"):
        add_user(admin.uow(), name="Pat", role="paralegal", password=SECRET)
    with pytest.raises(ValidationError) as caught:
        add_user(admin.uow(), name="Pat", role="paralegal", password=SECRET, facilities=["Kamiti Remnd"])
    assert "did you mean 'Kamiti Remand'" in caught.value.expected
    line = add_user(admin.uow(), name="Pat", role="paralegal", password=SECRET, facilities=["kamiti remand"])
    assert line.facilities == ("Kamiti Remand",)
    with pytest.raises(ValidationError, match="coordinators and admins work across every facility"):
        add_user(admin.uow(), name="Cora", role="coordinator", password=SECRET, facilities=["Kamiti Remand"])


def test_a_sign_in_is_audited_with_the_machine_and_gives_the_accounts_facilities(admin: Application) -> None:
    add_user(admin.uow(), name="Pat", role="paralegal", password=SECRET, facilities=["Kamiti Remand"])
    pat = admin.sign_in("Pat", SECRET)
    assert pat.principal.role is Role.PARALEGAL and pat.principal.facility_ids is not None
    assert len(pat.principal.facility_ids) == 1 and pat.actor == "Pat"
    actor, machine, _, after = audit_rows(admin.location.path, "sign_in")[-1]
    assert (actor, machine) == ("Pat", socket.gethostname())
    assert SECRET not in after


def test_a_wrong_password_is_refused_counted_and_audited_in_its_own_transaction(admin: Application) -> None:
    with pytest.raises(SignInRefused) as caught:
        admin.sign_in("Grace Admin", "not the password")
    assert caught.value.reason == "wrong_password"
    refused = audit_rows(admin.location.path, "sign_in_refused")
    assert len(refused) == 1 and "wrong_password" in refused[0][3] and "not the password" not in refused[0][3]
    with sqlite3.connect(admin.location.path) as raw:
        assert raw.execute("SELECT failed_sign_ins FROM user_account").fetchone() == (1,)
    with pytest.raises(SignInRefused) as unknown:
        admin.sign_in("Nobody", SECRET)
    assert unknown.value.reason == "unknown_user"
    assert len(audit_rows(admin.location.path, "sign_in_refused")) == 2


def test_repeated_failures_lock_the_account_for_a_growing_delay(admin: Application) -> None:
    add_user(admin.uow(), name="Vic", role="viewer", password=SECRET)
    for attempt in range(LOCK_AFTER):
        with pytest.raises(SignInRefused):
            authenticate(admin.uow(), name="Vic", password="guess number x",
                         now=NOW + timedelta(seconds=attempt))
    # Locked: even the right password is refused, without being tried.
    with pytest.raises(SignInRefused) as locked:
        authenticate(admin.uow(), name="Vic", password=SECRET, now=NOW + timedelta(seconds=10))
    assert locked.value.reason == "locked" and locked.value.locked_until is not None
    first_lock = locked.value.locked_until - (NOW + timedelta(seconds=LOCK_AFTER - 1))
    # After the lock, one more failure locks it again for twice as long.
    later = locked.value.locked_until + timedelta(seconds=1)
    with pytest.raises(SignInRefused) as again:
        authenticate(admin.uow(), name="Vic", password="still guessing", now=later)
    assert again.value.locked_until is not None and again.value.locked_until - later == 2 * first_lock
    message, code = describe(again.value)
    assert "locked until" in message and code == 7
    # An administrator's new password lifts the lock.
    reset_password(admin.uow(), name="vic", password="a brand new secret")
    assert authenticate(admin.uow(), name="Vic", password="a brand new secret").role is Role.VIEWER


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_stays(admin: Application) -> None:
    add_user(admin.uow(), name="Vic", role="viewer", password=SECRET)
    disable_user(admin.uow(), name="Vic")
    with pytest.raises(SignInRefused) as caught:
        admin.sign_in("Vic", SECRET)
    assert caught.value.reason == "disabled"
    with pytest.raises(ValidationError, match="last administrator"):
        disable_user(admin.uow(), name="Grace Admin")
    assert [(u.name, u.disabled) for u in list_users(admin.uow())] == [("Grace Admin", False), ("Vic", True)]


def test_only_admins_manage_users_and_a_refusal_is_audited(admin: Application) -> None:
    add_user(admin.uow(), name="Cora", role="coordinator", password=SECRET)
    cora = admin.sign_in("Cora", SECRET)
    with pytest.raises(AccessDenied) as caught:
        add_user(cora.uow(), name="Sneaky", role="admin", password=SECRET)
    message, code = describe(caught.value)
    assert "may not manage user accounts" in message and "administrator" in message and code == 4
    with pytest.raises(AccessDenied):
        list_users(cora.uow())
    refusals = audit_rows(admin.location.path, "refused")
    assert [r[0] for r in refusals] == ["Cora", "Cora"] and "manage_users" in refusals[0][3]
    with sqlite3.connect(admin.location.path) as raw:
        assert raw.execute("SELECT count(*) FROM user_account WHERE name = 'Sneaky'").fetchone() == (0,)


def test_once_an_account_exists_nobody_works_without_signing_in(app: Application) -> None:
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    assert app.accounts_exist()
    with pytest.raises(SignInRefused) as caught:
        records.create(app.uow(), make_facility())  # the application opened before the account
    assert caught.value.reason == "needs_credentials"
    path = str(app.location.path)
    with pytest.raises(SignInRefused):
        open_application(path, create=False)
    with pytest.raises(SignInRefused) as wrong:
        open_application(path, create=False, user="Grace Admin", password="wrong password")
    assert wrong.value.reason == "wrong_password"
    signed = open_application(path, create=False, user="grace admin", password=SECRET)
    assert signed.principal.name == "Grace Admin" and signed.principal.role is Role.ADMIN
    deferred = open_application(path, create=False, defer_sign_in=True)  # a GUI's sign-in dialog
    with pytest.raises(SignInRefused):
        records.create(deferred.uow(), make_facility())
    records.create(deferred.sign_in("Grace Admin", SECRET).uow(), make_facility())


def test_a_database_without_accounts_keeps_working_as_before(app: Application) -> None:
    assert not app.accounts_exist()
    assert app.principal.unmanaged and app.principal.role is Role.ADMIN
    records.create(app.uow(), make_facility())


def test_a_demo_database_gets_a_demo_administrator_with_known_credentials(app: Application) -> None:
    assert ensure_demo_admin(app.uow()) == (DEMO_ADMIN, DEMO_PASSWORD)
    demo = app.sign_in(DEMO_ADMIN, DEMO_PASSWORD)
    assert ensure_demo_admin(demo.uow()) == (DEMO_ADMIN, DEMO_PASSWORD)  # made once
    assert [u.name for u in list_users(demo.uow())] == [DEMO_ADMIN]


def test_disabling_an_account_stops_its_signed_in_session_at_the_next_action(admin: Application) -> None:
    add_user(admin.uow(), name="Vic", role="viewer", password=SECRET)
    vic = admin.sign_in("Vic", SECRET)
    assert any_accounts(vic.uow())  # signed in and working
    disable_user(admin.uow(), name="Vic")
    with pytest.raises(SignInRefused) as caught:
        any_accounts(vic.uow())
    assert caught.value.reason == "disabled"
