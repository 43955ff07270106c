#!/usr/bin/env python3
"""One seat hold every 20 ms on one keep-alive connection, for SECONDS; prints each slow answer with its wall-clock
time (to line up with GC logs, CPU samples and the service's log) and the percentiles at the end.

    loadtest/hold-probe.py SECONDS [SLOW_MS=80] [BASE=http://localhost:8080]

Reads the seat pool and tokens that loadtest/bench-holds.sh wrote to target/ (run it first; with RECYCLE=expire
and the app's --boxoffice.holds.ttl=2s the probe's holds free themselves). Used alone to time an idle service's
holds, or next to a paced wrk run as a second, independent view of the tail (BENCHMARKS.md, "How we measure").
"""
import http.client, json, os, random, sys, time
from urllib.parse import urlparse

seconds = float(sys.argv[1])
slow_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 80
base = urlparse(sys.argv[3] if len(sys.argv) > 3 else "http://localhost:8080")
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target")
token = open(os.path.join(target, "bench-tokens.txt")).read().split()[-1]
pool = [line.split() for line in open(os.path.join(target, "bench-seat-pool.txt")) if line.strip()]

connection = http.client.HTTPConnection(base.hostname, base.port or 80)
latencies = []
end = time.time() + seconds
while time.time() < end:
    event, seat = random.choice(pool)
    started = time.time()
    connection.request("POST", "/api/holds", json.dumps({"eventId": int(event), "seatIds": [int(seat)]}),
                       {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    response = connection.getresponse()
    response.read()
    took = (time.time() - started) * 1000
    latencies.append(took)
    if took >= slow_ms:
        print("%s.%03d slow %.0f ms status %d" % (time.strftime("%H:%M:%S", time.gmtime(started)),
                                                  int(started * 1000) % 1000, took, response.status), flush=True)
    time.sleep(max(0.0, 0.02 - (time.time() - started)))
latencies.sort()
print("probe n=%d p50 %.1f p99 %.1f max %.1f ms; %d at or over %.0f ms" % (
    len(latencies), latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)], latencies[-1],
    sum(1 for l in latencies if l >= slow_ms), slow_ms))
