"""Time `import register` on a made-up register against plain sqlite3 executemany of the same rows.

    python -m tests.benchmarks.bench_register_import [ROWS] [--repeat N]

Each round generates the register once, then writes it into two fresh, migrated databases: one
with raw_baseline.raw_import (no validation, no ORM), one with the import service. It prints
both times, their ratio, and the import's peak memory (the high-water mark of a child process,
so the baseline's memory does not count; Linux only). The target is a ratio within 3.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.synthetic_register import COURTS, write_synthetic_register


def time_baseline(folder: Path, register: Path) -> float:
    from legalaid_desktop.app import open_application
    from legalaid_desktop.domain.org import Court, Facility
    from legalaid_desktop.services import records
    from tests.benchmarks.raw_baseline import raw_import

    app = open_application(str(folder / "baseline.sqlite"), actor="bench", encryption=False)
    facility = records.create(app.uow(), Facility(name="Kamiti Remand", jurisdiction_code="KE"))
    courts = {name: records.create(app.uow(), Court(name=name, jurisdiction_code="KE")).id
              for name in COURTS}
    started = time.perf_counter()
    raw_import(folder / "baseline.sqlite", register, facility_id=facility.id, court_ids=courts)
    return time.perf_counter() - started


def time_import(folder: Path, register: Path) -> dict[str, float]:
    """Run in a child process: the import's time and its peak resident memory."""
    script = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from legalaid_desktop.app import open_application\n"
        "from legalaid_desktop.services.register_import import import_register, open_register\n"
        "app = open_application(sys.argv[1], actor='bench', encryption=False)\n"
        "def high_water():\n"
        "    status = Path('/proc/self/status').read_text()\n"
        "    return int(status.split('VmHWM:')[1].split()[0])\n"
        "before = high_water()\n"
        "started = time.perf_counter()\n"
        "with open_register(Path(sys.argv[2])) as source:\n"
        "    report = import_register(app.uow(), app.catalogue, source, jurisdiction='KE')\n"
        "seconds = time.perf_counter() - started\n"
        "peak = high_water()\n"
        "print(json.dumps({'seconds': seconds, 'new': report.summary.new,\n"
        "                  'peak_mb': peak / 1024, 'before_mb': before / 1024}))\n")
    done = subprocess.run([sys.executable, "-c", script, str(folder / "import.sqlite"), str(register)],
                          check=True, capture_output=True, text=True, env=os.environ.copy())
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("LEGALAID_LOG_DIR", tempfile.gettempdir())
    for round_number in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            register = folder / "register.csv"
            write_synthetic_register(register, args.rows)
            baseline = time_baseline(folder, register)
            imported = time_import(folder, register)
            assert imported["new"] == args.rows, imported
            print(f"round {round_number}: {args.rows} rows: raw executemany {baseline:.1f} s, "
                  f"import register {imported['seconds']:.1f} s, "
                  f"ratio {imported['seconds'] / baseline:.2f}, "
                  f"import peak memory {imported['peak_mb']:.0f} MB "
                  f"(at start {imported['before_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
