"""`legalaid`: the command line entry point; each subcommand lives in its own module."""

from __future__ import annotations

import argparse
import difflib
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from legalaid_desktop import __version__
from legalaid_desktop.cli.common import EXIT_INPUT, EXIT_INTERNAL, describe
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _, install

log = logging.getLogger(__name__)


class Parser(argparse.ArgumentParser):
    """argparse with a "did you mean" for mistyped subcommands and choices."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # A mistyped option is an error with a suggestion, not silently taken for a longer one.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        match = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if match:
            choices = re.findall(r"'([^']*)'", match.group(2))
            close = difflib.get_close_matches(match.group(1), choices, n=1)
            if close:
                message += "\n" + _("did you mean '{choice}'?").format(choice=close[0])
        elif message.startswith("unrecognized arguments:"):
            known = sorted(_option_strings(self))
            for word in message.split(":", 1)[1].split():
                close = difflib.get_close_matches(word.split("=")[0], known, n=1) if word.startswith("--") \
                    else []
                if close:
                    message += "\n" + _("did you mean '{choice}'?").format(choice=close[0])
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every long option of the parser and its subcommands (to suggest one for a typo)."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _option_strings(child)
    return found


@dataclass
class Commands:
    """Where subcommand modules add their parsers."""

    top: Any
    imports: Any
    exports: Any


def build_parser() -> Parser:
    from legalaid_desktop.cli import (
        cmd_assign,
        cmd_audit,
        cmd_backup,
        cmd_cases,
        cmd_conflicts,
        cmd_db,
        cmd_deadlines,
        cmd_demo,
        cmd_json,
        cmd_person,
        cmd_register,
        cmd_report,
        cmd_rules,
        cmd_settings,
        cmd_users,
    )

    parser = Parser(prog="legalaid", description=_(
        "Criminal legal aid case work for people held before trial."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_user_option(parser, default=None)
    top = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    top.required = True
    # Listed in --help in the order a newcomer meets them: set up, look, move data, check rules.
    commands = Commands(top=top, imports=None, exports=None)
    for module in (cmd_db, cmd_demo, cmd_cases, cmd_deadlines, cmd_assign, cmd_conflicts):
        module.register(commands)
    import_parser = top.add_parser("import", help=_("import a register or a JSON export"))
    commands.imports = import_parser.add_subparsers(dest="what", metavar="WHAT", parser_class=Parser)
    commands.imports.required = True
    export_parser = top.add_parser("export", help=_(
        "export a register, everything as JSON, or a person's own record"))
    commands.exports = export_parser.add_subparsers(dest="what", metavar="WHAT", parser_class=Parser)
    commands.exports.required = True
    for module in (cmd_register, cmd_json, cmd_person, cmd_rules, cmd_settings, cmd_audit, cmd_report,
                   cmd_backup, cmd_users):
        module.register(commands)
    for child in _subparsers(parser):
        add_user_option(child, default=argparse.SUPPRESS)  # after the command too, without undoing one before
    return parser


def add_user_option(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument("--user", metavar="NAME", default=default, help=_(
        "the account to sign in as, when the database has accounts (default: LEGALAID_USER); the "
        "password comes from LEGALAID_PASSWORD or a prompt"))


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += [child, *_subparsers(child)]
    return found


_last_notice = [0.0]


def _integrity_notice(message: str) -> None:
    sys.stderr.write("legalaid: " + message + "\n")


def _recompute_notice(done: int) -> None:
    """A line on standard error at the first batch and then every few seconds, no more."""
    import time

    now = time.monotonic()
    if now - _last_notice[0] < 3.0:
        return
    _last_notice[0] = now
    sys.stderr.write("legalaid: " + _("bringing the custody deadlines up to date: {n} custody spells done")
                     .format(n=f"{done:,}") + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    from legalaid_desktop.app import setup_logging

    install()
    log_path = setup_logging()
    from legalaid_desktop import app
    from legalaid_desktop.cli.cmd_key import announce_new_database
    from legalaid_desktop.cli.sign_in import credentials_from

    app.default_recompute_progress = _recompute_notice
    app.integrity_notice = _integrity_notice
    app.new_database_notice = announce_new_database
    args = build_parser().parse_args(argv)
    app.default_credentials = credentials_from(args.user)
    try:
        code = int(args.handler(args))
    except DomainError as error:
        message, code = describe(error)
        sys.stderr.write(f"legalaid: {message}\n")
        return code
    except KeyboardInterrupt:
        sys.stderr.write("legalaid: " + _("interrupted; nothing more was written.") + "\n")
        return EXIT_INTERNAL
    except BrokenPipeError:
        return 0
    except Exception:
        # Only the command's name: its arguments can hold names searched for or file paths.
        log.exception("internal error in `legalaid %s`", getattr(args, "command", "?"))
        sys.stderr.write("legalaid: " + _(
            "internal error; nothing was half-written. Details are in the log file: {path}")
            .format(path=log_path) + "\n")
        return EXIT_INTERNAL
    finally:
        app.default_credentials = None  # a caller in the same process opens databases its own way
        app.new_database_notice = None
    return code


if __name__ == "__main__":
    sys.exit(main())
