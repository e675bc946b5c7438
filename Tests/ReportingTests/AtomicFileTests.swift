import Foundation
import XCTest
@testable import Reporting

final class AtomicFileTests: XCTestCase {
    func testWriteReplacesAndLeavesNoTemporaryFile() throws {
        let dir = try Fixture.scratch(self)
        let path = dir + "/nested/summary.csv"
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        XCTAssertEqual(try read(path), "second\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/nested"), ["summary.csv"])
    }

    func testFailedWriteKeepsTheOldFile() throws {
        let dir = try Fixture.scratch(self)
        let path = dir + "/file.txt"
        try AtomicFile.write("old", to: path)
        // A directory where the file should go makes the rename fail.
        try FileManager.default.createDirectory(atPath: dir + "/blocked/x.txt/inner", withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write("new", to: dir + "/blocked/x.txt"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/blocked"), ["x.txt"], "no temp file left")
        XCTAssertEqual(try read(path), "old")
    }

    func testDirectoryReplace() throws {
        let dir = try Fixture.scratch(self)
        let final = dir + "/Results/standard"
        // First run: nothing to replace.
        var staging = try AtomicDirectory.makeStaging(for: final)
        try AtomicFile.write("run 1", to: staging + "/summary.csv")
        try AtomicDirectory.replace(final, with: staging)
        XCTAssertEqual(try read(final + "/summary.csv"), "run 1")
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging))
        // Second run replaces the whole directory (stale files go too).
        try AtomicFile.write("stale", to: final + "/latency-old.csv")
        staging = try AtomicDirectory.makeStaging(for: final)
        try AtomicFile.write("run 2", to: staging + "/summary.csv")
        try AtomicDirectory.replace(final, with: staging)
        XCTAssertEqual(try read(final + "/summary.csv"), "run 2")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: final), ["summary.csv"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/Results"), ["standard"], "old results removed")
    }

    func testInterruptedRunLeavesPreviousResults() throws {
        let dir = try Fixture.scratch(self)
        let final = dir + "/Results/standard"
        try AtomicFile.write("previous", to: final + "/summary.csv")
        // A run that fails before the rename: the staging directory is abandoned or missing.
        let staging = try AtomicDirectory.makeStaging(for: final)
        try AtomicFile.write("partial", to: staging + "/summary.csv")
        XCTAssertThrowsError(try AtomicDirectory.replace(final, with: dir + "/Results/.does-not-exist"))
        XCTAssertEqual(try read(final + "/summary.csv"), "previous")
        try? FileManager.default.removeItem(atPath: staging)
    }
}
