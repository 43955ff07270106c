#!/usr/bin/env python3
"""Prints one request's numbers from the newest Gatling report: gatling-stats.py <simulation-prefix> <request-name> <seconds>
   -> "ok=… ko=… ok/s=… p50=… p99=… max=… ms" (the report's own OK-response statistics)."""
import glob, re, sys

prefix, request, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
run = sorted(glob.glob(f"target/gatling/{prefix}-*"))[-1]
slug = request.replace(" ", "-")
# Gatling cuts the file name of a long request name to 15 characters.
page = open(glob.glob(f"{run}/req_{slug[:15]}*.html")[0]).read()
cells = re.findall(r'class="title">([^<]*)</td>\s*<td class="total">([^<]*)<.*?<td class="ok">([^<]*)<.*?<td class="ko">([^<]*)<', page, re.S)
stats = {title.strip(): (total, ok, ko) for title, total, ok, ko in cells}
count = stats.get("Total count")
ok = int(count[1].replace(",", "")) if count else None
ko = int(count[2].replace(",", "").replace("-", "0")) if count else None
okps = f"{ok / seconds:.0f}" if ok is not None else "?"
print(f"{request}: ok={ok} ko={ko} ok/s={okps} p50={stats['50th percentile'][1]} p99={stats['99th percentile'][1]} "
      f"max={stats['Max'][1]} ms  ({run})")
