"""Subcommand: audit verify (the audit log's hash chain, optionally against a printed head)."""

from __future__ import annotations

import argparse
from typing import Any

from legalaid_desktop.cli.common import EXIT_INTEGRITY, EXIT_OK, add_db_option
from legalaid_desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.top.add_parser("audit", help=_("check that the audit log was not rewritten"))
    sub = parser.add_subparsers(dest="what", metavar="WHAT")
    sub.required = True
    verify = sub.add_parser(
        "verify", help=_("check every entry of the audit log against the one before"),
        description=_("Every audit entry carries a hash of its content and of the entry before it. "
                      "An edited, deleted or reordered entry breaks the chain. With --head, the log "
                      "must also contain that hash (printed on a report or noted down earlier): "
                      "whoever holds the database key could rebuild the chain, but not that hash."))
    add_db_option(verify)
    verify.add_argument("--head", metavar="HASH", help=_("a hash the log must still contain"))
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.audit import verify_audit

    app = open_application(args.db, create=False)
    check = verify_audit(app.uow(), head=args.head)
    if check.problem is not None:
        print(_("The audit log is broken at entry {n}: {problem}. Entries before it check out.").format(  # noqa: T201
            n=check.bad_entry, problem=check.problem))
        return EXIT_INTEGRITY
    print(_("{n} audit entries check out; the last one's hash is {head}.").format(  # noqa: T201
        n=f"{check.entries:,}", head=check.head or _("(none: the log is empty)")))
    if check.head_found is False:
        print(_("But the hash {head} is not in the log: the log was rewritten since it was noted, "  # noqa: T201
                "or it comes from another database.").format(head=args.head))
        return EXIT_INTEGRITY
    if check.head_found:
        print(_("The hash {head} is in the log.").format(head=args.head))  # noqa: T201
    return EXIT_OK
