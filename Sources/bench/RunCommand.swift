import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

extension Bench {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure a suite: oracle, time, allocations, latency, memory; write CSV and charts.",
            discussion: """
            Every cell (a workload with its parameters) runs under each selected strategy. Before any figure \
            counts, the faithful strategies' checksums of observed contexts must agree (the oracle); a cell that \
            disagrees is reported as checksum-mismatch with empty figures. The timing pass comes last and covers \
            the whole selection: each repetition is a round over every cell in a seeded random order, a cell's \
            strategies timed back to back (shuffled), so a cell's repetitions are spread over the pass. Time \
            figures are the \(Statistics.headline.label) (\(ResultsSchema.timeColumn); \
            \(ResultsSchema.otherStatistics.map(\.label).joined(separator: " and ")) beside it, in \
            \(ResultsSchema.otherTimeColumns.joined(separator: " and "))): on a shared VM the machine switches between a fast and a slow mode for \
            seconds at a time, and only the low end of the repetitions repeats from run to run.

            Output (replaced atomically; an interrupted run leaves the previous results intact):
              Results/<suite>/summary.csv, samples.csv, latency-request-server.csv, run.json
                (frames: also worst-case.csv, the table `bench frames-report` writes)
              plots/<suite>/*.png and *.svg (needs gnuplot; see scripts/setup)
            Only a run of the whole suite (every cell, its strategies, its repetitions) writes there. A run \
            narrowed by --workload, --strategy, --storages or --reps writes Results/custom/<run-id>/ (charts in \
            its charts/ folder) unless --out names a folder. Every argument is checked, and the output folder \
            claimed (writable, free space, not being written by another bench), before anything is measured.
            """)

        @Option(help: "Suite to run: \(Suite.names.joined(separator: ", ")).")
        var suite: String = "standard"
        @Option(parsing: .upToNextOption, help: "Only these strategies (default: the suite's; repeats are measured once). \(StrategyIDList.text)")
        var strategy: [StrategyID] = []
        @Option(parsing: .upToNextOption, help: "Only these workloads (default: all in the suite).")
        var workload: [WorkloadID] = []
        @Option(parsing: .upToNextOption, help: ArgumentHelp("Only cells with these numbers of storages (k), each in \(ArgumentRanges.text(ArgumentRanges.storagesFilter)); the suite's values are listed when none matches.", valueName: "k"))
        var storages: [Int] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("Repetitions per cell, \(ArgumentRanges.text(ArgumentRanges.repetitions)) (default: the suite's: \(ArgumentRanges.suiteRepetitions)); fewer than \(ArgumentRanges.fewRepetitions) gives degenerate confidence intervals (warned).", valueName: "n"),
                transform: ArgumentRanges.integer("--reps"))
        var reps: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("Seed for interleaving order, bootstrap and seeded workloads: an integer in 0…\(UInt64.max).", valueName: "n"),
                transform: { try ArgumentRanges.seed($0) })
        var seed: UInt64 = 42
        @Option(parsing: .unconditional, help: ArgumentHelp("""
            Output folder (default: Results/<suite> for a run of the whole suite, else Results/custom/<run-id>). \
            It must be absent, empty, or a previous results folder (it holds run.json and only files bench writes): \
            that folder is REPLACED, atomically; anything else is refused before any work. Charts then go to <out>/charts.
            """, valueName: "folder"))
        var out: String?
        @Flag(help: "Show progress even when standard error is not a terminal.")
        var progress = false
        @Flag(help: "Do not render charts (by default: plots/<suite> for a whole suite without --out, else <results folder>/charts).")
        var noPlots = false
        @OptionGroup(title: "Instructions")
        var metrics: InstructionOptions

        /// All argument checks (see `RunPlan`); run by the parser, so errors
        /// print this command's usage and exit 64 before any work.
        func plan() throws -> RunPlan {
            try RunPlan.make(suite: suite, strategies: strategy.map(\.id), workloads: workload, storages: storages,
                             repetitions: reps, seed: seed, out: out, noPlots: noPlots)
        }

        func validate() throws { _ = try plan() }

        func run() throws {
            try BuildGuard.check()
            let plan = try plan()
            plan.warnings.forEach(printError)
            let selection = plan.selection
            if AllocationProbe.shared == nil {
                printError("bench: allocation columns will be empty: \(AllocationProbe.unavailableReason ?? "jemalloc unavailable")")
            }
            var metadata = RunMetadata.collect(seed: seed, commandLine: CommandLine.arguments,
                                               buildConfiguration: BuildGuard.configuration,
                                               workingDirectory: ProjectRoot.path)
            let folder = try plan.outputFolder(runID: metadata.runID)
            if !plan.coversSuite && out == nil {
                printError("bench: this run does not cover the whole suite '\(selection.suite.name)', so it writes to \(folder.path) "
                    + "and leaves Results/\(selection.suite.name) and plots/\(selection.suite.name) as they are")
            }
            // Before measuring: the folder is writable, has room, and is ours alone.
            let lock = try OutputLock(folder: folder, neededBytes: OutputLock.estimatedBytes(sampleRows: plan.sampleRows))
            defer { lock.release() }

            let printer = ProgressPrinter(force: progress)
            let started = MonotonicClock.now()
            var results = try MeasuredEntryPoints.run(SuiteRunner(selection: selection), progress: printer.update)
            try metrics.fill(&results, &metadata, progress: printer)
            let wall = Double(MonotonicClock.now() - started) / 1e9
            printer.finish(String(format: "bench: %d cells × strategies measured in %.1f s", selection.cells.count, wall))

            try ResultsWriter(runID: metadata.runID, results: results, metadata: metadata, suite: selection.suite).write(to: folder)
            print("Results written to \(folder.path)")
            print(SummaryTable.render(results))
            let failed = results.filter { !$0.status.isOK }
            for r in failed { printError("bench: \(r.spec.workload.rawValue) k=\(r.spec.parameters.storages) \(r.strategy): \(r.status)") }

            if let charts = plan.chartsPath(for: folder) {
                try PlotCommandSupport.render(resultsDir: folder.path, plotsDir: charts, strict: false)
            }
            if !failed.isEmpty { throw ExitCode(1) }
        }
    }
}
