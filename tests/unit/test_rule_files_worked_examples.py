"""Each shipped rule file against worked examples from its statute, with the arithmetic written out."""

from __future__ import annotations

from datetime import date

from legalaid_desktop.domain.deadlines import Offence, Person
from legalaid_desktop.domain.deadlines.facts import LIFE
from tests.unit.deadline_support import CHILD, deadlines, due, event

# --- Kenya -------------------------------------------------------------------------------------


def test_kenya_arrest_friday_evening_is_due_at_the_close_of_court_on_monday() -> None:
    # Arrested Friday 7 March 2025 19:00; 24 h => Saturday 19:00, not a court day
    # => the close of court hours (16:00) on Monday 10 March.
    found = deadlines("KE", [event("KE", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00")
    assert due(found["ke.first-appearance"]) == "2025-03-10 16:00:00 Mon"
    assert found["ke.first-appearance"].status == "open"
    assert "not a court day" in found["ke.first-appearance"].explanation


def test_kenya_arrest_tuesday_morning_is_due_wednesday_morning_inside_court_hours() -> None:
    # Arrested Tuesday 4 March 10:00; 24 h => Wednesday 10:00, inside 09:00-16:00 => stays.
    found = deadlines("KE", [event("KE", "arrest", "2025-03-04 10:00")], "2025-03-04 12:00")
    assert due(found["ke.first-appearance"]) == "2025-03-05 10:00:00 Wed"


def test_kenya_a_child_also_has_a_plain_24_hour_clock_without_roll() -> None:
    # Child arrested Friday 19:00: 24 h => Saturday 19:00, no roll (Child Offenders Rules).
    found = deadlines("KE", [event("KE", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00", person=CHILD)
    assert due(found["ke.child.first-appearance"]) == "2025-03-08 19:00:00 Sat"
    assert found["ke.child.first-appearance"].verification == "secondary"
    assert found["ke.child.first-appearance"].citation.startswith("Child Offenders Rules")


# --- Uganda ------------------------------------------------------------------------------------


def test_uganda_48_hours_are_a_plain_clock_for_an_adult() -> None:
    # Friday 7 March 19:00 + 48 h = Sunday 9 March 19:00; no roll.
    found = deadlines("UG", [event("UG", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00")
    assert due(found["ug.first-appearance"]) == "2025-03-09 19:00:00 Sun"
    assert found["ug.child.first-appearance"].status == "not_applicable"


def test_uganda_a_child_must_be_brought_to_court_within_24_hours() -> None:
    found = deadlines("UG", [event("UG", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00", person=CHILD)
    assert due(found["ug.child.first-appearance"]) == "2025-03-08 19:00:00 Sat"
    assert found["ug.first-appearance"].status == "not_applicable"


def test_uganda_60_days_run_from_the_first_remand_and_a_later_remand_does_not_restart_them() -> None:
    # First remand 10 January 2025; day 1 is 11 January; day 60 is 10 Jan + 60 = 11 March.
    events = [event("UG", "arrest", "2025-01-08 10:00"), event("UG", "remand", "2025-01-10"),
              event("UG", "remand", "2025-01-24")]
    found = deadlines("UG", events, "2025-03-12", offence=Offence(offence_class="subordinate"))
    assert due(found["ug.ctl.subordinate"]) == "2025-03-11 23:59:59 Tue"
    assert found["ug.ctl.subordinate"].status == "overdue"
    assert found["ug.ctl.high-court"].status == "not_applicable"


def test_uganda_days_on_bail_between_two_remands_are_not_counted_in_the_60() -> None:
    # Remanded 10 Jan, bailed 1 Feb, remanded again 11 Feb: 10 days out of custody are not counted,
    # so day 60 moves from 11 March to 21 March.
    events = [event("UG", "remand", "2025-01-10"), event("UG", "bail", "2025-02-01"),
              event("UG", "remand", "2025-02-11")]
    found = deadlines("UG", events, "2025-03-12", offence=Offence(offence_class="subordinate"))
    assert due(found["ug.ctl.subordinate"]) == "2025-03-21 23:59:59 Fri"
    assert found["ug.ctl.subordinate"].status == "open"


def test_uganda_180_days_for_an_offence_triable_only_by_the_high_court_end_at_committal() -> None:
    # 10 Jan + 180 days: 21 left in January, 28, 31, 30, 31, 30 => 171 by 30 June, + 9 = 9 July.
    events = [event("UG", "remand", "2025-01-10"), event("UG", "sent_for_trial", "2025-06-01")]
    found = deadlines("UG", events, "2025-08-01", offence=Offence(offence_class="high_court"))
    assert due(found["ug.ctl.high-court"]) == "2025-07-09 23:59:59 Wed"
    assert found["ug.ctl.high-court"].status == "met"


# --- Malawi ------------------------------------------------------------------------------------


def test_malawi_48_hours_ending_on_sunday_roll_forward_to_monday_at_the_close_of_court() -> None:
    # Friday 7 March 19:00 + 48 h = Sunday 9 March 19:00 => Monday 10 March 16:00.
    found = deadlines("MW", [event("MW", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00")
    assert due(found["mw.first-appearance"]) == "2025-03-10 16:00:00 Mon"


def test_malawi_30_days_of_remand_for_a_subordinate_court_offence() -> None:
    # Remanded 10 March: 10 March + 30 days = 9 April.
    found = deadlines("MW", [event("MW", "remand", "2025-03-10")], "2025-03-11",
                      offence=Offence(offence_class="subordinate"))
    assert due(found["mw.ctl.subordinate"]) == "2025-04-09 23:59:59 Wed"


# --- Nigeria -----------------------------------------------------------------------------------


def test_nigeria_one_day_is_24_hours_where_a_court_is_within_40_km() -> None:
    # Friday 7 March 19:00 + 24 h = Saturday 8 March 19:00, no roll.
    arrest = [event("NG", "arrest", "2025-03-07 19:00")]
    found = deadlines("NG", arrest, "2025-03-08 09:00", offence=Offence(court_within_40km=True))
    assert due(found["ng.first-appearance.within-40km"]) == "2025-03-08 19:00:00 Sat"
    assert found["ng.first-appearance.beyond-40km"].status == "not_applicable"


def test_nigeria_two_days_are_48_hours_where_no_court_is_within_40_km() -> None:
    arrest = [event("NG", "arrest", "2025-03-07 19:00")]
    found = deadlines("NG", arrest, "2025-03-08 09:00", offence=Offence(court_within_40km=False))
    assert due(found["ng.first-appearance.beyond-40km"]) == "2025-03-09 19:00:00 Sun"
    assert found["ng.first-appearance.within-40km"].status == "not_applicable"


def test_nigeria_an_unrecorded_distance_counts_against_the_state_as_within_40_km() -> None:
    found = deadlines("NG", [event("NG", "arrest", "2025-03-07 19:00")], "2025-03-08 09:00")
    assert due(found["ng.first-appearance.within-40km"]) == "2025-03-08 19:00:00 Sat"


def test_nigeria_two_months_from_arrest_on_31_december_end_on_28_february() -> None:
    # 31 December 2024 + 2 calendar months = 31 February, clamped to 28 February 2025.
    found = deadlines("NG", [event("NG", "arrest", "2024-12-31 10:00")], "2025-01-05",
                      offence=Offence(capital=False))
    assert due(found["ng.trial-start.custody"]) == "2025-02-28 23:59:59 Fri"
    assert found["ng.trial-start.bail"].status == "not_applicable"  # not on bail


def test_nigeria_three_months_apply_once_the_person_is_on_bail_and_not_to_capital_offences() -> None:
    events = [event("NG", "arrest", "2024-12-31 10:00"), event("NG", "bail", "2025-01-10")]
    found = deadlines("NG", events, "2025-04-01", offence=Offence(capital=False))
    # 31 December + 3 months = 31 March; bail ends the custody clock (met: released in time).
    assert due(found["ng.trial-start.bail"]) == "2025-03-31 23:59:59 Mon"
    assert found["ng.trial-start.bail"].status == "overdue"
    assert found["ng.trial-start.custody"].status == "met"
    capital = deadlines("NG", events, "2025-04-01", offence=Offence(capital=True))
    assert capital["ng.trial-start.bail"].status == "not_applicable"


def test_nigeria_each_remand_order_expires_on_its_own_day_and_remand_ends_after_56_days_in_all() -> None:
    # Remanded 10 March for 14 days => returnable 24 March; extended on 24 March for 14 days
    # => 7 April. 56 days from 10 March: 21 left in March, 30 in April => 51, + 5 = 5 May.
    events = [event("NG", "remand", "2025-03-10", days=14), event("NG", "remand_extension", "2025-03-24",
                                                                   days=14)]
    found = deadlines("NG", events, "2025-05-06")
    assert due(found["ng.remand-expiry"]) == "2025-04-07 23:59:59 Mon"
    assert found["ng.remand-expiry"].status == "overdue"
    assert due(found["ng.remand-max"]) == "2025-05-05 23:59:59 Mon"
    assert found["ng.remand-max"].status == "overdue"


# --- South Africa ------------------------------------------------------------------------------


def test_south_africa_48_hours_over_easter_end_on_tuesday_at_the_close_of_court() -> None:
    # Arrested Wednesday 16 April 2025 19:00 + 48 h = Friday 18 April 19:00: Good Friday; Saturday,
    # Sunday, then Monday 21 April is Family Day => close of court on Tuesday 22 April, 16:00.
    found = deadlines("ZA", [event("ZA", "arrest", "2025-04-16 19:00")], "2025-04-17 12:00")
    assert due(found["za.first-appearance"]) == "2025-04-22 16:00:00 Tue"


def test_south_africa_48_hours_ending_inside_court_hours_stay_where_they_are() -> None:
    # Monday 3 March 10:00 + 48 h = Wednesday 5 March 10:00, inside 09:00-16:00.
    found = deadlines("ZA", [event("ZA", "arrest", "2025-03-03 10:00")], "2025-03-04 12:00")
    assert due(found["za.first-appearance"]) == "2025-03-05 10:00:00 Wed"


# --- India -------------------------------------------------------------------------------------


def test_india_24_hours_exclude_the_journey_to_the_magistrate() -> None:
    # Arrested Friday 7 March 19:00 without warrant; 4 h journey on Saturday 10:00-14:00 are
    # excluded => Saturday 19:00 + 4 h = Saturday 23:00.
    events = [event("IN", "arrest", "2025-03-07 19:00"),
              event("IN", "excluded_interval", "2025-03-08 10:00", until="2025-03-08 14:00")]
    found = deadlines("IN", events, "2025-03-08 09:00")
    # The journey is recorded after as_of 09:00, so it is not yet known: as of 15:00 it is.
    assert due(found["in.first-appearance"]) == "2025-03-08 19:00:00 Sat"
    found = deadlines("IN", events, "2025-03-08 15:00")
    assert due(found["in.first-appearance"]) == "2025-03-08 23:00:00 Sat"
    assert "not counting 4 hours excluded" in found["in.first-appearance"].explanation


def test_india_an_arrest_with_a_warrant_has_no_24_hour_rule_of_its_own() -> None:
    found = deadlines("IN", [event("IN", "arrest", "2025-03-07 19:00", warrant=True)], "2025-03-08 09:00")
    assert found["in.first-appearance"].status == "not_applicable"


def test_india_default_bail_counts_the_remand_day_as_day_one() -> None:
    # Remanded 1 January 2025, offence under 10 years: day 1 = 1 Jan, day 31 = 31 Jan,
    # day 59 = 28 Feb, day 60 = 1 March. Life: day 90 = 31 March.
    events = [event("IN", "remand", "2025-01-01")]
    found = deadlines("IN", events, "2025-01-02", offence=Offence(max_sentence_months=84))
    assert due(found["in.default-bail.60"]) == "2025-03-01 23:59:59 Sat"
    assert found["in.default-bail.90"].status == "not_applicable"
    found = deadlines("IN", events, "2025-01-02", offence=Offence(max_sentence_months=LIFE))
    assert due(found["in.default-bail.90"]) == "2025-03-31 23:59:59 Mon"
    assert found["in.default-bail.60"].status == "not_applicable"


def test_india_a_capital_offence_counts_as_more_than_ten_years() -> None:
    remand = [event("IN", "remand", "2025-01-01")]
    found = deadlines("IN", remand, "2025-01-02", offence=Offence(capital=True))
    assert due(found["in.default-bail.90"]) == "2025-03-31 23:59:59 Mon"


def test_india_a_charge_sheet_after_the_last_day_is_a_breach_with_its_date() -> None:
    events = [event("IN", "remand", "2025-01-01"), event("IN", "charge_sheet_filed", "2025-03-02 11:00")]
    found = deadlines("IN", events, "2025-03-05", offence=Offence(max_sentence_months=84))
    deadline = found["in.default-bail.60"]
    assert deadline.status == "breached"
    assert deadline.met_at is not None and deadline.met_at.date() == date(2025, 3, 2)


def test_india_undertrial_release_is_a_third_for_a_first_offender_and_half_otherwise() -> None:
    # Arrested 10 January 2025, maximum 84 months: a third is 28 months => 10 May 2027;
    # half is 42 months => 10 July 2028.
    events = [event("IN", "arrest", "2025-01-10 09:00")]
    first = deadlines("IN", events, "2025-02-01",
                      offence=Offence(max_sentence_months=84, first_offender=True))
    assert due(first["in.undertrial-release.first-offender"]) == "2027-05-10 23:59:59 Mon"
    assert first["in.undertrial-release"].status == "not_applicable"
    again = deadlines("IN", events, "2025-02-01", offence=Offence(max_sentence_months=84,
                                                                   first_offender=False))
    assert due(again["in.undertrial-release"]) == "2028-07-10 23:59:59 Mon"


def test_india_undertrial_release_does_not_apply_to_life_or_death() -> None:
    events = [event("IN", "arrest", "2025-01-10 09:00")]
    found = deadlines("IN", events, "2025-02-01", offence=Offence(max_sentence_months=LIFE,
                                                                  first_offender=False))
    assert found["in.undertrial-release"].status == "not_applicable"


def test_india_undertrial_release_under_bnss_does_not_reach_custody_begun_before_july_2024() -> None:
    events = [event("IN", "arrest", "2024-01-10 09:00")]
    found = deadlines("IN", events, "2025-02-01", offence=Offence(max_sentence_months=84,
                                                                  first_offender=False))
    assert found["in.undertrial-release"].status == "not_applicable"
    assert "took effect on 2024-07-01" in found["in.undertrial-release"].explanation


# --- England and Wales -------------------------------------------------------------------------


def test_pace_24_hours_run_from_arrival_at_the_station_and_stretch_to_36_and_96() -> None:
    # Arrested Friday 7 March 09:00, at the station 10:00: relevant time 10:00 => Saturday 10:00.
    events = [event("GB-EAW", "arrest", "2025-03-07 09:00"),
              event("GB-EAW", "police_station_arrival", "2025-03-07 10:00")]
    found = deadlines("GB-EAW", events, "2025-03-07 12:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-08 10:00:00 Sat"
    # A superintendent's extension: 36 h => Saturday 22:00.
    extended = [*events, event("GB-EAW", "superintendent_extension", "2025-03-08 08:00")]
    found = deadlines("GB-EAW", extended, "2025-03-08 09:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-08 22:00:00 Sat"
    # A warrant of further detention: 96 h => Tuesday 11 March 10:00.
    warrant = [*extended, event("GB-EAW", "warrant_of_further_detention", "2025-03-08 20:00")]
    found = deadlines("GB-EAW", warrant, "2025-03-08 21:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-11 10:00:00 Tue"


def test_pace_relevant_time_is_24_hours_after_arrest_when_that_is_earlier_than_arrival() -> None:
    # Arrested Friday 09:00 elsewhere, not yet at the station: relevant time Saturday 09:00,
    # + 24 h = Sunday 09:00.
    found = deadlines("GB-EAW", [event("GB-EAW", "arrest", "2025-03-07 09:00")], "2025-03-08 12:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-09 09:00:00 Sun"


def test_pace_hospital_time_is_not_counted() -> None:
    # Station 10:00 Friday; 2 hours in hospital Friday 14:00-16:00 => Saturday 12:00.
    events = [event("GB-EAW", "police_station_arrival", "2025-03-07 10:00"),
              event("GB-EAW", "arrest", "2025-03-07 09:00"),
              event("GB-EAW", "excluded_interval", "2025-03-07 14:00", until="2025-03-07 16:00")]
    found = deadlines("GB-EAW", events, "2025-03-07 17:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-08 12:00:00 Sat"


def test_custody_time_limit_of_56_days_ending_on_a_bank_holiday_ends_the_working_day_before() -> None:
    # First appearance Monday 10 March 2025, the day excluded: 21 days left in March, 30 in April
    # => 51, + 5 = Monday 5 May, the Early May bank holiday => end of Friday 2 May.
    events = [event("GB-EAW", "first_appearance", "2025-03-10 10:00")]
    found = deadlines("GB-EAW", events, "2025-03-11", offence=Offence(offence_class="summary"))
    assert due(found["gb-eaw.ctl.summary"]) == "2025-05-02 23:59:59 Fri"
    assert "brought back" in found["gb-eaw.ctl.summary"].explanation


def test_custody_time_limit_ending_on_christmas_day_ends_on_christmas_eve() -> None:
    # First appearance 30 October 2025: 1 day left in October, 30 in November => 31, + 25
    # = Thursday 25 December => end of Wednesday 24 December.
    events = [event("GB-EAW", "first_appearance", "2025-10-30 10:00")]
    found = deadlines("GB-EAW", events, "2025-10-31", offence=Offence(offence_class="summary"))
    assert due(found["gb-eaw.ctl.summary"]) == "2025-12-24 23:59:59 Wed"


def test_custody_time_limit_ending_on_good_friday_ends_on_the_thursday() -> None:
    # First appearance 21 February 2025: 7 days left in February, 31 in March => 38, + 18
    # = Good Friday 18 April => end of Thursday 17 April.
    events = [event("GB-EAW", "first_appearance", "2025-02-21 10:00")]
    found = deadlines("GB-EAW", events, "2025-02-22", offence=Offence(offence_class="summary"))
    assert due(found["gb-eaw.ctl.summary"]) == "2025-04-17 23:59:59 Thu"


def test_an_either_way_case_has_70_days_until_it_is_sent_and_then_182_days_to_trial() -> None:
    # First appearance 10 March + 70 days: 21 + 30 + 19 => Monday 19 May.
    events = [event("GB-EAW", "first_appearance", "2025-03-10 10:00")]
    found = deadlines("GB-EAW", events, "2025-03-11", offence=Offence(offence_class="either_way"))
    assert due(found["gb-eaw.ctl.either-way"]) == "2025-05-19 23:59:59 Mon"
    # Sent for trial 20 March: + 182 days = 11 + 30 + 31 + 30 + 31 + 31 = 164 by 31 August,
    # + 18 = Thursday 18 September.
    sent = [*events, event("GB-EAW", "sent_for_trial", "2025-03-20 11:00")]
    found = deadlines("GB-EAW", sent, "2025-03-21", offence=Offence(offence_class="either_way"))
    assert found["gb-eaw.ctl.either-way"].status == "not_applicable"
    assert due(found["gb-eaw.ctl.crown"]) == "2025-09-18 23:59:59 Thu"


def test_a_magistrates_remand_in_custody_lasts_at_most_eight_clear_days() -> None:
    # Remanded Tuesday 11 March: clear days 12 to 19 March => next hearing by Thursday 20 March.
    found = deadlines("GB-EAW", [event("GB-EAW", "remand", "2025-03-11 10:00")], "2025-03-12")
    assert due(found["gb-eaw.remand-expiry"]) == "2025-03-20 23:59:59 Thu"


# --- Philippines -------------------------------------------------------------------------------


def test_philippines_12_18_and_36_hours_by_the_gravity_of_the_penalty() -> None:
    # Warrantless arrest Friday 7 March 19:00: +12 h = Saturday 07:00; +18 h = Saturday 13:00;
    # +36 h = Sunday 07:00. No roll.
    arrest = [event("PH", "arrest", "2025-03-07 19:00")]
    light = deadlines("PH", arrest, "2025-03-07 20:00", offence=Offence(offence_class="light"))
    assert due(light["ph.first-appearance.light"]) == "2025-03-08 07:00:00 Sat"
    assert light["ph.first-appearance.correctional"].status == "not_applicable"
    middle = deadlines("PH", arrest, "2025-03-07 20:00", offence=Offence(offence_class="correctional"))
    assert due(middle["ph.first-appearance.correctional"]) == "2025-03-08 13:00:00 Sat"
    grave = deadlines("PH", arrest, "2025-03-07 20:00", offence=Offence(offence_class="afflictive"))
    assert due(grave["ph.first-appearance.afflictive"]) == "2025-03-09 07:00:00 Sun"
    unknown = deadlines("PH", arrest, "2025-03-07 20:00")
    assert due(unknown["ph.first-appearance.light"]) == "2025-03-08 07:00:00 Sat"


# --- Tanzania ----------------------------------------------------------------------------------


def test_tanzania_adjournments_total_60_days_unless_a_certificate_is_filed() -> None:
    # First adjournment 10 January: + 60 days = 11 March. Later adjournments do not restart it.
    events = [event("TZ", "remand", "2025-01-10"), event("TZ", "remand", "2025-02-07")]
    found = deadlines("TZ", events, "2025-03-12")
    assert due(found["tz.ctl.adjournments"]) == "2025-03-11 23:59:59 Tue"
    assert found["tz.ctl.adjournments"].status == "overdue"
    certified = deadlines("TZ", [*events, event("TZ", "certificate", "2025-02-20")], "2025-03-12")
    assert certified["tz.ctl.adjournments"].status == "not_applicable"


# --- UN benchmarks -----------------------------------------------------------------------------


def test_the_un_layer_shows_48_hours_for_an_adult_beside_the_national_rule() -> None:
    found = deadlines("ZA", [event("ZA", "arrest", "2025-04-16 19:00")], "2025-04-17 12:00")
    benchmark = found["un.first-appearance.adult"]
    assert benchmark.layer == "benchmark" and found["za.first-appearance"].layer == "national"
    assert due(benchmark) == "2025-04-18 19:00:00 Fri"


def test_the_un_layer_asks_review_every_14_days_charge_in_30_and_decision_in_6_months_for_a_child() -> None:
    # Remanded 10 January: review by 24 January; reviewed 20 January => next by 3 February;
    # charge by 9 February; final decision by 10 July.
    events = [event("KE", "arrest", "2025-01-09 10:00"), event("KE", "remand", "2025-01-10"),
              event("KE", "detention_review", "2025-01-20 10:00")]
    found = deadlines("KE", events, "2025-01-15", person=CHILD)
    assert due(found["un.child.review"]) == "2025-01-24 23:59:59 Fri"
    found = deadlines("KE", events, "2025-01-21", person=CHILD)
    assert due(found["un.child.review"]) == "2025-02-03 23:59:59 Mon"
    assert due(found["un.child.charge"]) == "2025-02-09 23:59:59 Sun"
    assert due(found["un.child.final-decision"]) == "2025-07-10 23:59:59 Thu"
    assert found["un.child.review"].verification == "unverified"
    assert due(found["un.first-appearance.child"]) == "2025-01-10 10:00:00 Fri"
    adult = deadlines("KE", events, "2025-01-21", person=Person(age_estimate=30))
    assert adult["un.child.review"].status == "not_applicable"


def test_pace_an_extension_given_after_the_24_hours_had_passed_does_not_cure_them() -> None:
    # Station 10:00 Friday => 24 h end Saturday 10:00; a superintendent's extension at 11:00 comes
    # too late, so the limit stays Saturday 10:00 and is overdue.
    events = [event("GB-EAW", "arrest", "2025-03-07 09:00"),
              event("GB-EAW", "police_station_arrival", "2025-03-07 10:00"),
              event("GB-EAW", "superintendent_extension", "2025-03-08 11:00")]
    found = deadlines("GB-EAW", events, "2025-03-08 12:00")
    assert due(found["gb-eaw.police-detention"]) == "2025-03-08 10:00:00 Sat"
    assert found["gb-eaw.police-detention"].status == "overdue"


def test_india_a_charge_sheet_filed_before_the_first_remand_meets_the_default_bail_limit() -> None:
    events = [event("IN", "arrest", "2025-01-01 08:00"),
              event("IN", "charge_sheet_filed", "2025-01-01 12:00"), event("IN", "remand", "2025-01-02")]
    found = deadlines("IN", events, "2025-04-01", offence=Offence(max_sentence_months=84))
    assert found["in.default-bail.60"].status == "met"
