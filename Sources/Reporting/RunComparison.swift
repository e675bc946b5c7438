import Foundation
import Measurement

/// Two result folders of the same suite, cell by cell (issue 11: do two
/// runs agree?): the relative difference of each cell's headline figure
/// (``ResultsSchema/headlineColumn(workload:strategy:)``), or of another
/// column, and the distribution of those differences.
public struct RunComparison {
    public struct Cell: Equatable, Sendable {
        /// "promise-chain k=8 frame-ref" (plus c= / rate= where they apply).
        public var label: String
        public var column: String
        public var a: Double
        public var b: Double
        /// |b - a| / |a| (infinite when a is 0 and b is not).
        public var relativeDifference: Double

        public init(label: String, column: String, a: Double, b: Double, relativeDifference: Double) {
            self.label = label
            self.column = column
            self.a = a
            self.b = b
            self.relativeDifference = relativeDifference
        }
    }

    public let cells: [Cell]
    /// Rows ok in one folder but missing or not ok in the other.
    public let unmatched: [String]

    public init(cells: [Cell], unmatched: [String]) {
        self.cells = cells
        self.unmatched = unmatched
    }

    /// A cell's label in comparisons: "promise-chain k=8 frame-ref", plus
    /// c= / rate= where they apply (the one naming of summary and sample rows).
    static func label(workload: String, storages: String?, strategy: String, concurrency: String?, runRate: Double?) -> String {
        var s = "\(workload) k=\(storages ?? "?") \(strategy)"
        if let c = concurrency { s += " c=\(c)" }
        if let rate = runRate { s += " rate=\(CSVFormat.number(rate, digits: 6))" }
        return s
    }

    /// `column` nil: each row's headline column.
    ///
    /// - Throws: ``ReportingError`` when a summary is missing or malformed.
    /// - Complexity: O(rows).
    public static func compare(_ folderA: String, _ folderB: String, column: String? = nil) throws -> RunComparison {
        let a = try SummaryData(path: (folderA as NSString).appendingPathComponent("summary.csv"))
        let b = try SummaryData(path: (folderB as NSString).appendingPathComponent("summary.csv"))
        func key(_ r: SummaryRow) -> String {
            label(workload: r.workload, storages: r.storages.map(String.init), strategy: r.strategy,
                  concurrency: r.concurrency.map(String.init), runRate: r.runRate)
        }
        let rowsB = Dictionary(b.ok.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
        var cells: [Cell] = []
        var unmatched: [String] = []
        for row in a.ok {
            let label = key(row)
            guard let other = rowsB[label] else { unmatched.append(label); continue }
            let name = column ?? ResultsSchema.headlineColumn(workload: row.workload, strategy: row.strategy)
            guard let x = row.value(name), let y = other.value(name) else { continue }
            let rel = x == y ? 0 : (x == 0 ? Double.infinity : abs(y - x) / abs(x))
            cells.append(Cell(label: label, column: name, a: x, b: y, relativeDifference: rel))
        }
        let labelsA = Set(a.ok.map(key))
        unmatched += rowsB.keys.filter { !labelsA.contains($0) }.sorted()
        return RunComparison(cells: cells, unmatched: unmatched)
    }

    /// Share of cells whose relative difference is at most `x`.
    public func share(within x: Double) -> Double {
        cells.isEmpty ? 0 : Double(cells.filter { $0.relativeDifference <= x }.count) / Double(cells.count)
    }

    /// The `q` quantile of the relative differences (nearest rank).
    public func quantile(_ q: Double) -> Double {
        let sorted = cells.map(\.relativeDifference).sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
    }

    /// Whether at least `share` of the cells agree within `within` and every
    /// cell within `maximum` (issue 11's target: 90 % within 3 %, all within 10 %).
    public func passes(within: Double, share: Double, maximum: Double) -> Bool {
        !cells.isEmpty && self.share(within: within) >= share && cells.allSatisfy { $0.relativeDifference <= maximum }
    }

    /// Columns of ``cellsTable()`` (`cells.csv`).
    public static let cellColumns = ["cell", "column", "a", "b", "relative_difference"]
    /// Columns of ``distributionTable(_:within:maximum:)`` (`distribution.csv`):
    /// per comparison, one row for all cells (`figure` = `all`), then one per
    /// headline column; `source` says whether the figures are the summaries'
    /// (`summary.csv`) or recomputed from the samples with `statistic`
    /// (`samples.csv`). Shares and differences are fractions (0.03 = 3 %).
    public static let distributionColumns = ["source", "statistic", "figure", "cells", "median", "p90", "max", "within", "share_within",
                                             "maximum", "share_within_maximum"]

    /// Every compared cell: its label, the column compared, both values and their relative difference.
    public func cellsTable() -> CSVTable {
        var table = CSVTable(header: Self.cellColumns)
        for c in cells {
            table.append([c.label, c.column, CSVFormat.number(c.a, digits: 8), CSVFormat.number(c.b, digits: 8),
                          CSVFormat.number(c.relativeDifference.isFinite ? c.relativeDifference : nil, digits: 6)])
        }
        return table
    }

    /// The distribution of the relative differences of each comparison (its
    /// source and statistic named), over all cells and per headline column.
    public static func distributionTable(_ comparisons: [(source: String, statistic: SampleStatistic, comparison: RunComparison)],
                                         within: Double, maximum: Double) -> CSVTable {
        var table = CSVTable(header: Self.distributionColumns)
        for (source, statistic, comparison) in comparisons {
            func row(_ figure: String, _ part: RunComparison) {
                guard !part.cells.isEmpty else { return }
                let f = { (x: Double) in CSVFormat.number(x.isFinite ? x : nil, digits: 6) }
                table.append([source, statistic.rawValue, figure, String(part.cells.count), f(part.quantile(0.5)), f(part.quantile(0.9)),
                              f(part.quantile(1)), f(within), f(part.share(within: within)), f(maximum), f(part.share(within: maximum))])
            }
            row("all", comparison)
            for column in Set(comparison.cells.map(\.column)).sorted() {
                row(column, RunComparison(cells: comparison.cells.filter { $0.column == column }, unmatched: []))
            }
        }
        return table
    }

    /// The distribution and the `worst` most different cells, as text.
    public func render(within: Double, maximum: Double, worst: Int = 10) -> String {
        func pct(_ x: Double) -> String { x.isFinite ? String(format: "%.2f %%", x * 100) : "inf" }
        var lines = ["cells compared: \(cells.count)" + (unmatched.isEmpty ? "" : " (\(unmatched.count) in only one run)")]
        guard !cells.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("relative difference of the headline figure: median \(pct(quantile(0.5))), p90 \(pct(quantile(0.9))), max \(pct(quantile(1)))")
        lines.append("within \(pct(within)): \(pct(share(within: within))) of cells; within \(pct(maximum)): \(pct(share(within: maximum)))")
        var byColumn: [String: [Double]] = [:]
        for c in cells { byColumn[c.column, default: []].append(c.relativeDifference) }
        for (column, diffs) in byColumn.sorted(by: { $0.key < $1.key }) {
            let sorted = diffs.sorted()
            lines.append("  \(column): \(diffs.count) cells, median \(pct(sorted[sorted.count / 2])), max \(pct(sorted.last!))")
        }
        lines.append("most different:")
        for c in cells.sorted(by: { $0.relativeDifference > $1.relativeDifference }).prefix(worst) {
            lines.append("  \(pct(c.relativeDifference))  \(c.label)  \(c.column): \(CSVFormat.number(c.a, digits: 6)) -> \(CSVFormat.number(c.b, digits: 6))")
        }
        return lines.joined(separator: "\n")
    }
}
