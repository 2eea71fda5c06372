"""Every report read back out of its PDF: figures, footer, metadata, escaping, Arabic and redaction."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from pypdf import PdfReader

from legalaid_desktop.domain.reporting import NoteLine, PartyLine, PersonSummary, ReportMeta, redact
from legalaid_desktop.reports import case_summary_pdf, caseload_pdf, overstay_pdf, statistics_pdf
from legalaid_desktop.reports.text import shape
from tests.unit.reports.builders import (
    ARABIC_NAME,
    MARKUP_NOTE,
    make_case_summary,
    make_caseload,
    make_meta,
    make_overstay,
    make_statistics,
    one_line,
    pdf_pages,
    pdf_raw_text,
)

REPORTS: dict[str, Callable[[ReportMeta], bytes]] = {
    "case summary": lambda meta: case_summary_pdf(make_case_summary(), meta),
    "overstay": lambda meta: overstay_pdf(make_overstay(40), meta),
    "caseload": lambda meta: caseload_pdf(make_caseload(), meta),
    "statistics": lambda meta: statistics_pdf(make_statistics(), meta),
}
BAND_FILL = re.compile(rb"\.121569 \.227451 \.372549 rg")  # the normal style's header colour (#1f3a5f)


@pytest.mark.parametrize("report", REPORTS)
def test_every_page_has_its_number_of_the_total_and_the_footer(report: str) -> None:
    pages = pdf_pages(REPORTS[report](make_meta()))
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Kituo Legal Aid Clinic" in text
        assert "Generated 2026-11-20 09:30 UTC" in text
        assert "Facility: Industrial Area Remand; Within: 14 days" in one_line(text)


@pytest.mark.parametrize("report", REPORTS)
def test_metadata_gives_title_author_and_subject(report: str) -> None:
    meta = make_meta(title=f"The {report}", author="J. Wanjiru", subject="For the court user committee")
    info = PdfReader(io.BytesIO(REPORTS[report](meta))).metadata
    assert info is not None
    assert (info.title, info.author, info.subject) == (
        f"The {report}", "J. Wanjiru", "For the court user committee")


@pytest.mark.parametrize("report", REPORTS)
def test_fonts_are_embedded(report: str) -> None:
    reader = PdfReader(io.BytesIO(REPORTS[report](make_meta())))
    resources: Any = reader.pages[0]["/Resources"]
    fonts: list[Any] = list(resources["/Font"].values())
    descriptors = [font.get_object()["/FontDescriptor"] for font in fonts]
    assert descriptors and all("/FontFile2" in d for d in descriptors)


@pytest.mark.parametrize("report", REPORTS)
def test_low_ink_style_prints_no_filled_bands(report: str) -> None:
    def content(meta: ReportMeta) -> bytes:
        reader = PdfReader(io.BytesIO(REPORTS[report](meta)))
        return b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]

    assert BAND_FILL.search(content(make_meta()))
    assert not BAND_FILL.search(content(make_meta(low_ink=True)))


def test_case_summary_shows_the_case_custody_deadlines_and_decision() -> None:
    text = one_line("\n".join(pdf_pages(case_summary_pdf(make_case_summary(), make_meta()))))
    for expected in ("LA-2026-00042", "Amina Yusuf", "R/2026/118", "Industrial Area Remand", "80",
                     "Criminal Procedure Code s.36A", "OVERDUE", "Sixty days of remand in all.",
                     "Robbery with violence", "Kibera Law Courts", "Advocate Jane Wanjiru", "granted",
                     "severity of penalty: Robbery with violence carries life", "Fatima Zahra",
                     "Tel 0711 999 888"):
        assert expected in text, expected


def test_case_summary_fits_on_one_to_three_pages() -> None:
    assert 1 <= len(pdf_pages(case_summary_pdf(make_case_summary(), make_meta()))) <= 3


def test_markup_typed_by_a_user_prints_exactly_as_typed() -> None:
    data = make_case_summary(person=PersonSummary(full_name="<b>Bold</b> & <i>Co</i>", sex="male"))
    text = one_line("\n".join(pdf_pages(case_summary_pdf(data, make_meta()))))
    assert MARKUP_NOTE in text
    assert '<a href="http://example.invalid">here</a>' in text
    assert "<b>Bold</b> & <i>Co</i>" in text


def test_an_arabic_name_comes_back_in_reading_order_and_was_printed_shaped() -> None:
    data = make_case_summary(person=PersonSummary(full_name=ARABIC_NAME, sex="male"))
    pdf = case_summary_pdf(data, make_meta())
    # pypdf gives right-to-left runs back in logical order; NFKC turns the drawn forms into letters.
    assert ARABIC_NAME in "\n".join(pdf_pages(pdf))
    # The glyphs drawn are the joined forms, not the isolated letters as typed.
    assert all(word in pdf_raw_text(pdf) for word in shape(ARABIC_NAME).split())


def test_mixed_latin_and_arabic_text_keeps_both_in_order() -> None:
    note = NoteLine(make_case_summary().as_of, "J. Wanjiru", "visit",
                    f"Met the family of {ARABIC_NAME} at court")
    text = one_line("\n".join(pdf_pages(case_summary_pdf(make_case_summary(notes=(note,)), make_meta()))))
    assert re.search(f"Met the family of +{ARABIC_NAME} *at court", text)


def test_a_long_arabic_note_wraps_with_its_lines_in_reading_order() -> None:
    words = [f"{w}" for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس")] * 8
    note = NoteLine(make_case_summary().as_of, "J. Wanjiru", "visit", " ".join(words))
    text = "\n".join(pdf_pages(case_summary_pdf(make_case_summary(notes=(note,)), make_meta())))
    first_line = next(line for line in text.splitlines() if "الأول" in line)
    assert first_line.split()[0] == "الأول"  # whole-paragraph reordering would start with the last word


def test_a_redacted_case_summary_has_no_victim_witness_or_child_names_contacts_or_notes() -> None:
    data = make_case_summary()
    pdf = case_summary_pdf(redact(data), make_meta(redacted=True))
    text = one_line("\n".join(pdf_pages(pdf)))
    for hidden in ("Fatima Zahra", "Peter Otieno", "Baraka Mwangi", "Tel 0711 999 888", "+254 700 111 222",
                   "Told the family"):
        assert hidden not in text, hidden
    assert "F. Z." in text and "P. O." in text and "Ali Hassan" in text
    assert text.count("Redacted for sharing outside the office") >= 2  # header and footer


def test_an_unredacted_child_party_is_marked_as_a_child() -> None:
    data = make_case_summary(parties=(PartyLine("Baraka Mwangi", "witness", is_child=True),))
    assert "Baraka Mwangi (child)" in "\n".join(pdf_pages(case_summary_pdf(data, make_meta())))


def test_overstay_list_runs_longest_overstay_first_across_pages() -> None:
    data = make_overstay(700)
    pages = pdf_pages(overstay_pdf(data, make_meta()))
    text = "\n".join(pages)
    assert len(pages) > 2
    positions = [text.index(r.register_number or "") for r in data.rows]
    assert positions == sorted(positions)
    assert f"{data.overdue} held past a limit" in one_line(pages[0])


def test_overstay_pages_each_start_with_the_column_header_and_have_it_once() -> None:
    pages = pdf_pages(overstay_pdf(make_overstay(700), make_meta()))
    assert [page.count("Action taken") for page in pages] == [1] * len(pages)


def test_overstay_pages_are_full_but_nothing_spills_over() -> None:
    data = make_overstay(700)
    pages = pdf_pages(overstay_pdf(data, make_meta()))
    per_page = [sum(1 for r in data.rows if (r.register_number or "") in page) for page in pages]
    assert sum(per_page) == len(data.rows)
    assert len(set(per_page[1:-1])) == 1  # rows of one height: every full page holds as many


def test_overstay_days_say_over_or_left() -> None:
    data = make_overstay(5)
    text = one_line("\n".join(pdf_pages(overstay_pdf(data, make_meta()))))
    for row in data.rows:
        if row.days_over > 1:
            assert f"{row.days_over} days over" in text
        elif row.days_over < -1:
            assert f"{-row.days_over} days left" in text


def test_overstay_list_with_no_one_in_it_says_so() -> None:
    text = "\n".join(pdf_pages(overstay_pdf(make_overstay(0), make_meta())))
    assert "No one is held past a limit or close to one." in text


def test_caseload_shows_each_group_the_total_and_both_charts() -> None:
    text = one_line("\n".join(pdf_pages(caseload_pdf(make_caseload(), make_meta()))))
    assert "Advocate Jane Wanjiru 31 12 10 4 0 2 0 0 6 3 5 40 78%" in text
    assert ARABIC_NAME in text
    assert "Total 48 18 15 4 1 2 0 1 8 4 7 40 120%" in text
    assert "Open cases and capacity" in text and "Trend by week" in text


def test_statistics_show_breakdowns_first_contact_and_sdg_16_3_2() -> None:
    text = one_line("\n".join(pdf_pages(statistics_pdf(make_statistics(), make_meta()))))
    assert "female 30 15.0% 40 8.0%" in text
    assert "Median (hours) 10.0" in text
    assert "Industrial Area Remand 210 300 70.0%" in text
    assert "Total 300 500 60.0%" in text
    assert "سجن كوبر" in text


def test_a_report_meta_without_filters_prints_no_filters_line() -> None:
    pages = pdf_pages(statistics_pdf(make_statistics(), replace(make_meta(), filters=())))
    assert all("Filters:" not in page for page in pages)


def test_a_very_long_note_is_shortened_and_says_so_rather_than_breaking_the_summary() -> None:
    note = NoteLine(make_case_summary().as_of, "J. Wanjiru", "visit", "Long account of the visit. " * 2000)
    pages = pdf_pages(case_summary_pdf(make_case_summary(notes=(note,)), make_meta()))
    assert len(pages) <= 3
    assert "the full note is in the case file" in one_line("\n".join(pages))


def test_a_redacted_overstay_list_prints_children_by_initials_only() -> None:
    data = make_overstay(4)
    child = replace(data.rows[0], full_name="Baraka Mwangi", is_child=True)
    data = replace(data, rows=(child, *data.rows[1:]))
    text = "\n".join(pdf_pages(overstay_pdf(redact(data), make_meta(redacted=True))))
    assert "Baraka Mwangi" not in text
    assert "B. M." in text
    assert data.rows[1].full_name in text


def test_a_case_with_nothing_recorded_yet_still_prints_and_says_so() -> None:
    data = make_case_summary(custody=(), deadlines=(), charges=(), hearings=(), assignments=(), decision=None,
                             notes=(), parties=())
    text = "\n".join(pdf_pages(case_summary_pdf(data, make_meta())))
    for expected in ("No custody recorded.", "No deadlines computed.", "No request recorded."):
        assert expected in text


def test_an_organisation_written_in_arabic_prints_in_the_header_and_footer() -> None:
    pages = pdf_pages(statistics_pdf(make_statistics(), make_meta(organisation="عيادة المساعدة القانونية")))
    assert all(page.count("عيادة المساعدة القانونية") >= 2 for page in pages)
