#!/usr/bin/env bash
# Install what the app needs into a project venv (once) and start Pigmeu Copilot Desktop.
# Usage: infra/run.sh [--data-dir DIR] [--env-file FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${PIGMEU_VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Pigmeu needs Python 3.11 or newer (found: $("$PY" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.pigmeu-app-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Pigmeu Copilot Desktop into $VENV ..." >&2
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e .
  touch "$stamp"
fi
# Scraping needs Chromium or Chrome; say so now rather than on the first link.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
   && ! command -v google-chrome >/dev/null && [ -z "${PIGMEU_BROWSER:-}" ]; then
  echo "Note: no Chromium/Chrome found. Install one (Debian/Ubuntu: sudo apt install chromium) or set PIGMEU_BROWSER." >&2
fi
exec "$VENV/bin/python" -m pigmeu_desktop "$@"
