"""The recovery key page: the key as text and as a QR code, to print and keep away from the computer."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.graphics import renderPDF  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped, unused-ignore]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.i18n import _
from legalaid_desktop.reports.layout import FONT, FONT_BOLD, MARGIN, register_fonts


def recovery_key_page(*, recovery_text: str, key_id: str, database: str, made_at: datetime) -> bytes:
    """One A4 page: what the key is for, the key in groups (large, monospaced) and as a QR code."""
    register_fonts()
    out = io.BytesIO()
    page = Canvas(out, pagesize=A4, pageCompression=0)
    page.setTitle(_("Recovery key"))
    height = A4[1]
    y = height - MARGIN - 10 * mm
    page.setFont(FONT_BOLD, 18)
    page.drawString(MARGIN, y, _("legalaid-desktop: recovery key"))
    y -= 10 * mm
    page.setFont(FONT, 10)
    for line in (
        _("Database: {name}").format(name=database),
        _("Key id: {id}").format(id=key_id),
        _("Printed: {at:%Y-%m-%d %H:%M} UTC").format(at=made_at),
        "",
        _("This key alone opens the database and its backups made with it. Keep this page locked away,"),
        _("apart from the computer. On a new computer: legalaid key import (type or scan the key)."),
        _("After `legalaid rekey` keep this page too: backups made before the rekey need it."),
    ):
        page.drawString(MARGIN, y, line)
        y -= 5.5 * mm
    y -= 8 * mm
    page.setFont("Courier-Bold", 16)
    groups = recovery_text.split("-")
    for row in range(0, len(groups), 4):
        page.drawString(MARGIN, y, "  ".join(groups[row:row + 4]))
        y -= 9 * mm
    size = 70 * mm
    widget = QrCodeWidget(recovery_text, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, page, MARGIN, y - size - 5 * mm)
    page.showPage()
    page.save()
    return out.getvalue()
