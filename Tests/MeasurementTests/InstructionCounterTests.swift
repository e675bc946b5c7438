import Foundation
import XCTest
@testable import Measurement

/// The parts of the instruction counter that run without valgrind; the
/// counts themselves are tested in WorkloadsTests/InstructionCountTests.
final class InstructionCounterTests: XCTestCase {
    func testNoCounterOutsideValgrind() {
        XCTAssertFalse(InstructionCounter.isUnderValgrind)
        XCTAssertNil(InstructionCounter())
        XCTAssertNotNil(InstructionCounter.unavailableReason)
    }

    func dump(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cg-\(UUID().uuidString).1").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testReadsTheCountOfTheDumpWithItsLabel() throws {
        let path = try dump("version: 1\ncreator: callgrind-3.19.0\npart: 1\ndesc: Trigger: Client Request: acb-1-cell\nevents: Ir\nsummary: 6020\n\nfn=(1) main\n3 6020\ntotals: 6020\n")
        XCTAssertEqual(try InstructionCounter.readDump(path, expectedTag: "acb-1-cell"), 6020)
    }

    /// A first dump after an uncounted run totals stale cost lines; its
    /// `summary:` is the span's count (see ``InstructionCounter/readDump(_:expectedTag:)``).
    func testReadsTheSummaryWhenTotalsCarryStaleCosts() throws {
        let path = try dump("desc: Trigger: Client Request: acb-1-cell\nevents: Ir\nsummary: 17839175\n\nfn=(1) main\n3 18205217\ntotals: 18205217\n")
        XCTAssertEqual(try InstructionCounter.readDump(path, expectedTag: "acb-1-cell"), 17_839_175)
        let totalsOnly = try dump("desc: Trigger: Client Request: acb-1-cell\nevents: Ir\ntotals: 6020\n")
        XCTAssertThrowsError(try InstructionCounter.readDump(totalsOnly, expectedTag: "acb-1-cell"),
                             "a dump without summary: is refused, not read from totals:") { error in
            XCTAssertTrue("\(error)".contains("no summary: line"), "\(error)")
        }
    }

    func testRejectsAnotherSpansDumpAZeroCountAndAMissingFile() throws {
        let other = try dump("desc: Trigger: Client Request: acb-2-x\nsummary: 5\ntotals: 5\n")
        XCTAssertThrowsError(try InstructionCounter.readDump(other, expectedTag: "acb-1-x"))
        let zero = try dump("desc: Trigger: Client Request: acb-1-x\nsummary: 0\ntotals: 0\n")
        XCTAssertThrowsError(try InstructionCounter.readDump(zero, expectedTag: "acb-1-x")) { error in
            XCTAssertTrue("\(error)".contains("collection is off"), "\(error)")
        }
        XCTAssertThrowsError(try InstructionCounter.readDump("/nonexistent/cg.1", expectedTag: "acb-1-x"))
    }

    func testMarginalCountCancelsFixedCost() {
        // 500 fixed + 7 per op, at 1,000 and 2,000 ops.
        let m = MarginalCount(lowOps: 1000, highOps: 2000, low: 7_500, high: 14_500)
        XCTAssertEqual(m.perOp, 7)
        XCTAssertEqual(MarginalCount.operationCounts(for: 10_000).low, 5_000)
        XCTAssertEqual(MarginalCount.operationCounts(for: 10_000).high, 10_000)
        XCTAssertEqual(MarginalCount.operationCounts(for: 1).high, 2)
    }

    func testDifferenceOfMediansWithInterval() {
        let base = [10.0, 11, 10, 12, 10], mine = [15.0, 16, 15, 17, 15]
        let d = Statistics.difference(mine, baseline: base, seed: 1)
        XCTAssertEqual(d.difference, 5)
        XCTAssertLessThanOrEqual(d.ciLow, d.difference)
        XCTAssertGreaterThanOrEqual(d.ciHigh, d.difference)
    }
}
