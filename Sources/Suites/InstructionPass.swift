import ContextStrategies
import Measurement
import Workloads

/// The instruction pass (issue 11): each (cell, strategy) run at two
/// operation counts inside one callgrind process, giving exact marginal
/// instructions per operation.
///
/// Per item: for an expensive suite cell, two counted probes that size it
/// (``sizedOps(probe:probeOps:budget:minimumOps:maximumOps:)``); one
/// uncounted, uninstrumented warm-up run of `highOps` (lazy runtime initialization
/// and Swift metadata instantiation happen there, not in a counted run; a
/// probe of that length serves); then a counted run of `lowOps` and one of
/// `highOps`, each a fresh run of the workload (a new host) from a fresh
/// thread cache and a purged arena (``AllocationProbe/resetAllocatorState()``:
/// each run pays the allocator's page re-acquisition for its own peak, in
/// proportion to it, whatever ran before), bracketed by
/// ``InstructionCounter/measure(_:_:)``. The parent `bench` writes the items,
/// starts `bench instruction-pass` under ``CallgrindLauncher``, and reads the
/// counts back, so valgrind's start-up is paid once per process, not per cell.
public enum InstructionPass {
    /// One (cell, strategy) to count, with the two operation counts.
    public struct Item: Codable, Equatable, Sendable {
        public var cell: CellSpec
        public var strategy: String
        public var lowOps: Int
        public var highOps: Int
        /// When set, the child shortens the runs of an expensive cell so the
        /// longer counted run stays near this many instructions, never below
        /// `minimumOps` operations (``sizedOps(probe:probeOps:budget:minimumOps:maximumOps:)``).
        public var instructionBudget: UInt64?
        public var minimumOps: Int?
        /// Count the path `bench run` times (``TimedRun``'s batch of one run)
        /// instead of ``SingleRun``: the same work, so the same count, unless
        /// the build left the timed path unspecialized (what a plain release
        /// build once did: 5-20× the instructions; `bench budgets` holds it).
        public var timedPath = false
        public init(cell: CellSpec, strategy: String, lowOps: Int? = nil, highOps: Int? = nil) {
            let counts = MarginalCount.operationCounts(for: cell.parameters.ops)
            self.cell = cell
            self.strategy = strategy
            self.lowOps = lowOps ?? counts.low
            self.highOps = highOps ?? counts.high
        }
        /// A suite cell at the instruction pass's length (``Suite/instructionOps(_:)``),
        /// shortened further to ``suiteInstructionBudget`` when one operation is expensive.
        public static func suiteCell(_ cell: CellSpec, strategy: String) -> Item {
            let counts = MarginalCount.operationCounts(for: Suite.instructionOps(cell))
            var item = Item(cell: cell, strategy: strategy, lowOps: counts.low, highOps: counts.high)
            item.instructionBudget = suiteInstructionBudget
            item.minimumOps = Suite.minimumInstructionOps(cell)
            return item
        }
    }

    /// Instructions the operations of a suite cell's longer counted run may
    /// take (its setup comes on top). Most cells stay far below it at the
    /// quick length (promise-chain under `none`: about 2 million); the
    /// async_hooks designs at k = 64 execute 134,000 instructions per await,
    /// so at 2,000 awaits one cell would take a quarter of a gigainstruction,
    /// three times over, at callgrind's ~60 million per second. Per-operation
    /// counts at 1,000/2,000 and 5,000/10,000 operations of such a cell agree
    /// within 0.002 %. Measured pass times of the standard suite on the idle
    /// 2-core machine with the two-probe sizing: 678.8 s at 20 million, and
    /// about the same at 10 million (so the pass's time is in the cells that
    /// are already at their shortest length, not in the budget, which stays
    /// where the committed counts were made).
    public static let suiteInstructionBudget: UInt64 = 20_000_000

    /// The longer run's operations for a cell whose two probe runs, of
    /// `probeOps` and `2 × probeOps` operations, counted `probe.short` and
    /// `probe.long` instructions: as many as fit `budget` at the probes'
    /// *marginal* instructions per operation, within `minimumOps…maximumOps`,
    /// and even, so the shorter run is exactly half.
    ///
    /// Marginal, not `probe / probeOps`: a cell whose setup dwarfs its
    /// operations (continuation-slot at k = 128 builds two 128-entry frames
    /// per nested `run`, tens of millions of instructions) looked expensive
    /// per operation, was cut to the minimum length, and then its setup,
    /// which does not cost exactly the same in two runs, outweighed the
    /// operations (a negative count in four cells). When the probes'
    /// difference is not positive, the operations cost less than the
    /// setup's wobble between two runs, so the cell keeps its whole length
    /// (`maximumOps`), where its setup weighs least. The single-probe
    /// estimate that stood there before counted the setup as the operations'
    /// cost and cut the cell to its minimum: get-store k = 128 under
    /// continuation-slot, 259 and 518 operations after a 15-million-instruction
    /// setup, came out negative even in a process of its own.
    ///
    /// - Complexity: O(1).
    public static func sizedOps(probe: (short: UInt64, long: UInt64), probeOps: Int, budget: UInt64, minimumOps: Int,
                                maximumOps: Int) -> (low: Int, high: Int) {
        precondition(probeOps >= 1 && minimumOps >= 2 && maximumOps >= minimumOps, "InstructionPass.sizedOps: bad bounds")
        let fitting: Int
        if probe.long > probe.short {
            let perOp = max(1, Double(probe.long - probe.short) / Double(probeOps))
            fitting = Int(min(Double(maximumOps), (Double(budget) / perOp).rounded(.down)))
        } else {
            fitting = maximumOps
        }
        let high = min(maximumOps, max(minimumOps, fitting & ~1))
        return MarginalCount.operationCounts(for: high)
    }

    /// What the child answers for one item: counts or an error message.
    public struct Answer: Codable, Equatable, Sendable {
        public var item: Item
        public var instructions: MarginalCount?
        public var error: String?
    }

    /// Counts every item in this process (which must run under callgrind).
    ///
    /// - Throws: ``InstructionCountError`` when no counter can be made here.
    /// - Complexity: three runs per item (warm-up, low, high: 2.5 × the cell's
    ///   operations), roughly 50-100× slower than native under callgrind.
    public static func count(_ items: [Item], progress: (Int) -> Void = { _ in }) throws -> [Answer] {
        guard let counter = InstructionCounter() else {
            throw InstructionCountError("instruction pass: \(InstructionCounter.unavailableReason ?? "no counter")")
        }
        var answers: [Answer] = []
        for (index, item) in items.enumerated() {
            progress(index)
            do {
                answers.append(Answer(item: item, instructions: try count(item, counter), error: nil))
            } catch {
                answers.append(Answer(item: item, instructions: nil, error: "\(error)"))
            }
        }
        return answers
    }

    static func count(_ item: Item, _ counter: InstructionCounter) throws -> MarginalCount {
        guard item.lowOps >= 1, item.highOps > item.lowOps else {
            throw WorkloadError.invalidParameter("instruction pass: need 1 ≤ low ops < high ops, got \(item.lowOps), \(item.highOps)")
        }
        func parameters(_ ops: Int) -> WorkloadParameters {
            var p = item.cell.parameters
            p.ops = ops
            return p
        }
        let label = "\(item.cell.workload.rawValue)-\(item.strategy)-k=\(item.cell.parameters.storages)"
        var item = item
        var warmedUpAt: Int?
        if let budget = item.instructionBudget, let minimumOps = item.minimumOps, item.highOps > 2 * minimumOps {
            // Two probes, at the shortest allowed length and twice it (counted,
            // so the sizing is as deterministic as the counts), size the
            // counted runs from their marginal cost per operation. Shorter
            // probes (a quarter and half of that length) were tried and
            // measured: the pass took 693.9 s instead of 678.8, and two cells
            // whose setup outweighs their operations (get-store k = 64 and
            // 128 under continuation-slot) were sized too short for their
            // setup to cancel, so their counts came out negative (not measured).
            var probes: [UInt64] = []
            for probeOps in [minimumOps, 2 * minimumOps] {
                let (_, n) = try counter.measure("\(label)-probe-ops=\(probeOps)") {
                    try StrategyCatalog.visit(item.strategy, SingleRun(workload: item.cell.workload, parameters: parameters(probeOps)))
                }
                probes.append(n)
            }
            (item.lowOps, item.highOps) = sizedOps(probe: (probes[0], probes[1]), probeOps: minimumOps, budget: budget,
                                                   minimumOps: minimumOps, maximumOps: item.highOps)
            warmedUpAt = 2 * minimumOps
        }
        // The warm-up runs the long run's length: lazy initialization happens
        // there. (It also grew the heap to the long run's peak, which mattered
        // while the counted runs inherited the allocator's state: the first
        // run to reach a new peak paid the growth, 1.9 % more at 2,000 ops.
        // Each counted run now starts from a purged arena instead.) A probe
        // of that length already was that run.
        // It runs with instrumentation off, natively fast. An earlier
        // version kept it instrumented because the counts moved when it was
        // not (2-7 %); that was the counter reading callgrind's `totals:`
        // line, which in the first dump after an uncounted run carries stale
        // cost lines (``InstructionCounter/readDump(_:expectedTag:)``). From
        // `summary:` the counts are the same either way, to 0.001
        // instructions per operation (measured on await-loop under
        // continuation-slot at k = 8, 64, 128, timer-burst under none,
        // promise-chain under hook-map-copy, get-store at k = 128).
        if warmedUpAt != item.highOps {
            let warmUp = SingleRun(workload: item.cell.workload, parameters: parameters(item.highOps))
            _ = try counter.uninstrumented { try StrategyCatalog.visit(item.strategy, warmUp) }
        }
        var counts: [UInt64] = []
        for ops in [item.lowOps, item.highOps] {
            // Outside the span: each counted run starts from the same allocator
            // state (without this, timer-burst under none counted 756-824
            // instructions per timer across k, by what ran before it).
            AllocationProbe.shared?.resetAllocatorState()
            let n: UInt64
            if item.timedPath {
                // Built by the suite runner, as its timing pass builds it, and
                // outside the counted span, as the sampler builds its cells before timing them.
                var cell = item.cell
                cell.parameters = parameters(ops)
                let batch = try SuiteRunner(selection: RunSelection(suite: .quick)).timedCell(cell, strategy: item.strategy)
                (_, n) = try counter.measure("\(label)-timed-ops=\(ops)") { batch.run(1) }
            } else {
                let visitor = SingleRun(workload: item.cell.workload, parameters: parameters(ops))
                (_, n) = try counter.measure("\(label)-ops=\(ops)") { try StrategyCatalog.visit(item.strategy, visitor) }
            }
            counts.append(n)
        }
        return MarginalCount(lowOps: item.lowOps, highOps: item.highOps, low: counts[0], high: counts[1])
    }
}
