#!/usr/bin/env bash
# Package dist/pigmeu-desktop/ as a .deb: the bundle in /opt/pigmeu-desktop, `pigmeu-desktop` and `pigmeu`
# on PATH, a desktop entry and the icons. Dependencies (a Chromium-family browser, the X/xcb, GL, glib and
# font libraries the bundle leaves to the system) are declared in ./control.
# Usage: infra/packaging/linux/make-deb.sh VERSION      (called by infra/build.sh)
set -euo pipefail
cd "$(dirname "$0")/../../.."
VERSION=$1
HERE=infra/packaging/linux
STAGE=build/deb/pigmeu-desktop
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/icons"
cp -a dist/pigmeu-desktop "$STAGE/opt/pigmeu-desktop"
ln -s /opt/pigmeu-desktop/pigmeu-desktop "$STAGE/usr/bin/pigmeu-desktop"
ln -s /opt/pigmeu-desktop/pigmeu "$STAGE/usr/bin/pigmeu"
install -m 644 "$HERE/pigmeu-desktop.desktop" "$STAGE/usr/share/applications/pigmeu-desktop.desktop"
cp -r build/icons/hicolor "$STAGE/usr/share/icons/hicolor"
find "$STAGE" -type d -exec chmod 755 {} +
size_kb=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE_KB@/$size_kb/" "$HERE/control" >"$STAGE/DEBIAN/control"
# No maintainer scripts: dpkg's triggers refresh the icon cache and the desktop database.
out="dist/pigmeu-desktop_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz -z9 --build "$STAGE" "$out" >/dev/null
echo "deb: $(du -h "$out" | cut -f1) $out (installed: $((size_kb / 1024)) MB)" >&2
