#!/usr/bin/env bash
# Sets up a checkout: system packages, a virtual environment in .venv, and the pinned Python
# packages (constraints.txt: what CI tested). Prints nothing when everything is already there.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash packaging/system-deps.sh

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "bootstrap: legalaid-desktop needs Python 3.11 or newer ($python is $("$python" --version 2>&1))." >&2
  exit 1
fi

stamp=.venv/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
if [[ ! -f "$stamp" ]]; then
  [[ -x .venv/bin/python ]] || "$python" -m venv .venv
  echo "bootstrap: installing Python packages into .venv (first run takes a few minutes)" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
