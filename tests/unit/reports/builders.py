"""Report DTOs for tests: small, realistic values; overrides change what a test is about."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pypdf import PdfReader

from legalaid_desktop.domain.reporting import (
    AssignmentLine,
    Breakdown,
    CaseloadData,
    CaseloadGroup,
    CaseSummaryData,
    ChargeLine,
    CountRow,
    CustodyEventLine,
    CustodySpellSummary,
    DeadlineLine,
    DecisionSummary,
    FirstContact,
    GroundLine,
    HearingLine,
    NoteLine,
    OverstayData,
    OverstayRow,
    PartyLine,
    PersonSummary,
    ReportMeta,
    SdgRow,
    StatisticsData,
    TrendPoint,
)

AS_OF = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
ARABIC_NAME = "محمد الحسن"
MARKUP_NOTE = 'Told the family <a href="http://example.invalid">here</a> & <b>not</b> to worry'


def make_meta(**overrides: Any) -> ReportMeta:
    meta = ReportMeta(title="Test report", organisation="Kituo Legal Aid Clinic", generated_at=AS_OF,
                      filters=(("Facility", "Industrial Area Remand"), ("Within", "14 days")),
                      author="coordinator", subject="Testing")
    return replace(meta, **overrides)


def make_case_summary(**overrides: Any) -> CaseSummaryData:
    start = AS_OF - timedelta(days=80)
    data = CaseSummaryData(
        case_ref="LA-2026-00042", as_of=AS_OF, stage="pre_trial", status="open", opened_on=start.date(),
        person=PersonSummary(full_name="Amina Yusuf", sex="female", date_of_birth=date(1990, 5, 1), age=36,
                             identity_number="12345678", contact="+254 700 111 222"),
        custody=(CustodySpellSummary(
            facility="Industrial Area Remand", register_number="R/2026/118", status="untried", start=start,
            released_at=None, release_reason=None, days_held=80,
            events=(CustodyEventLine(start - timedelta(days=1), "arrest", "Arrested at the market"),
                    CustodyEventLine(start, "remand", "Remanded for 14 days"))),),
        deadlines=(
            DeadlineLine("first_appearance", "KE-first-appearance", "national", start, start.date(), "met",
                         start - timedelta(hours=3), "Constitution of Kenya art. 49(1)(f)", "verified",
                         "Due 24 hours after arrest."),
            DeadlineLine("remand_total", "KE-remand-total", "benchmark", AS_OF - timedelta(days=3),
                         (AS_OF - timedelta(days=3)).date(), "overdue", None, "Criminal Procedure Code s.36A",
                         "approximate", "Sixty days of remand in all.")),
        charges=(ChargeLine("Robbery with violence", "Penal Code s.296(2)", "felony", start.date()),),
        hearings=(HearingLine(AS_OF + timedelta(days=5), "Kibera Law Courts", "mention"),),
        assignments=(AssignmentLine("Advocate Jane Wanjiru", "lawyer", start.date()),),
        decision=DecisionSummary("granted", start.date(), "eligible",
                                 (GroundLine("severity_of_penalty", "Robbery with violence carries life"),)),
        notes=(NoteLine(AS_OF - timedelta(days=2), "J. Wanjiru", "visit", MARKUP_NOTE),),
        parties=(PartyLine("Fatima Zahra", "victim", restricted=True, contact="Tel 0711 999 888"),
                 PartyLine("Peter Otieno", "witness"),
                 PartyLine("Baraka Mwangi", "co_accused", is_child=True),
                 PartyLine("Ali Hassan", "co_accused")))
    return replace(data, **overrides)


def make_overstay(rows: int = 5, **overrides: Any) -> OverstayData:
    today = AS_OF.date()
    people = tuple(OverstayRow(
        full_name=f"Detainee {n:05d}", register_number=f"R/2026/{n:05d}", limit="remand_total",
        due_date=today - timedelta(days=(n * 37) % 120 - 14), days_over=(n * 37) % 120 - 14,
        citation="Criminal Procedure Code s.36A", case_ref=f"LA-2026-{n:05d}") for n in range(rows))
    data = OverstayData(facility="Industrial Area Remand", as_of=today, within_days=14, rows=people)
    return replace(data, **overrides)


def make_caseload(**overrides: Any) -> CaseloadData:
    groups = (
        CaseloadGroup("Advocate Jane Wanjiru", open_cases=31, new_requests=12, decisions=10,
                      releases=(("bail", 4), ("time_limit", 2)), overdue=3, due_soon=5, capacity=40),
        CaseloadGroup(ARABIC_NAME, open_cases=17, new_requests=6, decisions=5,
                      releases=(("acquittal", 1), ("other", 1)), overdue=1, due_soon=2, capacity=None),
    )
    trend = tuple(TrendPoint(date(2026, 1, 5) + timedelta(weeks=k), f"W{k + 1}", 3 + k, 40 + k, 1 + k % 3)
                  for k in range(10))
    data = CaseloadData(date(2026, 1, 1), date(2026, 3, 31), "provider", groups, trend, "week")
    return replace(data, **overrides)


def make_statistics(**overrides: Any) -> StatisticsData:
    data = StatisticsData(
        census_date=date(2026, 6, 30), period_start=date(2026, 1, 1), period_end=date(2026, 6, 30),
        recipients=200, detainees=500,
        breakdowns=(Breakdown("sex", (CountRow("female", 30, 40), CountRow("male", 170, 460))),
                    Breakdown("age_group", (CountRow("child", 12, 15), CountRow("adult", 188, 485))),
                    Breakdown("facility", (CountRow("Industrial Area Remand", 150, 300),
                                           CountRow("سجن كوبر", 50, 200)))),
        first_contact=FirstContact(hours=(1.0, 3.0, 10.0, 30.0, 50.0), without_contact=4),
        sdg_facilities=(SdgRow("Industrial Area Remand", 210, 300), SdgRow("سجن كوبر", 90, 200)),
        sdg_groups=(SdgRow("female", 25, 40), SdgRow("male", 275, 460)))
    return replace(data, **overrides)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page as pypdf extracts it, NFKC-normalised.

    pypdf returns Arabic in logical order but as the presentation forms that were drawn; NFKC maps
    those back to ordinary letters, so a name can be compared with what the user typed.
    """
    reader = PdfReader(io.BytesIO(pdf))
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def pdf_raw_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def one_line(text: str) -> str:
    """Extracted text with line breaks and doubled spaces folded, for phrases that may wrap."""
    return " ".join(text.split())
