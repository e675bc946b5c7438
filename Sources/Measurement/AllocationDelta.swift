import HostHeap

/// What a measured span did to the heap, from ``AllocationProbe/measure(_:)``.
///
/// `allocations` is exact and deterministic for deterministic code (the
/// figure SwiftNIO-style CI gates on); the byte figures are in jemalloc
/// size-class units, but for the host heap's records (one stride each).
///
/// `allocations` and `bytesAllocated` count **objects**: every request made
/// of the process allocator, except the slabs the host's heap takes, plus
/// every record that heap handed out (`HostHeap.RegionLedger`). So moving an
/// object into the host's heap never makes a run report fewer allocations;
/// `processAllocations` is the process allocator's own count, and
/// `heapObjects` the host heap's share of `allocations`.
public struct AllocationDelta: Equatable, Codable, Sendable {
    /// Objects allocated by the measuring thread during the span: allocation
    /// requests (exact; from its private arena, see
    /// ``AllocationProbe/threadAllocationCount()``) less the host heap's
    /// slabs, plus the records the host heap handed out.
    public var allocations: UInt64
    /// Bytes of those objects.
    public var bytesAllocated: UInt64
    /// Requests made of the process allocator (jemalloc), slabs included.
    public var processAllocations: UInt64 = 0
    /// Records the host's heap handed out (part of `allocations`).
    public var heapObjects: UInt64 = 0
    /// Bytes the process allocator freed for the measuring thread during the
    /// span (including blocks allocated before it; the host heap's slabs as
    /// slabs).
    public var bytesFreed: UInt64
    /// Growth (positive) or shrinkage (negative) of the thread's live heap
    /// across the span as the process allocator sees it (slabs whole), i.e.
    /// the memory the span retained.
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
        let heapBefore = RegionLedger.read()
        let countBefore = threadAllocationCount()
        let bytesBefore = threadBytes()
        let result = try body()
        let bytesAfter = threadBytes()
        let countAfter = threadAllocationCount()
        let heapAfter = RegionLedger.read()
        let allocated = bytesAfter.allocated &- bytesBefore.allocated
        let freed = bytesAfter.deallocated &- bytesBefore.deallocated
        // Objects, not slabs: the host heap's slabs out, its records in.
        let process = countAfter &- countBefore
        let slabs = UInt64(heapAfter.slabsTaken - heapBefore.slabsTaken)
        let records = UInt64(heapAfter.records - heapBefore.records)
        let slabBytes = UInt64(heapAfter.slabBytesTaken - heapBefore.slabBytesTaken)
        let recordBytes = UInt64(heapAfter.recordBytes - heapBefore.recordBytes)
        var delta = AllocationDelta(
            allocations: process &- slabs &+ records,
            bytesAllocated: allocated &- slabBytes &+ recordBytes,
            bytesFreed: freed,
            netBytes: Int64(bitPattern: allocated &- freed))
        delta.processAllocations = process
        delta.heapObjects = records
        return (result, delta)
    }
}
