"""One case on one to three pages, for the lawyer's file and for the court."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import CaseSummaryData, CustodySpellSummary, DeadlineLine, ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.layout import (
    FONT,
    Styles,
    build_pdf,
    data_table,
    fmt,
    frame_width,
    humanise,
    styles,
    table_style,
)
from legalaid_desktop.reports.text import para, paragraphs

# A summary is one to three pages: a longer note is cut here, and says so.
NOTE_LIMIT = 1500
# Deadlines a reader must act on first.
_ALARM = ("overdue", "breached")
HEADING_ROOM = 25 * mm
"""A section heading with less room than this under it starts the next page instead of ending this one."""


def key_values(pairs: list[tuple[str, object]], st: Styles, width: float) -> Flowable:
    """Label / value pairs two to a row, labels in bold."""
    cells = [(para(label, st.cell_bold), para(value if isinstance(value, str) else fmt(value), st.cell))
             for label, value in pairs]
    rows = [[*cells[i], *(cells[i + 1] if i + 1 < len(cells) else ("", ""))] for i in range(0, len(cells), 2)]
    label, value = width * 0.16, width * 0.34
    table = Table(rows, colWidths=[label, value, label, value])
    table.setStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def custody_block(spell: CustodySpellSummary, st: Styles, width: float) -> Flowable:
    """A custody spell's facts, then its events in order, kept on one page."""
    block: list[Flowable] = [data_table(
        (_("Facility"), _("Register no."), _("Status"), _("From"), _("Released"), _("Reason"),
         _("Days held")),
        [(spell.facility, spell.register_number, humanise(spell.status), spell.start, spell.released_at,
          humanise(spell.release_reason) if spell.release_reason else None, spell.days_held)],
        [w * width for w in (0.18, 0.18, 0.13, 0.17, 0.17, 0.09, 0.08)], st, numeric=(6,))]
    if spell.events:
        block.append(Spacer(1, 1.5 * mm))
        block.append(data_table((_("When"), _("Event"), _("Detail")),
                                [(e.at, humanise(e.kind), e.detail) for e in spell.events],
                                [w * width for w in (0.2, 0.25, 0.55)], st))
    return KeepTogether(block)


def deadline_table(deadlines: tuple[DeadlineLine, ...], st: Styles, width: float) -> Flowable:
    """Two rows per deadline: its facts, then how it was computed across the whole width."""
    head: list[object] = [para(h, st.head) for h in (
        _("Deadline"), _("Layer"), _("Due"), _("Status"), _("Met"), _("Citation"))]
    rows: list[list[object]] = [head]
    commands = table_style(st.low_ink, zebra=False)
    for d in deadlines:
        status = humanise(d.status).upper() if d.status in _ALARM else humanise(d.status)
        strong = st.cell_bold if d.status in _ALARM else st.cell
        rows.append([para(humanise(d.kind), strong), humanise(d.layer),
                     para(fmt(d.due if d.due is not None else d.due_date), st.cell), para(status, strong),
                     para(fmt(d.met_at), st.cell), para(d.citation, st.cell)])
        detail = d.explanation + (f" [{d.rule}; {d.verification}]" if d.verification else f" [{d.rule}]")
        rows.append([para(detail, st.small), "", "", "", "", ""])
        n = len(rows) - 1
        commands += [("SPAN", (0, n), (-1, n)), ("LINEBELOW", (0, n - 1), (-1, n - 1), 0, "white"),
                     ("TOPPADDING", (0, n), (-1, n), 0)]
    widths = [0.2, 0.1, 0.18, 0.11, 0.18, 0.23]
    table = Table(rows, colWidths=[w * width for w in widths], repeatRows=1)
    table.setStyle(commands)
    return table


def case_summary_pdf(data: CaseSummaryData, meta: ReportMeta) -> bytes:
    """The case summary as PDF bytes: person, custody and days held, deadlines, charges, hearings,
    assignments, the legal aid decision, parties and recent notes."""
    st = styles(meta.low_ink)
    width = frame_width(False)
    p = data.person
    story: list[Flowable] = [
        para(f"{_('Case summary')} {data.case_ref}: {p.full_name}", st.title),
        para(_("As of {when}").format(when=fmt(data.as_of)), st.small),
        Spacer(1, 2 * mm),
    ]

    story += [CondPageBreak(HEADING_ROOM), para(_("Person"), st.heading)]
    age = fmt(p.age) + (" " + _("(child)") if p.is_child else "")
    pairs: list[tuple[str, object]] = [
        (_("Name"), p.full_name), (_("Sex"), humanise(p.sex)), (_("Date of birth"), p.date_of_birth),
        (_("Age"), age), (_("Identity number"), p.identity_number), (_("Nationality"), p.nationality),
        (_("Languages"), p.languages),
        (_("Priority groups"), ", ".join(humanise(g) for g in p.priority_groups) or None),
        (_("Case stage"), humanise(data.stage) if data.stage else None),
        (_("Case status"), humanise(data.status) if data.status else None),
        (_("Opened"), data.opened_on)]
    if p.contact:
        pairs.append((_("Contact"), p.contact))
    story.append(key_values(pairs, st, width))

    story += [CondPageBreak(HEADING_ROOM), para(_("Custody"), st.heading)]
    if not data.custody:
        story.append(para(_("No custody recorded."), st.body))
    for spell in data.custody:
        story += [custody_block(spell, st, width), Spacer(1, 2 * mm)]

    story += [CondPageBreak(HEADING_ROOM), para(_("Deadlines"), st.heading)]
    if data.deadlines:
        story.append(deadline_table(data.deadlines, st, width))
    else:
        story.append(para(_("No deadlines computed."), st.body))

    if data.charges:
        story += [CondPageBreak(HEADING_ROOM), para(_("Charges"), st.heading)]
        story.append(data_table((_("Offence"), _("Statute"), _("Class"), _("Charged")),
                                [(c.offence, c.statute, c.offence_class, c.charged_on) for c in data.charges],
                                [w * width for w in (0.45, 0.25, 0.15, 0.15)], st))
    if data.hearings:
        story += [CondPageBreak(HEADING_ROOM), para(_("Hearings"), st.heading)]
        story.append(data_table((_("When"), _("Court"), _("Purpose"), _("Outcome")),
                                [(h.at, h.court, h.purpose, h.outcome) for h in data.hearings],
                                [w * width for w in (0.2, 0.3, 0.25, 0.25)], st))
    if data.assignments:
        story += [CondPageBreak(HEADING_ROOM), para(_("Assignments"), st.heading)]
        story.append(data_table((_("Provider"), _("Role"), _("From"), _("To")),
                                [(a.provider, humanise(a.role), a.start, a.end) for a in data.assignments],
                                [w * width for w in (0.45, 0.25, 0.15, 0.15)], st))

    story += [CondPageBreak(HEADING_ROOM), para(_("Legal aid decision"), st.heading)]
    d = data.decision
    if d is None:
        story.append(para(_("No request recorded."), st.body))
    else:
        story.append(key_values([(_("Decision"), humanise(d.decision)), (_("Decided"), d.decided_on),
                                  (_("Means test"), humanise(d.means_test) if d.means_test else None),
                                  (_("Appeal"), humanise(d.appeal) if d.appeal else None)], st, width))
        for g in d.grounds:
            story.append(para(f"{humanise(g.ground)}: {g.justification}" if g.justification
                              else humanise(g.ground), st.body))

    if data.parties:
        story += [CondPageBreak(HEADING_ROOM), para(_("Parties"), st.heading)]
        story.append(data_table(
            (_("Name"), _("Role"), _("Contact")),
            [(pt.name + (" " + _("(child)") if pt.is_child else ""), humanise(pt.role), pt.contact)
             for pt in data.parties],
            [w * width for w in (0.4, 0.2, 0.4)], st))

    if meta.redacted:
        story.append(para(_("Notes are left out of reports redacted for sharing."), st.small))
    elif data.notes:
        story += [CondPageBreak(HEADING_ROOM), para(_("Recent notes"), st.heading)]
        for n in data.notes:
            # Paragraphs, not table cells: a long note then breaks across pages instead of failing.
            story.append(para(f"{fmt(n.at)} · {n.author} · {humanise(n.kind)}", st.cell_bold))
            text = n.text if len(n.text) <= NOTE_LIMIT else (
                n.text[:NOTE_LIMIT].rstrip() + " … " + _("[shortened: the full note is in the case file]"))
            story.extend(paragraphs(text, st.body))
            story.append(Spacer(1, 1.5 * mm))
    return build_pdf(story, meta)
