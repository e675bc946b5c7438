import XCTest
@testable import Reporting

final class FidelityTests: XCTestCase {
    func summary(_ rows: [(String, String, Int, Double)]) throws -> SummaryData {
        var table = CSVTable(header: ["run_id", "strategy", "workload", "storages", "concurrency", "run_rate", "ratio_vs_none", "status"])
        for (strategy, workload, k, ratio) in rows {
            table.append(["r", strategy, workload, String(k), "", "", String(ratio), "ok"])
        }
        return try SummaryData(table: table, path: "test.csv")
    }

    func testKnownAnswer() throws {
        // Cell 1 (await-loop, 8): model H > F > C, real H > F > C → 3 concordant.
        // Cell 2 (run-enter, 8): model C > F > H, real C > H > F → F/H pair flips: 2 concordant, 1 discordant.
        let model = try summary([
            ("hook-map-copy", "await-loop", 8, 3.0), ("frame-ref", "await-loop", 8, 1.5), ("continuation-slot", "await-loop", 8, 1.2),
            ("hook-map-copy", "run-enter", 8, 100), ("frame-ref", "run-enter", 8, 500), ("continuation-slot", "run-enter", 8, 900),
        ])
        let real = try summary([
            ("node24-hooks", "await-loop", 8, 8.0), ("bun", "await-loop", 8, 1.3), ("node24-frame", "await-loop", 8, 1.25),
            ("node24-hooks", "run-enter", 8, 50), ("bun", "run-enter", 8, 20), ("node24-frame", "run-enter", 8, 600),
            ("node24-hooks", "get-store", 0, 1),  // k = 0 is the baseline: not a cell
        ])
        let report = Fidelity.compare(model: model, real: real)
        XCTAssertEqual(report.cells.count, 2)
        XCTAssertEqual(report.cells.map(\.agrees), [true, false])
        XCTAssertEqual(report.concordant, 5)
        XCTAssertEqual(report.discordant, 1)
        XCTAssertEqual(report.tau!, 4.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(report.agreeingCells, 1)
        // Pairs in counterparts order: (hooks, slot), (hooks, frame-ref), (slot, frame-ref).
        XCTAssertEqual(report.byPair.map(\.2), [2, 1, 2])
        XCTAssertEqual(report.byPair.map(\.3), [0, 1, 0])
    }

    func testCellsWithoutComparablePairsAreLeftOut() throws {
        let model = try summary([("hook-map-copy", "await-loop", 8, 3.0)])
        let real = try summary([("node24-hooks", "await-loop", 8, 8.0)])
        XCTAssertTrue(Fidelity.compare(model: model, real: real).cells.isEmpty)
        XCTAssertNil(Fidelity.compare(model: model, real: real).tau)
    }
}
