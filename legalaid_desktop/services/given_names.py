"""Which given names a word may stand for: the table of short forms (resources/names/short_forms.csv)
and the Yoruba names written without their first part (Oluwaseun / Seun, Babatunde / Tunde)."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from legalaid_desktop.domain.short_forms import ShortFormFileError, ShortFormTable, parse_short_forms
from legalaid_desktop.domain.transliterate import NameToken, latin_form

TABLE = Path("names") / "short_forms.csv"
"""The table's place under resources/."""

# Yoruba names are compounds, and the first part is often left out in daily use (Oluwaseun, Olufemi,
# Adebayo, Babatunde: Seun, Femi, Bayo, Tunde): a rule, not rows, since it holds for every such name.
_DROPPED_FIRST_PARTS = ("oluwa", "olu", "ade", "baba")
_MIN_REST = 3  # letters left after the part: "Adel" is not Ade + "l"


def load_short_forms(path: Path) -> ShortFormTable:
    """The table from a file; a file that cannot be read or is wrong raises ShortFormFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ShortFormFileError(str(path), 0, f"not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    except OSError as exc:
        raise ShortFormFileError(str(path), 0, exc.strerror or str(exc)) from None
    return parse_short_forms(text, str(path))


@cache
def short_form_table() -> ShortFormTable:
    """The application's table, read once."""
    from legalaid_desktop.paths import resources_dir  # where resources/ is: a checkout, wheel or bundle

    return load_short_forms(resources_dir() / TABLE)


@lru_cache(maxsize=100_000)
def given_name_rows(token: NameToken) -> frozenset[str]:
    """The given names (main Latin forms) this word may be written for, itself among them:
    "Bill" -> {"bil", "wiliam"}, "Olufemi" -> {"ulufemi", "femi"}; two words that share one are
    forms of one given name. Latin words are looked up by their main form only (John is not Jon,
    so not Jonathan); a word in another script by each of its readings; initials and Arabic script
    by nothing (empty)."""
    if token.initial or token.arabic:
        return frozenset()
    table = short_form_table()
    forms = token.forms if token.script != "latin" else token.forms[:1]
    rows: set[str] = set()
    for form in forms:
        rows |= table.rows_of(form)
    if token.script == "latin":
        for part in _DROPPED_FIRST_PARTS:
            rest = token.text[len(part):]
            if token.text.startswith(part) and len(rest) >= _MIN_REST:
                rest_form = latin_form(rest)
                rows |= {token.forms[0], rest_form} | table.rows_of(rest_form)
    return frozenset(rows | set(forms))


def clear_caches() -> None:
    """Forget the rows looked up so far (with name_match.clear_caches, for cold benchmarks)."""
    given_name_rows.cache_clear()
