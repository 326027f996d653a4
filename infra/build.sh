#!/usr/bin/env bash
# Build the frozen app and its installers for this OS, from a clean venv made from requirements/build.txt
# (the app's locked packages plus PyInstaller: no test packages can slip into the bundle).
#   Linux: dist/pigmeu-desktop/ (the bundle), dist/pigmeu-desktop_<version>_amd64.deb,
#          dist/pigmeu-desktop-<version>-linux-x86_64.tar.gz
#   macOS: dist/Pigmeu Copilot Desktop.app and dist/Pigmeu-Copilot-Desktop-<version>.dmg
#   Windows: use infra/build.ps1 (the Inno Setup installer).
# Usage: infra/build.sh [--bundle-only]
# Env: PIGMEU_BUNDLE_CONSOLE=1 builds the console/debug variant of the GUI; PIGMEU_BUILD_VENV=DIR the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${PIGMEU_BUILD_VENV:-$ROOT/build/venv}
started=$(date +%s)

# -- a clean build venv: recreated whenever the build lock changes ------------------------------------
# shellcheck source=infra/venv.sh
. infra/venv.sh
unset PIGMEU_UNLOCKED  # the canary's switch: an installer is always built from the lock
want=$(cat requirements/build.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$VENV/.pigmeu-lock" 2>/dev/null)" != "$want" ]; then
  rm -rf "$VENV"
fi
ensure_venv "$VENV" requirements/build.txt
PY="$VENV/bin/python"
if "$PY" -m pip list 2>/dev/null | grep -qiE '^(pytest|hypothesis|mongomock) '; then
  echo "infra/build.sh: $VENV holds test packages; remove it and build again." >&2
  exit 1
fi
VERSION=$("$PY" -c 'import pigmeu_desktop; print(pigmeu_desktop.__version__)')

# -- icons from resources/icons/pigmeu.svg, then the bundle ----------------------------------------------
QT_QPA_PLATFORM=offscreen "$PY" infra/icons.py build/icons >/dev/null
rm -rf dist/pigmeu-desktop
nice "$PY" -m PyInstaller --noconfirm --log-level WARN --workpath build/pyinstaller --distpath dist pigmeu.spec
echo "bundle: $(du -sh dist/pigmeu-desktop | cut -f1) in dist/pigmeu-desktop" >&2

if [ "${1:-}" != "--bundle-only" ]; then
  case "$(uname -s)" in
    Linux)
      bash infra/packaging/linux/make-deb.sh "$VERSION"
      tar -C dist -czf "dist/pigmeu-desktop-$VERSION-linux-x86_64.tar.gz" pigmeu-desktop
      ;;
    Darwin)
      bash infra/packaging/macos/make-dmg.sh "$VERSION"
      ;;
    *) echo "infra/build.sh: on Windows run infra/build.ps1" >&2; exit 1 ;;
  esac
fi
ls -la dist | grep -E '\.(deb|tar\.gz|dmg)$' >&2 || true
echo "infra/build.sh: done in $(( $(date +%s) - started )) s" >&2
