import XCTest
import Foundation
@testable import Measurement

final class RunMetadataTests: XCTestCase {
    /// The package root (this file is Tests/MeasurementTests/RunMetadataTests.swift).
    private var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    func testCollectFillsEveryField() throws {
        let m = RunMetadata.collect(seed: 7, commandLine: ["bench", "--seed", "7"], buildConfiguration: "debug", workingDirectory: packageRoot)
        XCTAssertEqual(m.seed, 7)
        XCTAssertEqual(m.commandLine, ["bench", "--seed", "7"])
        XCTAssertEqual(m.buildConfiguration, "debug")
        XCTAssertFalse(m.hostName.isEmpty)
        XCTAssertNotEqual(m.hostName, "unknown")
        XCTAssertNotEqual(m.cpuModel, "unknown")
        XCTAssertGreaterThanOrEqual(m.coreCount, 1)
        XCTAssertTrue(m.kernel.hasPrefix("Linux "), m.kernel)
        XCTAssertTrue(m.swiftVersion.contains("Swift version"), m.swiftVersion)
        let probe = try XCTUnwrap(AllocationProbe.shared, "SETUP ERROR: \(AllocationProbe.unavailableReason ?? "")")
        XCTAssertEqual(m.allocator, "jemalloc \(probe.allocatorVersion)")
        // This test runs inside the project's git work tree.
        XCTAssertEqual(m.gitCommit.count, 40, m.gitCommit)
        XCTAssertTrue(m.gitCommit.allSatisfy(\.isHexDigit), m.gitCommit)

        XCTAssertTrue(m.timestamp.hasSuffix("Z"), m.timestamp)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        XCTAssertNotNil(iso.date(from: m.timestamp), m.timestamp)
        XCTAssertTrue(m.runID.range(of: #"^\d{8}T\d{6}Z-[0-9a-f]{8}$"#, options: .regularExpression) != nil, m.runID)
        // The run id's time is the timestamp's.
        let compact = m.timestamp.prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        XCTAssertEqual(String(m.runID.prefix(15)), compact)
    }

    func testOutsideGitGivesUnknownCommit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runmeta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = RunMetadata.collect(seed: 1, commandLine: [], buildConfiguration: "release", workingDirectory: dir.path)
        XCTAssertEqual(m.gitCommit, "unknown")
        XCTAssertFalse(m.gitDirty)
    }

    func testRunIDsAreUnique() {
        let a = RunMetadata.collect(seed: 1, commandLine: [], buildConfiguration: "x", workingDirectory: packageRoot)
        let b = RunMetadata.collect(seed: 1, commandLine: [], buildConfiguration: "x", workingDirectory: packageRoot)
        XCTAssertNotEqual(a.runID, b.runID)
    }

    func testJSONIsPrettySortedAndRoundTrips() throws {
        let m = RunMetadata(runID: "20260101T000000Z-00000001", timestamp: "2026-01-01T00:00:00.000Z", hostName: "h",
                            cpuModel: "c", coreCount: 2, kernel: "Linux 6 (x86_64)", swiftVersion: "Swift version 6.3.1",
                            buildConfiguration: "release", allocator: "unavailable: test", gitCommit: "unknown", gitDirty: true,
                            seed: UInt64.max, commandLine: ["bench", "a/b"])
        let json = m.jsonString()
        XCTAssertTrue(json.contains("\n  \""), "pretty-printed")
        XCTAssertTrue(json.contains("a/b"), "slashes unescaped")
        let keys = ["allocator", "buildConfiguration", "commandLine", "coreCount", "cpuModel", "gitCommit", "gitDirty",
                    "hostName", "kernel", "runID", "seed", "swiftVersion", "timestamp"]
        let positions = keys.map { json.range(of: "\"\($0)\"")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), "keys sorted")
        let decoded = try JSONDecoder().decode(RunMetadata.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, m)
        XCTAssertTrue(json.contains("18446744073709551615"))  // UInt64 seed exact
    }
}
