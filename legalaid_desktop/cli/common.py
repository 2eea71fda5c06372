"""What every subcommand shares: exit codes, the database option, output formats, error words."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any, NoReturn, TextIO

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


def audit_anchor(audit_hash: str) -> str:
    """The line that hands the user the hash of the audit entry recording what was just written."""
    return _("Audit entry {hash}: `legalaid audit verify --head {hash}` later proves the log "
             "was not rewritten since.").format(hash=audit_hash)
