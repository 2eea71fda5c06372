"""Benchmark: one conflict-check name query against 1,000,000 names, by key blocking and by brute force.

Not part of the test run. Draws synthetic names from the demo name pools (Arabic names half in
script, half in Latin), builds an in-memory key index as the storage would keep it (a table of
(person, key) rows with an index on key), then times, per query:
- blocked: `name_keys` of the query, the posting lists of the keys `keys_to_read` picks (a coarse
  key held by more than `--cap` names is left out), `score_names` once per distinct candidate name,
  the matching persons sorted;
- raw: rapidfuzz `process.extract` with `fuzz.token_sort_ratio` over every name, the raw-library
  baseline (it neither reads Arabic script against Latin nor knows name variants).
It also prints how selective the keys are on this population, and how many matches the cap on
coarse keys loses ("lost": found when every key is read, not with the cap).

    python -m tests.benchmarks.bench_name_match --names 1000000 --mix muslim --repeat 7
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from rapidfuzz import fuzz, process

from legalaid_desktop.domain.vocab import Sex
from legalaid_desktop.services.demo_names import CULTURES
from legalaid_desktop.services.demo_world import pick_name
from legalaid_desktop.services.name_match import (
    COARSE_KEY_CAP,
    NAME_THRESHOLD,
    clear_caches,
    keys_to_read,
    name_keys,
    score_names,
)

QUERIES = ("Mohammed Abdullahi", "Muhammad Abdulahi", "محمد عبد الله", "John Kamau Mwangi",
           "Grace Akello", "Rajesh Kumar", "Juan dela Cruz", "Fatuma Hassan", "Abdirahman Farah")
# A register in Sudan, northern Nigeria or Somalia: where "Mohammed" is in every third name.
MUSLIM_MIX = {"arabic": 4.0, "hausa": 2.0, "somali": 2.0, "swahili": 1.0, "indian_muslim": 0.5,
              "bengali_muslim": 0.5, "moro": 0.3}


def population(size: int, mix: str, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    names = list(CULTURES)
    weights = [MUSLIM_MIX.get(n, 0.05) if mix == "muslim" else 1.0 for n in names]
    out: list[str] = []
    for culture_name in rng.choices(names, weights, k=size):
        culture = CULTURES[culture_name]
        parts = pick_name(culture, Sex.FEMALE if rng.random() < 0.2 else Sex.MALE, rng)
        if culture.translit and rng.random() < 0.5:
            parts = [culture.translit.get(p, p) for p in parts]
        out.append(" ".join(parts))
    return out


def build_index(names: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for person, name in enumerate(names):
        for key in name_keys(name):
            index[key].append(person)
    return dict(index)


def candidates(query: str, index: dict[str, list[int]], cap: int) -> set[int]:
    counts = {key: len(index.get(key, ())) for key in name_keys(query)}
    found: set[int] = set()
    for key in keys_to_read(counts, cap=cap):
        found.update(index.get(key, ()))
    return found


def blocked(query: str, names: list[str], index: dict[str, list[int]], cap: int) -> list[tuple[float, int]]:
    """The check: candidates by key, each distinct name scored once (common names repeat by the
    thousand), the persons whose name scores over the threshold, best first."""
    found = candidates(query, index, cap)
    score = {name: score_names(query, name) for name in {names[p] for p in found}}
    return sorted(((score[names[p]], p) for p in found if score[names[p]] >= NAME_THRESHOLD), reverse=True)


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        # Start cold each time: a real check reads its candidates fresh from the database.
        clear_caches()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--mix", choices=("uniform", "muslim"), default="muslim")
    parser.add_argument("--cap", type=int, default=COARSE_KEY_CAP,
                        help="read a coarse i: key only when at most this many names hold it")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    names = population(args.names, args.mix)
    index = build_index(names)
    print(f"{args.names:,} names ({args.mix} mix), {len(index):,} distinct keys, "
          f"built in {time.perf_counter() - start:,.1f} s")
    per_name = sum(len(p) for p in index.values()) / len(names)
    sizes = sorted(len(p) for p in index.values())
    print(f"keys per name: mean {per_name:.2f}; names per key: median {sizes[len(sizes) // 2]}, "
          f"p99 {sizes[int(len(sizes) * 0.99)]:,}, max {sizes[-1]:,}")
    biggest = sorted(index, key=lambda k: len(index[k]), reverse=True)[:5]
    print("commonest keys: " + ", ".join(f"{k} ({len(index[k]):,})" for k in biggest))

    print(f"\n{'query':22} {'candidates':>10} {'uncapped':>9} {'matches':>8} {'lost':>5} {'blocked ms':>11} "
          f"{'raw ms':>8}")
    for query in QUERIES:
        found = candidates(query, index, args.cap)
        uncapped = candidates(query, index, len(names))  # every key read, however common
        hits = blocked(query, names, index, args.cap)
        lost = len({p for _, p in blocked(query, names, index, len(names))} - {p for _, p in hits})
        fast = median_ms(partial(blocked, query, names, index, args.cap), args.repeat)
        raw = median_ms(partial(process.extract, query, names, scorer=fuzz.token_sort_ratio, limit=50),
                        max(3, args.repeat // 2))
        print(f"{query:22} {len(found):10,} {len(uncapped):9,} {len(hits):8,} {lost:5,} "
              f"{fast:11.1f} {raw:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
