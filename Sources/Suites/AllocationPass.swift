import ContextStrategies
import Measurement
import Workloads

/// Marginal allocation figures of one (cell, strategy): the exact allocation
/// requests and bytes of a run of `lowOps` and of one of `highOps`, so the
/// per-operation figures exclude whatever a run costs regardless of its length.
public struct AllocationPass {
    /// The longer run's full delta.
    public var highRun: AllocationDelta
    /// Objects (``AllocationDelta/allocations``: the host heap's records in, its slabs out).
    public var allocations: MarginalCount
    public var bytes: MarginalCount
    /// Requests made of jemalloc itself, the host heap's slabs included.
    public var processAllocations: MarginalCount
    /// Records the host heap handed out (part of `allocations`).
    public var heapObjects: MarginalCount

    /// Measures `strategy` on `cell` at the two operation counts (after an
    /// uncounted warm-up run when `warmUp`, for callers that have not run the
    /// cell yet).
    ///
    /// - Complexity: two (three) runs of the cell.
    public static func measure<L: StrategyList>(_ cell: CellSpec, strategy: String, probe: AllocationProbe, lowOps: Int, highOps: Int,
                                                warmUp: Bool = false, strategies: L.Type = BuiltInStrategies.self) throws -> AllocationPass {
        func run(_ ops: Int) throws -> AllocationDelta {
            var parameters = cell.parameters
            parameters.ops = ops
            let visitor = SingleRun(workload: cell.workload, parameters: parameters)
            return try probe.measure { try L.visitRegistered(strategy, visitor) }.1
        }
        if warmUp { _ = try run(lowOps) }
        let low = try run(lowOps), high = try run(highOps)
        return AllocationPass(
            highRun: high,
            allocations: MarginalCount(lowOps: lowOps, highOps: highOps, low: low.allocations, high: high.allocations),
            bytes: MarginalCount(lowOps: lowOps, highOps: highOps, low: low.bytesAllocated, high: high.bytesAllocated),
            processAllocations: MarginalCount(lowOps: lowOps, highOps: highOps, low: low.processAllocations, high: high.processAllocations),
            heapObjects: MarginalCount(lowOps: lowOps, highOps: highOps, low: low.heapObjects, high: high.heapObjects))
    }
}
