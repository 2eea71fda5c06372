"""The one place that knows fonts, page, header, footer and table look of every report."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable, SimpleDocTemplate, Table  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import ReportMeta
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.text import lines, para, use_glyphs, visual

FONT = "LegalAidSans"
FONT_BOLD = "LegalAidSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

MARGIN = 15 * mm
HEADER_SPACE = 16 * mm
FOOTER_SPACE = 16 * mm
INK = colors.black
BAND = colors.HexColor("#1f3a5f")  # header band and table heads in the normal style only
ZEBRA = colors.HexColor("#eef1f5")
RULE = colors.HexColor("#8a8a8a")


def fonts_dir() -> Path:
    # paths.py is standard library only and allowed by the reports contract; it finds resources/
    # the same way in a checkout, a wheel and a PyInstaller bundle, which the fonts must follow.
    from legalaid_desktop.paths import resources_dir

    return resources_dir() / "fonts"


def register_fonts(folder: Path | None = None) -> None:
    """Embed the shipped TTF fonts (DejaVu Sans: Latin, Cyrillic, Greek, Hebrew, Arabic forms).

    Idempotent: the registry is process-wide, so later calls cost a dictionary look-up.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    if all(name in registered for name in _FONT_FILES):
        return
    folder = folder or fonts_dir()
    glyphs: set[int] | None = None
    for name, file in _FONT_FILES.items():
        font = TTFont(name, str(folder / file))
        pdfmetrics.registerFont(font)
        glyphs = set(font.face.charToGlyph) if glyphs is None else glyphs & set(font.face.charToGlyph)
    use_glyphs(glyphs or set())
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one report, normal or low-ink."""

    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    low_ink: bool


def styles(low_ink: bool) -> Styles:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5, textColor=INK, alignment=TA_LEFT)
    result = Styles(
        title=ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4),
        heading=ParagraphStyle("heading", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                               spaceBefore=8, spaceAfter=3, textColor=INK if low_ink else BAND),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        cell=ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        cell_bold=ParagraphStyle("cell-bold", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10),
        head=ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=7.5, leading=9,
                            textColor=INK if low_ink else colors.white),
        low_ink=low_ink)
    for column in (result.cell, result.cell_bold, result.head):
        column.column = True  # see SafeParagraph: table columns keep one edge
    return result


def table_style(low_ink: bool, *, header_rows: int = 1, zebra: bool = True) -> list[tuple[Any, ...]]:
    """Table look: a filled head and light zebra rows, or (low ink) black text and hairlines only."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8, 10),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 8, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    if low_ink:
        commands += [
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, INK),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.2, RULE),
        ]
    else:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), BAND),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ]
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, ZEBRA]))
    return commands


def fmt(value: object) -> str:
    """A plain value as printed: dates ISO, times to the minute with their offset, None as a dash."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") + (value.strftime(" %Z") if value.tzinfo else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def humanise(code: str) -> str:
    """A vocabulary code as words ('time_limit' -> 'time limit') until the catalogue words it."""
    return _(code.replace("_", " "))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit one line of `width` (header lines never wrap)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _page_decor(canvas: Canvas, meta: ReportMeta, page: int, pages: int) -> None:
    width, height = canvas._pagesize
    left, right = MARGIN, width - MARGIN
    canvas.saveState()
    # Header: title left, organisation right, the redaction notice under them when it applies.
    top = height - MARGIN + 4 * mm
    if not meta.low_ink:
        canvas.setFillColor(BAND)
        canvas.rect(left, top - 1.5 * mm, right - left, 1.2 * mm, stroke=0, fill=1)
    canvas.setFillColor(INK)
    organisation = _fit(meta.organisation, FONT, 8, (right - left) * 0.4)
    canvas.setFont(FONT, 8)
    canvas.drawRightString(right, top - 6 * mm, visual(organisation))
    canvas.setFont(FONT_BOLD, 9)
    room = right - left - pdfmetrics.stringWidth(organisation, FONT, 8) - 6 * mm
    canvas.drawString(left, top - 6 * mm, visual(_fit(meta.title, FONT_BOLD, 9, room)))
    if meta.redacted:
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawString(left, top - 10 * mm, _("Redacted for sharing outside the office"))
    canvas.setFont(FONT_BOLD, 7.5)
    canvas.drawRightString(right, top - 10 * mm, _("CONFIDENTIAL: legal aid record"))
    canvas.setStrokeColor(INK if meta.low_ink else RULE)
    canvas.setLineWidth(0.3)
    canvas.line(left, top - 11.5 * mm, right, top - 11.5 * mm)
    # Footer: page N of M, when made, by whom; the filters on the next line(s).
    base = MARGIN - 2 * mm
    canvas.line(left, base + 7 * mm, right, base + 7 * mm)
    canvas.setFont(FONT, 7.5)
    made = _("Generated {when}").format(when=fmt(meta.generated_at))
    if meta.author:
        made += " · " + _("by {author}").format(author=meta.author)
    canvas.drawString(left, base + 4 * mm, visual(made + " · " + meta.organisation))
    canvas.setFont(FONT_BOLD, 7.5)
    canvas.drawRightString(right, base + 4 * mm, _("Page {page} of {pages}").format(page=page, pages=pages))
    canvas.setFont(FONT, 7)
    footer: list[str] = []
    if meta.audit_hash:
        # The anchor of the audit log (see ReportMeta): whole, so it can be typed back in.
        footer.append(_("Audit entry {hash}").format(hash=meta.audit_hash) + "   "
                      + _("Countersigned: ____________"))
    notes = []
    if meta.filters:
        notes.append(_("Filters: ") + "; ".join(f"{label}: {value}" for label, value in meta.filters))
    if meta.redacted:
        notes.append(_("Redacted for sharing outside the office"))
    if notes:
        footer += lines(" · ".join(notes), FONT, 7, right - left)[:2 - len(footer)]
    for n, line in enumerate(footer):
        canvas.drawString(left, base + 0.8 * mm - n * 8.5, line)
    canvas.restoreState()


class _DecoratedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each footer can say "page N of M" in one pass."""

    meta: ReportMeta

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            _page_decor(self, self.meta, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


_TOP = MARGIN + HEADER_SPACE - 4 * mm
_BOTTOM = MARGIN + FOOTER_SPACE - 6 * mm


def frame_height(wide: bool) -> float:
    """The height flowables get on a page: the page less margins and the frame's 6 pt padding."""
    return float((landscape(A4) if wide else A4)[1] - _TOP - _BOTTOM - 12)


def build_pdf(story: Sequence[Flowable], meta: ReportMeta, *, wide: bool = False) -> bytes:
    """Lay `story` out on A4 (landscape when `wide`) with the header and footer; return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    pagesize = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=_TOP, bottomMargin=_BOTTOM,
        title=meta.title, author=meta.author or meta.organisation, subject=meta.subject or meta.title,
        creator="legalaid-desktop", lang="en",
        initialFontName=FONT)  # else every page also references Helvetica, which is not embedded
    canvas_class = type("ReportCanvas", (_DecoratedCanvas,), {"meta": meta})
    doc.build(list(story), canvasmaker=canvas_class)
    return buffer.getvalue()


def frame_width(wide: bool) -> float:
    """The width flowables get: the page less margins and the frame's own 6 pt padding each side."""
    return float((landscape(A4) if wide else A4)[0] - 2 * MARGIN - 12)


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
               st: Styles, *, numeric: Sequence[int] = ()) -> Flowable:
    """A small table whose cells wrap: every value becomes a paragraph that is never read as markup.

    For a few dozen rows; long lists use plain-string cells and fixed row heights (see overstay).
    `numeric` columns are right-aligned.
    """
    # Numbers stay plain strings: they never wrap, and ALIGN applies to strings, not paragraphs.
    body = [[fmt(v) if c in numeric else para(v if isinstance(v, str) else fmt(v), st.cell)
             for c, v in enumerate(row)] for row in rows]
    head_right = ParagraphStyle("head-right", parent=st.head, alignment=TA_RIGHT)
    head = [para(h, head_right if c in numeric else st.head) for c, h in enumerate(header)]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1)
    style = table_style(st.low_ink)
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]
    table.setStyle(style)
    return table
