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
        @OptionGroup(title: "Instructions") var metrics: InstructionOptions

        func run() throws {
            guard let id = WorkloadID(rawValue: workload) else {
                throw ValidationError("unknown workload '\(workload)'; valid workloads: \(WorkloadID.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let parameters = WorkloadParameters(storages: storages, ops: ops ?? Suite.defaultOps(id),
                                                concurrency: concurrency, runRate: runRate)
            do { try parameters.validate(for: id) } catch { throw ValidationError("\(error)") }
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
            try metrics.reportOnce(cell, strategy: strategy)
        }
    }
}
