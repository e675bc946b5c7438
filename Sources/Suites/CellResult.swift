import ContextStrategies
import Measurement
import Workloads
import SemanticOracle

/// Whether a cell's figures count.
public enum CellStatus: Equatable, Sendable, CustomStringConvertible {
    case ok
    /// The oracle rejected the cell: its checksum differs from the faithful majority.
    case checksumMismatch(expected: UInt64, got: UInt64)
    case error(String)

    public var description: String {
        switch self {
        case .ok: return "ok"
        case let .checksumMismatch(expected, got): return "checksum-mismatch (expected \(expected), got \(got))"
        case .error(let message): return "error: \(message)"
        }
    }
    public var isOK: Bool { self == .ok }
}

/// Everything measured for one (cell, strategy).
public struct CellResult: Sendable {
    public var spec: CellSpec
    public var strategy: String
    public var status: CellStatus
    /// From the oracle run (virtual clock).
    public var outcome: WorkloadOutcome?
    /// ns per op across repetitions (warm-ups excluded); nil unless status is ok.
    public var timing: SampleSummary?
    public var ratioVsNone: RatioEstimate?
    /// Median ns/op minus `none`'s, with its interval (strategies other than `none`).
    public var addedNanosPerOp: AddedCost?
    /// Exact allocations of one run of `ops`; nil when jemalloc is not the allocator.
    public var allocations: AllocationDelta?
    /// Allocation requests and bytes at two operation counts (the longer run is
    /// `allocations`'s), for figures per operation that exclude setup.
    public var marginalAllocations: MarginalCount?
    public var marginalBytes: MarginalCount?
    /// jemalloc's own requests (slabs included) and the host heap's records at
    /// the same two operation counts: the raw figures behind `marginalAllocations`.
    public var marginalProcessAllocations: MarginalCount?
    public var marginalHeapObjects: MarginalCount?
    /// Instructions at two operation counts from the callgrind pass
    /// (`bench run --instructions`); nil when not measured.
    public var instructions: MarginalCount?
    public var samples: [TimedSample] = []
    public var iterations: Int = 0
    public var latency: LatencySummary?
    public var latencyDistribution: [(percentile: Double, nanos: UInt64)] = []
    /// Live bytes at peak pending work, minus the live bytes before the run.
    public var retainedBytesAtPeak: Int64?
    /// Live bytes after the run drained, minus the live bytes before it.
    public var retainedBytesAfterDrain: Int64?
    /// A real runtime's id when the row was measured there (`RealRuntimeHarness`):
    /// it has no model counters, so those columns stay empty.
    public var measuredOn: String?
    /// Remarks for run.json (e.g. a port whose checksum varied between runs).
    public var notes: [String] = []

    public var ops: Int { spec.parameters.ops }
    /// The headline time's interval is wider than ``Statistics/noiseThresholdWidth`` of it.
    public var noiseWarning: Bool { timing?.isNoisy ?? false }

    func perOp(_ x: Int) -> Double { Double(x) / Double(ops) }
    /// Marginal objects allocated per op (setup excluded; the host heap's
    /// records count, its slabs do not).
    public var allocationsPerOp: Double? { marginalAllocations?.perOp }
    /// Marginal bytes allocated per op (setup excluded).
    public var bytesPerOp: Double? { marginalBytes?.perOp }
    /// Marginal jemalloc requests per op, the host heap's slabs included.
    public var processAllocationsPerOp: Double? { marginalProcessAllocations?.perOp }
    /// Marginal host-heap records (promises) per op.
    public var heapObjectsPerOp: Double? { marginalHeapObjects?.perOp }
    /// Exact marginal instructions per op; nil unless the instruction pass ran.
    public var instructionsPerOp: Double? { instructions?.perOp }
    public var counters: StrategyCounters? { measuredOn == nil ? outcome?.counters : nil }
    /// Pending requests at the peak (request-server), for per-request memory.
    public var pendingAtPeak: Int { min(spec.parameters.concurrency, spec.parameters.ops) }
}

extension Oracle {
    /// Marks every faithful result whose checksum differs from the strict
    /// majority's (all of them when there is no majority). `none` is exempt.
    static func judge(_ results: inout [CellResult]) {
        let judged = results.indices.filter { results[$0].strategy != StrategyCatalog.baselineID && results[$0].status.isOK }
        let (majority, dissenting) = vote(judged.map { results[$0].outcome!.checksum })
        for i in dissenting.map({ judged[$0] }) {
            results[i].status = .checksumMismatch(expected: majority ?? 0, got: results[i].outcome!.checksum)
        }
    }
}
