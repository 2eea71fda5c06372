"""A deadline's kind reads as words wherever it is shown: lists, the dashboard, reports, the case view."""

from __future__ import annotations

from legalaid_desktop.domain.case_file import kind_words
from legalaid_desktop.domain.deadlines.rules import KINDS
from legalaid_desktop.services.deadlines import describe_kind


def test_every_kind_of_deadline_reads_as_lower_case_words_without_its_code() -> None:
    for kind in KINDS:
        assert "_" not in kind_words(kind) and kind_words(kind) == kind_words(kind).lower()
    assert kind_words("custody_time_limit") == "custody time limit"


def test_the_longest_remand_allowed_is_called_the_remand_limit_not_remand_max() -> None:
    assert describe_kind("remand_max", "national") == "remand limit"
    assert describe_kind("remand_max", "benchmark") == "remand limit (UN benchmark)"
