"""Conflict checks, waivers, suggestions and caseloads on a real SQLite file, through services and CLI."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, open_application
from legalaid_desktop.cli.main import main
from legalaid_desktop.domain.cases import Charge, Party
from legalaid_desktop.domain.conflicts import ConflictOfInterestError, ConflictSide, on_leave
from legalaid_desktop.domain.org import Assignment, Provider, ProviderCoverage
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import PartyRole, ProviderKind
from legalaid_desktop.messages import MATCH_WORDS
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import apply_rebalance, assign_provider
from legalaid_desktop.services.conflicts import (
    caseload,
    check_conflicts,
    propose_rebalance,
    provider_conflicts,
    suggest_providers,
    waive_conflict,
)
from legalaid_desktop.services.name_match import name_keys
from legalaid_desktop.storage.conflict_queries import KEY_VERSION
from tests.builders import make_facility, make_person

AT = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 4, 10)


@dataclass
class World:
    case_a: int
    ref_a: str
    case_b: int
    ref_b: str
    provider: int
    facility: int


def _case(app: Application, person_id: int, facility: int | None = None) -> tuple[int, str]:
    saved = records.open_case(app.uow(), client_person_id=person_id, opened_on=date(2026, 3, 2),
                              facility_id=facility, register_number="R/1" if facility else None)
    assert saved.label is not None
    return saved.id, saved.label


def _provider(app: Application, name: str, **fields: object) -> int:
    return records.create(app.uow(), Provider(full_name=name, **fields)).id  # type: ignore[arg-type]


@pytest.fixture
def world(app: Application) -> World:
    """Mohammed Abdullahi is the client of case A; Muhammad Abdulahi the victim in case B, where
    provider P acts for the accused."""
    facility = records.create(app.uow(), make_facility()).id
    client = records.create(app.uow(), make_person(full_name="Mohammed Abdullahi",
                                                   date_of_birth=date(1990, 5, 17)))
    case_a, ref_a = _case(app, client.id, facility)
    accused = records.create(app.uow(), make_person(full_name="John Kamau Mwangi", date_of_birth=None))
    case_b, ref_b = _case(app, accused.id)
    victim = records.create(app.uow(), make_person(full_name="Muhammad Abdulahi", date_of_birth=None))
    records.create(app.uow(), Party(case_id=case_b, person_id=victim.id, role=PartyRole.VICTIM))
    provider = _provider(app, "Grace Akello")
    assign_provider(app.uow(), case_id=case_b, provider_id=provider, at=AT)
    return World(case_a, ref_a, case_b, ref_b, provider, facility)


def _names(app: Application, name: str) -> list[str]:
    """The names as recorded of the matches a check lists."""
    return [m.full_name for m in check_conflicts(app.uow(), name=name).matches]


def _audit(app: Application, action: str, entity: str) -> list[dict[str, object]]:
    with sqlite3.connect(app.location.path) as raw:
        return [json.loads(row[0]) for row in raw.execute(
            "SELECT after FROM audit_entry WHERE action = ? AND entity = ? ORDER BY id", (action, entity))]


# --- the conflict check ---------------------------------------------------------------------------

def test_a_spelling_variant_is_found_in_its_case_and_role_with_the_providers_who_acted(
        app: Application, world: World) -> None:
    matches = check_conflicts(app.uow(), name="Mohamed Abdulahi").matches
    found = {(m.full_name, m.case_ref, m.role) for m in matches}
    assert ("Muhammad Abdulahi", world.ref_b, PartyRole.VICTIM) in found
    assert ("Mohammed Abdullahi", world.ref_a, PartyRole.CLIENT) in found
    victim = next(m for m in matches if m.role is PartyRole.VICTIM)
    assert victim.providers == ("Grace Akello",) and "name_similar" in victim.reasons
    assert all(m.full_name != "John Kamau Mwangi" for m in matches)
    (entry,) = _audit(app, "check", "conflict")
    assert entry["name"] == "Mohamed Abdulahi" and entry["matches"] == len(matches)


def test_the_arabic_script_and_an_identity_number_find_the_person(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="محمد عبد الله", identity_number="ID 12-34"))
    _case(app, person.id)
    assert _names(app, "Mohammed Abdalla") == ["محمد عبد الله"]
    by_number = check_conflicts(app.uow(), name="Someone Else Entirely", identity_number="id1234").matches
    assert [m.reasons for m in by_number] == [("id_equal",)]


def test_a_check_leaves_restricted_contact_details_out_of_the_audit_log(app: Application,
                                                                         world: World) -> None:
    with app.uow() as uow:
        victim = uow.repo(Person).first(full_name="Muhammad Abdulahi")
        assert victim is not None
        victim.phone, victim.address = "+254 700 111 222", "Plot 9, Eastleigh"
        uow.commit()
    check_conflicts(app.uow(), name="Muhammad Abdulahi")
    with sqlite3.connect(app.location.path) as raw:
        (after,) = raw.execute("SELECT after FROM audit_entry WHERE action = 'check'").fetchone()
    assert "700 111" not in after and "Eastleigh" not in after


def test_a_short_form_and_a_name_in_cyrillic_or_devanagari_are_found_through_the_keys(
        app: Application) -> None:
    for name in ("William Thompson", "Юлия Коваленко", "राजेश कुमार शर्मा"):
        _case(app, records.create(app.uow(), make_person(full_name=name)).id)
    assert _names(app, "Bill Thompson") == ["William Thompson"]
    assert _names(app, "Iuliia Kovalenko") == ["Юлия Коваленко"]
    assert _names(app, "Rajesh Kumar Sharma") == [
        "राजेश कुमार शर्मा"]


def test_the_name_keys_follow_a_renamed_person_and_people_written_in_bulk(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="Nakato Sarah"))
    _case(app, person.id)
    records.update(app.uow(), Person, person.id, expected_version=None,
                   changes={"full_name": "Achieng Wanjiru", "other_names": "Wanjiru Achieng; Rose Atieno"})
    assert _names(app, "Achieng Wanjiru") == ["Achieng Wanjiru"]
    assert _names(app, "Rose Atieno") == ["Achieng Wanjiru"]
    assert check_conflicts(app.uow(), name="Nakato Sarah").matches == ()
    with app.uow() as uow:
        uow.bulk_insert([make_person(full_name="Nakatto Sarah")])
        uow.commit()
    assert _names(app, "Nakato Sarah") == ["Nakatto Sarah"]


def test_people_stored_before_the_keys_existed_get_them_at_the_next_open(app: Application) -> None:
    records.create(app.uow(), make_person(full_name="Mohammed Abdullahi"))
    with sqlite3.connect(app.location.path) as raw:
        raw.execute("DELETE FROM person_name_key")
        raw.execute("DELETE FROM meta_info WHERE key = 'name_keys_version'")
    reopened = open_application(str(app.location.path), actor="tester")
    assert _names(reopened, "Muhammad Abdulahi") == [
        "Mohammed Abdullahi"]


def test_the_key_version_changes_when_the_keys_do() -> None:
    # A change to name_keys must bump KEY_VERSION, or databases keep keys the check no longer asks for.
    assert KEY_VERSION == "5"
    assert name_keys("Mohammed Abdullahi") == {"i:a:mhmd", "i:m:bdl", "p:bdl|mhmd"}
    assert name_keys("Nakato") == {"1:nkt"}
    assert name_keys("Geoffrey Ouma") == {"i:a:jfr", "i:j:m", "p:jfr|m"}  # version 2: consonant classes
    assert "p:flm|tmfsn" in name_keys("Bill Thompson")  # version 3: William's key from the short forms
    assert name_keys("Folashade Akinola") == name_keys("Folasade Akinola")  # and sh keyed as s
    assert "p:bb|bkl" in name_keys("አበበ በቀለ")  # version 4: Ethiopic script read as Latin
    assert "p:jrfrt|snj" in name_keys("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ")  # version 5: Gurmukhi, Bengali, Gujarati, Urdu


def test_an_encrypted_database_finds_a_variant_with_its_case_and_role(tmp_path: Path) -> None:
    # The candidates and roles are read through the driver's own cursor on SQLite: SQLCipher's too.
    secret = open_application(str(tmp_path / "secret.sqlite"), actor="tester")
    person = records.create(secret.uow(), make_person(full_name="Cheikh Ibrahima Diop"))
    _, ref = _case(secret, person.id)
    found = check_conflicts(secret.uow(), name="Sheikh Ibrahim Diop").matches
    assert [(m.full_name, m.case_ref, m.role) for m in found] == [
        ("Cheikh Ibrahima Diop", ref, PartyRole.CLIENT)]


def test_keys_of_an_older_version_are_written_again_at_the_next_open(app: Application) -> None:
    person = records.create(app.uow(), make_person(full_name="Geoffrey Ouma"))
    _case(app, person.id)
    with sqlite3.connect(app.location.path) as raw:  # as version 1 wrote them: g and j apart
        raw.execute("DELETE FROM person_name_key")
        raw.executemany("INSERT INTO person_name_key (key, person_id) VALUES (?, ?)",
                        [(key, person.id) for key in ("i:g:m", "i:u:gfr", "p:gfr|m")])
        raw.execute("UPDATE meta_info SET value = '1' WHERE key = 'name_keys_version'")
    reopened = open_application(str(app.location.path), actor="tester")
    assert _names(reopened, "Jeffrey Ouma") == ["Geoffrey Ouma"]
    with sqlite3.connect(app.location.path) as raw:
        assert raw.execute("SELECT value FROM meta_info WHERE key = 'name_keys_version'").fetchone() == (
            KEY_VERSION,)
        assert raw.execute("SELECT count(*) FROM person_name_key WHERE key = 'p:gfr|m'").fetchone() == (0,)


# --- provider conflicts and waivers ---------------------------------------------------------------

def test_assigning_the_accused_s_provider_to_the_victim_is_refused_with_the_explanation(
        app: Application, world: World) -> None:
    with pytest.raises(ConflictOfInterestError) as refused:
        assign_provider(app.uow(), case_id=world.case_a, provider_id=world.provider, at=AT)
    error = refused.value
    assert error.case_ref == world.ref_a and error.provider_name == "Grace Akello"
    (conflict,) = error.conflicts
    assert conflict.other_case_ref == world.ref_b and conflict.role is PartyRole.VICTIM
    assert conflict.side is ConflictSide.CLIENT_IS_ADVERSE and conflict.current
    assert conflict.person_name == "Mohammed Abdullahi" and conflict.matched_name == "Muhammad Abdulahi"
    with app.uow() as uow:
        assert uow.repo(Assignment).find(case_id=world.case_a) == []
    (entry,) = _audit(app, "refuse", "assignment")
    assert entry["conflicts"] == [f"{world.ref_b} (victim)"]


def test_a_waiver_then_allows_the_assignment_and_both_are_audited(app: Application, world: World) -> None:
    waiver = waive_conflict(app.uow(), case_id=world.case_a, provider_id=world.provider,
                            reason="the victim's case was withdrawn; both consent")
    assign_provider(app.uow(), case_id=world.case_a, provider_id=world.provider, at=AT)
    (waived,) = _audit(app, "create", "conflict_waiver")
    assert waived["coordinator"] == "tester" and waived["case_id"] == world.case_a
    assert world.ref_b in str(waived["conflicts"])
    assert len(_audit(app, "create", "assignment")) == 2
    assert waiver.entity == "conflict_waiver"


def test_a_waiver_needs_a_reason_and_a_conflict_to_waive(app: Application, world: World) -> None:
    from legalaid_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="reason"):
        waive_conflict(app.uow(), case_id=world.case_a, provider_id=world.provider, reason="  ")
    other = _provider(app, "Peter Otieno")
    with pytest.raises(ValidationError, match="conflict"):
        waive_conflict(app.uow(), case_id=world.case_a, provider_id=other, reason="just in case")


def test_a_provider_acting_for_the_victim_of_the_case_is_refused(app: Application) -> None:
    accused = records.create(app.uow(), make_person(full_name="Peter Ouma Okello"))
    case_a, _ = _case(app, accused.id)
    victim = records.create(app.uow(), make_person(full_name="Fatuma Hassan Ali", date_of_birth=None))
    records.create(app.uow(), Party(case_id=case_a, person_id=victim.id, role=PartyRole.VICTIM))
    # The victim is herself a client in another case (a cross-complaint), where P acts for her.
    same = records.create(app.uow(), make_person(full_name="Fatuma Hasan Ali", date_of_birth=None))
    case_b, ref_b = _case(app, same.id)
    provider = _provider(app, "Grace Akello")
    assign_provider(app.uow(), case_id=case_b, provider_id=provider, at=AT)
    (conflict,) = provider_conflicts(app.uow(), case_id=case_a, provider_id=provider)
    assert conflict.side is ConflictSide.PROVIDER_ACTS_FOR_ADVERSE and conflict.role is PartyRole.VICTIM
    assert conflict.other_case_ref == ref_b
    with pytest.raises(ConflictOfInterestError):
        assign_provider(app.uow(), case_id=case_a, provider_id=provider, at=AT)


def test_a_provider_who_acted_for_the_same_client_before_is_no_conflict(app: Application) -> None:
    client = records.create(app.uow(), make_person(full_name="Amina Yusuf"))
    first, _ = _case(app, client.id)
    second, _ = _case(app, client.id)
    provider = _provider(app, "Grace Akello")
    assign_provider(app.uow(), case_id=first, provider_id=provider, at=AT)
    assign_provider(app.uow(), case_id=second, provider_id=provider, at=AT)


# --- suggestions, capacity, availability ----------------------------------------------------------

def test_a_swahili_speaking_child_gets_the_swahili_children_s_specialist_first(app: Application) -> None:
    facility = records.create(app.uow(), make_facility()).id
    child = records.create(app.uow(), make_person(full_name="Baraka Otieno", date_of_birth=date(2010, 2, 1),
                                                  languages="Swahili, English"))
    case_id, _ = _case(app, child.id, facility)
    _provider(app, "Adult Court Lawyer", languages="English", specialisms="trial advocacy", capacity=30)
    _provider(app, "French Children Lawyer", languages="French", specialisms="children", capacity=30)
    swahili = _provider(app, "Zawadi Mwakilema", languages="Swahili, English", specialisms="children, women",
                        capacity=30)
    _provider(app, "Swahili Generalist", languages="Swahili", capacity=30)
    _provider(app, "Retired Lawyer", languages="Swahili", specialisms="children", active=False)
    ranked = suggest_providers(app.uow(), case_id=case_id, today=TODAY)
    assert ranked[0].provider_id == swahili
    codes = {(w.code, w.value) for w in ranked[0].reasons}
    assert ("language", "Swahili") in codes and ("specialism", "children") in codes
    assert "Retired Lawyer" not in [s.full_name for s in ranked]


def test_leave_today_and_a_full_capacity_rank_a_provider_after_those_who_can_take_the_case(
        app: Application) -> None:
    person = records.create(app.uow(), make_person(languages="English"))
    case_id, _ = _case(app, person.id)
    on_leave_today = _provider(app, "On Leave", languages="English", unavailable_from=TODAY,
                               unavailable_until=TODAY)
    back_today = _provider(app, "Back Today", languages="English",
                           unavailable_from=TODAY - timedelta(days=9),
                           unavailable_until=TODAY - timedelta(days=1))
    full = _provider(app, "Full House", languages="English", capacity=1)
    other = records.create(app.uow(), make_person(full_name="Someone Else"))
    other_case, _ = _case(app, other.id)
    assign_provider(app.uow(), case_id=other_case, provider_id=full, at=AT)
    ranked = suggest_providers(app.uow(), case_id=case_id, today=TODAY)
    by_id = {s.provider_id: s for s in ranked}
    assert by_id[back_today].available and not by_id[on_leave_today].available
    assert not by_id[full].available
    assert ("at_capacity", None) in {(w.code, w.value) for w in by_id[full].reasons}
    assert ranked[0].provider_id == back_today
    assert on_leave(TODAY, TODAY, TODAY) and not on_leave(TODAY, TODAY, TODAY + timedelta(days=1))
    assert on_leave(None, TODAY, TODAY) and not on_leave(None, None, TODAY)


def test_a_capital_case_weighs_two_against_capacity(app: Application) -> None:
    provider = _provider(app, "Capital Lawyer", capacity=2, specialisms="capital cases")
    person = records.create(app.uow(), make_person())
    case_id, _ = _case(app, person.id)
    records.create(app.uow(), Charge(case_id=case_id, offence="Murder", offence_class="capital",
                                     capital=True))
    assign_provider(app.uow(), case_id=case_id, provider_id=provider, at=AT)
    (load,) = [p for p in caseload(app.uow(), today=TODAY).providers if p.provider_id == provider]
    assert (load.active_cases, load.load, load.over_capacity) == (1, 2.0, False)
    another = records.create(app.uow(), make_person(full_name="Second Client"))
    second, _ = _case(app, another.id)
    ranked = suggest_providers(app.uow(), case_id=second, today=TODAY)
    assert not ranked[0].available  # 2 of 2 taken: no room for one more


def test_caseload_names_providers_over_capacity_and_facilities_with_unrepresented_detainees(
        app: Application) -> None:
    facility = records.create(app.uow(), make_facility(name="Luzira")).id
    busy = _provider(app, "Busy Lawyer", capacity=1)
    spare = _provider(app, "Spare Lawyer", capacity=10)
    _provider(app, "Elsewhere Lawyer", capacity=50)  # more room, but never goes to Luzira
    records.create(app.uow(), ProviderCoverage(provider_id=spare, facility_id=facility))
    cases = []
    for n in range(3):
        person = records.create(app.uow(), make_person(full_name=f"Client Number{n} Test{n}"))
        cases.append(_case(app, person.id, facility)[0])
    for when, case_id in enumerate(cases[:2]):
        assign_provider(app.uow(), case_id=case_id, provider_id=busy, at=AT + timedelta(hours=when))
    load = caseload(app.uow(), today=TODAY)
    assert [p.full_name for p in load.over_capacity] == ["Busy Lawyer"]
    assert [(f.name, f.unrepresented) for f in load.facilities] == [("Luzira", 1)]
    (move,) = propose_rebalance(app.uow(), today=TODAY)
    assert (move.case_id, move.from_provider_id, move.to_provider_id) == (cases[1], busy, spare)
    apply_rebalance(app.uow(), [move], at=AT + timedelta(days=1))
    with app.uow() as uow:
        history = sorted(uow.repo(Assignment).find(case_id=cases[1]), key=lambda a: a.id or 0)
        assert [(a.provider_id, a.ended_at is not None) for a in history] == [(busy, True), (spare, False)]
        assert history[0].end_reason is not None and "over capacity" in history[0].end_reason
    assert caseload(app.uow(), today=TODAY).over_capacity == ()


def test_coverage_of_the_facility_counts_in_a_suggestion(app: Application) -> None:
    facility = records.create(app.uow(), make_facility()).id
    person = records.create(app.uow(), make_person(date_of_birth=date(1980, 1, 1)))
    case_id, _ = _case(app, person.id, facility)
    there = _provider(app, "Covers Kamiti", kind=ProviderKind.PARALEGAL)
    _provider(app, "Elsewhere", kind=ProviderKind.PARALEGAL)
    records.create(app.uow(), ProviderCoverage(provider_id=there, facility_id=facility))
    ranked = suggest_providers(app.uow(), case_id=case_id, today=TODAY)
    assert ranked[0].provider_id == there and ("covers_facility", None) in {
        (w.code, w.value) for w in ranked[0].reasons}


def test_providers_working_only_in_another_country_are_left_out_while_a_local_one_is_free(
        app: Application, capsys: pytest.CaptureFixture[str]) -> None:
    nakuru = records.create(app.uow(), make_facility(name="Nakuru Main Prison")).id
    kisumu = records.create(app.uow(), make_facility(name="Kisumu Main Prison")).id
    luzira = records.create(app.uow(), make_facility(name="Luzira Upper", jurisdiction_code="UG")).id
    person = records.create(app.uow(), make_person(date_of_birth=date(2010, 1, 1), languages="English"))
    case_id, case_ref = _case(app, person.id, nakuru)
    # Abroad speaks the client's language and is trained for children: the most points by far.
    abroad = _provider(app, "Abroad Lawyer", languages="English", specialisms="children", capacity=50)
    nowhere = _provider(app, "Nowhere Lawyer", languages="English", specialisms="children", capacity=50)
    here = _provider(app, "Here Paralegal", kind=ProviderKind.PARALEGAL, capacity=50)
    near = _provider(app, "Kisumu Paralegal", kind=ProviderKind.PARALEGAL, capacity=50)
    for provider, facility in ((abroad, luzira), (here, nakuru), (near, kisumu)):
        records.create(app.uow(), ProviderCoverage(provider_id=provider, facility_id=facility))

    ranked = suggest_providers(app.uow(), case_id=case_id, today=TODAY)
    assert [s.provider_id for s in ranked] == [here, near]
    assert ("covers_neither", "KE") in {(w.code, w.value) for w in ranked[1].reasons}

    with app.uow() as uow:  # the local ones away: the others are listed, last, with the reason why
        for key in (here, near):
            found = uow.repo(Provider).get(key)
            assert found is not None
            found.unavailable_from, found.unavailable_until = TODAY, None  # until further notice
        uow.commit()
    ranked = suggest_providers(app.uow(), case_id=case_id, today=TODAY)
    assert [s.provider_id for s in ranked] == [here, near, abroad, nowhere]
    assert ("other_jurisdiction", "UG") in {(w.code, w.value) for w in ranked[2].reasons}
    assert ("no_coverage", None) in {(w.code, w.value) for w in ranked[3].reasons}

    assert main(["assign", "suggest", case_ref, "--db", str(app.location.path)]) == 0
    table = capsys.readouterr().out
    assert "works in another jurisdiction: UG" in table and "covers no facility or court" in table
    points = [line.split()[4] for line in table.splitlines()[1:]]
    assert points and all(re.fullmatch(r"\d+\.\d\d", p) for p in points), points


# --- the command line -----------------------------------------------------------------------------

def test_the_cli_check_prints_the_json_shape(app: Application, world: World,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conflicts", "check", "--db", str(app.location.path), "--name", "Muhammad Abdulahi",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = out["matches"]
    assert out["more_on_name_only"] == 0
    assert rows and all(set(r) == {"full_name", "case_ref", "role", "score", "providers", "reasons"}
                        for r in rows)
    victim = next(r for r in rows if r["role"] == "victim")
    assert victim["case_ref"] == world.ref_b and victim["providers"] == ["Grace Akello"]
    assert isinstance(victim["score"], float) and victim["reasons"]
    codes = {code for r in rows for code in r["reasons"]}  # codes for scripts; words for a reader:
    assert main(["conflicts", "check", "--db", str(app.location.path), "--name", "Muhammad Abdulahi"]) == 0
    table = capsys.readouterr().out
    assert codes and all(code not in table and MATCH_WORDS[code] in table for code in codes)


def test_the_cli_refuses_a_conflicted_assignment_until_a_waiver(app: Application, world: World,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = str(app.location.path)
    assert main(["assign", "Grace Akello", world.ref_a, "--db", db]) == 4
    err = capsys.readouterr().err
    assert world.ref_b in err and "victim" in err and "Grace Akello" in err and "waive" in err
    assert main(["conflicts", "waive", world.ref_a, "Grace Akello", "--db", db,
                 "--reason", "both consent in writing"]) == 0
    assert main(["assign", "grace akello", world.ref_a, "--db", db]) == 0
    assert "assigned" in capsys.readouterr().out
    assert main(["assign", "suggest", world.ref_a, "--db", db, "--format", "json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert main(["caseload", "--db", db, "--rebalance"]) == 0
    assert main(["assign", "Nobody Here", world.ref_a, "--db", db]) == 2
