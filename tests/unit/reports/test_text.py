"""User text on the page: no markup, Arabic shaped, right-to-left lines in visual order one by one."""

from __future__ import annotations

import unicodedata

from legalaid_desktop.reports.layout import FONT, styles
from legalaid_desktop.reports.text import SafeParagraph, is_rtl_base, lines, shape, visual

WORDS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن")


def test_latin_text_passes_through_unchanged() -> None:
    assert visual("Amina <b>Yusuf</b> & co") == "Amina <b>Yusuf</b> & co"
    assert shape("Amina") == "Amina"


def test_arabic_letters_take_their_joined_forms() -> None:
    shaped = shape("محمد")
    assert shaped != "محمد"
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
    assert unicodedata.normalize("NFKC", shaped) == "محمد"


def drawn(word: str) -> str:
    """How a right-to-left word appears in a left-to-right string of glyphs: shaped, then reversed."""
    return shape(word)[::-1]


def test_a_right_to_left_line_is_drawn_right_to_left() -> None:
    # The first word read is the rightmost drawn: last in the left-to-right string.
    assert visual("محمد الحسن") == drawn("الحسن") + " " + drawn("محمد")


def test_base_direction_is_the_first_strong_letter() -> None:
    assert is_rtl_base("محمد Mohamed")
    assert not is_rtl_base("Mohamed محمد")
    assert not is_rtl_base("123")


def test_wrapped_right_to_left_text_keeps_its_lines_in_reading_order() -> None:
    styles(False)  # registers the fonts
    text = " ".join(WORDS * 3)
    wrapped = lines(text, FONT, 9, 80)
    assert len(wrapped) > 2
    # Reordering the whole text before wrapping would put the last words on the first line.
    assert wrapped[0].split(" ")[-1] == drawn(WORDS[0])
    assert wrapped[-1].split(" ")[0] == drawn(WORDS[-1])


def test_the_allah_ligature_is_left_out_when_the_font_has_no_glyph_for_it() -> None:
    styles(False)
    assert "\ufdf2" not in shape("عبد الله")


def test_a_safe_paragraph_never_reads_its_text_as_markup() -> None:
    text = '<a href="http://example.invalid">x</a> &amp; <para><img src="/etc/passwd"/>'
    paragraph = SafeParagraph(text, styles(False).body)
    paragraph.wrap(400, 100)
    assert [" ".join(words) for _extra, words in paragraph.blPara.lines] == [" ".join(text.split())]
    assert paragraph.plain == text
