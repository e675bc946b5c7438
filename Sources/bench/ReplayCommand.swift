import ArgumentParser
import Foundation
import Measurement
import Reporting
import Replay
import Workloads
import SemanticOracle
import Suites

extension Bench {
    struct ReplayTrace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Replay recorded application traces under every strategy and report what propagation costs per request.",
            discussion: """
            Record a trace of your own Node application with \
            `scripts/apps/record TRACE -- node app.js …` (Node 24, hooks mode, the recorder preloaded). \
            Each recorded resource becomes the host's matching resource (promise, then/await reaction, \
            timer, immediate, tick, microtask; every native type a native callback resource), each \
            run/getStore a storage operation; the application's own work is not simulated. The overhead \
            per request is the replay's CPU time minus `none`'s on the same trace, paired by repetition \
            (strategy order rotates every repetition): the median of the pairs with its 95 % bootstrap \
            interval. With --instructions, each strategy's replay is also counted exactly under callgrind \
            (the figure that repeats from run to run and machine to machine). Every design must observe \
            the same stores at the recorded getStore calls (checksum), otherwise its figures are empty.
            """)

        @Argument(help: "Trace files (acb-trace version 1).") var traces: [String]
        @Option(parsing: .upToNextOption, help: "Strategies (default: all): \(StrategyIDList.text).") var strategy: [StrategyID] = []
        /// 21: at 5 the paired overheads of the light designs had intervals
        /// containing zero; a replay of a 2,000-request trace takes 20-70 ms.
        @Option(help: "Timed replays per strategy (after one counting replay); each overhead's interval is over these pairs.") var reps: Int = 21
        @Flag(help: "Also count each strategy's replay exactly under valgrind's callgrind: instructions_per_request and its overhead over none (one callgrind process per trace, as many at once as there are cores).")
        var instructions = false
        @Option(help: "Seed of the bootstrap resampling of the paired overheads.") var seed: UInt64 = 42
        @Option(help: "Anchor CSV of the real application (`bench anchor`'s anchor.csv) for CPU shares and the measured overhead.") var anchor: String?
        @Option(help: "Directory to write summary.csv into (replaced atomically). Without it, only the table is printed.") var out: String?
        @Flag(help: "Print progress on standard error even when it is not a terminal.") var progress = false

        func validate() throws {
            guard reps >= 1, reps <= 1000 else { throw ValidationError("--reps must be between 1 and 1000, got \(reps)") }
            for path in traces where !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("cannot read trace '\(path)'")
            }
            if instructions, CallgrindLauncher.locateValgrind() == nil {
                throw ValidationError("--instructions needs valgrind, which is not on PATH; \(CallgrindLauncher.installHint)")
            }
        }

        func run() throws {
            try BuildGuard.check()
            var ids = strategy.isEmpty ? StrategyCatalog.allMeasurableIDs : strategy.map(\.id)
            if !ids.contains(StrategyCatalog.baselineID) { ids.insert(StrategyCatalog.baselineID, at: 0) }
            let anchorData: ReplayReport.Anchor
            do { anchorData = try anchor.map { try ReplayReport.Anchor(path: $0) } ?? ReplayReport.Anchor() } catch {
                throw ValidationError("\(error)")
            }
            let printer = ProgressPrinter(force: progress)
            var counts: [[ReplayInstructionCount]?] = Array(repeating: nil, count: traces.count)
            if instructions {
                // Before the timed replays, which a callgrind child on the other core would slow.
                counts = try ReplayInstructionPass.run(traces: traces, strategies: ids) { printer.finish($0) }
            }
            var table = CSVTable(header: ReplayReport.summaryColumns)
            for (traceIndex, path) in traces.enumerated() {
                let started = MonotonicClock.now()
                let trace: Trace
                do { trace = try Trace.read(path: path) } catch { throw ValidationError("\(error)") }
                let program = ReplayProgram(trace)
                guard program.requestCount > 0 else {
                    throw ValidationError("\(path): the trace has no HTTP server requests (q events); nothing to divide by")
                }
                let app = trace.header.label ?? (path as NSString).lastPathComponent
                let concurrency = trace.header.concurrency.map(String.init) ?? ""
                let results = ReplayBenchmark.run(program, strategies: ids, reps: reps) {
                    printer.finish("\(app) c=\(concurrency): \($0)")
                }
                let rows = ReplayRows(program: program, results: results, app: app, concurrency: concurrency,
                                      anchor: anchorData, reps: reps, trace: path, seed: seed,
                                      instructions: counts[traceIndex].map { Dictionary($0.map { ($0.strategy, $0.instructions) }, uniquingKeysWith: { a, _ in a }) })
                for row in rows.rows() { table.append(row) }
                printRows(rows, app: app, concurrency: concurrency, seconds: Double(MonotonicClock.now() &- started) / 1e9)
            }
            if let out {
                let dir = ProjectRoot.resolve(out)
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    try AtomicFile.write(table.encoded(), to: (dir as NSString).appendingPathComponent("summary.csv"))
                } catch { throw BenchError.message("bench replay: could not write \(dir)/summary.csv: \(error)") }
                print("wrote \(dir)/summary.csv")
            }
        }

        func printRows(_ rows: ReplayRows, app: String, concurrency: String, seconds: Double) {
            let p = rows.program
            print("\(app)\(concurrency.isEmpty ? "" : " c=\(concurrency)"): \(p.requestCount) requests, \(p.resources.count) resources, \(p.getStoreCount) getStores, k=\(p.storageCount); replayed in \(String(format: "%.1f", seconds)) s")
            print("  strategy              ns/req   overhead [95 % CI]     instr/req  instr overhead  allocs/req  status")
            for r in rows.results {
                let ns = rows.nsPerRequest(r).map { String(format: "%9.0f", $0) } ?? "        —"
                let over = rows.overhead(r).map { o in
                    String(format: "%9.0f", o.value) + (o.ciLow.isNaN ? "              " : String(format: " [%5.0f,%6.0f]", o.ciLow, o.ciHigh))
                } ?? "        —              "
                let instr = rows.instructionsPerRequest(r).map { String(format: "%12.0f", $0) } ?? "           —"
                let instrOver = rows.instructionOverhead(r).map { String(format: "%14.0f", $0) } ?? "             —"
                let allocs = rows.allocsPerRequest(r).map { String(format: "%9.2f", $0) } ?? "        —"
                print("  \(r.strategy.padding(toLength: 20, withPad: " ", startingAt: 0)) \(ns) \(over) \(instr)  \(instrOver)  \(allocs)   \(r.status.label)")
            }
            if p.inlinedCallbacks > 0 || p.unknownResourceEvents > 0 {
                print("  note: \(p.inlinedCallbacks) nested non-native callbacks replayed inline, \(p.unknownResourceEvents) events of resources created before recording")
            }
        }
    }
}

/// The summary rows of one trace's replay (columns: `ReplayReport.summaryColumns`).
struct ReplayRows {
    let program: ReplayProgram
    let results: [ReplayResult]
    let app: String
    let concurrency: String
    let anchor: ReplayReport.Anchor
    let reps: Int
    let trace: String
    let seed: UInt64
    /// Exact instructions of one replay per strategy (nil: not counted).
    let instructions: [String: UInt64]?

    var requests: Double { Double(program.requestCount) }
    var baseline: ReplayResult? { results.first { $0.strategy == StrategyCatalog.baselineID } }

    func nsPerRequest(_ r: ReplayResult) -> Double? {
        guard r.status == .ok, !r.samplesNs.isEmpty else { return nil }
        return Statistics.median(r.samplesNs) / requests
    }
    /// The design's CPU time per request minus `none`'s, paired by
    /// repetition (the two ran in the same rotation of strategies, seconds
    /// apart): the median of the pairs with its bootstrap interval (NaN
    /// bounds from fewer than ``ApplicationAnchor/minimumPairsForInterval`` pairs).
    ///
    /// Paired, not the difference of two medians: on this shared machine the
    /// speed moves between modes lasting seconds, and a difference of medians
    /// moved with the share of slow minutes each strategy happened to get.
    func overhead(_ r: ReplayResult) -> SampleSummary.Estimate? {
        guard r.status == .ok, let base = baseline, base.status == .ok else { return nil }
        let pairs = zip(r.samplesNs, base.samplesNs).map { ($0 - $1) / requests }
        guard !pairs.isEmpty else { return nil }
        if r.strategy == base.strategy { return .exact(0) }
        var estimate = Statistics.summarize(pairs, seed: seed).medianEstimate
        if pairs.count < ApplicationAnchor.minimumPairsForInterval { estimate.ciLow = .nan; estimate.ciHigh = .nan }
        return estimate
    }
    func instructionsPerRequest(_ r: ReplayResult) -> Double? {
        guard r.status == .ok, let n = instructions?[r.strategy] else { return nil }
        return Double(n) / requests
    }
    func instructionOverhead(_ r: ReplayResult) -> Double? {
        guard let n = instructionsPerRequest(r), let base = baseline.flatMap(instructionsPerRequest) else { return nil }
        return n - base
    }
    func allocsPerRequest(_ r: ReplayResult) -> Double? {
        guard r.status == .ok, let a = r.allocations else { return nil }
        return Double(a.allocations) / requests
    }

    func rows() -> [[String]] {
        let appCPU = anchor.cpuPerRequest(app: app, concurrency: concurrency)
        let baseAllocs = baseline.flatMap(allocsPerRequest)
        return results.map { r in
            let ok = r.status == .ok
            let overInterval = overhead(r)
            let over = overInterval?.value
            let measured = anchor.measuredOverhead(app: app, concurrency: concurrency, strategy: r.strategy)
            let allocs = allocsPerRequest(r)
            let latencies = r.outcome.latencies.map { Double($0) }
            let c = r.outcome.counters
            func perRequest(_ x: Int) -> String { ok ? CSVFormat.number(Double(x) / requests) : "" }
            var fields: [String: String] = [
                "app": app, "concurrency": concurrency, "strategy": r.strategy,
                "requests": String(program.requestCount), "storages": String(program.storageCount), "reps": String(reps),
                "ns_per_request": CSVFormat.number(nsPerRequest(r)),
                "overhead_ns_per_request": CSVFormat.number(over),
                "overhead_ci_low": CSVFormat.number(overInterval.flatMap { $0.ciLow.isNaN ? nil : $0.ciLow }),
                "overhead_ci_high": CSVFormat.number(overInterval.flatMap { $0.ciHigh.isNaN ? nil : $0.ciHigh }),
                // Ten digits: the count is exact, and so is this figure (count / requests).
                "instructions_per_request": CSVFormat.number(instructionsPerRequest(r), digits: 10),
                "overhead_instructions_per_request": CSVFormat.number(instructionOverhead(r), digits: 10),
                "app_cpu_ns_per_request": CSVFormat.number(appCPU),
                "overhead_share_of_cpu": CSVFormat.number(zip2(over, appCPU).map { $0 / $1 }),
                "measured_overhead_ns_per_request": CSVFormat.number(measured?.value),
                "measured_overhead_ci_low": CSVFormat.number(measured?.ciLow),
                "measured_overhead_ci_high": CSVFormat.number(measured?.ciHigh),
                // A ratio only between overheads told from noise (and above zero), the anchor's and the replay's.
                "predicted_vs_measured": CSVFormat.number(zip2(overInterval.flatMap { $0.ciLow > 0 ? $0.value : nil },
                                                               measured.flatMap { $0.isResolved && $0.value > 0 ? $0.value : nil }).map { $0 / $1 }),
                "allocs_per_request": CSVFormat.number(allocs),
                "extra_allocs_per_request": CSVFormat.number(zip2(allocs, baseAllocs).map { $0 - $1 }),
                "bytes_per_request": CSVFormat.number(ok ? r.allocations.map { Double($0.bytesAllocated) / requests } : nil),
                "hook_calls_per_request": perRequest(c.hookCalls),
                "entries_copied_per_request": perRequest(c.entriesCopied),
                "wrappers_per_request": perRequest(c.wrappersAllocated),
                "latency_p50_ns": ok && !latencies.isEmpty ? CSVFormat.number(Statistics.quantile(latencies, 0.5)) : "",
                "latency_p99_ns": ok && !latencies.isEmpty ? CSVFormat.number(Statistics.quantile(latencies, 0.99)) : "",
                "getstores_per_request": CSVFormat.number(Double(r.outcome.getStores) / requests),
                "recorded_mismatches": String(r.outcome.recordedMismatches),
                "skipped_callbacks": String(r.outcome.skippedCallbacks),
                "checksum": String(r.outcome.checksum),
                "status": r.status.label,
                "trace": trace,
            ]
            if !ok {
                for k in ["ns_per_request", "overhead_ns_per_request", "overhead_ci_low", "overhead_ci_high", "overhead_share_of_cpu",
                          "predicted_vs_measured", "instructions_per_request", "overhead_instructions_per_request"] { fields[k] = "" }
            }
            return ReplayReport.summaryColumns.map { fields[$0] ?? "" }
        }
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
