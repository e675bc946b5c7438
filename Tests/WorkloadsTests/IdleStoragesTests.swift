import XCTest
import HostRuntime
import ContextStrategies
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

/// Issue 18: what storages that exist but are never used cost, by release of
/// the async_hooks design (deterministic counters of the `idle-storages` workload).
final class IdleStoragesTests: XCTestCase {
    func testNode24CopiesIdleStoragesNode20DoesNot() {
        for k in [0, 1, 8, 64] {
            let p = WorkloadParameters(storages: k, ops: 1_000)
            let node24 = WorkloadID.idleStorages.run(HookMapCopy.self, p)
            let node20 = WorkloadID.idleStorages.run(HookMapCopyNode20.self, p)
            // Same program, same resources (one init hook call each)…
            XCTAssertEqual(node24.counters.hookCalls, node20.counters.hookCalls, "k=\(k)")
            XCTAssertGreaterThanOrEqual(node24.counters.hookCalls, 2 * p.ops, "k=\(k)")
            // …but Node 24 copies the k idle storages plus the used one onto each,
            // Node 20 only the used one.
            XCTAssertEqual(node24.counters.entriesCopied, (k + 1) * node24.counters.hookCalls, "k=\(k)")
            XCTAssertEqual(node20.counters.entriesCopied, node20.counters.hookCalls, "k=\(k)")
            // Both observe the same values (the oracle).
            XCTAssertEqual(node24.checksum, node20.checksum, "k=\(k)")
            XCTAssertEqual(node24.reads, p.ops)
        }
    }

    func testFrameDesignsPayNothingForIdleStorages() {
        let small = WorkloadID.idleStorages.run(ContinuationSlot.self, WorkloadParameters(storages: 0, ops: 1_000))
        let large = WorkloadID.idleStorages.run(ContinuationSlot.self, WorkloadParameters(storages: 64, ops: 1_000))
        XCTAssertEqual(small.counters, large.counters)
        XCTAssertEqual(small.checksum, large.checksum)
    }

    func testIdleStoragesIsInTheStandardKSweep() {
        let ks = Suite.standard.cells.filter { $0.workload == .idleStorages }.map(\.parameters.storages)
        XCTAssertEqual(Set(ks), [0, 1, 4, 8, 16, 64, 128])
        XCTAssertTrue(Suite.standard.strategies.contains(HookMapCopyNode20.id))
    }
}
