"""Each provider's stored load (migration 0008), on a real SQLite file.

The Providers list shows and sorts by `provider.active_cases`, the provider's assignments not ended
on open cases. Every change that moves it (an assignment made, ended or handed over, a rebalance, a
case closed or opened again, a merge of people and its undo, a JSON import, the demo's bulk fill)
must leave it equal to a plain count over the tables; a database of the previous version upgrades
with it filled, and downgrades without it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.conflicts import Move
from legalaid_desktop.domain.lists import ListFilter, ProviderLine
from legalaid_desktop.domain.org import Provider, ProviderCoverage
from legalaid_desktop.domain.vocab import CaseStatus
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import apply_rebalance, assign_provider, end_assignment, reassign
from legalaid_desktop.services.conflicts import caseload
from legalaid_desktop.services.demo import fill_demo_database
from legalaid_desktop.services.exchange import export_json, import_json
from legalaid_desktop.services.lists import list_page
from legalaid_desktop.services.people_merge import merge_people, undo_merge
from tests.builders import make_facility, make_person
from tests.schema import downgrade_database

NOW = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
CLIENTS = ("Mohamed Kamau", "Okello Denis", "Achan Grace", "Wanjiru Muthoni")
LAWYERS = ("Zena Lawyer", "Abel Advocate", "Ruth Counsel")


@pytest.fixture
def world(app: Application) -> dict[str, int]:
    """Four clients held at Luzira with a case each; three lawyers covering Luzira."""
    keys: dict[str, int] = {}
    facility = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                       time_zone="Africa/Kampala"))
    for n, name in enumerate(CLIENTS):
        person = records.create(app.uow(), make_person(full_name=name))
        keys[name] = person.id
        keys[f"case {name}"] = records.open_case(
            app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2), facility_id=facility.id,
            register_number=f"LUZ/26/{n + 1}", arrest_at=NOW - timedelta(days=30, hours=n)).id
    for capacity, name in zip((3, 2, 5), LAWYERS, strict=True):
        keys[name] = records.create(app.uow(), Provider(full_name=name, capacity=capacity)).id
        records.create(app.uow(), ProviderCoverage(provider_id=keys[name], facility_id=facility.id))
    return keys


def _raw(app: Application) -> sqlite3.Connection:
    return sqlite3.connect(app.location.path)


def stored(app: Application) -> dict[int, int]:
    with _raw(app) as raw:
        return dict(raw.execute("SELECT id, active_cases FROM provider"))


def counted(app: Application) -> dict[int, int]:
    """Each provider's assignments not ended on open cases, counted plainly from the tables."""
    with _raw(app) as raw:
        loads = dict.fromkeys((key for (key,) in raw.execute("SELECT id FROM provider")), 0)
        for (provider,) in raw.execute(
                "SELECT a.provider_id FROM assignment a JOIN legal_case c ON c.id = a.case_id "
                "WHERE a.ended_at IS NULL AND c.status = 'open'"):
            loads[provider] += 1
    return loads


def assert_loads_right(app: Application) -> None:
    assert stored(app) == counted(app)


def listed(app: Application, *, sort: str = "name", descending: bool = False) -> list[ProviderLine]:
    page = list_page(app.uow(), kind="providers", filters=ListFilter(), limit=100, now=NOW, sort=sort,
                     descending=descending)
    return [x for x in page.rows if isinstance(x, ProviderLine)]


def set_status(app: Application, case_id: int, status: CaseStatus) -> None:
    closed = date(2026, 3, 20) if status is CaseStatus.CLOSED else None
    records.update(app.uow(), Case, case_id, expected_version=None,
                   changes={"status": status, "closed_on": closed})


def test_assignments_made_ended_and_handed_over_move_the_stored_load(
        app: Application, world: dict[str, int]) -> None:
    zena, abel = world["Zena Lawyer"], world["Abel Advocate"]
    first = assign_provider(app.uow(), case_id=world["case Okello Denis"], provider_id=zena, at=NOW)
    assign_provider(app.uow(), case_id=world["case Achan Grace"], provider_id=zena, at=NOW)
    assert stored(app)[zena] == 2
    assert_loads_right(app)
    handed = reassign(app.uow(), assignment_id=first.id, provider_id=abel, at=NOW + timedelta(hours=1),
                      reason="Leave")
    assert (stored(app)[zena], stored(app)[abel]) == (1, 1)
    assert_loads_right(app)
    end_assignment(app.uow(), assignment_id=handed.id, at=NOW + timedelta(hours=2), reason="Withdrew")
    assert stored(app)[abel] == 0
    assert_loads_right(app)
    assert {x.full_name: x.active_cases for x in listed(app)} == {
        "Zena Lawyer": 1, "Abel Advocate": 0, "Ruth Counsel": 0}


def test_a_rebalance_moves_every_case_it_hands_over(app: Application, world: dict[str, int]) -> None:
    zena, ruth = world["Zena Lawyer"], world["Ruth Counsel"]
    made = [assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=zena, at=NOW)
            for name in CLIENTS]
    moves = [Move(made[n].id, world[f"case {CLIENTS[n]}"], "", zena, "Zena Lawyer", ruth, "Ruth Counsel",
                  "over capacity") for n in (0, 1)]
    apply_rebalance(app.uow(), moves, at=NOW + timedelta(days=1))
    assert (stored(app)[zena], stored(app)[ruth]) == (2, 2)
    assert_loads_right(app)


def test_closing_a_case_takes_it_off_the_load_and_opening_it_again_puts_it_back(
        app: Application, world: dict[str, int]) -> None:
    zena, abel = world["Zena Lawyer"], world["Abel Advocate"]
    case = world["case Mohamed Kamau"]
    assign_provider(app.uow(), case_id=case, provider_id=zena, at=NOW)
    assign_provider(app.uow(), case_id=case, provider_id=abel, at=NOW, role="assisting")
    set_status(app, case, CaseStatus.CLOSED)
    assert (stored(app)[zena], stored(app)[abel]) == (0, 0)
    assert_loads_right(app)
    set_status(app, case, CaseStatus.OPEN)
    assert (stored(app)[zena], stored(app)[abel]) == (1, 1)
    assert_loads_right(app)


def test_a_merge_of_people_and_its_undo_leave_the_loads_right(
        app: Application, world: dict[str, int]) -> None:
    zena = world["Zena Lawyer"]
    for name in CLIENTS[:2]:
        assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=zena, at=NOW)
    done = merge_people(app.uow(), keep_id=world["Mohamed Kamau"], merge_id=world["Okello Denis"])
    assert stored(app)[zena] == 2
    assert_loads_right(app)
    undo_merge(app.uow(), merge_id=done.merge_id)
    assert stored(app)[zena] == 2
    assert_loads_right(app)


def test_the_caseload_check_counts_the_same_cases_the_list_shows(
        app: Application, world: dict[str, int]) -> None:
    for name in CLIENTS[:3]:
        assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=world["Ruth Counsel"], at=NOW)
    set_status(app, world["case Achan Grace"], CaseStatus.CLOSED)
    facts = {p.provider_id: p.active_cases for p in caseload(app.uow(), today=NOW.date()).providers}
    assert facts == stored(app) == counted(app)


@pytest.mark.parametrize("descending", [False, True])
def test_the_list_sorts_by_load_over_capacity_then_name(
        app: Application, world: dict[str, int], descending: bool) -> None:
    # Zena 2 of 3 (-1), Abel 2 of 2 (0), Ruth 0 of 5 (-5).
    for name, lawyer in zip(CLIENTS, ("Zena Lawyer", "Zena Lawyer", "Abel Advocate", "Abel Advocate"),
                            strict=True):
        assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=world[lawyer], at=NOW)
    names = [x.full_name for x in listed(app, sort="load", descending=descending)]
    expected = ["Ruth Counsel", "Zena Lawyer", "Abel Advocate"]
    assert names == (expected[::-1] if descending else expected)


def test_sorting_by_load_walks_its_index_without_sorting_the_rows(app: Application) -> None:
    """The expression index of migration 0008 (which Alembic cannot compare with the tables)
    answers the list's ORDER BY in both directions."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from legalaid_desktop.storage.list_queries import SqlListReads, _Moment

    engine = create_engine(f"sqlite:///{app.location.path}")
    with Session(engine) as session:
        for descending in (False, True):
            stmt = SqlListReads(session)._ordered("providers", ListFilter(), "load", descending,
                                                  _Moment(NOW, NOW.date()), keys=True)
            assert stmt is not None
            sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = [row[3] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]
            assert plan == ["SCAN provider USING INDEX ix_provider_load_order"], plan
    engine.dispose()


def test_an_import_and_the_demo_fill_count_the_loads_of_the_rows_they_write(
        app: Application, world: dict[str, int], tmp_path: Path) -> None:
    for name in CLIENTS[:3]:
        assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=world["Abel Advocate"], at=NOW)
    set_status(app, world["case Achan Grace"], CaseStatus.CLOSED)
    path = tmp_path / "office.json"
    export_json(app.uow(), path=path)
    other = open_application(str(tmp_path / "other.sqlite"), actor="other-office", encryption=False)
    import_json(other.uow(), path=path)
    assert {name: stored(other)[key] for name, key in zip(
        LAWYERS, (1, 2, 3), strict=True)} == {"Zena Lawyer": 0, "Abel Advocate": 2, "Ruth Counsel": 0}
    assert_loads_right(other)

    demo = open_application(str(tmp_path / "demo.sqlite"), actor="tester", encryption=False)
    fill_demo_database(demo.uow, demo.catalogue, cases=60, seed=7, as_of=date(2026, 11, 1))
    assert sum(stored(demo).values()) > 0
    assert_loads_right(demo)


def test_a_database_of_the_previous_version_upgrades_with_its_loads_filled(
        app: Application, world: dict[str, int]) -> None:
    for name in CLIENTS[:3]:
        assign_provider(app.uow(), case_id=world[f"case {name}"], provider_id=world["Zena Lawyer"], at=NOW)
    set_status(app, world["case Achan Grace"], CaseStatus.CLOSED)
    loads = stored(app)
    assert loads[world["Zena Lawyer"]] == 2
    downgrade_database(app.location.path, "0007")
    with _raw(app) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0007",)
        assert "active_cases" not in {r[1] for r in raw.execute("PRAGMA table_info(provider)")}
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ix_provider_load_order'"
                           ).fetchone() == (0,)
        # Dropped in place: the providers' coverage and assignments are all still there.
        assert raw.execute("SELECT count(*) FROM provider_coverage").fetchone() == (3,)
        assert raw.execute("SELECT count(*) FROM assignment").fetchone() == (3,)
        raw.execute("UPDATE assignment SET ended_at = '2026-04-02 09:00:00.000000' "
                    "WHERE case_id = ?", (world["case Mohamed Kamau"],))  # a change made by 0007's code

    upgraded = open_application(str(app.location.path), actor="tester", encryption=False)

    assert (upgraded.revision_before, upgraded.revision) == ("0007", "0008")
    assert stored(upgraded)[world["Zena Lawyer"]] == 1
    assert_loads_right(upgraded)
    assert [x.active_cases for x in listed(upgraded, sort="load", descending=True)] == [1, 0, 0]
