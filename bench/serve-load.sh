#!/usr/bin/env bash
# Load benchmark of `segbench serve`: builds Release, fits and saves a k-means model if there is none,
# starts the server, runs wrk posting one valid customer per request, prints requests/s, latency
# percentiles (p50, p90, p99, p99.9) and the count of non-2xx responses, then stops the server with
# SIGTERM. Target on a 2-core machine: >= 20,000 requests/s, p99 < 10 ms, no non-2xx.
#
#   bench/serve-load.sh                      # 20 s, 2 threads, 64 connections, port 5080
#   DURATION=30s CONNECTIONS=32 bench/serve-load.sh
#   LOG=requests bench/serve-load.sh         # with the per-request log line (default: none)
#
# A warm-up run (WARMUP, 5s, not reported) first lets tiered JIT and PGO settle, so the figures are
# the steady state rather than the first second's tier-0 code.
#
# Environment: DURATION (20s), WARMUP (5s, 0 to skip), THREADS (2), CONNECTIONS (64), PORT (5080), ROWS (20000, rows to fit
# on), LOG (none|requests), WORK (out/serve-load: data, model.json, customer.json, server.log).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-5080}"
ROWS="${ROWS:-20000}"
LOG="${LOG:-none}"
WORK="${WORK:-$ROOT/out/serve-load}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null 2>&1; then
    echo "serve-load: wrk is not installed; install it with: apt-get update && apt-get install -y wrk" >&2
    exit 1
fi

if ! command -v curl >/dev/null 2>&1; then
    echo "serve-load: curl is not installed; install it with: apt-get update && apt-get install -y curl" >&2
    exit 1
fi

mkdir -p "$WORK"
echo "serve-load: building Release" >&2
dotnet build "$ROOT/bench/SegBench.Cli" -c Release -nologo -clp:ErrorsOnly >&2
SEGBENCH="$ROOT/bench/SegBench.Cli/bin/Release/net10.0/segbench.dll"

if [[ ! -f "$WORK/model.json" || ! -f "$WORK/customer.json" ]]; then
    echo "serve-load: generating $ROWS customers and fitting a k-means model (k = 6)" >&2
    dotnet "$SEGBENCH" generate --schema indian-bank-customers --rows "$ROWS" --seed 7 --table customers --out "$WORK/data" >&2
    dotnet run -c Release "$ROOT/bench/load/fit-model.cs" -- "$WORK/data/customers.csv" "$WORK/model.json" "$WORK/customer.json"
fi

echo "serve-load: starting the server on 127.0.0.1:$PORT (--log $LOG)" >&2
dotnet "$SEGBENCH" serve --model "$WORK/model.json" --urls "http://127.0.0.1:$PORT" --log "$LOG" 2>"$WORK/server.log" &
SERVER=$!
stop_server() {
    if kill -0 "$SERVER" 2>/dev/null; then
        kill -TERM "$SERVER"
        local code=0
        wait "$SERVER" || code=$?
        echo "serve-load: server stopped by SIGTERM, exit code $code" >&2
    fi
}
trap stop_server EXIT

for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$SERVER" 2>/dev/null; then
        echo "serve-load: the server did not start:" >&2
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.1
done

# One request first, so a wrong body fails loudly rather than as 100% non-2xx.
status=$(curl -s -o "$WORK/first-response.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$WORK/customer.json" "http://127.0.0.1:$PORT/v1/assign")
if [[ "$status" != "200" ]]; then
    echo "serve-load: a single assignment returned $status:" >&2
    cat "$WORK/first-response.json" >&2
    exit 1
fi
echo "serve-load: one assignment: $(cat "$WORK/first-response.json")" >&2

if [[ "$WARMUP" != "0" ]]; then
    echo "serve-load: warming up for $WARMUP (not reported)" >&2
    SEGBENCH_BODY="$WORK/customer.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" \
        -s "$ROOT/bench/load/assign.lua" "http://127.0.0.1:$PORT/v1/assign" >/dev/null
fi

echo "serve-load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (load average before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
SEGBENCH_BODY="$WORK/customer.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s "$ROOT/bench/load/assign.lua" "http://127.0.0.1:$PORT/v1/assign"
echo "serve-load: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
