"""What every stored record carries, and the small checks entities share."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from legalaid_desktop.domain.errors import ValidationError


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(kw_only=True, eq=False)
class Entity:
    """A stored record: integer key for joins, UUID for exchange, audit times, a version.

    `version` is bumped by storage on every update and checked there (optimistic concurrency).
    """

    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1


def require_text(field_name: str, value: str | None, *, max_length: int = 500) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field_name, value, "must not be empty")
    if len(text) > max_length:
        raise ValidationError(field_name, text[:40] + "…", f"at most {max_length} characters")
    return text


def optional_text(field_name: str, value: str | None, *, max_length: int = 2000) -> str | None:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(field_name, text[:40] + "…", f"at most {max_length} characters")
    return text or None


def require_aware(field_name: str, value: datetime | None) -> None:
    if value is not None and value.tzinfo is None:
        raise ValidationError(field_name, value, "a time with its time zone")


def not_before(later_name: str, later: datetime | date | None,
               earlier_name: str, earlier: datetime | date | None) -> None:
    """`later` may not precede `earlier` (when both are known)."""
    if later is None or earlier is None:
        return
    if isinstance(later, datetime) != isinstance(earlier, datetime):
        later_d = later.date() if isinstance(later, datetime) else later
        earlier_d = earlier.date() if isinstance(earlier, datetime) else earlier
        if later_d < earlier_d:
            raise ValidationError(later_name, later, f"not before {earlier_name} ({earlier})")
        return
    if later < earlier:
        raise ValidationError(later_name, later, f"not before {earlier_name} ({earlier})")


def snapshot(entity: object) -> dict[str, object]:
    """The entity's fields as JSON-ready values, for the audit log (binary content left out)."""
    from dataclasses import fields, is_dataclass
    from enum import Enum

    if not is_dataclass(entity):
        raise TypeError(f"not a dataclass entity: {entity!r}")
    out: dict[str, object] = {}
    for item in fields(entity):
        value = getattr(entity, item.name)
        if isinstance(value, bytes):
            out[item.name] = f"<{len(value)} bytes>"
        elif isinstance(value, Enum):
            out[item.name] = value.value
        elif isinstance(value, datetime | date):
            out[item.name] = value.isoformat()
        elif isinstance(value, list):
            out[item.name] = [v.__dict__ if hasattr(v, "__dict__") else v for v in value]
        else:
            out[item.name] = value
    return out
