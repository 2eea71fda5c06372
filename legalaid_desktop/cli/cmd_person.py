"""Subcommand: `export person (--person-id N | --case CASE_REF) -o OUT.pdf|OUT.json` (Mandela Rule 9)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, audit_anchor, positive_number
from legalaid_desktop.i18n import _

FORMATS = ("pdf", "json")


def register(commands: Any) -> None:
    parser = commands.exports.add_parser(
        "person", help=_("a person's own record, for them (PDF or JSON)"),
        description=_("What the office keeps about one person, to give to them (Mandela Rule 9): "
                      "identity and their own contact details, and every case in which they are the "
                      "client. Other people appear only by their role; staff notes are left out, and "
                      "the document says so. The file written is not encrypted."))
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--person-id", type=positive_number, metavar="N", help=_("the person's number"))
    who.add_argument("--case", metavar="CASE_REF", help=_("the case whose client the record is of"))
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                        help=_("the file to write, ending in .pdf or .json; written whole or not at all"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
    add_db_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.domain.errors import ValidationError
    from legalaid_desktop.services.person_record import person_record
    from legalaid_desktop.services.reports import check_target, save_report

    fmt = args.output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError("output", str(args.output), "a file name ending in .pdf or .json")
    # A target that cannot be written is said before the database is read.
    check_target(args.output, overwrite=args.force)
    app = open_application(args.db, create=False)
    record = person_record(app.uow(), app.deadline_book, person_id=args.person_id, case_ref=args.case)
    saved = save_report(app.uow(), record, path=args.output, fmt=fmt, overwrite=args.force)
    print(_("Wrote {path} ({size:,} bytes, {format}). It is not encrypted: give it to the person it "  # noqa: T201
            "is about, and keep no loose copy.").format(path=args.output, size=saved.size,
                                                       format=fmt.upper()))
    print(audit_anchor(saved.audit_hash))  # noqa: T201
    return EXIT_OK
