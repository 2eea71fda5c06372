"""Subcommands: report case | caseload | overstay | statistics (PDF, or the report's table as CSV or XLSX)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, audit_anchor, iso_date, whole_number
from legalaid_desktop.i18n import _

TABLE_FORMATS = ("pdf", "csv", "xlsx")
PLAIN_WARNING = ("The file written is not encrypted: whoever can read the file can read the report. "
                 "Keep it on an encrypted disk, and give --redact when it leaves the office.")


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "report", help=_("print a case summary, caseload, overstay list or statistics (PDF, CSV, XLSX)"),
        description=_("Reports for the lawyer's file, the court, court user committees and funders. ")
        + _(PLAIN_WARNING))
    sub = parser.add_subparsers(dest="what", metavar="REPORT")
    sub.required = True

    case = _report(sub, "case", _("one case for the lawyer's file or the court"), tables=False)
    case.add_argument("case_ref", metavar="CASE_REF", help=_("the case reference, such as LA-2026-000123"))
    case.set_defaults(handler=run_case)

    caseload = _report(sub, "caseload", _("open cases, requests, decisions, releases and deadlines by group"))
    caseload.add_argument("--by", choices=("provider", "facility", "region"), required=True,
                          help=_("group by provider, facility or region"))
    _period_options(caseload, _("the last 12 weeks to today"))
    caseload.set_defaults(handler=run_caseload)

    overstay = _report(sub, "overstay", _("everyone at a facility held past a limit or close to one"))
    overstay.add_argument("--facility", metavar="NAME", required=True, help=_("the facility, as named here"))
    overstay.add_argument("--within", type=whole_number, default=14, metavar="DAYS",
                          help=_("also those due within DAYS days (default: %(default)s)"))
    overstay.set_defaults(handler=run_overstay)

    statistics = _report(sub, "statistics", _(
        "recipients and detainees by sex, age, priority group, facility and region; SDG 16.3.2"))
    statistics.add_argument("--census", type=iso_date, metavar="DATE",
                            help=_("the census date for SDG 16.3.2 and detainee counts (default: today)"))
    _period_options(statistics, _("the year to the census date"))
    statistics.set_defaults(handler=run_statistics)


def _report(sub: Any, name: str, helptext: str, *, tables: bool = True) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=helptext, description=helptext[:1].upper() + helptext[1:] + ". " + _(PLAIN_WARNING))
    add_db_option(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                        help=_("the file to write; written whole or not at all"))
    if tables:
        parser.add_argument("--format", choices=TABLE_FORMATS, help=_(
            "pdf, or the report's table as csv or xlsx (default: from the file name, else pdf)"))
    else:
        parser.set_defaults(format="pdf")
    parser.add_argument("--redact", action="store_true", help=_(
        "for sharing outside the office: victims', witnesses' and children's names as initials, no "
        "contact details, no notes"))
    parser.add_argument("--low-ink", action="store_true", help=_("black on white, no filled bands"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
    return parser


def _period_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--from", dest="period_from", type=iso_date, metavar="DATE",
                        help=_("first day of the period (default: {default})").format(default=default))
    parser.add_argument("--to", dest="period_to", type=iso_date, metavar="DATE",
                        help=_("last day of the period"))




def _format(args: argparse.Namespace) -> str:
    """--format, else the file name's extension, else PDF; a name that says otherwise is refused."""
    suffix = args.output.suffix.lower().lstrip(".")
    chosen: str = args.format or (suffix if suffix in TABLE_FORMATS else "pdf")
    if suffix in TABLE_FORMATS and suffix != chosen:
        from legalaid_desktop.domain.errors import ValidationError

        expected = _("a file name ending in .{format}, the format asked for").format(format=chosen)
        raise ValidationError("output", str(args.output), expected)
    return chosen


def _save(args: argparse.Namespace, app: Any, report: Any) -> int:
    from legalaid_desktop.services.reports import save_report

    fmt = _format(args)
    saved = save_report(app.uow(), report.styled(redacted=args.redact, low_ink=args.low_ink),
                        path=args.output, fmt=fmt, overwrite=args.force)
    redacted = ", " + _("redacted") if args.redact else ""
    print(_("Wrote {path} ({size:,} bytes, {format}{redacted}). It is not encrypted.").format(  # noqa: T201
        path=args.output, size=saved.size, format=fmt.upper(), redacted=redacted))
    print(audit_anchor(saved.audit_hash))  # noqa: T201
    return EXIT_OK


def _open(args: argparse.Namespace) -> Any:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.reports import check_target

    _format(args)
    # A target that cannot be written is said before the database is read.
    check_target(args.output, overwrite=args.force)
    return open_application(args.db, create=False)


def run_case(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.reports import case_summary_data

    app = _open(args)
    return _save(args, app, case_summary_data(app.uow(), app.deadline_book, case_ref=args.case_ref))


def run_caseload(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.reports import caseload_data

    app = _open(args)
    return _save(args, app, caseload_data(app.uow(), group_by=args.by, period_from=args.period_from,
                                          period_to=args.period_to))


def run_overstay(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.reports import overstay_data

    app = _open(args)
    return _save(args, app, overstay_data(app.uow(), app.deadline_book, facility=args.facility,
                                          within_days=args.within))


def run_statistics(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.reports import statistics_data

    app = _open(args)
    return _save(args, app, statistics_data(app.uow(), census_date=args.census, period_from=args.period_from,
                                            period_to=args.period_to))
