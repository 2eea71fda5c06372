"""The case view, driven through its widgets: open a case, read its header, add custody events."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.custody import Deadline
from legalaid_desktop.domain.people import age_on
from legalaid_desktop.domain.vocab import EventType
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.ui.case_view import CaseView
from legalaid_desktop.ui.main_window import MainWindow
from legalaid_desktop.ui.rows_model import RowRole
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)

# The tests show their windows (visibility is part of what they check), and the offscreen platform
# says at every show that it cannot pass size hints on: a fact about the test platform, not a fault.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _case(app: Application, name: str = "Juma Otieno", born: date = date(2010, 5, 1),
          register: str = "KAM/2026/0042") -> tuple[int, int]:
    """A client held at a Nairobi facility since T0; returns (case id, custody id)."""
    found = records.create(app.uow(), make_facility(name=f"Facility of {name}", time_zone="Africa/Nairobi"))
    person = records.create(app.uow(), make_person(full_name=name, date_of_birth=born))
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                             facility_id=found.id, register_number=register, arrest_at=T0, admission_at=T0,
                             offence="Robbery")
    header = load_case_file(app.uow(), case_id=case.id).header
    assert header.custody_id is not None
    return case.id, header.custody_id


def _view(qtbot: QtBot, app: Application, case_id: int) -> CaseView:
    view = CaseView(app, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.open_case(case_id)
    return view


def _set_when(view: CaseView, when: datetime) -> None:
    """Type a local (Nairobi) moment into the When field, as the user would."""
    local = when.astimezone(ZoneInfo("Africa/Nairobi"))
    view.timeline.form.at_edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                                     QTime(local.hour, local.minute), QTimeZone.utc()))


def _choose(view: CaseView, event_type: EventType) -> None:
    box = view.timeline.form.type_box
    box.setCurrentIndex(box.findData(event_type.value))


def _timeline_types(view: CaseView) -> list[str]:
    model = view.timeline.events.model
    return [model.row_at(i).type for i in range(model.rowCount())]


def test_enter_on_a_case_row_opens_the_case_with_its_header_values(qtbot: QtBot, app: Application) -> None:
    _case(app)
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.load()
    table = window.cases.table
    table.setCurrentIndex(window.cases.model.index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)

    view = window.cases.case_view
    assert window.cases.currentWidget() is view
    header = view.header
    assert header.name.text() == "Juma Otieno"
    assert not header.child.isHidden() and header.child.text() == "Child"
    age = age_on(date(2010, 5, 1), date.today())
    assert header.values["age"].text() == f"{age} (born 2010-05-01)"
    assert header.values["facility"].text() == "Facility of Juma Otieno"
    assert "KAM/2026/0042" in header.values["register"].text()
    assert header.values["status"].text() == "Untried"
    days = (datetime.now(UTC).date() - T0.date()).days
    assert header.values["days"].text() in (f"{days:,} days", f"{days + 1:,} days", f"{days - 1:,} days")


def test_a_long_header_stays_on_one_line_at_1280_pixels_and_wraps_to_fit_1024(
        qtbot: QtBot, app: Application) -> None:
    found = records.create(app.uow(), make_facility(
        name="Industrial Area Remand and Allocation Prison", time_zone="Africa/Nairobi"))
    person = records.create(app.uow(), make_person(full_name="Abdirahman Hassan Warsame",
                                                   date_of_birth=date(1957, 12, 5)))
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=T0.date(),
                             facility_id=found.id, register_number="IAR/2026/01533", arrest_at=T0,
                             admission_at=T0, offence="Robbery")
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.load()
    window.open_case(case.id)
    facility = window.cases.case_view.header.values["facility"]
    line = facility.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: facility.height() < 2 * line)  # room enough: one line

    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.minimumSizeHint().width() <= 1024  # nothing pushed past a small screen's edge
    qtbot.waitUntil(lambda: facility.height() >= 2 * line)  # the long name wraps instead
    assert facility.text() == "Industrial Area Remand and Allocation Prison"


def test_in_a_narrow_window_the_timeline_keeps_each_date_and_event_whole_and_cuts_the_notes_instead(
        qtbot: QtBot, app: Application) -> None:
    case_id, custody_id = _case(app)
    for hours, kind in ((2, EventType.POLICE_STATION_ARRIVAL), (30, EventType.FIRST_APPEARANCE)):
        records.add_custody_event(app.uow(), custody_id=custody_id, type=kind, at=T0 + timedelta(hours=hours))
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.REMAND,
                              at=T0 + timedelta(days=2), days=14,
                              notes="Remanded by the Kibera law courts; next mention in 14 days")
    view = _view(qtbot, app, case_id)
    view.resize(870, 600)  # about the case view's width in a 1024-pixel window
    view.tabs.setCurrentWidget(view.timeline)
    table = view.timeline.events.table
    qtbot.waitUntil(table.isVisible)
    view.timeline.events.fit_columns()
    model, metrics = table.model(), table.fontMetrics()
    for row in range(model.rowCount()):
        when, event = model.index(row, 0).data(), model.index(row, 1).data()
        assert table.columnWidth(0) >= metrics.horizontalAdvance(when)
        assert table.columnWidth(1) >= metrics.horizontalAdvance(event), event  # "Arrival at police station"
    assert "Arrival at police station" in [model.index(r, 1).data() for r in range(model.rowCount())]
    assert model.index(model.rowCount() - 1, 2).data() == "14 days"  # how long the order lasts
    assert table.horizontalScrollBar().maximum() == 0  # the notes give way, still in sight


def test_a_case_is_found_and_opened_from_the_keyboard_alone(qtbot: QtBot, app: Application) -> None:
    for i, name in enumerate(("Amina Yusuf", "Brian Otieno")):
        _case(app, name=name, born=date(1990, 1, 1), register=f"R/{i}")
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.load()
    QTest.keyClicks(window.cases.search, "brian")
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1, timeout=2000)

    QTest.keyClick(window.cases.search, Qt.Key.Key_Return)
    QTest.keyClick(window.cases.table, Qt.Key.Key_Return)

    assert window.cases.currentWidget() is window.cases.case_view
    assert window.cases.case_view.header.name.text() == "Brian Otieno"


def test_enter_in_days_ordered_records_the_event(qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    _set_when(view, T0 + timedelta(days=1))
    QTest.keyClicks(view.timeline.form.days_edit, "21")
    QTest.keyClick(view.timeline.form.days_edit, Qt.Key.Key_Return)
    assert [(e.type, e.days) for e in load_case_file(app.uow(), case_id=case_id).spells[0].events] == [
        ("arrest", None), ("remand", 21)]


def test_escape_goes_back_to_the_list_at_the_same_row(qtbot: QtBot, app: Application) -> None:
    for i, name in enumerate(("Amina Yusuf", "Brian Otieno", "Carol Njeri")):
        _case(app, name=name, born=date(1990, 1, 1), register=f"R/{i}")
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.load()
    table = window.cases.table
    table.setCurrentIndex(window.cases.model.index(2, 1))
    table.doubleClicked.emit(table.currentIndex())
    table.activated.emit(table.currentIndex())
    assert window.cases.currentWidget() is window.cases.case_view
    assert window.cases.case_view.header.name.text() == "Carol Njeri"

    QTest.keyClick(window.cases.case_view.timeline.events.table, Qt.Key.Key_Escape)

    assert window.cases.currentWidget() is window.cases.list_page
    assert table.currentIndex().row() == 2


def test_an_event_added_through_the_form_shows_in_the_timeline_and_is_stored(
        qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    view.tabs.setCurrentWidget(view.timeline)
    form = view.timeline.form
    _choose(view, EventType.REMAND)
    _set_when(view, T0 + timedelta(days=2))
    QTest.keyClicks(form.days_edit, "14")
    QTest.keyClicks(form.notes_edit, "Remanded at Kibera law courts")
    changed: list[int] = []
    view.changed.connect(changed.append)

    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert _timeline_types(view) == ["arrest", "remand"]
    remand = view.timeline.events.model.row_at(1)
    assert remand.days == 14 and remand.notes == "Remanded at Kibera law courts"
    stored = load_case_file(app.uow(), case_id=case_id).spells[0].events
    assert [(e.type, e.days) for e in stored] == [("arrest", None), ("remand", 14)]
    assert stored[1].at == T0 + timedelta(days=2)
    assert "Recorded: Remand order" in form.message.text()
    assert form.days_edit.text() == "" and changed == [case_id]


def test_a_days_value_that_is_no_number_is_refused_beside_the_field_and_kept(
        qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    view.tabs.setCurrentWidget(view.timeline)
    form = view.timeline.form
    _choose(view, EventType.REMAND)
    QTest.keyClicks(form.days_edit, "two weeks")
    QTest.keyClicks(form.notes_edit, "Ordered by the magistrate")

    QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    message = form.errors["days"]
    assert message.isVisible()
    assert "'two weeks' is not valid" in message.text() and "whole number of days" in message.text()
    assert form.days_edit.text() == "two weeks"
    assert form.notes_edit.toPlainText() == "Ordered by the magistrate"
    assert form.event_type() is EventType.REMAND
    assert _timeline_types(view) == ["arrest"]
    assert len(load_case_file(app.uow(), case_id=case_id).spells[0].events) == 1


def test_a_remand_without_its_length_gets_the_domain_message_beside_days(
        qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    form = view.timeline.form
    _choose(view, EventType.REMAND)
    QTest.keyClicks(form.notes_edit, "No length given")

    form.save_button.click()

    assert not form.errors["days"].isHidden()
    assert "days is missing" in form.errors["days"].text()
    assert "length of the remand order" in form.errors["days"].text()
    assert form.notes_edit.toPlainText() == "No length given"
    assert form.errors["at"].isHidden()


def test_an_event_someone_else_added_meanwhile_is_a_conflict_and_the_input_is_kept(
        qtbot: QtBot, app: Application) -> None:
    case_id, custody_id = _case(app)
    view = _view(qtbot, app, case_id)
    form = view.timeline.form
    _choose(view, EventType.REMAND)
    QTest.keyClicks(form.days_edit, "7")
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.FIRST_APPEARANCE,
                              at=T0 + timedelta(days=1))  # another window saves first

    form.save_button.click()

    assert "Someone else changed this custody spell" in form.message.text()
    assert form.days_edit.text() == "7" and form.event_type() is EventType.REMAND
    assert _timeline_types(view) == ["arrest", "first_appearance"]
    form.save_button.click()  # the second try, on the fresh timeline, is saved
    assert _timeline_types(view) == ["arrest", "first_appearance", "remand"]


def test_deadlines_show_their_status_in_words_with_an_icon_and_the_header_counts_down(
        qtbot: QtBot, qtmodeltester: object, app: Application) -> None:
    case_id, custody_id = _case(app)
    for title, due, layer in (("Ask for the charge sheet", T0 + timedelta(hours=1), "national"),
                              ("UN review", NOW + timedelta(days=3), "benchmark")):
        records.create(app.uow(), Deadline(custody_id=custody_id, kind="review", layer=layer, due=due,
                                           due_date=due.date(), manual=True, title=title,
                                           citation="Test citation", explanation=f"Why {title}"))
    view = _view(qtbot, app, case_id)

    national = view.deadlines.national.model
    rows = [national.row_at(i) for i in range(national.rowCount())]
    overdue = next(i for i, r in enumerate(rows) if r.title == "Ask for the charge sheet")
    assert national.data(national.index(overdue, 0)) == "Overdue"
    assert national.data(national.index(overdue, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert national.data(national.index(overdue, 3)) == "18 days over"  # 2 March to 20 March
    benchmark = view.deadlines.benchmark.model
    assert [benchmark.row_at(i).title for i in range(benchmark.rowCount())
            if benchmark.row_at(i).manual] == ["UN review"]
    assert "18 days over" in view.header.deadline.text()
    assert "Ask for the charge sheet" in view.header.deadline.text()
    view.tabs.setCurrentWidget(view.deadlines)
    view.deadlines.national.table.selectRow(overdue)
    assert "Why Ask for the charge sheet" in view.deadlines.detail.toPlainText()
    assert "Test citation" in view.deadlines.detail.toPlainText()
    qtmodeltester.check(national)  # type: ignore[attr-defined]
    qtmodeltester.check(view.timeline.events.model)  # type: ignore[attr-defined]
    assert national.data(national.index(overdue, 0), RowRole).title == "Ask for the charge sheet"


def test_what_was_typed_for_one_case_waits_while_another_is_looked_at(
        qtbot: QtBot, app: Application) -> None:
    first, _c1 = _case(app, name="Amina Yusuf")
    second, _c2 = _case(app, name="Brian Otieno", register="R/2")
    view = _view(qtbot, app, first)
    QTest.keyClicks(view.timeline.form.notes_edit, "Half-typed note")

    view.open_case(second)
    assert view.timeline.form.notes_edit.toPlainText() == ""
    view.open_case(first)

    assert view.timeline.form.notes_edit.toPlainText() == "Half-typed note"


def test_every_control_of_the_case_view_has_an_accessible_name(qtbot: QtBot, app: Application) -> None:
    case_id, _custody = _case(app)
    view = _view(qtbot, app, case_id)
    kinds = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)

    def inside_a_compound(widget: QWidget) -> bool:
        """A spin box's line edit or a combo box's list is named through its owner."""
        parent = widget.parentWidget()
        while parent is not None and parent is not view:
            if isinstance(parent, QAbstractSpinBox | QComboBox):
                return True
            parent = parent.parentWidget()
        return False

    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in view.findChildren(QWidget)
               if isinstance(w, kinds) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
               and not w.accessibleName() and not inside_a_compound(w)]
    assert unnamed == []


def test_the_desktop_command_opens_a_case_by_reference(tmp_path: Path, app: Application) -> None:
    case_id, _custody = _case(app)
    ref = load_case_file(app.uow(), case_id=case_id).header.case_ref
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    out = tmp_path / "case.png"
    done = subprocess.run([sys.executable, "-m", "legalaid_desktop.ui.main", "--db", str(app.location.path),
                           "--case", ref, "--screenshot", str(out)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    unknown = subprocess.run([sys.executable, "-m", "legalaid_desktop.ui.main", "--db",
                              str(app.location.path), "--case", "LA-1999-000001", "--screenshot", str(out)],
                             capture_output=True, text=True, timeout=120, env=env)
    assert unknown.returncode == 2
    assert "No case matches 'LA-1999-000001'" in unknown.stderr


def test_qt_calls_by_the_thousand_do_not_wear_out_none_true_and_false(qtbot: QtBot) -> None:
    """PySide6 6.12.0 takes a reference from None per void call and from True/False per bool signal
    on CPython 3.11, and the process soon aborts ("none_dealloc"); pyproject.toml excludes it."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    class Flag(QObject):
        changed = Signal(bool)

    label, flag = QLabel(), Flag()
    count = 0

    def heard(value: bool) -> None:
        nonlocal count
        count += 1

    flag.changed.connect(heard)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2_000):
        label.setText("x")
        flag.changed.emit(i % 2 == 0)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert count == 2_000
    assert all(a - b > -100 for a, b in zip(after, before, strict=True)), (before, after)


def test_every_table_model_of_the_case_view_passes_the_qt_model_tester(
        qtbot: QtBot, qtmodeltester: object, app: Application) -> None:
    from legalaid_desktop.domain.cases import Hearing, Note
    from legalaid_desktop.ui.case_tabs import TablePane

    case_id, custody_id = _case(app)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.REMAND,
                              at=T0 + timedelta(days=1), days=14)
    records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=T0 + timedelta(days=9), purpose="Plea"))
    records.create(app.uow(), Note(case_id=case_id, at=T0 + timedelta(days=2), author="paralegal",
                                   text="Visited", minutes_spent=30))
    view = _view(qtbot, app, case_id)
    panes = view.findChildren(TablePane)
    assert len(panes) >= 10
    for pane in panes:
        qtmodeltester.check(pane.model)  # type: ignore[attr-defined]
    assert view.history.model.rowCount() >= 5  # case, party, charge, custody, events, hearing, note


def test_the_history_tab_says_in_words_what_changed_never_the_codes_the_audit_log_keeps(
        qtbot: QtBot, app: Application) -> None:
    from legalaid_desktop.domain.cases import Charge, Note, Party
    from legalaid_desktop.domain.vocab import NoteKind, PartyRole
    from legalaid_desktop.services.records import ENTITY_NAMES
    from legalaid_desktop.ui.audit_text import CODES, FIELD_LABELS

    case_id, custody_id = _case(app)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.WARRANT_OF_FURTHER_DETENTION,
                              at=T0 + timedelta(days=1), days=21)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.EXCLUDED_INTERVAL,
                              at=T0 + timedelta(days=2), until=T0 + timedelta(days=4))
    records.create(app.uow(), Note(case_id=case_id, kind=NoteKind.COURT_ATTENDANCE, at=T0 + timedelta(days=3),
                                   author="paralegal", text="Mention", minutes_spent=40))
    co_accused = records.create(app.uow(), make_person(full_name="Otieno Brian"))
    records.create(app.uow(), Party(case_id=case_id, person_id=co_accused.id, role=PartyRole.CO_ACCUSED))
    with app.uow() as uow:
        charge = uow.repo(Charge).find(case_id=case_id)[0]
        assert charge.id is not None
        charge_id, version = charge.id, charge.version
    records.update(app.uow(), Charge, charge_id, expected_version=version,
                   changes={"max_sentence_months": 120, "first_offender": True})
    view = _view(qtbot, app, case_id)
    pane, model = view.history, view.history.model
    cells = [str(model.index(r, c).data())
             for r in range(model.rowCount()) for c in range(model.columnCount())]
    details = []
    for row in range(model.rowCount()):
        pane.table.selectRow(row)
        assert pane.detail is not None
        details.append(pane.detail.toPlainText())
    shown = " ".join(cells + details)

    # Codes of more than one word (custody_event, max_sentence_months, co_accused), True and False.
    codes = {c for c in (*CODES, *ENTITY_NAMES.values(), *FIELD_LABELS) if "_" in c} | {"True", "False"}
    raw = sorted(codes & set(re.findall(r"\w+", shown)))
    assert not raw, raw
    assert "Event: Warrant of further detention" in shown and "Event: Time not counted" in shown
    assert "Days ordered: 21" in shown and "Kind: Court attendance" in shown and "Role: Co accused" in shown
    assert "Longest sentence (months): 120" in shown and "First offender: Yes" in shown
    actions = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert actions == {"Added", "Changed"}
