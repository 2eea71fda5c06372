"""Words for known errors, shared by the GUI and the command line, with the exit code each maps to."""

from __future__ import annotations

from collections.abc import Iterable

from legalaid_desktop.domain.access import (
    ROLE_PERMISSIONS,
    AccessDenied,
    PasswordRuleError,
    Permission,
    SignInRefused,
)
from legalaid_desktop.domain.conflicts import ConflictOfInterestError, ConflictSide
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError, ValidationError
from legalaid_desktop.domain.jurisdictions import RuleFileError
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.services.demo import DemoCancelledError, DemoRefusedError
from legalaid_desktop.services.errors import (
    BackupUnusableError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseKeyError,
    DatabaseLocationError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    FacilityNearMiss,
    InputFileError,
)

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_REJECTED_ROWS = 3
EXIT_REFUSED = 4
EXIT_INTEGRITY = 5
EXIT_KEY = 6  # encrypted and no key at hand opens it: scripts can tell "locked" from "damaged"
EXIT_SIGN_IN = 7  # the database has accounts, and the sign-in was missing or refused


def full_stop(text: str) -> str:
    """The text as a sentence: a full stop added unless it already ends one ("did you mean 'X'?")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def near_miss_message(error: FacilityNearMiss) -> str:
    """A register's facility refused as a likely slip; the screen or command adds how to say it is new."""
    close = _(" or ").join(repr(n) for n in error.close)
    if error.row is None:
        return _("No facility is recorded as {name!r}: did you mean {close}? Nothing was imported.").format(
            name=error.name, close=close)
    return _("Row {row} names the facility {name!r}, which is not recorded: did you mean {close}? Nothing "
             "was imported.").format(row=error.row, name=error.name, close=close)


def describe(error: BaseException) -> tuple[str, int]:
    """The message a user reads for a known error, and the exit code it maps to."""
    if isinstance(error, ValidationError) and error.value is None:
        return (full_stop(_("{field} is missing; expected {expected}").format(
            field=error.field, expected=error.expected)), EXIT_INPUT)
    if isinstance(error, ValidationError):
        return (full_stop(_("{field}: {value!r} is not valid; expected {expected}").format(
            field=error.field, value=error.value, expected=error.expected)), EXIT_INPUT)
    if isinstance(error, FacilityNearMiss):
        return near_miss_message(error), EXIT_INPUT
    if isinstance(error, NotFoundError):
        return _("No {entity} matches {key!r}.").format(entity=error.entity, key=error.key), EXIT_INPUT
    if isinstance(error, DatabaseLocationError):
        return (_("Cannot use database {location}: {problem}. Give {expected}.").format(
            location=error.location, problem=error.problem, expected=error.expected), EXIT_INPUT)
    if isinstance(error, DatabaseTooNewError):
        return (_("The database {location} was written by a newer version of legalaid-desktop "
                  "(schema {revision}). It was not changed. Install the newer version to open it.")
                .format(location=error.location, revision=error.revision), EXIT_INPUT)
    if isinstance(error, DatabaseDamagedError):
        where = (_("Your last good backup is {backup}: restore it with `legalaid restore {backup}` (the "
                   "damaged file is kept aside).").format(backup=error.backup) if error.backup else
                 _("Restore your last good backup with `legalaid restore FILE` (the damaged file is "
                   "kept aside)."))
        return (_("The database {location} is damaged ({problem}). The last session with it did not "
                  "end cleanly (a power cut or a crash), and the check at start found this. Nothing "
                  "was written to it. {where} Do not go on working in the damaged file.").format(
            location=error.location, problem=error.problem, where=where), EXIT_INTEGRITY)
    if isinstance(error, BackupUnusableError):
        return (_("The backup {location} cannot be restored: it {reason}. Nothing was replaced; restore "
                  "an older backup.").format(location=error.location, reason=error.reason), EXIT_INTEGRITY)
    if isinstance(error, DatabaseUnreadableError):
        return (_("Cannot open {location}: {reason}. Check the path, or restore a backup.").format(
            location=error.location, reason=error.reason), EXIT_INTEGRITY)
    if isinstance(error, DatabaseKeyError):
        return key_message(error), EXIT_KEY
    if isinstance(error, DemoRefusedError):
        return (_("The database already has {n} cases, so no demo data was added. Demo data goes "
                  "into a new database: leave out --db to get one in a temporary folder.")
                .format(n=f"{error.cases:,}"), EXIT_INPUT)
    if isinstance(error, DemoCancelledError):
        return (_("Stopped on request after {n} demo cases; those are kept.")
                .format(n=f"{error.done:,}"), EXIT_INTERNAL)
    if isinstance(error, DatabaseBusyError):
        return (_("Another program was saving to the database at the same time, so nothing was "
                  "saved. Try again in a moment."), EXIT_INPUT)
    if isinstance(error, InputFileError):
        return _("Cannot use {path}: {reason}").format(path=error.path, reason=error.reason), EXIT_INPUT
    if isinstance(error, ConcurrencyError):
        return (_("{entity} {key} was changed by someone else meanwhile; nothing was saved. "
                  "Reload and try again.").format(entity=error.entity, key=error.key), EXIT_INPUT)
    if isinstance(error, RuleFileError):
        return (_("Rule file {source}: in [{rule}], field {field}: {reason}").format(
            source=error.source, rule=error.rule, field=error.field, reason=error.reason), EXIT_INPUT)
    if isinstance(error, ConflictOfInterestError):
        return conflict_message(error), EXIT_REFUSED
    if isinstance(error, AccessDenied):
        return access_message(error), EXIT_REFUSED
    if isinstance(error, SignInRefused):
        return sign_in_message(error), EXIT_SIGN_IN
    if isinstance(error, PasswordRuleError):
        return password_message(error), EXIT_INPUT
    return str(error), EXIT_INPUT


MATCH_WORDS = {
    "name_same": "same name", "name_similar": "similar name (spelling or script variant)",
    "dob_equal": "same date of birth", "dob_within_a_year": "date of birth within a year",
    "dob_different": "different date of birth", "id_equal": "same identity number",
    "id_different": "different identity number",
}


def match_words(reasons: Iterable[str]) -> str:
    """Why two people may be the same, as a reader says it: "similar name, same date of birth"."""
    return ", ".join(_(MATCH_WORDS.get(r, r.replace("_", " "))) for r in reasons)


def conflict_message(error: ConflictOfInterestError) -> str:
    """Why an assignment was refused: each conflict with the other case, the role and the provider."""
    lines = [_("{provider} was not assigned to {case}: conflict of interest.").format(
        provider=error.provider_name, case=error.case_ref)]
    for c in error.conflicts:
        acts = _("acts") if c.current else _("acted")
        if c.hidden:
            lines.append(_("  {provider} may have a conflict of interest in a record you cannot open; ask a "
                           "coordinator.").format(provider=c.provider_name))
        elif c.side is ConflictSide.CLIENT_IS_ADVERSE:
            lines.append(_("  {provider} {acts} in {other}, where {matched} ({role}) may be this case's "
                           "client {person} (match {score:.2f}).").format(
                provider=c.provider_name, acts=acts, other=c.other_case_ref, matched=c.matched_name,
                role=c.role.value, person=c.person_name, score=c.score))
        else:
            lines.append(_("  {provider} {acts} for {matched}, client in {other}, who may be the {role} "
                           "{person} of this case (match {score:.2f}).").format(
                provider=c.provider_name, acts=acts, matched=c.matched_name, other=c.other_case_ref,
                role=c.role.value, person=c.person_name, score=c.score))
    lines.append(_("A coordinator may record a waiver with a reason: legalaid conflicts waive {case} "
                   "\"{provider}\" --reason TEXT").format(case=error.case_ref, provider=error.provider_name))
    return "\n".join(lines)


def more_matches_message(more: int, *, date_of_birth_given: bool, identity_number_given: bool) -> str:
    """The line under a conflict check's list: how many more people matched on name alone, and what
    would narrow them (a date of birth or an identity number the check did not have)."""
    n = f"{more:,}"
    if not date_of_birth_given and not identity_number_given:
        return ngettext("{n} more possible match on name alone: add a date of birth or an identity "
                        "number to narrow it.",
                        "{n} more possible matches on name alone: add a date of birth or an identity "
                        "number to narrow them.", more).format(n=n)
    if not identity_number_given:
        return ngettext("{n} more possible match on name alone: add an identity number to narrow it.",
                        "{n} more possible matches on name alone: add an identity number to narrow "
                        "them.", more).format(n=n)
    if not date_of_birth_given:
        return ngettext("{n} more possible match on name alone: add a date of birth to narrow it.",
                        "{n} more possible matches on name alone: add a date of birth to narrow them.",
                        more).format(n=n)
    return ngettext("{n} more possible match on name alone, whose date of birth and identity number "
                    "are not recorded or differ.",
                    "{n} more possible matches on name alone, whose dates of birth and identity numbers "
                    "are not recorded or differ.", more).format(n=n)


def key_message(error: DatabaseKeyError) -> str:
    """Why an encrypted database did not open, or a key could not be made, and what to do."""
    where = error.location
    recover = _("open it with the recovery key (legalaid key import) or the passphrase")
    texts = {
        "missing": _("This database is encrypted and its key is not in this computer's keyring: {recover}."),
        "wrong": _("The key does not open this database (another database's key, or the file is "
                   "damaged). Try the recovery key (legalaid key import), or restore a backup."),
        "wrong_recovery_key": _("That recovery key does not open this database: check it for a mistyped "
                                "digit. A key retired by legalaid rekey opens only the backups made "
                                "before the rekey."),
        "weak_passphrase": _("A passphrase needs at least {detail} characters (a few words are easier to "
                             "remember); nothing was changed."),
        "wrong_passphrase": _("The passphrase does not open this database. Try again, or use the recovery "
                              "key (legalaid key import)."),
        "no_passphrase": _("This computer has no safe keyring for the database key, so a passphrase is "
                           "needed: set LEGALAID_PASSPHRASE or enter it when asked."),
        "no_safe_keyring": _("This computer has no safe keyring ({detail}); the key was not stored. Set a "
                             "passphrase instead: give the recovery key in LEGALAID_RECOVERY_KEY and run "
                             "legalaid rekey --passphrase."),
        "key_file_unreadable": _("The key file {name} beside the database is damaged: {recover}."),
        "bad_recovery_key": _("That is not a recovery key ({detail}); expected 64 hex digits in 8 groups."),
        "already_encrypted": _("This database is encrypted already; to change its key, use legalaid rekey."),
        "not_encrypted": _("This database is not encrypted, so it has no key; encrypt it with "
                           "legalaid encrypt."),
    }
    text = texts.get(error.problem, _("The database key cannot be used ({problem}).")).format(
        recover=recover, detail=error.detail, problem=error.problem,
        name=f"{where.rsplit('/', 1)[-1]}.key.json")
    return f"{where}: {text}" if where else text


def permission_words(permission: Permission) -> str:
    """What a permission lets one do, as a refusal names it."""
    return {
        Permission.READ_CASES: _("read cases"),
        Permission.EDIT_CASES: _("change cases"),
        Permission.ASSIGN_PROVIDERS: _("assign lawyers and paralegals"),
        Permission.ASSIGN_UNREPRESENTED: _("assign a lawyer or paralegal to a case that has none"),
        Permission.WAIVE_CONFLICTS: _("waive conflicts of interest"),
        Permission.SEE_RESTRICTED_CONTACTS: _("see the contact details of victims, witnesses and children"),
        Permission.RUN_REPORTS: _("make reports"),
        Permission.EXPORT_DATA: _("export records"),
        Permission.IMPORT_REGISTERS: _("import registers and records"),
        Permission.MANAGE_SETTINGS: _("change settings and court closures"),
        Permission.VIEW_AUDIT: _("read the audit log"),
        Permission.BACKUP: _("make backups"),
        Permission.MANAGE_DATABASE: _("restore the database, read out or change its keys"),
        Permission.MANAGE_USERS: _("manage user accounts"),
    }[permission]


def access_message(error: AccessDenied) -> str:
    """What the signed-in user may not do, and whom to ask; nothing was changed."""
    if error.permission in ROLE_PERMISSIONS[error.role] and error.facility_id is None and \
            error.entity in ("report", "export", "import"):  # the role may, but not office-wide
        return _("{user} ({role}) may {what} only for the facilities assigned to them, and this {entity} "
                 "covers every facility; nothing was changed. Ask a coordinator.").format(
            user=error.user, role=error.role.value, what=permission_words(error.permission),
            entity={"report": _("report"), "export": _("export"),
                    "import": _("import")}[error.entity or "report"])
    if error.permission in ROLE_PERMISSIONS[error.role]:  # the role may, but not at that facility
        return _("{user} ({role}) may not {what} held at a facility not assigned to them; nothing was "
                 "changed. Ask a coordinator or an administrator to add the facility to your account."
                 ).format(user=error.user, role=error.role.value, what=permission_words(error.permission))
    return _("{user} ({role}) may not {what}; nothing was changed. Ask {ask} to do it, or to give your "
             "account a role that may.").format(
        user=error.user, role=error.role.value, what=permission_words(error.permission),
        ask=_("an administrator") if error.ask.value == "admin" else _("a coordinator"))


def sign_in_message(error: SignInRefused) -> str:
    """Why a sign-in failed or is needed (never whether a password was close)."""
    name = error.name or ""
    if error.reason == "unknown_user":
        return _("There is no account named {name!r} in this database; check the name (--user or "
                 "LEGALAID_USER), or ask an administrator.").format(name=name)
    if error.reason == "wrong_password":
        text = _("Wrong password for {name!r}.").format(name=name)
        if error.locked_until is not None:
            text += " " + _("After repeated failures the account is locked until {at} (UTC); an "
                            "administrator can reset its password.").format(at=_moment(error))
        return text
    if error.reason == "locked":
        return _("The account {name!r} is locked after repeated failed sign-ins until {at} (UTC); try "
                 "again then, or ask an administrator to reset its password.").format(
            name=name, at=_moment(error))
    if error.reason == "disabled":
        return _("The account {name!r} is disabled; ask an administrator.").format(name=name)
    if error.reason == "no_password":
        return _("A password is needed for {name!r} and there is no terminal to ask on: set "
                 "LEGALAID_PASSWORD.").format(name=name)
    return _("This database has user accounts: sign in with --user NAME (or LEGALAID_USER) and the "
             "password in LEGALAID_PASSWORD or at the prompt.")


def _moment(error: SignInRefused) -> str:
    return error.locked_until.strftime("%Y-%m-%d %H:%M:%S") if error.locked_until else "?"


def password_message(error: PasswordRuleError) -> str:
    if error.reason == "too_short":
        return _("The password is too short: use at least {n} characters (a few words are easier to "
                 "remember); nothing was changed.").format(n=error.minimum)
    if error.reason == "too_long":
        return _("The password is too long: at most {n} characters; nothing was changed.").format(
            n=error.maximum)
    if error.reason == "differs":
        return _("The two passwords differ; nothing was changed.")
    return _("The password must not be the account's name; nothing was changed.")
