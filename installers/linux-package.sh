#!/usr/bin/env bash
# Shared by deb.sh and rpm.sh: builds the app image (app-image.sh), then packages it as $1 (deb|rpm)
# into target/installer/ with the Linux options (jpackage/linux.opts: menu entry, /opt install dir,
# the /usr/bin/lpm link made by the postinst/spec templates in jpackage/linux-resources).
set -euo pipefail
type=$1
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/find-jdk)
installers/app-image.sh
version=$(cat target/installer-version)
rm -f target/installer/*."$type"
"$JAVA_HOME/bin/jpackage" --type "$type" --app-image target/installer/image/LocalPortManager \
  @jpackage/common.opts @jpackage/linux.opts --app-version "$version" --dest target/installer
ls -1 target/installer/*."$type"
