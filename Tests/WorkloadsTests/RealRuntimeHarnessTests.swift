import XCTest
import Measurement
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

/// Issue 13: the harness that drives the real runtimes turns a port's raw
/// samples into the model's statistics and CSV rows.
final class RealRuntimeHarnessTests: XCTestCase {
    /// A port's output for k = 0 and k = 8: warm-ups excluded, medians, the
    /// fastest repetitions and their ratio computed by `Statistics`, model
    /// counters absent.
    func testPortOutputBecomesCellResults() throws {
        var lines = [#"{"type":"meta","workload":"await-loop"}"#]
        let perIteration: [Int: [Double]] = [0: [100, 110, 90], 8: [300, 310, 290]]
        for k in [0, 8] {
            lines.append(#"{"type":"sample","k":\#(k),"repetition":0,"warmup":1,"iterations":2,"total_ns":999999}"#)
            for (r, ns) in perIteration[k]!.enumerated() {
                lines.append(#"{"type":"sample","k":\#(k),"repetition":\#(r),"warmup":0,"iterations":2,"total_ns":\#(Int(ns * 2 * 10))}"#)
            }
            lines.append(#"{"type":"cell","k":\#(k),"ops":10,"checksum":"18446744073709551615","checksums_agree":true,"reads":10}"#)
        }
        let output = try PortOutput.parse(lines.joined(separator: "\n"))
        let harness = RealRuntimeHarness(root: "/", located: [], skipped: [])
        let cell = CellSpec(.awaitLoop, WorkloadParameters(storages: 8, ops: 10))
        let rows = try harness.results(output, runtime: .node24Frame, cell: cell, ks: [0, 8], seed: 1)
        XCTAssertEqual(rows.map(\.spec.parameters.storages), [0, 8])
        XCTAssertEqual(rows[0].timing?.median, 100, "ns per op: total / (iterations × ops), warm-up excluded")
        XCTAssertEqual(rows[1].timing?.median, 300)
        XCTAssertEqual(rows[1].timing?.n, 3)
        XCTAssertEqual(rows[1].timing?.minimum, 290)
        XCTAssertEqual(try XCTUnwrap(rows[1].ratioVsNone?.ratio), 290.0 / 90, accuracy: 1e-12, "the fastest against the fastest")
        XCTAssertNil(rows[0].ratioVsNone)
        XCTAssertEqual(rows[1].outcome?.checksum, UInt64.max)
        XCTAssertNil(rows[1].counters, "a real runtime has no model counters: empty columns, not zeros")
        XCTAssertEqual(rows[1].samples.count, 4)
        XCTAssertEqual(rows[1].strategy, "node24-frame")
    }

    func testMalformedOutputIsAClearError() {
        XCTAssertThrowsError(try PortOutput.parse(#"{"type":"sample","k":1}"#)) { error in
            XCTAssertTrue("\(error)".contains("line 1"), "\(error)")
        }
        XCTAssertThrowsError(try PortOutput.parse(#"{"type":"cell","k":1,"ops":1,"checksum":"x","reads":1}"#))
    }

    func testMissingRuntimeIsSkippedWithAReason() {
        let harness = RealRuntimeHarness.locate([.node24Frame, .deno, .bun], root: "/nonexistent", benchDirectory: "/nonexistent")
        XCTAssertTrue(harness.located.isEmpty)
        XCTAssertEqual(harness.skipped.map(\.runtime), [.node24Frame, .deno, .bun])
        XCTAssertTrue(harness.skipped.allSatisfy { $0.reason.contains("scripts/real/setup") })
    }

    func testFidelitySuite() {
        let cells = Suite.fidelity.cells
        XCTAssertEqual(cells.count, Set(cells).count)
        XCTAssertEqual(Set(cells.map(\.workload)), Set(WorkloadID.allCases))
        for w in WorkloadID.allCases where w != .contextChurn {
            XCTAssertEqual(cells.filter { $0.workload == w }.map(\.parameters.storages).sorted(), [1, 8, 64], w.rawValue)
        }
        let churn = cells.filter { $0.workload == .contextChurn }
        XCTAssertEqual(churn.count, 3 * Suite.fidelityRunRates.count)
        // `none`, then every runtime's counterpart in registration order.
        XCTAssertEqual(Suite.fidelity.strategies, ["none", "hook-map-copy", "hook-map-copy-node20", "frame-ref", "continuation-slot"])
        for runtime in RealRuntime.allCases where runtime.modelCounterpart != nil {
            XCTAssertTrue(Suite.fidelity.strategies.contains(runtime.modelCounterpart!), runtime.rawValue)
        }
    }
}
