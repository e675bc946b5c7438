/// What a measured span did to the heap, from ``AllocationProbe/measure(_:)``.
///
/// `allocations` is exact and deterministic for deterministic code (the
/// figure SwiftNIO-style CI gates on); the byte figures are in jemalloc
/// size-class units.
public struct AllocationDelta: Equatable, Codable, Sendable {
    /// Allocation requests made by the measuring thread during the span
    /// (exact; from its private arena, see
    /// ``AllocationProbe/threadAllocationCount()``).
    public var allocations: UInt64
    /// Bytes allocated by the measuring thread during the span.
    public var bytesAllocated: UInt64
    /// Bytes freed by the measuring thread during the span (including blocks
    /// allocated before it).
    public var bytesFreed: UInt64
    /// `bytesAllocated - bytesFreed`: growth (positive) or shrinkage
    /// (negative) of the thread's live heap across the span, i.e. what the
    /// span retained.
    public var netBytes: Int64

    /// Creates a delta from its four figures.
    public init(allocations: UInt64, bytesAllocated: UInt64, bytesFreed: UInt64, netBytes: Int64) {
        self.allocations = allocations
        self.bytesAllocated = bytesAllocated
        self.bytesFreed = bytesFreed
        self.netBytes = netBytes
    }
}

extension AllocationProbe {
    /// Runs `body` once and reports the allocations it made, the bytes it
    /// allocated and freed, and the net change in live bytes.
    ///
    /// The span is bracketed as: resolve this thread's counters (and bind it to
    /// its private arena on first use), read the thread's request count, read
    /// the byte counters, run `body`, read the byte counters, read the request
    /// count. Nothing between the two readings allocates except `body`, and
    /// other threads' allocations are not counted. If `body` throws, the error
    /// propagates and no delta is produced.
    ///
    /// The first execution of a code path may include one-time runtime
    /// allocations (generic metadata, lazy globals); run it once before
    /// measuring when the steady state is what matters.
    ///
    /// - Complexity: the cost of `body` plus two ``threadAllocationCount()``
    ///   readings (about 20 µs). Do not time `body` through this call; time
    ///   and count in separate runs.
    public func measure<R>(_ body: () throws -> R) rethrows -> (R, AllocationDelta) {
        // First use on a thread resolves pointers and binds the arena: keep it outside the span.
        _ = threadBytes()
        _ = threadArenaIndex()
        let countBefore = threadAllocationCount()
        let bytesBefore = threadBytes()
        let result = try body()
        let bytesAfter = threadBytes()
        let countAfter = threadAllocationCount()
        let allocated = bytesAfter.allocated &- bytesBefore.allocated
        let freed = bytesAfter.deallocated &- bytesBefore.deallocated
        return (result, AllocationDelta(
            allocations: countAfter &- countBefore,
            bytesAllocated: allocated,
            bytesFreed: freed,
            netBytes: Int64(bitPattern: allocated &- freed)))
    }
}
