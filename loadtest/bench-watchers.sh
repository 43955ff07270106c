#!/usr/bin/env bash
# Issue 5 benchmark: WATCHERS WebSocket watchers of one event (each starts with a snapshot) in one generator
# process (loadtest/watchers/WatchersBench.java, Reactor Netty, pinned to core 1), while holds and
# releases of single seats churn through the API at RATE changes/s. Per hold: the last watcher's receipt of the
# delta minus the hold's API response; p50/p99 over the holds of the measured window. Memory per connection: the
# service's heap after a full GC, RSS and NMT "Other" (direct memory) with WATCHERS connected minus idle.
# One command: if nothing answers at the base URL, this starts the demo itself (BENCHMARKS.md's command, with the
# per-address WebSocket cap and the hold/read rate limits lifted: one generator is one address and a few users) and
# stops it at the end:
#   ./mvnw spring-boot:test-run -Dspring-boot.run.profiles=bench -Dspring-boot.test-run.optimizedLaunch=false \
#     -Dspring-boot.run.arguments="--boxoffice.seatmap.max-connections-per-ip=20000 \
#     --boxoffice.rate-limits.routes.reads.per-ip=1000000000 --boxoffice.rate-limits.routes.holds.per-ip=1000000000 \
#     --boxoffice.rate-limits.routes.holds.per-user=1000000000 --boxoffice.rate-limits.routes.holds.signed-in-per-ip=1000000000"
# Other agents share the machine: run it as  flock /tmp/boxoffice-heavy.lock loadtest/bench-watchers.sh
#   loadtest/bench-watchers.sh [base-url]   (env: RUNS=3 WATCHERS=10000 RATE=200 WARMUP=10 SECONDS_MEASURED=30 EVENT=<id>)
set -euo pipefail
BASE=${1:-http://localhost:8080}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUNS=${RUNS:-3}; WATCHERS=${WATCHERS:-10000}; RATE=${RATE:-200}; WARMUP=${WARMUP:-10}; SECS=${SECONDS_MEASURED:-30}
OUT="$ROOT/target/bench-watchers"; mkdir -p "$OUT"

# The generator runs on the service's own runtime classpath (Reactor Netty, Jackson): no second dependency set.
if [ ! -s "$ROOT/target/runtime-classpath.txt" ]; then
  (cd "$ROOT" && ./mvnw -q -ntp dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime)
fi
CP=$(cat "$ROOT/target/runtime-classpath.txt")

PORT=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 80)' "$BASE")
if ! curl -sf "$BASE/api/time" > /dev/null; then
  echo "starting the demo (log: $OUT/service.log)" >&2
  (cd "$ROOT" && SERVER_PORT=$PORT exec setsid ./mvnw -q -ntp spring-boot:test-run -Dspring-boot.run.profiles=bench \
    -Dspring-boot.test-run.optimizedLaunch=false -Dspring-boot.run.arguments="--boxoffice.seatmap.max-connections-per-ip=20000 \
    --boxoffice.rate-limits.routes.reads.per-ip=1000000000 --boxoffice.rate-limits.routes.holds.per-ip=1000000000 \
    --boxoffice.rate-limits.routes.holds.per-user=1000000000 --boxoffice.rate-limits.routes.holds.signed-in-per-ip=1000000000" > "$OUT/service.log" 2>&1) &
  SERVICE_GROUP=$!
  trap 'kill -TERM -- -$SERVICE_GROUP 2>/dev/null; wait $SERVICE_GROUP 2>/dev/null || true' EXIT
  for i in $(seq 1 600); do curl -sf "$BASE/api/time" > /dev/null && break; sleep 1; done
  curl -sf "$BASE/api/time" > /dev/null || { echo "the demo did not start; see $OUT/service.log" >&2; exit 1; }
fi
javac -d "$OUT/classes" -cp "$CP" "$HERE/watchers/WatchersBench.java"

# The on-sale event with the most seats among the first 100 (the demo's 20,000-seat arena), once the demo dataset
# is in (a fresh demo database loads it after start-up).
EVENT=${EVENT:-$(python3 - "$BASE" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
get = lambda p: json.load(urllib.request.urlopen(base + p))
best = None
for attempt in range(300):
    for e in get("/api/events?size=100")["items"]:
        d = get(f"/api/events/{e['id']}")
        if d.get("onSale") and (best is None or d["availability"]["capacity"] > best[1]):
            best = (e["id"], d["availability"]["capacity"])
    if best:
        break
    time.sleep(1)
if not best:
    sys.exit("no on-sale event found")
print(best[0])
PY
)}
PID=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
echo "event $EVENT, service pid $PID, $WATCHERS watchers, $RATE changes/s, ${WARMUP}s warm-up, ${SECS}s measured, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for run in $(seq 1 "$RUNS"); do
  echo "== run $run" >&2
  taskset -c 1 java -Xmx2g -Xss256k -XX:+UseParallelGC -cp "$OUT/classes:$CP" \
    -DbaseUrl="$BASE" -Devent="$EVENT" -Dwatchers="$WATCHERS" -Drate="$RATE" -Dwarmup="$WARMUP" -Dseconds="$SECS" \
    -DmeasureCmd="$HERE/server-memory.sh $PID $BASE" boxoffice.WatchersBench 2>&1 | tee "$OUT/run-$run.log" >&2
  ps -o %cpu=,rss= -p "$PID" | awk '{print "service cpu% (avg since start) " $1 ", rss " $2 " KB"}' >&2
done

python3 - "$OUT" "$RUNS" "$WATCHERS" <<'PY'
import json, re, statistics, sys
out, runs, watchers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for run in range(1, runs + 1):
    text = open(f"{out}/run-{run}.log").read()
    result = json.loads([l for l in text.splitlines() if l.startswith("{")][-1])
    mem = {m[0]: dict(re.findall(r"(\w+)=(-?\d+)", m[1])) for m in re.findall(r"memory (\w+) (.*)", text)}
    per = lambda key: ((int(mem["connected"][key]) - int(mem["idle"][key])) / max(1, result["watchers"])
                       if "connected" in mem and "idle" in mem and int(mem["idle"][key]) >= 0 else float("nan"))
    result.update(heapPerConnKB=per("heapAfterGcKB"), rssPerConnKB=per("rssKB"), nettyDirectPerConnKB=per("nettyDirectKB"))
    rows.append(result)
    print(f"run {run}: " + json.dumps(result))
med = lambda key: statistics.median(r[key] for r in rows)
print(f"median of {runs}: p50 {med('p50Ms'):.1f} ms, p99 {med('p99Ms'):.1f} ms, max {med('maxMs'):.1f} ms; "
      f"heap after GC {med('heapPerConnKB'):.1f} KB/conn, RSS {med('rssPerConnKB'):.1f} KB/conn, Netty direct {med('nettyDirectPerConnKB'):.1f} KB/conn")
PY
