"""Where an export, a report or a key may be written: never over a device, a pipe or a socket.

Every file the application writes is made beside its target and renamed over it, which would
replace whatever has that name: a device such as /dev/full would be turned into a plain file (as
root, for the whole machine) and the export reported as saved. Such a target is refused first.
"""

from __future__ import annotations

from pathlib import Path

from legalaid_desktop.domain.errors import ValidationError


def refuse_special(path: Path) -> None:
    """A name that exists must be a regular file (or a link to one) to be replaced."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise ValidationError("output", str(path),
                              "a regular file: this is a device, a pipe or a socket, which a file "
                              "written here would replace")
