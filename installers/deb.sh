#!/usr/bin/env bash
# Builds target/installer/localportmanager_VERSION_amd64.deb (Debian, Ubuntu).
#
# Prerequisites: JDK 25 (with jpackage), Maven, and the Debian packaging tools:
#   apt-get install fakeroot dpkg-dev
# Installs to /opt/localportmanager; its postinst links /usr/bin/lpm, its prerm removes the link.
# Install: sudo apt install ./target/installer/localportmanager_*.deb   Remove: sudo apt remove localportmanager
# LPM_SKIP_BUILD=1 reuses target/lpm.jar; LPM_NO_AOT=1 skips the AOT cache training.
set -euo pipefail
for tool in fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "deb.sh needs $tool: apt-get install fakeroot dpkg-dev" >&2; exit 1; }
done
exec "$(dirname "$0")/linux-package.sh" deb
