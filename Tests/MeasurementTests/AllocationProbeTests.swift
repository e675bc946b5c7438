import XCTest
@testable import Measurement

/// A class whose instances are one heap block each: 16-byte object header
/// plus two `Int` fields = 32 bytes requested.
private final class Pair {
    var first: Int
    var second: Int
    init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }
}

/// A larger class (16-byte header + 7 × 8 = 72 bytes requested, size class 80).
private final class Heptad {
    var a = 0, b = 1, c = 2, d = 3, e = 4, f = 5, g = 6
}

/// A value shared between test threads, behind a lock.
private final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

final class AllocationProbeTests: XCTestCase {
    /// jemalloc missing here is a setup error: fail loudly, never skip.
    private func probe(file: StaticString = #filePath, line: UInt = #line) throws -> AllocationProbe {
        guard let probe = AllocationProbe.shared else {
            let reason = AllocationProbe.unavailableReason ?? "no reason given"
            XCTFail("SETUP ERROR: jemalloc is not the process allocator: \(reason)", file: file, line: line)
            throw XCTSkip("unreachable")  // XCTFail above already failed the test
        }
        return probe
    }

    func testJemallocIsTheActiveAllocator() throws {
        let probe = try probe()
        XCTAssertNil(AllocationProbe.unavailableReason)
        XCTAssertTrue(probe.allocatorVersion.hasPrefix("5."), probe.allocatorVersion)
        XCTAssertTrue(probe.allocatorVersion.contains("-g"), probe.allocatorVersion)
    }

    func testEmptySpanAllocatesNothing() throws {
        let probe = try probe()
        for _ in 0..<5 {
            let (_, delta) = probe.measure { 0 }
            XCTAssertEqual(delta, AllocationDelta(allocations: 0, bytesAllocated: 0, bytesFreed: 0, netBytes: 0))
        }
    }

    func testExactCountAndBytesForRetainedInstances() throws {
        let probe = try probe()
        for n in [1, 7, 100, 1000] {
            var keep: [Pair] = []
            keep.reserveCapacity(n)
            let (_, delta) = probe.measure {
                for i in 0..<n { keep.append(Pair(i, i)) }
            }
            let sizeClass = probe.sizeClass(forRequestOf: 32)
            XCTAssertEqual(delta.allocations, UInt64(n), "n = \(n)")
            XCTAssertEqual(delta.bytesAllocated, UInt64(n * sizeClass), "n = \(n)")
            XCTAssertEqual(delta.bytesFreed, 0, "n = \(n)")
            XCTAssertEqual(delta.netBytes, Int64(n * sizeClass), "n = \(n)")
            // Cross-check the size class against the live blocks themselves.
            let usable = keep.reduce(0) { $0 + probe.usableSize(ofBlockAt: Unmanaged.passUnretained($1).toOpaque()) }
            XCTAssertEqual(UInt64(usable), delta.bytesAllocated)
            XCTAssertEqual(keep.count, n)

            var warmUp: [Pair] = [Pair(0, 0)]
            warmUp.reserveCapacity(4)
            _ = probe.measure { warmUp.removeAll(keepingCapacity: true) }
            let (_, freed) = probe.measure { keep.removeAll(keepingCapacity: true) }
            XCTAssertEqual(freed.allocations, 0)
            XCTAssertEqual(freed.bytesAllocated, 0)
            XCTAssertEqual(freed.bytesFreed, UInt64(n * sizeClass))
            XCTAssertEqual(freed.netBytes, -Int64(n * sizeClass))
        }
    }

    func testSizeClassRounding() throws {
        let probe = try probe()
        let n = 250
        var keep: [Heptad] = []
        keep.reserveCapacity(n)
        let (_, delta) = probe.measure {
            for _ in 0..<n { keep.append(Heptad()) }
        }
        XCTAssertEqual(probe.sizeClass(forRequestOf: 72), 80)
        XCTAssertEqual(delta.allocations, UInt64(n))
        XCTAssertEqual(delta.bytesAllocated, UInt64(n * 80))
        blackHole(keep)
    }

    func testTransientAllocationsInALoopAreAllCounted() throws {
        let probe = try probe()
        // 100,000 allocate-and-free cycles: far more than a thread cache holds,
        // so counting must survive cache fills and flushes.
        let n = 100_000
        var checksum = 0
        let (_, delta) = probe.measure {
            for i in 0..<n {
                let p = Pair(i, checksum)
                blackHole(p)
                checksum &+= p.first
            }
        }
        let sizeClass = UInt64(probe.sizeClass(forRequestOf: 32))
        XCTAssertEqual(delta.allocations, UInt64(n))
        XCTAssertEqual(delta.bytesAllocated, UInt64(n) * sizeClass)
        XCTAssertEqual(delta.bytesFreed, UInt64(n) * sizeClass)
        XCTAssertEqual(delta.netBytes, 0)
        XCTAssertEqual(checksum, (n - 1) * n / 2)
    }

    func testSmallAndLargeAllocationsAreCounted() throws {
        let probe = try probe()
        // 65,536 and 1 MiB are above the default thread-cache limit (32 KiB),
        // so they take jemalloc's "large" path; the others are small.
        let sizes = [16, 100, 4096, 20_000, 65_536, 1 << 20]
        var delta = AllocationDelta(allocations: 0, bytesAllocated: 0, bytesFreed: 0, netBytes: 0)
        for size in sizes {
            let (_, one) = probe.measure {
                let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
                blackHole(block)
                block.deallocate()
            }
            delta.allocations += one.allocations
            delta.bytesAllocated += one.bytesAllocated
            delta.bytesFreed += one.bytesFreed
            delta.netBytes += one.netBytes
        }
        let expectedBytes = UInt64(sizes.reduce(0) { $0 + probe.sizeClass(forRequestOf: $1) })
        XCTAssertEqual(delta.allocations, UInt64(sizes.count))
        XCTAssertEqual(delta.bytesAllocated, expectedBytes)
        XCTAssertEqual(delta.bytesFreed, expectedBytes)
        XCTAssertEqual(delta.netBytes, 0)
    }

    func testThreadBytesAreMonotonic() throws {
        let probe = try probe()
        var previous = probe.threadBytes()
        for i in 0..<1000 {
            let p = Pair(i, i)
            blackHole(p)
            let now = probe.threadBytes()
            XCTAssertGreaterThanOrEqual(now.allocated, previous.allocated)
            XCTAssertGreaterThanOrEqual(now.deallocated, previous.deallocated)
            previous = now
        }
        // The loop above allocated and freed 1000 blocks at least.
        XCTAssertGreaterThan(previous.allocated, 0)
    }

    func testHeldCountersMatchThreadBytes() throws {
        let probe = try probe()
        let counters = probe.currentThreadByteCounters()
        let before = counters.read()
        var keep: [Pair] = []
        keep.reserveCapacity(3)
        let mid = counters.read()
        for i in 0..<3 { keep.append(Pair(i, i)) }
        let after = counters.read()
        XCTAssertEqual(after.allocated - mid.allocated, UInt64(3 * probe.sizeClass(forRequestOf: 32)))
        XCTAssertGreaterThanOrEqual(mid.allocated, before.allocated)
        let viaProbe = probe.threadBytes()
        XCTAssertEqual(viaProbe.allocated, counters.read().allocated)
        XCTAssertEqual(viaProbe.deallocated, counters.read().deallocated)
    }

    func testThreadBytesArePerThread() throws {
        let probe = try probe()
        let before = probe.threadBytes()
        let done = expectation(description: "other thread")
        let other = Thread {
            let start = probe.threadBytes()
            var keep: [Pair] = []
            keep.reserveCapacity(10)
            let mid = probe.threadBytes()
            for i in 0..<10 { keep.append(Pair(i, i)) }
            let end = probe.threadBytes()
            XCTAssertGreaterThanOrEqual(mid.allocated, start.allocated)
            XCTAssertEqual(end.allocated - mid.allocated, UInt64(10 * probe.sizeClass(forRequestOf: 32)))
            done.fulfill()
        }
        other.start()
        wait(for: [done], timeout: 60)
        _ = before
    }

    func testSpanCountsIgnoreOtherThreads() throws {
        let probe = try probe()
        // A second thread allocates non-stop while this one measures spans;
        // its requests must never show up in this thread's counts.
        let stop = Shared(false)
        let finished = expectation(description: "noisy thread finished")
        let noisy = Thread {
            var sink = 0
            while !stop.value {
                for i in 0..<64 {
                    let p = Pair(i, sink)
                    blackHole(p)
                    sink &+= p.second
                }
                // Make its cache overflow and flush into the arena stats too.
                let block = UnsafeMutableRawPointer.allocate(byteCount: 40_000, alignment: 16)
                blackHole(block)
                block.deallocate()
            }
            finished.fulfill()
        }
        noisy.start()
        let n = 50
        for round in 0..<200 {
            var keep: [Pair] = []
            keep.reserveCapacity(n)
            let (_, delta) = probe.measure {
                for i in 0..<n { keep.append(Pair(i, round)) }
            }
            XCTAssertEqual(delta.allocations, UInt64(n), "round \(round)")
            XCTAssertEqual(delta.bytesAllocated, UInt64(n * probe.sizeClass(forRequestOf: 32)), "round \(round)")
        }
        stop.value = true
        wait(for: [finished], timeout: 60)
    }

    func testProcessWideCountIncludesThisThread() throws {
        let probe = try probe()
        let before = probe.allocationCount()
        var keep: [Pair] = []
        keep.reserveCapacity(10)
        for i in 0..<10 { keep.append(Pair(i, i)) }
        let after = probe.allocationCount()
        XCTAssertGreaterThanOrEqual(after - before, 10)
    }

    func testThreadArenaIsPrivateAndStable() throws {
        let probe = try probe()
        let mine = probe.threadArenaIndex()
        XCTAssertEqual(probe.threadArenaIndex(), mine)
        let other = Shared(-1)
        let done = expectation(description: "other thread")
        let thread = Thread {
            other.value = probe.threadArenaIndex()
            done.fulfill()
        }
        thread.start()
        wait(for: [done], timeout: 60)
        XCTAssertNotEqual(other.value, mine)
        XCTAssertGreaterThanOrEqual(other.value, 0)
    }

    func testAllocationCountIsMonotonic() throws {
        let probe = try probe()
        let a = probe.allocationCount()
        let p = Pair(1, 2)
        blackHole(p)
        let b = probe.allocationCount()
        XCTAssertGreaterThan(b, a)
    }
}
