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

/// Progress of a run, for the CLI to show: step `step` of `steps` of a
/// stage (the per-cell counting passes, then the suite-wide timing pass),
/// the cell it is on, and what it is doing there.
public struct RunProgress: Sendable {
    public enum Stage: String, Sendable {
        /// Oracle, allocations, retained memory and latency, cell by cell.
        case counting
        /// The timed rounds over every cell (``Sampler/measure(groups:plan:clock:progress:)``).
        case timing
    }
    public var stage: Stage
    public var step: Int
    public var steps: Int
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

    /// Runs every selected cell: first the counting passes cell by cell
    /// (``count(_:report:)``), then one timing pass over all of them, whose
    /// rounds visit every cell (``Sampler/measure(groups:plan:clock:progress:)``),
    /// so each cell's repetitions are spread over the whole pass.
    public func run(progress: ((RunProgress) -> Void)? = nil) throws -> [CellResult] {
        try selection.validate(against: StrategyCatalogue(Strategies.self))
        // One core for the whole run (issue 11); the pass order is unchanged.
        CPUAffinity.pinCurrentThread()
        let cells = selection.cells
        var counted: [[CellResult]] = []
        for (index, cell) in cells.enumerated() {
            let report: (String) -> Void = { phase in
                progress?(RunProgress(stage: .counting, step: index, steps: cells.count, cell: cell, phase: phase))
            }
            counted.append(try count(cell, report: report))
        }
        let rounds = try plan(seed: selection.seed).rounds
        if let first = cells.first {
            progress?(RunProgress(stage: .timing, step: 0, steps: 1, cell: first, phase: "calibrating every cell's batch size"))
        }
        return try time(counted, cells: cells, seed: selection.seed) { done, total, group, round in
            progress?(RunProgress(stage: .timing, step: done, steps: total, cell: cells[group],
                                  phase: "timing, round \(round + 1) of \(rounds)"))
        }.flatMap { $0 }
    }

    /// Measures one cell under every selected strategy: the counting passes,
    /// then its timing on its own (`bench fidelity` interleaves a cell of the
    /// model with the same cell on each engine).
    public func measure(_ cell: CellSpec, cellSeed: UInt64, report: (String) -> Void = { _ in }) throws -> [CellResult] {
        let counted = try count(cell, report: report)
        report("timing")
        return try time([counted], cells: [cell], seed: cellSeed)[0]
    }

    /// The sampling plan of the selection's suite, shuffled by `seed`.
    func plan(seed: UInt64) throws -> SamplingPlan {
        try SamplingPlan(warmups: selection.suite.warmups, repetitions: selection.repetitions ?? selection.suite.repetitions,
                         minSampleNanos: selection.suite.minSampleNanos, seed: seed)
    }

    /// The oracle, then the allocation, retained-memory and latency passes
    /// of one cell, for the strategies that passed the oracle.
    func count(_ cell: CellSpec, report: (String) -> Void) throws -> [CellResult] {
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
                results[i].marginalProcessAllocations = pass.processAllocations
                results[i].marginalHeapObjects = pass.heapObjects
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
        return results
    }

    /// Times the strategies that passed the oracle, every cell of `counted`
    /// in each round (its strategies back to back), and fills the time
    /// figures: ns per op, and for each strategy the ratio to and the
    /// difference from `none` in the same cell, all of the fastest
    /// repetition (``Statistics/headline``).
    func time(_ counted: [[CellResult]], cells: [CellSpec], seed: UInt64,
              progress: ((Int, Int, Int, Int) -> Void)? = nil) throws -> [[CellResult]] {
        AllocationProbe.shared?.releaseCachedMemory()
        let groups = try zip(counted, cells).map { results, cell in
            try results.filter { $0.status.isOK }.map { try timedCell(cell, strategy: $0.strategy) }
        }
        let sampled = Sampler.measure(groups: groups, plan: try plan(seed: seed), clock: sampleClock, progress: progress)
        var timed = counted
        for (g, cell) in cells.enumerated() {
            let cellSeed = seed &+ UInt64(g)
            let ops = Double(cell.parameters.ops)
            var perOp: [String: [Double]] = [:]
            for samples in sampled[g] {
                guard let i = timed[g].firstIndex(where: { $0.strategy == samples.id }) else { continue }
                timed[g][i].samples = samples.samples
                timed[g][i].iterations = samples.iterations
                perOp[samples.id] = samples.measured.map { $0 / ops }
                timed[g][i].timing = Statistics.summarize(perOp[samples.id]!, seed: cellSeed)
            }
            guard let baseline = perOp[StrategyCatalog.baselineID] else { continue }
            for i in timed[g].indices where timed[g][i].strategy != StrategyCatalog.baselineID {
                if let mine = perOp[timed[g][i].strategy] {
                    timed[g][i].ratioVsNone = Statistics.ratio(mine, baseline: baseline, of: Statistics.headline, seed: cellSeed)
                    timed[g][i].addedNanosPerOp = Statistics.difference(mine, baseline: baseline, of: Statistics.headline, seed: cellSeed)
                }
            }
        }
        return timed
    }

    /// The batch the timing pass times for `strategy` on `cell`, built as
    /// the pass builds it; the budgets count its instructions
    /// (`timed_instructions_per_op`), so a build that leaves this path
    /// unspecialized fails CI rather than slowing every timed figure.
    public func timedCell(_ cell: CellSpec, strategy: String) throws -> TimedCell {
        try visit(strategy, TimedRun(workload: cell.workload, parameters: cell.parameters, id: strategy))
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
