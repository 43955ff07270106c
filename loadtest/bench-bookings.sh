#!/usr/bin/env bash
# Issue 4 benchmark: confirmed bookings per second. Each Gatling iteration is a buyer's whole path: hold 2 seats
# (Redis), create the booking (PENDING row + a Stripe PaymentIntent against the demo's local Stripe fake over
# HTTP, through stripe-java), confirm with pm_card_visa (Stripe confirm, then the one PostgreSQL transaction that
# writes the tickets, the capture job and the outbox row). Start the demo as for bench-holds.sh, then:
#   loadtest/bench-bookings.sh [base-url]     env: RUNS=3 SECONDS_MEASURED=30 USERS=32 EVENTS=10 RATE (open model)
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}; SECS=${SECONDS_MEASURED:-30}; USERS=${USERS:-32}; EVENTS=${EVENTS:-10}
mkdir -p "$ROOT/target"
POOL_FILE="$ROOT/target/bench-booking-pool.txt"

# The $EVENTS on-sale events with the most seats; every priced seat not yet sold is in the pool.
python3 - "$BASE" "$EVENTS" "$POOL_FILE" <<'PY'
import json, sys, urllib.request
base, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
get = lambda p: json.load(urllib.request.urlopen(base + p))
on_sale = []
for e in get("/api/events?size=100")["items"]:
    d = get(f"/api/events/{e['id']}")
    if d.get("onSale"):
        on_sale.append((d["availability"]["capacity"], e["id"]))
lines = []
for _, event in sorted(on_sale, reverse=True)[:count]:
    sold = set(get(f"/api/events/{event}/availability")["sold"])
    seatmap = get(f"/api/events/{event}/seatmap")
    lines += [f"{event} {s[0]}" for sec in seatmap["sections"] if sec.get("priceCents") for row in sec["rows"]
              for s in row["seats"] if s[0] not in sold]
open(out, "w").write("\n".join(lines))
print(f"{len(lines)} seats of {min(count, len(on_sale))} events in the pool", file=sys.stderr)
PY

PGPORT=$(sed -n 4p "$ROOT/target/backing-services/demo/postgres/data/postmaster.pid" 2>/dev/null || echo "")
check() {
  if [ -n "$PGPORT" ]; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d boxoffice -tA -c "
      SELECT 'seats sold twice: ' || count(*) FROM (SELECT b.event_id, i.seat_id FROM booking b JOIN booking_item i ON i.booking_id = b.id
        WHERE b.status = 'CONFIRMED' GROUP BY 1, 2 HAVING count(*) > 1) d;
      SELECT 'jobs pending: ' || count(*) FILTER (WHERE status = 'PENDING') || ', failed: ' || count(*) FILTER (WHERE status = 'FAILED') FROM job;" >&2
  fi
}

gatling() { # model extra-args...
  (cd "$ROOT" && taskset -c 1 ./mvnw -q -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=boxoffice.BookingsLoad \
      -DbaseUrl="$BASE" -Dmodel="$1" -Dusers="$USERS" -Dseconds="$SECS" -DpoolFile="$POOL_FILE" "${@:2}" \
      > "$ROOT/target/gatling-bookings-$1.log" 2>&1 || true)
  (cd "$HERE" && for step in hold book confirm; do python3 gatling-stats.py bookingsload "measured $step" "$SECS"; done)
  check
}

for run in $(seq 1 "$RUNS"); do echo "== run $run: closed, $USERS buyers in flight" >&2; gatling closed; done
if [ -n "${RATE:-}" ]; then echo "== open model, $RATE buyers/s" >&2; gatling open -Drate="$RATE"; fi
