"""Search folding: accents, case and Arabic letter forms fold; the Arabic article is indexed apart."""

from __future__ import annotations

from legalaid_desktop.domain.folding import fold, index_tokens, sort_key, tokens


def test_accents_and_case_fold_away() -> None:
    assert fold("José MÜLLER") == "jose muller"
    assert tokens("Marie-Claire N'Diaye") == ["marie", "claire", "n", "diaye"]


def test_arabic_vowel_marks_and_alef_forms_fold() -> None:
    assert fold("أَحْمَد") == fold("احمد")
    assert fold("إبراهيم") == "ابراهيم"


def test_a_name_with_the_joined_article_is_also_indexed_without_it() -> None:
    assert index_tokens("فاطمة الحسن") == ["فاطمه", "الحسن", "حسن"]


def test_sort_key_collapses_spacing_and_punctuation() -> None:
    assert sort_key("  Otieno,   Brian ") == "otieno brian"
