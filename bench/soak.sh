#!/usr/bin/env bash
# The soak test (src/test/java/dev/lpm/it/SoakIT.java) for longer than CI's five minutes: an lpm instance as a
# normal user in the docker group with 12 services and 2 aliases, proxy traffic, a WebSocket, control
# requests twice a second and CLI calls, random stops and restarts, a VPN (tun) going up and down.
# Needs root (it creates the test user and the tun device), a running Docker engine and what .ci/run installs.
#
#   bench/soak.sh --minutes 60
#
# Prints the report (control and CLI latency p50/p99/max, requests served/failed, WebSocket echoes, daemon
# RSS/threads/open files at start and end, SIGTERM-to-exit time) and writes it to target/soak-report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "usage: bench/soak.sh [--minutes N]" >&2; exit 2 ;;
  esac
done
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
# Failsafe's own timeout is off; the test ends itself after the given time plus its clean stop.
mvn -B -ntp -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT \
  -Dlpm.soak.seconds=$((minutes * 60)) -Dlpm.soak.report="$PWD/target/soak-report.txt"
cat target/soak-report.txt
