"""Checking the audit log: every entry's hash follows from the one before, so a rewrite shows."""

from __future__ import annotations

from dataclasses import dataclass

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.audit import chain_hash
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require
from legalaid_desktop.services.ports import UnitOfWork

PAGE = 5000


@dataclass(frozen=True)
class AuditCheck:
    """What `verify_audit` found. `problem` is None when the chain holds from the first entry on.

    `head` is the hash of the last entry: printed on a report, it lets a later check prove that
    the log up to that point was not rewritten, even by someone holding the database key.
    """

    entries: int
    head: str | None
    problem: str | None = None
    bad_entry: int | None = None
    head_found: bool | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.head_found is not False


HEAD_MIN = 12
"""A head may be given by its first characters (as copied from a printed page), at least these many."""


def _head(text: str) -> str:
    wanted = "".join(text.split()).lower().rstrip(".…")
    if not (HEAD_MIN <= len(wanted) <= 64 and all(c in "0123456789abcdef" for c in wanted)):
        raise ValidationError("head", text, f"an audit entry's hash: 64 hexadecimal characters (0-9, a-f) "
                                            f"as printed, or at least its first {HEAD_MIN}")
    return wanted


def verify_audit(uow: UnitOfWork, *, head: str | None = None) -> AuditCheck:
    """Walk the whole log in order: each entry must name the previous hash and hash to its own.

    An edited entry no longer hashes to its stored hash; a deleted one leaves the next entry naming
    a hash that is not the one before it; entries swapped do both.
    """
    wanted = _head(head) if head is not None else None
    seen_head = False
    previous = ""
    count = 0
    with uow:
        require(uow, Permission.VIEW_AUDIT, entity="audit_entry")
        after = 0
        while entries := uow.audit_log.page(after_id=after, limit=PAGE):
            for entry in entries:
                count += 1
                if entry.prev_hash != previous:
                    return AuditCheck(count, previous or None, bad_entry=entry.id, problem=(
                        "an entry before it was deleted, moved or changed (it names another previous hash)"))
                if chain_hash(entry.prev_hash, entry) != entry.entry_hash:
                    return AuditCheck(count, previous or None, bad_entry=entry.id,
                                      problem="its content was changed after it was written")
                previous = entry.entry_hash
                seen_head = seen_head or (wanted is not None and previous.startswith(wanted))
            after = entries[-1].id or after
    return AuditCheck(count, previous or None, head_found=seen_head if wanted else None)
