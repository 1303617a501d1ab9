#!/usr/bin/env bash
# Requests per second with h2load through lpm's proxy and through nginx as a reverse proxy (the reference)
# to the same backend (a static nginx, 13-byte `hello, world\n`), in the same run:
#   h1  - http://bench.localhost:PORT/ over HTTP/1.1 (h2load --h1), both proxies
#   h2  - https://bench.localhost:PORT/ over HTTP/2 (ALPN h2): nginx always (a self-signed certificate made
#         here); lpm when its proxy speaks TLS with h2 on that port, else "not available", never faked
# BENCH_ROUNDS alternating rounds (nginx first in odd rounds, lpm first in even ones); the medians and
# the ratio lpm/nginx. Everything listens on 127.0.0.1; every process and the temp dir go on exit.
#
#   bench/h2load/run.sh
#   env: BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_ROUNDS (3), BENCH_H1_CLIENTS (50),
#        BENCH_H2_CLIENTS (10), BENCH_H2_STREAMS (10 per connection)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-3s}"
rounds="${BENCH_ROUNDS:-3}"
h1_clients="${BENCH_H1_CLIENTS:-50}"
h2_clients="${BENCH_H2_CLIENTS:-10}"
h2_streams="${BENCH_H2_STREAMS:-10}"
host=bench.localhost

log() { echo "bench: $*" >&2; }
nginx_bin() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

missing=()
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
[ -n "$(nginx_bin)" ] || missing+=(nginx)
for c in openssl curl python3; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bench: needs ${missing[*]}: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi

tmp=""
pids=()
cleanup() {
  local status=$?
  set +e
  if [ -n "$tmp" ] && [ -f "$tmp/lpm-home/lpm.lock" ]; then
    local lock_pid; lock_pid=$(tr -cd '0-9' <"$tmp/lpm-home/lpm.lock")
    [ -n "$lock_pid" ] && pids+=("$lock_pid")
  fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
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
# 0 when URL $1 answers 200 within 15 s; extra curl options follow.
wait_200() {
  local url=$1; shift
  for _ in $(seq 75); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
start_nginx() { # $1 prefix
  "$(nginx_bin)" -p "$1" -c "$1/conf/nginx.conf" -e "$1/logs/error.log" >>"$1/logs/output.log" 2>&1 </dev/null &
  pids+=("$!")
}
nginx_head() { # $1 prefix, $2 worker_processes; opens the http block
  printf '%s\n' "worker_processes $2;" "daemon off;" "pid $1/logs/nginx.pid;" "error_log $1/logs/error.log warn;" \
    "events { worker_connections 4096; }" "http {" "  access_log off;" "  keepalive_requests 10000000;" \
    "  client_body_temp_path $1/tmp/body; proxy_temp_path $1/tmp/proxy; fastcgi_temp_path $1/tmp/fastcgi;" \
    "  uwsgi_temp_path $1/tmp/uwsgi; scgi_temp_path $1/tmp/scgi;"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lpm-bench-h2load.XXXXXX")
chmod 755 "$tmp"

# --- backend: a static nginx, one worker ---------------------------------------------------------------
b="$tmp/backend"; mkdir -p "$b/conf" "$b/logs" "$b/tmp" "$b/www"; chmod 755 "$b" "$b/www"
printf 'hello, world\n' >"$b/www/index.html"
backend_port=$(free_port)
{ nginx_head "$b" 1; echo "  server { listen 127.0.0.1:$backend_port; root $b/www; location / { } } }"; } >"$b/conf/nginx.conf"
start_nginx "$b"
wait_200 "http://127.0.0.1:$backend_port/" || { log "backend did not start"; cat "$b/logs/error.log" >&2; exit 1; }

# --- nginx reverse proxy: plain HTTP/1.1 on one port, TLS with h2 on another ----------------------------
n="$tmp/nginx-proxy"; mkdir -p "$n/conf" "$n/logs" "$n/tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host" -keyout "$n/key.pem" -out "$n/cert.pem" 2>/dev/null
nginx_h1_port=$(free_port)
nginx_h2_port=$(free_port)
proxy_block='location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; }'
{
  nginx_head "$n" auto
  echo "  upstream backend { server 127.0.0.1:$backend_port; keepalive 64; }"
  echo "  server { listen 127.0.0.1:$nginx_h1_port; $proxy_block }"
  # "listen ... ssl http2" is what Debian 12's nginx 1.22 understands (newer ones warn and accept it).
  echo "  server { listen 127.0.0.1:$nginx_h2_port ssl http2; ssl_certificate $n/cert.pem; ssl_certificate_key $n/key.pem; $proxy_block }"
  echo "}"
} >"$n/conf/nginx.conf"
start_nginx "$n"
wait_200 "http://127.0.0.1:$nginx_h1_port/" || { log "nginx proxy did not start"; cat "$n/logs/error.log" >&2; exit 1; }

# --- lpm ------------------------------------------------------------------------------------------------
export LPM_HOME="$tmp/lpm-home"
mkdir -m 700 -p "$LPM_HOME"
lpm_port=$(free_port)
export LPM_PROXY_PORT="$lpm_port"
printf '{ "proxyPort": %s }\n' "$lpm_port" >"$LPM_HOME/settings.json"
"$root/bin/lpm" --version >/dev/null   # builds target/lpm.jar when it is missing or stale
"$root/bin/lpm" daemon >"$tmp/lpm-daemon.log" 2>&1 </dev/null &
pids+=("$!")
for _ in $(seq 150); do "$root/bin/lpm" status >/dev/null 2>&1 && break; sleep 0.2; done
"$root/bin/lpm" alias bench "$backend_port" >/dev/null
to_lpm=(--connect-to "$host:$lpm_port:127.0.0.1:$lpm_port")
wait_200 "http://$host:$lpm_port/" "${to_lpm[@]}" \
  || { log "lpm's proxy does not answer"; tail -n 20 "$tmp/lpm-daemon.log" >&2; exit 1; }
# h2 through lpm only if its port really negotiates HTTP/2 over TLS.
lpm_h2=0
[ "$(curl -sk --http2 -o /dev/null -w '%{http_version}' --max-time 5 "${to_lpm[@]}" "https://$host:$lpm_port/" || true)" = 2 ] \
  && lpm_h2=1

# --- measuring ------------------------------------------------------------------------------------------
results=()   # "proxy protocol round rps"
h2load_run() { # $1 proxy, $2 protocol, $3 port, $4 round ("-" = warm-up, not recorded)
  local seconds=${duration%s} url
  [ "$4" = - ] && seconds=${warmup%s}
  local args=(-t 1 -D "$seconds")
  if [ "$2" = h1 ]; then args+=(--h1 -c "$h1_clients"); url="http://$host:$3/"
  else args+=(-c "$h2_clients" -m "$h2_streams"); url="https://$host:$3/"; fi
  local out="$tmp/h2load-$1-$2-$4.txt"
  h2load "${args[@]}" --connect-to "127.0.0.1:$3" "$url" >"$out" 2>&1 || true
  [ "$4" = - ] && return
  local rps failed protocol
  rps=$(awk '/^finished in/ {gsub(",", "", $4); print $4}' "$out")
  failed=$(awk '/^requests:/ {print $10 + $12}' "$out")
  protocol=$(awk '/^Application protocol:/ {print $3}' "$out")
  if [ -z "$rps" ] || [ "${failed:-1}" != 0 ]; then
    log "round $4 $1 $2: no clean result (failed + errored: ${failed:-?}):"; tail -n 12 "$out" >&2
    return
  fi
  results+=("$1 $2 $4 $rps")
  log "round $4 $1 $2: $rps req/s ($protocol)"
}
median() {
  sort -g | awk '{v[NR] = $1} END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
values() { printf '%s\n' "${results[@]}" | awk -v p="$1" -v k="$2" '$1 == p && $2 == k {print $4}'; }

declare -A port=([nginx-h1]=$nginx_h1_port [nginx-h2]=$nginx_h2_port [lpm-h1]=$lpm_port [lpm-h2]=$lpm_port)
log "h2load -t 1 -D $duration; h1: $h1_clients clients; h2: $h2_clients clients x $h2_streams streams; $rounds rounds"
for p in h1 h2; do
  proxies=(nginx)
  if [ "$p" = h1 ] || [ "$lpm_h2" = 1 ]; then proxies+=(lpm); fi
  for x in "${proxies[@]}"; do h2load_run "$x" "$p" "${port[$x-$p]}" -; done   # warm-up (lpm's JIT)
  for r in $(seq "$rounds"); do
    order=("${proxies[@]}")
    [ $((r % 2)) = 0 ] && mapfile -t order < <(printf '%s\n' "${proxies[@]}" | tac)
    for x in "${order[@]}"; do h2load_run "$x" "$p" "${port[$x-$p]}" "$r"; done
  done
done

printf '%-9s %12s %12s %10s\n' protocol "nginx req/s" "lpm req/s" lpm/nginx
for p in h1 h2; do
  ng=$(values nginx "$p" | median)
  if [ "$p" = h2 ] && [ "$lpm_h2" != 1 ]; then
    printf '%-9s %12s %s\n' "$p" "$ng" "  lpm: not available (no TLS with h2 on lpm's proxy yet)"
    continue
  fi
  lp=$(values lpm "$p" | median)
  ratio=$(awk -v a="$lp" -v b="$ng" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }')
  printf '%-9s %12s %12s %10s\n' "$p" "$ng" "$lp" "$ratio"
done
