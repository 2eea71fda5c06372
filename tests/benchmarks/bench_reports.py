"""Report rendering time beside bare ReportLab in the same run (not run by pytest).

    python -m tests.benchmarks.bench_reports --rows 10000 --repeat 3

The overstay list of ROWS people is timed against a bare platypus `LongTable(repeatRows=1)` of the
same rows as plain strings in the same embedded font (what ReportLab does with no help); a case
summary is timed on its own (target under 150 ms).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import LongTable, SimpleDocTemplate  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import (
    CaseSummaryData,
    CustodyEventLine,
    CustodySpellSummary,
    DeadlineLine,
    NoteLine,
    OverstayData,
    OverstayRow,
    PersonSummary,
    ReportMeta,
)
from legalaid_desktop.reports import case_summary_pdf, overstay_pdf
from legalaid_desktop.reports.layout import FONT, register_fonts

AS_OF = date(2026, 11, 20)
NAMES = ("Amina Yusuf", "Peter Otieno", "Grace Njeri Wambui", "Jean-Baptiste Habimana Nkurunziza",
         "محمد الحسن", "فاطمة الزهراء عبد الله", "Ali Hassan", "אברהם כהן", "Wanjiku Kamau")
CITATIONS = ("Criminal Procedure Code s.36A(1)(b)", "Constitution art. 49(1)(f)", "Children Act 2022 s.133",
             "Constitution art. 49(1)(f), read with Criminal Procedure Code s.36A and Children Act s.133")
LIMITS = ("remand_total", "first_appearance", "committal", "trial_start")


def overstay_data(rows: int) -> OverstayData:
    rnd = random.Random(7)
    people = []
    for n in range(rows):
        due = AS_OF - timedelta(days=rnd.randint(-14, 400))
        people.append(OverstayRow(
            full_name=f"{rnd.choice(NAMES)} {n}", register_number=f"R/2026/{n:05d}", limit=rnd.choice(LIMITS),
            due_date=due, days_over=(AS_OF - due).days, citation=rnd.choice(CITATIONS),
            is_child=rnd.random() < 0.05, case_ref=f"LA-2026-{n:05d}"))
    return OverstayData(facility="Industrial Area Remand Prison", as_of=AS_OF, within_days=14,
                        rows=tuple(people))


def case_data() -> CaseSummaryData:
    t = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    events = tuple(CustodyEventLine(t - timedelta(days=90 - 14 * k), "remand", f"Remand order {k}")
                   for k in range(6))
    return CaseSummaryData(
        case_ref="LA-2026-00042", as_of=t,
        person=PersonSummary(full_name="محمد الحسن", sex="male", age=17, is_child=True),
        custody=(CustodySpellSummary("Industrial Area Remand Prison", "R/2026/118", "untried",
                                     t - timedelta(days=90), None, None, 90, events),),
        deadlines=tuple(DeadlineLine(f"limit_{k}", f"KE-{k}", "national", t, t.date(), "open", None,
                                     CITATIONS[k % 4], "verified", "Due 60 days after the first remand.")
                        for k in range(8)),
        notes=tuple(NoteLine(t, "J. Wanjiru", "visit", "Visited; the family is waiting. " * 5)
                    for _ in range(5)))


def bare_longtable(data: OverstayData) -> bytes:
    """What ReportLab does unaided: one LongTable of plain strings, rows measured by ReportLab."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    header = ["No.", "Name", "Register no.", "Case", "Limit", "Due", "Days", "Citation", "Action taken"]
    rows = [[str(n), r.full_name, r.register_number or "", r.case_ref or "", r.limit, r.due_date.isoformat(),
             str(r.days_over), r.citation, ""] for n, r in enumerate(data.rows, start=1)]
    table = LongTable([header, *rows], repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), FONT, 8)])
    doc.build([table])
    return buffer.getvalue()


def median_seconds(run: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(run())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    register_fonts()
    meta = ReportMeta(title="Overstay list", organisation="Bench Legal Aid", generated_at=datetime.now(UTC),
                      filters=(("Facility", "Industrial Area Remand Prison"), ("Within", "14 days")))
    data = overstay_data(args.rows)
    case = case_data()
    case_summary_pdf(case, meta)  # warm-up: font loading and first-use imports
    ours, ours_size = median_seconds(lambda: overstay_pdf(data, meta), args.repeat)
    bare, bare_size = median_seconds(lambda: bare_longtable(data), args.repeat)
    summary, _size = median_seconds(lambda: case_summary_pdf(case, meta), max(args.repeat, 5))
    print(f"{'what':<40} {'median s':>9} {'bytes':>10}")
    print(f"{f'overstay_pdf, {args.rows} rows':<40} {ours:>9.3f} {ours_size:>10}")
    print(f"{f'bare LongTable, {args.rows} rows':<40} {bare:>9.3f} {bare_size:>10}")
    print(f"{'case_summary_pdf':<40} {summary:>9.3f}")
    print(f"overstay_pdf / bare LongTable = {ours / bare:.2f}")


if __name__ == "__main__":
    main()
