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
            per request is the replay time minus `none`'s on the same trace. Every design must observe \
            the same stores at the recorded getStore calls (checksum), otherwise its figures are empty.
            """)

        @Argument(help: "Trace files (acb-trace version 1).") var traces: [String]
        @Option(parsing: .upToNextOption, help: "Strategies (default: all): \(StrategyIDList.text).") var strategy: [StrategyID] = []
        @Option(help: "Timed replays per strategy (after one counting replay).") var reps: Int = 5
        @Option(help: "Anchor CSV of the real application (`bench anchor`'s anchor.csv) for CPU shares and the measured overhead.") var anchor: String?
        @Option(help: "Directory to write summary.csv into (replaced atomically). Without it, only the table is printed.") var out: String?
        @Flag(help: "Print progress on standard error even when it is not a terminal.") var progress = false

        func validate() throws {
            guard reps >= 1, reps <= 1000 else { throw ValidationError("--reps must be between 1 and 1000, got \(reps)") }
            for path in traces where !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("cannot read trace '\(path)'")
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
            var table = CSVTable(header: ReplayReport.summaryColumns)
            for path in traces {
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
                                      anchor: anchorData, reps: reps, trace: path)
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
            print("  strategy              ns/req   overhead   allocs/req  status")
            for r in rows.results {
                let ns = rows.nsPerRequest(r).map { String(format: "%9.0f", $0) } ?? "        —"
                let over = rows.overhead(r).map { String(format: "%9.0f", $0) } ?? "        —"
                let allocs = rows.allocsPerRequest(r).map { String(format: "%9.2f", $0) } ?? "        —"
                print("  \(r.strategy.padding(toLength: 20, withPad: " ", startingAt: 0)) \(ns)  \(over)  \(allocs)   \(r.status.label)")
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

    var requests: Double { Double(program.requestCount) }
    var baseline: ReplayResult? { results.first { $0.strategy == StrategyCatalog.baselineID } }

    func nsPerRequest(_ r: ReplayResult) -> Double? {
        guard r.status == .ok, !r.samplesNs.isEmpty else { return nil }
        return Statistics.median(r.samplesNs) / requests
    }
    func overhead(_ r: ReplayResult) -> Double? {
        guard let base = baseline.flatMap(nsPerRequest), let ns = nsPerRequest(r) else { return nil }
        return ns - base
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
            let over = overhead(r)
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
                "app_cpu_ns_per_request": CSVFormat.number(appCPU),
                "overhead_share_of_cpu": CSVFormat.number(zip2(over, appCPU).map { $0 / $1 }),
                "measured_overhead_ns_per_request": CSVFormat.number(measured?.value),
                "measured_overhead_ci_low": CSVFormat.number(measured?.ciLow),
                "measured_overhead_ci_high": CSVFormat.number(measured?.ciHigh),
                // A ratio only against an overhead the anchor told from noise (and above zero).
                "predicted_vs_measured": CSVFormat.number(zip2(over, measured.flatMap { $0.isResolved && $0.value > 0 ? $0.value : nil }).map { $0 / $1 }),
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
            if !ok { for k in ["ns_per_request", "overhead_ns_per_request", "overhead_share_of_cpu", "predicted_vs_measured"] { fields[k] = "" } }
            return ReplayReport.summaryColumns.map { fields[$0] ?? "" }
        }
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
