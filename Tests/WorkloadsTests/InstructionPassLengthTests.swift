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

    /// The sizing of an expensive cell's counted runs: pure arithmetic on the two probes' counts.
    func testSizedOpsFitTheBudgetWithinTheBounds() {
        func sized(_ setup: UInt64, _ perOp: UInt64, minimumOps: Int = 200) -> (Int, Int) {
            InstructionPass.sizedOps(probe: (setup + perOp * UInt64(minimumOps), setup + perOp * UInt64(2 * minimumOps)), probeOps: minimumOps,
                                     budget: 20_000_000, minimumOps: minimumOps, maximumOps: 2_000)
        }
        // 34,000 instructions per operation: 20 M fits 588 (even).
        XCTAssertTrue(sized(0, 34_000) == (294, 588))
        // A cheap cell keeps its whole length.
        XCTAssertTrue(sized(0, 1_000) == (1_000, 2_000))
        // A very expensive one stops at the minimum.
        XCTAssertTrue(sized(0, 10_000_000) == (100, 200))
        // A huge setup (continuation-slot at k = 128: tens of millions) does
        // not shorten a cheap cell: the marginal cost sizes it.
        XCTAssertTrue(sized(60_000_000, 1_000) == (1_000, 2_000))
        // Probes whose difference is not positive (operations cheaper than
        // the setup's wobble) keep the whole length, where the setup weighs least.
        XCTAssertTrue(InstructionPass.sizedOps(probe: (40_000_000, 40_000_000), probeOps: 200, budget: 20_000_000, minimumOps: 200,
                                               maximumOps: 2_000) == (1_000, 2_000))
        XCTAssertTrue(InstructionPass.sizedOps(probe: (40_000_100, 40_000_000), probeOps: 200, budget: 20_000_000, minimumOps: 200,
                                               maximumOps: 2_000) == (1_000, 2_000))
        // An odd minimum is kept (never shorter than the cell's mix needs).
        XCTAssertTrue(sized(0, 10_000_000, minimumOps: 667) == (333, 667))
    }
}
