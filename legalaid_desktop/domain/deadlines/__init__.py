"""The custody deadline engine: rules read from rule files, a court calendar, and the facts of a spell."""

from legalaid_desktop.domain.deadlines.calendar import CourtCalendar
from legalaid_desktop.domain.deadlines.engine import Deadline, compute_deadlines
from legalaid_desktop.domain.deadlines.facts import EVENT_TYPES, Event, Offence, Person, Spell
from legalaid_desktop.domain.deadlines.rules import KINDS, Rule, RuleSet, parse_rules

__all__ = ["EVENT_TYPES", "KINDS", "CourtCalendar", "Deadline", "Event", "Offence", "Person", "Rule",
           "RuleSet", "Spell", "compute_deadlines", "parse_rules"]
