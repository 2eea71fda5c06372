"""Subcommands: import register and export register (a facility's remand register)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalaid_desktop.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_REJECTED_ROWS,
    add_db_option,
    describe,
)
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.register import RegisterImportReport, RejectedRow
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import near_miss_message

if TYPE_CHECKING:
    from legalaid_desktop.services.errors import FacilityNearMiss

SHOWN = 5  # rejected rows and flagged people listed on screen; the rest are in the files


def register(commands: Any) -> None:
    from legalaid_desktop.services.register_columns import CANONICAL, IGNORE

    parser = commands.imports.add_parser(
        "register", help=_("import a facility's remand register (CSV or XLSX)"),
        description=_(
            "Import a facility's remand register. Each good row becomes a person, a custody spell "
            "and a case; rows that cannot be imported are copied, unchanged, to FILE.rejects.csv "
            "(or .xlsx) with their row number and the reason. Importing the same register again "
            "updates the people still held instead of duplicating them."),
        epilog=_("Fields: {fields}.").format(fields=", ".join(CANONICAL)))
    parser.add_argument("file", metavar="FILE", help=_(
        "the register: CSV (any common encoding and delimiter) or XLSX (first worksheet)"))
    add_db_option(parser)
    parser.add_argument("--facility", metavar="NAME", help=_(
        "the facility this register belongs to, for rows that name none (recorded if new; a name "
        "close to a recorded facility's is refused as a likely typing slip)"))
    parser.add_argument("--new-facility", metavar="NAME", action="append", default=[], help=_(
        "record NAME as a new facility even though it is close to a recorded one's (it really is "
        "another facility); may be repeated"))
    parser.add_argument("--jurisdiction", metavar="CODE", help=_(
        "the jurisdiction of a facility not recorded yet (default: the database's, set by "
        "`legalaid init --jurisdiction`)"))
    parser.add_argument("--map", metavar="HEADER=FIELD", action="append", default=[],
                        type=_mapping, help=_(
                            "read the column HEADER as FIELD (or '{ignore}' to leave it out); "
                            "may be repeated").format(ignore=IGNORE))
    parser.add_argument("--dry-run", action="store_true", help=_(
        "check every row and say what would happen, writing nothing at all"))
    parser.set_defaults(handler=run_import)

    export = commands.exports.add_parser(
        "register", help=_("export who is held as a register CSV"),
        description=_(
            "Write one row per case for everyone held (their current custody spell), in the "
            "columns `import register` reads back. The file is plain, unencrypted text: keep it "
            "safe. Cells a spreadsheet would run as formulas are neutralised."))
    export.add_argument("out", metavar="OUT.csv", help=_("the CSV file to write (replaced whole)"))
    add_db_option(export)
    export.add_argument("--facility", metavar="NAME", help=_("only the people held at this facility"))
    export.set_defaults(handler=run_export)


def _mapping(text: str) -> tuple[str, str]:
    """`HEADER=FIELD` from the command line (the last '=' splits: headers may hold one)."""
    from legalaid_desktop.services.register_columns import check_field

    header, sep, field = text.rpartition("=")
    if not sep or not header.strip() or not field.strip():
        raise argparse.ArgumentTypeError(_(
            "{text!r} is not HEADER=FIELD; write for example --map \"Reg. No=register_number\"")
            .format(text=text))
    try:
        return header.strip(), check_field(field)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(_("{field!r} is not a field; expected {expected}").format(
            field=field, expected=error.expected)) from None


def _say(line: str = "") -> None:
    print(line)  # noqa: T201 - the command's report is its output


def run_import(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.errors import FacilityNearMiss
    from legalaid_desktop.services.register_import import import_register, open_register

    # The file is checked before the database is opened: an unusable file writes nothing.
    with open_register(Path(args.file), dict(args.map)) as source:
        source.check_facility(args.facility)
        app = open_application(args.db, create=not args.dry_run)
        try:
            report = import_register(app.uow(), app.catalogue, source, facility=args.facility,
                                     jurisdiction=args.jurisdiction, dry_run=args.dry_run,
                                     word=lambda error: describe(error)[0],
                                     new_facilities=args.new_facility)
        except FacilityNearMiss as error:
            sys.stderr.write(f"legalaid: {_near_miss(error)}\n")
            return EXIT_INPUT
    show_report(report)
    return EXIT_REJECTED_ROWS if report.summary.rejected else EXIT_OK


def _near_miss(error: FacilityNearMiss) -> str:
    how = _("If {name!r} really is another facility, record it on purpose with --new-facility "
            "{quoted}.").format(name=error.name, quoted=_quoted(error.name))
    return near_miss_message(error) + " " + how


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '\\"') + '"'


def show_report(report: RegisterImportReport) -> None:
    s = report.summary
    if s.dry_run:
        _say(_("would import {new} new, update {updated}, leave {unchanged} unchanged, reject "
               "{rejected}").format(new=s.new, updated=s.updated, unchanged=s.unchanged,
                                    rejected=s.rejected))
        _say(_("dry run: nothing was written (no database change, no rejects file)"))
    else:
        _say(_("imported {new} new, updated {updated}, unchanged {unchanged}, rejected {rejected}")
             .format(new=s.new, updated=s.updated, unchanged=s.unchanged, rejected=s.rejected))
    # A new facility is said early: a misspelt one would split a register (see --new-facility).
    for name in report.facilities_created:
        _say((_("new facility that would be recorded: {name} (check the spelling)") if s.dry_run else
              _("new facility recorded: {name}")).format(name=name))
    if s.rejected_file:
        _say((_("rejected rows would be copied to {path}") if s.dry_run else
              _("rejected rows copied to {path}, with their row number and the reason"))
             .format(path=s.rejected_file))
        by_row = _by_row(report.rejects)
        for row, rejects in list(by_row.items())[:SHOWN]:
            reasons = [describe(ValidationError(r.field, r.value, r.expected))[0] for r in rejects]
            first = "  " + _("row {row}: ").format(row=row)
            _say(first + reasons[0])
            for reason in reasons[1:]:  # every bad cell of the row, under one another
                _say(" " * len(first) + reason)
        if len(by_row) > SHOWN:
            _say("  " + _("... and {n} more").format(n=len(by_row) - SHOWN))
    if s.unknown_columns:
        _say(_("columns not recognised, ignored: {columns} (place one with "
               "--map \"HEADER=FIELD\")").format(columns=_listed(s.unknown_columns)))
    if report.repeated_columns:
        _say(_("columns naming a field already read, ignored: {columns}").format(
            columns=_listed(report.repeated_columns)))
    if report.ignored_columns:
        _say(_("columns left out with --map: {columns}").format(
            columns=_listed(report.ignored_columns)))
    if s.possible_duplicates:
        shown = ", ".join(_("row {row} ({name})").format(row=row, name=name)
                          for row, name in report.flagged[:SHOWN])
        more = len(report.flagged) - SHOWN
        if more > 0:
            shown += _(", and {n} more").format(n=more)
        _say(ngettext("{n} possible duplicate flagged for review (same name and date of birth as "
                      "someone already recorded): {shown}",
                      "{n} possible duplicates flagged for review (same name and date of birth as "
                      "someone already recorded): {shown}", s.possible_duplicates)
             .format(n=s.possible_duplicates, shown=shown))
    if report.courts_created:
        _say((_("new courts that would be recorded: {names}") if s.dry_run else
              _("new courts recorded: {names}")).format(names="; ".join(report.courts_created)))
    if report.header_row > 1:
        _say(_("the header is on row {row}; the rows above it were skipped").format(
            row=report.header_row))
    if report.other_sheets:
        _say(_("only the first worksheet, {sheet!r}, was read; not read: {others}").format(
            sheet=report.sheet_name, others=_listed(report.other_sheets)))
    if report.all_fallback:
        _say(_("the file is not UTF-8: it was read as Windows-1252; check a few accented names"))
    elif report.fallback_lines:
        lines = ", ".join(str(n) for n in report.fallback_lines[:10])
        _say(ngettext("{n} line was not UTF-8 and was read as Windows-1252 (line {lines}); "
                      "check its accented letters",
                      "{n} lines were not UTF-8 and were read as Windows-1252 (lines {lines}); "
                      "check their accented letters", len(report.fallback_lines))
             .format(n=len(report.fallback_lines),
                     lines=lines + (", ..." if len(report.fallback_lines) > 10 else "")))
    sys.stdout.flush()


def _by_row(rejects: Sequence[RejectedRow]) -> dict[int, list[RejectedRow]]:
    """Each rejected row's bad cells together (a row is corrected in one round)."""
    rows: dict[int, list[RejectedRow]] = {}
    for reject in rejects:
        rows.setdefault(reject.row, []).append(reject)
    return rows


def _listed(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def run_export(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.register_export import export_register

    app = open_application(args.db, create=False)
    summary = export_register(app.uow(), app.catalogue, path=Path(args.out), facility=args.facility)
    _say(ngettext("exported {n} row to {path}", "exported {n} rows to {path}", summary.rows)
         .format(n=summary.rows, path=summary.path))
    _say(_("this file is not encrypted: keep it as safe as the database"))
    return EXIT_OK
