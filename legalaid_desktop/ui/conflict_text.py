"""Conflicts and suggestions in words for the screens: roles, match reasons, why a provider is ranked,
and why an assignment was refused."""

from __future__ import annotations

from collections.abc import Iterable

from legalaid_desktop.domain.conflicts import ConflictSide, ProviderConflict, Why
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import match_words
from legalaid_desktop.ui.case_tabs import escape

ROLE_WORDS = {
    "client": "client", "co_accused": "co-accused", "victim": "victim", "witness": "witness",
    "complainant": "complainant", "former_client": "former client",
}
KIND_WORDS = {"lawyer": "Lawyer", "paralegal": "Paralegal", "law_student": "Law student"}


def hidden_match_words() -> str:
    """What a user who may not open the matching record is told of it (issue 6): only that it exists."""
    return _("a possible conflict exists in a record you cannot open; ask a coordinator")


def role_words(role: str | None) -> str:
    if role is None:
        return _("in no case")
    return _(ROLE_WORDS.get(role, role.replace("_", " ")))


def kind_words(kind: str) -> str:
    return _(KIND_WORDS.get(kind, kind.replace("_", " ").capitalize()))


def why_words(why: Why) -> str:
    """A suggestion's reason, for or against, in words."""
    value = why.value
    if why.code == "conflict" and value:
        case_ref, _space, role = value.partition(" (")
        value = f"{case_ref} ({role_words(role.rstrip(')'))})" if role else value
    text = {
        "conflict": _("conflict: {value}"), "conflict_waived": _("conflict waived"),
        "conflict_hidden": _("conflict: in a record you cannot open"),
        "language": _("speaks {value}"), "no_shared_language": _("does not speak {value}"),
        "specialism": _("trained: {value}"), "lacks_specialism": _("not trained: {value}"),
        "covers_facility": _("covers the facility"), "covers_court": _("covers the court"),
        "covers_neither": _("covers neither the facility nor the court"),
        "other_jurisdiction": _("works in another jurisdiction: {value}"),
        "no_coverage": _("covers no facility or court"),
        "load": _("load {value}"), "at_capacity": _("no room"), "on_leave": _("on leave until {value}"),
        "leave_soon": _("leave from {value}"),
    }.get(why.code, why.code.replace("_", " "))
    return text.format(value=value if value is not None else _("further notice"))


def conflict_sentence(c: ProviderConflict) -> str:
    """One conflict as a sentence: the other case, the role, who matched whom and how closely."""
    if c.hidden:
        return _("{provider} may have a conflict of interest in a record you cannot open; ask a "
                 "coordinator.").format(provider=c.provider_name)
    acts = _("acts") if c.current else _("acted")
    how = _("match {score:.2f}: {why}").format(score=c.score, why=match_words(c.reasons))
    if c.side is ConflictSide.CLIENT_IS_ADVERSE:
        return _("In {other}, {provider} {acts} for the accused; {matched} is the {role} there and may "
                 "be this case's client, {person} ({how}).").format(
            other=c.other_case_ref, provider=c.provider_name, acts=acts, matched=c.matched_name,
            role=role_words(c.role.value), person=c.person_name, how=how)
    return _("{provider} {acts} for {matched}, the client in {other}, who may be {person}, the {role} "
             "in this case ({how}).").format(
        provider=c.provider_name, acts=acts, matched=c.matched_name, other=c.other_case_ref,
        person=c.person_name, role=role_words(c.role.value), how=how)


def refusal_html(case_ref: str, provider: str, conflicts: Iterable[ProviderConflict]) -> str:
    """Why an assignment was refused, for a rich-text label: a heading line and one item per conflict."""
    items = "".join(f"<li>{escape(conflict_sentence(c))}</li>" for c in conflicts)
    head = _("{provider} was not assigned to {case}: possible conflict of interest.").format(
        provider=provider, case=case_ref)
    return f"<p><b>⚠ {escape(head)}</b></p><ul style='margin-left: 12px;'>{items}</ul>"
