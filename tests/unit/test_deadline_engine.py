"""The engine's semantics: statuses, missing facts, age, excluded intervals, what `as_of` knows."""

from __future__ import annotations

from datetime import date

import pytest

from legalaid_desktop.domain.deadlines import Event, Offence, Person, compute_deadlines
from legalaid_desktop.domain.deadlines.facts import is_child
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.deadlines import BENCHMARK
from tests.unit.deadline_support import CHILD, calendar_for, deadlines, due, event, local, rule_sets


def test_a_spell_with_no_recorded_appearance_is_overdue_once_the_limit_has_passed() -> None:
    found = deadlines("KE", [event("KE", "arrest", "2025-03-04 10:00")], "2025-03-06 09:00")
    assert found["ke.first-appearance"].status == "overdue"
    assert found["ke.first-appearance"].met_at is None


def test_a_remand_order_implies_the_appearance_at_which_it_was_made() -> None:
    events = [event("KE", "arrest", "2025-03-04 10:00"), event("KE", "remand", "2025-03-05 09:30")]
    deadline = deadlines("KE", events, "2025-03-06 09:00")["ke.first-appearance"]
    assert deadline.status == "met"
    assert deadline.met_at == local("KE", "2025-03-05 09:30")


def test_an_appearance_after_the_limit_is_a_breach_that_says_when_it_happened() -> None:
    events = [event("KE", "arrest", "2025-03-04 10:00"), event("KE", "first_appearance", "2025-03-06 11:00")]
    deadline = deadlines("KE", events, "2025-03-07")["ke.first-appearance"]
    assert deadline.status == "breached"
    assert deadline.met_at == local("KE", "2025-03-06 11:00")


def test_release_after_the_limit_without_an_appearance_is_a_breach() -> None:
    events = [event("KE", "arrest", "2025-03-04 10:00"), event("KE", "release", "2025-03-07 08:00")]
    assert deadlines("KE", events, "2025-03-08")["ke.first-appearance"].status == "breached"


def test_release_before_the_limit_ends_the_clock_in_time() -> None:
    events = [event("KE", "arrest", "2025-03-04 10:00"), event("KE", "release", "2025-03-04 18:00")]
    assert deadlines("KE", events, "2025-03-08")["ke.first-appearance"].status == "met"


def test_a_limit_not_yet_reached_is_open() -> None:
    found = deadlines("KE", [event("KE", "arrest", "2025-03-04 10:00")], "2025-03-04 11:00")
    assert found["ke.first-appearance"].status == "open"


def test_events_after_as_of_are_not_yet_known() -> None:
    events = [event("KE", "arrest", "2025-03-04 10:00"), event("KE", "first_appearance", "2025-03-05 09:30")]
    assert deadlines("KE", events, "2025-03-04 12:00")["ke.first-appearance"].status == "open"


def test_a_rule_whose_trigger_is_not_recorded_is_not_applicable_and_says_why() -> None:
    deadline = deadlines("UG", [event("UG", "arrest", "2025-03-04 10:00")], "2025-03-05",
                         offence=Offence(offence_class="subordinate"))["ug.ctl.subordinate"]
    assert deadline.status == "not_applicable"
    assert deadline.due is None and deadline.due_date is None
    assert deadline.reason is not None and "remand" in deadline.reason


def test_every_deadline_carries_its_citation_level_and_a_one_sentence_explanation() -> None:
    for deadline in deadlines("ZA", [event("ZA", "arrest", "2025-04-16 19:00")], "2025-04-17").values():
        assert deadline.citation and deadline.verification in ("verified", "secondary", "unverified")
        assert deadline.explanation.endswith(".") and deadline.explanation.count(". ") == 0


def test_due_is_shown_in_local_time_and_due_date_is_the_local_date() -> None:
    # Nairobi is UTC+3: a due moment at 23:59:59 local is 20:59:59 UTC, same local date.
    deadline = deadlines("UG", [event("UG", "remand", "2025-01-10")], "2025-01-11",
                         offence=Offence(offence_class="subordinate"))["ug.ctl.subordinate"]
    assert deadline.due is not None
    assert deadline.due.isoformat() == "2025-03-11T23:59:59+03:00"
    assert deadline.due_date == date(2025, 3, 11)


def test_unknown_age_gets_the_child_rules() -> None:
    found = deadlines("UG", [event("UG", "arrest", "2025-03-07 19:00")], "2025-03-08", person=Person())
    assert found["ug.child.first-appearance"].status == "open"
    assert found["ug.first-appearance"].status == "not_applicable"


def test_a_disputed_age_gets_the_child_rules_even_with_an_adult_date_of_birth() -> None:
    person = Person(date_of_birth=date(1990, 1, 1), age_disputed=True)
    found = deadlines("UG", [event("UG", "arrest", "2025-03-07 19:00")], "2025-03-08", person=person)
    assert found["ug.child.first-appearance"].status == "open"


def test_age_is_taken_on_the_offence_date_when_it_is_known() -> None:
    person = Person(date_of_birth=date(2007, 3, 8))
    # 17 on the offence date, 18 by the arrest: a child.
    assert is_child(person, Offence(date=date(2025, 3, 7)), date(2025, 3, 10))
    assert not is_child(person, Offence(), date(2025, 3, 10))
    assert is_child(Person(age_estimate=16), Offence(), None)
    assert not is_child(Person(age_estimate=25), Offence(), None)


def test_excluded_intervals_pause_only_rules_marked_pausable() -> None:
    # Kenya's 24 h is not pausable: a hospital interval changes nothing.
    events = [event("KE", "arrest", "2025-03-04 10:00"),
              event("KE", "excluded_interval", "2025-03-04 12:00", until="2025-03-04 18:00")]
    found = deadlines("KE", events, "2025-03-04 19:00")
    assert due(found["ke.first-appearance"]) == "2025-03-05 10:00:00 Wed"


def test_an_excluded_interval_after_the_due_moment_does_not_move_it() -> None:
    events = [event("IN", "arrest", "2025-03-07 19:00"),
              event("IN", "excluded_interval", "2025-03-09 10:00", until="2025-03-09 14:00")]
    assert due(deadlines("IN", events, "2025-03-10")["in.first-appearance"]) == "2025-03-08 19:00:00 Sat"


def test_a_child_has_the_un_child_benchmarks_and_an_adult_does_not() -> None:
    events = [event("KE", "arrest", "2025-01-09 10:00"), event("KE", "remand", "2025-01-10")]
    assert deadlines("KE", events, "2025-01-11", person=CHILD)["un.child.charge"].status == "open"
    assert deadlines("KE", events, "2025-01-11")["un.child.charge"].status == "not_applicable"


def test_an_event_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Event(type="arrested", at=local("KE", "2025-03-04 10:00"))
    assert caught.value.field == "type"


def test_an_event_without_a_time_zone_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(ValidationError) as caught:
        Event(type="arrest", at=datetime(2025, 3, 4, 10, 0))
    assert caught.value.field == "at"


def test_as_of_without_a_time_zone_is_refused() -> None:
    from datetime import datetime

    from legalaid_desktop.domain.deadlines import CourtCalendar, compute_deadlines

    with pytest.raises(ValidationError) as caught:
        compute_deadlines([], CourtCalendar(time_zone="UTC"), person=Person(), offence=Offence(),
                          events=[], as_of=datetime(2025, 1, 1))
    assert caught.value.field == "as_of"


def test_an_event_in_the_hour_the_clocks_repeat_keeps_which_of_the_two_hours_it_was() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # 26 October 2025, London: 01:30 happens twice. The second time (fold=1) is 01:30 GMT, so
    # 24 hours later is 27 October 01:30 GMT, not 00:30.
    london = ZoneInfo("Europe/London")
    arrival = datetime(2025, 10, 26, 1, 30, fold=1, tzinfo=london)
    events = [Event(type="arrest", at=arrival), Event(type="police_station_arrival", at=arrival)]
    found = deadlines("GB-EAW", events, "2025-10-26 12:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-10-27 01:30:00 Mon"


def test_applicable_only_leaves_out_exactly_the_rules_that_do_not_apply_and_changes_no_other() -> None:
    rules = list(rule_sets()["NG"].rules) + list(rule_sets()[BENCHMARK].rules)
    events = [event("NG", "arrest", "2025-03-10 10:00"), event("NG", "remand", "2025-03-11 10:00", days=14),
              event("NG", "bail", "2025-03-20 12:00"), event("NG", "remand", "2025-04-01 10:00", days=7)]
    every = compute_deadlines(rules, calendar_for("NG"), person=CHILD, offence=Offence(), events=events,
                              as_of=local("NG", "2025-06-01"), explain=False)
    applicable = compute_deadlines(rules, calendar_for("NG"), person=CHILD, offence=Offence(), events=events,
                                   as_of=local("NG", "2025-06-01"), explain=False, applicable_only=True)
    assert applicable == [d for d in every if d.status != "not_applicable"]
    assert 0 < len(applicable) < len(every)
