// tasklocal-bench: Swift's TaskLocal on the model's workload shapes, for
// `bench fidelity` (Sources/Suites/RealRuntimeHarness.swift). Prints one JSON object per line (the same records
// as scripts/real/bench.mjs: meta, sample, cell, plus statistics from
// Measurement.Statistics, which the runner cross-checks).
//
// Usage: tasklocal-bench --workload W [--ks 0,1,8,64] [--reps 7] [--warmup 2]
//                        [--target-ms 40] [--ops N] [--concurrency 100] [--seed 42]
//                        [--executor single|global]
//        tasklocal-bench --list
import TaskLocalBench

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    fputs("tasklocal-bench: \(message)\n", stderr)
    exit(64)
}

var options: [String: String] = [:]
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--list"] {
    for w in TaskLocalWorkload.allCases { print(w.rawValue) }
    exit(0)
}
while !arguments.isEmpty {
    let name = arguments.removeFirst()
    guard name.hasPrefix("--"), !arguments.isEmpty else { fail("expected --option value, got '\(name)'") }
    options[String(name.dropFirst(2))] = arguments.removeFirst()
}
func int(_ key: String, _ fallback: Int) -> Int {
    guard let text = options[key] else { return fallback }
    guard let v = Int(text), v >= 0 else { fail("--\(key) needs a non-negative integer, got '\(text)'") }
    return v
}
guard let workloadName = options["workload"] else { fail("--workload is required; valid: \(TaskLocalWorkload.allCases.map(\.rawValue).joined(separator: ", "))") }
guard let workload = TaskLocalWorkload(rawValue: workloadName) else {
    fail("unknown workload '\(workloadName)'; valid: \(TaskLocalWorkload.allCases.map(\.rawValue).joined(separator: ", "))")
}
let ks = (options["ks"] ?? "0,1,8,64").split(separator: ",").map { part -> Int in
    guard let k = Int(part), k >= 0, k <= TaskLocalKeys.maximum else { fail("--ks entries must be in 0…\(TaskLocalKeys.maximum)") }
    return k
}
let executorName = options["executor"] ?? "single"
guard let executor = TaskLocalExecutor(rawValue: executorName) else {
    fail("unknown executor '\(executorName)'; valid: \(TaskLocalExecutor.allCases.map(\.rawValue).joined(separator: ", "))")
}
let benchmark = TaskLocalBenchmark(
    workload: workload, storages: ks, ops: options["ops"].map { _ in max(1, int("ops", 1)) },
    concurrency: max(1, int("concurrency", 100)), repetitions: max(1, int("reps", 7)), warmups: int("warmup", 2),
    targetSampleNanos: UInt64(max(1, int("target-ms", 40))) * 1_000_000, seed: UInt64(int("seed", 42)), executor: executor)

func json(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}
func str(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
func num(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

#if compiler(>=6.3)
let compiler = "Swift 6.3+"
#else
let compiler = "Swift < 6.3"
#endif

print(json([("type", str("meta")), ("workload", str(workload.rawValue)), ("ks", "[" + ks.map(String.init).joined(separator: ",") + "]"),
            ("runtime", str("swift-task-local (\(compiler), \(executor == .single ? "single-thread task executor" : "global cooperative executor"))")),
            ("executor", str(executor.rawValue)),
            ("clock", str("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)"))]))

let cells = await benchmark.run { s in
    print(json([("type", str("sample")), ("k", String(s.storages)), ("repetition", String(s.repetition)),
                ("warmup", s.warmup ? "1" : "0"), ("iterations", String(s.iterations)), ("total_ns", String(s.cpuNanos)),
                ("wall_ns", String(s.wallNanos)), ("checksum", str(String(s.checksum))), ("reads", String(s.reads))]))
}
for c in cells {
    print(json([("type", str("cell")), ("k", String(c.storages)), ("ops", String(c.ops)), ("checksum", str(String(c.outcome.checksum))),
                ("checksums_agree", c.checksumsAgree ? "true" : "false"), ("reads", String(c.outcome.reads))]))
    var stats: [(String, String)] = [("type", str("statistics")), ("k", String(c.storages)), ("median", num(c.summary.median)),
                                     ("ci_low", num(c.summary.ciLow)), ("ci_high", num(c.summary.ciHigh)), ("cv", num(c.summary.cv))]
    if let r = c.ratioVsNone {
        stats += [("ratio", num(r.ratio)), ("ratio_ci_low", num(r.ciLow)), ("ratio_ci_high", num(r.ciHigh)), ("p_value", num(r.pValue))]
    }
    print(json(stats))
}
