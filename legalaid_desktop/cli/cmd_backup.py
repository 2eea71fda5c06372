"""Subcommands: backup (a checked copy while the database is in use) and restore (from a checked copy)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, positive_number
from legalaid_desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "backup", help=_("write a checked copy of the database (it may stay in use meanwhile)"),
        description=_("Copy the database while it is in use, check the copy, and only then give it "
                      "its name: OUT is a good backup or is not there. When OUT is a folder (a USB "
                      "drive), the copy gets a dated name there, and --keep-daily / --keep-weekly "
                      "delete the older backups of that folder beyond those counts. The copy is no "
                      "more protected than the database itself: keep it as safe."))
    add_db_option(parser)
    parser.add_argument("out", metavar="OUT", type=Path,
                        help=_("a file in an existing folder, or an existing folder"))
    parser.add_argument("--keep-daily", type=positive_number, metavar="N",
                        help=_("in a folder: keep the newest backup of each of the last N days"))
    parser.add_argument("--keep-weekly", type=positive_number, metavar="M",
                        help=_("in a folder: also keep the newest of each of the last M weeks"))
    parser.set_defaults(handler=run_backup)
    restore = commands.top.add_parser(
        "restore", help=_("replace the database with a backup (the replaced one is kept aside)"),
        description=_("Check the backup (a whole, readable database of this version or an older "
                      "one), then put it in the database's place. The database it replaces is kept "
                      "beside it, renamed with the date; nothing is deleted."))
    add_db_option(restore)
    restore.add_argument("file", metavar="FILE", type=Path, help=_("the backup to restore"))
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import backup, open_application

    if (args.keep_daily is not None or args.keep_weekly is not None) and not args.out.is_dir():
        from legalaid_desktop.cli.common import fail

        fail(_("--keep-daily and --keep-weekly need OUT to be an existing folder; {out} is not one.")
             .format(out=args.out))
    app = open_application(args.db, create=False)
    info, removed = backup(app, args.out, keep_daily=args.keep_daily, keep_weekly=args.keep_weekly)
    print(_("Backed up {cases} cases to {path} ({size:,} bytes); the copy was checked.").format(  # noqa: T201
        cases=f"{info.cases:,}", path=info.path, size=info.size))
    for path in removed:
        print(_("Deleted the older backup {path}.").format(path=path))  # noqa: T201
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import restore

    app, aside = restore(args.db, args.file)
    if aside.exists():
        print(_("Restored {path} from {file}; the database it replaced is kept as {aside}.").format(  # noqa: T201
            path=app.location.path, file=args.file, aside=aside))
    else:
        print(_("Restored {path} from {file} (there was no database there before).").format(  # noqa: T201
            path=app.location.path, file=args.file))
    return EXIT_OK
