"""Jurisdiction descriptions read from rule files (`resources/jurisdictions/<CODE>.toml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from legalaid_desktop.domain.errors import DomainError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class RuleFileError(DomainError):
    """A rule file is wrong: which file, which rule (or section), which field, and why."""

    def __init__(self, source: str, rule: str, field: str, reason: str) -> None:
        super().__init__(f"{source}: [{rule}] {field}: {reason}")
        self.source = source
        self.rule = rule
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class JurisdictionInfo:
    code: str
    name: str
    time_zone: str
    holidays_country: str | None
    court_opens: str
    court_closes: str
    sitting_weekdays: tuple[int, ...]


def parse_jurisdiction(data: dict[str, Any], source: str) -> JurisdictionInfo:
    """Read the `[jurisdiction]` table of a rule file, naming the field of any mistake."""
    section = data.get("jurisdiction")
    if not isinstance(section, dict):
        raise RuleFileError(source, "jurisdiction", "(table)", "a [jurisdiction] table is required")

    def text(name: str, *, required: bool = True) -> str | None:
        value = section.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise RuleFileError(source, "jurisdiction", name, "a non-empty text value is required")
        return value.strip()

    unknown = set(section) - {"code", "name", "time_zone", "holidays_country", "court_opens",
                              "court_closes", "sitting_weekdays"}
    if unknown:
        raise RuleFileError(source, "jurisdiction", sorted(unknown)[0], "unknown field")
    code = text("code") or ""
    time_zone = text("time_zone") or ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleFileError(source, "jurisdiction", "time_zone",
                            f"{time_zone!r} is not an IANA time zone") from None
    hours = {}
    for name in ("court_opens", "court_closes"):
        value = section.get(name, "09:00" if name == "court_opens" else "16:00")
        if not isinstance(value, str) or not _HHMM.match(value):
            raise RuleFileError(source, "jurisdiction", name, f"{value!r} is not a time like 09:00")
        hours[name] = value
    if hours["court_opens"] >= hours["court_closes"]:
        raise RuleFileError(source, "jurisdiction", "court_closes", "must be after court_opens")
    days = section.get("sitting_weekdays", list(WEEKDAYS[:5]))
    if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days):
        raise RuleFileError(source, "jurisdiction", "sitting_weekdays",
                            "a list of days such as [\"mon\", \"tue\"]")
    return JurisdictionInfo(
        code=code.upper(), name=text("name") or "", time_zone=time_zone,
        holidays_country=text("holidays_country", required=False),
        court_opens=hours["court_opens"], court_closes=hours["court_closes"],
        sitting_weekdays=tuple(sorted(WEEKDAYS.index(d) for d in days)))
