"""The conflict check dialog with a common name: the closest matches listed, and a line under them with
how many more matched on name alone and what would narrow them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application
from legalaid_desktop.services import records
from legalaid_desktop.services.conflicts import LISTED_PEOPLE
from legalaid_desktop.ui.conflicts_dialog import ConflictsDialog
from tests.builders import make_person

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

COMMON = "Mohammed Abdullahi"
NAMESAKES = LISTED_PEOPLE + 7


@pytest.fixture
def namesakes(app: Application) -> int:
    """Namesakes on name alone, and one spelling variant born on the day the tests give."""
    with app.uow() as uow:
        uow.bulk_insert([make_person(full_name=COMMON, date_of_birth=None, identity_number=None)
                         for _ in range(NAMESAKES)])
        uow.commit()
    variant = make_person(full_name="Muhammad Abdulahi", date_of_birth=date(1990, 5, 17),
                          identity_number=None)
    return records.create(app.uow(), variant).id


def _dialog(qtbot: QtBot, app: Application, width: int, height: int) -> ConflictsDialog:
    dialog = ConflictsDialog(app, name=COMMON)
    qtbot.addWidget(dialog)
    dialog.resize(width, height)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800)])
def test_the_dialog_lists_the_closest_and_says_how_many_more_match_on_name_alone(
        qtbot: QtBot, app: Application, namesakes: int, size: tuple[int, int]) -> None:
    dialog = _dialog(qtbot, app, *size)
    assert not dialog.more.isVisible()
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == LISTED_PEOPLE
    qtbot.waitUntil(dialog.more.isVisible)
    more = NAMESAKES + 1 - LISTED_PEOPLE  # the variant too: without the date it is a name alone
    assert dialog.more.text() == (f"{more} more possible matches on name alone: add a date of birth or an "
                                  "identity number to narrow them.")
    assert dialog.summary.text().startswith(f"<b>The {LISTED_PEOPLE} closest possible matches</b>")
    assert f"and {more} more on name alone" in dialog.summary.text()
    # The providers' column in sight, and each case number, role and reason whole.
    table = dialog.table
    assert table.columnViewportPosition(5) + 80 < table.viewport().width()
    metrics = table.fontMetrics()
    for column in (1, 2, 4):
        widest = max(metrics.horizontalAdvance(str(dialog.model.index(r, column).data()))
                     for r in range(dialog.model.rowCount()))
        assert table.columnWidth(column) > widest, column
    # The line in sight, whole, under the list and above the Close row.
    place = dialog.more.geometry()
    assert place.top() >= dialog.table.geometry().bottom() and place.bottom() <= dialog.height()
    assert dialog.more.heightForWidth(place.width()) <= place.height()

    QTest.keyClicks(dialog.dob_edit, "1990-05-17")
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert namesakes in {m.person_id for m in dialog.matches}  # the same date of birth: always listed
    assert dialog.more.text() == (f"{NAMESAKES - (LISTED_PEOPLE - 1)} more possible matches on name alone: "
                                  "add an identity number to narrow them.")


def test_the_line_goes_when_a_later_check_lists_everyone(qtbot: QtBot, app: Application,
                                                          namesakes: int) -> None:
    dialog = _dialog(qtbot, app, 900, 560)
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.more.isVisible)
    dialog.name_edit.setText("Nobody Like This Name")
    QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.more.isVisible() and not dialog.table.isVisible()
    assert "No possible match" in dialog.summary.text()
