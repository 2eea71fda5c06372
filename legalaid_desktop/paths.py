"""Where resources/ and db/ are: in a checkout, an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding `resources/` and `db/`."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle))
    candidates.append(_PACKAGE / "_data")  # installed wheel (hatch force-include)
    candidates.append(_PACKAGE.parent)  # source checkout or editable install
    for candidate in candidates:
        if (candidate / "db" / "env.py").is_file() and (candidate / "resources").is_dir():
            return candidate
    raise FileNotFoundError(
        "cannot find the application's resources/ and db/ folders; reinstall legalaid-desktop")


def resources_dir() -> Path:
    return data_root() / "resources"


def migrations_dir() -> Path:
    return data_root() / "db"
