"""How alike two words of names are: vowels, consonant classes, a weighted edit distance, Arabic script
against Latin, short forms of given names; the name matcher (services/name_match.py) pairs the words and
scores whole names."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

from legalaid_desktop.domain.transliterate import (
    CONSONANT_CLASS,
    VOWELS,
    NameToken,
    phonetic_key,
    skeleton,
    slots,
)
from legalaid_desktop.services.given_names import given_name_rows

# Chosen on the `tune` half of tests/data/name_pairs.csv only (see tests/data/name_pairs.md).
VOWEL_WEIGHT = 0.15  # similarity lost per differing vowel between the same consonants
SCRIPT_WEIGHT = 0.25  # the same, Arabic script against Latin: only long vowels can be checked
RATIO_PENALTY = 0.10  # consonants differ: plain edit similarity, less this
CONSONANT_COST = 2.5  # a consonant changed, added or dropped, in vowel changes (see _edit_cost)
# Edits of this many vowel changes or more leave a word pair at 0.35, too unlike to decide anything
# (a name needs its weakest pair near 0.7 even with an equal date of birth): not worked out further.
EDIT_CAP = 0.65 / VOWEL_WEIGHT
SCRIPT_RATIO_PENALTY = 0.20
INITIAL_SIMILARITY = 0.90  # "J." against "John": fits, but could be any J
GENDER_VOWEL_COST = 2.0  # Amina / Aminu: same consonants, the final vowel names another person
# Bill / William, Sasha / Aleksandr: one given name, but another word, so below any spelling that
# matches; as an initial, a name that fits but could be another's.
SHORT_FORM_SIMILARITY = 0.90

_OTHER_AT_START = ({"s", "z"}, {"s", "c"}, {"f", "v"}, {"f", "p"}, {"v", "p"}, {"w", "p"})
_COMPATIBLE = {"A": frozenset("ae"), "I": frozenset("ie"), "U": frozenset("u")}


class TokenHow(StrEnum):
    """How one word of the query was paired with one of the candidate."""

    SAME = "same"
    SPELLING = "spelling"
    SCRIPT = "script"  # one script against another (Arabic, Cyrillic, Greek, Devanagari; Latin)
    INITIAL = "initial"
    SHORT_FORM = "short_form"  # Bill / William, Seun / Oluwaseun: a short or other form of a given name


def clear_caches() -> None:
    """Forget the letter costs worked out so far (with name_match.clear_caches, for cold benchmarks)."""
    _substitution_cost.cache_clear()


def _latin_slot_cost(x: str, y: str) -> float:
    x, y = x.lower(), y.lower()
    if x == y:
        return 0.0
    if {x, y} in ({"a", "e"}, {"i", "e"}):
        return 0.5  # e spells a short a or i in transliterations (Ahmed, Yousif / Yousef)
    if x and y and (set(x) <= set(y) or set(y) <= set(x)):
        return 0.5  # one vowel written as two (Geoffrey / Jeffrey, Chowdhury / Chaudhry)
    return 1.0


def _consonant_cost(x: str, y: str, first: bool) -> float:
    """Two consonants in one place, in vowel changes: a class that spellings trade costs one."""
    if x == y:
        return 0.0
    cx, cy = CONSONANT_CLASS.get(x, x), CONSONANT_CLASS.get(y, y)
    if "x" in (x, y) and {x, y} <= {"x", "k", "h"}:
        return 0.5  # kh is written for a k (Nkhosi / Nkosi) and an h (Khamis / Hamisi)
    if {x, y} == {"c", "k"}:
        return 1.0  # ch written for a k sound, and the reverse (Michael / Mikael, Kiprotich / Kiprotic)
    if cx != cy:
        return CONSONANT_COST
    if first and ({x, y} in _OTHER_AT_START):
        return 2.0  # Sara / Zara, Said / Zaid, Paul / Faul: at the start these are other names
    return 1.0


def _indel_cost(form: str, i: int) -> float:
    ch = form[i]
    if ch in VOWELS:
        beside = (i > 0 and form[i - 1] in VOWELS) or (i + 1 < len(form) and form[i + 1] in VOWELS)
        return 0.5 if beside else 1.0
    return 1.0 if ch == "h" and i > 0 else CONSONANT_COST


@lru_cache(maxsize=4096)
def _substitution_cost(x: str, y: str, first: bool) -> float:
    if x == y:
        return 0.0
    if x in VOWELS and y in VOWELS:
        return _latin_slot_cost(x, y)
    if x in VOWELS or y in VOWELS:
        return 2 * CONSONANT_COST
    return _consonant_cost(x, y, first)


_TRADED = frozenset("hks")  # consonant classes whose changes cost less than CONSONANT_COST (kh, ch)


def _edit_floor(a: str, b: str) -> float:
    """A lower bound of _edit_cost, cheap: every consonant of one form whose class (other than h, k
    and ch, which trade for less) the other lacks costs CONSONANT_COST at least."""
    ka = [ch for ch in phonetic_key(a) if ch not in _TRADED]
    kb = [ch for ch in phonetic_key(b) if ch not in _TRADED]
    for ch in ka[:]:
        if ch in kb:
            kb.remove(ch)
            ka.remove(ch)
    return CONSONANT_COST * max(len(ka), len(kb))


def _edit_cost(a: str, b: str, cap: float) -> float:
    """Weighted edit distance between two Latin forms whose consonants differ, in vowel changes, or
    `cap` when it is at least that (the rest of the table is then not worked out).

    A vowel changed, added or dropped costs one (half beside another vowel, or for e against a or
    i), a consonant of the same class one, an h added or dropped inside a word one, any other
    consonant change CONSONANT_COST: a spelling trades vowels freely but seldom its consonants.
    """
    if _edit_floor(a, b) >= cap:
        return cap
    drop = [_indel_cost(a, i) for i in range(len(a))]
    add = [_indel_cost(b, j) for j in range(len(b))]
    row = [0.0]
    for cost in add:
        row.append(row[-1] + cost)
    for i, x in enumerate(a):
        here = [row[0] + drop[i]]
        for j, y in enumerate(b):
            here.append(min(row[j] + _substitution_cost(x, y, i == j == 0), row[j + 1] + drop[i],
                            here[j] + add[j]))
        if min(here) >= cap:
            return cap
        row = here
    return min(row[-1], cap)


def _script_slot_cost(arabic: str, latin: str, first: bool) -> float:
    low = set(latin.lower())
    if first and bool(arabic) != bool(latin):
        return 1.0  # أحمد / Hamid: the script starts with a vowel (or ain), the spelling without
    if any(ch in _COMPATIBLE and not _COMPATIBLE[ch] & low for ch in arabic):
        return 1.0  # a long vowel written in Arabic is missing from the Latin spelling
    if not arabic and (len(latin) > 1 or latin != latin.lower()):
        return 1.0  # a long vowel written in Latin (Hussein, Mahmoud) where Arabic has none
    return 0.0


def _arabic_slot_cost(x: str, y: str, last: bool) -> float:
    if {ch for ch in x if ch.isupper()} == {ch for ch in y if ch.isupper()}:
        return 0.0
    if last and (x.islower() or y.islower()):
        return 0.5  # على / علي: a final alef maqsura written for ya
    return 2.0  # a long vowel in one spelling only is another name in script (حسن / حسين, سعيد / سعد)


def _final_vowel_cost(x: str, y: str) -> float:
    """Amina / Aminu, Hassan / Hassana, Juan / Juana: a final a makes a woman's name.

    Other final vowels come and go with the language (Hamisi / Hamis, Yusufu / Yusuf); a French
    final ou against a is a spelling (Bintou / Binta): the callers pass the words as written.
    """
    a, b = x[-1:], y[-1:]
    if a == b or "a" not in (a, b) or x.endswith("ou") or y.endswith("ou"):
        return 0.0
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    if longer.startswith(shorter) and not longer.endswith("a"):
        return 0.0  # Hauwa'u / Hauwa: a vowel added after the final a, as Hausa writes it
    return GENDER_VOWEL_COST


def _final_devoiced(a: str, b: str) -> bool:
    """Mehmet / Mehmed, Murat / Murad, Hamit / Hamid: Turkish and Balkan spellings write a final d
    as t; the words end in these consonants and nothing else of their skeletons differs."""
    ka, kb = skeleton(a), skeleton(b)
    return ({a[-1:], b[-1:]} == {"t", "d"} and len(ka) == len(kb) and ka[:-1] == kb[:-1])


def _latin_similarity(a: str, b: str, ends: tuple[str, str]) -> float:
    """Two Latin forms; `ends` holds the two words as written, for the final vowel."""
    gender = _final_vowel_cost(*ends)
    ka, kb = skeleton(a), skeleton(b)
    consonants = (sum(_consonant_cost(x, y, i == 0 and a[0] == x and b[0] == y)
                      for i, (x, y) in enumerate(zip(ka, kb, strict=True)))
                  if len(ka) == len(kb) else CONSONANT_COST)
    if consonants >= CONSONANT_COST and _final_devoiced(a, b):
        consonants -= CONSONANT_COST - 1.0
    if consonants >= CONSONANT_COST:
        edited = 1.0 - VOWEL_WEIGHT * (_edit_cost(a, b, EDIT_CAP) + gender)
        return max(edited, fuzz.ratio(a.lower(), b.lower()) / 100 - RATIO_PENALTY)
    # The same consonants, or of a class: the vowels decide (Mohamed / Muhammad alike, Hassan /
    # Hussein not).
    vowels_a, vowels_b = slots(a), slots(b)
    cost = sum(_latin_slot_cost(x, y) for x, y in zip(vowels_a, vowels_b, strict=True)) + gender + consonants
    if {vowels_a[-1].lower(), vowels_b[-1].lower()} in ({"", "i"}, {"", "u"}):
        cost -= 0.5  # Swahili and Hausa end a name with a vowel: Hamisi / Hamis, Yusufu / Yusuf
    return 1.0 - VOWEL_WEIGHT * cost


def _form_similarity(a: str, b: str, a_arabic: bool, b_arabic: bool, ends: tuple[str, str]) -> float:
    if a == b:
        return 1.0
    if not a_arabic and not b_arabic:
        return _latin_similarity(a, b, ends)
    ka, kb = skeleton(a), skeleton(b)
    if a_arabic != b_arabic:
        arabic, latin = (a, b) if a_arabic else (b, a)
        if ka != kb:
            return fuzz.ratio(ka, kb) / 100 - SCRIPT_RATIO_PENALTY
        cost = sum(_script_slot_cost(x, y, i == 0)
                   for i, (x, y) in enumerate(zip(slots(arabic), slots(latin), strict=True)))
        return 1.0 - SCRIPT_WEIGHT * cost
    if ka != kb:
        return fuzz.ratio(a, b) / 100 - RATIO_PENALTY
    vowels_a, vowels_b = slots(a), slots(b)
    last = len(vowels_a) - 1
    cost = sum(_arabic_slot_cost(x, y, i == last)
               for i, (x, y) in enumerate(zip(vowels_a, vowels_b, strict=True)))
    return 1.0 - VOWEL_WEIGHT * cost


def token_similarity(a: NameToken, b: NameToken) -> tuple[float, TokenHow]:
    """How alike two words of names are (0..1), and in what way."""
    if a.initial or b.initial:
        fits = a.first_letter == b.first_letter
        if a.initial and b.initial:
            return (1.0 if fits else 0.0), TokenHow.SAME
        return (INITIAL_SIMILARITY if fits else 0.0), TokenHow.INITIAL
    ends = (a.text, b.text)
    sim = max(_form_similarity(x, y, a.arabic, b.arabic, ends) for x in a.forms for y in b.forms)
    sim = min(1.0, max(0.0, sim))
    if sim < SHORT_FORM_SIMILARITY and given_name_rows(a) & given_name_rows(b):
        return SHORT_FORM_SIMILARITY, TokenHow.SHORT_FORM
    if a.script != b.script:
        return sim, TokenHow.SCRIPT
    return sim, (TokenHow.SAME if a.text == b.text else TokenHow.SPELLING)
