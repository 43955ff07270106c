#!/usr/bin/env bash
# Issue 30 benchmark (item 9): the edge ladder, each rung one cost more than the one below, saturated with wrk
# pinned to core 1, with the Redis commands the application sent per request:
#   bare      GET /bench/bare      answered at the head of the filter chain: WebFlux on Netty
#   security  GET /bench/secured   every edge filter and Spring Security, no rate limit (outside /api)
#   limits    GET /api/time        + the reads rate limit
#   view      GET /api/events/{id} + the event view (200 hot events)
# twice in one run: with the reads limit exact (Redis decides every request, as before) and local (decided on the
# instance, settled in batches). This script starts the app itself for each mode (bench profile, full JIT, the
# per-address read limit lifted: one load generator is one address) and stops it afterwards:
#   flock /tmp/boxoffice-heavy.lock loadtest/bench-edge-ladder.sh
#   env: PORT=8080 DURATION=15s RUNS=3 CONNECTIONS=32 WARMUP=20s MODES="exact local"
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PORT=${PORT:-8080}; BASE="http://localhost:$PORT"
DURATION=${DURATION:-15s}; RUNS=${RUNS:-3}; CONNECTIONS=${CONNECTIONS:-32}; WARMUP=${WARMUP:-20s}
MODES=${MODES:-exact local}
LOG="$ROOT/target/bench-edge-ladder-service.log"; mkdir -p "$ROOT/target"
curl -sf "$BASE/api/time" > /dev/null && { echo "something already answers at $BASE; stop it first" >&2; exit 1; }

start_app() { # sync mode of the reads limit
  echo "starting the app, reads limit $1 (log: $LOG)" >&2
  (cd "$ROOT" && SERVER_PORT=$PORT exec setsid ./mvnw -q -ntp spring-boot:test-run -Dbacking-services.dir="$ROOT/target/bench-services" \
    -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
    -Dspring-boot.run.arguments="--boxoffice.rate-limits.routes.reads.per-ip=1000000000 --boxoffice.rate-limits.routes.reads.sync=$1" \
    > "$LOG" 2>&1) &
  SERVICE_GROUP=$!
  trap 'kill -TERM -- -$SERVICE_GROUP 2>/dev/null; wait $SERVICE_GROUP 2>/dev/null || true' EXIT
  for _ in $(seq 1 900); do grep -q "Boxoffice is running at" "$LOG" && break; kill -0 $SERVICE_GROUP 2>/dev/null || break; sleep 1; done
  grep -q "Boxoffice is running at" "$LOG" || { echo "the app did not start; see $LOG" >&2; exit 1; }
}

stop_app() {
  kill -TERM -- -$SERVICE_GROUP 2>/dev/null || true
  wait $SERVICE_GROUP 2>/dev/null || true
  trap - EXIT
}

redis_commands() { # every Redis command the application has sent so far (Lettuce's command timers)
  curl -sf "$BASE/actuator/prometheus" | awk '/^lettuce_command_completion_seconds_count/ {sum += $NF} END {printf "%d\n", sum}'
}

rung() { # name, path or wrk script args -> prints "ok-req/s redis-commands-per-request"
  local name=$1; shift
  local before after out total secs non2xx
  before=$(redis_commands)
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "$@")
  after=$(redis_commands)
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  secs=$(echo "$out" | awk '/requests in/ {gsub(/s,/, "", $4); print $4}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$(echo "scale=0; ($total - ${non2xx:-0}) / $secs" | bc) $(echo "scale=2; ($after - $before) / $total" | bc)"
}

declare -A RESULT
for mode in $MODES; do
  start_app "$mode"
  echo "warm-up: $WARMUP per rung, twice" >&2
  for _ in 1 2; do
    for path in /bench/bare /bench/secured /api/time; do DURATION=$WARMUP rung warm "$BASE$path" > /dev/null; done
    DURATION=$WARMUP rung warm -s "$HERE/event-view.lua" "$BASE" > /dev/null
  done
  for run in $(seq 1 "$RUNS"); do
    for r in bare:/bench/bare security:/bench/secured limits:/api/time; do
      RESULT[$mode/${r%%:*}/$run]=$(rung "${r%%:*}" "$BASE${r#*:}")
      echo "$mode run $run ${r%%:*}: ${RESULT[$mode/${r%%:*}/$run]}" >&2
    done
    RESULT[$mode/view/$run]=$(rung view -s "$HERE/event-view.lua" "$BASE")
    echo "$mode run $run view: ${RESULT[$mode/view/$run]}" >&2
  done
  stop_app
done

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo
echo "| rung | reads limit | req/s (median of $RUNS, runs) | Redis commands per request |"
echo "|---|---|---|---|"
for r in bare security limits view; do
  for mode in $MODES; do
    rates=(); cmds=()
    for run in $(seq 1 "$RUNS"); do
      set -- ${RESULT[$mode/$r/$run]}
      rates+=("$1"); cmds+=("$2")
    done
    echo "| $r | $mode | $(median "${rates[@]}") ($(IFS=/; echo "${rates[*]}")) | $(median "${cmds[@]}") |"
  done
done
