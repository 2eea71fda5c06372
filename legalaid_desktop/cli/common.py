"""What every subcommand shares: exit codes, the database option, output formats, error words."""

from __future__ import annotations

import argparse
import csv
import json
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from legalaid_desktop.i18n import _
from legalaid_desktop.messages import (  # exit codes and wording are shared with the GUI
    EXIT_INPUT,
    EXIT_INTEGRITY,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_REJECTED_ROWS,
    describe,
)

if TYPE_CHECKING:
    from legalaid_desktop.services.ports import UnitOfWork

__all__ = ["EXIT_INPUT", "EXIT_INTEGRITY", "EXIT_INTERNAL", "EXIT_OK", "EXIT_REFUSED",
           "EXIT_REJECTED_ROWS", "describe"]



def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH_OR_URL",
        help=_("database file (or sqlite:///PATH); default: LEGALAID_DB or the user data folder"))


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str] = ("table", "csv", "json"),
                      default: str = "table") -> None:
    parser.add_argument("--format", choices=list(choices), default=default,
                        help=_("output format (default: %(default)s)"))


def whole_number(value: str) -> int:
    """An argument of 0 or more (argparse `type=`), with a message that says what was wrong."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number of 0 or more").format(
            value=value))
    return number


def positive_number(value: str) -> int:
    number = whole_number(value)
    if number == 0:
        raise argparse.ArgumentTypeError(_("{value!r}: give 1 or more").format(value=value))
    return number


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; write it like 2026-12-01").format(value=value)) from None


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    raise SystemExit(_print_error(message, code))


def _print_error(message: str, code: int) -> int:
    sys.stderr.write(f"legalaid: {message}\n")
    return code


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_record(row: Any) -> dict[str, Any]:
    if is_dataclass(row) and not isinstance(row, type):
        return {k: _plain(v) for k, v in asdict(row).items()}
    return {k: _plain(v) for k, v in dict(row).items()}


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str,
               out: TextIO | None = None) -> None:
    """Print rows as an aligned table, CSV (formula-safe) or JSON."""
    from legalaid_desktop.services.spreadsheet import safe_cell

    stream = out or sys.stdout
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([safe_cell(r.get(c)) for c in columns])
        return
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    stream.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        stream.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")


def record_listing(uow: UnitOfWork, *, kind: str, filters: object, rows: int, fmt: str,
                   out: TextIO | None = None) -> None:
    """The audit entry for a list command's run: an export when CSV or JSON went into a file (a
    redirect), a list otherwise. Call it after the rows are written."""
    from legalaid_desktop.services.access_log import record_export, record_list

    stream = out or sys.stdout
    target = _file_behind(stream) if fmt in ("csv", "json") else None
    if target is None:
        record_list(uow, kind=kind, filters=filters)
    else:
        stream.flush()
        record_export(uow, what=kind, rows=rows, file=target, filters=filters, format=fmt)


def _file_behind(stream: TextIO) -> str | None:
    """The name of the regular file a stream writes to (a shell redirect), else None (a terminal, a
    pipe)."""
    try:
        number = stream.fileno()
        if not stat.S_ISREG(os.fstat(number).st_mode):
            return None
    except (OSError, ValueError, AttributeError):  # a stream with no descriptor (tests capture)
        return None
    named = getattr(stream, "name", None)
    if isinstance(named, str) and not named.startswith("<"):
        return Path(named).name
    link = Path(f"/proc/self/fd/{number}")
    return Path(os.readlink(link)).name if link.is_symlink() else "(standard output)"


def audit_anchor(audit_hash: str) -> str:
    """The line that hands the user the hash of the audit entry recording what was just written."""
    return _("Audit entry {hash}: `legalaid audit verify --head {hash}` later proves the log "
             "was not rewritten since.").format(hash=audit_hash)
