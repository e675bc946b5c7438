// tasklocal-bench: Swift's TaskLocal on the model's workload shapes, for
// `bench fidelity` (Sources/Suites/RealRuntimeHarness.swift). Prints one JSON object per line (the same records
// as scripts/real/bench.mjs: meta, sample, cell, plus statistics from
// Measurement.Statistics, which the runner cross-checks).
import ArgumentParser
import Foundation
import Measurement
import TaskLocalBench

extension TaskLocalWorkload: ExpressibleByArgument {}
extension TaskLocalExecutor: ExpressibleByArgument {}

@main
struct TaskLocalBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasklocal-bench",
        abstract: "Swift's @TaskLocal on the model's workload shapes; one JSON record per line (for `bench fidelity`).")

    @Flag(help: "Print the workload ids this port runs, one per line, and exit.")
    var list = false

    @Option(help: "The workload (\(TaskLocalWorkload.allCases.map(\.rawValue).joined(separator: ", "))).")
    var workload: TaskLocalWorkload?

    @Option(help: "Comma-separated numbers of bound TaskLocal keys, each in 0…\(TaskLocalKeys.maximum).")
    var ks = "0,1,8,64"

    @Option(help: "Measured repetitions per k (at least 1).")
    var reps = 7

    @Option(help: "Warm-up repetitions per k.")
    var warmup = 2

    @Option(name: .customLong("target-ms"), help: "Target CPU time of one sample, in milliseconds (at least 1).")
    var targetMillis = 40

    @Option(help: "Operations per run (default: the workload's).")
    var ops: Int?

    @Option(help: "Requests in flight (request-server; at least 1).")
    var concurrency = 100

    @Option(help: "Seed of the interleaving order.")
    var seed: UInt64 = 42

    @Option(help: "single: one thread, like the model's host; global: Swift's cooperative pool.")
    var executor: TaskLocalExecutor = .single

    /// The parsed `--ks`.
    var storages: [Int] { ks.split(separator: ",").compactMap { Int($0) } }

    func validate() throws {
        if list { return }
        guard workload != nil else {
            throw ValidationError("--workload is required; valid: \(TaskLocalWorkload.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let parts = ks.split(separator: ",")
        guard parts.allSatisfy({ Int($0).map { 0...TaskLocalKeys.maximum ~= $0 } ?? false }) else {
            throw ValidationError("--ks entries must be in 0…\(TaskLocalKeys.maximum)")
        }
        for (name, value) in [("reps", reps), ("warmup", warmup), ("target-ms", targetMillis), ("ops", ops ?? 0), ("concurrency", concurrency)]
        where value < 0 {
            throw ValidationError("--\(name) needs a non-negative integer, got '\(value)'")
        }
    }

    func run() async throws {
        if list {
            for w in TaskLocalWorkload.allCases { print(w.rawValue) }
            return
        }
        guard let workload else { throw ValidationError("--workload is required") }
        let benchmark = TaskLocalBenchmark(
            workload: workload, storages: storages, ops: ops.map { max(1, $0) },
            concurrency: max(1, concurrency), repetitions: max(1, reps), warmups: warmup,
            targetSampleNanos: UInt64(max(1, targetMillis)) * 1_000_000, seed: seed, executor: executor)
        let out = RecordWriter()
        out.write(MetaRecord(workload: workload.rawValue, ks: storages,
                             runtime: "swift-task-local (\(compiler), \(executor == .single ? "single-thread task executor" : "global cooperative executor"))",
                             executor: executor.rawValue))
        let cells = await benchmark.run { s in
            out.write(SampleRecord(k: s.storages, repetition: s.repetition, warmup: s.warmup ? 1 : 0, iterations: s.iterations,
                                   total_ns: s.cpuNanos, wall_ns: s.wallNanos, checksum: String(s.checksum), reads: s.reads))
        }
        for c in cells {
            out.write(CellRecord(k: c.storages, ops: c.ops, checksum: String(c.outcome.checksum),
                                 checksums_agree: c.checksumsAgree, reads: c.outcome.reads))
            out.write(StatisticsRecord(k: c.storages, median: c.summary.median, ci_low: c.summary.medianEstimate.ciLow, ci_high: c.summary.medianEstimate.ciHigh,
                                       cv: c.summary.cv, ratio: c.ratioVsNone))
        }
    }
}

#if compiler(>=6.3)
let compiler = "Swift 6.3+"
#else
let compiler = "Swift < 6.3"
#endif

/// One JSON object per line on standard output.
final class RecordWriter: @unchecked Sendable {
    private let encoder = JSONEncoder()
    init() { encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes] }  // the same bytes every run
    func write<R: Encodable>(_ record: R) {
        // The records hold strings, integers and finite-or-null numbers: encoding cannot fail.
        let data = try! encoder.encode(record)
        print(String(decoding: data, as: UTF8.self))
    }
}

// The records' keys are the contract with RealRuntimeHarness and
// scripts/real/bench.mjs (snake_case, as there).

struct MetaRecord: Encodable {
    let type = "meta"
    let workload: String
    let ks: [Int]
    let runtime: String
    let executor: String
    let clock = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)"
}

struct SampleRecord: Encodable {
    let type = "sample"
    let k: Int
    let repetition: Int
    let warmup: Int
    let iterations: Int
    let total_ns: UInt64
    let wall_ns: UInt64
    let checksum: String
    let reads: Int
}

struct CellRecord: Encodable {
    let type = "cell"
    let k: Int
    let ops: Int
    let checksum: String
    let checksums_agree: Bool
    let reads: Int
}

/// Statistics of one k; a non-finite figure is written as `null`.
struct StatisticsRecord: Encodable {
    let k: Int
    let median: Double
    let ci_low: Double
    let ci_high: Double
    let cv: Double
    let ratio: RatioEstimate?

    enum Keys: String, CodingKey { case type, k, median, ci_low, ci_high, cv, ratio, ratio_ci_low, ratio_ci_high, p_value }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        func number(_ x: Double, _ key: Keys) throws { if x.isFinite { try c.encode(x, forKey: key) } else { try c.encodeNil(forKey: key) } }
        try c.encode("statistics", forKey: .type)
        try c.encode(k, forKey: .k)
        try number(median, .median)
        try number(ci_low, .ci_low)
        try number(ci_high, .ci_high)
        try number(cv, .cv)
        if let r = ratio {
            try number(r.ratio, .ratio)
            try number(r.ciLow, .ratio_ci_low)
            try number(r.ciHigh, .ratio_ci_high)
            try number(r.pValue, .p_value)
        }
    }
}
