/// Direct pointers to one thread's jemalloc byte counters
/// (`thread.allocatedp` / `thread.deallocatedp`), from
/// ``AllocationProbe/currentThreadByteCounters()``.
///
/// Valid only on the thread that obtained it, and only while that thread
/// lives: jemalloc updates the counters in that thread's own state. Reading
/// is two plain loads.
public struct ThreadByteCounters {
    @usableFromInline let allocatedPointer: UnsafeMutablePointer<UInt64>
    @usableFromInline let deallocatedPointer: UnsafeMutablePointer<UInt64>

    init(allocatedPointer: UnsafeMutablePointer<UInt64>, deallocatedPointer: UnsafeMutablePointer<UInt64>) {
        self.allocatedPointer = allocatedPointer
        self.deallocatedPointer = deallocatedPointer
    }

    /// Bytes allocated and deallocated by the owning thread so far
    /// (cumulative, jemalloc size-class units).
    ///
    /// - Complexity: O(1); about a nanosecond.
    @inlinable
    public func read() -> (allocated: UInt64, deallocated: UInt64) {
        return (allocatedPointer.pointee, deallocatedPointer.pointee)
    }
}
