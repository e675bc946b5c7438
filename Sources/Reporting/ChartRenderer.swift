import Foundation

/// One chart's outcome.
public struct RenderedChart: Equatable, CustomStringConvertible {
    public enum Outcome: Equatable {
        /// Both files were written.
        case rendered(png: String, svg: String)
        /// Not drawn; `reason` is one line, e.g. "no k sweep in summary.csv".
        case skipped(reason: String)
    }

    /// File stem and identifier, e.g. `time-per-op`.
    public let name: String
    public let outcome: Outcome

    public init(name: String, outcome: Outcome) {
        self.name = name
        self.outcome = outcome
    }

    /// PNG path when rendered.
    public var png: String? { if case .rendered(let p, _) = outcome { return p } else { return nil } }
    /// SVG path when rendered.
    public var svg: String? { if case .rendered(_, let s) = outcome { return s } else { return nil } }
    /// Skip reason when skipped.
    public var skipReason: String? { if case .skipped(let r) = outcome { return r } else { return nil } }

    /// `name: path.png, path.svg` or `name: skipped (reason)`.
    public var description: String {
        switch outcome {
        case .rendered(let png, let svg): return "\(name): \(png), \(svg)"
        case .skipped(let reason): return "\(name): skipped (\(reason))"
        }
    }
}

/// Renders every chart of a results directory with the gnuplot scripts in `scripts/plots/`.
///
/// Reads `summary.csv` (required), `run.json` (footnote), `latency-request-server.csv`, and
/// `../real/summary.csv` when present; writes `<plotsDirectory>/<chart>.png` and `.svg`.
/// Charts whose data is absent are skipped with a one-line reason (and any file of theirs left
/// from an earlier run is removed).
public struct ChartRenderer {
    public let resultsDirectory: String
    public let plotsDirectory: String
    public let scriptsDirectory: String
    /// When set, every panel's gnuplot state is saved there as `<chart>-<panel>.gp` (tests).
    let stateDirectory: String?

    /// - Parameters:
    ///   - resultsDirectory: e.g. `Results/standard`.
    ///   - plotsDirectory: e.g. `plots/standard` (created if missing).
    ///   - scriptsDirectory: the directory holding `common.gp` and the chart scripts (`scripts/plots`).
    public init(resultsDirectory: String, plotsDirectory: String, scriptsDirectory: String) {
        self.init(resultsDirectory: resultsDirectory, plotsDirectory: plotsDirectory, scriptsDirectory: scriptsDirectory,
                  stateDirectory: nil)
    }

    init(resultsDirectory: String, plotsDirectory: String, scriptsDirectory: String, stateDirectory: String?) {
        self.resultsDirectory = resultsDirectory
        self.plotsDirectory = plotsDirectory
        self.scriptsDirectory = scriptsDirectory
        self.stateDirectory = stateDirectory
    }

    /// Names of every chart, in rendering order.
    public static let chartNames = [
        "time-per-op", "ratio-vs-none", "micro-ops", "allocations", "scaling-time", "scaling-allocs", "crossover",
        "latency-percentiles", "latency-p99", "retained-memory", "model-vs-real",
    ]

    /// Renders all charts. Throws `ReportingError` for missing/malformed input (naming file and
    /// line), a missing gnuplot (`.gnuplotMissing`, with `Gnuplot.installHint`) or a gnuplot failure.
    public func renderAll() throws -> [RenderedChart] {
        let inputs = try Inputs(resultsDirectory: resultsDirectory)
        for script in ["common.gp"] + Self.scriptFiles where !FileManager.default.fileExists(atPath: scriptPath(script)) {
            throw ReportingError(.missingFile, "\(scriptPath(script)): gnuplot script not found")
        }
        guard let gnuplot = Gnuplot.locate() else {
            throw ReportingError(.gnuplotMissing, "gnuplot not found on PATH; CSV results are unaffected; \(Gnuplot.installHint)")
        }
        try FileSystem.createDirectory(plotsDirectory)
        var results: [RenderedChart] = []
        for spec in ChartPlanner(inputs: inputs).plans() {
            switch spec.plan {
            case .skip(let reason):
                // A chart from an earlier run must not outlive the data it was drawn from.
                for ext in ["png", "svg", "csv"] { try? FileManager.default.removeItem(atPath: "\(stem(spec.name)).\(ext)") }
                results.append(RenderedChart(name: spec.name, outcome: .skipped(reason: reason)))
            case .draw(let script, var variables, let data):
                if let data {
                    // Derived data is written next to the chart, so the chart's script runs on it alone.
                    let path = stem(spec.name) + ".csv"
                    try AtomicFile.write(data.encoded(), to: path)
                    variables.insert(("csv", .string(path)), at: 0)
                } else {
                    try? FileManager.default.removeItem(atPath: stem(spec.name) + ".csv")
                }
                results.append(try draw(spec.name, script: script, variables: variables, gnuplot: gnuplot, inputs: inputs))
            }
        }
        return results
    }

    static let scriptFiles = [
        "generated.gp", "time-per-op.gp", "micro-ops.gp", "allocations.gp", "scaling.gp", "crossover.gp",
        "latency-percentiles.gp", "latency-p99.gp", "retained-memory.gp", "model-vs-real.gp",
    ]

    private func stem(_ name: String) -> String {
        (plotsDirectory.hasSuffix("/") ? plotsDirectory : plotsDirectory + "/") + name
    }

    private func scriptPath(_ file: String) -> String {
        (scriptsDirectory.hasSuffix("/") ? scriptsDirectory : scriptsDirectory + "/") + file
    }

    private func draw(_ name: String, script: String, variables: [(String, GnuplotValue)], gnuplot: String,
                      inputs: Inputs) throws -> RenderedChart {
        let png = stem(name) + ".png", svg = stem(name) + ".svg"
        let fm = FileManager.default
        // Render to temporary names, then rename: a failed render never leaves a truncated chart.
        let tempStem = (plotsDirectory.hasSuffix("/") ? plotsDirectory : plotsDirectory + "/") + ".\(name).rendering-\(getpid())"
        defer {
            try? fm.removeItem(atPath: tempStem + ".png")
            try? fm.removeItem(atPath: tempStem + ".svg")
        }
        var scriptDir = scriptsDirectory
        if !scriptDir.hasSuffix("/") { scriptDir += "/" }
        var all: [(String, GnuplotValue)] = [
            ("scriptdir", .string(scriptDir)),
            ("out", .string(tempStem)),
            ("chart", .string(name)),
            ("footnote", .string(inputs.footnote.first)),
            ("footnote2", .string(inputs.footnote.second)),
        ] + variables
        if let stateDirectory { all.append(("statedir", .string(stateDirectory))) }
        try Gnuplot.run(executable: gnuplot, script: scriptPath(script), variables: all)
        for (temp, final) in [(tempStem + ".png", png), (tempStem + ".svg", svg)] {
            let size = (try? fm.attributesOfItem(atPath: temp)[.size] as? NSNumber)?.intValue ?? 0
            guard size > 0 else {
                throw ReportingError(.gnuplotFailed, "gnuplot produced no output for \(name) (\(scriptPath(script)))")
            }
            guard rename(temp, final) == 0 else { throw FileSystem.error("cannot rename \(temp) to", final) }
        }
        return RenderedChart(name: name, outcome: .rendered(png: png, svg: svg))
    }
}

/// Everything the charts read, loaded and validated up front.
struct Inputs {
    let summary: SummaryData
    let run: RunInfo?
    let latency: LatencyData?
    let real: SummaryData?
    let realPath: String
    let styles: [String: SeriesStyle]

    init(resultsDirectory: String) throws {
        let dir = URL(fileURLWithPath: resultsDirectory)
        func path(_ name: String) -> String {
            (resultsDirectory.hasSuffix("/") ? resultsDirectory : resultsDirectory + "/") + name
        }
        summary = try SummaryData(path: path("summary.csv"))
        run = try RunInfo.load(path("run.json"))
        let latencyPath = path("latency-request-server.csv")
        latency = FileManager.default.fileExists(atPath: latencyPath) ? try LatencyData(path: latencyPath) : nil
        let parent = (resultsDirectory as NSString).deletingLastPathComponent
        realPath = (parent.isEmpty ? "" : parent + "/") + "real/summary.csv"
        if dir.standardizedFileURL.lastPathComponent != "real", FileManager.default.fileExists(atPath: realPath) {
            real = try SummaryData(path: realPath)
        } else {
            real = nil
        }
        // `none` always: the ratio chart draws its baseline line in none's colour.
        styles = StrategyPalette.styles(for: [SummaryAddedCost.baselineStrategy] + summary.rows.map(\.strategy) + (real?.rows.map(\.strategy) ?? []))
    }

    /// Two footnote lines: "run <id> · <timestamp> · <machine>" and "<toolchain> · data: <summary.csv>".
    var footnote: (first: String, second: String) {
        let ids = summary.runIDs
        var first: [String] = [], second: [String] = []
        if let run {
            first.append("run " + (run["runID"] ?? ids.joined(separator: ", ")))
            if let t = run["timestamp"] { first.append(t) }
            first.append(run.machine)
            let tool = run.toolchain
            if !tool.isEmpty { second.append(tool) }
        } else {
            first.append("run " + (ids.isEmpty ? "unknown" : ids.joined(separator: ", ")))
            first.append("machine unknown (no run.json)")
        }
        second.append("data: " + summary.path)
        return (first.joined(separator: " · "), second.joined(separator: " · "))
    }
}

/// `latency-<workload>.csv`.
struct LatencyData {
    struct Point { let strategy: String; let storages: Int; let concurrency: Int; let percentile: Double; let latencyNs: Double }
    let path: String
    let points: [Point]

    init(path: String) throws {
        let table = try reportingErrors { try CSVTable.read(path: path) }
        try reportingErrors { try table.requireColumns(["strategy", "storages", "concurrency", "percentile", "latency_ns"], source: path) }
        let ci = ["strategy", "storages", "concurrency", "percentile", "latency_ns"].map { table.column($0)! }
        var points: [Point] = []
        for (i, row) in table.rows.enumerated() {
            func number(_ j: Int) throws -> Double {
                guard let x = Double(row[ci[j]]), x.isFinite else {
                    throw ReportingError(.malformedInput, "\(path):\(table.line(ofRow: i)): column \(table.header[ci[j]]): \"\(row[ci[j]])\" is not a number")
                }
                return x
            }
            points.append(Point(strategy: row[ci[0]], storages: Int(try number(1)), concurrency: Int(try number(2)),
                                percentile: try number(3), latencyNs: try number(4)))
        }
        self.path = path
        self.points = points
    }
}

/// Decides, per chart, whether there is data and with which parameters to draw it.
struct ChartPlanner {
    enum Plan {
        /// `data`: a derived table the script reads instead of summary.csv (written as `<chart>.csv`).
        case draw(script: String, variables: [(String, GnuplotValue)], data: CSVTable?)
        case skip(String)
    }
    struct Spec { let name: String; let plan: Plan }

    /// Workloads of one operation whose no-propagation baseline is about a nanosecond: they are
    /// charted as added ns per operation (`micro-ops`), never as a ratio to that floor.
    static var microWorkloads: [String] { ResultsSchema.addedCostWorkloads }

    let inputs: Inputs
    var summary: SummaryData { inputs.summary }
    var file: String { (summary.path as NSString).lastPathComponent }

    func plans() -> [Spec] {
        let ref = ReferenceCell(summary)
        return [
            Spec(name: "time-per-op", plan: bars(ref: ref, ratio: false)),
            Spec(name: "ratio-vs-none", plan: bars(ref: ref, ratio: true)),
            Spec(name: "micro-ops", plan: microOps()),
            Spec(name: "allocations", plan: allocations(ref: ref)),
            Spec(name: "scaling-time", plan: scaling(metric: "time", column: ResultsSchema.timeColumn)),
            Spec(name: "scaling-allocs", plan: scaling(metric: "allocs", column: "allocs_per_op")),
            Spec(name: "crossover", plan: crossover()),
            Spec(name: "latency-percentiles", plan: latencyPercentiles()),
            Spec(name: "latency-p99", plan: concurrencySweep(script: "latency-p99.gp", column: "latency_p99_ns")),
            Spec(name: "retained-memory", plan: concurrencySweep(script: "retained-memory.gp", column: "retained_bytes_per_request")),
            Spec(name: "model-vs-real", plan: modelVsReal(ref: ref)),
        ]
    }

    /// The strategy list and one style triple per strategy, as the scripts read them.
    private func series(_ strategies: [String]) -> [(String, GnuplotValue)] {
        [("strategies", .string(strategies.joined(separator: " "))),
         ("styles", .string(strategies.map { (inputs.styles[$0] ?? StrategyPalette.fallback[0]).description }.joined(separator: " ")))]
    }

    private func common(_ strategies: [String]) -> [(String, GnuplotValue)] {
        [("csv", .string(summary.path))] + series(strategies)
    }

    private func refVariables(_ ref: ReferenceCell) -> [(String, GnuplotValue)] {
        var v: [(String, GnuplotValue)] = []
        if let c = ref.concurrency { v.append(("conc", .integer(c))) }
        if let r = ref.runRate { v.append(("rate", .number(r))) }
        return v
    }

    private func refNote(_ ref: ReferenceCell, rows: [SummaryRow]) -> String {
        var parts: [String] = []
        let workloads = Set(rows.map(\.workload))
        if workloads.contains("request-server"), let c = ref.concurrency { parts.append("request-server at concurrency \(c)") }
        if workloads.contains("context-churn"), let r = ref.runRate { parts.append("context-churn at run_rate \(CSVFormat.number(r))") }
        return parts.joined(separator: ", ")
    }

    private func bars(ref: ReferenceCell, ratio: Bool) -> Plan {
        let column = ratio ? "ratio_vs_none" : ResultsSchema.timeColumn
        let candidates = summary.ok.filter { r in
            r.value(column) != nil && (!ratio || (r.strategy != SummaryAddedCost.baselineStrategy && !Self.microWorkloads.contains(r.workload)))
                && r.storages.map { ref.matches(r, k: $0) } == true
        }
        let ks: [Int] = [1, 8, 64].filter { (k: Int) in candidates.contains { $0.storages == k } }
        guard !ks.isEmpty else {
            return .skip("no ok rows with \(column) at k = 1, 8 or 64 in \(file)")
        }
        let rows = candidates.filter { ks.contains($0.storages!) }
        var strategies = PaletteOrder.strategies(rows)
        if ratio {
            // `none` is the baseline line (its colour is the first entry), bars are the others.
            strategies = [SummaryAddedCost.baselineStrategy] + strategies.filter { $0 != SummaryAddedCost.baselineStrategy }
        }
        var v = common(strategies)
        let workloadList: String = summary.workloads(rows).joined(separator: " ")
        let kList: String = ks.map { String($0) }.joined(separator: " ")
        v.append(("workloads", .string(workloadList)))
        v.append(("ks", .string(kList)))
        v.append(("metric", .string(ratio ? "ratio" : "time")))
        v += refVariables(ref)
        let note = refNote(ref, rows: rows)
        if !note.isEmpty { v.append(("note", .string(note))) }
        return .draw(script: "time-per-op.gp", variables: v, data: nil)
    }

    /// Added ns per operation of the micro-operation workloads, every k ≥ 1.
    private func microOps() -> Plan {
        let added = SummaryAddedCost(summary)
        var table = CSVTable(header: ["strategy", "workload", "storages", "added_ns_per_op"])
        var rows: [SummaryRow] = []
        for row in summary.ok where Self.microWorkloads.contains(row.workload) && (row.storages ?? 0) >= 1 {
            guard let ns = added.nsPerOp(row) else { continue }
            rows.append(row)
            table.append([row.strategy, row.workload, String(row.storages!), gnuplotNumber(ns)])
        }
        guard !rows.isEmpty else {
            return .skip("no \(Self.microWorkloads.joined(separator: " or ")) rows with a measured baseline at k ≥ 1 in \(file)")
        }
        var v = series(PaletteOrder.strategies(rows))
        v.append(("workloads", .string(summary.workloads(rows).joined(separator: " "))))
        v.append(("note", .string(added.baselineDescription)))
        return .draw(script: "micro-ops.gp", variables: v, data: table)
    }

    private func allocations(ref: ReferenceCell) -> Plan {
        guard let k = ref.k else { return .skip("no ok rows in \(file)") }
        let rows = summary.ok.filter { ref.matches($0, k: k) && ($0.value("allocs_per_op") != nil || $0.value("bytes_per_op") != nil) }
        guard !rows.isEmpty else { return .skip("no allocs_per_op or bytes_per_op figures at k = \(k) in \(file)") }
        var v = common(PaletteOrder.strategies(rows))
        v += [("workloads", .string(summary.workloads(rows).joined(separator: " "))), ("k", .integer(k))]
        v += refVariables(ref)
        return .draw(script: "allocations.gp", variables: v, data: nil)
    }

    private func scaling(metric: String, column: String) -> Plan {
        let swept = Analysis.scalingWorkloads.filter { w in
            Set(summary.ok.filter { $0.workload == w && ($0.storages ?? 0) >= 1 && $0.value(column) != nil }.compactMap(\.storages)).count >= 2
        }
        guard !swept.isEmpty else {
            return .skip("no k sweep (≥ 2 storages values with \(column)) for \(Analysis.scalingWorkloads.joined(separator: ", ")) in \(file)")
        }
        let rows = summary.ok.filter { swept.contains($0.workload) }
        var v = common(PaletteOrder.strategies(rows))
        v += [("workloads", .string(swept.joined(separator: " "))), ("metric", .string(metric))]
        v += refVariables(ReferenceCell(summary))
        return .draw(script: "scaling.gp", variables: v, data: nil)
    }

    private func crossover() -> Plan {
        let churn = summary.ok.filter { $0.workload == "context-churn" && $0.runRate != nil && $0.value(ResultsSchema.timeColumn) != nil }
        var ks: [Int] = [1, 8, 64].filter { (k: Int) in Set(churn.filter { $0.storages == k }.compactMap(\.runRate)).count >= 2 }
        if ks.isEmpty {
            ks = Set(churn.compactMap(\.storages)).sorted().filter { (k: Int) in Set(churn.filter { $0.storages == k }.compactMap(\.runRate)).count >= 2 }
            ks = Array(ks.prefix(3))
        }
        guard !ks.isEmpty else { return .skip("no context-churn run_rate sweep (≥ 2 run_rate values at one k) in \(file)") }
        let rows = churn.filter { ks.contains($0.storages!) }
        var crossings: [String] = []
        for k in ks {
            switch Analysis.crossing(summary.rows, k: k) {
            case .at(let r): crossings.append(gnuplotNumber(r))
            case .none: crossings.append("NaN")
            case .insufficient: crossings.append("-")  // the two designs were not both measured: say nothing
            }
        }
        var v = common(PaletteOrder.strategies(rows))
        v.append(("ks", .string(ks.map { String($0) }.joined(separator: " "))))
        v.append(("crossings", .string(crossings.joined(separator: " "))))
        return .draw(script: "crossover.gp", variables: v, data: nil)
    }

    private func latencyPercentiles() -> Plan {
        guard let latency = inputs.latency else {
            return .skip("no latency-request-server.csv next to \(file)")
        }
        let points = latency.points.filter { $0.percentile < 100 }
        guard let k = ReferenceCell.nearest(points.map { Double($0.storages) }, to: Double(ReferenceCell.preferredK)).map({ Int($0) }),
              let conc = ReferenceCell.nearest(points.filter { $0.storages == k }.map { Double($0.concurrency) },
                                               to: Double(ReferenceCell.preferredConcurrency)).map({ Int($0) })
        else { return .skip("no percentile rows below 100 in \((latency.path as NSString).lastPathComponent)") }
        let strategies = PaletteOrder.order(Set(points.filter { $0.storages == k && $0.concurrency == conc }.map(\.strategy)))
        var v: [(String, GnuplotValue)] = [("csv", .string(latency.path))] + series(strategies)
        v += [("k", .integer(k)), ("conc", .integer(conc))]
        return .draw(script: "latency-percentiles.gp", variables: v, data: nil)
    }

    private func concurrencySweep(script: String, column: String) -> Plan {
        let rows = summary.ok.filter { $0.workload == "request-server" && $0.concurrency != nil && $0.value(column) != nil }
        let ks = Set(rows.compactMap(\.storages)).filter { k in Set(rows.filter { $0.storages == k }.compactMap(\.concurrency)).count >= 2 }
        guard let k = ReferenceCell.nearest(ks.map(Double.init), to: Double(ReferenceCell.preferredK)).map({ Int($0) }) else {
            return .skip("no request-server concurrency sweep (≥ 2 concurrency values with \(column)) in \(file)")
        }
        var v = common(PaletteOrder.strategies(rows.filter { $0.storages == k }))
        v.append(("k", .integer(k)))
        return .draw(script: script, variables: v, data: nil)
    }

    /// The fidelity scatter: for each pair of `Fidelity.counterparts`, one point per (workload, k ≥ 1)
    /// measured on both sides (their reference cells), the model's added ns/op against the engine's.
    private func modelVsReal(ref: ReferenceCell) -> Plan {
        guard let real = inputs.real else {
            return .skip("\(inputs.realPath) not found (no real-runtime results to compare with)")
        }
        let modelAdded = SummaryAddedCost(summary), realAdded = SummaryAddedCost(real)
        let realRef = ReferenceCell(real)
        var table = CSVTable(header: ["model", "real", "workload", "storages", "model_added_ns_per_op", "real_added_ns_per_op"])
        var pairs: [String] = []
        for pair in Fidelity.counterparts {
            for r in real.ok where r.strategy == pair.real {
                guard let k = r.storages, k >= 1, realRef.matches(r, k: k), let engine = realAdded.nsPerOp(r),
                      let m = summary.ok.first(where: { $0.strategy == pair.model && $0.workload == r.workload && ref.matches($0, k: k) }),
                      let model = modelAdded.nsPerOp(m) else { continue }
                table.append([pair.model, pair.real, r.workload, String(k), gnuplotNumber(model), gnuplotNumber(engine)])
                if !pairs.contains(pair.model) { pairs.append(pair.model) }
            }
        }
        guard !pairs.isEmpty else {
            return .skip("\(real.path) and \(file) share no (workload, k) with added ns/op for any of \(Fidelity.counterparts.map { "\($0.model)/\($0.real)" }.joined(separator: ", "))")
        }
        return .draw(script: "model-vs-real.gp", variables: series(pairs), data: table)
    }
}

/// Legend order of strategy ids.
enum PaletteOrder {
    static func strategies(_ rows: [SummaryRow], including extra: [String] = []) -> [String] {
        order(Set(rows.map(\.strategy) + extra))
    }
    static func order(_ ids: Set<String>) -> [String] { StrategyPalette.ordered(ids) }
}

/// A number as gnuplot's `real()` reads it from a string: it rejects an
/// exponent whose mantissa has no decimal point (`real("1e-05")` fails,
/// `real("1.000000e-05")` works), so always write one.
func gnuplotNumber(_ x: Double) -> String {
    guard x.isFinite else { return "NaN" }
    return String(format: "%.6e", x)
}
