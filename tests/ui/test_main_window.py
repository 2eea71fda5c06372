"""The main window opens a database and its cases list pages, sorts and searches in the database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.services import records
from legalaid_desktop.ui.case_model import PAGE_SIZE
from legalaid_desktop.ui.main_window import MainWindow
from tests.builders import make_facility, make_person


def _fill(app: Application, names: list[str]) -> None:
    facility = records.create(app.uow(), make_facility())
    for i, name in enumerate(names):
        person = records.create(app.uow(), make_person(full_name=name))
        records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                          facility_id=facility.id, register_number=f"KAM/2026/{i:04d}",
                          arrest_at=datetime(2026, 3, 1, tzinfo=UTC))


def test_the_cases_model_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: object,
                                                     app: Application) -> None:
    _fill(app, ["Amina Yusuf", "Brian Otieno", "محمد عبد الله"])
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.load()
    qtmodeltester.check(window.cases.model)  # type: ignore[attr-defined]


def test_typing_in_search_narrows_the_list_to_matching_people(qtbot: QtBot, app: Application) -> None:
    _fill(app, ["Amina Yusuf", "Brian Otieno", "José Mwangi"])
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.load()
    assert window.cases.model.rowCount() == 3

    QTest.keyClicks(window.cases.search, "jose")
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1, timeout=2000)

    row = window.cases.model.row_at(0)
    assert row is not None and row.full_name == "José Mwangi"
    assert window.cases.count_label.text() == "1 case"


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")  # shown offscreen
def test_an_empty_cases_list_says_how_a_case_begins_and_a_search_that_finds_none_says_so(
        qtbot: QtBot, app: Application) -> None:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.show_view("cases")
    window.load()
    hint = window.cases.empty_hint
    assert hint.isVisible() and "No case is recorded yet" in hint.text()
    assert "New request" in hint.text() and "Import facility register" in hint.text()

    _fill(app, ["Amina Yusuf"])
    window.cases.apply_search()
    assert not hint.isVisible()
    QTest.keyClicks(window.cases.search, "nobody by this name")
    qtbot.waitUntil(hint.isVisible, timeout=2000)
    assert hint.text().startswith("No case matches “nobody by this name”")


def test_the_list_fetches_only_the_pages_it_shows(qtbot: QtBot, app: Application) -> None:
    _fill(app, [f"Person {i:04d}" for i in range(PAGE_SIZE + 20)])
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.load()
    model = window.cases.model
    assert model.rowCount() == PAGE_SIZE + 20
    assert model.row_at(PAGE_SIZE + 19) is not None
    assert len(model._pages) <= 2


def test_sorting_by_days_held_puts_the_longest_held_first(qtbot: QtBot, app: Application) -> None:
    facility = records.create(app.uow(), make_facility())
    for name, day in (("Short Stay", 20), ("Long Stay", 1), ("Mid Stay", 10)):
        person = records.create(app.uow(), make_person(full_name=name))
        records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                          facility_id=facility.id, arrest_at=datetime(2026, 3, day, tzinfo=UTC))
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.load()
    from PySide6.QtCore import Qt

    window.cases.model.sort(7, Qt.SortOrder.DescendingOrder)
    names = [window.cases.model.row_at(i).full_name for i in range(3)]  # type: ignore[union-attr]
    assert names == ["Long Stay", "Mid Stay", "Short Stay"]


def test_screenshot_mode_writes_a_png_of_the_window(tmp_path: Path, app: Application) -> None:
    _fill(app, ["Amina Yusuf"])
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "legalaid_desktop.ui.main", "--db", str(app.location.path),
         "--screenshot", str(out), "--view", "cases"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_database_location_it_cannot_use_is_refused_with_a_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "legalaid_desktop.ui.main", "--db", "postgresql://host/db",
         "--screenshot", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
    assert done.returncode == 2
    assert "not supported yet" in done.stderr


def test_demo_mode_opens_a_new_database_with_that_many_cases(tmp_path: Path) -> None:
    out = tmp_path / "demo.png"
    done = subprocess.run(
        [sys.executable, "-m", "legalaid_desktop.ui.main", "--demo", "150", "--screenshot", str(out)],
        capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
             "TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    databases = list(tmp_path.glob("legalaid-demo-*/demo.sqlite"))
    assert len(databases) == 1
    from legalaid_desktop.app import open_application
    from legalaid_desktop.domain.dto import CaseFilter
    from legalaid_desktop.services.cases import list_cases
    from legalaid_desktop.services.users import DEMO_ADMIN, DEMO_PASSWORD

    # A demo database has its demo administrator, so opening it again signs in.
    reopened = open_application(str(databases[0]), create=False, user=DEMO_ADMIN, password=DEMO_PASSWORD)
    assert reopened.principal.name == DEMO_ADMIN
    assert list_cases(reopened.uow(), filters=CaseFilter(), limit=0, with_total=True).total == 150


def test_demo_data_fills_behind_a_progress_dialog_that_can_stop_it(
        qtbot: QtBot, app: Application, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from legalaid_desktop.domain.dto import CaseFilter
    from legalaid_desktop.services.cases import list_cases
    from legalaid_desktop.ui.main import fill_demo

    fill_demo(app, 1_500, show_progress=True)
    assert list_cases(app.uow(), filters=CaseFilter(), limit=0, with_total=True).total == 1_500

    answers = iter([False] * 7)  # Stop is pressed after seven chunks of cases
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: next(answers, True))
    other = open_application(str(app.location.path.with_name("other.sqlite")), actor="tester")
    fill_demo(other, 10_000, show_progress=True)
    kept = list_cases(other.uow(), filters=CaseFilter(), limit=0, with_total=True).total
    assert kept == 5_000  # the first batch of 5,000 was finished and stays; the second is dropped


def test_a_recompute_at_start_up_shows_how_far_it_has_got(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from legalaid_desktop.ui.main import RecomputeFeedback

    feedback = RecomputeFeedback()
    feedback(2000)
    feedback(4000)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert len(shown) == 1
    assert "4,000 custody spells done" in shown[0].labelText()
    feedback.close()
    assert not shown[0].isVisible()


STARTUP_PROBE = """
import sys
from legalaid_desktop.ui import start_window
real = start_window.trace
def probe(event):
    sys.stderr.write(f"probe {event} sqlalchemy={'sqlalchemy' in sys.modules}\\n")
    real(event)
start_window.trace = probe
from legalaid_desktop.ui.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_window_is_painted_before_the_database_layer_is_even_imported(
        tmp_path: Path, app: Application) -> None:
    """The first paint comes before SQLAlchemy, the database and the sign-in (over a second of a
    laptop's start); then the window with the data follows, and the trace says when."""
    shot = tmp_path / "start.png"
    result = subprocess.run([sys.executable, "-c", STARTUP_PROBE, "--db", str(app.location.path),
                             "--screenshot", str(shot)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "LEGALAID_STARTUP_TRACE": "1",
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    probes = [line.split()[1:] for line in result.stderr.splitlines() if line.startswith("probe ")]
    assert probes[0] == ["first-paint", "sqlalchemy=False"]
    assert [p[0] for p in probes] == ["first-paint", "database-open", "signed-in", "data-on-screen"]
    assert "legalaid-desktop: startup data-on-screen" in result.stderr and shot.stat().st_size > 0
