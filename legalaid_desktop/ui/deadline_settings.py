"""The deadlines section of Settings: how early a deadline counts as due soon (dated lead times) and the
days a jurisdiction's courts are closed. Either change recomputes every stored deadline, on a worker
thread, so the screen stays usable meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.deadlines import KINDS
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.deadlines import (
    BENCHMARK,
    DEFAULT_LEAD_COURT_DAYS,
    LEAD_KEY,
    ClosureDay,
    add_closure,
    list_closures,
    remove_closure,
)
from legalaid_desktop.services.settings import SettingValue, list_settings, set_setting
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem
from legalaid_desktop.ui.form_fields import date_edit, picked
from legalaid_desktop.ui.rows_model import Column, RowsModel
from legalaid_desktop.ui.worker import Worker

log = logging.getLogger(__name__)
ALL_KINDS = ""


def _kind_of(setting: SettingValue) -> str:
    kind = setting.key[len(LEAD_KEY) + 1:] if setting.key != LEAD_KEY else ""
    return kind.replace("_", " ") if kind else _("every kind")


LEAD_COLUMNS = (
    Column("From", lambda s: s.effective_from.isoformat(), sort=lambda s: s.effective_from),
    Column("Deadline kind", _kind_of),
    Column("Jurisdiction", lambda s: s.jurisdiction_code or _("all")),
    Column("Court days before", lambda s: s.value, sort=lambda s: int(s.value), align_right=True),
)
CLOSURE_COLUMNS = (
    Column("Jurisdiction", lambda c: c.jurisdiction_code),
    Column("Day", lambda c: c.day.isoformat(), sort=lambda c: c.day),
    Column("Reason", lambda c: c.reason),
)



def _table(parent: QWidget, name: str, model: RowsModel) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(110)
    return table


class DeadlineSettingsPanel(QWidget):
    """Lead times and court closures; a change is saved, then every deadline is recomputed off the
    GUI thread (the list of deadlines follows once that is done)."""

    def __init__(self, application: Application, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 worker: Worker | None = None, on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._on_changed = on_changed
        self.worker = worker or Worker(self)
        today = clock().date()
        codes = sorted(c for c in application.deadline_book.rule_sets if c != BENCHMARK)

        # -- lead times
        lead_box = QGroupBox(_("When a deadline counts as due soon"), self)
        self.lead_days = QSpinBox(lead_box)
        self.lead_days.setRange(0, 60)
        self.lead_days.setValue(DEFAULT_LEAD_COURT_DAYS)
        self.lead_days.setSuffix(_(" court days before"))
        self.lead_days.setAccessibleName(_("Lead time in court days"))
        self.lead_kind = QComboBox(lead_box)
        self.lead_kind.setAccessibleName(_("Deadline kind the lead time is for"))
        self.lead_kind.addItem(_("Every kind of deadline"), ALL_KINDS)
        for kind in KINDS:
            self.lead_kind.addItem(kind.replace("_", " "), kind)
        self.lead_from = date_edit(lead_box, _("Lead time takes effect from"), today)
        self.lead_save = QPushButton(_("Set the lead &time"), lead_box)
        self.lead_save.clicked.connect(self.set_lead)
        self.lead_problem = error_label(lead_box, _("Lead time"))
        self.leads = RowsModel(LEAD_COLUMNS, self)
        self.lead_table = _table(lead_box, _("Lead times set"), self.leads)
        lead_form = QFormLayout()
        lead_form.addRow(_("Due s&oon from:"), self.lead_days)
        lead_form.addRow(_("For &kind:"), self.lead_kind)
        lead_form.addRow(_("Taking &effect on:"), self.lead_from)
        lead_layout = QVBoxLayout(lead_box)
        lead_layout.addWidget(note(lead_box, _("Without a value set here, a deadline is due soon {n} court "
                                               "days before it falls.").format(n=DEFAULT_LEAD_COURT_DAYS)))
        lead_layout.addLayout(lead_form)
        lead_layout.addWidget(self.lead_save)
        lead_layout.addWidget(self.lead_problem)
        lead_layout.addWidget(self.lead_table, 1)

        # -- court closures
        closure_box = QGroupBox(_("Days the courts are closed"), self)
        self.jurisdiction = QComboBox(closure_box)
        self.jurisdiction.setAccessibleName(_("Jurisdiction of the closure"))
        self.jurisdiction.addItems(codes)
        self.closure_day = date_edit(closure_box, _("Day the courts are closed"), today)
        self.reason = QLineEdit(closure_box)
        self.reason.setAccessibleName(_("Reason for the closure"))
        self.reason.setPlaceholderText(_("Such as: public holiday declared, court strike"))
        self.closure_add = QPushButton(_("&Add the closure"), closure_box)
        self.closure_add.clicked.connect(self.add_closure)
        self.closure_remove = QPushButton(_("&Remove the selected closure"), closure_box)
        self.closure_remove.clicked.connect(self.remove_closure)
        self.closure_problem = error_label(closure_box, _("Court closure"))
        self.closures = RowsModel(CLOSURE_COLUMNS, self)
        self.closure_table = _table(closure_box, _("Court closures"), self.closures)
        closure_form = QFormLayout()
        closure_form.addRow(_("&Jurisdiction:"), self.jurisdiction)
        closure_form.addRow(_("Da&y:"), self.closure_day)
        closure_form.addRow(_("Reaso&n:"), self.reason)
        closure_buttons = QHBoxLayout()
        closure_buttons.addWidget(self.closure_add)
        closure_buttons.addWidget(self.closure_remove)
        closure_buttons.addStretch(1)
        closure_layout = QVBoxLayout(closure_box)
        closure_layout.addWidget(note(closure_box, _("Public holidays are known already; add the days "
                                                     "courts close besides them.")))
        closure_layout.addLayout(closure_form)
        closure_layout.addLayout(closure_buttons)
        closure_layout.addWidget(self.closure_problem)
        closure_layout.addWidget(self.closure_table, 1)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(_("Recomputing deadlines"))
        self.busy.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("Deadline settings outcome"))
        boxes = QHBoxLayout()
        boxes.addWidget(lead_box, 1)
        boxes.addWidget(closure_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(boxes, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome)
        self._buttons: tuple[QPushButton, ...] = (self.lead_save, self.closure_add, self.closure_remove)

    def read_only(self, why: str) -> None:
        """For a role that may not change them: the lists stay, the changes are not offered."""
        for button in self._buttons:
            button.setEnabled(False)
            button.setToolTip(why)
        self._buttons = ()
        self.outcome.setText(why)

    def load(self) -> None:
        try:
            settings = [s for s in list_settings(self._app.uow()) if s.key.startswith(LEAD_KEY)]
            closures = list_closures(self._app.uow())
        except DomainError as error:
            self.outcome.setText("⚠ " + describe(error)[0])
            return
        self.leads.set_rows(sorted(settings, key=lambda s: s.effective_from, reverse=True))
        self.closures.set_rows(sorted(closures, key=lambda c: (c.day, c.jurisdiction_code), reverse=True))

    # -- changes, each followed by a recompute off the GUI thread

    def _run(self, what: str, work: Callable[[], Any], problem: QWidget, done_text: str) -> None:
        for button in self._buttons:
            button.setEnabled(False)
        self.busy.show()
        self.outcome.setText(_("{what}: bringing every custody deadline up to date… you can go on "
                               "working meanwhile.").format(what=what))

        def finish() -> None:
            for button in self._buttons:
                button.setEnabled(True)
            self.busy.hide()

        def done(_result: object) -> None:
            finish()
            self.outcome.setText("✓ " + done_text)
            self.load()
            if self._on_changed is not None:
                self._on_changed()

        def failed(error: BaseException) -> None:
            finish()
            self.outcome.clear()
            if isinstance(error, DomainError):
                assert isinstance(problem, QLabel)
                show_problem(problem, describe(error)[0])
            else:
                log.error("%s failed", what, exc_info=error)
                self.outcome.setText(_("⚠ {what} failed because of a fault in the program; it is recorded "
                                       "in the log. Nothing was changed.").format(what=what))

        self.worker.start(lambda _ticket: work(), on_done=done, on_error=failed)

    def set_lead(self) -> None:
        clear_problem(self.lead_problem)
        kind = str(self.lead_kind.currentData())
        key = f"{LEAD_KEY}.{kind}" if kind else LEAD_KEY
        days, start = self.lead_days.value(), picked(self.lead_from)
        self._run(_("Lead time"), lambda: set_setting(
            self._app.uow(), key=key, value=str(days), effective_from=start,
            book=self._app.deadline_book), self.lead_problem,
            _("Deadlines are due soon {n} court days before they fall ({kind}), from {day}.").format(
                n=days, kind=self.lead_kind.currentText(), day=start.isoformat()))

    def add_closure(self) -> None:
        clear_problem(self.closure_problem)
        reason = self.reason.text().strip()
        if not reason:
            show_problem(self.closure_problem, _("Give the reason the courts are closed (it is shown with "
                                                 "every deadline it moves)."))
            self.reason.setFocus()
            return
        code, day = self.jurisdiction.currentText(), picked(self.closure_day)
        self._run(_("Court closure"), lambda: add_closure(
            self._app.uow(), self._app.deadline_book, jurisdiction_code=code, day=day, reason=reason),
            self.closure_problem, _("Courts in {code} closed on {day}: deadlines recomputed.").format(
                code=code, day=day.isoformat()))

    def remove_closure(self) -> None:
        clear_problem(self.closure_problem)
        rows = self.closure_table.selectionModel().selectedRows()
        closure = self.closures.row_at(rows[0].row()) if rows else None
        if not isinstance(closure, ClosureDay):
            show_problem(self.closure_problem, _("Select the closure to remove in the list first."))
            return
        self._run(_("Court closure removed"), lambda: remove_closure(
            self._app.uow(), self._app.deadline_book, jurisdiction_code=closure.jurisdiction_code,
            day=closure.day), self.closure_problem,
            _("The closure of {day} in {code} is removed: deadlines recomputed.").format(
                day=closure.day.isoformat(), code=closure.jurisdiction_code))
