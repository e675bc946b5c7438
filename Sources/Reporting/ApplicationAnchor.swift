import Foundation
import ContextStrategies
import Measurement

/// The real applications measured as the replay's anchor (issue 17): which
/// runs there are, what one run reports, and how the runs become
/// `Results/replay/anchor.csv`. `bench anchor` runs them (Suites'
/// `ApplicationAnchorHarness`); `bench replay --anchor` reads the table back
/// (``ReplayReport/Anchor``).
///
/// The figure the replay is checked against is an application's ALS
/// overhead: CPU per request with ALS minus CPU per request of the same
/// engine running the same app with ALS removed. Each repetition runs every
/// runtime once, so the overhead is taken per repetition (a paired
/// difference, which cancels the machine's drift between repetitions) and
/// summarized by its median with a bootstrap confidence interval. An
/// interval that contains zero means the runs did not resolve the overhead;
/// the replay then reports no ratio rather than one against noise. So does
/// an overhead from fewer than ``minimumPairsForInterval`` repetitions,
/// which has no interval at all.
public enum ApplicationAnchor {
    /// The applications of `scripts/apps/service.cjs` (`--app`).
    public enum App: String, CaseIterable, Sendable {
        /// Express 4: JSON body, request-id logger through one storage, three awaited back-end calls.
        case express
        /// The same with OpenTelemetry-style spans: a child span per sub-operation entered with `run`, k − 2 idle storages.
        case traced
    }

    /// One engine in one mode, with ALS on or removed.
    public enum Runtime: String, CaseIterable, Sendable {
        /// Node 24, AsyncContextFrame (its default).
        case node24Frame = "node24-frame"
        /// Node 24 `--no-async-context-frame`: async_hooks ALS.
        case node24Hooks = "node24-hooks"
        /// Node 24 running the app with ALS removed (`--als off`).
        case node24WithoutALS = "node24-noals"
        /// The system Node 20: async_hooks ALS.
        case node20
        /// Node 20 running the app with ALS removed.
        case node20WithoutALS = "node20-noals"

        /// Whether the app runs with its storages (`--als on`).
        public var alsOn: Bool { withoutALS != nil }

        /// The same engine running the app with ALS removed: the baseline of
        /// this run's overhead (nil for the ALS-removed runs themselves).
        /// Node 20 against Node 20: its application cost differs from Node 24's.
        public var withoutALS: Runtime? {
            switch self {
            case .node24Frame, .node24Hooks: return .node24WithoutALS
            case .node20: return .node20WithoutALS
            case .node24WithoutALS, .node20WithoutALS: return nil
            }
        }

        /// The modelled runtime whose design this run measures (nil: ALS removed).
        public var measures: ModelledRuntime? {
            switch self {
            case .node24Frame: return .node24Frame
            case .node24Hooks: return .node24Hooks
            case .node20: return .node20
            case .node24WithoutALS, .node20WithoutALS: return nil
            }
        }

        /// The application's own cost: Node 24 with ALS removed (the denominator of a share of CPU).
        public static let applicationCost = Runtime.node24WithoutALS
    }

    /// What one run of `service.cjs` printed: its measured phase (after the warm-up).
    public struct Sample: Equatable, Sendable {
        public var app: App
        public var concurrency: Int
        public var runtime: Runtime
        public var repetition: Int
        public var requests: Int
        /// Process CPU (user + system) of the measured phase.
        public var cpuNanos: Double
        public var wallNanos: Double
        public var latencyP50Nanos: Double
        public var latencyP99Nanos: Double

        public var cpuPerRequest: Double { cpuNanos / Double(requests) }
        public var requestsPerSecond: Double { Double(requests) / (wallNanos / 1e9) }

        public init(app: App, concurrency: Int, runtime: Runtime, repetition: Int, requests: Int, cpuNanos: Double,
                    wallNanos: Double, latencyP50Nanos: Double, latencyP99Nanos: Double) {
            self.app = app
            self.concurrency = concurrency
            self.runtime = runtime
            self.repetition = repetition
            self.requests = requests
            self.cpuNanos = cpuNanos
            self.wallNanos = wallNanos
            self.latencyP50Nanos = latencyP50Nanos
            self.latencyP99Nanos = latencyP99Nanos
        }

        /// Reads the JSON line `service.cjs` prints last.
        ///
        /// - Throws: ``Malformed`` naming the missing or invalid field.
        public static func parse(_ output: String, app: App, concurrency: Int, runtime: Runtime, repetition: Int) throws -> Sample {
            guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
                throw Malformed(reason: "no JSON line in the output")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Malformed(reason: "not JSON: \(line.prefix(120))")
            }
            func number(_ key: String) throws -> Double {
                guard let n = object[key] as? NSNumber, n.doubleValue.isFinite, n.doubleValue >= 0 else {
                    throw Malformed(reason: "\(key) missing or not a non-negative number: \(line.prefix(120))")
                }
                return n.doubleValue
            }
            let requests = try number("requests")
            guard requests >= 1, requests == requests.rounded() else { throw Malformed(reason: "requests must be a positive integer") }
            let wall = try number("wall_ns")
            guard wall > 0 else { throw Malformed(reason: "wall_ns must be positive") }
            return Sample(app: app, concurrency: concurrency, runtime: runtime, repetition: repetition, requests: Int(requests),
                          cpuNanos: try number("cpu_ns"), wallNanos: wall,
                          latencyP50Nanos: try number("latency_p50_ns"), latencyP99Nanos: try number("latency_p99_ns"))
        }
    }

    /// A run whose output could not be read.
    public struct Malformed: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { reason }
    }

    /// Fewer paired repetitions than this give no confidence interval.
    public static let minimumPairsForInterval = 3

    /// The columns of anchor.csv (one source of truth: `bench anchor` writes
    /// them, ``ReplayReport/Anchor`` reads them).
    public static let columns = [
        "app", "concurrency", "runtime", "reps",
        "cpu_ns_per_request", "cpu_ns_per_request_ci_low", "cpu_ns_per_request_ci_high",
        "cpu_ns_per_request_min", "cpu_ns_per_request_max",
        "als_overhead_ns_per_request", "als_overhead_ci_low", "als_overhead_ci_high", "als_overhead_baseline",
        "requests_per_s", "latency_p50_ns", "latency_p99_ns",
    ]
    /// The columns of anchor-samples.csv: every run.
    public static let sampleColumns = [
        "app", "concurrency", "runtime", "repetition", "requests", "cpu_ns", "wall_ns",
        "cpu_ns_per_request", "requests_per_s", "latency_p50_ns", "latency_p99_ns",
    ]

    /// Every run, one row each.
    public static func sampleTable(_ samples: [Sample]) -> CSVTable {
        var table = CSVTable(header: sampleColumns)
        for s in samples {
            table.append([s.app.rawValue, String(s.concurrency), s.runtime.rawValue, String(s.repetition), String(s.requests),
                          CSVFormat.number(s.cpuNanos, digits: 10), CSVFormat.number(s.wallNanos, digits: 10),
                          CSVFormat.number(s.cpuPerRequest, digits: 6), CSVFormat.number(s.requestsPerSecond, digits: 6),
                          CSVFormat.number(s.latencyP50Nanos, digits: 7), CSVFormat.number(s.latencyP99Nanos, digits: 7)])
        }
        return table
    }

    /// One row per (app, concurrency, runtime) in the order first seen:
    /// medians over repetitions (CPU per request with its bootstrap
    /// interval, min and max), and for a run with ALS the overhead over the
    /// same engine without it, paired by repetition.
    ///
    /// - Complexity: O(groups × resamples × reps log reps).
    public static func summaryTable(_ samples: [Sample], seed: UInt64) -> CSVTable {
        struct Group: Hashable { var app: App; var concurrency: Int; var runtime: Runtime }
        var order: [Group] = []
        var byGroup: [Group: [Sample]] = [:]
        for s in samples {
            let g = Group(app: s.app, concurrency: s.concurrency, runtime: s.runtime)
            if byGroup[g] == nil { order.append(g) }
            byGroup[g, default: []].append(s)
        }
        var table = CSVTable(header: columns)
        for g in order {
            let runs = byGroup[g]!
            let cpu = Statistics.summarize(runs.map(\.cpuPerRequest), seed: seed)
            var overhead: SampleSummary.Estimate?
            if let base = g.runtime.withoutALS,
               let baseRuns = byGroup[Group(app: g.app, concurrency: g.concurrency, runtime: base)] {
                let baseline = Dictionary(baseRuns.map { ($0.repetition, $0.cpuPerRequest) }, uniquingKeysWith: { a, _ in a })
                let paired = runs.compactMap { run in baseline[run.repetition].map { run.cpuPerRequest - $0 } }
                if !paired.isEmpty {
                    overhead = Statistics.summarize(paired, seed: seed).medianEstimate
                    // A bootstrap of one or two pairs is no interval: leave it out (the replay reads
                    // a missing interval as not resolved).
                    if paired.count < minimumPairsForInterval { overhead!.ciLow = .nan; overhead!.ciHigh = .nan }
                }
            }
            let fields: [String: String] = [
                "app": g.app.rawValue, "concurrency": String(g.concurrency), "runtime": g.runtime.rawValue, "reps": String(runs.count),
                "cpu_ns_per_request": CSVFormat.number(cpu.median, digits: 6),
                "cpu_ns_per_request_ci_low": CSVFormat.number(cpu.medianEstimate.ciLow, digits: 6),
                "cpu_ns_per_request_ci_high": CSVFormat.number(cpu.medianEstimate.ciHigh, digits: 6),
                "cpu_ns_per_request_min": CSVFormat.number(cpu.minimum, digits: 6),
                "cpu_ns_per_request_max": CSVFormat.number(runs.map(\.cpuPerRequest).max(), digits: 6),
                "als_overhead_ns_per_request": CSVFormat.number(overhead?.value, digits: 5),
                "als_overhead_ci_low": CSVFormat.number(overhead?.ciLow, digits: 5),
                "als_overhead_ci_high": CSVFormat.number(overhead?.ciHigh, digits: 5),
                "als_overhead_baseline": overhead == nil ? "" : g.runtime.withoutALS!.rawValue,
                "requests_per_s": CSVFormat.number(Statistics.median(runs.map(\.requestsPerSecond)), digits: 6),
                "latency_p50_ns": CSVFormat.number(Statistics.median(runs.map(\.latencyP50Nanos)), digits: 7),
                "latency_p99_ns": CSVFormat.number(Statistics.median(runs.map(\.latencyP99Nanos)), digits: 7),
            ]
            table.append(columns.map { fields[$0]! })
        }
        return table
    }
}
