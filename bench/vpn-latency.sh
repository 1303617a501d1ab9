#!/usr/bin/env bash
# VPN detection latency (interface up -> event, p50/p95) and the detector's idle CPU, measured in a
# network namespace of its own (needs root, iproute2, python3, /dev/net/tun). See bench/README.md.
# Arguments: [runs=50] [idle-seconds=10] [interface-interval-ms=250]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.lpm.vpn.VpnLatencyBench "$@"
