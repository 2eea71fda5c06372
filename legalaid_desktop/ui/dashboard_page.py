"""The Dashboard screen: today's work in counts, each count a way to the list behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.lateness_words import lateness_text
from legalaid_desktop.messages import describe
from legalaid_desktop.services.dashboard import Dashboard, FacilityLine, dashboard
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.placeholder import ReadsWhenShown


def _count(n: int) -> str:
    return f"{n:,}"


class CountCard(QFrame):
    """A count in large figures, as a button to its list, with what it counts in words below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._caption_text = caption
        self.button = QPushButton("…", self)
        self.button.setFlat(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setStyleSheet("text-align: left; padding: 2px 4px; color: palette(link); "
                                  "text-decoration: underline;")
        font = QFont(self.button.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.button.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.button)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def set_count(self, n: int, *, detail: str = "") -> None:
        self.button.setText(_count(n))
        self.caption.setText(self._caption_text + (f" {detail}" if detail else ""))
        self.button.setEnabled(n > 0)
        self.button.setAccessibleName(f"{_count(n)} {self._caption_text}")
        self.button.setToolTip(_("Show them"))


class DashboardPage(ReadsWhenShown):
    """Counts of overdue and due-soon deadlines (overall and by facility), people held without a
    lawyer, requests awaiting a decision and children in custody.

    `deadlines_requested(facility or None, overdue, due_soon)` asks for the deadline list so
    filtered. Read again on F5 and, after `mark_stale` (a case was saved), when next shown.
    """

    deadlines_requested = Signal(object, bool, bool)
    custody_requested = Signal(bool, bool)
    """(without a lawyer, children): the Custody screen with those chips on."""
    requests_requested = Signal()
    """The Requests screen, awaiting a decision."""

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._stale = True
        self.data: Dashboard | None = None
        title = QLabel(_("Today's work"), self)
        big = QFont(title.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        title.setFont(big)
        self.as_of = QLabel(self)
        self.as_of.setAccessibleName(_("Counted at"))
        self.refresh_button = QPushButton(_("&Refresh"), self)
        self.refresh_button.setToolTip(_("Count again (F5)"))
        self.refresh_button.setAccessibleName(_("Count again"))
        self.refresh_button.clicked.connect(self.load)
        self.overdue = CountCard(_("deadlines overdue"), self)
        self.due_soon = CountCard(_("deadlines due soon"), self)
        self.without_lawyer = CountCard(_("people held without a lawyer"), self)
        self.requests = CountCard(_("requests awaiting a decision"), self)
        self.children_card = CountCard(_("children in custody (unknown or disputed age counts as a child)"),
                                       self)
        self.overdue.button.clicked.connect(lambda: self.deadlines_requested.emit(None, True, False))
        self.due_soon.button.clicked.connect(lambda: self.deadlines_requested.emit(None, False, True))
        self.without_lawyer.button.clicked.connect(lambda: self.custody_requested.emit(True, False))
        self.children_card.button.clicked.connect(lambda: self.custody_requested.emit(False, True))
        self.requests.button.clicked.connect(self.requests_requested)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.facility_scroll = QScrollArea(self)
        self.facility_scroll.setWidgetResizable(True)
        self.facility_scroll.setWidget(self.grid_host)
        self.facility_scroll.setAccessibleName(_("Deadlines by facility"))
        self.facility_buttons: dict[tuple[str, str], QPushButton] = {}

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)
        cards = QHBoxLayout()
        for card in (self.overdue, self.due_soon, self.without_lawyer, self.requests, self.children_card):
            cards.addWidget(card, 1)
        section = QLabel(_("Deadlines by facility — national law and the office's own deadlines, most "
                           "overdue first (UN benchmarks are on the Deadlines screen)"), self)
        section.setWordWrap(True)
        bold = QFont(section.font())
        bold.setBold(True)
        section.setFont(bold)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.message)
        layout.addWidget(section)
        layout.addWidget(self.facility_scroll, 1)

    # -- data

    def load(self) -> None:
        try:
            self.data = dashboard(self._app.uow(), now=self._clock())
        except DomainError as error:  # say why where the user is looking
            self.message.setText(describe(error)[0])
            self.message.setVisible(True)
            return
        self._stale = False
        self.message.setVisible(False)
        data = self.data
        local = data.as_of.astimezone()
        self.as_of.setText(_("Counted at {time}").format(time=f"{local:%Y-%m-%d %H:%M}"))
        self.overdue.set_count(data.overdue)
        self.due_soon.set_count(data.due_soon)
        self.without_lawyer.set_count(data.held_without_lawyer,
                                      detail=_("(of {n} held)").format(n=_count(data.held)))
        self.requests.set_count(data.requests_pending)
        self.children_card.set_count(data.children_held)
        self._fill_facilities(data.facilities)

    def _fill_facilities(self, lines: tuple[FacilityLine, ...]) -> None:
        while self.grid.count():
            taken = self.grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.facility_buttons.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for column, text in enumerate((_("Facility"), _("Overdue"), _("Longest over"), _("Due soon"))):
            label = QLabel(text, self.grid_host)
            label.setFont(bold)
            self.grid.addWidget(label, 0, column)
        if not lines:
            self.grid.addWidget(QLabel(_("No open deadlines are overdue or due soon."), self.grid_host), 1, 0,
                                1, 4)
        for row, line in enumerate(lines, start=1):
            name = QLabel(line.facility, self.grid_host)
            self.grid.addWidget(name, row, 0)
            for column, kind, n in ((1, "overdue", line.overdue), (3, "due_soon", line.due_soon)):
                words = (_("{n} overdue") if kind == "overdue" else _("{n} due soon")).format(n=_count(n))
                button = QPushButton(words, self.grid_host)
                button.setEnabled(n > 0)
                button.setAccessibleName(_("{words} at {facility}").format(
                    words=words, facility=line.facility))
                button.setToolTip(_("Show them in the Deadlines screen"))
                button.clicked.connect(lambda _c=False, f=line.facility, k=kind:
                                       self.deadlines_requested.emit(f, k == "overdue", k == "due_soon"))
                self.facility_buttons[(line.facility, kind)] = button
                self.grid.addWidget(button, row, column)
            worst = line.worst_days_over
            text = "" if worst is None else lateness_text(worst, line.worst_hours_over)
            self.grid.addWidget(QLabel(text, self.grid_host), row, 2)
        self.grid.setColumnStretch(0, 1)
        self.grid.setRowStretch(len(lines) + 1, 1)

