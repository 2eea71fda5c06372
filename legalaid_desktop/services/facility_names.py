"""Facility names as users type them: one rule for finding a recorded facility by name, and for the
names a mistyped one most likely meant.

Every command and screen that takes a facility's name finds it the same way: case and spacing are
ignored ("kamiti  maximum security prison" is Kamiti Maximum Security Prison). A name that is not
recorded but is close to a recorded one (a typing slip, or the recorded name shortened) is a near
miss: a lookup answers it with "did you mean", and a register import refuses to record it as a new
facility unless the user says it is new on purpose (a second facility would split a prison's
register in two, and its detainees would drop out of its paralegal's lists).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.services.ports import UnitOfWork

SUGGESTED = 3  # names offered in a "did you mean"
LISTED = 5  # names listed when none is close
LIKE = 0.6  # difflib ratio for a lookup's suggestion (a lookup never creates anything)


def facility_key(name: str) -> str:
    """The name as facilities are matched: case and spacing aside."""
    return " ".join(name.split()).casefold()


def _slips(key: str) -> int:
    """The character edits a name of this length may be off by and still be a slip of the keyboard
    ("Prisn" for "Prison"); "Kisumu Main Prison" is not a slip of "Nakuru Main Prison" (4 edits)."""
    return 1 if len(key) <= 8 else 2 if len(key) <= 20 else 3


def near_misses(name: str, names: Iterable[str]) -> list[str]:
    """The recorded names `name` is close to but not equal to: a few typing slips away, or one of
    them shortened or lengthened ("Kamiti Maximum" for Kamiti Maximum Security Prison). Closest first."""
    wanted = facility_key(name)
    if not wanted:
        return []
    scored: list[tuple[int, str]] = []
    for recorded in names:
        key = facility_key(recorded)
        if key == wanted:
            return []  # the same facility: no miss at all
        edits = Levenshtein.distance(wanted, key, score_cutoff=_slips(key))
        if edits <= _slips(key):
            scored.append((edits, recorded))
        elif wanted in key or key in wanted:
            scored.append((_slips(key) + 1, recorded))
    return [n for _, n in sorted(scored, key=lambda s: (s[0], s[1].casefold()))][:SUGGESTED]


def suggestions(name: str, names: Sequence[str]) -> list[str]:
    """Recorded names to offer for an unknown `name`: its near misses, else ones that look like it."""
    close = near_misses(name, names)
    if close:
        return close
    keyed = {facility_key(n): n for n in names}
    return [keyed[k] for k in difflib.get_close_matches(facility_key(name), keyed, n=SUGGESTED,
                                                          cutoff=LIKE)]


def did_you_mean(names: Sequence[str]) -> str:
    """"did you mean 'A'?" or "did you mean 'A' or 'B'?" (data for an error's `expected`)."""
    return "did you mean " + " or ".join(repr(n) for n in names) + "?"


def unknown_facility(name: str, names: Sequence[str]) -> ValidationError:
    """The error for a facility name that is not recorded, with the names it most likely meant."""
    close = suggestions(name, names)
    if close:
        expected = "a facility of this database: " + did_you_mean(close)
    elif names:
        expected = "a facility of this database, such as " + "; ".join(
            sorted(names, key=str.casefold)[:LISTED])
    else:
        expected = "a facility (this database has none yet)"
    return ValidationError("facility", name, expected)


def find_facility(uow: UnitOfWork, name: str) -> Facility:
    """The recorded facility of that name, whatever its case and spacing (inside `with uow`); a
    ValidationError with the likeliest names otherwise."""
    wanted = facility_key(name)
    facilities = uow.repo(Facility).find()
    for facility in facilities:
        if facility_key(facility.name) == wanted:
            return facility
    raise unknown_facility(name, [f.name for f in facilities])


def recorded_name(uow: UnitOfWork, name: str | None) -> str | None:
    """The facility's name as recorded (None stays None), for filters the database matches exactly."""
    return None if name is None else find_facility(uow, name).name
