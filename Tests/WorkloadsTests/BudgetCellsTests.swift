import Foundation
import XCTest
@testable import Workloads
@testable import Suites

/// Issue 11: the budgets hold the timed path too. A plain release build once
/// left `bench run`'s timed batches unspecialized (5-20× the instructions of
/// the same work through `SingleRun`), and no test build could see it, since
/// the test build specialized them; CI now counts `none` through the timed
/// path in a plain build (`.ci/run`), against a budget equal to the
/// single-run count.
final class BudgetCellsTests: XCTestCase {
    func testTheTimedPathIsCountedForTheHostAndTheShortestOp() {
        let timed = BudgetCells.entries.filter { $0.figure == .timedInstructionsPerOp }
        XCTAssertEqual(timed.map(\.id), ["promise-chain k=1 none timed_instructions_per_op", "get-store k=8 none timed_instructions_per_op"])
        let items = BudgetCells.instructionItems(BudgetCells.entries)
        let timedItems = items.filter(\.timedPath)
        XCTAssertEqual(timedItems.map(\.cell.workload), [.promiseChain, .getStore])
        XCTAssertTrue(timedItems.allSatisfy { $0.strategy == StrategyCatalog.baselineID && $0.lowOps == BudgetCells.lowOps })
        // The promise-chain k = 1 cell is also counted through `SingleRun`, as its own item.
        XCTAssertTrue(items.contains { !$0.timedPath && $0.cell == timedItems[0].cell && $0.strategy == StrategyCatalog.baselineID })
    }

    func testAnItemSurvivesTheTripToTheChildProcess() throws {
        var item = InstructionPass.Item(cell: CellSpec(.getStore, WorkloadParameters(storages: 8, ops: 4_000)), strategy: "none")
        item.timedPath = true
        let decoded = try JSONDecoder().decode(InstructionPass.Item.self, from: JSONEncoder().encode(item))
        XCTAssertEqual(decoded, item)
        XCTAssertTrue(decoded.timedPath)
    }
}
