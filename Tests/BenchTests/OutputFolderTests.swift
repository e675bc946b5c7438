import ArgumentParser
import Foundation
import Measurement
import Reporting
import XCTest
@testable import bench
import Suites

/// Issue 14: `--out` writes only into a folder that is absent, empty, or a
/// previous results folder; everything else is refused with exit 64 before
/// any work, and nothing of the user's is touched.
final class OutputFolderTests: XCTestCase {
    let quickGetStore = ["run", "--suite", "quick", "--workload", "get-store", "--strategy", "none", "--no-plots"]

    private func refused(_ out: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = parseOutcome(quickGetStore + ["--out", out])
        XCTAssertEqual(r.code, 64, r.message, file: file, line: line)
        XCTAssertTrue(r.message.contains(expected), r.message, file: file, line: line)
        XCTAssertTrue(r.message.contains("Usage: bench run"), "usage line of the subcommand: \(r.message)", file: file, line: line)
    }

    func testEmptyOutIsRefused() {
        refused("", "--out must name a folder, got an empty path")
        refused("  ", "--out must name a folder")
    }

    func testProjectRootAndItsParentsAreRefused() {
        refused(".", "it is the project or one of its parent folders")
        refused("..", "it is the project or one of its parent folders")
        refused("/", "it is the project or one of its parent folders")
        refused(ProjectRoot.path, "it is the project or one of its parent folders")
    }

    func testSourceFolderIsRefused() {
        refused("Sources", "it is not empty and holds no run.json, so it is not a results folder (CAffinity, CCallgrind, CJemalloc, ")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ProjectRoot.resolve("Sources/bench/Bench.swift")))
    }

    func testFolderWithUnrelatedFileIsRefusedAndKept() throws {
        let dir = try scratch(self) + "/mine"
        try write("precious\n", to: dir + "/keep.txt")
        refused(dir, "not a results folder (keep.txt)")
        // A results folder the user added a file to is refused too: replacing it would delete the file.
        try write("{}", to: dir + "/run.json")
        refused(dir, "it holds files bench did not write, which replacing it would delete (keep.txt)")
        try write("x", to: dir + "/charts/notes.md")
        refused(dir, "charts/notes.md")
        XCTAssertEqual(try String(contentsOfFile: dir + "/keep.txt", encoding: .utf8), "precious\n")
    }

    func testRegularFileIsRefusedAndKept() throws {
        let file = try scratch(self) + "/results.txt"
        try write("mine\n", to: file)
        refused(file, "it is a file, not a folder")
        refused(file + "/sub", "is a file, not a folder")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "mine\n")
    }

    func testSymbolicLinkIsRefused() throws {
        let dir = try scratch(self)
        try FileManager.default.createDirectory(atPath: dir + "/target", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/target")
        refused(dir + "/link", "it is a symbolic link")
    }

    func testAbsentEmptyAndPreviousResultsAreAccepted() throws {
        let dir = try scratch(self)
        XCTAssertEqual(try OutputFolder.check(dir + "/new/deeper").state, .absent)
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        XCTAssertEqual(try OutputFolder.check(dir + "/empty").state, .empty)
        for name in ["run.json", "summary.csv", "samples.csv", "latency-request-server.csv", "worst-case.csv", "charts/time-per-op.png"] {
            try write("x", to: dir + "/previous/" + name)
        }
        XCTAssertEqual(try OutputFolder.check(dir + "/previous").state, .previousResults)
        XCTAssertEqual(parseOutcome(quickGetStore + ["--out", dir + "/previous"]).code, 0)
    }

    /// Replacing a previous results folder: atomic, no staging folder left, and a file
    /// added to the folder during the run stops the swap instead of being deleted.
    func testWriterReplacesResultsAndNeverDeletesUnrelatedFiles() throws {
        let dir = try scratch(self)
        let out = dir + "/res"
        for name in ["run.json", "summary.csv"] { try write("old", to: out + "/" + name) }
        let folder = try OutputFolder.check(out)
        let metadata = RunMetadata.collect(seed: 1, commandLine: ["bench"], buildConfiguration: "test", workingDirectory: dir)
        let writer = ResultsWriter(runID: metadata.runID, results: [], metadata: metadata, suite: .quick)
        try writer.write(to: folder)
        XCTAssertEqual(entries(out), ["run.json", "samples.csv", "summary.csv"])
        XCTAssertTrue(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).hasPrefix("run_id,strategy"))
        XCTAssertEqual(entries(dir), ["res"], "no staging or lock file left next to the folder")

        try write("added during the run\n", to: out + "/keep.txt")
        XCTAssertThrowsError(try writer.write(to: folder)) { error in
            XCTAssertTrue("\(error)".contains("keep.txt"), "\(error)")
            XCTAssertTrue("\(error)".contains("the results were not written"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: out + "/keep.txt", encoding: .utf8), "added during the run\n")
        XCTAssertEqual(entries(dir), ["res"], "the failed write removed its staging folder")
    }

    func testFramesRunWritesTheWorstCaseTableFramesReportWrites() throws {
        // The committed table was written by `bench frames-report` from the committed summary.
        let dir = try scratch(self)
        let frames = repositoryRoot + "/Results/frames"
        let analysis = try FrameAnalysis.analyze(path: frames + "/summary.csv")
        let written = try Bench.FramesReport.writeWorstCase(analysis, into: dir)
        XCTAssertEqual(try String(contentsOfFile: written, encoding: .utf8),
                       try String(contentsOfFile: frames + "/worst-case.csv", encoding: .utf8))

        // The results of a frames run (here with no cells) carry the table; another suite's do not.
        let metadata = RunMetadata.collect(seed: 1, commandLine: ["bench"], buildConfiguration: "test", workingDirectory: dir)
        try ResultsWriter(runID: metadata.runID, results: [], metadata: metadata, suite: .frames).write(to: try OutputFolder.check(dir + "/frames"))
        XCTAssertEqual(entries(dir + "/frames"), ["run.json", "samples.csv", "summary.csv", "worst-case.csv"])
        try ResultsWriter(runID: metadata.runID, results: [], metadata: metadata, suite: .quick).write(to: try OutputFolder.check(dir + "/quick"))
        XCTAssertEqual(entries(dir + "/quick"), ["run.json", "samples.csv", "summary.csv"])
    }

    func testFilteredRunWritesItsOwnFolderAndKeepsTheSuitesCharts() throws {
        // Issue 14's reproduction and the README's example: both narrow the suite.
        for args in [["run", "--suite", "standard", "--workload", "get-store", "--storages", "1"],
                     ["run", "--workload", "await-loop", "--strategy", "hook-map-copy", "continuation-slot", "--storages", "1", "8", "64", "--reps", "10"],
                     ["run", "--suite", "quick", "--reps", "2"]] {
            let r = parseOutcome(args)
            XCTAssertEqual(r.code, 0, r.message)
            let plan = try XCTUnwrap(r.command as? Bench.Run).plan()
            XCTAssertFalse(plan.coversSuite, "\(args)")
            XCTAssertEqual(plan.destination, .custom, "\(args)")
            XCTAssertEqual(plan.charts, .insideResults, "\(args)")
            let folder = try plan.outputFolder(runID: "20260101T000000Z-00000000")
            XCTAssertEqual(folder.path, ProjectRoot.resolve("Results/custom/20260101T000000Z-00000000"))
            XCTAssertEqual(plan.chartsPath(for: folder), folder.path + "/charts")
        }
        let whole = try XCTUnwrap(parseOutcome(["run", "--suite", "quick"]).command as? Bench.Run).plan()
        XCTAssertTrue(whole.coversSuite)
        XCTAssertEqual(whole.charts, .suitePlots)
        XCTAssertEqual(whole.chartsPath(for: try whole.outputFolder(runID: "x")), ProjectRoot.resolve("plots/quick"))
        // An explicit --out of a whole suite: charts go inside it, never to plots/<suite>.
        let dir = try scratch(self)
        let explicit = try XCTUnwrap(parseOutcome(["run", "--suite", "quick", "--out", dir + "/r"]).command as? Bench.Run).plan()
        XCTAssertEqual(explicit.chartsPath(for: try explicit.outputFolder(runID: "x")), dir + "/r/charts")
    }
}

/// Issue 14: the output folder is claimed before measuring.
final class OutputLockTests: XCTestCase {
    func testSecondRunIntoOneFolderIsRefused() throws {
        let dir = try scratch(self)
        let folder = try OutputFolder.check(dir + "/res")
        let first = try OutputLock(folder: folder, neededBytes: 0)
        XCTAssertThrowsError(try OutputLock(folder: folder, neededBytes: 0)) { error in
            XCTAssertTrue("\(error)".contains("another bench run (pid \(getpid())) is writing \(dir)/res"), "\(error)")
            XCTAssertTrue("\(error)".contains("nothing was measured"), "\(error)")
        }
        first.release()
        XCTAssertEqual(entries(dir), [], "the lock file is removed when the run ends")
        let again = try OutputLock(folder: folder, neededBytes: 0)
        again.release()
    }

    func testUnwritableLocationFailsBeforeMeasuring() throws {
        let folder = try OutputFolder.check("/proc/x/res")
        XCTAssertEqual(folder.state, .absent)
        XCTAssertThrowsError(try OutputLock(folder: folder, neededBytes: 0)) { error in
            XCTAssertTrue("\(error)".contains("cannot create /proc/x"), "\(error)")
            XCTAssertEqual((error as? BenchError)?.exitCode, 1)
        }
    }

    func testTooLittleFreeSpaceFailsBeforeMeasuring() throws {
        let dir = try scratch(self)
        let folder = try OutputFolder.check(dir + "/res")
        XCTAssertThrowsError(try OutputLock(folder: folder, neededBytes: OutputLock.estimatedBytes(sampleRows: 10_000),
                                            freeBytes: { _ in 100_000 })) { error in
            XCTAssertTrue("\(error)".contains("only 0.1 MB free"), "\(error)")
            XCTAssertTrue("\(error)".contains("this run writes about 3.0 MB"), "\(error)")
        }
        XCTAssertEqual(entries(dir), [], "a refused claim leaves no lock file")
        XCTAssertEqual(OutputLock.estimatedBytes(sampleRows: Int.max), .max, "no overflow")
    }

    func testPlotOnAFullDiskSaysTheDiskIsFull() throws {
        let dir = try scratch(self)
        let message = DiskSpace.fullMessage(near: dir + "/plots/standard", freeBytes: { _ in 4096 })
        XCTAssertEqual(message, "the disk is full: 0.0 MB free on the file system of \(dir), charts need about 4.2 MB")
        XCTAssertNil(DiskSpace.fullMessage(near: dir, freeBytes: { _ in 1 << 40 }))
    }

    /// `compare-runs --out` (and `floor --out`) write their files into a new
    /// folder, rewrite an earlier output, and refuse (leaving it as it was) a
    /// folder holding anything else, or a file.
    func testOwnedFilesFolderReplacesOnlyAnEarlierOutput() throws {
        let dir = try scratch(self)
        let contents = ["cells.csv": "cell\nx\n", "distribution.csv": "figure\nall\n"]
        let folder = dir + "/repeat"
        try OwnedFilesFolder.comparison.write(contents, to: folder)
        XCTAssertEqual(entries(folder), ["cells.csv", "distribution.csv"])
        try OwnedFilesFolder.comparison.write(contents, to: folder)
        XCTAssertEqual(entries(folder), ["cells.csv", "distribution.csv"])
        XCTAssertEqual(try String(contentsOfFile: folder + "/cells.csv", encoding: .utf8), "cell\nx\n")

        let mine = dir + "/mine"
        try write("keep me", to: mine + "/notes.txt")
        XCTAssertThrowsError(try OwnedFilesFolder.comparison.write(contents, to: mine)) { error in
            XCTAssertTrue(error is OwnedFilesFolder.Refusal, "\(error)")
            XCTAssertTrue("\(error)".contains("holds other files (notes.txt)"), "\(error)")
        }
        XCTAssertThrowsError(try OwnedFilesFolder.floor.check(mine), "floor refuses before measuring, too")
        XCTAssertEqual(entries(mine), ["notes.txt"])
        XCTAssertEqual(try String(contentsOfFile: mine + "/notes.txt", encoding: .utf8), "keep me")
        XCTAssertThrowsError(try OwnedFilesFolder.comparison.write(contents, to: mine + "/notes.txt"))
        XCTAssertEqual(entries(dir).filter { $0.hasPrefix(".") }, [], "no staging folder left behind")
    }

    /// `bench fidelity` replaces both of its folders whole, so it refuses, before measuring, one that
    /// holds a file it did not write (it used to replace any folder it was given); an earlier run's
    /// folders, charts included, are its own.
    func testFidelityRefusesAFolderWithTheUsersFiles() throws {
        let dir = try scratch(self)
        try write("mine", to: dir + "/docs/thesis.txt")
        for option in ["--out", "--real-out"] {
            let r = parseOutcome(["fidelity", option, dir + "/docs"])
            XCTAssertEqual(r.code, 64, "\(option): \(r.message)")
            XCTAssertTrue(r.message.contains("\(option) \(dir)/docs holds other files (thesis.txt)"), r.message)
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/docs/thesis.txt", encoding: .utf8), "mine")

        try write("x", to: dir + "/earlier/unit-costs.csv")
        try write("x", to: dir + "/earlier/charts/unit-costs.png")
        XCTAssertEqual(parseOutcome(["fidelity", "--out", dir + "/earlier"]).code, 0)
        try write("x", to: dir + "/earlier/charts/notes.md")
        XCTAssertEqual(parseOutcome(["fidelity", "--out", dir + "/earlier"]).code, 64, "a non-chart file in charts/ is the user's")
        XCTAssertEqual(parseOutcome(["fidelity", "--out", "Results/fidelity", "--real-out", "Results/real"]).code, 0,
                       "the committed folders hold only what bench fidelity writes")
    }
}
