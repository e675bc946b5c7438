import Foundation
import XCTest
@testable import Workloads
@testable import Suites
@testable import Measurement

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
        // Not exactly 2: the host's queues grow by doubling, and the process
        // allocator supplies the host heap's 8 KiB slabs from slabs of its own
        // (a refill every few of them), so a longer run pays those steps at
        // other points; measured 2.0149 with the host heap (about 50,000
        // instructions of jemalloc refills over 10,000 operations), 2.0023
        // before it, when each promise was its own allocation.
        XCTAssertEqual(marginalLarge / marginalSmall, 2, accuracy: 0.02)
    }

    /// Counts items in one `bench instruction-pass` process under callgrind,
    /// as `bench run --instructions` does (the items one after another).
    func pass(_ items: [InstructionPass.Item]) throws -> [InstructionPass.Answer] {
        let directory = CallgrindLauncher.scratchDirectoryPath("test-pass")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let program = try CallgrindLauncher.strippedCopy(of: try bench(), into: directory)
        let itemsFile = directory + "/items.json", answersFile = directory + "/answers.json"
        try JSONEncoder().encode(items).write(to: URL(fileURLWithPath: itemsFile))
        let (status, stderr) = try CallgrindLauncher.start(program, ["instruction-pass", "--items", itemsFile, "--answers", answersFile]).wait()
        XCTAssertEqual(status, 0, stderr)
        let answers = try JSONDecoder().decode([InstructionPass.Answer].self, from: Data(contentsOf: URL(fileURLWithPath: answersFile)))
        XCTAssertEqual(answers.count, items.count)
        return answers
    }

    /// A cell's count depends on the cell, not on the cells counted before it
    /// in the same process: each counted run starts from a fresh thread cache
    /// and a purged arena (AllocationProbe.resetAllocatorState). Without the
    /// reset, timer-burst under none counted 777.4 per timer alone and 885.5
    /// after promise-fanout and promise-chain (14 %); with it 777.6 and 771.6.
    func testACellsCountDoesNotDependOnTheCellsBeforeIt() throws {
        let timers = InstructionPass.Item(cell: CellSpec(.timerBurst, WorkloadParameters(storages: 8, ops: 10_000)), strategy: "none")
        let before = [InstructionPass.Item(cell: CellSpec(.promiseFanout, WorkloadParameters(storages: 8, ops: 10_000)), strategy: "none"),
                      InstructionPass.Item(cell: CellSpec(.promiseChain, WorkloadParameters(storages: 8, ops: 10_000)), strategy: "none")]
        let alone = try pass([timers]), afterOthers = try pass(before + [timers])
        guard let first = alone.last?.instructions?.perOp, let second = afterOthers.last?.instructions?.perOp else {
            return XCTFail("not counted: \(alone.last?.error ?? "") \(afterOthers.last?.error ?? "")")
        }
        XCTAssertEqual(second / first, 1, accuracy: 0.02, "timer-burst under none: \(first) per timer alone, \(second) after two other cells")
    }
}
