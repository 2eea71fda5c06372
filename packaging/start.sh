#!/usr/bin/env bash
# Sets everything up (first run only) and starts the desktop application.
#   bash packaging/start.sh              # your database in the user data folder
#   bash packaging/start.sh --demo 2000  # a throw-away database with 2,000 demo cases
# Any other option is passed to legalaid-desktop (see --help).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/packaging/bootstrap.sh"
exec "$root/.venv/bin/legalaid-desktop" "$@"
