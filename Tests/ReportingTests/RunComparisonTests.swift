import Foundation
import Measurement
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
        let distribution = RunComparison.distributionTable([("summary.csv", .minimum, comparison)], within: 0.03, maximum: 0.1)
        XCTAssertEqual(distribution.header, RunComparison.distributionColumns)
        XCTAssertEqual(distribution.rows.map { $0[2] }, ["all", "added_ns_per_op", "ratio_vs_none"])
        // all: median 0.02, 3 of 5 within 3 %, 4 of 5 within 10 %, max 0.2.
        XCTAssertEqual(distribution.rows[0], ["summary.csv", "minimum", "all", "5", "0.02", "0.2", "0.2", "0.03", "0.6", "0.1", "0.8"])
        XCTAssertEqual(distribution.rows[2], ["summary.csv", "minimum", "ratio_vs_none", "3", "0.01", "0.02", "0.02", "0.03", "1", "0.1", "1"])
    }

    /// The figures recomputed from samples.csv: a second run whose strategy
    /// samples are all 10 % slower except its fastest repetition moves the
    /// ratio of medians by 10 % and the ratio of minima not at all.
    func testSampleFiguresFollowTheStatistic() throws {
        let header = ResultsSchema.samplesColumns.joined(separator: ",")
        func samples(_ strategy: [Double]) -> String {
            var lines = [header]
            func add(_ s: String, _ xs: [Double]) {
                for (i, x) in xs.enumerated() { lines.append("r,\(s),promise-chain,8,100,,,\(i),0,1,\(Int(x * 100)),\(x)") }
                lines.append("r,\(s),promise-chain,8,100,,,9,1,1,1,999")  // a warm-up: ignored
            }
            add("none", [100, 100, 100, 100])
            add("frame-ref", strategy)
            return lines.joined(separator: "\n") + "\n"
        }
        let a = try Fixture.scratch(self) + "/a", b = a.replacingOccurrences(of: "/a", with: "/b")
        try FileManager.default.createDirectory(atPath: a, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: b, withIntermediateDirectories: true)
        try samples([150, 150, 150, 150]).write(toFile: a + "/samples.csv", atomically: true, encoding: .utf8)
        try samples([150, 165, 165, 165]).write(toFile: b + "/samples.csv", atomically: true, encoding: .utf8)
        let minimum = try RunComparison.compareSamples(a, b, statistic: .minimum)
        let median = try RunComparison.compareSamples(a, b, statistic: .median)
        let cell = minimum.cells.first { $0.label == "promise-chain k=8 frame-ref" }!
        XCTAssertEqual(cell.column, "ratio_vs_none")
        XCTAssertEqual(cell.a, 1.5)
        XCTAssertEqual(cell.relativeDifference, 0)
        XCTAssertEqual(median.cells.first { $0.label == "promise-chain k=8 frame-ref" }!.relativeDifference, 0.1, accuracy: 1e-12)
        XCTAssertEqual(minimum.cells.first { $0.label == "promise-chain k=8 none" }!.a, 100)
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
