"""Stopgap for PySide6 6.12.0 on CPython 3.11: it drops references to None, True and False.

Each call of a Qt method without a result takes one reference from None, and each signal that
carries a bool into a Python slot takes one from True or False (measured: 1,000 `setText` calls,
-1,000 on None; under 1,000 `emit(False)` calls abort the process with "bool_dealloc"). The wheel
assumes the singletons are immortal, which they are only from CPython 3.12 (PEP 683). In ordinary
use the application would soon abort, losing what the user typed.

Until the dependency is fixed (a PySide6 release without the fault, or Python 3.12 as the
minimum), give the three singletons the effectively endless count 3.12 gives them. Nothing is
done on 3.12 and later, or on other interpreters.
"""

from __future__ import annotations

import ctypes
import sys

_ENDLESS = 1 << 40


def make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False once; True when it was needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if getattr(make_singletons_immortal, "done", False):
        return True
    for singleton in (None, True, False):
        # CPython 3.11 objects begin with their reference count (a Py_ssize_t) at their address.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _ENDLESS
    make_singletons_immortal.done = True  # type: ignore[attr-defined]
    return True


make_singletons_immortal()
