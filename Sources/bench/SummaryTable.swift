import Foundation
import Measurement
import Workloads
import SemanticOracle
import Suites

/// The terminal summary: per workload and k, each strategy's ns/op (the
/// ``Statistics/headline``, with its interval), ratio to
/// `none` (with Node compare.R-style stars) and allocations per op.
enum SummaryTable {
    static func render(_ results: [CellResult]) -> String {
        var lines = [pad("workload", 15) + pad("k", 5) + pad("strategy", 19) + lpad("ns/op", 10) + lpad("95% CI", 20)
                     + lpad("x none", 12) + lpad("allocs/op", 11) + "  notes"]
        lines.append(String(repeating: "-", count: lines[0].count))
        let headline = results.filter {
            ($0.spec.workload != .requestServer || $0.spec.parameters.concurrency == 100)
                && ($0.spec.workload != .contextChurn || $0.spec.parameters.runRate == 0.1)
        }
        for r in headline {
            let t = r.timing
            let ci = t.map { String(format: "[%.1f, %.1f]", $0.headline.ciLow, $0.headline.ciHigh) } ?? ""
            // `none` is the baseline itself: no ratio, as in summary.csv (empty ratio_vs_none).
            let ratio = r.ratioVsNone.map { String(format: "%.2f%@", $0.ratio, $0.stars) } ?? (r.strategy == StrategyCatalog.baselineID ? "baseline" : "")
            let allocs = r.allocationsPerOp.map { String(format: "%.2f", $0) } ?? "n/a"
            var notes = r.status.isOK ? "" : r.status.description
            if r.noiseWarning { notes += "noisy (cv \(String(format: "%.0f", (t?.cv ?? 0) * 100)) %)" }
            lines.append(pad(r.spec.workload.rawValue, 15) + pad(String(r.spec.parameters.storages), 5) + pad(r.strategy, 19)
                         + lpad(t.map { String(format: "%.1f", $0.headline.value) } ?? "-", 10) + lpad(ci, 20)
                         + lpad(ratio, 12) + lpad(allocs, 11) + "  " + notes)
        }
        return lines.joined(separator: "\n")
    }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
}
