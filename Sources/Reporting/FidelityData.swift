import Foundation
import Workloads

/// The model's rows and the real runtimes' rows of one `bench fidelity` run,
/// indexed by cell: the input of the unit-cost table and the agreement criteria.
///
/// A cell is (workload, storages, concurrency for request-server, run_rate for
/// context-churn). The model's baseline is strategy `none` in the same cell;
/// a runtime's baseline is its own k = 0 row (no AsyncLocalStorage at all,
/// same process) of the same workload and parameters.
struct FidelityData {
    let model: SummaryData
    let real: SummaryData

    /// The model strategy ↔ Node 24 mode pairs the criteria are judged on.
    static let judgedPairs: [(model: String, engine: String)] = [
        ("hook-map-copy", "node24-hooks"),
        ("continuation-slot", "node24-frame"),
    ]
    /// Every model strategy ↔ runtime pair shown (Node 20, Deno, Bun beside Node 24).
    static let shownPairs: [(model: String, engine: String)] = [
        ("hook-map-copy", "node24-hooks"), ("hook-map-copy", "node20"),
        ("continuation-slot", "node24-frame"), ("continuation-slot", "deno"),
        ("frame-ref", "bun"),
    ]
    static let baseline = StrategyCatalog.baselineID
    /// The k of the agreement cells.
    static let ks = [1, 8, 64]
    /// Reference parameters of the swept workloads in the per-cell criteria.
    static let referenceRunRate = 0.1
    static let referenceConcurrency = 100

    struct Key: Hashable {
        let workload: String
        let storages: Int
        let concurrency: Int?
        /// run_rate × 1e6, rounded (exact comparison of the CSV's 6-digit figures).
        let runRateMicros: Int?
    }

    private let modelIndex: [String: [Key: SummaryRow]]
    private let realIndex: [String: [Key: SummaryRow]]

    init(model: SummaryData, real: SummaryData) {
        self.model = model
        self.real = real
        func index(_ data: SummaryData) -> [String: [Key: SummaryRow]] {
            var out: [String: [Key: SummaryRow]] = [:]
            for row in data.ok {
                guard let k = row.storages else { continue }
                out[row.strategy, default: [:]][Self.key(row.workload, k, concurrency: row.concurrency, runRate: row.runRate)] = row
            }
            return out
        }
        modelIndex = index(model)
        realIndex = index(real)
    }

    static func key(_ workload: String, _ k: Int, concurrency: Int? = nil, runRate: Double? = nil) -> Key {
        Key(workload: workload, storages: k,
            concurrency: workload == "request-server" ? (concurrency ?? referenceConcurrency) : nil,
            runRateMicros: workload == "context-churn" ? Int(((runRate ?? referenceRunRate) * 1e6).rounded()) : nil)
    }

    func modelRow(_ strategy: String, _ key: Key) -> SummaryRow? { modelIndex[strategy]?[key] }
    func realRow(_ runtime: String, _ key: Key) -> SummaryRow? { realIndex[runtime]?[key] }

    func modelNanos(_ strategy: String, _ key: Key) -> Double? { modelRow(strategy, key)?.value(ResultsSchema.timeColumn) }
    func realNanos(_ runtime: String, _ key: Key) -> Double? { realRow(runtime, key)?.value(ResultsSchema.timeColumn) }

    /// ns per op a model strategy adds over `none` in the same cell.
    func modelAdded(_ strategy: String, _ key: Key) -> Double? {
        guard let mine = modelNanos(strategy, key), let floor = modelNanos(Self.baseline, key) else { return nil }
        return mine - floor
    }

    /// The cell's key with storages 0 (a runtime's own ALS-off baseline).
    func baselineKey(_ key: Key) -> Key {
        Key(workload: key.workload, storages: 0, concurrency: key.concurrency, runRateMicros: key.runRateMicros)
    }

    /// ns per op a runtime's ALS adds over its own k = 0 (ALS off) run.
    func realAdded(_ runtime: String, _ key: Key) -> Double? {
        guard let mine = realNanos(runtime, key), let floor = realNanos(runtime, baselineKey(key)) else { return nil }
        return mine - floor
    }

    /// The model's deterministic counter per op (entries_copied_per_op, hook_calls_per_op) for a strategy.
    func modelCounter(_ column: String, _ strategy: String, _ key: Key) -> Double? { modelRow(strategy, key)?.value(column) }

    /// Workload ids of the model rows, contract order.
    var workloads: [String] { model.workloads(model.ok) }
    /// The runtimes present in the real rows.
    var runtimes: Set<String> { Set(real.ok.map(\.strategy)) }
    /// context-churn run rates measured in the model.
    var runRates: [Double] {
        Array(Set(model.ok.filter { $0.workload == "context-churn" }.compactMap(\.runRate))).sorted()
    }
}

/// `max(a/b, b/a)` for two positive figures; nil otherwise.
func agreementFactor(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b, a > 0, b > 0 else { return nil }
    return max(a / b, b / a)
}
