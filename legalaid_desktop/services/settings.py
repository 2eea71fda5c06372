"""Dated office settings, each declared once with its type, default and meaning.

A setting has values that take effect on a date (a new means-test threshold from 1 July keeps the
old one for requests received before), optionally for one jurisdiction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.deadlines import KINDS
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Setting
from legalaid_desktop.services.access import require
from legalaid_desktop.services.deadlines import (
    DEFAULT_LEAD_COURT_DAYS,
    LEAD_KEY,
    DeadlineBook,
    recompute_all,
)
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, saved_of
from legalaid_desktop.services.requests import MEANS_THRESHOLD, setting_on

IDLE_LOCK_MINUTES = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its key, what it means, and the whole numbers it takes."""

    key: str
    meaning: str
    default: int | None
    minimum: int = 0
    maximum: int = 10**12
    per_deadline_kind: bool = False


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(MEANS_THRESHOLD, "monthly household income at or below which a person qualifies on means "
                "(in the local currency)", None),
    SettingSpec(LEAD_KEY, "court days before a deadline from which it counts as due soon; "
                f"{LEAD_KEY}.KIND sets one kind of deadline (such as {LEAD_KEY}.custody_time_limit)",
                DEFAULT_LEAD_COURT_DAYS, maximum=60, per_deadline_kind=True),
    SettingSpec(IDLE_LOCK_MINUTES, "minutes without use after which the application hides the records "
                "until the signed-in user types their password again", DEFAULT_IDLE_LOCK_MINUTES,
                minimum=1, maximum=240),
)


def spec_for(key: str) -> SettingSpec:
    """The declaration a key belongs to; a per-kind key names a deadline kind after a dot."""
    base, _, kind = key.strip().partition(".") if key.startswith(LEAD_KEY) else (key.strip(), "", "")
    for spec in SETTINGS:
        if spec.key == base and (not kind or (spec.per_deadline_kind and kind in KINDS)):
            return spec
    known = [s.key for s in SETTINGS] + [f"{LEAD_KEY}.{k}" for k in KINDS]
    raise ValidationError("key", key, "one of " + ", ".join(known))


def set_setting(uow: UnitOfWork, *, key: str, value: str, effective_from: date,
                jurisdiction_code: str | None = None, notes: str | None = None,
                book: DeadlineBook | None = None, progress: Callable[[int], None] | None = None) -> Saved:
    """A new value from `effective_from` on (the same date and scope again replaces that value).

    A lead time marks the stored deadlines stale; with the rule `book` they are recomputed at once
    (else at the next start).
    """
    spec = spec_for(key)
    try:
        number = int(value.strip().replace(",", "").replace("_", ""))
    except ValueError:
        raise ValidationError("value", value, "a whole number") from None
    if not spec.minimum <= number <= spec.maximum:
        raise ValidationError("value", value, f"a whole number from {spec.minimum} to {spec.maximum:,}")
    scope = jurisdiction_code.strip().upper() if jurisdiction_code else None
    with uow:
        require(uow, Permission.MANAGE_SETTINGS, entity="setting")
        same = uow.repo(Setting).first(key=key.strip(), effective_from=effective_from,
                                       jurisdiction_code=scope)
        if same is not None:
            before = {"value": same.value}
            same.value = str(number)
            same.notes = notes or same.notes
            uow.flush()
            uow.audit("update", "setting", same.uuid, before, {"value": same.value})
            saved = saved_of(same, key)
        else:
            saved = saved_of(add_record(uow, Setting(key=key.strip(), value=str(number),
                                                     effective_from=effective_from,
                                                     jurisdiction_code=scope, notes=notes)), key)
        uow.commit()
    if book is not None and key.strip().startswith(LEAD_KEY):
        recompute_all(lambda: uow, book, progress=progress)
    return saved


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: str
    effective_from: date
    jurisdiction_code: str | None
    notes: str | None


def list_settings(uow: UnitOfWork) -> list[SettingValue]:
    with uow:
        found = [SettingValue(s.key, s.value, s.effective_from, s.jurisdiction_code, s.notes)
                 for s in uow.repo(Setting).stream()]
    return sorted(found, key=lambda s: (s.key, s.jurisdiction_code or "", s.effective_from))


def idle_lock_minutes(uow: UnitOfWork, *, on: date) -> int:
    """The idle lock's minutes in force on `on` (the default when none is set, or one is unreadable)."""
    with uow:
        raw = setting_on(uow, IDLE_LOCK_MINUTES, on)
    try:
        minutes = int(raw) if raw is not None else DEFAULT_IDLE_LOCK_MINUTES
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
    return minutes if 1 <= minutes <= 240 else DEFAULT_IDLE_LOCK_MINUTES
