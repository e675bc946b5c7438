import XCTest
import HostRuntime
import ContextStrategies
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

final class WorkloadTests: XCTestCase {
    /// Context reads each workload performs (its logger calls).
    func expectedReads(_ w: WorkloadID, _ p: WorkloadParameters) -> Int {
        switch w {
        case .promiseChain, .awaitLoop, .timerBurst, .timerSpread, .interval, .getStore, .contextChurn, .idleStorages: return p.ops
        case .awaitDepth: return p.ops / (p.depth + 1)
        case .promiseFanout: return (p.ops / p.width) * p.width
        case .thenableAdopt: return 2 * p.ops
        case .timerCancel: return (p.ops + 9) / 10
        case .requestServer: return 3 * p.ops
        case .runEnter: return (p.ops + 255) / 256 + 1
        }
    }

    func testEveryWorkloadRunsToCompletionWithItsReads() {
        for w in WorkloadID.allCases {
            let p = WorkloadParameters(storages: 3, ops: 1_000, concurrency: 10, runRate: 0.5)
            let outcome = w.run(NoPropagation.self, p)
            XCTAssertEqual(outcome.uncaughtErrors, 0, w.rawValue)
            XCTAssertEqual(outcome.reads, expectedReads(w, p), w.rawValue)
        }
    }

    func testWorkloadsAreDeterministic() {
        for w in WorkloadID.allCases {
            let p = WorkloadParameters(storages: 2, ops: 500, concurrency: 20, runRate: 0.25)
            XCTAssertEqual(w.run(NoPropagation.self, p), w.run(NoPropagation.self, p), w.rawValue)
        }
    }

    func testParameterValidationRejectsNonsense() {
        XCTAssertThrowsError(try WorkloadParameters(storages: -1, ops: 10).validate(for: .awaitLoop))
        XCTAssertThrowsError(try WorkloadParameters(storages: 1, ops: 0).validate(for: .awaitLoop))
        XCTAssertThrowsError(try WorkloadParameters(storages: 1, ops: 10, runRate: 1.5).validate(for: .contextChurn))
        XCTAssertThrowsError(try WorkloadParameters(storages: 1, ops: 10, concurrency: 0).validate(for: .requestServer))
        XCTAssertNoThrow(try WorkloadParameters(storages: 0, ops: 1).validate(for: .getStore))
    }

    func testSelectionRejectsUnknownNamesAndEmptyFilters() {
        XCTAssertThrowsError(try RunSelection(suite: .quick, strategies: ["nope"]).validate()) { error in
            XCTAssertTrue("\(error)".contains("valid strategies"))
        }
        XCTAssertThrowsError(try RunSelection(suite: .quick, storages: [999]).validate())
        XCTAssertThrowsError(try RunSelection(suite: .quick, repetitions: 0).validate())
    }

    func testSuitesCoverEveryWorkloadAndTheRequiredSweeps() {
        for suite in [Suite.quick, .standard, .full] {
            XCTAssertEqual(Set(suite.cells.map(\.workload)), Set(WorkloadID.allCases), suite.name)
            XCTAssertEqual(suite.cells.count, Set(suite.cells).count, "\(suite.name) has duplicate cells")
        }
        let full = Suite.full.cells
        for w in Suite.scalingWorkloads {
            XCTAssertEqual(Set(full.filter { $0.workload == w }.map(\.parameters.storages)), [0, 1, 2, 4, 8, 16, 32, 64, 128], w.rawValue)
        }
        let churn = full.filter { $0.workload == .contextChurn }
        XCTAssertEqual(Set(churn.map(\.parameters.runRate)), [0, 0.001, 0.01, 0.1, 0.25, 0.5, 1])
        XCTAssertEqual(Set(churn.map(\.parameters.storages)), [1, 8, 64])
        XCTAssertEqual(Set(full.filter { $0.workload == .requestServer }.map(\.parameters.concurrency)), [1, 10, 100, 1_000, 10_000])
    }

    func testOracleMarksTheOutlierAndExemptsNone() {
        func result(_ id: String, _ checksum: UInt64) -> CellResult {
            CellResult(spec: CellSpec(.awaitLoop, WorkloadParameters(storages: 1, ops: 1)), strategy: id, status: .ok,
                       outcome: WorkloadOutcome(checksum: checksum, reads: 1, uncaughtErrors: 0, counters: StrategyCounters()))
        }
        var results = [result("none", 1), result("a", 7), result("b", 7), result("c", 9)]
        Oracle.judge(&results)
        XCTAssertEqual(results.map(\.status.isOK), [true, true, true, false])
        XCTAssertEqual(results[3].status, .checksumMismatch(expected: 7, got: 9))

        var split = [result("a", 1), result("b", 2)]
        Oracle.judge(&split)
        XCTAssertEqual(split.map(\.status.isOK), [false, false], "no majority: nothing counts")
    }

    func testContextProbeChecksumIsOrderSensitive() {
        let host = Host(strategy: NoPropagation())
        let a = ContextProbe<NoPropagation>([]), b = ContextProbe<NoPropagation>([])
        a.observe(1); a.observe(2)
        b.observe(2); b.observe(1)
        XCTAssertNotEqual(a.checksum, b.checksum)
        XCTAssertEqual(a.reads, 2)
        _ = host
    }

    func testStringObservationsHashTheSameInEveryProcess() {
        // FNV-1a of "request-7" folded into the initial checksum (computed
        // independently); `String.hashValue` would change from run to run.
        let probe = ContextProbe<NoPropagation>([])
        probe.observe("request-7")
        XCTAssertEqual(probe.checksum, 10_277_425_399_048_038_321)
    }
}
