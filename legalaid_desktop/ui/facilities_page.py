"""The Facilities screen: each facility with its people held, overdue deadlines and people without a
lawyer; a row opens the Custody screen at that facility."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.lists import FacilitySummary, ListFilter
from legalaid_desktop.domain.vocab import FacilityKind
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_screen import AskPath, ListScreen, _ask_csv_path
from legalaid_desktop.ui.paged_model import DbColumn, state_icon, words
from legalaid_desktop.ui.rows_model import RowRole


def overdue_text(line: FacilitySummary) -> str:
    return _("{n} overdue").format(n=f"{line.overdue:,}") if line.overdue else _("none")


class FacilitiesPage(ListScreen):
    """Facilities by name; Enter or a double-click lists the people held there (Custody screen).

    `custody_requested(facility, overdue, unrepresented)` asks the main window for that list.
    """

    kind = "facilities"
    custody_requested = Signal(str, bool, bool)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(application, parent, clock=clock, ask_path=ask_path)
        self.search.setPlaceholderText(_("Search facility names and regions…"))
        self.overdue = self.add_chip(_("With &overdue"), _("Show only facilities with overdue deadlines"))
        self.unrepresented = self.add_chip(_("With people &without a lawyer"),
                                           _("Show only facilities holding people without a lawyer"))
        self.facility_kind = self.add_combo(_("&Kind:"), _("Kind of facility"),
                                            [(_("Any kind"), None)] + [(words(k.value), k.value)
                                                                       for k in FacilityKind])
        self.chips.addStretch(1)
        self.hint.setText(_("Enter or double-click lists the people held there. Overdue counts open "
                            "national-law deadlines, as the dashboard does. F5 reads the list again."))

    def title(self) -> str:
        return _("Facilities")

    def count_text(self, total: int) -> str:
        return ngettext("{n} facility", "{n} facilities", total).format(n=f"{total:,}")

    def columns(self) -> Sequence[DbColumn]:
        return (
            DbColumn("name", _("Facility"), lambda x: x.name, sort="name", tooltip=lambda x: x.name),
            DbColumn("kind", _("Kind"), lambda x: words(x.kind), sort="kind"),
            DbColumn("region", _("Region"), lambda x: x.region or "", sort="region"),
            DbColumn("held", _("People held"), lambda x: f"{x.held:,}", sort="held", raw=lambda x: x.held,
                     align_right=True),
            DbColumn("unrepresented", _("Without a lawyer"), lambda x: f"{x.unrepresented:,}",
                     sort="unrepresented", raw=lambda x: x.unrepresented, align_right=True),
            DbColumn("overdue", _("Overdue deadlines"), overdue_text, sort="overdue",
                     raw=lambda x: x.overdue, icon=lambda x: state_icon("overdue" if x.overdue else None)),
        )

    def column_width(self, name: str) -> int:
        return {"name": 230, "kind": 110, "region": 120, "held": 90, "unrepresented": 130,
                "overdue": 130}[name]

    def row_state(self, row: Any) -> str | None:
        return "overdue" if isinstance(row, FacilitySummary) and row.overdue else None

    def current_filters(self) -> ListFilter:
        kind = self.facility_kind.currentData()
        return ListFilter(search=self.search_text(), overdue=self.overdue.isChecked(),
                          unrepresented=self.unrepresented.isChecked(),
                          status=kind if isinstance(kind, str) else None)

    def open_row(self, index: QModelIndex) -> None:
        row = self.model.data(index, RowRole)
        if isinstance(row, FacilitySummary):
            self.custody_requested.emit(row.name, self.overdue.isChecked(), self.unrepresented.isChecked())
