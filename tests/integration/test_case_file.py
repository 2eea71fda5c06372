"""A case read whole for its screen, on a real migrated SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.cases import Document, Hearing, Note, Party
from legalaid_desktop.domain.custody import Deadline
from legalaid_desktop.domain.errors import ConcurrencyError, NotFoundError
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import Decision, EventType, NoteKind, PartyRole
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider
from legalaid_desktop.services.case_file import ensure_spell_unchanged, find_case_id, load_case_file
from tests.builders import T0, make_facility, make_person

NOW = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 4, 1)


def _open(app: Application, **person: object) -> tuple[int, int]:
    """A client held at a Nairobi facility since T0; returns (case id, custody id)."""
    facility = records.create(app.uow(), make_facility(time_zone="Africa/Nairobi"))
    client = records.create(app.uow(), make_person(**person))
    case = records.open_case(app.uow(), client_person_id=client.id, opened_on=T0.date(),
                             facility_id=facility.id, register_number="KAM/2026/0042", arrest_at=T0,
                             admission_at=T0, offence="Robbery with violence", offence_class="capital")
    header = load_case_file(app.uow(), case_id=case.id, now=NOW).header
    assert header.custody_id is not None
    return case.id, header.custody_id


def _manual_deadline(app: Application, custody_id: int, title: str, due: datetime,
                     layer: str = "national", **extra: Any) -> None:
    records.create(app.uow(), Deadline(custody_id=custody_id, kind="review", layer=layer, due=due,
                                       due_date=due.date(), manual=True, title=title, **extra))


def test_the_header_names_the_client_with_age_child_flag_facility_and_days_held(app: Application) -> None:
    case_id, _custody = _open(app, full_name="Juma Otieno", date_of_birth=date(2010, 5, 1))

    header = load_case_file(app.uow(), case_id=case_id, today=TODAY, now=NOW).header

    assert header.full_name == "Juma Otieno"
    assert header.case_ref.startswith("LA-2026-")
    assert (header.age, header.is_child, header.age_estimated) == (15, True, False)
    assert header.facility == "Kamiti Remand"
    assert header.register_number == "KAM/2026/0042"
    assert header.custody_status == "untried"
    assert header.days_in_custody == (TODAY - T0.date()).days
    assert header.time_zone == "Africa/Nairobi"


def test_an_adult_of_known_age_is_not_flagged_as_a_child(app: Application) -> None:
    case_id, _custody = _open(app, date_of_birth=date(1990, 1, 1))
    header = load_case_file(app.uow(), case_id=case_id, today=TODAY, now=NOW).header
    assert (header.age, header.is_child) == (36, False)


def test_a_client_who_turned_18_in_custody_is_shown_as_a_child_when_detained(app: Application) -> None:
    case_id, _custody = _open(app, date_of_birth=date(2008, 6, 1))  # 17 on 2 March 2026
    header = load_case_file(app.uow(), case_id=case_id, today=date(2026, 11, 29), now=NOW).header
    assert (header.age, header.is_child) == (18, False)
    assert (header.age_at_start, header.child_at_start) == (17, True)


def test_events_come_in_time_order_whatever_order_they_were_entered(app: Application) -> None:
    case_id, custody_id = _open(app)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.REMAND,
                              at=T0 + timedelta(days=3), days=14, notes="Remanded by Kibera court")
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.FIRST_APPEARANCE,
                              at=T0 + timedelta(days=1))

    spell = load_case_file(app.uow(), case_id=case_id, now=NOW).spells[0]

    assert [e.type for e in spell.events] == ["arrest", "first_appearance", "remand"]
    assert spell.events[-1].days == 14 and spell.events[-1].notes == "Remanded by Kibera court"
    assert spell.time_zone == "Africa/Nairobi"


def test_an_open_deadline_past_its_due_moment_shows_as_overdue_and_leads_the_header(
        app: Application) -> None:
    case_id, custody_id = _open(app)
    _manual_deadline(app, custody_id, "Ask for the charge sheet", T0 + timedelta(minutes=30))
    _manual_deadline(app, custody_id, "Visit before the hearing", NOW + timedelta(days=3))
    _manual_deadline(app, custody_id, "Bail application filed", T0 + timedelta(hours=2),
                     status="met", met_at=T0 + timedelta(hours=1))

    case_file = load_case_file(app.uow(), case_id=case_id, now=NOW)

    by_title = {d.title: d for d in case_file.deadlines if d.manual}
    assert by_title["Ask for the charge sheet"].status == "overdue"
    assert by_title["Ask for the charge sheet"].stored_status == "open"
    assert by_title["Visit before the hearing"].status == "open"
    assert by_title["Bail application filed"].status == "met"
    assert case_file.header.next_deadline is not None
    assert case_file.header.next_deadline.title == "Ask for the charge sheet"


def test_national_and_benchmark_deadlines_keep_their_layer_citation_and_explanation(
        app: Application) -> None:
    case_id, custody_id = _open(app)
    _manual_deadline(app, custody_id, "UN review", NOW + timedelta(days=1), layer="benchmark",
                     citation="Body of Principles, Principle 11", explanation="Review promptly.")
    _manual_deadline(app, custody_id, "National review", NOW + timedelta(days=2),
                     citation="Constitution of Kenya, Art. 49", verification="verified")

    lines = {d.title: d for d in load_case_file(app.uow(), case_id=case_id, now=NOW).deadlines if d.manual}

    assert lines["UN review"].layer == "benchmark"
    assert lines["UN review"].citation == "Body of Principles, Principle 11"
    assert lines["UN review"].explanation == "Review promptly."
    assert (lines["National review"].layer, lines["National review"].verification) == ("national", "verified")


def test_computed_deadlines_come_with_the_rule_citation_and_the_engine_explanation(
        app: Application) -> None:
    case_id, _custody = _open(app)  # Kenya: a first appearance within 24 hours of the arrest

    lines = load_case_file(app.uow(), case_id=case_id, now=NOW, book=app.deadline_book).deadlines

    computed = [d for d in lines if not d.manual]
    assert {d.layer for d in computed} == {"national", "benchmark"}
    first = next(d for d in computed if d.layer == "national" and d.kind == "first_appearance")
    assert first.status == "overdue" and first.stored_status == "open"
    assert first.citation and "Constitution" in first.citation
    assert first.explanation
    assert first.warn_from is not None and first.warn_from <= first.due
    bare = load_case_file(app.uow(), case_id=case_id, now=NOW).deadlines  # without the rule files
    assert [(d.rule_id, d.due) for d in bare] == [(d.rule_id, d.due) for d in lines]
    assert all(d.citation is None for d in bare if not d.manual)


def test_casework_records_are_read_with_the_names_they_point_to(app: Application) -> None:
    case_id, _custody = _open(app, full_name="Amina Yusuf")
    victim = records.create(app.uow(), make_person(full_name="Peter Kamau"))
    records.create(app.uow(), Party(
        case_id=case_id, person_id=victim.id, role=PartyRole.VICTIM))
    lawyer = records.create(app.uow(), Provider(full_name="Grace Wanjiru"))
    assign_provider(app.uow(), case_id=case_id, provider_id=lawyer.id, at=T0 + timedelta(days=1))
    records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=T0 + timedelta(days=10),
                                      purpose="Plea", outcome="Adjourned", next_date=date(2026, 3, 30)))
    records.create(app.uow(), Hearing(case_id=case_id, scheduled_at=T0 + timedelta(days=2),
                                      purpose="Mention"))
    records.create(app.uow(), Note(case_id=case_id, kind=NoteKind.VISIT, at=T0 + timedelta(days=1),
                                   author="paralegal", text="Met the client in Kamiti", minutes_spent=45))
    records.create(app.uow(), Document(case_id=case_id, title="Charge sheet", filename="charge.pdf",
                                       media_type="application/pdf", content=b"%PDF" + b"x" * 996))
    request = records.create(app.uow(), LegalAidRequest(
        person_id=1, received_at=T0, decision=Decision.GRANTED, decided_on=T0.date(), case_id=case_id))

    case_file = load_case_file(app.uow(), case_id=case_id, now=NOW)

    assert [(p.full_name, p.role) for p in case_file.parties] == [("Amina Yusuf", "client"),
                                                                    ("Peter Kamau", "victim")]
    assert [(a.provider, a.active) for a in case_file.assignments] == [("Grace Wanjiru", True)]
    assert [h.purpose for h in case_file.hearings] == ["Mention", "Plea"]
    assert case_file.hearings[1].next_date == date(2026, 3, 30)
    assert [(n.kind, n.minutes_spent) for n in case_file.notes] == [("visit", 45)]
    assert [(d.title, d.filename, d.size) for d in case_file.documents] == [
        ("Charge sheet", "charge.pdf", 1000)]
    assert not hasattr(case_file.documents[0], "content")
    assert [(r.id, r.decision) for r in case_file.requests] == [(request.id, "granted")]
    assert [c.offence for c in case_file.charges] == ["Robbery with violence"]


def test_history_lists_what_was_done_to_the_case_records_newest_first(app: Application) -> None:
    case_id, custody_id = _open(app)
    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.BAIL,
                              at=T0 + timedelta(days=5))
    unrelated = records.create(app.uow(), make_person(full_name="Someone Else"))

    history = load_case_file(app.uow(), case_id=case_id, now=NOW).history

    assert history[0].action == "update" and history[0].record.startswith("Custody at Kamiti Remand")
    assert {"released_at", "status"} <= {c.field for c in history[0].changes}
    assert any(h.record == "Custody event: Bail" and h.action == "create" for h in history)
    assert any(h.record.startswith("Case LA-2026-") and h.action == "create" for h in history)
    assert all(h.actor == "tester" for h in history)
    assert all("Someone Else" not in (c.after or "") for h in history for c in h.changes), unrelated
    assert [h.at for h in history] == sorted((h.at for h in history), reverse=True)


def test_a_case_is_found_by_its_reference_and_an_unknown_one_is_not_found(app: Application) -> None:
    case_id, _custody = _open(app)
    ref = load_case_file(app.uow(), case_id=case_id, now=NOW).header.case_ref
    assert find_case_id(app.uow(), case_ref=ref.lower()) == case_id
    with pytest.raises(NotFoundError):
        find_case_id(app.uow(), case_ref="LA-1999-000001")
    with pytest.raises(NotFoundError):
        load_case_file(app.uow(), case_id=999)


def test_a_spell_changed_since_it_was_read_is_a_conflict(app: Application) -> None:
    case_id, custody_id = _open(app)
    spell = load_case_file(app.uow(), case_id=case_id, now=NOW).spells[0]
    ensure_spell_unchanged(app.uow(), custody_id=custody_id, version=spell.version, events=len(spell.events))

    records.add_custody_event(app.uow(), custody_id=custody_id, type=EventType.FIRST_APPEARANCE,
                              at=T0 + timedelta(days=1))

    with pytest.raises(ConcurrencyError):
        ensure_spell_unchanged(app.uow(), custody_id=custody_id, version=spell.version,
                               events=len(spell.events))
