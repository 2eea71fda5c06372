"""Demo data on a real SQLite file: deterministic, complete, valid, searchable, and the `demo` command."""

from __future__ import annotations

import signal
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.cli import cmd_demo
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Case, Charge, Hearing
from legalaid_desktop.domain.custody import Custody, CustodyEvent
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Assignment, Court, Facility, Jurisdiction, Provider
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import (
    CaseStatus,
    CustodyStatus,
    Decision,
    EventType,
    MeansTestResult,
    ProviderKind,
)
from legalaid_desktop.services import demo
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.demo import (
    DemoCancelledError,
    DemoRefusedError,
    check_demo_request,
    fill_demo_database,
)
from legalaid_desktop.services.ports import UnitOfWork

AS_OF = date(2026, 3, 2)
N = 300
CHUNK = 50  # small chunks and batches, so a few hundred cases cross several of each
BATCH = 100


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "CHUNK", CHUNK)


def _fill(app: Application, cases: int = N, seed: int = 7, *, append: bool = False) -> demo.DemoSummary:
    return fill_demo_database(app.uow, app.catalogue, cases=cases, seed=seed, as_of=AS_OF, batch_size=BATCH,
                              append=append)


def _dump(path: Path, *, index_pages: bool = True) -> list[str]:
    """Every row of every table as SQL text, except the audit log (it records when the fill ran).

    Without `index_pages`, the full-text index's own storage is left out (its pages follow the
    transactions that wrote them) and its content is listed instead.
    """
    with sqlite3.connect(path) as connection:
        lines = [line for line in connection.iterdump() if 'INSERT INTO "audit_entry"' not in line
                 and (index_pages or 'INTO "case_search_' not in line)]
        if not index_pages:
            content = connection.execute("SELECT rowid, body FROM case_search ORDER BY 1")
            lines += [repr(row) for row in content]
    return lines


E = TypeVar("E", bound=Entity)


def _all(uow: UnitOfWork, cls: type[E]) -> list[E]:
    return list(uow.repo(cls).stream())


@pytest.fixture
def filled(app: Application) -> Application:
    _fill(app)
    return app


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Application:
    """One filled database for the tests that only read it."""
    # Unencrypted: these tests read the file with the sqlite3 module (test_encryption.py covers the key).
    app = open_application(str(tmp_path_factory.mktemp("demo") / "shared.sqlite"), actor="tester",
                           encryption=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "CHUNK", CHUNK)
        _fill(app)
    return app


def test_the_same_seed_and_date_give_byte_identical_databases(app: Application, tmp_path: Path) -> None:
    other = open_application(str(tmp_path / "again.sqlite"), actor="someone else",
                             encryption=False)  # read with the sqlite3 module below
    _fill(app)
    _fill(other)

    first, second = _dump(app.location.path), _dump(other.location.path)
    assert first == second
    assert len(first) > 10 * N
    assert (list_cases(app.uow(), filters=CaseFilter(), limit=N, today=AS_OF)
            == list_cases(other.uow(), filters=CaseFilter(), limit=N, today=AS_OF))


def test_the_rows_do_not_depend_on_how_many_cases_go_in_a_transaction(app: Application,
                                                                      tmp_path: Path) -> None:
    other = open_application(str(tmp_path / "batches.sqlite"), actor="tester",
                             encryption=False)  # read with the sqlite3 module below
    _fill(app)
    fill_demo_database(other.uow, other.catalogue, cases=N, seed=7, as_of=AS_OF, batch_size=7)

    assert _dump(app.location.path, index_pages=False) == _dump(other.location.path, index_pages=False)


def test_a_fill_stopped_on_request_keeps_whole_batches_and_says_how_many(app: Application) -> None:
    reported: list[int] = []

    with pytest.raises(DemoCancelledError) as stopped:
        fill_demo_database(app.uow, app.catalogue, cases=6 * BATCH, seed=7, as_of=AS_OF, batch_size=BATCH,
                           progress=lambda done, total: reported.append(done),
                           cancelled=lambda: bool(reported))

    assert stopped.value.done == reported[-1] == BATCH
    with app.uow() as uow:
        assert uow.repo(Case).count() == BATCH


def test_a_different_seed_gives_different_people(app: Application, tmp_path: Path) -> None:
    other = open_application(str(tmp_path / "other.sqlite"), actor="tester")
    _fill(app, seed=7)
    _fill(other, seed=8)

    with app.uow() as one, other.uow() as two:
        first, second = _all(one, Person), _all(two, Person)
        assert {p.full_name for p in first} != {p.full_name for p in second}
        assert {p.uuid for p in first}.isdisjoint({p.uuid for p in second})


def test_it_creates_the_cases_asked_for_with_50_facilities_and_300_providers(app: Application) -> None:
    summary = _fill(app)

    assert (summary.cases, summary.facilities, summary.providers) == (N, 50, 300)
    with app.uow() as uow:
        assert uow.repo(Case).count() == N
        assert uow.repo(Person).count() == N
        assert uow.repo(Custody).count() == N
        assert uow.repo(Facility).count() == 50
        assert uow.repo(Provider).count() == 300
        assert uow.repo(Jurisdiction).count() == 9
        assert uow.repo(Court).count() > 9
        facilities = [(f.jurisdiction_code, f.kind.value) for f in _all(uow, Facility)]
        providers = [(p.id, p.kind, p.supervisor_id) for p in _all(uow, Provider)]
    assert {code for code, _ in facilities} == {"KE", "UG", "MW", "NG", "ZA", "IN", "GB-EAW", "PH", "TZ"}
    kinds = Counter(kind for _, kind in facilities)
    assert kinds["child_detention"] == 2 and kinds["police_station"] >= 5 and kinds["prison"] >= 20
    lawyers = {key for key, kind, _ in providers if kind is ProviderKind.LAWYER}
    supervisors = [boss for _, kind, boss in providers if kind is not ProviderKind.LAWYER]
    assert supervisors and all(boss in lawyers for boss in supervisors)


def test_every_case_has_its_person_charges_custody_events_and_hearings(shared: Application) -> None:
    with shared.uow() as uow:
        for case in _all(uow, Case)[:40]:
            assert case.id is not None
            assert 1 <= len(uow.repo(Hearing).find(case_id=case.id)) <= 2
            assert 1 <= len(uow.repo(Charge).find(case_id=case.id)) <= 2
            spells = uow.repo(Custody).find(case_id=case.id)
            assert len(spells) == 1
            kinds = {e.type for e in uow.repo(CustodyEvent).find(custody_id=spells[0].id)}
            assert {EventType.ARREST, EventType.POLICE_STATION_ARRIVAL} <= kinds
        events = Counter(e.type for e in _all(uow, CustodyEvent))
    assert events[EventType.FIRST_APPEARANCE] > N / 2
    assert events[EventType.REMAND] > events[EventType.FIRST_APPEARANCE]
    assert events[EventType.BAIL] + events[EventType.RELEASE] > 0


def test_every_record_keeps_the_domain_rules(shared: Application) -> None:
    with shared.uow() as uow:
        people, spells = _all(uow, Person), _all(uow, Custody)
        requests, cases = _all(uow, LegalAidRequest), _all(uow, Case)
        hearings, assignments = _all(uow, Hearing), _all(uow, Assignment)
        for person in people:
            person.check(today=AS_OF)
        for custody in spells:
            custody.check()
            assert custody.register_number and custody.time_zone
            assert custody.arrest_at is not None and custody.arrest_at.date() < AS_OF
        for request in requests:
            request.check()
            if request.decision is Decision.REFUSED:
                assert request.decision_reasons
            if request.child_exemption:
                assert request.means_result is MeansTestResult.EXEMPT_CHILD
        for case in cases:
            assert case.opened_on <= AS_OF
            assert case.closed_on is None or case.opened_on <= case.closed_on
            assert (case.status is CaseStatus.CLOSED) == (case.closed_on is not None)
        for hearing in hearings:
            assert hearing.next_date is None or hearing.next_date >= hearing.scheduled_at.date()
            assert (hearing.outcome is None) == (hearing.scheduled_at.date() >= AS_OF)
        for assignment in assignments:
            assert assignment.ended_at is None or assignment.started_at <= assignment.ended_at
        registers = Counter((c.facility_id, c.register_number) for c in spells)
    assert max(registers.values()) == 1


def test_the_mix_has_women_children_foreigners_the_unrepresented_and_refusals(shared: Application) -> None:
    with shared.uow() as uow:
        people, spells, cases = _all(uow, Person), _all(uow, Custody), _all(uow, Case)
        active = {a.case_id for a in _all(uow, Assignment) if a.ended_at is None}
        decisions = Counter(r.decision for r in _all(uow, LegalAidRequest))
        sexes = Counter(p.sex.value for p in people)
        children = [p for p in people if "child" in p.priority_groups]
        assert children and all(p.age_source.value != "unknown" for p in children)
        assert any(p.date_of_birth is None and p.age_estimate is not None for p in people)
        assert any("foreign_national" in p.priority_groups for p in people)
        statuses = Counter(c.status for c in spells)
        open_cases = [c.id for c in cases if c.status is CaseStatus.OPEN]
    assert N * 0.02 < sexes["female"] < N * 0.2
    assert statuses[CustodyStatus.UNTRIED] > N / 2
    assert statuses[CustodyStatus.RELEASED] > 0
    unrepresented = [case_id for case_id in open_cases if case_id not in active]
    assert 0.1 < len(unrepresented) / len(open_cases) < 0.5
    assert decisions[Decision.GRANTED] > decisions[Decision.REFUSED] > 0


def test_days_in_custody_are_current_on_the_as_of_date(shared: Application) -> None:
    rows = list_cases(shared.uow(), filters=CaseFilter(status="untried"), limit=N, today=AS_OF).rows
    days = [r.days_in_custody for r in rows if r.days_in_custody is not None]
    assert min(days) <= 3
    assert 365 < max(days) <= 3 * 366
    assert all(r.case_ref.startswith("LA-20") for r in rows)


def test_names_in_arabic_script_are_there_and_found_by_search(shared: Application) -> None:
    app = shared
    with app.uow() as uow:
        arabic = [(p.id, p.full_name, p.other_names) for p in _all(uow, Person)
                  if any("\u0600" <= ch <= "\u06ff" for ch in p.full_name)]
    assert len(arabic) >= N // 100

    person_id, full_name, _ = arabic[0]
    found = list_cases(app.uow(), filters=CaseFilter(search=full_name), limit=500, today=AS_OF).rows
    assert person_id in {r.person_id for r in found}

    # "حسن" finds "الحسن": the joined article is indexed apart
    person_id, full_name, _ = next(p for p in arabic if any(w.startswith("ال") for w in p[1].split()))
    bare = next(w for w in full_name.split() if w.startswith("ال"))[2:]
    found = list_cases(app.uow(), filters=CaseFilter(search=bare), limit=1500, today=AS_OF).rows
    assert person_id in {r.person_id for r in found}

    # the Latin spelling a register carries beside the Arabic finds the person too
    person_id, _, latin = next(p for p in arabic if p[2])
    assert latin is not None
    found = list_cases(app.uow(), filters=CaseFilter(search=latin), limit=500, today=AS_OF).rows
    assert person_id in {r.person_id for r in found}


def test_a_database_with_cases_is_refused_unless_appending(filled: Application) -> None:
    with pytest.raises(DemoRefusedError) as refused:
        _fill(filled, cases=10)
    assert refused.value.cases == N

    summary = _fill(filled, cases=50, append=True)

    assert (summary.cases, summary.cases_before, summary.facilities, summary.providers) == (50, N, 0, 0)
    with filled.uow() as uow:
        assert uow.repo(Case).count() == N + 50
        assert uow.repo(Facility).count() == 50
        assert uow.repo(Provider).count() == 300
        registers = Counter((c.facility_id, c.register_number) for c in _all(uow, Custody))
        refs = {c.case_ref for c in _all(uow, Case)}
    assert max(registers.values()) == 1
    assert len(refs) == N + 50


@pytest.mark.parametrize("cases", [0, -5, 1_000_001])
def test_a_number_of_cases_out_of_range_is_refused(cases: int) -> None:
    with pytest.raises(ValidationError) as error:
        check_demo_request(cases=cases, as_of=None)
    assert error.value.field == "cases"
    assert "1,000,000" in error.value.expected


def test_an_as_of_date_in_the_future_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        check_demo_request(cases=10, as_of=date(2030, 1, 1), today=date(2026, 3, 2))
    assert error.value.field == "as_of"


def test_every_batch_is_audited_once(shared: Application) -> None:
    with sqlite3.connect(shared.location.path) as connection:
        rows = connection.execute("SELECT action, entity, after FROM audit_entry").fetchall()
    assert [(action, entity) for action, entity, _ in rows] == [("demo", "database")] * 4  # world + 3 batches
    assert '"cases": 100' in rows[1][2]


# -- the command --------------------------------------------------------------------------------

def test_the_command_fills_a_new_database_and_prints_a_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "demo.sqlite"
    code = main(["demo", "--cases", "40", "--seed", "3", "--as-of", "2026-03-02", "--db", str(path)])

    out, err = capsys.readouterr()
    assert code == 0
    assert "demo: 40 / 40 cases" in err
    assert out.startswith("demo: created 40 cases, 50 facilities, 300 providers in ")
    assert out.rstrip().endswith(" s")
    assert "sign in as demo with password demo-password" in err  # made-up data: shown on purpose

    code = main(["cases", "--db", str(path), "--limit", "5", "--format", "json"])
    assert code == 7 and "sign in" in capsys.readouterr().err
    monkeypatch.setenv("LEGALAID_USER", "demo")
    monkeypatch.setenv("LEGALAID_PASSWORD", "demo-password")
    code = main(["cases", "--db", str(path), "--limit", "5", "--format", "json"])
    assert code == 0 and '"case_ref": "LA-20' in capsys.readouterr().out


def test_the_command_refuses_a_database_that_has_cases(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--cases", "12", "--as-of", "2026-03-02", "--db", str(path)]) == 0
    capsys.readouterr()

    code = main(["demo", "--cases", "5", "--db", str(path)])

    err = capsys.readouterr().err
    assert code == 2
    assert "already has 12 cases" in err and "--db" in err and "--append" in err
    assert main(["demo", "--cases", "5", "--append", "--as-of", "2026-03-02", "--db", str(path)]) == 0


def test_ctrl_c_stops_the_command_between_batches_and_keeps_what_was_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "BATCH", BATCH)
    shown = cmd_demo._progress

    def progress_then_ctrl_c(done: int, total: int) -> None:
        shown(done, total)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cmd_demo, "_progress", progress_then_ctrl_c)
    path = tmp_path / "stopped.sqlite"
    # Ctrl+C as a terminal delivers it (a shell starts a background job with it ignored), and whatever
    # was in place before is put back afterwards.
    outside = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code = main(["demo", "--cases", str(N), "--as-of", "2026-03-02", "--db", str(path)])
        after = signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, outside)

    err = capsys.readouterr().err
    assert code == 1
    assert f"demo stopped; {BATCH} cases were written to {path}" in err
    assert after is signal.default_int_handler


def _exit_code(arguments: list[str]) -> int:
    """What the shell would see: argparse's usage errors leave through SystemExit."""
    try:
        return main(arguments)
    except SystemExit as leaving:
        return int(leaving.code or 0)


@pytest.mark.parametrize(("arguments", "words"), [
    (["demo", "--cases", "0"], "from 1 to 1,000,000"),
    (["demo", "--cases", "2000000"], "from 1 to 1,000,000"),
    (["demo", "--cases", "lots"], "not a whole number"),
    (["demo", "--cases", "10", "--seed", "x"], "--seed"),
    (["demo", "--cases", "10", "--as-of", "2026-02-30"], "not a date"),
    (["demo", "--cases", "10", "--as-of", "2999-01-01"], "as_of"),
    (["demo"], "--cases"),
    (["demmo", "--cases", "10"], "did you mean 'demo'"),
])
def test_bad_arguments_exit_2_with_a_clear_message_and_create_nothing(
        arguments: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "never.sqlite"

    code = _exit_code([*arguments, "--db", str(path)])

    assert code == 2
    assert words in capsys.readouterr().err
    assert not path.exists()


def test_thousands_may_be_grouped_in_the_number_of_cases(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = _exit_code(["demo", "--cases", "1,0", "--as-of", "2026-03-02", "--db", str(tmp_path / "d.sqlite")])

    assert code == 0
    assert "created 10 cases" in capsys.readouterr().out


def test_demo_data_never_goes_into_the_default_database(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.delenv("LEGALAID_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # where a default database would be made
    with pytest.raises(SystemExit) as ended:
        main(["demo", "--cases", "5"])
    assert ended.value.code == 2 and "--db PATH" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.sqlite"))
