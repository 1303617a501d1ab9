#!/usr/bin/env bash
# Builds target/installer/LocalPortManager-VERSION.dmg (macOS). Not run in CI (Linux only).
#
# Prerequisites: macOS with Xcode command line tools (xcode-select --install: hdiutil, codesign),
# JDK 25 (with jpackage), Maven, and icons/lpm.icns (iconutil -c icns from an .iconset of lpm.png).
# Unsigned unless you add --mac-sign --mac-signing-key-user-name "..." to jpackage/macos.opts.
# `lpm` on PATH: ln -s /Applications/LocalPortManager.app/Contents/MacOS/lpm /usr/local/bin/lpm
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "$(uname -s)" == Darwin ]] || { echo "dmg.sh runs on macOS only" >&2; exit 2; }
[[ -f icons/lpm.icns ]] || { echo "dmg.sh needs icons/lpm.icns (iconutil -c icns lpm.iconset)" >&2; exit 1; }
JAVA_HOME=$(bin/find-jdk)
installers/app-image.sh
version=$(cat target/installer-version)
"$JAVA_HOME/bin/jpackage" --type dmg --app-image target/installer/image/LocalPortManager.app \
  @jpackage/common.opts @jpackage/macos.opts --app-version "$version" --dest target/installer
ls -1 target/installer/*.dmg
