import ArgumentParser
import Foundation
import Reporting
import Workloads

extension Bench {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List strategies, workloads and suites with their sizes.")
        func run() throws {
            print("Strategies:")
            for id in StrategyCatalog.allMeasurableIDs { print("  \(id.padding(toLength: 19, withPad: " ", startingAt: 0)) \(StrategyCatalog.summary(of: id) ?? "")") }
            print("\nWorkloads (op = unit of ns/op and allocs/op):")
            for w in WorkloadID.allCases {
                print("  \(w.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) op = \(w.opUnit); \(w.summary)")
            }
            print("\nSuites:")
            for name in Suite.names {
                let s = Suite.named(name)!
                let runs = s.cells.count * s.strategies.count
                print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(s.cells.count) cells × \(s.strategies.count) strategies = \(runs) measured cells, \(s.repetitions) repetitions; \(s.summary)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every workload once under every strategy, compare checksums, print the semantic divergence matrix.")
        @Option(help: "Storages (k) for the checksum comparison.")
        var storages: Int = 8
        @Option(help: "Where to write the divergence matrix as CSV (scenario, source, strategy, observed).")
        var semanticsOut: String = "Results/semantics.csv"

        func run() throws {
            var failures = 0
            print("Oracle: checksum of observed contexts per workload (k = \(storages)); faithful strategies must agree.")
            for w in WorkloadID.allCases {
                let cell = CellSpec(w, WorkloadParameters(storages: storages, ops: Suite.defaultOps(w, scale: 0.2)))
                let verdicts = try Oracle.check(cell, strategies: StrategyCatalog.allIDs)
                let line = verdicts.map { "\($0.strategy)=\($0.ok ? "ok" : "MISMATCH")" }.joined(separator: " ")
                failures += verdicts.filter { !$0.ok }.count
                print("  \(w.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(line)")
            }
            print("\nSemantic divergence matrix (value observed per strategy; * = strategies differ):")
            let matrix = SemanticMatrix.run()
            print(SemanticMatrix.render(matrix))
            var table = CSVTable(header: ["scenario", "source", "strategy", "observed"])
            for column in matrix {
                for (scenario, observed) in zip(SemanticMatrix.scenarios, column.observed) {
                    table.append([scenario.id, scenario.source, column.strategy, observed])
                }
            }
            let path = ProjectRoot.resolve(semanticsOut)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(table.encoded(), to: path)
            print("\nWritten to \(semanticsOut)")
            if failures > 0 {
                printError("bench validate: \(failures) checksum mismatch(es)")
                throw ExitCode(1)
            }
        }
    }

    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-render charts from existing CSV without measuring.",
            discussion: "Reads Results/<suite>/ (or --results DIR) and writes plots/<suite>/ (or --plots DIR) as PNG and SVG.")
        @Option(help: "Suite whose results to plot.") var suite: String = "standard"
        @Option(help: "Results directory (overrides --suite).") var results: String?
        @Option(help: "Plots directory (default: plots/<suite or results dir name>).") var plots: String?

        func run() throws {
            let resultsDir = ProjectRoot.resolve(results ?? "Results/\(suite)")
            let name = (resultsDir as NSString).lastPathComponent
            let plotsDir = ProjectRoot.resolve(plots ?? "plots/\(name)")
            try PlotCommandSupport.render(resultsDir: resultsDir, plotsDir: plotsDir, strict: true)
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regenerate the results tables inside PAPER.md from Results/standard/summary.csv (prose untouched).")
        @Option(help: "Paper to update.") var paper: String = "PAPER.md"
        @Option(help: "Summary CSV to read.") var summary: String = "Results/standard/summary.csv"

        func run() throws {
            // Relative paths: the generated tables cite their sources as written.
            FileManager.default.changeCurrentDirectoryPath(ProjectRoot.path)
            let changed = try PaperReport.regenerate(paperPath: paper, summaryCSV: summary, extraSources: PaperSources.extra)
            print(changed ? "PAPER.md tables regenerated" : "PAPER.md tables already up to date")
        }
    }
}

/// Extra CSV sources the paper's generated tables may cite (project-relative).
enum PaperSources {
    static var extra: [String: String] {
        ["real": "Results/real/summary.csv", "semantics": "Results/semantics.csv", "fidelity": "Results/fidelity"]
    }
}

enum PlotCommandSupport {
    /// Renders every chart. `strict`: a missing gnuplot or CSV is an error (bench plot);
    /// otherwise it is reported and the run's CSV stands (bench run).
    static func render(resultsDir: String, plotsDir: String, strict: Bool) throws {
        guard Gnuplot.locate() != nil else {
            printError("bench: gnuplot not found; CSV results are written but no chart was rendered; \(Gnuplot.installHint)")
            if strict { throw ExitCode(1) }
            return
        }
        let renderer = ChartRenderer(resultsDirectory: resultsDir, plotsDirectory: plotsDir,
                                     scriptsDirectory: ProjectRoot.resolve("scripts/plots"))
        do {
            for chart in try renderer.renderAll() { print("  \(chart)") }
            print("Charts in \(plotsDir)")
        } catch {
            printError("bench plot: \(error)")
            if strict { throw ExitCode(1) }
        }
    }
}
