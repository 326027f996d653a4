#!/usr/bin/env bash
# Package "dist/Pigmeu Copilot Desktop.app" (made by pigmeu.spec's BUNDLE: bundle id br.com.pigmeu.copilot-desktop,
# the .icns icon, Info.plist with the version) into dist/Pigmeu-Copilot-Desktop-<version>.dmg.
# Usage: infra/packaging/macos/make-dmg.sh VERSION          (called by infra/build.sh on macOS)
#
# Signing and notarization (when a Developer ID certificate exists; without them Gatekeeper asks the user
# to right-click → Open the first time):
#   1. Import the "Developer ID Application: <Team> (<TEAMID>)" certificate into the build keychain and set
#      MACOS_SIGN_IDENTITY to that name.
#   2. This script then signs every Mach-O inside the app, then the app, with the hardened runtime and
#      infra/packaging/macos/entitlements.plist (Python and Node need JIT/unsigned memory):
#        codesign --force --timestamp --options runtime --entitlements entitlements.plist -s "$MACOS_SIGN_IDENTITY" ...
#   3. With MACOS_NOTARY_PROFILE set (made once with
#        xcrun notarytool store-credentials pigmeu-notary --apple-id ID --team-id TEAMID --password APP_SPECIFIC_PW),
#      the .dmg is submitted and stapled:
#        xcrun notarytool submit Pigmeu-Copilot-Desktop-<v>.dmg --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
#        xcrun stapler staple Pigmeu-Copilot-Desktop-<v>.dmg
#   4. Check: spctl --assess --type open --context context:primary-signature -v <dmg>
set -euo pipefail
cd "$(dirname "$0")/../../.."
VERSION=$1
APP="dist/Pigmeu Copilot Desktop.app"
DMG="dist/Pigmeu-Copilot-Desktop-$VERSION.dmg"
HERE=infra/packaging/macos
[ -d "$APP" ] || { echo "make-dmg: $APP not found (run infra/build.sh)" >&2; exit 1; }
# The CLI: the same program under the name `pigmeu` (pigmeu_desktop/frozen.py picks the CLI by name).
ln -sf pigmeu-desktop "$APP/Contents/MacOS/pigmeu"
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist" | grep -qx "$VERSION"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  # Inside out: libraries and the Node driver first, the app last (codesign --deep is deprecated).
  find "$APP/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime --entitlements "$HERE/entitlements.plist" \
      -s "$MACOS_SIGN_IDENTITY"
  codesign --force --timestamp --options runtime --entitlements "$HERE/entitlements.plist" \
    -s "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Pigmeu Copilot Desktop" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
rm -rf "$STAGE"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp -s "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "dmg: $(du -h "$DMG" | cut -f1) $DMG" >&2
