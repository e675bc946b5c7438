import ArgumentParser
import Foundation
import Measurement
import XCTest
@testable import bench

/// Issue 14: random argument vectors through the parser and the validation
/// layer (`RunPlan`, `OncePlan`, every command's `validate()`), never
/// measuring: none crashes, each exits 0 (valid or help) or 64 (usage), and
/// no file changes, inside the project or in the scratch folder the vectors
/// point `--out` at.
final class ArgvPropertyTests: XCTestCase {
    static let vectors = 10_000

    /// Path → (size, modification time) of every file under `root` (skipping `.build`, `.git`).
    private func snapshot(_ root: String) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return out }
        while let relative = walker.nextObject() as? String {
            if relative.hasPrefix(".build") || relative.hasPrefix(".git") || relative.hasPrefix(".venv") { walker.skipDescendants(); continue }
            let attributes = try? fm.attributesOfItem(atPath: root + "/" + relative)
            out[relative] = "\(attributes?[.size] ?? "") \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }

    func testRandomArgumentVectorsNeverCrashAndExit0Or64() throws {
        let dir = try scratch(self)
        try write("mine\n", to: dir + "/file.txt")
        try write("precious\n", to: dir + "/junk/keep.txt")
        try write("{}", to: dir + "/results/run.json")
        try write("run_id\n", to: dir + "/results/summary.csv")
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let before = (snapshot(dir), snapshot(ProjectRoot.path))

        let subcommands = ["run", "once", "validate", "list", "plot", "report", "frames-report", "help", "nosuch", "--help", "-h"]
        let options = ["--suite", "--strategy", "--workload", "--storages", "--reps", "--seed", "--out", "--progress", "--no-plots",
                       "--ops", "--concurrency", "--run-rate", "--semantics-out", "--results", "--plots", "--paper", "--summary",
                       "--check", "--threshold", "--alloc-zero-below", "--help", "-h", "--nosuch", "--version"]
        let ids = ["quick", "standard", "full", "frames", "baseline", "none", "hook-map-copy", "promise-hooks", "frame-ref",
                   "continuation-slot", "slot-linked", "promise-chain", "await-loop", "get-store", "request-server",
                   "context-churn", "timer-burst", "nosuch", ""]
        let numbers = ["-1", "0", "1", "2", "3", "7", "8", "64", "1000", "1001", "1024", "1025", "4096", "4097", "100000",
                       "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551615",
                       "18446744073709551616", "1e12", "1000000000000", "0.5", "1.5", "nan", "inf", "-0", "abc", "", " ", "="]
        let paths = ["", " ", ".", "..", "/", "Sources", "Results/standard", "/proc/x/res", dir + "/file.txt", dir + "/junk",
                     dir + "/results", dir + "/empty", dir + "/absent", dir + "/file.txt/sub", "-x"]

        var generator = SeededGenerator(seed: 14)
        func pick(_ xs: [String]) -> String { xs[Int(generator.next() % UInt64(xs.count))] }
        var codes: [Int32: Int] = [:]
        for _ in 0..<Self.vectors {
            var args: [String] = []
            if generator.next() % 8 != 0 { args.append(pick(subcommands)) }
            for _ in 0..<Int(generator.next() % 6) {
                let option = pick(options)
                let value: String
                switch generator.next() % 3 {
                case 0: value = pick(ids)
                case 1: value = pick(numbers)
                default: value = pick(paths)
                }
                switch generator.next() % 4 {
                case 0: args.append(option)
                case 1: args.append(option + "=" + value)
                default: args += [option, value] + (generator.next() % 3 == 0 ? [pick(ids + numbers)] : [])
                }
            }
            let r = parseOutcome(args)
            codes[r.code, default: 0] += 1
            XCTAssertTrue([0, 1, 64].contains(r.code), "\(args): exit \(r.code): \(r.message)")
            if r.code != 0 { XCTAssertFalse(r.message.isEmpty, "\(args): exit \(r.code) without a message") }
            // The plans are what run()/once would use; computing them again must agree with validate().
            if let run = r.command as? Bench.Run { XCTAssertNoThrow(try run.plan(), "\(args)") }
            if let once = r.command as? Bench.Once { XCTAssertNoThrow(try once.plan(), "\(args)") }
        }
        // The vectors explore both sides of validation.
        XCTAssertGreaterThan(codes[0, default: 0], Self.vectors / 20, "\(codes)")
        XCTAssertGreaterThan(codes[64, default: 0], Self.vectors / 2, "\(codes)")
        XCTAssertEqual(snapshot(dir), before.0, "files in the scratch folder changed")
        XCTAssertEqual(snapshot(ProjectRoot.path), before.1, "files in the project changed")
    }
}
