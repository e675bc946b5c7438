import Foundation
import Workloads

/// Issue 8's question: across every cell where all designs were measured,
/// how far is each design from the best design of that cell, at worst?
///
/// A cell is one (workload, storages, concurrency, run_rate) of a
/// `summary.csv`. Only cells where every design has a row with status `ok`
/// count. Time uses the headline time column (``ResultsSchema/timeColumn``); allocations use `allocs_per_op`,
/// where 0 allocations against a best of 0 is a ratio of 1 and x > 0 against
/// a best of 0 has no ratio: it is reported separately, as the absolute gap
/// (allocations per op above zero). `none` is the floor, not a design, and is
/// left out unless listed explicitly. `allocZeroBelow` (default 0: only an
/// exact 0 is zero) lets figures such as 0.0002 allocs/op — a run's one-off
/// setup amortized over its operations — count as zero, so that a ratio to
/// them (thousands) does not stand for "allocates per operation".
public struct FrameAnalysis: Equatable {
    /// One summary cell.
    public struct Cell: Hashable, CustomStringConvertible {
        public let workload: String
        public let storages: String
        public let concurrency: String
        public let runRate: String

        public var description: String {
            var s = "\(workload) k=\(storages)"
            if !concurrency.isEmpty { s += " c=\(concurrency)" }
            if !runRate.isEmpty { s += " run_rate=\(runRate)" }
            return s
        }
    }

    /// One design's worst cases.
    public struct Row: Equatable {
        public let design: String
        /// max over cells of ns/op ÷ the cell's best ns/op.
        public let worstTimeRatio: Double
        public let worstTimeCell: Cell
        /// max over cells whose best allocs/op is > 0 of allocs/op ÷ best; nil when no such cell.
        public let worstAllocRatio: Double?
        public let worstAllocCell: Cell?
        /// max over cells whose best allocs/op is 0 of this design's allocs/op; nil when no such cell.
        public let worstAllocGapVsZero: Double?
        public let worstAllocGapCell: Cell?
    }

    /// Designs, best (lowest) worst-case time ratio first.
    public let rows: [Row]
    /// Cells in which every design had status ok (and a time).
    public let cellsCompared: Int
    /// Cells skipped because some design was missing or not ok.
    public let cellsSkipped: Int
    public let threshold: Double
    /// allocs/op below this counted as 0.
    /// Fewer than one allocation per 100 operations is a run's fixed setup
    /// amortized over its operations, not a per-operation cost: it counts as 0,
    /// so a design is not "10,000× worse" for allocating 2 objects per run.
    public static let defaultAllocZeroBelow = 0.01
    public let allocZeroBelow: Double

    /// Designs whose worst time ratio is within `threshold` in every compared cell.
    public var designsWithinThreshold: [String] { rows.filter { $0.worstTimeRatio <= threshold }.map(\.design) }
    public var anyWithinThreshold: Bool { !designsWithinThreshold.isEmpty }
    /// The design with the lowest worst-case time ratio.
    public var closest: Row? { rows.first }

    /// Analyses a parsed summary.csv. `designs` nil: every strategy in the file except `none`.
    public static func analyze(_ table: CSVTable, source: String, designs: [String]? = nil,
                               threshold: Double = 1.25, allocZeroBelow: Double = FrameAnalysis.defaultAllocZeroBelow) throws -> FrameAnalysis {
        let required = ["strategy", "workload", "storages", "concurrency", "run_rate", ResultsSchema.timeColumn, "allocs_per_op", "status"]
        try table.requireColumns(required, source: source)
        try SummaryValidation.validate(table, source: source)  // the cell checks plot and report run too
        let c = Dictionary(uniqueKeysWithValues: required.map { ($0, table.column($0)!) })

        struct Measure { var time: Double?; var allocs: Double?; var ok: Bool }
        var order: [Cell] = []
        var cells: [Cell: [String: Measure]] = [:]
        var seenDesigns: [String] = []
        for row in table.rows {
            let strategy = row[c["strategy"]!]
            let cell = Cell(workload: row[c["workload"]!], storages: row[c["storages"]!],
                            concurrency: row[c["concurrency"]!], runRate: row[c["run_rate"]!])
            if cells[cell] == nil { order.append(cell); cells[cell] = [:] }
            if !seenDesigns.contains(strategy) { seenDesigns.append(strategy) }
            let m = Measure(time: Double(row[c[ResultsSchema.timeColumn]!]), allocs: Double(row[c["allocs_per_op"]!]),
                            ok: row[c["status"]!] == "ok")
            cells[cell]![strategy] = m
        }
        let designList = designs ?? seenDesigns.filter { $0 != StrategyCatalog.baselineID }

        var worstTime: [String: (Double, Cell)] = [:]
        var worstAlloc: [String: (Double, Cell)] = [:]
        var worstGap: [String: (Double, Cell)] = [:]
        var compared = 0, skipped = 0
        for cell in order {
            let measures = cells[cell]!
            let ms = designList.map { measures[$0] }
            guard !designList.isEmpty, ms.allSatisfy({ $0 != nil && $0!.ok && $0!.time != nil && $0!.time! > 0 }) else {
                skipped += 1
                continue
            }
            compared += 1
            let best = ms.map { $0!.time! }.min()!
            for (design, m) in zip(designList, ms) {
                let r = m!.time! / best
                if r > (worstTime[design]?.0 ?? -1) { worstTime[design] = (r, cell) }
            }
            // Allocations only when every design has a figure (jemalloc may be unavailable).
            let allocs = ms.map { $0!.allocs.map { $0 < allocZeroBelow ? 0 : $0 } }
            guard allocs.allSatisfy({ $0 != nil }) else { continue }
            let bestAllocs = allocs.map { $0! }.min()!
            for (design, a) in zip(designList, allocs.map { $0! }) {
                if bestAllocs > 0 {
                    let r = a / bestAllocs
                    if r > (worstAlloc[design]?.0 ?? -1) { worstAlloc[design] = (r, cell) }
                } else if a > 0 {
                    if a > (worstGap[design]?.0 ?? -1) { worstGap[design] = (a, cell) }
                } else {
                    // 0 against 0: a ratio of 1.
                    if 1 > (worstAlloc[design]?.0 ?? -1) { worstAlloc[design] = (1, cell) }
                }
            }
        }
        var rows: [Row] = []
        for design in designList {
            guard let (t, tc) = worstTime[design] else { continue }
            rows.append(Row(design: design, worstTimeRatio: t, worstTimeCell: tc,
                            worstAllocRatio: worstAlloc[design]?.0, worstAllocCell: worstAlloc[design]?.1,
                            worstAllocGapVsZero: worstGap[design]?.0, worstAllocGapCell: worstGap[design]?.1))
        }
        let position = Dictionary(uniqueKeysWithValues: designList.enumerated().map { ($1, $0) })
        rows.sort { ($0.worstTimeRatio, position[$0.design]!) < ($1.worstTimeRatio, position[$1.design]!) }
        return FrameAnalysis(rows: rows, cellsCompared: compared, cellsSkipped: skipped, threshold: threshold,
                             allocZeroBelow: allocZeroBelow)
    }

    /// Reads and analyses a summary.csv file.
    public static func analyze(path: String, designs: [String]? = nil, threshold: Double = 1.25,
                               allocZeroBelow: Double = FrameAnalysis.defaultAllocZeroBelow) throws -> FrameAnalysis {
        try analyze(CSVTable.read(path: path), source: path, designs: designs, threshold: threshold, allocZeroBelow: allocZeroBelow)
    }

    /// The table as written to `Results/frames/worst-case.csv`.
    public func csv() -> CSVTable {
        var t = CSVTable(header: ["design", "worst_time_ratio", "worst_time_cell", "worst_alloc_ratio", "worst_alloc_cell",
                                  "worst_alloc_gap_vs_zero", "worst_alloc_gap_cell", "within_threshold", "cells_compared"])
        for r in rows {
            t.append([r.design, CSVFormat.number(r.worstTimeRatio), r.worstTimeCell.description,
                      CSVFormat.number(r.worstAllocRatio), r.worstAllocCell?.description ?? "",
                      CSVFormat.number(r.worstAllocGapVsZero), r.worstAllocGapCell?.description ?? "",
                      r.worstTimeRatio <= threshold ? "yes" : "no", String(cellsCompared)])
        }
        return t
    }

    /// A Markdown table and a one-line verdict.
    public func markdown() -> String {
        func f(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "—" }
            return String(format: "%.2f", x)
        }
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| design | worst time ratio | at | worst allocs ratio | at | allocs/op where the best allocates 0 | at |\n"
        out += "|---|---:|---|---:|---|---:|---|\n"
        for r in rows {
            out += "| \(esc(r.design)) | \(f(r.worstTimeRatio)) | \(esc(r.worstTimeCell.description)) | \(f(r.worstAllocRatio)) | "
            out += "\(esc(r.worstAllocCell?.description ?? "—")) | \(f(r.worstAllocGapVsZero)) | \(esc(r.worstAllocGapCell?.description ?? "—")) |\n"
        }
        out += "\n" + verdict()
        return out
    }

    /// Whether any design is within the threshold everywhere, else the closest.
    public func verdict() -> String {
        let t = String(format: "%.2f", threshold)
        var cells = "\(cellsCompared) cells compared" + (cellsSkipped > 0 ? ", \(cellsSkipped) skipped (some design not ok)" : "")
        if allocZeroBelow > 0 { cells += "; allocs/op below \(CSVFormat.number(allocZeroBelow)) counted as 0" }
        if anyWithinThreshold {
            return "Within \(t)× of the best design in every cell (time): \(designsWithinThreshold.joined(separator: ", ")) (\(cells))."
        }
        guard let best = closest else { return "No cell where every design was measured ok (\(cells))." }
        return "No design is within \(t)× of the best in every cell (time); closest: \(best.design), worst \(String(format: "%.2f", best.worstTimeRatio))× at \(best.worstTimeCell) (\(cells))."
    }
}
