"""Subcommands: demo (being built)."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Nothing registered yet."""
