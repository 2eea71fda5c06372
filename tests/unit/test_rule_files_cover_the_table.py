"""Every row of custody-rules.md is in a rule file, with a citation, a date and a verification level."""

from __future__ import annotations

from legalaid_desktop.domain.deadlines import KINDS
from tests.unit.deadline_support import rule_sets

# (code, kind) for each row of the table in custody-rules.md; NG's remand row gives two kinds and the
# UN child row three.
TABLE = {
    ("KE", "first_appearance"), ("UG", "first_appearance"), ("UG", "custody_time_limit"),
    ("MW", "first_appearance"), ("MW", "custody_time_limit"), ("NG", "first_appearance"),
    ("NG", "trial_start"), ("NG", "remand_expiry"), ("NG", "remand_max"), ("ZA", "first_appearance"),
    ("IN", "first_appearance"), ("IN", "custody_time_limit"), ("IN", "undertrial_release"),
    ("GB-EAW", "police_detention"), ("GB-EAW", "custody_time_limit"), ("GB-EAW", "remand_expiry"),
    ("PH", "first_appearance"), ("TZ", "custody_time_limit"), ("UN", "first_appearance"),
    ("UN", "review"), ("UN", "charge"), ("UN", "final_decision"),
}


def test_every_row_of_the_custody_rules_table_is_encoded() -> None:
    encoded = {(code, rule.kind) for code, s in rule_sets().items() for rule in s.rules}
    assert encoded == TABLE


def test_every_rule_has_a_citation_an_effective_date_and_a_verification_level() -> None:
    for rule_set in rule_sets().values():
        for rule in rule_set.rules:
            assert rule.kind in KINDS
            assert rule.citation and rule.effective_from.year >= 1970
            assert rule.verification in ("verified", "secondary", "unverified")


def test_only_the_un_file_holds_benchmarks_and_its_rule_ids_are_its_own() -> None:
    for code, rule_set in rule_sets().items():
        for rule in rule_set.rules:
            assert (rule.layer == "benchmark") == (code == "UN")
            assert rule.id.startswith(code.lower() + ".")


def test_rule_ids_are_unique_across_all_files() -> None:
    ids = [rule.id for s in rule_sets().values() for rule in s.rules]
    assert len(ids) == len(set(ids))
