import Foundation
import Workloads
import Measurement

/// The generated regions of PAPER.md (`<!-- BEGIN GENERATED: name -->`), by name.
public enum PaperRegion: String, CaseIterable, Sendable {
    case headline
    case instructionsVsTime = "instructions-vs-time"
    case scaling
    case crossover
    case latency
    case memory
    case environment
    case modelVsReal = "model-vs-real"
    case fidelity
    case semantics
    case unitCosts = "unit-costs"
    case agreement
    case crossoverEngine = "crossover-engine"
    case crossoverEngineAbstract = "crossover-engine-abstract"
    case frames
    case realApplications = "real-applications"
    case repeatability
    case floor

    /// What the region holds.
    public var contents: String {
        switch self {
        case .headline: return "per workload × strategy at k = 8: ns/op (\(Statistics.headline.label)) [95 % CI], instructions/op, ratio vs none with significance stars (added ns/op for get-store and run-enter), allocs/op"
        case .instructionsVsTime: return "per strategy: Spearman rank correlation of instructions/op and ns/op over the suite's cells"
        case .scaling: return "least-squares slope of ns/op and allocs/op against k (k ≥ 1) and R², per workload × strategy"
        case .crossover: return "context-churn ns/op per run_rate × strategy at each k, and where hook-map-copy and continuation-slot cross"
        case .latency: return "request-server p50 / p99 / p99.9 per concurrency × strategy"
        case .memory: return "request-server retained bytes per pending request per concurrency × strategy"
        case .environment: return "machine and toolchain from run.json"
        case .modelVsReal: return "overhead ratios of the model's strategies next to real runtimes (Results/real/summary.csv)"
        case .fidelity: return "per (workload, k): does the model rank its strategies as real runtimes rank their counterparts; Kendall's tau"
        case .semantics: return "the semantic divergence matrix, model strategies and real runtimes (Results/semantics.csv, Results/real/semantics.csv)"
        case .unitCosts: return "unit cost of each elementary operation, model vs Node 24 (Results/fidelity/unit-costs.csv)"
        case .agreement: return "issue 13's agreement criteria, model vs Node 24, each pass or fail (Results/fidelity/)"
        case .crossoverEngine: return "the context-churn crossover run_rate per k, model beside Node 24 (Results/fidelity/crossover.csv)"
        case .crossoverEngineAbstract: return "the same crossover table, repeated in the abstract (a region may appear once)"
        case .frames: return "worst-case ratio of each design to the best design per cell, time and allocations (Results/frames/summary.csv)"
        case .repeatability: return "how far two standard runs' headline figures differ, cell by cell (Results/repeat/distribution.csv, from bench compare-runs --out)"
        case .floor: return "the model's none against Node 24 with no AsyncLocalStorage, per shape: ns/op, ratio over rounds, instructions/op (Results/floor/floor.csv, from bench floor)"
        case .realApplications: return "replayed overhead per request of each design for the recorded Express apps, beside Node 24 measured (Results/replay/summary.csv)"
        }
    }
}

/// Regenerates the results tables inside PAPER.md from `summary.csv`.
///
/// Only the text between `<!-- BEGIN GENERATED: <name> -->` and `<!-- END GENERATED: <name> -->`
/// is rewritten (the marker lines themselves and everything outside them are kept byte for byte).
/// Output depends only on the input files, so running it twice changes nothing.
public enum PaperReport {
    /// Region names and what each holds.
    public static var regions: [(name: String, contents: String)] { PaperRegion.allCases.map { ($0.rawValue, $0.contents) } }

    /// Rewrites the generated regions of the file at `paperPath` from `summaryCSV`; returns
    /// whether the file changed (it is written atomically, and only when it changed).
    ///
    /// `extraSources` overrides where other inputs are read from: `"run"` → run.json (default: next
    /// to `summaryCSV`), `"real"` → the real runtimes' summary.csv (default: `../real/summary.csv`
    /// relative to `summaryCSV`'s directory). Paths are cited in the tables as given.
    /// Throws `ReportingError` for a missing file, malformed CSV (file and line), or unbalanced,
    /// nested or unknown markers (the message lists the known region names).
    public static func regenerate(paperPath: String, summaryCSV: String, extraSources: [String: String] = [:]) throws -> Bool {
        guard FileManager.default.fileExists(atPath: paperPath) else {
            throw ReportingError(.missingFile, "\(paperPath): no such file")
        }
        let old: String
        do { old = try String(contentsOfFile: paperPath, encoding: .utf8) } catch {
            throw ReportingError(.io, "\(paperPath): cannot read: \(error.localizedDescription)")
        }
        let new = try render(paper: old, paperPath: paperPath, summaryCSV: summaryCSV, extraSources: extraSources)
        guard new != old else { return false }
        try AtomicFile.write(new, to: paperPath)
        return true
    }

    /// `bench report --check`: what is wrong with the paper at `paperPath` against the CSVs,
    /// without writing anything: generated regions that differ from what `regenerate` would
    /// write, and prose numbers no CSV row backs (see ``ProseCheck``). Empty when all is well.
    public static func check(paperPath: String, summaryCSV: String, extraSources: [String: String] = [:]) throws -> [String] {
        let old: String
        do { old = try String(contentsOfFile: paperPath, encoding: .utf8) } catch {
            throw ReportingError(.missingFile, "\(paperPath): cannot read: \(error.localizedDescription)")
        }
        let new = try render(paper: old, paperPath: paperPath, summaryCSV: summaryCSV, extraSources: extraSources)
        var problems: [String] = []
        if new != old {
            let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }.map { $0.offset + 1 } ?? min(a.count, b.count) + 1
            problems.append("\(paperPath):\(line): the generated regions differ from what `bench report` writes from the CSVs; run `swift run bench report`")
        }
        let dir = (summaryCSV as NSString).deletingLastPathComponent
        let parent = (dir as NSString).deletingLastPathComponent
        func under(_ name: String) -> String { parent.isEmpty ? name : parent + "/" + name }
        var paths = [summaryCSV, extraSources["real"] ?? under("real/summary.csv"), extraSources["frames"] ?? under("frames/summary.csv"),
                     under("baseline/summary.csv")]
        paths = paths.filter { FileManager.default.fileExists(atPath: $0) }
        var seen = Set<String>()
        let sources = try paths.filter { seen.insert($0).inserted }.map { path -> ProseCheck.Source in
            let table = try reportingErrors { try CSVTable.read(path: path) }
            try SummaryValidation.validate(table, source: path)
            return ProseCheck.Source(path: path, table: table)
        }
        problems += try ProseCheck.check(paper: new, path: paperPath, sources: sources).map(\.description)
        return problems
    }

    /// The paper text with its generated regions rewritten (no file is written).
    static func render(paper: String, paperPath: String, summaryCSV: String, extraSources: [String: String]) throws -> String {
        let regions = try Region.scan(paper, path: paperPath)
        guard !regions.isEmpty else {
            throw ReportingError(.paperMarkers, "\(paperPath): no generated regions (lines `<!-- BEGIN GENERATED: name -->` … `<!-- END GENERATED: name -->`); "
                + "is this the paper? known regions: \(Self.regions.map(\.name).joined(separator: ", "))")
        }
        var firstLine: [String: Int] = [:]
        for r in regions {
            if let first = firstLine[r.name] {
                throw ReportingError(.paperMarkers, "\(paperPath):\(r.beginLine): region \"\(r.name)\" appears a second time (first on line \(first)); each region may appear once")
            }
            firstLine[r.name] = r.beginLine
        }
        let named = try regions.map { r -> (marks: Region, region: PaperRegion) in
            guard let region = PaperRegion(rawValue: r.name) else {
                throw ReportingError(.paperMarkers,
                                     "\(paperPath):\(r.beginLine): unknown generated region \"\(r.name)\"; known regions: \(Self.regions.map(\.name).joined(separator: ", "))")
            }
            return (r, region)
        }
        let generator = try Generator(summaryCSV: summaryCSV, extraSources: extraSources)
        // Rebuild from lines; each region's body (between its marker lines) is replaced.
        var lines = paper.components(separatedBy: "\n")
        for (r, region) in named.reversed() {
            // A blank line on each side keeps the Markdown apart from the HTML comment markers.
            let body = [""] + generator.generate(region).components(separatedBy: "\n") + [""]
            lines.replaceSubrange((r.beginLine)..<(r.endLine - 1), with: body)
        }
        return lines.joined(separator: "\n")
    }
}

/// A marked region; lines are 1-based, `beginLine`/`endLine` are the marker lines.
struct Region {
    let name: String
    let beginLine: Int
    let endLine: Int

    static let begin = try! NSRegularExpression(pattern: #"^\s*<!--\s*BEGIN GENERATED:\s*([^\s>]+)\s*-->\s*$"#)
    static let end = try! NSRegularExpression(pattern: #"^\s*<!--\s*END GENERATED:\s*([^\s>]+)\s*-->\s*$"#)

    static func scan(_ text: String, path: String) throws -> [Region] {
        func match(_ re: NSRegularExpression, _ line: String) -> String? {
            let ns = line as NSString
            guard let m = re.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
            return ns.substring(with: m.range(at: 1))
        }
        var regions: [Region] = []
        var open: (name: String, line: Int)?
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            let n = i + 1
            if let name = match(begin, line) {
                if let o = open {
                    throw ReportingError(.paperMarkers, "\(path):\(n): BEGIN GENERATED: \(name) inside region \"\(o.name)\" opened on line \(o.line)")
                }
                open = (name, n)
            } else if let name = match(end, line) {
                guard let o = open else {
                    throw ReportingError(.paperMarkers, "\(path):\(n): END GENERATED: \(name) without a matching BEGIN")
                }
                guard o.name == name else {
                    throw ReportingError(.paperMarkers, "\(path):\(n): END GENERATED: \(name) closes region \"\(o.name)\" opened on line \(o.line)")
                }
                regions.append(Region(name: name, beginLine: o.line, endLine: n))
                open = nil
            }
        }
        if let o = open {
            throw ReportingError(.paperMarkers, "\(path):\(o.line): BEGIN GENERATED: \(o.name) has no END GENERATED: \(o.name)")
        }
        return regions
    }
}

/// Builds the Markdown for each region.
private struct Generator {
    let summary: SummaryData
    let summaryPath: String
    let run: RunInfo?
    let runPath: String
    let real: SummaryData?
    let realPath: String
    let semanticsPaths: [String]
    let ref: ReferenceCell
    let frames: FrameAnalysis?
    let framesPath: String
    let fidelityTables: FidelityTables?
    let fidelityPath: String
    let replayPath: String
    let repeatPath: String
    let floorPath: String

    init(summaryCSV: String, extraSources: [String: String]) throws {
        summaryPath = summaryCSV
        try SummaryValidation.validate(path: summaryCSV)
        summary = try SummaryData(path: summaryCSV)
        guard !summary.rows.isEmpty else {
            throw ReportingError(.malformedInput, "\(summaryCSV): no rows (only a header); refusing to replace the paper's tables with nothing")
        }
        let dir = (summaryCSV as NSString).deletingLastPathComponent
        func sibling(_ name: String) -> String { dir.isEmpty ? name : dir + "/" + name }
        runPath = extraSources["run"] ?? sibling("run.json")
        run = try RunInfo.load(runPath)
        let parent = (dir as NSString).deletingLastPathComponent
        realPath = extraSources["real"] ?? ((parent.isEmpty ? "" : parent + "/") + "real/summary.csv")
        if FileManager.default.fileExists(atPath: realPath) { try SummaryValidation.validate(path: realPath) }
        real = FileManager.default.fileExists(atPath: realPath) ? try SummaryData(path: realPath) : nil
        let realDir = (realPath as NSString).deletingLastPathComponent
        semanticsPaths = [extraSources["semantics"] ?? ((parent.isEmpty ? "" : parent + "/") + "semantics.csv"),
                          (realDir.isEmpty ? "" : realDir + "/") + "semantics.csv"]
        framesPath = extraSources["frames"] ?? ((parent.isEmpty ? "" : parent + "/") + "frames/summary.csv")
        frames = FileManager.default.fileExists(atPath: framesPath) ? try FrameAnalysis.analyze(path: framesPath) : nil
        replayPath = extraSources["replay"] ?? ((parent.isEmpty ? "" : parent + "/") + "replay/summary.csv")
        repeatPath = extraSources["repeat"] ?? ((parent.isEmpty ? "" : parent + "/") + "repeat/distribution.csv")
        floorPath = extraSources["floor"] ?? ((parent.isEmpty ? "" : parent + "/") + "floor/floor.csv")
        ref = ReferenceCell(summary)
        fidelityPath = extraSources["fidelity"] ?? ((parent.isEmpty ? "" : parent + "/") + "fidelity")
        let fidelityModel = fidelityPath + "/model-summary.csv", fidelityReal = realDir + (realDir.isEmpty ? "" : "/") + "summary.csv"
        fidelityTables = FileManager.default.fileExists(atPath: fidelityModel) && FileManager.default.fileExists(atPath: fidelityReal)
            ? try FidelityTables.build(modelSummary: fidelityModel, realSummary: fidelityReal) : nil
    }

    func generate(_ region: PaperRegion) -> String {
        switch region {
        case .headline: return headline()
        case .scaling: return scaling()
        case .crossover: return crossover()
        case .latency: return latency()
        case .memory: return memory()
        case .environment: return environment()
        case .modelVsReal: return modelVsReal()
        case .fidelity: return fidelity()
        case .semantics: return semantics()
        case .frames: return framesRegion()
        case .unitCosts: return fidelityRegion { $0.unitCosts.markdown(source: fidelityPath + "/unit-costs.csv") }
        case .agreement: return fidelityRegion { $0.agreementReport.markdown(source: fidelityPath) }
        case .crossoverEngine, .crossoverEngineAbstract:
            return fidelityRegion { $0.agreementReport.crossoverMarkdown() + "\n\n_Source: `\(fidelityPath)/crossover.csv`._" }
        case .repeatability: return repeatability()
        case .floor: return floorRegion()
        case .realApplications: return (try? ReplayReport.paperSection(summaryPath: replayPath)) ?? noData("readable replay results")
        case .instructionsVsTime: return instructionsVersusTime()
        }
    }

    /// A region built from the fidelity results, or a note that there are none.
    func fidelityRegion(_ build: (FidelityTables) -> String) -> String {
        fidelityTables.map(build) ?? "_No fidelity results: `\(fidelityPath)/model-summary.csv` not found (run `bench fidelity`)._"
    }

    // MARK: formatting

    private func n(_ x: Double?, _ digits: Int = 4) -> String {
        let s = CSVFormat.number(x, digits: digits)
        return s.isEmpty ? "—" : s
    }

    /// A ratio with two decimals ("1.05"), "—" when absent.
    private func ratio(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.2f", x)
    }

    private func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    private var runLabel: String {
        let ids = summary.runIDs
        return ids.isEmpty ? "" : " (run " + ids.map { "`\($0)`" }.joined(separator: ", ") + ")"
    }

    private func source(_ what: String) -> String {
        "_Source: `\(summaryPath)`\(runLabel); \(what)._"
    }

    private func refClause(_ rows: [SummaryRow]) -> String {
        var parts: [String] = []
        let w = Set(rows.map(\.workload))
        if w.contains("request-server"), let c = ref.concurrency { parts.append("request-server at concurrency = \(c)") }
        if w.contains("context-churn"), let r = ref.runRate { parts.append("context-churn at run_rate = \(CSVFormat.number(r))") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    private func strategies(_ rows: [SummaryRow]) -> [String] { StrategyPalette.ordered(rows.map(\.strategy)) }

    private func noData(_ what: String) -> String { "_No \(what) in `\(summaryPath)`._" }

    // MARK: regions

    private func headline() -> String {
        guard let k = ref.k else { return noData("rows") }
        let rows = summary.rows.filter { ref.matches($0, k: k) }
        guard !rows.isEmpty else { return noData("rows at storages = \(k)") }
        var out: [[String]] = []
        for w in summary.workloads(rows) {
            for s in strategies(rows) {
                guard let r = rows.first(where: { $0.workload == w && $0.strategy == s }) else { continue }
                guard r.isOK else {
                    out.append([w, s, "not measured: \(r.status)", "—", "—"])
                    continue
                }
                var time = n(r.value(ResultsSchema.timeColumn))
                if r.value("ns_per_op_ci_low") != nil || r.value("ns_per_op_ci_high") != nil {
                    time += " [\(n(r.value("ns_per_op_ci_low"))), \(n(r.value("ns_per_op_ci_high")))]"
                }
                var ratio = "—"
                if s == StrategyCatalog.baselineID {
                    ratio = "1 (baseline)"
                } else if ResultsSchema.headlineColumn(workload: w, strategy: s) == "added_ns_per_op", let x = r.value("added_ns_per_op") {
                    ratio = String(format: "%+.1f ns", x)
                } else if let x = r.value("ratio_vs_none") {
                    var stars = r.value("p_value").map(Statistics.stars(forPValue:)) ?? ""
                    if r.value("p_value") == nil, let sig = r.text["significance"], sig.allSatisfy({ $0 == "*" }) { stars = sig }
                    ratio = String(format: "%.2f", x) + "×" + stars
                }
                out.append([w, s, time, n(r.value("instructions_per_op"), 5), ratio, n(r.value("allocs_per_op"), 3)])
            }
        }
        return table(["workload", "strategy", "ns/op fastest [95 % CI]", "instructions/op", "vs none", "allocs/op"], out, right: [2, 3, 4, 5])
            + "\n" + source("rows with storages = \(k)\(refClause(rows)), keyed by (workload, strategy); vs none: ratio_vs_none with stars from p_value (* p < 0.05, ** p < 0.01, *** p < 0.001), "
                + "for get-store and run-enter added_ns_per_op (a ratio to their sub-nanosecond loop body means nothing); instructions/op: exact marginal count under callgrind, — when not measured")
    }

    /// How well the exact instruction count predicts time, per strategy.
    private func instructionsVersusTime() -> String {
        let rows = summary.ok.filter { $0.value("instructions_per_op") != nil && $0.value(ResultsSchema.timeColumn) != nil }
        guard !rows.isEmpty else { return noData("instructions_per_op (run `bench run --instructions`)") }
        var out: [[String]] = []
        for s in strategies(rows) {
            let mine = rows.filter { $0.strategy == s }
            let pairs = mine.map { (x: $0.value("instructions_per_op")!, y: $0.value(ResultsSchema.timeColumn)!) }
            let rho = RankCorrelation.spearman(pairs)
            let nsPerInstruction = Statistics.median(pairs.filter { $0.x > 0 }.map { $0.y / $0.x })
            out.append([s, String(mine.count), rho.map { String(format: "%.3f", $0) } ?? "—", n(nsPerInstruction.isFinite ? nsPerInstruction : nil, 3)])
        }
        let all = RankCorrelation.spearman(rows.map { (x: $0.value("instructions_per_op")!, y: $0.value(ResultsSchema.timeColumn)!) })
        out.append(["all strategies", String(rows.count), all.map { String(format: "%.3f", $0) } ?? "—", "—"])
        return table(["strategy", "cells", "Spearman ρ (instructions/op vs ns/op)", "median ns per instruction"], out, right: [1, 2, 3])
            + "\n" + source("ok rows with both instructions_per_op and \(ResultsSchema.timeColumn); ρ = 1: instructions order the cells exactly as time does")
    }

    private func scaling() -> String {
        let swept = summary.ok.filter { r in r.storages.map { $0 >= 1 && ref.matches(r, k: $0) } == true }
        var out: [[String]] = []
        var ks = Set<Int>()
        for w in summary.workloads(swept) {
            let wr = swept.filter { $0.workload == w }
            guard Set(wr.compactMap(\.storages)).count >= 2 else { continue }
            for s in strategies(wr) {
                let points = wr.filter { $0.strategy == s }
                let time = LinearFit(points.compactMap { r in r.value(ResultsSchema.timeColumn).map { (Double(r.storages!), $0) } })
                let allocs = LinearFit(points.compactMap { r in r.value("allocs_per_op").map { (Double(r.storages!), $0) } })
                guard time != nil || allocs != nil else { continue }
                let measured = Set(points.compactMap(\.storages)).sorted()
                ks.formUnion(measured)
                // R² of two points is 1 by construction and says nothing: empty.
                let r2 = time.flatMap { $0.n > 2 ? $0.r2 : nil }
                out.append([w, s, n(time?.slope, 3), n(time?.intercept, 4), n(r2, 3), n(allocs?.slope, 3),
                            measured.map(String.init).joined(separator: ", ")])
            }
        }
        guard !out.isEmpty else { return noData("k sweep (≥ 2 storages values ≥ 1 for one workload)") }
        return table(["workload", "strategy", "slope (ns/op per storage)", "intercept (ns/op)", "R²", "slope (allocs/op per storage)", "k measured"],
                     out, right: [2, 3, 4, 5])
            + "\n" + source("ok rows with storages ≥ 1\(refClause(swept)), keyed by (workload, strategy, storages); ordinary least squares of \(ResultsSchema.timeColumn) and allocs_per_op on storages")
    }

    private func crossover() -> String {
        let churn = summary.ok.filter { $0.workload == "context-churn" && $0.runRate != nil && $0.storages != nil }
        let ks = Set(churn.compactMap(\.storages)).sorted().filter { k in Set(churn.filter { $0.storages == k }.compactMap(\.runRate)).count >= 2 }
        guard !ks.isEmpty else { return noData("context-churn run_rate sweep") }
        let (a, b) = Analysis.crossoverPair
        var parts: [String] = []
        for k in ks {
            let rows = churn.filter { $0.storages == k }
            let strats = strategies(rows)
            let rates = Set(rows.compactMap(\.runRate)).sorted()
            let body = rates.map { rate -> [String] in
                [CSVFormat.number(rate)] + strats.map { s in
                    n(rows.first { $0.strategy == s && $0.runRate == rate }?.value(ResultsSchema.timeColumn))
                }
            }
            var text = "**k = \(k)** (ns/op, \(Statistics.headline.label))\n\n" + table(["run_rate"] + strats, body, right: Set(0...strats.count))
            text += "\n" + crossingSentence(k: k, a: a, b: b) + "\n"
            parts.append(text)
        }
        return parts.joined(separator: "\n")
            + "\n" + source("context-churn ok rows keyed by (storages, run_rate, strategy); crossings by linear interpolation of the ns/op difference between adjacent measured run_rates")
    }

    private func crossingSentence(k: Int, a: String, b: String) -> String {
        switch Analysis.crossing(summary.rows, k: k, a: a, b: b) {
        case .insufficient:
            return "At k = \(k): \(a) and \(b) are not both measured at two or more run_rates."
        case .none:
            let ca = Analysis.churnCurve(summary.rows, k: k, strategy: a), cb = Analysis.churnCurve(summary.rows, k: k, strategy: b)
            let rates = Set(ca.keys).intersection(cb.keys).sorted()
            let faster = (ca[rates[0]]! < cb[rates[0]]!) ? a : b
            return "At k = \(k): no crossover in the measured range (run_rate \(CSVFormat.number(rates.first!)) – \(CSVFormat.number(rates.last!))); \(faster) is faster throughout."
        case .at(let x):
            let ca = Analysis.churnCurve(summary.rows, k: k, strategy: a), cb = Analysis.churnCurve(summary.rows, k: k, strategy: b)
            let rates = Set(ca.keys).intersection(cb.keys).sorted()
            let lo = rates.last { $0 <= x } ?? rates.first!, hi = rates.first { $0 >= x } ?? rates.last!
            let last = rates.last!
            let slowerAbove = ca[last]! > cb[last]! ? a : b
            let bracket = lo == hi ? "a measured point" : "between measured run_rates \(CSVFormat.number(lo)) and \(CSVFormat.number(hi))"
            return "At k = \(k): \(a) and \(b) cross at run_rate ≈ \(CSVFormat.number(x, digits: 3)) (\(CSVFormat.number(x * 100, digits: 3)) % of awaits preceded by a new run; \(bracket)); above it \(slowerAbove) is the slower."
        }
    }

    /// request-server rows at the storages value nearest 8 that has a concurrency sweep (or any).
    private func requestServerRows(_ column: String) -> (k: Int, rows: [SummaryRow])? {
        let rs = summary.ok.filter { $0.workload == "request-server" && $0.concurrency != nil && $0.value(column) != nil }
        let swept = Set(rs.compactMap(\.storages)).filter { k in Set(rs.filter { $0.storages == k }.compactMap(\.concurrency)).count >= 2 }
        let candidates = swept.isEmpty ? Set(rs.compactMap(\.storages)) : swept
        guard let k = ReferenceCell.nearest(candidates.map(Double.init), to: Double(ReferenceCell.preferredK)).map({ Int($0) }) else { return nil }
        return (k, rs.filter { $0.storages == k })
    }

    private func latency() -> String {
        guard let (k, rows) = requestServerRows("latency_p99_ns") else { return noData("request-server latency figures") }
        var out: [[String]] = []
        for c in Set(rows.compactMap(\.concurrency)).sorted() {
            for s in strategies(rows) {
                guard let r = rows.first(where: { $0.concurrency == c && $0.strategy == s }) else { continue }
                func us(_ col: String) -> String { n(r.value(col).map { $0 / 1000 }, 4) }
                out.append([String(c), s, us("latency_p50_ns"), us("latency_p99_ns"), us("latency_p999_ns")])
            }
        }
        return table(["concurrency", "strategy", "p50 (µs)", "p99 (µs)", "p99.9 (µs)"], out, right: [0, 2, 3, 4])
            + "\n" + source("request-server ok rows with storages = \(k), keyed by (concurrency, strategy); latency_p50_ns, latency_p99_ns, latency_p999_ns ÷ 1000")
    }

    private func memory() -> String {
        guard let (k, rows) = requestServerRows("retained_bytes_per_request") else { return noData("request-server retained-memory figures") }
        let strats = strategies(rows)
        let body = Set(rows.compactMap(\.concurrency)).sorted().map { c -> [String] in
            [String(c)] + strats.map { s in n(rows.first { $0.concurrency == c && $0.strategy == s }?.value("retained_bytes_per_request"), 4) }
        }
        return "Retained bytes per pending request:\n\n"
            + table(["concurrency"] + strats, body, right: Set(0...strats.count))
            + "\n" + source("request-server ok rows with storages = \(k), keyed by (concurrency, strategy); column retained_bytes_per_request")
    }

    private func environment() -> String {
        guard let run else { return "_No run metadata: `\(runPath)` not found._" }
        let labels: [(String, String)] = [
            ("runID", "run id"), ("timestamp", "timestamp"), ("hostName", "host"), ("cpuModel", "CPU"),
            ("coreCount", "cores"), ("kernel", "kernel"), ("swiftVersion", "Swift"),
            ("buildConfiguration", "build configuration"), ("allocator", "allocator"), ("gitCommit", "git commit"),
            ("gitDirty", "uncommitted changes"), ("seed", "seed"), ("commandLine", "command line"),
        ]
        let rows = labels.compactMap { key, label in run[key].map { [label, key == "commandLine" ? "`\($0)`" : $0] } }
        return table(["", "value"], rows) + "\n_Source: `\(runPath)`._"
    }

    private func modelVsReal() -> String {
        guard let real else { return "_No real-runtime results: `\(realPath)` not found._" }
        let model = summary.ok.filter { $0.strategy != StrategyCatalog.baselineID && $0.value("ratio_vs_none") != nil }
        let realRows = real.ok.filter { $0.value("ratio_vs_none") != nil }
        let realRef = ReferenceCell(real)
        let common = Set(model.compactMap(\.storages)).intersection(realRows.compactMap(\.storages))
        guard let k = ReferenceCell.nearest(common.map(Double.init), to: Double(ReferenceCell.preferredK)).map({ Int($0) }) else {
            return "_`\(summaryPath)` and `\(realPath)` share no storages value with ratio_vs_none figures._"
        }
        let m = model.filter { ref.matches($0, k: k) }, r = realRows.filter { realRef.matches($0, k: k) }
        let workloads = summary.workloads(m).filter(Set(r.map(\.workload)).contains)
        guard !workloads.isEmpty else { return "_`\(summaryPath)` and `\(realPath)` share no workload at storages = \(k)._" }
        let ms = strategies(m), rs = strategies(r).filter { !ms.contains($0) }
        let body = workloads.map { w -> [String] in
            [w] + ms.map { s in ratio(m.first { $0.workload == w && $0.strategy == s }?.value("ratio_vs_none")) }
                + rs.map { s in ratio(r.first { $0.workload == w && $0.strategy == s }?.value("ratio_vs_none")) }
        }
        return "Overhead ratio to each runtime's own baseline at storages = \(k):\n\n"
            + table(["workload"] + ms.map { "\($0) (model)" } + rs, body, right: Set(1...(ms.count + rs.count)))
            + "\n" + source("model rows; real-runtime rows from `\(realPath)`; both keyed by (workload, strategy, storages = \(k)), column ratio_vs_none")
    }

    private func fidelity() -> String {
        guard let real else { return "_No real-runtime results: `\(realPath)` not found._" }
        let report = Fidelity.compare(model: summary, real: real, concurrency: ref.concurrency ?? 100, runRate: ref.runRate ?? 0.1)
        guard !report.cells.isEmpty else { return "_No (workload, k) cell has ratios for the model strategies and their counterparts._" }
        let pairs = Fidelity.counterparts
        let header = ["workload", "k"] + pairs.map { "\($0.model) / \($0.real)" } + ["same order"]
        let body = report.cells.map { c -> [String] in
            [c.workload, String(c.storages)]
                + pairs.indices.map { "\(ratio(c.model[$0])) / \(ratio(c.real[$0]))" }
                + [c.agrees ? "yes" : "no (\(c.discordant) of \(c.concordant + c.discordant) pairs differ)"]
        }
        let tau = report.tau.map { String(format: "%.2f", $0) } ?? "n/a"
        return "Overhead ratio to each side's own baseline, model / real counterpart:\n\n"
            + table(header, body, right: Set(2..<(2 + pairs.count)))
            + "\nThe model orders the three designs as the real runtimes do in \(report.agreeingCells) of \(report.cells.count) cells; "
            + "over all \(report.concordant + report.discordant) pairs, \(report.concordant) concordant and \(report.discordant) discordant: Kendall's τ = \(tau).\n\n"
            + "By pair of designs (cells where the model orders the pair as its counterparts are ordered / where it does not): "
            + report.byPair.map { "\($0.0) vs \($0.1): \($0.2) / \($0.3)" }.joined(separator: "; ") + ".\n\n"
            + source("model rows (strategy, workload, storages; request-server at concurrency \(ref.concurrency ?? 100), context-churn at run_rate \(ref.runRate ?? 0.1)); real rows from `\(realPath)` with the same keys; column ratio_vs_none")
    }

    private func semantics() -> String {
        guard let matrix = try? SemanticsTable(paths: semanticsPaths), !matrix.scenarios.isEmpty else {
            return "_No semantics results (`\(semanticsPaths.joined(separator: "`, `"))` not found)._"
        }
        let body = matrix.scenarios.map { sc -> [String] in
            let values = matrix.strategies.map { matrix.observed[sc.id + "|" + $0] ?? "" }
            let differs = Set(values.filter { !$0.isEmpty }).count > 1
            return [(differs ? "**\(sc.id)**" : sc.id)] + values + [sc.source]
        }
        return table(["scenario"] + matrix.strategies + ["source"], body)
            + "\nBold: the strategies observe different values.\n\n"
            + source(semanticsPaths.filter { FileManager.default.fileExists(atPath: $0) }.map { "`\($0)`" }.joined(separator: " and ") + ", columns scenario, strategy, observed")
    }

    /// `Results/repeat/distribution.csv` as a table (shares and differences in %).
    private func repeatability() -> String {
        guard FileManager.default.fileExists(atPath: repeatPath), let t = try? CSVTable.read(path: repeatPath),
              RunComparison.distributionColumns.allSatisfy({ t.column($0) != nil }), !t.rows.isEmpty else {
            return "_No repeatability results: `\(repeatPath)` not found or not readable (run `bench compare-runs A B --out Results/repeat`)._"
        }
        func v(_ row: [String], _ name: String) -> String { row[t.column(name)!] }
        func pct(_ row: [String], _ name: String) -> String {
            Double(v(row, name)).map { String(format: "%.2f %%", $0 * 100) } ?? "—"
        }
        let first = t.rows[0]
        func statistic(_ row: [String]) -> String { SampleStatistic(rawValue: v(row, "statistic"))?.label ?? v(row, "statistic") }
        let header = ["figures from", "statistic", "figure", "cells", "median difference", "p90", "max",
                      "within " + pct(first, "within"), "within " + pct(first, "maximum")]
        func figure(_ row: [String]) -> String {
            [ResultsSchema.timeColumn, CellSampleSets.baselineTimeFigure].contains(v(row, "figure")) ? "none's ns/op" : v(row, "figure")
        }
        let rows = t.rows.map { r in [v(r, "source"), statistic(r), figure(r), v(r, "cells"), pct(r, "median"), pct(r, "p90"), pct(r, "max"),
                                      pct(r, "share_within"), pct(r, "share_within_maximum")] }
        return table(header, rows, right: Set(3..<header.count))
            + "\n_Source: `\(repeatPath)`: relative differences of each cell's headline figure between two runs; summary.csv rows are the committed figures (headline statistic: \(Statistics.headline.label)), samples.csv rows the same cells recomputed from both runs' repetitions with each statistic._"
    }

    /// `Results/floor/floor.csv` as a table, one row per shape and engine.
    private func floorRegion() -> String {
        guard FileManager.default.fileExists(atPath: floorPath), let t = try? CSVTable.read(path: floorPath),
              FloorComparison.floorHeader.allSatisfy({ t.column($0) != nil }), !t.rows.isEmpty else {
            return "_No floor results: `\(floorPath)` not found or not readable (run `bench floor --out Results/floor`)._"
        }
        func v(_ row: [String], _ name: String) -> String { row[t.column(name)!] }
        let header = ["shape", "op", "engine (ALS off)", "model none ns/op", "engine ns/op", "model / engine", "range over rounds", "rounds", "model instructions/op"]
        let rows = t.rows.map { r in
            [v(r, "workload"), v(r, "op_unit"), v(r, "engine"), v(r, "model_ns_per_op"), v(r, "engine_ns_per_op"), v(r, "model_over_engine"),
             v(r, "model_over_engine_min") + " – " + v(r, "model_over_engine_max"), v(r, "rounds"),
             v(r, "model_instructions_per_op").isEmpty ? "not counted" : v(r, "model_instructions_per_op")]
        }
        return table(header, rows, right: Set([3, 4, 5, 7, 8]))
            + "\n_Source: `\(floorPath)` (`bench floor`): per round, each side's \(Statistics.headline.label) in CPU time; model / engine is the median over rounds of the same round's ratio._"
    }

    private func framesRegion() -> String {
        guard let frames else { return "_No frame-representation results: `\(framesPath)` not found (run `bench run --suite frames`)._" }
        return "Worst case over every cell (workload × k × run_rate) in which all designs were measured ok; ratio to the best design of the cell:\n\n"
            + frames.markdown()
            + "\n\n_Source: `\(framesPath)`; \(ResultsSchema.timeColumn) and allocs_per_op; `bench frames-report` writes the same table to worst-case.csv._"
    }
}
