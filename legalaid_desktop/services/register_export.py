"""Exporting who is held as a facility register (CSV) in the form `import register` reads back.

One row per case, from its current custody spell, for spells not released; the canonical
columns; times written in the facility's local time; every cell a spreadsheet would run as a
formula neutralised; UTF-8 with a BOM so that Excel shows Arabic names right. The file is written
under a temporary name and renamed into place, so a failure never leaves half a register.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Facility, Jurisdiction
from legalaid_desktop.domain.register import RegisterExportSummary, RegisterRecord
from legalaid_desktop.services.access import require, require_every_facility
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.errors import InputFileError
from legalaid_desktop.services.facility_names import find_facility
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.register_columns import (
    CANONICAL,
    format_moment,
    represented_in,
    zone,
)
from legalaid_desktop.services.tabular import stage, write_csv

NOT_CSV = (".xlsx", ".xlsm", ".xls", ".ods", ".json")


def current_spells(records: list[RegisterRecord]) -> list[RegisterRecord]:
    """One record per case, its newest spell (the order of `records` is kept)."""
    newest: dict[int, int] = {}
    for record in records:
        if record.case_id is not None:
            newest[record.case_id] = max(newest.get(record.case_id, 0), record.custody_id)
    return [r for r in records if r.case_id is None or newest[r.case_id] == r.custody_id]


def register_line(record: RegisterRecord, time_zone: str) -> list[Any]:
    """A record as the canonical columns, in CANONICAL order."""
    local = zone(time_zone)
    months = record.max_sentence_months
    represented = represented_in(record.case_summary)
    values = {
        "register_number": record.register_number,
        "full_name": record.full_name,
        "other_names": record.other_names,
        "sex": record.sex.value,
        "date_of_birth": record.date_of_birth.isoformat() if record.date_of_birth else None,
        "age_estimate": record.age_estimate,
        "nationality": record.nationality,
        "languages": record.languages,
        "facility": record.facility,
        "arrest_datetime": format_moment(record.arrest_at, local) if record.arrest_at else None,
        "admission_datetime": (format_moment(record.admission_at, local)
                               if record.admission_at else None),
        "offence": record.offence,
        "offence_class": record.offence_class,
        "max_sentence_months": ("life" if record.max_sentence_life else months),
        "court": record.court or record.next_court,
        "court_case_number": record.court_case_number,
        "police_case_number": record.police_case_number,
        "custody_status": record.custody_status.value,
        "last_remand_date": (format_moment(record.last_remand_at, local, date_if_midnight=True)
                             if record.last_remand_at else None),
        "remand_days": record.remand_days,
        "next_court_date": (format_moment(record.next_court_at, local, date_if_midnight=True)
                            if record.next_court_at else None),
        "represented": None if represented is None else ("yes" if represented else "no"),
        "notes": record.notes,
    }
    return [values[name] for name in CANONICAL]


def export_register(uow: UnitOfWork, catalogue: Catalogue, *, path: Path,
                    facility: str | None = None) -> RegisterExportSummary:
    """Write the register of everyone held (at `facility`, or everywhere) to `path`. A user limited to
    some facilities exports one of theirs (EXPORT_DATA there)."""
    if path.suffix.lower() in NOT_CSV:
        raise ValidationError("OUT", str(path), "a file name ending in .csv (the register export "
                                                "is CSV, which Excel and LibreOffice open)")
    if path.is_dir():
        raise InputFileError(str(path), "is a folder; give a file name such as register.csv")
    if not path.parent.is_dir():
        raise InputFileError(str(path), f"its folder {path.parent} does not exist")
    with uow:
        facilities = uow.repo(Facility).find()
        chosen = find_facility(uow, facility) if facility else None
        if chosen is None:
            require_every_facility(uow, Permission.EXPORT_DATA, entity="export")
        else:
            require(uow, Permission.EXPORT_DATA, facility_id=chosen.id, entity="export")
        records = current_spells(uow.reads.held_register_records(chosen.id if chosen else None))
        zones = _facility_zones(uow, catalogue, facilities)

        def lines() -> Iterator[list[Any]]:
            for record in records:
                yield register_line(record, record.time_zone or zones[record.facility_id])

        staged = stage(path, lambda temporary: write_csv(temporary, CANONICAL, lines()))
        try:
            uow.audit("export", "register", None, None,
                      {"file": path.name, "rows": len(records),
                       "facility": chosen.name if chosen else None})
            uow.commit()
        except BaseException:
            staged.discard()
            raise
        staged.publish()
    return RegisterExportSummary(rows=len(records), path=str(path),
                                 facility=chosen.name if chosen else None)


def _facility_zones(uow: UnitOfWork, catalogue: Catalogue,
                    facilities: list[Facility]) -> dict[int, str]:
    """Each facility's time zone: its own, else its jurisdiction's (UTC if neither is known)."""
    stored = {j.code: j.time_zone for j in uow.repo(Jurisdiction).find()}
    zones: dict[int, str] = {}
    for item in facilities:
        info = catalogue.get(item.jurisdiction_code)
        zones[item.id or 0] = (item.time_zone or stored.get(item.jurisdiction_code)
                               or (info.time_zone if info else "UTC"))
    return zones
