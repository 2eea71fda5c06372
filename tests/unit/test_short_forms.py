"""The table of given names and their short forms: read whole, a broken file named by line and fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalaid_desktop.domain.short_forms import ShortFormFileError, parse_short_forms
from legalaid_desktop.domain.transliterate import latin_form
from legalaid_desktop.paths import resources_dir
from legalaid_desktop.services.given_names import TABLE, load_short_forms

GOOD = ("name,forms,traditions\nWilliam,Bill Will,english\nChristopher,Chris,english\n"
        "Christine,Chris Tina,english\n")


def _rows(table_text: str, word: str) -> set[str]:
    return set(parse_short_forms(table_text, "t.csv").rows_of(latin_form(word)))


def test_a_short_form_belongs_to_the_row_of_its_given_name() -> None:
    assert _rows(GOOD, "Bill") == {latin_form("william")}
    assert _rows(GOOD, "William") == {latin_form("william")}


def test_a_short_form_of_several_names_belongs_to_each_row() -> None:
    assert _rows(GOOD, "Chris") == {latin_form("christopher"), latin_form("christine")}
    assert _rows(GOOD, "Tina") == {latin_form("christine")}


def test_a_word_the_table_does_not_know_has_no_row() -> None:
    assert _rows(GOOD, "Wanjiku") == set()


def test_the_shipped_table_loads_and_knows_the_common_short_forms() -> None:
    table = load_short_forms(resources_dir() / TABLE)
    for formal, short in (("william", "bill"), ("robert", "bob"), ("elizabeth", "liz"), ("joseph", "joe"),
                          ("aleksandr", "sasha"), ("chukwuemeka", "emeka"), ("francisco", "paco")):
        assert table.rows_of(latin_form(formal)) & table.rows_of(latin_form(short)), (formal, short)
    assert not table.rows_of(latin_form("samuel")) & table.rows_of(latin_form("samantha"))


@pytest.mark.parametrize(("text", "line", "words"), [
    ("name,short,traditions\nWilliam,Bill,english\n", 1, "the first line must be"),
    ("name,forms,traditions\nWilliam,Bill,english\nRobert,Bob\n", 3, "expected 3 columns"),
    ("name,forms,traditions\nWilliam,Bill Billy,english\nWilliam,Will,english\n", 3,
     "already has a row on line 2"),
    ("name,forms,traditions\nWilliam,,english\n", 2, "has no forms"),
    ("name,forms,traditions\nWilliam,Bill,\n", 2, "names no tradition"),
    ("name,forms,traditions\nWilliam,Bill B1ll,english\n", 2, "'B1ll' is not one word of letters"),
    ("name,forms,traditions\nMary Anne,Molly,english\n", 2, "'Mary Anne' is not one word of letters"),
    ("name,forms,traditions\nMohammed,Muhammad Mohamed,arabic\n", 2, "repeats"),
])
def test_a_broken_table_names_the_file_the_line_and_what_is_wrong(text: str, line: int, words: str) -> None:
    with pytest.raises(ShortFormFileError) as caught:
        parse_short_forms(text, "short_forms.csv")
    assert caught.value.line == line and words in caught.value.problem
    assert str(caught.value).startswith(f"short_forms.csv, line {line}: ")


def test_a_table_file_that_is_missing_or_not_utf8_is_named(tmp_path: Path) -> None:
    with pytest.raises(ShortFormFileError, match=r"missing\.csv"):
        load_short_forms(tmp_path / "missing.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name,forms,traditions\nJosé,Pepe,spanish\n".encode("latin-1"))
    with pytest.raises(ShortFormFileError, match="not UTF-8"):
        load_short_forms(latin1)
