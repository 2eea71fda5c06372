"""Remand counting: an order never runs past the legal ceiling; summed remand days are calendar days."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legalaid_desktop.cli.main import main


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str],
           spell: dict[str, object]) -> dict[str, dict[str, str]]:
    path = tmp_path / "spell.json"
    path.write_text(json.dumps(spell))
    assert main(["rules", "check", str(path), "--format", "json"]) == 0
    deadlines = json.loads(capsys.readouterr().out)["results"][0]["deadlines"]
    return {d["rule"]: d for d in deadlines}


def test_a_nigerian_remand_order_of_30_days_still_ends_after_14(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _check(tmp_path, capsys, {
        "jurisdiction": "NG", "as_of": "2025-03-06T12:00:00+01:00",
        "person": {"date_of_birth": "1980-01-01"},
        "events": [{"type": "arrest", "at": "2025-03-04T10:00:00+01:00"},
                   {"type": "remand", "at": "2025-03-05T10:00:00+01:00", "days": 30}]})
    expiry = found["ng.remand-expiry"]
    # Ordered on 5 March: 14 days are 6..19 March, so the order lapses at the end of 19 March.
    assert expiry["due"] == "2025-03-19T23:59:59+01:00"
    assert "more than the law allows" in expiry["explanation"]


def test_an_english_remand_keeps_counting_clear_days_when_the_order_gives_its_length(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _check(tmp_path, capsys, {
        "jurisdiction": "GB-EAW", "as_of": "2025-03-04T12:00:00+00:00",
        "person": {"date_of_birth": "1980-01-01"},
        "offence": {"class": "summary"},
        "events": [{"type": "arrest", "at": "2025-03-02T10:00:00+00:00"},
                   {"type": "remand", "at": "2025-03-03T15:00:00+00:00", "days": 8}]})
    # Eight clear days exclude the day of the order (3 March) and the day of the act: 4..11 March
    # are clear, so the remand is returnable on 12 March at the latest.
    assert found["gb-eaw.remand-expiry"]["due_date"] == "2025-03-12"


@pytest.mark.parametrize(("bailed_at", "remanded_again_at"), [("18:00", "09:00"), ("09:00", "18:00")])
def test_days_on_remand_summed_over_a_spell_are_calendar_days_whatever_the_hour(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bailed_at: str, remanded_again_at: str) -> None:
    found = _check(tmp_path, capsys, {
        "jurisdiction": "UG", "as_of": "2025-03-20T12:00:00+03:00",
        "person": {"date_of_birth": "1980-01-01"}, "offence": {"class": "subordinate"},
        "events": [{"type": "arrest", "at": "2025-01-09T10:00:00+03:00"},
                   {"type": "remand", "at": "2025-01-10T10:00:00+03:00", "days": 14},
                   {"type": "bail", "at": f"2025-01-30T{bailed_at}:00+03:00"},
                   {"type": "remand", "at": f"2025-02-20T{remanded_again_at}:00+03:00", "days": 14}]})
    # First remanded 10 January: 60 days would end on 11 March. Out on bail from 30 January until
    # the new remand on 20 February: 21 calendar days not counted, so the limit ends on 1 April.
    assert found["ug.ctl.subordinate"]["due_date"] == "2025-04-01"
    assert "not counting 21 days" in found["ug.ctl.subordinate"]["explanation"]
