"""Rule files and court calendars for the deadline engine: tomllib for files, `holidays` for holidays."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import date, time
from pathlib import Path

import holidays

from legalaid_desktop.domain.deadlines import CourtCalendar, RuleSet, parse_rules
from legalaid_desktop.domain.jurisdictions import JurisdictionInfo, RuleFileError

BENCHMARK = "UN"
"""The benchmark layer's rule file: its rules apply beside every jurisdiction's own."""


def load_rule_file(path: Path) -> RuleSet:
    """One rule file, checked whole; a mistake names the file, the rule and the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), "(file)", "(syntax)", str(exc)) from None
    except OSError as exc:
        raise RuleFileError(str(path), "(file)", "(file)", exc.strerror or str(exc)) from None
    rule_set = parse_rules(data, str(path))
    if rule_set.jurisdiction.code != path.stem.upper():
        raise RuleFileError(str(path), "jurisdiction", "code",
                            f"{rule_set.jurisdiction.code!r} does not match the file name {path.stem!r}")
    return rule_set


def load_rule_sets(folder: Path) -> dict[str, RuleSet]:
    """Every rule file of the folder by jurisdiction code (a new file is a new jurisdiction: no code)."""
    return {s.jurisdiction.code: s for s in (load_rule_file(p) for p in sorted(folder.glob("*.toml")))}


def public_holidays(holidays_country: str | None, years: Iterable[int]) -> frozenset[date]:
    """The country's public holidays from the `holidays` package; "GB-ENG" names a subdivision."""
    if not holidays_country:
        return frozenset()
    country, _, subdivision = holidays_country.partition("-")
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=list(years))
    except NotImplementedError:
        raise RuleFileError(holidays_country, "jurisdiction", "holidays_country",
                            f"{holidays_country!r} is not a country the holidays package knows") from None
    return frozenset(found.keys())


def court_calendar(info: JurisdictionInfo, *, years: Iterable[int], closures: Iterable[date] = (),
                   court_opens: str | None = None, court_closes: str | None = None,
                   sitting_weekdays: Iterable[int] | None = None) -> CourtCalendar:
    """The jurisdiction's court calendar for those years; a court's own hours or days override it."""
    return CourtCalendar(
        time_zone=info.time_zone,
        sitting_weekdays=frozenset(info.sitting_weekdays if sitting_weekdays is None else sitting_weekdays),
        opens=time.fromisoformat(court_opens or info.court_opens),
        closes=time.fromisoformat(court_closes or info.court_closes),
        holidays=public_holidays(info.holidays_country, years), closures=frozenset(closures))
