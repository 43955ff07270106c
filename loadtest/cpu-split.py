#!/usr/bin/env python3
"""Where the machine's CPU went during a benchmark run, per process, from /proc.

  cpu-split.py snapshot ROOT > FILE         the service JVM, Redis, PostgreSQL, Elasticsearch and the whole machine
  cpu-split.py report BEFORE AFTER REQUESTS  cores each used over the run, and CPU time per request ("rest" is
                                            wrk, the kernel and everything else the machine ran; the cores the
                                            hypervisor took away, "steal", are reported apart)

On two cores shared by the service, its backing services and the generator, a request's cost is not only the
service's: the report says how much of each request's CPU the service spent and how much Redis and the rest.
"""
import json, os, re, subprocess, sys, time

TICKS = os.sysconf("SC_CLK_TCK")


def process_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    except (OSError, IndexError, ValueError):
        return 0


def pids(pattern, exact=False):
    found = subprocess.run(["pgrep", "-x" if exact else "-f", pattern], capture_output=True, text=True).stdout
    return [int(pid) for pid in found.split()]


def pid_file(path):
    try:
        return [int(open(path).read().split()[0])]
    except (OSError, IndexError, ValueError):
        return []


def snapshot(root):
    services = root + "/target/backing-services/demo"
    groups = {
        "service": pids(r"java .*io\.boxoffice\.(Test)?BoxofficeApplication"),
        "redis": pid_file(services + "/redis.pid"),
        "postgres": pids("postgres", exact=True),
        "elasticsearch": pid_file(services + "/elasticsearch.pid"),
    }
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(v) for v in stat.readline().split()[1:9])
    busy = user + nice + system + irq + softirq  # CPU this machine's processes and kernel used
    ticks = {name: sum(process_ticks(pid) for pid in group) for name, group in groups.items()}
    print(json.dumps({"time": time.time(), "busy": busy, "steal": steal, "ticks": ticks}))


def report(before_path, after_path, requests):
    before, after = json.load(open(before_path)), json.load(open(after_path))
    seconds = after["time"] - before["time"]
    used = {name: (after["ticks"][name] - before["ticks"][name]) / TICKS for name in after["ticks"]}
    used["rest"] = (after["busy"] - before["busy"]) / TICKS - sum(used.values())  # wrk, the kernel, everything else
    cores = ", ".join(f"{name} {value / seconds:.2f}" for name, value in used.items())
    # Steal: time the hypervisor gave this VM's cores to someone else. On a shared host it comes and goes, and a run
    # that lost some of the machine this way is slower without any process using more (BENCHMARKS.md, "How we
    # measure"). Counted apart: until then it was inside "rest".
    stolen = (after["steal"] - before["steal"]) / TICKS / seconds
    idle = os.cpu_count() - (after["busy"] - before["busy"]) / TICKS / seconds - stolen
    line = f"  CPU over the run, in cores: {cores}, idle {idle:.2f}, stolen by the host {stolen:.2f}"
    if requests > 0:
        per = ", ".join(f"{name} {value / requests * 1000:.3f}" for name, value in used.items())
        line += f"; ms of CPU per request: {per}"
    print(line, file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(sys.argv[2])
    else:
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]))
