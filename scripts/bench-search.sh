#!/usr/bin/env bash
# Benchmark of search (ADR 20) at national scale on both engines: loads the national dataset
# (indexed as it is written, in the transaction of each write), then runs
# `samverkan search bench`, which times the first page of results — with snippets and facets,
# as a visitor sees it — for one- and three-word queries, in-process (no HTTP), and prints p50,
# p95 and max per query length.
#
#   bash scripts/bench-search.sh                 (BENCH_ROUNDS=20 by default)
#   SAMVERKAN_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres bash scripts/bench-search.sh
#
# Without SAMVERKAN_BENCH_POSTGRES_URL only SQLite is measured. On PostgreSQL a scratch database
# is created and dropped. A benchmark, not a test: it prints what it measured (Markdown) and
# never fails because the machine is busy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${BENCH_ROUNDS:-20}
BIN=${BENCH_BIN:-target/release/samverkan}
[ -n "${BENCH_BIN:-}" ] || cargo build --release --locked -p samverkan >&2
WORK=$(mktemp -d /tmp/samverkan-bench-search.XXXXXX)
PGDB=""
cleanup() {
  [ -n "$PGDB" ] && psql "$SAMVERKAN_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

run() { # label, then the database arguments
  local label=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  "$BIN" --data-dir "$WORK/data" "$@" demo --scale national >"$WORK/demo.log" 2>&1
  t1=$(date +%s.%N)
  # PostgreSQL plans by its statistics and reads a table faster once its rows are marked
  # visible, both of which autovacuum does within a minute or two of a large load; do it now
  # rather than measure those minutes.
  if [ -n "$PGDB" ]; then psql "${SAMVERKAN_BENCH_POSTGRES_URL%/*}/$PGDB" -qc "VACUUM ANALYZE" >/dev/null; fi
  echo "### $label"
  echo
  echo "Dataset: $(grep -E "^Loaded" "$WORK/demo.log" | tr '\n' ' ')(generated and indexed in $(python3 -c "print(round($t1-$t0,1))") s)."
  echo
  "$BIN" --data-dir "$WORK/data" "$@" search bench --rounds "$ROUNDS"
  echo
}

echo "## Search ($(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%F))"
echo
echo "\`bash scripts/bench-search.sh\`: national dataset, $ROUNDS rounds of each query; release build."
echo
run "SQLite" --database-url "sqlite:$WORK/search.db"
if [ -n "${SAMVERKAN_BENCH_POSTGRES_URL:-}" ]; then
  PGDB="samverkan_bench_search_$$"
  psql "$SAMVERKAN_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $PGDB" >/dev/null
  run "PostgreSQL" --database-url "${SAMVERKAN_BENCH_POSTGRES_URL%/*}/$PGDB"
fi
