import Foundation
import XCTest
@testable import Reporting

final class BudgetFileTests: XCTestCase {
    let file = BudgetFile(tolerance: 0.03, lowOps: 2000, highOps: 4000, budgets: [
        .init(id: "promise-chain k=1 none instructions_per_op", value: 1000),
        .init(id: "promise-chain k=1 continuation-slot extra_allocs_per_op", value: 0),
        .init(id: "stale", value: 1),
    ])

    func testFivePercentOverFailsThreePercentPassesAndZeroIsExact() {
        let ids = ["promise-chain k=1 none instructions_per_op", "promise-chain k=1 continuation-slot extra_allocs_per_op", "new"]
        let lines = file.check(["promise-chain k=1 none instructions_per_op": 1050,
                                "promise-chain k=1 continuation-slot extra_allocs_per_op": 0.0005, "new": 3], expected: ids)
        XCTAssertEqual(lines.map(\.failed), [true, true, true, true])
        guard case .exceeded(let limit) = lines[0].verdict else { return XCTFail("\(lines[0])") }
        XCTAssertEqual(limit, 1030, accuracy: 1e-6)
        XCTAssertTrue(lines[0].message.hasPrefix("FAIL promise-chain k=1 none instructions_per_op: measured 1050 exceeds budget 1000"), lines[0].message)
        XCTAssertEqual(lines[2].verdict, .noBudget)
        XCTAssertEqual(lines[3].verdict, .notMeasured, "a budget nothing measured fails: it is stale")

        let ok = file.check(["promise-chain k=1 none instructions_per_op": 1029,
                             "promise-chain k=1 continuation-slot extra_allocs_per_op": 0, "stale": 0.5],
                            expected: ["promise-chain k=1 none instructions_per_op", "promise-chain k=1 continuation-slot extra_allocs_per_op", "stale"])
        XCTAssertEqual(ok.map(\.verdict), [.within, .within, .improved])
        XCTAssertFalse(ok.contains { $0.failed })
    }

    func testRoundTripsAndRejectsMalformedFiles() throws {
        let dir = try Fixture.scratch(self)
        let path = dir + "/budgets.json"
        try file.encoded().write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try BudgetFile.load(path), file)
        try "{\"budgets\": 3}".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try BudgetFile.load(path)) { XCTAssertEqual(($0 as? ReportingError)?.kind, .malformedInput) }
        XCTAssertThrowsError(try BudgetFile.load(dir + "/missing.json")) { XCTAssertEqual(($0 as? ReportingError)?.kind, .missingFile) }
    }
}
