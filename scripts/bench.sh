#!/usr/bin/env bash
# Throughput and latency benchmark of Samverkan, next to nginx serving the same page statically.
#
#   bash scripts/bench.sh
#   SAMVERKAN_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres bash scripts/bench.sh
#
# Builds the release binary, starts the demo region on a fresh SQLite database in a temporary
# directory (and, when SAMVERKAN_BENCH_POSTGRES_URL is set, on a fresh PostgreSQL database
# `samverkan_bench_<random>` that is dropped afterwards), serves a saved copy of /organisationer
# from nginx as the static reference, loads each target with wrk and prints a Markdown report on
# standard output; progress goes to standard error. Everything listens on and targets 127.0.0.1
# only, every step is bounded in time, and everything started is stopped on exit.
#
# This is a benchmark, not a test: it prints what it measured and never fails because the
# machine is slow. It fails only when something cannot run at all (build error, missing tool,
# a server that does not start, a target that does not answer 200).
#
# Knobs (environment): BENCH_DURATION (seconds per target, 15), BENCH_WARMUP (seconds, 3),
# BENCH_CONNECTIONS (32), BENCH_THREADS (wrk threads, 2), BENCH_SKIP_BUILD=1 (use the binary
# as built), BENCH_BIN=path (measure that binary, e.g. for an A/B comparison; no build),
# BENCH_BUILD_TIMEOUT (seconds, 3600; includes waiting on the cargo lock), BENCH_QUIET_WAIT
# (seconds, 120: how long to wait before each target for other work on the machine to stop),
# BENCH_BREAKDOWN=1 (three more SQLite targets that show what a query and a token cost).
# Needs: cargo, curl, wrk, nginx (Debian: apt-get install -y wrk nginx-light curl); psql for
# the PostgreSQL part.

set -euo pipefail

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-3600}
PG_ADMIN_URL=${SAMVERKAN_BENCH_POSTGRES_URL:-}
QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
STARTUP_TIMEOUT=180

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    printf '[bench] error: %s\n' "$*" >&2
    exit 1
}

for tool in cargo curl wrk nginx; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install -y wrk nginx-light curl)"
done

HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

rand_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# ---- cleanup: everything this script starts is recorded here and stopped on exit ----------

WORK=""
NGINX_DIR=""
SERVER_PID=""
NGINX_PID=""
PG_DB=""

stop_pid() { # pid: SIGTERM, then SIGKILL after 10 s
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    set +e
    [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID"
    if [[ -n $NGINX_PID ]]; then
        kill -QUIT "$NGINX_PID" 2>/dev/null
        stop_pid "$NGINX_PID"
    fi
    if [[ -n $PG_DB ]]; then
        timeout 30 psql "$PG_ADMIN_URL" -qAt -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 ||
            log "could not drop the PostgreSQL database $PG_DB: drop it by hand"
    fi
    [[ -n $WORK ]] && rm -rf "$WORK"
    [[ -n $NGINX_DIR ]] && rm -rf "$NGINX_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: only a local server, on a database of our own ------------------------------

pg_enabled=false
if [[ -n $PG_ADMIN_URL ]]; then
    hostport=${PG_ADMIN_URL#*://}
    hostport=${hostport##*@}
    hostport=${hostport%%[/?]*}
    host=${hostport%:*}
    [[ $hostport == \[*\]* ]] && host=${hostport%%]*}]
    if ! command -v psql >/dev/null 2>&1; then
        log "SAMVERKAN_BENCH_POSTGRES_URL is set but psql is missing: skipping PostgreSQL"
    elif [[ $host != 127.0.0.1 && $host != localhost && $host != '[::1]' ]]; then
        log "SAMVERKAN_BENCH_POSTGRES_URL must point at 127.0.0.1, localhost or [::1]: skipping PostgreSQL"
    elif ! timeout 15 psql "$PG_ADMIN_URL" -qAt -c 'SELECT 1' >/dev/null 2>&1; then
        log "PostgreSQL at SAMVERKAN_BENCH_POSTGRES_URL does not answer: skipping PostgreSQL"
    else
        pg_enabled=true
    fi
fi

# ---- build ----------------------------------------------------------------------------------

if [[ -n ${BENCH_BIN:-} ]]; then
    BIN=$BENCH_BIN
elif [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
    log "building the release binary (waits on the cargo lock if another build runs)"
    timeout "$BUILD_TIMEOUT" cargo build --release -p samverkan >&2 || die "cargo build --release -p samverkan failed"
fi
if [[ -z ${BENCH_BIN:-} ]]; then
    target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    BIN="${target_dir:-$ROOT/target}/release/samverkan"
fi
[[ -x $BIN ]] || die "no binary at $BIN"

# Made after the build, which may wait long on the cargo lock.
WORK=$(mktemp -d -t samverkan-bench.XXXXXX)

# ---- helpers ------------------------------------------------------------------------------

PASSWORD="bench-$(rand_hex 12)"

free_port() { # a port on 127.0.0.1 nothing listens on
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "found no free port"
}

http_code() { # url [curl args…]
    local url=$1
    shift
    curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" 2>/dev/null || echo 000
}

kib_of() { # pid field: VmRSS or VmHWM in KiB, summed over the process and its children
    local pid=$1 field=$2 total=0 p v
    for p in $(family "$pid"); do
        v=$(awk -v f="$field:" '$1 == f { print $2 }' /proc/"$p"/status 2>/dev/null || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

family() { # pid and its child processes (nginx workers)
    echo "$1 $(cat /proc/"$1"/task/*/children 2>/dev/null)"
}

proc_ticks() { # CPU clock ticks used so far by a pid and its children
    local total=0 p v
    for p in $(family "$1"); do
        v=$(awk '{ print $14 + $15 }' /proc/"$p"/stat 2>/dev/null || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

pids_ticks() { # CPU clock ticks used so far by the given pids (those still there)
    local total=0 p v
    for p in "$@"; do
        v=$(awk '{ print $14 + $15 }' /proc/"$p"/stat 2>/dev/null || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

children_ticks() { # CPU of this shell's waited-for children, from the `times` builtin (run it here, not in $(…))
    times >"$WORK/times"
    awk -v hz="$HZ" 'function s(t, a) { split(t, a, "m"); sub("s", "", a[2]); return a[1] * 60 + a[2] }
        NR == 2 { printf "%.0f", (s($1) + s($2)) * hz }' "$WORK/times"
}

# Waits (at most QUIET_WAIT seconds) until the machine is nearly idle for a second, so that a
# build or test run of someone else does not fall into the measurement; goes on regardless.
wait_for_quiet() {
    local label=$1 deadline=$((SECONDS + QUIET_WAIT)) b0 b1 said=false
    while :; do
        b0=$(busy_ticks)
        sleep 1
        b1=$(busy_ticks)
        ((b1 - b0 <= HZ * 3 / 10)) && return 0 # under 0.3 of a core busy
        if ((SECONDS >= deadline)); then
            log "$label: the machine is still busy after ${QUIET_WAIT} s; measuring anyway (see \"other\")"
            return 0
        fi
        $said || log "$label: the machine is busy; waiting up to ${QUIET_WAIT} s for it to quieten"
        said=true
    done
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

to_ms() { # wrk's 512.00us / 1.23ms / 1.02s → milliseconds
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) ; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        if (n < 10) printf "%.2f ms", n; else if (n < 100) printf "%.1f ms", n; else printf "%.0f ms", n
    }'
}

# count URL TOKEN: items of a paged API list, following next_cursor (limit 200 a page)
count_items() {
    local url=$1 token=$2 cursor="" body n=0 pages=0
    while ((pages < 1000)); do
        body=$(curl -sS --max-time 10 -H "Authorization: Bearer $token" "$url?limit=200${cursor:+&cursor=$cursor}")
        n=$((n + $(grep -o '"id":' <<<"$body" | wc -l)))
        cursor=$(sed -n 's/.*"next_cursor":"\([0-9a-f]*\)".*/\1/p' <<<"$body")
        [[ -z $cursor ]] && break
        pages=$((pages + 1))
    done
    echo "$n"
}

SERVER_URL=""
start_server() { # label, then the database arguments
    local label=$1
    shift
    local out="$WORK/server-$label.out" err="$WORK/server-$label.log" deadline
    SAMVERKAN_DEMO_PASSWORD="$PASSWORD" SAMVERKAN_LOG=warn \
        "$BIN" "$@" serve --demo --addr 127.0.0.1:0 >"$out" 2>"$err" </dev/null &
    SERVER_PID=$!
    deadline=$((SECONDS + STARTUP_TIMEOUT))
    SERVER_URL=""
    while [[ -z $SERVER_URL ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -20 "$err" >&2 || true
            die "the $label server exited during start-up"
        fi
        ((SECONDS < deadline)) || die "the $label server did not start within ${STARTUP_TIMEOUT} s"
        SERVER_URL=$(sed -n 's#^Samverkan is listening on \(http://127\.0\.0\.1:[0-9]*\).*#\1#p' "$out" || true)
        [[ -n $SERVER_URL ]] || sleep 0.2
    done
    until [[ $(http_code "$SERVER_URL/healthz") == 200 ]]; do
        ((SECONDS < deadline)) || die "the $label server's /healthz did not answer 200"
        sleep 0.2
    done
}

# ---- wrk ------------------------------------------------------------------------------------

ROWS=()
# bench LABEL PID URL [HEADER]: warm-up, then the measured run; appends a table row
bench() {
    local label=$1 pid=$2 url=$3 header=${4:-} out code rps p50 p99 non2xx sockerr errs
    local hargs=()
    [[ -n $header ]] && hargs=(-H "$header")
    code=$(http_code "$url" "${hargs[@]}")
    [[ $code == 200 ]] || die "$label: $url answered $code, not 200"
    wait_for_quiet "$label"
    log "$label: warm-up ${WARMUP} s, then ${DURATION} s with $CONNECTIONS connections"
    timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${hargs[@]}" "$url" >/dev/null 2>&1 || true
    out="$WORK/wrk-$(rand_hex 4).txt"
    local t0 b0 s0 w0 d0 t1 b1 s1 w1 d1 cpu db_pids=()
    if [[ -n $PG_DB ]]; then # the PostgreSQL backends serving our database, when visible in /proc
        mapfile -t db_pids < <(timeout 15 psql "$PG_ADMIN_URL" -qAt -c \
            "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB'" 2>/dev/null || true)
    fi
    children_ticks >"$WORK/ticks"
    w0=$(<"$WORK/ticks") s0=$(proc_ticks "$pid") d0=$(pids_ticks "${db_pids[@]}") b0=$(busy_ticks) t0=$EPOCHREALTIME
    timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
        "${hargs[@]}" "$url" >"$out" 2>&1 || log "$label: wrk ended with an error; figures may be partial"
    t1=$EPOCHREALTIME b1=$(busy_ticks) s1=$(proc_ticks "$pid") d1=$(pids_ticks "${db_pids[@]}")
    children_ticks >"$WORK/ticks"
    w1=$(<"$WORK/ticks")
    # Cores busy during the run: the server, its PostgreSQL backends, wrk, and everything else.
    cpu=$(awk -v hz="$HZ" -v t="$((${t1//[.,]/} - ${t0//[.,]/}))" -v s=$((s1 - s0)) -v w=$((w1 - w0)) \
        -v d=$((d1 - d0)) -v b=$((b1 - b0)) -v pg="${#db_pids[@]}" 'BEGIN {
            t = t / 1e6 * hz; o = b - s - w - d; if (o < 0) o = 0
            printf "%.2f / %s / %.2f / %.2f", s / t, pg ? sprintf("%.2f", d / t) : "–", w / t, o / t }')
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    # CPU time of the server (plus its PostgreSQL backends) per request, in microseconds.
    local requests per_req
    requests=$(awk '/ requests in / { print $1; exit }' "$out")
    per_req=$(awk -v hz="$HZ" -v c=$((s1 - s0 + d1 - d0)) -v n="${requests:-0}" \
        'BEGIN { if (n > 0) printf "%.0f µs", c / hz * 1e6 / n; else print "?" }')
    p50=$(awk '$1 == "50%" { print $2; exit }' "$out")
    p99=$(awk '$1 == "99%" { print $2; exit }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }' "$out")
    errs=$((${non2xx:-0} + ${sockerr:-0}))
    ROWS+=("| $label | ${rps:-?} | $(to_ms "${p50:-0}") | $(to_ms "${p99:-0}") | $(mib "$(kib_of "$pid" VmHWM)") | $errs | $per_req | $cpu |")
    log "$label: ${rps:-?} req/s, p50 ${p50:-?}, p99 ${p99:-?}, errors $errs, CPU/request $per_req, cores server/db/wrk/other $cpu"
}

# ---- one engine: start, token, dataset, targets ---------------------------------------------

DATASET=()
IDLE=()
ORG_HTML="$WORK/organisationer.html"

run_engine() { # label, then the database arguments
    local label=$1
    shift
    log "$label: starting the demo region"
    start_server "$label" "$@"
    local pid=$SERVER_PID url=$SERVER_URL token orgs people
    token=$(timeout 60 "$BIN" "$@" token create --email admin@demo.samverkan.se --name bench 2>"$WORK/token.log") || {
        cat "$WORK/token.log" >&2
        die "$label: token create failed"
    }
    [[ $token == svk_* ]] || die "$label: token create printed no token"
    orgs=$(count_items "$url/api/v1/organisations" "$token")
    people=$(count_items "$url/api/v1/people" "$token")
    DATASET+=("$label: $orgs organisations, $people people")
    IDLE+=("$label $(mib "$(kib_of "$pid" VmRSS)")")
    if [[ ! -s $ORG_HTML ]]; then
        curl -sS --max-time 10 -o "$ORG_HTML" "$url/organisationer" || die "could not fetch /organisationer"
    fi
    local auth="Authorization: Bearer $token"
    [[ -n $SIZES ]] || SIZES="GET /organisationer $(curl -sS --max-time 10 "$url/organisationer" | wc -c) bytes, \
/api/v1/organisations?limit=50 $(curl -sS --max-time 10 -H "$auth" "$url/api/v1/organisations?limit=50" | wc -c) bytes, \
/api/v1/people?limit=50 $(curl -sS --max-time 10 -H "$auth" "$url/api/v1/people?limit=50" | wc -c) bytes"
    bench "$label: GET /organisationer (HTML)" "$pid" "$url/organisationer"
    bench "$label: GET /api/v1/organisations?limit=50 (token)" "$pid" "$url/api/v1/organisations?limit=50" "$auth"
    if [[ $label == SQLite ]]; then
        bench "$label: GET /api/v1/people?limit=50 (token)" "$pid" "$url/api/v1/people?limit=50" "$auth"
        if [[ ${BENCH_BREAKDOWN:-} == 1 ]]; then # where the time goes: no query, one query, no token
            bench "$label: GET /healthz (no database)" "$pid" "$url/healthz"
            bench "$label: GET /healthz (token: one query)" "$pid" "$url/healthz" "$auth"
            bench "$label: GET /api/v1/organisations?limit=50 (anonymous)" "$pid" "$url/api/v1/organisations?limit=50"
        fi
    fi
    stop_pid "$pid"
    SERVER_PID=""
}

SIZES=""
run_engine SQLite --data-dir "$WORK/sqlite"

# ---- nginx: the same HTML, static ----------------------------------------------------------

NGINX_DIR=$(mktemp -d -t samverkan-bench-nginx.XXXXXX)
chmod 755 "$NGINX_DIR" # nginx workers may run as another user
mkdir -p "$NGINX_DIR/www" "$NGINX_DIR/tmp"
install -m 644 "$ORG_HTML" "$NGINX_DIR/www/organisationer.html"
NGINX_PORT=$(free_port)
cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    gzip off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    types { text/html html; }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $NGINX_DIR/www;
        location = /organisationer.html { }
        location / { return 404; }
    }
}
EOF
log "nginx: serving the saved page on 127.0.0.1:$NGINX_PORT"
nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" -g 'daemon off;' \
    >"$NGINX_DIR/stdout.log" 2>&1 </dev/null &
NGINX_PID=$!
deadline=$((SECONDS + 30))
until [[ $(http_code "http://127.0.0.1:$NGINX_PORT/organisationer.html") == 200 ]]; do
    kill -0 "$NGINX_PID" 2>/dev/null || {
        cat "$NGINX_DIR/error.log" "$NGINX_DIR/stdout.log" >&2 2>/dev/null
        die "nginx exited during start-up"
    }
    ((SECONDS < deadline)) || die "nginx did not answer within 30 s"
    sleep 0.2
done
bench "nginx: static copy of /organisationer" "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/organisationer.html"
stop_pid "$NGINX_PID"
NGINX_PID=""

# ---- PostgreSQL -----------------------------------------------------------------------------

if $pg_enabled; then
    PG_DB="samverkan_bench_$(rand_hex 6)"
    timeout 30 psql "$PG_ADMIN_URL" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB" >/dev/null ||
        die "could not create the PostgreSQL database $PG_DB"
    pg_base=${PG_ADMIN_URL%%\?*}
    pg_query=""
    [[ $PG_ADMIN_URL == *\?* ]] && pg_query="?${PG_ADMIN_URL#*\?}"
    [[ ${pg_base#*://} == */* ]] && pg_base=${pg_base%/*}
    run_engine PostgreSQL --data-dir "$WORK/postgres" --database-url "$pg_base/$PG_DB$pg_query"
    PG_VERSION=$(timeout 15 psql "$PG_ADMIN_URL" -qAt -c 'SHOW server_version' 2>/dev/null || echo '?')
fi

# ---- report ---------------------------------------------------------------------------------

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --no-ext-diff --quiet HEAD -- 2>/dev/null; then
    commit="$commit (plus uncommitted changes in the working tree)"
fi
model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

echo "## Samverkan benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- commit: $commit"
[[ -n ${BENCH_BIN:-} ]] && echo "- binary: $BIN (given by BENCH_BIN, not built from this commit)"
echo "- machine: $(nproc) × ${model:-unknown CPU}, $mem memory, $(uname -sr)"
echo "- load: $(wrk --version 2>&1 | awk 'NR == 1 { print $1, $2 }'), $THREADS threads, $CONNECTIONS connections," \
    "${DURATION} s per target after a ${WARMUP} s warm-up, on the same machine as the servers"
echo "- static reference: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
$pg_enabled && echo "- PostgreSQL: ${PG_VERSION:-?} on 127.0.0.1"
for d in "${DATASET[@]}"; do echo "- dataset, $d (demo region)"; done
echo "- responses: $SIZES"
idle=$(printf '%s, ' "${IDLE[@]}")
echo "- idle RSS of samverkan after start-up: ${idle%, }"
echo
echo "| target | req/s | p50 | p99 | peak RSS | errors | CPU/request | cores: server / db / wrk / other |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo
echo "Peak RSS is the process's VmHWM read right after that run (samverkan: one process per engine," \
    "so it is the peak so far; nginx: master and workers together). Errors are non-2xx responses plus socket errors." \
    "CPU/request is the CPU time of the server (and its PostgreSQL backends) per request served." \
    "Cores are the CPU time used during the measured run divided by its length: the server, its PostgreSQL" \
    "backends (db; SQLite runs inside the server), wrk, and everything else on the machine (of $(nproc));" \
    "\"other\" well above 0 means something else competed for the CPU and the figures are low (with" \
    "PostgreSQL, about 0.3–0.4 cores of it are the kernel's work on the loopback TCP traffic to the database," \
    "which is charged to no process)."
