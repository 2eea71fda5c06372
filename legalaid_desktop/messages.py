"""Words for known errors, shared by the GUI and the command line, with the exit code each maps to."""

from __future__ import annotations

from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError, ValidationError
from legalaid_desktop.domain.jurisdictions import RuleFileError
from legalaid_desktop.i18n import _
from legalaid_desktop.services.demo import DemoCancelledError, DemoRefusedError
from legalaid_desktop.services.errors import (
    DatabaseBusyError,
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
    return str(error), EXIT_INPUT
