"""Caseload over a period by provider, facility or region: a table, a bar chart and a trend."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import CaseloadData, CaseloadGroup, ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.charts import bar_chart, line_chart
from legalaid_desktop.reports.layout import build_pdf, data_table, fmt, frame_width, humanise, styles
from legalaid_desktop.reports.text import para

# Beyond this many groups the bar chart shows the busiest only; the table always has every group.
CHART_GROUPS = 20
_GROUP_TITLES = {"provider": "Provider", "facility": "Facility", "region": "Region"}


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
    name_share = 0.2
    widths = [name_share * width] + [(1 - name_share) * width / (columns - 1)] * (columns - 1)
    story.append(data_table(header, rows, widths, st, numeric=tuple(range(1, columns))))

    if data.groups:
        busiest = sorted(data.groups, key=lambda g: -g.open_cases)[:CHART_GROUPS]
        title = _("Open cases and capacity")
        if len(data.groups) > CHART_GROUPS:
            title += " " + _("(the {n} busiest of {total})").format(n=CHART_GROUPS, total=len(data.groups))
        series: list[tuple[str, list[float]]] = [(_("Open cases"), [g.open_cases for g in busiest]),
                                                 (_("Overdue"), [g.overdue for g in busiest])]
        if any(g.capacity for g in busiest):
            series.append((_("Capacity"), [g.capacity or 0 for g in busiest]))
        story += [Spacer(1, 5 * mm), bar_chart(title, [g.name for g in busiest], series, width, meta.low_ink)]
    if data.trend:
        unit = _("week") if data.trend_unit == "week" else _("month")
        story += [Spacer(1, 5 * mm), line_chart(
            _("Trend by {unit}").format(unit=unit), [p.label for p in data.trend],
            [(_("New requests"), [p.new_requests for p in data.trend]),
             (_("Open cases"), [p.open_cases for p in data.trend]),
             (_("Releases"), [p.releases for p in data.trend])], width, meta.low_ink)]
    return build_pdf(story, meta, wide=True)
