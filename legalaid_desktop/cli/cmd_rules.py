"""Subcommands: rules list, rules show CODE, rules check FILE.json (no database is touched)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from legalaid_desktop.cli.common import EXIT_OK, add_format_option, fail, write_rows
from legalaid_desktop.i18n import _

DEADLINE_COLUMNS = ("spell", "rule", "kind", "layer", "due", "status", "met_at", "verification")
RULE_COLUMNS = ("id", "kind", "layer", "period", "trigger", "roll", "when", "citation", "effective_from",
                "verification")


def register(commands: Any) -> None:
    parser = commands.top.add_parser("rules", help=_("list, show and check the custody rule files"),
                                     description=_("The custody time limits of each jurisdiction, as "
                                                   "its rule file states them."))
    sub = parser.add_subparsers(dest="what", metavar="WHAT")  # the same Parser class as its parent
    sub.required = True
    listing = sub.add_parser("list", help=_("the jurisdictions and how many rules each has"))
    add_format_option(listing, ("table", "json"))
    listing.set_defaults(handler=run_list)
    show = sub.add_parser("show", help=_("every rule of one jurisdiction"))
    show.add_argument("code", metavar="CODE", help=_("a jurisdiction code such as KE or GB-EAW"))
    add_format_option(show, ("table", "json"))
    show.set_defaults(handler=run_show)
    check = sub.add_parser("check", help=_("compute the deadlines of described custody spells"),
                           description=_("Compute the deadlines of one or more custody spells described "
                                         "in a JSON file (docs/rules-check.md), without any database."))
    check.add_argument("file", metavar="FILE.json", help=_("the spells, or - for standard input"))
    add_format_option(check, ("json", "table"), default="json")
    check.set_defaults(handler=run_check)


def _folder() -> Path:
    from legalaid_desktop.paths import resources_dir

    return resources_dir() / "jurisdictions"


def run_list(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.deadlines import BENCHMARK, load_rule_sets

    rows = [{"code": code, "name": s.jurisdiction.name, "time_zone": s.jurisdiction.time_zone,
             "layer": "benchmark" if code == BENCHMARK else "national", "rules": len(s.rules)}
            for code, s in load_rule_sets(_folder()).items()]
    write_rows(rows, ("code", "name", "time_zone", "layer", "rules"), args.format)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.deadlines import load_rule_sets

    sets = load_rule_sets(_folder())
    found = sets.get(args.code.strip().upper())
    if found is None:
        fail(_("no rule file for {code!r}; known: {known}").format(code=args.code, known=", ".join(sets)))
    rows = []
    for rule in found.rules:
        period = f"{rule.share} of max sentence" if rule.share is not None else f"{rule.period} {rule.unit}"
        if rule.extensions:
            period += " (" + ", ".join(f"{p} after {e}" for e, p in rule.extensions) + ")"
        rows.append({
            "id": rule.id, "kind": rule.kind, "layer": rule.layer, "period": period,
            "trigger": f"{rule.occurrence} " + " or ".join(str(t) for t in rule.trigger),
            "roll": rule.roll,
            "when": ", ".join(f"{k}={json.dumps(v)}" for k, v in rule.when.items()) or "always",
            "citation": rule.citation, "effective_from": rule.effective_from.isoformat(),
            "verification": rule.verification, "note": rule.note})
    info = found.jurisdiction
    if args.format == "json":
        json.dump({"code": info.code, "name": info.name, "time_zone": info.time_zone,
                   "holidays_country": info.holidays_country, "court_opens": info.court_opens,
                   "court_closes": info.court_closes, "rules": rows},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    sys.stdout.write(f"{info.code}  {info.name}  ({info.time_zone}; court {info.court_opens}-"
                     f"{info.court_closes}; holidays: {info.holidays_country or 'none'})\n")
    write_rows(rows, RULE_COLUMNS, "table")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from legalaid_desktop.services.deadlines import load_rule_sets
    from legalaid_desktop.services.errors import InputFileError
    from legalaid_desktop.services.rules_check import check_spells, deadline_record

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        document = json.loads(text)
    except OSError as exc:
        raise InputFileError(args.file, exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(args.file, _("not JSON: {problem}").format(problem=exc)) from None
    results = check_spells(document, load_rule_sets(_folder()))
    if args.format == "json":
        json.dump({"results": [{"deadlines": [deadline_record(d) for d in r.deadlines]} for r in results]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    rows = [dict(deadline_record(d), spell=i) for i, r in enumerate(results, start=1) for d in r.deadlines]
    write_rows(rows, DEADLINE_COLUMNS, "table")
    sys.stdout.write("\n")
    for row in rows:
        sys.stdout.write(f"{row['spell']} {row['rule']}: {row['explanation']} [{row['citation']}]\n")
    return EXIT_OK
