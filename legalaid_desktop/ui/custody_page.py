"""The Custody screen: who is held where, for how long, their next deadline and their lawyer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.lists import CustodyLine, ListFilter
from legalaid_desktop.domain.vocab import CustodyStatus
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.lateness_words import lateness_text
from legalaid_desktop.ui.case_text import priority_choices
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_screen import AskPath, ListScreen, _ask_csv_path
from legalaid_desktop.ui.paged_model import DbColumn, state_icon, words


def state_of(line: CustodyLine) -> str | None:
    if line.overdue:
        return "overdue"
    return "soon" if line.due_soon else None


def next_deadline_text(line: CustodyLine) -> str:
    """"537 days over · custody time limit", "due soon, in 2 days · first appearance": the words say
    what the row's colour and icon say."""
    if line.next_due is None or line.days_over is None:
        return _("none open")
    when = lateness_text(line.days_over, line.hours_over if line.overdue else None)
    if line.due_soon and not line.overdue:
        when = _("due soon, {when}").format(when=when)
    return f"{when} · {line.next_limit}" if line.next_limit else when


def person_text(line: CustodyLine) -> str:
    """The name, and whether a child (whole in the tooltip where a narrow window cuts it short)."""
    return line.full_name + (_(" · child") if line.child else "")


def _due_tooltip(line: CustodyLine) -> str | None:
    if line.next_due is None:
        return _("No open deadline under national law or added by hand")
    return _("{limit}: due {due:%A %Y-%m-%d %H:%M} (the facility's local time)").format(
        limit=line.next_limit or "", due=line.next_due)


class CustodyPage(ListScreen):
    """People in custody (each case's newest spell), held now by default, most recent chips kept."""

    kind = "custody"
    import_requested = Signal()

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now, ask_path: AskPath = _ask_csv_path) -> None:
        super().__init__(application, parent, clock=clock, ask_path=ask_path)
        self.search.setPlaceholderText(_("Search names, case numbers, register numbers…"))
        self.held = self.add_chip(_("&Held now"), _("Show only people held now"), checked=True)
        self.overdue = self.add_chip(_("&Overdue"), _("Show only people held past a time limit"))
        self.unrepresented = self.add_chip(_("&No lawyer"), _("Show only people held without a lawyer"))
        self.only_children = self.add_chip(_("&Children"), _("Show only children (age unknown or disputed "
                                                        "counts as a child)"))
        self.facility = self.add_combo(_("Faci&lity:"), _("Facility"))
        self.status = self.add_combo(_("S&tatus:"), _("Custody status"),
                                     [(_("Any status"), None)] + [(words(s.value), s.value)
                                                                  for s in CustodyStatus])
        self.group = self.add_combo(_("Priority &group:"), _("Priority group (UN Principle 10)"),
                                    priority_choices(), beside_search=True)
        self.group.setToolTip(_("Only people recorded in this priority group (UN Principle 10)"))
        self.chips.addStretch(1)
        # A facility's register brings its detainees here (the screens hide what a role cannot use).
        self.import_button = QPushButton(_("&Import register…"), self)
        self.import_button.setAccessibleName(_("Import a facility register"))
        self.import_button.setToolTip(_("Add or update the people held at a facility from its register "
                                        "(CSV or XLSX); checked before anything is saved"))
        self.import_button.setVisible(can(application.principal, Permission.IMPORT_REGISTERS))
        self.import_button.clicked.connect(self.import_requested)
        self.top.insertWidget(self.top.indexOf(self.export_button), self.import_button)
        self.hint.setText(_("Enter or double-click opens the case. Click a column title to sort; "
                            "right-click it to choose columns. F5 reads the list again."))

    def title(self) -> str:
        return _("Custody")

    def count_text(self, total: int) -> str:
        if self.held.isChecked():
            words_ = ngettext("{n} person held now", "{n} people held now", total)
        else:
            words_ = ngettext("{n} person, held or released", "{n} people, held or released", total)
        return words_.format(n=f"{total:,}")

    def columns(self) -> Sequence[DbColumn]:
        # What a paralegal acts on first (the deadline, the lawyer) stays in sight at 1024 pixels.
        return (
            DbColumn("person", _("Person"), person_text, sort="name", tooltip=person_text),
            DbColumn("next", _("Next deadline"), next_deadline_text, sort="next_due",
                     raw=lambda x: x.days_over, tooltip=_due_tooltip,
                     icon=lambda x: state_icon(state_of(x))),
            DbColumn("days", _("Days held"),
                     lambda x: "" if x.days_in_custody is None else f"{x.days_in_custody:,}",
                     sort="start", raw=lambda x: x.days_in_custody, align_right=True, flipped=True),
            DbColumn("lawyer", _("Lawyer"), lambda x: x.lawyer or _("No lawyer"), sort="lawyer",
                     tooltip=lambda x: x.lawyer or None),
            DbColumn("facility", _("Facility"), lambda x: x.facility, sort="facility",
                     tooltip=lambda x: x.facility or None),
            DbColumn("register", _("Register no."), lambda x: x.register_number or "",
                     sort="register_number", ltr=True, tooltip=lambda x: x.register_number or None),
            DbColumn("status", _("Status"), lambda x: words(x.status), sort="status"),
            DbColumn("case", _("Case"), lambda x: x.case_ref or "", sort="case_ref", ltr=True, hidden=True),
        )

    def column_width(self, name: str) -> int:
        return {"person": 180, "next": 270, "days": 70, "lawyer": 150, "facility": 210,
                "register": 150, "status": 80, "case": 120}[name]

    def row_state(self, row: Any) -> str | None:
        return state_of(row)

    def case_of(self, row: Any) -> int | None:
        return row.case_id if isinstance(row, CustodyLine) else None

    def no_case_text(self, row: Any) -> str:
        return _("This custody spell has no case to open.")

    def refresh_choices(self) -> None:
        self.fill_facilities(self.facility)

    def current_filters(self) -> ListFilter:
        facility, status = self.facility.currentData(), self.status.currentData()
        return ListFilter(search=self.search_text(), held=self.held.isChecked(),
                          overdue=self.overdue.isChecked(), unrepresented=self.unrepresented.isChecked(),
                          child=self.only_children.isChecked(),
                          facility=facility if isinstance(facility, str) else None,
                          status=status if isinstance(status, str) else None,
                          priority_group=self.group.currentData() or None)

    def show_facility(self, facility: str | None, *, overdue: bool = False,
                      unrepresented: bool = False, child: bool = False) -> None:
        """List the people held at one facility, or everywhere (the Facilities screen's rows and the
        dashboard's counts lead here)."""
        if self._stale:
            self.load()

        def choose() -> None:
            self.search.clear()
            self.held.setChecked(True)
            self.overdue.setChecked(overdue)
            self.unrepresented.setChecked(unrepresented)
            self.only_children.setChecked(child)
            self.status.setCurrentIndex(0)
            self.facility.setCurrentIndex(max(self.facility.findData(facility), 0) if facility else 0)

        self._debounce.stop()
        self.set_quietly(choose)
        self._debounce.stop()
