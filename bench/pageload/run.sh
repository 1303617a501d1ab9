#!/usr/bin/env bash
# Page load of a generated Vite app (BENCH_MODULES modules, default 300) in a real Chromium, cold, through
#   direct  - straight to the Vite dev server's port (the reference)
#   lpm-h1  - http://pageload.localhost:PROXY through lpm's proxy (HTTP/1.1)
#   lpm-h2  - https://pageload.localhost:PROXY through lpm's proxy, with lpm's CA trusted in Chromium's NSS
#             db, when the proxy speaks TLS (else reported as not available)
# Median of BENCH_RUNS (5) cold loads each, alternating, and the ratios against direct. See bench/README.md.
#
#   bench/pageload/run.sh
#   env: BENCH_MODULES (300), BENCH_SHAPE (fanout | chain), BENCH_RUNS (5), BENCH_WARMUP (3 unrecorded loads
#        per target first), BENCH_NETNS (1: as root, in a
#        network namespace of its own; 0: the host's), BENCH_CA (a CA file to trust;
#        default LPM_HOME/tls/ca.pem of the benchmark's own instance), BENCH_CACHE (where vite and
#        playwright-core are installed; default target/bench-cache/pageload), CHROMIUM (/usr/bin/chromium)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/pageload"
modules="${BENCH_MODULES:-300}"
shape="${BENCH_SHAPE:-fanout}"
runs="${BENCH_RUNS:-5}"
warmup="${BENCH_WARMUP:-3}"
cache="${BENCH_CACHE:-$root/target/bench-cache/pageload}"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
# Pinned: the numbers depend on them. Vite 8 needs node >= 20.19.
vite_version=8.4.1
playwright_version=1.65.2
name=pageload

log() { echo "bench: $*" >&2; }

# --- tools --------------------------------------------------------------------------------------------
missing=()
[ -x "$chromium_bin" ] || missing+=(chromium)
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bench: needs ${missing[*]}: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
command -v node >/dev/null 2>&1 || { echo "bench: needs node >= 20.19 and npm" >&2; exit 1; }
stamp="vite@$vite_version playwright-core@$playwright_version"
if [ "$(cat "$cache/installed" 2>/dev/null)" != "$stamp" ]; then
  log "installing $stamp into $cache ..."
  mkdir -p "$cache"
  npm install --no-audit --no-fund --silent --prefix "$cache" "vite@$vite_version" "playwright-core@$playwright_version" >&2
  echo "$stamp" >"$cache/installed"
fi

# Chromium aborts requests in flight (ERR_NETWORK_CHANGED) when any interface of its network namespace
# changes, and on a machine running containers and tests that happens during a run. As root the
# measuring part runs in a network namespace of its own with only loopback (lpm, Vite and Chromium all
# use nothing else); BENCH_NETNS=0 keeps the host's.
"$root/bin/lpm" --version >/dev/null   # builds target/lpm.jar when it is missing or stale, before leaving the network
if [ "${BENCH_NETNS:-1}" = 1 ] && [ -z "${BENCH_IN_NETNS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
  exec unshare --net -- env BENCH_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
[ -n "${BENCH_IN_NETNS:-}" ] && log "in a network namespace of its own (loopback only)"

# --- cleanup ------------------------------------------------------------------------------------------
tmp=""
pids=()
cleanup() {
  local status=$?
  set +e
  if [ -n "$tmp" ] && [ -f "$tmp/lpm-home/lpm.lock" ]; then
    local lock_pid; lock_pid=$(tr -cd '0-9' <"$tmp/lpm-home/lpm.lock")
    [ -n "$lock_pid" ] && pids+=("$lock_pid")
  fi
  # The daemon stops its services (the Vite server) on SIGTERM.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  [ -n "$tmp" ] && rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lpm-bench-pageload.XXXXXX")
chmod 755 "$tmp"

# --- the app ------------------------------------------------------------------------------------------
node "$here/generate.mjs" "$tmp/app" "$modules" "$shape" >&2
ln -s "$cache/node_modules" "$tmp/app/node_modules"
cp "$here/load.mjs" "$tmp/app/load.mjs"   # resolves playwright-core from the app's node_modules

# --- lpm with the app registered ------------------------------------------------------------------------
export LPM_HOME="$tmp/lpm-home"
mkdir -m 700 -p "$LPM_HOME"
proxy_port=$(free_port)
export LPM_PROXY_PORT="$proxy_port"
printf '{ "proxyPort": %s }\n' "$proxy_port" >"$LPM_HOME/settings.json"
"$root/bin/lpm" daemon >"$tmp/lpm-daemon.log" 2>&1 </dev/null &
pids+=("$!")
for _ in $(seq 150); do "$root/bin/lpm" status >/dev/null 2>&1 && break; sleep 0.2; done
"$root/bin/lpm" status >/dev/null 2>&1 || { log "lpm daemon did not start:"; tail -n 20 "$tmp/lpm-daemon.log" >&2; exit 1; }
"$root/bin/lpm" register "$name" --cwd "$tmp/app" --start-timeout 60s -- \
  node "$cache/node_modules/vite/bin/vite.js" --port '{port}' --strictPort --host 127.0.0.1 >&2
read -r vite_port vite_pid < <("$root/bin/lpm" list --json | python3 -c 'import json, sys; s = [s for s in json.load(sys.stdin) if s["name"] == "'"$name"'"][0]; print(s["port"], s["pid"])')
lpm_pid=${pids[0]}   # bin/lpm execs java: the daemon itself

targets=("{\"name\": \"direct\", \"url\": \"http://127.0.0.1:$vite_port/\"}"
         "{\"name\": \"lpm-h1\", \"url\": \"http://$name.localhost:$proxy_port/\"}")

# HTTPS through the proxy only when it answers TLS and a CA file exists to trust: never -k, never faked.
home="$tmp/browser-home"
mkdir -p "$home/.pki/nssdb"
https_url="https://$name.localhost:$proxy_port/"
h2_note=""
curl -sk -o /dev/null --max-time 5 "$https_url" || true   # lpm makes its CA on first use
ca="${BENCH_CA:-$LPM_HOME/tls/ca.pem}"
if ! curl -s -o /dev/null --max-time 5 -k "$https_url"; then
  h2_note="not available (no TLS on the proxy yet)"
elif [ ! -f "$ca" ]; then
  h2_note="not available (the proxy speaks TLS, but there is no CA file at $ca; set BENCH_CA)"
elif ! curl -s -o /dev/null --max-time 5 --cacert "$ca" "$https_url"; then
  h2_note="not available (curl does not trust the proxy's certificate with $ca)"
else
  certutil -N -d "sql:$home/.pki/nssdb" --empty-password
  certutil -A -d "sql:$home/.pki/nssdb" -n "lpm bench CA" -t "C,," -i "$ca"
  targets+=("{\"name\": \"lpm-h2\", \"url\": \"$https_url\"}")
fi

config=$(printf '{"chromium": "%s", "runs": %s, "warmup": %s, "home": "%s", "cpu": {"lpm": %s, "vite": %s}, "targets": [%s]}' \
  "$chromium_bin" "$runs" "$warmup" "$home" "$lpm_pid" "$vite_pid" "$(IFS=,; echo "${targets[*]}")")
log "$modules modules ($shape), $runs cold loads per target; Vite $vite_version on port $vite_port, lpm proxy on $proxy_port"
summary=$(cd "$tmp/app" && node load.mjs "$config")

python3 - "$summary" "$h2_note" <<'PY'
import json, sys
rows, h2_note = json.loads(sys.argv[1]), sys.argv[2]
print(f"{'target':8} {'median ms':>10} {'ratio':>6} {'requests':>9}  protocol (requests)  {'CPU ms: machine':>15} {'lpm':>5} {'vite':>5}  runs ms")
for r in rows:
    protocols = ", ".join(f"{p} ({n})" for p, n in r["protocols"].items())
    runs = " ".join(f"{x:.0f}" for x in r["runs"])
    median = f"{r['median']:10.0f}" if r["median"] is not None else f"{'-':>10}"
    ratio = f"{r['ratio']:6.2f}" if r["ratio"] is not None else f"{'-':>6}"
    cpu = r.get("cpu", {})
    cpu_text = " ".join(f"{cpu[k]:{w}.0f}" if k in cpu else f"{'-':>{w}}" for k, w in (("machine", 15), ("lpm", 5), ("vite", 5)))
    print(f"{r['name']:8} {median} {ratio} {r['requests'] or '-':>9}  {protocols:20} {cpu_text}  {runs}")
    for failure in r["failures"]:
        print(f"{'':8} a load failed (not in the median): {failure}")
if h2_note:
    print(f"{'lpm-h2':8} {h2_note}")
print("ratio: median / the direct median (below 1 is faster than direct)")
print("CPU ms: medians per load of the whole machine's busy time, lpm's daemon and the Vite server (each with its children)")
PY
