"""A remand order longer than the law allows ends at the legal ceiling, in the rule's own unit."""

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
