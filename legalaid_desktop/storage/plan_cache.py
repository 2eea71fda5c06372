"""Answers that choose only how a query runs, never what it finds, kept a short while.

A search keystroke asks the same question twice (for the count, then for the page) and the next
keystrokes often again; a stale answer can only make one read slower, never wrong.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

KEEP_SECONDS = 60.0
KEEP_AT_MOST = 256
_ALL: list[dict[tuple[Any, ...], tuple[float, bool]]] = []


def forget() -> None:
    """Drop every kept answer (a benchmark times each keystroke as new)."""
    for kept in _ALL:
        kept.clear()


def plan_cache(ask: Callable[..., bool]) -> Callable[..., bool]:
    """`ask(*key, connection)` answered once per key (its arguments but the last, the connection
    that reads the answer) for KEEP_SECONDS."""
    kept: dict[tuple[Any, ...], tuple[float, bool]] = {}
    _ALL.append(kept)

    @functools.wraps(ask)
    def cached(*args: Any) -> bool:
        key, now = args[:-1], time.monotonic()
        hit = kept.get(key)
        if hit is not None and now - hit[0] < KEEP_SECONDS:
            return hit[1]
        if len(kept) >= KEEP_AT_MOST:
            kept.clear()
        answer = ask(*args)
        kept[key] = (now, answer)
        return answer

    return cached
