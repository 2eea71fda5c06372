"""The users section of Settings: the idle lock's minutes, and for administrators the accounts (list,
add with a role and facilities, disable, a new password). On a database without accounts it makes the
first administrator and signs in as them (`signed_in` carries the signed-in application)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import FACILITY_ROLES, PasswordRuleError, Permission, Role, UserLine, can
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.settings import IDLE_LOCK_MINUTES, idle_lock_minutes, set_setting
from legalaid_desktop.services.users import MIN_PASSWORD, add_user, disable_user, list_users, reset_password
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.dialog_parts import clear_problem, error_label, note, show_problem, with_message
from legalaid_desktop.ui.form_fields import labelled
from legalaid_desktop.ui.rows_model import Column, RowsModel

ROLE_NAMES = {Role.ADMIN: "Administrator", Role.COORDINATOR: "Coordinator", Role.LAWYER: "Lawyer",
              Role.PARALEGAL: "Paralegal", Role.VIEWER: "Viewer (reads only)"}


def _state(line: UserLine) -> str:
    if line.disabled:
        return _("disabled")
    if line.locked_until is not None:
        return _("locked until {at}").format(at=line.locked_until.astimezone().strftime("%Y-%m-%d %H:%M"))
    return _("active")


USER_COLUMNS = (
    Column("Name", lambda u: u.name),
    Column("Role", lambda u: _(ROLE_NAMES[u.role])),
    Column("Facilities", lambda u: ", ".join(u.facilities) or _("every facility")),
    Column("State", _state),
    Column("Last sign-in", lambda u: u.last_sign_in_at.astimezone().strftime("%Y-%m-%d %H:%M")
           if u.last_sign_in_at else _("never"), sort=lambda u: u.last_sign_in_at),
)


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMaxLength(256)
    field.setPlaceholderText(_("At least {n} characters").format(n=MIN_PASSWORD))
    return field


class UsersPanel(QWidget):
    """Who may use this database, and how soon an unused window locks."""

    signed_in = Signal(object)
    idle_minutes_changed = Signal(int)

    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        principal = application.principal
        layout = QVBoxLayout(self)

        # -- idle lock
        lock_box = QGroupBox(_("Lock when not used"), self)
        self.idle = QSpinBox(lock_box)
        self.idle.setRange(1, 240)
        self.idle.setSuffix(_(" minutes"))
        self.idle.setAccessibleName(_("Minutes without use before the window locks"))
        self.idle_save = QPushButton(_("Set the &idle time"), lock_box)
        self.idle_save.clicked.connect(self.save_idle)
        self.idle_problem = error_label(lock_box, _("Idle time"))
        lock_row = QHBoxLayout()
        lock_row.addWidget(labelled(_("Lock the window after"), lock_box, self.idle))
        lock_row.addWidget(self.idle)
        lock_row.addWidget(self.idle_save)
        lock_row.addStretch(1)
        lock_layout = QVBoxLayout(lock_box)
        lock_layout.addLayout(lock_row)
        lock_layout.addWidget(self.idle_problem)
        lock_layout.addWidget(note(lock_box, _("The window then hides the records until the signed-in "
                                               "user types their password; what was typed is kept.")))
        lock_box.setVisible(principal.unmanaged or can(principal, Permission.MANAGE_SETTINGS))
        layout.addWidget(lock_box)

        # -- accounts
        self.accounts_box = QGroupBox(_("User accounts"), self)
        accounts = QVBoxLayout(self.accounts_box)
        self.first = principal.unmanaged
        self.manages = principal.unmanaged or can(principal, Permission.MANAGE_USERS)
        self.users = RowsModel(USER_COLUMNS, self)
        self.table = QTableView(self.accounts_box)
        self.table.setAccessibleName(_("User accounts"))
        self.table.setModel(self.users)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(220)

        self.name = QLineEdit(self.accounts_box)
        self.name.setAccessibleName(_("New account's name"))
        self.name.setMaxLength(100)
        self.role = QComboBox(self.accounts_box)
        self.role.setAccessibleName(_("New account's role"))
        for role in Role:
            self.role.addItem(_(ROLE_NAMES[role]), role.value)
        self.facilities = QListWidget(self.accounts_box)
        self.facilities.setAccessibleName(_("Facilities the account is limited to"))
        self.facilities.setMaximumHeight(110)
        self.password = _password_field(self.accounts_box, _("New account's password"))
        self.again = _password_field(self.accounts_box, _("New account's password again"))
        self.add_problem = error_label(self.accounts_box, _("New account"))
        self.add = QPushButton(_("&Add the account"), self.accounts_box)
        self.add.clicked.connect(self.add_account)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.add_form = QWidget(self.accounts_box)
        form = QFormLayout(self.add_form)
        form.addRow(labelled(_("&Name:"), self.accounts_box, self.name), self.name)
        form.addRow(labelled(_("&Role:"), self.accounts_box, self.role), self.role)
        self.facilities_label = labelled(_("Fa&cilities:"), self.accounts_box, self.facilities)
        form.addRow(self.facilities_label, self.facilities)
        form.addRow(labelled(_("&Password:"), self.accounts_box, self.password), self.password)
        form.addRow(labelled(_("The &same again:"), self.accounts_box, self.again),
                    with_message(self.again, self.add_problem))
        form.addRow("", self.add)

        self.disable = QPushButton(_("Disable the selected acc&ount"), self.accounts_box)
        self.disable.clicked.connect(self.disable_selected)
        self.new_password = _password_field(self.accounts_box, _("New password for the selected account"))
        self.new_again = _password_field(self.accounts_box, _("The new password again"))
        self.reset = QPushButton(_("Se&t the new password"), self.accounts_box)
        self.reset.clicked.connect(self.reset_selected)
        self.selected_problem = error_label(self.accounts_box, _("Selected account"))
        self.selected_form = QWidget(self.accounts_box)
        selected = QFormLayout(self.selected_form)
        selected.addRow(labelled(_("New pass&word:"), self.accounts_box, self.new_password),
                        self.new_password)
        selected.addRow(labelled(_("Th&e same again:"), self.accounts_box, self.new_again),
                        with_message(self.new_again, self.selected_problem))
        selected_buttons = QHBoxLayout()
        selected_buttons.addWidget(self.reset)
        selected_buttons.addWidget(self.disable)
        selected_buttons.addStretch(1)
        selected.addRow("", selected_buttons)
        self.outcome = QLabel(self.accounts_box)
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("User accounts outcome"))

        if self.first:
            accounts.addWidget(note(self.accounts_box, _(
                "No accounts yet: anyone with this computer can open the records. Create the first "
                "administrator; from then on everyone signs in, and you go on signed in as them.")))
            self.role.setCurrentIndex(self.role.findData(Role.ADMIN.value))
            self.role.setEnabled(False)
            self.add.setText(_("Create the &administrator and sign in"))
            accounts.addWidget(self.add_form)
            self.table.hide()
            self.selected_form.hide()
        elif self.manages:
            accounts.addWidget(self.table)
            # One under the other: side by side they would not fit a 1024-pixel-wide screen.
            for title, form_widget in ((_("The account selected in the list"), self.selected_form),
                                       (_("A new account"), self.add_form)):
                box = QGroupBox(title, self.accounts_box)
                QVBoxLayout(box).addWidget(form_widget)
                accounts.addWidget(box)
        else:
            for hidden in (self.table, self.add_form, self.selected_form):
                hidden.hide()
            accounts.addWidget(note(self.accounts_box, _(
                "Only administrators manage user accounts. You are signed in as {user} ({role}); ask an "
                "administrator for a new account or a new password.").format(
                user=principal.name, role=principal.role.value)))
        accounts.addWidget(self.outcome)
        layout.addWidget(self.accounts_box)
        layout.addStretch(1)
        self._role_changed()

    # -- showing

    def load(self) -> None:
        try:
            self.idle.setValue(idle_lock_minutes(self._app.uow(), on=self._clock().date()))
            if self.manages:
                self._fill_facilities(facility_names(self._app.uow()))
            if self.manages and not self.first:
                self.users.set_rows(list_users(self._app.uow()))
        except DomainError as error:
            self.outcome.setText("⚠ " + describe(error)[0])

    def _fill_facilities(self, names: list[str]) -> None:
        ticked = set(self._ticked())
        self.facilities.clear()
        for name in names:
            item = QListWidgetItem(name, self.facilities)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)

    def _ticked(self) -> list[str]:
        items = (self.facilities.item(i) for i in range(self.facilities.count()))
        return [item.text() for item in items
                if item is not None and item.checkState() == Qt.CheckState.Checked]

    def _role_changed(self) -> None:
        limited = Role(str(self.role.currentData())) in FACILITY_ROLES
        self.facilities.setEnabled(limited)
        self.facilities.setToolTip("" if limited else _("Coordinators and administrators work across every "
                                                        "facility."))

    def selected(self) -> UserLine | None:
        rows = self.table.selectionModel().selectedRows()
        line = self.users.row_at(rows[0].row()) if rows else None
        return line if isinstance(line, UserLine) else None

    # -- acting

    def _same(self, first: QLineEdit, second: QLineEdit, problem: QLabel) -> str | None:
        if first.text() != second.text():
            show_problem(problem, describe(PasswordRuleError("differs"))[0])
            second.clear()
            second.setFocus()
            return None
        return first.text()

    def _run(self, problem: QLabel, action: Callable[[], object]) -> object | None:
        clear_problem(problem)
        try:
            return action()
        except DomainError as error:
            show_problem(problem, describe(error)[0])
            return None

    def add_account(self) -> None:
        password = self._same(self.password, self.again, self.add_problem)
        if password is None:
            return
        role = Role(str(self.role.currentData()))
        name = self.name.text().strip()
        facilities = self._ticked() if role in FACILITY_ROLES else []
        added = self._run(self.add_problem, lambda: add_user(self._app.uow(), name=name, role=role,
                                                              password=password, facilities=facilities))
        if not isinstance(added, UserLine):
            return
        for field in (self.password, self.again):
            field.clear()
        if self.first:
            signed_in = self._run(self.add_problem, lambda: self._app.sign_in(added.name, password))
            if signed_in is not None:
                self.signed_in.emit(signed_in)
            return
        self.name.clear()
        self.outcome.setText(_("✓ The account {name} ({role}) is added.").format(
            name=added.name, role=_(ROLE_NAMES[added.role])))
        self.load()

    def disable_selected(self) -> None:
        line = self.selected()
        if line is None:
            show_problem(self.selected_problem, _("Select the account in the list first."))
            return
        done = self._run(self.selected_problem, lambda: disable_user(self._app.uow(), name=line.name))
        if done is not None:
            self.outcome.setText(_("✓ The account {name} is disabled: it can no longer sign in; its history "
                                   "stays.").format(name=line.name))
            self.load()

    def reset_selected(self) -> None:
        line = self.selected()
        if line is None:
            show_problem(self.selected_problem, _("Select the account in the list first."))
            return
        password = self._same(self.new_password, self.new_again, self.selected_problem)
        if password is None:
            return
        done = self._run(self.selected_problem,
                         lambda: reset_password(self._app.uow(), name=line.name, password=password))
        if done is not None:
            for field in (self.new_password, self.new_again):
                field.clear()
            self.outcome.setText(_("✓ {name} has a new password (and is no longer locked out). Tell them in "
                                   "person, not by message.").format(name=line.name))
            self.load()

    def save_idle(self) -> None:
        minutes = self.idle.value()
        today: date = self._clock().date()
        saved = self._run(self.idle_problem, lambda: set_setting(
            self._app.uow(), key=IDLE_LOCK_MINUTES, value=str(minutes), effective_from=today))
        if saved is not None:
            self.idle_minutes_changed.emit(minutes)
            self.outcome.setText(_("✓ The window locks after {n} minutes without use.").format(n=minutes))

