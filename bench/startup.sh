#!/usr/bin/env bash
# Start-up time and idle memory of the packaged app (installers/app-image.sh builds it):
#   cold start = from exec of `lpm daemon` until its proxy answers curl on 127.0.0.1:PORT
#   idle RSS   = VmRSS from /proc/PID/status 10 s after start
# N runs each (default 5), with the image's AOT cache and without it (JAVA_TOOL_OPTIONS=-XX:AOTMode=off);
# prints the medians. Each run uses a fresh LPM_HOME and a free LPM_PROXY_PORT.
# Usage: bench/startup.sh [RUNS] [APP_IMAGE_DIR]   (Linux; the tray-icon-ready time needs the UI)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=${2:-target/installer/image/LocalPortManager}
launcher="$image/bin/lpm"
[[ -x "$launcher" ]] || { echo "no app image at $image: run installers/app-image.sh" >&2; exit 1; }
pid=
home=
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  [[ -z "$home" ]] || rm -rf "$home"
}
trap cleanup EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_run() { # $1 = JAVA_TOOL_OPTIONS; prints "start_ms rss_kb"
  home=$(mktemp -d)
  local port start ready rss
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  LPM_HOME="$home" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS="$1" "$launcher" daemon >"$home/out.log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { cat "$home/out.log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(date +%s%N)
  sleep 10
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rm -rf "$home"; home=
  echo "$(( (ready - start) / 1000000 )) $rss"
}

for mode in aot no-aot; do
  opts=""; [[ "$mode" == no-aot ]] && opts="-XX:AOTMode=off"
  results=$(for _ in $(seq 1 "$runs"); do one_run "$opts"; done)
  ms=$(echo "$results" | awk '{ print $1 }' | median)
  rss=$(echo "$results" | awk '{ print $2 }' | median)
  echo "$mode: cold start to proxy-ready median ${ms} ms, idle RSS after 10 s median $(( ${rss%.*} / 1024 )) MiB ($runs runs: $(echo "$results" | awk '{ printf "%s ms/%d MiB  ", $1, $2 / 1024 }'))"
done
