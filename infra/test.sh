#!/usr/bin/env bash
# Install what the tests need (apt packages when missing, a project venv), then run the whole suite
# inside a private D-Bus session with an unlocked gnome-keyring (the real Secret Service).
# Usage: infra/test.sh [pytest args...]        (from anywhere; CI calls it through .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${PIGMEU_VENV:-$ROOT/.venv}

# -- system packages: browser, Redis, Secret Service, Xvfb, WordPress + MariaDB + PHP, and Compose v1
# (it only validates infra/docker-compose.yml: no Docker daemon, no image pulls) -----------------------
APT_PACKAGES=(xvfb xauth chromium redis-server gnome-keyring dbus docker-compose libxcb-icccm4 libxcb-keysyms1
  libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 fonts-dejavu-core
  wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-gd php-xml
  php-mbstring php-curl)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "infra/test.sh: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

# -- Python environment, from the lock -----------------------------------------------------------------------
# shellcheck source=infra/venv.sh
. infra/venv.sh
ensure_venv "$VENV" "${PIGMEU_REQUIREMENTS:-requirements/test.txt}"

# -- run the suite inside its own D-Bus session with a throwaway, unlocked keyring ---------------------------
export QT_QPA_PLATFORM=offscreen
export PIGMEU_BROWSER=${PIGMEU_BROWSER:-$(command -v chromium || true)}
export PYTHONDONTWRITEBYTECODE=1
KEYRING_HOME=$(mktemp -d)
# pytest's temporary folders live under one known folder, so that servers the tests start there (the
# local WordPress's MariaDB and PHP, Redis) are stopped even if pytest itself is killed.
BASETEMP=$(mktemp -d -t pigmeu-pytest-XXXXXX)
cleanup() {
  pkill -f -- "$BASETEMP" 2>/dev/null || true
  rm -rf "$KEYRING_HOME" "$BASETEMP"
}
trap cleanup EXIT
export PIGMEU_TEST_KEYRING_HOME=$KEYRING_HOME

status=0
XDG_DATA_HOME=$KEYRING_HOME dbus-run-session -- sh -c '
  echo -n "pigmeu-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$0" -m pytest "$@"
' "$VENV/bin/python" --basetemp="$BASETEMP" "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "infra/test.sh: pytest collected no tests" >&2
fi
exit "$status"
