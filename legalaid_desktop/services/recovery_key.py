"""The recovery key handed to the user: written to the file they pick (administrators only), and
whether a copy of the current key was kept, so the application can remind them until it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.services.access import require
from legalaid_desktop.services.output_files import refuse_special
from legalaid_desktop.services.ports import UnitOfWork

KEPT_KEY_ID = "recovery_key_kept_key_id"
"""The id of the key whose recovery key the user said they kept (a rekey makes a new one to keep)."""
KEPT_AT = "recovery_key_kept_at"


def needs_reminder(uow: UnitOfWork, *, key_id: str | None) -> bool:
    """Whether no copy of this key's recovery key was kept yet (never for an unencrypted database)."""
    if key_id is None:
        return False
    with uow:
        return uow.get_meta(KEPT_KEY_ID) != key_id


def save_recovery_key(uow: UnitOfWork, *, path: Path, content: Callable[[], bytes], key_id: str,
                      fmt: str) -> int:
    """Write the recovery key (`content` makes it: text or a PDF page) to `path` and only there.

    Administrators only (MANAGE_DATABASE; a refusal is audited and nothing is made). The file is
    written beside the target under a hidden name, readable by its owner only, then renamed into
    place; an existing file is replaced only by that rename. Audited by the key's id, never the key.
    Returns the size written.
    """
    with uow:
        require(uow, Permission.MANAGE_DATABASE, entity="database")
        refuse_special(path)
        data = content()
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:  # mkstemp makes it readable by its owner only
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            uow.audit("recovery_key_export", "database", None, None,
                      {"key_id": key_id, "format": fmt, "file": path.name})
            uow.commit()
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    return len(data)


def mark_kept(uow: UnitOfWork, *, key_id: str, now: datetime) -> None:
    """The user says they keep a copy of this key's recovery key away from the computer (audited)."""
    with uow:
        require(uow, Permission.MANAGE_DATABASE, entity="database")
        uow.set_meta(KEPT_KEY_ID, key_id)
        uow.set_meta(KEPT_AT, now.isoformat())
        uow.audit("recovery_key_kept", "database", None, None, {"key_id": key_id})
        uow.commit()
