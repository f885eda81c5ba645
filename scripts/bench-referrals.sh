#!/usr/bin/env bash
# Referrals (issue 12): the published consultation report of Region Kalmar län's RUS review
# (the demo's seed 002 referral: about 25 answers and 100 comments) as anonymous HTML, and the
# answer dashboard and CSV of Östergötland's open referral as the demo registrar sees them
# (signed in, so never from the page cache), with wrk; the server's peak RSS from /proc.
#
#   bash scripts/bench-referrals.sh        (BENCH_DURATION=10, BENCH_CONNECTIONS=16;
#                                           BENCH_BIN to skip the release build)
#
# Also the same report as a tagged PDF and as JSON (/api/v1/referrals/{id}/report), and every
# answer as one PDF (drafter). Then the generated scale the issue asks for, in process on SQLite
# (crates/web/tests/referrals_bench.rs): every region and municipality asked (311 consultees),
# 130 answers with 1,000 comments, each with its response; the report as HTML, JSON and PDF,
# the dashboard, the CSV and a version comparison, next to the list of referrals as the
# reference of the same run. BENCH_PROFILE=release builds that test optimised (default: the
# debug build the tests already have); BENCH_GENERATED_ONLY=1 skips the wrk part.
#
# A benchmark, not a test: it prints what it measured and never fails because the machine is
# busy. Needs cargo, curl, wrk and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

generated() {
  local profile=()
  [ "${BENCH_PROFILE:-debug}" = release ] && profile=(--release)
  echo "# generated: 311 consultees, 130 answers, 1,000 comments (in process, SQLite, ${BENCH_PROFILE:-debug})"
  cargo test "${profile[@]}" -p web --test suite referrals_bench -- --ignored --nocapture 2>/dev/null |
    grep -E '^(generated|what|reference|report|dashboard|answers|comparison)'
}
if [ -n "${BENCH_GENERATED_ONLY:-}" ]; then
  generated
  exit 0
fi
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
BIN=${BENCH_BIN:-target/release/samverkan}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked -p samverkan >&2
WORK=$(mktemp -d /tmp/samverkan-bench-referrals.XXXXXX)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
PASSWORD='bench-referrals-2026!'
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SAMVERKAN_DEMO_PASSWORD=$PASSWORD "$BIN" --data-dir "$WORK/data" serve --demo --addr 127.0.0.1:$port >"$WORK/log" 2>&1 &
PID=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 300); do curl -sf -o /dev/null $base/healthz && break; sleep 0.2; done

# The two referrals: Kalmar's (published report) and Östergötland's (open).
ids=$(curl -s $base/remisser | python3 -c '
import re, sys
html = sys.stdin.read()
links = re.findall(r"href=\"/remisser/(\d+)\">([^<]+)</a>", html)
kalmar = next(i for i, t in links if "Kalmar" in t)
ost = next(i for i, t in links if "Östergötland" in t)
print(kalmar, ost)')
read -r KALMAR OST <<<"$ids"

# Sign in as the demo registrar (the drafter of both) and keep the session cookie.
jar=$WORK/cookies
csrf=$(curl -s -c "$jar" $base/logga-in | python3 -c 'import re,sys; print(re.search(r"name=\"csrf\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
  --data-urlencode "email=registrator@demo.samverkan.se" --data-urlencode "password=$PASSWORD" $base/logga-in
cookie=$(awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}' "$jar")

measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${@:2}" "$1" 2>&1)
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1=="50%" {print $2}' <<<"$out")|$(awk '$1=="99%" {print $2}' <<<"$out")|$(awk '/Non-2xx/ {print $4}' <<<"$out")"
}

echo "what|path|req/s|p50|p99|non-2xx"
echo "report (anonymous)|/remisser/$KALMAR/redogorelse|$(measure $base/remisser/$KALMAR/redogorelse)"
echo "report (drafter)|/remisser/$KALMAR/redogorelse|$(measure $base/remisser/$KALMAR/redogorelse -H "Cookie: $cookie")"
echo "dashboard (drafter)|/remisser/$OST/svar|$(measure $base/remisser/$OST/svar -H "Cookie: $cookie")"
echo "answers CSV (drafter)|/remisser/$KALMAR/svar.csv|$(measure $base/remisser/$KALMAR/svar.csv -H "Cookie: $cookie")"
echo "report PDF (anonymous)|/remisser/$KALMAR/redogorelse.pdf|$(measure $base/remisser/$KALMAR/redogorelse.pdf)"
echo "report JSON (anonymous)|/api/v1/referrals/$KALMAR/report|$(measure $base/api/v1/referrals/$KALMAR/report)"
echo "answers PDF (drafter)|/remisser/$KALMAR/svar.pdf|$(measure $base/remisser/$KALMAR/svar.pdf -H "Cookie: $cookie")"
echo "peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
generated
