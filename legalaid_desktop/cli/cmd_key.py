"""Subcommands: key export|import|status, rekey, encrypt (the database key and its recovery key)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalaid_desktop.cli.common import EXIT_INPUT, EXIT_OK, add_db_option, fail
from legalaid_desktop.i18n import _

if TYPE_CHECKING:
    from legalaid_desktop.app import Application

KEEP_IT = _("It opens the database and its backups without any password: keep it away from the "
            "computer (printed, or in a safe place), never beside the database.")


def register(commands: Any) -> None:
    key = commands.top.add_parser(
        "key", help=_("the database key: export or import its recovery key"),
        description=_("An encrypted database's key is kept in this computer's keyring (or derived from "
                      "a passphrase). Its recovery key opens it anywhere: export it once and keep it "
                      "safe; import it on a new computer."))
    sub = key.add_subparsers(dest="what", metavar="WHAT")  # the same Parser class as its parent
    sub.required = True
    export = sub.add_parser("export", help=_("print or save the recovery key"),
                            description=_("Print the recovery key, or write it to a file or a PDF page "
                                          "with a QR code. ") + KEEP_IT)
    add_db_option(export)
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help=_("write the key to this new file (readable by you only) instead of "
                               "printing it"))
    export.add_argument("--pdf", type=Path, metavar="FILE.pdf",
                        help=_("write a page to print: the key as text and as a QR code"))
    export.set_defaults(handler=run_export)
    imp = sub.add_parser("import", help=_("keep a recovery key in this computer's keyring"),
                         description=_("Read a recovery key (from LEGALAID_RECOVERY_KEY, a prompt, or "
                                       "standard input), check that it opens the database, and keep it "
                                       "in this computer's keyring so the database opens without it."))
    add_db_option(imp)
    imp.set_defaults(handler=run_import)
    status = sub.add_parser("status", help=_("say whether the database is encrypted and where its key is"))
    add_db_option(status)
    status.set_defaults(handler=run_status)

    rekey = commands.top.add_parser(
        "rekey", help=_("encrypt the database with a new key"),
        description=_("Encrypt the database with a new random key (or one from a new passphrase) and "
                      "print its new recovery key. The old key is retired, not deleted: it stays in the "
                      "keyring so backups made before still open, and its recovery key still opens "
                      "them. Close the application everywhere first."))
    add_db_option(rekey)
    rekey.add_argument("--passphrase", action="store_true", help=_(
        "derive the new key from a passphrase (LEGALAID_NEW_PASSPHRASE or a prompt) instead of "
        "keeping a random key in the keyring"))
    rekey.add_argument("--recovery-key", type=Path, metavar="FILE", dest="recovery_key",
                       help=_("write the new recovery key to this new file instead of printing it"))
    rekey.set_defaults(handler=run_rekey)

    encrypt = commands.top.add_parser(
        "encrypt", help=_("encrypt a database made without encryption"),
        description=_(
            "Encrypt an unencrypted database in place. The encrypted copy is written beside it, checked "
            "and saved to disk before it takes the database's place, so a crash or a power cut half-way "
            "leaves the unencrypted database as it was. The unencrypted file is then overwritten and "
            "removed; no unencrypted copy is kept unless you ask with --keep-plain (such a copy defeats "
            "the purpose: delete it once you trust the encrypted one). Old unencrypted backups stay "
            "readable: replace them. Close the application everywhere first."))
    add_db_option(encrypt)
    encrypt.add_argument("--keep-plain", type=Path, metavar="FILE", dest="keep_plain",
                         help=_("also keep an UNENCRYPTED copy of the database in this new file"))
    encrypt.add_argument("--passphrase", action="store_true", help=_(
        "derive the key from a passphrase (LEGALAID_NEW_PASSPHRASE or a prompt) instead of keeping a "
        "random key in the keyring"))
    encrypt.add_argument("--recovery-key", type=Path, metavar="FILE", dest="recovery_key",
                         help=_("write the recovery key to this new file instead of printing it"))
    encrypt.set_defaults(handler=run_encrypt)


def write_private(path: Path, data: bytes) -> None:
    """A new file readable by its owner only; an existing file is never overwritten."""
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        fail(_("{path} exists already; give a new file name").format(path=path))
    except OSError as error:
        fail(_("cannot write {path}: {reason}").format(path=path, reason=error.strerror))
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def show_recovery_key(text: str, key_id: str, to_file: Path | None) -> None:
    """Hand the user a new recovery key: on standard output, or in a new file."""
    if to_file is not None:
        write_private(to_file, (text + "\n").encode("ascii"))
        sys.stderr.write(_("Recovery key (key id {id}) written to {path}.").format(id=key_id, path=to_file)
                         + " " + KEEP_IT + "\n")
        return
    sys.stderr.write(_("Recovery key (key id {id}); write it down or save it now.").format(id=key_id)
                     + " " + KEEP_IT + "\n")
    print(text)  # noqa: T201


def announce_new_database(app: Application, folder_made: Path | None, *, key_file: Path | None = None,
                          pdf: Path | None = None) -> None:
    """What every command that creates a database says at once (app.new_database_notice): the folder
    it made, and an encrypted database's recovery key, on standard output or in `key_file` and/or a
    page to print (`pdf`), as `legalaid init` does. Said before the command goes on, so a command
    that fails later has still handed over the key of the database it made."""
    from legalaid_desktop.app import recovery_key, recovery_key_pdf

    if folder_made is not None:
        sys.stderr.write("legalaid: " + _("created the folder {folder} for the new database {name}.").format(
            folder=folder_made, name=app.location.path.name) + "\n")
    if app.key is None:
        return
    if pdf is not None:
        write_private(pdf, recovery_key_pdf(str(app.location.path), key=app.key))
        sys.stderr.write(_("Recovery key page written to {path}.").format(path=pdf) + " " + KEEP_IT + "\n")
    if pdf is None or key_file is not None:
        text, key_id = recovery_key(str(app.location.path), key=app.key)
        show_recovery_key(text, key_id, key_file)


def new_passphrase(asked: bool) -> str | None:
    """A new passphrase when --passphrase was given: from LEGALAID_NEW_PASSPHRASE, or typed twice."""
    if not asked:
        return None
    text = os.environ.get("LEGALAID_NEW_PASSPHRASE")
    if text:
        return text
    if not sys.stdin.isatty():
        fail(_("--passphrase needs LEGALAID_NEW_PASSPHRASE, or a terminal to type it in"))
    first = getpass.getpass(_("New passphrase: "))
    if len(first) < 10:
        fail(_("a passphrase needs at least 10 characters (a few words are easier to remember)"))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        fail(_("the two passphrases differ; nothing was changed"))
    return first


def run_export(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import recovery_key, recovery_key_pdf

    if args.pdf is not None:
        write_private(args.pdf, recovery_key_pdf(args.db))
        sys.stderr.write(_("Recovery key page written to {path}.").format(path=args.pdf) + " " + KEEP_IT
                         + "\n")
        if args.output is None:
            return EXIT_OK
    text, key_id = recovery_key(args.db)
    show_recovery_key(text, key_id, args.output)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import import_recovery_key

    text = os.environ.get("LEGALAID_RECOVERY_KEY")
    if not text:
        if sys.stdin.isatty():
            text = getpass.getpass(_("Recovery key (64 hex digits; dashes and spaces do not matter): "))
        else:
            text = sys.stdin.readline()
    if not text.strip():
        fail(_("no recovery key given (LEGALAID_RECOVERY_KEY, a prompt, or standard input)"), EXIT_INPUT)
    key_id = import_recovery_key(args.db, text)
    print(_("The recovery key opens the database; it is now kept in this computer's keyring "  # noqa: T201
            "(key id {id}).").format(id=key_id))
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import key_status

    for label, value in key_status(args.db):
        print(f"{label}: {value}")  # noqa: T201
    return EXIT_OK


def run_rekey(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import rekey

    text, key_id = rekey(args.db, new_passphrase=new_passphrase(args.passphrase))
    sys.stderr.write(_("The database now has a new key. The old key is retired and kept, for older "
                       "backups.") + "\n")
    show_recovery_key(text, key_id, args.recovery_key)
    return EXIT_OK


def run_encrypt(args: argparse.Namespace) -> int:
    from legalaid_desktop.app import encrypt

    text, key_id = encrypt(args.db, new_passphrase=new_passphrase(args.passphrase),
                           keep_plain=args.keep_plain)
    sys.stderr.write(_("The database is encrypted now.") + "\n")
    if args.keep_plain is not None:
        sys.stderr.write(_("warning: {path} is an UNENCRYPTED copy: delete it once you trust the encrypted "
                           "database.").format(path=args.keep_plain) + "\n")
    show_recovery_key(text, key_id, args.recovery_key)
    return EXIT_OK
