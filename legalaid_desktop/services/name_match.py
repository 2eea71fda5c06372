"""Who might be the same person: name scores with reasons, and keys to find candidates by index lookup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import permutations

from rapidfuzz import fuzz

from legalaid_desktop.domain.transliterate import (
    CONSONANT_CLASS,
    VOWELS,
    NameToken,
    name_tokens,
    phonetic_key,
    skeleton,
    slots,
    word_token,
)

# Chosen on the `tune` half of tests/data/name_pairs.csv only (see tests/data/name_pairs.md).
NAME_THRESHOLD = 0.86  # the middle of the gap on `tune` between the lowest match and the next non-match
VOWEL_WEIGHT = 0.15  # similarity lost per differing vowel between the same consonants
SCRIPT_WEIGHT = 0.25  # the same, Arabic script against Latin: only long vowels can be checked
RATIO_PENALTY = 0.10  # consonants differ: plain edit similarity, less this
CONSONANT_COST = 2.5  # a consonant changed, added or dropped, in vowel changes (see _edit_cost)
# Edits of this many vowel changes or more leave a word pair at 0.35, too unlike to decide anything
# (a name needs its weakest pair near 0.7 even with an equal date of birth): not worked out further.
EDIT_CAP = 0.65 / VOWEL_WEIGHT
SCRIPT_RATIO_PENALTY = 0.20
INITIAL_SIMILARITY = 0.90  # "J." against "John": fits, but could be any J
MEAN_WEIGHT = 0.5  # the rest goes to the weakest word: one wrong word makes another person
UNMATCHED_PENALTY = 0.02  # per word of the longer name left over (a missing middle name)
LONE_WORD_FACTOR = 0.6  # one shared word between a one-word and a longer name is not enough
GENDER_VOWEL_COST = 2.0  # Amina / Aminu: same consonants, the final vowel names another person

DOB_ADJUSTMENT = {"equal": 0.10, "within_a_year": 0.03, "different": -0.10, "unknown": 0.0}
ID_ADJUSTMENT = {"equal": 0.20, "different": -0.15, "unknown": 0.0}
ID_EQUAL_FLOOR = 0.95  # the same identity number is shown whatever the names say
COARSE_KEY_CAP = 2_000  # an `i:` key held by more names than this is read only if nothing else is
_MAX_ALIGNED = 7  # beyond this many words, align greedily instead of trying every pairing

_OTHER_AT_START = ({"s", "z"}, {"f", "v"}, {"f", "p"}, {"v", "p"}, {"w", "p"})
_COMPATIBLE = {"A": frozenset("ae"), "I": frozenset("ie"), "U": frozenset("u")}


class TokenHow(StrEnum):
    """How one word of the query was paired with one of the candidate."""

    SAME = "same"
    SPELLING = "spelling"
    SCRIPT = "script"  # Arabic script against a Latin spelling
    INITIAL = "initial"


class DobAgreement(StrEnum):
    """The two dates of birth: equal, within a year (estimated ages), further apart, or one missing."""

    EQUAL = "equal"
    WITHIN_A_YEAR = "within_a_year"
    DIFFERENT = "different"
    UNKNOWN = "unknown"


class IdAgreement(StrEnum):
    """The two identity numbers, compared without spaces, dashes or case; unknown if one is missing."""

    EQUAL = "equal"
    DIFFERENT = "different"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why a candidate was listed; the layer that shows it words it."""

    NAME_SAME = "name_same"
    NAME_SIMILAR = "name_similar"
    DOB_EQUAL = "dob_equal"
    DOB_WITHIN_A_YEAR = "dob_within_a_year"
    DOB_DIFFERENT = "dob_different"
    ID_EQUAL = "id_equal"
    ID_DIFFERENT = "id_different"


@dataclass(frozen=True)
class TokenMatch:
    """One word of the query paired with one word of the candidate (folded), and how well."""

    query: str
    candidate: str
    similarity: float
    how: TokenHow


@dataclass(frozen=True)
class Match:
    """The explanation of a comparison: the name score and its word pairs, and the other fields.

    `unmatched` holds the words of the longer name that had no partner (a missing middle name).
    """

    name_score: float
    tokens: tuple[TokenMatch, ...]
    unmatched: tuple[str, ...]
    dob: DobAgreement
    identity: IdAgreement


@dataclass(frozen=True)
class MatchResult:
    """A possible match: one score in 0..1 from name, date of birth and identity number, with reasons."""

    score: float
    match: Match
    reasons: tuple[Reason, ...]


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[NameToken, ...]:
    return tuple(name_tokens(name))


def clear_caches() -> None:
    """Forget parsed names and word similarities (benchmarks measure a cold start with it)."""
    _tokens.cache_clear()
    word_token.cache_clear()
    _similarity.cache_clear()
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


_TRADED = frozenset("hkc")  # consonant classes whose changes cost less than CONSONANT_COST (kh, ch)


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
    return GENDER_VOWEL_COST


def _latin_similarity(a: str, b: str, ends: tuple[str, str]) -> float:
    """Two Latin forms; `ends` holds the two words as written, for the final vowel."""
    gender = _final_vowel_cost(*ends)
    ka, kb = skeleton(a), skeleton(b)
    consonants = (sum(_consonant_cost(x, y, i == 0 and a[0] == x and b[0] == y)
                      for i, (x, y) in enumerate(zip(ka, kb, strict=True)))
                  if len(ka) == len(kb) else CONSONANT_COST)
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
    if a.arabic != b.arabic:
        return sim, TokenHow.SCRIPT
    return sim, (TokenHow.SAME if a.text == b.text else TokenHow.SPELLING)


# A check scores thousands of candidates whose words come from a few thousand names.
_similarity = lru_cache(maxsize=200_000)(token_similarity)


def _align(short: Sequence[NameToken], long: Sequence[NameToken]) -> list[int]:
    """For each word of the shorter name, the index of its partner in the longer one (best total)."""
    table = [[_similarity(s, t)[0] for t in long] for s in short]
    if len(long) <= _MAX_ALIGNED:
        best = max(permutations(range(len(long)), len(short)),
                   key=lambda p: sum(table[i][j] for i, j in enumerate(p)))
        return list(best)
    taken: list[int] = []
    for row in table:  # a name of eight words or more: rare enough for greedy pairing
        j = max((j for j in range(len(long)) if j not in taken), key=lambda j: row[j])
        taken.append(j)
    return taken


def _score_tokens(q: Sequence[NameToken], c: Sequence[NameToken]
                  ) -> tuple[float, tuple[TokenMatch, ...], tuple[str, ...]]:
    swapped = len(q) > len(c)
    short, long = (c, q) if swapped else (q, c)
    partners = _align(short, long)
    pairs: list[TokenMatch] = []
    for s, j in zip(short, partners, strict=True):
        sim, how = _similarity(s, long[j])
        qt, ct = (long[j], s) if swapped else (s, long[j])
        pairs.append(TokenMatch(qt.text, ct.text, sim, how))
    unmatched = tuple(t.text for j, t in enumerate(long) if j not in partners)
    sims = [p.similarity for p in pairs]
    if len(short) == 1 and len(long) > 1:
        score = sims[0] * LONE_WORD_FACTOR
    else:
        mean = sum(sims) / len(sims)
        score = MEAN_WEIGHT * mean + (1 - MEAN_WEIGHT) * min(sims) - UNMATCHED_PENALTY * len(unmatched)
    if all(p.how is TokenHow.INITIAL or len(p.query) == 1 for p in pairs):
        score *= 0.5  # initials alone ("J. M.") say almost nothing
    return max(0.0, min(1.0, score)), tuple(pairs), unmatched


def _merged(short: Sequence[NameToken], long: Sequence[NameToken]) -> list[tuple[NameToken, ...]]:
    """The longer name with two neighbouring words written as one, where the one word has a key of
    the shorter name: Chukwu Emeka / Chukwuemeka, Senthil Kumar / Senthilkumar, Min-jun / Minjun."""
    keys = frozenset().union(*(t.keys for t in short))
    out: list[tuple[NameToken, ...]] = []
    for i in range(len(long) - 1):
        a, b = long[i], long[i + 1]
        if a.initial or b.initial or a.arabic != b.arabic:
            continue
        one = word_token(a.text + b.text)
        if one.keys & keys:
            out.append((*long[:i], one, *long[i + 2:]))
    return out


def _explain(query: str, candidate: str) -> tuple[float, tuple[TokenMatch, ...], tuple[str, ...]]:
    q, c = _tokens(query), _tokens(candidate)
    if not q or not c:
        return 0.0, (), ()
    best = _score_tokens(q, c)
    if len(q) != len(c) and best[0] < NAME_THRESHOLD:  # only where it decides: a check scores thousands
        if len(q) > len(c):
            tries = [(merged, c) for merged in _merged(c, q)]
        else:
            tries = [(q, merged) for merged in _merged(q, c)]
        for mq, mc in tries:
            found = _score_tokens(mq, mc)
            if found[0] > best[0]:
                best = found
    return best


def score_names(a: str, b: str) -> float:
    """How alike two full names are, 0..1: word order, spelling variants and script do not count."""
    return _explain(a, b)[0]


def explain_names(query: str, candidate: str) -> Match:
    """The name part of a comparison, with its word pairs; dates and numbers left unknown."""
    score, pairs, unmatched = _explain(query, candidate)
    return Match(score, pairs, unmatched, DobAgreement.UNKNOWN, IdAgreement.UNKNOWN)


def dob_agreement(a: date | None, b: date | None) -> DobAgreement:
    """Equal, within a year (registers often hold an age turned into a date), different, or unknown."""
    if a is None or b is None:
        return DobAgreement.UNKNOWN
    if a == b:
        return DobAgreement.EQUAL
    if abs((a - b).days) <= 366:
        return DobAgreement.WITHIN_A_YEAR
    return DobAgreement.DIFFERENT


def _plain_id(number: str | None) -> str:
    if not number:
        return ""
    return "".join(ch for ch in number if ch.isalnum()).upper()


def id_agreement(a: str | None, b: str | None) -> IdAgreement:
    """Identity numbers compared without spaces, dashes and case."""
    pa, pb = _plain_id(a), _plain_id(b)
    if not pa or not pb:
        return IdAgreement.UNKNOWN
    return IdAgreement.EQUAL if pa == pb else IdAgreement.DIFFERENT


def match_person(*, query_name: str, query_dob: date | None, query_id: str | None,
                 candidate_name: str, candidate_dob: date | None,
                 candidate_id: str | None) -> MatchResult | None:
    """The candidate as a possible match of the query, or None when too unlike to show.

    Name, date of birth and identity number make one score: an equal date of birth lifts a
    name near the threshold, a date more than a year away or another identity number lowers it,
    and an equal identity number is always shown.
    """
    name_score, pairs, unmatched = _explain(query_name, candidate_name)
    dob = dob_agreement(query_dob, candidate_dob)
    identity = id_agreement(query_id, candidate_id)
    score = name_score + DOB_ADJUSTMENT[dob.value] + ID_ADJUSTMENT[identity.value]
    if identity is IdAgreement.EQUAL:
        score = max(score, ID_EQUAL_FLOOR)
    score = max(0.0, min(1.0, score))
    if score < NAME_THRESHOLD:
        return None
    reasons: list[Reason] = []
    if name_score >= NAME_THRESHOLD:
        same = not unmatched and all(p.how is TokenHow.SAME for p in pairs)
        reasons.append(Reason.NAME_SAME if same else Reason.NAME_SIMILAR)
    reasons.extend({DobAgreement.EQUAL: [Reason.DOB_EQUAL],
                    DobAgreement.WITHIN_A_YEAR: [Reason.DOB_WITHIN_A_YEAR],
                    DobAgreement.DIFFERENT: [Reason.DOB_DIFFERENT]}.get(dob, []))
    reasons.extend({IdAgreement.EQUAL: [Reason.ID_EQUAL],
                    IdAgreement.DIFFERENT: [Reason.ID_DIFFERENT]}.get(identity, []))
    match = Match(name_score, pairs, unmatched, dob, identity)
    return MatchResult(round(score, 4), match, tuple(reasons))


def name_keys(name: str) -> set[str]:
    """Blocking keys: the storage keeps (person, key) rows and finds candidates by the query's keys.

    `p:` keys pair the phonetic keys of two words (order-free, so a swapped or missing third word
    still shares one); `i:` keys pair one word's first letter with another word's phonetic key, for
    initials and for a misspelt consonant in one word; a one-word name has a `1:` key.
    """
    tokens = _tokens(name)
    keys: set[str] = set()
    if len(tokens) == 1:
        keys.update("1:" + key for key in tokens[0].keys)
    for i, a in enumerate(tokens):
        for j, b in enumerate(tokens):
            if i == j or b.initial:
                continue
            for kb in b.keys:
                keys.update(f"i:{letter}:{kb}" for letter in a.key_letters)
                if i < j and not a.initial:
                    keys.update("p:" + "|".join(sorted((ka, kb))) for ka in a.keys)
    return keys


def keys_to_read(counts: Mapping[str, int], *, cap: int = COARSE_KEY_CAP) -> list[str]:
    """Which of a query's keys the storage should read, given how many names hold each.

    Pair keys (`p:`, `1:`) are read always: the names under them share two words with the query and
    are what a possible match means. The coarse `i:` keys (a first letter and one word) are read
    when at most `cap` names hold them: "i:a:mhmd" (every Mohammed with a word in A) would bring
    tens of thousands of names that cannot match. When nothing else is left, the rarest key is read
    anyway, and the caller limits the rows it takes.
    """
    exact = [k for k in counts if not k.startswith("i:")]
    coarse = [k for k in counts if k.startswith("i:") and counts[k] <= cap]
    chosen = exact + coarse
    if not chosen and counts:
        chosen = [min(counts, key=lambda k: (counts[k], k))]
    return sorted(chosen, key=lambda k: (counts[k], k))

