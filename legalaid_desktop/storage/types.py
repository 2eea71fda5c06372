"""Column types that keep the domain's values whole: aware UTC times, enums, JSON lists."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, Text
from sqlalchemy.types import TypeDecorator

from legalaid_desktop.domain.requests import GroundClaim
from legalaid_desktop.domain.vocab import InterestsOfJusticeGround


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as UTC without zone (sorts and compares in SQL); returned aware, in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def enum_type(enum: type[StrEnum]) -> Enum:
    """A string column holding an enum's values, returned as members (no database enum type)."""
    return Enum(enum, native_enum=False, create_constraint=False, length=40,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class JSONList(TypeDecorator[list[Any]]):
    """A JSON array in a text column; portable between SQLite and PostgreSQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[Any] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[Any] | None:
        if value is None:
            return None
        loaded = json.loads(value)
        assert isinstance(loaded, list)
        return loaded


class JSONDict(TypeDecorator[dict[str, Any]]):
    """A JSON object in a text column."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dict[str, Any] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def process_result_value(self, value: str | None, dialect: Dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        loaded = json.loads(value)
        assert isinstance(loaded, dict)
        return loaded


class GroundList(TypeDecorator[list[GroundClaim]]):
    """Interests-of-justice grounds with their justifications, as JSON."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[GroundClaim] | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps([{"ground": g.ground.value, "justification": g.justification}
                           for g in value], ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[GroundClaim] | None:
        if value is None:
            return None
        return [GroundClaim(InterestsOfJusticeGround(item["ground"]), item["justification"])
                for item in json.loads(value)]
