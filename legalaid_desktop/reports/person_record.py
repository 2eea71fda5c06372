"""A person's own record for them (Mandela Rule 9): who the office says they are, and their cases."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import CondPageBreak, Flowable, Spacer  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.person_record import CaseRecord, PersonRecordData, RequestRecord
from legalaid_desktop.domain.reporting import ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.case_summary import HEADING_ROOM, custody_block, deadline_table, key_values
from legalaid_desktop.reports.layout import Styles, build_pdf, data_table, fmt, frame_width, humanise, styles
from legalaid_desktop.reports.text import para


def person_record_pdf(data: PersonRecordData, meta: ReportMeta) -> bytes:
    """Identity and contact, then each case as a client: charges, custody and its events, deadlines
    with their citation, hearings, legal aid requests and decisions, assigned providers; and what
    is left out, and why."""
    st = styles(meta.low_ink)
    width = frame_width(False)
    p = data.person
    story: list[Flowable] = [
        para(_("Personal record: {name}").format(name=p.full_name), st.title),
        para(_("What the office keeps about you, as of {when}.").format(when=fmt(data.as_of)), st.small),
        Spacer(1, 2 * mm),
        para(_("About you"), st.heading)]
    age = fmt(p.age) + (" " + _("(estimated)") if p.age_estimated else "") + (
        " " + _("(disputed)") if p.age_disputed else "")
    story.append(key_values([
        (_("Name"), p.full_name), (_("Other names"), p.other_names), (_("Sex"), humanise(p.sex)),
        (_("Gender identity"), p.gender_identity), (_("Date of birth"), p.date_of_birth), (_("Age"), age),
        (_("Identity number"), p.identity_number), (_("Nationality"), p.nationality),
        (_("Languages"), p.languages),
        (_("Priority groups"), ", ".join(humanise(g) for g in p.priority_groups) or None),
        (_("Phone"), p.phone), (_("Address"), p.address)], st, width))
    if not data.cases:
        story.append(para(_("You are not the client in any case the office keeps."), st.body))
    for case in data.cases:
        story += _case(case, st, width)
    if data.requests:
        story += [CondPageBreak(HEADING_ROOM), para(_("Legal aid requests not tied to a case"), st.heading)]
        story += _requests(data.requests, st, width)
    story += [CondPageBreak(HEADING_ROOM), para(_("What is left out, and why"), st.heading)]
    story += [para("• " + text, st.body) for text in data.left_out]
    return build_pdf(story, meta)


def _case(case: CaseRecord, st: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(HEADING_ROOM * 2),
                             para(_("Case {ref}").format(ref=case.case_ref), st.heading)]
    story.append(key_values([
        (_("Status"), humanise(case.status)), (_("Stage"), humanise(case.stage)),
        (_("Opened"), case.opened_on), (_("Closed"), case.closed_on),
        (_("Outcome"), humanise(case.outcome) if case.outcome else None), (_("Court"), case.court),
        (_("Court case number"), case.court_case_number),
        (_("Others in the case"), ", ".join(humanise(r) for r in case.other_parties) or None)], st, width))

    story += [CondPageBreak(HEADING_ROOM), para(_("Charges"), st.heading)]
    story.append(data_table((_("Offence"), _("Statute"), _("Class")),
                            [(c.offence, c.statute, humanise(c.offence_class) if c.offence_class else None)
                             for c in case.charges],
                            [w * width for w in (0.55, 0.3, 0.15)], st) if case.charges
                 else para(_("No charges recorded."), st.body))

    story += [CondPageBreak(HEADING_ROOM), para(_("Custody"), st.heading)]
    if not case.custody:
        story.append(para(_("No custody recorded."), st.body))
    for spell in case.custody:
        story += [custody_block(spell, st, width), Spacer(1, 2 * mm)]

    story += [CondPageBreak(HEADING_ROOM), para(_("Deadlines"), st.heading)]
    story.append(deadline_table(case.deadlines, st, width) if case.deadlines
                 else para(_("No deadlines computed."), st.body))

    if case.hearings:
        story += [CondPageBreak(HEADING_ROOM), para(_("Hearings"), st.heading)]
        story.append(data_table((_("When"), _("Court"), _("Purpose"), _("Outcome")),
                                [(h.at, h.court, h.purpose, h.outcome) for h in case.hearings],
                                [w * width for w in (0.2, 0.3, 0.25, 0.25)], st))

    story += [CondPageBreak(HEADING_ROOM), para(_("Legal aid requests"), st.heading)]
    story += _requests(case.requests, st, width) if case.requests else [
        para(_("No request recorded."), st.body)]

    if case.assignments:
        story += [CondPageBreak(HEADING_ROOM), para(_("Who works on the case"), st.heading)]
        story.append(data_table((_("Provider"), _("Role"), _("From"), _("To")),
                                [(a.provider, humanise(a.role), a.start, a.end) for a in case.assignments],
                                [w * width for w in (0.45, 0.25, 0.15, 0.15)], st))
    return story


def _requests(requests: tuple[RequestRecord, ...], st: Styles, width: float) -> list[Flowable]:
    """Each request with its decision, the reasons given, the grounds and any appeal."""
    story: list[Flowable] = []
    for r in requests:
        appeal = None
        if r.appeal_lodged_on:
            appeal = _("lodged on {day}").format(day=r.appeal_lodged_on.isoformat()) + (
                f"; {r.appeal_outcome}" if r.appeal_outcome else "")
        story.append(key_values([
            (_("Received"), r.received_at), (_("From"), humanise(r.source)),
            (_("Means test"), humanise(r.means_test)), (_("Decision"), humanise(r.decision)),
            (_("Decided"), r.decided_on), (_("Appeal"), appeal)], st, width))
        if r.reasons:
            story.append(para(_("Reasons: {reasons}").format(reasons=r.reasons), st.body))
        for g in r.grounds:
            story.append(para(f"{humanise(g.ground)}: {g.justification}" if g.justification
                              else humanise(g.ground), st.body))
        story.append(Spacer(1, 1.5 * mm))
    return story
