"""Assigning a provider to a case: suggestions with their reasons, the refusal on a conflict of
interest with a waiver, reassigning, and ending an assignment. Every dialog keeps what was typed
when something is refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Permission, can
from legalaid_desktop.domain.case_file import AssignmentLine
from legalaid_desktop.domain.conflicts import ConflictOfInterestError, ProviderConflict
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.assign_screen import ProviderChoice, provider_choices
from legalaid_desktop.services.assignments import assign_provider, end_assignment, reassign
from legalaid_desktop.services.conflicts import waive_conflict
from legalaid_desktop.ui.case_tabs import escape
from legalaid_desktop.ui.case_text import local
from legalaid_desktop.ui.conflict_text import conflict_sentence, kind_words, refusal_html, why_words
from legalaid_desktop.ui.dialog_parts import (
    ERROR_STYLE,
    clear_problem,
    error_label,
    fit_to_screen,
    note,
    read_only_table,
    show_problem,
    with_message,
)
from legalaid_desktop.ui.rows_model import Column, RowsModel

Clock = Callable[[], datetime]
SHOWN = 1000  # every active provider: the best come first, and a coordinator may want a named one
ROLES = (("lead", "Lead"), ("support", "Support"))
CONFLICT_TINT = QBrush(QColor("#fbe3e4"))
REFUSED_STYLE = "QFrame#refusal { background: #fdf1f1; border: 1px solid #a4161a; border-radius: 4px; }"
WAIVED_STYLE = "QFrame#refusal { background: #eef7ee; border: 1px solid #2f7d32; border-radius: 4px; }"
# Widest a column starts (a header drag widens it; the tooltip and the line under the list show all).
COLUMN_CAPS = (50, 220, 100, 190, 120, 190)
# Shown in their own columns:
SIDE_REASONS = frozenset({"conflict", "conflict_hidden", "conflict_waived", "load"})


def _conflict_text(choice: ProviderChoice) -> str:
    s = choice.suggestion
    if s.conflict:
        return "⚠ " + "; ".join(why_words(w).removeprefix(_("conflict: "))
                                for w in s.reasons if w.code in ("conflict", "conflict_hidden"))
    if any(w.code == "conflict_waived" for w in s.reasons):
        return _("waived")
    return _("none found")


def _why_text(choice: ProviderChoice) -> str:
    return "; ".join(why_words(w) for w in choice.suggestion.reasons if w.code not in SIDE_REASONS)


def _load_text(choice: ProviderChoice) -> str:
    s = choice.suggestion
    return f"{s.load:g} / {s.capacity}"


def suggestion_columns(ranks: dict[int, int]) -> list[Column]:
    """`ranks` gives each provider's place among all suggestions (the list may be searched)."""
    return [
        Column("#", lambda c: str(ranks.get(c.suggestion.provider_id, "")), align_right=True),
        Column(_("Provider"), lambda c: c.suggestion.full_name),
        Column(_("Kind"), lambda c: kind_words(c.suggestion.kind)),
        Column(_("Languages"), lambda c: c.languages or "—", tooltip=lambda c: c.languages),
        Column(_("Cases / capacity"), _load_text, align_right=True),
        Column(_("Conflict"), _conflict_text, tooltip=_conflict_text,
               background=lambda c: CONFLICT_TINT if c.suggestion.conflict else None),
        Column(_("Why"), _why_text, tooltip=_why_text),
    ]


class _FindEdit(QLineEdit):
    """A search field whose Enter or Down goes on to the list (it never assigns by itself)."""

    def __init__(self, target: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self._target.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)


def _reason_box(parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(80)
    return box


def _buttons(parent: QWidget, ok: QPushButton, cancel_text: str) -> tuple[QHBoxLayout, QPushButton]:
    cancel = QPushButton(cancel_text, parent)
    cancel.setAutoDefault(False)
    ok.setDefault(True)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(ok)
    row.addWidget(cancel)
    return row, cancel


class AssignDialog(QDialog):
    """Suggestions for a case, best first; choose one and a role, then assign (or, with `replacing`,
    reassign that assignment). `assigned(provider name)` follows a saved change."""

    assigned = Signal(str)

    def __init__(self, application: Application, *, case_id: int, case_ref: str, client: str,
                 clock: Clock, replacing: AssignmentLine | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._case_id = case_id
        self._case_ref = case_ref
        self._clock = clock
        self._replacing = replacing
        self._choices: list[ProviderChoice] = []
        self._ranks: dict[int, int] = {}
        self._refused: ConflictOfInterestError | None = None
        self._refused_id: int | None = None
        self.waiver_dialog: WaiverDialog | None = None
        verb = _("Reassign") if replacing else _("Assign a provider")
        self.setWindowTitle(f"{verb} — {case_ref}")
        self.setAccessibleName(self.windowTitle())
        fit_to_screen(self, 1180, 680)

        if replacing is None:
            heading = _("Assign a lawyer or paralegal to {case} ({client}).").format(case=case_ref,
                                                                                    client=client)
        else:
            heading = _("Reassign {case} ({client}): {provider} stops acting and the provider you "
                        "choose takes over as {role}.").format(
                case=case_ref, client=client, provider=replacing.provider, role=_(replacing.role))
        self.heading = QLabel(f"<b>{escape(heading)}</b>", self)
        self.heading.setWordWrap(True)
        self.intro = note(self, _(
            "Best first: no conflict of interest, working in the case's jurisdiction, free to take the "
            "case, then a shared language, the training the case needs (children, capital cases), the "
            "facility or court covered, and room left. Those who work only in another jurisdiction are "
            "listed only when no local provider is free. Every assignment is checked for conflicts when "
            "you press Assign."))

        self.model = RowsModel(suggestion_columns(self._ranks), self)
        self.table = read_only_table(self, self.model, _("Suggested providers, best first"))
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.table.doubleClicked.connect(lambda _index: self.assign())

        self.find_edit = _FindEdit(self.table, self)
        self.find_edit.setAccessibleName(_("Find a provider by name"))
        self.find_edit.setPlaceholderText(_("Type part of a name; Enter goes to the list"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._filter)
        find_label = QLabel(_("&Find a provider:"), self)
        find_label.setBuddy(self.find_edit)
        self.count_label = note(self, "")
        self.count_label.setWordWrap(False)
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setAccessibleName(_("Chosen provider"))
        self.chosen_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.provider_error = error_label(self, _("Provider"))

        self.role_box = QComboBox(self)
        self.role_box.setAccessibleName(_("Role on the case"))
        for value, label in ROLES:
            self.role_box.addItem(_(label), value)
        if replacing is not None:  # a reassignment keeps the role of the assignment it replaces
            index = self.role_box.findData(replacing.role)
            if index < 0:
                self.role_box.addItem(replacing.role, replacing.role)
                index = self.role_box.count() - 1
            self.role_box.setCurrentIndex(index)
            self.role_box.setEnabled(False)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setAccessibleName(_("Why the case is reassigned") if replacing
                                           else _("Why this provider"))
        self.reason_edit.setPlaceholderText(
            _("required: e.g. the client asked for a Swahili-speaking lawyer") if replacing
            else _("optional: e.g. speaks the client's language, covers the prison"))
        self.reason_error = error_label(self, self.reason_edit.accessibleName())

        self.refusal = QFrame(self)
        self.refusal.setObjectName("refusal")
        self.refusal.setStyleSheet(REFUSED_STYLE)
        self.refusal.setAccessibleName(_("Assignment refused"))
        self.refusal_text = QLabel(self.refusal)
        self.refusal_text.setWordWrap(True)
        self.refusal_text.setTextFormat(Qt.TextFormat.RichText)
        self.refusal_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.refusal_text.setAccessibleName(_("Why the assignment was refused"))
        self.waiver_note = QLabel(self.refusal)
        self.waiver_note.setWordWrap(True)
        self.waive_button = QPushButton(_("Record a &waiver…"), self.refusal)
        self.waive_button.setAccessibleName(_("Record a waiver of this conflict"))
        self.waive_button.setToolTip(_("A coordinator lets this provider act despite the conflict, with "
                                       "the reason; the waiver is kept and audited."))
        self.waive_button.setAutoDefault(False)
        self.waive_button.clicked.connect(self.open_waiver)
        inner = QVBoxLayout(self.refusal)
        inner.addWidget(self.refusal_text)
        waive_row = QHBoxLayout()
        waive_row.addWidget(self.waiver_note, 1)
        waive_row.addWidget(self.waive_button, 0, Qt.AlignmentFlag.AlignTop)
        inner.addLayout(waive_row)
        self.refusal.hide()

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setAccessibleName(_("Message"))
        self.message.hide()
        self.assign_button = QPushButton(_("&Reassign") if replacing else _("&Assign"), self)
        self.assign_button.setAccessibleName(_("Reassign to the chosen provider") if replacing
                                             else _("Assign the chosen provider"))
        self.assign_button.clicked.connect(self.assign)
        buttons, self.close_button = _buttons(self, self.assign_button, _("Close"))
        self.close_button.clicked.connect(self.reject)

        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.find_edit, 1)
        find_row.addWidget(self.count_label)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        role_label = QLabel(_("R&ole:"), self)
        role_label.setBuddy(self.role_box)
        reason_label = QLabel(_("Reason (&required):") if replacing else _("Reaso&n:"), self)
        reason_label.setBuddy(self.reason_edit)
        form.addRow(role_label, self.role_box)
        form.addRow(reason_label, with_message(self.reason_edit, self.reason_error))
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(find_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.provider_error)
        layout.addWidget(self.chosen_label)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for first, second in ((self.find_edit, self.table), (self.table, self.role_box),
                              (self.role_box, self.reason_edit), (self.reason_edit, self.waive_button),
                              (self.waive_button, self.assign_button),
                              (self.assign_button, self.close_button)):
            self.setTabOrder(first, second)
        self.load()
        self.table.setFocus()

    # -- the list

    def load(self) -> None:
        """Read the suggestions afresh, keeping the chosen provider and the search text."""
        keep = self.chosen()
        today = self._clock().date()
        self._choices = provider_choices(self._app.uow(), case_id=self._case_id, limit=SHOWN, today=today)
        self._filter(keep_id=keep.suggestion.provider_id if keep else None)

    def _filter(self, _text: str = "", keep_id: int | None = None) -> None:
        if keep_id is None:
            current = self.chosen()
            keep_id = current.suggestion.provider_id if current else None
        words = self.find_edit.text().casefold().split()
        rows = [c for c in self._choices
                if all(w in c.suggestion.full_name.casefold() for w in words)]
        self._ranks.clear()
        self._ranks.update((c.suggestion.provider_id, n) for n, c in enumerate(self._choices, 1))
        self.model.set_rows(rows)
        self.count_label.setText(_("{shown} of {all} providers").format(shown=len(rows),
                                                                      all=len(self._choices)))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, cap in enumerate(COLUMN_CAPS):
            header.resizeSection(column, min(header.sectionSize(column) + 10, cap))
        index = next((n for n, c in enumerate(rows) if c.suggestion.provider_id == keep_id), 0)
        if rows:
            self.table.selectRow(index)
            self.table.scrollTo(self.model.index(index, 0))
        else:
            self._chosen()

    def chosen(self) -> ProviderChoice | None:
        index = self.table.currentIndex()
        found: ProviderChoice | None = self.model.row_at(index.row()) if index.isValid() else None
        return found

    def _chosen(self, *_args: object) -> None:
        choice = self.chosen()
        clear_problem(self.provider_error)
        if choice is None:
            self.chosen_label.setText(_("No provider matches the search.") if self._choices
                                      else _("No active provider is recorded."))
            return
        s = choice.suggestion
        reasons = "; ".join(why_words(w) for w in s.reasons)
        trained = choice.specialisms or _("none recorded")
        self.chosen_label.setText(_("<b>{name}</b> ({kind}) — {reasons}. Trained in: {trained}.").format(
            name=escape(s.full_name), kind=escape(kind_words(s.kind)), reasons=escape(reasons),
            trained=escape(trained)))
        if self._refused_id is not None and self._refused_id != s.provider_id:
            self.refusal.hide()  # the refusal was about someone else

    # -- assigning

    def assign(self) -> None:
        """Assign (or reassign to) the chosen provider; a refusal is shown and nothing typed is lost."""
        for label in (self.provider_error, self.reason_error, self.message):
            clear_problem(label)
        choice = self.chosen()
        if choice is None:
            show_problem(self.provider_error, _("Choose a provider from the list first."))
            self.table.setFocus()
            return
        s = choice.suggestion
        reason = self.reason_edit.text().strip()
        if self._replacing is not None and not reason:
            show_problem(self.reason_error, _("Say why the case is reassigned; it is kept in the history."))
            self.reason_edit.setFocus()
            return
        try:
            if self._replacing is not None:
                reassign(self._app.uow(), assignment_id=self._replacing.id, provider_id=s.provider_id,
                         at=self._clock(), reason=reason)
            else:
                assign_provider(self._app.uow(), case_id=self._case_id, provider_id=s.provider_id,
                                at=self._clock(), role=self.role_box.currentData(), reason=reason or None)
        except ConflictOfInterestError as error:
            self.show_refusal(s.provider_id, error)
            return
        except ValidationError as error:
            self._show_invalid(error)
            return
        except DomainError as error:
            show_problem(self.message, describe(error)[0])
            return
        self.assigned.emit(s.full_name)
        self.accept()

    def _show_invalid(self, error: ValidationError) -> None:
        text = describe(error)[0]
        if error.field == "reason":
            show_problem(self.reason_error, text)
            self.reason_edit.setFocus()
        elif error.field == "provider":
            show_problem(self.provider_error, text)
            self.table.setFocus()
        else:
            show_problem(self.message, text)

    def show_refusal(self, provider_id: int, error: ConflictOfInterestError) -> None:
        self._refused, self._refused_id = error, provider_id
        self.refusal.setStyleSheet(REFUSED_STYLE)
        self.refusal_text.setText(refusal_html(error.case_ref, error.provider_name, error.conflicts))
        may_waive = can(self._app.principal, Permission.WAIVE_CONFLICTS)
        self.waiver_note.setText(_(
            "If a coordinator decides {provider} may act all the same (the other case is closed, both "
            "clients consent after advice…), record a waiver with the reason; then assign again. The "
            "refusal and any waiver are kept in the audit log.").format(provider=error.provider_name)
            if may_waive else _(
            "Only a coordinator can decide that {provider} may act all the same (a waiver, with its "
            "reason). Choose another provider, or ask a coordinator. The refusal is kept in the audit "
            "log.").format(provider=error.provider_name))
        self.waive_button.setVisible(may_waive)
        self.refusal.show()
        self._layout.activate()  # the list is shorter now: keep the chosen provider in sight
        self.table.scrollTo(self.table.currentIndex())
        (self.waive_button if may_waive else self.table).setFocus()

    def open_waiver(self) -> None:
        error, provider_id = self._refused, self._refused_id
        if error is None or provider_id is None:
            return
        if self.waiver_dialog is not None:
            self.waiver_dialog.deleteLater()
        self.waiver_dialog = WaiverDialog(self._app, case_id=self._case_id, case_ref=error.case_ref,
                                          provider_id=provider_id, provider=error.provider_name,
                                          conflicts=error.conflicts, parent=self)
        self.waiver_dialog.recorded.connect(self._waived)
        self.waiver_dialog.open()

    def _waived(self, reason: str) -> None:
        error = self._refused
        assert error is not None
        self.load()
        self.refusal.setStyleSheet(WAIVED_STYLE)
        self.refusal_text.setText("<p><b>✓ {}</b></p>".format(escape(_(
            "Waiver recorded for {provider} on {case}.").format(provider=error.provider_name,
                                                                case=error.case_ref))))
        self.waiver_note.setText(_("Reason: {reason}\nPress {button} to assign {provider} now.").format(
            reason=reason, button=self.assign_button.text().replace("&", ""), provider=error.provider_name))
        self.waive_button.hide()
        self.assign_button.setFocus()


class WaiverDialog(QDialog):
    """A coordinator's waiver of a provider's conflict on a case: the reason is required.
    `recorded(reason)` follows the saved waiver."""

    recorded = Signal(str)

    def __init__(self, application: Application, *, case_id: int, case_ref: str, provider_id: int,
                 provider: str, conflicts: Sequence[ProviderConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._case_id = case_id
        self._provider_id = provider_id
        self.setWindowTitle(_("Record a waiver — {provider} on {case}").format(provider=provider,
                                                                            case=case_ref))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 380)
        heading = QLabel("<b>{}</b>".format(escape(_(
            "Let {provider} act on {case} despite this possible conflict:").format(
            provider=provider, case=case_ref))), self)
        heading.setWordWrap(True)
        items = QLabel("<ul style='margin-left: 12px;'>{}</ul>".format(
            "".join(f"<li>{escape(conflict_sentence(c))}</li>" for c in conflicts)), self)
        items.setWordWrap(True)
        items.setTextFormat(Qt.TextFormat.RichText)
        items.setAccessibleName(_("The conflicts waived"))
        self.reason_edit = _reason_box(self, _("Reason for the waiver"), _(
            "Who decided, and why the conflict does not stand in the way (e.g. the other case was "
            "withdrawn on 2 March; both clients consented in writing after advice)."))
        self.reason_error = error_label(self, self.reason_edit.accessibleName())
        reason_label = QLabel(_("&Reason (required):"), self)
        reason_label.setBuddy(self.reason_edit)
        who = note(self, _("Recorded as given by {actor}, with the date; kept with the case and in the "
                           "audit log.").format(actor=application.actor))
        self.message = error_label(self, _("Waiver"))
        self.save_button = QPushButton(_("Record &waiver"), self)
        self.save_button.setAccessibleName(_("Record the waiver"))
        self.save_button.clicked.connect(self.save)
        buttons, cancel = _buttons(self, self.save_button, _("Cancel"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(items)
        layout.addWidget(reason_label)
        layout.addLayout(with_message(self.reason_edit, self.reason_error))
        layout.addWidget(who)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.reason_edit.setFocus()

    def save(self) -> None:
        def waive(reason: str) -> None:
            waive_conflict(self._app.uow(), case_id=self._case_id, provider_id=self._provider_id,
                           reason=reason)

        reason = _save_with_reason(self.reason_edit, self.reason_error, self.message,
                                   _("A waiver needs its reason: who decided, and why."), waive)
        if reason is not None:
            self.recorded.emit(reason)
            self.accept()


def _save_with_reason(edit: QPlainTextEdit, reason_error: QLabel, message: QLabel, empty: str,
                      action: Callable[[str], None]) -> str | None:
    """Run `action` with the typed reason; a missing reason or a refusal is shown beside the field it
    concerns and keeps what was typed. Returns the reason once the action is done."""
    clear_problem(reason_error)
    clear_problem(message)
    reason = edit.toPlainText().strip()
    if not reason:
        show_problem(reason_error, empty)
        edit.setFocus()
        return None
    try:
        action(reason)
    except ValidationError as error:
        show_problem(reason_error if error.field == "reason" else message, describe(error)[0])
        return None
    except DomainError as error:
        show_problem(message, describe(error)[0])
        return None
    return reason


class EndAssignmentDialog(QDialog):
    """End an assignment with the reason; the record stays in the history. `ended` follows."""

    ended = Signal(str)

    def __init__(self, application: Application, line: AssignmentLine, *, clock: Clock,
                 zone: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._line = line
        self._clock = clock
        self.setWindowTitle(_("End assignment — {provider}").format(provider=line.provider))
        self.setAccessibleName(self.windowTitle())
        self.resize(520, 300)
        heading = QLabel("<b>{}</b>".format(escape(_(
            "End {provider}'s assignment ({role}, since {since})?").format(
            provider=line.provider, role=_(line.role), since=local(line.started_at, zone)))), self)
        heading.setWordWrap(True)
        self.reason_edit = _reason_box(self, _("Why the assignment ends"), _(
            "e.g. the client was released on bail; the lawyer left the office"))
        self.reason_error = error_label(self, self.reason_edit.accessibleName())
        reason_label = QLabel(_("&Reason (required):"), self)
        reason_label.setBuddy(self.reason_edit)
        self.message = error_label(self, _("End assignment"))
        self.save_button = QPushButton(_("&End assignment"), self)
        self.save_button.setAccessibleName(_("End the assignment"))
        self.save_button.clicked.connect(self.save)
        buttons, cancel = _buttons(self, self.save_button, _("Cancel"))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note(self, _("The assignment stays in the case's history with the reason.")))
        layout.addWidget(reason_label)
        layout.addLayout(with_message(self.reason_edit, self.reason_error))
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.reason_edit.setFocus()

    def save(self) -> None:
        def end(reason: str) -> None:
            end_assignment(self._app.uow(), assignment_id=self._line.id, at=self._clock(), reason=reason)

        if _save_with_reason(self.reason_edit, self.reason_error, self.message,
                             _("Say why the assignment ends; it is kept in the history."), end) is not None:
            self.ended.emit(self._line.provider)
            self.accept()
