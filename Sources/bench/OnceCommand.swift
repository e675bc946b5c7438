import ArgumentParser
import Foundation
import Measurement
import Workloads
import SemanticOracle
import Suites

extension Bench {
    struct Once: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one workload once under one strategy and print what it observed and cost.",
            discussion: """
            No timing: prints the checksum of observed contexts, the strategy's work counters and the exact \
            allocations of the run. Deterministic, so it is the unit to profile with \
            `valgrind --tool=callgrind .build/release/bench once …` (instruction counts repeat exactly).
            """)
        @Option(help: "Workload id (see `bench list`).") var workload: WorkloadID = .promiseChain
        @Option(help: "Strategy id: \(StrategyIDList.text).") var strategy: StrategyID = StrategyID(argument: StrategyCatalog.baselineID)!
        @Option(parsing: .unconditional, help: ArgumentHelp("Storages (k), \(ArgumentRanges.text(ArgumentRanges.executedStorages)).", valueName: "k"),
                transform: ArgumentRanges.integer("--storages"))
        var storages: Int = 1
        @Option(parsing: .unconditional, help: ArgumentHelp("Operations, \(ArgumentRanges.text(ArgumentRanges.ops)) (default: the workload's standard size).", valueName: "n"),
                transform: ArgumentRanges.integer("--ops"))
        var ops: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("request-server only: requests in flight, \(ArgumentRanges.text(ArgumentRanges.concurrency)) (default 100).", valueName: "n"),
                transform: ArgumentRanges.integer("--concurrency"))
        var concurrency: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("context-churn only: fraction of awaits preceded by a new run, 0…1 (default 0.1).", valueName: "x"))
        var runRate: Double?
        @Option(parsing: .unconditional,
                help: ArgumentHelp("Also time this many samples (0…1000) of further runs by process CPU time and print the median ns/op.",
                                   discussion: "Each sample repeats the run until it has taken at least 20 ms of CPU time. "
                                       + "`bench floor` sets the model's floor beside Node 24 (issue 12)."),
                transform: ArgumentRanges.integer("--cpu-samples"))
        var cpuSamples: Int = 0

        /// All argument checks (see `OncePlan`), run by the parser.
        func plan() throws -> OncePlan {
            try OncePlan.make(workload: workload, strategy: strategy.id, storages: storages, ops: ops,
                              concurrency: concurrency, runRate: runRate)
        }

        func validate() throws {
            _ = try plan()
            guard (0...1000).contains(cpuSamples) else { throw ValidationError("--cpu-samples must be in 0…1000, got \(cpuSamples)") }
        }
        @OptionGroup(title: "Instructions") var metrics: InstructionOptions

        func run() throws {
            let plan = try plan()
            plan.warnings.forEach(printError)
            let (id, parameters) = (plan.workload, plan.parameters)
            let cell = CellSpec(id, parameters)
            let outcome: WorkloadOutcome
            var delta: AllocationDelta?
            do {
                if let probe = AllocationProbe.shared {
                    (outcome, delta) = try probe.measure { try MeasuredEntryPoints.once(cell, strategy: strategy.id) }
                } else {
                    outcome = try MeasuredEntryPoints.once(cell, strategy: strategy.id)
                }
            } catch { throw BenchError.message("bench once: \(error)") }
            let c = outcome.counters
            print("\(workload.rawValue) under \(strategy.id): k=\(storages) ops=\(parameters.ops)")
            print("  checksum \(outcome.checksum) over \(outcome.reads) reads; uncaught errors \(outcome.uncaughtErrors)")
            print("  counters: hook calls \(c.hookCalls), entries copied \(c.entriesCopied), frames \(c.framesCreated), wrappers \(c.wrappersAllocated), side table high water \(c.sideTableHighWater)")
            if let delta {
                print(String(format: "  allocations %llu (%.3f/op), bytes %llu (%.1f/op), net %lld", delta.allocations,
                             Double(delta.allocations) / Double(parameters.ops), delta.bytesAllocated,
                             Double(delta.bytesAllocated) / Double(parameters.ops), delta.netBytes))
            } else {
                print("  allocations: unavailable (\(AllocationProbe.unavailableReason ?? "jemalloc is not the allocator"))")
            }
            if cpuSamples > 0 {
                try BuildGuard.check()
                let perOp = try (0..<cpuSamples).map { _ in try cpuNanosPerOp(cell, ops: parameters.ops) }.sorted()
                print(String(format: "  cpu ns/op %.1f (median of %d samples; min %.1f, max %.1f)",
                             perOp[perOp.count / 2], perOp.count, perOp[0], perOp[perOp.count - 1]))
            }
            try metrics.reportOnce(cell, strategy: strategy.id)
        }

        /// One timed sample: runs until 20 ms of process CPU time have passed.
        func cpuNanosPerOp(_ cell: CellSpec, ops: Int) throws -> Double {
            let start = ProcessCPUClock.now()
            var runs = 0
            var elapsed: UInt64 = 0
            repeat {
                _ = try MeasuredEntryPoints.once(cell, strategy: strategy.id)
                runs += 1
                elapsed = ProcessCPUClock.now() - start
            } while elapsed < 20_000_000
            return Double(elapsed) / Double(runs * ops)
        }
    }
}
