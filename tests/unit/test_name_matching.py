"""Conflict-check name matching: quality on the labelled pairs, blocking keys, and the reasons given."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from legalaid_desktop.services.name_match import (
    NAME_THRESHOLD,
    DobAgreement,
    IdAgreement,
    Reason,
    TokenHow,
    dob_agreement,
    explain_names,
    id_agreement,
    keys_to_read,
    match_person,
    name_keys,
    score_names,
)

PAIRS = Path(__file__).resolve().parents[1] / "data" / "name_pairs.csv"
BORN = date(1994, 3, 12)


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    match: bool
    kind: str
    split: str


def _pairs(split: str | None = None) -> list[Pair]:
    with PAIRS.open(encoding="utf-8", newline="") as fh:
        rows = [Pair(r["left"], r["right"], r["label"] == "match", r["kind"], r["split"])
                for r in csv.DictReader(fh)]
    return [p for p in rows if split is None or p.split == split]


def _quality(pairs: list[Pair], threshold: float) -> tuple[float, float]:
    """Precision and recall of `score >= threshold` as the decision."""
    flagged = [p for p in pairs if score_names(p.left, p.right) >= threshold]
    true_positives = sum(p.match for p in flagged)
    precision = true_positives / len(flagged) if flagged else 1.0
    recall = true_positives / sum(p.match for p in pairs)
    return precision, recall


def test_the_labelled_list_has_at_least_240_pairs_split_evenly_by_label() -> None:
    pairs = _pairs()
    assert len(pairs) >= 240
    for label in (True, False):
        tune = sum(p.match is label and p.split == "tune" for p in pairs)
        holdout = sum(p.match is label and p.split == "holdout" for p in pairs)
        assert abs(tune - holdout) <= len({p.kind for p in pairs})  # at most one odd pair per kind


def test_the_threshold_gives_the_best_recall_the_tune_half_allows_at_precision_090() -> None:
    tune = _pairs("tune")
    candidates = sorted({round(score_names(p.left, p.right), 4) for p in tune})
    best = max(recall for precision, recall in (_quality(tune, t) for t in candidates) if precision >= 0.9)
    precision, recall = _quality(tune, NAME_THRESHOLD)
    assert precision >= 0.9 and recall == best


def test_on_the_holdout_half_recall_is_at_least_095_at_precision_at_least_090(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Tuning data now (its misses changed the matcher, see name_pairs.md): a regression check."""
    holdout = _pairs("holdout")
    precision, recall = _quality(holdout, NAME_THRESHOLD)
    missed = [f"{p.left} / {p.right}" for p in holdout
              if p.match and score_names(p.left, p.right) < NAME_THRESHOLD]
    wrong = [f"{p.left} / {p.right}" for p in holdout
             if not p.match and score_names(p.left, p.right) >= NAME_THRESHOLD]
    with capsys.disabled():
        sys.stdout.write(f"\nholdout ({len(holdout)} pairs) at threshold {NAME_THRESHOLD}: precision "
                         f"{precision:.3f}, recall {recall:.3f}; missed {missed}; flagged wrongly {wrong}\n")
    assert recall >= 0.95 and precision >= 0.9, (precision, recall, missed, wrong)


def test_every_true_variant_pair_shares_at_least_one_blocking_key() -> None:
    unblocked = [(p.left, p.right) for p in _pairs()
                 if p.match and not name_keys(p.left) & name_keys(p.right)]
    assert unblocked == []


def test_a_name_has_few_blocking_keys(capsys: pytest.CaptureFixture[str]) -> None:
    names = {name for p in _pairs() for name in (p.left, p.right)}
    counts = [len(name_keys(name)) for name in names]
    mean = sum(counts) / len(counts)
    with capsys.disabled():
        sys.stdout.write(f"\nblocking keys per name: mean {mean:.1f}, max {max(counts)}\n")
    assert mean <= 12 and max(counts) <= 40


def test_a_score_does_not_depend_on_which_name_is_the_query() -> None:
    for p in _pairs():
        assert score_names(p.left, p.right) == pytest.approx(score_names(p.right, p.left))


def test_john_mwangi_and_peter_mwangi_are_different_people() -> None:
    assert score_names("John Mwangi", "Peter Mwangi") < NAME_THRESHOLD
    assert match_person(query_name="John Mwangi", query_dob=None, query_id=None,
                        candidate_name="Peter Mwangi", candidate_dob=None, candidate_id=None) is None


def test_the_issue_examples_match() -> None:
    assert score_names("Mohammed Abdullahi", "Muhammad Abdulahi") >= NAME_THRESHOLD
    assert score_names("Nakato", "Nakatto") == 1.0
    assert score_names("محمد عبد الله", "Mohamed Abdalla") >= NAME_THRESHOLD


def test_a_swapped_name_pairs_each_word_with_its_partner() -> None:
    match = explain_names("Otieno Brian", "Brian Otieno")
    assert match.name_score == 1.0
    assert {(t.query, t.candidate, t.how) for t in match.tokens} == {
        ("otieno", "otieno", TokenHow.SAME), ("brian", "brian", TokenHow.SAME)}
    assert match.unmatched == ()


def test_a_missing_middle_name_is_listed_as_unmatched() -> None:
    match = explain_names("John Mwangi", "John Kamau Mwangi")
    assert match.unmatched == ("kamau",)
    assert match.name_score >= NAME_THRESHOLD


def test_an_initial_is_paired_as_an_initial() -> None:
    match = explain_names("J. Mwangi", "John Mwangi")
    assert (("j", "john", TokenHow.INITIAL) in {(t.query, t.candidate, t.how) for t in match.tokens})


def test_arabic_script_is_paired_with_its_latin_spelling_as_a_script_match() -> None:
    match = explain_names("محمد علي", "Mohamed Ali")
    assert [t.how for t in match.tokens] == [TokenHow.SCRIPT, TokenHow.SCRIPT]
    assert match.name_score == 1.0


def test_a_spelling_variant_is_named_as_spelling() -> None:
    match = explain_names("Mohammed Ali", "Muhammad Ali")
    assert [t.how for t in match.tokens] == [TokenHow.SPELLING, TokenHow.SAME]


def test_an_equal_name_and_date_of_birth_give_both_reasons() -> None:
    result = match_person(query_name="Grace Akello", query_dob=BORN, query_id=None,
                          candidate_name="Akello Grace", candidate_dob=BORN, candidate_id=None)
    assert result is not None
    assert result.reasons == (Reason.NAME_SAME, Reason.DOB_EQUAL)
    assert result.match.dob is DobAgreement.EQUAL and result.match.identity is IdAgreement.UNKNOWN
    assert result.score == 1.0


def test_an_equal_date_of_birth_lifts_a_borderline_name_over_the_threshold() -> None:
    name_only = match_person(query_name="Ryan Thomas", query_dob=None, query_id=None,
                             candidate_name="Bryan Thomas", candidate_dob=None, candidate_id=None)
    with_dob = match_person(query_name="Ryan Thomas", query_dob=BORN, query_id=None,
                            candidate_name="Bryan Thomas", candidate_dob=BORN, candidate_id=None)
    assert name_only is None
    assert with_dob is not None and with_dob.reasons == (Reason.DOB_EQUAL,)


def test_a_date_of_birth_years_apart_lowers_the_score_and_says_so() -> None:
    result = match_person(query_name="Mohammed Abdullahi", query_dob=BORN, query_id=None,
                          candidate_name="Muhammad Abdulahi", candidate_dob=date(1971, 1, 1),
                          candidate_id=None)
    plain = score_names("Mohammed Abdullahi", "Muhammad Abdulahi")
    assert result is None or (Reason.DOB_DIFFERENT in result.reasons and result.score < plain)


def test_a_date_of_birth_within_a_year_counts_as_an_estimated_age() -> None:
    assert dob_agreement(BORN, date(1995, 1, 1)) is DobAgreement.WITHIN_A_YEAR
    assert dob_agreement(BORN, date(1996, 1, 1)) is DobAgreement.DIFFERENT
    assert dob_agreement(BORN, None) is DobAgreement.UNKNOWN


def test_an_equal_identity_number_is_shown_even_when_the_names_differ() -> None:
    result = match_person(query_name="Peter Kamau", query_dob=None, query_id="12 345-678",
                          candidate_name="Ahmed Hassan", candidate_dob=None, candidate_id="12345678")
    assert result is not None
    assert result.reasons == (Reason.ID_EQUAL,)
    assert result.score >= 0.95


def test_another_identity_number_lowers_a_name_match_and_says_so() -> None:
    result = match_person(query_name="Grace Akello", query_dob=BORN, query_id="A123",
                          candidate_name="Grace Akello", candidate_dob=BORN, candidate_id="B456")
    assert result is not None
    assert Reason.ID_DIFFERENT in result.reasons and result.score < 1.0


def test_identity_numbers_compare_without_spaces_dashes_or_case() -> None:
    assert id_agreement("ab-12 34", "AB1234") is IdAgreement.EQUAL
    assert id_agreement("AB1234", "AB1235") is IdAgreement.DIFFERENT
    assert id_agreement("", "AB1234") is IdAgreement.UNKNOWN


def test_an_empty_name_matches_nothing() -> None:
    assert score_names("", "John Mwangi") == 0.0
    assert name_keys("") == set()


def test_a_swapped_name_and_a_missing_middle_name_share_a_pair_key() -> None:
    assert "p:jhn|mnj" in name_keys("Mwangi John") & name_keys("John Kamau Mwangi")


def test_an_initial_shares_its_letter_key_with_the_full_name() -> None:
    assert name_keys("J. Mwangi") <= name_keys("John Mwangi")


def test_a_common_coarse_key_is_not_read_when_the_query_has_others() -> None:
    counts = {"p:bdl|mhmd": 3_000, "i:m:bdl": 900, "i:a:mhmd": 32_000}
    assert keys_to_read(counts, cap=2_000) == ["i:m:bdl", "p:bdl|mhmd"]


def test_pair_keys_are_read_however_common_they_are() -> None:
    assert keys_to_read({"p:bdl|mhmd": 50_000}, cap=2_000) == ["p:bdl|mhmd"]


def test_a_query_of_common_coarse_keys_alone_reads_the_rarest() -> None:
    assert keys_to_read({"i:m:bdl": 9_000, "i:m:mhmd": 40_000}, cap=2_000) == ["i:m:bdl"]



FRESH = PAIRS.with_name("name_pairs_fresh.csv")


def _fresh_pairs() -> list[Pair]:
    with FRESH.open(encoding="utf-8", newline="") as fh:
        return [Pair(r["left"], r["right"], r["label"] == "match", r["kind"], "fresh")
                for r in csv.DictReader(fh)]


def test_the_fresh_list_has_at_least_150_pairs_none_from_the_first_list() -> None:
    fresh = [(p.left, p.right) for p in _fresh_pairs()]
    old = {(p.left, p.right) for p in _pairs()}
    assert len(fresh) >= 150 and len(set(fresh) | {(r, left) for left, r in fresh}) == 2 * len(fresh)
    assert not set(fresh) & (old | {(r, left) for left, r in old})


# name_pairs_fresh.csv was measured once, clean (precision 0.970, recall 0.929 at 0.86, below the bar);
# its misses were then used to change the matcher, so it is tuning data now (see name_pairs.md). This
# checks that those changes keep working on it; it is not a measurement of the matcher.
def test_the_fresh_list_now_tuning_data_keeps_recall_095_at_precision_090(
        capsys: pytest.CaptureFixture[str]) -> None:
    fresh = _fresh_pairs()
    precision, recall = _quality(fresh, NAME_THRESHOLD)
    missed = [f"{p.left} / {p.right} ({p.kind}, {score_names(p.left, p.right):.3f})" for p in fresh
              if p.match and score_names(p.left, p.right) < NAME_THRESHOLD]
    wrong = [f"{p.left} / {p.right} ({p.kind}, {score_names(p.left, p.right):.3f})" for p in fresh
             if not p.match and score_names(p.left, p.right) >= NAME_THRESHOLD]
    with capsys.disabled():
        sys.stdout.write(f"\nfresh list, tuning data ({len(fresh)} pairs) at threshold {NAME_THRESHOLD}: "
                         f"precision {precision:.3f}, recall {recall:.3f}\nmissed ({len(missed)}): {missed}\n"
                         f"flagged wrongly ({len(wrong)}): {wrong}\n")
    assert recall >= 0.95 and precision >= 0.9, (precision, recall, missed, wrong)


@pytest.mark.parametrize(("left", "right"), [
    ("Cheikh Diop", "Sheikh Diop"), ("Rachid Benali", "Rashid Benali"), ("Geoffrey Ouma", "Jeffrey Ouma"),
    ("Stephen Kiprono", "Steven Kiprono"), ("Elizabeth Njeri", "Elisabeth Njeri"),
    ("Nomvula Nkosi", "Nomvula Nkhosi"), ("Ibrahima Sylla", "Ibrahim Sylla"), ("Binta Barry", "Bintou Barry"),
    ("Nguyen Van Minh", "Minh Nguyen Van"), ("Chukwuemeka Okafor", "Chukwu Emeka Okafor"),
    ("Đặng Văn Hùng", "Dang Van Hung"), ("Juan dela Cruz", "Juan Cruz"), ("Naguib Hassan", "Najib Hassan"),
    ("إسحاق موسى", "Ishaq Musa"),
])
def test_spellings_across_traditions_match(left: str, right: str) -> None:
    assert score_names(left, right) >= NAME_THRESHOLD
    assert name_keys(left) & name_keys(right)


@pytest.mark.parametrize(("left", "right"), [
    ("أحمد يوسف", "Hamid Yousif"), ("سعيد أحمد", "سعد أحمد"), ("Sara Mwangi", "Zara Mwangi"),
    ("Maria Cruz", "Mario Cruz"), ("Rashid Bello", "Rashida Bello"), ("Amina Yusuf", "Aminu Yusuf"),
    ("Ahmed Juma", "Hamed Juma"), ("Wanjiku Kamau", "Wanjiru Kamau"),
])
def test_close_but_different_names_do_not_match(left: str, right: str) -> None:
    assert score_names(left, right) < NAME_THRESHOLD


def test_a_script_word_starting_with_a_vowel_is_not_a_latin_word_starting_with_a_consonant() -> None:
    match = explain_names("أحمد", "Hamid")
    assert match.tokens[0].how is TokenHow.SCRIPT and match.name_score < NAME_THRESHOLD
    assert score_names("أحمد", "Ahmed") == 1.0


def test_a_changed_first_letter_still_shares_a_key_through_the_other_word() -> None:
    assert name_keys("Kadiatou Balde") & name_keys("Khadiatou Balde")
    assert name_keys("Gibril Sesay") & name_keys("Jibril Sesay")


HOLDOUT2 = PAIRS.with_name("name_pairs_holdout2.csv")


def _holdout2_pairs() -> list[Pair]:
    """name_pairs_holdout2.csv: `label` 1 is the same person, 0 different people; `kind` is GROUP:TYPE."""
    with HOLDOUT2.open(encoding="utf-8", newline="") as fh:
        return [Pair(r["left"], r["right"], r["label"] == "1", r["kind"], "holdout2")
                for r in csv.DictReader(fh)]


def test_the_second_held_back_list_has_265_labelled_pairs_in_eight_groups() -> None:
    pairs = _holdout2_pairs()
    assert len(pairs) == 265 and sum(p.match for p in pairs) == 139
    assert len({p.kind.split(":")[0] for p in pairs}) == 8


# Measured once, clean, on 2026-11-29 at 07:37 UTC (precision 0.927, recall 0.820 at 0.86: nicknames,
# Devanagari and Cyrillic missed, Vietnamese one-letter and middle-name pairs flagged); its misses then
# changed the matcher, so it is tuning data now (see name_pairs.md). This checks that those changes keep
# working on it; it is not a measurement of the matcher.
def test_the_second_list_now_tuning_data_keeps_recall_095_at_precision_090(
        capsys: pytest.CaptureFixture[str]) -> None:
    pairs = _holdout2_pairs()
    precision, recall = _quality(pairs, NAME_THRESHOLD)
    lines = [f"\nsecond list, tuning data ({len(pairs)} pairs) at threshold {NAME_THRESHOLD}: precision "
             f"{precision:.3f}, recall {recall:.3f}"]
    for group in sorted({p.kind.split(":")[0] for p in pairs}):
        members = [p for p in pairs if p.kind.split(":")[0] == group]
        group_precision, group_recall = _quality(members, NAME_THRESHOLD)
        lines.append(f"  {group}: precision {group_precision:.3f}, recall {group_recall:.3f}")
    missed = [f"{p.left} / {p.right}" for p in pairs
              if p.match and score_names(p.left, p.right) < NAME_THRESHOLD]
    wrong = [f"{p.left} / {p.right}" for p in pairs
             if not p.match and score_names(p.left, p.right) >= NAME_THRESHOLD]
    lines.append(f"missed ({len(missed)}): {missed}\nflagged wrongly ({len(wrong)}): {wrong}")
    with capsys.disabled():
        sys.stdout.write("\n".join(lines) + "\n")
    assert recall >= 0.95 and precision >= 0.9, (precision, recall, missed, wrong)


def test_every_true_variant_of_the_later_lists_shares_a_blocking_key() -> None:
    # On the second list, 17 true variants shared no key (nicknames, Cyrillic and Devanagari script,
    # Benali / Ben Ali, Iuliia / Yuliya, Srivastava / Shrivastava): the storage never read them.
    unblocked = [(p.left, p.right) for p in _fresh_pairs() + _holdout2_pairs()
                 if p.match and not name_keys(p.left) & name_keys(p.right)]
    assert unblocked == []


HOLDOUT3 = PAIRS.with_name("name_pairs_holdout3.csv")


def _holdout3_pairs() -> list[Pair]:
    """name_pairs_holdout3.csv (written blind, see its .md): `label` 1 the same person, 0 different."""
    with HOLDOUT3.open(encoding="utf-8", newline="") as fh:
        return [Pair(r["left"], r["right"], r["label"] == "1", r["kind"], "holdout3")
                for r in csv.DictReader(fh)]


def _found(pair: Pair) -> bool:
    """What the conflict check would flag: a blocking key in common (the storage reads the candidate)
    and a score at the threshold."""
    return bool(name_keys(pair.left) & name_keys(pair.right)) and \
        score_names(pair.left, pair.right) >= NAME_THRESHOLD


def test_the_third_held_back_list_has_393_labelled_pairs_in_twelve_groups() -> None:
    pairs = _holdout3_pairs()
    assert len(pairs) == 393 and sum(p.match for p in pairs) == 207
    assert len({p.kind.split(":")[0] for p in pairs}) == 12


# Issue 6's bar, measured once, clean, on 2026-11-29 at 10:50 UTC at 02a0432 (after the tuning commits,
# the list committed blind before them in 51ac883): precision 0.917 (199 of 217 flagged), recall 0.961
# (199 of 207), with the blocking key required (score alone: 0.918 / 0.971). The figures per group and
# every miss are in name_pairs_holdout3.md. From now on this guards the matcher against falling below
# the bar on this list; any tuning it prompts makes the list tuning data and a new blind list is needed.
def test_on_the_third_held_back_list_recall_is_at_least_095_at_precision_at_least_090(
        capsys: pytest.CaptureFixture[str]) -> None:
    pairs = _holdout3_pairs()
    flagged = [p for p in pairs if _found(p)]
    hits = sum(p.match for p in flagged)
    precision, recall = hits / len(flagged), hits / sum(p.match for p in pairs)
    with capsys.disabled():
        sys.stdout.write(f"\nthird held-back list ({len(pairs)} pairs) at {NAME_THRESHOLD}, blocking key "
                         f"required: precision {precision:.3f}, recall {recall:.3f}\n")
    assert recall >= 0.95 and precision >= 0.9, (precision, recall)
