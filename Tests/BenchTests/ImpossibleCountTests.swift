@testable import bench
import Measurement
@testable import Suites
import Workloads
import XCTest

/// Issue 11: a count the work itself cannot produce (negative, or below
/// `none`'s on the same cell) is recounted and, if it stays so, reported as
/// not measured (``InstructionPassRunner/impossibility(of:among:)``).
final class ImpossibleCountTests: XCTestCase {
    func answer(_ strategy: String, storages: Int, perOp: UInt64, timedPath: Bool = false) -> InstructionPass.Answer {
        var item = InstructionPass.Item(cell: CellSpec(.timerBurst, WorkloadParameters(storages: storages, ops: 2000)), strategy: strategy, lowOps: 1000, highOps: 2000)
        item.timedPath = timedPath
        let low: UInt64 = 50_000_000
        return InstructionPass.Answer(item: item, instructions: MarginalCount(lowOps: 1000, highOps: 2000, low: low, high: low + 1000 * perOp),
                                      error: nil)
    }

    func testACountBelowNonesOnTheSameCellIsImpossible() {
        let none = answer(StrategyCatalog.baselineID, storages: 128, perOp: 718)
        let slot = answer("continuation-slot", storages: 128, perOp: 72)
        let reason = InstructionPassRunner.impossibility(of: slot, among: [none, slot])
        XCTAssertEqual(reason, "the marginal count, 72.0 per op, is below none's 718.0 on the same cell")
        XCTAssertNil(InstructionPassRunner.impossibility(of: none, among: [none, slot]), "none is never below itself")
    }

    func testOnlyTheSameCellAndPathCount() {
        let noneOtherCell = answer(StrategyCatalog.baselineID, storages: 8, perOp: 718)
        let noneTimed = answer(StrategyCatalog.baselineID, storages: 128, perOp: 718, timedPath: true)
        let slot = answer("continuation-slot", storages: 128, perOp: 72)
        XCTAssertNil(InstructionPassRunner.impossibility(of: slot, among: [noneOtherCell, noneTimed, slot]))
        let above = answer("continuation-slot", storages: 128, perOp: 900)
        XCTAssertNil(InstructionPassRunner.impossibility(of: above, among: [answer(StrategyCatalog.baselineID, storages: 128, perOp: 718), above]))
    }

    func testANegativeCountIsImpossible() {
        var negative = answer("frame-ref", storages: 128, perOp: 0)
        negative.instructions = MarginalCount(lowOps: 1000, highOps: 2000, low: 9_000_000, high: 7_000_000)
        XCTAssertEqual(InstructionPassRunner.impossibility(of: negative, among: [negative]),
                       "the marginal count is negative (9000000 instructions for 1000 ops, 7000000 for 2000)")
    }
}
