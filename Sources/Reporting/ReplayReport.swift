import Foundation
import Workloads
import ContextStrategies

/// Results/replay/: the columns of the replay summary (one source of truth:
/// `bench replay` writes them, the chart and the PAPER.md region read them)
/// and the reading of the real applications' anchor measurements, whose
/// columns scripts/apps/anchor.py defines.
public enum ReplayReport {
    public static let summaryColumns = [
        "app", "concurrency", "strategy", "requests", "storages", "reps",
        "ns_per_request", "overhead_ns_per_request", "app_cpu_ns_per_request", "overhead_share_of_cpu",
        "measured_overhead_ns_per_request", "predicted_vs_measured",
        "allocs_per_request", "extra_allocs_per_request", "bytes_per_request",
        "hook_calls_per_request", "entries_copied_per_request", "wrappers_per_request",
        "latency_p50_ns", "latency_p99_ns", "getstores_per_request",
        "recorded_mismatches", "skipped_callbacks", "checksum", "status", "trace",
    ]

    /// The runtime whose CPU per request is the application's own cost (ALS removed).
    public static let baseRuntime = "node24-noals"
    /// The strategy each measured Node mode implements, the runtime id
    /// (anchor.py's: the `ModelledRuntime` the strategy's profile declares) it
    /// is measured on, and the same engine with ALS removed, against which its
    /// overhead is measured (Node 20 against Node 20: its application cost
    /// differs from Node 24's). Read from the registry's faithful strategies.
    public static let measuredModes: [(strategy: String, runtime: String, base: String)] =
        StrategyRegistry.entries.filter(\.isFaithful).compactMap { entry in
            guard let runtime = entry.profile.models, let base = anchorBase(runtime) else { return nil }
            return (entry.id, runtime.rawValue, base)
        }

    /// anchor.py's run of the same engine with ALS removed; nil for a runtime
    /// anchor.py does not run (workerd).
    static func anchorBase(_ runtime: ModelledRuntime) -> String? {
        switch runtime {
        case .node24Frame, .node24Hooks: return baseRuntime
        case .node20: return "node20-noals"
        case .workerd: return nil
        }
    }

    /// The anchor measurements, keyed by (app, concurrency, runtime).
    public struct Anchor {
        var cpu: [String: Double] = [:]
        var rows: [[String: String]] = []
        static func key(_ app: String, _ concurrency: String, _ runtime: String) -> String { "\(app)|\(concurrency)|\(runtime)" }

        public init() {}
        public init(path: String) throws {
            let table = try CSVTable.read(path: path)
            try table.requireColumns(["app", "concurrency", "runtime", "cpu_ns_per_request"], source: path)
            for row in table.rows {
                var r: [String: String] = [:]
                for (i, name) in table.header.enumerated() { r[name] = row[i] }
                rows.append(r)
                if let v = Double(r["cpu_ns_per_request"] ?? "") {
                    cpu[Self.key(r["app"]!, r["concurrency"]!, r["runtime"]!)] = v
                }
            }
        }

        public func cpuPerRequest(app: String, concurrency: String, runtime: String) -> Double? {
            cpu[Self.key(app, concurrency, runtime)]
        }

        /// Node 24's measured overhead for the design `strategy` models (nil if it models no measured mode).
        public func measuredOverhead(app: String, concurrency: String, strategy: String) -> Double? {
            guard let mode = measuredModes.first(where: { $0.strategy == strategy }),
                  let with = cpuPerRequest(app: app, concurrency: concurrency, runtime: mode.runtime),
                  let without = cpuPerRequest(app: app, concurrency: concurrency, runtime: mode.base) else { return nil }
            return with - without
        }
    }

    /// The "Real applications" section of PAPER.md, from Results/replay/summary.csv
    /// and anchor.csv beside it.
    public static func paperSection(summaryPath: String) throws -> String {
        guard FileManager.default.fileExists(atPath: summaryPath) else {
            return "_No replay results in `\(summaryPath)`: run `scripts/apps/run`._"
        }
        let table = try CSVTable.read(path: summaryPath)
        try table.requireColumns(summaryColumns, source: summaryPath)
        func col(_ name: String) -> Int { table.column(name)! }
        func fmt(_ s: String, _ digits: Int = 3) -> String {
            guard let x = Double(s) else { return s.isEmpty ? "—" : s }
            return CSVFormat.number(x, digits: digits)
        }
        func pct(_ s: String) -> String { Double(s).map { CSVFormat.number($0 * 100, digits: 2) + " %" } ?? "—" }
        var out = "Replay of the recorded applications (`Results/replay/summary.csv`): the propagation cost per request of each design, as replay time minus `none` on the same trace, and as a share of the application's own CPU per request (Node 24, ALS removed, from `anchor.csv`).\n\n"
        out += "| app | c | strategy | overhead ns/req | share of app CPU | measured Node ns/req | predicted / measured | extra allocs/req | status |\n"
        out += "|---|--:|---|--:|--:|--:|--:|--:|---|\n"
        var agreement: [String] = []
        for row in table.rows where row[col("strategy")] != StrategyCatalog.baselineID {
            let status = row[col("status")]
            out += "| \(row[col("app")]) | \(row[col("concurrency")]) | `\(row[col("strategy")])` | \(fmt(row[col("overhead_ns_per_request")])) | \(pct(row[col("overhead_share_of_cpu")])) | \(fmt(row[col("measured_overhead_ns_per_request")])) | \(fmt(row[col("predicted_vs_measured")], 2)) | \(fmt(row[col("extra_allocs_per_request")])) | \(status) |\n"
            if let ratio = Double(row[col("predicted_vs_measured")]), ["10", "100"].contains(row[col("concurrency")]) {
                let within = ratio >= 1 / 1.5 && ratio <= 1.5
                agreement.append("\(row[col("app")]) c=\(row[col("concurrency")]) `\(row[col("strategy")])`: \(CSVFormat.number(ratio, digits: 2))× \(within ? "(within 1.5×)" : "(outside 1.5×)")")
            }
        }
        out += "\nPrediction against Node 24 at concurrency 10 and 100 (target: within 1.5×): "
        out += agreement.isEmpty ? "no anchor measurements to compare with." : agreement.joined(separator: "; ") + "."
        out += "\n"
        return out
    }
}
