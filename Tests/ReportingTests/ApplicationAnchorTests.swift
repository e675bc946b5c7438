import Foundation
import XCTest
@testable import Reporting

/// The anchor's statistics: runs read from service.cjs's output, the ALS
/// overhead paired by repetition, and what the replay makes of an overhead
/// the runs did not resolve.
final class ApplicationAnchorTests: XCTestCase {
    private func sample(_ runtime: ApplicationAnchor.Runtime, _ repetition: Int, cpuPerRequest: Double,
                        app: ApplicationAnchor.App = .express, concurrency: Int = 10) -> ApplicationAnchor.Sample {
        ApplicationAnchor.Sample(app: app, concurrency: concurrency, runtime: runtime, repetition: repetition, requests: 1000,
                                 cpuNanos: cpuPerRequest * 1000, wallNanos: 2e9, latencyP50Nanos: 5e5, latencyP99Nanos: 9e5)
    }

    private func row(_ table: CSVTable, _ runtime: ApplicationAnchor.Runtime) throws -> [String: String] {
        let r = try XCTUnwrap(table.rows.first { $0[table.column("runtime")!] == runtime.rawValue }, "no \(runtime.rawValue) row")
        return Dictionary(uniqueKeysWithValues: zip(table.header, r))
    }

    func testParsesTheServicesResultLineAndNamesAMissingField() throws {
        let output = """
        some log line
        {"app":"express","requests":2000,"cpu_ns":600000000,"wall_ns":500000000,"cpu_ns_per_request":300000,"latency_p50_ns":2500000,"latency_p99_ns":7000000}
        """
        let s = try ApplicationAnchor.Sample.parse(output, app: .express, concurrency: 10, runtime: .node24Hooks, repetition: 2)
        XCTAssertEqual(s.requests, 2000)
        XCTAssertEqual(s.cpuPerRequest, 300_000)
        XCTAssertEqual(s.requestsPerSecond, 4000)
        XCTAssertEqual(s.repetition, 2)
        XCTAssertThrowsError(try ApplicationAnchor.Sample.parse(#"{"requests":2000,"wall_ns":1}"#, app: .express, concurrency: 1,
                                                               runtime: .node20, repetition: 0)) { error in
            XCTAssertTrue("\(error)".contains("cpu_ns missing"), "\(error)")
        }
        XCTAssertThrowsError(try ApplicationAnchor.Sample.parse("no json here", app: .express, concurrency: 1, runtime: .node20, repetition: 0))
    }

    func testOverheadIsThePairedDifferenceOfTheSameRepetition() throws {
        // The machine drifts by 100 µs between repetitions; ALS adds 10 µs in each.
        // Unpaired medians would see the drift, the paired difference does not.
        let drift: [Double] = [300_000, 400_000, 320_000, 380_000, 350_000]
        var samples: [ApplicationAnchor.Sample] = []
        for (rep, base) in drift.enumerated() {
            samples.append(sample(.node24WithoutALS, rep, cpuPerRequest: base))
            samples.append(sample(.node24Hooks, rep, cpuPerRequest: base + 10_000))
            samples.append(sample(.node24Frame, rep, cpuPerRequest: base + (rep.isMultiple(of: 2) ? 3_000 : -3_000)))
        }
        let table = ApplicationAnchor.summaryTable(samples, seed: 42)
        XCTAssertEqual(table.header, ApplicationAnchor.columns)
        XCTAssertEqual(table.rows.count, 3)
        let hooks = try row(table, .node24Hooks)
        XCTAssertEqual(hooks["reps"], "5")
        XCTAssertEqual(hooks["als_overhead_ns_per_request"], "10000")
        XCTAssertEqual(hooks["als_overhead_ci_low"], "10000")
        XCTAssertEqual(hooks["als_overhead_ci_high"], "10000")
        XCTAssertEqual(hooks["als_overhead_baseline"], "node24-noals")
        XCTAssertEqual(hooks["cpu_ns_per_request"], "360000")
        XCTAssertEqual(hooks["cpu_ns_per_request_min"], "310000")
        let without = try row(table, .node24WithoutALS)
        XCTAssertEqual(without["als_overhead_ns_per_request"], "", "the ALS-removed run has no overhead of its own")
        XCTAssertEqual(without["als_overhead_baseline"], "")

        // The same table read back by the replay: the hooks strategy gets the hooks run's
        // overhead (resolved), continuation-slot the frame run's (its interval spans zero).
        let dir = try Fixture.scratch(self)
        try AtomicFile.write(table.encoded(), to: dir + "/anchor.csv")
        let anchor = try ReplayReport.Anchor(path: dir + "/anchor.csv")
        XCTAssertEqual(anchor.cpuPerRequest(app: "express", concurrency: "10"), 350_000)
        let measuredHooks = try XCTUnwrap(anchor.measuredOverhead(app: "express", concurrency: "10", strategy: "hook-map-copy"))
        XCTAssertEqual(measuredHooks.value, 10_000)
        XCTAssertTrue(measuredHooks.isResolved)
        let measuredFrame = try XCTUnwrap(anchor.measuredOverhead(app: "express", concurrency: "10", strategy: "continuation-slot"))
        XCTAssertLessThan(measuredFrame.ciLow, 0)
        XCTAssertGreaterThan(measuredFrame.ciHigh, 0)
        XCTAssertFalse(measuredFrame.isResolved)
        XCTAssertNil(anchor.measuredOverhead(app: "express", concurrency: "100", strategy: "hook-map-copy"), "no such run")
        XCTAssertNil(anchor.measuredOverhead(app: "express", concurrency: "10", strategy: "none"), "none models no Node mode")
    }

    func testTwoRepetitionsGiveNoIntervalAndSoNoResolvedOverhead() throws {
        let samples = (0..<2).flatMap { rep in
            [sample(.node24WithoutALS, rep, cpuPerRequest: 300_000), sample(.node24Hooks, rep, cpuPerRequest: 320_000)]
        }
        let table = ApplicationAnchor.summaryTable(samples, seed: 42)
        let hooks = try row(table, .node24Hooks)
        XCTAssertEqual(hooks["als_overhead_ns_per_request"], "20000")
        XCTAssertEqual(hooks["als_overhead_ci_low"], "")
        XCTAssertEqual(hooks["als_overhead_ci_high"], "")
        let dir = try Fixture.scratch(self)
        try AtomicFile.write(table.encoded(), to: dir + "/anchor.csv")
        let measured = try XCTUnwrap(ReplayReport.Anchor(path: dir + "/anchor.csv").measuredOverhead(app: "express", concurrency: "10", strategy: "hook-map-copy"))
        XCTAssertFalse(measured.isResolved)
    }

    func testAnAnchorWithoutTheOverheadColumnsIsRefusedByName() throws {
        let dir = try Fixture.scratch(self)
        try AtomicFile.write("app,concurrency,runtime,reps,cpu_ns_per_request\nexpress,10,node24-noals,3,300000\n", to: dir + "/anchor.csv")
        XCTAssertThrowsError(try ReplayReport.Anchor(path: dir + "/anchor.csv")) { error in
            XCTAssertTrue("\(error)".contains("als_overhead_ns_per_request"), "\(error)")
        }
    }

    func testThePaperSaysUnresolvedInsteadOfARatioAgainstNoise() throws {
        let dir = try Fixture.scratch(self)
        var table = CSVTable(header: ReplayReport.summaryColumns)
        func add(_ strategy: String, _ fields: [String: String]) {
            var f = fields
            f["app"] = "express"; f["concurrency"] = "10"; f["strategy"] = strategy; f["status"] = "ok"
            table.append(ReplayReport.summaryColumns.map { f[$0] ?? "" })
        }
        add("none", ["overhead_ns_per_request": "0"])
        add("hook-map-copy", ["overhead_ns_per_request": "9000", "overhead_ci_low": "8500", "overhead_ci_high": "9500",
                              "overhead_instructions_per_request": "31000", "measured_overhead_ns_per_request": "12000",
                              "measured_overhead_ci_low": "8000", "measured_overhead_ci_high": "16000", "predicted_vs_measured": "0.75"])
        add("continuation-slot", ["overhead_ns_per_request": "900", "overhead_ci_low": "500", "overhead_ci_high": "1300",
                                  "measured_overhead_ns_per_request": "2000",
                                  "measured_overhead_ci_low": "-5000", "measured_overhead_ci_high": "9000"])
        // The anchor resolved this one, the replay did not: no ratio either.
        add("hook-map-copy-node20", ["overhead_ns_per_request": "400", "overhead_ci_low": "-100", "overhead_ci_high": "900",
                                     "measured_overhead_ns_per_request": "12000",
                                     "measured_overhead_ci_low": "8000", "measured_overhead_ci_high": "16000"])
        try AtomicFile.write(table.encoded(), to: dir + "/summary.csv")
        let section = try ReplayReport.paperSection(summaryPath: dir + "/summary.csv")
        XCTAssertTrue(section.contains("| `hook-map-copy` | 9000 [8500, 9500] | 31000 |"), section)
        XCTAssertTrue(section.contains("| 12000 [8000, 16000] | 0.75 |"), section)
        XCTAssertTrue(section.contains("| 400 [-100, 900] | — |"), section)
        XCTAssertTrue(section.contains("| 12000 [8000, 16000] | replay unresolved |"), section)
        XCTAssertTrue(section.contains("| 2000 [-5000, 9000] | unresolved |"), section)
        XCTAssertTrue(section.contains("express c=10 `hook-map-copy`: 0.75× (within 1.5×)"), section)
        XCTAssertTrue(section.contains("Not resolved (the anchor's interval, or where marked the replay's, contains zero): express c=10 `continuation-slot`; express c=10 `hook-map-copy-node20` (the replay's interval)."), section)
    }
}
