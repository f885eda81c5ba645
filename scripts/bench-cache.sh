#!/usr/bin/env bash
# Public pages against nginx, side by side in one run (ADR 21): the seed protocol page, the
# notice board and its Atom feed of the demo, with wrk at 64 connections, and nginx serving the
# same bytes (saved from the server) in the same run; the server's peak RSS from /proc.
#
#   bash scripts/bench-cache.sh             (BENCH_DURATION=10, BENCH_CONNECTIONS=64,
#                                            BENCH_SCALE="demo"; BENCH_BIN to skip the build)
#
# A benchmark, not a test: it prints what it measured and never fails because the machine is
# busy. Needs cargo, curl, wrk, nginx and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
SCALES=${BENCH_SCALE:-demo}
BIN=${BENCH_BIN:-target/release/samverkan}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked -p samverkan >&2
WORK=$(mktemp -d /tmp/samverkan-bench-cache.XXXXXX)
chmod 755 "$WORK"
PID=""
NGINX_PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# req/s|p50|p99 of one URL.
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" 2>&1)
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1=="50%" {print $2}' <<<"$out")|$(awk '$1=="99%" {print $2}' <<<"$out")|$(awk '/Non-2xx/ {print $4}' <<<"$out")"
}

start_nginx() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/tmp"
  chmod -R a+rX "$dir"
  NGINX_PORT=$(free_port)
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off; gzip off; sendfile on; tcp_nopush on;
    keepalive_requests 1000000; keepalive_timeout 65;
    client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy; fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
    types { text/html html; application/atom+xml atom; }
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/board.html" && break; sleep 0.1; done
}

echo "## Public pages against nginx ($(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F))"
echo
echo "\`bash scripts/bench-cache.sh\`: wrk -t2 -c$CONNECTIONS -d${DURATION}s per target, SQLite, release build; wrk, nginx and the server share the machine."
for scale in $SCALES; do
  dir="$WORK/$scale"
  mkdir -p "$dir" "$WORK/www"
  "$BIN" --data-dir "$dir" demo --scale "$scale" >"$dir/demo.log" 2>&1
  port=$(free_port)
  SAMVERKAN_LOG=warn "$BIN" --data-dir "$dir" serve --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
  PID=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.2; done
  meeting=$(curl -s "$base/api/v1/meetings?from=2024-10-11&to=2024-10-11" |
    python3 -c 'import json,sys; print([m["id"] for m in json.load(sys.stdin)["items"] if m["body_name"].startswith("Kommunalt forum")][0])' 2>/dev/null ||
    curl -s "$base/api/v1/notice-board" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["meeting_id"])')
  curl -sf "$base/moten/$meeting/protokoll" -o "$WORK/www/protocol.html"
  curl -sf "$base/anslagstavla" -o "$WORK/www/board.html"
  curl -sf "$base/anslagstavla.atom" -o "$WORK/www/board.atom"
  start_nginx
  echo
  echo "### Scale: $scale (protocol: meeting $meeting)"
  echo
  echo "| target | bytes | req/s | p50 | p99 | nginx req/s | nginx p50 | nginx p99 | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for pair in "/moten/$meeting/protokoll protocol.html" "/anslagstavla board.html" "/anslagstavla.atom board.atom"; do
    set -- $pair
    IFS='|' read -r rps p50 p99 bad <<<"$(measure "$base$1")"
    IFS='|' read -r nrps np50 np99 _ <<<"$(measure "http://127.0.0.1:$NGINX_PORT/$2")"
    ratio=$(python3 -c "print(f'{$rps/$nrps:.2f}')")
    echo "| \`GET $1\`${bad:+ ($bad non-2xx)} | $(stat -c %s "$WORK/www/$2") | $rps | $p50 | $p99 | $nrps | $np50 | $np99 | $ratio× |"
  done
  echo
  echo "Peak RSS of the server: $(awk '/VmHWM/ {print $2" "$3}' "/proc/$PID/status"); now $(awk '/VmRSS/ {print $2" "$3}' "/proc/$PID/status"). Load average before the last run: $(cut -d' ' -f1-3 /proc/loadavg)."
  kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  rm -rf "$WORK/www"
done
