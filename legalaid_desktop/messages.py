"""Words for known errors, shared by the GUI and the command line, with the exit code each maps to."""

from __future__ import annotations

from legalaid_desktop.domain.conflicts import ConflictOfInterestError, ConflictSide
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError, ValidationError
from legalaid_desktop.domain.jurisdictions import RuleFileError
from legalaid_desktop.i18n import _
from legalaid_desktop.services.demo import DemoCancelledError, DemoRefusedError
from legalaid_desktop.services.errors import (
    DatabaseBusyError,
    DatabaseKeyError,
    DatabaseLocationError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    InputFileError,
)

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_REJECTED_ROWS = 3
EXIT_REFUSED = 4
EXIT_INTEGRITY = 5
EXIT_KEY = 6  # encrypted and no key at hand opens it: scripts can tell "locked" from "damaged"


def describe(error: BaseException) -> tuple[str, int]:
    """The message a user reads for a known error, and the exit code it maps to."""
    if isinstance(error, ValidationError) and error.value is None:
        return (_("{field} is missing; expected {expected}.").format(
            field=error.field, expected=error.expected), EXIT_INPUT)
    if isinstance(error, ValidationError):
        return (_("{field}: {value!r} is not valid; expected {expected}.").format(
            field=error.field, value=error.value, expected=error.expected), EXIT_INPUT)
    if isinstance(error, NotFoundError):
        return _("No {entity} matches {key!r}.").format(entity=error.entity, key=error.key), EXIT_INPUT
    if isinstance(error, DatabaseLocationError):
        return (_("Cannot use database {location}: {problem}. Give {expected}.").format(
            location=error.location, problem=error.problem, expected=error.expected), EXIT_INPUT)
    if isinstance(error, DatabaseTooNewError):
        return (_("The database {location} was written by a newer version of legalaid-desktop "
                  "(schema {revision}). It was not changed. Install the newer version to open it.")
                .format(location=error.location, revision=error.revision), EXIT_INPUT)
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
    return str(error), EXIT_INPUT


def conflict_message(error: ConflictOfInterestError) -> str:
    """Why an assignment was refused: each conflict with the other case, the role and the provider."""
    lines = [_("{provider} was not assigned to {case}: conflict of interest.").format(
        provider=error.provider_name, case=error.case_ref)]
    for c in error.conflicts:
        acts = _("acts") if c.current else _("acted")
        if c.side is ConflictSide.CLIENT_IS_ADVERSE:
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
