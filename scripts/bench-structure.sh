#!/usr/bin/env bash
# Benchmark of the consultation structure (issue 3) at demo and national scale: a body's page,
# the compliance dashboard (page and API) and the OParl membership list, with wrk against a
# release build on 127.0.0.1, plus the time to generate the national dataset and peak memory.
#
#   bash scripts/bench-structure.sh            (BENCH_DURATION=10 by default)
#
# A benchmark, not a test: it prints what it measured and never fails because the machine is
# busy. Needs cargo, curl, wrk (Debian: apt-get install -y wrk curl).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
BIN=${BENCH_BIN:-target/release/samverkan}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked -p samverkan >&2
WORK=$(mktemp -d /tmp/samverkan-bench-structure.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wrk's Requests/sec, 50% and 99% latency of one URL with $2 connections.
measure() {
  local url=$1 conns=$2 out
  out=$(wrk -t1 -c"$conns" -d"${DURATION}s" --latency "$url" 2>&1)
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps|$p50|$p99"
}

run_scale() {
  local scale=$1
  local dir="$WORK/$scale" port
  mkdir -p "$dir"
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" --data-dir "$dir" demo --scale "$scale" >"$dir/demo.log" 2>&1
  t1=$(date +%s.%N)
  local load_s
  load_s=$(python3 -c "print(round($t1-$t0,1))")
  port=$(free_port)
  SAMVERKAN_LOG=warn "$BIN" --data-dir "$dir" serve --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$port"
  local body counts
  body=$(curl -s "$base/api/v1/bodies?q=strategiska&kind=consultation_group&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  counts=$(grep -E "Loaded|organisations|bodies" "$dir/demo.log" | tr '\n' ' ')
  echo "### Scale: $scale"
  echo
  echo "Dataset: ${counts:-see demo log}; generated in ${load_s} s."
  echo
  echo "| target | 1 client: req/s | p50 | p99 | $CONNECTIONS clients: req/s | p50 | p99 |"
  echo "|---|---|---|---|---|---|---|"
  for target in "/organ/$body" "/efterlevnad" "/api/v1/compliance" "/oparl/v1.1/membership?limit=100"; do
    curl -sf -o /dev/null "$base$target" || { echo "| $target | failed | | |"; continue; }
    IFS='|' read -r rps1 p501 p991 <<<"$(measure "$base$target" 1)"
    IFS='|' read -r rps p50 p99 <<<"$(measure "$base$target" "$CONNECTIONS")"
    echo "| \`GET $target\` | $rps1 | $p501 | $p991 | $rps | $p50 | $p99 |"
  done
  local hwm
  hwm=$(awk '/VmHWM/ {print $2" "$3}' "/proc/$PID/status")
  echo
  echo "Peak RSS of the server after these runs: $hwm."
  echo
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "## Consultation structure ($(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F))"
echo
echo "\`bash scripts/bench-structure.sh\`: wrk -t1 -d${DURATION}s per target, with 1 and with $CONNECTIONS connections; SQLite; release build; wrk shares the 2 cores with the server."
echo
run_scale demo
run_scale national
