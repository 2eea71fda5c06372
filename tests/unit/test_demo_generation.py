"""The demo generator's parts: keys from the RNG, number styles, names, and reference tables that agree."""

from __future__ import annotations

import random
import re
import uuid
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from legalaid_desktop.domain.vocab import FacilityKind, Sex
from legalaid_desktop.services.demo_names import CULTURES
from legalaid_desktop.services.demo_numbers import fill, register_number, south_african_id
from legalaid_desktop.services.demo_offences import IMMIGRATION, OFFENCES, statute_for
from legalaid_desktop.services.demo_places import COURTS, FACILITIES, LOCALITIES, PROFILES
from legalaid_desktop.services.demo_time import fixed_offset
from legalaid_desktop.services.demo_world import between, pick, pick_name, uuid_from

CLASSES = {
    "GB-EAW": {"summary", "either_way", "indictable"},
    "PH": {"light", "correctional", "afflictive", "capital"},
    "UG": {"subordinate", "high_court"},
    "MW": {"subordinate", "high_court"},
}


def test_uuids_are_exactly_what_uuid4_from_the_same_random_bits_would_be() -> None:
    ours, theirs = random.Random(42), random.Random(42)
    for _ in range(2000):
        assert uuid_from(ours) == str(uuid.UUID(int=theirs.getrandbits(128), version=4))


def test_the_cheap_draws_stay_in_range() -> None:
    rng = random.Random(1)
    assert {between(2, 4, rng) for _ in range(500)} == {2, 3, 4}
    assert {pick("abc", rng) for _ in range(500)} == {"a", "b", "c"}


@pytest.mark.parametrize(("style", "female", "expected"), [
    ("slash", False, "KAM/2025/01234"),
    ("ng", True, "KAM/ATF/1234/2025"),
    ("ng", False, "KAM/ATM/1234/2025"),
    ("ob", False, "OB 1234/02/03/2025"),
    ("utp", False, "UTP 1234/2025"),
    ("ph", False, "KAM-2025-01234"),
])
def test_register_numbers_follow_each_facilitys_style(style: str, female: bool, expected: str) -> None:
    assert register_number(style, "KAM", 1234, date(2025, 3, 2), female) == expected


def test_prison_numbers_in_england_look_like_a1234bc_and_never_repeat() -> None:
    numbers = [register_number("noms", "WWI", n, date(2025, 1, 1), False) for n in range(100, 60_000)]
    assert all(re.fullmatch(r"A\d{4}[A-Z]{2}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert len({n[-2:] for n in numbers[:100]}) > 20


def test_south_african_id_numbers_carry_birth_date_sex_and_a_valid_check_digit() -> None:
    rng = random.Random(3)
    for female in (True, False):
        number = south_african_id(date(1994, 7, 9), female, rng)
        assert number.startswith("940709") and len(number) == 13
        assert (int(number[6:10]) < 5000) == female
        digits = [int(d) for d in number]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2)
                    for i, d in enumerate(reversed(digits)))
        assert total % 10 == 0


def test_templates_fill_digits_and_letters() -> None:
    assert re.fullmatch(r"\+254 7\d\d \d{3} \d{3}", fill("+254 7## ### ###", random.Random(5)))
    assert re.fullmatch(r"CM[A-Z0-9]{12}", fill("CMXXXXXXXXXXXX", random.Random(5)))


def test_zones_without_daylight_saving_get_a_fixed_offset() -> None:
    nairobi = fixed_offset(ZoneInfo("Africa/Nairobi"), date(2026, 3, 2))
    kolkata = fixed_offset(ZoneInfo("Asia/Kolkata"), date(2026, 3, 2))
    assert nairobi is not None and nairobi.total_seconds() == 3 * 3600
    assert kolkata is not None and kolkata.total_seconds() == 5.5 * 3600
    assert fixed_offset(ZoneInfo("Europe/London"), date(2026, 3, 2)) is None


def test_a_name_never_repeats_a_part() -> None:
    rng = random.Random(9)
    for culture in CULTURES.values():
        for sex in (Sex.MALE, Sex.FEMALE):
            for _ in range(200):
                parts = pick_name(culture, sex, rng)
                assert len(parts) == len(set(parts)) >= 1


def test_arabic_names_carry_a_latin_spelling_for_every_part() -> None:
    arabic = CULTURES["arabic"]
    for name in (*arabic.given_male, *arabic.given_female, *arabic.family):
        assert re.fullmatch(r"[\u0600-\u06ff ]+", name)
        assert re.fullmatch(r"[A-Za-z]+", arabic.translit[name])


def test_fifty_facilities_in_nine_jurisdictions_each_with_its_courts_and_localities() -> None:
    assert len(FACILITIES) == 50
    assert len({f.name for f in FACILITIES}) == 50
    assert {f.jurisdiction for f in FACILITIES} == set(PROFILES)
    assert sum(f.kind is FacilityKind.CHILD_DETENTION for f in FACILITIES) == 2
    for facility in FACILITIES:
        assert facility.city in LOCALITIES
        assert any(c.jurisdiction == facility.jurisdiction and c.level == "magistrates" for c in COURTS)
        assert all(name in CULTURES for name, _, _ in facility.cultures)
        ZoneInfo(facility.time_zone)
    for profile in PROFILES.values():
        assert all(name in CULTURES for name, _, _ in profile.cultures)
    assert len({c.name for c in COURTS}) == len(COURTS)


@pytest.mark.parametrize("jurisdiction", sorted(PROFILES))
def test_offences_have_the_classes_the_rule_files_know(jurisdiction: str) -> None:
    allowed = CLASSES.get(jurisdiction, {"capital", "non_capital"})
    for offence in (*OFFENCES, IMMIGRATION):
        assert offence.offence_class(jurisdiction) in allowed
        assert offence.wording(jurisdiction)
        assert offence.capital(jurisdiction) == (offence.offence_class(jurisdiction) == "capital") \
            or jurisdiction in CLASSES
        statute_for(offence, jurisdiction, "Lagos")
