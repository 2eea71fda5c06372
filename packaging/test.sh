#!/usr/bin/env bash
# Sets everything up (first run only) and runs the test suite (benchmarks excluded).
# Extra arguments go to pytest, e.g. `bash packaging/test.sh -k register -x`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/packaging/bootstrap.sh"
cd "$root"
exec .venv/bin/python -m pytest "$@"
