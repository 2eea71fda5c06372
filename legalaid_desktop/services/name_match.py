"""Who might be the same person: name scores with reasons, and keys to find candidates by index lookup."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import permutations

from legalaid_desktop.domain.transliterate import (
    NameToken,
    name_tokens,
    phonetic_key,
    vietnamese_word,
    word_token,
)
from legalaid_desktop.services import given_names, word_similarity
from legalaid_desktop.services.given_names import given_name_rows
from legalaid_desktop.services.word_similarity import TokenHow as TokenHow  # re-exported: part of Match
from legalaid_desktop.services.word_similarity import token_similarity

# Chosen on the `tune` half of tests/data/name_pairs.csv only (see tests/data/name_pairs.md).
NAME_THRESHOLD = 0.86  # the middle of the gap on `tune` between the lowest match and the next non-match
MEAN_WEIGHT = 0.5  # the rest goes to the weakest word: one wrong word makes another person
UNMATCHED_PENALTY = 0.02  # per word of the longer name left over (a missing middle name)
LONE_WORD_FACTOR = 0.6  # one shared word between a one-word and a longer name is not enough

DOB_ADJUSTMENT = {"equal": 0.10, "within_a_year": 0.03, "different": -0.10, "unknown": 0.0}
ID_ADJUSTMENT = {"equal": 0.20, "different": -0.15, "unknown": 0.0}
ID_EQUAL_FLOOR = 0.95  # the same identity number is shown whatever the names say
COARSE_KEY_CAP = 2_000  # an `i:` key held by more names than this is read only if nothing else is
_MAX_ALIGNED = 7  # beyond this many words, align greedily instead of trying every pairing
# Two Vietnamese names: each word is a syllable, and a syllable spelt otherwise (An / Anh, Lan / Loan,
# Van / Thi) or with another tone (Hương / Hường) is another name; only its marks may be left out.
SYLLABLE_SIMILARITY = 0.70


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
    _token_keys.cache_clear()
    _vietnamese.cache_clear()
    word_similarity.clear_caches()
    given_names.clear_caches()


# A check scores thousands of candidates whose words come from a few thousand names.
_similarity = lru_cache(maxsize=200_000)(token_similarity)


@lru_cache(maxsize=65536)
def _vietnamese(name: str) -> bool:
    return any(vietnamese_word(t.text, t.written) for t in _tokens(name))


def _syllable_pair(a: NameToken, b: NameToken) -> tuple[float, TokenHow]:
    """How alike two words of two Vietnamese names are: a syllable spelt otherwise, or written with
    other marks on both sides, is another name."""
    sim, how = _similarity(a, b)
    if not (a.initial or b.initial) and (
            a.text != b.text or (a.written and b.written and a.written != b.written)):
        return min(sim, SYLLABLE_SIMILARITY), how
    return sim, how


def _pair(syllables: bool) -> Callable[[NameToken, NameToken], tuple[float, TokenHow]]:
    return _syllable_pair if syllables else _similarity


def _align(short: Sequence[NameToken], long: Sequence[NameToken], syllables: bool) -> list[int]:
    """For each word of the shorter name, the index of its partner in the longer one (best total)."""
    pair = _pair(syllables)
    table = [[pair(s, t)[0] for t in long] for s in short]
    if len(long) <= _MAX_ALIGNED:
        best = max(permutations(range(len(long)), len(short)),
                   key=lambda p: sum(table[i][j] for i, j in enumerate(p)))
        return list(best)
    taken: list[int] = []
    for row in table:  # a name of eight words or more: rare enough for greedy pairing
        j = max((j for j in range(len(long)) if j not in taken), key=lambda j: row[j])
        taken.append(j)
    return taken


def _score_tokens(q: Sequence[NameToken], c: Sequence[NameToken], syllables: bool = False
                  ) -> tuple[float, tuple[TokenMatch, ...], tuple[str, ...]]:
    swapped = len(q) > len(c)
    short, long = (c, q) if swapped else (q, c)
    partners = _align(short, long, syllables)
    pairs: list[TokenMatch] = []
    for s, j in zip(short, partners, strict=True):
        sim, how = _pair(syllables)(s, long[j])
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
        if a.initial or b.initial or a.script != b.script:
            continue
        one = word_token(a.text + b.text)
        if one.keys & keys:
            out.append((*long[:i], one, *long[i + 2:]))
    return out


def _explain(query: str, candidate: str) -> tuple[float, tuple[TokenMatch, ...], tuple[str, ...]]:
    q, c = _tokens(query), _tokens(candidate)
    if not q or not c:
        return 0.0, (), ()
    syllables = _vietnamese(query) and _vietnamese(candidate)
    best = _score_tokens(q, c, syllables)
    if len(q) != len(c) and best[0] < NAME_THRESHOLD:  # only where it decides: a check scores thousands
        if len(q) > len(c):
            tries = [(merged, c) for merged in _merged(c, q)]
        else:
            tries = [(q, merged) for merged in _merged(q, c)]
        for mq, mc in tries:
            found = _score_tokens(mq, mc, syllables)
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


@lru_cache(maxsize=100_000)
def _token_keys(token: NameToken) -> frozenset[str]:
    """A word's phonetic keys, and those of the given names it may be a short form of (Bill: "bl" and
    William's "flm"), so Bill Thompson and William Thompson share a pair key."""
    return token.keys | {phonetic_key(row) for row in given_name_rows(token)}


def name_keys(name: str) -> set[str]:
    """Blocking keys: the storage keeps (person, key) rows and finds candidates by the query's keys.

    `p:` keys pair the phonetic keys of two words (order-free, so a swapped or missing third word
    still shares one); `i:` keys pair one word's first letter with another word's phonetic key, for
    initials and for a misspelt consonant in one word; a one-word name has a `1:` key. A word's keys
    include those of the given names it may stand for (the short-form table).
    """
    tokens = _tokens(name)
    keys: set[str] = set()
    if len(tokens) == 1:
        keys.update("1:" + key for key in _token_keys(tokens[0]))
    for i, a in enumerate(tokens):
        for j, b in enumerate(tokens):
            if i == j or b.initial:
                continue
            for kb in _token_keys(b):
                keys.update(f"i:{letter}:{kb}" for letter in a.key_letters)
                if i < j and not a.initial:
                    keys.update("p:" + "|".join(sorted((ka, kb))) for ka in _token_keys(a))
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

