#!/usr/bin/env bash
# Builds the LocalPortManager app image (Linux, macOS): target/installer/image/LocalPortManager
# (on macOS LocalPortManager.app), with launchers `LocalPortManager` and `lpm`. The native package
# scripts (deb.sh, rpm.sh, dmg.sh) package this image.
#
# Prerequisites: a JDK 25 (bin/find-jdk finds it; jlink and jpackage come with it) and Maven.
# Steps:
#   1. mvn package (unless LPM_SKIP_BUILD=1): target/lpm.jar + target/libs/
#   2. target/jpackage/input: lpm.jar + libs/ without the JavaFX jars (they go into the runtime)
#   3. target/jpackage/runtime: jlink of the JDK modules lpm needs + the JavaFX modules, with the
#      JavaFX native libraries copied into the runtime's lib/ so JavaFX loads them from there
#      instead of unpacking them into ~/.openjfx/cache on first start
#   4. jpackage --type app-image @jpackage/common.opts @jpackage/app-image.opts @jpackage/app-image.opts
#   5. AOT caches (JDK 25 AppCDS successor), unless LPM_NO_AOT=1: lpm.aot trained by `lpm daemon`,
#      and LocalPortManager.aot trained by the desktop app on a private Xvfb + trayer when those are
#      installed (installers/aot-train.sh); see bench/startup.sh and bench/startup-desktop.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
jdk_bin="$JAVA_HOME/bin"
target="$repo/target"
work="$target/jpackage"
image_dir="$target/installer/image"

# The JDK modules lpm and its libraries use: jdeps --print-module-deps over lpm.jar and libs/, plus
# what is loaded reflectively or by service lookup (naming: docker-java; zipfs: jar file systems;
# charsets + crypto.ec: TLS and odd encodings; jdk.management: OSHI's process metrics).
JDK_MODULES=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,\
java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.net,\
jdk.security.auth,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs
FX_MODULES=javafx.base,javafx.graphics,javafx.controls,javafx.swing

case "$(uname -s)" in
  Darwin) os=macos; icon=icons/lpm.icns ;;
  Linux) os=linux; icon=icons/lpm.png ;;
  *) echo "app-image.sh runs on Linux and macOS; on Windows use installers/msi.ps1" >&2; exit 2 ;;
esac

if [[ "${LPM_SKIP_BUILD:-0}" != 1 ]]; then
  bin/test -q -DskipTests package
fi
[[ -f "$target/lpm.jar" ]] || { echo "no target/lpm.jar: run without LPM_SKIP_BUILD=1" >&2; exit 1; }

# The pom's version, as Maven wrote it into the jar; packages want numbers only (deb, rpm, msi).
version=$(unzip -p "$target/lpm.jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
version=${version%-SNAPSHOT}
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,3}$ ]] || { echo "version '$version' is not numeric (x.y.z)" >&2; exit 1; }
echo "$version" >"$target/installer-version"

rm -rf "$work" "$image_dir"
mkdir -p "$work/input/libs" "$image_dir"
cp "$target/lpm.jar" "$work/input/"
fx_jars=()
for jar in "$target"/libs/*.jar; do
  name=$(basename "$jar")
  if [[ "$name" =~ ^javafx-[a-z]+-[0-9.]+-.+\.jar$ ]]; then
    fx_jars+=("$jar")          # the platform jar with classes and natives: into the runtime
  elif [[ "$name" =~ ^javafx- ]]; then
    :                          # the empty per-module placeholder jar: not needed anywhere
  else
    cp "$jar" "$work/input/libs/"
  fi
done
[[ ${#fx_jars[@]} -gt 0 ]] || { echo "no platform JavaFX jars in target/libs" >&2; exit 1; }

module_path=$(IFS=:; echo "${fx_jars[*]}")
"$jdk_bin/jlink" --module-path "$module_path" --add-modules "$JDK_MODULES,$FX_MODULES" \
  --strip-debug --no-header-files --no-man-pages --output "$work/runtime" \
  --exclude-resources 'regex:/javafx\.[a-z]+/[^/]+\.(so|dylib|dll)'   # copied to lib/ below, not kept twice
for jar in "${fx_jars[@]}"; do
  (cd "$work/runtime/lib" && unzip -qo "$jar" '*.so' '*.dylib' 2>/dev/null || true)
done

"$jdk_bin/jpackage" --type app-image @jpackage/common.opts @jpackage/app-image.opts --icon "$icon" \
  --app-version "$version" --input "$work/input" --runtime-image "$work/runtime" --dest "$image_dir"

if [[ "$os" == linux ]]; then
  app="$image_dir/LocalPortManager"
  app_dir="$app/lib/app"
  launcher="$app/bin/lpm"
  # The firewall helper's systemd unit; the packages' postinst installs it (jpackage places no file outside /opt).
  cp jpackage/systemd/lpm-helper.service "$app/lib/lpm-helper.service"
else
  app="$image_dir/LocalPortManager.app"
  app_dir="$app/Contents/app"
  launcher="$app/Contents/MacOS/lpm"
fi

if [[ "${LPM_NO_AOT:-0}" != 1 ]]; then
  installers/aot-train.sh "$launcher" "$app_dir"
fi
echo "app image: $app (version $version)"
