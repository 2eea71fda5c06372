"""The overstay sheet a paralegal takes to a court user committee or a prison visit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable, PageBreak, Spacer, Table  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import OverstayData, OverstayRow, ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.lateness_words import lateness_text
from legalaid_desktop.reports.layout import (
    FONT,
    FONT_BOLD,
    build_pdf,
    fmt,
    frame_height,
    frame_width,
    humanise,
    styles,
    table_style,
)
from legalaid_desktop.reports.text import lines, para, visual

_SIZE, _LEADING, _PAD = 8, 10, 2
_HEAD = 2 * _PAD + _LEADING + 1
# Points kept free at the foot of each page, so rounding never pushes a page's last row over.
_SAFETY = 2.0
_SHARES = (0.045, 0.15, 0.12, 0.1, 0.09, 0.075, 0.09, 0.2, 0.13)


@lru_cache(maxsize=4096)
def _cell(text: str, width: float) -> tuple[str, int]:
    """A plain-string cell wrapped to `width` (one measurement for the usual short value).

    Cached: limits and citations repeat on almost every row, and measuring text is the slow part
    of building the table in pure Python.
    """
    room = width - 2 * 3  # the table's left and right padding
    if stringWidth(text, FONT, _SIZE) <= room:
        return visual(text), 1
    wrapped = [part for line in lines(text, FONT, _SIZE, room) for part in _hard_wrap(line, room)]
    return "\n".join(wrapped), len(wrapped)


def _hard_wrap(line: str, room: float) -> list[str]:
    """A line still too wide is one long word (a register number has no spaces): cut it by letters."""
    parts: list[str] = []
    while stringWidth(line, FONT, _SIZE) > room and len(line) > 1:
        cut = len(line) - 1
        while cut > 1 and stringWidth(line[:cut], FONT, _SIZE) > room:
            cut -= 1
        parts.append(line[:cut])
        line = line[cut:]
    return [*parts, line]


def _rows(rows: Sequence[OverstayRow], widths: Sequence[float], first: int
          ) -> tuple[list[list[str]], list[float]]:
    cells: list[list[str]] = []
    heights: list[float] = []
    for n, r in enumerate(rows, start=first):
        name, name_lines = _cell(r.full_name, widths[1])
        register, register_lines = _cell(r.register_number or "", widths[2])
        case, case_lines = _cell(r.case_ref or "", widths[3])
        limit, limit_lines = _cell(humanise(r.limit), widths[4])
        citation, citation_lines = _cell(r.citation, widths[7])
        over, over_lines = _cell(lateness_text(r.days_over, r.hours_over), widths[6])
        cells.append([str(n), name, register, case, limit, fmt(r.due_date), over, citation, ""])
        count = max(name_lines, register_lines, case_lines, limit_lines, citation_lines, over_lines)
        heights.append(count * _LEADING + 2 * _PAD + 1.0)
    return cells, heights


def _page_breaks(heights: Sequence[float], first_room: float, room: float) -> Iterator[tuple[int, int]]:
    """(start, end) of the rows that fill each page, below a column header on every page."""
    start, used, space = 0, float(_HEAD), first_room
    for n, height in enumerate(heights):
        if used + height > space and n > start:
            yield start, n
            start, used, space = n, _HEAD, room
        used += height
    if start < len(heights):
        yield start, len(heights)


def _pages(data: OverstayData, widths: Sequence[float], low_ink: bool, first_room: float,
           room: float) -> Iterator[Flowable]:
    """One table per page, ending in a page break.

    Every row's height is known before layout, so the rows are cut into pages here: ReportLab never
    splits a table (splitting re-measures every remaining row: quadratic on one long table), and each
    page starts with the column header and only there.
    """
    header = [_("No."), _("Name"), _("Register no."), _("Case"), _("Limit"), _("Due"), _("Days"),
              _("Citation"), _("Action taken")]
    style = table_style(low_ink)
    style += [("ALIGN", (0, 0), (0, -1), "RIGHT"), ("ALIGN", (6, 1), (6, -1), "RIGHT"),
              ("LINEBEFORE", (8, 0), (8, -1), 0.3, "black"),
              ("LINEBELOW", (8, 1), (8, -1), 0.3, "black")]  # lines to write on, in any style
    cells, heights = _rows(data.rows, widths, 1)
    for start, end in _page_breaks(heights, first_room, room):
        if start:
            yield PageBreak()
        # Rows are sorted by days over, so the overdue ones are the top of the list. Their days are
        # bold: the sheet is often photocopied, so weight beats colour. Only that column, so the
        # wrapping measured in the regular face holds.
        over = sum(1 for r in data.rows[start:end] if r.is_overdue)
        table = Table([header, *cells[start:end]], colWidths=list(widths),
                      rowHeights=[_HEAD, *heights[start:end]], repeatRows=1)
        table.setStyle(style + ([("FONTNAME", (6, 1), (6, over), FONT_BOLD)] if over else []))
        yield table


def overstay_pdf(data: OverstayData, meta: ReportMeta) -> bytes:
    """Everyone held past a limit or within `within_days` of one, longest overstay first, with a blank
    column for the action taken. Fast for thousands of rows: plain cells, fixed heights, a table a page."""
    st = styles(meta.low_ink)
    width = frame_width(True)
    widths = [share * width for share in _SHARES]
    # People, not rows: someone past two limits has a row for each.
    over = {(r.full_name, r.register_number, r.case_ref) for r in data.rows if r.is_overdue}
    soon = {(r.full_name, r.register_number, r.case_ref) for r in data.rows} - over
    summary = _("{facility}: {over} held past a limit, {soon} within {days} days of one, as of {date}.")
    summary = summary.format(facility=data.facility, over=len(over), soon=len(soon),
                             days=data.within_days, date=fmt(data.as_of))
    if len(over) + len(soon) < len(data.rows):
        summary += " " + _("Someone past or near two limits has a row for each.")
    story: list[Flowable] = [para(meta.title, st.title), para(summary, st.body), Spacer(1, 3 * mm)]
    if not data.rows:
        story.append(para(_("No one is held past a limit or close to one."), st.body))
    room = frame_height(True) - _SAFETY
    intro = sum(f.wrap(width, room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)
    story.extend(_pages(data, widths, meta.low_ink, room - intro, room))
    try:
        return build_pdf(story, meta, wide=True)
    finally:
        _cell.cache_clear()  # names are personal data: keep none of them once the sheet is made
