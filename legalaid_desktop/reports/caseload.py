"""Caseload over a period by provider, facility or region: a table, a bar chart and a trend."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import CaseloadData, CaseloadGroup, ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.charts import bar_chart, line_chart
from legalaid_desktop.reports.layout import (
    FONT_BOLD,
    build_pdf,
    data_table,
    fmt,
    frame_width,
    humanise,
    styles,
)
from legalaid_desktop.reports.text import para

# Beyond this many groups the bar chart shows the busiest only; the table always has every group.
CHART_GROUPS = 20
_GROUP_TITLES = {"provider": "Provider", "facility": "Facility", "region": "Region"}


def _widths(header: tuple[str, ...], width: float) -> list[float]:
    """Each figure column as wide as the longest word of its head (no word broken mid-way), at least
    as wide as the others' share would be; the group's name takes what is left."""
    need = [max(pdfmetrics.stringWidth(w, FONT_BOLD, 7.5) for w in h.split() or [""]) + 8 for h in header[1:]]
    even = 0.8 * width / len(need)
    need = [max(n, even) if sum(need) < 0.8 * width else n for n in need]
    scale = min(1.0, 0.85 * width / sum(need))  # the name keeps at least 15 % of the width
    need = [n * scale for n in need]
    return [width - sum(need), *need]


def _load(group: CaseloadGroup) -> str:
    return "–" if group.load is None else f"{group.load:.0%}"


def caseload_pdf(data: CaseloadData, meta: ReportMeta) -> bytes:
    """Open cases, new requests, decisions, releases by reason, overdue, due soon and load against
    capacity per group, with a bar chart of load and a trend line per week or month."""
    st = styles(meta.low_ink)
    width = frame_width(True)
    total = data.totals()
    story: list[Flowable] = [
        para(meta.title, st.title),
        para(_("From {start} to {end}, by {group}. Due soon: within {days} days.").format(
            start=fmt(data.period_start), end=fmt(data.period_end), group=humanise(data.group_by),
            days=data.due_soon_days), st.body),
        para(_("{open} open cases, {new} new requests, {decisions} decisions, {released} released, "
               "{overdue} overdue, {soon} due soon.").format(
            open=total.open_cases, new=total.new_requests, decisions=total.decisions, released=total.released,
            overdue=total.overdue, soon=total.due_soon), st.body),
        para(_("New: legal aid requests received. Decided: requests decided. Bail to Released: people "
               "released in the period, by how. Load: open cases against capacity."), st.small),
        *(para(text, st.small) for text in data.definitions),
        Spacer(1, 3 * mm)]

    reasons = data.reasons()
    # Short heads keep numeric columns narrow; the line above the table says what they mean.
    header = (_(_GROUP_TITLES[data.group_by]), _("Open"), _("New"), _("Decided"),
              *(humanise(r).capitalize() for r in reasons), _("Released"),
              _("Overdue"), _("Due soon"), _("Capacity"), _("Load"))
    rows = []
    for g in (*data.groups, total):
        released = dict(g.releases)
        name = _("Total") if g is total else g.name
        rows.append((name, g.open_cases, g.new_requests, g.decisions, *(released.get(r, 0) for r in reasons),
                     g.released, g.overdue, g.due_soon, g.capacity, _load(g)))
    columns = len(header)
    widths = _widths(header, width)
    story.append(data_table(header, rows, widths, st, numeric=tuple(range(1, columns))))

    # The unattributed group (no provider, say) is no peer of the others: its bar would dwarf theirs.
    charted = [g for g in data.groups if g.name != data.unattributed]
    if charted:
        busiest = sorted(charted, key=lambda g: -g.open_cases)[:CHART_GROUPS]
        with_capacity = any(g.capacity for g in busiest)
        title = _("Open cases and capacity") if with_capacity else _("Open and overdue cases")
        if len(charted) > CHART_GROUPS:
            title += " " + _("(the {n} busiest of {total})").format(n=CHART_GROUPS, total=len(charted))
        series: list[tuple[str, list[float]]] = [(_("Open cases"), [g.open_cases for g in busiest]),
                                                 (_("Overdue"), [g.overdue for g in busiest])]
        if with_capacity:
            series.append((_("Capacity"), [g.capacity or 0 for g in busiest]))
        story += [Spacer(1, 5 * mm), bar_chart(title, [g.name for g in busiest], series, width, meta.low_ink)]
    if data.trend:
        unit = _("week") if data.trend_unit == "week" else _("month")
        labels = [p.label for p in data.trend]
        # Two charts: open cases run to thousands, and on their scale a week's requests lie flat.
        story += [Spacer(1, 5 * mm), line_chart(
            _("Trend by {unit}: new requests and releases").format(unit=unit), labels,
            [(_("New requests"), [p.new_requests for p in data.trend]),
             (_("Releases"), [p.releases for p in data.trend])], width, meta.low_ink),
            Spacer(1, 3 * mm), line_chart(
            _("Trend by {unit}: cases open at its end").format(unit=unit), labels,
            [(_("Open cases"), [p.open_cases for p in data.trend])], width, meta.low_ink)]
    return build_pdf(story, meta, wide=True)
