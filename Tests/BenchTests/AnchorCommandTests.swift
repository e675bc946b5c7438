import XCTest
@testable import bench

/// `bench anchor` refuses bad sizes with a usage error (exit 64) before it starts a runtime.
final class AnchorCommandTests: XCTestCase {
    func testBadArgumentsExit64BeforeAnyWork() throws {
        for (args, expected) in [(["anchor", "--reps", "0"], "--reps must be between 1 and 1000, got 0"),
                                 (["anchor", "--requests", "0"], "--requests must be at least 1, got 0"),
                                 (["anchor", "--storages", "1"], "--storages must be at least 2"),
                                 (["anchor", "--concurrency", "0"], "--concurrency takes levels between 1 and 10000, got 0"),
                                 (["anchor", "--concurrency", "10", "10"], "must not repeat a value"),
                                 (["anchor", "--app", "koa"], "koa")] {
            let r = parseOutcome(args)
            XCTAssertEqual(r.code, 64, "\(args): \(r.message)")
            XCTAssertTrue(r.message.contains(expected), "\(args): \(r.message)")
        }
        let dir = try scratch(self)
        let file = dir + "/anchor.csv"
        try "keep me".write(toFile: file, atomically: true, encoding: .utf8)
        let r = parseOutcome(["anchor", "--out", file])
        XCTAssertEqual(r.code, 64, r.message)
        XCTAssertTrue(r.message.contains("is a file, not a folder"), r.message)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me")
    }

    func testDefaultsMeasureBothAppsAtThreeLevels() throws {
        let r = parseOutcome(["anchor"])
        let anchor = try XCTUnwrap(r.command as? Bench.AnchorCommand, r.message)
        XCTAssertEqual(anchor.app, [.express, .traced])
        XCTAssertEqual(anchor.concurrency, [1, 10, 100])
        XCTAssertEqual(anchor.reps, 15)
    }
}
