import Foundation
import Workloads
import ContextStrategies

/// Results/replay/: the columns of the replay summary (one source of truth:
/// `bench replay` writes them, the chart and the PAPER.md region read them)
/// and the reading of the real applications' anchor measurements
/// (``ApplicationAnchor``, written by `bench anchor`).
public enum ReplayReport {
    public static let summaryColumns = [
        "app", "concurrency", "strategy", "requests", "storages", "reps",
        "ns_per_request", "overhead_ns_per_request", "overhead_ci_low", "overhead_ci_high",
        "instructions_per_request", "overhead_instructions_per_request", "app_cpu_ns_per_request", "overhead_share_of_cpu",
        "measured_overhead_ns_per_request", "measured_overhead_ci_low", "measured_overhead_ci_high", "predicted_vs_measured",
        "allocs_per_request", "extra_allocs_per_request", "bytes_per_request",
        "hook_calls_per_request", "entries_copied_per_request", "wrappers_per_request",
        "latency_p50_ns", "latency_p99_ns", "getstores_per_request",
        "recorded_mismatches", "skipped_callbacks", "checksum", "status", "trace",
    ]

    /// The strategy each measured Node mode implements and the anchor run
    /// that measures it: the faithful strategy whose profile declares the
    /// ``ModelledRuntime`` the run measures. Workerd's design has no anchor run.
    public static let measuredModes: [(strategy: String, runtime: ApplicationAnchor.Runtime)] =
        StrategyRegistry.entries.filter(\.isFaithful).compactMap { entry in
            guard let models = entry.profile.models,
                  let runtime = ApplicationAnchor.Runtime.allCases.first(where: { $0.measures == models }) else { return nil }
            return (entry.id, runtime)
        }

    /// A measured overhead per request with its confidence interval.
    public struct MeasuredOverhead: Equatable, Sendable {
        public var value: Double
        public var ciLow: Double
        public var ciHigh: Double
        /// The interval excludes zero: the runs told the overhead from noise.
        public var isResolved: Bool { ciLow > 0 || ciHigh < 0 }
    }

    /// The anchor measurements (`anchor.csv`, columns ``ApplicationAnchor/columns``),
    /// keyed by (app, concurrency, runtime).
    public struct Anchor {
        var rows: [String: [String: String]] = [:]
        static func key(_ app: String, _ concurrency: String, _ runtime: String) -> String { "\(app)|\(concurrency)|\(runtime)" }

        public init() {}
        /// - Throws: ``CSVError`` when the file cannot be read or lacks a column.
        public init(path: String) throws {
            let table = try CSVTable.read(path: path)
            try table.requireColumns(ApplicationAnchor.columns, source: path)
            for row in table.rows {
                var r: [String: String] = [:]
                for (i, name) in table.header.enumerated() { r[name] = row[i] }
                rows[Self.key(r["app"]!, r["concurrency"]!, r["runtime"]!)] = r
            }
        }

        /// The application's own CPU per request (Node 24, ALS removed).
        public func cpuPerRequest(app: String, concurrency: String) -> Double? {
            rows[Self.key(app, concurrency, ApplicationAnchor.Runtime.applicationCost.rawValue)].flatMap { Double($0["cpu_ns_per_request"] ?? "") }
        }

        /// The measured ALS overhead of the Node mode whose design `strategy`
        /// models (nil if it models no measured mode or the anchor lacks the run).
        public func measuredOverhead(app: String, concurrency: String, strategy: String) -> MeasuredOverhead? {
            guard let mode = measuredModes.first(where: { $0.strategy == strategy }),
                  let row = rows[Self.key(app, concurrency, mode.runtime.rawValue)],
                  let value = Double(row["als_overhead_ns_per_request"] ?? "")
            else { return nil }
            // No interval (too few repetitions): unbounded, so never resolved.
            return MeasuredOverhead(value: value, ciLow: Double(row["als_overhead_ci_low"] ?? "") ?? -.infinity,
                                    ciHigh: Double(row["als_overhead_ci_high"] ?? "") ?? .infinity)
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
        var out = "Replay of the recorded applications (`Results/replay/summary.csv`): the propagation cost per request of each design, as replay CPU time minus `none`'s on the same trace, paired by repetition (median [95 % bootstrap interval]), as exact instructions minus `none`'s (callgrind; the figure that repeats), and as a share of the application's own CPU per request (Node 24, ALS removed, from `anchor.csv`). The measured Node overhead is the app's CPU per request with ALS minus without it on the same engine, also paired by repetition. Where either interval contains zero that run did not resolve the overhead, and no ratio is given.\n\n"
        out += "| app | c | strategy | overhead ns/req [95 % CI] | overhead instructions/req | share of app CPU | measured Node ns/req [95 % CI] | predicted / measured | extra allocs/req | status |\n"
        out += "|---|--:|---|--:|--:|--:|--:|--:|--:|---|\n"
        var agreement: [String] = []
        var unresolved: [String] = []
        for row in table.rows where row[col("strategy")] != StrategyCatalog.baselineID {
            let status = row[col("status")]
            let measured = row[col("measured_overhead_ns_per_request")]
            var measuredText = fmt(measured)
            if !measured.isEmpty { measuredText += " [\(fmt(row[col("measured_overhead_ci_low")])), \(fmt(row[col("measured_overhead_ci_high")]))]" }
            let isResolved = MeasuredOverhead(value: Double(measured) ?? 0,
                                              ciLow: Double(row[col("measured_overhead_ci_low")]) ?? -.infinity,
                                              ciHigh: Double(row[col("measured_overhead_ci_high")]) ?? .infinity).isResolved
            let predictedLow = Double(row[col("overhead_ci_low")]) ?? -.infinity
            let predictionResolved = predictedLow > 0
            let ratioText = measured.isEmpty || status != "ok" ? "—"
                : !isResolved ? "unresolved" : !predictionResolved ? "replay unresolved" : fmt(row[col("predicted_vs_measured")], 2)
            var predictedText = fmt(row[col("overhead_ns_per_request")])
            if !row[col("overhead_ci_low")].isEmpty { predictedText += " [\(fmt(row[col("overhead_ci_low")])), \(fmt(row[col("overhead_ci_high")]))]" }
            out += "| \(row[col("app")]) | \(row[col("concurrency")]) | `\(row[col("strategy")])` | \(predictedText) | \(fmt(row[col("overhead_instructions_per_request")])) | \(pct(row[col("overhead_share_of_cpu")])) | \(measuredText) | \(ratioText) | \(fmt(row[col("extra_allocs_per_request")])) | \(status) |\n"
            guard ["10", "100"].contains(row[col("concurrency")]), !measured.isEmpty, status == "ok" else { continue }
            let label = "\(row[col("app")]) c=\(row[col("concurrency")]) `\(row[col("strategy")])`"
            if !isResolved || !predictionResolved {
                unresolved.append(label + (isResolved ? " (the replay's interval)" : ""))
            } else if let ratio = Double(row[col("predicted_vs_measured")]) {
                let within = ratio >= 1 / 1.5 && ratio <= 1.5
                agreement.append("\(label): \(CSVFormat.number(ratio, digits: 2))× \(within ? "(within 1.5×)" : "(outside 1.5×)")")
            } else {
                agreement.append("\(label): no ratio (a measured or predicted overhead that is not positive)")
            }
        }
        out += "\nPrediction against Node 24 at concurrency 10 and 100 (target: within 1.5×): "
        out += agreement.isEmpty ? "no resolved anchor measurement to compare with." : agreement.joined(separator: "; ") + "."
        if !unresolved.isEmpty { out += " Not resolved (the anchor's interval, or where marked the replay's, contains zero): " + unresolved.joined(separator: "; ") + "." }
        out += "\n"
        return out
    }
}
