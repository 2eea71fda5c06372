"""An in-memory keyring backend for tests, and the plain-text and failing ones the application refuses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
from keyring.backends import fail


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict: as safe as the OS keyring for a test, and forgotten with the process."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's own __init__ is untyped
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file backend (not installed here): same module prefix, so refused."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


@contextmanager
def using_keyring(backend: keyring.backend.KeyringBackend) -> Iterator[keyring.backend.KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def failing_keyring() -> keyring.backend.KeyringBackend:
    return fail.Keyring()  # type: ignore[no-untyped-call]  # untyped in keyring
