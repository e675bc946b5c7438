import ArgumentParser
import Foundation
import Measurement
import Workloads

extension Bench {
    struct Once: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one workload once under one strategy and print what it observed and cost.",
            discussion: """
            No timing: prints the checksum of observed contexts, the strategy's work counters and the exact \
            allocations of the run. Deterministic, so it is the unit to profile with \
            `valgrind --tool=callgrind .build/release/bench once …` (instruction counts repeat exactly).
            """)
        @Option(help: "Workload id.") var workload: String = "promise-chain"
        @Option(help: "Strategy id: \(StrategyList.text).") var strategy: String = "none"
        @Option(help: "Storages (k).") var storages: Int = 1
        @Option(help: "Operations (default: the workload's standard size).") var ops: Int?
        @Option(help: "request-server: requests in flight.") var concurrency: Int = 100
        @Option(help: "context-churn: fraction of awaits preceded by a new run.") var runRate: Double = 0.1
        @Option(help: ArgumentHelp("Also time this many samples of further runs by process CPU time and print the median ns/op.",
                                   discussion: "Each sample repeats the run until it has taken at least 20 ms of CPU time. "
                                       + "Used by scripts/real/floor to set the model beside Node 24 (issue 12)."))
        var cpuSamples: Int = 0

        func run() throws {
            guard let id = WorkloadID(rawValue: workload) else {
                throw ValidationError("unknown workload '\(workload)'; valid workloads: \(WorkloadID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let parameters = WorkloadParameters(storages: storages, ops: ops ?? Suite.defaultOps(id),
                                                concurrency: concurrency, runRate: runRate)
            do { try parameters.validate(for: id) } catch { throw ValidationError("\(error)") }
            guard cpuSamples >= 0 else { throw ValidationError("--cpu-samples must be non-negative, got \(cpuSamples)") }
            let cell = CellSpec(id, parameters)
            let visitor = OnceRun(cell: cell)
            let outcome: WorkloadOutcome
            var delta: AllocationDelta?
            do {
                if let probe = AllocationProbe.shared {
                    (outcome, delta) = try probe.measure { try StrategyCatalog.visit(strategy, visitor) }
                } else {
                    outcome = try StrategyCatalog.visit(strategy, visitor)
                }
            } catch { throw ValidationError("\(error)") }
            let c = outcome.counters
            print("\(workload) under \(strategy): k=\(storages) ops=\(parameters.ops)")
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
                let perOp = try (0..<cpuSamples).map { _ in try cpuNanosPerOp(visitor, ops: parameters.ops) }.sorted()
                print(String(format: "  cpu ns/op %.1f (median of %d samples; min %.1f, max %.1f)",
                             perOp[perOp.count / 2], perOp.count, perOp[0], perOp[perOp.count - 1]))
            }
        }

        /// One timed sample: runs until 20 ms of process CPU time have passed.
        func cpuNanosPerOp(_ visitor: OnceRun, ops: Int) throws -> Double {
            let start = ProcessCPUClock.now()
            var runs = 0
            var elapsed: UInt64 = 0
            repeat {
                _ = try StrategyCatalog.visit(strategy, visitor)
                runs += 1
                elapsed = ProcessCPUClock.now() - start
            } while elapsed < 20_000_000
            return Double(elapsed) / Double(runs * ops)
        }
    }
}
