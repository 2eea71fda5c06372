"""The yardstick for the register import: plain sqlite3 executemany of the same rows.

It reads the same CSV, builds the rows the import stores (person, case, client party, charge,
custody, arrest and remand events, hearing, list row, full-text row, hash-chained audit entry)
with no validation and no ORM, and writes them in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.folding import sort_key
from legalaid_desktop.storage.readmodel import search_body

ZONE = ZoneInfo("Africa/Nairobi")


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _day(text: str) -> str:
    """ISO, or dd/mm/yyyy turned to ISO by slicing (the fastest honest parse)."""
    if "/" in text:
        return f"{text[6:10]}-{text[3:5]}-{text[0:2]}"
    return text


def _local(text: str) -> datetime:
    return datetime.fromisoformat(_day(text[:10]) + text[10:]).replace(tzinfo=ZONE)


def raw_import(db: Path, register: Path, *, facility_id: int, court_ids: dict[str, int]) -> int:
    """Write every row of `register` with executemany; returns the number of rows written."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    now = _stamp(datetime.now(UTC))
    tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in (
        "person", "legal_case", "party", "charge", "custody", "custody_event", "hearing",
        "case_list", "case_search", "audit_entry")}
    prev_hash = ""
    event_id = 0
    today = date.today().isoformat()
    with register.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for n, cells in enumerate(reader, start=1):
            row = dict(zip(header, cells, strict=False))
            name = row["full_name"]
            name_key = sort_key(name)
            dob = _day(row["date_of_birth"])
            arrest = _stamp(_local(row["arrest_datetime"]))
            admission = _stamp(_local(row["admission_datetime"]))
            ref = f"LA-2026-{n:06d}"
            court = court_ids[row["court"]]
            tables["person"].append((
                n, str(uuid.uuid4()), now, now, 1, name, name_key, row["other_names"] or None,
                row["sex"], None, dob, None, None, "unknown", 0, row["nationality"],
                row["languages"], None, "[]", None, None, None, None, row["notes"] or None))
            tables["legal_case"].append((
                n, str(uuid.uuid4()), now, now, 1, ref, n, "open", "pre_trial", court,
                row["court_case_number"], row["police_case_number"], None, today, None, None,
                "Represented: " + row["represented"]))
            tables["party"].append((n, str(uuid.uuid4()), now, now, 1, n, n, "client"))
            life = row["max_sentence_months"] == "life"
            tables["charge"].append((
                n, str(uuid.uuid4()), now, now, 1, n, row["offence"], row["offence_class"], None,
                None if life else int(row["max_sentence_months"]), int(life), 0, 0))
            tables["custody"].append((
                n, str(uuid.uuid4()), now, now, 1, n, n, facility_id, row["register_number"],
                "untried", arrest, None, admission, None, None, None, None, None, None, None,
                "Africa/Nairobi"))
            event_id += 1
            tables["custody_event"].append((event_id, str(uuid.uuid4()), now, now, 1, n, "arrest",
                                            arrest, None, None, None, None))
            event_id += 1
            tables["custody_event"].append((
                event_id, str(uuid.uuid4()), now, now, 1, n, "remand",
                _stamp(_local(row["last_remand_date"])), int(row["remand_days"]), None, None, None))
            tables["hearing"].append((n, str(uuid.uuid4()), now, now, 1, n, court,
                                      _stamp(_local(row["next_court_date"])), None, None, None))
            tables["case_list"].append((n, ref, n, name, name_key, row["sex"], dob, n, facility_id,
                                        "Kamiti Remand", row["register_number"], "untried",
                                        arrest, None, ZONE.key, None, None))  # next due, lawyer: none
            tables["case_search"].append((n, search_body(name, row["other_names"], ref,
                                                         row["court_case_number"],
                                                         row["police_case_number"],
                                                         row["register_number"])))
            after = {k: v for k, v in row.items() if v}
            payload = json.dumps([prev_hash, now, "bench", "host", "create", "case", ref, None, after],
                                 sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            entry_hash = hashlib.sha256(payload.encode("utf-8")).hexdigest()
            tables["audit_entry"].append((now, "bench", "host", "create", "case", None, None,
                                          json.dumps(after, ensure_ascii=False, sort_keys=True),
                                          prev_hash, entry_hash))
            prev_hash = entry_hash
    with connection:
        for name, rows in tables.items():
            if not rows:
                continue
            if name == "audit_entry":
                sql = ("INSERT INTO audit_entry (at, actor, machine, action, entity, entity_uuid, "
                       "before, after, prev_hash, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?)")
            elif name == "case_search":
                sql = "INSERT INTO case_search (rowid, body) VALUES (?, ?)"
            else:
                sql = f"INSERT INTO {name} VALUES ({','.join('?' * len(rows[0]))})"
            connection.executemany(sql, rows)
    connection.close()
    return len(tables["person"])
