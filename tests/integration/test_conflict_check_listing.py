"""A conflict check that matches many people lists the closest and counts the rest; a date of birth or
an identity number that agrees is always listed, and an assignment's check misses nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Party
from legalaid_desktop.domain.conflicts import ConflictOfInterestError, ConflictSide
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.domain.vocab import PartyRole
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider, end_assignment
from legalaid_desktop.services.conflicts import (
    LISTED_PEOPLE,
    case_conflicts,
    check_conflicts,
    provider_conflicts,
    suggest_providers,
)
from tests.builders import make_person

AT = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
COMMON = "Mohammed Abdullahi"
NAMESAKES = LISTED_PEOPLE + 12


def _namesakes(app: Application, n: int = NAMESAKES) -> None:
    """`n` people of exactly the checked name, no date of birth or number: matches on name alone."""
    with app.uow() as uow:
        uow.bulk_insert([make_person(full_name=COMMON, date_of_birth=None, identity_number=None)
                         for _ in range(n)])
        uow.commit()


def _case(app: Application, person_id: int) -> tuple[int, str]:
    saved = records.open_case(app.uow(), client_person_id=person_id, opened_on=date(2026, 3, 2))
    assert saved.label is not None
    return saved.id, saved.label


def _audit(app: Application) -> dict[str, object]:
    with sqlite3.connect(app.location.path) as raw:
        (after,) = raw.execute("SELECT after FROM audit_entry WHERE action = 'check' AND entity = 'conflict' "
                               "ORDER BY id DESC LIMIT 1").fetchone()
    return dict(json.loads(after))


def test_a_check_matching_many_on_name_alone_lists_the_closest_and_counts_the_rest(app: Application) -> None:
    _namesakes(app)
    found = check_conflicts(app.uow(), name=COMMON)
    assert len({m.person_id for m in found.matches}) == LISTED_PEOPLE
    assert found.more_on_name_only == NAMESAKES - LISTED_PEOPLE
    entry = _audit(app)
    assert entry["people_matched"] == NAMESAKES and entry["people_listed"] == LISTED_PEOPLE
    assert entry["more_on_name_only"] == NAMESAKES - LISTED_PEOPLE and entry["matches"] == LISTED_PEOPLE


def test_at_one_score_the_same_name_comes_before_a_variant_of_it(app: Application) -> None:
    with app.uow() as uow:
        uow.bulk_insert([make_person(full_name=name, date_of_birth=None, identity_number=None)
                         for name in ("Mohamed Abdallah", COMMON, "Mohamed Abdallah", COMMON)])
        uow.commit()
    found = check_conflicts(app.uow(), name=COMMON).matches  # the variant scores 1.00 as well
    assert [m.reasons[0] for m in found] == ["name_same", "name_same", "name_similar", "name_similar"]


def test_a_few_matches_are_all_listed_with_nothing_left_over(app: Application) -> None:
    _namesakes(app, 3)
    found = check_conflicts(app.uow(), name=COMMON)
    assert len(found.matches) == 3 and found.more_on_name_only == 0


def test_a_date_of_birth_or_number_that_agrees_is_listed_though_many_on_name_alone_score_higher(
        app: Application) -> None:
    _namesakes(app)
    # A spelling variant born within a year of the date given: it scores below every exact namesake.
    near = records.create(app.uow(), make_person(full_name="Muhammad Abdulahi",
                                                 date_of_birth=date(1990, 1, 2), identity_number=None))
    # Another name altogether, but the same identity number.
    same_number = records.create(app.uow(), make_person(full_name="Ali Hassan Mahmoud", date_of_birth=None,
                                                        identity_number="CM 7788-12"))
    found = check_conflicts(app.uow(), name=COMMON, date_of_birth=date(1990, 5, 17),
                            identity_number="cm778812")
    by_person = {m.person_id: m for m in found.matches}
    assert by_person[near.id].score < 1.0 and "dob_within_a_year" in by_person[near.id].reasons
    assert "id_equal" in by_person[same_number.id].reasons
    assert min(m.score for m in found.matches if m.person_id not in (near.id, same_number.id)) == 1.0
    # The two with more than a name take their places ahead of namesakes, who fill the list's rest.
    assert len(by_person) == LISTED_PEOPLE and found.more_on_name_only == NAMESAKES - (LISTED_PEOPLE - 2)
    scores = [m.score for m in found.matches]
    assert scores == sorted(scores, reverse=True)  # closest first, as before


def test_more_backed_matches_than_the_list_holds_are_all_listed(app: Application) -> None:
    with app.uow() as uow:
        uow.bulk_insert([make_person(full_name=COMMON, date_of_birth=date(1990, 5, 17), identity_number=None)
                         for _ in range(LISTED_PEOPLE + 3)])
        uow.commit()
    _namesakes(app, 4)
    found = check_conflicts(app.uow(), name=COMMON, date_of_birth=date(1990, 5, 17))
    assert len({m.person_id for m in found.matches}) == LISTED_PEOPLE + 3
    assert found.more_on_name_only == 4


def test_an_assignment_is_refused_for_a_conflict_with_an_adverse_party_beyond_the_listed_matches(
        app: Application) -> None:
    """Case A's client is Mohammed Abdullahi; in case B the victim, Muhammad Abdulahi, is matched on
    name alone below 60 exact namesakes, so the check lists them and leaves her out; Grace Akello acts
    for the accused in B, and may not act for A's client."""
    client = records.create(app.uow(), make_person(full_name=COMMON, date_of_birth=date(1990, 5, 17)))
    case_a, _ref_a = _case(app, client.id)
    accused = records.create(app.uow(), make_person(full_name="John Kamau Mwangi", date_of_birth=None))
    case_b, ref_b = _case(app, accused.id)
    victim = records.create(app.uow(), make_person(full_name="Muhammad Abdulahi", date_of_birth=None,
                                                   identity_number=None))
    records.create(app.uow(), Party(case_id=case_b, person_id=victim.id, role=PartyRole.VICTIM))
    grace = records.create(app.uow(), Provider(full_name="Grace Akello")).id
    assign_provider(app.uow(), case_id=case_b, provider_id=grace, at=AT)
    _namesakes(app)

    check = check_conflicts(app.uow(), name=COMMON, exclude_person_id=client.id)
    assert victim.id not in {m.person_id for m in check.matches} and check.more_on_name_only >= 1

    (conflict,) = provider_conflicts(app.uow(), case_id=case_a, provider_id=grace)
    assert (conflict.other_case_ref, conflict.role, conflict.side) == (
        ref_b, PartyRole.VICTIM, ConflictSide.CLIENT_IS_ADVERSE)
    assert next(s for s in suggest_providers(app.uow(), case_id=case_a) if s.provider_id == grace).conflict
    with pytest.raises(ConflictOfInterestError) as refused:
        assign_provider(app.uow(), case_id=case_a, provider_id=grace, at=AT)
    assert [c.other_case_ref for c in refused.value.conflicts] == [ref_b]


def test_the_cli_table_and_json_give_the_count_of_more_matches_on_name_alone(
        app: Application, capsys: pytest.CaptureFixture[str]) -> None:
    _namesakes(app)
    db = str(app.location.path)
    assert main(["conflicts", "check", "--db", db, "--name", COMMON, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"matches", "more_on_name_only"}
    assert out["more_on_name_only"] == NAMESAKES - LISTED_PEOPLE and len(out["matches"]) == LISTED_PEOPLE
    assert all(set(r) == {"full_name", "case_ref", "role", "score", "providers", "reasons"}
               for r in out["matches"])
    assert main(["conflicts", "check", "--db", db, "--name", COMMON]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + LISTED_PEOPLE + 1  # header, the rows, the count
    assert lines[-1] == (f"{NAMESAKES - LISTED_PEOPLE} more possible matches on name alone: add a date of "
                         "birth or an identity number to narrow them.")
    assert main(["conflicts", "check", "--db", db, "--name", COMMON, "--dob", "1990-05-17"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("add an identity number to narrow them.")


def test_one_providers_check_finds_exactly_their_conflicts_of_the_check_of_every_provider(
        app: Application) -> None:
    """Case A: client Mohammed Abdullahi, victim Achieng Wanjiru. Grace acts in B and B2, where
    variants of A's client are victim and witness; Peter acted for Achieng Wanjiru in C; Fatima acts
    in D, where someone with A's client's identity number is co-accused; Ruth acts only in a case
    with neither."""
    def person(name: str, **fields: object) -> int:
        return records.create(app.uow(), make_person(full_name=name, **fields)).id

    def party(case_id: int, role: PartyRole, name: str, **fields: object) -> None:
        records.create(app.uow(), Party(case_id=case_id, person_id=person(name, **fields), role=role))

    def provider(name: str, *case_ids: int) -> int:
        provider_id = records.create(app.uow(), Provider(full_name=name)).id
        for case_id in case_ids:
            assign_provider(app.uow(), case_id=case_id, provider_id=provider_id, at=AT)
        return provider_id

    case_a, _ = _case(app, person(COMMON, date_of_birth=date(1990, 5, 17), identity_number="CM-1"))
    party(case_a, PartyRole.VICTIM, "Achieng Wanjiru")
    case_b, _ = _case(app, person("John Kamau Mwangi"))
    party(case_b, PartyRole.VICTIM, "Muhammad Abdulahi", date_of_birth=None)
    case_b2, _ = _case(app, person("Ibrahim Sani Bello"))
    party(case_b2, PartyRole.WITNESS, "Mohamed Abdallah", date_of_birth=None)
    case_c, _ = _case(app, person("Achieng Wanjiru", date_of_birth=None))
    case_d, _ = _case(app, person("Amina Yusuf"))
    party(case_d, PartyRole.CO_ACCUSED, "Ali Hassan", identity_number="cm 1")
    case_e, _ = _case(app, person("Grace Victim"))
    _namesakes(app, 5)
    grace, fatima, ruth = (provider("Grace Akello", case_b, case_b2), provider("Fatima Bello", case_d),
                           provider("Ruth Nambi", case_e))
    peter = provider("Peter Otieno")
    saved = assign_provider(app.uow(), case_id=case_c, provider_id=peter, at=AT)
    end_assignment(app.uow(), assignment_id=saved.id, at=AT, reason="moved away")
    with app.uow() as uow:
        facts = uow.conflicts.case_facts(case_a)
        assert facts is not None
        everyone = case_conflicts(uow, facts)
        assert {grace, peter, fatima} <= set(everyone) and ruth not in everyone
        for provider_id in (grace, peter, fatima, ruth):
            alone = case_conflicts(uow, facts, provider_id=provider_id)
            assert alone == ({provider_id: everyone[provider_id]} if provider_id in everyone else {})
    assert len({c.other_case_id for c in everyone[grace]}) == 2
    assert [c.side for c in everyone[peter]] == [ConflictSide.PROVIDER_ACTS_FOR_ADVERSE]
    assert not everyone[peter][0].current
