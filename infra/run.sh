#!/usr/bin/env bash
# Install what the app needs into a project venv (once) and start Pigmeu Copilot Desktop.
# Usage: infra/run.sh [--data-dir DIR] [--env-file FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${PIGMEU_VENV:-$ROOT/.venv}

# shellcheck source=infra/venv.sh
. infra/venv.sh
ensure_venv "$VENV" requirements/app.txt
# Scraping needs Chromium or Chrome; say so now rather than on the first link.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
   && ! command -v google-chrome >/dev/null && [ -z "${PIGMEU_BROWSER:-}" ]; then
  echo "Note: no Chromium/Chrome found. Install one (Debian/Ubuntu: sudo apt install chromium) or set PIGMEU_BROWSER." >&2
fi
exec "$VENV/bin/python" -m pigmeu_desktop "$@"
