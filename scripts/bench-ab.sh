#!/usr/bin/env bash
# A/B of two release binaries on ONE dataset: the dataset is generated once (by the second
# binary) and served in turn by each, so only the code differs. Prints scale|binary|path|clients|
# req/s|p50 lines. A benchmark, not a test: it never fails because the machine is busy.
#
#   BENCH_A=old/samverkan BENCH_B=target/release/samverkan bash scripts/bench-ab.sh
#
# Needs wrk, curl and python3 (Debian: apt-get install -y wrk curl).
set -euo pipefail
A=${BENCH_A:?the first binary}; B=${BENCH_B:?the second binary}; D=${BENCH_DURATION:-5}
DAY=${BENCH_TODAY:-$(date +%F)}
for scale in demo national; do
  dir=$(mktemp -d /tmp/samverkan-ab.XXXXXX)
  SAMVERKAN_TODAY=$DAY "$B" --data-dir "$dir" demo --scale $scale >/dev/null 2>&1
  for bin in "$A" "$B"; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    SAMVERKAN_TODAY=$DAY "$bin" --data-dir "$dir" serve --addr 127.0.0.1:$port >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.2; done
    if [ $scale = demo ]; then
      m=$(curl -s "http://127.0.0.1:$port/api/v1/meetings?from=2024-10-11&to=2024-10-11" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
    else
      m=$(curl -s http://127.0.0.1:$port/api/v1/notice-board | python3 -c 'import json,sys; print(max(i["meeting_id"] for i in json.load(sys.stdin)["items"]))')
    fi
    for path in /moten/$m/protokoll /anslagstavla /anslagstavla.atom /api/v1/notice-board; do
      for c in 1 16; do
        out=$(wrk -t1 -c$c -d${D}s --latency http://127.0.0.1:$port$path 2>&1)
        echo "$scale|$bin|$path|$c|$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1=="50%" {print $2}' <<<"$out")"
      done
    done
    kill $pid; wait $pid 2>/dev/null || true
  done
  rm -rf "$dir"
done
