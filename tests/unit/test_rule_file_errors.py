"""A broken rule file is refused with the file, the rule and the field named; a new file needs no code."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalaid_desktop.domain.deadlines import Offence
from legalaid_desktop.domain.jurisdictions import RuleFileError
from legalaid_desktop.services.deadlines import load_rule_file, load_rule_sets

HEADER = """
[jurisdiction]
code = "ZZ"
name = "Zedland"
time_zone = "Africa/Nairobi"
"""

GOOD_RULE = """
[[rules]]
id = "zz.first-appearance"
kind = "first_appearance"
trigger = "arrest"
period = 36
unit = "hours"
roll = "forward"
met_by = ["first_appearance", "remand"]
citation = "Zedland Constitution art. 1"
effective_from = 2000-01-01
verification = "unverified"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ZZ.toml"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "field"), [
    (("period = 36", "period = -3"), "period"),
    (("unit = \"hours\"", "unit = \"weeks\""), "unit"),
    (("kind = \"first_appearance\"", "kind = \"first_apperance\""), "kind"),
    (("roll = \"forward\"", "roll = \"sideways\""), "roll"),
    (("trigger = \"arrest\"", "trigger = \"arested\""), "trigger"),
    (("effective_from = 2000-01-01", "effective_from = \"2000\""), "effective_from"),
    (("verification = \"unverified\"", "verification = \"probably\""), "verification"),
    (("met_by = [\"first_appearance\", \"remand\"]", "met_by = [\"hearing\"]"), "met_by"),
    (("citation = \"Zedland Constitution art. 1\"", "citation = \"\""), "citation"),
    (("unit = \"hours\"", "unit = \"hours\"\nwhen = { age = \"elderly\" }"), "when.age"),
    (("unit = \"hours\"", "unit = \"hours\"\nwhen = { colour = \"red\" }"), "when.colour"),
    (("unit = \"hours\"", "unit = \"hours\"\nperiodd = 3"), "periodd"),
])
def test_a_broken_rule_names_the_file_the_rule_and_the_field(
        tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = _write(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert caught.value.source == str(path)
    assert caught.value.rule == "zz.first-appearance"
    assert caught.value.field == field


def test_a_rule_without_an_id_is_named_by_its_position(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_RULE + GOOD_RULE.replace('id = "zz.first-appearance"\n', ""))
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert (caught.value.rule, caught.value.field) == ("rule 2", "id")


def test_two_rules_with_one_id_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(_write(tmp_path, GOOD_RULE + GOOD_RULE))
    assert caught.value.field == "id"


def test_a_file_that_is_not_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[rules]\nid = ")
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert caught.value.source == str(path) and caught.value.field == "(syntax)"


def test_the_jurisdiction_table_is_still_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_RULE)
    path.write_text(path.read_text().replace("Africa/Nairobi", "Mars/Olympus"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert (caught.value.rule, caught.value.field) == ("jurisdiction", "time_zone")


def test_adding_a_jurisdiction_is_adding_a_file(tmp_path: Path) -> None:
    from legalaid_desktop.domain.deadlines import CourtCalendar, Person, compute_deadlines
    from tests.unit.deadline_support import due, event, local

    _write(tmp_path, GOOD_RULE)
    rule_set = load_rule_sets(tmp_path)["ZZ"]
    calendar = CourtCalendar(time_zone="Africa/Nairobi")
    # Wednesday 5 March 19:00 + 36 h = Friday 07:00, before court hours => Friday 16:00.
    found = compute_deadlines(rule_set.rules, calendar, person=Person(), offence=Offence(),
                              events=[event("KE", "arrest", "2025-03-05 19:00")],
                              as_of=local("KE", "2025-03-06 09:00"))
    assert due(found[0]) == "2025-03-07 16:00:00 Fri"
