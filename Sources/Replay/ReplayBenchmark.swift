import HostRuntime
import ContextStrategies
import Measurement
import SemanticOracle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact instructions of one replay of a trace under one strategy
/// (``ReplayBenchmark/countInstructions(_:strategies:)``).
public struct ReplayInstructionCount: Codable, Equatable, Sendable {
    public var strategy: String
    public var instructions: UInt64
    public init(strategy: String, instructions: UInt64) {
        self.strategy = strategy
        self.instructions = instructions
    }
}

/// One strategy's replay of one trace: what it observed and what it cost.
public struct ReplayResult: Sendable {
    public enum Status: Equatable, Sendable {
        case ok
        /// The strategy observed other stores than the majority of designs.
        case checksumMismatch(expected: UInt64?, got: UInt64)
        /// The strategy refused an operation the application used.
        case unsupported(String)

        public var label: String {
            switch self {
            case .ok: return "ok"
            case .checksumMismatch: return "checksum-mismatch"
            case .unsupported: return "unsupported"
            }
        }
    }

    public let strategy: String
    public var status: Status
    public let outcome: ReplayOutcome
    /// CPU time of each timed replay of the whole trace (ns; see `threadCPUNanos`).
    public let samplesNs: [Double]
    /// Exact allocations of one replay (nil when jemalloc is not the allocator).
    public let allocations: AllocationDelta?
}

/// Replays one program under every strategy, `reps` timed times each,
/// interleaved (strategy order rotates every repetition) so that drift in the
/// machine's speed spreads over all of them.
public enum ReplayBenchmark {
    struct Visit: StrategyVisitor {
        let program: ReplayProgram
        let countAllocations: Bool
        func visit<S: ContextStrategy>(_ type: S.Type) -> (ReplayOutcome, UInt64, AllocationDelta?) {
            let replayer = Replayer<S>(program, measureLatency: !countAllocations)
            if countAllocations, let probe = AllocationProbe.shared {
                let (outcome, delta) = probe.measure { replayer.run() }
                return (outcome, 0, delta)
            }
            let start = threadCPUNanos()
            let outcome = replayer.run()
            let elapsed = threadCPUNanos() &- start
            return (outcome, elapsed, nil)
        }
    }

    /// Runs `program` once under `strategy` (no timing; for tests and `--once`).
    /// Never inlined, nor ``run(_:strategies:reps:progress:)``: callers in
    /// `bench` would otherwise specialize the host in their own module,
    /// built without the measuring flags (see `MeasuredEntryPoints`).
    @inline(never)
    public dynamic static func replayOnce(_ program: ReplayProgram, strategy: String) -> ReplayOutcome? {
        StrategyRegistry.visit(id: strategy, Visit(program: program, countAllocations: false))?.0
    }

    /// - Complexity: (reps + 1) × strategies replays of the program.
    @inline(never)
    public dynamic static func run(_ program: ReplayProgram, strategies: [String], reps: Int,
                           progress: (String) -> Void = { _ in }) -> [ReplayResult] {
        var outcomes: [String: ReplayOutcome] = [:]
        var allocations: [String: AllocationDelta] = [:]
        var samples: [String: [Double]] = [:]
        // Repetition 0 counts allocations (and warms every path up).
        for id in strategies {
            guard let (outcome, _, delta) = StrategyRegistry.visit(id: id, Visit(program: program, countAllocations: true)) else { continue }
            allocations[id] = delta
            outcomes[id] = outcome
        }
        for rep in 0..<reps {
            progress("repetition \(rep + 1)/\(reps)")
            let shift = rep % max(1, strategies.count)
            for id in strategies[shift...] + strategies[..<shift] {
                guard let (outcome, ns, _) = StrategyRegistry.visit(id: id, Visit(program: program, countAllocations: false)) else { continue }
                samples[id, default: []].append(Double(ns))
                outcomes[id] = outcome  // the timed run's latencies
            }
        }
        var results = strategies.compactMap { id -> ReplayResult? in
            guard let outcome = outcomes[id] else { return nil }
            let status: ReplayResult.Status = outcome.unsupported.map { .unsupported($0) } ?? .ok
            return ReplayResult(strategy: id, status: status, outcome: outcome,
                                samplesNs: samples[id] ?? [], allocations: allocations[id])
        }
        judge(&results)
        return results
    }

    /// Exact instructions of one replay of `program` under each strategy, in
    /// this process, which must run under callgrind (``InstructionCounter``).
    ///
    /// Per strategy: one uninstrumented warm-up replay (lazy initialization
    /// and Swift metadata happen there, natively fast), then one counted
    /// replay from a fresh jemalloc thread cache and a purged arena
    /// (``AllocationProbe/resetAllocatorState()``), without the latency
    /// clock reads. The count is of a whole replay: the host's fixed costs
    /// (creating it, draining the loop) are the same under every design, so
    /// a design's overhead over `none` on the same trace leaves them out;
    /// what stays in is the design's own setup (its k storages), a few
    /// thousand instructions over a trace of thousands of requests.
    ///
    /// - Throws: ``InstructionCountError`` when no counter can be made here
    ///   or a dump cannot be read.
    /// - Complexity: 2 × strategies replays, one of them under callgrind's
    ///   instrumentation (roughly 50-100× slower than native).
    @inline(never)
    public dynamic static func countInstructions(_ program: ReplayProgram, strategies: [String]) throws -> [ReplayInstructionCount] {
        guard let counter = InstructionCounter() else {
            throw InstructionCountError("replay instruction pass: \(InstructionCounter.unavailableReason ?? "no counter")")
        }
        struct Count: StrategyVisitor {
            let program: ReplayProgram
            let counter: InstructionCounter
            func visit<S: ContextStrategy>(_ type: S.Type) -> Swift.Result<UInt64, any Error> {
                counter.uninstrumented { _ = Replayer<S>(program, measureLatency: false).run() }
                AllocationProbe.shared?.resetAllocatorState()
                let replayer = Replayer<S>(program, measureLatency: false)
                return Swift.Result { try counter.measure("replay-\(S.id)") { replayer.run() }.1 }
            }
        }
        return try strategies.compactMap { id in
            try StrategyRegistry.visit(id: id, Count(program: program, counter: counter))
                .map { ReplayInstructionCount(strategy: id, instructions: try $0.get()) }
        }
    }

    /// The oracle: every design but `none` must observe the stores the strict
    /// majority observed.
    static func judge(_ results: inout [ReplayResult]) {
        let judged = results.indices.filter { results[$0].strategy != NoPropagation.id && results[$0].status == .ok }
        let (majority, dissenting) = Oracle.vote(judged.map { results[$0].outcome.checksum })
        for i in dissenting.map({ judged[$0] }) {
            results[i].status = .checksumMismatch(expected: majority, got: results[i].outcome.checksum)
        }
    }
}

/// CPU time of the calling thread, in nanoseconds. The anchor measures the
/// application's CPU time (process.cpuUsage), so the replay measures CPU
/// time too; unlike wall time it leaves out the time the thread waited for a
/// core, which on a shared machine dwarfs the work.
///
/// - Complexity: O(1); one `clock_gettime` call.
@inline(__always)
func threadCPUNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
