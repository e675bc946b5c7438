import ArgumentParser
import Foundation
import Measurement
import Reporting
import Suites
import Workloads

extension OwnedFilesFolder {
    static let floor = OwnedFilesFolder(files: ["floor.csv", "rounds.csv", "run.json"])
}

extension Bench {
    /// Issue 12's yardstick: how far the host's floor is from the engine's.
    struct Floor: ParsableCommand {
        /// The shapes issue 12 sets its targets on.
        static let shapes: [WorkloadID] = [.promiseChain, .awaitLoop, .awaitDepth, .timerBurst, .promiseFanout]
        /// Node 24 in both modes, with no AsyncLocalStorage created (k = 0).
        static let engines: [RealRuntime] = [.node24Frame, .node24Hooks]

        static let configuration = CommandConfiguration(
            commandName: "floor",
            abstract: "The model's floor against Node 24's: `none` and Node 24 with no AsyncLocalStorage, same shapes, alternating rounds; ratio per shape.",
            discussion: """
            Every ratio the harness reports is (strategy cost + floor) / floor, so a host floor slower than \
            the engine's compresses every ratio. This measures that floor: for each of \
            \(shapes.map(\.rawValue).joined(separator: ", ")) (the fidelity suite's cell, k = 0), the model's \
            `none` (CPU time of the process, measured as `bench fidelity` measures it: its repetitions \
            interleaved with those of the fidelity suite's strategies, whose figures are not reported) and Node 24 in both modes \
            (\(engines.map(\.rawValue).joined(separator: ", ")); scripts/real/bench.mjs with no \
            AsyncLocalStorage created), one after the other, in --rounds rounds whose order alternates \
            (model first in odd rounds, Node first in even ones). Each side's figure in a round is its \
            headline time (\(Statistics.headline.label)) over the round's repetitions; a shape's ratio is the \
            median over rounds of model / Node in the same round, with the range. On these shared VMs the \
            machine switches between a fast and a slow mode lasting seconds (PAPER.md §3), which moves a \
            round's ratio either way: the range shows how far, and more rounds narrow the median.

            --instructions also counts the model's exact marginal instructions per op of each shape \
            under callgrind (the figure issue 12's targets are set on for promise-chain).

            Needs Node 24 (scripts/real/setup). Prints the table; with --out also writes floor.csv (one row \
            per shape and engine), rounds.csv (every round's figures) and run.json into that folder (a new \
            folder, or one holding only an earlier floor run's three files).
            """)

        @Option(help: "Rounds of (model, Node 24) per shape.")
        var rounds: Int = 7
        @Option(help: "Repetitions per side and round (default: the fidelity suite's).")
        var reps: Int?
        @Option(help: "Minimum CPU milliseconds of one Node sample.")
        var targetMs: Int = 20
        @Option(parsing: .upToNextOption, help: "Only these shapes (default: all five).")
        var workload: [WorkloadID] = []
        @Option(help: "Write floor.csv, rounds.csv and run.json into this folder.")
        var out: String?
        @Option(help: "Seed for the workloads and the bootstrap.")
        var seed: UInt64 = 42
        @OptionGroup var instructionOptions: InstructionOptions

        func validate() throws {
            guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds)") }
            if let reps, reps < 1 { throw ValidationError("--reps must be at least 1, got \(reps)") }
            guard targetMs >= 1 else { throw ValidationError("--target-ms must be at least 1, got \(targetMs)") }
            for w in workload where !Self.shapes.contains(w) {
                throw ValidationError("--workload \(w.rawValue) is not one of the floor's shapes: \(Self.shapes.map(\.rawValue).joined(separator: ", "))")
            }
            if let out {
                do { try OwnedFilesFolder.floor.check(ProjectRoot.resolve(out)) } catch let refusal as OwnedFilesFolder.Refusal {
                    throw ValidationError("\(refusal)")
                }
            }
        }

        /// The fidelity suite's cell of each shape, at k = 0.
        var cells: [CellSpec] {
            let wanted = workload.isEmpty ? Self.shapes : Self.shapes.filter(workload.contains)
            return wanted.compactMap { w in
                Suite.fidelity.cells.first { $0.workload == w }.map { cell in
                    var c = cell
                    c.parameters.storages = 0
                    return c
                }
            }
        }

        func run() throws {
            try BuildGuard.check()
            let started = MonotonicClock.now()
            let benchDirectory = (Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }) ?? ProjectRoot.path
            let harness = RealRuntimeHarness.locate(Self.engines, root: ProjectRoot.path, benchDirectory: benchDirectory)
            for s in harness.skipped { printError("bench floor: SKIP \(s.runtime.rawValue): \(s.reason)") }
            guard !harness.located.isEmpty else {
                throw BenchError.message("bench floor: Node 24 is not available (install it with scripts/real/setup); nothing measured")
            }
            for r in harness.located { printError("bench floor: \(r.runtime.rawValue): \(r.version) \(r.leadingArguments.joined(separator: " "))") }

            let suite = Suite.fidelity
            // The fidelity suite's strategies, as `bench fidelity` samples them, so `none`'s figure is
            // measured as the unit-cost table's floor rows are; only `none`'s is reported.
            let selection = RunSelection(suite: suite, repetitions: reps, seed: seed)
            // Process CPU time, as the ports measure themselves (process.cpuUsage()).
            let runner = SuiteRunner(selection: selection, sampleClock: .processCPU)
            let plan = RealSamplingPlan(repetitions: reps ?? suite.repetitions, warmups: suite.warmups, targetMillis: targetMs)
            var measurements: [FloorComparison.Measurement] = []
            var results: [CellResult] = []
            var failures: [String] = []

            func model(_ cell: CellSpec, round: Int, seed: UInt64) throws -> String {
                guard let r = try MeasuredEntryPoints.measure(runner, cell, cellSeed: seed).first(where: { $0.strategy == FloorComparison.modelSource }), r.status.isOK, let t = r.timing else {
                    failures.append("\(cell.workload.rawValue) round \(round): the model's none failed")
                    return "none FAILED"
                }
                if round == 1 { results.append(r) }
                measurements.append(.init(round: round, workload: cell.workload.rawValue, source: FloorComparison.modelSource,
                                          nanosPerOp: t.headline.value, medianNanosPerOp: t.median, repetitions: t.n))
                return String(format: "none %.1f", t.headline.value)
            }
            func engines(_ cell: CellSpec, round: Int, seed: UInt64) -> [String] {
                harness.located.filter { $0.workloads.contains(cell.workload) }.map { located in
                    switch harness.measure(located, cell, plan: plan, seed: seed) {
                    case .failure(let why):
                        failures.append("\(located.runtime.rawValue) \(cell.workload.rawValue) round \(round): \(why)")
                        return "\(located.runtime.rawValue) FAILED"
                    case .success(let rows):
                        guard let row = rows.first(where: { $0.spec.parameters.storages == 0 }), row.status.isOK, let t = row.timing else {
                            failures.append("\(located.runtime.rawValue) \(cell.workload.rawValue) round \(round): no k = 0 row")
                            return "\(located.runtime.rawValue) FAILED"
                        }
                        measurements.append(.init(round: round, workload: cell.workload.rawValue, source: located.runtime.rawValue,
                                                  nanosPerOp: t.headline.value, medianNanosPerOp: t.median, repetitions: t.n))
                        return String(format: "%@ %.1f", located.runtime.rawValue, t.headline.value)
                    }
                }
            }

            let cells = self.cells
            for round in 1...rounds {
                for (index, cell) in cells.enumerated() {
                    let cellSeed = seed &+ UInt64(index)
                    let t0 = MonotonicClock.now()
                    var parts: [String]
                    if round % 2 == 1 {
                        parts = [try model(cell, round: round, seed: cellSeed)]
                        parts += engines(cell, round: round, seed: cellSeed)
                    } else {
                        parts = engines(cell, round: round, seed: cellSeed)
                        parts.append(try model(cell, round: round, seed: cellSeed))
                    }
                    printError(String(format: "[round %d/%d] %@: %@ ns/op (%.1fs)", round, rounds, cell.workload.rawValue,
                                      parts.joined(separator: ", "), Double(MonotonicClock.now() - t0) / 1e9))
                }
            }

            var metadata = RunMetadata.collect(seed: seed, commandLine: CommandLine.arguments,
                                               buildConfiguration: BuildGuard.configuration, workingDirectory: ProjectRoot.path)
            try instructionOptions.fill(&results, &metadata, progress: ProgressPrinter(force: true))
            var instructions: [String: Double] = [:]
            for r in results { if let count = r.instructions { instructions[r.spec.workload.rawValue] = count.perOp } }

            let comparison = FloorComparison(measurements: measurements,
                                             shapes: cells.map { ($0.workload.rawValue, $0.workload.opUnit) },
                                             engines: harness.located.map(\.runtime.rawValue), instructions: instructions)
            print(comparison.render())
            for f in failures { printError("bench floor: not measured: \(f)") }
            let seconds = Double(MonotonicClock.now() - started) / 1e9
            let plural = { (n: Int, word: String) in "\(n) \(word)\(n == 1 ? "" : "s")" }
            print("bench floor: \(plural(cells.count, "shape")), \(plural(rounds, "round")) in " + String(format: "%.0f s", seconds))
            if let out {
                try OwnedFilesFolder.floor.write(["floor.csv": comparison.floorTable.encoded(), "rounds.csv": comparison.roundsTable.encoded(),
                                                  "run.json": metadata.jsonString()], out: out, command: "floor")
            }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
