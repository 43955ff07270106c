#!/usr/bin/env bash
# Issue 4 benchmark: successful seat holds per second on a recycled pool, Redis Lua holds (POST /api/holds)
# against the peers' row-locking approach (POST /bench/pg-holds: SELECT … FOR UPDATE NOWAIT + UPDATE), same run.
# Generator: wrk with loadtest/holds.lua (hold 2 random seats of the pool; release each granted hold with the
# next request), pinned to core 1. Start the demo with the bench profile and rate limits off (the baseline lives
# outside /api, so both paths then pay the same edge):
#   ./mvnw spring-boot:test-run -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
#     -Dspring-boot.run.arguments="--boxoffice.rate-limits.enabled=false --boxoffice.holds.ttl=15s"
# (the JVM's options come from the pom's boxoffice.jvm: a committed 1 GB heap, the serial collector)
# then: loadtest/bench-holds.sh [base-url]
#   env: RUNS=3 SECONDS_MEASURED=30 CONNECTIONS=64 SEATS=2
#        WARMUP=20: seconds per warm-up slice; slices of both paths repeat until the JIT compiler is quiet (a pair of
#                   slices adds under JIT_QUIET_MS=5000 ms of compile time; at most WARMUP_SLICES=20 pairs). On 2 cores
#                   the C2 compiler needs two to three minutes of load to finish; a run started earlier measures the JIT.
#        RECYCLE=release (default; a DELETE per granted hold, over POOL=1000 seats of one event; start the app with
#                         --boxoffice.holds.ttl=15s: the holds granted as a run stops are never released by wrk, and
#                         with the default 10 min they would keep their seats through every later run) or
#        RECYCLE=expire  (one request per hold; start the app with --boxoffice.holds.ttl=2s; over EVENTS=10 events)
#        TARGETS="redis pg": the paths each run measures, in order; also "annotated" (the same hold through an annotated
#                   controller, as /api/holds once was), "edge" and "edgefn" (the hold's shape with
#                   everything but Redis, as an annotated controller and as a functional route: the ceiling of a hold
#                   through this edge on this machine); these three only with RECYCLE=expire (they never release)
#        RATE_REDIS / RATE_PG: requests/s for the 60% runs, a fixed arrival rate (a hold and its release are two requests)
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}; SECS=${SECONDS_MEASURED:-30}; WARMUP=${WARMUP:-20}; CONNECTIONS=${CONNECTIONS:-64}
JIT_QUIET_MS=${JIT_QUIET_MS:-5000}; WARMUP_SLICES=${WARMUP_SLICES:-20}
TARGETS=${TARGETS:-redis pg}; POOL=${POOL:-1000}; SEATS=${SEATS:-2}; RECYCLE=${RECYCLE:-release}; EVENTS=${EVENTS:-10}
mkdir -p "$ROOT/target"
export POOL_FILE="$ROOT/target/bench-seat-pool.txt" TOKENS_FILE="$ROOT/target/bench-tokens.txt" SEATS CONNECTIONS RECYCLE

# RECYCLE=release: the on-sale event with the most seats, its first $POOL priced seats.
# RECYCLE=expire: the $EVENTS on-sale events with the most seats, all their priced seats (start the app with a short
# hold TTL, e.g. --boxoffice.holds.ttl=2s, so that seats come free by expiry).
python3 - "$BASE" "$RECYCLE" "$POOL" "$EVENTS" "$POOL_FILE" <<'PY'
import json, sys, urllib.request
base, recycle, pool, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
get = lambda p: json.load(urllib.request.urlopen(base + p))
on_sale = []
for e in get("/api/events?size=100")["items"]:
    d = get(f"/api/events/{e['id']}")
    if d.get("onSale"):
        on_sale.append((d["availability"]["capacity"], e["id"]))
chosen = [event for _, event in sorted(on_sale, reverse=True)[:1 if recycle == "release" else count]]
lines = []
for event in chosen:
    seatmap = get(f"/api/events/{event}/seatmap")
    sold = set(get(f"/api/events/{event}/availability")["sold"])  # earlier booking benchmarks may have sold some
    seats = [s[0] for sec in seatmap["sections"] if sec.get("priceCents") for row in sec["rows"] for s in row["seats"]
             if s[0] not in sold]
    lines += [f"{event} {seat}" for seat in (seats[:pool] if recycle == "release" else seats)]
open(out, "w").write("\n".join(lines))
print(f"recycle by {recycle}: {len(lines)} seats of events {chosen}", file=sys.stderr)
PY
for i in $(seq 1 500); do
  curl -s -X POST "$BASE/api/dev/token" -H 'Content-Type: application/json' -d "{\"user\":\"bench-$i\",\"roles\":[\"USER\"]}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
done > "$TOKENS_FILE"
echo "$SEATS seats per hold, $CONNECTIONS connections, 500 buyers" >&2
for event in $(cut -d' ' -f1 "$POOL_FILE" | sort -u); do
  curl -s -X POST "$BASE/bench/pg-holds/events/$event" -H "Authorization: Bearer $(head -1 "$TOKENS_FILE")" >&2; echo >&2
done

PGPORT=$(sed -n 4p "$ROOT/target/backing-services/demo/postgres/data/postmaster.pid" 2>/dev/null || echo "")
check_no_double_sale() {
  if [ -n "$PGPORT" ]; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d boxoffice -tA -c "
      SELECT 'seats sold twice: ' || count(*) FROM (SELECT b.event_id, i.seat_id FROM booking b JOIN booking_item i ON i.booking_id = b.id
        WHERE b.status = 'CONFIRMED' GROUP BY 1, 2 HAVING count(*) > 1) d;" >&2
  fi
}

# Where a granted hold's time went, from the service's own metrics over the run: its mean time inside the service,
# and (Redis path) the mean round trip of the hold script as Lettuce saw it (Redis runs the script in ~0.06 ms);
# how long the JIT compiler ran meanwhile (a warm service compiles next to nothing), and the GC pauses (each one
# stops every request in flight; with the serial collector they set the tail at 60% load).
server_view() { # target metrics-before metrics-after
  python3 - "$@" <<'PY' >&2
import re, sys
def read(path):
    values = {}
    for line in open(path):
        m = re.match(r'(\w+)\{(.*)\} (\S+)$', line.strip())
        if m: values[(m.group(1), m.group(2))] = float(m.group(3))
    return values
target, before, after = sys.argv[1], read(sys.argv[2]), read(sys.argv[3])
def mean(metric, *parts):
    count = total = 0.0
    for (name, labels), value in after.items():
        if all(p in labels for p in parts):
            if name == metric + "_count": count += value - before.get((name, labels), 0)
            if name == metric + "_sum": total += value - before.get((name, labels), 0)
    return f"{total / count * 1000:.2f} ms" if count else "n/a"
route = {'redis': '/api/holds', 'pg': '/bench/pg-holds', 'annotated': '/bench/annotated-holds',
         'edge': '/bench/edge-holds', 'edgefn': '/bench/edge-holds-fn'}[target]
inside = mean('http_server_requests_seconds', 'uri="%s"' % route, 'status="201"')
line = "  in the service: %s 201 mean %s" % (route, inside)
if target in ('redis', 'annotated'):
    line += "; hold script round trip (Lettuce) mean " + mean('lettuce_command_completion_seconds', 'command="EVALSHA"')
def increase(metric):  # over the run, all label sets together
    return sum(value - before.get(key, 0) for key, value in after.items() if key[0] == metric)
jit, pauses, paused = (increase('jvm_compilation_time_ms_total'), increase('jvm_gc_pause_seconds_count'),
                       increase('jvm_gc_pause_seconds_sum'))
print(line + "; JIT compiling %.0f ms; GC pauses %d, %.0f ms in all (mean %.1f ms)"
      % (jit, pauses, paused * 1000, paused * 1000 / pauses if pauses else 0))
PY
}

load() { # target seconds [rate] -> wrk's summary lines, the script's counts, the service's view, the CPU split
  local out
  curl -s "$BASE/actuator/prometheus" > "$ROOT/target/bench-metrics-before.txt"
  "$HERE/cpu-split.py" snapshot "$ROOT" > "$ROOT/target/bench-cpu-before.json"
  out=$(TARGET=$1 RATE=${3:-0} taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -s "$HERE/holds.lua" "$BASE")
  "$HERE/cpu-split.py" snapshot "$ROOT" > "$ROOT/target/bench-cpu-after.json"
  curl -s "$BASE/actuator/prometheus" > "$ROOT/target/bench-metrics-after.txt"
  echo "$out" | grep -E "holds granted|Requests/sec|^ +(50|90|99)%|Latency +[0-9]"
  server_view "$1" "$ROOT/target/bench-metrics-before.txt" "$ROOT/target/bench-metrics-after.txt" || true
  "$HERE/cpu-split.py" report "$ROOT/target/bench-cpu-before.json" "$ROOT/target/bench-cpu-after.json" \
    "$(echo "$out" | awk '/requests in/ {print $1}')" || true
}

jit_ms_total() { curl -s "$BASE/actuator/prometheus" | awk '/^jvm_compilation_time_ms_total/ {t += $NF} END {printf "%d", t}'; }
for slice in $(seq 1 "$WARMUP_SLICES"); do
  before=$(jit_ms_total)
  for target in $TARGETS; do load "$target" "$WARMUP" > /dev/null 2>&1; done
  compiled=$(( $(jit_ms_total) - before ))
  echo "== warm-up $slice: $TARGETS ${WARMUP} s each, JIT compiled ${compiled} ms" >&2
  [ "$compiled" -lt "$JIT_QUIET_MS" ] && break
done
for run in $(seq 1 "$RUNS"); do
  echo "== run $run: closed loop, $CONNECTIONS connections" >&2
  for target in $TARGETS; do load "$target" "$SECS"; check_no_double_sale; done
done
# Latency at a fixed arrival rate (loadtest/pacing.lua; ~60% of the median saturation in requests/s).
if [ -n "${RATE_REDIS:-}" ]; then echo "== paced redis at $RATE_REDIS req/s" >&2; load redis "$SECS" "$RATE_REDIS"; fi
if [ -n "${RATE_PG:-}" ]; then echo "== paced pg at $RATE_PG req/s" >&2; load pg "$SECS" "$RATE_PG"; fi
check_no_double_sale
