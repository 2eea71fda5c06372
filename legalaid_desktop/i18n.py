"""One gettext catalogue for the GUI, reports and command line (resources/translations)."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "legalaid"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def install(language: str | None = None) -> None:
    """Load the catalogue for `language` (or the environment's); English when none is found."""
    global _translation
    folder = Path(__file__).resolve().parent.parent / "resources" / "translations"
    try:
        from legalaid_desktop.paths import resources_dir

        folder = resources_dir() / "translations"
    except FileNotFoundError:
        pass
    languages = [language] if language else None
    if languages is None and os.environ.get("LEGALAID_LANG"):
        languages = [os.environ["LEGALAID_LANG"]]
    _translation = gettext.translation(DOMAIN, localedir=folder, languages=languages, fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
