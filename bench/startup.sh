#!/usr/bin/env bash
# Start-up time and idle memory of the packaged app (installers/app-image.sh builds it):
#   cold start = from exec of `lpm daemon` until its proxy answers curl on 127.0.0.1:PORT
#   CPU        = the daemon's utime+stime (/proc/PID/stat) when the proxy answered: hardly moves when
#                other processes compete for the CPU, unlike the wall-clock time
#   idle RSS   = VmRSS from /proc/PID/status 10 s after start
# N runs each (default 5), with the image's AOT cache and without it (JAVA_TOOL_OPTIONS=-XX:AOTMode=off),
# alternating; prints the medians. Each run uses a fresh LPM_HOME and a free LPM_PROXY_PORT.
# Usage: bench/startup.sh [RUNS] [APP_IMAGE_DIR]   (Linux; the desktop app: bench/startup-desktop.sh)
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
trap 'exit 130' INT TERM

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }

one_run() { # $1 = JAVA_TOOL_OPTIONS; sets result="start_ms rss_kb cpu_ms"
  home=$(mktemp -d)
  local port start ready rss cpu
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  LPM_HOME="$home" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS="$1" "$launcher" daemon >"$home/out.log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { cat "$home/out.log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(date +%s%N)
  cpu=$(cpu_ms "$pid")
  sleep 10
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rm -rf "$home"; home=
  result="$(( (ready - start) / 1000000 )) $rss $cpu"
}

results_aot= results_noaot=
for _ in $(seq 1 "$runs"); do
  one_run ""; results_aot+="$result"$'\n'
  one_run "-XX:AOTMode=off"; results_noaot+="$result"$'\n'
done
for mode in aot no-aot; do
  results=$results_aot; [[ "$mode" == no-aot ]] && results=$results_noaot
  results=${results%$'\n'}
  ms=$(echo "$results" | awk '{ print $1 }' | median)
  rss=$(echo "$results" | awk '{ print $2 }' | median)
  cpu=$(echo "$results" | awk '{ print $3 }' | median)
  echo "$mode: cold start to proxy-ready median ${ms} ms (CPU ${cpu} ms), idle RSS after 10 s median $(( ${rss%.*} / 1024 )) MiB ($runs runs: $(echo "$results" | awk '{ printf "%s ms/%s ms CPU/%d MiB  ", $1, $3, $2 / 1024 }'))"
done
