"""Subcommands: settings list and settings set (dated values such as means-test thresholds and lead times)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, add_format_option, iso_date, write_rows
from legalaid_desktop.i18n import _


def register(commands: Any) -> None:
    from legalaid_desktop.services.settings import SETTINGS

    known = "; ".join(f"{s.key}: {s.meaning}" + (f" (default {s.default})" if s.default is not None else "")
                      for s in SETTINGS)
    parser = commands.top.add_parser(
        "settings", help=_("dated office settings: means-test threshold, deadline warning lead times"),
        description=_("Settings take effect on a date and keep their earlier values for earlier "
                      "dates. Known settings: {known}.").format(known=known))
    sub = parser.add_subparsers(dest="what", metavar="WHAT")
    sub.required = True
    listing = sub.add_parser("list", help=_("every value recorded, with the date it takes effect"))
    add_db_option(listing)
    add_format_option(listing)
    listing.set_defaults(handler=run_list)
    setting = sub.add_parser("set", help=_("record a value from a date on"))
    add_db_option(setting)
    setting.add_argument("key", metavar="KEY", help=_("the setting, such as deadline_lead_court_days"))
    setting.add_argument("value", metavar="VALUE", help=_("a whole number"))
    setting.add_argument("--from", dest="effective_from", type=iso_date, metavar="DATE",
                         help=_("the first day it applies (default: today)"))
    setting.add_argument("--jurisdiction", metavar="CODE", help=_("only for this jurisdiction, such as KE"))
    setting.add_argument("--notes", metavar="TEXT", help=_("why, or the unit (such as \"KES per month\")"))
    setting.set_defaults(handler=run_set)



def run_list(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.settings import list_settings

    app = open_application(args.db, create=False)
    rows = [{"key": s.key, "value": s.value, "from": s.effective_from.isoformat(),
             "jurisdiction": s.jurisdiction_code or _("all"), "notes": s.notes}
            for s in list_settings(app.uow())]
    write_rows(rows, ("key", "value", "from", "jurisdiction", "notes"), args.format)
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.settings import set_setting

    app = open_application(args.db, create=False)
    effective = args.effective_from or datetime.now(UTC).date()
    set_setting(app.uow(), key=args.key, value=args.value, effective_from=effective,
                jurisdiction_code=args.jurisdiction, notes=args.notes, book=app.deadline_book)
    print(_("{key} = {value} from {day}{scope}.").format(  # noqa: T201 - the command's output
        key=args.key, value=args.value.strip(), day=effective.isoformat(),
        scope=f" ({args.jurisdiction.upper()})" if args.jurisdiction else ""))
    return EXIT_OK
