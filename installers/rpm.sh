#!/usr/bin/env bash
# Builds target/installer/localportmanager-VERSION-1.x86_64.rpm (Fedora, RHEL, openSUSE).
#
# Prerequisites: JDK 25 (with jpackage), Maven, and rpmbuild:
#   dnf install rpm-build   (Debian/Ubuntu: apt-get install rpm)
# Installs to /opt/localportmanager; the spec's %post links /usr/bin/lpm, %preun removes the link.
# Install: sudo dnf install ./target/installer/localportmanager-*.rpm   Remove: sudo dnf remove localportmanager
# LPM_SKIP_BUILD=1 reuses target/lpm.jar; LPM_NO_AOT=1 skips the AOT cache training.
set -euo pipefail
command -v rpmbuild >/dev/null || { echo "rpm.sh needs rpmbuild: dnf install rpm-build (Debian: apt-get install rpm)" >&2; exit 1; }
exec "$(dirname "$0")/linux-package.sh" rpm
