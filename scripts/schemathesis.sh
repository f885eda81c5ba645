#!/usr/bin/env bash
# Checks the OpenAPI document against the running server with Schemathesis (not run by CI).
#
#   bash scripts/schemathesis.sh [extra schemathesis options, e.g. --max-examples 20]
#
# Builds the release binary, starts `samverkan serve --demo` on a free port of 127.0.0.1 with a
# fresh SQLite database in a temporary directory, creates an API token for the demo admin, and
# runs Schemathesis against /api/v1/openapi.json on the GET operations twice: anonymously and
# with `Authorization: Bearer <token>`. Checks: not_a_server_error, response_schema_conformance,
# status_code_conformance, content_type_conformance. Phases: examples, coverage and fuzzing (the
# stateful phase would follow links into writes); one worker (Hypothesis is not thread-safe on
# every Python). Everything started is stopped on exit and the temporary directory removed; the
# exit status is non-zero when either run found a failure.
#
# Knobs (environment): SCHEMATHESIS (the `st` command; default: `st`, else a virtualenv in
# $XDG_CACHE_HOME/samverkan-schemathesis with `pip install schemathesis`), SKIP_BUILD=1 (use
# target/release/samverkan as built), SAMVERKAN_BIN=path (test that binary; no build),
# ST_MAX_EXAMPLES (per operation, 50), ST_SEED (fixed seed for a reproducible run).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[schemathesis] %s\n' "$*" >&2; }
die() {
    printf '[schemathesis] error: %s\n' "$*" >&2
    exit 1
}

command -v curl >/dev/null 2>&1 || die "curl is missing"

# ---- Schemathesis ----------------------------------------------------------------------------

ST=${SCHEMATHESIS:-}
if [[ -z $ST ]]; then
    if command -v st >/dev/null 2>&1; then
        ST=st
    else
        VENV="${XDG_CACHE_HOME:-$HOME/.cache}/samverkan-schemathesis"
        if [[ ! -x $VENV/bin/st ]]; then
            log "installing schemathesis into $VENV"
            python3 -m venv "$VENV"
            "$VENV/bin/pip" install --quiet schemathesis
        fi
        ST="$VENV/bin/st"
    fi
fi

# ---- the server --------------------------------------------------------------------------------

BIN=${SAMVERKAN_BIN:-}
if [[ -z $BIN ]]; then
    BIN="$ROOT/target/release/samverkan"
    if [[ ${SKIP_BUILD:-} != 1 ]]; then
        log "building the release binary"
        cargo build --release -p samverkan >&2
    fi
fi
[[ -x $BIN ]] || die "$BIN is missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/samverkan-schemathesis.XXXXXX")
SERVER_PID=""
cleanup() {
    local rc=$? i
    set +e
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        for ((i = 0; i < 100; i++)); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
export SAMVERKAN_DATA_DIR="$WORK/data" SAMVERKAN_LOG=${SAMVERKAN_LOG:-warn}
unset SAMVERKAN_DATABASE_URL
mkdir -p "$SAMVERKAN_DATA_DIR"

log "starting the demo server on $BASE (data in $WORK)"
"$BIN" serve --demo --addr "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for ((i = 0; i < 600; i++)); do
    curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || {
        cat "$WORK/server.log" >&2
        die "the server stopped"
    }
    sleep 0.2
done
curl -fsS "$BASE/readyz" >/dev/null || die "the server did not become ready"

TOKEN=$("$BIN" token create --email admin@demo.samverkan.se --name schemathesis 2>/dev/null)
[[ $TOKEN == svk_* ]] || die "could not create a token for the demo admin"

# ---- the runs ----------------------------------------------------------------------------------

ARGS=(
    "$BASE/api/v1/openapi.json"
    --url "$BASE"
    --include-method GET
    --phases examples,coverage,fuzzing
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
    --max-examples "${ST_MAX_EXAMPLES:-50}"
    --workers 1
    --no-color
)
[[ -n ${ST_SEED:-} ]] && ARGS+=(--seed "$ST_SEED")

# Schemathesis keeps a cache in ./.schemathesis: let it live and die with the temporary directory.
cd "$WORK"
status=0
log "run 1: anonymous"
"$ST" run "${ARGS[@]}" "$@" || status=1
log "run 2: with the demo admin's token"
"$ST" run "${ARGS[@]}" -H "Authorization: Bearer $TOKEN" "$@" || status=1
if ((status != 0)); then
    log "failures found; the server log is below"
    tail -n 50 "$WORK/server.log" >&2
fi
exit "$status"
