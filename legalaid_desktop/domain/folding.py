"""Text folding for search and duplicate checks: case, accents, Arabic forms and the article."""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # alef forms
    "\u0649": "\u064a",  # alef maqsura -> ya
    "\u0629": "\u0647",  # taa marbuta -> ha
    "\u0624": "\u0648", "\u0626": "\u064a",  # hamza seats
})
_ARTICLE = "\u0627\u0644"  # ال
_TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, strip accents and Arabic vowel marks, unify letter forms.

    "José" -> "jose"; "أحمد" -> "احمد". Used on both the indexed text and the query.
    """
    if text.isascii():
        return text.lower()  # the same result, without three normalisations (a check folds thousands)
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("ß", "ss")


def tokens(text: str) -> list[str]:
    """Folded word tokens, in order."""
    return _TOKEN.findall(fold(text))


def index_tokens(text: str) -> list[str]:
    """Tokens to index: each folded word, plus Arabic words without the joined article.

    A search for حسن must find الحسن (platform-notes.md).
    """
    out: list[str] = []
    for token in tokens(text):
        out.append(token)
        if token.startswith(_ARTICLE) and len(token) > len(_ARTICLE) + 1:
            out.append(token[len(_ARTICLE):])
    return out


def sort_key(name: str) -> str:
    """The key names sort by: folded, single-spaced."""
    return " ".join(tokens(name))
