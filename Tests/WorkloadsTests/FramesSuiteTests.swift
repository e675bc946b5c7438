import XCTest
import HostRuntime
import ContextStrategies
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

/// Issue 8: the `frames` suite and the suites' strategy lists.
final class FramesSuiteTests: XCTestCase {
    func testSuiteStrategyLists() {
        XCTAssertEqual(Suite.quick.strategies, StrategyCatalog.allIDs)
        XCTAssertEqual(Suite.standard.strategies, StrategyCatalog.allIDs)
        XCTAssertEqual(Suite.full.strategies, StrategyCatalog.allMeasurableIDs)
        // The frames suite: the baseline, the faithful designs, then every
        // frame-representation variant, as registered.
        XCTAssertEqual(Suite.frames.strategies, [StrategyCatalog.baselineID] + StrategyCatalog.faithfulIDs + StrategyRegistry.frameVariantIDs)
        XCTAssertEqual(Set(Suite.frames.strategies), Set(StrategyRegistry.entries.map(\.id)), "every registered strategy")
        XCTAssertTrue(Suite.names.contains("frames"))
        XCTAssertEqual(Suite.named("frames")?.name, "frames")
    }

    func testSelectionDefaultsToTheSuiteStrategies() throws {
        XCTAssertEqual(RunSelection(suite: .standard).strategies, StrategyCatalog.allIDs)
        XCTAssertEqual(RunSelection(suite: .frames).strategies, StrategyCatalog.allMeasurableIDs)
        XCTAssertEqual(RunSelection(suite: .quick, strategies: ["none", "slot-linked"]).strategies, ["none", "slot-linked"])
        XCTAssertNoThrow(try RunSelection(suite: .quick, strategies: ["none", "slot-linked"]).validate())
        XCTAssertNoThrow(try RunSelection(suite: .frames).validate())
    }

    func testFramesSuiteCells() {
        let cells = Suite.frames.cells
        XCTAssertEqual(cells.count, Set(cells).count)
        XCTAssertEqual(Set(cells.map(\.workload)), Set(WorkloadID.allCases))
        for w in WorkloadID.allCases where w != .contextChurn && w != .requestServer {
            XCTAssertEqual(Set(cells.filter { $0.workload == w }.map(\.parameters.storages)), [1, 8, 64], w.rawValue)
        }
        let churn = cells.filter { $0.workload == .contextChurn }
        XCTAssertEqual(churn.count, 7 * 3)
        XCTAssertEqual(Set(churn.map(\.parameters.runRate)), [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1])
        XCTAssertEqual(Set(churn.map(\.parameters.storages)), [1, 8, 64])
    }

    /// Every variant observes the same contexts as continuation-slot in every
    /// workload (the in-run oracle would otherwise mark it checksum-mismatch).
    func testVariantsAgreeWithContinuationSlotOnEveryWorkload() throws {
        for w in WorkloadID.allCases {
            for k in [1, 8] {
                let p = WorkloadParameters(storages: k, ops: 400, concurrency: 10, runRate: 0.25)
                let reference = try StrategyCatalog.visit(ContinuationSlot.id, SingleRun(workload: w, parameters: p))
                for id in StrategyCatalog.variantIDs {
                    let outcome = try StrategyCatalog.visit(id, SingleRun(workload: w, parameters: p))
                    XCTAssertEqual(outcome.checksum, reference.checksum, "\(w.rawValue) k=\(k) \(id)")
                    XCTAssertEqual(outcome.reads, reference.reads, "\(w.rawValue) k=\(k) \(id)")
                    XCTAssertEqual(outcome.counters.wrappersAllocated, 0)
                    XCTAssertEqual(outcome.counters.hookCalls, 0)
                }
            }
        }
    }
}
