"""Subcommands: conflicts (check a name, waive a conflict) and caseload (load, gaps, a rebalance)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_db_option, add_format_option, write_rows
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import match_words, more_matches_message

CHECK_COLUMNS = ("full_name", "case_ref", "role", "score", "providers", "reasons")


def register(commands: Any) -> None:
    conflicts = commands.top.add_parser(
        "conflicts", help=_("check a person against every party of every case; waive a conflict"),
        description=_("Conflict-of-interest checks: a name (with spelling and script variants), a date "
                      "of birth and an identity number are matched against every party of every case "
                      "in any role. Every check is written to the audit log."))
    sub = conflicts.add_subparsers(dest="what", metavar="WHAT")
    sub.required = True
    check = sub.add_parser(
        "check", help=_("who in the database may be this person, in which cases"),
        description=_("Who in the database may be this person: each match in each role of each case, "
                      "with the providers who acted there and why it matched. Everyone whose date of "
                      "birth or identity number agrees is listed; of those matched on name alone, the "
                      "closest 50 people, and the rest are counted. --format json prints "
                      "{\"matches\": [{\"full_name\", \"case_ref\", \"role\", \"score\", "
                      "\"providers\", \"reasons\"}, ...], \"more_on_name_only\": N}."))
    add_db_option(check)
    check.add_argument("--name", required=True, metavar="NAME", help=_("the person's full name"))
    check.add_argument("--dob", type=_date, metavar="DATE", help=_("date of birth, such as 1990-05-17"))
    check.add_argument("--id", dest="identity_number", metavar="NUMBER", help=_("identity number"))
    add_format_option(check, ("table", "json"))
    check.set_defaults(handler=run_check)

    waive = sub.add_parser("waive", help=_("let a provider act on a case despite a conflict"),
                           description=_("Record a coordinator's waiver with the reason; the assignment "
                                         "is then allowed. The waiver is kept and audited."))
    add_db_option(waive)
    waive.add_argument("case_ref", metavar="CASE_REF")
    waive.add_argument("provider", metavar="PROVIDER_NAME")
    waive.add_argument("--reason", required=True, metavar="TEXT", help=_("why the conflict is waived"))
    waive.set_defaults(handler=run_waive)

    load = commands.top.add_parser(
        "caseload", help=_("load per provider against capacity; facilities with unrepresented detainees"),
        description=_("Active cases per provider against capacity (a capital case counts 2), providers "
                      "over capacity, and facilities holding people whose case has no provider. "
                      "--rebalance proposes moves; --apply with it makes them (each an ended and a new "
                      "assignment with the reason, history kept)."))
    add_db_option(load)
    load.add_argument("--rebalance", action="store_true", help=_("propose moves back within capacity"))
    load.add_argument("--apply", action="store_true", help=_("with --rebalance: make the moves proposed"))
    load.add_argument("--limit", type=int, default=20, metavar="N",
                      help=_("with --rebalance: at most N moves (default: %(default)s)"))
    add_format_option(load, ("table", "json"))
    load.set_defaults(handler=run_caseload)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; write it like 1990-05-17").format(value=value)) from None


def run_check(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.conflicts import check_conflicts

    app = open_application(args.db, create=False)
    found = check_conflicts(app.uow(), name=args.name, date_of_birth=args.dob,
                            identity_number=args.identity_number)
    joined = args.format == "table"
    hidden = _("a possible conflict exists in a record you cannot open; ask a coordinator")
    rows = [{"full_name": hidden if m.hidden else m.full_name, "case_ref": m.case_ref,
             "role": m.role.value if m.role else None,
             "score": m.score if not joined else f"{m.score:.2f}",
             "providers": ", ".join(m.providers) if joined else list(m.providers),
             "reasons": match_words(m.reasons) if joined else list(m.reasons)} for m in found.matches]
    if not joined:
        json.dump({"matches": rows, "more_on_name_only": found.more_on_name_only}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        print(_("No possible match in any case."))  # noqa: T201 - the command's output
        return EXIT_OK
    write_rows(rows, CHECK_COLUMNS, args.format)
    if found.more_on_name_only:
        print(more_matches_message(  # noqa: T201
            found.more_on_name_only, date_of_birth_given=args.dob is not None,
            identity_number_given=bool(args.identity_number)))
    return EXIT_OK


def run_waive(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.conflicts import case_id_for_ref, provider_id_named, waive_conflict

    app = open_application(args.db, create=False)
    case_id = case_id_for_ref(app.uow(), args.case_ref)
    provider_id = provider_id_named(app.uow(), args.provider)
    saved = waive_conflict(app.uow(), case_id=case_id, provider_id=provider_id, reason=args.reason)
    print(_("Conflict waived for {provider} on {case} by {who}.").format(  # noqa: T201
        provider=args.provider, case=saved.label, who=app.actor))
    return EXIT_OK


def run_caseload(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.services.assignments import apply_rebalance
    from legalaid_desktop.services.conflicts import caseload, propose_rebalance

    app = open_application(args.db, create=False)
    if args.rebalance:
        moves = propose_rebalance(app.uow(), limit=args.limit)
        rows = [{"case_ref": m.case_ref, "from": m.from_name, "to": m.to_name, "reason": m.reason}
                for m in moves]
        if args.format == "table" and not rows:
            print(_("No provider is over capacity with a case another could take."))  # noqa: T201
            return EXIT_OK
        write_rows(rows, ("case_ref", "from", "to", "reason"), args.format)
        if args.apply and moves:
            done = apply_rebalance(app.uow(), moves, at=datetime.now(UTC))
            sys.stderr.write(_("{n} cases reassigned.").format(n=len(done)) + "\n")
        elif moves:
            sys.stderr.write(_("Nothing changed: review the moves, then run again with --apply.") + "\n")
        if len(moves) == args.limit:
            sys.stderr.write(_("At most {n} moves at a time: once these are applied, run again for more.")
                             .format(n=args.limit) + "\n")
        return EXIT_OK
    load = caseload(app.uow())
    providers = [{"provider": p.full_name, "kind": p.kind, "active_cases": p.active_cases,
                  "load": p.load, "capacity": p.capacity, "over": p.over_capacity,
                  "available": p.available} for p in load.providers]
    facilities = [{"facility": f.name, "unrepresented": f.unrepresented} for f in load.facilities]
    if args.format == "json":
        json.dump({"providers": providers, "over_capacity": [p.full_name for p in load.over_capacity],
                   "facilities": facilities}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    write_rows([{**p, "over": _("over") if p["over"] else "", "available": "" if p["available"]
                 else _("on leave")} for p in providers],
               ("provider", "kind", "active_cases", "load", "capacity", "over", "available"), "table")
    print()  # noqa: T201
    if facilities:
        write_rows(facilities, ("facility", "unrepresented"), "table")
    else:
        print(_("Every person held has a provider."))  # noqa: T201
    return EXIT_OK
