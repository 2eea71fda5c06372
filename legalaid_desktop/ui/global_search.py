"""Ctrl+K: one box that finds people and cases as you type, wherever the user is; Enter opens the case.

Each keystroke (after a short pause) asks the database for the first few people and the first few
cases that match, the same paged searches the People and Cases screens use, so it costs what a
keystroke there costs and never reads more than a handful of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.dto import CaseFilter, CaseRow
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.lists import ListFilter, PersonLine
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.lists import list_page
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.list_audit import ListAudit
from legalaid_desktop.ui.list_screen import as_you_type

SHOWN = 6
"""People and cases shown each: enough to choose from; a longer hunt belongs on their screens."""


@dataclass(frozen=True)
class Found:
    """One line of the popup: what it says and the case it opens (None: a person with no case)."""

    text: str
    case_id: int | None
    person: str | None = None


def person_text(line: PersonLine) -> str:
    where = _("held at {facility}").format(facility=line.facility) if line.facility else _("not held")
    cases = _("{n} cases").format(n=line.cases) if line.cases != 1 else _("1 case")
    return _("Person: {name} · {cases} · {where}").format(name=line.full_name, cases=cases, where=where)


def case_text(row: CaseRow) -> str:
    where = row.facility or _("no custody recorded")
    return _("Case {ref}: {name} · {where}").format(ref=row.case_ref, name=row.full_name, where=where)


class GlobalSearch(QDialog):
    """The popup. `case_requested(case_id)` opens a case; `person_requested(name)` shows the People
    screen searched by a name that has no case of its own (a victim or witness)."""

    case_requested = Signal(int)
    person_requested = Signal(str)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self.setWindowTitle(_("Find people and cases"))
        self.setAccessibleName(_("Find people and cases"))
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(_("Type a name, case number, register or identity number…"))
        self.box.setAccessibleName(_("Find people and cases"))
        self.box.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName(_("People and cases found"))
        self.status = QLabel(_("Up and Down choose; Enter opens the case; Esc closes."), self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.resize(620, 380)
        self._debounce = as_you_type(self.box, self.search)
        self.list_audit = ListAudit(application, "search", self)
        self.box.returnPressed.connect(self.open_current)
        self.box.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.open_current())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the box move through the results, so the hands stay on the keys."""
        if watched is self.box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def search(self) -> None:
        """The first people and cases matching what is typed, read from the database."""
        self._debounce.stop()
        self.results.clear()
        text = self.box.text().strip()
        if not text:
            self.status.setText(_("Up and Down choose; Enter opens the case; Esc closes."))
            return
        try:
            people = list_page(self._app.uow(), kind="people", filters=ListFilter(search=text),
                               limit=SHOWN, now=self._clock()).rows
            cases = list_cases(self._app.uow(), filters=CaseFilter(search=text), limit=SHOWN).rows
        except DomainError as error:
            self.status.setText(describe(error)[0])
            return
        self.list_audit.shown({"search": text})
        found = [Found(person_text(x), x.case_id, x.full_name) for x in people if isinstance(x, PersonLine)]
        opened_by_person = {x.case_id for x in found}  # a client's line already opens that case
        found += [Found(case_text(x), x.case_id) for x in cases if x.case_id not in opened_by_person]
        for item in found:
            line = QListWidgetItem(item.text, self.results)
            line.setData(Qt.ItemDataRole.UserRole, item)
        if found:
            self.results.setCurrentRow(0)
            self.status.setText(_("Enter opens the case of the line chosen; Esc closes."))
        else:
            self.status.setText(_("No person or case matches “{text}”.").format(text=text))

    def done(self, result: int) -> None:
        """Closed (a case opened, or Esc): what was last searched is recorded now, not left waiting."""
        self.list_audit.record()
        super().done(result)

    def chosen(self) -> Found | None:
        item = self.results.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return found if isinstance(found, Found) else None

    def open_current(self) -> None:
        if self._debounce.isActive():  # Enter typed before the pause: search first, then open
            self.search()
        found = self.chosen()
        if found is None:
            return
        self.accept()
        if found.case_id is not None:
            self.case_requested.emit(found.case_id)
        elif found.person:
            self.person_requested.emit(found.person)
