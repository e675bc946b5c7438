import XCTest
@testable import Workloads
@testable import Suites

/// Issue 11: the instruction pass counts each standard cell at the quick
/// suite's length (counts are exact, so the marginal figure needs no longer
/// run), never longer than the cell, and a request-server cell keeps at
/// least two requests per concurrent slot.
final class InstructionPassLengthTests: XCTestCase {
    func testEveryStandardCellIsCountedAtMostAtItsOwnLengthAndAtTheQuickLength() {
        for cell in Suite.standard.cells {
            let ops = Suite.instructionOps(cell)
            XCTAssertLessThanOrEqual(ops, cell.parameters.ops, "\(cell)")
            XCTAssertLessThanOrEqual(ops, max(Suite.defaultOps(cell.workload, scale: Suite.quickScale), 2 * cell.parameters.concurrency), "\(cell)")
            XCTAssertGreaterThanOrEqual(ops, 2, "\(cell): the marginal count needs two lengths")
            if cell.workload == .requestServer { XCTAssertGreaterThanOrEqual(ops, 2 * cell.parameters.concurrency, "\(cell)") }
            let item = InstructionPass.Item.suiteCell(cell, strategy: "none")
            XCTAssertEqual(item.highOps, ops)
            XCTAssertEqual(item.lowOps, ops / 2)
        }
        // The await-loop cell of the standard suite: 10,000 timed operations, 2,000 counted.
        let awaitLoop = Suite.standard.cells.first { $0.workload == .awaitLoop && $0.parameters.storages == 8 }!
        XCTAssertEqual(awaitLoop.parameters.ops, 10_000)
        XCTAssertEqual(Suite.instructionOps(awaitLoop), 2_000)
    }

    func testACellShorterThanTheQuickLengthKeepsItsOwnLength() {
        let short = CellSpec(.promiseChain, WorkloadParameters(storages: 1, ops: 300))
        XCTAssertEqual(Suite.instructionOps(short), 300)
    }

    func testTheMinimumLengthKeepsTheCellsMixOfWork() {
        for cell in Suite.standard.cells {
            let minimum = Suite.minimumInstructionOps(cell)
            XCTAssertLessThanOrEqual(minimum, Suite.instructionOps(cell), "\(cell)")
            XCTAssertGreaterThanOrEqual(minimum, 2, "\(cell)")
            if cell.workload == .requestServer {
                XCTAssertEqual(minimum, max(2, cell.parameters.concurrency), "\(cell)")
            } else if cell.workload == .contextChurn, cell.parameters.runRate > 0 {
                // At least two context changes in the longer run (or as many as the cell has).
                XCTAssertGreaterThanOrEqual(Double(minimum) * cell.parameters.runRate,
                                            min(2, Double(Suite.instructionOps(cell)) * cell.parameters.runRate), "\(cell)")
            } else {
                XCTAssertEqual(minimum, min(200, Suite.instructionOps(cell)), "\(cell)")
            }
        }
    }

    /// The sizing of an expensive cell's counted runs: pure arithmetic on the probe's count.
    func testSizedOpsFitTheBudgetWithinTheBounds() {
        // 34,000 instructions per operation: 20 M fits 588 (even).
        XCTAssertTrue(InstructionPass.sizedOps(probe: 34_000 * 200, probeOps: 200, budget: 20_000_000, minimumOps: 200, maximumOps: 2_000) == (294, 588))
        // A cheap cell keeps its whole length.
        XCTAssertTrue(InstructionPass.sizedOps(probe: 1_000 * 200, probeOps: 200, budget: 20_000_000, minimumOps: 200, maximumOps: 2_000) == (1_000, 2_000))
        // A very expensive one stops at the minimum.
        XCTAssertTrue(InstructionPass.sizedOps(probe: 10_000_000 * 200, probeOps: 200, budget: 20_000_000, minimumOps: 200, maximumOps: 2_000) == (100, 200))
        // An odd minimum is kept (never shorter than the cell's mix needs).
        XCTAssertTrue(InstructionPass.sizedOps(probe: UInt64.max / 2, probeOps: 1, budget: 20_000_000, minimumOps: 667, maximumOps: 2_000) == (333, 667))
    }
}
