"""The custody list's stored sort keys and the lists' word-prefix search, on a real SQLite file.

Each case's list row keeps its spell's next deadline and its lawyer (migration 0007), so the custody
list sorts by them on an index. Every change that moves either (an assignment made, ended or handed
over, a provider renamed, an event or a manual deadline, a full recompute, a merge of people) must
leave them as a plain query over the tables would compute them now. A search by one letter, where
the list is walked in its order and each row tested, must keep exactly the rows a plain query keeps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.domain.cases import Charge
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.folding import index_tokens, sort_key, tokens
from legalaid_desktop.domain.lists import CustodyLine, ListFilter, PersonLine
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.domain.requests import LegalAidRequest, RequestFilter
from legalaid_desktop.domain.vocab import EventType, RequestSource
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider, end_assignment, reassign
from legalaid_desktop.services.deadlines import (
    add_manual_deadline,
    complete_manual_deadline,
    recompute_all,
)
from legalaid_desktop.services.intake import list_requests
from legalaid_desktop.services.lists import list_count, list_page
from legalaid_desktop.services.people_merge import merge_people, undo_merge
from tests.builders import make_facility, make_person
from tests.schema import downgrade_database

NOW = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
ARREST = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

# (full name, other names, identity number); the first nine are clients with a case and a spell.
PEOPLE = (
    ("Mohamed Kamau", None, "ID-100"), ("Okello Denis", "Denis Moses", None),
    ("Achan Grace", None, None), ("Wanjiru Muthoni", None, None), ("Kato Mukasa", "Mark", "ID-200"),
    ("Nakato Amina", None, None), ("Mwangi Otieno", None, None), ("Ali Hassan", "Al-Hassan", None),
    ("Zawadi Achieng", None, None),
    # Victims and witnesses: no case of their own, found by name all the same.
    ("Mariam Said", None, None), ("Baraka Omondi", "Mose", "ID-300"), ("Ouma Kamande", None, None),
)
CLIENTS = 9


@pytest.fixture
def world(app: Application) -> dict[str, int]:
    """Twelve people, nine of them held at Luzira in Uganda with a case each; two lawyers."""
    keys: dict[str, int] = {}
    facility = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG",
                                                       time_zone="Africa/Kampala"))
    for n, (name, other, number) in enumerate(PEOPLE):
        person = records.create(app.uow(), make_person(full_name=name, other_names=other,
                                                       identity_number=number))
        keys[name] = person.id
        if n < CLIENTS:
            case = records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 3, 2),
                                     facility_id=facility.id, register_number=f"LUZ/26/{n + 1}",
                                     arrest_at=ARREST + timedelta(hours=n))
            keys[f"case {name}"] = case.id
    for name in ("Zena Lawyer", "Abel Advocate"):
        keys[name] = records.create(app.uow(), Provider(full_name=name)).id
    return keys


def _raw(app: Application) -> sqlite3.Connection:
    return sqlite3.connect(app.location.path)


def stored_keys(app: Application) -> dict[int, tuple[str | None, str | None]]:
    with _raw(app) as raw:
        return {case: (due, lawyer) for case, due, lawyer in raw.execute(
            "SELECT case_id, next_due, lawyer FROM case_list")}


def computed_keys(app: Application) -> dict[int, tuple[str | None, str | None]]:
    """What each row's keys are now, read plainly from the tables and worked out here."""
    with _raw(app) as raw:
        spells = dict(raw.execute("SELECT case_id, custody_id FROM case_list"))
        dues: dict[int, list[str]] = {}
        for spell, due in raw.execute(
                "SELECT custody_id, due FROM custody_deadline WHERE layer = 'national' AND status = 'open' "
                "UNION ALL SELECT custody_id, due FROM deadline WHERE manual = 1 AND status = 'open'"):
            dues.setdefault(spell, []).append(due)
        open_ones: dict[int, list[tuple[str, int, str]]] = {}
        for case, started, key, name in raw.execute(
                "SELECT a.case_id, a.started_at, a.id, p.full_name FROM assignment a "
                "JOIN provider p ON p.id = a.provider_id WHERE a.ended_at IS NULL"):
            open_ones.setdefault(case, []).append((started, key, name))
    return {case: (min(dues[spell]) if spell in dues else None,
                   max(open_ones[case])[2] if case in open_ones else None) for case, spell in spells.items()}


def assert_keys_right(app: Application) -> None:
    assert stored_keys(app) == computed_keys(app)


def custody_rows(app: Application, **kw: Any) -> list[CustodyLine]:
    page = list_page(app.uow(), kind="custody", filters=kw.pop("filters", ListFilter()), limit=1000,
                     now=NOW, **kw)
    return [x for x in page.rows if isinstance(x, CustodyLine)]


def test_assignments_made_handed_over_and_ended_keep_the_lawyer_on_the_list_row(
        app: Application, world: dict[str, int]) -> None:
    case = world["case Okello Denis"]
    first = assign_provider(app.uow(), case_id=case, provider_id=world["Zena Lawyer"], at=NOW)
    assert stored_keys(app)[case][1] == "Zena Lawyer"
    assert_keys_right(app)
    handed = reassign(app.uow(), assignment_id=first.id, provider_id=world["Abel Advocate"],
                      at=NOW + timedelta(hours=1), reason="Leave")
    assert stored_keys(app)[case][1] == "Abel Advocate"
    assert_keys_right(app)
    records.update(app.uow(), Provider, world["Abel Advocate"], expected_version=None,
                   changes={"full_name": "Abel Advocate-Okot"})
    assert stored_keys(app)[case][1] == "Abel Advocate-Okot"
    end_assignment(app.uow(), assignment_id=handed.id, at=NOW + timedelta(hours=2), reason="Case closed")
    assert stored_keys(app)[case][1] is None
    assert_keys_right(app)


def test_events_manual_deadlines_and_a_full_recompute_keep_the_next_deadline_on_the_list_row(
        app: Application, world: dict[str, int]) -> None:
    case = world["case Achan Grace"]
    spell = next(x.custody_id for x in custody_rows(app) if x.case_id == case)
    assert stored_keys(app)[case][0] is not None  # the first appearance, 48 hours after the arrest
    assert_keys_right(app)
    before = stored_keys(app)[case][0]
    records.add_custody_event(app.uow(), custody_id=spell, type=EventType.REMAND,
                              at=ARREST + timedelta(days=1), days=14)
    assert stored_keys(app)[case][0] != before  # met; the custody time limit is next
    assert_keys_right(app)
    sixty_days = stored_keys(app)[case][0]
    with app.uow() as uow:  # a charge for the High Court: 180 days instead (the case row untouched)
        records.add_record(uow, Charge(case_id=case, offence="Robbery", offence_class="high_court"))
        uow.commit()
    assert stored_keys(app)[case][0] not in (sixty_days, None)
    assert_keys_right(app)
    manual = add_manual_deadline(app.uow(), custody_id=spell, title="File bail application",
                                 due=ARREST + timedelta(days=2))
    assert stored_keys(app)[case][0] == "2026-03-04 08:30:00.000000"
    assert_keys_right(app)
    complete_manual_deadline(app.uow(), deadline_id=manual.id, done_at=ARREST + timedelta(days=2))
    assert_keys_right(app)
    with _raw(app) as raw:  # as if a rule file had changed: every deadline is written again
        raw.execute("UPDATE case_list SET next_due = NULL")
    recompute_all(app.uow, app.deadline_book)
    assert_keys_right(app)


def test_a_merge_and_its_undo_keep_the_list_rows_and_the_name_words_right(
        app: Application, world: dict[str, int]) -> None:
    assign_provider(app.uow(), case_id=world["case Kato Mukasa"], provider_id=world["Zena Lawyer"], at=NOW)
    done = merge_people(app.uow(), keep_id=world["Nakato Amina"], merge_id=world["Kato Mukasa"])
    assert_keys_right(app)
    moved = next(x for x in custody_rows(app) if x.case_id == world["case Kato Mukasa"])
    assert (moved.full_name, moved.lawyer) == ("Nakato Amina", "Zena Lawyer")
    # The kept record carries the merged one's names among its other names, and is found by them.
    assert found_people(app, "muk") == ["Nakato Amina"]
    undo_merge(app.uow(), merge_id=done.merge_id)
    assert_keys_right(app)
    assert found_people(app, "muk") == ["Kato Mukasa"]


def found_people(app: Application, search: str) -> list[str]:
    page = list_page(app.uow(), kind="people", filters=ListFilter(search=search), now=NOW)
    return [x.full_name for x in page.rows if isinstance(x, PersonLine)]


@pytest.mark.parametrize("sort", ["next_due", "lawyer"])
@pytest.mark.parametrize("descending", [False, True])
def test_the_custody_list_sorts_by_next_deadline_and_lawyer_with_rows_lacking_one_last(
        app: Application, world: dict[str, int], sort: str, descending: bool) -> None:
    for n, name in enumerate(("Mohamed Kamau", "Okello Denis", "Achan Grace", "Wanjiru Muthoni")):
        assign_provider(app.uow(), case_id=world[f"case {name}"],
                        provider_id=world["Zena Lawyer" if n % 2 else "Abel Advocate"], at=NOW)
    spell = next(x.custody_id for x in custody_rows(app) if x.case_id == world["case Ali Hassan"])
    add_manual_deadline(app.uow(), custody_id=spell, title="Appeal", due=ARREST + timedelta(hours=30))
    keys = stored_keys(app)
    assert {k[1] for k in keys.values()} == {"Zena Lawyer", "Abel Advocate", None}

    rows = custody_rows(app, sort=sort, descending=descending)

    column = 0 if sort == "next_due" else 1
    having = sorted((k for k in keys if keys[k][column] is not None),
                    key=lambda k: (keys[k][column], k), reverse=descending)
    lacking = sorted((k for k in keys if keys[k][column] is None), reverse=descending)
    assert [x.case_id for x in rows] == having + lacking
    shown = {x.case_id: x.lawyer for x in rows}
    assert all(shown[k] == keys[k][1] for k in keys)


@pytest.fixture(params=["walked", "gathered"])
def search_plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Both ways a search runs: walked in the list's order (its words are common) or gathered."""
    common = 1 if request.param == "walked" else 10**9
    for module in ("list_queries", "request_queries"):
        monkeypatch.setattr(f"legalaid_desktop.storage.{module}.COMMON", common)
    yield request.param


def _words_match(search: str, *names: str | None) -> bool:
    words = {w for n in names if n for w in index_tokens(n)}
    return all(any(w.startswith(x) for w in words) for x in tokens(search))


SEARCHES = ("m", "k", "mo", "a k", "den mo", "al-h", "hassan", "ID-200", "LUZ/26/3", "xyz", "é")


@pytest.mark.parametrize("search", SEARCHES)
def test_a_people_search_keeps_exactly_the_people_a_plain_query_keeps_in_name_order(
        app: Application, world: dict[str, int], search_plan: str, search: str) -> None:
    with _raw(app) as raw:
        people = raw.execute("SELECT id, full_name, other_names, identity_number, name_key FROM person "
                             "WHERE merged_into_id IS NULL").fetchall()
        by_number = {pid for pid, ref, reg in raw.execute(
            "SELECT person_id, case_ref, register_number FROM case_list")
            if any(ch.isdigit() for ch in search) and _words_match(search, ref, reg)}
    expected = [pid for pid, name, other, number, key in sorted(people, key=lambda r: (r[4], r[0]))
                if _words_match(search, name, other) or number == search or pid in by_number]

    page = list_page(app.uow(), kind="people", filters=ListFilter(search=search), limit=100, now=NOW)

    assert [x.person_id for x in page.rows if isinstance(x, PersonLine)] == expected
    total = list_count(app.uow(), kind="people", filters=ListFilter(search=search), now=NOW)
    assert total == len(expected)
    assert list_count(app.uow(), kind="people", filters=ListFilter(search=search), now=NOW,
                      at_most=2) == min(len(expected), 3)


@pytest.mark.parametrize("search", SEARCHES)
def test_a_custody_search_keeps_exactly_the_rows_the_full_text_index_matches_in_name_order(
        app: Application, world: dict[str, int], search_plan: str, search: str) -> None:
    query = " AND ".join(f'"{w}"*' for w in dict.fromkeys(tokens(search)))
    with _raw(app) as raw:
        expected = [case for (case,) in raw.execute(
            "SELECT case_id FROM case_list WHERE custody_id IS NOT NULL AND case_id IN "
            "(SELECT rowid FROM case_search WHERE case_search MATCH ?) ORDER BY sort_name, case_id",
            (query,))] if query else []

    rows = custody_rows(app, filters=ListFilter(search=search))

    assert [x.case_id for x in rows] == expected
    assert list_count(app.uow(), kind="custody", filters=ListFilter(search=search), now=NOW,
                      at_most=1) == min(len(expected), 2)


@pytest.mark.parametrize("search", ("m", "mo ka", "ach", "hass", "zz"))
def test_a_requests_search_finds_the_requests_of_people_with_every_word_as_a_name_word_prefix(
        app: Application, world: dict[str, int], search_plan: str, search: str) -> None:
    with app.uow() as uow:
        for name in ("Mohamed Kamau", "Mariam Said", "Achan Grace", "Ali Hassan", "Ouma Kamande"):
            records.add_record(uow, LegalAidRequest(person_id=world[name], received_at=NOW,
                                                    source=RequestSource.PRISON))
        uow.commit()
    expected = {name for name in ("Mohamed Kamau", "Mariam Said", "Achan Grace", "Ali Hassan",
                                  "Ouma Kamande") if _words_match(search, name)}

    page = list_requests(app.uow(), filters=RequestFilter(search=search), with_total=True, today=NOW.date())

    assert {x.full_name for x in page.rows} == expected and page.total == len(expected)
    capped = list_requests(app.uow(), filters=RequestFilter(search=search), limit=0, with_total=True,
                           at_most=1)
    assert capped.total == min(len(expected), 2)


def test_a_list_without_a_search_is_counted_whole_whatever_the_limit(
        app: Application, world: dict[str, int]) -> None:
    assert list_count(app.uow(), kind="people", filters=ListFilter(), now=NOW, at_most=2) == len(PEOPLE)
    assert list_count(app.uow(), kind="custody", filters=ListFilter(), now=NOW, at_most=2) == CLIENTS
    with pytest.raises(ValidationError) as refused:
        list_count(app.uow(), kind="people", filters=ListFilter(search="m"), now=NOW, at_most=-1)
    assert refused.value.field == "at_most"


def test_a_database_of_the_previous_version_upgrades_with_its_sort_keys_and_name_words_filled(
        app: Application, world: dict[str, int]) -> None:
    assign_provider(app.uow(), case_id=world["case Mohamed Kamau"], provider_id=world["Zena Lawyer"], at=NOW)
    keys = stored_keys(app)
    assert any(k[0] for k in keys.values()) and any(k[1] for k in keys.values())
    downgrade_database(app.location.path, "0006")
    with _raw(app) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
        assert "next_due" not in {r[1] for r in raw.execute("PRAGMA table_info(case_list)")}
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'person_word'").fetchone() == (0,)
        assert "prefix" not in raw.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'case_search'").fetchone()[0]
    upgraded = open_application(str(app.location.path), actor="tester", encryption=False)

    assert (upgraded.revision_before, upgraded.revision) == ("0006", "0008")
    assert stored_keys(upgraded) == keys
    with _raw(upgraded) as raw:
        assert "prefix = '1 2 3'" in raw.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'case_search'").fetchone()[0]
        words = {w for (w,) in raw.execute("SELECT word FROM person_word WHERE person_id = ?",
                                           (world["Okello Denis"],))}
    assert words == {"okello", "denis", "moses"}
    assert [x.full_name for x in custody_rows(upgraded, filters=ListFilter(search="m"), sort="lawyer")][:1] \
        == ["Mohamed Kamau"]
    assert sort_key("Mohamed Kamau") in {x.full_name.casefold() for x in custody_rows(
        upgraded, filters=ListFilter(search="kam"))}


@pytest.mark.parametrize("sort", ["next_due", "lawyer"])
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_next_deadline_or_lawyer_walks_an_index_without_sorting_every_row(
        app: Application, sort: str, descending: bool) -> None:
    """The expression indexes of migration 0007 (which Alembic cannot compare with the tables)
    answer the list's ORDER BY in both directions, rows lacking a value last."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from legalaid_desktop.storage.list_queries import SqlListReads, _Moment

    engine = create_engine(f"sqlite:///{app.location.path}")
    with Session(engine) as session:
        stmt = SqlListReads(session)._ordered("custody", ListFilter(held=True), sort, descending,
                                              _Moment(NOW, NOW.date()), keys=True)  # as a page is read
        assert stmt is not None
        sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
        plan = [row[3] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]
    engine.dispose()
    index = f"ix_case_list_{sort}_order" + ("_desc" if descending else "")
    assert plan[0] == f"SCAN case_list USING INDEX {index}", plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan
