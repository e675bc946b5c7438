import Foundation
import XCTest
@testable import Reporting

/// Paths and scratch directories shared by the tests.
enum Fixture {
    /// The copied `Fixtures` resource directory.
    static var directory: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    }
    /// `Fixtures/Results/standard`.
    static var standard: String { directory + "/Results/standard" }
    /// The repository's `scripts/plots`.
    static var scripts: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/plots").path
    }

    /// A fresh temporary directory, removed when the test case ends.
    static func scratch(_ test: XCTestCase) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("ReportingTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Copies `Fixtures/Results` into `dir/Results` (so the tests can modify or omit files).
    static func copyResults(to dir: String, includeReal: Bool = true) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/Results", withIntermediateDirectories: true)
        try fm.copyItem(atPath: directory + "/Results/standard", toPath: dir + "/Results/standard")
        if includeReal { try fm.copyItem(atPath: directory + "/Results/real", toPath: dir + "/Results/real") }
        return dir + "/Results/standard"
    }
}

func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}
