"""The intake wizard driven through its widgets: a new request to a granted one with its case opened,
drafts kept at every step and resumed after the window closed, and bad input refused beside the field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWizard
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import Decision, InterestsOfJusticeGround, MeansTestResult
from legalaid_desktop.services import intake, records
from legalaid_desktop.services.requests import MEANS_THRESHOLD
from legalaid_desktop.services.settings import set_setting
from legalaid_desktop.ui.intake_wizard import IntakeWizard
from legalaid_desktop.ui.main_window import MainWindow
from tests.builders import make_facility, make_person

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _clock() -> datetime:
    return NOW


@pytest.fixture
def window(qtbot: QtBot, app: Application) -> Iterator[MainWindow]:
    records.create(app.uow(), make_facility(name="Kamiti Remand", time_zone="Africa/Nairobi"))
    set_setting(app.uow(), key=MEANS_THRESHOLD, value="20000", effective_from=date(2026, 1, 1))
    main = MainWindow(app, clock=_clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.load()  # the cases list is read at start, so a case opened later must join it
    main.show_view("requests")
    yield main
    wizard = main.requests.wizard
    if wizard is not None and wizard.isVisible():
        wizard.done(QWizard.DialogCode.Rejected)


def _open_wizard(qtbot: QtBot, window: MainWindow) -> IntakeWizard:
    page = window.requests
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.wizard is not None and page.wizard.isVisible(), timeout=2000)
    assert page.wizard is not None
    return page.wizard


def _next(qtbot: QtBot, wizard: IntakeWizard) -> None:
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _new_person(qtbot: QtBot, wizard: IntakeWizard, name: str) -> None:
    """From the first step to the person, searched for and recorded as new."""
    _to_person(qtbot, wizard)
    QTest.keyClicks(wizard.person.full_name, name)
    QTest.mouseClick(wizard.person.search_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(wizard.person.new_button, Qt.MouseButton.LeftButton)


def _tick(box: QAbstractButton) -> None:
    """Tick a check box from the keyboard (a click must land on its words, not the empty row)."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)


def _count(app: Application, cls: type) -> int:
    with app.uow() as uow:
        return uow.repo(cls).count()


def _to_person(qtbot: QtBot, wizard: IntakeWizard) -> None:
    where = wizard.where
    where.facility.setCurrentIndex(where.facility.findText("Kamiti Remand"))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.person


def test_a_new_request_is_granted_and_its_case_opens_in_cases(qtbot: QtBot, app: Application,
                                                              window: MainWindow) -> None:
    records.create(app.uow(), make_person(full_name="Someone Else Entirely"))
    wizard = _open_wizard(qtbot, window)
    _to_person(qtbot, wizard)
    person = wizard.person
    QTest.keyClicks(person.full_name, "Juma Otieno")
    QTest.keyClicks(person.dob, "1990-01-05")
    QTest.mouseClick(person.search_button, Qt.MouseButton.LeftButton)
    assert person.matches.rowCount() == 0 and "No one like this" in person.choice.text()
    QTest.mouseClick(person.new_button, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.urgency
    assert wizard.urgency.preliminary.isChecked()  # asking from a prison: aid while deciding
    _tick(wizard.urgency.urgent)
    _next(qtbot, wizard)
    means = wizard.means
    assert "20,000" in means.banner.text()
    QTest.keyClicks(means.applicant, "25000")
    assert "above the means threshold" in means.result.text()
    _next(qtbot, wizard)
    grounds = wizard.grounds
    _tick(grounds.boxes[InterestsOfJusticeGround.SEVERITY_OF_PENALTY])
    QTest.keyClicks(grounds.texts[InterestsOfJusticeGround.SEVERITY_OF_PENALTY], "Robbery: up to life")
    _next(qtbot, wizard)
    form = wizard.decision.form
    assert "Severity" in wizard.decision.summary.text()
    _tick(form.buttons[Decision.GRANTED])
    assert form.open_case.isVisible() and form.open_case.isChecked()
    QTest.keyClicks(form.offence, "Robbery with violence")
    QTest.keyClicks(form.register, "KAM/2026/0042")
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    assert "opened" in window.requests.notice.text()
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).find()[0]
        case = uow.repo(Case).get(request.case_id or 0)
        person_row = uow.repo(Person).get(request.person_id)
        assert request.decision is Decision.GRANTED and request.urgent and request.preliminary_aid
        assert request.means_result is MeansTestResult.NOT_ELIGIBLE and request.applicant_income == 25000
        assert case is not None and person_row is not None and person_row.full_name == "Juma Otieno"
        case_ref = case.case_ref
    assert window.requests.model.total() == 1
    assert intake.list_drafts(app.uow()) == []  # the draft went with the saved request
    window.show_view("cases")
    qtbot.waitUntil(lambda: window.cases.model.total() == 1, timeout=2000)
    row = window.cases.model.row_at(0)
    assert row is not None and row.case_ref == case_ref and row.register_number == "KAM/2026/0042"


def test_an_existing_person_is_found_despite_spelling_and_chosen(qtbot: QtBot, app: Application,
                                                                 window: MainWindow) -> None:
    known = records.create(app.uow(), make_person(full_name="Mohamed Abdallah",
                                                  date_of_birth=date(2009, 2, 3)))
    wizard = _open_wizard(qtbot, window)
    _to_person(qtbot, wizard)
    person = wizard.person
    QTest.keyClicks(person.full_name, "Mohammed Abdalla")
    QTest.keyClicks(person.dob, "03/02/2009")
    QTest.keyClick(person.full_name, Qt.Key.Key_Return)
    assert person.matches.rowCount() == 1
    why = person.matches.item(0, 4)
    assert why is not None and "same date of birth" in why.text()
    QTest.mouseClick(person.use_button, Qt.MouseButton.LeftButton)
    assert "Existing record: Mohamed Abdallah" in person.choice.text()
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    assert "A child on" in wizard.means.banner.text()  # 17 on the day: exempt from the means test
    for _step in range(2):
        _next(qtbot, wizard)
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).find()[0]
        assert request.person_id == known.id and request.means_result is MeansTestResult.EXEMPT_CHILD
        assert request.decision is Decision.PENDING
    assert _count(app, Person) == 1


def test_a_draft_is_kept_at_every_step_and_resumed_after_the_window_closes(
        qtbot: QtBot, app: Application, window: MainWindow) -> None:
    wizard = _open_wizard(qtbot, window)
    _new_person(qtbot, wizard, "Amina Draft")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    QTest.keyClicks(wizard.means.applicant, "1200")
    _next(qtbot, wizard)
    # No save was asked for: moving on kept it (a crash now would lose nothing but this step).
    drafts = intake.list_drafts(app.uow())
    assert [d.person_name for d in drafts] == ["Amina Draft"] and drafts[0].step == "grounds"
    assert intake.load_draft(app.uow(), draft_id=drafts[0].draft_id).fields["applicant_income"] == "1200"
    _tick(wizard.grounds.boxes[InterestsOfJusticeGround.URGENCY])
    QTest.keyClicks(wizard.grounds.texts[InterestsOfJusticeGround.URGENCY], "Hearing tomorrow")
    QTest.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    assert _count(app, LegalAidRequest) == 0 and _count(app, Person) == 0
    window.close()

    again = MainWindow(app, clock=_clock)
    qtbot.addWidget(again)
    again.show()
    again.show_view("requests")
    page = again.requests
    qtbot.waitUntil(lambda: page.drafts.count() == 1 and page.draft_at(0) is not None, timeout=2000)
    assert "Amina Draft" in page.drafts.item(0).text()
    page.drafts.setCurrentRow(0)
    QTest.mouseClick(page.resume_button, Qt.MouseButton.LeftButton)
    resumed = page.wizard
    assert resumed is not None and resumed.isVisible()
    assert resumed.person.full_name.text() == "Amina Draft" and resumed.means.applicant.text() == "1200"
    assert resumed.grounds.texts[InterestsOfJusticeGround.URGENCY].toPlainText() == "Hearing tomorrow"
    for _step in range(5):
        _next(qtbot, resumed)
    assert resumed.currentPage() is resumed.decision
    QTest.mouseClick(resumed.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not resumed.isVisible(), timeout=2000)
    assert _count(app, LegalAidRequest) == 1 and intake.list_drafts(app.uow()) == []
    assert page.drafts.count() == 1 and page.draft_at(0) is None  # "No drafts" line only


def test_a_future_date_of_birth_is_refused_beside_the_field_and_nothing_is_saved(
        qtbot: QtBot, app: Application, window: MainWindow) -> None:
    wizard = _open_wizard(qtbot, window)
    _to_person(qtbot, wizard)
    person = wizard.person
    QTest.keyClicks(person.full_name, "Future Born")
    QTest.keyClicks(person.dob, (date.today() + timedelta(days=30)).isoformat())
    QTest.mouseClick(person.search_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(person.new_button, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard)
    assert wizard.currentPage() is person
    message = person.errors["date_of_birth"]
    assert message.isVisible() and "Date of birth" in message.text() and "not in the future" in message.text()
    assert person.dob.text()  # what was typed is kept
    assert _count(app, Person) == 0 and _count(app, LegalAidRequest) == 0


def test_a_negative_income_and_a_missing_justification_are_refused_beside_their_fields(
        qtbot: QtBot, app: Application, window: MainWindow) -> None:
    wizard = _open_wizard(qtbot, window)
    _new_person(qtbot, wizard, "Grace Wanjiru")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    means = wizard.means
    QTest.keyClicks(means.applicant, "-500")
    _next(qtbot, wizard)
    assert wizard.currentPage() is means
    message = means.errors["applicant_income"]
    assert message.isVisible() and "Applicant's own monthly income" in message.text()
    assert "zero or more" in message.text()
    means.applicant.clear()
    QTest.keyClicks(means.applicant, "500")
    _next(qtbot, wizard)
    grounds = wizard.grounds
    _tick(grounds.boxes[InterestsOfJusticeGround.COMPLEXITY])
    _next(qtbot, wizard)
    assert wizard.currentPage() is grounds
    missing = grounds.errors[InterestsOfJusticeGround.COMPLEXITY.value]
    assert missing.isVisible() and "Complexity: a justification is missing" in missing.text()
    assert _count(app, Person) == 0 and _count(app, LegalAidRequest) == 0


def test_a_refusal_needs_its_reasons_and_shows_the_route_of_appeal(qtbot: QtBot, app: Application,
                                                                   window: MainWindow) -> None:
    wizard = _open_wizard(qtbot, window)
    _new_person(qtbot, wizard, "Refused Person")
    for _step in range(4):
        _next(qtbot, wizard)
    form = wizard.decision.form
    _tick(form.buttons[Decision.REFUSED])
    assert form.appeal_note.isVisible() and "appeal" in form.appeal_note.text()
    assert not form.open_case.isVisible()
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and form.errors["decision_reasons"].isVisible()
    assert _count(app, LegalAidRequest) == 0
    QTest.keyClicks(form.reasons, "Income well above the threshold; no ground given")
    QTest.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    with app.uow() as uow:
        request = uow.repo(LegalAidRequest).find()[0]
        assert request.decision is Decision.REFUSED and request.decision_reasons is not None


def test_a_pause_in_typing_keeps_the_draft_without_leaving_the_step(
        qtbot: QtBot, app: Application, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalaid_desktop.ui import intake_wizard

    monkeypatch.setattr(intake_wizard, "AUTOSAVE_MS", 50)
    wizard = _open_wizard(qtbot, window)
    _to_person(qtbot, wizard)
    QTest.keyClicks(wizard.person.full_name, "Typed Then Crashed")
    qtbot.waitUntil(lambda: [d.person_name for d in intake.list_drafts(app.uow())] == ["Typed Then Crashed"],
                    timeout=3000)
    assert wizard.currentPage() is wizard.person
