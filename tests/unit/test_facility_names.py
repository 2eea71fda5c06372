"""Which facility names count as a slip of a recorded one (refused as new), and which as another place."""

from __future__ import annotations

import pytest

from legalaid_desktop.services.facility_names import facility_key, near_misses, unknown_facility

RECORDED = ["Kamiti Maximum Security Prison", "Kisumu Main Prison", "Nakuru Main Prison", "Mzuzu Prison",
            "Kilimani Police Station"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("Kamiti Maximum Security Prisn", "Kamiti Maximum Security Prison"),  # a letter dropped
    ("Kamiti Maxmium Security Prison", "Kamiti Maximum Security Prison"),  # two swapped
    ("Kamiti Maximum", "Kamiti Maximum Security Prison"),  # the recorded name shortened
    ("Kisumu Main Prison Kenya", "Kisumu Main Prison"),  # lengthened
    ("Mzuzu Prisn", "Mzuzu Prison"),
])
def test_a_slip_or_a_shortening_of_a_recorded_name_is_a_near_miss(typed: str, meant: str) -> None:
    assert near_misses(typed, RECORDED)[0] == meant


@pytest.mark.parametrize("typed", [
    "Shimo La Tewa Prison", "Nakuru Women's Prison", "Maula Prison", "Kileleshwa Police Station"])
def test_another_place_with_a_name_of_the_same_shape_is_not_a_near_miss(typed: str) -> None:
    assert near_misses(typed, RECORDED) == []


def test_the_same_name_in_another_case_or_spacing_is_the_recorded_facility_not_a_miss() -> None:
    typed = "  kamiti   MAXIMUM security prison "
    assert facility_key(typed) == facility_key("Kamiti Maximum Security Prison")
    assert near_misses(typed, RECORDED) == []


def test_an_unknown_name_suggests_the_near_miss_else_lists_some_names() -> None:
    assert unknown_facility("Kisumu Main Prisn", RECORDED).expected == \
        "a facility of this database: did you mean 'Kisumu Main Prison'?"
    assert unknown_facility("Gulag", RECORDED).expected.startswith("a facility of this database, such as ")
    assert unknown_facility("Gulag", []).expected == "a facility (this database has none yet)"
