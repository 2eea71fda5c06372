"""Cyrillic, Greek, Devanagari and Ethiopic names read in Latin letters, each plausible convention a
reading."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legalaid_desktop.domain.scripts import (
    MAX_READINGS,
    cyrillic_readings,
    devanagari_readings,
    ethiopic_readings,
    greek_readings,
    indic_readings,
    latin_readings,
    script_of,
)
from legalaid_desktop.domain.transliterate import name_tokens


@pytest.mark.parametrize(("word", "readings"), [
    ("хасан", {"khasan", "hasan"}),  # х: kh in English usage, h in most others
    ("жанна", {"zhanna", "janna"}),  # ж: zh, or j in French usage
    ("юлия", {"yuliya", "iuliia"}),  # ю, я: yu, ya, or iu, ia as passports write them since 2013
    ("ёлкин", {"yolkin", "elkin"}),
    ("петровић", {"petrovic", "petrovich"}),  # Serbian ћ
])
def test_cyrillic_letters_that_conventions_write_differently_give_each_reading(
        word: str, readings: set[str]) -> None:
    assert readings <= set(cyrillic_readings(word))


def test_the_english_usage_is_the_main_cyrillic_reading() -> None:
    assert cyrillic_readings("хасан")[0] == "khasan"
    assert cyrillic_readings("александр") == ("aleksandr",)


def test_a_first_cyrillic_e_reads_ye_or_e() -> None:
    assert {"yelena", "elena"} <= set(cyrillic_readings("елена"))
    assert cyrillic_readings("петров") == ("petrov",)  # not after a consonant


def test_a_ukrainian_g_may_read_h() -> None:
    assert {"grigorenko", "hrihorenko"} <= set(cyrillic_readings("григоренко"))


def test_devanagari_drops_the_final_inherent_vowel_after_a_single_consonant() -> None:
    assert devanagari_readings("राम") == ("ram",)
    assert devanagari_readings("राजेश")[0] == "rajesh"
    assert devanagari_readings("यादव")[0] == "yadav"


def test_devanagari_keeps_the_final_inherent_vowel_after_a_conjunct() -> None:
    assert devanagari_readings("गुप्त")[0] == "gupta"
    assert devanagari_readings("कृष्ण")[0] == "krishna"


def test_devanagari_gives_the_hindi_reading_and_the_one_that_keeps_medial_vowels() -> None:
    assert devanagari_readings("कमला") == ("kamla", "kamala")


def test_devanagari_nukta_anusvara_and_written_vowels() -> None:
    assert devanagari_readings("ज़ाकिर") == ("zakir",)
    assert devanagari_readings("संजय") == ("sanjay",)
    assert devanagari_readings("अंबिका")[0].startswith("amb")  # m before a labial
    assert devanagari_readings("सुनीता") == ("sunita",)


def test_a_medial_vowel_before_a_written_cluster_is_dropped_but_not_before_one_made_by_dropping() -> None:
    assert devanagari_readings("अमरप्रीत")[0] == "amarprit"
    assert devanagari_readings("अमरनाथ")[0] == "amarnath"


def test_bengali_reads_its_inherent_vowel_as_a_or_o_and_ya_as_j_at_the_start() -> None:
    assert indic_readings("শহিদুল", "bengali") == ("shahidul", "shohidul")
    assert indic_readings("যাদব", "bengali")[0] == "jadab"
    assert indic_readings("আদিত্য", "bengali")[0] == "aditya"


def test_gurmukhi_and_gujarati_read_as_devanagari() -> None:
    assert latin_readings("ਸਿੰਘ") == ("singh",)
    assert latin_readings("ਗੁਰਪ੍ਰੀਤ")[0] == "gurprit"
    assert latin_readings("પટેલ") == ("patel",)


def test_greek_letter_pairs_and_alternatives() -> None:
    assert greek_readings("παπαδοπουλος") == ("papadopoulos",)
    assert "christos" in greek_readings("χρηστος") and "hristos" in greek_readings("χρηστος")


def test_ethiopic_letters_read_as_consonant_and_vowel_order() -> None:
    assert ethiopic_readings("አበበ")[0] == "abebe"
    assert ethiopic_readings("በቀለ")[0] == "beqele"
    assert ethiopic_readings("ሙሉጌታ") == ("mulugeta",)


def test_the_ethiopic_sixth_order_is_read_with_and_without_its_short_vowel() -> None:
    assert set(ethiopic_readings("ግርማ")) == {"grma", "grima", "girma", "girima"}
    assert ethiopic_readings("ተስፋዬ")[0] == "tesfaye"


def test_an_ethiopic_consonant_before_a_final_e_may_be_written_doubled() -> None:
    assert set(ethiopic_readings("ታደሰ")) == {"tadese", "tadesse"}


def test_the_script_of_a_word() -> None:
    words = ("юлия", "γιαννης", "राम", "রহমান", "ਸਿੰਘ", "પટેલ", "ግርማ", "john", "محمد")
    assert [script_of(w) for w in words] == [
        "cyrillic", "greek", "devanagari", "bengali", "gurmukhi", "gujarati", "ethiopic", "", ""]
    assert latin_readings("john") == ()


def test_a_name_in_another_script_becomes_tokens_that_remember_the_script() -> None:
    tokens = name_tokens("Юлия Коваленко")
    assert [t.script for t in tokens] == ["cyrillic", "cyrillic"]
    assert [t.text for t in tokens] == ["yuliya", "kovalenko"]
    assert tokens[0].written == "юлия"


def test_greek_accents_and_cyrillic_stress_marks_do_not_count() -> None:
    assert name_tokens("Γεώργιος")[0].forms == name_tokens("Γεωργιος")[0].forms
    assert name_tokens("Ива\u0301нов")[0].forms == name_tokens("Иванов")[0].forms


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґћђџ", min_size=1, max_size=14))
def test_every_cyrillic_reading_is_plain_latin_and_there_are_few(word: str) -> None:
    readings = cyrillic_readings(word)
    assert 1 <= len(readings) <= MAX_READINGS and len(set(readings)) == len(readings)
    assert all(reading.isascii() and (reading == "" or reading.isalpha()) for reading in readings)


@given(st.text(alphabet="कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंँ्ः़अआइईउऊएऐओऔ", min_size=1,
               max_size=12))
def test_every_devanagari_reading_is_plain_latin(word: str) -> None:
    readings = devanagari_readings(word)
    assert 1 <= len(readings) <= 2
    assert all(reading.isascii() for reading in readings)


@given(st.text(alphabet=[chr(c) for c in range(0x1200, 0x135B)], min_size=1, max_size=10))
def test_every_ethiopic_reading_is_plain_latin_and_there_are_few(word: str) -> None:
    readings = ethiopic_readings(word)
    assert 1 <= len(readings) <= MAX_READINGS
    assert all(reading.isascii() for reading in readings)
