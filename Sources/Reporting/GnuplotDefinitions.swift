import Foundation
import Measurement
import Workloads

/// The text of `scripts/plots/generated.gp`: the definitions the chart scripts share with Swift
/// (strategy styles, default id lists, the micro-operation workloads), written from their one
/// Swift source so a script run on its own agrees with `bench plot`. A test keeps the committed
/// file equal to `source`.
enum GnuplotDefinitions {
    /// How many fallback styles the file lists for scripts run on their own (cycled beyond).
    static let standaloneFallbackCount = 24

    static let regenerateCommand =
        "REGENERATE_GNUPLOT_DEFINITIONS=1 swift test -c release --skip-build -Xswiftc -enable-testing --filter testGeneratedDefinitionsAreCurrent"

    static var source: String {
        let known = StrategyPalette.known
        let width = known.map(\.id.count).max() ?? 0
        var lines = [
            "# generated.gp — GENERATED from the strategy registry and Sources/Reporting (StrategyPalette, ResultsSchema, Fidelity, Analysis, ChartPlanner, ReferenceCell); do not edit.",
            "# Regenerate: " + regenerateCommand,
            "#",
            "# style_known: one (colour, gnuplot pointtype, gnuplot dashtype) triple per strategy id; ids not",
            "# listed take style_fallback entries in the order they appear in `strategies` (common.gp).",
            "style_known = \\",
        ]
        for (i, entry) in known.enumerated() {
            let id = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("    \"\(id) \(entry.style) \"" + (i == known.count - 1 ? "" : " . \\"))
        }
        lines.append("style_fallback = \\")
        let extra = StrategyPalette.fallback.prefix(standaloneFallbackCount)
        for (i, style) in extra.enumerated() {
            lines.append("    \"\(style) \"" + (i == extra.count - 1 ? "" : " . \\"))
        }
        lines += [
            "# The registry's baseline and faithful strategies (the standard suite's), and the workloads, in display order.",
            "default_strategies = \"\(StrategyCatalog.allIDs.joined(separator: " "))\"",
            "default_workloads = \"\(ResultsSchema.workloads.joined(separator: " "))\"",
            "# The faithful strategies alone (charts of the cost added over the baseline).",
            "faithful_strategies = \"\(StrategyCatalog.faithfulIDs.joined(separator: " "))\"",
            "# The model strategies the fidelity charts pair with real runtimes (Fidelity.counterparts).",
            "counterpart_strategies = \"\(Fidelity.counterparts.map(\.model).joined(separator: " "))\"",
            "# The two strategies whose context-churn crossover the charts mark (Analysis.crossoverPair).",
            "crossover_pair = \"\(Analysis.crossoverPair.a) \(Analysis.crossoverPair.b)\"",
            "# The headline time column of summary.csv (ResultsSchema.timeColumn) and what it is (Statistics.headline).",
            "time_column = \"\(ResultsSchema.timeColumn)\"",
            "time_statistic = \"\(Statistics.headline.label)\"",
            "# Workloads of one sub-nanosecond-baseline operation: charted as added ns/op, never as a ratio.",
            "micro_workloads = \"\(ChartPlanner.microWorkloads.joined(separator: " "))\"",
            "# The reference cell of single-value views (ReferenceCell): storages k, request-server",
            "# concurrency, context-churn run_rate.",
            "reference_k = \(ReferenceCell.preferredK)",
            "reference_concurrency = \(ReferenceCell.preferredConcurrency)",
            "reference_run_rate = \(ReferenceCell.preferredRunRate)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
