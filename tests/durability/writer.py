"""A writer for the durability tests: saves people one commit at a time and says which were saved.

    python -m tests.durability.writer DB START [FILE_SIZE_LIMIT] [--key-on-stdin]

Prints "ready" once the database is open, then "saved N" after each commit returns and "failed N
ERROR" when one raises. With FILE_SIZE_LIMIT (bytes) no file the process writes may grow past it, so
the writes that would fail with a full disk. With --key-on-stdin the first line of standard input is
an encrypted database's recovery key (never in the command line or the environment), kept in an
in-memory keyring for this process only.
"""

from __future__ import annotations

import resource
import signal
import sys

import keyring
from sqlalchemy.orm import configure_mappers

from legalaid_desktop.app import import_recovery_key, open_application
from legalaid_desktop.domain.people import Person
from legalaid_desktop.domain.vocab import Sex
from legalaid_desktop.services import records
from tests.memory_keyring import MemoryKeyring


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--key-on-stdin"]
    db, start = args[0], int(args[1])
    if "--key-on-stdin" in sys.argv:
        keyring.set_keyring(MemoryKeyring())
        import_recovery_key(db, sys.stdin.readline())
    app = open_application(db, actor="durability")
    # Mappers are configured at the first use of the ORM (about 0.1 s): done before "ready", so that the
    # random kill moments fall among commits rather than before the first one.
    configure_mappers()
    if len(args) > 2:
        # A write past the limit fails with EFBIG instead of killing the process (SIGXFSZ ignored),
        # as a write to a full disk fails with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(args[2])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    say("ready")
    failures = 0
    for n in range(start, start + 100_000):
        try:
            records.create(app.uow(), Person(full_name=f"Durable {n:07d}", sex=Sex.FEMALE,
                                             notes="x" * 300))
        except Exception as error:  # every failure is reported to the test, which judges it
            say(f"failed {n} {type(error).__name__}")
            failures += 1
            if failures >= 3:
                return
            continue
        say(f"saved {n}")


if __name__ == "__main__":
    main()
