"""The People screen: everyone known to the office, with age and child flag, cases and where held."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.lists import ListFilter, PersonLine
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_screen import AskPath, ListScreen, _ask_csv_path
from legalaid_desktop.ui.paged_model import DbColumn, words


def age_text(line: PersonLine) -> str:
    """"15 · child", "~30 (estimated)", "disputed · child": a child is said in words."""
    if line.age is None:
        age = _("unknown")
    elif line.age_estimated:
        age = _("~{n} (estimated)").format(n=line.age)
    else:
        age = str(line.age)
    if line.age_disputed:
        age = _("{age}, disputed").format(age=age)
    return _("{age} · child").format(age=age) if line.child else age


def _age_tooltip(line: PersonLine) -> str | None:
    if line.child and (line.age is None or line.age_disputed):
        return _("Treated as a child: an unknown or disputed age gives the benefit of the doubt")
    if line.date_of_birth is not None:
        return _("Born {day}").format(day=line.date_of_birth.isoformat())
    return None


class PeoplePage(ListScreen):
    """Every person (clients, and the victims and witnesses of their cases), by name."""

    kind = "people"

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(application, parent, clock=clock, ask_path=ask_path)
        self.search.setPlaceholderText(_("Search names, identity numbers, case or register numbers…"))
        self.held = self.add_chip(_("&Held now"), _("Show only people held now"))
        self.only_children = self.add_chip(_("&Children"), _("Show only children (age unknown or disputed "
                                                        "counts as a child)"))
        self.duplicates = self.add_chip(_("Possible &duplicates"),
                                        _("Show only people flagged as possibly the same as another"))
        self.facility = self.add_combo(_("Held a&t:"), _("Facility where held now"))
        self.chips.addStretch(1)
        self.hint.setText(_("Enter or double-click opens the person's newest case. Click a column title "
                            "to sort; right-click it to choose columns. F5 reads the list again."))

    def title(self) -> str:
        return _("People")

    def count_text(self, total: int) -> str:
        return ngettext("{n} person", "{n} people", total).format(n=f"{total:,}")

    def columns(self) -> Sequence[DbColumn]:
        return (
            DbColumn("name", _("Name"), lambda x: x.full_name, sort="name",
                     tooltip=lambda x: _("Also known as {names}").format(names=x.other_names)
                     if x.other_names else None),
            DbColumn("sex", _("Sex"), lambda x: words(x.sex), sort="sex"),
            DbColumn("age", _("Age"), age_text, sort="date_of_birth", raw=lambda x: x.age,
                     tooltip=_age_tooltip, flipped=True),
            DbColumn("born", _("Date of birth"),
                     lambda x: x.date_of_birth.isoformat() if x.date_of_birth else "",
                     sort="date_of_birth", hidden=True),
            DbColumn("identity", _("Identity no."), lambda x: x.identity_number or "",
                     sort="identity_number", ltr=True),
            DbColumn("other", _("Other names"), lambda x: x.other_names or "", hidden=True),
            DbColumn("cases", _("Cases"), lambda x: f"{x.cases:,}", sort="cases", raw=lambda x: x.cases,
                     align_right=True),
            DbColumn("facility", _("Held at"), lambda x: x.facility or _("not held"), sort="facility"),
            DbColumn("duplicate", _("Possible duplicate"),
                     lambda x: _("yes") if x.possible_duplicate_of else "", hidden=True,
                     tooltip=lambda x: _("Flagged as possibly the same person as another record")
                     if x.possible_duplicate_of else None),
        )

    def column_width(self, name: str) -> int:
        return {"name": 220, "sex": 70, "age": 120, "born": 100, "identity": 170, "other": 160,
                "cases": 60, "facility": 200, "duplicate": 120}[name]

    def case_of(self, row: Any) -> int | None:
        return row.case_id if isinstance(row, PersonLine) else None

    def no_case_text(self, row: Any) -> str:
        return _("{name} is not the client of any case (a victim or witness, perhaps).").format(
            name=row.full_name)

    def refresh_choices(self) -> None:
        self.fill_facilities(self.facility)

    def current_filters(self) -> ListFilter:
        facility = self.facility.currentData()
        return ListFilter(search=self.search_text(), held=self.held.isChecked(),
                          child=self.only_children.isChecked(), duplicates=self.duplicates.isChecked(),
                          facility=facility if isinstance(facility, str) else None)
