"""Bar and trend charts drawn with reportlab.graphics, in the report fonts and the normal or low-ink look."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.charts.linecharts import HorizontalLineChart  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.shapes import Drawing, String  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib import colors  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.validators import Auto  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.reports.layout import BAND, FONT, FONT_BOLD, INK
from legalaid_desktop.reports.text import visual

_COLOURS = (BAND, colors.HexColor("#c8553d"), colors.HexColor("#7a9e7e"), colors.HexColor("#b0b0b0"))
# Low ink tells series apart by fill weight and dash pattern instead of colour.
_FILLS = (colors.white, colors.HexColor("#d0d0d0"), colors.HexColor("#909090"), colors.black)
_DASHES: tuple[Sequence[float] | None, ...] = (None, (4, 2), (1, 2), (6, 2, 1, 2))


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer starts each drawing in Helvetica, which would then be referenced but not embedded.
    drawing.initialFontName, drawing.initialFontSize = FONT, 7
    return drawing


def _label(text: str, limit: int = 30) -> str:
    """A category label short enough to sit beside a bar; the full name is in the table below."""
    return visual(text if len(text) <= limit else text[: limit - 1] + "…")


def _legend(chart: object, names: Sequence[str], x: float, y: float) -> Legend:
    """A legend whose swatches the chart draws itself, so dashes and fills match the series."""
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.dx, legend.dy = 10, 6
    legend.strokeWidth = 0.5
    legend.strokeColor = INK
    legend.colorNamePairs = [(Auto(obj=chart), visual(name)) for name in names]
    return legend


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
              width: float, low_ink: bool) -> Drawing:
    """Horizontal bars, one group per category (top to bottom in the order given)."""
    bar_room = max(12.0, 4.0 * len(series) + 5)
    height = 40 + bar_room * max(1, len(categories))
    drawing = _drawing(width, height)
    drawing.add(String(0, height - 10, visual(title), fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 18
    chart.width, chart.height = width - 170, height - 46
    # ReportLab draws the first category at the bottom; reverse so the list reads top-down.
    chart.data = [tuple(values[::-1]) for _name, values in series] or [(0,)]
    chart.categoryAxis.categoryNames = [_label(c) for c in categories[::-1]] or [""]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeWidth = 0.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.strokeWidth = 0.5
    chart.barSpacing = 1
    chart.groupSpacing = 4
    for i in range(len(series)):
        chart.bars[i].fillColor = (_FILLS if low_ink else _COLOURS)[i % 4]
        chart.bars[i].strokeColor = INK if low_ink else None
        chart.bars[i].strokeWidth = 0.4
    drawing.add(chart)
    drawing.add(_legend(chart, [name for name, _values in series], width * 0.45, height - 5))
    return drawing


def line_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
               width: float, low_ink: bool, height: float = 170) -> Drawing:
    """One line per series over the categories (periods), left to right."""
    drawing = _drawing(width, height)
    drawing.add(String(0, height - 10, visual(title), fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 30
    chart.width, chart.height = width - 40, height - 60
    chart.data = [tuple(values) for _name, values in series] or [(0,)]
    chart.joinedLines = 1
    names = list(categories) or [""]
    # Keep the axis readable: label about twelve periods whatever the length of the series.
    step = max(1, len(names) // 12)
    chart.categoryAxis.categoryNames = [visual(n) if i % step == 0 else "" for i, n in enumerate(names)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 6.5
    chart.categoryAxis.labels.angle = 30 if len(names) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(names) > 8 else "n"
    chart.categoryAxis.strokeWidth = 0.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 7
    chart.valueAxis.strokeWidth = 0.5
    for i in range(len(series)):
        chart.lines[i].strokeColor = INK if low_ink else _COLOURS[i % 4]
        chart.lines[i].strokeWidth = 1.2
        if low_ink:
            chart.lines[i].strokeDashArray = _DASHES[i % 4]
    drawing.add(chart)
    drawing.add(_legend(chart, [name for name, _values in series], width * 0.45, height - 5))
    return drawing
