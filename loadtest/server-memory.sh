#!/usr/bin/env bash
# Prints one line of the service's memory: heap in use right after a full GC, RSS, Netty's direct memory (pooled
# arenas and all Netty direct allocations, from the bench profile's GET /bench/netty-memory) and, when the service
# runs with -XX:NativeMemoryTracking=summary, NMT's committed "Other" and total.
# Usage: server-memory.sh <pid> [base-url] <label>   (the generator appends the label)
set -euo pipefail
PID=$1
if [ $# -ge 3 ]; then BASE=$2; LABEL=$3; else BASE=http://localhost:8080; LABEL=${2:-now}; fi
jcmd "$PID" GC.run > /dev/null
HEAP_KB=$(jcmd "$PID" GC.heap_info | python3 -c '
import re, sys
print(sum(int(u) for u in re.findall(r"generation\s+total \d+K, used (\d+)K", sys.stdin.read())))')
RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/"$PID"/status)
NMT=$( (jcmd "$PID" VM.native_memory summary 2>/dev/null || true) | python3 -c '
import re, sys
text = sys.stdin.read()
other = re.search(r"Other \(reserved=\d+KB, committed=(\d+)KB", text)
total = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", text)
print(f"{other.group(1) if other else -1} {total.group(1) if total else -1}")')
NETTY=$( (curl -sf "$BASE/bench/netty-memory" 2>/dev/null || true) | python3 -c '
import json, sys
try:
    m = json.load(sys.stdin); print(m["pooledDirectBytes"] // 1024, m["nettyDirectBytes"] // 1024)
except Exception:
    print(-1, -1)')
echo "memory $LABEL heapAfterGcKB=$HEAP_KB rssKB=$RSS_KB nettyPooledDirectKB=${NETTY% *} nettyDirectKB=${NETTY#* } nmtOtherKB=${NMT% *} nmtTotalKB=${NMT#* }"
