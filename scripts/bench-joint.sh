#!/usr/bin/env bash
# Benchmark of joint matters (issue 11) at demo and national scale: the public matrix page of a
# joint matter (`/samverkan/{id}`: organisations × status with each decision), its CSV export,
# the list `/samverkan` and the API's matter, with wrk against a release build on 127.0.0.1,
# next to nginx serving the same matrix HTML statically; plus the time to generate each dataset
# and the server's peak memory. Demo scale: Region Östergötland's RUS matter (13 municipalities,
# seed 000). National scale: one matter per region sent to its county's municipalities (21
# matters, 290 rows; the largest, Västra Götaland's, 49 rows, is the one measured).
#
#   bash scripts/bench-joint.sh            (BENCH_DURATION=8 by default)
#
# A benchmark, not a test: it prints what it measured (Markdown on standard output) and never
# fails because the machine is busy. Needs cargo, curl, wrk, nginx, python3 (Debian:
# apt-get install -y wrk nginx-light curl).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
BIN=${BENCH_BIN:-target/release/samverkan}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked -p samverkan >&2
for tool in curl wrk nginx python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing (apt-get install -y wrk nginx-light curl)" >&2; exit 1; }
done
WORK=$(mktemp -d /tmp/samverkan-bench-joint.XXXXXX)
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

# wrk's Requests/sec, 50% and 99% latency of one URL with $2 connections.
measure() {
  local url=$1 conns=$2 out
  out=$(wrk -t1 -c"$conns" -d"${DURATION}s" --latency "$url" 2>&1)
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1=="50%" {print $2}' <<<"$out")|$(awk '$1=="99%" {print $2}' <<<"$out")"
}

row() { # label url
  local rps1 p501 p991 rps p50 p99
  IFS='|' read -r rps1 p501 p991 <<<"$(measure "$2" 1)"
  IFS='|' read -r rps p50 p99 <<<"$(measure "$2" "$CONNECTIONS")"
  echo "| $1 | $rps1 | $p501 | $p991 | $rps | $p50 | $p99 |"
}

# nginx serving the saved HTML of $1 (the matrix page) at /matris.html.
start_nginx() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/www" "$dir/tmp"
  cp "$1" "$dir/www/matris.html"
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
    types { text/html html; }
    server { listen 127.0.0.1:$NGINX_PORT; root $dir/www; }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/matris.html" && break; sleep 0.1; done
}

run_scale() {
  local scale=$1 dir="$WORK/$1" port t0 t1 made
  # BENCH_NATIONAL_DIR: the national dataset is generated there once and reused by later runs
  # of this script and of the other bench scripts that take it (generating it takes minutes).
  if [ "$scale" = national ] && [ -n "${BENCH_NATIONAL_DIR:-}" ]; then dir=$BENCH_NATIONAL_DIR; fi
  mkdir -p "$dir"
  t0=$(date +%s.%N)
  if grep -qs "^Loaded" "$dir/demo.log"; then
    made="reused from $dir"
  else
    "$BIN" --data-dir "$dir" demo --scale "$scale" >"$dir/demo.log" 2>&1
    t1=$(date +%s.%N)
    made="generated in $(python3 -c "print(round($t1-$t0,1))") s"
  fi
  port=$(free_port)
  SAMVERKAN_LOG=warn "$BIN" --data-dir "$dir" serve --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
  local base="http://127.0.0.1:$port" matter rows count
  # The matter with the most organisations (the demo has one).
  read -r matter rows count < <(curl -s "$base/api/v1/joint-matters" |
    python3 -c 'import json,sys; i=json.load(sys.stdin)["items"]; m=max(i, key=lambda x: x["parties"]); print(m["id"], m["parties"], len(i))')
  echo "### Scale: $scale"
  echo
  echo "Dataset: $(grep -E "^Loaded" "$dir/demo.log" | tr '\n' ' ')($made); $count joint matters; measured: matter $matter with $rows organisations."
  echo
  echo "| target | 1 client: req/s | p50 | p99 | $CONNECTIONS clients: req/s | p50 | p99 |"
  echo "|---|---|---|---|---|---|---|"
  local targets=("/samverkan/$matter" "/samverkan/$matter/matris.csv" "/samverkan" "/api/v1/joint-matters/$matter")
  for t in "${targets[@]}"; do
    if curl -sf -o /dev/null "$base$t"; then row "\`GET $t\`" "$base$t"; else echo "| \`GET $t\` | failed | | | | | |"; fi
  done
  curl -sf "$base/samverkan/$matter" -o "$WORK/matris-$scale.html"
  start_nginx "$WORK/matris-$scale.html"
  row "nginx, the same matrix HTML ($(stat -c %s "$WORK/matris-$scale.html") bytes)" "http://127.0.0.1:$NGINX_PORT/matris.html"
  kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
  echo
  echo "Peak RSS of the server after these runs: $(awk '/VmHWM/ {print $2" "$3}' "/proc/$PID/status")."
  echo
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "## Joint matters ($(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F))"
echo
echo "\`bash scripts/bench-joint.sh\`: wrk, ${DURATION} s per row, 1 and $CONNECTIONS connections; release build; SQLite."
echo
run_scale demo
run_scale national
