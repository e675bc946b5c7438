import Foundation
import Measurement

/// The tables `bench fidelity` writes to `Results/fidelity/` and `bench
/// report` cites in PAPER.md §6, all computed from two summary files of one
/// run: the model's rows (`model-summary.csv`) and the real runtimes' rows
/// (`Results/real/summary.csv`), both in `ResultsSchema.summaryColumns`.
public struct FidelityTables {
    let unitCosts: UnitCostTable
    let agreementReport: AgreementReport

    /// Reads both summaries and computes every table (no file is written).
    public static func build(modelSummary: String, realSummary: String) throws -> FidelityTables {
        let data = FidelityData(model: try SummaryData(path: modelSummary), real: try SummaryData(path: realSummary))
        return FidelityTables(unitCosts: UnitCostTable(data), agreementReport: AgreementReport(data))
    }

    /// The names of ``files``, in the same order.
    public static let fileNames = ["unit-costs.csv", "agreement.csv", "agreement-cells.csv", "crossover.csv"]

    /// File name → table, for `Results/fidelity/`.
    public var files: [(String, CSVTable)] {
        Array(zip(Self.fileNames, [unitCosts.csv, agreementReport.csv, agreementReport.cellsCSV, agreementReport.crossoverCSV]))
    }

    /// The criteria, one line each, and the crossover per k.
    public var agreementText: String { agreementReport.text }

    /// Draws `scripts/plots/unit-costs.gp` from a unit-costs.csv: the Node 24
    /// rows (the judged engines) and the floors on Node 24's default mode.
    public static func renderChart(unitCosts path: String, plotsDirectory: String, scriptsDirectory: String) throws {
        guard let gnuplot = Gnuplot.locate() else { throw ReportingError(.gnuplotFailed, "gnuplot not found; \(Gnuplot.installHint)") }
        let table = try reportingErrors { try CSVTable.read(path: path) }
        try reportingErrors { try table.requireColumns(UnitCostTable.header, source: path) }
        let c = { (name: String) in table.column(name)! }
        var tsv = ""
        for row in table.rows {
            let engine = row[c("engine")], operation = row[c("operation")]
            let judged = FidelityData.judgedPairs.contains { $0.engine == engine && $0.model == row[c("model_strategy")] }
            guard judged || (operation.hasPrefix("floor") && engine == FidelityData.judgedPairs[1].engine) else { continue }
            let label = operation + (row[c("k")] == "0" ? "" : " k=" + row[c("k")]) + (operation.hasPrefix("floor") || operation == "get-store" ? " (\(row[c("model_strategy")]))" : "")
            func value(_ s: String) -> String { s.isEmpty ? "0" : s }
            tsv += "\(label)\t\(value(row[c("model_ns")]))\t\(value(row[c("engine_ns")]))\n"
        }
        try FileManager.default.createDirectory(atPath: plotsDirectory, withIntermediateDirectories: true)
        let dataPath = NSTemporaryDirectory() + "unit-costs-\(getpid()).tsv"
        try tsv.write(toFile: dataPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: dataPath) }
        try Gnuplot.run(executable: gnuplot, script: (scriptsDirectory as NSString).appendingPathComponent("unit-costs.gp"),
                        variables: [("data", .string(dataPath)), ("out", .string((plotsDirectory as NSString).appendingPathComponent("unit-costs"))),
                                    ("statistic", .string(Statistics.headline.label))])
    }
}
