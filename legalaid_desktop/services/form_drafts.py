"""What was typed in a case's forms and not yet saved, kept in the database while it is typed.

A crash, a power cut or a closed laptop lid must not lose a visit's notes half written. The forms of
a case (a note, a hearing, an outcome, a charge, a party, a custody event) keep their values here a
moment after each change, and drop them once saved. They are case data, so they live in the
database (encrypted when it is), never in a loose file or the system's settings; each user sees only
their own. A draft holds the values as typed, even ones the form would refuse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from typing import Any

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.entity import utcnow
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require
from legalaid_desktop.services.ports import UnitOfWork

KEY_PREFIX = "form_draft:"
FORMAT = 1
MAX_CHARS = 200_000
"""A draft larger than this (a pasted book) is refused rather than written a second at a time."""


@dataclass(frozen=True)
class FormDraft:
    case_id: int
    form: str
    saved_at: datetime
    fields: dict[str, Any]


KEY_LENGTH = 60
"""meta_info's key column (enforced on PostgreSQL): a longer form name is kept by its hash."""


def _case_prefix(actor: str, case_id: int) -> str:
    # The user's name by its hash: fixed in length, and no ":" in a name can make one user's drafts
    # look like another's.
    return f"{KEY_PREFIX}{sha256(actor.encode()).hexdigest()[:12]}:{case_id}:"


def _key(actor: str, case_id: int, form: str) -> str:
    prefix = _case_prefix(actor, case_id)
    if len(prefix) + len(form) <= KEY_LENGTH:
        return prefix + form
    return prefix + "#" + sha256(form.encode()).hexdigest()[:KEY_LENGTH - len(prefix) - 1]


def _decode(case_id: int, form: str, payload: str) -> FormDraft | None:
    """None for a payload this version cannot read (written by a newer one, or damaged)."""
    try:
        data = json.loads(payload)
        fields = data["fields"]
        saved_at = datetime.fromisoformat(data["saved_at"])
    except (ValueError, KeyError, TypeError):
        return None
    if data.get("format") != FORMAT or not isinstance(fields, dict):
        return None
    return FormDraft(case_id=case_id, form=form, saved_at=saved_at, fields=fields)


def keep_form_draft(uow: UnitOfWork, *, case_id: int, form: str, fields: dict[str, Any]) -> FormDraft:
    """Keep (or replace) the signed-in user's draft of `form` on this case."""
    saved_at = utcnow().replace(microsecond=0)
    payload = json.dumps({"format": FORMAT, "saved_at": saved_at.isoformat(), "fields": fields},
                         ensure_ascii=False)  # refused here, before any write, if a value is no JSON
    if len(payload) > MAX_CHARS:
        raise ValidationError("draft", f"{len(payload):,} characters", f"at most {MAX_CHARS:,} characters")
    with uow:
        require(uow, Permission.EDIT_CASES)
        uow.set_meta(_key(uow.actor, case_id, form), payload)
        uow.commit()
    return FormDraft(case_id=case_id, form=form, saved_at=saved_at, fields=fields)


def form_draft(uow: UnitOfWork, *, case_id: int, form: str) -> FormDraft | None:
    """The signed-in user's draft of `form` on this case, if one is kept and readable."""
    with uow:
        payload = uow.get_meta(_key(uow.actor, case_id, form))
    return None if payload is None else _decode(case_id, form, payload)


def case_form_drafts(uow: UnitOfWork, *, case_id: int) -> list[FormDraft]:
    """Every draft the signed-in user keeps on this case, by form name."""
    with uow:
        prefix = _case_prefix(uow.actor, case_id)
        items = uow.meta_items(prefix)
    found = (_decode(case_id, key[len(prefix):], payload) for key, payload in items)
    return [draft for draft in found if draft is not None]


def drop_form_draft(uow: UnitOfWork, *, case_id: int, form: str) -> bool:
    """The draft gone (its form was saved, or emptied); False when there was none."""
    with uow:
        gone = uow.delete_meta(_key(uow.actor, case_id, form))
        if gone:
            uow.commit()
    return gone
