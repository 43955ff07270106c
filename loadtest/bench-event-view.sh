#!/usr/bin/env bash
# Issue 3 benchmark: GET /api/events/{id} against the trivial GET /api/time of the same app, same run.
# Start the demo first with the per-IP read limit lifted (one load generator = one IP) and full JIT:
#   ./mvnw spring-boot:test-run -Dspring-boot.test-run.optimizedLaunch=false \
#     -Dspring-boot.run.arguments="--boxoffice.rate-limits.routes.reads.per-ip=1000000000"
# then: loadtest/bench-event-view.sh [base-url]
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}

saturate() { # path-or-script label -> prints req/s of 2xx responses
  local label=$1; shift
  local out
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "$@")
  # Only successful responses count: (requests - non-2xx) / seconds.
  local total secs non2xx ok
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  secs=$(echo "$out" | awk '/requests in/ {gsub(/s,/, "", $4); print $4}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  ok=$(echo "scale=1; ($total - ${non2xx:-0}) / $secs" | bc)
  echo "$label ${ok} ok req/s (non-2xx: ${non2xx:-0} of $total)" >&2
  echo "$ok"
}

echo "warm-up (15 s each)" >&2
DURATION=${WARMUP:-15s} saturate warmup-time "$BASE/api/time" >/dev/null
DURATION=${WARMUP:-15s} saturate warmup-event -s "$HERE/event-view.lua" "$BASE" >/dev/null

declare -a TIME EVENT
for run in 1 2 3; do
  TIME+=("$(saturate "run $run /api/time" "$BASE/api/time")")
  EVENT+=("$(saturate "run $run /api/events/{id}" -s "$HERE/event-view.lua" "$BASE")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
T=$(median "${TIME[@]}"); E=$(median "${EVENT[@]}")
echo "median saturation: /api/time $T req/s, /api/events/{id} $E req/s, ratio $(echo "scale=2; $E / $T" | bc)"

# Latency at 60% of each endpoint's own saturation, open model (Gatling, pinned to the same core as wrk).
for target in "/api/time:$T" "/api/events/1:$E"; do
  path=${target%%:*}; sat=${target#*:}
  rate=$(echo "$sat * 0.6 / 1" | bc)
  echo "open model: $path at $rate req/s for 30 s (after 10 s warm-up)" >&2
  (cd "$HERE/.." && taskset -c 1 ./mvnw -q -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=boxoffice.OpenModelGet \
      -DbaseUrl="$BASE" -Dpath="$path" -Drate="$rate" -Dseconds=30 -Dwarmup=10 > "$HERE/../target/gatling-open-$rate.log" 2>&1 || true)
  (cd "$HERE" && python3 gatling-stats.py openmodelget "measured" 30)
done
