import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads

extension Bench {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure a suite: oracle, time, allocations, latency, memory; write CSV and charts.",
            discussion: """
            Every cell (a workload with its parameters) runs under each selected strategy. Before any figure \
            counts, the faithful strategies' checksums of observed contexts must agree (the oracle); a cell that \
            disagrees is reported as checksum-mismatch with empty figures. Timed samples of the strategies are \
            interleaved in a seeded random order per repetition.

            Output (replaced atomically; an interrupted run leaves the previous results intact):
              Results/<suite>/summary.csv, samples.csv, latency-request-server.csv, run.json
              plots/<suite>/*.png and *.svg (needs gnuplot; see scripts/setup)
            """)

        @Option(help: "Suite to run: \(Suite.names.joined(separator: ", ")).")
        var suite: String = "standard"
        @Option(parsing: .upToNextOption, help: "Only these strategies (default: the suite's). \(StrategyList.text)")
        var strategy: [String] = []
        @Option(parsing: .upToNextOption, help: "Only these workloads (default: all in the suite).")
        var workload: [String] = []
        @Option(parsing: .upToNextOption, help: "Only cells with these numbers of storages (k).")
        var storages: [Int] = []
        @Option(help: "Repetitions per cell (default: the suite's).")
        var reps: Int?
        @Option(help: "Seed for interleaving order, bootstrap and seeded workloads.")
        var seed: UInt64 = 42
        @Option(help: "Output directory (default: Results/<suite>).")
        var out: String?
        @Flag(help: "Show progress even when standard error is not a terminal.")
        var progress = false
        @Flag(help: "Do not render charts.")
        var noPlots = false
        @OptionGroup(title: "Instructions")
        var metrics: InstructionOptions

        func validate() throws {
            guard let suite = Suite.named(suite) else {
                throw ValidationError("unknown suite '\(suite)'; valid suites: \(Suite.names.joined(separator: ", "))")
            }
            for id in strategy where !StrategyCatalog.allMeasurableIDs.contains(id) {
                throw ValidationError("unknown strategy '\(id)'; valid strategies: \(StrategyList.text)")
            }
            for id in workload where WorkloadID(rawValue: id) == nil {
                throw ValidationError("unknown workload '\(id)'; valid workloads: \(WorkloadID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let reps, reps < 1 { throw ValidationError("--reps must be at least 1, got \(reps)") }
            for k in storages where k < 0 { throw ValidationError("--storages must be non-negative, got \(k)") }
            do { try selection(suite).validate() } catch { throw ValidationError("\(error)") }
        }

        func selection(_ suite: Suite) -> RunSelection {
            var strategies = strategy.isEmpty ? suite.strategies : strategy
            // Ratios need the baseline measured in the same run.
            if !strategies.contains(StrategyCatalog.baselineID) { strategies.insert(StrategyCatalog.baselineID, at: 0) }
            return RunSelection(suite: suite, strategies: strategies,
                                workloads: workload.isEmpty ? nil : Set(workload.compactMap(WorkloadID.init(rawValue:))),
                                storages: storages.isEmpty ? nil : Set(storages), repetitions: reps, seed: seed)
        }

        func run() throws {
            try BuildGuard.check()
            let suite = Suite.named(self.suite)!
            let selection = selection(suite)
            let outDir = ProjectRoot.resolve(out ?? "Results/\(suite.name)")
            let plotsDir = ProjectRoot.resolve("plots/\(suite.name)")
            if AllocationProbe.shared == nil {
                printError("bench: allocation columns will be empty: \(AllocationProbe.unavailableReason ?? "jemalloc unavailable")")
            }
            var metadata = RunMetadata.collect(seed: seed, commandLine: CommandLine.arguments,
                                               buildConfiguration: BuildGuard.configuration,
                                               workingDirectory: ProjectRoot.path)
            let printer = ProgressPrinter(force: progress)
            let started = MonotonicClock.now()
            var results = try SuiteRunner(selection: selection).run(progress: printer.update)
            try metrics.fill(&results, &metadata, progress: printer)
            let wall = Double(MonotonicClock.now() - started) / 1e9
            printer.finish(String(format: "bench: %d cells × strategies measured in %.1f s", selection.cells.count, wall))

            try ResultsWriter(runID: metadata.runID, results: results, metadata: metadata, suite: suite).write(to: outDir)
            print("Results written to \(outDir)")
            print(SummaryTable.render(results))
            let failed = results.filter { !$0.status.isOK }
            for r in failed { printError("bench: \(r.spec.workload.rawValue) k=\(r.spec.parameters.storages) \(r.strategy): \(r.status)") }

            if !noPlots && out == nil { try PlotCommandSupport.render(resultsDir: outDir, plotsDir: plotsDir, strict: false) }
            if !failed.isEmpty { throw ExitCode(1) }
        }
    }
}
