"""Deadline rules as data: the `[[rules]]` entries of a rule file, checked field by field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from legalaid_desktop.domain.deadlines.facts import EVENT_TYPES
from legalaid_desktop.domain.jurisdictions import JurisdictionInfo, RuleFileError, parse_jurisdiction

KINDS = ("first_appearance", "police_detention", "remand_expiry", "remand_max", "custody_time_limit",
         "trial_start", "charge", "review", "final_decision", "undertrial_release")
LAYERS = ("national", "benchmark")
UNITS = ("hours", "days", "clear_days", "months", "share_of_max_sentence")
ROLLS = ("forward", "backward", "none")
FIRST_DAY = ("excluded", "counted")
VERIFICATION = ("verified", "secondary", "unverified")
OCCURRENCES = ("first", "latest")
CONDITIONS = ("age", "offence_class", "capital", "life", "first_offender", "court_within_40km",
              "arrest_warrant", "max_sentence_months_at_least", "max_sentence_months_below")
FLAGS = ("capital", "life", "first_offender", "court_within_40km", "arrest_warrant")
_TRIGGER = re.compile(r"^([a-z_]+)(?:\+(\d+)h)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_FIELDS = {"id", "kind", "layer", "trigger", "occurrence", "period", "unit", "share", "roll", "first_day",
           "aggregate", "pausable", "period_from_order", "extensions", "met_by", "ended_by", "lifted_by",
           "superseded_by", "requires", "when", "if_unknown", "citation", "effective_from",
           "verification", "note"}


@dataclass(frozen=True)
class Trigger:
    """An event type, optionally shifted by some hours (PACE: "24 h after arrest")."""

    event: str
    hours: int = 0

    def __str__(self) -> str:
        return self.event + (f"+{self.hours}h" if self.hours else "")


@dataclass(frozen=True)
class Rule:
    """One custody time limit: when it starts, how long it runs, how it is counted and whom it binds."""

    id: str
    kind: str
    citation: str
    effective_from: date
    verification: str
    trigger: tuple[Trigger, ...]
    unit: str
    period: int = 0
    share: Fraction | None = None
    layer: str = "national"
    occurrence: str = "first"
    roll: str = "none"
    first_day: str = "excluded"
    aggregate: bool = False
    pausable: bool = False
    period_from_order: bool = False
    extensions: tuple[tuple[str, int], ...] = ()
    met_by: tuple[str, ...] = ()
    ended_by: tuple[str, ...] = ("bail", "release")
    lifted_by: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    when: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    if_unknown: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class RuleSet:
    """A jurisdiction and its rules, as one rule file states them."""

    jurisdiction: JurisdictionInfo
    rules: tuple[Rule, ...]
    source: str
    digest: str = ""
    """A hash of the file's text: stored deadlines computed from another text are stale."""


def parse_rules(data: dict[str, Any], source: str) -> RuleSet:
    """Read a rule file (its `[jurisdiction]` table and `[[rules]]`), naming the field of any mistake."""
    info = parse_jurisdiction({"jurisdiction": data.get("jurisdiction")}, source)
    unknown = set(data) - {"jurisdiction", "rules"}
    if unknown:
        raise RuleFileError(source, "(file)", sorted(unknown)[0], "unknown table")
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise RuleFileError(source, "rules", "(table)", "rules are an array of tables: [[rules]]")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        rule = _parse_rule(entry, source, index)
        if rule.id in seen:
            raise RuleFileError(source, rule.id, "id", "another rule has this id")
        seen.add(rule.id)
        rules.append(rule)
    return RuleSet(jurisdiction=info, rules=tuple(rules), source=source)


def _parse_rule(entry: Any, source: str, index: int) -> Rule:
    if not isinstance(entry, dict):
        raise RuleFileError(source, f"rule {index}", "(table)", "each [[rules]] entry is a table")
    raw_id = entry.get("id")
    name = raw_id if isinstance(raw_id, str) and raw_id else f"rule {index}"

    def fail(field_name: str, reason: str) -> RuleFileError:
        return RuleFileError(source, name, field_name, reason)

    unknown = set(entry) - _FIELDS
    if unknown:
        raise fail(sorted(unknown)[0], "unknown field")
    if not isinstance(raw_id, str) or not _ID.match(raw_id):
        raise fail("id", "an id of lower-case letters, digits, dots and hyphens is required")

    def choice(field_name: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = entry.get(field_name, default)
        if value not in options:
            raise fail(field_name, f"{value!r} is not one of {', '.join(options)}")
        return str(value)

    def flag(field_name: str) -> bool:
        value = entry.get(field_name, False)
        if not isinstance(value, bool):
            raise fail(field_name, "true or false")
        return value

    def events(field_name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = entry.get(field_name, list(default))
        if not isinstance(value, list) or any(v not in EVENT_TYPES for v in value):
            raise fail(field_name, "a list of event types: " + ", ".join(EVENT_TYPES))
        return tuple(value)

    def text(field_name: str) -> str:
        value = entry.get(field_name)
        if not isinstance(value, str) or not value.strip():
            raise fail(field_name, "a non-empty text is required")
        return value.strip()

    kind = choice("kind", KINDS)
    unit = choice("unit", UNITS)
    raw_triggers = entry.get("trigger")
    if isinstance(raw_triggers, str):
        raw_triggers = [raw_triggers]
    triggers: list[Trigger] = []
    if not isinstance(raw_triggers, list) or not raw_triggers:
        raise fail("trigger", "an event type (or a list of them), optionally like \"arrest+24h\"")
    for value in raw_triggers:
        match = _TRIGGER.match(value) if isinstance(value, str) else None
        if match is None or match.group(1) not in EVENT_TYPES:
            raise fail("trigger", f"{value!r} is not an event type (optionally +NNh)")
        triggers.append(Trigger(match.group(1), int(match.group(2) or 0)))
    period = entry.get("period", 0)
    share: Fraction | None = None
    if unit == "share_of_max_sentence":
        raw_share = entry.get("share")
        try:
            share = Fraction(str(raw_share))
        except (ValueError, ZeroDivisionError):
            raise fail("share", f"{raw_share!r} is not a fraction like \"1/2\"") from None
        if not 0 < share <= 1:
            raise fail("share", "a fraction between 0 and 1")
    elif "share" in entry:
        raise fail("share", "only for unit = \"share_of_max_sentence\"")
    elif not isinstance(period, int) or isinstance(period, bool) or period <= 0:
        raise fail("period", f"{period!r} is not a whole number above 0")
    effective = entry.get("effective_from")
    if not isinstance(effective, date):
        raise fail("effective_from", "a date such as 2010-08-27 (TOML date, no quotes)")
    extensions: list[tuple[str, int]] = []
    for ext in entry.get("extensions", []):
        if not isinstance(ext, dict) or set(ext) != {"event", "period"} or ext["event"] not in EVENT_TYPES \
                or not isinstance(ext["period"], int) or ext["period"] <= 0:
            raise fail("extensions", "a list of { event = \"EVENT\", period = N } tables")
        extensions.append((ext["event"], ext["period"]))
    when = entry.get("when", {})
    if not isinstance(when, dict):
        raise fail("when", "a table of conditions")
    for key, value in when.items():
        _check_condition(key, value, fail)
    if_unknown = entry.get("if_unknown", [])
    if not isinstance(if_unknown, list) or any(v not in when for v in if_unknown):
        raise fail("if_unknown", "a list of conditions named in `when` that hold when the fact is unknown")
    note = entry.get("note", "")
    if not isinstance(note, str):
        raise fail("note", "a text")
    return Rule(
        id=raw_id, kind=kind, citation=text("citation"), effective_from=effective,
        verification=choice("verification", VERIFICATION), trigger=tuple(triggers), unit=unit,
        period=period if unit != "share_of_max_sentence" else 0, share=share,
        layer=choice("layer", LAYERS, "national"), occurrence=choice("occurrence", OCCURRENCES, "first"),
        roll=choice("roll", ROLLS, "none"), first_day=choice("first_day", FIRST_DAY, "excluded"),
        aggregate=flag("aggregate"), pausable=flag("pausable"), period_from_order=flag("period_from_order"),
        extensions=tuple(extensions), met_by=events("met_by"),
        ended_by=events("ended_by", ("bail", "release")), lifted_by=events("lifted_by"),
        superseded_by=events("superseded_by"), requires=events("requires"), when=MappingProxyType(dict(when)),
        if_unknown=tuple(if_unknown), note=note)


def _check_condition(key: str, value: Any, fail: Any) -> None:
    if key not in CONDITIONS:
        raise fail(f"when.{key}", "unknown condition; known: " + ", ".join(CONDITIONS))
    if key == "age" and value not in ("child", "adult"):
        raise fail("when.age", "\"child\" or \"adult\"")
    if key == "offence_class" and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
        raise fail("when.offence_class", "a list of offence classes")
    if key in FLAGS and not isinstance(value, bool):
        raise fail(f"when.{key}", "true or false")
    if key.startswith("max_sentence") and (not isinstance(value, int) or isinstance(value, bool)):
        raise fail(f"when.{key}", "a whole number of months")
