#!/usr/bin/env python3
"""Generates the fake-run fixtures under Results/ (deterministic; re-run to refresh).

The figures are invented but shaped like the real thing: hook-map-copy pays per resource
and per storage, continuation-slot and frame-ref pay on `run`, so context-churn crosses
over near run_rate 0.2 at k = 8 and k = 64 and not at all at k = 1.
"""
import csv, json, math, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = "fixture-20261121T0900Z"
STRATS = ["none", "hook-map-copy", "promise-hooks", "frame-ref", "continuation-slot"]
WORK = {"promise-chain": 120, "await-loop": 180, "await-depth": 210, "promise-fanout": 95,
        "thenable-adopt": 310, "timer-burst": 260, "timer-spread": 420, "timer-cancel": 150,
        "interval": 230, "request-server": 9000, "get-store": 8, "run-enter": 40, "context-churn": 150}
SWEEP_K = ["await-loop", "promise-chain", "timer-burst", "get-store", "run-enter", "request-server"]
RATES = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1]
CONC = [1, 10, 100, 1000, 10000]
SUMMARY_COLS = ("run_id strategy workload storages ops concurrency run_rate reps ns_per_op_min "
    "ns_per_op_ci_low ns_per_op_ci_high ns_per_op_fastest_quarter ns_per_op_median cv instructions_per_op ratio_vs_none ratio_ci_low ratio_ci_high p_value significance "
    "added_ns_per_op added_ns_ci_low added_ns_ci_high allocs_per_op bytes_per_op retained_bytes retained_bytes_per_request retained_after_drain_bytes hook_calls_per_op "
    "entries_copied_per_op frames_created wrappers_per_op side_table_high_water latency_p50_ns "
    "latency_p90_ns latency_p99_ns latency_p999_ns latency_max_ns checksum noise_warning status "
    "process_allocs_per_op heap_objects_per_op").split()
rng = random.Random(42)

def cost(s, w, k, rate, conc):
    b = WORK[w]
    if w == "context-churn":
        return {"none": b, "hook-map-copy": b + 3.0 * k, "promise-hooks": b * 1.25 + 3.5 * k,
                "frame-ref": b + 9 + 14.0 * k * rate, "continuation-slot": b + 8 + 12.0 * k * rate}[s]
    if w == "get-store":
        return {"none": b, "hook-map-copy": b + 2, "promise-hooks": b + 3, "frame-ref": b + 1 + 0.3 * k,
                "continuation-slot": b + 0.5}[s]
    if w == "run-enter":
        return {"none": b, "hook-map-copy": b + 5 + 0.5 * k, "promise-hooks": b + 8 + 0.5 * k,
                "frame-ref": b + 6 + 2.2 * k, "continuation-slot": b + 4 + 1.8 * k}[s]
    per_k = {"none": 0, "hook-map-copy": 0.022, "promise-hooks": 0.026, "frame-ref": 0.001, "continuation-slot": 0.0005}[s]
    fixed = {"none": 1.0, "hook-map-copy": 1.12, "promise-hooks": 1.45, "frame-ref": 1.06, "continuation-slot": 1.04}[s]
    c = b * (fixed + per_k * k)
    if w == "request-server":
        c *= 1 + 0.02 * math.log10(conc)
    return c

def stars(p):
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "ns"

def cells():
    for w in WORK:
        if w == "context-churn":
            for k in [1, 8, 64]:
                for r in RATES:
                    yield w, k, r, None
        elif w == "request-server":
            for k in [1, 2, 8, 64]:
                yield w, k, None, 100
            for c in CONC:
                if c != 100:
                    yield w, 8, None, c
        else:
            for k in ([1, 2, 8, 64] if w in SWEEP_K else [1, 8, 64]):
                yield w, k, None, None

def num(x, d=4):
    if x is None:
        return ""
    if x == 0:
        return "0"
    dec = max(0, d - 1 - int(math.floor(math.log10(abs(x)))))
    s = f"{x:.{dec}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s

def main():
    out = os.path.join(HERE, "Results", "standard")
    os.makedirs(out, exist_ok=True)
    summary, samples, latency = [], [], []
    for w, k, r, conc in cells():
        ops = 200 if w == "request-server" else 100000
        base_ns = cost("none", w, k, r or 0, conc or 1)
        for s in STRATS:
            row = dict.fromkeys(SUMMARY_COLS, "")
            row.update(run_id=RUN, strategy=s, workload=w, storages=k, ops=ops, reps=5, status="ok",
                       concurrency="" if conc is None else conc, run_rate="" if r is None else num(r))
            if (w, k, s) == ("timer-cancel", 64, "promise-hooks"):
                row["status"] = "checksum-mismatch"
                summary.append(row); continue
            if (w, k, s) == ("interval", 64, "frame-ref"):
                row["status"] = "error: timer heap exhausted, gave up"
                summary.append(row); continue
            ns = cost(s, w, k, r or 0, conc or 1) * (1 + rng.uniform(-0.01, 0.01))
            half = ns * rng.uniform(0.01, 0.04)
            cv = rng.uniform(0.005, 0.03)
            # The headline (the fastest repetition) inside its interval; the other statistics above it.
            row.update(ns_per_op_min=num(ns), ns_per_op_ci_low=num(ns - half), ns_per_op_ci_high=num(ns + half),
                       ns_per_op_fastest_quarter=num(ns + half / 4), ns_per_op_median=num(ns + half / 2), cv=num(cv))
            # Instructions track the noise-free cost (no rng draw: the other figures stay as they were).
            row["instructions_per_op"] = num(cost(s, w, k, r or 0, conc or 1) * 11.5, 8)
            ratio = ns / base_ns
            if s == "none":
                row.update(ratio_vs_none="1", ratio_ci_low="1", ratio_ci_high="1")
            else:
                p = 0.2 if abs(ratio - 1) < 0.01 else (0.02 if abs(ratio - 1) < 0.03 else 0.0001)
                row.update(ratio_vs_none=num(ratio), ratio_ci_low=num(ratio * 0.98), ratio_ci_high=num(ratio * 1.02),
                           p_value=num(p), significance=stars(p), added_ns_per_op=num(ns - base_ns),
                           added_ns_ci_low=num(ns - base_ns - half), added_ns_ci_high=num(ns - base_ns + half))
            allocs = {"none": 1.0, "hook-map-copy": 2.0 + (0.02 * k if w != "get-store" else 0), "promise-hooks": 3.0,
                      "frame-ref": 1.5, "continuation-slot": 1.2}[s] * (0 if w == "get-store" and s in ("none", "continuation-slot") else 1)
            if w == "get-store":
                allocs = {"none": 0, "hook-map-copy": 0, "promise-hooks": 0, "frame-ref": 0.001 * k, "continuation-slot": 0}[s]
            row.update(allocs_per_op=num(allocs), bytes_per_op=num(allocs * 48 + (16 * k if s == "hook-map-copy" and w != "get-store" else 0)))
            if s in ("hook-map-copy", "promise-hooks"):
                row["hook_calls_per_op"] = num(2.0 if s == "hook-map-copy" else 4.0)
            if s == "hook-map-copy":
                row["entries_copied_per_op"] = num(float(k))
            if s == "frame-ref":
                row["frames_created"] = str(int(ops * 0.1 * k) + 1)
            if s == "promise-hooks":
                row["wrappers_per_op"] = "1"
                row["side_table_high_water"] = str(40 + k)
            if w == "request-server":
                per_req = {"none": 160, "hook-map-copy": 160 + 48 * k, "promise-hooks": 220 + 52 * k,
                           "frame-ref": 176 + 16 * k, "continuation-slot": 168 + 16 * k}[s]
                row["retained_bytes_per_request"] = num(per_req * (1 + 0.0005 * math.log10(conc)))
                row["retained_bytes"] = str(int(per_req * conc))
                p50 = ns * 40 * (1 + 0.3 * math.log10(conc))
                row.update(latency_p50_ns=num(p50, 6), latency_p90_ns=num(p50 * 1.4, 6), latency_p99_ns=num(p50 * 2.2, 6),
                           latency_p999_ns=num(p50 * 3.5, 6), latency_max_ns=num(p50 * 5, 6))
                for pct in [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 100]:
                    nines = -math.log10(1 - pct / 100) if pct < 100 else 4.5
                    f = 0.5 + 0.5 * min(nines, math.log10(2)) / math.log10(2) if pct <= 50 else 1 + 0.55 * (nines - math.log10(2)) ** 1.3
                    latency.append([RUN, s, w, k, conc, num(pct), str(int(p50 * f))])
            row["checksum"] = "00000000" if s == "none" else "5f3a9c21"
            if (w, k, s) == ("timer-spread", 8, "none"):
                row["noise_warning"] = "cv 6.1% > 5%, rerun"
            summary.append(row)
            for rep in range(4):
                it = ops
                sample_ns = ns * (1 + rng.uniform(-0.02, 0.02)) * (1.3 if rep == 0 else 1)
                samples.append([RUN, s, w, k, ops, "" if conc is None else conc, "" if r is None else num(r), rep,
                                1 if rep == 0 else 0, it, str(int(sample_ns * it)), num(sample_ns)])
    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, SUMMARY_COLS, lineterminator="\n"); wr.writeheader(); wr.writerows(summary)
    with open(os.path.join(out, "samples.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow("run_id strategy workload storages ops concurrency run_rate repetition warmup iterations total_ns ns_per_op".split())
        wr.writerows(samples)
    with open(os.path.join(out, "latency-request-server.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow("run_id strategy workload storages concurrency percentile latency_ns".split())
        wr.writerows(latency)
    with open(os.path.join(out, "run.json"), "w") as f:
        json.dump({"runID": RUN, "timestamp": "2026-11-21T09:00:00Z", "hostName": "fixture-host",
                   "cpuModel": "Fake CPU @ 2.0GHz", "coreCount": 2, "kernel": "Linux 6.8.0", "swiftVersion": "6.3.1",
                   "buildConfiguration": "release", "allocator": "jemalloc 5.3.0", "gitCommit": "0123456789abcdef0123",
                   "gitDirty": False, "seed": 42, "commandLine": ["bench", "run", "--suite", "standard"]}, f, indent=2)
        f.write("\n")
    real = os.path.join(HERE, "Results", "real")
    os.makedirs(real, exist_ok=True)
    rows = []
    for s, fx in [("node24-frame", 1.05), ("node24-hooks", 1.6), ("node20", 1.9), ("deno", 1.15), ("bun", 1.3)]:
        for w in ["promise-chain", "await-loop", "timer-burst", "get-store", "run-enter", "request-server"]:
          # k = 0 is the runtime without AsyncLocalStorage (the baseline its ratio divides by).
          for k in [0, 1, 8]:
            row = dict.fromkeys(SUMMARY_COLS, "")
            ratio = 1 if k == 0 else 1 + (fx - 1) * (k / 8) ** 0.5 * (1 + rng.uniform(-0.1, 0.1))
            row.update(run_id="real-fixture", strategy=s, workload=w, storages=k, ops=100000, reps=5,
                       concurrency=100 if w == "request-server" else "", ns_per_op_fastest_quarter=num(100 * ratio), ns_per_op_min=num(100 * ratio), ns_per_op_median=num(100 * ratio), status="ok")
            if k > 0:
                row.update(ratio_vs_none=num(ratio), ratio_ci_low=num(ratio * 0.97), ratio_ci_high=num(ratio * 1.03))
            rows.append(row)
    with open(os.path.join(real, "summary.csv"), "w", newline="") as f:
        wr = csv.DictWriter(f, SUMMARY_COLS, lineterminator="\n"); wr.writeheader(); wr.writerows(rows)

main()
