#!/usr/bin/env bash
# The on-sale surge benchmark (BENCHMARKS.md, "On-sale surge"): an on-sale surge, with the waiting room and without it, in one run .
# Arrivals ramp to 10x the configured admission rate (Gatling, boxoffice.SurgeLoad, pinned to core 1): each buyer gets
# a dev token, joins the queue, watches its position over the WebSocket until admitted, claims, holds 2 seats with
# its Admission-Token, books and pays with the Stripe fake (pm_card_visa). Then the same surge on a second event with
# the room OFF (holds at once). Prints, per half: answers by step and status, 5xx other than deliberate sheds, sheds,
# admitted rate vs configured, join / hold p99, position-push lag p99; and the service's shedding metrics.
# One command: if nothing answers at the base URL it starts the demo itself on fresh backing services
# (target/surge-services, wiped first) with rate limits off, and stops it at the end. Rate limits off: the generator
# is one address, so every anonymous token request would draw from one Redis bucket (Bucket4j compare-and-swap on one
# hot key: in a first run the checks timed out by the hundred and slowed Redis for everyone), which a crowd of real
# addresses never does. Run it with nothing else busy on the machine.
#   loadtest/surge.sh [base-url, default http://localhost:18080]
#   env: RATE=10 (admits/s) BURST=10 RAMP=20 STEADY=20 (seconds) MAX_WAIT=45 (seconds a buyer waits before leaving)
#        WARMUP=20 (seconds of a half-size surge with the room on a third event first, buyers waiting 10 s at most;
#        0 for none) SERVICE_JVM (the started demo's JVM options instead of the pom's boxoffice.jvm) SETTLE=10 (seconds of quiet before each half: capture jobs and outbox of the last one) HALVES="on off"
set -euo pipefail
BASE=${1:-http://localhost:18080}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RATE=${RATE:-10}; BURST=${BURST:-10}; RAMP=${RAMP:-20}; STEADY=${STEADY:-20}; MAX_WAIT=${MAX_WAIT:-45}
WARMUP=${WARMUP:-20}; SETTLE=${SETTLE:-10}; HALVES=${HALVES:-on off}
OUT="$ROOT/target/surge"; rm -rf "$OUT"; mkdir -p "$OUT"

PORT=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 80)' "$BASE")
if ! curl -sf "$BASE/api/time" > /dev/null; then
  echo "starting the demo on port $PORT (log: $OUT/service.log)" >&2
  rm -rf "$ROOT/target/surge-services"
  (cd "$ROOT" && SERVER_PORT=$PORT exec setsid ./mvnw -q -ntp spring-boot:test-run -Dbacking-services.dir="$ROOT/target/surge-services" \
    ${SERVICE_JVM:+"-Dboxoffice.jvm=$SERVICE_JVM"} \
    -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
    -Dspring-boot.run.arguments="--boxoffice.rate-limits.enabled=false" > "$OUT/service.log" 2>&1) &
  SERVICE_GROUP=$!
  trap 'kill -TERM -- -$SERVICE_GROUP 2>/dev/null; wait $SERVICE_GROUP 2>/dev/null || true' EXIT
  # The port answers before the demo data are in: wait for the start-up banner.
  for i in $(seq 1 900); do grep -q "Boxoffice is running at" "$OUT/service.log" && break; kill -0 $SERVICE_GROUP 2>/dev/null || break; sleep 1; done
  grep -q "Boxoffice is running at" "$OUT/service.log" || { echo "the demo did not start; see $OUT/service.log" >&2; exit 1; }
fi

ADMIN=$(curl -sf -X POST "$BASE/api/dev/token" -H 'Content-Type: application/json' -d '{"user":"surge-admin","roles":["ADMIN"]}' | jq -r .token)
# The three on-sale events with the most seats (surge with the room, surge without, warm-up); each one's unsold priced
# seats are its pool.
read -r EVENT_ON EVENT_OFF EVENT_WARM < <(python3 - "$BASE" "$OUT" <<'PY'
import json, sys, urllib.request
base, out = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p))
on_sale = []
for e in get("/api/events?size=100")["items"]:
    d = get(f"/api/events/{e['id']}")
    if d.get("onSale"):
        on_sale.append((d["availability"]["capacity"], e["id"]))
chosen = [event for _, event in sorted(on_sale, reverse=True)[:3]]
if len(chosen) < 3:
    sys.exit("need three on-sale events")
for event in chosen:
    sold = set(get(f"/api/events/{event}/availability")["sold"])
    seatmap = get(f"/api/events/{event}/seatmap")
    seats = [s[0] for sec in seatmap["sections"] if sec.get("priceCents") for row in sec["rows"] for s in row["seats"] if s[0] not in sold]
    open(f"{out}/seats-{event}.txt", "w").write("\n".join(f"{event} {s}" for s in seats))
print(*chosen)
PY
)
queue_mode() { # event mode
  curl -s -o "$OUT/queue-mode-$1.json" -w '%{http_code}' -X PUT "$BASE/api/admin/events/$1/queue" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d "{\"mode\":\"$2\",\"admitsPerSecond\":$RATE,\"burst\":$BURST,\"maxActiveBuyers\":null}"
}
shedding_metrics() {
  curl -sf "$BASE/actuator/prometheus" | grep -E '^boxoffice_(shedding|queue)_' | grep -v '_bucket' || true
}
surge() { # name room event rate ramp steady [max-wait]
  sleep "$SETTLE"
  (cd "$ROOT" && taskset -c 1 ./mvnw -q -ntp -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=boxoffice.SurgeLoad \
      -DbaseUrl="$BASE" -Droom="$2" -Devent="$3" -Drate="$4" -DrampSeconds="$5" -DsteadySeconds="$6" -DmaxWait="${7:-$MAX_WAIT}" \
      -DpoolFile="$OUT/seats-$3.txt" -DsummaryFile="$OUT/summary-$1.txt" > "$OUT/gatling-$1.log" 2>&1 || true)
  cat "$OUT/summary-$1.txt" 2>/dev/null || { echo "no summary for $1; see $OUT/gatling-$1.log" >&2; tail -20 "$OUT/gatling-$1.log" >&2; }
}

echo "events: room on $EVENT_ON, room off $EVENT_OFF, warm-up $EVENT_WARM; admission $RATE/s burst $BURST;" \
  "arrivals ramp to $((10 * RATE))/s over ${RAMP}s then ${STEADY}s; buyers leave after ${MAX_WAIT}s" >&2
if [ "$WARMUP" -gt 0 ]; then
  echo "warm-up (room on, arrivals to $((5 * RATE))/s): HTTP $(queue_mode "$EVENT_WARM" ON)" >&2
  surge warmup on "$EVENT_WARM" "$(echo "$RATE / 2" | bc -l)" $((WARMUP / 2)) $((WARMUP / 2)) 10 > /dev/null
fi
for half in $HALVES; do
  if [ "$half" = on ]; then
    echo "room ON for event $EVENT_ON: HTTP $(queue_mode "$EVENT_ON" ON)" >&2
    surge on on "$EVENT_ON" "$RATE" "$RAMP" "$STEADY"
  else
    echo "room OFF for event $EVENT_OFF: HTTP $(queue_mode "$EVENT_OFF" OFF)" >&2
    surge off off "$EVENT_OFF" "$RATE" "$RAMP" "$STEADY"
  fi
  echo "-- service metrics after the $half half:"; shedding_metrics
done
