#!/bin/sh
# Survey results and export at national scale (issue 14): 290 municipalities × 40 questions,
# 10,000 open responses, a streamed CSV of over 100,000 answer rows. Prints the timings on
# SQLite, and on PostgreSQL too when SAMVERKAN_TEST_POSTGRES_URL is set, next to the reference
# of reading the same responses from the store; peak memory from /usr/bin/time -v.
# Figures in docs/performance.md ("Surveys").
set -eu
cd "$(dirname "$0")/.."
cargo test --release -p web --test suite --no-run
bin=$(ls -t target/release/deps/suite-* | grep -v '\.d$' | head -n 1)
/usr/bin/time -v "$bin" surveys_bench --ignored --nocapture 2>&1 | grep -E '^\[|reference|results page|CSV|PDF|generated|Maximum resident|Elapsed'
