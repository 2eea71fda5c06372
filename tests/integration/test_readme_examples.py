"""The README's command-line examples name what a demo database holds: the providers, facilities and
case numbers of the `legalaid demo` line it gives (providers and facilities depend on the seed
alone, so a small demo with the same seed and date has them all)."""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

from legalaid_desktop.app import Application
from legalaid_desktop.services.conflicts import case_id_for_ref, provider_id_named
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.demo import fill_demo_database

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands() -> list[list[str]]:
    """Each `legalaid ...` example of the command-line section, its comment left out, a line ending
    in a backslash joined to the next."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## The command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    joined = re.sub(r"\\\n\s*", " ", section)
    return [shlex.split(line.split("  #", 1)[0]) for line in joined.splitlines()
            if line.startswith("legalaid ")]


def test_every_provider_facility_and_case_in_the_readme_examples_is_in_the_demo_it_names(
        app: Application) -> None:
    commands = _commands()
    [demo] = [c for c in commands if c[1] == "demo"]
    seed, as_of = int(demo[demo.index("--seed") + 1]), date.fromisoformat(demo[demo.index("--as-of") + 1])
    fill_demo_database(app.uow, app.catalogue, cases=300, seed=seed, as_of=as_of, batch_size=300)

    # A facility named as new (--new-facility) is one the example records, not one it finds.
    facilities = {c[c.index("--facility") + 1] for c in commands if "--facility" in c
                  and "--new-facility" not in c}
    providers = {c[2] for c in commands if c[1] == "assign" and c[2] != "suggest"}
    providers |= {c[4] for c in commands if c[1:3] == ["conflicts", "waive"]}
    cases = {word for c in commands for word in c if re.fullmatch(r"[A-Z]+-\d{4}-\d{6}", word)}
    assert facilities and providers and cases

    assert facilities <= set(facility_names(app.uow()))
    for name in sorted(providers):
        provider_id_named(app.uow(), name)  # NotFoundError names the one missing
    for ref in sorted(cases):
        case_id_for_ref(app.uow(), ref)
