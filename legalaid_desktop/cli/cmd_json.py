"""Subcommands: `export json OUT.json` and `import json FILE.json` (docs/json-format.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from legalaid_desktop.cli.common import EXIT_INPUT, EXIT_OK, EXIT_REJECTED_ROWS, add_db_option, audit_anchor
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import full_stop
from legalaid_desktop.services.exchange import ImportReport, RecordNote
from legalaid_desktop.services.exchange_format import (
    FORMAT_VERSION,
    ExchangeContentError,
    ExchangeError,
    ExchangeIOError,
    ExchangeSyntaxError,
    ExchangeVersionError,
)

SHOWN = 20  # records listed by name; the rest are counted


def register(commands: Any) -> None:
    export = commands.exports.add_parser(
        "json", help=_("everything but users and the audit log, as one JSON file"),
        description=_("Write people, cases, custody, requests, providers, facilities, courts, "
                      "manual deadlines, documents and settings to one JSON file that another "
                      "legalaid-desktop database can import. The file is not encrypted."))
    export.add_argument("out", metavar="OUT.json", help=_("the file to write (replaced if it exists)"))
    add_db_option(export)
    export.set_defaults(handler=run_export)

    imported = commands.imports.add_parser(
        "json", help=_("records from a legalaid-desktop JSON export"),
        description=_("Add the records of a JSON export that this database lacks, matched by "
                      "UUID. Identical records are skipped; records that differ are listed and "
                      "left unchanged. Nothing is written if the file is malformed."))
    imported.add_argument("file", metavar="FILE.json", help=_("a file written by `export json`"))
    add_db_option(imported)
    imported.set_defaults(handler=run_import)


def _err(message: str) -> None:
    sys.stderr.write(f"legalaid: {message}\n")


def run_export(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.exchange import export_json

    out = Path(args.out)
    app = open_application(args.db, create=False)
    if out.resolve() == app.location.path:
        _err(_("{path} is the database itself; give another file name for the export.").format(
            path=out))
        return EXIT_INPUT
    try:
        summary = export_json(app.uow(), path=out)
    except ExchangeError as error:
        _err(describe_exchange_error(error))
        return EXIT_INPUT
    print(_("exported {n} records to {path}").format(n=summary.total, path=out))  # noqa: T201
    print(audit_anchor(summary.audit_hash))  # noqa: T201
    print(_("The file is not encrypted: keep it as safe as the database."))  # noqa: T201
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.exchange import import_json

    source = Path(args.file)
    # Checked before the database is opened, so a mistyped name creates no database.
    if not source.is_file():
        reason = _("is a folder") if source.is_dir() else _("no such file")
        _err(_("Cannot read {path}: {reason}. Nothing was imported.").format(path=source,
                                                                              reason=reason))
        return EXIT_INPUT
    app = open_application(args.db)
    try:
        report = import_json(app.uow(), path=source)
    except ExchangeError as error:
        _err(describe_exchange_error(error))
        return EXIT_INPUT
    print_report(report)
    return EXIT_OK if report.clean else EXIT_REJECTED_ROWS


def print_report(report: ImportReport) -> None:
    print(_("imported: added {added}, skipped {skipped} identical, differing {differing} "  # noqa: T201
            "(left unchanged)").format(added=report.added_total, skipped=report.skipped,
                                       differing=report.differing_count))
    if report.added:
        print("  " + ", ".join(f"{name} {n}" for name, n in report.added))  # noqa: T201
    if report.matched_count:
        print(ngettext(  # noqa: T201
            "{n} record is the same as a database record with another uuid (same name, code or "
            "key); what refers to it now refers to the database's record:",
            "{n} records are the same as database records with other uuids (same name, code or "
            "key); what refers to them now refers to the database's records:",
            report.matched_count).format(n=report.matched_count))
        _print_notes(report.matched, report.matched_count)
    if report.differing_count:
        print(_("Differing records (the database keeps its version):"))  # noqa: T201
        _print_notes(report.differing, report.differing_count)
    if report.refused_count:
        print(ngettext("refused: {n} record was not imported:",  # noqa: T201
                       "refused: {n} records were not imported:",
                       report.refused_count).format(n=report.refused_count))
        _print_notes(report.refused, report.refused_count)


def _print_notes(notes: tuple[RecordNote, ...], count: int) -> None:
    for note in notes[:SHOWN]:
        print("  " + describe_note(note))  # noqa: T201
    if count > SHOWN:
        print("  " + _("... and {n} more").format(n=count - SHOWN))  # noqa: T201


def describe_note(note: RecordNote) -> str:
    who = f"{note.record_type} {note.label!r}" if note.label else note.record_type
    who += f" (uuid {note.uuid})"
    if note.reason == "case_ref_taken":
        return _("{who}: case_ref {ref} belongs to another case in this database (uuid {other}), "
                 "so this case and the records that depend on it were not imported").format(
            who=who, ref=note.detail, other=note.matched_uuid)
    if note.reason == "refers_to_refused":
        return _("{who}: refers to {target}, which was not imported").format(who=who, target=note.detail)
    if note.fields:
        text = _("{who}: differs in {fields}").format(who=who, fields=", ".join(note.fields))
        if note.matched_uuid:
            text += " " + _("(matched by {key} to uuid {other})").format(
                key=", ".join(note.matched_by), other=note.matched_uuid)
        return text
    return _("{who}: taken as uuid {other} of this database (same {key})").format(
        who=who, other=note.matched_uuid, key=", ".join(note.matched_by))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def describe_exchange_error(error: ExchangeError) -> str:
    """The message a user reads for an export or import that could not be done."""
    if isinstance(error, ExchangeIOError):
        if error.action == "write":
            return _("Cannot write {path}: {reason}. Nothing was exported.").format(
                path=error.path, reason=error.reason)
        return _("Cannot read {path}: {reason}. Nothing was imported.").format(
            path=error.path, reason=error.reason)
    if isinstance(error, ExchangeSyntaxError):
        return _("{path} is not a readable JSON export: line {line}, column {column}: {detail}. "
                 "Nothing was imported.").format(path=error.path, line=error.line,
                                                 column=error.column, detail=error.detail)
    if isinstance(error, ExchangeVersionError):
        if error.is_ours:
            return _("{path} was written in export format version {found}; this version of "
                     "legalaid-desktop reads versions up to {supported}. Nothing was imported. "
                     "Install the newer version to import it.").format(
                path=error.path, found=error.format_version, supported=FORMAT_VERSION)
        if error.format_name is None:
            return _("{path} is not a legalaid-desktop export (it has no \"format\" field). "
                     "Nothing was imported.").format(path=error.path)
        return _("{path} is not a legalaid-desktop export (its \"format\" is {found}). "
                 "Nothing was imported.").format(path=error.path, found=_shown(error.format_name))
    if isinstance(error, ExchangeContentError):
        where = error.place if error.line is None else _("{place}, line {line}").format(
            place=error.place, line=error.line)
        if error.missing:
            return _("{path}: {where}: field {field} is missing ({expected}). Nothing was "
                     "imported.").format(path=error.path, where=where, field=error.field,
                                         expected=error.expected)
        return full_stop(_("{path}: {where}: field {field} is {value}; expected {expected}").format(
            path=error.path, where=where, field=error.field, value=_shown(error.value),
            expected=error.expected)) + " " + _("Nothing was imported.")
    return str(error)
