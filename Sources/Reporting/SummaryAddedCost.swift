import Foundation
import Workloads

/// Time a strategy adds per operation: its headline ns/op (``Statistics/headline``) minus its baseline's in the same run.
///
/// The one place this difference is taken from a summary CSV (charts of micro-operations and
/// model vs real); `Measurement.AddedCost` is the same difference with its bootstrap interval,
/// computed from the samples while measuring.
/// The baseline is the `none` row of the same cell when the data has `none` (the model: no
/// propagation, same workload, k, concurrency and run rate); otherwise the same strategy's row at
/// storages 0 (real runtimes: the same process with no AsyncLocalStorage constructed, which is
/// what their `ratio_vs_none` divides by).
struct SummaryAddedCost {
    private struct Cell: Hashable {
        let strategy: String, workload: String, storages: Int?, concurrency: Int?, runRate: Double?
    }

    static let baselineStrategy = StrategyCatalog.baselineID

    private let baselines: [Cell: Double]
    private let hasNone: Bool

    /// - Complexity: O(rows).
    init(_ data: SummaryData) {
        let ok = data.ok
        hasNone = ok.contains { $0.strategy == Self.baselineStrategy }
        var baselines: [Cell: Double] = [:]
        for row in ok {
            guard let ns = row.value(ResultsSchema.timeColumn) else { continue }
            if hasNone ? row.strategy == Self.baselineStrategy : row.storages == 0 {
                baselines[Self.cell(row, baseline: hasNone)] = ns
            }
        }
        self.baselines = baselines
    }

    private static func cell(_ row: SummaryRow, baseline hasNone: Bool) -> Cell {
        hasNone
            ? Cell(strategy: baselineStrategy, workload: row.workload, storages: row.storages, concurrency: row.concurrency, runRate: row.runRate)
            : Cell(strategy: row.strategy, workload: row.workload, storages: 0, concurrency: row.concurrency, runRate: row.runRate)
    }

    /// What the figures are measured against, for a chart's subtitle.
    var baselineDescription: String {
        hasNone ? "baseline: none in the same cell (workload, k, concurrency, run_rate)"
            : "baseline: the same runtime at k = 0 (no AsyncLocalStorage constructed)"
    }

    /// Whether `row` is a baseline (its added cost is 0 by definition, so it is not charted).
    func isBaseline(_ row: SummaryRow) -> Bool {
        hasNone ? row.strategy == Self.baselineStrategy : row.storages == 0
    }

    /// Added ns per operation of `row`; nil for a baseline row, a row without a time, or a
    /// cell whose baseline was not measured.
    /// - Complexity: O(1).
    func nsPerOp(_ row: SummaryRow) -> Double? {
        guard row.isOK, !isBaseline(row), let ns = row.value(ResultsSchema.timeColumn),
              let base = baselines[Self.cell(row, baseline: hasNone)] else { return nil }
        return ns - base
    }
}
