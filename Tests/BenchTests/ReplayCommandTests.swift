import Foundation
import XCTest
@testable import bench
@testable import Replay
import Measurement
import Reporting
import HostRuntime
import ContextStrategies

/// `bench replay`'s figures: the exact instruction counts repeat, and the
/// time overhead is paired by repetition. No assertion on time itself.
final class ReplayCommandTests: XCTestCase {
    let fixture = repositoryRoot + "/Tests/Fixtures/sample.trace"

    func program() throws -> ReplayProgram { ReplayProgram(try Trace.read(path: fixture)) }

    /// The built `bench` (the test build builds it too).
    func bench() throws -> String {
        for configuration in ["release", "debug"] {
            let path = repositoryRoot + "/.build/\(configuration)/bench"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("bench is not built under .build/ (run swift build -c release first)")
    }

    /// `bench replay fixture --instructions` into a scratch folder; its summary rows by strategy.
    func replayWithInstructions(_ strategies: [String]) throws -> [String: [String: String]] {
        let out = try scratch(self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try bench())
        process.arguments = ["replay", fixture, "--instructions", "--reps", "3", "--strategy"] + strategies + ["--out", out]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "bench replay --instructions failed (is valgrind installed? scripts/setup):\n\(err)")
        let table = try CSVTable.read(path: out + "/summary.csv")
        var rows: [String: [String: String]] = [:]
        for row in table.rows {
            rows[row[table.column("strategy")!]] = Dictionary(uniqueKeysWithValues: zip(table.header, row))
        }
        return rows
    }

    func testTheSameTraceCountedTwiceGivesIdenticalInstructions() throws {
        let strategies = ["hook-map-copy", "continuation-slot"]
        let first = try replayWithInstructions(strategies), second = try replayWithInstructions(strategies)
        for id in ["none"] + strategies {
            let count = try XCTUnwrap(first[id]?["instructions_per_request"], id)
            XCTAssertFalse(count.isEmpty, "\(id): no instruction count")
            XCTAssertEqual(count, second[id]?["instructions_per_request"], "\(id): two callgrind processes counted the same replay differently")
        }
        // Every design does what none does and more.
        for id in strategies {
            let overhead = try XCTUnwrap(Double(first[id]?["overhead_instructions_per_request"] ?? ""), id)
            XCTAssertGreaterThan(overhead, 0, id)
        }
        XCTAssertEqual(first["none"]?["overhead_instructions_per_request"], "0")
    }

    func testTheTimeOverheadIsPairedByRepetition() throws {
        let program = try program()
        let requests = Double(program.requestCount)
        // The machine's speed moves between two modes; the design costs 10 ns
        // per request more in each repetition. The medians of the two series
        // differ by 1,010 (slow and fast repetitions fall differently on
        // them); the pairs say 10 every time.
        let base = [100.0, 2_000, 100, 2_000, 100].map { $0 * requests }
        let design = [110.0, 2_010, 2_010, 110, 2_010].map { $0 * requests }
        let outcome = Replayer<NoPropagation>(program, measureLatency: false).run()
        func result(_ id: String, _ samples: [Double]) -> ReplayResult {
            ReplayResult(strategy: id, status: .ok, outcome: outcome, samplesNs: samples, allocations: nil)
        }
        // Not the paired order: the fast and slow repetitions are the same ones.
        let pairedDesign = zip(base, [10.0, 10, 10, 10, 10]).map { $0 + $1 * requests }
        let rows = ReplayRows(program: program, results: [result("none", base), result("frame-ref", pairedDesign), result("slot-cow", design)],
                              app: "sample", concurrency: "2", anchor: ReplayReport.Anchor(), reps: 5, trace: fixture, seed: 42,
                              instructions: nil)
        let paired = try XCTUnwrap(rows.overhead(rows.results[1]))
        XCTAssertEqual(paired.value, 10, accuracy: 1e-9)
        XCTAssertEqual(paired.ciLow, 10, accuracy: 1e-9)
        XCTAssertEqual(paired.ciHigh, 10, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(rows.overhead(rows.results[0])).value, 0)
        // Unpaired speeds: the interval is wide and says so.
        let scattered = try XCTUnwrap(rows.overhead(rows.results[2]))
        XCTAssertLessThan(scattered.ciLow, 0)
        XCTAssertGreaterThan(scattered.ciHigh, 0)
        // Without counts, the instruction columns are empty, never zero.
        let fields = Dictionary(uniqueKeysWithValues: zip(ReplayReport.summaryColumns, rows.rows()[1]))
        XCTAssertEqual(fields["instructions_per_request"], "")
        XCTAssertEqual(fields["overhead_instructions_per_request"], "")
        XCTAssertEqual(fields["overhead_ci_low"], "10")
    }
}
