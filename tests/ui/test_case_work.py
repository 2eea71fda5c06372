"""Working in the case view's tabs, driven through the widgets on a real SQLite file: notes and visits,
hearings and their outcomes (with a second window's change), documents, charges and parties."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import Principal, Role
from legalaid_desktop.domain.cases import MAX_DOCUMENT_BYTES, Charge, Document, Hearing, Note, Party
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.org import Court
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import NoteKind, PartyRole
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.case_work import document_content
from legalaid_desktop.ui.case_forms import CaseForm, HearingDialog, NoteDialog, OutcomeDialog
from legalaid_desktop.ui.case_view import CaseView
from legalaid_desktop.ui.charge_party_forms import ChargeDialog, PartyDialog
from legalaid_desktop.ui.documents_tab import AttachDialog
from legalaid_desktop.ui.worker import Worker
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
E = TypeVar("E", bound=Entity)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _case(app: Application, jurisdiction: str = "KE", zone: str = "Africa/Nairobi") -> int:
    """Juma Otieno, held since T0 on a robbery charge (not capital)."""
    facility = records.create(app.uow(), make_facility(name="Kamiti Remand", jurisdiction_code=jurisdiction,
                                                       time_zone=zone))
    person = records.create(app.uow(), make_person(full_name="Juma Otieno", date_of_birth=date(1990, 5, 1)))
    return records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                             facility_id=facility.id, register_number="KAM/2026/0042", arrest_at=T0,
                             admission_at=T0, offence="Robbery").id


def _view(qtbot: QtBot, app: Application, case_id: int, tab: QWidget | None = None) -> CaseView:
    view = CaseView(app, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(view.isActiveWindow)
    view.open_case(case_id)
    if tab is not None:
        view.tabs.setCurrentWidget(tab)
    return view


def _tab_of(view: CaseView, name: str) -> QWidget:
    tab: QWidget = getattr(view, name)
    view.tabs.setCurrentWidget(tab)
    return tab


def _shortcut(view: CaseView, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    view.tabs.tabBar().setFocus()
    QTest.keyClick(view.tabs.tabBar(), key, modifiers)


def _save(dialog: CaseForm) -> None:
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _selected_id(view: CaseView, pane_name: str) -> int:
    pane = getattr(view, pane_name)
    line = pane.model.row_at(pane.table.currentIndex().row())
    assert line is not None
    found: int = line.id
    return found


# -- notes and activities

def test_a_visit_recorded_with_ctrl_shift_n_is_saved_with_its_minutes_and_author(
        qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    _tab_of(view, "notes_tab")
    _shortcut(view, Qt.Key.Key_N, CTRL | SHIFT)
    dialog = view.notes_tab.dialog
    assert isinstance(dialog, NoteDialog) and dialog.isVisible()
    assert dialog.kind() is NoteKind.VISIT
    assert dialog.at_moment() == NOW.replace(second=0)  # now, local to the facility
    QTest.keyClicks(dialog.minutes_edit, "45")
    QTest.keyClicks(dialog.text_edit, "Saw the client at Kamiti; he asks for his family to be told.")
    with qtbot.waitSignal(view.changed) as changed:
        _save(dialog)

    assert changed.args == [case_id]
    assert not dialog.isVisible()
    [note] = _notes(app, case_id)
    assert (note.kind, note.minutes_spent, note.author) == (NoteKind.VISIT, 45, "tester")
    assert note.at == NOW
    assert note.text.startswith("Saw the client at Kamiti")
    assert _selected_id(view, "notes") == note.id
    assert "Visit recorded" in view.notes_tab.notice.text()


def _stored(app: Application, cls: type[E], **equal_to: Any) -> list[Any]:
    """The stored records' fields, read inside their unit of work (records leave with it)."""
    uow = app.uow()
    with uow:
        return [SimpleNamespace(**{f.name: getattr(e, f.name) for f in fields(e)})
                for e in uow.repo(cls).find(**equal_to)]


def _notes(app: Application, case_id: int) -> list[Any]:
    return _stored(app, Note, case_id=case_id)


def test_minutes_that_are_not_a_number_are_refused_beside_the_field_and_nothing_is_saved(
        qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id, None)
    _tab_of(view, "notes_tab")
    QTest.mouseClick(view.notes_tab.work_actions[1][1], Qt.MouseButton.LeftButton)  # Record a visit…
    dialog = view.notes_tab.dialog
    assert isinstance(dialog, NoteDialog)
    QTest.keyClicks(dialog.text_edit, "Visit; the client was unwell.")
    QTest.keyClicks(dialog.minutes_edit, "forty")
    _save(dialog)

    problem = dialog.errors["minutes"]
    assert problem.isVisible()
    assert "Minutes spent" in problem.text() and "'forty'" in problem.text()
    assert "whole number of minutes" in problem.text()
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == "Visit; the client was unwell."
    assert _notes(app, case_id) == []

    dialog.minutes_edit.clear()  # a visit says how long it took
    _save(dialog)
    assert "Minutes spent is missing" in problem.text()
    dialog.minutes_edit.setText("2000")  # more than a day
    _save(dialog)
    assert "'2000'" not in problem.text() and "2000" in problem.text() and "1440" in problem.text()
    assert _notes(app, case_id) == []

    dialog.minutes_edit.setText("50")
    _save(dialog)
    assert not problem.isVisible()
    assert [n.minutes_spent for n in _notes(app, case_id)] == [50]


def test_a_note_closed_unsaved_comes_back_as_typed_and_goes_once_saved(qtbot: QtBot,
                                                                        app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    _tab_of(view, "notes_tab")
    _shortcut(view, Qt.Key.Key_N, CTRL | SHIFT)
    first = view.notes_tab.dialog
    assert isinstance(first, NoteDialog)
    QTest.keyClicks(first.minutes_edit, "30")
    QTest.keyClicks(first.text_edit, "Half-written visit note")
    QTest.keyClick(first, Qt.Key.Key_Escape)
    assert not first.isVisible() and _notes(app, case_id) == []

    _shortcut(view, Qt.Key.Key_N, CTRL | SHIFT)
    again = view.notes_tab.dialog
    assert isinstance(again, NoteDialog) and again is not first
    assert (again.minutes_edit.text(), again.text_edit.toPlainText()) == ("30", "Half-written visit note")
    _save(again)
    _shortcut(view, Qt.Key.Key_N, CTRL | SHIFT)
    fresh = view.notes_tab.dialog
    assert isinstance(fresh, NoteDialog) and fresh.text_edit.toPlainText() == ""
    assert [n.minutes_spent for n in _notes(app, case_id)] == [30]


def test_a_user_who_may_only_read_is_told_so_and_nothing_is_saved(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    viewer = app.acting_for(Principal(user_id=None, name="vera", role=Role.VIEWER))
    view = _view(qtbot, viewer, case_id)
    _tab_of(view, "notes_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = view.notes_tab.dialog
    assert isinstance(dialog, NoteDialog) and dialog.kind() is NoteKind.NOTE
    QTest.keyClicks(dialog.text_edit, "Called the family.")
    _save(dialog)

    assert dialog.isVisible() and dialog.message.isVisible()
    assert "vera" in dialog.message.text()
    assert _notes(app, case_id) == []


# -- hearings

def test_a_hearing_is_added_at_a_court_of_the_office(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    court = records.create(app.uow(), Court(name="Milimani Law Courts", jurisdiction_code="KE")).id
    view = _view(qtbot, app, case_id)
    _tab_of(view, "hearings_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = view.hearings_tab.dialog
    assert isinstance(dialog, HearingDialog)
    dialog.court_box.setCurrentIndex(dialog.court_box.findData(court))
    dialog.purpose_box.setCurrentText("Bail application")
    with qtbot.waitSignal(view.changed):
        _save(dialog)

    [hearing] = _stored(app, Hearing, case_id=case_id)
    assert (hearing.court_id, hearing.purpose) == (court, "Bail application")
    assert hearing.scheduled_at == datetime(2026, 3, 21, 6, 0, tzinfo=UTC)  # tomorrow 09:00 in Nairobi
    assert _selected_id(view, "hearings") == hearing.id


def test_an_outcome_saved_against_a_stale_version_is_refused_with_the_conflict_message(
        qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    hearing = records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=NOW - timedelta(days=2),
                                                purpose="Mention"))
    view = _view(qtbot, app, case_id)
    _tab_of(view, "hearings_tab")
    view.hearings.table.selectRow(0)
    _shortcut(view, Qt.Key.Key_E)
    dialog = view.hearings_tab.dialog
    assert isinstance(dialog, OutcomeDialog)
    # Meanwhile a second window records another outcome.
    records.update(app.uow(), Hearing, hearing.id, expected_version=hearing.version,
                   changes={"outcome": "Adjourned: no interpreter", "next_date": date(2026, 3, 25)})
    QTest.keyClicks(dialog.outcome_edit, "Remanded in custody; bail refused")
    QTest.keyClick(dialog.has_next, Qt.Key.Key_Space)
    dialog.next_edit.setDate(QDate(2026, 4, 2))
    _save(dialog)

    assert dialog.isVisible()
    text = dialog.message.text()
    assert "Someone else saved this hearing" in text and "nothing was saved" in text
    assert "Adjourned: no interpreter" in text
    assert dialog.outcome_edit.toPlainText() == "Remanded in custody; bail refused"  # kept
    assert _hearing(app, hearing.id).outcome == "Adjourned: no interpreter"
    assert view.hearings.model.row_at(0).outcome == "Adjourned: no interpreter"  # the table shows theirs

    _save(dialog)  # knowingly, over what is now shown
    assert not dialog.isVisible()
    stored = _hearing(app, hearing.id)
    assert (stored.outcome, stored.next_date) == ("Remanded in custody; bail refused", date(2026, 4, 2))


def _hearing(app: Application, hearing_id: int) -> Any:
    [hearing] = _stored(app, Hearing, id=hearing_id)
    return hearing


def test_a_next_date_before_the_hearing_is_refused_beside_it(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    hearing = records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=NOW - timedelta(days=2)))
    view = _view(qtbot, app, case_id)
    _tab_of(view, "hearings_tab")
    view.hearings.table.selectRow(0)
    QTest.mouseClick(view.hearings_tab.work_actions[1][1], Qt.MouseButton.LeftButton)
    dialog = view.hearings_tab.dialog
    assert isinstance(dialog, OutcomeDialog)
    QTest.keyClicks(dialog.outcome_edit, "Adjourned")
    dialog.has_next.setChecked(True)
    dialog.next_edit.setDate(dialog.next_edit.date().addDays(-30))
    _save(dialog)

    assert dialog.errors["next_date"].isVisible()
    assert "Next date" in dialog.errors["next_date"].text()
    assert _hearing(app, hearing.id).outcome is None


def test_an_outcome_for_a_hearing_still_to_come_is_refused(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    hearing = records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=NOW + timedelta(days=3)))
    view = _view(qtbot, app, case_id)
    _tab_of(view, "hearings_tab")
    view.hearings.table.selectRow(0)
    _shortcut(view, Qt.Key.Key_E)
    dialog = view.hearings_tab.dialog
    assert isinstance(dialog, OutcomeDialog)
    QTest.keyClicks(dialog.outcome_edit, "Bail granted")
    _save(dialog)
    assert "still to come" in dialog.errors["outcome"].text()
    assert _hearing(app, hearing.id).outcome is None


# -- documents

def test_a_document_attached_is_read_back_byte_identical_opened_and_copied(
        qtbot: QtBot, app: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the opened copy's private folder goes here
    case_id = _case(app)
    source = tmp_path / "charge sheet.pdf"
    content = os.urandom(200_000) + b"\x00end"
    source.write_bytes(content)
    view = _view(qtbot, app, case_id)
    tab = view.documents_tab
    tab.worker = Worker(inline=True)
    tab.choose_file = lambda: str(source)
    _tab_of(view, "documents_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = tab.dialog
    assert isinstance(dialog, AttachDialog)
    assert dialog.title_edit.text() == "charge sheet.pdf" and dialog.media_type == "application/pdf"
    with qtbot.waitSignal(view.changed):
        _save(dialog)

    [stored] = _stored(app, Document, case_id=case_id)
    assert (stored.title, stored.filename, stored.media_type) == ("charge sheet.pdf", "charge sheet.pdf",
                                                                  "application/pdf")
    assert document_content(app.uow(), document_id=stored.id, purpose="test").content == content
    assert _selected_id(view, "documents") == stored.id
    assert view.documents.model.row_at(0).size == len(content)

    opened: list[QUrl] = []
    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    tab.open_url = open_url
    _shortcut(view, Qt.Key.Key_O)
    [url] = opened
    copy = Path(url.toLocalFile())
    assert copy.parent.parent == tmp_path and copy.parent.name.startswith("legalaid-open-")
    assert copy.read_bytes() == content and copy.name == "charge sheet.pdf"
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert "not encrypted" in tab.notice.text()

    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    tab.choose_target = lambda _name: str(target)
    QTest.mouseClick(tab.work_actions[2][1], Qt.MouseButton.LeftButton)
    assert target.read_bytes() == content
    assert "not encrypted" in tab.notice.text() and str(target) in tab.notice.text()
    uow = app.uow()
    with uow:
        log = uow.audit_log.page(after_id=0, limit=10_000)
    exports = [(e.entity_uuid, (e.after or {}).get("purpose")) for e in log
               if e.action == "export" and e.entity == "document"]
    # Every copy taken out of the database is in the audit log.
    assert exports == [(stored.uuid, "test"), (stored.uuid, "open"), (stored.uuid, "save_copy")]


def test_a_file_over_the_limit_is_refused_with_its_size_and_nothing_is_read(
        qtbot: QtBot, app: Application, tmp_path: Path) -> None:
    case_id = _case(app)
    big = tmp_path / "scan.tiff"
    with big.open("wb") as out:
        out.truncate(60 * 1024 * 1024)  # sparse: no disk used
    view = _view(qtbot, app, case_id)
    tab = view.documents_tab
    tab.choose_file = lambda: str(big)
    _tab_of(view, "documents_tab")
    QTest.mouseClick(tab.work_actions[0][1], Qt.MouseButton.LeftButton)

    assert tab.dialog is None
    assert tab.notice.isVisible()
    text = tab.notice.text()
    assert "scan.tiff was not attached" in text and "60.0 MB" in text and "50.0 MB" in text
    assert _stored(app, Document, case_id=case_id) == []
    assert MAX_DOCUMENT_BYTES < 60 * 1024 * 1024


# -- charges

def test_a_capital_charge_added_changes_the_stored_deadlines_and_the_deadlines_tab(
        qtbot: QtBot, app: Application) -> None:
    case_id = _case(app, "NG", "Africa/Lagos")

    def rules() -> set[str]:
        return {d.rule_id or "" for d in load_case_file(app.uow(), case_id=case_id, now=NOW).deadlines}

    assert "ng.trial-start.custody" in rules()  # tried within two months, unless the offence is capital
    view = _view(qtbot, app, case_id)
    _tab_of(view, "charges_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = view.charges_tab.dialog
    assert isinstance(dialog, ChargeDialog)
    assert dialog.class_box.findData("capital") >= 0
    QTest.keyClicks(dialog.offence_edit, "Armed robbery")
    _save(dialog)  # no class chosen: the form does not guess one
    problem = dialog.errors["offence_class"]
    assert problem.isVisible() and "Class is missing" in problem.text()
    dialog.class_box.setCurrentIndex(dialog.class_box.findData("capital"))
    QTest.keyClicks(dialog.statute_edit, "Robbery and Firearms Act s. 1(2)")
    QTest.keyClicks(dialog.maximum_edit, "for ever")
    _save(dialog)
    assert dialog.errors["maximum"].isVisible() and "'for ever'" in dialog.errors["maximum"].text()
    dialog.maximum_edit.setText("life")
    QTest.keyClick(dialog.capital_box, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.changed):
        _save(dialog)

    charges = {c.offence: c for c in _stored(app, Charge, case_id=case_id)}
    armed = charges["Armed robbery"]
    assert (armed.offence_class, armed.capital, armed.max_sentence_life, armed.max_sentence_months) == (
        "capital", True, True, None)
    assert "ng.trial-start.custody" not in rules()
    shown = {view.deadlines.national.model.row_at(i).rule_id
             for i in range(view.deadlines.national.model.rowCount())}
    assert "ng.trial-start.custody" not in shown and shown
    assert _selected_id(view, "charges") == armed.id
    assert "computed again" in view.charges_tab.notice.text()


# -- parties

def test_a_victim_is_added_as_a_new_person_after_a_search_finds_nobody(qtbot: QtBot,
                                                                      app: Application) -> None:
    case_id = _case(app)
    view = _view(qtbot, app, case_id)
    _tab_of(view, "parties_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = view.parties_tab.dialog
    assert isinstance(dialog, PartyDialog)
    _save(dialog)  # nobody chosen yet
    assert dialog.errors["person"].isVisible()
    QTest.keyClicks(dialog.name_edit, "Wanjiru Kamau")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 0 and "Nobody by that name" in dialog.errors["person"].text()
    QTest.keyClick(dialog.new_box, Qt.Key.Key_Space)
    assert dialog.role_box.currentData() == PartyRole.VICTIM.value
    with qtbot.waitSignal(view.changed):
        _save(dialog)

    [party] = [p for p in _stored(app, Party, case_id=case_id) if p.role is PartyRole.VICTIM]
    [person] = _stored(app, Person, id=party.person_id)
    assert person.full_name == "Wanjiru Kamau"
    assert _selected_id(view, "parties") == party.id
    assert "Wanjiru Kamau added as victim" in view.parties_tab.notice.text()


def test_a_stored_person_found_by_name_is_added_as_a_witness(qtbot: QtBot, app: Application) -> None:
    case_id = _case(app)
    known = records.create(app.uow(), make_person(full_name="Peter Mwangi Njoroge")).id
    view = _view(qtbot, app, case_id)
    _tab_of(view, "parties_tab")
    _shortcut(view, Qt.Key.Key_N)
    dialog = view.parties_tab.dialog
    assert isinstance(dialog, PartyDialog)
    QTest.keyClicks(dialog.name_edit, "Peter Mwangi")
    QTest.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen() is not None and dialog.chosen().person_id == known  # type: ignore[union-attr]
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(PartyRole.WITNESS.value))
    with qtbot.waitSignal(view.changed):
        _save(dialog)
    assert [(p.person_id, p.role) for p in _stored(app, Party, case_id=case_id)
            if p.role is not PartyRole.CLIENT] == [(known, PartyRole.WITNESS)]
    assert len(_stored(app, Person)) == 2  # nobody recorded twice
