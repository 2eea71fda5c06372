"""The deadline list as CSV: every row the filter selects, a page at a time, formulas made harmless."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from legalaid_desktop.i18n import _
from legalaid_desktop.services.dashboard import DeadlineItem, Key
from legalaid_desktop.services.spreadsheet import safe_cell
from legalaid_desktop.ui.deadline_model import HEADERS, cell_text

CSV_COLUMNS = (*HEADERS, "Days over", "Rule")
EXPORT_PAGE = 2000


def write_csv(path: Path, fetch: Callable[[Key | None], list[DeadlineItem]], *,
              progress: Callable[[int], object] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Write the rows `fetch` pages through; a stop leaves the file with the rows written so far."""
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # the BOM: Excel reads it as UTF-8
        writer = csv.writer(out)
        writer.writerow([_(h) for h in CSV_COLUMNS])
        after: Key | None = None
        while True:
            page = fetch(after)
            for item in page:
                writer.writerow([safe_cell(cell_text(item, c)) for c in range(len(HEADERS))]
                                + [item.days_over, safe_cell(item.rule or "")])
            written += len(page)
            if progress is not None:
                progress(written)
            if not page or len(page) < EXPORT_PAGE or (cancelled is not None and cancelled()):
                return written
            after = page[-1].key
