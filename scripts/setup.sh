#!/usr/bin/env bash
# Set up everything Dorak needs on a fresh Debian/Ubuntu machine with Python 3.11:
# the system packages (when missing), a virtualenv with the project and its dev tools.
# Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: fonts that cover Arabic and Latin for tickets and pages, fribidi for
# Pillow's Arabic shaping, chromium for browser tests, espeak-ng for spoken calls, wrk for
# the benchmarks, tesseract (Arabic) to read printed tickets back in the tests, PostgreSQL for
# the governorate hub (its tests start their own server from /usr/lib/postgresql/*/bin).
APT_PACKAGES=(fonts-dejavu-core fonts-hosny-amiri libfribidi0 chromium espeak-ng wrk sqlite3
  tesseract-ocr tesseract-ocr-ara redis-server postgresql)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.dorak-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
# Page texts: compile the Arabic/English catalogs (.po -> .mo).
.venv/bin/pybabel compile -d dorak/translations >/dev/null

if [ -f package.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; }; then
  npm ci --no-audit --no-fund --silent
  touch node_modules
fi
