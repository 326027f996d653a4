# Sourced by the infra scripts: make (or refresh) a project venv from the lock.
# ensure_venv VENV REQUIREMENTS   installs exactly the hashed pins of REQUIREMENTS (exported from uv.lock),
# then the project itself in editable mode without resolving anything. Re-runs only when the lock or
# pyproject.toml changed since the last install into that venv.
ensure_venv() {
  local venv=$1 reqs=$2 py=${PYTHON:-python3}
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Pigmeu needs Python 3.11 or newer (found: $("$py" --version 2>&1))." >&2
    return 1
  fi
  [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
  if [ -n "${PIGMEU_UNLOCKED:-}" ]; then
    # The canary (infra/canary.sh): the newest releases pyproject.toml's ranges allow, not the lock.
    echo "Installing the NEWEST versions the ranges allow into $venv (not the lock) ..." >&2
    "$venv/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -e ".[test]"
    "$venv/bin/python" -m pip freeze --exclude-editable >"$venv/canary-versions.txt"
    return 0
  fi
  local stamp="$venv/.pigmeu-lock" want
  want=$(cat "$reqs" pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installing the locked dependencies ($reqs) into $venv ..." >&2
    # --require-hashes: every package, direct or transitive, must match the lock byte for byte.
    "$venv/bin/python" -m pip install -q --require-hashes --no-deps -r "$reqs"
    "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
    echo "$want" >"$stamp"
  fi
}
