import CJemalloc
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact allocation counters read from jemalloc, the process allocator.
///
/// The `CJemalloc` system-library target links `libjemalloc` with unprefixed
/// symbols, so jemalloc's `malloc`/`free` replace the C library's for the
/// whole process, the Swift runtime included. This probe reads two kinds of
/// counter:
///
/// * **Bytes, per thread** (``threadBytes()``): jemalloc keeps a running total
///   of bytes allocated and deallocated by each thread (in usable-size, i.e.
///   size-class, units). `mallctl("thread.allocatedp")` and
///   `"thread.deallocatedp"` return pointers to those two counters; the probe
///   resolves them once per thread and then reads them directly.
/// * **Allocation requests, process-wide** (``allocationCount()``): jemalloc
///   has no per-thread request count. The probe flushes the calling thread's
///   cache (`thread.tcache.flush`, which merges that cache's request
///   statistics into its arena), advances `epoch` (which refreshes the
///   statistics snapshot), then reads
///   `stats.arenas.<MALLCTL_ARENAS_ALL>.small.nrequests` and
///   `.large.nrequests` (all arenas merged). Without the flush, requests
///   served from the thread cache would be missing.
///
/// For spans (``measure(_:)``) the probe counts the calling thread's requests
/// only (``threadAllocationCount()``): on first use it binds the thread to a
/// private jemalloc arena (`arenas.create` + `thread.arena`) and reads that
/// arena's statistics, so allocations by other threads (dispatch workers, the
/// test runner) can never leak into a span's count.
///
/// ``shared`` is `nil` when jemalloc is not the active allocator (for example
/// when `mallctl` fails, jemalloc was built without statistics, or another
/// allocator was interposed with `LD_PRELOAD` so allocations do not move
/// jemalloc's counters); ``unavailableReason`` then says why. Callers must
/// report allocation figures as unavailable in that case, never as zero.
///
/// Thread safety: the instance is immutable after initialization; the
/// per-thread counter pointers live in thread-specific storage, so any thread
/// may use the probe. ``allocationCount()`` is process-wide: other threads'
/// requests are merged into it at unpredictable times (when their caches
/// flush), so use ``threadAllocationCount()`` to count a span.
public final class AllocationProbe: @unchecked Sendable {
    /// The probe, or `nil` when jemalloc is not the process allocator
    /// (see ``unavailableReason``). Initialized (and verified) once, lazily.
    public static let shared: AllocationProbe? = {
        switch initialization {
        case .success(let probe): return probe
        case .failure: return nil
        }
    }()

    /// Why ``shared`` is `nil`; `nil` when the probe is available.
    public static var unavailableReason: String? {
        switch initialization {
        case .success: return nil
        case .failure(let failure): return failure.reason
        }
    }

    /// jemalloc's version string as reported by `mallctl("version")`,
    /// e.g. `"5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c"`.
    public let allocatorVersion: String

    /// Whether jemalloc runs with thread caches (`opt.tcache`); when it does,
    /// ``allocationCount()`` must flush the calling thread's cache.
    public let threadCacheEnabled: Bool

    /// Thread-specific storage: a heap record holding this thread's
    /// ``ThreadByteCounters`` (freed when the thread exits).
    private let countersKey: pthread_key_t
    /// Thread-specific storage for this thread's private arena index + 1
    /// (0, i.e. no value, means "not bound yet").
    private let arenaKey: pthread_key_t
    /// Management-information bases, resolved once with `mallctlnametomib`.
    private let flushMIB: [Int]
    private let epochMIB: [Int]
    private let smallRequestsMIB: [Int]
    private let largeRequestsMIB: [Int]

    private static let initialization: Result<AllocationProbe, ProbeFailure> = AllocationProbe.make()

    private struct ProbeFailure: Error {
        var reason: String
    }

    private init(
        allocatorVersion: String, threadCacheEnabled: Bool,
        countersKey: pthread_key_t, arenaKey: pthread_key_t,
        flushMIB: [Int], epochMIB: [Int], smallRequestsMIB: [Int], largeRequestsMIB: [Int]
    ) {
        self.allocatorVersion = allocatorVersion
        self.threadCacheEnabled = threadCacheEnabled
        self.countersKey = countersKey
        self.arenaKey = arenaKey
        self.flushMIB = flushMIB
        self.epochMIB = epochMIB
        self.smallRequestsMIB = smallRequestsMIB
        self.largeRequestsMIB = largeRequestsMIB
    }

    // MARK: Reading

    /// Exact bytes allocated and deallocated by the calling thread so far
    /// (cumulative, in jemalloc usable-size units: a 40-byte request counts as
    /// its 48-byte size class).
    ///
    /// The first call on a thread resolves that thread's counter pointers
    /// (two `mallctl` calls and one small allocation for the per-thread
    /// record, made before the counters are read); later calls are one
    /// thread-specific-storage lookup and two loads. A loop that reads the
    /// counters very often can hold ``currentThreadByteCounters()`` instead
    /// and pay only the loads.
    ///
    /// - Complexity: O(1); a few nanoseconds, safe inside a timed loop.
    @inline(__always)
    public func threadBytes() -> (allocated: UInt64, deallocated: UInt64) {
        return currentThreadByteCounters().read()
    }

    /// The calling thread's counter pointers, for reading them repeatedly
    /// without the per-call thread-specific-storage lookup.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public func currentThreadByteCounters() -> ThreadByteCounters {
        if let record = pthread_getspecific(countersKey) {
            return record.assumingMemoryBound(to: ThreadByteCounters.self).pointee
        }
        return resolveThreadByteCounters()
    }

    /// Exact number of allocation requests (small and large, every arena)
    /// made by the process so far.
    ///
    /// Flushes the calling thread's cache, advances jemalloc's statistics
    /// epoch, and reads `stats.arenas.<all>.small.nrequests` +
    /// `.large.nrequests`. Reallocations that move count as requests; frees
    /// do not. Requests still sitting in *other* threads' caches are not yet
    /// included.
    ///
    /// - Complexity: O(number of size classes) for the flush plus the
    ///   statistics refresh: about ten microseconds. Call it at the edges of a
    ///   measured span, never inside a timed loop (the flush also empties the
    ///   thread cache, which changes the timing of what follows).
    public func allocationCount() -> UInt64 {
        refreshStatistics()
        return Self.readUInt64(smallRequestsMIB) &+ Self.readUInt64(largeRequestsMIB)
    }

    /// Exact number of allocation requests (small and large) made by the
    /// calling thread since it was bound to its private arena.
    ///
    /// The first call on a thread creates a jemalloc arena for it
    /// (`arenas.create`) and binds the thread to it (`thread.arena`; the
    /// thread cache's pending statistics are merged into the old arena, and
    /// later allocations of this thread come from the new one). Every call
    /// then flushes the thread cache, advances `epoch` and reads
    /// `stats.arenas.<private>.small.nrequests` + `.large.nrequests`. Only
    /// this thread allocates from that arena, so the figure is unaffected by
    /// other threads. Differences between two readings are what matters; the
    /// absolute value starts near zero at binding time.
    ///
    /// - Complexity: like ``allocationCount()`` (about ten microseconds);
    ///   never inside a timed loop.
    public func threadAllocationCount() -> UInt64 {
        let arena = threadArenaIndex()
        refreshStatistics()
        return Self.readUInt64(smallRequestsMIB, arena: arena) &+ Self.readUInt64(largeRequestsMIB, arena: arena)
    }

    /// Index of the calling thread's private arena, creating and binding it
    /// on first use.
    ///
    /// Each measuring thread gets one arena, never destroyed (jemalloc
    /// allows thousands); the design assumes a few long-lived measuring
    /// threads, such as the host's single thread. Binding happens on the
    /// thread's first ``measure(_:)`` or ``threadAllocationCount()``; call
    /// this once up front if timing runs on the same thread should use the
    /// same arena throughout.
    ///
    /// - Complexity: O(1) after the first call on a thread.
    public func threadArenaIndex() -> Int {
        if let stored = pthread_getspecific(arenaKey) {
            return Int(bitPattern: stored) - 1
        }
        return bindThreadToPrivateArena()
    }

    @inline(never)
    private func bindThreadToPrivateArena() -> Int {
        var index: UInt32 = 0
        var size = MemoryLayout<UInt32>.size
        let created = mallctl("arenas.create", &index, &size, nil, 0)
        precondition(created == 0, "jemalloc arenas.create failed with error \(created)")
        let bound = mallctl("thread.arena", nil, nil, &index, MemoryLayout<UInt32>.size)
        precondition(bound == 0, "jemalloc thread.arena (bind to arena \(index)) failed with error \(bound)")
        var current: UInt32 = .max
        size = MemoryLayout<UInt32>.size
        let read = mallctl("thread.arena", &current, &size, nil, 0)
        precondition(read == 0 && current == index, "jemalloc did not bind this thread to arena \(index) (reads \(current))")
        pthread_setspecific(arenaKey, UnsafeRawPointer(bitPattern: Int(index) + 1))
        return Int(index)
    }

    /// Returns the calling thread's cached and dirty memory to the system:
    /// flushes its thread cache and purges its arena. Called between cells so
    /// each cell's timing starts from the same allocator state rather than
    /// from whatever the previous cell left behind (issue 11: one source of
    /// run-to-run spread; the cell's warm-up sample absorbs the page faults).
    ///
    /// - Complexity: O(dirty pages of the arena).
    public func releaseCachedMemory() {
        refreshStatistics()
        let index = threadArenaIndex()
        _ = mallctl("arena.\(index).purge", nil, nil, nil, 0)
    }

    /// Puts the calling thread's allocator back in one state, whatever ran
    /// before: its thread cache destroyed and created afresh, then its arena
    /// purged. The instruction pass calls it before every counted run, so a
    /// cell's count depends on the cell only. A flush (``releaseCachedMemory()``)
    /// is not enough: it empties the cache's bins but keeps each bin's
    /// adaptive fill state, which the cells before had trained.
    ///
    /// Measured (issue 11; callgrind, timer-burst under none at k = 8, 5,000
    /// and 10,000 timers, instructions per timer): alone 777.4, after
    /// promise-fanout and promise-chain 885.5 with nothing between the cells;
    /// with a purge between them 777.5 and 799.4; with this, 777.6 and 771.6.
    ///
    /// - Complexity: O(cached objects + dirty pages of the arena).
    public func resetAllocatorState() {
        refreshStatistics()
        if threadCacheEnabled {
            for enabled in [false, true] {
                var value = enabled
                let status = mallctl("thread.tcache.enabled", nil, nil, &value, MemoryLayout<Bool>.size)
                precondition(status == 0, "jemalloc thread.tcache.enabled = \(enabled) failed with error \(status)")
            }
        }
        _ = mallctl("arena.\(threadArenaIndex()).purge", nil, nil, nil, 0)
    }

    /// Flushes this thread's cache (merging its request statistics into its
    /// arena) and advances the statistics epoch.
    private func refreshStatistics() {
        if threadCacheEnabled {
            let status = flushMIB.withUnsafeBufferPointer {
                mallctlbymib($0.baseAddress, $0.count, nil, nil, nil, 0)
            }
            // EFAULT: this thread has no cache (disabled per thread), so there
            // is nothing to merge. Anything else would make counts wrong.
            precondition(status == 0 || status == EFAULT,
                         "jemalloc thread.tcache.flush failed with error \(status)")
        }
        var newEpoch: UInt64 = 1  // writing any value refreshes the statistics snapshot
        let epochStatus = epochMIB.withUnsafeBufferPointer {
            mallctlbymib($0.baseAddress, $0.count, nil, nil, &newEpoch, MemoryLayout<UInt64>.size)
        }
        precondition(epochStatus == 0, "jemalloc epoch refresh failed with error \(epochStatus)")
    }

    /// The size class jemalloc would use for a request of `bytes` bytes
    /// (`nallocx(bytes, 0)`), i.e. what ``threadBytes()`` adds for it.
    ///
    /// - Complexity: O(1).
    public func sizeClass(forRequestOf bytes: Int) -> Int {
        precondition(bytes > 0, "sizeClass(forRequestOf:) needs a positive size")
        return Int(nallocx(bytes, 0))
    }

    /// The usable size of a live heap block that jemalloc allocated
    /// (`malloc_usable_size`), e.g. of a class instance obtained with
    /// `Unmanaged.passUnretained(object).toOpaque()`.
    ///
    /// - Complexity: O(1).
    public func usableSize(ofBlockAt pointer: UnsafeRawPointer) -> Int {
        return Int(CJemalloc.malloc_usable_size(UnsafeMutableRawPointer(mutating: pointer)))
    }

    @inline(never)
    private func resolveThreadByteCounters() -> ThreadByteCounters {
        guard let allocated = Self.counterPointer("thread.allocatedp"),
              let deallocated = Self.counterPointer("thread.deallocatedp") else {
            // Verified at initialization on another thread; failing here means
            // jemalloc's per-thread state could not be set up for this thread.
            preconditionFailure("jemalloc thread.allocatedp/deallocatedp unavailable on this thread")
        }
        let counters = ThreadByteCounters(allocatedPointer: allocated, deallocatedPointer: deallocated)
        let record = UnsafeMutablePointer<ThreadByteCounters>.allocate(capacity: 1)
        record.initialize(to: counters)
        pthread_setspecific(countersKey, UnsafeRawPointer(record))
        return counters
    }

    // MARK: Set-up and verification

    private static func make() -> Result<AllocationProbe, ProbeFailure> {
        // 1. Is jemalloc's control interface answering at all?
        var versionPointer: UnsafePointer<CChar>? = nil
        var pointerSize = MemoryLayout<UnsafePointer<CChar>?>.size
        let versionStatus = mallctl("version", &versionPointer, &pointerSize, nil, 0)
        guard versionStatus == 0, let versionPointer else {
            return .failure(ProbeFailure(reason: "mallctl(\"version\") failed with error \(versionStatus): jemalloc's control interface is not reachable"))
        }
        let version = String(cString: versionPointer)

        // 2. Statistics compiled in? (nrequests needs --enable-stats.)
        guard let statsCompiledIn = readBool("config.stats") else {
            return .failure(ProbeFailure(reason: "mallctl(\"config.stats\") failed: cannot tell whether jemalloc \(version) keeps statistics"))
        }
        guard statsCompiledIn else {
            return .failure(ProbeFailure(reason: "jemalloc \(version) was built without statistics (config.stats = false): no allocation counts"))
        }
        guard let tcache = readBool("opt.tcache") else {
            return .failure(ProbeFailure(reason: "mallctl(\"opt.tcache\") failed on jemalloc \(version)"))
        }

        // 3. Resolve the MIBs used on every reading.
        let allArenas = Int(MALLCTL_ARENAS_ALL)
        // The per-arena MIB is the all-arenas one with component 2 replaced.
        guard let flush = mib("thread.tcache.flush"),
              let epoch = mib("epoch"),
              let small = mib("stats.arenas.\(allArenas).small.nrequests"),
              let large = mib("stats.arenas.\(allArenas).large.nrequests"),
              small.count > 2, small[2] == allArenas, large.count > 2, large[2] == allArenas else {
            return .failure(ProbeFailure(reason: "mallctlnametomib failed for the statistics the probe reads (jemalloc \(version))"))
        }

        // 4. Is jemalloc really the allocator Swift uses? If another malloc was
        //    interposed, jemalloc answers mallctl but its counters never move.
        guard let allocatedPointer = counterPointer("thread.allocatedp"),
              let deallocatedPointer = counterPointer("thread.deallocatedp") else {
            return .failure(ProbeFailure(reason: "mallctl(\"thread.allocatedp\"/\"thread.deallocatedp\") failed on jemalloc \(version)"))
        }
        let requested = 4096
        let allocatedBefore = allocatedPointer.pointee
        let block = UnsafeMutableRawPointer.allocate(byteCount: requested, alignment: 16)
        let allocatedAfter = allocatedPointer.pointee
        let deallocatedBefore = deallocatedPointer.pointee
        block.deallocate()
        let deallocatedAfter = deallocatedPointer.pointee
        guard allocatedAfter &- allocatedBefore >= UInt64(requested),
              deallocatedAfter &- deallocatedBefore >= UInt64(requested) else {
            return .failure(ProbeFailure(reason: "jemalloc \(version) is linked but is not the process allocator: a \(requested)-byte Swift allocation moved thread.allocated by \(allocatedAfter &- allocatedBefore) and thread.deallocated by \(deallocatedAfter &- deallocatedBefore) bytes (another malloc interposed?)"))
        }

        // 5. Thread-specific storage for the per-thread counter pointers.
        var countersKey = pthread_key_t()
        var arenaKey = pthread_key_t()
        // The destructor frees a thread's counter record when it exits.
        guard pthread_key_create(&countersKey, { record in record?.deallocate() }) == 0,
              pthread_key_create(&arenaKey, nil) == 0 else {
            return .failure(ProbeFailure(reason: "pthread_key_create failed: no thread-specific storage for the counter pointers"))
        }
        return .success(AllocationProbe(
            allocatorVersion: version, threadCacheEnabled: tcache,
            countersKey: countersKey, arenaKey: arenaKey,
            flushMIB: flush, epochMIB: epoch, smallRequestsMIB: small, largeRequestsMIB: large))
    }

    private static func mib(_ name: String) -> [Int]? {
        var buffer = [Int](repeating: 0, count: 8)
        var length = buffer.count
        let status = buffer.withUnsafeMutableBufferPointer {
            mallctlnametomib(name, $0.baseAddress, &length)
        }
        guard status == 0 else { return nil }
        return Array(buffer.prefix(length))
    }

    private static func readBool(_ name: String) -> Bool? {
        var value = false
        var size = MemoryLayout<Bool>.size
        guard mallctl(name, &value, &size, nil, 0) == 0 else { return nil }
        return value
    }

    private static func counterPointer(_ name: String) -> UnsafeMutablePointer<UInt64>? {
        var pointer: UnsafeMutablePointer<UInt64>? = nil
        var size = MemoryLayout<UnsafeMutablePointer<UInt64>?>.size
        guard mallctl(name, &pointer, &size, nil, 0) == 0 else { return nil }
        return pointer
    }

    private static func readUInt64(_ mib: [Int]) -> UInt64 {
        var value: UInt64 = 0
        var size = MemoryLayout<UInt64>.size
        let status = mib.withUnsafeBufferPointer {
            mallctlbymib($0.baseAddress, $0.count, &value, &size, nil, 0)
        }
        precondition(status == 0, "jemalloc statistics read failed with error \(status)")
        return value
    }

    /// Reads a `stats.arenas.<i>.…` counter for arena `arena`, substituting
    /// the arena component of an all-arenas MIB in a stack buffer (no heap
    /// allocation between a span's readings).
    private static func readUInt64(_ mib: [Int], arena: Int) -> UInt64 {
        var value: UInt64 = 0
        var size = MemoryLayout<UInt64>.size
        let status = withUnsafeTemporaryAllocation(of: Int.self, capacity: mib.count) { buffer -> Int32 in
            for i in 0..<mib.count { buffer[i] = mib[i] }
            buffer[2] = arena
            return mallctlbymib(buffer.baseAddress, buffer.count, &value, &size, nil, 0)
        }
        precondition(status == 0, "jemalloc statistics read for arena \(arena) failed with error \(status)")
        return value
    }
}
