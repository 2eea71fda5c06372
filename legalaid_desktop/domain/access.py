"""Who may do what: roles, their permissions, the signed-in principal, and user accounts.

The rules are plain data: each role grants a fixed set of permissions, and a principal limited to
some facilities acts only on cases held there. Services check them (services.access); the screens
only hide what a role cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from legalaid_desktop.domain.entity import Entity, require_text
from legalaid_desktop.domain.errors import DomainError, ValidationError


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    LAWYER = "lawyer"
    PARALEGAL = "paralegal"
    VIEWER = "viewer"

    @classmethod
    def parse(cls, raw: str | None, field: str = "role") -> Role:
        text = (raw or "").strip().casefold()
        try:
            return cls(text)
        except ValueError:
            raise ValidationError(field, raw, "one of " + ", ".join(r.value for r in cls)) from None


class Permission(StrEnum):
    """What a role may do. Reading and editing cases are further limited to a principal's facilities."""

    READ_CASES = "read_cases"
    EDIT_CASES = "edit_cases"
    ASSIGN_PROVIDERS = "assign_providers"
    ASSIGN_UNREPRESENTED = "assign_unrepresented"
    """Put the first provider on a case that has none (a paralegal taking a detainee from the register
    to a lawyer); changing or ending an assignment, waivers and rebalancing need ASSIGN_PROVIDERS."""
    WAIVE_CONFLICTS = "waive_conflicts"
    SEE_RESTRICTED_CONTACTS = "see_restricted_contacts"
    """Phone, address and emergency contact of victims, witnesses and children."""
    RUN_REPORTS = "run_reports"
    EXPORT_DATA = "export_data"
    IMPORT_REGISTERS = "import_registers"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    BACKUP = "backup"
    MANAGE_DATABASE = "manage_database"
    """Restore, keys, rekey, encryption."""
    MANAGE_USERS = "manage_users"


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    # Coordinators run the office: assignments, conflicts, reports, registers, settings, backups.
    Role.COORDINATOR: frozenset({
        P.READ_CASES, P.EDIT_CASES, P.ASSIGN_PROVIDERS, P.WAIVE_CONFLICTS, P.SEE_RESTRICTED_CONTACTS,
        P.RUN_REPORTS, P.EXPORT_DATA, P.IMPORT_REGISTERS, P.MANAGE_SETTINGS, P.VIEW_AUDIT, P.BACKUP}),
    # Lawyers run their cases and must reach victims and witnesses (disclosure, witness statements).
    Role.LAWYER: frozenset({
        P.READ_CASES, P.EDIT_CASES, P.SEE_RESTRICTED_CONTACTS, P.RUN_REPORTS, P.EXPORT_DATA}),
    # Paralegals screen detainees at their facilities, enter the facility's register and get a lawyer
    # to whoever has none (a conflict still blocks it: only a coordinator waives); they have no need
    # to contact victims, witnesses or children.
    Role.PARALEGAL: frozenset({
        P.READ_CASES, P.EDIT_CASES, P.ASSIGN_UNREPRESENTED, P.RUN_REPORTS, P.EXPORT_DATA,
        P.IMPORT_REGISTERS}),
    Role.VIEWER: frozenset({P.READ_CASES}),
}

FACILITY_ROLES = frozenset({Role.PARALEGAL, Role.LAWYER, Role.VIEWER})
"""Roles that may be limited to some facilities (a paralegal must be); coordinators and admins work
across every facility."""

WHOM_TO_ASK: dict[Permission, Role] = {P.MANAGE_USERS: Role.ADMIN, P.MANAGE_DATABASE: Role.ADMIN}
"""Who grants what a refused user needs (a coordinator, unless named here)."""


@dataclass(frozen=True)
class Principal:
    """Who a unit of work acts for.

    `facility_ids` None: every facility. `unmanaged`: a database without accounts, where the
    computer's user acts as an administrator until the first account is made. A principal with
    neither a user id nor `unmanaged` is the application's own work (deadline workers, sign-in).
    """

    user_id: int | None
    name: str
    role: Role
    facility_ids: frozenset[int] | None = None
    unmanaged: bool = False

    @classmethod
    def unmanaged_admin(cls, name: str) -> Principal:
        return cls(user_id=None, name=name, role=Role.ADMIN, unmanaged=True)

    @classmethod
    def system(cls, name: str) -> Principal:
        return cls(user_id=None, name=name, role=Role.ADMIN)

    @property
    def scoped(self) -> bool:
        return self.facility_ids is not None


def can(principal: Principal, permission: Permission, facility_id: int | None = None) -> bool:
    """Whether the principal holds `permission` (at `facility_id`, when the action is about one)."""
    if permission not in ROLE_PERMISSIONS[principal.role]:
        return False
    return facility_id is None or principal.facility_ids is None or facility_id in principal.facility_ids


def may_act_on_case(principal: Principal, permission: Permission, facility_id: int | None) -> bool:
    """Whether the principal may act on a case held at `facility_id` (None: no custody recorded,
    which a principal limited to some facilities cannot see)."""
    if principal.scoped and facility_id is None:
        return False
    return can(principal, permission, facility_id)


class AccessDenied(DomainError):
    """The principal's role may not do `permission` (or not at that facility); nothing was changed.

    `entity` and `uuid` name the record concerned, when there is one; the refusal is audited.
    """

    def __init__(self, *, user: str, role: Role, permission: Permission, facility_id: int | None = None,
                 entity: str | None = None, uuid: str | None = None, ask: Role = Role.COORDINATOR) -> None:
        where = f" at facility {facility_id}" if facility_id is not None else ""
        super().__init__(f"{user} ({role}) may not {permission}{where}")
        self.user = user
        self.role = role
        self.permission = permission
        self.facility_id = facility_id
        self.entity = entity
        self.uuid = uuid
        self.ask = ask


class SignInRefused(DomainError):
    """A sign-in failed or is needed. `reason`: unknown_user, wrong_password, locked (until
    `locked_until`), disabled, needs_credentials (the database has accounts and none was given),
    no_password (no terminal to ask on and no LEGALAID_PASSWORD). Never carries the password."""

    def __init__(self, name: str | None, reason: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(f"sign-in refused for {name!r}: {reason}")
        self.name = name
        self.reason = reason
        self.locked_until = locked_until


class PasswordRuleError(DomainError):
    """A new password breaks a rule (`reason`: too_short, too_long, same_as_name, differs); never
    carries the password."""

    def __init__(self, reason: str, *, minimum: int = 0, maximum: int = 0) -> None:
        super().__init__(f"password refused: {reason}")
        self.reason = reason
        self.minimum = minimum
        self.maximum = maximum


def name_key(name: str) -> str:
    """Account names are unique whatever their case and spacing."""
    return " ".join(name.split()).casefold()


@dataclass(kw_only=True, eq=False)
class UserAccount(Entity):
    """A person who signs in. `password_hash` is an Argon2 hash (never the password);
    `failed_sign_ins` counts failures since the last success; `locked_until` refuses sign-ins
    until then (rate limiting)."""

    name: str
    role: Role
    password_hash: str
    disabled: bool = False
    failed_sign_ins: int = 0
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None
    name_key: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.name = " ".join(require_text("name", self.name, max_length=100).split())
        self.role = Role.parse(self.role) if not isinstance(self.role, Role) else self.role
        self.name_key = name_key(self.name)


@dataclass(frozen=True)
class UserLine:
    """An account as the users list shows it (never its hash)."""

    user_id: int
    name: str
    role: Role
    facilities: tuple[str, ...]
    """The facilities the account is limited to, by name; empty: every facility."""
    disabled: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
