import ArgumentParser
import Foundation
import Measurement
import Reporting
import Workloads
import SemanticOracle
import Suites

extension RealRuntime: ExpressibleByArgument {}

extension Bench {
    /// Issue 13: the model and the real runtimes measured back to back, one
    /// harness, one statistics code, one CSV schema.
    struct FidelityRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fidelity",
            abstract: "Measure the model and the real runtimes back to back, interleaved per cell; write Results/real and Results/fidelity.",
            discussion: """
            For every cell of the fidelity suite (every workload at k = 1, 8, 64 and the context-churn run_rate \
            sweep), the model's strategies (none, hook-map-copy, continuation-slot, frame-ref) are measured as \
            `bench run` measures them, then each real runtime runs the JavaScript port of the same cell \
            (scripts/real/bench.mjs; Swift's TaskLocal: tasklocal-bench) in its own process: k = 0 (no \
            AsyncLocalStorage at all) and k, the port printing raw CPU-time samples only. Every headline time (\(Statistics.headline.label)), median, \
            confidence interval and ratio is computed by Sources/Measurement, as for the model.

            Runtimes: \(RealRuntime.allCases.map(\.rawValue).joined(separator: ", ")) (install with \
            scripts/real/setup). A runtime that is missing or fails its probe is reported and its rows are \
            absent. Workloads a runtime has no port of have model rows only.

            Output (each directory replaced atomically):
              Results/real/     summary.csv, samples.csv (schema of Results/<suite>/), semantics.csv, runtimes.csv, run.json
              Results/fidelity/ model-summary.csv, model-samples.csv (the model, same minutes), unit-costs.csv,
                                agreement.csv, agreement-cells.csv, crossover.csv, run.json
              plots/fidelity/unit-costs.png/.svg (needs gnuplot; <out>/charts/ with another --out)
            Then `bench report` regenerates PAPER.md's §6 tables from them.
            """)

        @Option(parsing: .upToNextOption, help: "Only these runtimes (default: all).")
        var runtime: [RealRuntime] = []
        @Option(parsing: .upToNextOption, help: "Only these workloads (default: all).")
        var workload: [WorkloadID] = []
        @Option(parsing: .upToNextOption, help: "Only cells with these numbers of storages (k).")
        var storages: [Int] = []
        @Option(help: "Repetitions per cell, model and runtimes (default: the suite's).")
        var reps: Int?
        @Option(help: "Minimum CPU milliseconds of one real-runtime sample.")
        var targetMs: Int = 20
        @Flag(help: "Smoke run: small runs, 3 repetitions, run_rate {0, 0.1, 1} (about 1-2 minutes).")
        var quick = false
        @Flag(help: "Do not run the semantic scenarios on the runtimes.")
        var noSemantics = false
        @Option(help: "Seed for interleaving order and bootstrap.")
        var seed: UInt64 = 42
        @Option(help: "Output directory of the real runtimes' results.")
        var realOut: String = "Results/real"
        static let defaultOut = "Results/fidelity"
        @Option(help: "Output directory of the model's rows and the fidelity tables (the chart goes to plots/fidelity for the default, else to <out>/charts).")
        var out: String = Self.defaultOut

        func validate() throws {
            if let reps, reps < 1 { throw ValidationError("--reps must be at least 1, got \(reps)") }
            if targetMs < 1 { throw ValidationError("--target-ms must be at least 1, got \(targetMs)") }
            for k in storages where k < 1 { throw ValidationError("--storages must be at least 1 (k = 0 is every cell's baseline), got \(k)") }
            if selection.cells.isEmpty { throw ValidationError("the filters select no cell of the fidelity suite") }
            // Both folders are replaced whole: refuse, before measuring, any that holds a file bench did not write.
            for (option, folder, owned) in [("--real-out", realOut, FidelityOutput.realFolder), ("--out", out, FidelityOutput.fidelityFolder)] {
                do { try owned.check(ProjectRoot.resolve(folder), option: option) } catch let refusal as OwnedFilesFolder.Refusal {
                    throw ValidationError("\(refusal)")
                }
            }
        }

        var suite: Suite { quick ? .fidelityQuick : .fidelity }
        var selection: RunSelection {
            RunSelection(suite: suite, workloads: workload.isEmpty ? nil : Set(workload),
                         storages: storages.isEmpty ? nil : Set(storages), repetitions: reps, seed: seed)
        }

        func run() throws {
            try BuildGuard.check()
            let started = MonotonicClock.now()
            let benchDirectory = (Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }) ?? ProjectRoot.path
            let harness = RealRuntimeHarness.locate(runtime.isEmpty ? RealRuntime.allCases : runtime,
                                                    root: ProjectRoot.path, benchDirectory: benchDirectory)
            for s in harness.skipped { printError("bench fidelity: SKIP \(s.runtime.rawValue): \(s.reason); its rows are absent") }
            for r in harness.located { printError("bench fidelity: \(r.runtime.rawValue): \(r.version) \(r.leadingArguments.joined(separator: " "))") }

            let selection = self.selection
            let plan = RealSamplingPlan(repetitions: reps ?? suite.repetitions, warmups: suite.warmups,
                                        targetMillis: quick ? min(targetMs, 5) : targetMs)
            // Process CPU time, as the engines' ports measure themselves (process.cpuUsage()).
            let runner = SuiteRunner(selection: selection, sampleClock: .processCPU)
            let cells = selection.cells
            var model: [CellResult] = []
            var real: [CellResult] = []
            var notes: [String] = []
            var baselineSeen = Set<String>()
            for (index, cell) in cells.enumerated() {
                let cellSeed = seed &+ UInt64(index)
                let t0 = MonotonicClock.now()
                model += try MeasuredEntryPoints.measure(runner, cell, cellSeed: cellSeed)
                var line: [String] = []
                for located in harness.located where located.workloads.contains(cell.workload) {
                    switch harness.measure(located, cell, plan: plan, seed: cellSeed) {
                    case .failure(let why):
                        notes.append("\(located.runtime.rawValue) \(label(cell)): failed: \(why)")
                        line.append("\(located.runtime.rawValue)=FAILED")
                    case .success(let rows):
                        for row in rows {
                            if row.spec.parameters.storages == 0 {
                                let key = "\(row.strategy)|\(label(row.spec, k: false))"
                                guard baselineSeen.insert(key).inserted else { continue }
                            }
                            notes += row.notes.map { "\(row.strategy) \(label(row.spec)): \($0)" }
                            real.append(row)
                        }
                        if let r = rows.last(where: { $0.spec.parameters.storages != 0 }), let ratio = r.ratioVsNone {
                            line.append(String(format: "%@ ×%.2f", located.runtime.rawValue, ratio.ratio))
                        }
                    }
                }
                let seconds = Double(MonotonicClock.now() - t0) / 1e9
                printError(String(format: "[%d/%d] %@ (%.1fs) %@", index + 1, cells.count, label(cell), seconds, line.joined(separator: " ")))
            }
            for r in real where r.status.isOK {
                // The model's checksum of the runtime's counterpart, or of any
                // faithful design for a runtime without one (the oracle makes
                // them agree; `none` observes no context at all).
                let counterpart = RealRuntime(rawValue: r.strategy)?.modelCounterpart
                let faithful = { (id: String) in counterpart.map { $0 == id } ?? StrategyCatalog.faithfulIDs.contains(id) }
                if let m = model.first(where: { $0.spec == r.spec && faithful($0.strategy) && $0.status.isOK }), let mc = m.outcome?.checksum,
                   let rc = r.outcome?.checksum, mc != rc {
                    notes.append("\(r.strategy) \(label(r.spec)): checksum \(rc) differs from the model's \(mc)")
                }
            }

            var semantics = CSVTable(header: ["scenario", "source", "strategy", "observed"])
            if !noSemantics {
                for scenario in SemanticMatrix.scenarios {
                    for located in harness.located where located.runtime != .swiftTaskLocal {
                        switch harness.observe(located, scenario: scenario.id) {
                        case .success(let observed): semantics.append([scenario.id, scenario.source, located.runtime.rawValue, observed])
                        case .failure(let why):
                            notes.append("semantics \(located.runtime.rawValue) \(scenario.id): \(why)")
                            semantics.append([scenario.id, scenario.source, located.runtime.rawValue, "(not observed)"])
                        }
                    }
                }
            }

            let metadata = RunMetadata.collect(seed: seed, commandLine: CommandLine.arguments,
                                               buildConfiguration: BuildGuard.configuration, workingDirectory: ProjectRoot.path)
            let realDir = ProjectRoot.resolve(realOut), fidelityDir = ProjectRoot.resolve(out)
            let wall = Double(MonotonicClock.now() - started) / 1e9
            try FidelityOutput(runID: metadata.runID, metadata: metadata, suite: suite, harness: harness, model: model, real: real,
                               semantics: noSemantics ? nil : semantics, notes: notes, plan: plan, seconds: wall)
                .write(realDirectory: realDir, fidelityDirectory: fidelityDir)
            for n in notes { printError("bench fidelity: note: \(n)") }
            print(String(format: "bench fidelity: %d cells, %d model rows, %d real rows in %.0f s", cells.count, model.count, real.count, wall))
            print("Results written to \(realDir) and \(fidelityDir)")
            let summary = try FidelityTables.build(modelSummary: fidelityDir + "/model-summary.csv", realSummary: realDir + "/summary.csv")
            print(summary.agreementText)
            if Gnuplot.locate() != nil {
                do {
                    // The committed chart only from the committed results: a run written elsewhere
                    // (--out) draws into its own charts/ and leaves plots/fidelity as it was.
                    let charts = out == Self.defaultOut ? ProjectRoot.resolve("plots/fidelity") : fidelityDir + "/charts"
                    try FidelityTables.renderChart(unitCosts: fidelityDir + "/unit-costs.csv", plotsDirectory: charts,
                                                   scriptsDirectory: ProjectRoot.resolve("scripts/plots"))
                    print("bench fidelity: chart drawn into \(charts)")
                } catch { printError("bench fidelity: chart: \(error)") }
            } else {
                printError("bench fidelity: gnuplot not found; no chart rendered; \(Gnuplot.installHint)")
            }
        }

        func label(_ cell: CellSpec, k: Bool = true) -> String {
            var s = cell.workload.rawValue + (k ? " k=\(cell.parameters.storages)" : "")
            if cell.workload == .requestServer { s += " c=\(cell.parameters.concurrency)" }
            if cell.workload == .contextChurn { s += " rate=\(cell.parameters.runRate)" }
            return s
        }
    }
}
