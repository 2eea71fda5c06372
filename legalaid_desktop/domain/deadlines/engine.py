"""Every deadline a spell's rules give, its status and how it was computed (custody-rules.md semantics)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from legalaid_desktop.domain.deadlines.calendar import END_OF_DAY, CourtCalendar
from legalaid_desktop.domain.deadlines.counting import (
    add_hours,
    add_months,
    last_day,
    share_of_months,
    whole_days,
)
from legalaid_desktop.domain.deadlines.facts import LIFE, Event, Offence, Person, is_child
from legalaid_desktop.domain.deadlines.rules import FLAGS, Rule
from legalaid_desktop.domain.errors import ValidationError

_REMANDS = ("remand", "remand_extension")


@dataclass(frozen=True)
class Deadline:
    """One computed deadline. `due` is None only when the rule does not apply (`reason` says why)."""

    kind: str
    rule: str
    layer: str
    due: datetime | None
    due_date: date | None
    status: str
    met_at: datetime | None
    citation: str
    verification: str
    explanation: str
    reason: str | None = None


@dataclass(frozen=True)
class _Facts:
    child: bool
    offence: Offence
    arrest_warrant: bool | None
    events: tuple[Event, ...]
    as_of: datetime
    explain: bool = True


def compute_deadlines(rules: Iterable[Rule], calendar: CourtCalendar, *, person: Person, offence: Offence,
                      events: Sequence[Event], as_of: datetime, explain: bool = True,
                      applicable_only: bool = False) -> list[Deadline]:
    """Every rule's deadline for the spell as known at `as_of` (later events are not yet known).

    With `explain=False` the explanations are left empty: a recompute of every stored deadline
    spends a third of its time writing sentences nobody reads there. With `applicable_only` the
    rules that do not apply are left out (two in three, in a recompute that stores none of them).
    """
    if as_of.utcoffset() is None:
        raise ValidationError("as_of", as_of, "a moment with its time zone")
    # Every moment in UTC from here on: Python compares and adds local times of one zone as wall-clock
    # times, ignoring `fold`, which would misplace events in the hour a clock change repeats or skips.
    as_of = as_of.astimezone(UTC)
    in_utc = (e if e.at.tzinfo is UTC and (e.until is None or e.until.tzinfo is UTC) else
              replace(e, at=e.at.astimezone(UTC), until=e.until.astimezone(UTC) if e.until else None)
              for e in events)
    known = tuple(sorted((e for e in in_utc if e.at <= as_of), key=lambda e: e.at))
    arrest = next((e for e in known if e.type == "arrest"), None)
    first = arrest or (known[0] if known else None)
    facts = _Facts(
        child=is_child(person, offence, calendar.local(first.at).date() if first else None),
        offence=offence, arrest_warrant=arrest.warrant if arrest else None, events=known, as_of=as_of,
        explain=explain)
    if applicable_only:
        return [found for rule in rules if not isinstance(found := _one(rule, calendar, facts), str)]
    return [_not_applicable(rule, found) if isinstance(found := _one(rule, calendar, facts), str) else found
            for rule in rules]


def _not_applicable(rule: Rule, reason: str) -> Deadline:
    return Deadline(kind=rule.kind, rule=rule.id, layer=rule.layer, due=None, due_date=None,
                    status="not_applicable", met_at=None, citation=rule.citation,
                    verification=rule.verification, explanation=f"Not applicable: {reason}.", reason=reason)


def _condition_fails(rule: Rule, facts: _Facts) -> str | None:
    """Why the rule's conditions exclude this person or offence, or None when they hold."""
    offence = facts.offence
    for key, wanted in rule.when.items():
        if key == "age":
            if (wanted == "child") != facts.child:
                return "it applies to children only" if wanted == "child" else \
                    "it applies to adults only (unknown or disputed age counts as a child's)"
            continue
        value: object
        if key == "offence_class":
            value = offence.offence_class
        elif key == "arrest_warrant":
            value = facts.arrest_warrant
        elif key.startswith("max_sentence") or key == "life":
            # Death counts as more than life, and life as more than any number of months.
            value = LIFE if offence.capital else offence.max_sentence_months
            if key == "life" and value is not None:
                value = value >= LIFE
        else:
            value = getattr(offence, key)
        if value is None:
            if key in rule.if_unknown:
                continue
            return f"{key} is not recorded"
        if key == "offence_class" and value not in wanted:
            return f"the offence class is {value}, not {' or '.join(wanted)}"
        if key == "max_sentence_months_at_least" and isinstance(value, int) and value < wanted:
            return f"the maximum sentence is under {wanted} months"
        if key == "max_sentence_months_below" and isinstance(value, int) and value >= wanted:
            return f"the maximum sentence is {wanted} months or more"
        if key in FLAGS and value != wanted:
            return f"{key.replace('_', ' ')} is {str(value).lower()}"
    return None


def _trigger(rule: Rule, facts: _Facts) -> tuple[datetime, Event] | None:
    """The moment the clock starts and the event that starts it: the first (or latest) of the
    triggers' moments; of equal moments, the first found, trigger by trigger in time order."""
    found: tuple[datetime, Event] | None = None
    first = rule.occurrence == "first"
    for trigger in rule.trigger:
        shift = timedelta(hours=trigger.hours) if trigger.hours else None
        for e in facts.events:
            if e.type == trigger.event:
                at = e.at + shift if shift else e.at  # every moment is in UTC here
                if found is None or (at < found[0] if first else at > found[0]):
                    found = (at, e)
    return found


def _pauses(rule: Rule, facts: _Facts, start: datetime) -> list[tuple[datetime, datetime]]:
    """Intervals the clock does not run: excluded intervals (pausable rules) and, for a rule that adds up
    custody over the spell, each gap between bail or release and the next remand."""
    spans = [(e.at, e.until or e.at) for e in facts.events if e.type == "excluded_interval"] \
        if rule.pausable else []
    if rule.aggregate:
        for index, event in enumerate(facts.events):
            if event.type in ("bail", "release") and event.at >= start:
                back = next((e for e in facts.events[index + 1:] if e.type in _REMANDS), None)
                if back is not None:
                    spans.append((event.at, back.at))
    return spans


def _paused(spans: list[tuple[datetime, datetime]], start: datetime, end: datetime,
            calendar: CourtCalendar | None = None) -> timedelta:
    """Time not counted between `start` and `end`: elapsed time, or with a `calendar`, whole local
    calendar days (day rules count calendar days, so the hour of a bail or a new remand must not
    change the answer)."""
    total = timedelta(0)
    for lo, hi in spans:
        lo, hi = max(lo, start), min(hi, end)
        if hi > lo:
            if calendar is None:
                total += hi - lo
            else:
                total += timedelta(days=(calendar.local(hi).date() - calendar.local(lo).date()).days)
    return total


def _one(rule: Rule, calendar: CourtCalendar, facts: _Facts) -> Deadline | str:
    """The rule's deadline, or why the rule does not apply."""
    fails = _condition_fails(rule, facts)
    if fails:
        return fails
    for needed in rule.requires:
        if not any(e.type == needed for e in facts.events):
            return f"no {needed.replace('_', ' ')} is recorded"
    triggered = _trigger(rule, facts)
    if triggered is None:
        names = " or ".join(str(t).replace("_", " ") for t in rule.trigger)
        return f"no {names} is recorded, so the clock has not started"
    start, trigger_event = triggered
    # A local date is within a day of the UTC date: only a start near the rule's first day is looked at.
    if (start.date() - rule.effective_from).days < 2 and calendar.local(start).date() < rule.effective_from:
        return f"custody began before the rule took effect on {rule.effective_from}"
    for event in facts.events if rule.superseded_by else ():
        if event.type in rule.superseded_by and event.at >= start:
            return (f"superseded by {event.type.replace('_', ' ')} on "
                    f"{calendar.local(event.at):%Y-%m-%d}")
    clock = _clock(rule, calendar, facts, start, trigger_event)
    if isinstance(clock, str):
        return clock
    due, phrase = _roll(rule, calendar, *clock, explain=facts.explain)
    for event in facts.events if rule.lifted_by else ():
        if event.type in rule.lifted_by and start <= event.at <= due:
            return (f"a {event.type.replace('_', ' ')} was recorded on "
                    f"{calendar.local(event.at):%Y-%m-%d}")
    return _status(rule, facts, calendar, trigger_event, due, phrase + ".")


def _period(rule: Rule, facts: _Facts, start: datetime, trigger: Event) -> tuple[int, str, str]:
    """The period and unit that apply, and how they differ from the rule's own (extension, order)."""
    period, unit, extended = rule.period, rule.unit, ""
    for event_type, longer in sorted(rule.extensions, key=lambda pair: pair[1]) if rule.extensions else ():
        # An extension counts only when granted before the limit it extends had passed.
        granted = [e for e in facts.events if e.type == event_type and e.at >= start
                   and (rule.unit != "hours" or e.at <= add_hours(start, period))]
        if granted and longer > period:
            period, extended = longer, f" (extended by the {event_type.replace('_', ' ')})"
    if rule.period_from_order and trigger.days is not None:
        # An order runs its own length, in the rule's unit, but never past the legal ceiling.
        if trigger.days > period:
            extended = f" (the order said {trigger.days} days, more than the law allows)"
        else:
            period, extended = trigger.days, " (the order's own length)"
    return period, unit, extended


def _clock(rule: Rule, calendar: CourtCalendar, facts: _Facts, start: datetime,
           trigger: Event) -> tuple[datetime, str] | str:
    """The due moment before any roll, with the explanation so far; or why it cannot be computed."""
    period, unit, extended = _period(rule, facts, start, trigger)
    local_start = calendar.local(start)
    explain = facts.explain
    shift = round((start - trigger.at).total_seconds() / 3600) if explain else 0
    what = (f"the {trigger.type.replace('_', ' ')}" + (f" + {shift} h" if shift else "")) if explain else ""
    raw_due: Callable[[timedelta], datetime]
    if unit == "hours":
        phrase = f"{period} hours{extended} from {what} at {local_start:%Y-%m-%d %H:%M}" if explain else ""

        def raw_due(paused: timedelta) -> datetime:
            return add_hours(start, period) + paused
    else:
        first = local_start.date()
        if unit == "share_of_max_sentence":
            months = facts.offence.max_sentence_months
            if months is None or months >= LIFE or rule.share is None:
                return "the maximum sentence is not recorded as a number of months"
            whole, extra_days = share_of_months(months, rule.share)
            and_days = f" and {extra_days} days" if extra_days else ""
            phrase = (f"{rule.share} of the {months}-month maximum sentence ({whole} months{and_days})"
                      f" from {what} on {first:%Y-%m-%d}") if explain else ""
            last = add_months(first, whole) + timedelta(days=extra_days)
        elif unit == "months":
            phrase = f"{period} calendar months{extended} from {what} on {first:%Y-%m-%d}" if explain else ""
            last = add_months(first, period)
        else:
            clear = unit == "clear_days"
            counted = " counting that day as day 1" if rule.first_day == "counted" else ""
            phrase = (f"{period} {'clear ' if clear else ''}days{extended} from {what} on "
                      f"{first:%Y-%m-%d}{counted}") if explain else ""
            last = last_day(first, period, first_day=rule.first_day, clear=clear)

        def raw_due(paused: timedelta) -> datetime:
            return calendar.at(last + timedelta(days=whole_days(paused)), END_OF_DAY)

    spans = _pauses(rule, facts, start)
    paused = timedelta(0)
    due = raw_due(paused)
    # A longer clock can reach further excluded time: counted again until it no longer moves.
    for _ in range(100 if spans else 0):
        again = _paused(spans, start, due, None if unit == "hours" else calendar)
        if again == paused:
            break
        paused, due = again, raw_due(again)
    if paused and explain:
        why = "excluded or out of custody" if rule.aggregate else "excluded"
        length = _span(paused) if unit == "hours" else f"{paused.days} days"
        phrase += f", not counting {length} {why},"
    return due, phrase


def _roll(rule: Rule, calendar: CourtCalendar, unrolled: datetime, phrase: str, *,
          explain: bool = True) -> tuple[datetime, str]:
    """The rule's roll applied, in local time, and the sentence finished."""
    raw = calendar.local(unrolled)
    due = calendar.local(calendar.roll_forward(unrolled) if rule.roll == "forward" else
                         calendar.roll_backward(unrolled) if rule.roll == "backward" else unrolled)
    if not explain:
        return due, phrase
    phrase += f" end at {raw:%Y-%m-%d %H:%M} ({raw:%A})"
    if due != raw and rule.roll == "forward":
        why = ("not a court day" if not calendar.is_court_day(raw.date()) else
               "before court hours" if raw.time() < calendar.opens else "after court hours")
        phrase += f", {why}, so rolled forward to the close of court on {due:%A %Y-%m-%d %H:%M}"
    elif due != raw:
        phrase += f", not a working day, so brought back to the end of {due:%A %Y-%m-%d %H:%M}"
    elif rule.roll == "forward":
        phrase += ", inside court hours on a court day"
    elif rule.roll == "backward":
        phrase += ", a working day"
    else:
        phrase += " with no roll"
    return due, phrase


def _status(rule: Rule, facts: _Facts, calendar: CourtCalendar, trigger: Event, due: datetime,
            explanation: str) -> Deadline:
    """Met or breached by the first answering event after the trigger; else overdue or open."""
    # A clock that runs from the first trigger is met even by an act done before it started (a charge
    # sheet filed before the first remand); a clock restarted by each new order only by a later act.
    met_before = rule.occurrence != "latest"
    first: Event | None = None
    for e in facts.events:  # in time order (all in UTC): the first answering event is the earliest
        if e is trigger:
            continue
        later = e.at >= trigger.at
        if e.type in rule.met_by and (later or met_before):
            first = e
            break
        # Bail followed by a new remand does not end a clock kept over the spell.
        if later and e.type in rule.ended_by and not (
                rule.aggregate and any(r.type in _REMANDS and r.at > e.at for r in facts.events)):
            first = e
            break
    status, met_at = ("open", None)
    if first is not None:
        status, met_at = ("met" if first.at <= due else "breached"), calendar.local(first.at)
    elif facts.as_of > due:
        status = "overdue"
    return Deadline(kind=rule.kind, rule=rule.id, layer=rule.layer, due=due, due_date=due.date(),
                    status=status, met_at=met_at, citation=rule.citation, verification=rule.verification,
                    explanation=explanation[:1].upper() + explanation[1:] if facts.explain else "")


def _span(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g} hours" if hours < 48 else f"{span.days} days"
