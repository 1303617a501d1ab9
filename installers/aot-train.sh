#!/usr/bin/env bash
# Trains an AOT cache (JEP 483/514, the JDK 25 form of AppCDS) for an app image by starting
# `lpm daemon` once until its proxy answers, and points both launchers' .cfg at it. The cache holds
# the classes loaded and linked in that run, so later starts skip parsing and verifying them.
# The JVM ignores a cache that does not match (other JDK, other class path) and starts normally.
# Usage: installers/aot-train.sh LAUNCHER APP_DIR   (app-image.sh calls it)
set -euo pipefail
launcher=$1
app_dir=$2
cache="$app_dir/lpm.aot"
home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  rm -rf "$home"
}
trap cleanup EXIT

# The JVM accepts the cache only while the jars keep the modification times they had in training, and
# jpackage does not keep them when it copies the image into a package; pin them to a fixed time here
# and in the packages' postinst / %post (jpackage/linux-resources).
find "$app_dir" -name '*.jar' -exec touch -d @946684800 {} +
rm -f "$cache"
LPM_HOME="$home" LPM_PROXY_PORT="$port" JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$cache" \
  "$launcher" daemon >"$home/train.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "training run did not start:" >&2; tail -20 "$home/train.log" >&2; exit 1; }
curl -s -o /dev/null -H "Host: nothing.localhost" "http://127.0.0.1:$port/" || true
kill "$pid"                   # a normal exit (SIGTERM) writes the cache
wait "$pid" || true
pid=
[[ -s "$cache" ]] || { echo "no AOT cache written:" >&2; tail -20 "$home/train.log" >&2; exit 1; }
for cfg in "$app_dir"/*.cfg; do
  awk '{ print } /^\[JavaOptions\]/ { print "java-options=-XX:AOTCache=$APPDIR/lpm.aot" }' "$cfg" >"$cfg.new"
  mv "$cfg.new" "$cfg"
done
echo "AOT cache: $cache ($(du -h "$cache" | cut -f1))"
