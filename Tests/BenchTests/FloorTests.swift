import ArgumentParser
import Foundation
import XCTest
@testable import bench
@testable import Reporting
import Workloads

/// Issue 12's yardstick (`bench floor`): its arithmetic, its files and its refusals.
final class FloorTests: XCTestCase {
    private func m(_ round: Int, _ workload: String, _ source: String, _ ns: Double) -> FloorComparison.Measurement {
        .init(round: round, workload: workload, source: source, nanosPerOp: ns, medianNanosPerOp: ns * 1.1, repetitions: 7)
    }

    /// A shape's ratio is the median over rounds of the same round's model / engine, not the ratio of
    /// medians; a round one side missed is left out of that shape and engine only.
    func testRatiosPairTheSameRoundAndTakeTheMedian() throws {
        let measurements = [
            m(1, "promise-chain", "none", 100), m(1, "promise-chain", "node24-frame", 50),   // 2.0
            m(2, "promise-chain", "node24-frame", 25), m(2, "promise-chain", "none", 100),   // 4.0
            m(3, "promise-chain", "none", 90), m(3, "promise-chain", "node24-frame", 60),    // 1.5
            m(1, "promise-chain", "node24-hooks", 40),
            m(3, "timer-burst", "none", 80),  // no engine figure: no row
        ]
        let c = FloorComparison(measurements: measurements, shapes: [("promise-chain", "reaction"), ("timer-burst", "timer scheduled")],
                                engines: ["node24-frame", "node24-hooks"], instructions: ["promise-chain": 1032])
        XCTAssertEqual(c.rows.count, 2)
        let frame = c.rows[0]
        XCTAssertEqual(frame.engine, "node24-frame")
        XCTAssertEqual(frame.rounds, 3)
        XCTAssertEqual(frame.ratio, 2.0, accuracy: 1e-12)
        XCTAssertEqual(frame.ratioMin, 1.5, accuracy: 1e-12)
        XCTAssertEqual(frame.ratioMax, 4.0, accuracy: 1e-12)
        XCTAssertEqual(frame.modelNanos, 100)
        XCTAssertEqual(frame.engineNanos, 50)
        XCTAssertEqual(frame.modelInstructions, 1032)
        let hooks = c.rows[1]
        XCTAssertEqual(hooks.rounds, 1)
        XCTAssertEqual(hooks.ratio, 2.5, accuracy: 1e-12)

        let floor = c.floorTable, rounds = c.roundsTable
        XCTAssertEqual(floor.header, FloorComparison.floorHeader)
        XCTAssertEqual(floor.rows.count, 2)
        XCTAssertEqual(rounds.rows.count, measurements.count)
        XCTAssertEqual(floor.rows[0][floor.column("model_over_engine")!], "2")
        XCTAssertFalse(c.render().contains("not counted"), "every shown shape was counted")
        let uncounted = FloorComparison(measurements: measurements, shapes: [("promise-chain", "reaction")], engines: ["node24-frame"])
        XCTAssertEqual(uncounted.floorTable.rows[0][uncounted.floorTable.column("model_instructions_per_op")!], "", "not counted is empty, never zero")
        XCTAssertTrue(uncounted.render().contains("not counted"))
    }

    func testBadArgumentsExit64BeforeAnyWork() throws {
        for (args, expected) in [(["floor", "--rounds", "0"], "--rounds must be at least 1, got 0"),
                                 (["floor", "--reps", "0"], "--reps must be at least 1, got 0"),
                                 (["floor", "--workload", "get-store"], "--workload get-store is not one of the floor's shapes")] {
            let r = parseOutcome(args)
            XCTAssertEqual(r.code, 64, "\(args): \(r.message)")
            XCTAssertTrue(r.message.contains(expected), "\(args): \(r.message)")
        }
        let dir = try scratch(self)
        try "keep me".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let r = parseOutcome(["floor", "--out", dir])
        XCTAssertEqual(r.code, 64, r.message)
        XCTAssertTrue(r.message.contains("holds other files (notes.txt)"), r.message)
        XCTAssertEqual(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8), "keep me")
    }

    func testTheShapesAreTheFidelitySuitesCellsAtKZero() throws {
        let r = parseOutcome(["floor"])
        let floor = try XCTUnwrap(r.command as? Bench.Floor, r.message)
        XCTAssertEqual(floor.cells.map(\.workload), Bench.Floor.shapes)
        XCTAssertEqual(Set(floor.cells.map(\.parameters.storages)), [0])
    }
}
