"""The export reader walks a file piece by piece and says exactly where a file goes wrong."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from legalaid_desktop.services.exchange_format import ExchangeContentError, ExchangeSyntaxError
from legalaid_desktop.services.exchange_reader import (
    HeaderRead,
    JsonStream,
    RawRecord,
    ReadEvent,
    SectionStart,
    TrailerRead,
    read_export,
)

EXPORT = {
    "format": "legalaid-desktop-export", "format_version": 12345,
    "records": {
        "person": [{"uuid": "a", "full_name": "أحمد \"الحسن\"", "age": 1234567890}, {"uuid": "b"}],
        "case": [],
        "note": [{"text": "line one\nline two ✓", "minutes": -1.5e3, "done": True, "x": None}],
    },
    "source_database_uuid": "z",
}


def events(text: str) -> list[ReadEvent]:
    return list(read_export(io.StringIO(text), "test.json"))


def test_a_file_read_seven_characters_at_a_time_gives_the_same_records(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(EXPORT, ensure_ascii=False, indent=1)
    whole = events(text)
    monkeypatch.setattr(JsonStream, "CHUNK", 7)
    assert events(text) == whole
    assert whole[0] == HeaderRead({"format": "legalaid-desktop-export", "format_version": 12345})
    records = [(e.type_name, e.index, e.raw) for e in whole if isinstance(e, RawRecord)]
    assert records == [("person", 0, EXPORT["records"]["person"][0]),  # type: ignore[index]
                       ("person", 1, {"uuid": "b"}),
                       ("note", 0, EXPORT["records"]["note"][0])]  # type: ignore[index]
    assert [e.type_name for e in whole if isinstance(e, SectionStart)] == ["person", "case", "note"]
    assert whole[-1] == TrailerRead({"source_database_uuid": "z"})


def test_records_know_the_line_they_start_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(JsonStream, "CHUNK", 5)
    text = '{"format": "f",\n"records": {"person": [\n{"uuid": "a"},\n\n  {"uuid": "b"}]}}'
    lines = [e.line for e in events(text) if isinstance(e, RawRecord)]
    assert lines == [3, 5]


@pytest.mark.parametrize("chunk", [3, 1 << 20])
def test_a_syntax_error_names_its_line_and_column(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(JsonStream, "CHUNK", chunk)
    text = '{"format": "f",\n "records": {"person": [\n  {"uuid": "a",, "x": 1}]}}'
    with pytest.raises(ExchangeSyntaxError) as caught:
        events(text)
    assert (caught.value.line, caught.value.column) == (3, 16)  # the second comma


@pytest.mark.parametrize("cut", [10, 30, 45, 52])
def test_a_file_cut_short_anywhere_says_so(monkeypatch: pytest.MonkeyPatch, cut: int) -> None:
    monkeypatch.setattr(JsonStream, "CHUNK", 4)
    text = '{"format": "f", "records": {"person": [{"uuid": "abc", "n": 12}]}}'
    with pytest.raises(ExchangeSyntaxError) as caught:
        events(text[:cut])
    assert "cut short" in caught.value.detail


@pytest.mark.parametrize(("text", "words"), [
    ("", "the file is empty"),
    ("[1, 2]", "expected a JSON object"),
    ('{"format": "f"} trailing', "more text after the end"),
    ('{"format": "f", "records": []}', "an object of record type"),
    ('{"format": "f", "records": {"person": {}}}', "a list of person records"),
])
def test_a_file_of_the_wrong_shape_is_named_as_such(text: str, words: str) -> None:
    with pytest.raises(ExchangeSyntaxError) as caught:
        events(text)
    assert words in caught.value.detail


def test_a_field_given_twice_at_the_top_is_refused() -> None:
    with pytest.raises(ExchangeContentError) as caught:
        events('{"format": "a", "format": "b"}')
    assert caught.value.value == "format"


def test_text_that_is_not_utf8_is_named_as_such() -> None:
    handle = io.TextIOWrapper(io.BytesIO(b'{"format": "\xff\xfe"}'), encoding="utf-8")
    with pytest.raises(ExchangeSyntaxError) as caught:
        list(read_export(handle, "test.json"))
    assert "not UTF-8" in caught.value.detail


def test_a_file_without_records_still_gives_its_header() -> None:
    result: list[Any] = events('{"format": "f", "format_version": 1}')
    assert result == [HeaderRead({"format": "f", "format_version": 1}), TrailerRead({})]


@pytest.mark.parametrize("chunk", [4, 1 << 20])
def test_a_file_cut_short_points_at_the_value_it_cuts(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(JsonStream, "CHUNK", chunk)
    text = '{"format": "f",\n"records": {"person": [\n {"uuid": "a"},\n {"uuid": "b", "name": "Amin'
    with pytest.raises(ExchangeSyntaxError) as caught:
        events(text)
    assert (caught.value.line, caught.value.column) == (4, 24)  # the unterminated "Amin…
