import Foundation
import XCTest

/// Issue 11: instruction counts repeat exactly. These tests run the built
/// `bench` under callgrind (`bench once --instructions`: one valgrind
/// process, the cell at half and all of its operations) and assert on the
/// counts, never on time. A few seconds each.
final class InstructionCountTests: XCTestCase {
    struct Counts: Equatable {
        var high: UInt64, highOps: Int, low: UInt64, lowOps: Int
    }

    /// The package's built `bench` (the test build builds it too).
    func bench() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["release", "debug"] {
            let path = root.appendingPathComponent(".build/\(configuration)/bench").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("bench is not built under .build/ (run swift build -c release first)")
    }

    func once(_ arguments: [String]) throws -> Counts {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try bench())
        process.arguments = ["once"] + arguments + ["--instructions"]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "bench once --instructions failed (is valgrind installed? scripts/setup):\n\(err)")
        // "  instructions 14683288 for a run of 10000 ops, 7493505 for 5000; marginal 1437.957/op (callgrind)"
        guard let line = out.split(separator: "\n").first(where: { $0.contains("instructions") && $0.contains("marginal") }) else {
            XCTFail("no instruction line in:\n\(out)\n\(err)")
            throw XCTSkip("no counts")
        }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { UInt64($0) }
        XCTAssertGreaterThanOrEqual(numbers.count, 4, String(line))
        return Counts(high: numbers[0], highOps: Int(numbers[1]), low: numbers[2], lowOps: Int(numbers[3]))
    }

    func testTheSameCellCountedTwiceGivesIdenticalCounts() throws {
        let cell = ["--workload", "await-loop", "--strategy", "continuation-slot", "--storages", "8", "--ops", "2000"]
        let first = try once(cell), second = try once(cell)
        XCTAssertEqual(first, second, "two callgrind processes counted the same cell differently")
        XCTAssertEqual(first.lowOps, 1000)
        XCTAssertEqual(first.highOps, 2000)
        XCTAssertGreaterThan(first.high, first.low)
    }

    func testTwiceTheOperationsGivesTwiceTheMarginalCount() throws {
        let cell = ["--workload", "promise-chain", "--strategy", "none", "--storages", "1"]
        let small = try once(cell + ["--ops", "10000"])  // 5,000 → 10,000
        let large = try once(cell + ["--ops", "20000"])  // 10,000 → 20,000
        let marginalSmall = Double(small.high - small.low), marginalLarge = Double(large.high - large.low)
        // Not exactly 2: the host's queues grow by doubling, so a longer run
        // pays its growth steps at other points; measured 2.0023 (and 2.025
        // at 1,000 → 2,000, where those steps weigh more).
        XCTAssertEqual(marginalLarge / marginalSmall, 2, accuracy: 0.01)
    }
}
