"""Spreadsheet safety: neutralise cells a spreadsheet would run as a formula, and undo it on import."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that starts like a formula gets a leading apostrophe (OWASP CSV injection advice).

    Numbers stay numbers; so a negative number is not escaped, but the text "-1+2" is.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(text: str) -> str:
    """The inverse of safe_cell, for text read back from our own exports."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
