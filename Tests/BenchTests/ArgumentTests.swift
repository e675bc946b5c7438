import ArgumentParser
import Foundation
import XCTest
@testable import bench
import Measurement
@testable import Workloads
@testable import SemanticOracle
@testable import Suites

/// Issue 14's reproductions: each bad argument gives a clear message and exit
/// 64 (usage) before any work; none crashes.
final class ArgumentTests: XCTestCase {
    private func usage(_ args: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = parseOutcome(args)
        XCTAssertEqual(r.code, 64, "\(args): \(r.message)", file: file, line: line)
        XCTAssertTrue(r.message.contains(expected), "\(args): \(r.message)", file: file, line: line)
    }

    private func runPlan(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> RunPlan {
        let r = parseOutcome(args)
        XCTAssertEqual(r.code, 0, r.message, file: file, line: line)
        return try XCTUnwrap(r.command as? Bench.Run, file: file, line: line).plan()
    }

    func testDuplicateStrategiesAreMeasuredOnceWithAWarning() throws {
        // Was: precondition failure in Sampler.swift (exit 132).
        let plan = try runPlan(["run", "--suite", "quick", "--strategy", "hook-map-copy", "hook-map-copy"])
        XCTAssertEqual(plan.selection.strategies, ["none", "hook-map-copy"])
        XCTAssertTrue(plan.warnings.contains("bench: --strategy lists hook-map-copy more than once; using it once"), "\(plan.warnings)")
        let w = try runPlan(["run", "--suite", "quick", "--workload", "get-store", "get-store", "--storages", "1", "1"])
        XCTAssertEqual(w.selection.cells.count, 1)
        XCTAssertEqual(w.warnings.count, 2, "\(w.warnings)")
    }

    func testRepetitionsOutOfRange() {
        // Was: arithmetic overflow in Sampler.swift; 1e12 ran until killed; -1 said "Missing value".
        usage(["run", "--reps", "9223372036854775807"], "--reps must be in 1…1000, got 9223372036854775807")
        usage(["run", "--reps", "1000000000000"], "--reps must be in 1…1000, got 1000000000000")
        usage(["run", "--reps", "-1"], "--reps must be in 1…1000, got -1")
        usage(["run", "--reps", "0"], "--reps must be in 1…1000, got 0")
        usage(["run", "--reps", "abc"], "--reps must be an integer, got 'abc'")
        usage(["run", "--reps", "99999999999999999999999"], "--reps must be an integer")
    }

    func testOneRepetitionWarns() throws {
        let plan = try runPlan(["run", "--suite", "quick", "--reps", "1"])
        XCTAssertTrue(plan.warnings.contains { $0.contains("--reps 1: with fewer than 3 repetitions the 95 % confidence intervals are degenerate") }, "\(plan.warnings)")
    }

    func testSeedMustBeNonNegative() {
        usage(["run", "--seed=-1"], "--seed must be a non-negative integer in 0…18446744073709551615, got '-1'")
        usage(["run", "--seed", "-1"], "non-negative")
        usage(["run", "--seed", "18446744073709551616"], "non-negative")
    }

    func testValidateStoragesRange() {
        // Was: "Range requires lowerBound <= upperBound"; segfault at 100000; 5000 ran for minutes.
        usage(["validate", "--storages=-1"], "--storages must be in 0…256, got -1")
        usage(["validate", "--storages", "-1"], "--storages must be in 0…256, got -1")
        usage(["validate", "--storages", "100000"], "--storages must be in 0…256, got 100000")
        usage(["validate", "--storages", "5000"], "--storages must be in 0…256, got 5000")
        usage(["validate", "--semantics-out", ""], "--semantics-out must name a file")
        usage(["validate", "--semantics-out", "README.md"], "refusing --semantics-out README.md: it exists and is not a semantics CSV")
        usage(["validate", "--semantics-out", "Sources"], "it is a folder")
        XCTAssertEqual(parseOutcome(["validate"]).code, 0)
    }

    func testRunStoragesRange() {
        usage(["run", "--storages=-1"], "--storages must be in 0…4096, got -1")
        usage(["run", "--storages", "100000"], "--storages must be in 0…4096, got 100000")
    }

    func testOnceRangesAndInapplicableOptions() {
        usage(["once", "--ops=1000000000000"], "--ops must be in 1…10000000, got 1000000000000")
        usage(["once", "--ops", "0"], "--ops must be in 1…10000000, got 0")
        usage(["once", "--storages", "100000"], "--storages must be in 0…256, got 100000")
        usage(["once", "--workload", "await-loop", "--concurrency", "5"], "--concurrency applies only to --workload request-server, not await-loop")
        usage(["once", "--workload", "await-loop", "--run-rate", "0.5"], "--run-rate applies only to --workload context-churn, not await-loop")
        usage(["once", "--workload", "request-server", "--concurrency", "0"], "--concurrency must be in 1…100000, got 0")
        usage(["once", "--workload", "context-churn", "--run-rate", "2"], "--run-rate must be in 0…1, got 2.0")
        usage(["once", "--workload", "context-churn", "--run-rate", "nan"], "--run-rate must be in 0…1")
        XCTAssertEqual(parseOutcome(["once", "--workload", "request-server", "--concurrency", "5"]).code, 0)
    }

    func testOnceErrorsPrintOnceUsage() {
        // Was: "Usage: bench <subcommand>".
        usage(["once", "--workload", "nosuch"], "The value 'nosuch' is invalid for '--workload <workload>'. Please provide one of the following:\n  - promise-chain")
        usage(["once", "--workload", "nosuch"], "Usage: bench once")
        // Strategy ids are parsed against the registry (StrategyID), so the
        // parser names the bad value and lists every registered id.
        usage(["once", "--strategy", "nosuch"], "The value 'nosuch' is invalid for '--strategy <strategy>'")
        for id in StrategyCatalog.allMeasurableIDs { usage(["once", "--strategy", "nosuch"], id) }
        usage(["run", "--strategy", "none", "nosuch"], "The value 'nosuch' is invalid for '--strategy <strategy>'")
    }

    func testHelpForAnUnknownSubcommandExits64() {
        usage(["help", "nosuch"], "no such subcommand 'nosuch'; subcommands: run, list, validate, once, plot, report, frames-report")
        XCTAssertEqual(parseOutcome(["help", "run"]).code, 0)
    }

    func testPlotUnknownSuiteExits64() {
        usage(["plot", "--suite", "nosuch"], "unknown suite 'nosuch'; valid suites: quick, standard, full, frames, baseline")
        usage(["plot", "--results", ""], "--results must name a folder")
    }

    func testFiltersSelectingNoCellListTheSuitesValues() {
        usage(["run", "--suite", "quick", "--storages", "64"],
              "the filters select no cell: suite 'quick' has workloads promise-chain, await-loop")
        usage(["run", "--suite", "quick", "--storages", "64"], "and storages 1, 8")
        usage(["run", "--suite", "baseline", "--workload", "await-loop"], "suite 'baseline' has workloads promise-chain, timer-burst and storages 0")
    }

    func testRunHelpSaysWhatOutReplacesAndTheDefaults() {
        let help = Bench.helpMessage(for: Bench.Run.self, columns: 10_000)
        XCTAssertTrue(help.contains("that folder is REPLACED, atomically; anything else is refused before any work. Charts then go to <out>/charts."), help)
        XCTAssertTrue(help.contains("default: the suite's: quick 3, standard 21, full 10, frames 21, baseline 10"), help)
        XCTAssertTrue(help.contains("Results/custom/<run-id>"), help)
        XCTAssertTrue(help.contains("0…18446744073709551615"), help)
        let once = Bench.helpMessage(for: Bench.Once.self, columns: 10_000)
        XCTAssertTrue(once.contains("Operations, 1…10000000"), once)
        XCTAssertTrue(once.contains("request-server only"), once)
    }

    func testListPluralises() {
        XCTAssertEqual(plural(1, "strategy", "strategies"), "1 strategy")
        XCTAssertEqual(plural(5, "strategy", "strategies"), "5 strategies")
        XCTAssertEqual(plural(1, "cell"), "1 cell")
    }

    func testBaselineRatioOnTheConsoleMatchesTheCSV() throws {
        // The console printed 1 where summary.csv leaves ratio_vs_none empty for `none`.
        let none = CellResult(spec: CellSpec(.getStore, WorkloadParameters(storages: 8, ops: 10)), strategy: "none", status: .ok, outcome: nil)
        let table = SummaryTable.render([none])
        let row = try XCTUnwrap(table.components(separatedBy: "\n").last)
        XCTAssertTrue(row.contains("baseline"), row)
        XCTAssertFalse(row.contains(" 1 "), row)
        let metadata = RunMetadata.collect(seed: 1, commandLine: [], buildConfiguration: "test", workingDirectory: "/")
        let csv = ResultsWriter(runID: "r", results: [none], metadata: metadata, suite: .quick).summary()
        XCTAssertEqual(csv.rows[0][csv.column("ratio_vs_none")!], "")
    }
}
