#!/usr/bin/env bash
# Refresh the lock: resolve pyproject.toml's ranges to the newest versions for every OS (uv.lock, with
# hashes), then export the hashed pip requirement files the install scripts use.
# Usage: infra/lock.sh [--upgrade | --upgrade-package NAME ...]   (plain: keep pins, add what is new)
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
TOOLS=${PIGMEU_TOOLS_VENV:-$PWD/.venv-tools}
[ -x "$TOOLS/bin/uv" ] && [ "$("$TOOLS/bin/uv" --version | cut -d' ' -f2)" = "$UV_VERSION" ] || {
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q "uv==$UV_VERSION"
}
UV="$TOOLS/bin/uv"
"$UV" lock "$@"
mkdir -p requirements
export_lock() {  # name, extra uv export args...
  local name=$1; shift
  "$UV" export --frozen --no-emit-project --no-dev --group bootstrap -q "$@" -o "requirements/$name.txt"
}
export_lock app
export_lock test --extra test
export_lock build --extra build
echo "uv.lock and requirements/*.txt refreshed; commit them with pyproject.toml." >&2
