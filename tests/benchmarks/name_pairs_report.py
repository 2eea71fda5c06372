"""Precision and recall of the name matcher on a labelled list of name pairs, per group, with every
miss and every wrong flag: what the conflict check would flag (a blocking key in common, so the
database reads the candidate, and a score at NAME_THRESHOLD), and the score alone.

    python -m tests.benchmarks.name_pairs_report tests/data/name_pairs_holdout3.csv

A list kept back for a clean measurement is measured once (see its .md); this prints what it gives.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

from legalaid_desktop.services.name_match import NAME_THRESHOLD, name_keys, score_names


def _quality(pairs: list[dict[str, Any]], blocked: bool) -> tuple[float, float, int, int, int]:
    flagged = [p for p in pairs if p["score"] >= NAME_THRESHOLD and (not blocked or p["key"])]
    hits = sum(p["label"] == "1" for p in flagged)
    variants = sum(p["label"] == "1" for p in pairs)
    return (hits / len(flagged) if flagged else 1.0), hits / variants if variants else 1.0, hits, \
        len(flagged), variants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path, help="a CSV file with left,right,label,kind columns")
    args = parser.parse_args()
    with args.pairs.open(encoding="utf-8", newline="") as fh:
        rows: list[dict[str, Any]] = list(csv.DictReader(fh))
    for r in rows:
        r["score"] = score_names(r["left"], r["right"])
        r["key"] = bool(name_keys(r["left"]) & name_keys(r["right"]))
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False).stdout.strip()
    print(f"HEAD {head}; threshold {NAME_THRESHOLD}; {len(rows)} pairs")
    for blocked in (False, True):
        precision, recall, hits, flagged, variants = _quality(rows, blocked)
        print(f"{'score and shared blocking key' if blocked else 'score only'}: precision {precision:.3f} "
              f"({hits} of {flagged} flagged), recall {recall:.3f} ({hits} of {variants})")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["kind"].split(":")[0]].append(r)
    for group, members in sorted(groups.items()):
        precision, recall, hits, _flagged, variants = _quality(members, True)
        print(f"  {group}: precision {precision:.3f}, recall {recall:.3f} ({hits}/{variants})")
    print("missed variants:")
    for r in rows:
        if r["label"] == "1" and not (r["score"] >= NAME_THRESHOLD and r["key"]):
            print(f"  {r['left']} / {r['right']}  [{r['kind']}] score {r['score']:.2f} key {r['key']}")
    print("wrongly flagged:")
    for r in rows:
        if r["label"] == "0" and r["score"] >= NAME_THRESHOLD and r["key"]:
            print(f"  {r['left']} / {r['right']}  [{r['kind']}] score {r['score']:.2f}")


if __name__ == "__main__":
    main()
