#!/usr/bin/env bash
# Builds the native package for the OS it runs on from the target/lpm.jar already built; this is what
# `mvn -Ppackage package` runs after packaging the jar (the build is not repeated: LPM_SKIP_BUILD=1).
#   Linux: a .deb when dpkg-deb is installed, else an .rpm when rpmbuild is; LPM_INSTALLER=deb|rpm|app-image
#          picks one (-Dlpm.installer=... from Maven)
#   macOS: a .dmg (dmg.sh)            Windows: the profile runs installers/msi.ps1 instead
# Output in target/installer/. The app image is built (and its AOT cache trained) on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
# The scripts work in target/; a Maven build redirected elsewhere (-Dlpm.buildDir) would package a stale jar.
if [[ -n "${LPM_TARGET:-}" && "$(cd "$LPM_TARGET" 2>/dev/null && pwd -P)" != "$(pwd -P)/target" ]]; then
  echo "native-package.sh: the installer scripts package target/, but this build wrote $LPM_TARGET;" \
    "build without -Dlpm.buildDir" >&2
  exit 1
fi
export LPM_SKIP_BUILD=1
kind=${LPM_INSTALLER:-}
case "$(uname -s)" in
  Darwin) kind=${kind:-dmg} ;;
  Linux)
    if [[ -z "$kind" ]]; then
      if command -v dpkg-deb >/dev/null; then kind=deb
      elif command -v rpmbuild >/dev/null; then kind=rpm
      else echo "native-package.sh: neither dpkg-deb (apt-get install dpkg-dev fakeroot) nor rpmbuild" \
        "(dnf install rpm-build) is installed; building the app image only" >&2; kind=app-image
      fi
    fi ;;
  *) echo "native-package.sh runs on Linux and macOS; on Windows use installers/msi.ps1" >&2; exit 2 ;;
esac
case "$kind" in
  deb|rpm|dmg|app-image) exec "installers/$kind.sh" ;;
  *) echo "native-package.sh: unknown installer '$kind' (deb, rpm, dmg or app-image)" >&2; exit 2 ;;
esac
