#!/usr/bin/env bash
# Issue 6 benchmark: GET /api/search (Elasticsearch) against GET /bench/pg-search (PostgreSQL ILIKE '%term%' with a
# pg_trgm GIN index) on 100,000 events, same app, same query mix (loadtest/search.lua), same run.
# One command: if nothing answers at the base URL, this starts the app itself (bench profile, full JIT, rate limits and
# the search query cache off, own data directory) and stops it at the end:
#   ./mvnw spring-boot:test-run -Dbacking-services.dir=$PWD/target/bench-services \
#     -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
#     -Dspring-boot.run.arguments="--boxoffice.rate-limits.enabled=false --boxoffice.search.cache-ttl=0s"
# Other agents share the machine: flock /tmp/boxoffice-heavy.lock loadtest/bench-search.sh [base-url]
# The first call seeds (90,000 events more, pg_trgm index, reindex: a few minutes); later calls find it done.
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
EVENTS=${EVENTS:-100000}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
RUNS=${RUNS:-3}
ROOT=$(cd "$HERE/.." && pwd)

if ! curl -sf "$BASE/api/time" > /dev/null; then
  PORT=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 80)' "$BASE")
  LOG="$ROOT/target/bench-search-service.log"; mkdir -p "$ROOT/target"
  echo "starting the app (log: $LOG)" >&2
  (cd "$ROOT" && SERVER_PORT=$PORT exec setsid ./mvnw -q -ntp spring-boot:test-run -Dbacking-services.dir="$ROOT/target/bench-services" \
    -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
    -Dspring-boot.run.arguments="--boxoffice.rate-limits.enabled=false --boxoffice.search.cache-ttl=0s" > "$LOG" 2>&1) &
  SERVICE_GROUP=$!
  trap 'kill -TERM -- -$SERVICE_GROUP 2>/dev/null; wait $SERVICE_GROUP 2>/dev/null || true' EXIT
  # The port answers before the demo data are in: wait for the start-up banner.
  for i in $(seq 1 900); do grep -q "Boxoffice is running at" "$LOG" && break; kill -0 $SERVICE_GROUP 2>/dev/null || break; sleep 1; done
  grep -q "Boxoffice is running at" "$LOG" || { echo "the app did not start; see $LOG" >&2; exit 1; }
fi

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
TOKEN=$(curl -sf -X POST "$BASE/api/dev/token" -H 'Content-Type: application/json' -d '{"user":"bench","roles":["ADMIN"]}' | jq -r .token)
echo "setup: $(curl -sf -X POST "$BASE/bench/search/seed?events=$EVENTS" -H "Authorization: Bearer $TOKEN")" >&2
echo "search index: $(curl -sf "$BASE/api/search?size=1" | jq -c '{total}') events from now on; postgres: $(curl -sf "$BASE/bench/pg-search?q=%20" | jq -c '{total}')" >&2
for q in "q=velvit" "q=moonl" "q=rock&city=London"; do
  echo "  $q: elasticsearch total $(curl -sf "$BASE/api/search?$q" | jq .total), postgres total $(curl -sf "$BASE/bench/pg-search?$q" | jq .total)" >&2
done

# CPU per request of the service and of Elasticsearch, from /proc, over each saturation run (Elasticsearch's port
# is read from the start-up banner, so only when this script started the app).
pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }
APP_PID=$(pid_on "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 80)' "$BASE")")
ES_PORT=$(grep -o 'Elasticsearch *http://[0-9.]*:[0-9]*' "${LOG:-/dev/null}" 2>/dev/null | tail -1 | sed 's/.*://' || true)
ES_PID=$([ -n "$ES_PORT" ] && pid_on "$ES_PORT" || true)
cpu_ms() { [ -n "$1" ] && awk '{print ($14 + $15) * 10}' "/proc/$1/stat" 2>/dev/null || echo 0; }

run() { # route duration [extra env] -> wrk output
  local route=$1 duration=$2; shift 2
  env ROUTE="$route" "$@" /usr/bin/time -f 'wrk cpu %P' taskset -c 1 wrk -t1 -c"${WRK_C:-$CONNECTIONS}" -d"$duration" --latency \
    -s "$HERE/search.lua" "$BASE" 2>&1
}
ok_rate() { # wrk output -> 2xx req/s
  local out=$1 total secs non2xx
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  secs=$(echo "$out" | awk '/requests in/ {gsub(/s,/, "", $4); print $4}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "scale=1; ($total - ${non2xx:-0}) / $secs" | bc
}
latency() { # wrk output -> "p50 .. p90 .. p99 .. max .."
  echo "$1" | awk '/^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2} /^ +Latency +[0-9]/ {max=$4} /wrk cpu/ {cpu=$3}
    END {print "p50 " p50 ", p90 " p90 ", p99 " p99 ", max " max ", generator cpu " cpu}'
}

echo "warm-up (${WARMUP:-20s} each)" >&2
run /api/search "${WARMUP:-20s}" >/dev/null
run /bench/pg-search "${WARMUP:-20s}" >/dev/null

declare -a ES PG
for r in $(seq 1 "$RUNS"); do
  a0=$(cpu_ms "$APP_PID"); e0=$(cpu_ms "$ES_PID")
  out=$(run /api/search "$DURATION"); ES+=("$(ok_rate "$out")")
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "run $r /api/search: ${ES[-1]} ok req/s ($(latency "$out"); non-2xx: $(echo "$out" | awk '/Non-2xx/ {print $5}');" \
    "cpu per request: service $(echo "scale=1; ($(cpu_ms "$APP_PID") - $a0) / $n" | bc) ms," \
    "elasticsearch $(echo "scale=1; ($(cpu_ms "$ES_PID") - $e0) / $n" | bc) ms)" >&2
  out=$(run /bench/pg-search "$DURATION"); PG+=("$(ok_rate "$out")")
  echo "run $r /bench/pg-search: ${PG[-1]} ok req/s ($(latency "$out"); non-2xx: $(echo "$out" | awk '/Non-2xx/ {print $5}'))" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
E=$(median "${ES[@]}"); P=$(median "${PG[@]}")
echo "median saturation (c=$CONNECTIONS): elasticsearch $E req/s, postgres $P req/s, ratio $(echo "scale=2; $E / $P" | bc)"

# Latency at 60% of each route's own median saturation: 64 paced connections (loadtest/paced.lua's model).
for target in "/api/search:$E" "/bench/pg-search:$P"; do
  route=${target%%:*}; sat=${target#*:}
  rate=$(echo "$sat * 0.6 / 1" | bc)
  out=$(WRK_C=64 run "$route" "$DURATION" RATE="$rate" CONNECTIONS=64)
  echo "paced $route at $rate req/s asked, $(ok_rate "$out") achieved: $(latency "$out")"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
