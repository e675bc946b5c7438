import XCTest
import HostRuntime
import ContextStrategies
import Measurement
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

/// Deterministic costs of the host under `none`: exact allocation counts per
/// reaction / await / timer (the difference between a run of 2N and of N ops,
/// so fixed costs cancel), never wall-clock time.
final class HostCostTests: XCTestCase {
    func probe() throws -> AllocationProbe {
        guard let probe = AllocationProbe.shared else {
            XCTFail("jemalloc is not the allocator: \(AllocationProbe.unavailableReason ?? "?") (run scripts/setup)")
            throw XCTSkip("no allocation probe")
        }
        return probe
    }

    /// Allocations per op: (allocs(2N) - allocs(N)) / N, after a warm-up run.
    func allocationsPerOp<S: ContextStrategy>(_ workload: WorkloadID, _ strategy: S.Type = NoPropagation.self,
                                              storages: Int = 0, n: Int = 2_000) throws -> Double {
        let probe = try probe()
        func count(_ ops: Int) -> UInt64 {
            probe.measure { workload.run(S.self, WorkloadParameters(storages: storages, ops: ops)) }.1.allocations
        }
        _ = count(n)
        return Double(Int64(count(2 * n)) - Int64(count(n))) / Double(n)
    }

    func testNoneChainReactionCostsOneAllocation() throws {
        // The derived promise is the only allocation of a `then` reaction: the
        // reaction record is inline in the promise and moves into the queue.
        XCTAssertEqual(try allocationsPerOp(.promiseChain), 1.0)
    }

    func testNoneAwaitCostsOnePromise() throws {
        // `await undefined`: PromiseResolve allocates a promise. The await
        // reaction lives inline in it, and the continuation closure captures
        // only the flow object (as a generator's resumption reuses its frame),
        // so Swift allocates no closure context.
        XCTAssertEqual(try allocationsPerOp(.awaitLoop), 1.0)
    }

    func testNoneTimerCostsOneAllocation() throws {
        #if DEBUG
        // Debug builds compile swift-collections' Heap with -Onone, which
        // allocates on pop; the pin is for the release build bench measures.
        throw XCTSkip("allocation pin for timers holds in release builds (scripts/test runs release)")
        #endif
        // Per timer: the Timeout object; heap storage growth amortizes to
        // almost nothing (a doubling between n and 2n adds one buffer).
        XCTAssertEqual(try allocationsPerOp(.timerSpread, n: 4_000), 1.0, accuracy: 0.01)
    }

    /// A hook resource is one allocation up to three properties (the record
    /// holds V8's first, three-slot property array); at k = 8 its ten
    /// properties add the arrays of 6, 9 and 12 slots, as V8 allocates them.
    func testHookResourceAllocatesItsPropertyArraysAsV8Does() throws {
        let none = try allocationsPerOp(.promiseChain, storages: 1)
        XCTAssertEqual(try allocationsPerOp(.promiseChain, HookMapCopy.self, storages: 1) - none, 1.0)
        XCTAssertEqual(try allocationsPerOp(.promiseChain, HookMapCopy.self, storages: 8) - none, 4.0)
    }

    func testMapFrameCopyAllocatesOneTablePerCapacity() throws {
        // Node 24's `run` copies the frame twice through `new Map(iterable)`.
        // Per copy: the frame, one table per capacity it passes through (V8's
        // `OrderedHashMap` is one FixedArray: buckets and entries together),
        // and one `[key, value]` entry per iterator step (the iterator itself
        // does not escape, and Swift keeps it on the stack).
        // k = 1: the parent holds 2 entries (the entered storage and the
        // subject), capacity 4: 1 + 1 + 2 = 4 per copy.
        let none = try allocationsPerOp(.runEnter, storages: 1)
        XCTAssertEqual(try allocationsPerOp(.runEnter, ContinuationSlot.self, storages: 1) - none, 2 * 4)
        // k = 8: 9 entries, tables of 4, 8 and 16: 1 + 3 + 9 = 13 per copy.
        XCTAssertEqual(try allocationsPerOp(.runEnter, ContinuationSlot.self, storages: 8) - none, 2 * 13)
    }

    func testNoneStoresNothingPerResource() {
        XCTAssertEqual(MemoryLayout<NoPropagation.NoSaved>.size, 0)
        // `Captured?` of `none` is always nil: a resource record holds one null pointer.
        XCTAssertEqual(MemoryLayout<NoPropagation.Nothing?>.size, MemoryLayout<Int>.size)
    }

    /// Live bytes per pending promise and per pending timer (issue 12: no
    /// worse than the 160 bytes per chain step of the first host): `n`
    /// pending records, measured as live jemalloc bytes while they wait.
    func testBytesPerPendingPromiseAndTimer() throws {
        let probe = try probe()
        func live() -> Int64 { let b = probe.threadBytes(); return Int64(b.allocated) - Int64(b.deallocated) }
        let n = 4_096
        let host = Host(strategy: NoPropagation())
        let step: PromiseHandler = { $0 }
        let root = host.withResolvers()
        var before = live()
        var promise = root.promise
        for _ in 0..<n { promise = promise.then(step) }
        let perPromise = Double(live() - before) / Double(n)
        root.resolve(.number(1))
        host.runLoop()
        before = live()
        for _ in 0..<n { host.setTimeout(5) {} }
        let perTimer = Double(live() - before) / Double(n)
        host.runLoop()
        // A promise `then` returns: one record in the host's heap (its
        // stride, 112 bytes) holding its state, inline reaction, handlers and
        // context slot, plus its share of the slab's header and rounding.
        let stride = Double(host.promiseHeap.bytesAllocated) / Double(host.promiseHeap.objectsAllocated)
        XCTAssertEqual(stride, 112)
        XCTAssertEqual(perPromise, stride, accuracy: 2, "8 KiB slabs: header and unused tail under 2 bytes a record")
        // A timer: its 64-byte Timeout object plus its 24-byte heap entry
        // (the heap's storage is exactly 4,096 entries here).
        XCTAssertLessThanOrEqual(perTimer, 88.5)
        _ = promise
    }

    func testRequestServerMemoryReturnsToBaseline() throws {
        let probe = try probe()
        func live() -> Int64 { let b = probe.threadBytes(); return Int64(b.allocated) - Int64(b.deallocated) }
        let parameters = WorkloadParameters(storages: 4, ops: 400, concurrency: 100)
        _ = WorkloadID.requestServer.run(NoPropagation.self, parameters)  // warm metadata caches
        var peak: Int64 = -1
        let before = live()
        let outcome = WorkloadID.requestServer.run(NoPropagation.self, parameters,
                                                   instrumentation: RunInstrumentation(atPeak: { peak = live() - before }))
        XCTAssertEqual(live() - before, 0, "the host holds nothing after draining")
        XCTAssertGreaterThan(peak, 0, "100 pending requests hold memory at the peak")
        XCTAssertEqual(outcome.reads, 3 * 400)
    }
}
