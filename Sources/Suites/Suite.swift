import Workloads
/// A named set of cells with its sampling settings.
public struct Suite: Sendable {
    public let name: String
    public let summary: String
    public let cells: [CellSpec]
    public let repetitions: Int
    public let warmups: Int
    public let minSampleNanos: UInt64
    /// Requests per latency pass of `request-server` (real clock).
    public let latencyRequests: Int
    /// The strategies the suite runs when `--strategy` is not given: `none`
    /// and the faithful four, plus the frame variants in `full` and `frames`.
    public var strategies: [String] = StrategyCatalog.allIDs

    public static let names = ["quick", "standard", "full", "frames", "baseline"]

    public static func named(_ name: String) -> Suite? {
        switch name {
        case "quick": return quick
        case "standard": return standard
        case "full": return full
        case "frames": return frames
        case "baseline": return baseline
        default: return nil
        }
    }

    /// The k values every workload runs at.
    public static let headlineStorages = [1, 8, 64]
    /// Workloads swept over k.
    public static let scalingWorkloads: [WorkloadID] = [.awaitLoop, .promiseChain, .timerBurst, .getStore, .runEnter, .requestServer, .idleStorages]

    /// Default ops per run, sized so one run takes roughly a millisecond.
    public static func defaultOps(_ workload: WorkloadID, scale: Double = 1) -> Int {
        let base: Int
        switch workload {
        case .promiseChain, .awaitLoop, .promiseFanout, .timerBurst, .timerSpread, .timerCancel, .interval, .contextChurn, .idleStorages: base = 10_000
        case .awaitDepth: base = 11_000
        case .thenableAdopt: base = 5_000
        case .requestServer: base = 2_000
        case .getStore: base = 100_000
        case .runEnter: base = 50_000
        }
        return max(1, Int(Double(base) * scale))
    }

    /// The scale of the quick suite's runs, which is also the length the
    /// instruction pass counts at (``instructionOps(_:)``).
    static let quickScale = 0.2

    /// The operations the instruction pass runs a cell at: the cell's own,
    /// capped at the quick suite's length for its workload (request-server
    /// keeps at least two requests per concurrent slot, as every cell does).
    /// Instruction counts are exact and linear in the operations, so the
    /// marginal figure does not need the timed run's length, and callgrind
    /// runs 50-100× slower than native: measured, await-loop k = 64 under
    /// hook-map-copy gives 133,859.8 instructions per await at 1,000/2,000
    /// operations and 133,862.9 at 5,000/10,000 (0.002 % apart), in 11.8 s
    /// instead of 47.9 s.
    public static func instructionOps(_ spec: CellSpec) -> Int {
        let p = spec.parameters
        return min(p.ops, cell(spec.workload, k: p.storages, scale: quickScale, concurrency: p.concurrency, runRate: p.runRate).parameters.ops)
    }

    /// The fewest operations the instruction pass may shorten a cell to
    /// (``InstructionPass/suiteInstructionBudget``), so the marginal span
    /// still has the cell's mix of work: one request per concurrent slot
    /// (request-server: every slot serves one request in the longer run; a
    /// request's propagation work does not depend on how many came before
    /// it), two context changes (context-churn: 2 / run_rate awaits), and
    /// otherwise 200 operations; never more than ``instructionOps(_:)``.
    /// Measured: the request-server cells at k = 64 and 128 execute 5.9 and
    /// 22 million instructions per request under continuation-slot (k nested
    /// `run`s per request, two frame copies each), so this floor decides
    /// how long the whole pass takes.
    public static func minimumInstructionOps(_ spec: CellSpec) -> Int {
        let p = spec.parameters
        var minimum = 200
        switch spec.workload {
        case .requestServer: minimum = max(2, p.concurrency)
        case .contextChurn where p.runRate > 0: minimum = max(minimum, Int((2 / p.runRate).rounded(.up)))
        case .promiseChain, .awaitLoop, .awaitDepth, .promiseFanout, .thenableAdopt, .timerBurst, .timerSpread, .timerCancel,
             .interval, .contextChurn, .idleStorages, .getStore, .runEnter: break
        }
        return min(minimum, instructionOps(spec))
    }

    static func cell(_ w: WorkloadID, k: Int, scale: Double, concurrency: Int = 100, runRate: Double = 0.1) -> CellSpec {
        var ops = defaultOps(w, scale: scale)
        if w == .requestServer { ops = max(ops, 2 * concurrency) }
        return CellSpec(w, WorkloadParameters(storages: k, ops: ops, concurrency: concurrency, runRate: runRate))
    }

    /// Every workload at each k, plus the sweeps; duplicates removed, order kept.
    static func build(storages: [Int], sweepK: [Int], runRates: [Double], churnK: [Int],
                      concurrencies: [Int], concurrencyK: [Int], scale: Double) -> [CellSpec] {
        var cells: [CellSpec] = []
        var seen = Set<CellSpec>()
        func add(_ c: CellSpec) { if seen.insert(c).inserted { cells.append(c) } }
        for w in WorkloadID.allCases { for k in storages { add(cell(w, k: k, scale: scale)) } }
        for w in scalingWorkloads { for k in sweepK { add(cell(w, k: k, scale: scale)) } }
        for k in churnK { for r in runRates { add(cell(.contextChurn, k: k, scale: scale, runRate: r)) } }
        for k in concurrencyK { for c in concurrencies { add(cell(.requestServer, k: k, scale: scale, concurrency: c)) } }
        return cells
    }

    /// CI smoke: every workload × strategy at k = 1 and 8, small runs, 3 repetitions.
    public static let quick = Suite(
        name: "quick", summary: "every workload at k = 1, 8; small runs; 3 repetitions (CI smoke, ≤ 30 s)",
        cells: build(storages: [1, 8], sweepK: [], runRates: [], churnK: [], concurrencies: [], concurrencyK: [], scale: quickScale),
        repetitions: 3, warmups: 1, minSampleNanos: 2_000_000, latencyRequests: 500)

    /// The main job: every workload at k = 1, 8, 64 plus coarse sweeps.
    public static let standard = Suite(
        name: "standard",
        summary: "every workload at k = 1, 8, 64; k sweep {0, 4, 16, 128}; run_rate sweep × k {1, 8, 64}; concurrency {1, 10, 100, 1000, 10000} at k = 8",
        cells: build(storages: headlineStorages, sweepK: [0, 4, 16, 128],
                     runRates: [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1], churnK: [1, 8, 64],
                     concurrencies: [1, 10, 100, 1_000, 10_000], concurrencyK: [8], scale: 1),
        repetitions: 21, warmups: 1, minSampleNanos: 10_000_000, latencyRequests: 4_000)

    /// Every sweep at full resolution.
    public static let full = Suite(
        name: "full",
        summary: "k ∈ {0,1,2,4,8,16,32,64,128} for the scaling workloads; run_rate ∈ {0,0.001,0.01,0.1,0.25,0.5,1} × k {1,8,64}; concurrency {1,10,100,1000,10000} × k {1,8,64}",
        cells: build(storages: headlineStorages, sweepK: [0, 1, 2, 4, 8, 16, 32, 64, 128],
                     runRates: [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1], churnK: [1, 8, 64],
                     concurrencies: [1, 10, 100, 1_000, 10_000], concurrencyK: [1, 8, 64], scale: 1),
        repetitions: 10, warmups: 2, minSampleNanos: 10_000_000, latencyRequests: 10_000,
        strategies: StrategyCatalog.allMeasurableIDs)

    /// Issue 8: the frame representations against the four designs. The
    /// headline workloads at k = 1, 8, 64 and the context-churn run_rate
    /// sweep, over `none`, the four, and the five slot variants; the same
    /// cells and sampling settings as `standard` (so its figures compare
    /// with standard's), minus the k and concurrency sweeps.
    public static let frames = Suite(
        name: "frames",
        summary: "frame representations: every workload at k = 1, 8, 64; context-churn run_rate {0, 0.001, 0.01, 0.1, 0.25, 0.5, 1} × k {1, 8, 64}; none + the four + the five slot variants",
        cells: build(storages: headlineStorages, sweepK: [], runRates: [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1], churnK: [1, 8, 64],
                     concurrencies: [], concurrencyK: [], scale: 1),
        repetitions: 21, warmups: 1, minSampleNanos: 10_000_000, latencyRequests: 4_000,
        strategies: StrategyCatalog.allMeasurableIDs)

    /// The host's own cost under `none`: a 1e6-step promise chain (ns and
    /// allocations per reaction) and a 1e5-timer burst (ns per timer).
    public static let baseline = Suite(
        name: "baseline", summary: "the host alone (strategy none): a 1e6-step promise chain and a 1e5-timer burst, 10 repetitions",
        cells: [CellSpec(.promiseChain, WorkloadParameters(storages: 0, ops: 1_000_000)),
                CellSpec(.timerBurst, WorkloadParameters(storages: 0, ops: 100_000))],
        repetitions: 10, warmups: 2, minSampleNanos: 10_000_000, latencyRequests: 0,
        strategies: [StrategyCatalog.baselineID])
}
