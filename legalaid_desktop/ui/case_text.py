"""Words for a case on screen: local times, countdowns, vocabulary labels, deadline status badges."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from legalaid_desktop.domain.case_file import CaseDeadline, countdown_days
from legalaid_desktop.domain.lateness import hours_over
from legalaid_desktop.domain.vocab import EventType, NoteKind, PriorityGroup
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.lateness_words import lateness_text


def N_(message: str) -> str:
    """Marks a string for the catalogue; it is translated where it is shown (after install())."""
    return message


# The order paralegals meet events in, not the alphabet.
PRIORITY_LABELS: dict[PriorityGroup, str] = {
    PriorityGroup.WOMAN: N_("Women"), PriorityGroup.CHILD: N_("Children"),
    PriorityGroup.OLDER_PERSON: N_("Older people"), PriorityGroup.MINORITY: N_("Minorities"),
    PriorityGroup.DISABILITY: N_("People with a disability"),
    PriorityGroup.MENTAL_ILLNESS: N_("Mental illness"),
    PriorityGroup.HIV: N_("Living with HIV"), PriorityGroup.DRUG_USER: N_("People who use drugs"),
    PriorityGroup.INDIGENOUS: N_("Indigenous peoples"), PriorityGroup.STATELESS: N_("Stateless people"),
    PriorityGroup.ASYLUM_SEEKER: N_("Asylum seekers"),
    PriorityGroup.FOREIGN_NATIONAL: N_("Foreign nationals"),
    PriorityGroup.MIGRANT: N_("Migrants"), PriorityGroup.REFUGEE: N_("Refugees"),
    PriorityGroup.INTERNALLY_DISPLACED: N_("Internally displaced people"),
}
"""UN Principle 10's priority groups, as a list's filter names them."""


def priority_choices() -> list[tuple[str, str | None]]:
    """A list's priority-group filter: any, then each group but children (the Children chip, by age)."""
    return [(_("Any group"), None)] + [(_(label), group.value) for group, label in PRIORITY_LABELS.items()
                                        if group is not PriorityGroup.CHILD]


EVENT_LABELS: dict[EventType, str] = {
    EventType.ARREST: N_("Arrest"),
    EventType.POLICE_STATION_ARRIVAL: N_("Arrival at police station"),
    EventType.ADMISSION: N_("Admission to facility"),
    EventType.FIRST_APPEARANCE: N_("First appearance in court"),
    EventType.REMAND: N_("Remand order"),
    EventType.REMAND_EXTENSION: N_("Remand extension"),
    EventType.SUPERINTENDENT_EXTENSION: N_("Superintendent's extension"),
    EventType.WARRANT_OF_FURTHER_DETENTION: N_("Warrant of further detention"),
    EventType.CHARGE_SHEET_FILED: N_("Charge sheet filed"),
    EventType.SENT_FOR_TRIAL: N_("Sent (committed) for trial"),
    EventType.CERTIFICATE: N_("Certificate"),
    EventType.DETENTION_REVIEW: N_("Detention review"),
    EventType.TRIAL_STARTED: N_("Trial started"),
    EventType.JUDGMENT: N_("Judgment"),
    EventType.TRANSFER: N_("Transfer"),
    EventType.BAIL: N_("Bail"),
    EventType.RELEASE: N_("Release"),
    EventType.EXCLUDED_INTERVAL: N_("Time not counted (excluded interval)"),
}

NOTE_KINDS: dict[NoteKind, str] = {
    NoteKind.VISIT: N_("Visit in detention"), NoteKind.CALL: N_("Call"),
    NoteKind.COURT_ATTENDANCE: N_("Court attendance"), NoteKind.LETTER: N_("Letter"),
    NoteKind.NOTE: N_("Note"),
}

STATUS_LABELS = {
    "overdue": N_("Overdue"), "open": N_("Open"), "met": N_("Met"), "breached": N_("Breached"),
    "not_applicable": N_("Not applicable"),
}

LAYER_LABELS = {"national": N_("National law"), "benchmark": N_("International standard (UN)")}

DUE_SOON_DAYS = 2

# Tints behind the status words: light enough for black text to stay readable.
_TINTS = {"overdue": "#f8d7d5", "breached": "#f8d7d5", "due_soon": "#fdecc8", "met": "#dcefdc"}


def words(value: str | None) -> str:
    """A stored code as words: "remand_extension" -> "Remand extension"."""
    return (value or "").replace("_", " ").capitalize()


def event_label(value: str) -> str:
    try:
        return _(EVENT_LABELS[EventType(value)])
    except ValueError:
        return words(value)


def local(moment: datetime | None, zone: str | None, *, weekday: bool = False) -> str:
    """A moment in the facility's local time, written the same in every language: 2026-03-02 11:30."""
    if moment is None:
        return ""
    shown = moment.astimezone(ZoneInfo(zone or "UTC"))
    text = shown.strftime("%Y-%m-%d %H:%M")
    return f"{shown.strftime('%a')} {text}" if weekday else text


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def countdown(line: CaseDeadline, now: Moment) -> str:
    """"3 days left", "due today, 5 hours over", "12 days over" (counted as the lists count them,
    domain.lateness), or what became of a deadline no longer open."""
    if not line.is_open:
        return {"met": _("met in time"), "breached": _("met late")}.get(line.status, "")
    over = -countdown_days(line.due_date, now.today)
    if line.status == "overdue":
        return lateness_text(max(over, 0), max(hours_over(line.due, now.as_of), 0))
    return lateness_text(min(over, 0), None)


class Moment(Protocol):
    """When a case was read: the local date and the instant (a CaseFile is one)."""

    @property
    def today(self) -> date: ...

    @property
    def as_of(self) -> datetime: ...


def urgency(line: CaseDeadline, now: Moment) -> str:
    """The badge a deadline wears: overdue, breached, due_soon, open, met or not_applicable.

    A computed deadline is due soon from its warning moment (the office's lead time in court days);
    one entered by hand, within DUE_SOON_DAYS calendar days.
    """
    if line.status == "open":
        if line.warn_from is not None:
            soon = now.as_of >= line.warn_from
        else:
            soon = countdown_days(line.due_date, now.today) <= DUE_SOON_DAYS
        if soon:
            return "due_soon"
    return line.status


def status_text(line: CaseDeadline, now: Moment) -> str:
    if urgency(line, now) == "due_soon":
        return _("Due soon")
    return _(STATUS_LABELS[line.status]) if line.status in STATUS_LABELS else words(line.status)


def status_icon(line: CaseDeadline, now: Moment) -> QIcon:
    pixmap = {
        "overdue": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "breached": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "due_soon": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "met": QStyle.StandardPixmap.SP_DialogApplyButton,
    }.get(urgency(line, now), QStyle.StandardPixmap.SP_MessageBoxInformation)
    return QApplication.style().standardIcon(pixmap)


def status_brush(line: CaseDeadline, now: Moment) -> QBrush | None:
    tint = _TINTS.get(urgency(line, now))
    return QBrush(QColor(tint)) if tint else None


def status_colour(line: CaseDeadline, now: Moment) -> str | None:
    return _TINTS.get(urgency(line, now))


def layer_label(layer: str) -> str:
    return _(LAYER_LABELS[layer]) if layer in LAYER_LABELS else words(layer)


def size_text(size: int) -> str:
    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=f"{size / 1024:.0f}")
    return _("{n} MB").format(n=f"{size / (1024 * 1024):.1f}")


def ltr(text: str | None) -> str:
    """Keep an identifier (case or register number) left-to-right inside right-to-left text."""
    return "\u2066" + text + "\u2069" if text else ""
