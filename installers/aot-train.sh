#!/usr/bin/env bash
# Trains the AOT caches (JEP 483/514, the JDK 25 form of AppCDS) of an app image and points each
# launcher's .cfg at its own. A cache holds the classes loaded and linked in one training run, so later
# starts skip parsing and verifying them. The JVM ignores a cache that does not match (other JDK, other
# class path) and starts normally.
#
#   lpm.aot               for the `lpm` launcher (CLI, `lpm daemon`, also `lpm` with no arguments):
#                         trained by `lpm daemon` until its proxy answers.
#   LocalPortManager.aot  for the LocalPortManager launcher (the menu entry and the login autostart
#                         start it; it is always the desktop app): trained by it on a private Xvfb with
#                         an XEmbed tray (trayer) until its proxy answers and its icon is in the tray,
#                         then `lpm show` opens the window once. Needs Xvfb, trayer and xwininfo
#                         (apt-get install xvfb trayer x11-utils); without them, or with LPM_AOT_TRAIN=daemon,
#                         both launchers use lpm.aot.
# Why two: one cache trained by the desktop app also serves the daemon, but the JVM maps and relocates
# the whole cache, so the daemon then starts with ~200 ms more CPU and ~30 MiB more RSS; a cache
# trained by the daemon leaves the desktop app ~10% more CPU to reach the tray (bench/startup*.sh).
# Usage: installers/aot-train.sh LAUNCHER APP_DIR   (LAUNCHER: the image's `lpm`; app-image.sh calls it)
set -euo pipefail
launcher=$1
app_dir=$2
gui_launcher="$(dirname "$launcher")/LocalPortManager"
home=$(mktemp -d)
pid= xvfb= trayer=
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  if [[ -n "$trayer" ]]; then kill "$trayer" 2>/dev/null || true; wait "$trayer" 2>/dev/null || true; fi
  if [[ -n "$xvfb" ]]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  rm -rf "$home"
}
trap cleanup EXIT

desktop=1
if [[ "${LPM_AOT_TRAIN:-}" == daemon ]]; then
  desktop=0
elif [[ "$(uname -s)" != Linux || ! -x "$gui_launcher" ]] || ! command -v Xvfb >/dev/null \
    || ! command -v trayer >/dev/null || ! command -v xwininfo >/dev/null; then
  desktop=0
  echo "aot-train.sh: no desktop training (Linux with xvfb, trayer, x11-utils); both launchers use lpm.aot" >&2
fi

# The JVM accepts a cache only while the jars keep the modification times they had in training, and
# jpackage does not keep them when it copies the image into a package; pin them to a fixed time here
# and in the packages' postinst / %post (jpackage/linux-resources).
find "$app_dir" -name '*.jar' -exec touch -d @946684800 {} +
rm -f "$app_dir"/*.aot
for cfg in "$app_dir"/*.cfg; do   # trained before: a launcher must not load an old cache while recording
  sed -i '/^java-options=-XX:AOTCache=/d' "$cfg"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop_run() { if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi; pid=; }

# train CACHE MODE LAUNCHER [ARGS...]: one recorded run until ready, then SIGTERM (a normal exit writes
# the cache). Returns 1 (the run stopped) when it fails.
train() {
  local cache=$1 mode=$2 exe=$3 port log="$home/train-$2.log"
  shift 3
  port=$(free_port)
  rm -rf "$home/lpm"
  LPM_HOME="$home/lpm" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache" "$exe" "$@" >"$log" 2>&1 &
  pid=$!
  ready() {
    curl -s -o /dev/null "http://127.0.0.1:$port/" || return 1
    [[ "$mode" == daemon ]] || grep -q 'its icon is in the system tray' "$log"
  }
  for _ in $(seq 1 600); do
    ready && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  ready || { echo "training run ($mode) did not start:" >&2; tail -20 "$log" >&2; stop_run; return 1; }
  curl -s -o /dev/null -H "Host: nothing.localhost" "http://127.0.0.1:$port/" || true
  if [[ "$mode" == desktop ]]; then
    # The window, as a click on the tray icon opens it (this CLI process records nothing).
    LPM_HOME="$home/lpm" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS=-XX:AOTMode=off "$launcher" show >>"$log" 2>&1 \
      || { echo "training run: lpm show failed:" >&2; tail -20 "$log" >&2; stop_run; return 1; }
    sleep 3
  fi
  stop_run
  [[ -s "$cache" ]] || { echo "no AOT cache written ($mode):" >&2; tail -20 "$log" >&2; return 1; }
  echo "AOT cache ($mode training): $cache ($(du -h "$cache" | cut -f1))"
}

train "$app_dir/lpm.aot" daemon "$launcher" daemon || exit 1
gui_cache=lpm.aot
if [[ "$desktop" == 1 ]]; then
  display=
  for n in $(seq 60 99); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] || { display=$n; break; }
  done
  [[ -n "$display" ]] || { echo "aot-train.sh: no free X display number in :60-:99" >&2; exit 1; }
  export DISPLAY=:$display
  unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS   # the user's session stays out of the training run
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 1 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.05; done
  xwininfo -root >/dev/null 2>&1 || { echo "aot-train.sh: Xvfb $DISPLAY did not start" >&2; exit 1; }
  trayer --edge top --align right --widthtype pixel --width 200 --heighttype pixel --height 24 >/dev/null 2>&1 &
  trayer=$!
  # trayer shows its panel once it owns the tray selection; a loaded machine may take seconds.
  for _ in $(seq 1 400); do xwininfo -root -tree 2>/dev/null | grep -q '"panel": ("panel" "trayer")' && break; sleep 0.05; done
  # A failed desktop training costs the desktop app some start-up time, not the build.
  if train "$app_dir/LocalPortManager.aot" desktop "$gui_launcher"; then
    gui_cache=LocalPortManager.aot
  else
    rm -f "$app_dir/LocalPortManager.aot"
    echo "aot-train.sh: WARNING: the desktop training run failed (above); LocalPortManager uses lpm.aot" >&2
  fi
fi

point_at() { # CFG CACHE_FILE_NAME
  awk -v cache="$2" '{ print } /^\[JavaOptions\]/ { print "java-options=-XX:AOTCache=$APPDIR/" cache }' "$1" >"$1.new"
  mv "$1.new" "$1"
}
for cfg in "$app_dir"/*.cfg; do
  case "$(basename "$cfg")" in
    LocalPortManager.cfg) point_at "$cfg" "$gui_cache" ;;
    *) point_at "$cfg" lpm.aot ;;
  esac
done
