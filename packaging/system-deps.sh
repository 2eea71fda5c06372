#!/usr/bin/env bash
# Installs the Debian/Ubuntu system packages legalaid-desktop needs: Qt's libraries, fonts,
# Python's venv module, poppler-utils (PDF checks in tests), gnome-keyring and dbus-x11 (the test of
# the database key in a real Secret Service). Safe to run again: it installs only what is missing.
# Runs apt-get as root, through sudo otherwise; elsewhere it prints the list.
set -euo pipefail

packages=(
  # Qt (PySide6-Essentials) offscreen and on screen
  libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxcb-randr0
  libxcb-xinerama0 libxcb-xfixes0 libxrender1
  # fonts: Latin, Cyrillic, Greek and Arabic
  fonts-dejavu-core
  # reading PDFs back in tests and when checking reports
  poppler-utils
  # the database key in a real Secret Service in tests (gnome-keyring under dbus-run-session)
  gnome-keyring dbus-x11
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not a Debian-like system; install Qt 6's runtime libraries and fonts yourself." >&2
  exit 0
fi

if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "system-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "system-deps: please install as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
