#!/usr/bin/env bash
# Issue 4 benchmark: successful seat holds per second on a recycled pool, Redis Lua holds (POST /api/holds)
# against the peers' row-locking approach (POST /bench/pg-holds: SELECT … FOR UPDATE NOWAIT + UPDATE), same run.
# Start the demo with the bench profile and rate limits off (both paths then pay the same edge):
#   ./mvnw spring-boot:test-run -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
#     -Dspring-boot.run.arguments="--boxoffice.rate-limits.enabled=false"
# then: loadtest/bench-holds.sh [base-url]      (env: RUNS=3 SECONDS_MEASURED=30 USERS=64 POOL=1000 SEATS=2)
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}; SECS=${SECONDS_MEASURED:-30}; USERS=${USERS:-64}; POOL=${POOL:-1000}; SEATS=${SEATS:-2}
mkdir -p "$ROOT/target"
POOL_FILE="$ROOT/target/bench-seat-pool.txt"

# An on-sale event with the most seats, and the first $POOL of its priced seats as the pool.
EVENT=$(python3 - "$BASE" "$POOL" "$POOL_FILE" <<'PY'
import json, sys, urllib.request
base, pool, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
get = lambda p: json.load(urllib.request.urlopen(base + p))
best = None
for e in get("/api/events?size=100")["items"]:
    d = get(f"/api/events/{e['id']}")
    if d.get("onSale") and (best is None or d["availability"]["capacity"] > best[1]):
        best = (e["id"], d["availability"]["capacity"])
seatmap = get(f"/api/events/{best[0]}/seatmap")
seats = [s[0] for sec in seatmap["sections"] if sec.get("priceCents") for row in sec["rows"] for s in row["seats"]]
open(out, "w").write("\n".join(str(s) for s in seats[:pool]))
print(best[0])
PY
)
echo "event $EVENT, pool of $POOL seats, $SEATS seats per hold, $USERS users" >&2
TOKEN=$(curl -s -X POST "$BASE/api/dev/token" -H 'Content-Type: application/json' -d '{"user":"bench-admin","roles":["USER"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -s -X POST "$BASE/bench/pg-holds/events/$EVENT" -H "Authorization: Bearer $TOKEN" >&2; echo >&2

PGPORT=$(sed -n 4p "$ROOT/target/backing-services/demo/postgres/data/postmaster.pid" 2>/dev/null || echo "")
check_no_double_sale() {
  if [ -n "$PGPORT" ]; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d boxoffice -tA -c "
      SELECT 'seats sold twice: ' || count(*) FROM (SELECT b.event_id, i.seat_id FROM booking b JOIN booking_item i ON i.booking_id = b.id
        WHERE b.status = 'CONFIRMED' GROUP BY 1, 2 HAVING count(*) > 1) d;" >&2
  fi
}

gatling() { # target model extra-args... -> prints the measured hold line
  (cd "$ROOT" && taskset -c 1 ./mvnw -q -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=boxoffice.HoldsLoad \
      -DbaseUrl="$BASE" -Dtarget="$1" -Dmodel="$2" -DeventId="$EVENT" -DseatsPerHold="$SEATS" -Dusers="$USERS" \
      -Dseconds="$SECS" -DpoolFile="$POOL_FILE" "${@:3}" > "$ROOT/target/gatling-$1-$2.log" 2>&1 || true)
  echo -n "$1 $2: "; (cd "$HERE" && python3 gatling-stats.py holdsload "measured hold" "$SECS")
  check_no_double_sale
}

for run in $(seq 1 "$RUNS"); do
  echo "== run $run: closed loop, $USERS in flight" >&2
  gatling redis closed
  gatling pg closed
done
# Latency at a fixed arrival rate: RATE_REDIS / RATE_PG iterations per second (set them to ~60% of the
# median saturation above; one iteration = one hold, plus its release when granted).
if [ -n "${RATE_REDIS:-}" ]; then gatling redis open -Drate="$RATE_REDIS"; fi
if [ -n "${RATE_PG:-}" ]; then gatling pg open -Drate="$RATE_PG"; fi
