import ArgumentParser
import Foundation
import XCTest
@testable import bench

/// A fresh folder under the system's temporary folder, removed after the test.
func scratch(_ test: XCTestCase) throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("bench-\(test.name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}

/// What `bench <arguments>` would print and exit with, as far as parsing and
/// validation go (nothing is measured or written: `run` is not called).
func parseOutcome(_ arguments: [String]) -> (code: Int32, message: String, command: ParsableCommand?) {
    if let message = Bench.unknownHelpTopic(arguments) { return (ExitCode.validationFailure.rawValue, message, nil) }
    do {
        let command = try Bench.parseAsRoot(arguments)
        return (0, "", command)
    } catch {
        let (message, code) = Bench.outcome(of: error)
        return (code, message, nil)
    }
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

func entries(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
}

/// The repository root (this file is Tests/BenchTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
