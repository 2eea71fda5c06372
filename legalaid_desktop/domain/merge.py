"""Two records of one person compared side by side and merged, with what a merge moved kept so it
can be undone exactly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from legalaid_desktop.domain.entity import Entity


@dataclass(kw_only=True, eq=False)
class PersonMerge(Entity):
    """`merged_person_id` was merged into `kept_person_id` by `actor` at `merged_at`.

    `moved` maps a table name to the keys of its rows the merge moved to the kept person, and keeps
    the party rows it dropped as duplicates (`dropped_parties`), the possible-duplicate flags it
    repointed (`flags`: person key -> former value) and the kept person's fields it filled
    (`filled`: field -> [value before, value after]). `undone_at` is set once the merge is undone.
    """

    kept_person_id: int
    merged_person_id: int
    actor: str
    merged_at: datetime
    moved: dict[str, Any] = field(default_factory=dict)
    undone_at: datetime | None = None


@dataclass(frozen=True)
class PersonFacts:
    """One side of a comparison, as the user may see it: contacts are None when their role may not
    see restricted contacts (`contacts_hidden` says so)."""

    person_id: int
    full_name: str
    other_names: str | None
    sex: str
    date_of_birth: date | None
    age: int | None
    age_estimated: bool
    identity_number: str | None
    nationality: str | None
    languages: str | None
    phone: str | None
    address: str | None
    contacts_hidden: bool
    cases: tuple[str, ...]
    custody: tuple[str, ...]
    requests: tuple[str, ...]
    dependants: int
    possible_duplicate_of: int | None


@dataclass(frozen=True)
class MergeDone:
    """What a merge or its undoing did: the rows moved per table, the fields filled."""

    merge_id: int
    kept_person_id: int
    kept_name: str
    merged_person_id: int
    merged_name: str
    moved: dict[str, int]
    filled: tuple[str, ...]
    left_behind: int = 0
    """Rows recorded as moved that an undo no longer found with the kept person (changed since)."""


@dataclass(frozen=True)
class MergeLine:
    """A merge in the list of recent merges."""

    merge_id: int
    kept_name: str
    merged_name: str
    actor: str
    merged_at: datetime
    undone_at: datetime | None
