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

    /// A fresh temporary directory, removed when the test case ends — unless
    /// `REPORTING_TEST_OUTPUT` names a directory, in which case it is created there and kept
    /// (to look at the rendered charts and the regenerated paper).
    static func scratch(_ test: XCTestCase) throws -> String {
        let keep = ProcessInfo.processInfo.environment["REPORTING_TEST_OUTPUT"]
        let base = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let dir = base.appendingPathComponent("\(test.name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if keep == nil { test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) } }
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
