"""The Providers screen: lawyers, paralegals and law students with their languages, specialisms,
facilities covered, active cases against capacity and availability today."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.lists import ListFilter, ProviderLine
from legalaid_desktop.domain.vocab import ProviderKind
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_screen import AskPath, ListScreen, _ask_csv_path
from legalaid_desktop.ui.paged_model import DbColumn, state_icon, words


def load_text(line: ProviderLine) -> str:
    """Short enough to stay whole in a narrow window: "12 of 35", "38 of 35 (over)"."""
    text = _("{n} of {cap}").format(n=line.active_cases, cap=line.capacity)
    return _("{load} (over)").format(load=text) if line.active_cases > line.capacity else text


def load_tooltip(line: ProviderLine) -> str:
    text = ngettext("{n} active case against a capacity of {cap}", "{n} active cases against a capacity "
                    "of {cap}", line.active_cases).format(n=line.active_cases, cap=line.capacity)
    return _("{load}: over capacity").format(load=text) if line.active_cases > line.capacity else text


def availability_text(line: ProviderLine) -> str:
    if not line.active:
        return _("inactive")
    if line.available:
        return _("available")
    if line.unavailable_until is not None:
        return _("away until {day}").format(day=line.unavailable_until.isoformat())
    return _("away")


class ProvidersPage(ListScreen):
    """Providers by name; a provider over capacity says so in words beside its row colour."""

    kind = "providers"

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(application, parent, clock=clock, ask_path=ask_path)
        self.search.setPlaceholderText(_("Search names, languages, specialisms…"))
        self.available = self.add_chip(_("&Available now"), _("Show only providers active and not away"))
        self.provider_kind = self.add_combo(_("&Kind:"), _("Kind of provider"),
                                            [(_("Any kind"), None)] + [(words(k.value), k.value)
                                                                       for k in ProviderKind])
        self.facility = self.add_combo(_("Co&vers:"), _("Facility covered"))
        self.chips.addStretch(1)
        self.hint.setText(_("Active cases are open cases assigned and not ended, against the provider's "
                            "capacity (\"over\": more than it). Click a column title to sort; right-click "
                            "it to choose columns."))

    def title(self) -> str:
        return _("Providers")

    def count_text(self, total: int) -> str:
        return ngettext("{n} provider", "{n} providers", total).format(n=f"{total:,}")

    def columns(self) -> Sequence[DbColumn]:
        # Who, what kind, load and availability (what an assignment needs) stay whole at 1024 pixels;
        # facilities, languages and specialisms shrink there, whole in their tooltips.
        return (
            DbColumn("name", _("Name"), lambda x: x.full_name, sort="name", tooltip=lambda x: x.full_name),
            DbColumn("kind", _("Kind"), lambda x: words(x.kind), sort="kind",
                     tooltip=lambda x: words(x.kind)),
            DbColumn("load", _("Active cases"), load_text, sort="load", raw=lambda x: x.active_cases,
                     icon=lambda x: state_icon(self.row_state(x)), tooltip=load_tooltip),
            DbColumn("available", _("Availability"), availability_text, sort="available",
                     tooltip=availability_text),
            DbColumn("facilities", _("Facilities covered"), lambda x: x.facilities, sort="facilities",
                     tooltip=lambda x: x.facilities or None),
            DbColumn("languages", _("Languages"), lambda x: x.languages or "", sort="languages",
                     tooltip=lambda x: x.languages or None),
            DbColumn("specialisms", _("Specialisms"), lambda x: x.specialisms or "", sort="specialisms",
                     tooltip=lambda x: x.specialisms or None),
        )

    def column_width(self, name: str) -> int:
        return {"name": 185, "kind": 90, "load": 130, "available": 145, "facilities": 220,
                "languages": 160, "specialisms": 200}[name]

    def keeps_whole(self, column: DbColumn) -> bool:
        return column.name in ("name", "kind", "load", "available") or super().keeps_whole(column)

    def row_state(self, row: Any) -> str | None:
        over = isinstance(row, ProviderLine) and row.active_cases > row.capacity
        return "soon" if over else None

    def no_case_text(self, row: Any) -> str:
        return _("A provider has many cases: the Cases screen finds them; Assignments in a case "
                 "changes who acts.")

    def refresh_choices(self) -> None:
        self.fill_facilities(self.facility)

    def current_filters(self) -> ListFilter:
        kind, facility = self.provider_kind.currentData(), self.facility.currentData()
        return ListFilter(search=self.search_text(), available=self.available.isChecked(),
                          status=kind if isinstance(kind, str) else None,
                          facility=facility if isinstance(facility, str) else None)
