"""Words for audit entries on screen: what was done, to what kind of record, which field, which value.

The audit log keeps codes (`create`, `custody_event`, `max_sentence_months`, `law_student`): exact for
an auditor, opaque to a paralegal reading a case's history. A code not listed here still reads as
words ("some_code" to "Some code"), never as the code itself.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from legalaid_desktop.domain import vocab
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.case_text import (
    EVENT_LABELS,
    LAYER_LABELS,
    N_,
    NOTE_KINDS,
    STATUS_LABELS,
    words,
)
from legalaid_desktop.ui.intake_text import FIELD_LABELS as REQUEST_FIELDS
from legalaid_desktop.ui.intake_text import MEANS_LABELS, SOURCE_LABELS, STAGE_LABELS
from legalaid_desktop.ui.intake_text import STATUS_LABELS as DECISION_WORDS

ACTION_LABELS: dict[str, str] = {
    "create": N_("Added"), "update": N_("Changed"), "delete": N_("Removed"), "end": N_("Ended"),
    "decide": N_("Decided"), "appeal": N_("Appeal recorded"), "import": N_("Imported"),
    "export": N_("Exported"), "merge": N_("Merged"), "undo_merge": N_("Merge undone"), "undo": N_("Undone"),
    "open": N_("Opened"), "list": N_("Listed"), "sign_in": N_("Signed in"),
    "sign_in_refused": N_("Sign-in refused"), "disable": N_("Account disabled"),
    "reset_password": N_("Password reset"), "refused": N_("Refused"), "refuse": N_("Refused"),
    "check": N_("Checked"), "discard": N_("Discarded"), "demo": N_("Demo data added"),
    "backup": N_("Backed up"), "restore": N_("Restored"),
    "recovery_key_export": N_("Recovery key saved"), "recovery_key_kept": N_("Recovery key kept"),
    "integrity_check_failed": N_("Integrity check failed"),
}

ENTITY_LABELS: dict[str, str] = {
    "person": N_("Person"), "dependant": N_("Dependant"), "case": N_("Case"), "party": N_("Party"),
    "charge": N_("Charge"), "hearing": N_("Hearing"), "note": N_("Note or activity"),
    "document": N_("Document"), "custody": N_("Custody spell"), "custody_event": N_("Custody event"),
    "deadline": N_("Deadline"), "facility": N_("Facility"), "court": N_("Court"), "provider": N_("Provider"),
    "provider_coverage": N_("Provider's coverage"), "assignment": N_("Assignment"),
    "legal_aid_request": N_("Legal aid request"), "setting": N_("Setting"),
    "jurisdiction": N_("Jurisdiction"), "court_closure": N_("Court closure"),
    "conflict_waiver": N_("Conflict waiver"), "conflict": N_("Conflict check"),
    "user_account": N_("User account"), "database": N_("Database"), "register": N_("Facility register"),
    "audit_log": N_("Audit log"), "intake_draft": N_("Intake draft"), "backup_plan": N_("Backup plan"),
    "permission": N_("Permission"),
}

# Fields whose code reads badly as words ("At", "Max sentence months"); the rest read as words.
FIELD_LABELS: dict[str, str] = {
    "at": N_("When"), "days": N_("Days ordered"), "until": N_("Until"), "type": N_("Event"),
    "kind": N_("Kind"), "role": N_("Role"), "offence_class": N_("Class of offence"),
    "max_sentence_months": N_("Longest sentence (months)"), "max_sentence_life": N_("Life sentence possible"),
    "capital": N_("Capital offence"), "first_offender": N_("First offender"),
    "scheduled_at": N_("Date and time"), "next_date": N_("Next date"), "minutes_spent": N_("Minutes spent"),
    "started_at": N_("Started"), "ended_at": N_("Ended"), "end_reason": N_("Why it ended"),
    "arrest_at": N_("Arrested"), "admission_at": N_("Admitted"), "released_at": N_("Released"),
    "release_reason": N_("Why released"), "media_type": N_("File type"), "filename": N_("File name"),
    "content": N_("File"), "case_ref": N_("Case number"), "court_case_number": N_("Court case number"),
    "police_case_number": N_("Police case number"), "opened_on": N_("Opened"), "closed_on": N_("Closed"),
    "due": N_("Due"), "due_date": N_("Due date"), "met_at": N_("Met"), "manual": N_("Entered by hand"),
    "is_draft": N_("Draft"), "urgent": N_("Urgent"), "means_result": N_("Means test"),
    "means_threshold": N_("Means threshold"), "preliminary_aid": N_("Preliminary aid"),
    "child_exemption": N_("Child exempt from the means test"),
    "household_in_conflict": N_("Household in conflict"), "decision": N_("Decision"),
    "appeal_outcome": N_("Appeal outcome"), "source": N_("Where the request came from"),
    "stage": N_("Stage"), "status": N_("Status"), "layer": N_("Layer"), "time_zone": N_("Time zone"),
    **REQUEST_FIELDS,
}

# Fields whose values are codes with words of their own; other codes read as words.
_VALUE_LABELS: dict[tuple[str, str], Mapping[Any, str]] = {
    ("custody_event", "type"): EVENT_LABELS, ("note", "kind"): NOTE_KINDS,
    ("legal_aid_request", "decision"): DECISION_WORDS, ("legal_aid_request", "source"): SOURCE_LABELS,
    ("legal_aid_request", "stage"): STAGE_LABELS, ("legal_aid_request", "means_result"): MEANS_LABELS,
    ("deadline", "status"): STATUS_LABELS, ("deadline", "layer"): LAYER_LABELS,
}

CODES: frozenset[str] = frozenset(
    member.value for kind in vars(vocab).values()
    if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum for member in kind)
"""Every stored vocabulary code (event types, roles, statuses, kinds...)."""


def action_text(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else words(action)


def action_code(typed: str) -> str:
    """The stored action whose words (or code) were typed, case aside: "added" is "create"."""
    wanted = " ".join(typed.split()).casefold()
    for code, label in ACTION_LABELS.items():
        if wanted in (_(label).casefold(), code.replace("_", " ")):
            return code
    return wanted.replace(" ", "_")


def entity_text(entity: str) -> str:
    return _(ENTITY_LABELS[entity]) if entity in ENTITY_LABELS else words(entity)


def field_text(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else words(field)


def value_text(entity: str, field: str, value: str) -> str:
    """A recorded value in words: a code as its label, True and False as Yes and No, a list (such as
    a request's grounds) one item after another. Anything else (names, notes, numbers) as written."""
    labels = _VALUE_LABELS.get((entity, field))
    if labels is not None and value in labels:
        return _(labels[value])
    if value in CODES:
        return words(value)
    if value in ("True", "False"):
        return _("Yes") if value == "True" else _("No")
    if value.startswith("[") and value.endswith("]"):
        try:
            items = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
        if isinstance(items, list):
            return "; ".join(_item_text(entity, field, item) for item in items) or "—"
    return value


def _item_text(entity: str, field: str, item: Any) -> str:
    if isinstance(item, dict):
        return ": ".join(value_text(entity, field, str(v)) for v in item.values() if v not in (None, ""))
    return value_text(entity, field, str(item))
