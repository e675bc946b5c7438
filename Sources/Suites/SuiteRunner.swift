import HostRuntime
import ContextStrategies
import Measurement
import Workloads
import SemanticOracle

/// What to run: a suite, optionally narrowed.
public struct RunSelection: Sendable {
    public var suite: Suite
    public var strategies: [String]
    public var workloads: Set<WorkloadID>?
    public var storages: Set<Int>?
    public var repetitions: Int?
    public var seed: UInt64

    /// `strategies` nil: the suite's own list (`Suite.strategies`).
    public init(suite: Suite, strategies: [String]? = nil, workloads: Set<WorkloadID>? = nil,
                storages: Set<Int>? = nil, repetitions: Int? = nil, seed: UInt64 = 42) {
        self.suite = suite
        self.strategies = strategies ?? suite.strategies
        self.workloads = workloads
        self.storages = storages
        self.repetitions = repetitions
        self.seed = seed
    }

    /// The cells this selection runs.
    public var cells: [CellSpec] {
        suite.cells.filter { cell in
            (workloads?.contains(cell.workload) ?? true) && (storages?.contains(cell.parameters.storages) ?? true)
        }
    }

    /// Checks every name and number before any work starts; strategy ids
    /// against `catalogue` (the built-in strategies unless given).
    public func validate(against catalogue: StrategyCatalogue = StrategyRegistry.catalogue) throws {
        for id in strategies where !catalogue.allMeasurableIDs.contains(id) { throw WorkloadError.unknownStrategy(id) }
        if let repetitions, repetitions < 1 { throw WorkloadError.invalidParameter("--reps must be at least 1, got \(repetitions)") }
        if cells.isEmpty { throw WorkloadError.invalidParameter("the filters select no cell of suite '\(suite.name)'") }
        for cell in cells { try cell.parameters.validate(for: cell.workload) }
    }
}

/// Progress of a run, for the CLI to show.
public struct RunProgress: Sendable {
    public var cellIndex: Int
    public var cellCount: Int
    public var cell: CellSpec
    public var phase: String
}

/// Runs a selection over the built-in strategies.
public typealias SuiteRunner = StrategySuiteRunner<BuiltInStrategies>

/// Runs a selection: per cell, the oracle first, then the counting, timing,
/// latency and retained-memory passes for the strategies that passed it.
/// Generic over the strategy list, so a package that registers strategies
/// of its own (`BuiltInStrategies.And<Mine>`) runs suites over them, each
/// specialized as the built-in ones are.
public struct StrategySuiteRunner<Strategies: StrategyList> {
    public let selection: RunSelection
    /// The clock of the timing pass (``SampleClock``): wall time for the
    /// suites, process CPU time beside the engines in `bench fidelity`.
    public let sampleClock: SampleClock
    public init(selection: RunSelection, sampleClock: SampleClock = .monotonic) {
        self.selection = selection
        self.sampleClock = sampleClock
    }
    public init(selection: RunSelection, strategies: Strategies.Type, sampleClock: SampleClock = .monotonic) {
        self.init(selection: selection, sampleClock: sampleClock)
    }

    /// Runs `visitor` specialized for the strategy `id` of `Strategies`.
    func visit<V: StrategyVisitor>(_ id: String, _ visitor: V) throws -> V.Result {
        try Strategies.visitRegistered(id, visitor)
    }

    public func run(progress: ((RunProgress) -> Void)? = nil) throws -> [CellResult] {
        try selection.validate(against: StrategyCatalogue(Strategies.self))
        // One core for the whole run (issue 11); the pass order is unchanged.
        CPUAffinity.pinCurrentThread()
        let cells = selection.cells
        var results: [CellResult] = []
        for (index, cell) in cells.enumerated() {
            let report: (String) -> Void = { phase in progress?(RunProgress(cellIndex: index, cellCount: cells.count, cell: cell, phase: phase)) }
            results += try measure(cell, cellSeed: selection.seed &+ UInt64(index), report: report)
        }
        return results
    }

    /// Measures one cell under every selected strategy.
    public func measure(_ cell: CellSpec, cellSeed: UInt64, report: (String) -> Void = { _ in }) throws -> [CellResult] {
        let suite = selection.suite
        report("oracle")
        var results = try selection.strategies.map { id -> CellResult in
            let outcome = try visit(id, SingleRun(workload: cell.workload, parameters: cell.parameters))
            var result = CellResult(spec: cell, strategy: id, status: .ok, outcome: outcome)
            if outcome.uncaughtErrors > 0 { result.status = .error("\(outcome.uncaughtErrors) uncaught error(s) in the workload") }
            return result
        }
        Oracle.judge(&results)

        report("allocations")
        if let probe = AllocationProbe.shared {
            // Marginal: a run of half the ops, then one of all of them (the
            // oracle run before warmed everything up), so setup cancels out.
            let (lowOps, highOps) = MarginalCount.operationCounts(for: cell.parameters.ops)
            for i in results.indices where results[i].status.isOK {
                let pass = try AllocationPass.measure(cell, strategy: results[i].strategy, probe: probe, lowOps: lowOps, highOps: highOps,
                                                      strategies: Strategies.self)
                results[i].allocations = pass.highRun
                results[i].marginalAllocations = pass.allocations
                results[i].marginalBytes = pass.bytes
            }
        }

        if cell.workload == .requestServer {
            report("retained memory")
            for i in results.indices where results[i].status.isOK {
                let (peak, drained) = try retainedBytes(results[i].strategy, cell)
                results[i].retainedBytesAtPeak = peak
                results[i].retainedBytesAfterDrain = drained
            }
            report("latency")
            var parameters = cell.parameters
            // Real clock: each request waits 1 ms, so at low concurrency the pass is
            // serial; 200 waves of requests are plenty for the percentiles.
            parameters.ops = max(2 * parameters.concurrency, min(suite.latencyRequests, 200 * parameters.concurrency))
            for i in results.indices where results[i].status.isOK {
                let histogram = try visit(results[i].strategy, LatencyRun(parameters: parameters))
                results[i].latency = histogram.summary()
                results[i].latencyDistribution = histogram.distribution(LatencyHistogram.standardPercentiles)
            }
        }

        report("timing")
        AllocationProbe.shared?.releaseCachedMemory()
        let timed = results.filter { $0.status.isOK }
        let cells = try timed.map { try visit($0.strategy, TimedRun(workload: cell.workload, parameters: cell.parameters, id: $0.strategy)) }
        let plan = try SamplingPlan(warmups: suite.warmups, repetitions: selection.repetitions ?? suite.repetitions,
                                    minSampleNanos: suite.minSampleNanos, seed: cellSeed)
        let sampled = Sampler.measure(cells, plan: plan, clock: sampleClock)
        let ops = Double(cell.parameters.ops)
        var perOp: [String: [Double]] = [:]
        for samples in sampled {
            guard let i = results.firstIndex(where: { $0.strategy == samples.id }) else { continue }
            results[i].samples = samples.samples
            results[i].iterations = samples.iterations
            perOp[samples.id] = samples.measured.map { $0 / ops }
            results[i].timing = Statistics.summarize(perOp[samples.id]!, seed: cellSeed)
        }
        if let baseline = perOp[StrategyCatalog.baselineID] {
            for i in results.indices where results[i].strategy != StrategyCatalog.baselineID {
                // Round by round: both were timed in the same round of the
                // shuffled order, so the machine's speed of that moment cancels.
                if let mine = perOp[results[i].strategy] {
                    results[i].ratioVsNone = Statistics.pairedRatio(mine, baseline: baseline, seed: cellSeed)
                    results[i].addedNanosPerOp = Statistics.pairedDifference(mine, baseline: baseline, seed: cellSeed)
                }
            }
        }
        return results
    }

    func retainedBytes(_ strategy: String, _ cell: CellSpec) throws -> (Int64?, Int64?) {
        guard let probe = AllocationProbe.shared else { return (nil, nil) }
        func live() -> Int64 { let b = probe.threadBytes(); return Int64(b.allocated) - Int64(b.deallocated) }
        var peak: Int64?
        var before: Int64 = 0
        // Created before the baseline is read: the probe's own objects are not the run's.
        let instrumentation = RunInstrumentation(atPeak: { peak = live() - before })
        before = live()
        _ = try visit(strategy, SingleRun(workload: cell.workload, parameters: cell.parameters, instrumentation: instrumentation))
        return (peak, live() - before)
    }
}
