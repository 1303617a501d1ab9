#!/usr/bin/env bash
# Proxy throughput and latency: the same static backend (an nginx on 127.0.0.1) measured
#   direct  - wrk straight to the backend
#   nginx   - through nginx as a keep-alive reverse proxy (the reference)
#   lpm     - through lpm's proxy (bin/lpm daemon, the backend registered as `lpm alias bench PORT`)
# for a 13-byte response and a 1 MiB one, then the ratios lpm/nginx. The two proxies are measured in
# BENCH_ROUNDS alternating rounds (nginx first in odd rounds, lpm first in even ones) and every number
# reported is the median over the rounds: one run on a shared machine catches stalls that are not the
# proxy's. Everything listens on 127.0.0.1 only; every process and temp dir is removed on exit. See
# bench/README.md.
#
#   bench/proxy.sh [--quick] [--idle]
#     --quick   3 s per run, one round (a smoke run)
#     --idle    also hold BENCH_IDLE_CONNECTIONS (5000) idle keep-alive connections through each proxy
#               and report the proxy's memory per connection (bench/idle_connections.py)
#   env: BENCH_DURATION (10s), BENCH_ROUNDS (5), BENCH_WARMUP (10s, unrecorded, per proxy), BENCH_CONNECTIONS (50),
#        BENCH_THREADS (2), BENCH_IDLE_CONNECTIONS (5000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

quick=0
idle=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --idle) idle=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
default_duration=10s
[ "$quick" = 1 ] && default_duration=3s
duration="${BENCH_DURATION:-$default_duration}"
default_warmup=10s
[ "$quick" = 1 ] && default_warmup=3s
warmup_duration="${BENCH_WARMUP:-$default_warmup}"
default_rounds=5
[ "$quick" = 1 ] && default_rounds=1
rounds="${BENCH_ROUNDS:-$default_rounds}"
connections="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"
idle_connections="${BENCH_IDLE_CONNECTIONS:-5000}"
host_header="bench.localhost"

log() { echo "bench: $*" >&2; }

# --- tools ------------------------------------------------------------------------------------------
nginx_bin() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [ -n "$(nginx_bin)" ] || missing+=(nginx)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ "${#missing[@]}" = 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "bench: needs ${missing[*]}: install them (Debian: apt-get install wrk nginx-light python3)" >&2
    exit 1
  fi
  local pkgs=()
  for m in "${missing[@]}"; do
    case "$m" in nginx) pkgs+=(nginx-light) ;; *) pkgs+=("$m") ;; esac
  done
  log "installing ${pkgs[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    if ! apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null; then
      # Newer Debian releases have no nginx-light; plain nginx is the same server.
      pkgs=("${pkgs[@]/nginx-light/nginx}")
      apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
    fi
  fi
  # The package starts a system nginx on port 80 on some setups; this benchmark does not use it.
}

# --- cleanup ----------------------------------------------------------------------------------------
tmp=""
pids=()
lpm_home=""
cleanup() {
  local status=$?
  set +e
  if [ -n "$lpm_home" ] && [ -d "$lpm_home" ]; then
    # A daemon that `lpm alias` might have started by itself, besides ours.
    local lpm_pid
    lpm_pid=$(cat "$lpm_home/lpm.lock" 2>/dev/null | tr -cd '0-9')
    [ -n "$lpm_pid" ] && pids+=("$lpm_pid")
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [ -n "$tmp" ] && rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until 127.0.0.1:$1 answers GET $2 (with the bench Host header) with 200; $3 = seconds.
wait_http() {
  python3 - "$1" "$2" "$3" "$host_header" <<'EOF'
import http.client, sys, time
port, path, seconds, host = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
deadline = time.monotonic() + seconds
while True:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", path, headers={"Host": host})
        r = c.getresponse(); body = r.read(); c.close()
        if r.status == 200 and body == b"hello, world\n":
            sys.exit(0)
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(1)
    time.sleep(0.1)
EOF
}

# nginx in the foreground of a background job: $1 = prefix dir with conf/nginx.conf.
started_pid=""
start_nginx() {
  local prefix=$1
  "$(nginx_bin)" -p "$prefix" -c "$prefix/conf/nginx.conf" -e "$prefix/logs/error.log" \
    >>"$prefix/logs/output.log" 2>&1 </dev/null &
  started_pid=$!
  pids+=("$started_pid")
}

common_nginx_conf() { # $1 = prefix
  cat <<EOF
daemon off;
pid $1/logs/nginx.pid;
error_log $1/logs/error.log warn;
worker_rlimit_nofile 20000;
events { worker_connections 16384; }
EOF
}

http_temp_paths() { # $1 = prefix: keep nginx away from the system's /var/lib/nginx
  cat <<EOF
  client_body_temp_path $1/tmp/body;
  proxy_temp_path $1/tmp/proxy;
  fastcgi_temp_path $1/tmp/fastcgi;
  uwsgi_temp_path $1/tmp/uwsgi;
  scgi_temp_path $1/tmp/scgi;
EOF
}

# --- the backend and the nginx proxy ----------------------------------------------------------------
setup_backend() {
  local prefix="$tmp/backend"
  mkdir -p "$prefix/conf" "$prefix/logs" "$prefix/tmp" "$prefix/www"
  # nginx workers run as nobody when the master is root: they must be able to read the files.
  chmod 755 "$tmp" "$prefix" "$prefix/www"
  printf 'hello, world\n' >"$prefix/www/index.html"
  head -c 1048576 /dev/zero | tr '\0' 'x' >"$prefix/www/1m.bin"
  backend_port=$(free_port)
  {
    echo "worker_processes 1;"
    common_nginx_conf "$prefix"
    echo "http {"
    http_temp_paths "$prefix"
    cat <<EOF
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 120s;
  keepalive_requests 10000000;
  default_type text/plain;
  server {
    listen 127.0.0.1:$backend_port;
    root $prefix/www;
    location / { }
  }
}
EOF
  } >"$prefix/conf/nginx.conf"
  start_nginx "$prefix"
  wait_http "$backend_port" / 15 || { log "backend nginx did not start:"; tail -n 5 "$prefix/logs/error.log" >&2; exit 1; }
}

setup_nginx_proxy() {
  local prefix="$tmp/nginx-proxy"
  mkdir -p "$prefix/conf" "$prefix/logs" "$prefix/tmp"
  nginx_proxy_port=$(free_port)
  {
    echo "worker_processes auto;"
    common_nginx_conf "$prefix"
    echo "http {"
    http_temp_paths "$prefix"
    cat <<EOF
  access_log off;
  keepalive_timeout 120s;
  keepalive_requests 10000000;
  upstream backend {
    server 127.0.0.1:$backend_port;
    keepalive 64;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:$nginx_proxy_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      # Stream large bodies through memory buffers instead of spilling them to a temp file.
      proxy_buffer_size 16k;
      proxy_buffers 16 64k;
      proxy_max_temp_file_size 0;
    }
  }
}
EOF
  } >"$prefix/conf/nginx.conf"
  start_nginx "$prefix"
  nginx_proxy_pid=$started_pid
  wait_http "$nginx_proxy_port" / 15 || { log "nginx proxy did not start:"; tail -n 5 "$prefix/logs/error.log" >&2; exit 1; }
}

# --- lpm ----------------------------------------------------------------------------------------------
lpm_port=""
lpm_pid=""
setup_lpm() {
  lpm_home="$tmp/lpm-home"
  mkdir -m 700 -p "$lpm_home"
  lpm_port=$(free_port)
  printf '{ "proxyPort": %s }\n' "$lpm_port" >"$lpm_home/settings.json"
  export LPM_HOME="$lpm_home" LPM_PROXY_PORT="$lpm_port"
  if ! "$root/bin/lpm" --version >"$tmp/lpm-build.log" 2>&1; then
    log "lpm did not build (see below)"; tail -n 20 "$tmp/lpm-build.log" >&2
    return 1
  fi
  "$root/bin/lpm" daemon >"$tmp/lpm-daemon.log" 2>&1 </dev/null &
  lpm_pid=$!
  pids+=("$lpm_pid")
  local up=0
  for _ in $(seq 150); do
    if "$root/bin/lpm" status >/dev/null 2>&1; then up=1; break; fi
    kill -0 "$lpm_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$up" != 1 ]; then
    log "lpm daemon did not start:"; tail -n 20 "$tmp/lpm-daemon.log" >&2
    return 1
  fi
  "$root/bin/lpm" alias bench "$backend_port" >/dev/null || { log "lpm alias bench $backend_port failed"; return 1; }
  wait_http "$lpm_port" / 10
}

# --- measuring ----------------------------------------------------------------------------------------
results=()   # "setup case round rps p50ms p99ms cpu_us_per_request note"
declare -A setup_pids   # setup -> the PIDs whose CPU time counts for it

# Latency text from wrk ("291.00us", "1.23ms", "2.00s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# CPU ticks (user + system) used so far by the PIDs given.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

measure() { # $1 setup, $2 case, $3 port, $4 path, $5 round
  local out="$tmp/wrk-$1-$2-$5.txt" pids=(${setup_pids[$1]:-})
  local before after
  before=$(cpu_ticks "${pids[@]}")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Host: $host_header" \
    "http://127.0.0.1:$3$4" >"$out" 2>&1 || true
  after=$(cpu_ticks "${pids[@]}")
  local rps p50 p99 cpu="-" note=""
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  grep -q "Non-2xx or 3xx responses" "$out" && note="non-2xx responses!"
  grep -q "Socket errors" "$out" && note="$note $(grep 'Socket errors' "$out" | sed 's/^ *//' | tr ' ' '_')"
  if [ -z "$rps" ] || [ -z "$p50" ] || [ -z "$p99" ]; then
    log "wrk gave no result for $1 $2:"; cat "$out" >&2
    results+=("$1 $2 $5 - - - - wrk-failed")
    return
  fi
  if [ "${#pids[@]}" -gt 0 ]; then
    # ticks are 1/100 s; requests = rps * seconds
    cpu=$(awk -v d=$((after - before)) -v hz="$(getconf CLK_TCK)" -v r="$rps" -v s="${duration%s}" \
      'BEGIN { printf "%.1f", d / hz * 1e6 / (r * s) }')
  fi
  results+=("$1 $2 $5 $rps $(to_ms "$p50") $(to_ms "$p99") $cpu ${note:-ok}")
  log "round $5 $1 $2: $rps req/s, p50 $p50, p99 $p99, ${cpu} us CPU/request ${note}"
}

# Median of the numbers on stdin ("-" when there are none).
median() {
  sort -g | awk '{v[NR] = $1} END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The values of field $3 (4 rps, 5 p50, 6 p99, 7 cpu) for setup $1 and case $2, one per round.
values() {
  printf '%s\n' "${results[@]}" | awk -v s="$1" -v k="$2" -v f="$3" '$1 == s && $2 == k && $f != "-" {print $f}'
}

# --- run ----------------------------------------------------------------------------------------------
ensure_tools
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lpm-bench.XXXXXX")
log "wrk -t$threads -c$connections -d$duration --latency, $rounds rounds; temp dir $tmp"
setup_backend
setup_nginx_proxy
lpm_ok=0
if setup_lpm; then lpm_ok=1; else echo "lpm: proxy not available"; fi
setup_pids[nginx]="$nginx_proxy_pid $(ps -o pid= --ppid "$nginx_proxy_pid" | tr '\n' ' ')"
[ "$lpm_ok" = 1 ] && setup_pids[lpm]="$lpm_pid"

# Every setup gets the same unrecorded warm-up first: lpm runs on the JVM, whose JIT compiles the hot
# path during the first seconds; nginx gets its caches warm the same way.
warmup() { # $1 port, $2 path
  wrk -t"$threads" -c"$connections" -d"$warmup_duration" -H "Host: $host_header" "http://127.0.0.1:$1$2" >/dev/null 2>&1 || true
}

cases=("small /" "1MiB /1m.bin")
for c in "${cases[@]}"; do
  set -- $c
  log "warming up ($warmup_duration each) for $1"
  warmup "$nginx_proxy_port" "$2"
  if [ "$lpm_ok" = 1 ]; then warmup "$lpm_port" "$2"; fi
  measure direct "$1" "$backend_port" "$2" 1
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ] || [ "$lpm_ok" != 1 ]; then
      measure nginx "$1" "$nginx_proxy_port" "$2" "$round"
      if [ "$lpm_ok" = 1 ]; then measure lpm "$1" "$lpm_port" "$2" "$round"; fi
    else
      measure lpm "$1" "$lpm_port" "$2" "$round"
      measure nginx "$1" "$nginx_proxy_port" "$2" "$round"
    fi
  done
done

echo
echo "Proxy throughput and latency: wrk -t$threads -c$connections -d$duration, $rounds rounds (medians), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-7s %-6s %12s %10s %10s %14s\n' setup case "req/s" "p50 ms" "p99 ms" "CPU us/req"
for c in small 1MiB; do
  for s in direct nginx lpm; do
    [ -n "$(values "$s" "$c" 4)" ] || continue
    printf '%-7s %-6s %12s %10s %10s %14s\n' "$s" "$c" "$(values "$s" "$c" 4 | median)" \
      "$(values "$s" "$c" 5 | median)" "$(values "$s" "$c" 6 | median)" "$(values "$s" "$c" 7 | median)"
  done
done
[ "$lpm_ok" = 1 ] || printf '%-7s %-6s %12s %10s %10s %14s\n' lpm all - - - "proxy not available"
bad=$(printf '%s\n' "${results[@]}" | awk '$8 != "ok" {print "  " $1 " " $2 " round " $3 ": " $8}')
[ -z "$bad" ] || { echo "Runs whose numbers do not count:"; echo "$bad"; }

echo
echo "lpm/nginx, per round and the median (throughput above 1 is better, p99 below 1 is better):"
# Round by round: each ratio compares two runs taken back to back.
ratios() { # $1 case, $2 field -> one ratio per round
  printf '%s\n' "${results[@]}" | awk -v k="$1" -v f="$2" '
    $2 == k && $1 == "lpm" && $f != "-" {l[$3] = $f} $2 == k && $1 == "nginx" && $f != "-" {n[$3] = $f}
    END { for (r in l) if ((r in n) && n[r] > 0) printf "%s %.2f\n", r, l[r] / n[r] }' | sort -n
}
for c in small 1MiB; do
  if [ "$lpm_ok" = 1 ] && [ -n "$(ratios "$c" 4)" ]; then
    printf '  %-6s throughput %s (rounds: %s)   p99 %s (rounds: %s)   CPU/request %s\n' "$c" \
      "$(ratios "$c" 4 | awk '{print $2}' | median)" "$(ratios "$c" 4 | awk '{print $2}' | tr '\n' ' ' | sed 's/ $//')" \
      "$(ratios "$c" 6 | awk '{print $2}' | median)" "$(ratios "$c" 6 | awk '{print $2}' | tr '\n' ' ' | sed 's/ $//')" \
      "$(ratios "$c" 7 | awk '{print $2}' | median)"
  else
    printf '  %-6s n/a (lpm: proxy not available)\n' "$c"
  fi
done

if [ "$idle" = 1 ]; then
  echo
  echo "Idle connections: $idle_connections keep-alive connections held through each proxy"
  nginx_pids=("$nginx_proxy_pid")
  while read -r child; do nginx_pids+=("$child"); done < <(ps -o pid= --ppid "$nginx_proxy_pid")
  pid_args=()
  for p in "${nginx_pids[@]}"; do pid_args+=(--pid "$p"); done
  python3 "$root/bench/idle_connections.py" --port "$nginx_proxy_port" "${pid_args[@]}" \
    -n "$idle_connections" --label "nginx (master+workers)" || true
  if [ "$lpm_ok" = 1 ]; then
    python3 "$root/bench/idle_connections.py" --port "$lpm_port" --pid "$lpm_pid" \
      -n "$idle_connections" --label "lpm daemon" || true
  else
    echo "idle lpm: proxy not available"
  fi
fi
