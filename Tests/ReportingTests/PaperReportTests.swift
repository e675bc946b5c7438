import Foundation
import XCTest
@testable import Reporting

final class PaperReportTests: XCTestCase {
    private func paperCopy() throws -> (paper: String, summary: String) {
        let dir = try Fixture.scratch(self)
        let results = try Fixture.copyResults(to: dir)
        let paper = dir + "/PAPER.md"
        try FileManager.default.copyItem(atPath: Fixture.directory + "/PAPER.md", toPath: paper)
        return (paper, results + "/summary.csv")
    }

    /// The text outside the generated regions, with each region's body elided.
    private func prose(_ text: String) -> String {
        var out: [String] = []
        var inside = false
        for line in text.components(separatedBy: "\n") {
            if line.contains("<!-- END GENERATED:") { inside = false }
            if !inside { out.append(line) }
            if line.contains("<!-- BEGIN GENERATED:") { inside = true }
        }
        return out.joined(separator: "\n")
    }

    func testRegenerateFillsRegionsAndIsIdempotent() throws {
        let (paper, summary) = try paperCopy()
        let before = try read(paper)
        XCTAssertTrue(try PaperReport.regenerate(paperPath: paper, summaryCSV: summary))
        let once = try read(paper)
        XCTAssertFalse(try PaperReport.regenerate(paperPath: paper, summaryCSV: summary), "second run changes nothing")
        XCTAssertEqual(try read(paper), once)

        XCTAssertEqual(prose(once), prose(before), "prose outside markers untouched")
        XCTAssertTrue(once.hasSuffix("Closing prose, no trailing newline after this line."))
        XCTAssertTrue(once.contains("trailing spaces   \nand | pipes |"))
        XCTAssertFalse(once.contains("stale content"))

        // headline: k = 8 reference cells, CI, stars, allocs, failed cells named.
        XCTAssertTrue(once.contains("| workload | strategy | ns/op fastest [95 % CI] | instructions/op | vs none | allocs/op |"))
        XCTAssertTrue(once.contains("rows with storages = 8; request-server at concurrency = 100, context-churn at run_rate = 0.1"))
        XCTAssertNotNil(once.range(of: #"\| promise-chain \| hook-map-copy \| [0-9.]+ \[[0-9.]+, [0-9.]+\] \| [0-9.]+ \| 1\.[0-9]+×\*\*\* \| 2\.16 \|"#, options: .regularExpression))
        XCTAssertTrue(once.contains("_Source: `\(summary)` (run `fixture-20261121T0900Z`)"))
        // scaling: a slope per workload × strategy.
        XCTAssertNotNil(once.range(of: #"\| run-enter \| frame-ref \| 2\.[12][0-9]* \|"#, options: .regularExpression))
        // crossover: none at k = 1, a number at k = 8.
        XCTAssertTrue(once.contains("At k = 1: no crossover in the measured range (run_rate 0 – 1); hook-map-copy is faster throughout."))
        XCTAssertNotNil(once.range(of: #"At k = 8: hook-map-copy and continuation-slot cross at run_rate ≈ 0\.1[5-9][0-9]* \("#, options: .regularExpression))
        // latency, memory, environment, model vs real.
        XCTAssertTrue(once.contains("| concurrency | strategy | p50 (µs) | p99 (µs) | p99.9 (µs) |"))
        XCTAssertTrue(once.contains("Retained bytes per pending request:"))
        XCTAssertTrue(once.contains("| host | fixture-host |"))
        XCTAssertTrue(once.contains("| deno |") || once.contains(" deno |"))
    }

    func testMissingRealResultsSayso() throws {
        let (paper, summary) = try paperCopy()
        _ = try PaperReport.regenerate(paperPath: paper, summaryCSV: summary, extraSources: ["real": "/nonexistent/real/summary.csv"])
        XCTAssertTrue(try read(paper).contains("_No real-runtime results: `/nonexistent/real/summary.csv` not found._"))
    }

    func testUnknownRegionListsKnownNames() throws {
        let (paper, summary) = try paperCopy()
        try AtomicFile.write("intro\n<!-- BEGIN GENERATED: tables -->\n<!-- END GENERATED: tables -->\n", to: paper)
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: summary)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix(paper + ":2: unknown generated region \"tables\""), message)
            for name in ["headline", "scaling", "crossover", "latency", "memory"] {
                XCTAssertTrue(message.contains(name), message)
            }
        }
        XCTAssertEqual(try read(paper), "intro\n<!-- BEGIN GENERATED: tables -->\n<!-- END GENERATED: tables -->\n", "untouched on error")
    }

    func testUnbalancedMarkersAreErrors() throws {
        let (paper, summary) = try paperCopy()
        let cases = [
            "<!-- BEGIN GENERATED: headline -->\nno end\n": ":1: BEGIN GENERATED: headline has no END",
            "x\n<!-- END GENERATED: headline -->\n": ":2: END GENERATED: headline without a matching BEGIN",
            "<!-- BEGIN GENERATED: headline -->\n<!-- BEGIN GENERATED: scaling -->\n": ":2: BEGIN GENERATED: scaling inside region",
            "<!-- BEGIN GENERATED: headline -->\n<!-- END GENERATED: scaling -->\n": ":2: END GENERATED: scaling closes region \"headline\"",
        ]
        for (text, expected) in cases {
            try AtomicFile.write(text, to: paper)
            XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: summary)) { error in
                XCTAssertEqual((error as? ReportingError)?.kind, .paperMarkers)
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    /// Issue 14: a paper without markers is refused (it used to report "already up to date"), and left unchanged.
    func testPaperWithoutMarkersIsRefusedAndUnchanged() throws {
        let (paper, summary) = try paperCopy()
        try AtomicFile.write("# Just prose\n", to: paper)
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: summary)) { error in
            XCTAssertEqual((error as? ReportingError)?.kind, .paperMarkers)
        }
        XCTAssertEqual(try read(paper), "# Just prose\n")
    }

    func testMissingSummaryIsAnError() throws {
        let (paper, _) = try paperCopy()
        XCTAssertThrowsError(try PaperReport.regenerate(paperPath: paper, summaryCSV: "/nonexistent/summary.csv")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/summary.csv: no such file")
        }
    }
}
