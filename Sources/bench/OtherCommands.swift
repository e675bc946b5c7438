import ArgumentParser
import Foundation
import Reporting
import Workloads
import SemanticOracle
import Suites

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
                print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(plural(s.cells.count, "cell")) × \(plural(s.strategies.count, "strategy", "strategies")) = \(plural(runs, "measured cell")), \(plural(s.repetitions, "repetition")); \(s.summary)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every workload once under every strategy, compare checksums, print the semantic divergence matrix.")
        @Option(parsing: .unconditional, help: ArgumentHelp("Storages (k) for the checksum comparison, \(ArgumentRanges.text(ArgumentRanges.executedStorages)).", valueName: "k"),
                transform: ArgumentRanges.integer("--storages"))
        var storages: Int = 8
        @Option(parsing: .unconditional, help: ArgumentHelp("Where to write the divergence matrix as CSV (scenario, source, strategy, observed); an existing file is replaced only if it is such a CSV.", valueName: "file"))
        var semanticsOut: String = "Results/semantics.csv"

        static let semanticsHeader = ["scenario", "source", "strategy", "observed"]

        func validate() throws {
            try ArgumentRanges.check("--storages", storages, in: ArgumentRanges.executedStorages)
            guard !semanticsOut.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--semantics-out must name a file, got an empty path") }
            let path = ProjectRoot.resolve(semanticsOut)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                guard !isDir.boolValue else { throw ValidationError("refusing --semantics-out \(semanticsOut): it is a folder") }
                let first = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                guard first == Self.semanticsHeader.joined(separator: ",") else {
                    throw ValidationError("refusing --semantics-out \(semanticsOut): it exists and is not a semantics CSV (its first line is not \(Self.semanticsHeader.joined(separator: ","))), so replacing it could lose a file of yours")
                }
            }
        }

        func run() throws {
            var failures = 0
            print("Oracle: checksum of observed contexts per workload (k = \(storages)); faithful strategies must agree.")
            for w in WorkloadID.allCases {
                let cell = CellSpec(w, WorkloadParameters(storages: storages, ops: Suite.defaultOps(w, scale: 0.2)))
                let verdicts = try MeasuredEntryPoints.oracle(cell, strategies: StrategyCatalog.allIDs)
                let line = verdicts.map { "\($0.strategy)=\($0.ok ? "ok" : "MISMATCH")" }.joined(separator: " ")
                failures += verdicts.filter { !$0.ok }.count
                print("  \(w.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(line)")
            }
            print("\nSemantic divergence matrix (value observed per strategy; * = strategies differ):")
            let matrix = MeasuredEntryPoints.semanticMatrix()
            print(SemanticMatrix.render(matrix))
            var table = CSVTable(header: Self.semanticsHeader)
            for column in matrix {
                for (scenario, observed) in zip(SemanticMatrix.scenarios, column.observed) {
                    table.append([scenario.id, scenario.source, column.strategy, observed])
                }
            }
            let path = ProjectRoot.resolve(semanticsOut)
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
            discussion: """
            Reads Results/<suite>/ (or --results DIR) and writes plots/<suite>/ (or --plots DIR) as PNG and SVG. \
            A fidelity folder (--results Results/fidelity: unit-costs.csv, no summary.csv) gets its unit-cost chart, \
            as `bench fidelity` draws it.
            """)
        @Option(help: "Suite whose results to plot: \(Suite.names.joined(separator: ", ")).") var suite: String = "standard"
        @Option(help: "Results directory (overrides --suite).") var results: String?
        @Option(help: "Plots directory (default: plots/<suite or results dir name>).") var plots: String?

        func validate() throws {
            if results == nil, Suite.named(suite) == nil {
                throw ValidationError("unknown suite '\(suite)'; valid suites: \(Suite.names.joined(separator: ", "))")
            }
            for (option, value) in [("--results", results), ("--plots", plots)] where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                throw ValidationError("\(option) must name a folder, got an empty path")
            }
        }

        func run() throws {
            let resultsDir = ProjectRoot.resolve(results ?? "Results/\(suite)")
            let name = (resultsDir as NSString).lastPathComponent
            let plotsDir = ProjectRoot.resolve(plots ?? "plots/\(name)")
            let summary = (resultsDir as NSString).appendingPathComponent("summary.csv")
            let unitCosts = (resultsDir as NSString).appendingPathComponent("unit-costs.csv")
            if !FileManager.default.fileExists(atPath: summary), FileManager.default.fileExists(atPath: unitCosts) {
                do {
                    try FidelityTables.renderChart(unitCosts: unitCosts, plotsDirectory: plotsDir, scriptsDirectory: ProjectRoot.resolve("scripts/plots"))
                } catch { throw BenchError.message("bench plot: \(error)") }
                print("Chart in \(plotsDir)")
                return
            }
            guard FileManager.default.fileExists(atPath: summary) else {
                throw BenchError.message("bench plot: \(summary): no such file; run `bench run --suite \(name)` first (or pass --results DIR)")
            }
            do { try SummaryValidation.validate(path: summary) } catch { throw BenchError.message("bench plot: \(error)") }
            try PlotCommandSupport.render(resultsDir: resultsDir, plotsDir: plotsDir, strict: true)
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regenerate the results tables inside PAPER.md from Results/standard/summary.csv (prose untouched).",
            discussion: """
            Refuses (exit 1, the paper untouched) a summary that does not cover every cell × strategy of the standard \
            suite (the paper is about that suite; a filtered run writes Results/custom/ anyway), a malformed CSV \
            (file:line), and a paper without its markers or with a region twice.

            --check writes nothing: it fails (exit 1) when the generated regions differ from what `bench report` \
            would write, or when a number in the prose is not backed by the CSVs the paragraph cites within its \
            rounding (each failure says file:line, the number and the nearest CSV values). Numbers that are not \
            measurements are listed in their paragraph as <!-- not measured: 55, 10,000 --> (see PAPER.md's opening note).
            """)
        @Option(help: "Paper to update.") var paper: String = "PAPER.md"
        @Option(help: "Summary CSV to read.") var summary: String = "Results/standard/summary.csv"
        @Flag(help: "Only check the paper against the CSVs (regions up to date, every prose number backed); write nothing.")
        var check = false

        /// The suite whose results the paper reports.
        static let paperSuite = Suite.standard

        func validate() throws {
            for (option, value) in [("--paper", paper), ("--summary", summary)] where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(option) must name a file, got an empty path")
            }
        }

        func run() throws {
            // Relative paths: the generated tables cite their sources as written.
            guard FileManager.default.changeCurrentDirectoryPath(ProjectRoot.path) else {
                throw BenchError.message("bench: cannot change to the project root \(ProjectRoot.path)")
            }
            do {
                try SuiteCoverage.require(summaryCSV: summary, covers: Self.paperSuite)
                if check {
                    let problems = try PaperReport.check(paperPath: paper, summaryCSV: summary, extraSources: PaperSources.extra)
                    guard problems.isEmpty else {
                        problems.forEach(printError)
                        throw BenchError.message("bench report --check: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(paper)")
                    }
                    print("\(paper): generated regions up to date; every prose number is backed by the CSVs")
                    return
                }
                let changed = try PaperReport.regenerate(paperPath: paper, summaryCSV: summary, extraSources: PaperSources.extra)
                print(changed ? "\(paper) tables regenerated" : "\(paper) tables already up to date")
            } catch let e as ReportingError {
                throw BenchError.message("bench report: \(e.message)")
            }
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
        // A full disk makes gnuplot fail too; say what is wrong rather than blame gnuplot.
        if let full = DiskSpace.fullMessage(near: plotsDir) {
            printError("bench plot: \(full); no chart was rendered")
            if strict { throw ExitCode(1) }
            return
        }
        do {
            for chart in try renderer.renderAll() { print("  \(chart)") }
            print("Charts in \(plotsDir)")
        } catch {
            printError("bench plot: " + (DiskSpace.fullMessage(near: plotsDir).map { "\($0) (\(error))" } ?? "\(error)"))
            if strict { throw ExitCode(1) }
        }
    }
}

/// Free space of the file system a path is (or would be) on.
enum DiskSpace {
    /// Below this, charts cannot be written (a standard suite's charts are about 2 MB).
    static let chartsMinimum: UInt64 = 4 << 20

    /// "the disk is full …" when the file system holding `path` (or its
    /// nearest existing ancestor) has less than `minimum` bytes free.
    static func fullMessage(near path: String, minimum: UInt64 = chartsMinimum, freeBytes: (String) -> UInt64? = OutputLock.freeBytes) -> String? {
        var probe = path
        while !probe.isEmpty, !FileManager.default.fileExists(atPath: probe) { probe = (probe as NSString).deletingLastPathComponent }
        guard let free = freeBytes(probe.isEmpty ? "/" : probe), free < minimum else { return nil }
        return "the disk is full: \(OutputLock.megabytes(free)) free on the file system of \(probe), charts need about \(OutputLock.megabytes(minimum))"
    }
}

/// "2 cells", "1 cell".
func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : (pluralForm ?? singular + "s"))"
}
