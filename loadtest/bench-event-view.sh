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
  local rps non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  echo "$label ${rps} req/s (non-2xx: ${non2xx:-0})" >&2
  echo "$rps"
}

echo "warm-up (15 s each)" >&2
DURATION=15s saturate warmup-time "$BASE/api/time" >/dev/null
DURATION=15s saturate warmup-event -s "$HERE/event-view.lua" "$BASE" >/dev/null

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
      -DbaseUrl="$BASE" -Dpath="$path" -Drate="$rate" -Dseconds=30 -Dwarmup=10 2>&1 | grep -E "measured|percentile|response time|Global|KO" || true)
done
