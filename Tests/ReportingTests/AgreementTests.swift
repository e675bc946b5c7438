import XCTest
@testable import Reporting

/// The unit-cost table and the agreement criteria on hand-made summaries
/// whose answers are known (differences of medians, slopes, crossings).
final class AgreementTests: XCTestCase {
    typealias Row = (strategy: String, workload: String, k: Int, rate: Double?, ns: Double, ratio: Double?, entries: Double?, hooks: Double?)

    func summary(_ rows: [Row]) throws -> SummaryData {
        var table = CSVTable(header: ["run_id", "strategy", "workload", "storages", "concurrency", "run_rate", ResultsSchema.timeColumn,
                                      "ratio_vs_none", "entries_copied_per_op", "hook_calls_per_op", "status"])
        for r in rows {
            table.append(["r", r.strategy, r.workload, String(r.k), r.workload == "request-server" ? "100" : "",
                          r.rate.map { String($0) } ?? "", String(r.ns), r.ratio.map { String($0) } ?? "",
                          r.entries.map { String($0) } ?? "", r.hooks.map { String($0) } ?? "", "ok"])
        }
        return try SummaryData(table: table, path: "test.csv")
    }

    /// Model: floor 100; hooks add 10 + 2·(entries) with entries = 3k per op; slot adds 5.
    /// Engine: floor 50; hooks add 20 + 2·entries (same slope, twice the fixed cost); frame adds 5.
    func data() throws -> FidelityData {
        var model: [Row] = [], real: [Row] = []
        real.append(("node24-hooks", "await-loop", 0, nil, 50, nil, nil, nil))
        real.append(("node24-frame", "await-loop", 0, nil, 50, nil, nil, nil))
        for k in [1, 8, 64] {
            let e = 3.0 * Double(k)
            model.append(("none", "await-loop", k, nil, 100, nil, nil, nil))
            model.append(("hook-map-copy", "await-loop", k, nil, 110 + 2 * e, (110 + 2 * e) / 100, e, 3))
            model.append(("continuation-slot", "await-loop", k, nil, 105, 1.05, 0, nil))
            real.append(("node24-hooks", "await-loop", k, nil, 70 + 2 * e, (70 + 2 * e) / 50, nil, nil))
            real.append(("node24-frame", "await-loop", k, nil, 55, 1.1, nil, nil))
        }
        return FidelityData(model: try summary(model), real: try summary(real))
    }

    func testUnitCostSlopeAndIntercept() throws {
        let table = UnitCostTable(try data())
        let slope = try XCTUnwrap(table.rows.first { $0.operation == "hook-copy-per-entry" && $0.k == "fit" && $0.engine == "node24-hooks" })
        XCTAssertEqual(slope.model!, 2, accuracy: 1e-9)
        XCTAssertEqual(slope.engineValue!, 2, accuracy: 1e-9)
        XCTAssertEqual(slope.within, true)
        // Intercept 10 (model) and 20 (engine) per op, 3 resources per op.
        let fixed = try XCTUnwrap(table.rows.first { $0.operation == "hook-fixed-per-resource" })
        XCTAssertEqual(fixed.model!, 10.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(fixed.engineValue!, 20.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(fixed.factor!, 0.5, accuracy: 1e-9)
        XCTAssertEqual(fixed.within, false)
        let floor = try XCTUnwrap(table.rows.first { $0.operation == "floor-await" && $0.engine == "node24-frame" })
        XCTAssertEqual(floor.model, 100)
        XCTAssertEqual(floor.engineValue, 50)
        XCTAssertEqual(table.csv.header, UnitCostTable.header)
    }

    func testCriteriaCountEveryCell() throws {
        let report = AgreementReport(try data())
        let c = report.criteria
        XCTAssertEqual(c.map(\.id), ["added-within-1.5x", "ratio-within-1.5x", "designs-ordered", "crossover-within-0.15"])
        // 3 cells × 2 pairs. hooks added: model 10+6k·... vs engine 20+6k: k=1 16/26 (1.63 ✗), k=8 58/68 ✓, k=64 394/404 ✓;
        // slot added 5 vs 5 ✓ at every k.
        XCTAssertEqual(c[0].measured, 6)
        XCTAssertEqual(c[0].passing, 5)
        XCTAssertTrue(c[0].passes)
        // Ordering: hooks slower than the frame design on both sides in every cell.
        XCTAssertEqual(c[2].passing, 3)
        XCTAssertEqual(c[2].measured, 3)
        // No context-churn rows: the crossover is not measured (and fails, never dropped).
        XCTAssertEqual(c[3].measured, 0)
        XCTAssertFalse(c[3].passes)
    }

    func testCrossoverInterpolation() throws {
        var model: [Row] = [], real: [Row] = []
        for rate in [0.0, 0.5, 1.0] {
            model.append(("none", "context-churn", 8, rate, 100, nil, nil, nil))
            // slot − hooks: −10, 0 at 0.5 → crossing 0.5 (model); engine: −10, −5 → none.
            model.append(("hook-map-copy", "context-churn", 8, rate, 120, nil, nil, nil))
            model.append(("continuation-slot", "context-churn", 8, rate, 110 + 20 * rate, nil, nil, nil))
            real.append(("node24-hooks", "context-churn", 8, rate, 120, nil, nil, nil))
            real.append(("node24-frame", "context-churn", 8, rate, 110 + 5 * rate, nil, nil, nil))
        }
        let report = AgreementReport(FidelityData(model: try summary(model), real: try summary(real)))
        let k8 = try XCTUnwrap(report.crossovers.first { $0.k == 8 })
        XCTAssertEqual(k8.model!, 0.5, accuracy: 1e-9)
        XCTAssertNil(k8.engine)
        XCTAssertFalse(k8.passes)
    }
}
