"""Words for legal aid requests on screen: sources, stages, decisions, grounds, match reasons, fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.vocab import (
    Decision,
    InterestsOfJusticeGround,
    MeansTestResult,
    ProcedureStage,
    RequestSource,
)
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.ui.case_text import N_

SOURCE_LABELS: dict[RequestSource, str] = {
    RequestSource.POLICE_STATION: N_("Police station"),
    RequestSource.PRISON: N_("Prison or remand centre"),
    RequestSource.COURT: N_("Court"),
    RequestSource.WALK_IN: N_("Walk-in at the office"),
    RequestSource.REFERRAL: N_("Referral (another organisation)"),
}

STAGE_LABELS: dict[ProcedureStage, str] = {
    ProcedureStage.POLICE: N_("At the police (before charge)"),
    ProcedureStage.PRE_TRIAL: N_("Charged, awaiting trial"),
    ProcedureStage.TRIAL: N_("On trial"),
    ProcedureStage.SENTENCING: N_("Awaiting sentence"),
    ProcedureStage.APPEAL: N_("Appeal"),
}

DECISION_LABELS: dict[Decision, str] = {
    Decision.PENDING: N_("Not yet: decide later"),
    Decision.GRANTED: N_("Grant legal aid"),
    Decision.REFUSED: N_("Refuse"),
    Decision.COURT_ORDERED: N_("A court ordered legal aid"),
    Decision.WITHDRAWN: N_("Withdrawn by the applicant"),
}

STATUS_LABELS: dict[str, str] = {
    "pending": N_("Awaiting decision"), "granted": N_("Granted"), "court_ordered": N_("Court ordered"),
    "refused": N_("Refused"), "appealed": N_("Refused, appealed"), "withdrawn": N_("Withdrawn"),
}

MEANS_LABELS: dict[MeansTestResult, str] = {
    MeansTestResult.PENDING: N_("not worked out yet"),
    MeansTestResult.ELIGIBLE: N_("eligible on means"),
    MeansTestResult.NOT_ELIGIBLE: N_("above the means threshold"),
    MeansTestResult.EXEMPT_CHILD: N_("exempt: a child"),
    MeansTestResult.NOT_APPLIED: N_("not applied"),
}

# Each ground with the question that helps a paralegal write its justification.
GROUND_LABELS: dict[InterestsOfJusticeGround, tuple[str, str]] = {
    InterestsOfJusticeGround.URGENCY: (
        N_("Urgency"), N_("Why can it not wait? e.g. held at a police station, hearing tomorrow")),
    InterestsOfJusticeGround.COMPLEXITY: (
        N_("Complexity"), N_("What makes the case hard to handle alone? e.g. many charges, expert evidence")),
    InterestsOfJusticeGround.SEVERITY_OF_PENALTY: (
        N_("Severity of the possible penalty"), N_("What is the maximum penalty? e.g. life imprisonment")),
    InterestsOfJusticeGround.VULNERABILITY: (
        N_("Vulnerability"),
        N_("Who is vulnerable and how? e.g. a child, mental illness, no common language")),
    InterestsOfJusticeGround.OTHER: (
        N_("Other reason"), N_("Describe the reason justice needs a lawyer here")),
}

REASON_LABELS: dict[str, str] = {
    "name_same": N_("same name"), "name_similar": N_("similar name"),
    "dob_equal": N_("same date of birth"), "dob_within_a_year": N_("born within a year"),
    "dob_different": N_("different date of birth"), "id_equal": N_("same identity number"),
    "id_different": N_("different identity number"),
}

# The names the domain's errors use, in the words of the form.
FIELD_LABELS: dict[str, str] = {
    "full_name": N_("Full name"), "date_of_birth": N_("Date of birth"), "age_estimate": N_("Age"),
    "identity_number": N_("Identity number"), "facility": N_("Facility"),
    "received_at": N_("Received"), "applicant_income": N_("Applicant's own monthly income"),
    "household_income": N_("Household monthly income"), "household_size": N_("People in the household"),
    "grounds": N_("Justification"), "decision_reasons": N_("Reasons"), "decided_on": N_("Decided on"),
    "person": N_("Person"), "open_case": N_("Open a case"), "appeal_lodged_on": N_("Appeal lodged on"),
    "register_number": N_("Register number"), "offence": N_("Offence"),
}


def label(code: str, labels: Mapping[Any, str]) -> str:
    """The words for a stored code (a StrEnum key equals its code), translated."""
    text = labels.get(code)
    return _(text) if text else code.replace("_", " ")


def where_from(source: str, facility: str | None) -> str:
    """"Police station: Kilimani" where the person is held; "Court (held at Kamiti)" otherwise."""
    words = label(source, SOURCE_LABELS)
    if not facility:
        return words
    if source in (RequestSource.POLICE_STATION, RequestSource.PRISON):
        return f"{words}: {facility}"
    return _("{source} (held at {facility})").format(source=words, facility=facility)


def field_message(error: ValidationError) -> str:
    """A domain error worded with the form's name for the field ("Date of birth: ...")."""
    name = FIELD_LABELS.get(error.field)
    return describe(ValidationError(_(name) if name else error.field, error.value, error.expected))[0]
