"""Errors the domain raises; they carry data, and the layer that shows them words them."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every known (non-bug) error the domain and services raise."""


class ValidationError(DomainError):
    """A value broke a rule: `field` got `value`, and `expected` says what would be right."""

    def __init__(self, field: str, value: Any, expected: str) -> None:
        super().__init__(f"{field}: {value!r} ({expected})")
        self.field = field
        self.value = value
        self.expected = expected


class NotFoundError(DomainError):
    """No `entity` answers to `key`."""

    def __init__(self, entity: str, key: Any) -> None:
        super().__init__(f"{entity} not found: {key!r}")
        self.entity = entity
        self.key = key


class ConcurrencyError(DomainError):
    """Someone else saved `entity` since it was read (optimistic concurrency)."""

    def __init__(self, entity: str, key: Any) -> None:
        super().__init__(f"{entity} {key!r} was changed by someone else")
        self.entity = entity
        self.key = key
