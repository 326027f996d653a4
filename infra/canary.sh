#!/usr/bin/env bash
# The canary: run the whole suite against the newest releases pyproject.toml's ranges allow (not the lock),
# so an upstream release that breaks us is seen here first. Its own venv (.venv-canary), rebuilt each run.
# Usage: infra/canary.sh [pytest args...]     Versions used: .venv-canary/canary-versions.txt
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .venv-canary
export PIGMEU_VENV=$PWD/.venv-canary PIGMEU_UNLOCKED=1
status=0
bash infra/test.sh "$@" || status=$?
echo "canary: exit $status; versions that differ from the lock:" >&2
python3 - <<'PY' >&2 || true
import re
lock = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", open("requirements/test.txt").read(), re.M))
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
lock = {norm(k): v for k, v in lock.items()}
for line in open(".venv-canary/canary-versions.txt"):
    if "==" in line:
        name, version = line.strip().split("==", 1)
        if lock.get(norm(name)) != version:
            print(f"  {name} {lock.get(norm(name), '(not locked)')} -> {version}")
PY
exit "$status"
