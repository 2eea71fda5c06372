"""Audit entries: who did what to which record, chained by hash so a rewrite shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(kw_only=True, eq=False)
class AuditEntry:
    """One audited action. `entry_hash` covers the previous hash and this entry's content."""

    id: int | None = None
    at: datetime
    actor: str
    machine: str
    action: str
    entity: str
    entity_uuid: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    prev_hash: str = ""
    entry_hash: str = ""


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def chain_hash(prev_hash: str, entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and the entry's fields, in a fixed order."""
    payload = canonical_json([
        prev_hash, entry.at.isoformat(), entry.actor, entry.machine, entry.action,
        entry.entity, entry.entity_uuid, entry.before, entry.after,
    ])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
