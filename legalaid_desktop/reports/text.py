"""User text on the page: never markup, Arabic shaped, right-to-left text ordered per printed line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from typing import Any

import arabic_reshaper  # type: ignore[import-untyped, unused-ignore]
from arabic_reshaper.ligatures import LIGATURES  # type: ignore[import-untyped, unused-ignore]
from bidi import get_display  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.enums import TA_LEFT, TA_RIGHT  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped, unused-ignore]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Paragraph  # type: ignore[import-untyped, unused-ignore]

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


# Until the layout says which glyphs its font has, leave out the one ligature on by default that
# common fonts lack (ALLAH, U+FDF2: DejaVu Sans prints a box for it).
_reshaper = arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


def use_glyphs(has_glyph: Container[int]) -> None:
    """Shape only with ligatures the embedded font can draw; the letters themselves stay joined."""
    global _reshaper
    config = {name: False for name, (_match, forms) in LIGATURES
              if not all(ord(form) in has_glyph for form in forms if form)}
    _reshaper = arabic_reshaper.ArabicReshaper(configuration=config)


def shape(text: str) -> str:
    """Arabic letters in their joined forms (contextual shaping); other text unchanged."""
    return str(_reshaper.reshape(text)) if _ARABIC.search(text) else text


def is_rtl_base(text: str) -> bool:
    """True when the first letter with a strong direction is right-to-left (Unicode bidi rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def visual(text: str, *, rtl_base: bool | None = None) -> str:
    """One printed line in the order its glyphs are drawn left to right. Only for text already wrapped."""
    if not has_rtl(text):
        return text
    base = is_rtl_base(text) if rtl_base is None else rtl_base
    return str(get_display(shape(text), base_dir="R" if base else "L"))


def lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` wrapped to `width` in logical order, then each line put in visual order.

    Wrapping first and reordering each line is what keeps a long right-to-left name's lines in
    reading order; reordering the whole text first would print its last line at the top.
    """
    shaped = shape(text)
    base = is_rtl_base(text)
    return [visual(line, rtl_base=base) for line in simpleSplit(shaped, font, size, width)] or [""]


class SafeParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph of plain user text: never parsed as markup, Arabic shaped, ordered per line.

    The text goes in as a ready-made fragment, so ReportLab's markup parser (CVE-2023-33733) never
    sees it: `<a href=...>` or `&amp;` print exactly as typed. ReportLab wraps the logical (shaped)
    text as usual; only `draw` sees each line in visual order, so a split across pages still works on
    logical text. A paragraph whose text starts right-to-left is right-aligned, except in table
    columns (styles with `column = True`), where one edge for every row reads better.
    """

    blPara: Any  # set by wrap(), which always runs before draw()

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: Any = None,
                 frags: Any = None, **kwargs: Any) -> None:
        if frags is None:
            text = text or ""
            if has_rtl(text):
                rtl_base = is_rtl_base(text)
                right = rtl_base and style.alignment == TA_LEFT and not getattr(style, "column", False)
                style = ParagraphStyle(style.name + ("-rtl" if rtl_base else "-bidi"), parent=style,
                                       alignment=TA_RIGHT if right else style.alignment)
                style.bidi_base = "R" if rtl_base else "L"
            # The parser only ever sees our own "x"; its fragment carries the style's font and colour.
            frags = [Paragraph("x", style).frags[0].clone(text=shape(text))]
        # Paragraph.split makes the pieces with (None, style, bulletText=..., frags=...): pass them on.
        super().__init__(text, style, bulletText, frags, **kwargs)

    @property
    def plain(self) -> str:
        return str(self.text or "")

    def draw(self) -> None:
        blpara = self.blPara
        base = getattr(self.style, "bidi_base", None)
        if base is None or blpara.kind != 0:
            super().draw()
            return
        self.blPara = blpara.clone(lines=[
            (extra, get_display(" ".join(words), base_dir=base).split(" ")) for extra, words in blpara.lines])
        try:
            super().draw()
        finally:
            self.blPara = blpara


def para(text: str | None, style: ParagraphStyle) -> SafeParagraph:
    """One paragraph; line breaks in `text` become spaces (use `paragraphs` to keep them)."""
    return SafeParagraph(text or "", style)


def paragraphs(text: str | None, style: ParagraphStyle) -> list[SafeParagraph]:
    """One paragraph per typed line, so each keeps its own direction."""
    return [SafeParagraph(line, style) for line in (text or "").splitlines() if line.strip()]
