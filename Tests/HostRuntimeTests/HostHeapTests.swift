import XCTest
import HostHeap
@testable import HostRuntime

/// The host heap's invariants (`RecordRegion`'s doc comment): who owns a
/// record, when what it holds is released, what a handle may outlive, and
/// that its counts are exact.
final class HostHeapTests: XCTestCase {
    /// An object whose release the tests watch.
    final class Sentinel {}

    func testAHandleKeepsItsPromiseReadableAfterTheHostIsGone() {
        var promise: JSPromise<NoPropagation>?
        weak var weakHeap: PromiseHeap<NoPropagation>?
        do {
            let host = NHost(strategy: NoPropagation())
            weakHeap = host.promiseHeap
            host.run { promise = host.promiseResolve(7).then({ v in .number(v.numberValue! * 6) }) }
        }
        XCTAssertNotNil(weakHeap, "a handle holds the heap its record lives in")
        guard case .fulfilled(let value)? = promise?.state else { return XCTFail("\(String(describing: promise))") }
        XCTAssertEqual(value, 42)
        promise = nil
        XCTAssertNil(weakHeap, "the heap dies with its last handle")
    }

    func testWhatARecordHoldsIsReleasedWithItsHeapAndNoLater() {
        weak var pendingCode: Sentinel?, settledResult: Sentinel?, settledThrough: Sentinel?
        do {
            let host = NHost(strategy: NoPropagation())
            host.run {
                // A pending promise holds its handlers (their closure holds the sentinel).
                let code = Sentinel()
                pendingCode = code
                host.withResolvers().promise.then({ _ in _ = code; return .undefined })
                // A settled promise holds an object result.
                let result = Sentinel()
                settledResult = result
                _ = host.promiseResolve(.object(result))
                // A promise whose job ran released its handlers at once.
                let through = Sentinel()
                settledThrough = through
                host.promiseResolve(1).then({ v in _ = through; return v })
            }
            XCTAssertNotNil(pendingCode, "a pending promise keeps its code")
            XCTAssertNotNil(settledResult, "a settled promise keeps its result for a later then()")
            XCTAssertNil(settledThrough, "a job's handlers go when the job has run, not with the heap")
        }
        XCTAssertNil(pendingCode, "released when the heap deinitializes the record")
        XCTAssertNil(settledResult, "released when the heap deinitializes the record")
    }

    func testASettledPromisePinsNoStrategyResource() {
        let strategy = RecordingStrategy()
        let host = Host(strategy: strategy)
        var promise: JSPromise<RecordingStrategy>?
        host.run { promise = host.promiseResolve(1).then({ $0 }) }
        XCTAssertNil(promise?.captured, "dropped once the promiseResolve hook has seen it settle")
        let pending = host.withResolvers().promise
        XCTAssertNotNil(pending.captured, "a pending promise keeps its resource")
    }

    func testTheHeapCountsEveryPromiseItHandsOutAtItsStride() {
        let host = NHost(strategy: NoPropagation())
        host.run {
            var p = host.promiseResolve(0)
            for _ in 0..<1_000 { p = p.then({ $0 }) }
        }
        XCTAssertEqual(host.promiseHeap.objectsAllocated, host.counters.promisesCreated)
        XCTAssertEqual(host.promiseHeap.objectsAllocated, 1_001)
        XCTAssertEqual(host.promiseHeap.bytesAllocated, 1_001 * MemoryLayout<PromiseRecord<NoPropagation>>.stride)
    }

    func testTheLedgerChargesRecordsAndRefundsTheUnusedTailOfASlab() {
        let before = RegionLedger.read()
        do {
            let host = NHost(strategy: NoPropagation())
            host.run { for _ in 0..<100 { _ = host.promiseResolve(1) } }
        }
        let after = RegionLedger.read()
        XCTAssertEqual(after.records - before.records, 100, "records handed out, once every region that took them is gone")
        XCTAssertEqual(after.recordBytes - before.recordBytes, 100 * MemoryLayout<PromiseRecord<NoPropagation>>.stride)
        XCTAssertGreaterThan(after.slabsTaken - before.slabsTaken, 0)
        XCTAssertEqual(after.slabsTaken - before.slabsTaken, after.slabsReturned - before.slabsReturned, "every slab returned")
    }
}
