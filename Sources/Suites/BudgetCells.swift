import ContextStrategies
import Measurement
import Workloads

/// The figures CI holds to a budget (issue 11), the way package-benchmark
/// holds benchmarks to thresholds: exact marginal instructions and
/// allocations per operation of a few cells that matter. Their values live in
/// the committed budgets file (`budgets.json`, written by
/// `bench budgets --update`); this list is the one source of which exist.
public enum BudgetCells {
    /// What a budget bounds.
    public enum Figure: String, CaseIterable, Codable, Sendable {
        /// Marginal instructions per op of `none` (the host's own cost).
        case instructionsPerOp = "instructions_per_op"
        /// Marginal allocations per op of `none`.
        case allocsPerOp = "allocs_per_op"
        /// A strategy's marginal instructions per op minus `none`'s, same cell.
        case extraInstructionsPerOp = "extra_instructions_per_op"
        /// A strategy's marginal allocations per op minus `none`'s, same cell.
        case extraAllocsPerOp = "extra_allocs_per_op"
        /// Marginal instructions per op counted through the path `bench run`
        /// times (``TimedRun``), not ``SingleRun``: equal to
        /// `instructions_per_op` when the build specialized the timed path;
        /// 5-20× more when it did not (a plain release build once did, and
        /// every timed figure of `swift run -c release bench` was that slow).
        case timedInstructionsPerOp = "timed_instructions_per_op"

        var isExtra: Bool {
            switch self {
            case .instructionsPerOp, .allocsPerOp, .timedInstructionsPerOp: return false
            case .extraInstructionsPerOp, .extraAllocsPerOp: return true
            }
        }
        var isInstructions: Bool {
            switch self {
            case .instructionsPerOp, .extraInstructionsPerOp, .timedInstructionsPerOp: return true
            case .allocsPerOp, .extraAllocsPerOp: return false
            }
        }
        var isTimedPath: Bool {
            switch self {
            case .timedInstructionsPerOp: return true
            case .instructionsPerOp, .allocsPerOp, .extraInstructionsPerOp, .extraAllocsPerOp: return false
            }
        }
    }

    /// One budgeted figure.
    public struct Entry: Hashable, Sendable {
        public var workload: WorkloadID
        public var storages: Int
        public var strategy: String
        public var figure: Figure
        /// The key in the budgets file: "promise-chain k=8 frame-ref extra_instructions_per_op".
        public var id: String { "\(workload.rawValue) k=\(storages) \(strategy) \(figure.rawValue)" }
        var cell: CellSpec { CellSpec(workload, WorkloadParameters(storages: storages, ops: BudgetCells.highOps)) }
    }

    /// Operation counts of the two runs per cell (the marginal figure is exact,
    /// so small runs are enough; 2 and 4 batches of timer-burst's 1,000).
    public static let lowOps = 2_000
    public static let highOps = 4_000

    /// The continuations budgets are per: a `then` reaction and an `await`.
    static let continuationWorkloads: [WorkloadID] = [.promiseChain, .awaitLoop]
    static let hostWorkloads: [WorkloadID] = [.promiseChain, .awaitLoop, .timerBurst]

    /// Cells counted through the timed path too: a promise chain (the host)
    /// and a `getStore` loop (the shortest op, where the generic path cost 20×).
    static let timedPathCells: [(WorkloadID, Int)] = [(.promiseChain, 1), (.getStore, 8)]

    /// `none` on the host workloads; each faithful strategy's extra cost over
    /// `none` per continuation at k = 1 and 8 (instructions and allocations;
    /// continuation-slot's extra allocations are budgeted at 0); `none`
    /// through the timed path on ``timedPathCells``.
    public static var entries: [Entry] {
        var list: [Entry] = []
        for (w, k) in timedPathCells {
            list.append(Entry(workload: w, storages: k, strategy: StrategyCatalog.baselineID, figure: .timedInstructionsPerOp))
        }
        for w in hostWorkloads {
            for f in [Figure.instructionsPerOp, .allocsPerOp] { list.append(Entry(workload: w, storages: 1, strategy: StrategyCatalog.baselineID, figure: f)) }
        }
        for w in continuationWorkloads {
            for k in [1, 8] {
                for s in StrategyCatalog.faithfulIDs {
                    for f in [Figure.extraInstructionsPerOp, .extraAllocsPerOp] { list.append(Entry(workload: w, storages: k, strategy: s, figure: f)) }
                }
            }
        }
        return list
    }

    /// The (cell, strategy) runs the entries need, `none` included for the extras.
    public static func instructionItems(_ entries: [Entry]) -> [InstructionPass.Item] {
        var items: [InstructionPass.Item] = []
        for e in entries where e.figure.isInstructions {
            for s in e.figure.isExtra ? [StrategyCatalog.baselineID, e.strategy] : [e.strategy] {
                var item = InstructionPass.Item(cell: e.cell, strategy: s, lowOps: lowOps, highOps: highOps)
                item.timedPath = e.figure.isTimedPath
                if !items.contains(item) { items.append(item) }
            }
        }
        return items
    }

    /// Measures every entry's figure. `instructions` are the answers to
    /// ``instructionItems(_:)``; allocations are measured here (jemalloc).
    ///
    /// - Throws: when an instruction answer is missing or allocation counts
    ///   are unavailable (a budget is never checked against a missing figure).
    public static func measure(_ entries: [Entry], instructions: [InstructionPass.Answer]) throws -> [String: Double] {
        var allocations: [String: Double] = [:]
        func allocs(_ cell: CellSpec, _ strategy: String) throws -> Double {
            let key = "\(cell.workload.rawValue) \(cell.parameters.storages) \(strategy)"
            if let known = allocations[key] { return known }
            guard let probe = AllocationProbe.shared else {
                throw WorkloadError.invalidParameter("allocation budgets need jemalloc: \(AllocationProbe.unavailableReason ?? "unavailable")")
            }
            let pass = try AllocationPass.measure(cell, strategy: strategy, probe: probe, lowOps: lowOps, highOps: highOps, warmUp: true)
            allocations[key] = pass.allocations.perOp
            return pass.allocations.perOp
        }
        func instr(_ cell: CellSpec, _ strategy: String, timedPath: Bool = false) throws -> Double {
            let matches = { (a: InstructionPass.Answer) in a.item.cell == cell && a.item.strategy == strategy && a.item.timedPath == timedPath }
            guard let answer = instructions.first(where: matches), let count = answer.instructions else {
                let why = instructions.first(where: matches)?.error ?? "not measured"
                throw WorkloadError.invalidParameter("instructions of \(cell.workload.rawValue) k=\(cell.parameters.storages) \(strategy): \(why)")
            }
            return count.perOp
        }
        var values: [String: Double] = [:]
        for e in entries {
            let base = StrategyCatalog.baselineID
            switch e.figure {
            case .instructionsPerOp: values[e.id] = try instr(e.cell, e.strategy)
            case .timedInstructionsPerOp: values[e.id] = try instr(e.cell, e.strategy, timedPath: true)
            case .allocsPerOp: values[e.id] = try allocs(e.cell, e.strategy)
            case .extraInstructionsPerOp: values[e.id] = try instr(e.cell, e.strategy) - instr(e.cell, base)
            case .extraAllocsPerOp: values[e.id] = try allocs(e.cell, e.strategy) - allocs(e.cell, base)
            }
        }
        return values
    }
}
