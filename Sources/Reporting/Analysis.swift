import Foundation
import ContextStrategies
import Measurement

/// Derived figures shared by the charts and the PAPER.md tables.
enum Analysis {
    /// Workloads of the k sweep shown in the scaling charts and table.
    static let scalingWorkloads = ["await-loop", "promise-chain", "timer-burst", "get-store", "run-enter"]
    /// The pair whose crossover on context-churn the paper states: copy per
    /// resource vs copy on run, i.e. the faithful strategies that declare
    /// Node 24's two designs (its async_hooks release and the continuation
    /// slot), read from the registry so a renamed strategy follows.
    static let crossoverPair: (a: String, b: String) = {
        func faithful(_ mechanism: SemanticProfile.Mechanism) -> String {
            guard let entry = StrategyRegistry.entries.first(where: { $0.isFaithful && $0.profile.semantics?.mechanism == mechanism }) else {
                preconditionFailure("no faithful strategy declares \(mechanism): the crossover has no pair")
            }
            return entry.id
        }
        return (faithful(.asyncHooks(.node24)), faithful(.continuationSlot))
    }()

    /// Where two strategies' curves cross.
    enum Crossing: Equatable {
        /// The run_rate of the crossing (linear interpolation between measured points).
        case at(Double)
        /// Both measured, never crossing.
        case none
        /// Fewer than two common run_rate points.
        case insufficient
    }

    /// Rows of `strategy` on the k sweep of `workload` (k ≥ 1; request-server at `concurrency`).
    static func sweepPoints(_ rows: [SummaryRow], workload: String, strategy: String, metric: String,
                            concurrency: Int?) -> [(x: Double, y: Double)] {
        rows.compactMap { r in
            guard r.isOK, r.workload == workload, r.strategy == strategy, let k = r.storages, k >= 1,
                  let y = r.value(metric) else { return nil }
            if workload == "request-server", let c = concurrency, r.concurrency != c { return nil }
            return (Double(k), y)
        }
    }

    /// Least-squares fit of `metric` against k for one workload × strategy.
    static func fit(_ rows: [SummaryRow], workload: String, strategy: String, metric: String = ResultsSchema.timeColumn,
                    concurrency: Int? = nil) -> LinearFit? {
        LinearFit(sweepPoints(rows, workload: workload, strategy: strategy, metric: metric, concurrency: concurrency))
    }

    /// Median ns/op of context-churn at storages `k` by run_rate for one strategy.
    static func churnCurve(_ rows: [SummaryRow], k: Int, strategy: String) -> [Double: Double] {
        var curve: [Double: Double] = [:]
        for r in rows where r.isOK && r.workload == "context-churn" && r.storages == k && r.strategy == strategy {
            if let rate = r.runRate, let y = r.value(ResultsSchema.timeColumn) { curve[rate] = y }
        }
        return curve
    }

    /// The smallest run_rate at which `a` and `b` (context-churn, storages `k`) swap order,
    /// found by linear interpolation of (ns_a − ns_b) between adjacent measured run_rates.
    static func crossing(_ rows: [SummaryRow], k: Int, a: String = crossoverPair.a, b: String = crossoverPair.b) -> Crossing {
        let ca = churnCurve(rows, k: k, strategy: a), cb = churnCurve(rows, k: k, strategy: b)
        let rates = Set(ca.keys).intersection(cb.keys).sorted()
        guard rates.count >= 2 else { return .insufficient }
        let d = rates.map { ca[$0]! - cb[$0]! }
        for i in rates.indices {
            if d[i] == 0 { return .at(rates[i]) }
            if i + 1 < rates.count, d[i + 1] != 0, (d[i] < 0) != (d[i + 1] < 0) {
                let r = rates[i] + (rates[i + 1] - rates[i]) * d[i] / (d[i] - d[i + 1])
                return .at(r)
            }
        }
        return .none
    }
}
