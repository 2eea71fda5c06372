"""Court calendars built by the services: the country's holidays, a court's own hours, office closures."""

from __future__ import annotations

from datetime import date, time

import pytest

from legalaid_desktop.domain.jurisdictions import RuleFileError
from legalaid_desktop.services.deadlines import court_calendar, public_holidays
from tests.unit.deadline_support import rule_sets


def test_a_calendar_takes_the_jurisdictions_hours_and_days_unless_a_court_overrides_them() -> None:
    info = rule_sets()["KE"].jurisdiction
    default = court_calendar(info, years=[2025])
    assert (default.opens, default.closes) == (time(9, 0), time(16, 0))
    assert default.sitting_weekdays == frozenset(range(5))
    court = court_calendar(info, years=[2025], court_opens="08:30", court_closes="13:00",
                           sitting_weekdays=[0, 1, 2, 3, 4, 5], closures=[date(2025, 3, 4)])
    assert (court.opens, court.closes) == (time(8, 30), time(13, 0))
    assert 5 in court.sitting_weekdays and not court.is_court_day(date(2025, 3, 4))


def test_england_and_wales_uses_the_english_bank_holidays_not_only_the_uk_wide_ones() -> None:
    found = public_holidays("GB-ENG", [2025])
    assert date(2025, 4, 21) in found  # Easter Monday: not a holiday in Scotland
    assert date(2025, 8, 25) in found  # Summer bank holiday, England and Wales


def test_a_jurisdiction_without_a_holidays_country_has_no_public_holidays() -> None:
    assert public_holidays(None, [2025]) == frozenset()


def test_a_country_the_holidays_package_does_not_know_is_a_rule_file_error() -> None:
    with pytest.raises(RuleFileError) as caught:
        public_holidays("QQ", [2025])
    assert caught.value.field == "holidays_country"
