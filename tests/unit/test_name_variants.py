"""Name variants the matcher knows by rule: short forms of given names, other scripts against Latin,
Vietnamese syllables, linking words, Somali spellings; each found by the blocking keys too."""

from __future__ import annotations

import pytest

from legalaid_desktop.services.name_match import (
    NAME_THRESHOLD,
    TokenHow,
    explain_names,
    name_keys,
    score_names,
)


def _found(left: str, right: str) -> bool:
    return score_names(left, right) >= NAME_THRESHOLD and bool(name_keys(left) & name_keys(right))


@pytest.mark.parametrize(("left", "right"), [
    ("William Thompson", "Bill Thompson"), ("Robert Johnson", "Bob Johnson"),
    ("Elizabeth Anne Walker", "Liz Walker"), ("Margaret Ellis", "Peggy Ellis"),
    ("Joseph Kamau", "Joe Kamau"), ("Christine Otieno", "Chris Otieno"),
    ("Aleksandr Petrov", "Sasha Petrov"), ("Chukwuemeka Okafor", "Emeka Okafor"),
    ("Francisco Reyes", "Paco Reyes"), ("Oluwaseun Adebayo", "Seun Adebayo"),
    ("Olufemi Adeyemi", "Femi Adeyemi"), ("Babatunde Fashola", "Tunde Fashola"),
])
def test_a_short_form_of_a_given_name_is_found(left: str, right: str) -> None:
    assert _found(left, right)


def test_a_short_form_scores_below_the_name_itself_and_says_so() -> None:
    match = explain_names("Bill Thompson", "William Thompson")
    assert [t.how for t in match.tokens] == [TokenHow.SHORT_FORM, TokenHow.SAME]
    assert NAME_THRESHOLD <= match.name_score < 1.0


@pytest.mark.parametrize(("left", "right"), [
    ("Samuel Okoth", "Samantha Okoth"), ("Christopher Otieno", "Christine Otieno"),
    ("Bill Smith", "Bob Smith"), ("Patrick Mwangi", "Patricia Mwangi"), ("John Mwangi", "Jonathan Mwangi"),
])
def test_two_names_that_only_share_a_short_form_are_different_people(left: str, right: str) -> None:
    assert score_names(left, right) < NAME_THRESHOLD


@pytest.mark.parametrize(("left", "right"), [
    ("Юлия Коваленко", "Yulia Kovalenko"), ("Юлия Коваленко", "Iuliia Kovalenko"),
    ("Александр Иванов", "Aleksandr Ivanov"), ("Хасан Алиев", "Hasan Aliyev"),
    ("Хасан Алиев", "Khasan Aliev"),
    ("Евгений Петров", "Yevgeny Petrov"), ("Евгений Петров", "Evgenii Petrov"),
    ("Драган Петровић", "Dragan Petrović"), ("Γεώργιος Παπαδόπουλος", "Georgios Papadopoulos"),
    ("राजेश कुमार शर्मा", "Rajesh Kumar Sharma"), ("सुनीता देवी", "Sunita Devi"),
    ("सुरेश यादव", "Suresh Yadav"), ("कमला देवी", "Kamala Devi"), ("कमला देवी", "Kamla Devi"),
    ("संजय गुप्ता", "Sanjay Gupta"), ("Саша Петров", "Aleksandr Petrov"),
    ("አበበ በቀለ", "Abebe Bekele"), ("ግርማ ታደሰ", "Girma Tadesse"), ("ተስፋዬ ገብረመድህን", "Tesfaye Gebremedhin"),
    ("শহিদুল ইসলাম", "Shohidul Islam"), ("মোহাম্মদ আব্দুর রহমান", "Mohammad Abdur Rahman"),
    ("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "Gurpreet Singh"), ("ਹਰਜੀਤ ਕੌਰ", "Harjeet Kaur"), ("રમેશ પટેલ", "Ramesh Patel"),
    ("ٹیپو سلطان", "Tipu Sultan"), ("ګل خان", "Gul Khan"),
])
def test_a_name_in_another_script_meets_its_latin_spellings(
        left: str, right: str) -> None:
    assert _found(left, right)


def test_a_script_word_against_latin_is_named_as_script() -> None:
    match = explain_names("Юлия Коваленко", "Yulia Kovalenko")
    assert [t.how for t in match.tokens] == [TokenHow.SCRIPT, TokenHow.SCRIPT]


@pytest.mark.parametrize(("left", "right"), [
    ("Александр Иванов", "Александра Иванова"), ("Сергей Иванов", "Сергей Петров"),
    ("प्रिया शर्मा", "Priya Verma"), ("አበበ በቀለ", "Abebe Kebede"),
])
def test_different_names_in_another_script_stay_different(left: str, right: str) -> None:
    assert score_names(left, right) < NAME_THRESHOLD


@pytest.mark.parametrize(("left", "right"), [
    ("Nguyễn Văn An", "Nguyễn Văn Anh"), ("Trần Thị Hương", "Trần Thị Hường"), ("Vu Thi Lan", "Vu Thi Loan"),
    ("Bui Thi Mai", "Bui Thi My"), ("Nguyen Van Nam", "Nguyen Thi Nam"), ("Tran Van Hung", "Tran Quoc Hung"),
    ("Truong Van Hai", "Truong Van Hieu"),
])
def test_in_vietnamese_names_a_syllable_spelt_otherwise_is_another_name(left: str, right: str) -> None:
    assert score_names(left, right) < NAME_THRESHOLD


@pytest.mark.parametrize(("left", "right"), [
    ("Trần Thị Hương", "Tran Thi Huong"), ("Nguyễn Văn An", "An Van Nguyen"), ("Bùi Thị Mai", "Bui Mai"),
    ("Nguyen Van Minh", "Minh Nguyen Van"), ("Đặng Thu Hà", "Dang Thu Ha"),
])
def test_in_vietnamese_names_marks_left_out_order_and_a_dropped_middle_name_still_match(
        left: str, right: str) -> None:
    assert _found(left, right)


@pytest.mark.parametrize(("left", "right"), [
    ("Youssef Benali", "Yusuf Ben Ali"), ("Ali bin Hamad", "Ali Hamad"),
    ("Yuliya Kovalenko", "Iuliia Kovalenko"), ("Priya Srivastava", "Priya Shrivastava"),
    ("Folasade Akinola", "Folashade Akinola"), ("Ashok Kumar Das", "Asok Kumar Das"),
    ("Maxamed Cabdi", "Mohamed Abdi"), ("Cabdullahi Xasan", "Abdullahi Hassan"),
    ("Mehmet Öztürk", "Mehmed Ozturk"), ("Hauwa'u Ibrahim", "Hauwa Ibrahim"),
    ("Daniel Fitzgerald", "Danny Fitz-Gerald"), ("Sean Gallagher", "Shaun Gallagher"),
])
def test_spellings_that_shared_no_blocking_key_are_found(left: str, right: str) -> None:
    assert _found(left, right)


def test_a_linking_word_that_starts_a_name_is_a_given_name() -> None:
    assert explain_names("Ben Smith", "Benjamin Smith").name_score >= NAME_THRESHOLD
    assert score_names("Ben Smith", "Smith") < NAME_THRESHOLD


@pytest.mark.parametrize(("left", "right"), [
    ("Sara Mwangi", "Shara Mwangi"), ("Amina Yusuf", "Aminu Yusuf"), ("Hassan Ali", "Hassana Ali"),
])
def test_the_new_spelling_rules_keep_these_apart(left: str, right: str) -> None:
    assert score_names(left, right) < NAME_THRESHOLD
