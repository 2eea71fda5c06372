"""The backups section of Settings: the last good backup, the folder (a USB drive), the schedule and how
many to keep, and Back up now. The backup itself runs on a worker thread (ui.backup_scheduler)."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.backup_schedule import MAX_KEEP, SCHEDULES, BackupPlan, BackupStatus, save_plan
from legalaid_desktop.services.integrity_watch import IntegrityStatus, integrity_status
from legalaid_desktop.ui.backup_scheduler import BackupDone, BackupScheduler, last_backup_text
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import (
    ERROR_STYLE,
    NOTE_STYLE,
    clear_problem,
    error_label,
    note,
    show_problem,
    with_message,
)
from legalaid_desktop.ui.form_fields import labelled
from legalaid_desktop.ui.integrity_check import last_check_text
from legalaid_desktop.ui.recovery_key_dialog import AskPath, RecoveryKeyDialog, may_keep_recovery_key

SCHEDULE_NAMES = {"off": "Only when I click Back up now", "daily": "Every day", "weekly": "Every week"}
AskFolder = Callable[[QWidget, str], str | None]


def _ask_folder(parent: QWidget, start: str) -> str | None:
    chosen = QFileDialog.getExistingDirectory(parent, _("Folder for backups (a USB drive, say)"), start)
    return chosen or None


class BackupPanel(QWidget):
    """What a coordinator needs to keep the office's data safe from a disk failure or a lost laptop;
    the last background integrity check; the recovery key (administrators of an encrypted database).
    `recovery_key_kept()`: a copy of the recovery key was kept."""

    recovery_key_kept = Signal()

    def __init__(self, application: Application, scheduler: BackupScheduler, parent: QWidget | None = None,
                 *, clock: Clock = utc_now, ask_folder: AskFolder = _ask_folder) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self._ask_folder = ask_folder
        self.scheduler = scheduler

        self.last = QLabel(self)
        self.last.setWordWrap(True)
        self.last.setAccessibleName(_("Last good backup"))
        self.last.setStyleSheet("font-weight: 600;")
        self.where = note(self, "")
        self.where.setAccessibleName(_("Where the last backup is"))

        self.folder = QLineEdit(self)
        self.folder.setAccessibleName(_("Backup folder"))
        self.folder.setPlaceholderText(_("A folder on a USB drive or another disk"))
        self.choose = QPushButton(_("C&hoose…"), self)
        self.choose.setAccessibleName(_("Choose the backup folder"))
        self.choose.clicked.connect(self.choose_folder)
        self.folder_problem = error_label(self, _("Backup folder"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)

        self.schedule = QComboBox(self)
        self.schedule.setAccessibleName(_("Backup schedule"))
        for key in SCHEDULES:
            self.schedule.addItem(_(SCHEDULE_NAMES[key]), key)
        self.keep_daily = QSpinBox(self)
        self.keep_daily.setRange(1, MAX_KEEP)
        self.keep_daily.setAccessibleName(_("Daily backups to keep"))
        self.keep_daily.setSuffix(_(" days"))
        self.keep_weekly = QSpinBox(self)
        self.keep_weekly.setRange(1, MAX_KEEP)
        self.keep_weekly.setAccessibleName(_("Weekly backups to keep"))
        self.keep_weekly.setSuffix(_(" weeks"))
        self.plan_problem = error_label(self, _("Backup plan"))

        form = QFormLayout()
        form.addRow(labelled(_("F&older:"), self, self.folder),
                    with_message(self._wrap(folder_row), self.folder_problem))
        form.addRow(_("&Schedule:"), self.schedule)
        keep = labelled(_("&Keep the newest backup of each of the last:"), self, self.keep_daily)
        keep.setWordWrap(True)
        form.addRow(keep, self._pair())

        self.save = QPushButton(_("Sa&ve the plan"), self)
        self.save.setAccessibleName(_("Save the backup plan"))
        self.save.clicked.connect(self.save_plan)
        self.now = QPushButton(_("Back up &now"), self)
        self.now.setAccessibleName(_("Back up now"))
        self.now.clicked.connect(self.back_up_now)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(_("Backing up"))
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("Backup outcome"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.now)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)

        self.integrity = note(self, last_check_text(None))
        self.integrity.setAccessibleName(_("Last integrity check"))
        self.recovery = QPushButton(_("Recovery &key…"), self)
        self.recovery.setAccessibleName(_("Recovery key of the database"))
        self.recovery.setToolTip(_("Save the key that opens this database on a new computer"))
        self.recovery.clicked.connect(lambda: self.show_recovery_key())
        self.recovery.setVisible(may_keep_recovery_key(application))
        buttons.addWidget(self.recovery)

        layout = QVBoxLayout(self)
        layout.addWidget(self.last)
        layout.addWidget(self.where)
        layout.addWidget(self.integrity)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.plan_problem)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addWidget(note(self, _(
            "A backup is a checked copy of the whole database, made while you work. It is encrypted "
            "with the database's key when the database is encrypted: keep the recovery key apart from "
            "the drive. To put a backup back: legalaid restore FILE (the database it replaces is kept).")))
        layout.addStretch(1)

        scheduler.status_changed.connect(self.show_status)
        scheduler.started.connect(self._started)
        scheduler.finished.connect(self._finished)
        scheduler.failed.connect(self._failed)

    def _wrap(self, row: QHBoxLayout) -> QWidget:
        holder = QWidget(self)
        row.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(row)
        return holder

    def _pair(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_daily)
        row.addWidget(QLabel(_("and of each of the last"), holder))
        row.addWidget(self.keep_weekly)
        row.addStretch(1)
        return holder

    def read_only(self, why: str) -> None:
        """For a role that may not change the plan or back up: the status stays, the changes go."""
        for widget in (self.folder, self.choose, self.schedule, self.keep_daily, self.keep_weekly,
                       self.save, self.now):
            widget.setEnabled(False)
        self.outcome.setText(why)

    # -- showing

    def load(self) -> None:
        status = self.scheduler.refresh()
        if status is not None:
            self.show_plan(status.plan)
        try:
            self.show_integrity(integrity_status(self._app.uow()))
        except DomainError as error:
            self.integrity.setText(describe(error)[0])

    def show_plan(self, plan: BackupPlan) -> None:
        self.folder.setText(plan.folder or "")
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(plan.schedule)))
        self.keep_daily.setValue(plan.keep_daily)
        self.keep_weekly.setValue(plan.keep_weekly)

    def show_integrity(self, status: IntegrityStatus) -> None:
        self.integrity.setText(last_check_text(status))
        self.integrity.setStyleSheet(ERROR_STYLE if status.problem else NOTE_STYLE)

    def show_recovery_key(self, ask_path: AskPath | None = None) -> RecoveryKeyDialog:
        """The recovery key dialog (administrators of an encrypted database; the services check it)."""
        dialog = RecoveryKeyDialog(self._app, self.window(), clock=self._clock, ask_path=ask_path)
        dialog.kept_changed.connect(lambda _kept: self.recovery_key_kept.emit())
        dialog.open()
        return dialog

    def show_status(self, status: BackupStatus) -> None:
        text, warn = last_backup_text(status, self._clock())
        if status.last_at is None:
            text = _("⚠ No backup of this database has been made yet. Choose a folder and click Back up now.")
        self.last.setText(text)
        self.last.setStyleSheet(("font-weight: 600; " + ERROR_STYLE) if warn else "font-weight: 600;")
        self.where.setText(_("Saved as {path}").format(path=status.last_path) if status.last_path else "")
        self.where.setVisible(bool(status.last_path))

    # -- acting

    def choose_folder(self) -> None:
        chosen = self._ask_folder(self, self.folder.text() or os.path.expanduser("~"))
        if chosen:
            self.folder.setText(chosen)

    def plan(self) -> BackupPlan:
        return BackupPlan(self.folder.text().strip() or None, str(self.schedule.currentData()),
                          self.keep_daily.value(), self.keep_weekly.value())

    def save_plan(self) -> BackupPlan | None:
        plan = self.plan()
        clear_problem(self.folder_problem)
        clear_problem(self.plan_problem)
        try:
            saved = save_plan(self._app.uow(), folder=plan.folder, schedule=plan.schedule,
                              keep_daily=plan.keep_daily, keep_weekly=plan.keep_weekly,
                              folder_exists=bool(plan.folder) and os.path.isdir(plan.folder or ""))
        except DomainError as error:
            field = error.field if isinstance(error, ValidationError) else ""
            show_problem(self.folder_problem if field == "backup folder" else self.plan_problem,
                         describe(error)[0])
            return None
        self.outcome.setText(_("The backup plan is saved."))
        self.scheduler.refresh()
        return saved

    def back_up_now(self) -> None:
        """Save the plan shown (so the folder is checked and kept), then back up into its folder."""
        if not self.folder.text().strip():
            show_problem(self.folder_problem, _("Choose the folder to back up into first."))
            self.folder.setFocus()
            return
        plan = self.save_plan()
        if plan is not None:
            self.scheduler.back_up(plan)

    def _started(self) -> None:
        self.now.setEnabled(False)
        self.busy.show()
        self.outcome.setText(_("Backing up… you can go on working meanwhile."))

    def _finished(self, done: BackupDone) -> None:
        self.now.setEnabled(True)
        self.busy.hide()
        removed = (_(" {n} older backups deleted by the plan.").format(n=len(done.removed))
                   if done.removed else "")
        self.outcome.setText(_("✓ Backed up {cases} cases to {path} ({size} bytes); the copy was "
                               "checked.{removed}").format(
            cases=f"{done.cases:,}", path=done.path, size=f"{done.size:,}", removed=removed))

    def _failed(self, text: str) -> None:
        self.now.setEnabled(True)
        self.busy.hide()
        self.outcome.setText("⚠ " + text)
