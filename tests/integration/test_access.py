"""Permissions enforced in the services on a real database: a paralegal of one facility cannot list,
search, open, change, count or export another facility's cases; every refusal is audited in its own
transaction while the refused change is absent."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.domain.cases import Case, Party
from legalaid_desktop.domain.conflicts import HIDDEN_MATCH
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.dto import CaseFilter, DeadlineFilter
from legalaid_desktop.domain.vocab import EventType, PartyRole
from legalaid_desktop.messages import describe
from legalaid_desktop.services import records
from legalaid_desktop.services.case_file import find_case_id, load_case_file
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.conflicts import check_conflicts
from legalaid_desktop.services.dashboard import dashboard, deadline_count, deadline_page
from legalaid_desktop.services.deadlines import add_manual_deadline, deadline_lines
from legalaid_desktop.services.exchange import export_json
from legalaid_desktop.services.register_export import export_register
from legalaid_desktop.services.reports import (
    case_summary_data,
    caseload_data,
    overstay_data,
    statistics_data,
)
from legalaid_desktop.services.users import add_user
from tests.builders import make_facility, make_person

SECRET = "long enough secret"
NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


@dataclass
class Office:
    """Two facilities, a held client at each, and one signed-in application per role."""

    admin: Application
    by_role: dict[Role, Application]
    kamiti: int
    langata: int
    case_a: int
    case_b: int
    custody_b: int

    @property
    def paralegal(self) -> Application:
        return self.by_role[Role.PARALEGAL]


@pytest.fixture
def office(app: Application) -> Office:
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand")).id
    langata = records.create(app.uow(), make_facility(name="Langata Women's Prison")).id
    cases = []
    for name, facility in (("Amina Yusuf", kamiti), ("Beatrice Njeri", langata)):
        person = records.create(app.uow(), make_person(full_name=name))
        cases.append(records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 4, 1),
                                       facility_id=facility, register_number=f"R/{name[:3]}",
                                       arrest_at=datetime(2026, 4, 1, 8, tzinfo=UTC)).id)
    with app.uow() as uow:
        spell_b = uow.repo(Custody).first(case_id=cases[1])
        assert spell_b is not None and spell_b.id is not None
        custody_b_id = spell_b.id
    add_user(app.uow(), name="Ada", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    add_user(admin.uow(), name="Pat", role=Role.PARALEGAL, password=SECRET, facilities=["Kamiti Remand"])
    for name, role in (("Cora", Role.COORDINATOR), ("Lee", Role.LAWYER), ("Vic", Role.VIEWER)):
        add_user(admin.uow(), name=name, role=role, password=SECRET)
    by_role = {Role.ADMIN: admin, **{role: admin.sign_in(name, SECRET) for name, role in (
        ("Pat", Role.PARALEGAL), ("Cora", Role.COORDINATOR), ("Lee", Role.LAWYER), ("Vic", Role.VIEWER))}}
    return Office(admin, by_role, kamiti, langata, cases[0], cases[1], custody_b_id)


def refusals(app: Application) -> list[dict[str, object]]:
    with sqlite3.connect(app.location.path) as raw:
        return [{"actor": actor, "entity": entity, "uuid": uuid, **json.loads(after)}
                for actor, entity, uuid, after in raw.execute(
                    "SELECT actor, entity, entity_uuid, after FROM audit_entry WHERE action = 'refused' "
                    "ORDER BY id")]


def case_uuid(app: Application, case_id: int) -> str:
    with app.uow() as uow:
        case = uow.repo(Case).get(case_id)
        assert case is not None
        return case.uuid


def test_a_paralegal_lists_and_searches_only_the_cases_of_their_facility(office: Office) -> None:
    pat = office.paralegal
    page = list_cases(pat.uow(), filters=CaseFilter(), with_total=True)
    assert [r.full_name for r in page.rows] == ["Amina Yusuf"] and page.total == 1
    assert list_cases(pat.uow(), filters=CaseFilter(search="Beatrice")).rows == ()
    assert list_cases(pat.uow(), filters=CaseFilter(facility="Langata Women's Prison")).rows == ()
    # Asking for the other facility's key does not widen the list either.
    assert list_cases(pat.uow(), filters=CaseFilter(facility_ids=frozenset({office.langata}))).rows == ()
    everyone = list_cases(office.admin.uow(), filters=CaseFilter(), with_total=True)
    assert everyone.total == 2


def test_a_paralegal_cannot_open_another_facilitys_case_and_the_refusal_is_audited(office: Office) -> None:
    pat = office.paralegal
    assert load_case_file(pat.uow(), case_id=office.case_a).header.full_name == "Amina Yusuf"
    with pytest.raises(AccessDenied) as caught:
        load_case_file(pat.uow(), case_id=office.case_b)
    message, code = describe(caught.value)
    assert "Pat (paralegal) may not read cases held at a facility not assigned to them" in message
    assert "Beatrice" not in message and code == 4
    with pytest.raises(AccessDenied):
        find_case_id(pat.uow(),
                     case_ref=load_case_file(office.admin.uow(), case_id=office.case_b).header.case_ref)
    logged = refusals(office.admin)
    assert [(r["actor"], r["entity"], r["uuid"], r["permission"]) for r in logged] == [
        ("Pat", "case", case_uuid(office.admin, office.case_b), "read_cases")] * 2


def test_a_paralegals_change_to_another_facilitys_case_is_refused_rolled_back_and_audited(
        office: Office) -> None:
    pat = office.paralegal
    with pytest.raises(AccessDenied):
        records.update(pat.uow(), Case, office.case_b, expected_version=None, changes={"summary": "meddled"})
    with pytest.raises(AccessDenied):
        records.add_custody_event(pat.uow(), custody_id=office.custody_b, type=EventType.FIRST_APPEARANCE,
                                  at=datetime(2026, 4, 2, 9, tzinfo=UTC))
    with pytest.raises(AccessDenied):
        add_manual_deadline(pat.uow(), custody_id=office.custody_b, title="appeal", due=NOW)
    with pytest.raises(AccessDenied):
        records.open_case(pat.uow(), client_person_id=1, opened_on=date(2026, 4, 2),
                          facility_id=office.langata)
    case_b = load_case_file(office.admin.uow(), case_id=office.case_b)
    assert case_b.summary is None and len(case_b.spells[0].events) == 1  # the arrest only
    assert not any(d.manual for d in case_b.spells[0].deadlines)
    assert list_cases(office.admin.uow(), filters=CaseFilter(), with_total=True).total == 2  # no new case
    assert [r["permission"] for r in refusals(office.admin)] == ["edit_cases"] * 4
    # Their own facility's case they change.
    records.update(pat.uow(), Case, office.case_a, expected_version=None, changes={"summary": "seen"})
    assert load_case_file(pat.uow(), case_id=office.case_a).summary == "seen"


def test_a_paralegals_deadlines_and_dashboard_count_only_their_facility(office: Office) -> None:
    pat, admin = office.paralegal, office.admin
    filters = DeadlineFilter(now=NOW)
    mine = list(deadline_lines(pat.uow(), admin.deadline_book, filters))
    everyone = list(deadline_lines(admin.uow(), admin.deadline_book, filters))
    assert mine and {d.facility for d in mine} == {"Kamiti Remand"}
    assert {d.facility for d in everyone} == {"Kamiti Remand", "Langata Women's Prison"}
    assert {d.facility for d in deadline_page(pat.uow(), admin.deadline_book, filters)} == {"Kamiti Remand"}
    assert deadline_count(pat.uow(), filters) == len(mine) < deadline_count(admin.uow(), filters)
    board = dashboard(pat.uow(), now=NOW, today=NOW.date())
    assert board.held == 1 and [f.facility for f in board.facilities] == ["Kamiti Remand"]
    assert dashboard(admin.uow(), now=NOW, today=NOW.date()).held == 2


def test_victims_witnesses_and_childrens_contacts_are_blanked_for_roles_that_do_not_need_them(
        office: Office) -> None:
    admin = office.admin
    victim = records.create(admin.uow(), make_person(full_name="Grace Victim", phone="+254 700 111111"))
    child = records.create(admin.uow(), make_person(full_name="Tom Child", date_of_birth=date(2015, 1, 1),
                                                    phone="+254 700 222222"))
    adult = records.create(admin.uow(), make_person(full_name="Otieno Accused", phone="+254 700 333333"))
    for person, role in ((victim, PartyRole.VICTIM), (child, PartyRole.WITNESS),
                         (adult, PartyRole.CO_ACCUSED)):
        records.create(admin.uow(), Party(case_id=office.case_a, person_id=person.id, role=role))
    ref = load_case_file(admin.uow(), case_id=office.case_a).header.case_ref

    def contacts(app: Application) -> dict[str, str | None]:
        summary = case_summary_data(app.uow(), None, case_ref=ref, now=NOW).data
        return {p.name: p.contact for p in summary.parties}

    assert contacts(office.by_role[Role.LAWYER]) == {"Grace Victim": "+254 700 111111",
                                                     "Tom Child": "+254 700 222222",
                                                     "Otieno Accused": "+254 700 333333"}
    assert contacts(office.paralegal) == {"Grace Victim": None, "Tom Child": None,
                                          "Otieno Accused": "+254 700 333333"}


def test_a_paralegals_conflict_check_only_says_a_match_exists_in_a_record_they_cannot_open(
        office: Office) -> None:
    found = check_conflicts(office.paralegal.uow(), name="Beatrice Njeri").matches
    assert [(m.hidden, m.full_name, m.case_ref, m.person_id, m.providers) for m in found] == [
        (True, HIDDEN_MATCH, None, 0, ())]
    mine = check_conflicts(office.paralegal.uow(), name="Amina Yusuf").matches
    assert [(m.hidden, m.full_name) for m in mine] == [(False, "Amina Yusuf")]
    full = check_conflicts(office.admin.uow(), name="Beatrice Njeri").matches
    assert [(m.hidden, m.full_name) for m in full] == [(False, "Beatrice Njeri")]
    records.create(office.admin.uow(), make_person(full_name="Zawadi Nobody"))  # in no case yet
    assert [m.hidden for m in check_conflicts(office.paralegal.uow(), name="Zawadi Nobody").matches] == [True]
    assert [m.full_name for m in check_conflicts(office.admin.uow(), name="Zawadi Nobody").matches] == [
        "Zawadi Nobody"]


def test_a_paralegal_cannot_report_on_or_export_another_facilitys_cases(office: Office,
                                                                        tmp_path: Path) -> None:
    pat, admin = office.paralegal, office.admin
    assert overstay_data(pat.uow(), admin.deadline_book, facility="Kamiti Remand", now=NOW).data.rows
    with pytest.raises(AccessDenied):
        overstay_data(pat.uow(), admin.deadline_book, facility="Langata Women's Prison", now=NOW)
    # The caseload and the statistics count their facility only, and say so.
    theirs = caseload_data(pat.uow(), group_by="facility", now=NOW)
    assert [(g.name, g.open_cases) for g in theirs.data.groups] == [("Kamiti Remand", 1)]
    assert ("Facilities", "Kamiti Remand") in theirs.meta.filters
    everyone = caseload_data(admin.uow(), group_by="facility", now=NOW).data.groups
    assert sorted((g.name, g.open_cases) for g in everyone) == [("Kamiti Remand", 1),
                                                                ("Langata Women's Prison", 1)]
    mine = statistics_data(pat.uow(), now=NOW).data
    assert mine.detainees == 1 and [r.label for r in mine.sdg_facilities] == ["Kamiti Remand"]
    assert statistics_data(admin.uow(), now=NOW).data.detainees == 2
    with pytest.raises(AccessDenied):
        case_summary_data(pat.uow(), None, case_ref=load_case_file(admin.uow(), case_id=office.case_b)
                          .header.case_ref, now=NOW)
    exported = export_register(pat.uow(), pat.catalogue, path=tmp_path / "mine.csv",
                               facility="Kamiti Remand")
    assert exported.rows == 1 and "Beatrice" not in (tmp_path / "mine.csv").read_text(encoding="utf-8")
    for attempt in (lambda: export_register(pat.uow(), pat.catalogue, path=tmp_path / "theirs.csv",
                                            facility="Langata Women's Prison"),
                    lambda: export_register(pat.uow(), pat.catalogue, path=tmp_path / "all.csv"),
                    lambda: export_json(pat.uow(), path=tmp_path / "all.json")):
        with pytest.raises(AccessDenied):
            attempt()
    assert not any(p.name in ("theirs.csv", "all.csv", "all.json") for p in tmp_path.iterdir())
    assert [r["permission"] for r in refusals(admin)] == ["run_reports", "read_cases"] + ["export_data"] * 3


def test_a_paralegal_puts_a_lawyer_on_a_case_that_has_none_and_no_more(office: Office) -> None:
    """Taking a detainee from the register to a lawyer is a paralegal's job; a second provider, a
    change, a waiver or another facility's case stay with a coordinator."""
    from legalaid_desktop.domain.conflicts import ConflictOfInterestError
    from legalaid_desktop.domain.org import Provider
    from legalaid_desktop.services.assignments import assign_provider, end_assignment
    from legalaid_desktop.services.case_work import add_party
    from legalaid_desktop.services.conflicts import provider_conflicts, suggest_providers, waive_conflict

    admin, pat = office.admin, office.paralegal
    wanjiru = records.create(admin.uow(), Provider(full_name="Wanjiru Kamau")).id
    peter = records.create(admin.uow(), Provider(full_name="Peter Otieno")).id
    ruth = records.create(admin.uow(), Provider(full_name="Ruth Achieng")).id
    # Wanjiru acts for Beatrice at Langata; Beatrice is the victim in Amina's case at Kamiti.
    assign_provider(admin.uow(), case_id=office.case_b, provider_id=wanjiru, at=NOW)
    with admin.uow() as uow:
        beatrice = uow.repo(Custody).first(case_id=office.case_b)
        assert beatrice is not None
        beatrice_id = beatrice.person_id
    add_party(admin.uow(), case_id=office.case_a, role=PartyRole.VICTIM, person_id=beatrice_id)
    other_ref = load_case_file(admin.uow(), case_id=office.case_b).header.case_ref

    # The conflict blocks Pat too, told only that it exists: the Langata case is not hers to see.
    with pytest.raises(ConflictOfInterestError) as refused:
        assign_provider(pat.uow(), case_id=office.case_a, provider_id=wanjiru, at=NOW)
    assert [(c.hidden, c.other_case_ref, c.matched_name) for c in refused.value.conflicts] == [(True, "", "")]
    assert "victim" not in str(refused.value) and other_ref not in str(refused.value)  # in logs too
    said = describe(refused.value)[0]
    assert "record you cannot open" in said and other_ref not in said and "Beatrice" not in said
    listed = {s.full_name: s for s in suggest_providers(pat.uow(), case_id=office.case_a)}
    assert listed["Wanjiru Kamau"].conflict and not listed["Peter Otieno"].conflict
    assert [w.code for w in listed["Wanjiru Kamau"].reasons if w.code.startswith("conflict")] == [
        "conflict_hidden"]
    assert all(other_ref not in str(w.value) for s in listed.values() for w in s.reasons)
    assert [c.hidden for c in provider_conflicts(pat.uow(), case_id=office.case_a, provider_id=wanjiru)] \
        == [True]
    cora = office.by_role[Role.COORDINATOR]
    full = provider_conflicts(cora.uow(), case_id=office.case_a, provider_id=wanjiru)
    assert [(c.hidden, c.other_case_ref) for c in full] == [(False, other_ref)]  # a coordinator sees it
    with pytest.raises(AccessDenied):
        waive_conflict(pat.uow(), case_id=office.case_a, provider_id=wanjiru, reason="no one else")

    # The first provider of an unrepresented case at her prison: allowed, and audited under her name.
    first = assign_provider(pat.uow(), case_id=office.case_a, provider_id=peter, at=NOW)
    with pytest.raises(AccessDenied):  # a second one is a coordinator's decision
        assign_provider(pat.uow(), case_id=office.case_a, provider_id=ruth, at=NOW)
    with pytest.raises(AccessDenied):  # as is ending one
        end_assignment(pat.uow(), assignment_id=first.id, at=NOW, reason="moved")
    with pytest.raises(AccessDenied) as elsewhere:  # and any case at a prison not hers, which has a
        assign_provider(pat.uow(), case_id=office.case_b, provider_id=ruth, at=NOW)  # lawyer: not told
    assert elsewhere.value.permission == "assign_unrepresented" and elsewhere.value.facility_id is not None
    with sqlite3.connect(office.admin.location.path) as raw:
        made = raw.execute("SELECT actor FROM audit_entry WHERE entity = 'assignment' AND action = 'create' "
                           "ORDER BY id").fetchall()
    assert made == [("Ada",), ("Pat",)]
    assert [r["permission"] for r in refusals(office.admin)][-3:] == [
        "assign_providers", "assign_providers", "assign_unrepresented"]


def test_a_paralegals_conflict_check_lists_her_own_facilitys_match_among_many_elsewhere(
        office: Office) -> None:
    """The list is cut to its closest and the rest counted after what she may not see is set apart:
    a match at her prison is never crowded out by people elsewhere, and the count tells nothing of
    them."""
    for n in range(60):
        person = records.create(office.admin.uow(), make_person(full_name="Mohammed Abdullahi"))
        records.open_case(office.admin.uow(), client_person_id=person.id, opened_on=date(2026, 4, 1),
                          facility_id=office.langata, register_number=f"L/{n}",
                          arrest_at=datetime(2026, 4, 1, 8, tzinfo=UTC))
    mine = records.create(office.admin.uow(), make_person(full_name="Mohammed Abdullahi"))
    records.open_case(office.admin.uow(), client_person_id=mine.id, opened_on=date(2026, 4, 1),
                      facility_id=office.kamiti, register_number="K/1",
                      arrest_at=datetime(2026, 4, 1, 8, tzinfo=UTC))
    seen = check_conflicts(office.paralegal.uow(), name="Mohammed Abdullahi", limit=10)
    assert [(m.person_id, m.hidden) for m in seen.matches] == [(mine.id, False), (0, True)]
    assert seen.more_on_name_only == 0
    everyone = check_conflicts(office.admin.uow(), name="Mohammed Abdullahi", limit=10)
    assert everyone.more_on_name_only == 51 and not any(m.hidden for m in everyone.matches)
