#!/usr/bin/env bash
# Issue 4, the hold mechanisms without the HTTP edge: POST /bench/hold-mechanism (profile bench) runs CONCURRENCY
# loops inside the service for SECONDS_MEASURED s, holding 2 random seats of the pool per iteration, either through
# SeatHolds (one Lua script in Redis) or through row locks in PostgreSQL (RowLockingSeats), alternating, RUNS times
# after one warm-up of each. Uses the pool bench-holds.sh wrote (run that first, with the same RECYCLE).
#   loadtest/bench-hold-mechanism.sh [base-url]    env: RUNS=3 SECONDS_MEASURED=30 WARMUP=15 CONCURRENCY=64 RECYCLE=release|expire
#                                                        RATE_REDIS / RATE_PG: holds/s for the open-model latency runs
set -euo pipefail
BASE=${1:-http://localhost:8080}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}; SECS=${SECONDS_MEASURED:-30}; WARMUP=${WARMUP:-15}; CONCURRENCY=${CONCURRENCY:-64}; RECYCLE=${RECYCLE:-release}
POOL_FILE="$ROOT/target/bench-seat-pool.txt"
[ -s "$POOL_FILE" ] || { echo "No pool at $POOL_FILE: run loadtest/bench-holds.sh first" >&2; exit 1; }
TOKEN=$(head -1 "$ROOT/target/bench-tokens.txt")

run() { # target seconds [rate]
  python3 - "$BASE" "$TOKEN" "$1" "$RECYCLE" "$2" "$CONCURRENCY" "$POOL_FILE" "${3:-0}" <<'PY'
import json, sys, urllib.request
base, token, target, recycle, seconds, concurrency, pool_file, rate = sys.argv[1:9]
body = json.dumps({"target": target, "recycle": recycle, "seconds": int(seconds), "concurrency": int(concurrency),
                   "rate": float(rate), "poolFile": pool_file}).encode()
request = urllib.request.Request(base + "/bench/hold-mechanism", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
r = json.load(urllib.request.urlopen(request, timeout=int(seconds) + 120))
print(f"{r['target']:5} {r['recycle']}: {r['grantedPerSecond']} holds/s (granted {r['granted']}, conflicts {r['conflicts']}, "
      f"errors {r['errors']}, {r['seconds']:.1f} s), hold latency p50 {r['p50Millis']:.2f} ms, p99 {r['p99Millis']:.2f} ms, max {r['maxMillis']:.1f} ms")
PY
}
echo "== warm-up" >&2; run redis "$WARMUP" > /dev/null; run pg "$WARMUP" > /dev/null
for i in $(seq 1 "$RUNS"); do echo "== run $i: $CONCURRENCY loops in the service" >&2; run redis "$SECS"; run pg "$SECS"; done
# Latency at a fixed rate (an open model inside the service): RATE_REDIS / RATE_PG iterations per second.
if [ -n "${RATE_REDIS:-}" ]; then echo "== redis at $RATE_REDIS/s" >&2; run redis "$SECS" "$RATE_REDIS"; fi
if [ -n "${RATE_PG:-}" ]; then echo "== pg at $RATE_PG/s" >&2; run pg "$SECS" "$RATE_PG"; fi
