import Foundation
import XCTest
@testable import Reporting

final class RunComparisonTests: XCTestCase {
    func testARunAgreesWithItselfAndAShiftedCellIsNamed() throws {
        let same = try RunComparison.compare(Fixture.standard, Fixture.standard)
        XCTAssertFalse(same.cells.isEmpty)
        XCTAssertTrue(same.cells.allSatisfy { $0.relativeDifference == 0 })
        XCTAssertTrue(same.passes(within: 0.03, share: 0.9, maximum: 0.1))

        // A copy whose first strategy row (not none) has its headline figure 20 % higher.
        var table = try CSVTable.read(path: Fixture.standard + "/summary.csv")
        let strategy = table.column("strategy")!, workload = table.column("workload")!, status = table.column("status")!
        let index = table.rows.firstIndex { $0[strategy] != "none" && $0[status] == "ok" }!
        let column = ResultsSchema.headlineColumn(workload: table.rows[index][workload], strategy: table.rows[index][strategy])
        let c = table.column(column)!
        table.rows[index][c] = CSVFormat.number(Double(table.rows[index][c])! * 1.2, digits: 8)
        let dir = try Fixture.scratch(self)
        try table.encoded().write(toFile: dir + "/summary.csv", atomically: true, encoding: .utf8)
        let shifted = try RunComparison.compare(Fixture.standard, dir)
        XCTAssertFalse(shifted.passes(within: 0.03, share: 0.9, maximum: 0.1))
        let worst = shifted.cells.max { $0.relativeDifference < $1.relativeDifference }!
        XCTAssertEqual(worst.relativeDifference, 0.2, accuracy: 1e-6)
        XCTAssertTrue(shifted.render(within: 0.03, maximum: 0.1).contains(worst.label))
    }

    /// `compare-runs --out`'s tables: every cell with both values, and the
    /// distribution over all cells and per headline column, as fractions.
    func testTablesHoldEveryCellAndTheDistribution() {
        let cells = [0.0, 0.01, 0.02, 0.05, 0.2].enumerated().map { i, d in
            RunComparison.Cell(label: "cell \(i)", column: i < 3 ? "ratio_vs_none" : "added_ns_per_op", a: 100, b: 100 * (1 + d), relativeDifference: d)
        }
        let comparison = RunComparison(cells: cells, unmatched: [])
        let table = comparison.cellsTable()
        XCTAssertEqual(table.header, RunComparison.cellColumns)
        XCTAssertEqual(table.rows.count, 5)
        XCTAssertEqual(table.rows[4], ["cell 4", "added_ns_per_op", "100", "120", "0.2"])
        let distribution = comparison.distributionTable(within: 0.03, maximum: 0.1)
        XCTAssertEqual(distribution.header, RunComparison.distributionColumns)
        XCTAssertEqual(distribution.rows.map { $0[0] }, ["all", "added_ns_per_op", "ratio_vs_none"])
        // all: median 0.02, 3 of 5 within 3 %, 4 of 5 within 10 %, max 0.2.
        XCTAssertEqual(distribution.rows[0], ["all", "5", "0.02", "0.2", "0.2", "0.03", "0.6", "0.1", "0.8"])
        XCTAssertEqual(distribution.rows[2], ["ratio_vs_none", "3", "0.01", "0.02", "0.02", "0.03", "1", "0.1", "1"])
    }

    func testMicroOperationsUseAddedCost() {
        XCTAssertEqual(ResultsSchema.headlineColumn(workload: "get-store", strategy: "frame-ref"), "added_ns_per_op")
        XCTAssertEqual(ResultsSchema.headlineColumn(workload: "run-enter", strategy: "hook-map-copy"), "added_ns_per_op")
        XCTAssertEqual(ResultsSchema.headlineColumn(workload: "promise-chain", strategy: "frame-ref"), "ratio_vs_none")
        XCTAssertEqual(ResultsSchema.headlineColumn(workload: "get-store", strategy: "none"), ResultsSchema.timeColumn)
    }
}

final class RankCorrelationTests: XCTestCase {
    func testSpearman() {
        let monotone = [(1.0, 10.0), (2, 20), (3, 25), (4, 100)].map { (x: $0.0, y: $0.1) }
        XCTAssertEqual(RankCorrelation.spearman(monotone)!, 1, accuracy: 1e-12)
        let reversed = monotone.map { (x: $0.x, y: -$0.y) }
        XCTAssertEqual(RankCorrelation.spearman(reversed)!, -1, accuracy: 1e-12)
        XCTAssertEqual(RankCorrelation.ranks([5, 1, 5, 3]), [3.5, 1, 3.5, 2])
        XCTAssertNil(RankCorrelation.spearman(Array(monotone.prefix(2))))
    }
}
