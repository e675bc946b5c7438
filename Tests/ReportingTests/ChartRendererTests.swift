import Foundation
import XCTest
import Measurement
@testable import Reporting

final class ChartRendererTests: XCTestCase {
    private func requireGnuplot() throws {
        if Gnuplot.locate() == nil {
            let reason = "gnuplot not installed; \(Gnuplot.installHint)"
            print("skipping chart rendering: \(reason)")
            throw XCTSkip(reason)
        }
    }

    func testRendersEveryChartFromTheFixture() throws {
        try requireGnuplot()
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir)
        let plots = dir + "/plots/standard"
        let charts = try ChartRenderer(resultsDirectory: results, plotsDirectory: plots,
                                       scriptsDirectory: Fixture.scripts).renderAll()
        XCTAssertEqual(charts.map(\.name), ChartRenderer.chartNames)
        for chart in charts {
            XCTAssertNil(chart.skipReason, "\(chart.name) skipped")
            for path in [chart.png, chart.svg].compactMap({ $0 }) {
                let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                XCTAssertGreaterThan(size, 1000, path)
            }
            XCTAssertNotNil(chart.png)
            XCTAssertNotNil(chart.svg)
        }
        // PNG signature and the footnote in the SVG.
        let png = try Data(contentsOf: URL(fileURLWithPath: plots + "/time-per-op.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        let svg = try read(plots + "/crossover.svg")
        XCTAssertTrue(svg.contains("fixture-20261121T0900Z"), "footnote names the run")
        XCTAssertTrue(svg.contains("fixture-host"), "footnote names the machine")
        XCTAssertNotNil(svg.range(of: #"at run_rate ≈ 0\.1[5-9]"#, options: .regularExpression), "crossing marked")
        XCTAssertTrue(svg.contains("no crossover in the measured range"), "k = 1 has none")
        // The derived tables are written next to their charts.
        for table in ["micro-ops.csv", "model-vs-real.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: plots + "/" + table), table)
        }
        let scatter = try CSVTable.read(path: plots + "/model-vs-real.csv")
        XCTAssertEqual(Set(scatter.rows.map { $0[0] + "/" + $0[1] }), Set(Fidelity.counterparts.map { $0.model + "/" + $0.real }))
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: plots).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testChartsWithoutDataAreSkippedWithAReason() throws {
        try requireGnuplot()
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir, includeReal: false)
        // A "quick" suite: only k = 8, no sweeps, no latency file.
        let table = try CSVTable.read(path: results + "/summary.csv")
        let k = table.column("storages")!, w = table.column("workload")!, c = table.column("concurrency")!, r = table.column("run_rate")!
        var quick = CSVTable(header: table.header)
        for row in table.rows where row[k] == "8" && (row[c].isEmpty || row[c] == "100") && (row[r].isEmpty || row[r] == "0.1") {
            quick.append(row)
        }
        XCTAssertTrue(quick.rows.contains { $0[w] == "context-churn" })
        try AtomicFile.write(quick.encoded(), to: results + "/summary.csv")
        try FileManager.default.removeItem(atPath: results + "/latency-request-server.csv")

        try AtomicFile.write("stale", to: dir + "/plots/crossover.png")
        let charts = try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                       scriptsDirectory: Fixture.scripts).renderAll()
        let skipped = Dictionary(uniqueKeysWithValues: charts.compactMap { c in c.skipReason.map { (c.name, $0) } })
        XCTAssertEqual(Set(skipped.keys), ["scaling-time", "scaling-allocs", "crossover", "latency-percentiles",
                                           "latency-p99", "retained-memory", "model-vs-real"])
        for (name, reason) in skipped {
            XCTAssertFalse(reason.contains("\n"), "\(name): one line")
            print("\(name): skipped (\(reason))")
        }
        XCTAssertTrue(skipped["model-vs-real"]!.contains("real/summary.csv"))
        for chart in charts where chart.skipReason == nil {
            XCTAssertTrue(FileManager.default.fileExists(atPath: chart.png!))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/plots/crossover.png"), "skipped charts are not drawn, stale ones removed")
    }

    func testMissingSummaryNamesTheFile() throws {
        let dir = try Fixture.scratch(self)
        XCTAssertThrowsError(try ChartRenderer(resultsDirectory: dir, plotsDirectory: dir + "/plots",
                                               scriptsDirectory: Fixture.scripts).renderAll()) { error in
            let e = error as? ReportingError
            XCTAssertEqual(e?.kind, .missingFile)
            XCTAssertTrue(e?.message.contains(dir + "/summary.csv") == true, "\(error)")
        }
    }

    func testMalformedSummaryNamesFileAndLine() throws {
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir, includeReal: false)
        var lines = try read(results + "/summary.csv").components(separatedBy: "\n")
        lines[4] = lines[4].replacingOccurrences(of: ",ok", with: ",ok,extra")
        try AtomicFile.write(lines.joined(separator: "\n"), to: results + "/summary.csv")
        XCTAssertThrowsError(try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                               scriptsDirectory: Fixture.scripts).renderAll()) { error in
            XCTAssertEqual((error as? ReportingError)?.kind, .malformedInput)
            XCTAssertTrue("\(error)".hasPrefix(results + "/summary.csv:5: wrong field count"), "\(error)")
        }

        lines = try read(Fixture.standard + "/summary.csv").components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: ",100000,", with: ",lots,")
        try AtomicFile.write(lines.joined(separator: "\n"), to: results + "/summary.csv")
        XCTAssertThrowsError(try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                               scriptsDirectory: Fixture.scripts).renderAll()) { error in
            XCTAssertEqual("\(error)", results + "/summary.csv:3: column ops: \"lots\" is not a number")
        }
    }

    func testMissingColumnIsReported() throws {
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir, includeReal: false)
        try AtomicFile.write("run_id,strategy,workload\nr,none,get-store\n", to: results + "/summary.csv")
        XCTAssertThrowsError(try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                               scriptsDirectory: Fixture.scripts).renderAll()) { error in
            XCTAssertEqual("\(error)", results + "/summary.csv:1: missing columns storages, status")
        }
    }

    func testMissingGnuplotSaysHowToInstallIt() throws {
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir, includeReal: false)
        setenv("GNUPLOT", "/nonexistent/gnuplot", 1)
        defer { unsetenv("GNUPLOT") }
        XCTAssertNil(Gnuplot.locate())
        XCTAssertThrowsError(try ChartRenderer(resultsDirectory: results, plotsDirectory: dir + "/plots",
                                               scriptsDirectory: Fixture.scripts).renderAll()) { error in
            XCTAssertEqual((error as? ReportingError)?.kind, .gnuplotMissing)
            XCTAssertTrue("\(error)".contains(Gnuplot.installHint), "\(error)")
        }
    }

    func testGeneratedDefinitionsAreCurrent() throws {
        let path = Fixture.scripts + "/generated.gp"
        if ProcessInfo.processInfo.environment["REGENERATE_GNUPLOT_DEFINITIONS"] != nil {
            try AtomicFile.write(GnuplotDefinitions.source, to: path)
        }
        XCTAssertEqual(try read(path), GnuplotDefinitions.source,
                       "scripts/plots/generated.gp is stale; regenerate it with: \(GnuplotDefinitions.regenerateCommand)")
    }

    func testEveryStyleIsADistinctTriple() {
        let known = StrategyPalette.known.map(\.style)
        XCTAssertEqual(Set(known).count, known.count, "known ids share a style")
        XCTAssertEqual(Set(StrategyPalette.known.map(\.id)).count, known.count, "an id is listed twice")
        let all = known + StrategyPalette.fallback
        XCTAssertEqual(Set(all).count, all.count, "a fallback style repeats a known one")
        XCTAssertGreaterThan(StrategyPalette.fallback.count, 400)
        // Within the model's strategies no colour repeats (a bar chart shows colour only).
        let model = StrategyPalette.known.prefix { $0.id != "node24-frame" }.filter { $0.id != "hook-map-copy-node20" }
        XCTAssertEqual(Set(model.map(\.style.rgb)).count, model.count)
        for id in ["none", "hook-map-copy", "promise-hooks", "frame-ref", "continuation-slot", "slot-hashmap-copy",
                   "slot-array-copy", "slot-linked", "slot-persistent", "slot-cow", "hook-map-copy-node20",
                   "node24-frame", "node24-hooks", "node20", "deno", "bun", "swift-task-local"] {
            XCTAssertTrue(StrategyPalette.known.contains { $0.id == id }, "\(id) has no fixed style")
        }
    }

    func testUnknownStrategiesGetStableDistinctFallbackStyles() {
        let a = StrategyPalette.styles(for: ["none", "zeta", "alpha", "frame-ref"])
        XCTAssertEqual(a["none"], StrategyPalette.known[0].style)
        XCTAssertEqual(a["frame-ref"], StrategyPalette.known.first { $0.id == "frame-ref" }!.style)
        XCTAssertEqual(a["alpha"], StrategyPalette.fallback[0])
        XCTAssertEqual(a["zeta"], StrategyPalette.fallback[1])
        XCTAssertEqual(a, StrategyPalette.styles(for: ["frame-ref", "alpha", "zeta", "none"]), "order of the universe does not matter")
        XCTAssertEqual(StrategyPalette.ordered(["zeta", "none", "continuation-slot"]), ["none", "continuation-slot", "zeta"])
        let many = StrategyPalette.styles(for: (0..<40).map { "new-\($0)" })
        XCTAssertEqual(Set(many.values).count, 40)
    }

    func testAddedCostSubtractsTheBaselineOfTheSameCell() throws {
        var t = CSVTable(header: ["run_id", "strategy", "workload", "storages", "concurrency", "run_rate", ResultsSchema.timeColumn, "status"])
        t.append(["r", "none", "get-store", "8", "", "", "0.5", "ok"])
        t.append(["r", "frame-ref", "get-store", "8", "", "", "12.5", "ok"])
        t.append(["r", "frame-ref", "get-store", "64", "", "", "30", "ok"])  // no none at k = 64
        let model = try SummaryData(table: t, path: "m.csv")
        let added = SummaryAddedCost(model)
        XCTAssertEqual(added.nsPerOp(model.rows[1]), 12)
        XCTAssertNil(added.nsPerOp(model.rows[0]), "the baseline itself")
        XCTAssertNil(added.nsPerOp(model.rows[2]), "no baseline measured")
        // Real runtimes have no `none`: their baseline is the same runtime at k = 0.
        var r = CSVTable(header: t.header)
        r.append(["r", "bun", "get-store", "0", "", "", "10", "ok"])
        r.append(["r", "bun", "get-store", "8", "", "", "25", "ok"])
        r.append(["r", "deno", "get-store", "8", "", "", "25", "ok"])
        let real = try SummaryData(table: r, path: "r.csv")
        XCTAssertEqual(SummaryAddedCost(real).nsPerOp(real.rows[1]), 15)
        XCTAssertNil(SummaryAddedCost(real).nsPerOp(real.rows[2]))
    }

    func testCrossoverAndFitFromTheFixture() throws {
        let summary = try SummaryData(path: Fixture.standard + "/summary.csv")
        // Fixture: hook-map-copy = 150 + 3k, continuation-slot = 155 + 12k·rate (± 1 % noise).
        XCTAssertEqual(Analysis.crossing(summary.rows, k: 1), .none)
        guard case .at(let r8) = Analysis.crossing(summary.rows, k: 8) else { return XCTFail("no crossing at k = 8") }
        XCTAssertGreaterThan(r8, 0.1)
        XCTAssertLessThan(r8, 0.25)
        let fit = try XCTUnwrap(Analysis.fit(summary.rows, workload: "run-enter", strategy: "frame-ref"))
        XCTAssertEqual(fit.slope, 2.2, accuracy: 0.1)
        XCTAssertGreaterThan(fit.r2, 0.99)
    }

    func testLinearFitAndInterpolation() throws {
        let fit = try XCTUnwrap(LinearFit([(1, 3), (2, 5), (4, 9)]))
        XCTAssertEqual(fit.slope, 2, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, 1, accuracy: 1e-12)
        XCTAssertEqual(fit.r2, 1, accuracy: 1e-12)
        XCTAssertNil(LinearFit([(1, 3)]))
        XCTAssertNil(LinearFit([(2, 3), (2, 4)]))

        func row(_ s: String, _ rate: Double, _ ns: Double) -> [String] {
            ["r", s, "context-churn", "8", String(rate), String(ns), "ok"]
        }
        var t = CSVTable(header: ["run_id", "strategy", "workload", "storages", "run_rate", ResultsSchema.timeColumn, "status"])
        for (rate, a, b) in [(0.0, 10.0, 5.0), (0.5, 10.0, 9.0), (1.0, 10.0, 13.0)] {
            t.append(row("hook-map-copy", rate, a))
            t.append(row("continuation-slot", rate, b))
        }
        let s = try SummaryData(table: t, path: "t.csv")
        // d = a − b: 5, 1, −3 → zero at 0.5 + 0.5 · 1/4.
        XCTAssertEqual(Analysis.crossing(s.rows, k: 8), .at(0.625))
        XCTAssertEqual(Analysis.crossing(s.rows, k: 1), .insufficient)
    }

    func testGnuplotLiteralEscapesQuotes() {
        XCTAssertEqual(Gnuplot.literal("it's"), "'it''s'")
    }
}

final class GnuplotScriptTests: XCTestCase {
    /// Each script works on its own with just a CSV path and an output stem (the documented usage).
    func testScriptsRunStandaloneWithTheirDefaults() throws {
        guard let gnuplot = Gnuplot.locate() else {
            print("skipping standalone script runs: gnuplot not installed; \(Gnuplot.installHint)")
            throw XCTSkip("gnuplot not installed")
        }
        let dir = try Fixture.scratch(self)
        let summary = Fixture.standard + "/summary.csv"
        // The derived tables of micro-ops and model-vs-real, as `bench plot` writes them.
        let derived = dir + "/plots"
        _ = try ChartRenderer(resultsDirectory: try Fixture.copyResults(to: dir), plotsDirectory: derived,
                              scriptsDirectory: Fixture.scripts).renderAll()
        let runs: [(String, [(String, GnuplotValue)])] = [
            ("time-per-op.gp", []), ("time-per-op.gp", [("metric", .string("ratio"))]), ("allocations.gp", []),
            ("scaling.gp", []), ("scaling.gp", [("metric", .string("allocs"))]), ("crossover.gp", []),
            ("latency-p99.gp", []), ("retained-memory.gp", []),
            ("latency-percentiles.gp", [("csv", .string(Fixture.standard + "/latency-request-server.csv"))]),
            ("micro-ops.gp", [("csv", .string(derived + "/micro-ops.csv"))]),
            ("model-vs-real.gp", [("csv", .string(derived + "/model-vs-real.csv"))]),
        ]
        for (i, (script, extra)) in runs.enumerated() {
            let out = dir + "/chart\(i)"
            var variables: [(String, GnuplotValue)] = [("out", .string(out))]
            if !extra.contains(where: { $0.0 == "csv" }) { variables.append(("csv", .string(summary))) }
            try Gnuplot.run(executable: gnuplot, script: Fixture.scripts + "/" + script, variables: variables + extra)
            for ext in ["png", "svg"] {
                let size = (try FileManager.default.attributesOfItem(atPath: "\(out).\(ext)")[.size] as? NSNumber)?.intValue ?? 0
                XCTAssertGreaterThan(size, 1000, "\(script) \(extra.map(\.0)) .\(ext)")
            }
        }
    }

    func testScriptWithoutCSVPrintsUsage() throws {
        guard let gnuplot = Gnuplot.locate() else { throw XCTSkip("gnuplot not installed") }
        XCTAssertThrowsError(try Gnuplot.run(executable: gnuplot, script: Fixture.scripts + "/allocations.gp", variables: [])) { error in
            XCTAssertEqual((error as? ReportingError)?.kind, .gnuplotFailed)
            XCTAssertTrue("\(error)".contains("usage: gnuplot -e"), "\(error)")
        }
    }
}

/// gnuplot's `real()` rejects "1e-05" (no decimal point in the mantissa):
/// every number handed to a script as text must carry one.
final class GnuplotNumberTests: XCTestCase {
    func testNumbersAlwaysHaveADecimalPoint() {
        for x in [1e-5, 2e-5, 100.0, -0.0776, 48.0877, 1e20] {
            let text = gnuplotNumber(x)
            XCTAssertTrue(text.contains("."), text)
            XCTAssertEqual(Double(text)!, x, accuracy: abs(x) * 1e-6)
        }
        XCTAssertEqual(gnuplotNumber(.nan), "NaN")
        XCTAssertEqual(gnuplotNumber(.infinity), "NaN")
    }
}
