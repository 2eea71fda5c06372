"""Nothing typed in a case's forms is lost to a crash: drafts kept in the database while typing, back
when the form opens again in a new window, gone once saved. Driven through the widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.vocab import NoteKind
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.form_drafts import case_form_drafts, form_draft
from legalaid_desktop.ui.case_forms import NoteDialog
from legalaid_desktop.ui.case_view import EVENT_DRAFT, CaseView
from legalaid_desktop.ui.work_tab import DRAFT_DELAY_MS
from tests.ui.test_case_work import CTRL, SHIFT, _case, _save, _shortcut, _tab_of, _view

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

VISIT = "Saw the client at Kamiti; he has not seen the charge sheet and asks for his mother to be told."


def _crash(view: CaseView) -> None:
    """What a crash leaves: only what was committed (a write still waiting dies with the process)."""
    view._draft_timer.stop()
    view.hide()  # out of the way; with nothing waiting, hiding writes nothing


def test_a_visit_half_typed_survives_a_crash_and_is_back_in_a_new_window(
        qtbot: QtBot, app: Application, db_path: Path) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    _tab_of(view, "notes_tab")
    _shortcut(view, Qt.Key.Key_N, CTRL | SHIFT)
    dialog = view.notes_tab.dialog
    assert isinstance(dialog, NoteDialog)
    QTest.keyClicks(dialog.minutes_edit, "45")
    QTest.keyClicks(dialog.text_edit, VISIT)
    form = f"note:{NoteKind.VISIT}"
    qtbot.waitUntil(lambda: form_draft(app.uow(), case_id=case_id, form=form) is not None,
                    timeout=DRAFT_DELAY_MS * 4)
    dialog.deleteLater()
    _crash(view)

    restarted = open_application(str(db_path), actor="tester", encryption=False)
    again = _view(qtbot, restarted, case_id)
    _tab_of(again, "notes_tab")
    _shortcut(again, Qt.Key.Key_N, CTRL | SHIFT)
    reopened = again.notes_tab.dialog
    assert isinstance(reopened, NoteDialog) and reopened.isVisible()
    assert reopened.text_edit.toPlainText() == VISIT and reopened.minutes_edit.text() == "45"
    notes = reopened.findChildren(type(reopened.heading))
    assert any("did not save is back" in label.text() for label in notes)
    with qtbot.waitSignal(again.changed):
        _save(reopened)
    assert [n.text for n in load_case_file(restarted.uow(), case_id=case_id).notes] == [VISIT]
    assert case_form_drafts(restarted.uow(), case_id=case_id) == []  # saved: the draft is gone


def test_a_form_emptied_and_cancelled_leaves_no_draft(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    _tab_of(view, "notes_tab")
    _shortcut(view, Qt.Key.Key_N, CTRL)
    dialog = view.notes_tab.dialog
    assert isinstance(dialog, NoteDialog)
    QTest.keyClicks(dialog.text_edit, "Called the court registry")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel keeps what was typed
    assert [d.fields["text"] for d in case_form_drafts(app.uow(), case_id=case_id)] \
        == ["Called the court registry"]
    _shortcut(view, Qt.Key.Key_N, CTRL)
    reopened = view.notes_tab.dialog
    assert isinstance(reopened, NoteDialog)
    assert reopened.text_edit.toPlainText() == "Called the court registry"
    reopened.text_edit.clear()
    QTest.keyClick(reopened, Qt.Key.Key_Escape)
    assert case_form_drafts(app.uow(), case_id=case_id) == []


def test_an_event_half_typed_survives_a_crash_and_goes_once_recorded(qtbot: QtBot, app: Application,
                                                                     db_path: Path) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    form = view.timeline.form
    view.tabs.setCurrentWidget(view.timeline)
    QTest.keyClicks(form.days_edit, "14")
    QTest.keyClicks(form.notes_edit, "Remanded by Kibera court, order 55/2026")
    qtbot.waitUntil(lambda: form_draft(app.uow(), case_id=case_id, form=EVENT_DRAFT) is not None,
                    timeout=DRAFT_DELAY_MS * 4)
    typed_at = form.at_edit.dateTime()
    _crash(view)

    again = _view(qtbot, open_application(str(db_path), actor="tester", encryption=False), case_id)
    restored = again.timeline.form
    assert restored.days_edit.text() == "14"
    assert restored.notes_edit.toPlainText() == "Remanded by Kibera court, order 55/2026"
    assert restored.at_edit.dateTime() == typed_at
    assert "did not save is back" in restored.message.text()
    events = len(load_case_file(app.uow(), case_id=case_id).spells[0].events)
    QTest.mouseClick(restored.save_button, Qt.MouseButton.LeftButton)
    assert len(load_case_file(app.uow(), case_id=case_id).spells[0].events) == events + 1
    assert form_draft(app.uow(), case_id=case_id, form=EVENT_DRAFT) is None


def test_typing_then_closing_the_window_at_once_keeps_the_event_draft(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    QTest.keyClicks(view.timeline.form.notes_edit, "Bail refused")
    view.close()  # within the delay: the waiting write is done as the window goes
    draft = form_draft(app.uow(), case_id=case_id, form=EVENT_DRAFT)
    assert draft is not None and draft.fields["notes"] == "Bail refused"
