#!/usr/bin/env bash
# Start-up of the desktop app (`lpm` with no arguments) from the app image, in a real XEmbed tray:
#   proxy-ready = from exec until its proxy answers curl on 127.0.0.1:PORT
#   tray-ready  = from exec until the tray icon is embedded: a window inside trayer's "panel" window
#                 holds a client window (xwininfo -tree), i.e. the tray accepted the XEmbed dock request
#   line        = from exec until the app printed "... its icon is in the system tray" (secondary marker)
#   CPU         = the app's utime+stime (/proc/PID/stat) when the tray icon was embedded: the work done
#                 to get there, which, unlike the wall-clock times, hardly moves when other processes
#                 compete for the CPU
#   idle RSS    = VmRSS from /proc/PID/status 10 s after start
# N runs each (default 5), with the image's AOT cache and without it (JAVA_TOOL_OPTIONS=-XX:AOTMode=off),
# alternating, so a load that comes and goes hits both alike; prints the medians. Each run uses a fresh LPM_HOME, a free LPM_PROXY_PORT, and the same private
# Xvfb + trayer, which the script starts and kills on exit (also on Ctrl-C).
# Usage: bench/startup-desktop.sh [RUNS] [APP_IMAGE_DIR]   (Linux; apt-get install xvfb trayer x11-utils curl)
# LAUNCHER=LocalPortManager measures the menu entry's launcher (its own AOT cache) instead of `lpm`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
image=${2:-target/installer/image/LocalPortManager}
launcher="$image/bin/${LAUNCHER:-lpm}"
[[ -x "$launcher" ]] || { echo "no app image at $image: run installers/app-image.sh" >&2; exit 1; }
for tool in Xvfb trayer xwininfo curl python3; do
  command -v "$tool" >/dev/null || { echo "startup-desktop.sh needs $tool (apt-get install xvfb trayer x11-utils curl python3)" >&2; exit 1; }
done

pid= xvfb= trayer= home=
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  if [[ -n "$trayer" ]]; then kill "$trayer" 2>/dev/null || true; wait "$trayer" 2>/dev/null || true; fi
  if [[ -n "$xvfb" ]]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  [[ -z "$home" ]] || rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A display number nobody uses (no lock file, no socket).
display=
for n in $(seq 60 99); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] || { display=$n; break; }
done
[[ -n "$display" ]] || { echo "no free X display number in :60-:99" >&2; exit 1; }
export DISPLAY=:$display
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.05; done
xwininfo -root >/dev/null 2>&1 || { echo "Xvfb $DISPLAY did not start" >&2; exit 1; }
trayer --edge top --align right --widthtype pixel --width 200 --heighttype pixel --height 24 >/dev/null 2>&1 &
trayer=$!
panel=
for _ in $(seq 1 100); do
  panel=$(xwininfo -root -tree 2>/dev/null | awk '/"panel": \("panel" "trayer"\)/ { print $1; exit }')
  [[ -n "$panel" ]] && break
  sleep 0.05
done
[[ -n "$panel" ]] || { echo "trayer did not show its panel" >&2; exit 1; }

# Something embedded in the tray: a window two levels below the panel (socket window -> client window).
embedded() { xwininfo -id "$panel" -tree 2>/dev/null | grep -Eq '^ {11,}0x'; }
embedded && { echo "the tray already holds an icon before the app started" >&2; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }

one_run() { # $1 = JAVA_TOOL_OPTIONS; sets result="proxy_ms tray_ms line_ms rss_kb cpu_ms"
  home=$(mktemp -d)
  local port start proxy= tray= line= rss cpu=
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  LPM_HOME="$home" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS="$1" "$launcher" >"$home/out.log" 2>&1 &
  pid=$!
  while [[ -z "$proxy" || -z "$tray" || -z "$line" ]]; do
    kill -0 "$pid" 2>/dev/null || { cat "$home/out.log" >&2; exit 1; }
    (( $(ms_since "$start") < 60000 )) || { echo "not ready after 60 s:" >&2; cat "$home/out.log" >&2; exit 1; }
    [[ -n "$tray" ]] || ! embedded || { tray=$(ms_since "$start"); cpu=$(cpu_ms "$pid"); }
    [[ -n "$proxy" ]] || ! curl -s -o /dev/null "http://127.0.0.1:$port/" || proxy=$(ms_since "$start")
    [[ -n "$line" ]] || ! grep -q 'its icon is in the system tray' "$home/out.log" || line=$(ms_since "$start")
    sleep 0.01
  done
  local left=$(( 10000 - $(ms_since "$start") ))
  if (( left > 0 )); then sleep "$(awk -v ms="$left" 'BEGIN { print ms / 1000 }')"; fi
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  for _ in $(seq 1 100); do embedded || break; sleep 0.05; done   # the icon leaves the tray
  rm -rf "$home"; home=
  result="$proxy $tray $line $rss $cpu"
}

results_aot= results_noaot=
for _ in $(seq 1 "$runs"); do
  one_run ""; results_aot+="$result"$'\n'
  one_run "-XX:AOTMode=off"; results_noaot+="$result"$'\n'
done
for mode in aot no-aot; do
  results=$results_aot; [[ "$mode" == no-aot ]] && results=$results_noaot
  results=${results%$'\n'}
  col() { echo "$results" | awk -v c="$1" '{ print $c }' | median; }
  rss=$(col 4)
  echo "$mode: median proxy-ready $(col 1) ms, tray-ready $(col 2) ms (stdout line $(col 3) ms)," \
    "CPU to tray-ready $(col 5) ms, idle RSS after 10 s $(( ${rss%.*} / 1024 )) MiB"
  echo "  $runs runs (proxy/tray/line/CPU ms, RSS MiB): $(echo "$results" | awk '{ printf "%s/%s/%s/%s %d;  ", $1, $2, $3, $5, $4 / 1024 }')"
done
