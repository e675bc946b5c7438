import Synchronization

/// Process-wide counts of what every `RecordRegion` handed out, so that an
/// allocation figure counts the host's heap objects as objects and not the
/// slabs they came in (`AllocationProbe.measure`).
///
/// Updated only when a region takes a slab or is destroyed, never per
/// record: a region is charged a whole slab's records when it takes the slab
/// and refunded the records it never handed out when it dies. So the
/// figures are exact for a span in which every region it created also died
/// (one workload run), and count at most one slab's unused records too many
/// while a region is alive. They count every thread's regions: a measured
/// span must be the only one running hosts (the suites measure on one thread).
public enum RegionLedger {
    private static let slabsTaken = Atomic<Int>(0)
    private static let slabBytesTaken = Atomic<Int>(0)
    private static let slabsReturned = Atomic<Int>(0)
    private static let records = Atomic<Int>(0)
    private static let recordBytes = Atomic<Int>(0)

    /// `slabBytes`: what the process allocator counts for the slab (its usable size).
    static func tookSlab(records count: Int, stride: Int, slabBytes: Int) {
        slabsTaken.add(1, ordering: .relaxed)
        slabBytesTaken.add(slabBytes, ordering: .relaxed)
        records.add(count, ordering: .relaxed)
        recordBytes.add(count * stride, ordering: .relaxed)
    }

    static func returnedSlab(unused: Int, stride: Int) {
        slabsReturned.add(1, ordering: .relaxed)
        records.subtract(unused, ordering: .relaxed)
        recordBytes.subtract(unused * stride, ordering: .relaxed)
    }

    /// The totals so far; subtract two readings for a span's figures.
    public struct Reading: Sendable, Equatable {
        /// Slabs taken from (and returned to) the process allocator.
        public var slabsTaken: Int, slabBytesTaken: Int, slabsReturned: Int
        /// Records handed out, and their bytes (one stride each).
        public var records: Int, recordBytes: Int
    }

    public static func read() -> Reading {
        Reading(slabsTaken: slabsTaken.load(ordering: .relaxed), slabBytesTaken: slabBytesTaken.load(ordering: .relaxed),
                slabsReturned: slabsReturned.load(ordering: .relaxed),
                records: records.load(ordering: .relaxed), recordBytes: recordBytes.load(ordering: .relaxed))
    }
}
