"""Subcommand: assign (a provider to a case, refused on a conflict of interest; or suggest providers)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, add_format_option, write_rows
from legalaid_desktop.i18n import _

SUGGEST = "suggest"
SUGGEST_COLUMNS = ("rank", "provider", "kind", "points", "load", "capacity", "reasons")


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "assign", help=_("assign a provider to a case, or suggest providers for it"),
        usage="legalaid assign PROVIDER_NAME CASE_REF [--reason TEXT]\n"
              "       legalaid assign suggest CASE_REF [--format table|json]",
        description=_("`assign PROVIDER_NAME CASE_REF` puts the provider on the case after a conflict "
                      "check: a provider who acts or acted for the victim, a witness, the complainant "
                      "or a co-accused, or against the client, is refused (exit code 4) unless a "
                      "coordinator recorded a waiver. `assign suggest CASE_REF` ranks providers: no "
                      "conflict, working in the case's jurisdiction, available with room, then shared "
                      "language, needed specialism (children, capital cases), facility and court "
                      "covered, and spare capacity. Providers who work only in another jurisdiction "
                      "are listed only when no local one is free."))
    add_db_option(parser)
    parser.add_argument("first", metavar="PROVIDER_NAME|suggest")
    parser.add_argument("case_ref", metavar="CASE_REF")
    parser.add_argument("--reason", metavar="TEXT", help=_("why this provider (kept with the assignment)"))
    parser.add_argument("--role", default="lead", metavar="ROLE", help=_("lead (default) or support"))
    parser.add_argument("--limit", type=int, default=10, metavar="N", help=_("suggest: at most N providers"))
    add_format_option(parser, ("table", "json"))
    parser.set_defaults(handler=run_assign)


def words(code: str, value: str | None) -> str:
    """A suggestion's reason as a user reads it."""
    text = {
        "conflict": _("conflict: {value}"), "conflict_waived": _("conflict waived"),
        "language": _("speaks {value}"), "no_shared_language": _("does not speak {value}"),
        "specialism": _("trained: {value}"), "lacks_specialism": _("not trained: {value}"),
        "covers_facility": _("covers the facility"), "covers_court": _("covers the court"),
        "covers_neither": _("covers neither the facility nor the court"),
        "other_jurisdiction": _("works in another jurisdiction: {value}"),
        "no_coverage": _("covers no facility or court"),
        "load": _("load {value}"), "at_capacity": _("no room"), "on_leave": _("on leave until {value}"),
        "leave_soon": _("leave from {value}"),
    }.get(code, code)
    return text.format(value=value if value is not None else _("further notice"))


def run_assign(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.conflicts import case_id_for_ref, provider_id_named

    app = open_application(args.db, create=False)
    case_id = case_id_for_ref(app.uow(), args.case_ref)
    if args.first == SUGGEST:
        return _suggest(app, case_id, args)
    from legalaid_desktop.services.assignments import assign_provider

    provider_id = provider_id_named(app.uow(), args.first)
    assign_provider(app.uow(), case_id=case_id, provider_id=provider_id, at=datetime.now(UTC),
                    role=args.role, reason=args.reason)
    print(_("{provider} assigned to {case}.").format(  # noqa: T201 - the command's output
        provider=args.first, case=args.case_ref.upper()))
    return EXIT_OK


def _suggest(app: Any, case_id: int, args: argparse.Namespace) -> int:
    from legalaid_desktop.services.conflicts import suggest_providers

    found = suggest_providers(app.uow(), case_id=case_id, limit=args.limit)
    if args.format == "json":
        rows = [{"rank": n, "provider": s.full_name, "kind": s.kind, "points": s.points, "load": s.load,
                 "capacity": s.capacity, "conflict": s.conflict, "available": s.available,
                 "reasons": [{"code": w.code, "value": w.value, "text": words(w.code, w.value)}
                             for w in s.reasons]} for n, s in enumerate(found, 1)]
        write_rows(rows, (*SUGGEST_COLUMNS, "conflict", "available"), "json")
        return EXIT_OK
    if not found:
        print(_("No active provider to suggest."))  # noqa: T201
        return EXIT_OK
    write_rows([{"rank": n, "provider": s.full_name, "kind": s.kind, "points": f"{s.points:.2f}",
                 "load": f"{s.load:g}", "capacity": s.capacity,
                 "reasons": "; ".join(words(w.code, w.value) for w in s.reasons)}
                for n, s in enumerate(found, 1)], SUGGEST_COLUMNS, "table")
    return EXIT_OK
