"""User accounts: adding, listing, disabling, new passwords, and signing in (rate-limited, audited).

Passwords are kept only as Argon2 hashes (argon2-cffi's PasswordHasher with its defaults, rehashed
at sign-in when those defaults grow); no password ever reaches the audit log, a log file or an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from legalaid_desktop.domain.access import (
    FACILITY_ROLES,
    PasswordRuleError,
    Permission,
    Principal,
    Role,
    SignInRefused,
    UserAccount,
    UserLine,
    name_key,
)
from legalaid_desktop.domain.errors import NotFoundError, ValidationError
from legalaid_desktop.services.access import require
from legalaid_desktop.services.facility_names import find_facility
from legalaid_desktop.services.ports import UnitOfWork

MIN_PASSWORD = 10
MAX_PASSWORD = 256
LOCK_AFTER = 5
"""Failed sign-ins in a row after which the account locks, first for FIRST_LOCK, then twice as long
after each further failure, up to LONGEST_LOCK."""
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)
DEMO_ADMIN = "demo"
DEMO_PASSWORD = "demo-password"
"""A demo database's administrator: well known and shown, since demo data is made up."""

_hasher = PasswordHasher()


def check_password(name: str, password: str) -> None:
    """A new password's rules, each refused with its own reason (PasswordRuleError)."""
    if len(password) < MIN_PASSWORD:
        raise PasswordRuleError("too_short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise PasswordRuleError("too_long", maximum=MAX_PASSWORD)
    if name_key(password) == name_key(name):
        raise PasswordRuleError("same_as_name")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _decoy_hash() -> str:
    """Verified against for an unknown name, so that a sign-in takes as long whether or not it exists."""
    return _hasher.hash("not a password of anyone")


def lock_delay(failures: int) -> timedelta | None:
    """How long the account stays locked after this many failures in a row (None: not locked)."""
    if failures < LOCK_AFTER:
        return None
    doubled: timedelta = FIRST_LOCK * (1 << min(failures - LOCK_AFTER, 20))
    return min(doubled, LONGEST_LOCK)


def add_user(uow: UnitOfWork, *, name: str, role: Role | str, password: str,
             facilities: Sequence[str] = ()) -> UserLine:
    """A new account. A paralegal is limited to at least one facility; a lawyer or viewer may be;
    coordinators and admins work across every facility."""
    account = UserAccount(name=name, role=Role.parse(role) if isinstance(role, str) else role,
                          password_hash="-")
    check_password(account.name, password)
    with uow:
        require(uow, Permission.MANAGE_USERS, entity="user_account")
        if uow.users.by_name(account.name) is not None:
            raise ValidationError("name", account.name, "a name no other account has (names are compared "
                                                        "whatever their case)")
        facility_ids = _facilities(uow, account.role, facilities)
        account.password_hash = hash_password(password)
        uow.repo(UserAccount).add(account)
        uow.flush()
        assert account.id is not None
        uow.users.set_facilities(account.id, facility_ids.values())
        uow.audit("create", "user_account", account.uuid, None,
                  {"name": account.name, "role": account.role.value, "facilities": sorted(facility_ids)})
        uow.commit()
        return _line(uow, account)


def list_users(uow: UnitOfWork) -> list[UserLine]:
    with uow:
        require(uow, Permission.MANAGE_USERS, entity="user_account")
        return uow.users.lines()


def disable_user(uow: UnitOfWork, *, name: str) -> UserLine:
    """The account can no longer sign in (its history stays). The last administrator who can sign in
    is kept: disabling them would lock everyone out."""
    with uow:
        require(uow, Permission.MANAGE_USERS, entity="user_account")
        account = _account(uow, name)
        if account.role is Role.ADMIN and not account.disabled and not any(
                line.role is Role.ADMIN and not line.disabled and line.user_id != account.id
                for line in uow.users.lines()):
            raise ValidationError("name", account.name, "an account other than the last administrator "
                                                        "(add another administrator first)")
        if not account.disabled:
            account.disabled = True
            uow.flush()
            uow.audit("disable", "user_account", account.uuid, {"disabled": False}, {"disabled": True})
        uow.commit()
        return _line(uow, account)


def reset_password(uow: UnitOfWork, *, name: str, password: str) -> UserLine:
    """A new password for the account; it also lifts a lock from failed sign-ins."""
    with uow:
        require(uow, Permission.MANAGE_USERS, entity="user_account")
        account = _account(uow, name)
        check_password(account.name, password)
        account.password_hash = hash_password(password)
        account.failed_sign_ins = 0
        account.locked_until = None
        uow.flush()
        uow.audit("reset_password", "user_account", account.uuid, None, {"name": account.name})
        uow.commit()
        return _line(uow, account)


def any_accounts(uow: UnitOfWork) -> bool:
    with uow:
        return uow.users.any_accounts()


def authenticate(uow: UnitOfWork, *, name: str, password: str, now: datetime | None = None) -> Principal:
    """The principal of the account, when `password` is its password; else SignInRefused.

    Every attempt is an audit entry (the unit of work records the machine); a failure is committed
    before it is raised, so the refused sign-in leaves its trace and its count. After LOCK_AFTER
    failures in a row the account is locked for a delay that doubles with each further failure; a
    locked account is refused without its password being tried.
    """
    at = now or datetime.now(UTC)
    given = " ".join(name.split())[:100]
    with uow:
        account = uow.users.by_name(given) if given else None
        if account is None:
            _matches(_decoy_hash(), password)
            _refused(uow, given, None, "unknown_user")
        elif account.disabled:
            _refused(uow, given, account, "disabled")
        elif account.locked_until is not None and at < account.locked_until:
            _refused(uow, given, account, "locked")
        elif not _matches(account.password_hash, password):
            account.failed_sign_ins += 1
            delay = lock_delay(account.failed_sign_ins)
            account.locked_until = at + delay if delay else None
            uow.flush()
            _refused(uow, given, account, "wrong_password")
        assert account is not None and account.id is not None
        if _hasher.check_needs_rehash(account.password_hash):
            account.password_hash = hash_password(password)
        account.failed_sign_ins = 0
        account.locked_until = None
        account.last_sign_in_at = at
        uow.flush()
        uow.audit("sign_in", "user_account", account.uuid, None,
                  {"name": account.name, "role": account.role.value})
        principal = Principal(user_id=account.id, name=account.name, role=account.role,
                              facility_ids=_scope(account.role, uow.users.facility_ids(account.id)))
        uow.commit()
        return principal


def ensure_demo_admin(uow: UnitOfWork) -> tuple[str, str]:
    """A demo database's administrator, made when missing; its name and its (well-known) password."""
    with uow:
        exists = uow.users.by_name(DEMO_ADMIN) is not None
    if not exists:
        add_user(uow, name=DEMO_ADMIN, role=Role.ADMIN, password=DEMO_PASSWORD)
    return DEMO_ADMIN, DEMO_PASSWORD


def _scope(role: Role, facility_ids: frozenset[int]) -> frozenset[int] | None:
    """A paralegal sees only their facilities (none left: nothing); a lawyer or viewer is limited only
    when given facilities; coordinators and admins see every facility."""
    if role is Role.PARALEGAL:
        return facility_ids
    return (facility_ids or None) if role in FACILITY_ROLES else None


def _matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _refused(uow: UnitOfWork, name: str, account: UserAccount | None, reason: str) -> None:
    """Record the refusal in its own committed transaction, then raise it."""
    after: dict[str, object] = {"name": name, "reason": reason}
    if account is not None:
        after["failures"] = account.failed_sign_ins
        if account.locked_until is not None:
            after["locked_until"] = account.locked_until.isoformat()
    uow.audit("sign_in_refused", "user_account", account.uuid if account else None, None, after)
    uow.commit()
    raise SignInRefused(name, reason, locked_until=account.locked_until if account else None)


def _account(uow: UnitOfWork, name: str) -> UserAccount:
    account = uow.users.by_name(name)
    if account is None:
        names = uow.users.names()
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if close:
            raise ValidationError("user", name, f"an existing account: did you mean {close[0]!r}?")
        raise NotFoundError("user account", name)
    return account


def _facilities(uow: UnitOfWork, role: Role, names: Sequence[str]) -> dict[str, int]:
    """The keys of the named facilities (found whatever their case and spacing), by name."""
    if names and role not in FACILITY_ROLES:
        raise ValidationError("facility", ", ".join(names),
                              f"no facility for a {role}: coordinators and admins work across every facility")
    if role is Role.PARALEGAL and not names:
        raise ValidationError("facility", None, "at least one facility for a paralegal (--facility NAME)")
    if not names:
        return {}
    found: dict[str, int] = {}
    for given in names:
        facility = find_facility(uow, given)
        assert facility.id is not None
        found[facility.name] = facility.id
    return found


def _line(uow: UnitOfWork, account: UserAccount) -> UserLine:
    return next(line for line in uow.users.lines() if line.user_id == account.id)
