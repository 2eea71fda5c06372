"""Undo of the custody event just recorded, driven through the case view: the event goes, the release
it made and the deadlines it changed are as before, and what was recorded is back in the form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from tests.builders import T0
from tests.ui.test_case_view import _case, _choose, _set_when, _view

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _state(app: Application, case_id: int) -> tuple[str, list[str], list[tuple[str, str]]]:
    spell = load_case_file(app.uow(), case_id=case_id).spells[0]
    return spell.status, [e.type for e in spell.events], [(d.kind, d.status) for d in spell.deadlines]


def test_a_bail_recorded_by_mistake_is_undone_with_ctrl_z_and_comes_back_into_the_form(
        qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    view.tabs.setCurrentWidget(view.timeline)
    before = _state(app, case_id)
    form = view.timeline.form
    _choose(view, EventType.BAIL)
    _set_when(view, T0 + timedelta(days=2))
    QTest.keyClicks(form.notes_edit, "Bail granted? (wrong case)")
    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    recorded = _state(app, case_id)
    assert recorded[0] == "released" and recorded != before
    assert form.undo_button.isVisible()

    view.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(view.isActiveWindow)
    view.timeline.events.table.setFocus()
    QTest.keyClick(view.timeline.events.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert _state(app, case_id) == before
    assert "Undone" in form.message.text() and not form.undo_button.isVisible()
    assert form.event_type() is EventType.BAIL
    assert form.notes_edit.toPlainText() == "Bail granted? (wrong case)"
    assert view.case_file is not None
    assert [e.type for e in view.case_file.spells[0].events] == before[1]  # the timeline shows it too


def test_an_undo_after_another_window_changed_the_spell_is_refused_and_says_why(
        qtbot: QtBot, app: Application) -> None:
    case_id, custody_id = _case(app)
    view = _view(qtbot, app, case_id)
    form = view.timeline.form
    _set_when(view, T0 + timedelta(days=1))
    QTest.keyClicks(form.days_edit, "14")
    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.FIRST_APPEARANCE,
                              at=T0 + timedelta(days=1, hours=1))  # another window, meanwhile
    QTest.mouseClick(form.undo_button, Qt.MouseButton.LeftButton)
    assert "not undone" in form.message.text()
    assert [e.type for e in load_case_file(app.uow(), case_id=case_id).spells[0].events] == [
        "arrest", "remand", "first_appearance"]
