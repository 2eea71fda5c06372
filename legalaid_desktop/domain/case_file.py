"""One case as a screen or a printed case summary needs it: frozen DTOs, no storage objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

OPEN_STATUSES = ("open", "overdue")


# Deadline kinds whose code does not read as words once its underscores go ("remand max").
KIND_WORDS = {"remand_max": "remand limit"}


def kind_words(kind: str) -> str:
    """A deadline's kind in lower-case words: "custody_time_limit" -> "custody time limit"."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


@dataclass(frozen=True)
class CaseDeadline:
    """A deadline of a custody spell; `status` is "overdue" once an open one is past due.

    Computed deadlines (from the rule files, `manual` false, `id` None) come with the rule's
    citation and the engine's explanation; manual ones are records with their own key and title.
    `stored_status` is what the database holds; `layer` is "national" (the jurisdiction's law) or
    "benchmark" (the UN standards applied beside it); from `warn_from` it counts as due soon.
    """

    id: int | None
    custody_id: int
    kind: str
    rule_id: str | None
    layer: str
    due: datetime
    due_date: date
    status: str
    stored_status: str
    met_at: datetime | None
    citation: str | None
    verification: str | None
    explanation: str | None
    manual: bool
    title: str | None
    warn_from: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def label(self) -> str:
        """The title of a manual deadline, else its kind in words."""
        return self.title or kind_words(self.kind).capitalize()


@dataclass(frozen=True)
class EventLine:
    """An event of a custody spell, as recorded (times aware, shown in the spell's time zone)."""

    id: int
    type: str
    at: datetime
    days: int | None
    until: datetime | None
    court: str | None
    notes: str | None


@dataclass(frozen=True)
class SpellView:
    """One custody spell with its events in time order and its deadlines by due moment."""

    id: int
    version: int
    facility_id: int
    facility: str
    time_zone: str
    register_number: str | None
    status: str
    start: datetime | None
    released_at: datetime | None
    release_reason: str | None
    days_in_custody: int | None
    events: tuple[EventLine, ...]
    deadlines: tuple[CaseDeadline, ...]


@dataclass(frozen=True)
class CaseHeader:
    """What the top of a case shows: who, where, how long, and the most urgent open deadline.

    The facility, register number, status and days come from the case's newest custody spell (as
    the case list does); `next_deadline` is chosen by next_open_deadline. `is_child` gives the
    benefit of the doubt: an unknown or disputed age counts as a child. `age_at_start` and
    `child_at_start` are as on the day custody began (child rules follow a child held then).
    """

    case_id: int
    case_ref: str
    case_version: int
    case_status: str
    stage: str
    person_id: int
    full_name: str
    sex: str
    date_of_birth: date | None
    age: int | None
    age_estimated: bool
    age_disputed: bool
    is_child: bool
    age_at_start: int | None
    child_at_start: bool
    facility: str | None
    time_zone: str | None
    register_number: str | None
    custody_id: int | None
    custody_status: str | None
    days_in_custody: int | None
    next_deadline: CaseDeadline | None


@dataclass(frozen=True)
class ChargeLine:
    id: int
    offence: str
    offence_class: str
    statute: str | None
    max_sentence_months: int | None
    max_sentence_life: bool
    capital: bool
    first_offender: bool


@dataclass(frozen=True)
class HearingLine:
    """A court date; `version` goes with an edit of its outcome (optimistic concurrency)."""

    id: int
    scheduled_at: datetime
    court: str | None
    purpose: str | None
    outcome: str | None
    next_date: date | None
    version: int = 1


@dataclass(frozen=True)
class PartyLine:
    id: int
    person_id: int
    full_name: str
    role: str


@dataclass(frozen=True)
class AssignmentLine:
    id: int
    provider_id: int
    provider: str
    provider_kind: str
    role: str
    started_at: datetime
    ended_at: datetime | None
    reason: str | None
    end_reason: str | None

    @property
    def active(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class NoteLine:
    id: int
    kind: str
    at: datetime
    author: str
    text: str
    minutes_spent: int | None


@dataclass(frozen=True)
class DocumentLine:
    """A stored document's description; its content stays in the database until opened."""

    id: int
    uuid: str
    title: str
    filename: str
    media_type: str
    size: int
    added_at: datetime | None


@dataclass(frozen=True)
class RequestLine:
    """A legal aid request linked to the case, with its eligibility decision."""

    id: int
    received_at: datetime
    source: str
    urgent: bool
    means_result: str
    grounds: tuple[tuple[str, str], ...]
    preliminary_aid: bool
    child_exemption: bool
    decision: str
    decided_on: date | None
    decision_reasons: str | None
    appeal_lodged_on: date | None
    appeal_outcome: str | None


@dataclass(frozen=True)
class FieldChange:
    """One field an audited action changed; values as the audit log holds them, in words."""

    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryLine:
    """An audit entry about one of the case's records, newest first in CaseFile.history."""

    at: datetime
    actor: str
    action: str
    entity: str
    record: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class CaseFile:
    """Everything about one case, read in one unit of work at `as_of` (`today` is the local date)."""

    header: CaseHeader
    court: str | None
    court_case_number: str | None
    police_case_number: str | None
    offence_date: date | None
    opened_on: date
    closed_on: date | None
    outcome: str | None
    summary: str | None
    spells: tuple[SpellView, ...]
    charges: tuple[ChargeLine, ...]
    hearings: tuple[HearingLine, ...]
    parties: tuple[PartyLine, ...]
    assignments: tuple[AssignmentLine, ...]
    notes: tuple[NoteLine, ...]
    documents: tuple[DocumentLine, ...]
    requests: tuple[RequestLine, ...]
    history: tuple[HistoryLine, ...]
    as_of: datetime
    today: date

    @property
    def deadlines(self) -> tuple[CaseDeadline, ...]:
        """Every spell's deadlines, by due moment."""
        return tuple(sorted((d for s in self.spells for d in s.deadlines), key=deadline_order))

    def spell(self, custody_id: int) -> SpellView | None:
        return next((s for s in self.spells if s.id == custody_id), None)


def effective_status(stored: str, due: datetime, as_of: datetime) -> str:
    """An open deadline whose due moment has passed is overdue, whatever the table last said."""
    if stored == "open" and due < as_of:
        return "overdue"
    return stored


def next_open_deadline(deadlines: tuple[CaseDeadline, ...]) -> CaseDeadline | None:
    """The open deadline due first, national law before the UN benchmark.

    A national limit is what a court can be asked to enforce, so it heads the case even when a
    benchmark fell due earlier; the benchmark leads only where no national deadline is open.
    """
    candidates = [d for d in deadlines if d.is_open]
    national = [d for d in candidates if d.layer != "benchmark"]
    return min(national or candidates, key=deadline_order) if candidates else None


def deadline_order(line: CaseDeadline) -> tuple[datetime, bool, str, int]:
    """By due moment; national law before the benchmark at the same moment."""
    return (line.due, line.layer != "national", line.rule_id or "", line.id or 0)


def countdown_days(due_date: date, today: date) -> int:
    """Whole days from `today` to the due date (both local): positive left, negative over, 0 due
    today; domain.lateness.days_over negated, on the dates the case file already holds."""
    return (due_date - today).days
