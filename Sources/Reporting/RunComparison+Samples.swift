import Foundation
import Measurement
import Workloads

extension RunComparison {
    /// Each cell's headline figure recomputed from the two folders'
    /// `samples.csv` with `statistic` in place of ``Statistics/headline``
    /// (time for `none`, the difference to `none` for the micro-operation
    /// workloads, the ratio to `none` otherwise; warm-up samples dropped), so
    /// two runs can say how well each statistic would have repeated.
    ///
    /// The point figures only: no bootstrap, and unrounded, so the row of
    /// the headline statistic differs from the summary's by the summary's
    /// rounding (four significant digits).
    ///
    /// - Throws: ``ReportingError`` when a `samples.csv` is missing or malformed.
    /// - Complexity: O(samples log samples).
    public static func compareSamples(_ folderA: String, _ folderB: String, statistic: SampleStatistic) throws -> RunComparison {
        let a = try CellSampleSets(folder: folderA).figures(statistic)
        let b = try CellSampleSets(folder: folderB).figures(statistic)
        var cells: [Cell] = []
        var unmatched: [String] = []
        for (label, x) in a.sorted(by: { $0.key < $1.key }) {
            guard let y = b[label] else { unmatched.append(label); continue }
            let rel = x.value == y.value ? 0 : (x.value == 0 ? Double.infinity : abs(y.value - x.value) / abs(x.value))
            cells.append(Cell(label: label, column: x.column, a: x.value, b: y.value, relativeDifference: rel))
        }
        unmatched += b.keys.filter { a[$0] == nil }.sorted()
        return RunComparison(cells: cells, unmatched: unmatched)
    }
}

/// The timed samples of one results folder (`samples.csv`), by cell and
/// strategy, warm-ups dropped.
struct CellSampleSets {
    /// A cell's parameters, as a samples.csv row gives them.
    private struct Cell: Hashable {
        var workload: String, storages: String?, concurrency: String?, runRate: Double?
    }
    /// Cell → strategy → ns per op of each timed repetition.
    private var samples: [Cell: [String: [Double]]] = [:]

    init(folder: String) throws {
        let path = (folder as NSString).appendingPathComponent("samples.csv")
        let table = try reportingErrors { try CSVTable.read(path: path) }
        try table.requireColumns(ResultsSchema.samplesColumns, source: path)
        let column = { (name: String) in table.column(name)! }
        let (strategy, workload, storages, concurrency, runRate, warmup, nsPerOp) =
            (column("strategy"), column("workload"), column("storages"), column("concurrency"), column("run_rate"), column("warmup"), column("ns_per_op"))
        for (index, row) in table.rows.enumerated() where row[warmup] != "1" {
            guard let x = Double(row[nsPerOp]), x.isFinite else {
                throw ReportingError(.malformedInput, "\(path):\(table.line(ofRow: index)): ns_per_op \(row[nsPerOp].debugDescription) is not a number")
            }
            let cell = Cell(workload: row[workload], storages: row[storages].isEmpty ? nil : row[storages],
                            concurrency: row[concurrency].isEmpty ? nil : row[concurrency], runRate: Double(row[runRate]))
            samples[cell, default: [:]][row[strategy], default: []].append(x)
        }
    }

    /// The figure name of `none`'s own time when it is recomputed with some
    /// statistic (the summary's column names the headline statistic's).
    static let baselineTimeFigure = "none_ns_per_op"

    /// Label (``RunComparison/label(workload:storages:strategy:concurrency:runRate:)``, as in
    /// `summary.csv` comparisons) → (headline column, or
    /// ``baselineTimeFigure`` for `none`, and the figure).
    func figures(_ statistic: SampleStatistic) -> [String: (column: String, value: Double)] {
        var out: [String: (column: String, value: Double)] = [:]
        for (cell, byStrategy) in samples {
            guard let baselineSamples = byStrategy[StrategyCatalog.baselineID] else { continue }
            let baseline = statistic.ofSorted(baselineSamples.sorted())
            for (strategy, xs) in byStrategy {
                let headline = ResultsSchema.headlineColumn(workload: cell.workload, strategy: strategy)
                let column = headline == ResultsSchema.timeColumn ? Self.baselineTimeFigure : headline
                let value = statistic.ofSorted(xs.sorted())
                let figure: Double
                switch column {
                case "added_ns_per_op": figure = value - baseline
                case "ratio_vs_none": figure = value / baseline
                default: figure = value
                }
                out[RunComparison.label(workload: cell.workload, storages: cell.storages, strategy: strategy,
                                        concurrency: cell.concurrency, runRate: cell.runRate)] = (column, figure)
            }
        }
        return out
    }
}
