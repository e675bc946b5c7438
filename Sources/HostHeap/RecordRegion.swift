import CJemalloc  // malloc_usable_size: what the process allocator counts for a slab

/// The host's own heap: records of one type bump-allocated from slabs and
/// freed together, as a JavaScript engine bump-allocates its young objects
/// and pays nothing per object that dies.
///
/// This is the package's one piece of manual memory management. Its
/// invariants:
/// - **Ownership.** The region owns every record it hands out. A record is
///   initialized by its caller right after `allocateUninitialized` and deinitialized, with all the others, when
///   the region is destroyed; nothing else deinitializes or frees one.
/// - **Lifetime.** A record's address is valid exactly as long as the region
///   is alive. Whoever holds an address without holding the region (the
///   host's own records pointing at each other) must be owned, directly or
///   not, by the region's owner; whoever may outlive the owner (a handle
///   given to user code) holds the region strongly as well.
/// - **Addresses never move.** Slabs are never reallocated, so an address
///   stays valid for the region's life.
/// - **Counts are exact.** `recordsAllocated` and `bytesAllocated` count what
///   the region handed out (a record's stride each), not the slabs it took
///   from the process allocator: a record in a region is still an object.
///
/// What a record holds (closures, object references) stays Swift's to
/// release: a record's owner may release a field early by assigning over it;
/// the rest is released when the region deinitializes the record.
///
/// - Complexity: `allocateUninitialized` is O(1) (a slab from the process allocator every `maximumSlabBytes` of records).
public struct RecordRegion<Record: RegionRecord>: ~Copyable {
    /// The next free record of the current slab, and its end.
    @usableFromInline var cursor: UnsafeMutablePointer<Record>?
    @usableFromInline var limit: UnsafeMutablePointer<Record>?
    /// The newest slab; each slab's header links to the one before, so the
    /// region's bookkeeping allocates nothing beside its slabs. Every slab
    /// but the newest is full; the newest is initialized up to `cursor`.
    @usableFromInline var newestSlab: UnsafeMutableRawPointer?
    /// The size of the next slab in bytes: slabs double from
    /// `firstSlabBytes` up to `maximumSlabBytes`, so a host that makes few
    /// records takes little memory and a busy one takes a slab from the
    /// allocator rarely. Each is a power of two, a size class of the process
    /// allocator, filled with as many records as fit (a slab of a round number
    /// of records was rounded up to the next class: 135.5 bytes per 112-byte
    /// record, measured). 8 KiB keeps a slab in jemalloc's small classes
    /// (its large ones, from 16 KiB, go through extent management, whose cost
    /// varied with the arena's state: 2.015 times the instructions for twice
    /// the operations, measured with 32 KiB slabs).
    @usableFromInline var nextSlabBytes: Int
    /// Records in every slab taken so far: with the current slab's unused
    /// tail, the records handed out (so `allocateUninitialized` counts nothing).
    @usableFromInline var slabRecords: Int = 0
    /// Records handed out so far.
    public var recordsAllocated: Int { slabRecords - (limit.map { $0 - cursor.unsafelyUnwrapped } ?? 0) }
    @usableFromInline var recordsDeinitialized = false

    public static var firstSlabBytes: Int { 1 << 10 }
    public static var maximumSlabBytes: Int { 1 << 13 }

    public init() { nextSlabBytes = Self.firstSlabBytes }

    /// Bytes handed out: one stride per record.
    public var bytesAllocated: Int { recordsAllocated * MemoryLayout<Record>.stride }

    /// A slab's header, before its records: the slab before it and how many
    /// records it holds.
    @usableFromInline struct SlabHeader {
        @usableFromInline var previous: UnsafeMutableRawPointer?
        @usableFromInline var capacity: Int
    }
    /// Where a slab's records start: after the header, aligned for a record.
    @inlinable static var recordsOffset: Int {
        let align = MemoryLayout<Record>.alignment
        return (MemoryLayout<SlabHeader>.size + align - 1) / align * align
    }
    @inlinable static func records(of slab: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Record> {
        (slab + recordsOffset).assumingMemoryBound(to: Record.self)
    }
    @inlinable static func header(of slab: UnsafeMutableRawPointer) -> SlabHeader {
        slab.load(as: SlabHeader.self)
    }

    /// Room for a new record, which the caller must initialize at once
    /// (`address.initialize(to: Record(…))`, nothing in between that could
    /// destroy the region), valid until the region is destroyed.
    ///
    /// The caller builds the record in place: a record passed in as an
    /// argument was built on the stack and copied in with an outlined copy
    /// of every field (measured: 76 instructions per promise).
    @inlinable @inline(__always)
    public mutating func allocateUninitialized() -> UnsafeMutablePointer<Record> {
        if cursor == limit { takeSlab() }
        let address = cursor.unsafelyUnwrapped
        cursor = address + 1
        return address
    }

    @usableFromInline mutating func takeSlab() {
        let stride = MemoryLayout<Record>.stride
        let bytes = Swift.max(nextSlabBytes, Self.recordsOffset + stride)
        let capacity = (bytes - Self.recordsOffset) / stride
        let slab = UnsafeMutableRawPointer.allocate(byteCount: bytes,
                                                    alignment: Swift.max(MemoryLayout<Record>.alignment, MemoryLayout<SlabHeader>.alignment))
        RegionLedger.tookSlab(records: capacity, stride: stride, slabBytes: malloc_usable_size(slab))
        slabRecords += capacity
        slab.initializeMemory(as: SlabHeader.self, repeating: SlabHeader(previous: newestSlab, capacity: capacity), count: 1)
        newestSlab = slab
        cursor = Self.records(of: slab)
        limit = cursor.unsafelyUnwrapped + capacity
        nextSlabBytes = Swift.min(nextSlabBytes * 2, Self.maximumSlabBytes)
    }

    /// Deinitializes every record that still owns something and forgets
    /// them all: the region's owner calls this once, from its own deinit,
    /// where the record type is concrete (the region's deinit runs
    /// unspecialized, with a metadata look-up per record).
    ///
    /// - Complexity: O(records); a record that owns nothing costs a check.
    @inlinable
    public mutating func deinitializeAll() {
        var slab = newestSlab
        var end = cursor
        while let current = slab {
            let header = Self.header(of: current)
            var record = Self.records(of: current)
            let stop = end.unsafelyUnwrapped
            // A record that owns nothing any more is left as it is: an
            // engine pays nothing for a dead object, and a destroy call on
            // every record cost more than its allocation.
            while record < stop {
                if !Record.ownsNothing(record) { record.deinitialize(count: 1) }
                record += 1
            }
            slab = header.previous
            if let previous = header.previous { end = Self.records(of: previous) + Self.header(of: previous).capacity }
        }
        recordsDeinitialized = true
    }

    deinit {
        precondition(recordsDeinitialized || newestSlab == nil,
                     "a RecordRegion's owner must call deinitializeAll() before the region dies")
        let stride = MemoryLayout<Record>.stride
        var slab = newestSlab
        var unused = limit.map { $0 - cursor.unsafelyUnwrapped } ?? 0
        while let current = slab {
            let header = Self.header(of: current)
            RegionLedger.returnedSlab(unused: unused, stride: stride)
            unused = 0
            #if DEBUG
            // Poison what was freed, so a stale address reads garbage
            // loudly in a debug build instead of plausible old values.
            current.initializeMemory(as: UInt8.self, repeating: 0xDE, count: Self.recordsOffset + header.capacity * stride)
            #endif
            slab = header.previous
            current.deallocate()
        }
    }
}

/// What a region needs to know of its records.
public protocol RegionRecord {
    /// Whether the record at `address` holds no reference or other resource
    /// that deinitializing it would release, so the region may free its
    /// memory without deinitializing it. Must read only trivial fields (a
    /// read of the whole record through the pointer copies it).
    static func ownsNothing(_ address: UnsafeMutablePointer<Self>) -> Bool
}
