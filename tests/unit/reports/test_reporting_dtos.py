"""The report DTOs: their order, totals, export tables and the redaction profile (no PDF here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from legalaid_desktop.domain.reporting import (
    CaseloadData,
    FirstContact,
    PartyLine,
    SdgRow,
    initials,
    redact,
)
from tests.unit.reports.builders import (
    ARABIC_NAME,
    MARKUP_NOTE,
    make_case_summary,
    make_caseload,
    make_overstay,
    make_statistics,
)


def test_overstay_rows_are_sorted_longest_overstay_first_whatever_order_they_come_in() -> None:
    data = make_overstay(50)
    shuffled = replace(data, rows=tuple(reversed(data.rows)))
    days = [r.days_over for r in shuffled.rows]
    assert days == sorted(days, reverse=True)
    assert shuffled.overdue == sum(1 for d in days if d > 0)


def test_overstay_table_has_a_blank_action_column_and_one_row_per_person() -> None:
    data = make_overstay(7)
    table = data.table()
    assert table.header[-1] == "action_taken"
    assert len(table.rows) == 7
    assert all(row[-1] == "" for row in table.rows)
    assert table.rows[0][0] == data.rows[0].full_name


def test_caseload_totals_add_up_the_groups_and_their_release_reasons() -> None:
    data = make_caseload()
    total = data.totals()
    assert (total.open_cases, total.new_requests, total.decisions) == (48, 18, 15)
    assert dict(total.releases) == {"bail": 4, "time_limit": 2, "acquittal": 1, "other": 1}
    assert total.released == 8
    assert total.capacity == 40  # a group without capacity adds nothing to it


def test_caseload_reasons_keep_the_usual_four_first_then_any_other_that_occurs() -> None:
    assert make_caseload().reasons() == ("bail", "acquittal", "time_limit", "charges_dropped", "other")


def test_caseload_table_ends_with_a_total_row_and_gives_load_against_capacity() -> None:
    table = make_caseload().table()
    header = table.header
    first, _second, total = table.rows
    assert header[0] == "provider"
    assert first[header.index("load")] == round(31 / 40, 3)
    assert total[0] == "total"
    assert total[header.index("released_bail")] == 4


def test_caseload_refuses_an_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="group_by"):
        CaseloadData(date(2026, 1, 1), date(2026, 1, 31), "court")


def test_first_contact_quartiles_need_at_least_two_cases() -> None:
    assert FirstContact(hours=(5.0,)).quartiles() is None
    q1, median, q3 = FirstContact(hours=(1.0, 3.0, 10.0, 30.0, 50.0)).quartiles() or (0, 0, 0)
    assert (q1, median, q3) == (3.0, 10.0, 30.0)


def test_sdg_share_is_unsentenced_over_all_detainees_and_none_without_detainees() -> None:
    assert SdgRow("x", 1, 4).share == 0.25
    assert SdgRow("x", 0, 0).share is None
    total = make_statistics().sdg_total()
    assert (total.unsentenced, total.detainees) == (300, 500)


def test_statistics_table_holds_every_figure_in_long_format() -> None:
    rows = make_statistics().table().rows
    assert ("recipients", "sex", "female", 30) in rows
    assert ("detainees", "age_group", "child", 15) in rows
    assert ("sdg_16_3_2_share", "facility", "total", 0.6) in rows
    assert ("first_contact_hours_median", "total", "total", 10.0) in rows


def test_case_summary_table_is_the_deadlines() -> None:
    table = make_case_summary().table()
    assert [row[table.header.index("status")] for row in table.rows] == ["met", "overdue"]


def test_initials_keep_one_letter_per_word_in_any_script() -> None:
    assert initials("Amina  Yusuf") == "A. Y."
    assert initials(ARABIC_NAME) == "م. ا."
    assert initials("   ") == "-"


def test_redaction_replaces_victims_witnesses_and_children_by_initials_and_keeps_adult_accused() -> None:
    redacted = redact(make_case_summary())
    names = {p.role + ":" + p.name for p in redacted.parties}
    assert names == {"victim:F. Z.", "witness:P. O.", "co_accused:B. M.", "co_accused:Ali Hassan"}


def test_redaction_hides_a_restricted_party_whatever_the_role() -> None:
    data = make_case_summary(parties=(PartyLine("Ali Hassan", "co_accused", restricted=True),))
    assert redact(data).parties[0].name == "A. H."


def test_redaction_removes_contact_details_and_notes() -> None:
    redacted = redact(make_case_summary())
    assert redacted.person.contact is None
    assert all(p.contact is None for p in redacted.parties)
    assert redacted.notes == ()
    assert MARKUP_NOTE not in repr(redacted)


def test_redaction_gives_a_child_client_initials_but_leaves_an_adult_client_named() -> None:
    data = make_case_summary()
    assert redact(data).person.full_name == "Amina Yusuf"
    child = replace(data, person=replace(data.person, full_name="Baraka Mwangi", is_child=True))
    assert redact(child).person.full_name == "B. M."


def test_redaction_of_an_overstay_list_hides_only_children() -> None:
    data = make_overstay(3)
    child = replace(data.rows[0], full_name="Baraka Mwangi", is_child=True)
    redacted = redact(replace(data, rows=(child, *data.rows[1:])))
    assert {r.full_name for r in redacted.rows} == {"B. M.", data.rows[1].full_name, data.rows[2].full_name}


def test_aggregate_reports_come_back_from_redaction_unchanged() -> None:
    caseload, statistics = make_caseload(), make_statistics()
    assert redact(caseload) is caseload
    assert redact(statistics) is statistics


def test_every_export_table_holds_only_plain_values_and_rows_as_wide_as_the_header() -> None:
    plain = (str, int, float, date, type(None))
    for data in (make_case_summary(), make_overstay(5), make_caseload(), make_statistics()):
        table = data.table()
        assert all(isinstance(name, str) for name in table.header)
        for row in table.rows:
            assert len(row) == len(table.header)
            assert all(isinstance(value, plain) for value in row)
