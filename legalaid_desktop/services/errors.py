"""Known errors of the services and storage: each carries what the user must be told."""

from __future__ import annotations

from legalaid_desktop.domain.errors import DomainError


class DatabaseLocationError(DomainError):
    """`--db` named something this version cannot open."""

    def __init__(self, location: str, problem: str, expected: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem
        self.expected = expected


class DatabaseTooNewError(DomainError):
    """The database was written by a newer version; it is left untouched."""

    def __init__(self, location: str, revision: str) -> None:
        super().__init__(f"{location} has schema revision {revision}, unknown to this version")
        self.location = location
        self.revision = revision


class DatabaseUnreadableError(DomainError):
    """The file is not a database this application can read (damaged, or another format)."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class BackupUnusableError(DatabaseUnreadableError):
    """A backup given to restore failed its check (damaged, or unreadable); nothing was replaced."""


class DatabaseDamagedError(DomainError):
    """The check after an unclean end found the file damaged; nothing was written to it.

    `backup` is the last good backup the database recorded, when it could still say.
    """

    def __init__(self, location: str, problem: str, backup: str | None) -> None:
        super().__init__(f"{location} is damaged: {problem}")
        self.location = location
        self.problem = problem
        self.backup = backup


class InputFileError(DomainError):
    """A file given to an import could not be used at all (nothing was written)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseBusyError(DomainError):
    """Another program was writing to the database at the same time; nothing of ours was saved."""

    def __init__(self) -> None:
        super().__init__("the database is busy with another program's changes")


class DatabaseKeyError(DomainError):
    """The database is encrypted and no key at hand opens it, or a key cannot be made or kept safely.

    `problem` is one of: missing (not in this computer's keyring), wrong (a key that does not open it,
    or a damaged file), wrong_recovery_key, wrong_passphrase, no_passphrase (no safe keyring and no
    passphrase given), weak_passphrase, no_safe_keyring, key_file_unreadable, bad_recovery_key,
    not_encrypted, already_encrypted. `detail` never holds the key.
    """

    def __init__(self, location: str, problem: str, *, detail: str = "") -> None:
        super().__init__(f"{location}: key {problem}")
        self.location = location
        self.problem = problem
        self.detail = detail


class FacilityNearMiss(DomainError):
    """A register names a facility that is not recorded but is close to `close` (recorded names): most
    likely a slip, so it is not recorded as a new facility unless the user says it is new on purpose.
    `row` is the register row naming it (None: the facility given for the whole file). Nothing was
    written."""

    def __init__(self, name: str, close: tuple[str, ...], row: int | None = None) -> None:
        super().__init__(f"facility {name!r} is not recorded; close to {', '.join(close)}")
        self.name = name
        self.close = close
        self.row = row
