#!/usr/bin/env bash
# Page weight and server render time of the attendance page of Kommunalt forum (64 members in
# the demo), as the secretary opens it to register attendance (issue 9).
#
#   bash scripts/bench-attendance.sh                 (the debug build, target/debug/samverkan)
#   BENCH_BIN=/tmp/old-samverkan bash scripts/bench-attendance.sh   (another binary: before/after)
#
# It starts `samverkan serve --demo` on a fresh data directory on a fixed day, signs in as the
# demo administrator, creates a meeting of Kommunalt forum next year, then fetches
# /moten/{id}/narvaro BENCH_RUNS times (default 30) after 3 warm-up fetches with curl and prints
# the page's bytes (plain and gzip, as a browser receives it) and the median and 90th percentile
# of curl's time_total; with Chromium and browser-tests/node_modules (npm ci) also the median and
# 90th percentile of the page's DOMContentLoaded and load event in headless Chromium
# (browser-tests/bench/render-time.js). A benchmark, not a test: it only prints what it measured.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-target/debug/samverkan}
RUNS=${BENCH_RUNS:-30}
PASSWORD='bench-demo-2024!'
export SAMVERKAN_TODAY=${SAMVERKAN_TODAY:-2026-11-16}
WORK=$(mktemp -d /tmp/samverkan-bench-attendance.XXXXXX)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
SAMVERKAN_DEMO_PASSWORD=$PASSWORD SAMVERKAN_LOG=warn "$BIN" --data-dir "$WORK/data" serve --demo --addr "127.0.0.1:$PORT" >"$WORK/log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.2; done
JAR="$WORK/jar"
csrf() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/logga-in" | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf=$TOKEN" --data-urlencode "email=admin@demo.samverkan.se" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "tillbaka=/" "$BASE/logga-in"
BODY=$(curl -s -b "$JAR" "$BASE/organ?q=Kommunalt+forum" | grep -o 'href="/organ/[0-9]*">Kommunalt forum<' | head -1 | grep -o '[0-9]\+')
YEAR=$((${SAMVERKAN_TODAY:0:4} + 1))
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/organ/$BODY/moten?ar=$YEAR" | csrf)
MEETING=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$JAR" -b "$JAR" --data-urlencode "csrf=$TOKEN" \
  --data-urlencode "date=$YEAR-03-12" "$BASE/organ/$BODY/moten" | grep -o '/moten/[0-9]*' | head -1)
URL="$BASE$MEETING/narvaro"
MEMBERS=$(curl -s -b "$JAR" "$URL" | grep -c 'name="attendance\[[0-9]*\]\.person"' || true)
PLAIN=$(curl -s -b "$JAR" -o /dev/null -w '%{size_download}' "$URL")
GZIP=$(curl -s -b "$JAR" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$URL")
for _ in 1 2 3; do curl -s -b "$JAR" -o /dev/null "$URL"; done
TIMES=$(for _ in $(seq 1 "$RUNS"); do curl -s -b "$JAR" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{time_total}\n' "$URL"; done | sort -n)
MEDIAN=$(sed -n "$(((RUNS + 1) / 2))p" <<<"$TIMES")
P90=$(sed -n "$(((RUNS * 9 + 9) / 10))p" <<<"$TIMES")
RENDER="- - - -"
if [ -d browser-tests/node_modules ]; then
  RENDER=$(cd browser-tests && URL=$URL JAR=$JAR RUNS=$RUNS node bench/render-time.js 2>/dev/null || echo "- - - -")
fi
read -r DCL DCL90 LOAD LOAD90 <<<"$RENDER"
echo "| binary | rows with a person | HTML bytes | gzip bytes | server median ms | p90 ms | Chromium DOMContentLoaded median ms | p90 | load median ms | p90 |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %.1f | %.1f | %s | %s | %s | %s |\n' "$BIN" "$MEMBERS" "$PLAIN" "$GZIP" \
  "$(awk "BEGIN {print $MEDIAN * 1000}")" "$(awk "BEGIN {print $P90 * 1000}")" "$DCL" "$DCL90" "$LOAD" "$LOAD90"
